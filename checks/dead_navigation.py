"""dead-navigation: every link, control and file a customer can hit works.

Rules (default severity; change one with `[checks.dead-navigation] severity = {...}`):
- `broken-link` (major; blocker in the site's menu, header or footer): a link to a page of
  the site that answers 4xx/5xx or cannot be loaded.
- `broken-asset` (major for images, stylesheets and scripts; minor for fonts, media, frames
  and the rest): a file the page loads, or names in src/srcset/href or its CSS, is missing.
- `broken-anchor` (minor): a link to `page#part` where the page has no element `part`.
- `placeholder-link` (major in the menu, header or footer; minor elsewhere): a link whose
  address is `#`, empty or `javascript:void(0)` and that no script handles.
- `dead-control` (major): a button or clickable-looking element that nothing listens to
  (read with the browser's own event-listener inspection), or, with `click_probe`, that
  did nothing at all when clicked.
- `soft-404` (major): a page that answers 200 but says "Page not found".
- `redirect-chain` (minor; major for a loop): a link that goes through 2+ redirects.
- `external-link` (minor when the page is gone (404/410); info when it could not be
  verified: no answer, 5xx, refused to bots): a link to another site.
- `insecure-link` (major for scripts, stylesheets, frames and forms; minor for links and
  images): plain `http://` on an `https://` page.
- `malformed-link` (minor): a `mailto:`/`tel:` link without a valid address or number, or a
  mistyped web address (`htp://`, `http:/`, `www.` without a scheme).

Statuses can be re-judged per URL glob: `status = { "*" = { "403" = "ok" } }` (ok, warn or
error). Links a page's own load covers are judged from the crawl; links to other sites and
files no page loaded are checked once each, in the background (`external_*` options).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from typing import ClassVar, Literal
from urllib.parse import SplitResult, unquote, urldefrag, urlsplit

from checks.navigation import findings as found
from checks.navigation.link_syntax import malformed_reason
from checks.navigation.soft_404 import load_not_found_phrases, soft_404_evidence
from cxcheck.captures import (
    ClickProbeRequest,
    LinkStatusRequest,
    UrlStatus,
)
from cxcheck.contract import CheckContext
from cxcheck.findings import Finding, Severity
from cxcheck.snapshot import Link, PageRecord, PageSnapshot, SiteSnapshot
from cxcheck.urls import matches

Judgement = Literal["ok", "warn", "error"]
JUDGEMENTS = ("ok", "warn", "error")
REPORTED_RESOURCES = frozenset(
    {"image", "stylesheet", "script", "font", "media", "document", "manifest", "texttrack"}
)
# The page itself cancelled these (navigated on, lazy image no longer needed): not broken.
CANCELLED = ("ERR_ABORTED", "NS_BINDING_ABORTED")
ROUTE_FRAGMENT = ("/", "!")  # "#/products" is an app's route, not an element id
PROBE_AVOID = (
    *("delete", "remove", "pay", "buy", "purchase", "order", "checkout", "submit"),
    *("logout", "log out", "sign out", "signout", "unsubscribe", "cancel", "close account"),
)
# The captures' defaults are this check's defaults: declared once, in cxcheck/captures.py.
_LINKS, _PROBE = LinkStatusRequest(), ClickProbeRequest()


def _help(text: str) -> dict[str, str]:
    return {"help": text}


@dataclass(frozen=True)
class DeadNavigation:
    """Broken links, missing files, dead buttons and pages that only look alive."""

    name: ClassVar[str] = "dead-navigation"
    description: ClassVar[str] = (
        "Every link, button and file a customer can reach works and leads somewhere."
    )
    needs: ClassVar[frozenset[str]] = frozenset({"controls", "link-status", "click-probe"})
    area: ClassVar[str] = "navigation"
    rule_ids: ClassVar[frozenset[str]] = found.RULES.ids

    external: bool = field(
        default=_LINKS.external, metadata=_help("Check links to other sites too.")
    )
    external_timeout_s: float = field(
        default=_LINKS.timeout_s,
        metadata=_help("Give up on another site's answer after this long."),
    )
    external_per_host: int = field(
        default=_LINKS.per_host, metadata=_help("Requests in flight to one host at most.")
    )
    external_retries: int = field(
        default=_LINKS.retries, metadata=_help("Retries on 429/503 (honouring Retry-After).")
    )
    external_budget_s: float = field(
        default=_LINKS.budget_s,
        metadata=_help("Stop checking links this long after the crawl ends."),
    )
    external_include: tuple[str, ...] = field(
        default=(), metadata=_help('Only check external URLs matching these globs ("https://*").')
    )
    external_exclude: tuple[str, ...] = field(
        default=(), metadata=_help('Never check external URLs matching these ("*linkedin.com*").')
    )
    status: dict[str, dict[str, str]] = field(
        default_factory=dict,
        metadata=_help(
            'Re-judge statuses per URL glob: { "*" = { "403" = "ok" } } (ok, warn or error).'
        ),
    )
    not_found_phrases: tuple[str, ...] = field(
        default=(), metadata=_help('More "page not found" wording for soft-404.')
    )
    click_probe: bool = field(
        default=_PROBE.enabled,
        metadata=_help("Click controls that have a listener and report those that do nothing."),
    )
    probe_avoid: tuple[str, ...] = field(
        default=PROBE_AVOID,
        metadata=_help("Never click a control whose text or attributes contain one of these."),
    )
    probe_max_controls: int = field(
        default=_PROBE.max_controls,
        metadata=_help("Click at most this many distinct controls per run."),
    )

    def __post_init__(self) -> None:
        for pattern, codes in self.status.items():
            for code, verdict in codes.items():
                if not code.isdigit() or verdict not in JUDGEMENTS:
                    error = ValueError(
                        f'status: "{pattern}" {code} = "{verdict}": expected a status code '
                        f"and one of {', '.join(JUDGEMENTS)}"
                    )
                    error.key = "status"  # type: ignore[attr-defined]
                    raise error

    def capture_requests(self) -> tuple[LinkStatusRequest, ClickProbeRequest]:
        """What the link-status and click-probe captures should do, from this check's options."""
        links = LinkStatusRequest(
            external=self.external,
            include=self.external_include,
            exclude=self.external_exclude,
            timeout_s=self.external_timeout_s,
            per_host=self.external_per_host,
            retries=self.external_retries,
            budget_s=self.external_budget_s,
        )
        probe = ClickProbeRequest(self.click_probe, self.probe_avoid, self.probe_max_controls)
        return links, probe

    @cached_property
    def _phrases(self) -> tuple[str, ...]:
        return load_not_found_phrases(self.not_found_phrases)

    # ---- one page -------------------------------------------------------------------
    def check_page(self, page: PageSnapshot, ctx: CheckContext) -> Iterator[Finding]:
        """What one page shows: soft 404, failed files, dead controls, insecure or bad links."""
        if not page.is_html or page.error or (page.status or 200) >= 400:
            return
        evidence = soft_404_evidence(
            page.title, [(h.level, h.text) for h in page.headings], self._phrases
        )
        if evidence:
            yield found.soft_404(page, evidence)
        for failed in page.failed_requests:
            if failed.resource_type in REPORTED_RESOURCES and not failed.error.endswith(CANCELLED):
                yield found.failed_asset(page, failed, ctx)
        for control in page.controls:
            finding = found.control(page, control)
            if finding:
                yield finding
        address = urlsplit(page.final_url or page.url)
        for link in page.links:
            if address.scheme == "https" and _is_insecure(link, address):
                yield found.insecure(page, link)
            if link.kind in ("a", "area"):
                reason = malformed_reason(link.raw)
                if reason:
                    yield found.malformed(page, link, reason)

    # ---- the whole site ---------------------------------------------------------------
    def check_site(self, site: SiteSnapshot, ctx: CheckContext) -> Iterator[Finding]:
        """Problems that need other pages: link targets, anchors, external links, files."""
        verified = site.link_statuses
        for probe in site.probed_controls:
            if probe.dead:
                yield from (found.clicked_dead(page, probe) for page in probe.pages)
        linked_from = _pages_linking(site)
        # Pages the crawl's limits (max_pages, max_depth) left unrendered: their status only.
        unrendered = {site.key_of(u): s for u, s in verified.items() if ctx.is_internal(u)}
        for record in site.pages:
            if not (record.own and record.has_links):
                continue
            for link in record.links:
                url = urldefrag(link.href).url
                if link.kind in ("a", "area", "meta") and ctx.is_internal(url):
                    key = site.key_of(url)
                    if site.record_for(url) is None and key in unrendered:
                        yield from self._unrendered(record, link, unrendered[key], linked_from[key])
                    else:
                        yield from self._internal(record, link, site, linked_from[key])
                elif link.kind in ("a", "area") and url in verified:
                    yield from self._external(record, link, verified[url])
                elif link.asset and url in verified:
                    yield from self._verified_asset(record, link, verified[url], ctx)
                elif link.kind == "form" and url in verified:
                    yield from self._form_target(record, link, verified[url])

    def _internal(
        self, record: PageRecord, link: Link, site: SiteSnapshot, linked_from: int
    ) -> Iterator[Finding]:
        target = site.record_for(link.href)
        if target is None:
            return  # not crawled (excluded, robots, limits): nothing known about it
        if target.error_code == found.REDIRECT_LOOP:
            yield found.redirects(record, link, target)
            return
        if target.error or (target.status or 0) >= 400:
            # A page that failed (or never finished) is judged on that, not on its status.
            status, error = (None, target.error) if target.error else (target.status, "")
            judged = self._judge(link.href, status, internal=True)
            if judged != "ok":
                yield found.broken_link(record, link, status, error, linked_from, judged)
            return
        # Only a link to the redirecting address itself, not to the page it lands on.
        if len(target.redirects) >= 2 and site.key_of(target.url) == site.key_of(link.href):
            yield found.redirects(record, link, target)
        fragment = unquote(urlsplit(link.href).fragment)
        # Anchors are known for rendered pages only: scripts add ids that HTML alone lacks.
        rendered = target.is_html and target.rendered
        if "#" in link.raw and rendered and not _anchor_exists(fragment, target.anchors):
            yield found.broken_anchor(record, link, fragment)

    def _unrendered(
        self, record: PageRecord, link: Link, answer: UrlStatus, linked_from: int
    ) -> Iterator[Finding]:
        """A link to a page the crawl did not render: judged on the status it answered."""
        judged = self._judge(link.href, answer.status, internal=True)
        if judged != "ok":
            yield found.broken_link(record, link, answer.status, answer.error, linked_from, judged)

    def _verified_asset(
        self, record: PageRecord, link: Link, answer: UrlStatus, ctx: CheckContext
    ) -> Iterator[Finding]:
        internal = ctx.is_internal(answer.url)
        judged = self._judge(answer.url, answer.status, internal=internal)
        if judged == "ok" or (not internal and judged != "error"):
            return
        kind = _resource_type(link)
        severity = Severity.MAJOR if kind in found.MAJOR_RESOURCES else Severity.MINOR
        yield found.asset_finding(record.url, answer.url, link, kind, severity, answer, ctx)

    def _external(self, record: PageRecord, link: Link, answer: UrlStatus) -> Iterator[Finding]:
        judged = self._judge(answer.url, answer.status, internal=False)
        if judged != "ok":
            yield found.external_link(record, link, answer, gone=judged == "error")

    def _form_target(self, record: PageRecord, link: Link, answer: UrlStatus) -> Iterator[Finding]:
        """Only "not there" counts: a form's address may refuse HEAD and GET (405) and
        still take the POST it is made for."""
        if (
            answer.status not in (404, 410)
            or self._judge(answer.url, answer.status, internal=True) == "ok"
        ):
            return
        yield found.form_target(record, link, answer)

    def _judge(self, url: str, status: int | None, *, internal: bool) -> Judgement:
        """ok, warn or error for an answer, after the `status` option has its say."""
        if status is not None:
            for pattern, codes in self.status.items():
                if _url_matches(url, pattern, internal) and str(status) in codes:
                    return codes[str(status)]  # type: ignore[return-value]
        if status is None:
            return "error" if internal else "warn"
        if status < 400:
            return "ok"
        if internal or status in (404, 410):
            return "error"
        return "warn"


def _is_insecure(link: Link, page: SplitResult) -> bool:
    """Plain http that a secure page loads, submits to, or links to on its own site.

    A link to another site that only has http is that site's business, not mixed content.
    """
    if not link.href.startswith("http://"):
        return False
    if link.asset or link.kind in ("iframe", "form", "object", "embed"):
        return True
    if link.kind not in ("a", "area"):  # rel=canonical and the like are for machines
        return False
    target = urlsplit(link.href)
    same_host = _bare(target.hostname or "") == _bare(page.hostname or "")
    return same_host and target.port in (None, 80, page.port)


def _bare(host: str) -> str:
    return host.removeprefix("www.")


def _resource_type(link: Link) -> str:
    """The browser's resource type for an element's URL (what breaks if it is missing)."""
    if link.kind == "link":
        rels = set(link.rel.split())
        if "stylesheet" in rels:
            return "stylesheet"
        return "icon" if rels & {"icon", "shortcut", "apple-touch-icon"} else "other"
    return {
        "img": "image",
        "source": "image",
        "script": "script",
        "video": "media",
        "audio": "media",
        "iframe": "document",
        "css": "other",
    }.get(link.kind, "other")


def _anchor_exists(fragment: str, anchors: frozenset[str]) -> bool:
    if not fragment or fragment.lower() == "top" or fragment.startswith(ROUTE_FRAGMENT):
        return True
    return fragment.startswith(":~:") or fragment in anchors


def _pages_linking(site: SiteSnapshot) -> Counter[str]:
    """How many pages link to each URL (without fragment), for "N pages link to it"."""
    counts: Counter[str] = Counter()
    for record in site.pages:
        if record.own:
            counts.update({site.key_of(link.href) for link in record.links if link.navigable})
    return counts


def _url_matches(url: str, pattern: str, internal: bool) -> bool:
    """The one glob (cxcheck.urls.matches); a path glob ("/members/*") speaks of this site only."""
    return (internal or not pattern.startswith("/")) and matches(urldefrag(url).url, pattern)
