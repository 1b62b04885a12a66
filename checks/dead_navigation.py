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

from checks.navigation import wording
from checks.navigation.link_syntax import malformed_reason
from checks.navigation.soft_404 import load_not_found_phrases, soft_404_evidence
from cxcheck.captures import (
    ClickProbeRequest,
    Control,
    LinkStatusRequest,
    ProbeResult,
    UrlStatus,
)
from cxcheck.contract import CheckContext
from cxcheck.findings import Finding, Rule, Rules, Severity
from cxcheck.snapshot import FailedRequest, Link, PageRecord, PageSnapshot, SiteSnapshot
from cxcheck.urls import matches, path_and_query

Judgement = Literal["ok", "warn", "error"]
JUDGEMENTS = ("ok", "warn", "error")
REPORTED_RESOURCES = frozenset(
    {"image", "stylesheet", "script", "font", "media", "document", "manifest", "texttrack"}
)
MAJOR_RESOURCES = frozenset({"image", "stylesheet", "script"})
ACTIVE_KINDS = frozenset({"script", "iframe", "link", "object", "embed", "form"})
# The page itself cancelled these (navigated on, lazy image no longer needed): not broken.
CANCELLED = ("ERR_ABORTED", "NS_BINDING_ABORTED")
ROUTE_FRAGMENT = ("/", "!")  # "#/products" is an app's route, not an element id
REDIRECT_LOOP = "ERR_TOO_MANY_REDIRECTS"
PROBE_AVOID = (
    *("delete", "remove", "pay", "buy", "purchase", "order", "checkout", "submit"),
    *("logout", "log out", "sign out", "signout", "unsubscribe", "cancel", "close account"),
)
# The captures' defaults are this check's defaults: declared once, in cxcheck/captures.py.
_LINKS, _PROBE = LinkStatusRequest(), ClickProbeRequest()
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
    rule_ids: ClassVar[frozenset[str]] = RULES.ids

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
            yield self._soft_404(page, evidence)
        for failed in page.failed_requests:
            if failed.resource_type in REPORTED_RESOURCES and not failed.error.endswith(CANCELLED):
                yield self._failed_asset(page, failed, ctx)
        for control in page.controls:
            finding = self._control(page, control)
            if finding:
                yield finding
        address = urlsplit(page.final_url or page.url)
        for link in page.links:
            if address.scheme == "https" and _is_insecure(link, address):
                yield self._insecure(page, link)
            if link.kind in ("a", "area"):
                reason = malformed_reason(link.raw)
                if reason:
                    yield self._malformed(page, link, reason)

    def _soft_404(self, page: PageSnapshot, evidence: str) -> Finding:
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

    def _failed_asset(
        self, page: PageSnapshot, failed: FailedRequest, ctx: CheckContext
    ) -> Finding:
        link = _link_to(page.links, failed.url)
        kind = failed.resource_type
        severity = Severity.MAJOR if kind in MAJOR_RESOURCES else Severity.MINOR
        return self._asset_finding(page.url, failed.url, link, kind, severity, failed, ctx)

    def _asset_finding(
        self,
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
        shown = _shown(url, ctx)
        in_sheet = link is not None and link.kind == "css" and bool(link.text)
        sheet = f", named in {_shown(link.text, ctx)}" if link and in_sheet else ""
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

    def _control(self, page: PageSnapshot, control: Control) -> Finding | None:
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
            what = f"The {_control_noun(control)} “{control.text}”{in_place}"
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

    def _clicked_dead(self, page: str, probe: ProbeResult) -> Finding:
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

    def _insecure(self, page: PageSnapshot, link: Link) -> Finding:
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

    def _malformed(self, page: PageSnapshot, link: Link, reason: str) -> Finding:
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

    # ---- the whole site ---------------------------------------------------------------
    def check_site(self, site: SiteSnapshot, ctx: CheckContext) -> Iterator[Finding]:
        """Problems that need other pages: link targets, anchors, external links, files."""
        verified = site.link_statuses
        for probe in site.probed_controls:
            if probe.dead:
                yield from (self._clicked_dead(page, probe) for page in probe.pages)
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
        if target.error_code == REDIRECT_LOOP:
            yield self._redirects(record, link, target)
            return
        if target.error or (target.status or 0) >= 400:
            # A page that failed (or never finished) is judged on that, not on its status.
            status, error = (None, target.error) if target.error else (target.status, "")
            judged = self._judge(link.href, status, internal=True)
            if judged != "ok":
                yield self._broken_link(record, link, status, error, linked_from, judged)
            return
        # Only a link to the redirecting address itself, not to the page it lands on.
        if len(target.redirects) >= 2 and site.key_of(target.url) == site.key_of(link.href):
            yield self._redirects(record, link, target)
        fragment = unquote(urlsplit(link.href).fragment)
        # Anchors are known for rendered pages only: scripts add ids that HTML alone lacks.
        rendered = target.is_html and target.rendered
        if "#" in link.raw and rendered and not _anchor_exists(fragment, target.anchors):
            yield self._broken_anchor(record, link, fragment)

    def _unrendered(
        self, record: PageRecord, link: Link, answer: UrlStatus, linked_from: int
    ) -> Iterator[Finding]:
        """A link to a page the crawl did not render: judged on the status it answered."""
        judged = self._judge(link.href, answer.status, internal=True)
        if judged != "ok":
            yield self._broken_link(record, link, answer.status, answer.error, linked_from, judged)

    def _broken_link(
        self,
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
            severity=_broken_link_severity(link, judged),
            url=record.url,
            target=urldefrag(link.href).url,
            selector=link.selector,
            evidence=wording.evidence(status, error),
            message=f"{lead} {wording.status_words(status, error)}.{others}",
            fix=_HELP_BROKEN,
        )

    def _redirects(self, record: PageRecord, link: Link, target: PageRecord) -> Finding:
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

    def _broken_anchor(self, record: PageRecord, link: Link, fragment: str) -> Finding:
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

    def _external(self, record: PageRecord, link: Link, answer: UrlStatus) -> Iterator[Finding]:
        judged = self._judge(answer.url, answer.status, internal=False)
        if judged == "ok":
            return
        gone = judged == "error"
        if gone:
            outcome = f"leads to a page that {wording.status_words(answer.status, answer.error)}"
        else:
            outcome = (
                "could not be verified ("
                + (f"it answered {answer.status}" if answer.answered else answer.error)
                + "); it may work in a browser"
            )
        yield RULES.finding(
            "external-link",
            severity=Severity.MINOR if gone else Severity.INFO,
            url=record.url,
            target=answer.url,
            selector=link.selector,
            evidence=wording.evidence(answer.status, "no answer" if not answer.answered else ""),
            message=f"{wording.the_link(link)} to another site ({answer.url}) {outcome}.",
            fix="Update or remove the link." if gone else "Open it yourself to be sure.",
        )

    def _verified_asset(
        self, record: PageRecord, link: Link, answer: UrlStatus, ctx: CheckContext
    ) -> Iterator[Finding]:
        internal = ctx.is_internal(answer.url)
        judged = self._judge(answer.url, answer.status, internal=internal)
        if judged == "ok" or (not internal and judged != "error"):
            return
        kind = _resource_type(link)
        severity = Severity.MAJOR if kind in MAJOR_RESOURCES else Severity.MINOR
        yield self._asset_finding(record.url, answer.url, link, kind, severity, answer, ctx)

    def _form_target(self, record: PageRecord, link: Link, answer: UrlStatus) -> Iterator[Finding]:
        """Only "not there" counts: a form's address may refuse HEAD and GET (405) and
        still take the POST it is made for."""
        if (
            answer.status not in (404, 410)
            or self._judge(answer.url, answer.status, internal=True) == "ok"
        ):
            return
        yield RULES.finding(
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


def _broken_link_severity(link: Link, judged: str) -> Severity:
    """Blocker in the menu, major elsewhere; minor when the `status` option says "warn"."""
    if judged == "warn":
        return Severity.MINOR
    return Severity.BLOCKER if link.in_navigation else Severity.MAJOR


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


def _control_noun(control: Control) -> str:
    if control.tag in ("button", "input") or control.role in ("button", "switch"):
        return "button"
    if control.tag == "a" or control.role == "link":
        return "link"
    return control.role.replace("menuitem", "menu item") or "element"


def _link_to(links: tuple[Link, ...], url: str) -> Link | None:
    """The element that names `url`, preferring one a person sees."""
    matches = [link for link in links if link.href == url or urldefrag(link.href).url == url]
    return next((link for link in matches if link.visible), matches[0] if matches else None)


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


def _shown(url: str, ctx: CheckContext) -> str:
    """A URL as its path on the site, whole when it is elsewhere."""
    return path_and_query(url) if ctx.is_internal(url) else url
