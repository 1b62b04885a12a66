"""How to fix a finding, in words a product owner can pass on: what to change, and for whom,
in one or two sentences. The check's own fix text (and a wrapped tool's wording, such as
axe's) stays in the finding's `help`, which the report shows under "technical details".

Keyed by (check, rule) for the built-in checks and by axe's rule id for accessibility; a
check this module does not know keeps its own `help` as its fix.
"""

from __future__ import annotations

from cxcheck.findings import Finding
from cxcheck.plugins import CHECK_ERROR_RULE
from cxcheck.report.axe_fixes import AXE_FIXES

ACCESSIBILITY = "accessibility"

BUILT_IN_FIXES: dict[tuple[str, str], str] = {
    # dead-navigation
    ("dead-navigation", "broken-link"): (
        "Point the link at a page that exists, or put the missing page back: customers who "
        "click it now reach an error."
    ),
    ("dead-navigation", "broken-asset"): (
        "Upload the missing picture, style or script, or fix its address in the page: "
        "customers now see a gap or a half-styled page."
    ),
    ("dead-navigation", "broken-anchor"): (
        "Make the link jump to a part of the page that exists (give that part the id the link "
        "names), so customers land where they expect instead of at the top."
    ),
    ("dead-navigation", "placeholder-link"): (
        "Give the link its real address, or turn it into a button that does something: "
        "customers who click it now go nowhere."
    ),
    ("dead-navigation", "dead-control"): (
        "Make the control do what it offers, or remove it: customers click it and nothing happens."
    ),
    ("dead-navigation", "soft-404"): (
        'Let addresses that do not exist answer with a real "not found" (404), or put the '
        "content back: search engines and link checkers now treat the error as a page."
    ),
    ("dead-navigation", "redirect-chain"): (
        "Link straight to the final address and let old addresses jump there in one step: "
        "every extra hop makes customers wait."
    ),
    ("dead-navigation", "external-link"): (
        "Update or remove the link to the other site: customers who follow it now reach an "
        "error there."
    ),
    ("dead-navigation", "insecure-link"): (
        "Use the https:// address: browsers warn customers, or block the page, on plain http."
    ),
    ("dead-navigation", "malformed-link"): (
        "Correct the address written in the link (a typo or a missing part): it cannot lead "
        "customers anywhere as it is."
    ),
    # page-health
    ("page-health", "http-error"): (
        "Fix the page, or the links that lead to it (a page that moved needs a redirect): "
        "customers arriving here get an error instead of content."
    ),
    ("page-health", "load-failed"): (
        "Ask the developers to open this address and check the server: the page did not load "
        "at all, so customers see nothing."
    ),
    ("page-health", "uncaught-exception"): (
        "Ask the developers to fix the script error on this page: part of the page may not "
        "work for customers."
    ),
    ("page-health", "console-error"): (
        "Ask the developers to fix what the page reports as an error, or to confirm it is "
        "harmless and add it to ignore_console."
    ),
    ("page-health", "opens-dialog"): (
        "Show the message inside the page instead of a browser pop-up box, or only after the "
        "customer asks: pop-ups interrupt and block the page."
    ),
    ("page-health", "opens-popup"): (
        "Open the content inside the page, or only when the customer clicks for it: windows "
        "that open on their own are blocked or annoy."
    ),
    ("page-health", "too-large"): (
        "Split the page or load the rest as customers scroll: a page this big is slow and may "
        "crash phones."
    ),
    # slow-pages
    ("slow-pages", "slow-lcp"): (
        "Make the main picture or heading show sooner (a smaller image, loaded first; a faster "
        "server): customers now wait for the page's content."
    ),
    ("slow-pages", "layout-shift"): (
        "Reserve room for what arrives late (banners, pictures, ads) so the page stops jumping: "
        "customers now click the wrong thing or lose their place."
    ),
    ("slow-pages", "blocking-time"): (
        "Ask the developers to split or delay long-running scripts: the page ignores taps and "
        "clicks while they run."
    ),
    ("slow-pages", "slow-response"): (
        "Make the server answer sooner (caching, faster database work): customers stare at a "
        "blank screen until it does."
    ),
    ("slow-pages", "heavy-page"): (
        "Shrink the pictures (the size they are shown at, in WebP or AVIF) and drop unused "
        "scripts: customers on phones pay for and wait on every megabyte."
    ),
    ("slow-pages", "too-many-requests"): (
        "Bundle scripts and styles and load pictures below the first screen only when needed: "
        "each extra file slows the page on mobile networks."
    ),
    # under-construction
    ("under-construction", "placeholder-page"): (
        "Finish the page, or remove it and every link to it before launch: customers who find "
        "it think the site is not ready."
    ),
    ("under-construction", "placeholder-content"): (
        "Replace the placeholder (dummy text, a sample picture, an unfilled template field) "
        "with the real content: customers see it as it is."
    ),
    ("under-construction", "thin-page"): (
        "Add the content customers come to this page for, or drop the page."
    ),
    ("under-construction", "default-title"): (
        "Give the page a title that says what is on it: customers see it in their tabs and "
        "in search results."
    ),
    ("under-construction", "noindex"): (
        'Remove the "noindex" instruction from pages customers should find: search engines '
        "now leave them out."
    ),
    ("under-construction", "other-environment"): (
        "Change addresses that point at a test or staging server to the live site (or to "
        "addresses relative to it): customers cannot reach them."
    ),
    ("under-construction", "test-data"): (
        "Replace the test data with the real content before launch: customers would see it."
    ),
    ("under-construction", "robots-disallow-all"): (
        'Let search engines in on the live site (remove "Disallow: /" from robots.txt), or '
        "customers will not find it in search."
    ),
    ("under-construction", "no-not-found-page"): (
        'Answer unknown addresses with a real "not found" (404) page in the site\'s look, so '
        "customers who mistype an address can find their way back."
    ),
    ("under-construction", "bare-error-page"): (
        "Give the error page the site's look, menu and a link home: customers who land on it "
        "now see a bare server message and a dead end."
    ),
    ("under-construction", "no-favicon"): (
        "Add the site's small icon (favicon) to every page, so customers can spot its tab and "
        "bookmark."
    ),
}

# A check that crashed on a page (cxcheck/plugins.py): the same words whichever check it was.
CHECK_ERROR_FIX = (
    "Tell whoever maintains this check: it stopped with an error on this page, so this page "
    "was not fully checked."
)


def plain_fix(finding: Finding) -> str:
    """The fix in plain words, or the finding's own `help` when no plain wording is known
    (a third-party check's help is its author's words, not a tool's)."""
    if finding.rule == CHECK_ERROR_RULE:
        return CHECK_ERROR_FIX
    if finding.check == ACCESSIBILITY:
        return AXE_FIXES.get(finding.rule) or _axe_rule_words(finding.help)
    return BUILT_IN_FIXES.get((finding.check, finding.rule), finding.help)


def has_plain_fix(finding: Finding) -> bool:
    """True when the report's fix is plain wording, not the finding's own `help` text: the
    `help` then goes under "technical details"."""
    return plain_fix(finding) != finding.help


def _axe_rule_words(help_text: str) -> str:
    """For an axe rule with no plain wording yet: what the rule asks ("Ensure every ARIA
    treegrid node has an accessible name"), taken from the "axe: ..." part of the help."""
    for part in help_text.split(" · "):
        if part.startswith("axe: "):
            return f"Change the element so that this holds: {part.removeprefix('axe: ')}."
    return ""
