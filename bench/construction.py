"""How well under-construction tells placeholder pages and go-live leftovers from look-alike
real pages: recall and precision per language and per kind, on the corpus in
bench/corpus/construction/ (sources.toml says where each page came from).

    python bench/construction.py [--verbose]

Each page is read as a snapshot (cxcheck.testing.snapshot_from_html, no browser) and checked
with the check's defaults. A page that expects a rule counts as found when that rule is
reported on it; a page that expects "silent" is a false alarm when any rule other than
thin-page and default-title is reported. Precision is found / (found + false alarms + pages
flagged with a wrong rule); recall is found / pages that expect a rule. Last, what the
page-level decision costs per page (the median of 5 rounds over the corpus).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
import tomllib
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from checks.under_construction import UnderConstruction
from cxcheck.snapshot import PageSnapshot
from cxcheck.testing import context_for, snapshot_from_html

CORPUS = Path(__file__).resolve().parent / "corpus" / "construction"
QUIET_RULES = frozenset({"thin-page", "default-title"})  # minor notes, not alarms
TARGETS = {"recall": 0.95, "precision": 0.98}


@dataclass(frozen=True)
class Outcome:
    """One corpus page and what the check said about it."""

    file: str
    lang: str
    kind: str
    expect: str
    rules: frozenset[str]

    @property
    def positive(self) -> bool:
        return self.expect != "silent"

    @property
    def found(self) -> bool:
        return self.positive and self.expect in self.rules

    @property
    def alarm(self) -> bool:
        """Flagged wrongly: a silent page with a finding, or a rule the page is not about."""
        loud = self.rules - QUIET_RULES
        return bool(loud - {self.expect}) if self.positive else bool(loud)


def load_corpus() -> list[tuple[dict[str, str], PageSnapshot]]:
    """Each entry of sources.toml with its page as a snapshot."""
    entries = tomllib.loads((CORPUS / "sources.toml").read_text(encoding="utf-8"))["page"]
    pages = []
    for entry in entries:
        html = (CORPUS / entry["file"]).read_text(encoding="utf-8")
        url = f"https://www.northwind-shop.com/{Path(entry['file']).stem}/"
        pages.append((entry, snapshot_from_html(html, url=url)))
    return pages


def evaluate(check: UnderConstruction) -> list[Outcome]:
    """What the check reports on every corpus page."""
    outcomes = []
    for entry, page in load_corpus():
        rules = frozenset(f.rule for f in check.check_page(page, context_for(page)))
        outcomes.append(
            Outcome(entry["file"], entry["lang"], entry["kind"], entry["expect"], rules)
        )
    return outcomes


def figures(outcomes: list[Outcome]) -> tuple[int, int, int, int, float, float]:
    """(positives, found, alarms, silent pages, recall, precision)."""
    positives = sum(o.positive for o in outcomes)
    found = sum(o.found for o in outcomes)
    alarms = sum(o.alarm for o in outcomes)
    silent = sum(not o.positive for o in outcomes)
    recall = found / positives if positives else 1.0
    precision = found / (found + alarms) if found + alarms else 1.0
    return positives, found, alarms, silent, recall, precision


def table(title: str, groups: dict[str, list[Outcome]]) -> None:
    print(
        f"\n{title:<24} {'pages':>5} {'expect':>6} {'found':>5} {'alarms':>6} "
        f"{'recall':>7} {'precision':>9}"
    )
    for name in sorted(groups):
        positives, found, alarms, _, recall, precision = figures(groups[name])
        shown_recall = f"{recall:.0%}" if positives else "-"
        print(
            f"{name:<24} {len(groups[name]):>5} {positives:>6} {found:>5} {alarms:>6} "
            f"{shown_recall:>7} {precision:>9.0%}"
        )


def decision_cost(check: UnderConstruction, pages: list[PageSnapshot], rounds: int = 5) -> float:
    """Median milliseconds per page of the page-level decision (reading the page's own
    content, its notices and the rest) over `pages`."""
    reader = check._reader
    reader.read(pages[0])  # the phrase book loads once per run, not per page
    timings = []
    for _ in range(rounds):
        started = time.perf_counter()
        for page in pages:
            reader.read(page)
        timings.append((time.perf_counter() - started) * 1000 / len(pages))
    return statistics.median(timings)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--verbose", action="store_true", help="list every miss and alarm")
    args = parser.parse_args()
    check = UnderConstruction()
    outcomes = evaluate(check)
    by_lang: dict[str, list[Outcome]] = defaultdict(list)
    by_kind: dict[str, list[Outcome]] = defaultdict(list)
    for outcome in outcomes:
        by_lang[outcome.lang].append(outcome)
        by_kind[f"{outcome.kind} ({'+' if outcome.positive else '-'})"].append(outcome)
    table("language", by_lang)
    table("kind (+ expects a rule)", by_kind)
    positives, found, alarms, silent, recall, precision = figures(outcomes)
    languages = len({o.lang for o in outcomes if o.positive})
    print(
        f"\nall: {positives} pages that expect a rule ({languages} languages), {silent} "
        f"that must stay silent; found {found}, {alarms} false alarms"
    )
    for name, value in (("recall", recall), ("precision", precision)):
        verdict = "met" if value >= TARGETS[name] else "NOT met"
        print(f"{name}: {value:.1%} (target {TARGETS[name]:.0%}: {verdict})")
    for outcome in outcomes if args.verbose else ():
        if (outcome.positive and not outcome.found) or outcome.alarm:
            print(f"  {outcome.file}: expected {outcome.expect}, got {sorted(outcome.rules)}")
    pages = [page for _, page in load_corpus()]
    cost = decision_cost(check, pages)
    print(f"\npage-level decision: {cost:.2f} ms per page (median of 5 rounds, {len(pages)} pages)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
