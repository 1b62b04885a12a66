"""The security headers of one HTML page, read as browsers read them: what a page lacks that
would keep customers' data in when something else goes wrong.

- Strict-Transport-Security (https only), with max-age of at least six months;
- a Content-Security-Policy (header or `<meta http-equiv>`), enforced, and whether it still
  lets any inline script run (`'unsafe-inline'` without a nonce or hash, or no script-src
  and no default-src at all); several policies all apply, so inline runs only if each lets it;
- `X-Content-Type-Options: nosniff`;
- protection against framing: `frame-ancestors` in a header policy (a `<meta>` one is
  ignored by browsers) or `X-Frame-Options: DENY`/`SAMEORIGIN` (ALLOW-FROM is obsolete);
- a Referrer-Policy (header or `<meta name="referrer">`); browsers default to sending only
  the origin to other sites, so a missing one is information, a policy that sends whole
  addresses (unsafe-url, no-referrer-when-downgrade) is a problem.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

HSTS_SIX_MONTHS = 15_768_000  # seconds, as Mozilla's Observatory counts six months
_META = re.compile(r"<meta\b[^>]*>", re.I)
_ATTR = re.compile(r"""([\w-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""")
_MAX_AGE = re.compile(r"(?:^|;)\s*max-age\s*=\s*\"?(\d+)", re.I)
_OPEN_ANCESTORS = frozenset({"*", "http:", "https:"})
_LEAKY_REFERRERS = frozenset({"unsafe-url", "no-referrer-when-downgrade"})
_REFERRER_TOKENS = frozenset(
    {"no-referrer", "no-referrer-when-downgrade", "same-origin", "origin"}
    | {"strict-origin", "origin-when-cross-origin", "strict-origin-when-cross-origin"}
    | {"unsafe-url"}
)


@dataclass(frozen=True)
class HeaderProblem:
    """One missing or weak security header on a page."""

    rule: str
    evidence: str


def header_problems(
    headers: Mapping[str, str], html: str, https: bool, min_hsts_s: int = HSTS_SIX_MONTHS
) -> Iterator[HeaderProblem]:
    """What the page's headers (names lower-case) and `<meta>` tags leave open."""
    metas = _metas(html)
    if https:
        yield from _hsts(headers.get("strict-transport-security", ""), min_hsts_s)
    yield from _csp(headers, metas)
    if headers.get("x-content-type-options", "").split(",")[0].strip().lower() != "nosniff":
        yield HeaderProblem("nosniff-missing", "no X-Content-Type-Options: nosniff")
    if not _frame_protected(headers):
        yield HeaderProblem("framing-allowed", "no X-Frame-Options or frame-ancestors")
    yield from _referrer(headers.get("referrer-policy", ""), metas.get("referrer", ""))


def referrer_leaks(headers: Mapping[str, str], html: str) -> bool:
    """The page sends its whole address to other sites it loads files from."""
    policy = _referrer_policy(headers.get("referrer-policy", ""), _metas(html).get("referrer", ""))
    return policy in _LEAKY_REFERRERS


def _hsts(value: str, min_s: int) -> Iterator[HeaderProblem]:
    if not value.strip():
        yield HeaderProblem("hsts-missing", "no Strict-Transport-Security header")
        return
    age = _MAX_AGE.search(value)
    if age is None:
        yield HeaderProblem("hsts-missing", "Strict-Transport-Security without max-age")
    elif int(age.group(1)) < min_s:
        yield HeaderProblem("hsts-too-short", f"Strict-Transport-Security max-age={age.group(1)}")


def _csp(headers: Mapping[str, str], metas: Mapping[str, str]) -> Iterator[HeaderProblem]:
    policies = [
        *_policies(headers.get("content-security-policy", "")),
        *_policies(metas.get("content-security-policy", "")),
    ]
    if not policies:
        only_report = headers.get("content-security-policy-report-only", "").strip()
        evidence = "Content-Security-Policy-Report-Only only" if only_report else "no policy"
        yield HeaderProblem("csp-missing", f"Content-Security-Policy: {evidence}")
        return
    reasons = [_inline_allowed(policy) for policy in policies]
    if all(reasons):
        yield HeaderProblem("csp-allows-inline-script", f"Content-Security-Policy: {reasons[0]}")


def _inline_allowed(policy: Mapping[str, list[str]]) -> str:
    """Why `policy` lets an inline script run ("" when it does not)."""
    for directive in ("script-src-elem", "script-src", "default-src"):
        if directive in policy:
            sources = [s.lower() for s in policy[directive]]
            guarded = any(
                s.startswith(("'nonce-", "'sha")) or s == "'strict-dynamic'" for s in sources
            )
            if "'unsafe-inline'" in sources and not guarded:
                return f"{directive} allows 'unsafe-inline'"
            return ""
    return "no script-src or default-src"


def _frame_protected(headers: Mapping[str, str]) -> bool:
    option = headers.get("x-frame-options", "").split(",")[0].strip().lower()
    if option in ("deny", "sameorigin"):
        return True
    for policy in _policies(headers.get("content-security-policy", "")):
        ancestors = policy.get("frame-ancestors")
        if ancestors is not None and not _OPEN_ANCESTORS.intersection(ancestors):
            return True
    return False


def _referrer(header: str, meta: str) -> Iterator[HeaderProblem]:
    policy = _referrer_policy(header, meta)
    if not policy:
        yield HeaderProblem("referrer-policy-missing", "no Referrer-Policy")
    elif policy in _LEAKY_REFERRERS:
        yield HeaderProblem("referrer-policy-unsafe", f"Referrer-Policy: {policy}")


def _referrer_policy(header: str, meta: str) -> str:
    """The policy browsers apply: the last token they know, the `<meta>` one over the header."""
    for value in (meta, header):
        known = [
            t.strip().lower() for t in value.split(",") if t.strip().lower() in _REFERRER_TOKENS
        ]
        if known:
            return known[-1]
    return ""


def _policies(value: str) -> list[dict[str, list[str]]]:
    """Each comma-separated policy as directive -> sources (the first of a name counts)."""
    found = []
    for text in value.split(","):
        policy: dict[str, list[str]] = {}
        for directive in text.split(";"):
            parts = directive.split()
            if parts:
                policy.setdefault(parts[0].lower(), parts[1:])
        if policy:
            found.append(policy)
    return found


def _metas(html: str) -> dict[str, str]:
    """http-equiv and name `<meta>` values of the page's head, names lower-case."""
    head = html[: html.lower().find("</head>")] if "</head>" in html.lower() else html[:20000]
    found: dict[str, str] = {}
    for tag in _META.findall(head):
        attrs = {m.group(1).lower(): _value(m) for m in _ATTR.finditer(tag)}
        key = (attrs.get("http-equiv") or attrs.get("name") or "").lower()
        if key and "content" in attrs:
            found.setdefault(key, attrs["content"])
    return found


def _value(match: re.Match[str]) -> str:
    return next(g for g in match.group(2, 3, 4) if g is not None)
