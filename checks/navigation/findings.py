"""The dead-navigation check's rules and findings, in the words customers and testers read
(checks/dead_navigation.py decides what is broken; this module says so).
"""

from __future__ import annotations

from urllib.parse import urldefrag, urlsplit

from checks.navigation import wording
from cxcheck.captures import Control, ProbeResult, UrlStatus
from cxcheck.contract import CheckContext
from cxcheck.findings import Finding, Rule, Rules, Severity
from cxcheck.snapshot import FailedRequest, Link, PageRecord, PageSnapshot
from cxcheck.urls import path_and_query

MAJOR_RESOURCES = frozenset({"image", "stylesheet", "script"})
ACTIVE_KINDS = frozenset({"script", "iframe", "link", "object", "embed", "form"})
REDIRECT_LOOP = "ERR_TOO_MANY_REDIRECTS"
_HELP_BROKEN = "Fix the link, or bring the page back; a page that moved needs a redirect."


RULES = Rules(
    "dead-navigation",
    (
        Rule("broken-link", Severity.MAJOR, _HELP_BROKEN),
        Rule(
            "broken-asset",
            Severity.MAJOR,
            "Upload the missing file or fix its address in the page (or stylesheet).",
        ),
        Rule(
            "broken-anchor",
            Severity.MINOR,
            "Give the target element the id the link names, or fix the link.",
        ),
        Rule(
            "placeholder-link",
            Severity.MINOR,
            "Give the link its real address, or make it a button that does something.",
        ),
        Rule(
            "dead-control",
            Severity.MAJOR,
            "Wire it up (link, form or script), or remove it or its pointer cursor.",
        ),
        Rule(
            "soft-404",
            Severity.MAJOR,
            "Answer 404 for pages that do not exist, or put the real content back.",
        ),
        Rule(
            "redirect-chain",
            Severity.MINOR,
            "Link straight to the final address, and make old addresses redirect once.",
        ),
        Rule("external-link", Severity.MINOR, "Update or remove the link."),
        Rule("insecure-link", Severity.MINOR, "Use the https:// address (or a relative one)."),
        Rule("malformed-link", Severity.MINOR, "Correct the address in the link."),
    ),
)


def soft_404(page: PageSnapshot, evidence: str) -> Finding:
    return RULES.finding(
        "soft-404",
        severity=Severity.MAJOR,
        url=page.url,
        target=page.url,
        evidence=evidence,
        message=f"This page says it does not exist ({evidence}) but answers 200 (OK): "
        "customers who follow a link here hit a dead end, and search engines keep it "
        "as a real page.",
        fix="Answer 404 for pages that do not exist, or put the real content back.",
    )


def failed_asset(page: PageSnapshot, failed: FailedRequest, ctx: CheckContext) -> Finding:
    link = link_to(page.links, failed.url)
    kind = failed.resource_type
    severity = Severity.MAJOR if kind in MAJOR_RESOURCES else Severity.MINOR
    return asset_finding(page.url, failed.url, link, kind, severity, failed, ctx)


def asset_finding(
    page_url: str,
    url: str,
    link: Link | None,
    kind: str,
    severity: Severity,
    answer: FailedRequest | UrlStatus,
    ctx: CheckContext,
) -> Finding:
    noun = wording.asset_noun(kind)
    label = f" {wording.named(link)}" if link and link.text and link.kind != "css" else ""
    shown = shown_url(url, ctx)
    in_sheet = link is not None and link.kind == "css" and bool(link.text)
    sheet = f", named in {shown_url(link.text, ctx)}" if link and in_sheet else ""
    return RULES.finding(
        "broken-asset",
        severity=severity,
        url=page_url,
        target=url,
        selector=link.selector if link else "",
        evidence=wording.evidence(answer.status, answer.error),
        message=f"The {noun}{label} ({shown}{sheet}) "
        f"{wording.status_words(answer.status, answer.error, missing=True)}: "
        f"{wording.asset_effect(kind)}.",
        fix="Upload the missing file or fix its address in the page (or stylesheet).",
    )


def control(page: PageSnapshot, control: Control) -> Finding | None:
    if not control.inert or not control.text:
        return None
    place = wording.where(control.region)
    in_place = f" {place}" if place else ""
    if control.reason == "placeholder href":
        in_menu = control.region in ("nav", "header", "footer")
        return RULES.finding(
            "placeholder-link",
            severity=Severity.MAJOR if in_menu else Severity.MINOR,
            url=page.url,
            target=control.href or "",
            selector=control.selector,
            evidence=f"href={control.href!r}",
            message=f"The link “{control.text}”{in_place} goes nowhere: its address is "
            f'"{control.href}" and no script handles a click on it.',
            fix="Give the link its real address, or make it a button that does something.",
        )
    if control.reason == "cursor:pointer":
        what = f"“{control.text}”{in_place} looks clickable (pointer cursor) but"
    else:
        what = f"The {control_noun(control)} “{control.text}”{in_place}"
    return RULES.finding(
        "dead-control",
        severity=Severity.MAJOR,
        url=page.url,
        selector=control.selector,
        evidence=control.reason,
        message=f"{what} does nothing when clicked: no script listens for it and it is "
        "neither a link nor a form button.",
        fix="Wire it up (link, form or script), or remove it or its pointer cursor.",
    )


def clicked_dead(page: str, probe: ProbeResult) -> Finding:
    return RULES.finding(
        "dead-control",
        severity=Severity.MAJOR,
        url=page,
        selector=probe.selector,
        evidence="clicked: no effect",
        message=f"Clicking “{probe.text}” did nothing: no new page, no change on the "
        "page, no request, no dialog (the click probe watched for a second).",
        fix="Check what the script listening on it should do; it may fail silently.",
    )


def insecure(page: PageSnapshot, link: Link) -> Finding:
    active = link.kind in ACTIVE_KINDS and (link.kind != "link" or link.asset)
    if link.kind == "form":
        what = "A form on this page sends what customers type over plain http"
    elif link.asset or link.kind == "iframe":
        noun = wording.asset_noun(link.kind)
        what = f"This secure page loads the {noun} {link.href} over plain http"
    else:
        what = f"{wording.the_link(link)} leaves the secure site for {link.href}"
    effect = (
        "browsers block or warn about it, and it can be tampered with on the way"
        if active
        else "browsers show it as not secure"
    )
    return RULES.finding(
        "insecure-link",
        severity=Severity.MAJOR if active else Severity.MINOR,
        url=page.url,
        target=link.href,
        selector=link.selector,
        evidence=link.kind,
        message=f"{what}: {effect}.",
        fix="Use the https:// address (or a relative one).",
    )


def malformed(page: PageSnapshot, link: Link, reason: str) -> Finding:
    return RULES.finding(
        "malformed-link",
        severity=Severity.MINOR,
        url=page.url,
        target=link.raw,
        selector=link.selector,
        evidence=reason,
        message=f"{wording.the_link(link)} ({link.raw}) cannot work: {reason}.",
        fix="Correct the address in the link.",
    )


def broken_link(
    record: PageRecord,
    link: Link,
    status: int | None,
    error: str,
    linked_from: int,
    judged: str,
) -> Finding:
    place = wording.where(link.region)
    others = f" {linked_from} pages link to it." if linked_from > 1 else ""
    if link.kind == "meta":
        lead = "This page sends visitors on automatically to a page that"
    else:
        in_place = f" {place}" if place else ""
        lead = f"Clicking {wording.named(link)}{in_place} leads to a page that"
    return RULES.finding(
        "broken-link",
        severity=broken_link_severity(link, judged),
        url=record.url,
        target=urldefrag(link.href).url,
        selector=link.selector,
        evidence=wording.evidence(status, error),
        message=f"{lead} {wording.status_words(status, error)}.{others}",
        fix=_HELP_BROKEN,
    )


def redirects(record: PageRecord, link: Link, target: PageRecord) -> Finding:
    if target.error_code == REDIRECT_LOOP:
        severity, evidence = Severity.MAJOR, "redirect loop"
        message = (
            f"{wording.the_link(link)} leads into a redirect loop: the browser "
            "gives up and customers see an error page."
        )
    else:
        hops = [urlsplit(hop.url).path for hop in target.redirects]
        path = " → ".join([*hops, urlsplit(target.final_url).path])
        severity, evidence = Severity.MINOR, f"{len(target.redirects)} redirects"
        message = (
            f"{wording.the_link(link)} goes through {len(target.redirects)} "
            f"redirects ({path}) before the page loads; each one costs customers a wait."
        )
    return RULES.finding(
        "redirect-chain",
        severity=severity,
        url=record.url,
        target=urldefrag(link.href).url,
        selector=link.selector,
        evidence=evidence,
        message=message,
        fix="Link straight to the final address, and make old addresses redirect once.",
    )


def broken_anchor(record: PageRecord, link: Link, fragment: str) -> Finding:
    return RULES.finding(
        "broken-anchor",
        severity=Severity.MINOR,
        url=record.url,
        target=link.href,
        selector=link.selector,
        evidence=f"#{fragment}",
        message=f"{wording.the_link(link)} points at a part of the page "
        f"(#{fragment}) that does not exist, so customers land at the top instead.",
        fix=f'Give the target element id="{fragment}", or fix the link.',
    )


def external_link(record: PageRecord, link: Link, answer: UrlStatus, gone: bool) -> Finding:
    """A link to another site: `gone` (404/410, or judged an error) or not verified."""
    if gone:
        outcome = f"leads to a page that {wording.status_words(answer.status, answer.error)}"
    else:
        outcome = (
            "could not be verified ("
            + (f"it answered {answer.status}" if answer.answered else answer.error)
            + "); it may work in a browser"
        )
    return RULES.finding(
        "external-link",
        severity=Severity.MINOR if gone else Severity.INFO,
        url=record.url,
        target=answer.url,
        selector=link.selector,
        evidence=wording.evidence(answer.status, "no answer" if not answer.answered else ""),
        message=f"{wording.the_link(link)} to another site ({answer.url}) {outcome}.",
        fix="Update or remove the link." if gone else "Open it yourself to be sure.",
    )


def form_target(record: PageRecord, link: Link, answer: UrlStatus) -> Finding:
    """A form whose address is not there (404/410)."""
    return RULES.finding(
        "broken-link",
        severity=Severity.MAJOR,
        url=record.url,
        target=answer.url,
        selector=link.selector,
        evidence=wording.evidence(answer.status, ""),
        message=f"The form on this page sends what customers enter to "
        f"{urlsplit(answer.url).path}, a page that "
        f"{wording.status_words(answer.status, '')}: submitting it fails.",
        fix="Point the form's action at the address that handles it.",
    )


def broken_link_severity(link: Link, judged: str) -> Severity:
    """Blocker in the menu, major elsewhere; minor when the `status` option says "warn"."""
    if judged == "warn":
        return Severity.MINOR
    return Severity.BLOCKER if link.in_navigation else Severity.MAJOR


def control_noun(control: Control) -> str:
    if control.tag in ("button", "input") or control.role in ("button", "switch"):
        return "button"
    if control.tag == "a" or control.role == "link":
        return "link"
    return control.role.replace("menuitem", "menu item") or "element"


def link_to(links: tuple[Link, ...], url: str) -> Link | None:
    """The element that names `url`, preferring one a person sees."""
    matches = [link for link in links if link.href == url or urldefrag(link.href).url == url]
    return next((link for link in matches if link.visible), matches[0] if matches else None)


def shown_url(url: str, ctx: CheckContext) -> str:
    """A URL as its path on the site, whole when it is elsewhere."""
    return path_and_query(url) if ctx.is_internal(url) else url
