"""The crawler on a fixture site served on 127.0.0.1, driven by the real Chromium."""

from __future__ import annotations

import shutil
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from cxcheck.report.model import Report
from cxcheck.serve import serve_folder
from tests.conftest import TEST_SITES
from tests.integration.crawling import ONE_LOAD_CHECKS, path_of, run_engine

pytestmark = pytest.mark.usefixtures("chromium")

REACHABLE = {
    "/",
    "/about.html",
    "/products/",
    "/js-only.html",
    "/late.html",
    "/loop-a",
    "/nowhere.html",
    "/old-page",
    "/partner",
    "/files/guide.pdf",
    "/deep/one.html",
    "/deep/two.html",
    "/deep/three.html",
    "/only-in-sitemap.html",
}
# A redirect is not a page: /old-page is listed as where /new-page.html was reached from.
LISTED = (REACHABLE - {"/old-page"}) | {"/new-page.html"}


def listed(report: Report) -> list[str]:
    return [path_of(page.url) for page in report.pages]


@dataclass
class Served:
    url: str
    log: list[str]
    other_log: list[str]

    def requests(self, method: str = "GET") -> Counter[str]:
        return Counter(
            line.split(" ", 1)[1].split("?")[0] for line in self.log if line.startswith(method)
        )


@contextmanager
def served_crawl_site(tmp_path: Path) -> Iterator[Served]:
    """The crawl fixture, with its "another site" link pointing at a second, recording server."""
    other_root = tmp_path / "other"
    other_root.mkdir()
    (other_root / "elsewhere.html").write_text("<title>Elsewhere</title>")
    log: list[str] = []
    other_log: list[str] = []
    with serve_folder(other_root, log=other_log) as other:
        site = tmp_path / "site"
        shutil.copytree(TEST_SITES / "crawl", site)
        for name in ("index.html", "cxcheck-serve.toml"):
            file = site / name
            file.write_text(file.read_text().replace("{{OTHER}}", other.url.rstrip("/")))
        with serve_folder(site, log=log) as served:
            yield Served(served.url, log, other_log)


@pytest.fixture
def crawl_site(tmp_path: Path) -> Iterator[Served]:
    """A fresh server (and request log) for a test that crawls with its own options."""
    with served_crawl_site(tmp_path) as served:
        yield served


@pytest.fixture(scope="module")
def default_crawl(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Served, Report]]:
    """One crawl with the default options (plus excluding /private/), shared by many tests."""
    with served_crawl_site(tmp_path_factory.mktemp("crawl")) as served:
        yield served, run_engine(served.url, ONE_LOAD_CHECKS, exclude=("/private/*",)).report


def test_every_reachable_page_is_visited_exactly_once(
    default_crawl: tuple[Served, Report],
) -> None:
    crawl_site, report = default_crawl

    assert sorted(listed(report)) == sorted(LISTED)
    gets = crawl_site.requests("GET")
    for path in REACHABLE - {"/files/guide.pdf", "/loop-a", "/old-page", "/partner"}:
        assert gets[path] == 1, f"{path} requested {gets[path]} times"
    assert report.complete


def test_a_redirect_off_the_site_is_recorded_and_not_followed(
    default_crawl: tuple[Served, Report],
) -> None:
    crawl_site, report = default_crawl
    pages = {path_of(p.url): p for p in report.pages}
    assert pages["/partner"].final_url.endswith("/elsewhere.html")
    assert not pages["/partner"].final_url.startswith(crawl_site.url)
    assert not [line for line in crawl_site.other_log if not line.startswith("HEAD ")]


def test_the_only_request_to_another_site_is_the_link_check_of_its_link(
    default_crawl: tuple[Served, Report],
) -> None:
    """dead-navigation asks the other site for the status of the one link to it (HEAD), once."""
    assert default_crawl[0].other_log == ["HEAD /elsewhere.html"]


def test_no_request_leaves_the_site_when_external_links_are_not_checked(crawl_site: Served) -> None:
    options = {"dead-navigation": {"external": False}}
    run_engine(crawl_site.url, exclude=("/private/*",), options=options)
    assert crawl_site.other_log == []


def test_links_added_by_javascript_are_followed(default_crawl: tuple[Served, Report]) -> None:
    visited = {path_of(p.url) for p in default_crawl[1].pages}
    assert {"/js-only.html", "/late.html"} <= visited


def test_out_of_scope_excluded_and_robots_disallowed_urls_are_never_requested(
    default_crawl: tuple[Served, Report],
) -> None:
    crawl_site, report = default_crawl

    assert not [line for line in crawl_site.other_log if not line.startswith("HEAD ")]
    requested = " ".join(crawl_site.log)
    assert "/private/" not in requested
    assert "/blocked/" not in requested
    assert report.skipped["out-of-scope"] >= 1
    assert report.skipped["excluded"] == 1
    assert report.skipped["robots-disallowed"] >= 1


def test_robots_can_be_ignored_when_told(crawl_site: Served) -> None:
    report = run_engine(crawl_site.url, respect_robots=False).report
    assert "/blocked/page.html" in {path_of(p.url) for p in report.pages}


def test_sitemap_only_pages_are_found_through_robots_and_a_sitemap_index(
    default_crawl: tuple[Served, Report],
) -> None:
    crawl_site, report = default_crawl
    assert "/only-in-sitemap.html" in {path_of(p.url) for p in report.pages}
    assert crawl_site.requests()["/sitemap-index.xml"] == 1


def test_without_sitemaps_the_sitemap_only_page_is_not_found(crawl_site: Served) -> None:
    report = run_engine(crawl_site.url, sitemaps=False).report
    assert "/only-in-sitemap.html" not in {path_of(p.url) for p in report.pages}


def test_redirect_loops_and_404s_are_recorded_without_hanging(
    default_crawl: tuple[Served, Report],
) -> None:
    pages = {path_of(p.url): p for p in default_crawl[1].pages}

    assert "redirect loop" in pages["/loop-a"].error
    assert pages["/nowhere.html"].status == 404


def test_a_redirect_that_ends_well_is_followed_once(default_crawl: tuple[Served, Report]) -> None:
    crawl_site, report = default_crawl
    pages = {path_of(p.url): p for p in report.pages}

    assert "/old-page" not in pages  # not a page of its own
    assert [path_of(url) for url in pages["/new-page.html"].redirected_from] == ["/old-page"]
    assert pages["/new-page.html"].status == 200
    assert crawl_site.requests()["/new-page.html"] == 1


def test_non_html_links_are_checked_for_status_but_not_rendered(
    default_crawl: tuple[Served, Report],
) -> None:
    crawl_site, report = default_crawl
    pages = {path_of(p.url): p for p in report.pages}

    pdf = pages["/files/guide.pdf"]
    assert pdf.status == 200
    assert "pdf" in pdf.content_type
    assert crawl_site.requests("GET")["/files/guide.pdf"] == 0
    assert crawl_site.requests("HEAD")["/files/guide.pdf"] == 1


def test_max_pages_is_respected(crawl_site: Served) -> None:
    report = run_engine(crawl_site.url, max_pages=3, max_unrendered_pages=0).report
    assert len(report.pages) == 3
    assert report.skipped["max-pages"] >= 1
    assert report.unrendered >= report.skipped["max-pages"]


def test_past_max_pages_pages_are_read_for_links_not_rendered(crawl_site: Served) -> None:
    report = run_engine(crawl_site.url, max_pages=3).report
    assert len(report.pages) == 3  # rendered and checked
    assert "max-pages" not in report.skipped  # the rest were read for status and links
    assert report.unrendered > 0
    assert report.complete


def test_max_depth_is_respected(crawl_site: Served) -> None:
    visited = {path_of(p.url) for p in run_engine(crawl_site.url, max_depth=2).report.pages}
    assert "/deep/two.html" in visited
    assert "/deep/three.html" not in visited
    assert "GET /deep/three.html" not in crawl_site.log


def test_result_does_not_depend_on_concurrency(crawl_site: Served) -> None:
    concurrency = 1
    report = run_engine(crawl_site.url, exclude=("/private/*",), concurrency=concurrency).report
    assert set(listed(report)) == LISTED
