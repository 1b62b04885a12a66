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

# Pixels of a colour (JPEG blurs it a little), their bounding box, and how much of each edge
# of that box is of the colour: an outline drawn round an element covers all four edges.
_FRAME = """([src, rgb, tolerance]) => new Promise((done) => {
  const img = new Image();
  img.onload = () => {
    const c = document.createElement('canvas');
    c.width = img.naturalWidth; c.height = img.naturalHeight;
    const g = c.getContext('2d'); g.drawImage(img, 0, 0);
    const d = g.getImageData(0, 0, c.width, c.height).data;
    const hit = (x, y) => { const i = 4 * (y * c.width + x);
      return Math.abs(d[i] - rgb[0]) + Math.abs(d[i + 1] - rgb[1]) + Math.abs(d[i + 2] - rgb[2])
        <= tolerance; };
    let [x0, y0, x1, y1, n] = [c.width, c.height, -1, -1, 0];
    for (let y = 0; y < c.height; y++) for (let x = 0; x < c.width; x++) if (hit(x, y)) {
      n++; x0 = Math.min(x0, x); y0 = Math.min(y0, y); x1 = Math.max(x1, x); y1 = Math.max(y1, y);
    }
    if (!n) return done({pixels: 0});
    const band = (cells) => cells.filter(([x, y]) => [0, 1, 2].some((k) =>
      hit(Math.min(c.width - 1, x + k * (x === x1 ? -1 : x === x0 ? 1 : 0)),
          Math.min(c.height - 1, y + k * (y === y1 ? -1 : y === y0 ? 1 : 0))))).length / cells.length;
    const xs = [...Array(x1 - x0 + 1).keys()].map((i) => x0 + i);
    const ys = [...Array(y1 - y0 + 1).keys()].map((i) => y0 + i);
    done({pixels: n, width: c.width, height: c.height, box: [x0, y0, x1, y1],
          top: band(xs.map((x) => [x, y0])), bottom: band(xs.map((x) => [x, y1])),
          left: band(ys.map((y) => [x0, y])), right: band(ys.map((y) => [x1, y]))});
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
        assert frame["pixels"] > 0, f"no outline on the picture of {finding['rule']}"
        for edge in ("top", "bottom", "left", "right"):
            assert frame[edge] > 0.8, (finding["rule"], frame)
        x0, y0, x1, y1 = frame["box"]
        # The outline is inside the picture, with some of the page round it.
        assert min(x0, y0) > 0 or x1 < frame["width"] - 1 or y1 < frame["height"] - 1
        elements += 1
    assert elements >= 8
    assert report["pictures"]["taken"] >= len(blockers)
    assert report["pictures"]["max_pages"] == 40  # the bounds, in the run facts
    assert report["settings"]["pictures_time_budget_s"] == 60


def test_a_page_thumbnail_has_no_outline(
    shop: Path,
    browser: Browser,  # noqa: F811 - the fixture, imported above
) -> None:
    report = json.loads((shop / "out/report.json").read_text())
    (placeholder,) = [f for f in report["findings"] if f["rule"] == "placeholder-page"]
    assert placeholder["picture"]["kind"] == "page"
    assert placeholder["picture"]["width"] <= 480
    frame = frame_of(browser, shop / placeholder["picture"]["path"], OUTLINE_COLOR)
    assert frame["pixels"] < 50


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
