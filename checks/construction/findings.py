"""The under-construction check's findings, in the words customers and testers read."""

from __future__ import annotations

from checks.construction.golive import EnvironmentLink
from checks.construction.leftovers import Leftover
from checks.construction.site_answers import SiteProblem
from cxcheck.contract import CheckContext
from cxcheck.findings import Finding, Rule, Rules, Severity
from cxcheck.snapshot import Link, PageSnapshot

CHECK = "under-construction"
RULES = Rules(
    CHECK,
    (
        Rule(
            "placeholder-page",
            Severity.MAJOR,
            "Finish the page, or remove it and every link to it before launch.",
        ),
        Rule(
            "placeholder-content", Severity.MAJOR, "Replace it with the real content before launch."
        ),
        Rule(
            "thin-page",
            Severity.MINOR,
            "Add the content customers come here for, or drop the page.",
        ),
        Rule("default-title", Severity.MINOR, "Give the page a title that says what is on it."),
        Rule(
            "noindex",
            Severity.MAJOR,
            "Remove noindex from pages customers should find (keep it on staging only).",
        ),
        Rule(
            "other-environment",
            Severity.MAJOR,
            "Use addresses relative to the site, or the live host, before launch.",
        ),
        Rule("test-data", Severity.MAJOR, "Replace test data with the real content before launch."),
        Rule(
            "robots-disallow-all",
            Severity.MAJOR,
            "Let search engines in on the live site: remove Disallow: / from robots.txt.",
        ),
        Rule(
            "no-not-found-page",
            Severity.MAJOR,
            "Answer 404 with a page in the site's look for addresses that do not exist.",
        ),
        Rule(
            "bare-error-page",
            Severity.MINOR,
            "Give error pages the site's menu and a way back, in the site's look.",
        ),
        Rule("no-favicon", Severity.MINOR, 'Add a favicon (<link rel="icon">) to every page.'),
    ),
)
_WHERE = {
    "title": "its title says “{}” and there is next to nothing else",
    "heading": "its main heading says “{}”",
    "text": "all it says is a notice (“{}”)",
    "image": "all it shows is a picture that says it is not ready ({})",
}


def notice_words(where: str, shown: str) -> str:
    """Why a page is a placeholder, for the message."""
    return _WHERE[where].format(shown[:100])


def placeholder_page(page: PageSnapshot, why: str) -> Finding:
    """The page as a whole is a placeholder."""
    return RULES.finding(
        "placeholder-page",
        page.url,
        f"This page is a placeholder: {why}. Customers who land here find nothing.",
        fix="Finish the page, or remove it and every link to it before launch.",
        target=page.url,
        evidence="placeholder page",
        severity=Severity.MAJOR,
    )


def section(page: PageSnapshot, message: str, evidence: str, selector: str = "") -> Finding:
    """An unfinished part of a real page."""
    return RULES.finding(
        "placeholder-content",
        page.url,
        message,
        fix="Replace it with the real content before launch.",
        evidence=evidence,
        selector=selector,
        severity=Severity.MAJOR,
    )


def leftover(page: PageSnapshot, found: Leftover) -> Finding:
    """Template code, filler or a developer's note in a block of text."""
    if found.what == "lorem ipsum filler":
        return section(
            page, f"A paragraph is lorem ipsum filler: “{found.shown[:60]}…”", found.shown
        )
    if found.what == "a developer's note":
        return section(page, f"A developer's note is visible: “{found.shown}”.", found.shown)
    if found.what == "a missing value":
        return section(page, f"Customers see “{found.shown}” where a value should be.", found.shown)
    message = f"Customers see {found.what} instead of real content: “{found.shown}”."
    return section(page, message, found.shown)


def placeholder_image(page: PageSnapshot, link: Link) -> Finding:
    """An image from a placeholder service or file."""
    name = link.raw.rsplit("/", 1)[-1] or link.raw
    return section(
        page,
        f"The image {name} is a placeholder, not a real picture.",
        evidence=link.raw,
        selector=link.selector,
    )


def thin(page: PageSnapshot, words: int) -> Finding:
    """Almost nothing on the page."""
    return RULES.finding(
        "thin-page",
        page.url,
        f"This page has almost nothing on it ({words} words, no picture, hardly a link).",
        fix="Add the content customers come here for, or drop the page.",
        target=page.url,
        # The count is in the message: as evidence it would be in the fingerprint, and a
        # page whose few words change (a date, a counter, a feed) would be new every run.
        evidence="almost no content",
        severity=Severity.MINOR,
    )


def default_title(page: PageSnapshot, title: str) -> Finding:
    """An empty or default title."""
    shown = f"“{title}”" if title else "empty"
    return RULES.finding(
        "default-title",
        page.url,
        f"The page title is {shown}: that is what tabs, bookmarks and search results show.",
        fix="Give the page a title that says what is on it.",
        target=page.url,
        evidence=title or "(empty)",
        severity=Severity.MINOR,
    )


def shared_title(url: str, title: str, count: int, pages: int) -> Finding:
    """One title on most pages."""
    return RULES.finding(
        "default-title",
        url,
        f"{count} of {pages} pages have the same title “{title}”: customers cannot tell tabs, "
        "bookmarks or search results apart.",
        fix="Give each page a title that says what is on it.",
        evidence=title,
        severity=Severity.MINOR,
    )


def menu_blocker(finding: Finding, names: list[str]) -> Finding:
    """The same finding (same fingerprint), as a blocker that names the menu entries."""
    entries = ", ".join(f"“{n}”" for n in names)
    return Finding(
        finding.check,
        finding.rule,
        Severity.BLOCKER,
        finding.url,
        f"Customers who click {entries} in the site's menu land on a placeholder page. "
        + finding.message,
        help=finding.help,
        target=finding.target,
        evidence=finding.evidence,
    )


def noindex(page: PageSnapshot, source: str, home: bool, production_host: str) -> Finding:
    """The page asks search engines to leave it out."""
    where = "The home page" if home else "This page"
    severity = Severity.MAJOR if home else Severity.MINOR
    if production_host and source.startswith("X-Robots-Tag"):
        severity = Severity.INFO
        message = (
            f"{where} is sent with “X-Robots-Tag: noindex” here, which keeps this environment "
            f"out of search engines; make sure {production_host} does not send it."
        )
    elif production_host:
        message = (
            f"{where}'s HTML says noindex ({source}): deployed as it is to {production_host}, "
            "search engines will leave it out of their results."
        )
    else:
        message = (
            f"{where} tells search engines not to list it ({source} says noindex): customers "
            "will not find it in search results."
        )
    return RULES.finding(
        "noindex",
        page.url,
        message,
        fix="Remove noindex from pages customers should find (keep it on staging only).",
        evidence=f"{'home page: ' if home else ''}{source}: noindex",
        severity=severity,
    )


def other_environment(page: PageSnapshot, link: EnvironmentLink) -> Finding:
    """A URL on another environment (staging, a developer's machine)."""
    return RULES.finding(
        "other-environment",
        page.url,
        f"{link.what[0].upper()}{link.what[1:]} points at {link.host}, another environment "
        f"than the one checked: {link.url[:120]}. Live, it breaks or leaks the staging site.",
        fix="Use addresses relative to the site, or the live host, before launch.",
        target=link.url,
        selector=link.selector,
        evidence=link.host,
        severity=Severity.MAJOR,
    )


def test_data(page: PageSnapshot, what: str, shown: str) -> Finding:
    """Test data customers can see."""
    return RULES.finding(
        "test-data",
        page.url,
        f"Customers see {what}: “{shown[:80]}”.",
        fix="Replace test data with the real content before launch.",
        evidence=shown[:80],
        severity=Severity.MAJOR,
    )


def site_problem(
    ctx: CheckContext, problem: SiteProblem, staging: bool, production_host: str
) -> Finding:
    """A site-wide leftover, reported on the start page."""
    severity = {"no-not-found-page": Severity.MAJOR, "robots-disallow-all": Severity.MAJOR}.get(
        problem.rule, Severity.MINOR
    )
    message = problem.message
    if staging and problem.rule == "robots-disallow-all":
        severity = Severity.INFO
        message = (
            "robots.txt here tells every search engine to stay out (right for staging); if "
            f"this file goes live to {production_host} as it is, the site disappears from "
            "search results."
        )
    return RULES.finding(
        problem.rule,
        ctx.start_url,
        message,
        fix=_SITE_HELP[problem.rule],
        target=problem.target,
        evidence=problem.evidence,
        severity=severity,
    )


_SITE_HELP = {
    "robots-disallow-all": "Serve the live site a robots.txt that allows crawling.",
    "no-not-found-page": "Answer 404 Not Found, with a helpful page, for unknown addresses.",
    "bare-error-page": "Give the site a 404 page of its own, with its menu and a way home.",
    "no-favicon": 'Add <link rel="icon" href="/favicon.svg"> (or /favicon.ico) to every page.',
}
