"""Whether the start page lets the site be checked at all: a start page that could not be
read is never "ready". Unreachable servers, refused ports, TLS failures, an empty or cut-off
answer, something that is not a web page, and a redirect to another site each end the run
(exit 3) with one line saying what happened and what to do.
"""

from __future__ import annotations

from collections.abc import Callable

from cxcheck.snapshot import PageSnapshot
from cxcheck.urls import origin_of

# Failures whose advice is in their words already: "is the site running?" would mislead.
_OWN_ADVICE = ("ERR_CERT_", "ERR_SSL_", "ERR_UNSAFE_PORT", "ERR_BAD_SSL")


def why_unusable(first: PageSnapshot, start_url: str, on_site: Callable[[str], bool]) -> str:
    """ "" when the crawl can start from `first`, the start page's snapshot; else the one
    line that says why not."""
    if first.final_url and not first.error and not on_site(first.final_url):
        return _left_site(start_url, first.final_url)
    if first.error and first.status is None:
        return _not_read(first, start_url)
    if (first.status or 0) >= 400:
        return ""  # an error page is a finding: the site is not ready, and the report says why
    if not first.is_html:
        kind = f'"{first.content_type}"' if first.content_type else "no content type"
        return (
            f"could not check {start_url}: it answered {first.status} with {kind}, not a web "
            "page, so there is nothing to crawl from it (a server that cuts its answer off "
            "in the headers looks like this too)"
        )
    if not (first.title or first.text.strip() or first.links):
        return (
            f"could not check {start_url}: it answered {first.status} with an empty page "
            "(no title, text or links); is the server cutting its answers short?"
        )
    return ""


def _not_read(first: PageSnapshot, start_url: str) -> str:
    if first.unreachable and first.error_code.startswith(_OWN_ADVICE):
        return f"could not reach {start_url}: {first.error}"
    if first.unreachable:
        return f"could not reach {start_url} ({first.error}). Is the site running?"
    return f"could not check {start_url}: the start page could not be read ({first.error})"


def _left_site(start_url: str, destination: str) -> str:
    other = origin_of(destination)
    return (
        f"could not check {start_url}: it redirects to {destination}, on another site "
        f"({other}), where cxcheck does not go. If {other} is the site to check, start "
        f"there (cxcheck check {other}/); if it is a sign-in page, sign in first with "
        "[auth] (a journey, cookies or headers) in cxcheck.toml"
    )
