"""The page loads of bench/corpus/data-safety/exchanges.toml as data-safety sees them: each
one a one-page site (its snapshot with the traffic capture's record, and the run's traffic
added up from it), judged by the page and the site checks together.

Headers, cookies, the hosts pages contact and what addresses carry: the rules a page's HTML
alone cannot show (bench/data_safety.py reads the rest from HTML and probe files).
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from checks.data_safety import DataSafety
from cxcheck.contract import CheckContext
from cxcheck.snapshot import SiteSnapshot
from cxcheck.testing import snapshot_from_html
from cxcheck.traffic import CookieSet, PageTraffic, Sent, TrafficTally, host_of, parse_set_cookie
from cxcheck.urls import origin_of

FILE = Path(__file__).resolve().parent / "corpus" / "data-safety" / "exchanges.toml"
_PAGE = (
    "<!doctype html><html lang=en><head><meta charset=utf-8><title>Northwind</title>{head}"
    "</head><body><main><h1>Northwind</h1>{body}</main></body></html>"
)


@dataclass(frozen=True)
class Exchange:
    """One page load of the corpus and the rules it must get."""

    name: str
    family: str
    expect: frozenset[str]
    rules: frozenset[str]  # what the check reported


def judge_all(check: DataSafety, careful: Mapping[str, str], site: str) -> list[Exchange]:
    """Every exchange of the corpus, judged by `check`; pages start from `careful` headers."""
    entries = tomllib.loads(FILE.read_text(encoding="utf-8"))["exchange"]
    return [_judge(check, entry, careful, site) for entry in entries]


def _judge(
    check: DataSafety, entry: Mapping[str, Any], careful: Mapping[str, str], site: str
) -> Exchange:
    url = str(entry.get("url") or f"{site}{entry['name']}/")
    headers = {k: v for k, v in careful.items() if k not in entry.get("drop", ())}
    headers.update(entry.get("headers", {}))
    traffic = PageTraffic(
        tuple(_sent(line) for line in entry.get("requests", ())),
        tuple(c for item in entry.get("cookies", ()) if (c := _cookie(item, url))),
    )
    html = _PAGE.format(head=entry.get("head", ""), body=entry.get("body", "<p>Spring.</p>"))
    page = snapshot_from_html(html, url=url, headers=headers, extras={"traffic": traffic})
    tally = TrafficTally()
    tally.add(url, traffic)
    start = origin_of(url) + "/"
    ctx = CheckContext(start)
    snapshot = SiteSnapshot(start, (), extras={"site-traffic": tally.result()})
    found = [*check.check_page(page, ctx), *check.check_site(snapshot, ctx)]
    return Exchange(
        str(entry["name"]),
        _family(str(entry["name"])),
        frozenset(entry["expect"]),
        frozenset(f.rule for f in found),
    )


def _sent(line: str) -> Sent:
    kind, url, *status = line.split()
    code = None if status and status[0] == "-" else int(status[0]) if status else 200
    return Sent(url, kind, code)


def _cookie(item: str | Mapping[str, str], page_url: str) -> CookieSet | None:
    if isinstance(item, str):
        item = {"header": item}
    by = item.get("by", page_url)
    source = item.get("source", "response")
    owner = host_of(page_url) if source == "script" else host_of(by)
    return parse_set_cookie(item["header"], owner, by, source)


_FAMILIES = {
    "hsts": "headers",
    "csp": "headers",
    "nosniff": "headers",
    "framing": "headers",
    "referrer": "headers",
    "server": "server software",
    "cookie": "cookies",
    "session": "addresses",
    "email": "addresses",
    "token": "addresses",
    "customer": "addresses",
    "campaign": "addresses",
    "http": "transport",
}


def _family(name: str) -> str:
    """The family a page tests, by its name's first word (the rest: other sites)."""
    return _FAMILIES.get(name.split("-")[0], "other sites")
