"""--shard i/n on a CI matrix: the shards' reports, merged, say what one whole run says."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cxcheck.cli import main
from cxcheck.serve import serve_folder
from tests.integration.crawling import path_of
from tests.integration.trail_site import PLANTED, facts, trail_site

pytestmark = pytest.mark.usefixtures("chromium")

PAGES = 36


def _site(root: Path) -> Path:
    return trail_site(root, PAGES, PLANTED)


def _check(url: str, out: Path, *args: str) -> int:
    # slow-pages is left out: its findings follow the machine's load, not the split.
    # Not slow-pages (timing) nor devices: it judges one page per template among the pages a
    # run checks, so each shard pictures its own page of a template (README "Large sites").
    skip = ["--skip", "slow-pages", "--skip", "devices"]
    return main(["check", url, "--json", str(out), *skip, *args])


def test_shards_merged_equal_one_whole_run(tmp_path: Path) -> None:
    whole = tmp_path / "whole.json"
    shard_files = [tmp_path / f"shard-{i}.json" for i in (1, 2, 3)]
    with serve_folder(_site(tmp_path / "site")) as served:  # one staging site, four CI jobs
        whole_code = _check(served.url, whole)
        for i, out in enumerate(shard_files, start=1):
            _check(served.url, out, "--shard", f"{i}/3")
    shards = [json.loads(f.read_text()) for f in shard_files]
    merged = tmp_path / "all.json"

    merged_code = main(["merge", *map(str, shard_files), "--json", str(merged)])

    expected, got = json.loads(whole.read_text()), json.loads(merged.read_text())
    assert len(expected["findings"]) >= len(PLANTED)
    assert facts(got) == facts(expected)
    assert merged_code == whole_code == 1
    assert got["complete"] is True
    # Each shard checked only its share, and no page twice.
    shard_pages = [{path_of(p["url"]) for p in s["pages"]} for s in shards]
    assert all(0 < len(pages) < PAGES for pages in shard_pages)
    assert sum(len(pages) for pages in shard_pages) == len(expected["pages"])
    assert [s["settings"]["shard"] for s in shards] == ["1/3", "2/3", "3/3"]


def test_a_merge_missing_a_shard_is_incomplete(tmp_path: Path) -> None:
    files = [tmp_path / f"shard-{i}.json" for i in (1, 3)]
    with serve_folder(_site(tmp_path / "site")) as served:
        for i, out in zip((1, 3), files, strict=True):
            _check(served.url, out, "--shard", f"{i}/3", "--only", "page-health")
    merged = tmp_path / "all.json"
    main(["merge", *map(str, files), "--json", str(merged)])
    report = json.loads(merged.read_text())
    assert report["complete"] is False
    assert "Shard 2/3 is missing from the merge: its pages were not checked." in report["notes"]
