"""cxcheck's own requests follow a redirect only where they may go: each hop asked for with
redirects off, a `Location` elsewhere recorded and never asked for, loops cut short. A
browserless Playwright request context against servers on 127.0.0.1."""

from __future__ import annotations

import asyncio
from functools import partial
from urllib.parse import urlsplit

from playwright.async_api import async_playwright

from cxcheck.crawl.frontier import origin_of
from cxcheck.crawl.redirects import Followed, follow
from tests.local_servers import Answer, Asked, http_server


def _follow(url: str, may_go: str, max_redirects: int = 10) -> tuple[Followed, int]:
    async def main() -> tuple[Followed, int]:
        async with async_playwright() as playwright:
            request = await playwright.request.new_context()
            try:
                on_site = lambda target: origin_of(target) == may_go  # noqa: E731
                followed = await follow(
                    partial(request.get, timeout=5000), url, on_site, max_redirects
                )
                return followed, followed.response.status
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
            followed, status = _follow(here.url + "/old", here.url)
            plain, plain_status = _follow(here.url + "/page", here.url)
    assert (followed.url, status) == (here.url + "/new", 302)
    assert followed.left_for == other.url + "/sso?next=/new"
    assert here.paths == ["GET /old", "GET /new", "GET /page"]
    assert other.paths == []
    assert (plain.url, plain_status, plain.left_for) == (here.url + "/page", 200, "")


def test_a_redirect_loop_stops_after_the_limit() -> None:
    with http_server(lambda asked: Answer(302, "", {"Location": "/again"})) as here:
        followed, status = _follow(here.url + "/start", here.url, max_redirects=3)
    assert followed.too_many and status == 302
    assert len(here.paths) == 4  # the first request and three redirects
