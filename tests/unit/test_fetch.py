"""cxcheck's own requests follow a redirect only where they may go: each hop asked for with
redirects off, a `Location` elsewhere recorded and never asked for, loops cut short; bodies
within their limits. A browserless Playwright request context against servers on 127.0.0.1."""

from __future__ import annotations

import asyncio
from typing import Any
from urllib.parse import urlsplit

from playwright.async_api import async_playwright

from cxcheck.crawl.fetch import Fetched, fetch
from cxcheck.urls import origin_of
from tests.local_servers import Answer, Asked, http_server


def _fetch(url: str, may_go: str, **options: Any) -> Fetched:
    async def main() -> Fetched:
        async with async_playwright() as playwright:
            request = await playwright.request.new_context()
            try:
                on_site = lambda target: origin_of(target) == may_go  # noqa: E731
                return await fetch(request, url, on_site, timeout_s=5, **options)  # type: ignore[arg-type]
            finally:
                await request.dispose()

    return asyncio.run(main())


def test_redirects_on_the_site_are_followed_and_one_off_it_is_only_recorded() -> None:
    with http_server(lambda asked: Answer(200, "elsewhere")) as other:

        def site(asked: Asked) -> Answer:
            path = urlsplit(asked.path).path
            if path == "/old":
                return Answer(301, "", {"Location": "/new"})
            if path == "/new":
                return Answer(302, "", {"Location": f"{other.url}/sso?next=/new"})
            return Answer(200, "here")

        with http_server(site) as here:
            left = _fetch(here.url + "/old", here.url)
            plain = _fetch(here.url + "/page", here.url, read_body=True)
    assert (left.status, left.left_for) == (302, other.url + "/sso?next=/new")
    assert [hop.url for hop in left.redirects] == [here.url + "/old", here.url + "/new"]
    assert here.paths == ["GET /old", "GET /new", "GET /page"]
    assert other.paths == []
    assert (plain.final_url, plain.status, plain.text, plain.left_for) == (
        here.url + "/page",
        200,
        "here",
        "",
    )


def test_a_redirect_loop_stops_after_the_limit() -> None:
    with http_server(lambda asked: Answer(302, "", {"Location": "/again"})) as here:
        got = _fetch(here.url + "/start", here.url)
    assert "ERR_TOO_MANY_REDIRECTS" in got.error
    assert len(here.paths) == 11  # the first request and ten redirects


def test_a_long_body_is_cut_or_left_out_as_asked() -> None:
    with http_server(lambda asked: Answer(200, "x" * 1000, {"Content-Type": "text/plain"})) as here:
        cut = _fetch(
            here.url + "/robots.txt", here.url, read_body=True, max_body=10, cut_longer=True
        )
        none = _fetch(here.url + "/robots.txt", here.url, read_body=True, max_body=10)
    assert (cut.body, none.body) == (b"x" * 10, b"")
