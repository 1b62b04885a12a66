"""One problem, one finding: the overlap rules applied after every check ran."""

from __future__ import annotations

from cxcheck import overlaps
from cxcheck.findings import Finding, Severity
from cxcheck.snapshot import Link, PageRecord, SiteSnapshot

SITE = "http://127.0.0.1:8000/"
ALL = {"page-health", "dead-navigation", "under-construction", "accessibility"}


def record(path: str, found_by: str = "link", status: int = 200, **fields: object) -> PageRecord:
    defaults: dict[str, object] = {
        "url": SITE.rstrip("/") + path,
        "final_url": SITE.rstrip("/") + path,
        "status": status,
        "content_type": "text/html",
        "title": "",
        "links": (),
        "redirects": (),
        "depth": 1,
        "referrer": "",
        "error": "",
        "rendered": True,
        "found_by": found_by,
    }
    return PageRecord(**{**defaults, **fields})  # type: ignore[arg-type]


def site(*records: PageRecord) -> SiteSnapshot:
    home = record("/", "start", links=(Link(SITE + "gone", "/gone", "a", "Gone"),))
    return SiteSnapshot(SITE, (home, *records))


def finding(check: str, rule: str, path: str, **fields: object) -> Finding:
    severity = fields.pop("severity", Severity.MAJOR)
    return Finding(check, rule, severity, SITE.rstrip("/") + path, "m", **fields)  # type: ignore[arg-type]


def http_error(path: str) -> Finding:
    return finding("page-health", "http-error", path, target=SITE.rstrip("/") + path)


def test_an_error_page_reached_through_links_is_left_to_the_broken_links() -> None:
    broken = finding("dead-navigation", "broken-link", "/", target=SITE + "gone")
    found = overlaps.resolve([http_error("/gone"), broken], site(record("/gone", status=404)), ALL)
    assert found == [broken]


def test_an_error_page_the_crawl_was_given_keeps_its_finding() -> None:
    for given in ("start", "sitemap"):
        pages = site(record("/listed", given, status=404))
        assert overlaps.resolve([http_error("/listed")], pages, ALL) == [http_error("/listed")]


def test_without_dead_navigation_the_error_page_is_still_reported() -> None:
    pages = site(record("/gone", status=404))
    ran = ALL - {"dead-navigation"}
    assert overlaps.resolve([http_error("/gone")], pages, ran) == [http_error("/gone")]


def test_a_missing_file_is_one_finding_not_also_its_console_line() -> None:
    image = SITE + "img/socks.png"
    asset = finding("dead-navigation", "broken-asset", "/p", target=image)
    console = finding("page-health", "console-error", "/p", target=image, severity=Severity.MINOR)
    other_file = finding(
        "page-health", "console-error", "/p", target=SITE + "api/cart", severity=Severity.MINOR
    )
    found = overlaps.resolve([console, asset, other_file], site(record("/p")), ALL)
    assert found == [asset, other_file]


def test_the_worse_of_two_findings_on_one_page_stays() -> None:
    soft = finding("dead-navigation", "soft-404", "/p")
    placeholder = finding("under-construction", "placeholder-page", "/p", severity=Severity.BLOCKER)
    assert overlaps.resolve([soft, placeholder], site(record("/p")), ALL) == [placeholder]
    tie = finding("under-construction", "placeholder-page", "/p")
    assert overlaps.resolve([soft, tie], site(record("/p")), ALL) == [soft]


def test_overlaps_only_meet_on_the_same_page() -> None:
    title = finding("accessibility", "document-title", "/a")
    default = finding("under-construction", "default-title", "/b", severity=Severity.MINOR)
    pages = site(record("/a"), record("/b"))
    assert overlaps.resolve([title, default], pages, ALL) == [title, default]
    same_page = finding("under-construction", "default-title", "/a", severity=Severity.MINOR)
    assert overlaps.resolve([title, same_page], pages, ALL) == [title]


def test_every_overlap_names_two_different_rules_and_says_why() -> None:
    for overlap in overlaps.OVERLAPS:
        assert overlap.first != overlap.second
        assert overlap.why


def test_a_viewport_that_turns_zoom_off_is_one_finding_the_worse() -> None:
    axe = finding("accessibility", "meta-viewport", "/", severity=Severity.BLOCKER)
    devices = finding("devices", "zoom-disabled", "/")
    assert overlaps.resolve([axe, devices], site(), ALL | {"devices"}) == [axe]


def test_a_small_tap_target_is_one_finding_only_for_the_same_element() -> None:
    axe = finding("accessibility", "target-size", "/", evidence='<a href="/x" class="i">…')
    same = finding("devices", "small-tap-target", "/", evidence='<a href="/x" class="i"></a>')
    other = finding("devices", "small-tap-target", "/", evidence='<a href="/y"></a>')
    assert overlaps.resolve([axe, same, other], site(), ALL | {"devices"}) == [axe, other]
