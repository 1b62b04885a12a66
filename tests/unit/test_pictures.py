"""Pictures of findings, the part without a browser: which findings get one and where, where
the files go, and how the JSON, SARIF and HTML reports carry them."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import jsonschema
import pytest

from cxcheck.config import parse_config
from cxcheck.errors import ConfigError
from cxcheck.findings import Finding, GroupedFinding, Severity
from cxcheck.pictures import (
    ELEMENT,
    PAGE,
    Picture,
    PicturePass,
    Shot,
    pictures_folder,
    plan_pictures,
    wanted,
)
from cxcheck.report import html, json_report, sarif
from cxcheck.report.merge import merge
from cxcheck.run.pictures import facts_sentence
from tests.fixtures.reports import SCHEMAS, rich_report

SITE = "https://shop.test"


def group(rule: str, severity: Severity, pages: list[str], selector: str = "") -> GroupedFinding:
    urls = tuple(f"{SITE}{p}" for p in pages)
    finding = Finding("c", rule, severity, urls[0], f"{rule} message", selector=selector)
    return GroupedFinding(finding, urls)


def test_every_blocking_finding_is_wanted_and_only_the_most_frequent_others() -> None:
    findings = [
        group("minor-rare", Severity.MINOR, ["/a"]),
        group("major", Severity.MAJOR, ["/b"], "button"),
        group("minor-common", Severity.MINOR, ["/a", "/b", "/c"]),
        group("blocker", Severity.BLOCKER, ["/c"], "img"),
        group("info-mid", Severity.INFO, ["/a", "/b"]),
    ]
    chosen = [g.finding.rule for g in wanted(findings, Severity.MAJOR, others=2)]
    assert chosen == ["blocker", "major", "minor-common", "info-mid"]
    # With fail_on blocker, "major" is one of the others, ranked by how often it is seen.
    chosen = [g.finding.rule for g in wanted(findings, Severity.BLOCKER, others=0)]
    assert chosen == ["blocker"]


def test_a_page_chosen_for_one_finding_serves_the_others_seen_there() -> None:
    findings = [
        group("first", Severity.BLOCKER, ["/a"], "#x"),
        group("second", Severity.BLOCKER, ["/b", "/a"], "#y"),
        group("third", Severity.MAJOR, ["/c"]),
    ]
    plan = plan_pictures(findings, Severity.MAJOR, max_pages=10, others=0)
    assert [v.url for v in plan.visits] == [f"{SITE}/a", f"{SITE}/c"]
    # "second" (seen on more pages) is ranked first; it is pictured on /a, shared with "first".
    assert [s.selector for s in plan.visits[0].shots] == ["#y", "#x"]
    assert plan.visits[1].shots[0].kind == PAGE
    assert plan.shots == 3 and plan.left_out == 0


def test_the_page_cap_leaves_findings_out_and_counts_them() -> None:
    findings = [group(f"r{i}", Severity.BLOCKER, [f"/p{i}"], "a") for i in range(5)]
    plan = plan_pictures(findings, Severity.MAJOR, max_pages=2, others=0)
    assert len(plan.visits) == 2
    assert plan.left_out == 3
    # A finding that shares a page with another is pictured there: no page more is needed.
    shared = group("shared", Severity.BLOCKER, ["/p9", "/p1"], "b")
    plan = plan_pictures([*findings, shared], Severity.MAJOR, max_pages=2, others=0)
    assert [v.url for v in plan.visits] == [f"{SITE}/p1", f"{SITE}/p0"]
    assert len(plan.visits[0].shots) == 2 and plan.left_out == 3


def test_targets_that_are_not_pages_are_not_reopened() -> None:
    pdf = group("broken", Severity.BLOCKER, ["/guide.pdf", "/index.html"])
    only_pdf = group("slow", Severity.BLOCKER, ["/big.pdf"])
    is_page = {f"{SITE}/index.html": True, f"{SITE}/guide.pdf": False, f"{SITE}/big.pdf": False}
    plan = plan_pictures([pdf, only_pdf], Severity.MAJOR, 10, 0, is_page)
    assert [v.url for v in plan.visits] == [f"{SITE}/index.html"]


@pytest.mark.parametrize(
    ("selector", "kind"),
    [("", PAGE), ("html", PAGE), (" BODY ", PAGE), ("body > main img", ELEMENT), ("#a", ELEMENT)],
)
def test_a_selector_for_the_whole_page_makes_a_thumbnail(selector: str, kind: str) -> None:
    assert Shot("f", selector).kind == kind


def test_pictures_go_next_to_the_json_else_the_html_else_nowhere() -> None:
    both = {"json": "out/r.json", "html": "web/r.html", "junit": "j.xml"}
    assert pictures_folder(both) == Path("out/r-pictures")
    assert pictures_folder({"html": "web/report.html"}) == Path("web/report-pictures")
    assert pictures_folder({"junit": "j.xml", "markdown": "s.md"}) is None


def test_config_section_and_its_errors() -> None:
    config = parse_config({"pictures": {"max_pages": 5, "time_budget_s": 12.5}}, "x.toml")
    assert (config.pictures.max_pages, config.pictures.time_budget_s) == (5, 12.5)
    with pytest.raises(ConfigError, match=r"\[pictures\] time_budget_s: must be at least 0"):
        parse_config({"pictures": {"time_budget_s": -1}}, "x.toml")
    with pytest.raises(ConfigError, match="known: enabled, max_pages, others, time_budget_s"):
        parse_config({"pictures": {"budget": 3}}, "x.toml")


def test_the_run_facts_sentence_says_the_bounds_and_what_was_left_out() -> None:
    facts = PicturePass(12, 1, 3.24, 60, 40, 0, "out/r-pictures")
    assert facts_sentence(facts) == (
        "Pictures: 12 pictures of findings taken on 1 page re-opened after the crawl, in "
        "3.2 s (bounds: 60 s, 40 pages), saved in out/r-pictures."
    )
    assert "1 finding has no picture" in facts_sentence(replace(facts, left_out=1))


def pictured(tmp_path: Path):
    report = rich_report()
    first = report.findings[0]
    folder = tmp_path / "r-pictures"
    folder.mkdir()
    jpeg = folder / f"{first.fingerprint}-element.jpg"
    jpeg.write_bytes(b"\xff\xd8\xff\xe0 not really a jpeg")
    picture = Picture(first.fingerprint, "r-pictures/" + jpeg.name, ELEMENT, first.finding.url,
                      first.finding.selector, 400, 160)  # fmt: skip
    facts = PicturePass(1, 1, 2.0, 60, 40, 0, "r-pictures")
    return replace(report, pictures=(picture,), picture_pass=facts), picture


def test_json_references_each_picture_and_reads_it_back(tmp_path: Path) -> None:
    report, picture = pictured(tmp_path)
    data = json.loads(json_report.render(report))
    by_print = {f["fingerprint"]: f.get("picture") for f in data["findings"]}
    assert by_print[picture.fingerprint]["path"] == picture.path
    assert by_print[picture.fingerprint]["kind"] == "element"
    assert sum(p is not None for p in by_print.values()) == 1
    assert data["pictures"]["max_pages"] == 40 and data["pictures"]["time_budget_s"] == 60
    again = json_report.from_data(data)
    assert again.pictures == (picture,) and again.picture_pass == report.picture_pass


def test_sarif_attaches_the_picture_and_stays_schema_valid(tmp_path: Path) -> None:
    report, picture = pictured(tmp_path)
    data = json.loads(sarif.render(report))
    schema = json.loads((SCHEMAS / "sarif-2.1.0.json").read_text(encoding="utf-8"))
    jsonschema.validators.validator_for(schema)(schema).validate(data)
    attached = [r for r in data["runs"][0]["results"] if "attachments" in r]
    assert len(attached) == 1
    assert attached[0]["partialFingerprints"]["cxcheck/v1"] == picture.fingerprint
    assert attached[0]["attachments"][0]["artifactLocation"]["uri"] == picture.path


def test_html_embeds_the_picture_in_its_card_and_states_its_size(tmp_path: Path) -> None:
    report, picture = pictured(tmp_path)
    page = html.render(report, tmp_path)
    card = page.split(f'id="finding-{picture.fingerprint}"')[1].split("</article>")[0]
    assert '<figure class="picture picture-element"' in card
    assert "data:image/jpeg;base64," in card
    assert page.count('<figure class="picture') == 1
    size = len(page.encode()) / 1_000_000
    assert f"This report page is {size:.2f} MB, of which embedded pictures" in page


def test_html_without_the_file_shows_no_broken_picture(tmp_path: Path) -> None:
    report, _ = pictured(tmp_path)
    page = html.render(report, tmp_path / "elsewhere")
    assert '<figure class="picture' not in page


def test_merged_shards_keep_every_shards_pictures(tmp_path: Path) -> None:
    report, picture = pictured(tmp_path)
    other = replace(picture, fingerprint=report.findings[1].fingerprint, path="b.jpg")
    second = replace(report, pictures=(other,), settings={"shard": "2/2"})
    first = replace(report, settings={"shard": "1/2"})
    merged = merge([first, second], ["a.json", "b.json"])
    assert merged.pictures == (picture, other)
    assert merged.picture_pass is None  # each shard's pass is in the notes, not summed here
