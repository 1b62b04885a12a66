"""Pure parts of shared runs: what travels through the queue, how workers' site captures
join, and the flags' checks."""

from __future__ import annotations

import asyncio
import pickle
from dataclasses import MISSING, fields

import pytest

from cxcheck.captures import SiteProbe
from cxcheck.crawl.site_captures import SITE_CAPTURES, SiteCaptureKind
from cxcheck.errors import UsageError
from cxcheck.exposure import ExposureProbe, ProbeReply
from cxcheck.findings import Finding, Severity
from cxcheck.queue import codec
from cxcheck.queue.extras import merge_extras
from cxcheck.queue.store import QueueUnreachable, RunStore, _differs, shown
from cxcheck.queue.worker import QueueOptions
from cxcheck.traffic import HostUse, SiteTraffic
from tests.redis_server import free_port


def test_codec_brings_back_cxcheck_data() -> None:
    finding = Finding("page-health", "http-error", Severity.MAJOR, "http://a.test/x", "404")
    assert codec.loads(codec.dumps({"findings": (finding,), "n": {1, 2}})) == {
        "findings": (finding,),
        "n": {1, 2},
    }


class _Evil:
    def __reduce__(self) -> tuple[object, tuple[str]]:
        import os

        return (os.system, ("echo owned",))


def test_codec_refuses_what_cxcheck_never_stores() -> None:
    with pytest.raises(codec.UnsafeValue, match="never stores"):
        codec.loads(pickle.dumps(_Evil()))


def test_probes_of_the_site_come_from_the_worker_that_began_at_the_start() -> None:
    start = "http://a.test/"
    other = SiteProbe(start_url="http://a.test/p7.html", navigation=("x",))
    seeder = SiteProbe(start_url=start, navigation=("/", "/about"), icon_declared=False)
    icon = SiteProbe(start_url="http://a.test/p9.html", icon_declared=True)
    merged = merge_extras(
        [{"site-probe": other}, {"site-probe": seeder}, {"site-probe": icon}], start
    )
    assert merged["site-probe"].navigation == ("/", "/about")
    assert merged["site-probe"].icon_declared


def test_workers_captures_join_as_one_run() -> None:
    env = ProbeReply("/.env", "env", "http://a.test/.env", 200)
    css = ProbeReply("/css/", "listing", "http://a.test/css/", 200)
    cdn = HostUse("cdn.test", ("script",), ("http://a.test/1",), 1, True, ())
    cdn2 = HostUse("cdn.test", ("font",), ("http://a.test/2",), 2, False, ("id",))
    parts = [
        {
            "link-status": {"http://x.test/": 1},
            "exposure-probe": ExposureProbe((env,), asked=True),
            "site-traffic": SiteTraffic(hosts=(cdn,), pages=1),
        },
        {
            "link-status": {"http://y.test/": 2, "http://x.test/": 9},
            "exposure-probe": ExposureProbe((css,), asked=True),
            "site-traffic": SiteTraffic(hosts=(cdn2,), pages=2),
        },
    ]
    merged = merge_extras(parts, "http://a.test/")
    assert merged["link-status"] == {"http://x.test/": 1, "http://y.test/": 2}
    assert [r.path for r in merged["exposure-probe"].replies] == ["/.env", "/css/"]
    traffic = merged["site-traffic"]
    assert traffic.pages == 3
    (host,) = traffic.hosts
    assert (host.kinds, host.page_count, host.scripts_ran, host.cookies) == (
        ("font", "script"),
        3,
        True,
        ("id",),
    )
    assert host.pages == ("http://a.test/1", "http://a.test/2")


@pytest.mark.parametrize(
    ("url", "run", "worker", "message"),
    [
        ("http://redis:6379", "r1", "w1", "--queue: expected redis://"),
        ("redis://h:6379/0", "no spaces", "w1", "--run: expected"),
        ("redis://h:6379/0", "r1", "a/b", "--worker: expected"),
    ],
)
def test_queue_flags_are_checked(url: str, run: str, worker: str, message: str) -> None:
    with pytest.raises(UsageError, match=message):
        QueueOptions(url, run, worker=worker)


def test_the_queue_password_is_never_shown() -> None:
    assert shown("redis://:s3cret-pw@ci-redis:6380/0") == "redis://:***@ci-redis:6380/0"
    assert "s3cret" not in shown("rediss://user:s3cret@h/1")
    assert shown("redis://h:6379/0") == "redis://h:6379/0"


def test_a_refused_join_names_the_setting_that_differs() -> None:
    there = '{"max_pages": 100, "only": []}'
    here = '{"max_pages": 50, "only": []}'
    assert _differs(there, here) == "max_pages 100 there, 50 here"


def test_every_step_on_a_queue_gone_away_is_one_clear_error() -> None:
    """Scripts, commands, transactions and the status read: each a QueueUnreachable (exit 3)
    naming the queue without its password, each counted as a round trip."""
    port = free_port()  # nothing listens there
    store = RunStore(f"redis://:s3cret-pw@127.0.0.1:{port}/0", "r1", "w1", 30.0)
    steps = {
        "script": lambda: store.reclaim(),
        "command": lambda: store.renew(),
        "transaction": lambda: store.flush([], {"k": "v"}, (1, 1, 1), "item"),
        "status": lambda: store.status(),
    }

    async def failures() -> dict[str, str]:
        seen = {}
        for name, step in steps.items():
            with pytest.raises(QueueUnreachable) as error:
                await step()
            seen[name] = str(error.value)
        await store.close()
        return seen

    for message in asyncio.run(failures()).values():
        assert message.startswith(f"the queue at redis://:***@127.0.0.1:{port}/0 failed: ")
        assert "s3cret" not in message
    assert store.round_trips == len(steps)


def test_every_site_capture_declares_how_its_workers_results_join() -> None:
    # A new capture cannot leave it unsaid (no default), else a shared run would keep one
    # worker's result only; a result no capture declared is an error, never silently the first.
    (merge,) = (f for f in fields(SiteCaptureKind) if f.name == "merge")
    assert merge.default is MISSING and merge.default_factory is MISSING
    for name, kind in SITE_CAPTURES.items():
        assert isinstance(kind, SiteCaptureKind), name
        assert callable(kind.merge) and callable(kind.create), name
    with pytest.raises(KeyError, match="no-such-capture"):
        merge_extras([{"no-such-capture": 1}, {"no-such-capture": 2}], "http://a.test/")
