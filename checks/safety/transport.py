"""Personal data on its way: pages that ask for it over plain http, and forms that send it
over plain http, to another site, or (passwords, cards) in the address itself.

A page on this machine (localhost, 127.0.0.1) served over http is not judged for its own
transport by default: browsers treat it as secure, and nothing crosses a network; the live
site's address is what counts (`local_http_is_secure = false` judges it anyway).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from checks.safety.addresses import masked, personal_data, session_ids
from checks.safety.fields import KIND_WORDS, Form, PageForms
from checks.safety.rules import RULES
from checks.safety.sites import is_loopback, matches, same_site
from cxcheck.findings import Finding, Severity
from cxcheck.snapshot import Link, PageSnapshot


@dataclass(frozen=True)
class Transport:
    """What the transport rules need besides the page."""

    expected_hosts: tuple[str, ...] = ()
    local_http_is_secure: bool = True


def transport_findings(page: PageSnapshot, forms: PageForms, rules: Transport) -> Iterator[Finding]:
    """Findings about how the page's personal data travels."""
    address = urlsplit(page.final_url or page.url)
    host = (address.hostname or "").lower()
    local = rules.local_http_is_secure and is_loopback(host)
    if address.scheme == "http" and forms.kinds and not local:
        yield _over_http(page)
    by_raw = {link.raw: link for link in page.links if link.kind == "form"}
    for form in forms.forms:
        for target, link in _targets(page, form, by_raw, forms.base):
            yield from _form_findings(page, form, target, link, address.scheme, host, rules)


def _targets(
    page: PageSnapshot, form: Form, by_raw: dict[str, Link], base: str
) -> Iterator[tuple[str, Link | None]]:
    """Where the form sends what is typed: its action (the page itself without one), and any
    other address its buttons name. Script addresses are the script's business."""
    document = page.final_url or page.url
    for raw in (form.raw_action, *form.formactions):
        if raw is not None and raw.strip().lower().startswith("javascript:"):
            continue
        link = by_raw.get(raw) if raw is not None else None
        if link is not None and link.href:
            yield link.href, link
        else:
            yield urljoin(urljoin(document, base), (raw or "").strip()) or document, None


def _form_findings(
    page: PageSnapshot,
    form: Form,
    target: str,
    link: Link | None,
    scheme: str,
    host: str,
    rules: Transport,
) -> Iterator[Finding]:
    goes = urlsplit(target)
    goes_host = (goes.hostname or "").lower()
    hidden = [c.name for c in personal_data(target)] + session_ids(target)
    target = masked(target, hidden) if hidden else target  # a token in an action stays out
    selector = link.selector if link else (f"form#{form.form_id}" if form.form_id else "")
    expected = matches(goes_host, rules.expected_hosts)
    if scheme == "https" and goes.scheme == "http":
        yield _to_http(page, form, target, selector)
    elif goes.scheme in ("http", "https") and not same_site(goes_host, host) and not expected:
        yield _to_other_site(page, form, target, selector, goes_host)
    if form.method == "get" and form.secret:
        yield _secrets_in_url(page, form, target, selector)


def _over_http(page: PageSnapshot) -> Finding:
    return RULES.finding(
        "personal-data-over-http",
        page.url,
        evidence="personal-data fields on a plain http page",
        message="These pages ask for passwords, card numbers, email addresses or phone "
        "numbers over plain http: anyone on the same network (a café's Wi-Fi, a hotel's) can "
        "read what customers type, and change the page they see.",
    )


def _to_http(page: PageSnapshot, form: Form, target: str, selector: str) -> Finding:
    return RULES.finding(
        "form-to-http",
        page.url,
        target=target,
        selector=selector,
        evidence=f"form asks for {_kinds(form.kinds)}",
        message=f"A form on this secure page sends {_kinds(form.kinds)} to {target} over "
        "plain http: what customers type crosses the network readable by anyone on the way, "
        "and browsers warn them before it does.",
    )


def _to_other_site(
    page: PageSnapshot, form: Form, target: str, selector: str, goes_host: str
) -> Finding:
    return RULES.finding(
        "form-to-other-site",
        page.url,
        severity=Severity.BLOCKER if form.secret else Severity.MAJOR,
        target=target,
        selector=selector,
        evidence=f"form asks for {_kinds(form.kinds)}",
        message=f"A form on this page sends {_kinds(form.kinds)} to another site, "
        f"{goes_host}. If that is not a service the site means to use, customers' data goes "
        "to a stranger (a changed action is how card skimmers work).",
        fix="Send the form to the site itself, or list the host as expected: "
        f'expected_hosts = ["{goes_host}"].',
    )


def _secrets_in_url(page: PageSnapshot, form: Form, target: str, selector: str) -> Finding:
    secret = [kind for kind in form.kinds if kind in ("password", "card")]
    return RULES.finding(
        "form-sends-secrets-in-url",
        page.url,
        target=target,
        selector=selector,
        evidence=f"method=get with {_kinds(secret)}",
        message=f"A form on this page sends {_kinds(secret)} in the address itself "
        "(method=get): they end up in the browser's history, server and proxy logs, and "
        "the Referer other sites receive.",
    )


def _kinds(kinds: Sequence[str]) -> str:
    words = [KIND_WORDS[kind] for kind in kinds]
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]
