"""How well data-safety tells real problems from look-alikes, on the corpus in
bench/corpus/data-safety/ (sources.toml says what each file follows): debug pages, error
messages and listings against tutorials, friendly error pages and shop pages that use the
same words; forms that send personal data badly against forms that do not; answers to the
well-known-path probe whose content proves an exposure against the 200s that prove nothing;
page loads (exchanges.toml: answer headers, cookies, the requests pages make, their
addresses) with every header, cookie and other-site rule against careful look-alikes.

    python bench/data_safety.py [--verbose]

Pages are read as snapshots (cxcheck.testing.snapshot_from_html, no browser) with the
security headers a careful site sends, so only the rule under test can speak; probe files
are judged as the answer to their path. A file that expects a rule counts as found when that
rule is reported; a silent one is a false alarm when anything is. Precision is found /
(found + false alarms + files flagged with a wrong rule); recall is found / files that
expect a rule. Then the same per rule over every file and page load: a rule expected and
reported is found, expected and not reported is missed, reported and not expected is a false
alarm. Last, what the page-level rules cost per page (median of 5 rounds).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
import tomllib
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from construction import Outcome, figures, table
from data_safety_exchanges import Exchange, judge_all

from checks.data_safety import RULES, DataSafety
from cxcheck.contract import CheckContext
from cxcheck.exposure import ExposureProbe, ProbeReply
from cxcheck.snapshot import PageSnapshot, SiteSnapshot
from cxcheck.testing import snapshot_from_html

CORPUS = Path(__file__).resolve().parent / "corpus" / "data-safety"
SITE = "https://www.northwind-shop.com/"
HEADERS = {
    "strict-transport-security": "max-age=31536000",
    "content-security-policy": "default-src 'self'; frame-ancestors 'self'",
    "x-content-type-options": "nosniff",
    "referrer-policy": "strict-origin-when-cross-origin",
}
TARGETS = {"recall": 0.95, "precision": 0.98}


def load_pages() -> list[tuple[dict[str, object], PageSnapshot]]:
    """Each [[page]] of sources.toml with its file as a snapshot."""
    entries = tomllib.loads((CORPUS / "sources.toml").read_text(encoding="utf-8"))["page"]
    pages = []
    for entry in entries:
        html = (CORPUS / str(entry["file"])).read_text(encoding="utf-8")
        url = str(entry.get("url") or f"{SITE}{Path(str(entry['file'])).stem}/")
        snapshot = snapshot_from_html(
            html, url=url, status=int(entry.get("status", 200)), headers=HEADERS
        )
        pages.append((entry, snapshot))
    return pages


def family_of(expect: str, file: str) -> str:
    """The family a file tests, for the per-family figures."""
    name = Path(file).name
    if name.startswith("form-"):
        return "forms"
    if expect == "directory-listing" or name.startswith("index-of"):
        return "listings"
    return "debug output"


def evaluate(check: DataSafety) -> list[Outcome]:
    """What the check reports on every corpus file."""
    outcomes = []
    ctx = CheckContext(SITE)
    for entry, page in load_pages():
        rules = frozenset(f.rule for f in check.check_page(page, ctx))
        expect, file = str(entry["expect"]), str(entry["file"])
        outcomes.append(Outcome(file, "", family_of(expect, file), expect, rules))
    probes = tomllib.loads((CORPUS / "sources.toml").read_text(encoding="utf-8"))["probe"]
    for entry in probes:
        body = (CORPUS / entry["file"]).read_bytes()
        reply = ProbeReply(f"/{entry['what']}", entry["what"], SITE + entry["what"], 200, "", body)
        site = SiteSnapshot(SITE, (), extras={"exposure-probe": ExposureProbe((reply,), True)})
        rules = frozenset(f.rule for f in check.check_site(site, ctx))
        outcomes.append(Outcome(entry["file"], "", "probe answers", entry["expect"], rules))
    return outcomes


def page_cost(check: DataSafety) -> float:
    """Median milliseconds per page of the page-level rules over the corpus pages."""
    pages = [page for _, page in load_pages()]
    ctx = CheckContext(SITE)
    rounds = []
    for _ in range(5):
        start = time.perf_counter()
        for page in pages:
            list(check.check_page(page, ctx))
        rounds.append((time.perf_counter() - start) / len(pages) * 1000)
    return statistics.median(rounds)


def exchange_table(exchanges: list[Exchange]) -> None:
    """Per family of page loads: found when every expected rule was reported, a false alarm
    when any other was."""
    families: dict[str, list[Exchange]] = defaultdict(list)
    for exchange in exchanges:
        families[exchange.family].append(exchange)
    print(f"\n{'page loads':<24} {'pages':>5} {'expect':>6} {'found':>5} {'alarms':>6}")
    for name in sorted(families):
        group = families[name]
        expect = sum(bool(e.expect) for e in group)
        found = sum(bool(e.expect) and e.expect <= e.rules for e in group)
        alarms = sum(bool(e.rules - e.expect) for e in group)
        print(f"{name:<24} {len(group):>5} {expect:>6} {found:>5} {alarms:>6}")


def rule_table(outcomes: list[Outcome], exchanges: list[Exchange]) -> None:
    """Recall and precision of each rule over the files and the page loads."""
    cases = [(frozenset() if o.expect == "silent" else {o.expect}, o.rules) for o in outcomes]
    cases += [(e.expect, e.rules) for e in exchanges]
    print(
        f"\n{'rule':<26} {'expect':>6} {'found':>5} {'missed':>6} {'alarms':>6} "
        f"{'recall':>7} {'precision':>9}"
    )
    for rule in sorted(RULES):
        expect = sum(rule in want for want, _ in cases)
        found = sum(rule in want and rule in got for want, got in cases)
        alarms = sum(rule in got and rule not in want for want, got in cases)
        recall = f"{found / expect:.0%}" if expect else "-"
        precision = f"{found / (found + alarms):.0%}" if found + alarms else "-"
        print(
            f"{rule:<26} {expect:>6} {found:>5} {expect - found:>6} {alarms:>6} "
            f"{recall:>7} {precision:>9}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--verbose", action="store_true", help="list every file's outcome")
    args = parser.parse_args()
    check = DataSafety()
    outcomes = evaluate(check)
    by_family: dict[str, list[Outcome]] = defaultdict(list)
    for outcome in outcomes:
        by_family[outcome.kind].append(outcome)
    table("family", by_family)
    exchanges = judge_all(check, HEADERS, SITE)
    exchange_table(exchanges)
    rule_table(outcomes, exchanges)
    positives, found, alarms, silent, recall, precision = figures(outcomes)
    expected = sum(len(e.expect) for e in exchanges)
    hits = sum(len(e.expect & e.rules) for e in exchanges)
    wrong = sum(len(e.rules - e.expect) for e in exchanges)
    print(
        f"\nall: {positives} files that expect a rule, {silent} that must stay silent; "
        f"found {found}, {alarms} false alarms; {len(exchanges)} page loads that expect "
        f"{expected} rules ({sum(not e.expect for e in exchanges)} silent): found {hits}, "
        f"{wrong} false alarms"
    )
    recall = (found + hits) / (positives + expected)
    precision = (found + hits) / (found + hits + alarms + wrong)
    for name, value in (("recall", recall), ("precision", precision)):
        verdict = "met" if value >= TARGETS[name] else "NOT met"
        print(f"{name}: {value:.1%} (target {TARGETS[name]:.0%}: {verdict})")
    for outcome in outcomes:
        wrong = (outcome.positive and not outcome.found) or outcome.alarm
        if wrong or args.verbose:
            print(f"  {outcome.file}: expected {outcome.expect}, got {sorted(outcome.rules)}")
    for exchange in exchanges:
        if exchange.expect != exchange.rules or args.verbose:
            print(
                f"  {exchange.name}: expected {sorted(exchange.expect)}, got "
                f"{sorted(exchange.rules)}"
            )
    print(f"\npage-level rules: {page_cost(check):.2f} ms per page (corpus pages, in Python)")


if __name__ == "__main__":
    main()
