"""The Markdown summary posted on pull requests: verdict first, short, and safe from page text."""

from __future__ import annotations

import re
from dataclasses import replace

from cxcheck.findings import Finding, Severity, group_findings
from cxcheck.report import markdown
from cxcheck.report.model import PageResult
from tests.fixtures.reports import empty_report, rich_report, shop_data, shop_report

UNESCAPED_PIPE = re.compile(r"(?<!\\)\|")


def blocker_lines(text: str) -> list[str]:
    section = text.split("**Blocks launch**", 1)[1].split("\n\n", 2)[1]
    return [line for line in section.splitlines() if line.startswith("- **")]


def test_first_line_gives_the_verdict_and_the_count_of_blockers() -> None:
    first = markdown.render(shop_report()).splitlines()[0]
    assert first == "### ❌ Not ready: 24 problems block launch"
    ready = markdown.render(empty_report()).splitlines()[0]
    assert ready == "### ✅ Ready: nothing at or above major"


def test_counts_line_gives_every_severity() -> None:
    data = shop_data()
    text = markdown.render(shop_report())
    counts = data["summary"]["findings"]
    found = " · ".join(f"{counts[s]} {s}" for s in ("blocker", "major", "minor", "info"))
    assert f"**34 findings** ({found}) on 20 pages" in text


def test_journeys_alone_make_it_not_ready() -> None:
    report = replace(rich_report(), findings=())
    assert (
        markdown.render(report).splitlines()[0]
        == "### ❌ Not ready: 2 problems block launch (2 failed journeys)"
    )


def test_area_table_has_a_row_per_area_with_status_score_and_blockers() -> None:
    text = markdown.render(shop_report())
    assert "| Area | Status | Score | Blockers |" in text
    assert "| Accessibility | ❌ blocked | 0 | 7 |" in text
    assert "| Speed | ❌ blocked | 58 | 2 |" in text
    assert "| Journeys | ➖ not checked | – | – |" in text
    rich = markdown.render(rich_report())
    assert "| Journeys | ❌ blocked | 33 | 2 |" in rich
    assert "| Other checks | ✅ good | 100 | 0 |" in rich  # info findings only


def test_at_most_ten_blockers_then_how_many_more() -> None:
    text = markdown.render(shop_report())
    lines = blocker_lines(text)
    assert len(lines) == 10
    assert lines[0].startswith("- **blocker** accessibility · button-name: Screen-reader users")
    assert lines[0].endswith("(on /cart.html)")
    assert "- …and 14 more" in text
    assert all("**minor**" not in line for line in lines)


def test_page_text_cannot_inject_html_or_break_the_table_or_list() -> None:
    text = markdown.render(rich_report())
    assert "<script>" not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; a\\|b in \\*bold\\*" in text
    assert "@octocat" not in text  # would ping a GitHub user
    for line in text.splitlines():
        if line.startswith("|"):
            # Area, status, score, blockers and (a baseline was used) known: 6 bars a row.
            assert len(UNESCAPED_PIPE.findall(line)) == 6, line
        else:
            assert not UNESCAPED_PIPE.search(line), line


def test_newlines_and_control_characters_in_a_message_stay_on_one_line() -> None:
    bad = Finding(
        "page-health",
        "console-error",
        Severity.MAJOR,
        "https://shop.test/",
        "first line\n\n## Heading\n| a | b |\x00 end",
    )
    report = replace(empty_report(), findings=tuple(group_findings([bad])))
    text = markdown.render(report)
    (line,) = blocker_lines(text)
    assert "first line ## Heading \\| a \\| b \\| end" in line
    assert "\x00" not in text
    assert not any(line.startswith("## Heading") for line in text.splitlines())


def test_failed_journeys_are_listed_with_line_and_error() -> None:
    text = markdown.render(rich_report())
    assert (
        '- **Sign up** failed at line 7: click "Create account": '
        'No button "Create account" on the page (journeys/sign up.journey)'
    ) in text
    assert "- **Search (phone)** was too slow at line 4" in text
    assert "Checkout" not in text


def test_comparison_line_when_compared() -> None:
    text = markdown.render(rich_report())
    assert (
        "**Compared with baseline cxcheck-baseline.json:** 2 new · 1 fixed · 2 still open" in text
    )
    assert "Compared with" not in markdown.render(shop_report())


def test_stale_ignores_are_listed() -> None:
    text = markdown.render(rich_report())
    assert "**Ignores that matched nothing**" in text
    assert '- dead-navigation rule "old-rule" on /gone: matched nothing' in text
    assert "Ignores that matched nothing" not in markdown.render(shop_report())


def test_last_line_names_site_pages_duration_and_version() -> None:
    last = markdown.render(shop_report()).rstrip("\n").splitlines()[-1]
    assert last == "https://127.0.0.1:43925/ · 20 pages · 38.1 s · cxcheck 0.1.0"


def test_an_unfinished_run_says_so() -> None:
    assert "did not finish" in markdown.render(replace(shop_report(), complete=False))
    assert "did not finish" not in markdown.render(shop_report())


def test_a_huge_report_stays_well_under_a_comment_limit() -> None:
    pages = tuple(PageResult(f"https://shop.test/p{i}/" + "x" * 300, 200) for i in range(2000))
    findings = [
        Finding(
            "page-health",
            f"rule-{i}",
            Severity.BLOCKER,
            page.url,
            "<b>" * 5000,
            selector=f"#n{i}",
        )
        for i, page in enumerate(pages)
    ]
    report = replace(
        rich_report(),
        pages=pages,
        findings=tuple(group_findings(findings)),
        stale_ignores=tuple("ignore " * 1000 for _ in range(500)),
        journeys=rich_report().journeys * 300,
    )
    text = markdown.render(report)
    assert len(text) < 20_000
    assert len(blocker_lines(text)) == 10
    assert "- …and 1990 more" in text
    assert "<b>" not in text


def test_a_baseline_is_said_in_the_headline_and_counted_apart_per_area() -> None:
    report = replace(rich_report(), findings=(), journeys=())
    text = markdown.render(report)
    headline, _, counts = text.splitlines()[:3]
    assert headline == "### ✅ Ready — 1 known problem accepted in the baseline, not a blocker"
    assert "1 known from the baseline (1 major; 1 would block launch without it)" in counts
    rows = {line.split("|")[1].strip(): line for line in text.splitlines() if line.startswith("| ")}
    assert rows["Accessibility"].endswith("| ⚠️ known problems | 85 | 0 | 1 |")
    assert rows["Navigation"].endswith("| 0 |")
