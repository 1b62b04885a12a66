"""One shared run in Redis: its keys, and every step workers take on them.

Keys live under `cxcheck:{RUN}:` (one hash slot, so a Redis Cluster keeps a run on one node):

- `meta`: the site, the settings' fingerprint and the config the run was started with, its
  state (running, failed, collected) and who seeds it;
- `seen` (set of page keys), `queue` (items waiting), `taken:W` / `held:W` (items worker W is
  visiting / has visited), `claimed` (page key -> the worker whose visit landed there);
- `accepted` / `unrendered` / `variants` / `refused`: the run's limits, counted once for all;
- `workers` (W -> working, finished or lost), `alive:W` (W's lease, renewed while it works),
  `state:W` (what W hands over when it finishes: worker.py).

Every step that reads and writes is one Lua script (scripts.py), so two workers never both
take an item or both queue a URL.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import time
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import redis.asyncio as aioredis
from redis.exceptions import NoScriptError, RedisError

from cxcheck.errors import CxError, ExitCode, UsageError
from cxcheck.queue import codec, scripts

KEEP_S = 7 * 24 * 3600  # a collected run's keys are kept a week, then Redis drops them


class QueueUnreachable(CxError):
    """The queue's server did not answer."""

    exit_code = ExitCode.SITE_UNCHECKABLE


def shown(queue_url: str) -> str:
    """The queue's URL without its password, for messages."""
    parts = urlsplit(queue_url)
    if parts.password is None:
        return queue_url
    host = parts.hostname or ""
    netloc = f"{parts.username or ''}:***@{host}" + (f":{parts.port}" if parts.port else "")
    return urlunsplit(parts._replace(netloc=netloc))


@dataclass(frozen=True)
class Item:
    """A URL waiting for a visit, as the queue holds it."""

    raw: str  # the stored string, which names it in taken/held sets
    render: bool
    seq: int  # order of queueing across the whole run
    key: str  # page key
    body: Mapping[str, Any]  # url, depth, referrer, found_by

    @classmethod
    def parse(cls, raw: str) -> Item:
        render, seq, key, body = raw.split("\t", 3)
        return cls(raw, render == "1", int(seq), key, json.loads(body))


@dataclass(frozen=True)
class Offered:
    """What the run said of one URL offered: queued (with its item), seen, or refused."""

    verdict: str  # queued | seen | max-pages | query-variants
    item: Item | None = None


@dataclass(frozen=True)
class RunStatus:
    """Where the whole run stands."""

    waiting: int  # items in the queue
    inflight: int  # items taken and not yet visited
    workers: Mapping[str, str]  # worker -> working | finished | lost

    @property
    def drained(self) -> bool:
        """No page waits and none is being visited."""
        return self.waiting == 0 and self.inflight <= 0

    def count(self, state: str) -> int:
        return sum(1 for s in self.workers.values() if s == state)


class RunStore:
    """Run `run_id` on the Redis at `queue_url`, as worker `worker` sees it."""

    def __init__(self, queue_url: str, run_id: str, worker: str, lease_s: float) -> None:
        self.url, self.run_id, self.worker, self.lease_s = queue_url, run_id, worker, lease_s
        self.prefix = f"cxcheck:{{{run_id}}}:"
        try:
            self._redis = aioredis.from_url(queue_url, socket_connect_timeout=5)
        except ValueError as error:
            raise UsageError(f"--queue {shown(queue_url)}: {error}") from None
        self._scripts = {
            name: self._redis.register_script(getattr(scripts, name))
            for name in ("JOIN", "SEEDER", "OFFER", "TAKE", "VISITED", "CLAIM", "RECLAIM",
                         "FINISH", "RATE")
        }  # fmt: skip
        self.round_trips = 0  # calls to the server, for docs/scale.md's figures

    @contextmanager
    def _round_trip(self) -> Iterator[None]:
        """One call to the server, counted; its failure is QueueUnreachable (exit 3, one line).
        A script the server lost (NoScriptError) is left to the caller, which loads it again."""
        self.round_trips += 1
        try:
            yield
        except NoScriptError:
            raise
        except (RedisError, OSError) as error:
            raise QueueUnreachable(f"the queue at {shown(self.url)} failed: {error}") from None

    async def _call(self, name: str, *args: Any) -> Any:
        with self._round_trip():
            return await self._scripts[name](keys=[self.prefix], args=list(args))

    async def _do(self, command: str, *args: object) -> Any:
        with self._round_trip():
            return await self._redis.execute_command(command, *args)

    def key(self, name: str) -> str:
        return self.prefix + name

    async def close(self) -> None:
        await self._redis.aclose()

    # ---- joining --------------------------------------------------------------------
    async def ping(self) -> None:
        """QueueUnreachable (exit 3) when the server does not answer."""
        try:
            await asyncio.wait_for(self._redis.ping(), 10)
            await self._load_scripts()
        except (RedisError, OSError, TimeoutError) as error:
            raise QueueUnreachable(
                f"cannot reach the queue at {shown(self.url)}: {error or 'no answer in 10 s'}"
            ) from None

    async def stored_config(self) -> bytes | None:
        """The config the run was started with (None: no such run)."""
        value = await self._do("HGET", self.key("meta"), "config")
        return bytes(value) if value is not None else None

    async def join(
        self, site: str, settings: Mapping[str, object], config: bytes, version: str
    ) -> bool:
        """Join the run (starting it when it is new); True when this worker seeds it.
        UsageError when the run is of another site, version or settings, or is collected."""
        listed = json.dumps(settings, sort_keys=True, default=str)
        fingerprint = f"{len(listed)}:{hash_text(listed)}"
        answer = await self._call(
            "JOIN", self.worker, site, fingerprint, listed, config, version,
            int(self.lease_s * 1000), f"{time.time():.0f}",
        )  # fmt: skip
        verdict, detail = (_text(part) for part in (*answer, "")[:2])
        run = f"run {self.run_id!r}"
        if verdict == "collected":
            raise UsageError(f"{run} is finished and collected already: choose a new --run id")
        if verdict == "other-site":
            raise UsageError(f"{run} is a run of {detail}, not of {site}: choose another --run id")
        if verdict == "other-version":
            raise UsageError(f"{run} was started by cxcheck {detail}; this is {version}")
        if verdict == "other-settings":
            raise UsageError(f"{run} was started with other settings ({_differs(detail, listed)})")
        return detail == self.worker

    async def seeder(self) -> tuple[str, str]:
        """("me" | "seeded" | "wait" | "failed", the failure's reason)."""
        answer = [_text(part) for part in await self._call("SEEDER", self.worker)]
        return answer[0], (answer[1] if len(answer) > 1 else "")

    async def seeded(self) -> None:
        await self._do("HSET", self.key("meta"), "seeded", "1")

    async def failed(self, reason: str) -> None:
        """The start page cannot be checked: every worker stops with this reason."""
        await self._do("HSET", self.key("meta"), "state", "failed", "reason", reason)

    async def leave(self) -> None:
        """Stop working on the run without handing anything over (Ctrl-C, SIGTERM): this
        worker's pages go back to the queue for the others."""
        await self._do("DEL", self.key(f"alive:{self.worker}"))
        await self.reclaim()

    async def renew(self) -> None:
        """This worker's lease, again for `lease_s`."""
        await self._do("SET", self.key(f"alive:{self.worker}"), "1", "PX", int(self.lease_s * 1000))

    # ---- crawling -------------------------------------------------------------------
    async def flush(
        self,
        offers: Sequence[tuple[str, str, str, bool]],  # key, body, variant, mine
        refusals: Mapping[str, str],  # page key -> "reason TAB body"
        limits: tuple[int, int, int],  # max_pages, max_unrendered, max_query_variants
        visited: str | None,  # the item just visited
        take: int = 0,  # items to take for this worker's next visits
    ) -> tuple[list[Offered], list[Item]]:
        """One round trip, one transaction: the links a visit found offered, refusals
        recorded, the visited item moved to this worker's held set, and the next items taken."""
        steps: list[tuple[str, list[Any]]] = []
        if offers:
            args: list[Any] = [self.worker, *limits]
            for key, body, variant, mine in offers:
                args += [key, body, variant, "1" if mine else "0"]
            steps.append(("OFFER", args))
        if visited is not None:
            steps.append(("VISITED", [self.worker, visited]))
        if take:
            steps.append(("TAKE", [self.worker, take]))
        if not steps and not refusals:
            return [], []
        answers = await self._transaction(steps, refusals)
        offered = [_offered(_text(v)) for v in answers[0]] if offers else []
        taken = [Item.parse(_text(raw)) for raw in answers[-1]] if take else []
        return offered, taken

    async def _transaction(
        self, steps: Sequence[tuple[str, list[Any]]], refusals: Mapping[str, str]
    ) -> list[Any]:
        """Scripts by their digest (loaded once: `ping`) and refusals, in one MULTI/EXEC;
        loaded again once if the server lost them (restarted, SCRIPT FLUSH)."""
        for attempt in (1, 2):
            pipe = self._redis.pipeline(transaction=True)
            for name, args in steps:
                pipe.evalsha(self._scripts[name].sha, 1, self.prefix, *args)
            for key, value in refusals.items():
                pipe.hsetnx(self.key("refused"), key, value)
            try:
                with self._round_trip():
                    return list(await pipe.execute())[: len(steps)]
            except NoScriptError:
                if attempt == 2:
                    raise
                await self._load_scripts()
        return []

    async def _load_scripts(self) -> None:
        pipe = self._redis.pipeline(transaction=False)
        for script in self._scripts.values():
            pipe.script_load(script.script)
        self.round_trips += 1
        await pipe.execute()

    async def claim(self, key: str) -> bool:
        """The visit landed on page `key`: True when no other visit had it."""
        return bool(await self._call("CLAIM", self.worker, key))

    async def reclaim(self) -> list[str]:
        """Give back the items of workers whose lease ran out; the workers found lost."""
        return [_text(w) for w in await self._call("RECLAIM")]

    async def status(self) -> RunStatus:
        pipe = self._redis.pipeline(transaction=False)
        pipe.llen(self.key("queue"))
        pipe.get(self.key("inflight"))
        pipe.hgetall(self.key("workers"))
        with self._round_trip():
            waiting, inflight, workers = await pipe.execute()
        states = {_text(k): _text(v) for k, v in workers.items()}
        return RunStatus(int(waiting), int(inflight or 0), states)

    async def next_slot(self, gap_s: float) -> float:
        """Seconds to wait for this worker's next page load under the run's global rate."""
        return float(_text(await self._call("RATE", f"{gap_s:.6f}")))

    # ---- finishing ------------------------------------------------------------------
    async def finish(self, state: object) -> bool:
        """Hand over what this worker found; False when the run counted it lost (its pages
        went to others, so this part is dropped rather than counted twice)."""
        handed = bool(await self._call("FINISH", self.worker, codec.dumps(state)))
        await self.count_round_trips()
        return handed

    async def count_round_trips(self) -> None:
        """Add this worker's round trips to the run's count (bench/shared_run.py reads it)."""
        await self._do("HINCRBY", self.key("meta"), "round_trips", self.round_trips + 1)
        self.round_trips = -1

    async def states(self) -> dict[str, Any]:
        """What each finished worker handed over."""
        workers = (await self.status()).workers
        finished = sorted(w for w, s in workers.items() if s == "finished")
        values = [await self._do("GET", self.key(f"state:{w}")) for w in finished]
        return {w: codec.loads(v) for w, v in zip(finished, values, strict=True) if v}

    async def run_wide(self) -> tuple[dict[str, tuple[str, str]], set[str], int]:
        """The whole run's refusals (page key -> (reason, URL)), its seen keys, and the
        pages queued past max_pages."""
        refused = await self._do("HGETALL", self.key("refused"))
        seen = await self._do("SMEMBERS", self.key("seen"))
        unrendered = await self._do("GET", self.key("unrendered"))
        out: dict[str, tuple[str, str]] = {}
        for key, value in refused.items():
            reason, _, body = _text(value).partition("\t")
            out[_text(key)] = (reason, str(json.loads(body).get("url", "")))
        return out, {_text(k) for k in seen}, int(unrendered or 0)

    async def collected(self) -> None:
        """The run is reported: no worker may join it again; its keys expire in a week."""
        await self._do("HSET", self.key("meta"), "state", "collected", "collected",
                       time.strftime("%Y-%m-%d %H:%M:%S UTC", time.gmtime()))  # fmt: skip
        async for key in self._redis.scan_iter(match=self.prefix.replace("{", "\\{") + "*"):
            await self._redis.expire(key, KEEP_S)


def hash_text(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def _text(value: object) -> str:
    return value.decode() if isinstance(value, bytes) else str(value)


def _offered(verdict: str) -> Offered:
    name, _, raw = verdict.partition("\t")
    return Offered(name, Item.parse(raw) if raw else None)


def _differs(stored: str, mine: str) -> str:
    """The first setting two runs disagree on, as 'max_pages 100, not 50'."""
    theirs, ours = json.loads(stored), json.loads(mine)
    for name in sorted(set(theirs) | set(ours)):
        if theirs.get(name) != ours.get(name):
            return f"{name} {theirs.get(name)!r} there, {ours.get(name)!r} here"
    return "different settings"
