"""data-safety: what a customer's browser gives away, and to whom. Passive: it reads what the
pages, their answers and the browser already have; its only requests of its own are a short
fixed list of well-known paths, GET only, once per site (cxcheck/exposure.py). It never
submits a form.

Rules (default severity; change one with `[checks.data-safety] severity = { rule = "..." }`,
leave one out with `disable = ["rule"]`):

Personal data on its way
- `personal-data-over-http` (blocker): pages that ask for passwords, card numbers, email
  addresses or phone numbers served over plain http (one finding listing the pages).
- `form-to-http` (blocker): a form with such fields on an https page sends them to http://.
- `form-to-other-site` (blocker for passwords and cards, major for email and phone): a form
  sends them to another site (not one of `expected_hosts`; www and other names of the same
  registrable domain are the site).
- `form-sends-secrets-in-url` (major): a form with a password or card field uses method=get.

Cookies (once per cookie for the whole site; session-like names only)
- `cookie-not-secure` (major, https sites), `cookie-not-httponly` (major),
  `cookie-no-samesite` (minor): a cookie that keeps customers signed in lacks the guard.
- `session-id-in-url` (major): addresses on the site carry a session id.

Security headers of HTML pages (once per problem for the whole site, listing the pages)
- `hsts-missing`, `hsts-too-short` (minor): no Strict-Transport-Security on https, or
  max-age under six months (`hsts_min_age_s`).
- `csp-missing`, `csp-allows-inline-script` (minor).
- `nosniff-missing` (minor).
- `framing-allowed` (minor; major when the framable pages have password or card fields).
- `referrer-policy-missing` (info), `referrer-policy-unsafe` (minor).

Personal data in addresses
- `personal-data-in-url` (major): an email address, a token or a customer id in the query
  of a page whose other-site scripts read it (or whose Referrer-Policy sends it).

Who else sees your customers (once per other host)
- `tracker-before-consent` (major): a known advertising, analytics or social-media service
  (bundled list from WhoTracks.me, see checks/safety/services.tsv; more in `trackers`) that
  sets cookies, runs its scripts or is sent data (a beacon, an XHR or fetch) as the page
  loads, before anyone clicked anything.
- `third-party-cookies` (minor): another site that sets cookies before any click.
- `third-party` (info): another site the pages contact, what it serves, on how many pages.

What should never be public
- `exposed-git`, `exposed-env`, `exposed-backup` (blocker); `exposed-server-status`,
  `exposed-phpinfo`, `directory-listing` (major); `exposed-ds-store` (minor): a well-known
  path answers with content that proves what it is (a 200 that is the site's own page is
  nothing).
- `debug-page` (blocker): a framework debug page or a stack trace on any page (a trace in a
  code block of a page that loaded fine is a tutorial, not a leak).
- `error-details` (major): PHP warnings with file paths, database error messages.
- `server-version` (minor): Server, X-Powered-By or X-AspNet-Version name a version.

Mixed content stays dead-navigation's `insecure-link`; a form that sends personal data over
http is this check's `form-to-http` instead (cxcheck/overlaps.py).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import ClassVar
from urllib.parse import urlsplit

from checks.safety import findings as make
from checks.safety.addresses import masked, personal_data, session_ids
from checks.safety.cookies import cookie_problems
from checks.safety.exposure import exposed
from checks.safety.fields import SECRET_KINDS, read_forms
from checks.safety.headers import HSTS_SIX_MONTHS, header_problems, referrer_leaks
from checks.safety.leaks import debug_output, is_listing, versions
from checks.safety.rules import RULES as SAFETY_RULES
from checks.safety.sites import matches, same_site
from checks.safety.third_parties import other_hosts
from checks.safety.transport import Transport, transport_findings
from cxcheck.captures import CaptureRequest, ExposureProbeRequest
from cxcheck.contract import CheckContext
from cxcheck.exposure import ProbeReply
from cxcheck.findings import Finding
from cxcheck.snapshot import PageSnapshot, SiteSnapshot
from cxcheck.traffic import host_of

RULES = SAFETY_RULES.ids


@dataclass(frozen=True)
class DataSafety:
    """What customers' browsers give away, and to whom."""

    name: ClassVar[str] = "data-safety"
    description: ClassVar[str] = (
        "Customers' personal data travels safely, goes only where the site means it to, "
        "and nothing that should stay private is public."
    )
    needs: ClassVar[frozenset[str]] = frozenset({"traffic", "site-traffic", "exposure-probe"})
    area: ClassVar[str] = "data"
    rule_ids: ClassVar[frozenset[str]] = RULES

    expected_hosts: tuple[str, ...] = field(
        default=(),
        metadata={
            "help": 'Other sites the site means to use, as host globs ("*.stripe.com", '
            '"fonts.gstatic.com"): no finding for them or for forms sent to them.'
        },
    )
    trackers: dict[str, str] = field(
        default_factory=dict,
        metadata={
            "help": 'More advertising or analytics services, by domain: { "stats.example.net" '
            '= "Example Stats" }.'
        },
    )
    session_cookies: tuple[str, ...] = field(
        default=(),
        metadata={"help": 'More names of cookies that keep customers signed in ("shopid*").'},
    )
    local_http_is_secure: bool = field(
        default=True,
        metadata={
            "help": "A page on localhost/127.0.0.1 over http counts as secure, as browsers "
            "count it (false: judge it as if it were the live site)."
        },
    )
    hsts_min_age_s: int = field(
        default=HSTS_SIX_MONTHS,
        metadata={"help": "Strict-Transport-Security max-age below this is too short."},
    )
    probe: bool = field(
        default=True,
        metadata={
            "help": "Ask once for well-known paths that should never be public (/.git/HEAD, "
            "/.env, backups...); false: no request of the check's own."
        },
    )
    disable: tuple[str, ...] = field(
        default=(), metadata={"help": 'Rules to leave out, e.g. ["referrer-policy-missing"].'}
    )

    def __post_init__(self) -> None:
        unknown = set(self.disable) - RULES
        if unknown:
            raise ValueError(f"disable: unknown rule {sorted(unknown)[0]!r}")
        if self.hsts_min_age_s < 0:
            raise ValueError("hsts_min_age_s: expected 0 or more seconds")

    def capture_requests(self) -> tuple[CaptureRequest, ...]:
        """The probe asks nothing when it is turned off."""
        return (ExposureProbeRequest(enabled=self.probe),)

    # ---- one page -------------------------------------------------------------------
    def check_page(self, page: PageSnapshot, ctx: CheckContext) -> Iterator[Finding]:
        """Findings for one page."""
        if not page.is_html or page.parsed:
            return
        found = [*self._leaks(page)]
        if not page.error and (page.status or 200) < 400:
            forms = read_forms(page.html)
            rules = Transport(self.expected_hosts, self.local_http_is_secure)
            found += transport_findings(page, forms, rules)
            found += self._headers(page, bool(SECRET_KINDS.intersection(forms.kinds)))
            found += self._addresses(page, ctx)
            if is_listing(page.html):
                found.append(make.listing_page(page.url))
        yield from (f for f in found if f.rule not in self.disable)

    def _leaks(self, page: PageSnapshot) -> Iterator[Finding]:
        leak = debug_output(page.html, page.status)
        if leak:
            yield make.leak(page.url, leak)
        for line in versions(dict(page.headers)):
            yield make.server_version(page.url, line)

    def _headers(self, page: PageSnapshot, secrets: bool) -> Iterator[Finding]:
        https = urlsplit(page.final_url or page.url).scheme == "https"
        for problem in header_problems(page.headers, page.html, https, self.hsts_min_age_s):
            yield make.header(page.url, problem, secrets)

    def _addresses(self, page: PageSnapshot, ctx: CheckContext) -> Iterator[Finding]:
        address = page.final_url or page.url
        for name, example in _session_links(page, ctx):
            yield make.session_id_in_url(page.url, name, example)
        carried = personal_data(address)
        traffic = page.traffic
        if not carried or traffic is None:
            return
        own = host_of(address)
        others = [
            sent
            for sent in traffic.requests
            if (host := host_of(sent.url))
            and not same_site(host, own)
            and not matches(host, self.expected_hosts)
        ]
        scripts = any(sent.kind == "script" for sent in others)
        if others and (scripts or referrer_leaks(page.headers, page.html)):
            hosts = list(dict.fromkeys(host_of(sent.url) for sent in others))
            shown = masked(address, [c.name for c in carried])
            yield make.personal_data_in_url(page.url, shown, carried, hosts, scripts)

    # ---- the whole site --------------------------------------------------------------
    def check_site(self, site: SiteSnapshot, ctx: CheckContext) -> Iterator[Finding]:
        """Cookies, other sites, and what should never be public."""
        found: list[Finding] = []
        traffic = site.site_traffic
        if traffic is not None:
            for problem in cookie_problems(traffic, ctx.start_url, self.session_cookies):
                found += make.cookie(problem)
            site_host = host_of(ctx.start_url)
            for other in other_hosts(traffic, site_host, self.expected_hosts, self.trackers):
                found += make.other_host(other)
        probe = site.exposure
        if probe is not None:
            found += [make.exposure(ctx.start_url, e) for r in probe.replies if (e := exposed(r))]
            found += [f for r in probe.replies if (f := _missing_page_leak(r, ctx.start_url))]
        yield from (f for f in found if f.rule not in self.disable)


def _missing_page_leak(reply: ProbeReply, start_url: str) -> Finding | None:
    """Debug output on the site's answer for an address that does not exist."""
    if reply.what != "not-found" or "html" not in reply.content_type.lower():
        return None
    leak = debug_output(reply.body.decode("utf-8", "replace"), reply.status)
    return make.leak(start_url, leak, reply.url, missing_page=True) if leak else None


def _session_links(page: PageSnapshot, ctx: CheckContext) -> Iterator[tuple[str, str]]:
    """(session parameter, a masked example) for addresses of the site that carry one."""
    seen: set[str] = set()
    addresses = [page.final_url, *(hop.url for hop in page.redirects)]
    addresses += [link.href for link in page.links if link.kind in ("a", "area", "form")]
    for address in addresses:
        if not address or not ctx.is_internal(address):
            continue
        for name in session_ids(address):
            if name not in seen:
                seen.add(name)
                yield name, masked(address, [name])
