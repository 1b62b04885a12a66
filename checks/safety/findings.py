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
from checks.safety.rules import RULES
from checks.safety.third_parties import OtherHost, did, served
from cxcheck.findings import Finding, Severity

_HEADERS: dict[str, str] = {
    "hsts-missing": "The site does not tell browsers to use https only "
    "(Strict-Transport-Security): a customer who types the address or follows an old http link "
    "makes a first request anyone on the network can intercept and redirect.",
    "hsts-too-short": "The site tells browsers to use https only for less than six months "
    "(Strict-Transport-Security max-age): customers who come back later are unprotected on "
    "their first request again.",
    "csp-missing": "These pages have no Content-Security-Policy: if a script ever gets "
    "injected (a compromised plugin, an unescaped review), nothing stops it from reading what "
    "customers type and sending it anywhere.",
    "csp-allows-inline-script": "These pages' Content-Security-Policy still lets inline "
    "scripts run, so it does not stop an injected script, the attack it exists for.",
    "nosniff-missing": "These pages do not send X-Content-Type-Options: nosniff: browsers may "
    "run an uploaded or mislabelled file as a script.",
    "framing-allowed": "Any other site can show these pages inside a frame (no "
    "X-Frame-Options or CSP frame-ancestors) and trick customers into clicking or typing on "
    "them (clickjacking); it matters most where they type passwords or card numbers.",
    "referrer-policy-missing": "These pages set no Referrer-Policy; today's browsers send "
    "other sites only the site's name, older ones the whole address (with anything in its "
    "query).",
    "referrer-policy-unsafe": "These pages' Referrer-Policy sends the whole address, query "
    "included, to every other site they load files from or link to.",
}


def header(url: str, problem: HeaderProblem, secrets_on_page: bool) -> Finding:
    """A missing or weak security header on one page (grouped across pages)."""
    # A framed sign-in or payment form is the attack framing protection is for.
    framed_secrets = problem.rule == "framing-allowed" and secrets_on_page
    return RULES.finding(
        problem.rule,
        url,
        _HEADERS[problem.rule],
        severity=Severity.MAJOR if framed_secrets else None,
        evidence=problem.evidence,
    )


_COOKIES: dict[str, str] = {
    "cookie-not-secure": "without Secure: the browser also sends it over plain http, where "
    "anyone on the network can copy it and be the customer",
    "cookie-not-httponly": "without HttpOnly: any script on the page, an injected one too, can "
    "read it and take over the customer's session",
    "cookie-no-samesite": "without SameSite: older browsers send it along with requests other "
    "sites make, so they can act as the signed-in customer",
}


def cookie(problem: CookieProblem) -> Iterator[Finding]:
    """A session-like cookie that lacks a guard, on each page that set it."""
    name = problem.cookie.name
    more = (
        f" (and {problem.page_count - len(problem.pages)} more pages)"
        if (problem.page_count > len(problem.pages))
        else ""
    )
    message = (
        f"The cookie “{name}” looks like it keeps customers signed in, and it is "
        f"{where_set(problem.cookie)}{more} {_COOKIES[problem.rule]}."
    )
    for url in problem.pages:
        yield RULES.finding(problem.rule, url, message, target=name, evidence=f"cookie {name}")


def session_id_in_url(url: str, name: str, example: str) -> Finding:
    """Links that carry a session id in their address."""
    return RULES.finding(
        "session-id-in-url",
        url,
        f"Addresses on the site carry a session id ({name}), e.g. {example}: whoever gets "
        "such a link (a shared link, a log, another site's Referer) gets the customer's "
        "session.",
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
    return RULES.finding(
        "personal-data-in-url",
        url,
        f"This page's address carries {what}, and the page loads files from other sites "
        f"({others}): {how}, so they get it too.",
        target=shown,
        evidence=", ".join(sorted(c.name for c in carried)),
    )


def other_host(other: OtherHost) -> Iterator[Finding]:
    """Another site's host, on each of the (first) pages that contacted it."""
    use = other.use
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
        yield RULES.finding(other.rule, url, message, target=use.host, evidence=use.host)


def exposure(url: str, found: Exposed) -> Finding:
    """A well-known path that answers with what should never be public."""
    reply = found.reply
    return RULES.finding(
        found.rule,
        url,
        f"Anyone can download {found.summary} at {reply.path} ({found.proof}). Attackers "
        "ask every site for such addresses: what they find tells them how the site is built, "
        "and often hands them passwords and keys.",
        fix=f"Remove it from the server, or deny every request for {reply.path} in the "
        "web server's configuration; change any password or key it held.",
        target=reply.url,
        evidence=found.proof if found.rule != "exposed-env" else "a .env settings file",
    )


def listing_page(url: str) -> Finding:
    """A crawled page that is a web server's list of a folder's files."""
    return RULES.finding(
        "directory-listing",
        url,
        "This page is the web server's list of a folder's files: anyone can see and "
        "download every file in it, also those no page links to.",
        target=url,
        evidence="a list of the folder's files",
    )


def leak(url: str, found: Leak, target: str = "", missing_page: bool = False) -> Finding:
    """Debug output or an error message with internals, on a page (or a missing page)."""
    where = "A missing page shows customers" if missing_page else "This page shows customers"
    return RULES.finding(
        found.rule,
        url,
        f"{where} {found.what}: it tells attackers the code's file paths and versions, "
        "sometimes its settings and secrets, and tells customers the site is broken.",
        target=target,
        evidence=found.what,
    )


def server_version(url: str, header_line: str) -> Finding:
    """A response header that names the server's software and its version."""
    return RULES.finding(
        "server-version",
        url,
        f"The server names its software and version ({header_line}): attackers look up "
        "the known holes of that exact version.",
        evidence=header_line,
    )
