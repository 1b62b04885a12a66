"""Pictures of findings, taken by real Chromium on the sample shop: every finding that blocks
launch has one, an element's is outlined, they are embedded in the HTML (which stays under
3 MB and says its size), written next to the JSON and referenced from JSON and SARIF; and a
secret a page shows is covered in them."""

from __future__ import annotations

import base64
import json
import os
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser

from cxcheck.cli import main
from cxcheck.crawl.pictures import MASK_COLOR, OUTLINE_COLOR
from cxcheck.pictures import Shot
from tests.conftest import SAMPLE_SITES
from tests.integration.test_html_report import browser  # noqa: F401 - the module's browser

pytestmark = pytest.mark.usefixtures("chromium")

MAX_HTML_BYTES = 3_000_000

# Pixels of a colour (JPEG blurs it a little), their bounding box, and whether they draw a
# rectangle: two rows and two columns with long runs of the colour that meet at the corners
# (an outline round an element), whatever else of that colour the page shows.
_FRAME = """([src, rgb, tolerance]) => new Promise((done) => {
  const img = new Image();
  img.onload = () => {
    const c = document.createElement('canvas');
    const W = c.width = img.naturalWidth, H = c.height = img.naturalHeight;
    const g = c.getContext('2d'); g.drawImage(img, 0, 0);
    const d = g.getImageData(0, 0, W, H).data;
    const hit = (x, y) => { const i = 4 * (y * W + x);
      return Math.abs(d[i] - rgb[0]) + Math.abs(d[i + 1] - rgb[1]) + Math.abs(d[i + 2] - rgb[2])
        <= tolerance; };
    let [x0, y0, x1, y1, n] = [W, H, -1, -1, 0];
    for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) if (hit(x, y)) {
      n++; x0 = Math.min(x0, x); y0 = Math.min(y0, y); x1 = Math.max(x1, x); y1 = Math.max(y1, y);
    }
    // The longest run of the colour along a line (gaps of 4 pixels bridged): [from, to].
    const run = (len, at) => { let best = [0, -1], start = -1, gap = 0;
      for (let i = 0; i < len; i++) {
        if (at(i)) { if (start < 0) start = i; gap = 0;
          if (i - start > best[1] - best[0]) best = [start, i]; }
        else if (start >= 0 && ++gap > 4) { start = -1; gap = 0; }
      }
      return best; };
    const rows = [], cols = [];
    for (let y = 0; y < H; y++) { const r = run(W, (x) => hit(x, y));
      if (r[1] - r[0] >= 14) rows.push([y, ...r]); }
    for (let x = 0; x < W; x++) { const r = run(H, (y) => hit(x, y));
      if (r[1] - r[0] >= 14) cols.push([x, ...r]); }
    const near = (a, b) => Math.abs(a - b) <= 12;  // JPEG blurs a corner into the page
    let rectangle = false;
    for (const top of rows) for (const bottom of rows) {
      if (bottom[0] - top[0] < 8 || !near(top[1], bottom[1]) || !near(top[2], bottom[2])) continue;
      const sides = cols.filter((c) => near(c[1], top[0]) && near(c[2], bottom[0]));
      if (sides.some((l) => near(l[0], top[1])) && sides.some((r) => near(r[0], top[2])))
        rectangle = true;
    }
    done({pixels: n, width: W, height: H, box: n ? [x0, y0, x1, y1] : null, rectangle});
  };
  img.src = src;
})"""


def check(*args: str) -> int:
    """`cxcheck` in-process, in a thread of its own: the module's browser holds this one's loop."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(main, list(args)).result()


def rgb(color: str) -> list[int]:
    return [int(color[i : i + 2], 16) for i in (1, 3, 5)]


def frame_of(chromium: Browser, picture: Path, color: str) -> dict[str, Any]:
    page = chromium.new_page()
    try:
        src = "data:image/jpeg;base64," + base64.b64encode(picture.read_bytes()).decode()
        return page.evaluate(_FRAME, [src, rgb(color), 90])
    finally:
        page.close()


@pytest.fixture(scope="module")
def shop(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The sample shop checked once, with JSON, HTML and SARIF reports in out/."""
    folder = tmp_path_factory.mktemp("shop")
    before = Path.cwd()
    os.chdir(folder)
    try:
        code = check(
            "check", "--serve", str(SAMPLE_SITES / "shop"), "--json", "out/report.json",
            "--html", "out/report.html", "--sarif", "out/report.sarif", "--quiet",
        )  # fmt: skip
    finally:
        os.chdir(before)
    assert code == 1
    yield folder


def test_every_blocker_has_a_picture_and_an_elements_is_outlined(
    shop: Path,
    browser: Browser,  # noqa: F811 - the fixture, imported above
) -> None:
    report = json.loads((shop / "out/report.json").read_text())
    blockers = [f for f in report["findings"] if f["severity"] in ("blocker", "major")]
    assert len(blockers) >= 10
    elements = 0
    for finding in blockers:
        picture = finding.get("picture")
        assert picture, f"no picture of {finding['rule']} on {finding['url']}"
        assert picture["page"] in finding["pages"]
        file = shop / picture["path"]
        assert file.parent == shop / "out/report-pictures"  # next to the JSON
        assert file.read_bytes()[:3] == b"\xff\xd8\xff"  # a JPEG
        if Shot(finding["fingerprint"], finding["selector"]).kind == "page":
            assert picture["kind"] == "page"
            continue
        assert picture["kind"] == "element", finding
        frame = frame_of(browser, file, OUTLINE_COLOR)
        assert frame["rectangle"], f"no outline on the picture of {finding['rule']}: {frame}"
        elements += 1
    assert elements >= 8
    assert report["pictures"]["taken"] >= len(blockers)
    assert report["pictures"]["max_pages"] == 40  # the bounds, in the run facts
    assert report["settings"]["pictures_time_budget_s"] == 60


def test_a_devices_finding_is_shown_on_the_screens_it_was_seen_on(
    shop: Path,
    browser: Browser,  # noqa: F811 - the fixture, imported above
) -> None:
    report = json.loads((shop / "out/report.json").read_text())
    on_devices = [f for f in report["findings"] if f["check"] == "devices" and f.get("picture")]
    assert len(on_devices) >= 3  # the lookbook plants one of each kind
    for finding in on_devices:
        picture = finding["picture"]
        assert picture["note"].startswith("on "), picture  # "on Phone (390 px), Tablet ..."
        assert picture["note"].count(" px)") >= 2  # two screens or more, side by side
        assert picture["width"] > picture["height"]
        frame = frame_of(browser, shop / picture["path"], OUTLINE_COLOR)
        assert frame["pixels"] > 0, f"no outline on the devices picture of {finding['rule']}"


def test_a_page_thumbnail_has_no_outline(
    shop: Path,
    browser: Browser,  # noqa: F811 - the fixture, imported above
) -> None:
    report = json.loads((shop / "out/report.json").read_text())
    (placeholder,) = [f for f in report["findings"] if f["rule"] == "placeholder-page"]
    assert placeholder["picture"]["kind"] == "page"
    assert placeholder["picture"]["width"] <= 480
    frame = frame_of(browser, shop / placeholder["picture"]["path"], OUTLINE_COLOR)
    assert not frame["rectangle"] and frame["pixels"] < 50


def test_the_html_embeds_them_in_the_cards_states_its_size_and_stays_small(shop: Path) -> None:
    page = (shop / "out/report.html").read_text()
    report = json.loads((shop / "out/report.json").read_text())
    assert len(page.encode()) < MAX_HTML_BYTES
    assert "This report page is " in page and "of which embedded pictures" in page
    for finding in report["findings"]:
        card = page.split(f'id="finding-{finding["fingerprint"]}"')[1].split("</article>")[0]
        has_picture = '<img src="data:image/jpeg;base64,' in card
        assert has_picture == ("picture" in finding), finding["rule"]
    facts = page.split('id="facts"')[1]
    assert "Pictures: " in facts and "(bounds: 60 s, 40 pages)" in facts


def test_sarif_attaches_the_same_files(shop: Path) -> None:
    report = json.loads((shop / "out/report.json").read_text())
    paths = {f["fingerprint"]: f["picture"]["path"] for f in report["findings"] if "picture" in f}
    sarif = json.loads((shop / "out/report.sarif").read_text())
    attached = {
        r["partialFingerprints"]["cxcheck/v1"]: r["attachments"][0]["artifactLocation"]["uri"]
        for r in sarif["runs"][0]["results"]
        if "attachments" in r
    }
    assert attached == paths


SECRET = "tok-3141-5926-secret"


def test_a_secret_the_page_shows_is_covered_in_its_picture(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    browser: Browser,  # noqa: F811 - the fixture, imported above
) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text(
        "<!doctype html><html lang=en><title>Account</title><main><h1>Your account</h1>"
        f"<p style='font-size:40px'>API key: {SECRET}</p>"
        "<button class=icon></button></main>"  # a button with no name: a blocker, pictured
    )
    (tmp_path / "cxcheck.toml").write_text('[auth]\nheaders = { X-Token = "{secret:TOKEN}" }\n')
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("TOKEN", SECRET)
    check("check", "--serve", str(site), "--json", "r.json", "--only", "accessibility", "-q")
    report = json.loads((tmp_path / "r.json").read_text())
    (finding,) = [f for f in report["findings"] if f["rule"] == "button-name"]
    picture = tmp_path / finding["picture"]["path"]
    assert SECRET not in picture.name
    frame = frame_of(browser, picture, MASK_COLOR)
    assert frame["pixels"] > 2000, frame  # the 40px-high secret, covered
    x0, _, x1, _ = frame["box"]
    assert x1 - x0 > 100, frame
