"""cxcheck: is the site ready for customers?

The public API, for check authors (README "Writing a check"): everything a check needs, and
nothing that loads a browser.

    from cxcheck import Check, CheckContext, Finding, Severity, PageSnapshot, SiteSnapshot
    from cxcheck import snapshot_from_html, context_for   # tests without a browser

Names are looked up when first asked for, not on import: the console script must be able to
take Ctrl-C and SIGTERM over in the first instant (console.py), so importing this package
costs nothing.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # for type checkers and editors; at run time, `__getattr__` below
    from cxcheck.captures import (
        AxeRequest,
        CaptureRequest,
        ClickProbeRequest,
        Control,
        ControlsRequest,
        ExposureProbeRequest,
        LinkStatusRequest,
        PageMetrics,
        PerformanceRequest,
        ProbeResult,
        RemeasureRequest,
        SiteProbe,
        SiteProbeRequest,
        SiteTrafficRequest,
        TrafficRequest,
        UrlStatus,
    )
    from cxcheck.contract import Check, CheckContext, Remeasures
    from cxcheck.exposure import ExposureProbe, ProbeReply
    from cxcheck.findings import Finding, GroupedFinding, Severity
    from cxcheck.snapshot import (
        ConsoleEntry,
        FailedRequest,
        Heading,
        Link,
        PageRecord,
        PageSnapshot,
        Redirect,
        SiteSnapshot,
        Timings,
    )
    from cxcheck.testing import context_for, snapshot_from_html
    from cxcheck.traffic import CookieSet, CookieUse, HostUse, PageTraffic, Sent, SiteTraffic
    from cxcheck.urls import key_of, matches, page_label, path_and_query

_WHERE = {
    "cxcheck.contract": ("Check", "CheckContext", "Remeasures"),
    "cxcheck.findings": ("Finding", "GroupedFinding", "Severity"),
    "cxcheck.snapshot": (
        "PageSnapshot",
        "SiteSnapshot",
        "PageRecord",
        "Link",
        "Heading",
        "FailedRequest",
        "ConsoleEntry",
        "Redirect",
        "Timings",
    ),
    "cxcheck.captures": (
        "CaptureRequest",
        "AxeRequest",
        "PerformanceRequest",
        "ControlsRequest",
        "LinkStatusRequest",
        "ClickProbeRequest",
        "RemeasureRequest",
        "SiteProbeRequest",
        "TrafficRequest",
        "SiteTrafficRequest",
        "ExposureProbeRequest",
        "Control",
        "PageMetrics",
        "UrlStatus",
        "ProbeResult",
        "SiteProbe",
    ),
    "cxcheck.traffic": ("PageTraffic", "Sent", "CookieSet", "SiteTraffic", "HostUse", "CookieUse"),
    "cxcheck.exposure": ("ExposureProbe", "ProbeReply"),
    "cxcheck.testing": ("snapshot_from_html", "context_for"),
    "cxcheck.urls": ("key_of", "matches", "page_label", "path_and_query"),
}
_MODULE_OF = {name: module for module, names in _WHERE.items() for name in names}
__all__ = [
    "AxeRequest",
    "CaptureRequest",
    "Check",
    "CheckContext",
    "ClickProbeRequest",
    "ConsoleEntry",
    "Control",
    "ControlsRequest",
    "CookieSet",
    "CookieUse",
    "ExposureProbe",
    "ExposureProbeRequest",
    "FailedRequest",
    "Finding",
    "GroupedFinding",
    "Heading",
    "HostUse",
    "Link",
    "LinkStatusRequest",
    "PageMetrics",
    "PageRecord",
    "PageSnapshot",
    "PageTraffic",
    "PerformanceRequest",
    "ProbeReply",
    "ProbeResult",
    "Redirect",
    "RemeasureRequest",
    "Remeasures",
    "Sent",
    "Severity",
    "SiteProbe",
    "SiteProbeRequest",
    "SiteSnapshot",
    "SiteTraffic",
    "SiteTrafficRequest",
    "Timings",
    "TrafficRequest",
    "UrlStatus",
    "context_for",
    "key_of",
    "matches",
    "page_label",
    "path_and_query",
    "snapshot_from_html",
]


def __getattr__(name: str) -> Any:
    if name == "__version__":
        return _version()
    if name not in _MODULE_OF:
        raise AttributeError(f"module 'cxcheck' has no attribute {name!r}")
    return getattr(import_module(_MODULE_OF[name]), name)


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("cxcheck")
    except PackageNotFoundError:  # running from a source tree that was never installed
        return "0.0.0+source"
