"""What checks ask the browser for beyond each page's own load, and what they get back.

A check names the captures it needs (`needs`) and may configure them by returning typed
requests from `capture_requests()` (the defaults below are the only ones). Page captures run
inside every loaded page (axe, performance, controls, devices); site captures run once per
run, beside or after the crawl (link-status, click-probe, remeasure, site-probe,
device-pass). Their typed results are read through `PageSnapshot` and `SiteSnapshot`
properties (the devices' results are in cxcheck/device_views.py). Plain data, no
browser: the code that fills them is under crawl/.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar, Literal

from cxcheck.device_views import BUILT_IN, Device

# ---- requests -------------------------------------------------------------------------


@dataclass(frozen=True)
class AxeRequest:
    """axe-core in every frame of the page: its `context` (include/exclude) and `options`."""

    name: ClassVar[str] = "axe"
    context: Mapping[str, Any] | None = None
    options: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class PerformanceRequest:
    """What a customer waits for: watched until the page is still for `quiet_ms` after load."""

    name: ClassVar[str] = "performance"
    quiet_ms: int = 500
    max_wait_ms: int = 3000


@dataclass(frozen=True)
class ControlsRequest:
    """What can be clicked that is not an ordinary link, and who listens for it."""

    name: ClassVar[str] = "controls"


@dataclass(frozen=True)
class LinkStatusRequest:
    """The status of what no page load showed: links to other sites, files never loaded,
    forms' addresses and pages past the budget, each asked once (HEAD, then GET)."""

    name: ClassVar[str] = "link-status"
    external: bool = True  # also links to other sites, not only the site's own
    include: tuple[str, ...] = ()  # links to other sites to check, as globs (empty: all)
    exclude: tuple[str, ...] = ()  # links to other sites never to check, as globs
    timeout_s: float = 10.0  # per request
    per_host: int = 2  # requests in flight per host at most
    retries: int = 2  # extra tries on 429/503; a host that timed out is not asked again
    budget_s: float = 120.0  # how long the checks may go on once the crawl is done
    max_retry_wait_s: float = 10.0  # a longer Retry-After means "could not verify"


@dataclass(frozen=True)
class ClickProbeRequest:
    """Click controls that have a listener, in a guarded tab, and note what happens."""

    name: ClassVar[str] = "click-probe"
    enabled: bool = False  # also on with `--click-probe` for the run
    avoid: tuple[str, ...] = ()  # never click a control whose words contain one of these
    max_controls: int = 40


@dataclass(frozen=True)
class RemeasureRequest:
    """Load again, alone, the pages the asking check judges worth it (the contract's
    `worth_measuring` and `close_call`, cxcheck/contract.py), and give their medians."""

    name: ClassVar[str] = "remeasure"
    samples: int = 3  # 0: judge on the crawl's own load
    max_samples: int = 5  # loads at most, when the median of `samples` is a close call
    quiet_ms: int = 500
    max_wait_ms: int = 3000


@dataclass(frozen=True)
class SiteProbeRequest:
    """robots.txt, a made-up address and the favicon, asked once per site."""

    name: ClassVar[str] = "site-probe"


@dataclass(frozen=True)
class TrafficRequest:
    """What each page asked for while it loaded and which cookies it got (cxcheck/traffic.py)."""

    name: ClassVar[str] = "traffic"


@dataclass(frozen=True)
class SiteTrafficRequest:
    """The pages' traffic added up for the run, and the browser's cookie jar at the end."""

    name: ClassVar[str] = "site-traffic"


@dataclass(frozen=True)
class ExposureProbeRequest:
    """The well-known paths that should never be public, asked once per site, GET only
    (cxcheck/exposure.py)."""

    name: ClassVar[str] = "exposure-probe"
    enabled: bool = True  # False: no request of the capture's own


@dataclass(frozen=True)
class DevicesRequest:
    """Each page measured in the crawl's window: what sticks out of the screen or of its
    box, tap targets and text size (on touch screens), pictures, and the DOM's shape."""

    name: ClassVar[str] = "devices"
    exclude: tuple[str, ...] = ()  # CSS selectors left out
    min_target: int = 24  # CSS px (WCAG 2.5.8)
    min_text: float = 12.0  # CSS px, on phones


# Words on controls that opening menus before judging what is reachable never clicks.
NEVER_CLICKED = (
    "delete",
    "remove",
    "pay",
    "buy",
    "order",
    "checkout",
    "check out",
    "log out",
    "logout",
    "sign out",
    "signout",
    "subscribe",
    "submit",
    "send",
    "add to",
    "cancel",
)


@dataclass(frozen=True)
class DevicePassRequest:
    """Pages loaded again on every device, at the widths between, with menus opened."""

    name: ClassVar[str] = "device-pass"
    devices: tuple[Device, ...] = tuple(BUILT_IN.values())  # narrowest first
    sample: str = "template"  # or "all": every page on every device
    breakpoints: bool = True  # also 320 px and both sides of each breakpoint
    max_widths: int = 24  # widths between the devices, per page, at most
    exclude: tuple[str, ...] = ()
    min_target: int = 24
    min_text: float = 12.0
    avoid: tuple[str, ...] = NEVER_CLICKED
    similarity: float = 0.8  # pages whose DOM shapes overlap this much share a template
    workers: int = 2
    load_timeout_s: float = 30.0


CaptureRequest = (
    AxeRequest
    | PerformanceRequest
    | ControlsRequest
    | TrafficRequest
    | LinkStatusRequest
    | ClickProbeRequest
    | RemeasureRequest
    | SiteProbeRequest
    | SiteTrafficRequest
    | ExposureProbeRequest
    | DevicesRequest
    | DevicePassRequest
)
REQUEST_TYPES: Mapping[str, type[CaptureRequest]] = {
    cls.name: cls
    for cls in (
        PerformanceRequest,  # page captures in the order they run: measuring first
        AxeRequest,
        ControlsRequest,
        TrafficRequest,
        DevicesRequest,
        LinkStatusRequest,  # site captures in the order they finish: re-measuring last
        ClickProbeRequest,
        SiteProbeRequest,
        SiteTrafficRequest,
        ExposureProbeRequest,
        DevicePassRequest,
        RemeasureRequest,
    )
}
PAGE_CAPTURES = frozenset({"performance", "axe", "controls", "traffic", "devices"})

# ---- results --------------------------------------------------------------------------


Handler = Literal["own", "inside", "ancestor", "page", ""]


@dataclass(frozen=True)
class Control:
    """A clickable-looking element that is not a plain link, and what makes it act."""

    tag: str
    text: str
    selector: str
    reason: str  # button, role=button, cursor:pointer, link without href, placeholder href
    handler: Handler = ""  # who listens: it, a child, a wrapper, the whole page, or nobody
    role: str = ""
    region: str = ""  # nav, header, footer or "" (main content)
    href: str | None = None  # the href attribute as written; None when there is none
    acts: bool = False  # HTML makes it act without scripts: submits a form, opens a popover...
    disabled: bool = False
    in_shadow: bool = False
    attrs: str = ""  # id, class, name, aria-label, title, value and data-* values, for word lists

    @property
    def inert(self) -> bool:
        """Nothing at all would happen on a click: no listener anywhere, no built-in action."""
        return not self.handler and not self.acts and not self.disabled


@dataclass(frozen=True)
class Resource:
    """One file the page loaded, and what it weighed on the wire."""

    url: str
    type: str  # document, script, stylesheet, image, font, media, other
    bytes: int


@dataclass(frozen=True)
class LongTask:
    """A stretch of over 50 ms when the page could not answer a click or key."""

    start_ms: float
    duration_ms: float


@dataclass(frozen=True)
class PageMetrics:
    """What a customer waited for on one load of one page (milliseconds from navigation)."""

    ttfb_ms: float | None = None
    fcp_ms: float | None = None
    lcp_ms: float | None = None
    lcp_selector: str = ""  # the element that painted last (the hero image, the heading)
    lcp_url: str = ""  # its image, when it is one
    cls: float = 0.0
    shifted: tuple[str, ...] = ()  # selectors of the elements that moved most
    tbt_ms: float = 0.0
    long_tasks: tuple[LongTask, ...] = ()
    load_ms: float | None = None
    requests: int = 0
    bytes: int = 0
    bytes_by_type: Mapping[str, int] = field(default_factory=dict)
    largest: tuple[Resource, ...] = ()
    samples: int = 1  # loads these figures come from (medians when more than one)

    @property
    def blocking_from_start_ms(self) -> float:
        """Blocking time counted from navigation start, not from first paint as TBT is: on a
        busy machine first paint can come late and hide a long task from TBT."""
        return sum(max(0.0, task.duration_ms - 50) for task in self.long_tasks)


@dataclass(frozen=True)
class UrlStatus:
    """What checking one URL found."""

    url: str
    status: int | None = None  # final HTTP status after redirects; None when no answer
    error: str = ""  # plain words when there was no usable answer
    method: str = "HEAD"  # the method whose answer counts
    attempts: int = 1

    @property
    def answered(self) -> bool:
        """The host answered with an HTTP status."""
        return self.status is not None


@dataclass(frozen=True)
class ProbeResult:
    """One control clicked once, on the first page it was seen on."""

    selector: str
    text: str
    pages: tuple[str, ...]  # every page the same control is on
    effects: tuple[str, ...] = ()  # what happened; empty: nothing at all
    error: str = ""  # why it could not be clicked (then nothing is concluded)

    @property
    def dead(self) -> bool:
        """Clicked, and nothing at all happened."""
        return not self.error and not self.effects


@dataclass(frozen=True)
class ProbeAnswer:
    """What one probe request got back."""

    url: str
    status: int | None = None  # final status after redirects; None when nothing answered
    final_url: str = ""
    content_type: str = ""
    body: str = ""  # the first 200,000 characters, text
    error: str = ""


@dataclass(frozen=True)
class SiteProbe:
    """The answers of one run's probe; a request not made (out of scope, not needed) is None."""

    robots: ProbeAnswer | None = None
    made_up: ProbeAnswer | None = None
    favicon: ProbeAnswer | None = None
    icon_declared: bool = False  # some page links an icon (<link rel="icon">)
    navigation: tuple[str, ...] = ()  # where the first page's menu, header and footer link
    start_url: str = ""
    # robots.txt read as the major search engines' crawlers and every other one ("*") read
    # it: does any of them may fetch the home page or the start page?
    robots_lets_crawlers_in: bool = True
