"""The data-safety check's findings, in the words customers and testers read.

Findings about the whole site (a header, a cookie, another host) are made once per page they
concern, all alike, so the report groups them into one finding that lists the pages.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from checks.safety.addresses import Carried
from checks.safety.cookies import CookieProblem, where_set
from checks.safety.exposure import Exposed
from checks.safety.headers import HeaderProblem
from checks.safety.leaks import Leak
from checks.safety.third_parties import OtherHost, did, served
from cxcheck.findings import Finding, Severity

CHECK = "data-safety"

_HEADERS: dict[str, tuple[Severity, str, str]] = {
    "hsts-missing": (
        Severity.MINOR,
        "The site does not tell browsers to use https only (Strict-Transport-Security): a "
        "customer who types the address or follows an old http link makes a first request "
        "anyone on the network can intercept and redirect.",
        "Send Strict-Transport-Security: max-age=31536000 (one year) on every https answer.",
    ),
    "hsts-too-short": (
        Severity.MINOR,
        "The site tells browsers to use https only for less than six months "
        "(Strict-Transport-Security max-age): customers who come back later are unprotected "
        "on their first request again.",
        "Raise max-age to at least 15768000 (six months); a year (31536000) is usual.",
    ),
    "csp-missing": (
        Severity.MINOR,
        "These pages have no Content-Security-Policy: if a script ever gets injected (a "
        "compromised plugin, an unescaped review), nothing stops it from reading what "
        "customers type and sending it anywhere.",
        "Send a Content-Security-Policy that lists where scripts may come from "
        "(start from default-src 'self').",
    ),
    "csp-allows-inline-script": (
        Severity.MINOR,
        "These pages' Content-Security-Policy still lets inline scripts run, so it does not "
        "stop an injected script, the attack it exists for.",
        "Move inline scripts to files, or allow them by nonce or hash instead of 'unsafe-inline'.",
    ),
    "nosniff-missing": (
        Severity.MINOR,
        "These pages do not send X-Content-Type-Options: nosniff: browsers may run an "
        "uploaded or mislabelled file as a script.",
        "Send X-Content-Type-Options: nosniff on every answer.",
    ),
    "framing-allowed": (
        Severity.MINOR,
        "Any other site can show these pages inside a frame (no X-Frame-Options or CSP "
        "frame-ancestors) and trick customers into clicking or typing on them "
        "(clickjacking); it matters most where they type passwords or card numbers.",
        "Send Content-Security-Policy: frame-ancestors 'self' (or X-Frame-Options: SAMEORIGIN).",
    ),
    "referrer-policy-missing": (
        Severity.INFO,
        "These pages set no Referrer-Policy; today's browsers send other sites only the "
        "site's name, older ones the whole address (with anything in its query).",
        "Send Referrer-Policy: strict-origin-when-cross-origin.",
    ),
    "referrer-policy-unsafe": (
        Severity.MINOR,
        "These pages' Referrer-Policy sends the whole address, query included, to every "
        "other site they load files from or link to.",
        "Use Referrer-Policy: strict-origin-when-cross-origin (or stricter).",
    ),
}
HEADER_RULES = frozenset(_HEADERS)


def header(url: str, problem: HeaderProblem, secrets_on_page: bool) -> Finding:
    """A missing or weak security header on one page (grouped across pages)."""
    severity, message, help_text = _HEADERS[problem.rule]
    if problem.rule == "framing-allowed" and secrets_on_page:
        severity = Severity.MAJOR  # a framed sign-in or payment form is the real attack
    return Finding(
        CHECK, problem.rule, severity, url, message, help=help_text, evidence=problem.evidence
    )


_COOKIES: dict[str, tuple[Severity, str, str]] = {
    "cookie-not-secure": (
        Severity.MAJOR,
        "without Secure: the browser also sends it over plain http, where anyone on the "
        "network can copy it and be the customer",
        "Add Secure to the cookie.",
    ),
    "cookie-not-httponly": (
        Severity.MAJOR,
        "without HttpOnly: any script on the page, an injected one too, can read it and "
        "take over the customer's session",
        "Set it from the server with HttpOnly (a script can never set that).",
    ),
    "cookie-no-samesite": (
        Severity.MINOR,
        "without SameSite: older browsers send it along with requests other sites make, so "
        "they can act as the signed-in customer",
        "Add SameSite=Lax (or Strict).",
    ),
}


def cookie(problem: CookieProblem) -> Iterator[Finding]:
    """A session-like cookie that lacks a guard, on each page that set it."""
    severity, lacks, help_text = _COOKIES[problem.rule]
    name = problem.cookie.name
    more = (
        f" (and {problem.page_count - len(problem.pages)} more pages)"
        if (problem.page_count > len(problem.pages))
        else ""
    )
    message = (
        f"The cookie “{name}” looks like it keeps customers signed in, and it is "
        f"{where_set(problem.cookie)}{more} {lacks}."
    )
    for url in problem.pages:
        yield Finding(
            CHECK,
            problem.rule,
            severity,
            url,
            message,
            help=help_text,
            target=name,
            evidence=f"cookie {name}",
        )


def session_id_in_url(url: str, name: str, example: str) -> Finding:
    """Links that carry a session id in their address."""
    return Finding(
        CHECK,
        "session-id-in-url",
        Severity.MAJOR,
        url,
        f"Addresses on the site carry a session id ({name}), e.g. {example}: whoever gets "
        "such a link (a shared link, a log, another site's Referer) gets the customer's "
        "session.",
        help="Keep the session in a cookie (HttpOnly, Secure) and never in the address.",
        evidence=f"{name} in addresses",
    )


def personal_data_in_url(
    url: str, shown: str, carried: Sequence[Carried], hosts: Sequence[str], scripts: bool
) -> Finding:
    """A page whose address carries personal data and that loads files from other sites."""
    what = ", ".join(f"{c.what} ({c.name}=…)" for c in carried)
    others = ", ".join(hosts[:3]) + (" ..." if len(hosts) > 3 else "")
    how = (
        "their scripts read the whole address"
        if scripts
        else "the page's Referrer-Policy sends them the whole address"
    )
    return Finding(
        CHECK,
        "personal-data-in-url",
        Severity.MAJOR,
        url,
        f"This page's address carries {what}, and the page loads files from other sites "
        f"({others}): {how}, so they get it too.",
        help="Keep personal data out of addresses: send it in a POST or keep it on the "
        "server; at least do not load other sites' files on such pages.",
        target=shown,
        evidence=", ".join(sorted(c.name for c in carried)),
    )


_HOSTS: dict[str, tuple[Severity, str]] = {
    "tracker-before-consent": (
        Severity.MAJOR,
        "List it in the consent banner and load it only once the customer agrees (or list "
        "the host in expected_hosts if the site does not need consent for it).",
    ),
    "third-party-cookies": (
        Severity.MINOR,
        "Check what the cookies are for; load it after consent if they are not strictly "
        "needed, or list the host in expected_hosts.",
    ),
    "third-party": (
        Severity.INFO,
        "Nothing to do if the site means to use it; list it in expected_hosts to leave it "
        "out of reports.",
    ),
}


def other_host(other: OtherHost) -> Iterator[Finding]:
    """Another site's host, on each of the (first) pages that contacted it."""
    use = other.use
    severity, help_text = _HOSTS[other.rule]
    pages = f"{use.page_count} page{'s' if use.page_count != 1 else ''}"
    done = did(other)
    before = f"; as the page loads, before the customer does anything, it {done}" if done else ""
    message = (
        f"Customers' browsers contact {other.label} on {pages}, for {served(use)}{before}."
        + (
            " Customers have not agreed to it yet."
            if other.rule == "tracker-before-consent"
            else ""
        )
    )
    for url in use.pages:
        yield Finding(
            CHECK,
            other.rule,
            severity,
            url,
            message,
            help=help_text,
            target=use.host,
            evidence=use.host,
        )


_EXPOSED_SEVERITY = {
    "exposed-git": Severity.BLOCKER,
    "exposed-env": Severity.BLOCKER,
    "exposed-backup": Severity.BLOCKER,
    "exposed-server-status": Severity.MAJOR,
    "exposed-phpinfo": Severity.MAJOR,
    "directory-listing": Severity.MAJOR,
    "exposed-ds-store": Severity.MINOR,
}
EXPOSURE_RULES = frozenset(_EXPOSED_SEVERITY)


def exposure(url: str, found: Exposed) -> Finding:
    """A well-known path that answers with what should never be public."""
    reply = found.reply
    return Finding(
        CHECK,
        found.rule,
        _EXPOSED_SEVERITY[found.rule],
        url,
        f"Anyone can download {found.summary} at {reply.path} ({found.proof}). Attackers "
        "ask every site for such addresses: what they find tells them how the site is built, "
        "and often hands them passwords and keys.",
        help=f"Remove it from the server, or deny every request for {reply.path} in the "
        "web server's configuration; change any password or key it held.",
        target=reply.url,
        evidence=found.proof if found.rule != "exposed-env" else "a .env settings file",
    )


def listing_page(url: str) -> Finding:
    """A crawled page that is a web server's list of a folder's files."""
    return Finding(
        CHECK,
        "directory-listing",
        Severity.MAJOR,
        url,
        "This page is the web server's list of a folder's files: anyone can see and "
        "download every file in it, also those no page links to.",
        help="Turn off directory listings in the web server (Options -Indexes, autoindex off).",
        target=url,
        evidence="a list of the folder's files",
    )


def leak(url: str, found: Leak, target: str = "", missing_page: bool = False) -> Finding:
    """Debug output or an error message with internals, on a page (or a missing page)."""
    where = "A missing page shows customers" if missing_page else "This page shows customers"
    blocker = found.rule == "debug-page"
    return Finding(
        CHECK,
        found.rule,
        Severity.BLOCKER if blocker else Severity.MAJOR,
        url,
        f"{where} {found.what}: it tells attackers the code's file paths and versions, "
        "sometimes its settings and secrets, and tells customers the site is broken.",
        help="Turn debug output off on the live site (DEBUG = False, display_errors = Off, "
        "a production error page) and log errors on the server instead.",
        target=target,
        evidence=found.what,
    )


def server_version(url: str, header_line: str) -> Finding:
    """A response header that names the server's software and its version."""
    return Finding(
        CHECK,
        "server-version",
        Severity.MINOR,
        url,
        f"The server names its software and version ({header_line}): attackers look up "
        "the known holes of that exact version.",
        help="Leave the version out of the header (ServerTokens Prod, server_tokens off, "
        "expose_php = Off) or the header altogether.",
        evidence=header_line,
    )
