"""cxcheck side by side with the tools a team would otherwise run, on generated sites.

    python bench/compare.py --pages 100,1000 [--sizes 100,1000,5000] [--tools-dir DIR]

For each page count: generates a seeded site with planted problems of every kind
(`sitegen.generate_planted`), serves it on 127.0.0.1, and runs one after the other
cxcheck (all checks), cxcheck (links only: `--only dead-navigation`; then with
`--render auto`, with and without the pictures of findings), linkinator
(`--recurse`), LinkChecker and pa11y-ci (axe runner, over the site's URL list). Each
peer is installed by this script into a temporary folder (npm / a venv; `--tools-dir`
keeps and reuses them) and uses the system Chromium. Every tool runs in a subprocess:
wall time from start to exit, peak memory as the PSS of its whole process tree (browser
included), sampled every 100 ms. Problems found are counted from each tool's own output,
matched to the planted list by page URL and failing URL / axe rule.

`--sizes` also measures cxcheck's peak memory at growing page counts (links only, or all
checks with `--sizes-checks all`) to show it does not grow with the site.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from memory import PeakMemory
from sitegen import KINDS, Planted, generate_planted, page_paths

from cxcheck.browser import LAUNCH_ARGS
from cxcheck.serve import serve_folder

ROOT = Path(__file__).resolve().parent.parent
CXCHECK = ROOT / ".venv" / "bin" / "cxcheck"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = list(LAUNCH_ARGS)  # the flags cxcheck starts it with, for every tool
NPM_PACKAGES = ("linkinator", "pa11y-ci")
KIND_TITLES = {
    "broken-link": "broken links",
    "missing-asset": "missing assets",
    "placeholder": "placeholders",
    "accessibility": "accessibility",
    "slow-page": "slow pages",
}
LINKS = frozenset({"broken-link", "missing-asset"})
MIB_LIMIT = 800  # issue 24: all checks under 800 MiB
GROWTH_TOLERANCE = 1.2  # "not growing": the largest site's peak within 20 % of the smallest's

Hit = tuple[str, str, str]  # (family, page path, failing path or axe rule or "")


# --- what counts as finding a planted problem ---------------------------------------------


def family(kind: str) -> str:
    """Broken links and missing files are both "a URL on this page fails" to a link checker."""
    return "link" if kind in LINKS else kind


def planted_key(problem: Planted) -> Hit:
    return family(problem.kind), problem.page, problem.target


def path_of(url: str) -> str:
    """The path of a URL on the served site; "/" is the index page."""
    path = urlsplit(url).path or "/"
    return "/index.html" if path == "/" else path


# --- the tools -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Workspace:
    """Where a run's files go, and where the peers are installed."""

    tools: Path
    out: Path

    @property
    def npm_bin(self) -> Path:
        return self.tools / "npm" / "node_modules" / ".bin"

    @property
    def linkchecker(self) -> Path:
        return self.tools / "linkchecker-venv" / "bin" / "linkchecker"


@dataclass(frozen=True)
class Site:
    """A served generated site and its planted problems."""

    url: str
    pages: int
    planted: list[Planted]

    def page_urls(self) -> list[str]:
        return [self.url.rstrip("/") + path for path in page_paths(self.pages)]


@dataclass(frozen=True)
class Tool:
    """How to run one tool and read what it found from its output."""

    name: str
    scope: frozenset[str]  # the planted kinds it is expected to find
    command: Callable[[Site, Workspace, Path], list[str]]  # (site, workspace, report file)
    parse: Callable[[Path], tuple[set[Hit], int]]  # report file -> (hits, pages it failed on)
    report_is_stdout: bool = True
    env: dict[str, str] = field(default_factory=dict)


def cxcheck_command(
    only: tuple[str, ...], render: str = "always", *extra: str
) -> Callable[[Site, Workspace, Path], list[str]]:
    def command(site: Site, work: Workspace, report: Path) -> list[str]:
        args = [str(CXCHECK), "check", site.url, "--json", str(report), "--quiet"]
        args += ["--max-pages", str(2 * site.pages + 100), "--max-depth", "1000"]
        args += ["--no-baseline", "--browser-path", CHROMIUM, "--render", render]
        for name in only:
            args += ["--only", name]
        return [*args, *extra]

    return command


CXCHECK_FAMILIES = {
    "dead-navigation": "link",
    "accessibility": "accessibility",
    "under-construction": "placeholder",
    "slow-pages": "slow-page",
}


def parse_cxcheck(report: Path) -> tuple[set[Hit], int]:
    data = json.loads(report.read_text())
    hits: set[Hit] = set()
    for finding in data["findings"]:
        kind = CXCHECK_FAMILIES.get(finding["check"], finding["check"])
        if kind == "link":
            detail = path_of(finding["target"]) if finding["target"] else finding["rule"]
        elif kind == "accessibility":
            detail = finding["rule"]
        else:
            detail = "" if kind in KINDS else finding["rule"]
        for page in finding["pages"] or [finding["url"]]:
            hits.add((kind, path_of(page), detail))
    return hits, 0


def linkinator_command(site: Site, work: Workspace, report: Path) -> list[str]:
    return [str(work.npm_bin / "linkinator"), site.url, "--recurse", "--format", "json"]


def parse_linkinator(report: Path) -> tuple[set[Hit], int]:
    links = json.loads(report.read_text())["links"]
    return {
        ("link", path_of(link.get("parent", "")), path_of(link["url"]))
        for link in links
        if link["state"] == "BROKEN"
    }, 0


def linkchecker_command(site: Site, work: Workspace, report: Path) -> list[str]:
    config = work.out / "linkcheckerrc"
    # Over 10 requests/s LinkChecker wants a "LinkChecker" header from the server (the
    # site's "/" route sends one); without it it waits 0.1-0.6 s between requests to a host.
    config.write_text("[checking]\nmaxrequestspersecond=1000\n")
    config.chmod(0o644)
    return [str(work.linkchecker), "-f", str(config), "-o", "csv", "--no-status", site.url]


def parse_linkchecker(report: Path) -> tuple[set[Hit], int]:
    lines = [line for line in report.read_text().splitlines() if not line.startswith("#")]
    rows = csv.DictReader(lines, delimiter=";")
    return {
        ("link", path_of(row["parentname"]), path_of(row["url"]))
        for row in rows
        if row["valid"] == "False"
    }, 0


def pa11y_command(concurrency: int) -> Callable[[Site, Workspace, Path], list[str]]:
    def command(site: Site, work: Workspace, report: Path) -> list[str]:
        config = work.out / "pa11y-ci.json"
        defaults = {
            "runners": ["axe"],
            "concurrency": concurrency,
            # Chromium 156 + incognito contexts at concurrency > 1: "Protocol error
            # (Target.closeTarget): No target with given id" on ~40 % of pages.
            "useIncognitoBrowserContext": False,
            "timeout": 60000,
            "chromeLaunchConfig": {"executablePath": CHROMIUM, "args": CHROMIUM_ARGS},
        }
        config.write_text(json.dumps({"defaults": defaults, "urls": site.page_urls()}))
        return [str(work.npm_bin / "pa11y-ci"), "--config", str(config), "--json"]

    return command


def parse_pa11y(report: Path) -> tuple[set[Hit], int]:
    results = json.loads(report.read_text())["results"]
    hits: set[Hit] = set()
    failed = 0
    for url, issues in results.items():
        for issue in issues:
            if "code" in issue:
                hits.add(("accessibility", path_of(url), issue["code"]))
            else:  # the page could not be tested: {"message": "Timed out ..."}
                failed += 1
    return hits, failed


PUPPETEER_ENV = {"PUPPETEER_SKIP_DOWNLOAD": "1", "PUPPETEER_EXECUTABLE_PATH": CHROMIUM}


def tools(pa11y_concurrency: int) -> list[Tool]:
    return [
        Tool(
            "cxcheck (all checks)",
            frozenset(KINDS),
            cxcheck_command(()),
            parse_cxcheck,
            report_is_stdout=False,
        ),
        Tool(
            "cxcheck (links only)",
            LINKS,
            cxcheck_command(("dead-navigation",)),
            parse_cxcheck,
            report_is_stdout=False,
        ),
        Tool(
            "cxcheck (links only, --render auto)",
            LINKS,
            cxcheck_command(("dead-navigation",), render="auto"),
            parse_cxcheck,
            report_is_stdout=False,
        ),
        Tool(
            # The pictures of findings (taken after the crawl, by default) are a report
            # feature no link checker has: this row shows the link check alone.
            "cxcheck (links only, --render auto, --no-pictures)",
            LINKS,
            cxcheck_command(("dead-navigation",), "auto", "--no-pictures"),
            parse_cxcheck,
            report_is_stdout=False,
        ),
        Tool("linkinator", LINKS, linkinator_command, parse_linkinator),
        Tool("LinkChecker", LINKS, linkchecker_command, parse_linkchecker),
        Tool(
            "pa11y-ci",
            frozenset({"accessibility"}),
            pa11y_command(pa11y_concurrency),
            parse_pa11y,
            env=PUPPETEER_ENV,
        ),
    ]


# --- running and measuring -----------------------------------------------------------------


@dataclass(frozen=True)
class Result:
    """One tool on one site."""

    tool: str
    pages: int
    seconds: float
    peak_mib: float
    returncode: int
    found: dict[str, int]  # kind -> planted problems found (kinds in scope only)
    planted: dict[str, int]  # kind -> planted problems
    other: int  # reports that match no planted problem
    failed_pages: int

    @property
    def pages_per_s(self) -> float:
        return self.pages / self.seconds


def measure(
    argv: list[str], stdout: Path, cwd: Path, env: dict[str, str]
) -> tuple[float, float, int]:
    """(seconds, peak MiB of the process tree, exit code) of one command."""
    with stdout.open("wb") as out:
        start = time.perf_counter()
        process = subprocess.Popen(
            argv, stdout=out, stderr=subprocess.PIPE, cwd=cwd, env={**os.environ, **env}
        )
        with PeakMemory(interval=0.1, pid=process.pid) as memory:
            _, errors = process.communicate()
        seconds = time.perf_counter() - start
    if errors.strip():
        (stdout.with_suffix(".stderr")).write_bytes(errors)
    return seconds, memory.peak_mib, process.returncode


def score(tool: Tool, hits: set[Hit], planted: list[Planted]) -> tuple[dict[str, int], int]:
    """(planted problems found per kind in the tool's scope, reports matching none)."""
    keys = {planted_key(p) for p in planted}
    found = {kind: 0 for kind in KINDS if kind in tool.scope}
    for problem in planted:
        if problem.kind in found and planted_key(problem) in hits:
            found[problem.kind] += 1
    return found, len(hits - keys)


def run_tool(tool: Tool, site: Site, work: Workspace) -> Result:
    slug = tool.name.split()[0].lower() + ("-links" if "links" in tool.name else "")
    report = work.out / f"{slug}-{site.pages}.out"
    output = report if tool.report_is_stdout else report.with_suffix(".log")
    drops = listen_drops()
    seconds, peak, code = measure(tool.command(site, work, report), output, work.out, tool.env)
    if listen_drops() > drops:
        print(f"  ({listen_drops() - drops} connections dropped by the server's queue)")
    hits, failed = tool.parse(report)
    found, other = score(tool, hits, site.planted)
    planted = {kind: sum(p.kind == kind for p in site.planted) for kind in KINDS}
    return Result(tool.name, site.pages, seconds, peak, code, found, planted, other, failed)


def listen_drops() -> int:
    """Connections the kernel dropped because a listening socket's queue was full."""
    head, values = Path("/proc/net/netstat").read_text().splitlines()[:2]
    return int(dict(zip(head.split(), values.split(), strict=True)).get("ListenDrops", 0))


@contextmanager
def served_site(root: Path, pages: int, seed: int) -> Iterator[Site]:
    """A generated site with planted problems, served on 127.0.0.1."""
    folder = root / f"site-{pages}"
    planted = generate_planted(folder, pages, seed)
    # LinkChecker lifts its 10 requests/s politeness limit for a server that answers with a
    # "LinkChecker" header; one answer is enough, so the start page sends it.
    with (folder / "cxcheck-serve.toml").open("a") as routes:
        routes.write('\n[[route]]\npath = "/"\nheaders = { LinkChecker = "unthrottled" }\n')
    with serve_folder(folder) as served:
        yield Site(served.url, pages, planted)


# --- installing the peers ------------------------------------------------------------------


def install_peers(tools_dir: Path) -> None:
    """linkinator and pa11y-ci from npm, LinkChecker from PyPI into a venv (skipped if there)."""
    npm = tools_dir / "npm"
    if not (npm / "node_modules" / ".bin" / "pa11y-ci").exists():
        print(f"installing {', '.join(NPM_PACKAGES)} from npm into {npm}", flush=True)
        subprocess.run(
            ["npm", "install", "--silent", "--prefix", str(npm), *NPM_PACKAGES],
            check=True,
            env={**os.environ, **PUPPETEER_ENV},
        )
    venv = tools_dir / "linkchecker-venv"
    if not (venv / "bin" / "linkchecker").exists():
        print(f"installing LinkChecker from PyPI into {venv}", flush=True)
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        pip = [str(venv / "bin" / "pip"), "install", "--quiet", "LinkChecker"]
        subprocess.run(pip, check=True)
    # LinkChecker run as root drops to "nobody": it must still read its venv and config.
    tools_dir.chmod(0o755)


def _npm_version(tools_dir: Path, package: str) -> str:
    manifest = tools_dir / "npm" / "node_modules" / package / "package.json"
    return json.loads(manifest.read_text())["version"] if manifest.exists() else "?"


def _first_line(argv: list[str]) -> str:
    try:
        done = subprocess.run(argv, capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return "?"
    text = (done.stdout or done.stderr).strip()
    return text.splitlines()[0] if text else "?"


def cxcheck_axe(out: Path) -> str:
    """The axe-core version cxcheck used, as its JSON report states ("?" without one)."""
    for report in out.glob("cxcheck-*.out"):
        for check in json.loads(report.read_text())["checks"]:
            if check["name"] == "accessibility":
                return check["engine"]
    return "axe-core ?"


def machine_line(tools_dir: Path, axe: str) -> str:
    """Cores, RAM, OS, Python, Chromium, Node and every tool's version, on one line."""
    ram = int(Path("/proc/meminfo").read_text().split()[1]) / 1024 / 1024
    lines = Path("/etc/os-release").read_text().splitlines()
    release = dict(line.split("=", 1) for line in lines if "=" in line)
    linkchecker = tools_dir / "linkchecker-venv" / "bin" / "linkchecker"

    def npm(package: str) -> str:
        return _npm_version(tools_dir, package)

    parts = [
        f"{os.cpu_count()} cores",
        f"{ram:.0f} GiB RAM",
        release.get("PRETTY_NAME", platform.platform()).strip('"'),
        f"Python {platform.python_version()}",
        _first_line([CHROMIUM, "--version"]).split(" built on")[0],
        f"Node {_first_line(['node', '--version'])}",
        f"cxcheck {version('cxcheck')} (Playwright {version('playwright')}, {axe})",
        f"linkinator {_npm_version(tools_dir, 'linkinator')}",
        _first_line([str(linkchecker), "--version"]).split(" released")[0],
        f"pa11y-ci {npm('pa11y-ci')} (pa11y {npm('pa11y')}, axe-core {npm('axe-core')}, "
        f"puppeteer {npm('puppeteer')})",
    ]
    return ", ".join(parts)


# --- printing ------------------------------------------------------------------------------


def found_cell(result: Result, kind: str) -> str:
    if kind not in result.found:
        return "—"
    return f"{result.found[kind]}/{result.planted[kind]}"


def results_table(results: list[Result]) -> str:
    head = ["tool", "pages", "wall s", "pages/s", "peak MiB"]
    head += [KIND_TITLES[k] for k in KINDS] + ["other reports", "pages failed", "exit"]
    rows = [head, ["---", *["---:"] * (len(head) - 1)]]
    rows[1][0] = "---"
    for r in results:
        rows.append(
            [r.tool, str(r.pages), f"{r.seconds:.1f}", f"{r.pages_per_s:.1f}", f"{r.peak_mib:.0f}"]
            + [found_cell(r, kind) for kind in KINDS]
            + [str(r.other), str(r.failed_pages), str(r.returncode)]
        )
    return "\n".join("| " + " | ".join(row) + " |" for row in rows)


def ratio_table(results: list[Result]) -> str:
    """cxcheck / peer, wall time and memory, for each cxcheck mode against each peer."""
    ours = [r for r in results if r.tool.startswith("cxcheck")]
    peers = [r for r in results if not r.tool.startswith("cxcheck")]
    rows = ["| cxcheck | peer | pages | wall time ratio | memory ratio |"]
    rows.append("|---|---|---:|---:|---:|")
    for mine in ours:
        for peer in peers:
            if peer.pages == mine.pages:
                rows.append(
                    f"| {mine.tool} | {peer.tool} | {mine.pages} | "
                    f"{mine.seconds / peer.seconds:.2f} | {mine.peak_mib / peer.peak_mib:.2f} |"
                )
    return "\n".join(rows)


def growth_table(results: list[Result]) -> str:
    rows = ["| cxcheck | pages | wall s | pages/s | peak MiB |", "|---|---:|---:|---:|---:|"]
    rows += [
        f"| {r.tool} | {r.pages} | {r.seconds:.1f} | {r.pages_per_s:.1f} | {r.peak_mib:.0f} |"
        for r in results
    ]
    return "\n".join(rows)


def _pick(results: Iterable[Result], tool: str, pages: int) -> Result | None:
    return next((r for r in results if r.tool == tool and r.pages == pages), None)


def targets(results: list[Result], growth: list[Result]) -> list[str]:
    """Issue 24's targets, each met or not met, with the figures."""
    lines = []

    def verdict(met: bool) -> str:
        return "met" if met else "NOT met"

    for pages in sorted({r.pages for r in results}):
        mine_all = _pick(results, "cxcheck (all checks)", pages)
        pa11y = _pick(results, "pa11y-ci", pages)
        if mine_all and pa11y:
            speedup = pa11y.seconds / mine_all.seconds
            lines.append(
                f"{pages} pages: cxcheck (all checks) at least 2x faster than pa11y-ci alone: "
                f"{mine_all.seconds:.1f} s vs {pa11y.seconds:.1f} s ({speedup:.2f}x faster): "
                f"{verdict(speedup >= 2)}"
            )
        links = _pick(results, "cxcheck (links only)", pages)
        if links:
            lines.append(
                f"{pages} pages: cxcheck (links only, every page rendered) at least 30 "
                f"pages/s: {links.pages_per_s:.1f} pages/s: {verdict(links.pages_per_s >= 30)}"
            )
        linkinator = _pick(results, "linkinator", pages)
        for auto in (
            _pick(results, "cxcheck (links only, --render auto)", pages),
            _pick(results, "cxcheck (links only, --render auto, --no-pictures)", pages),
        ):
            if not (auto and linkinator):
                continue
            ratio = auto.seconds / linkinator.seconds
            same = all(auto.found.get(k) == linkinator.found.get(k) for k in LINKS)
            lines.append(
                f"{pages} pages: {auto.tool} within 3x of linkinator with the same "
                f"broken links found: {auto.seconds:.1f} s vs {linkinator.seconds:.1f} s "
                f"({ratio:.1f}x), {'the same' if same else 'NOT the same'} broken links and "
                f"missing files found: {verdict(ratio <= 3 and same)}"
            )
        if mine_all:
            lines.append(
                f"{pages} pages: cxcheck (all checks) peak memory under {MIB_LIMIT} MiB: "
                f"{mine_all.peak_mib:.0f} MiB: {verdict(mine_all.peak_mib < MIB_LIMIT)}"
            )
    if len(growth) > 1:
        first, last = growth[0], growth[-1]
        met = last.peak_mib <= first.peak_mib * GROWTH_TOLERANCE
        lines.append(
            f"memory not growing with page count ({growth[0].tool}): {first.peak_mib:.0f} MiB "
            f"at {first.pages} pages, {last.peak_mib:.0f} MiB at {last.pages} "
            f"(x{last.peak_mib / first.peak_mib:.2f}, tolerance x{GROWTH_TOLERANCE}): "
            f"{verdict(met)}"
        )
    return lines


# --- main ----------------------------------------------------------------------------------


def _sizes(text: str) -> list[int]:
    return sorted({int(part) for part in text.split(",") if part.strip()})


def run_all(
    pages: list[int], sizes: list[int], sizes_tool: Tool, peers: list[Tool], work: Workspace
) -> tuple[list[Result], list[Result]]:
    results: list[Result] = []
    growth: list[Result] = []
    for count in sorted(set(pages) | set(sizes)):
        with served_site(work.out, count, seed=7) as site:
            chosen = list(peers) if count in pages else []
            if count in sizes and sizes_tool not in chosen:
                chosen.append(sizes_tool)
            print(f"\n{count} pages at {site.url}: {len(site.planted)} planted", flush=True)
            for tool in chosen:
                result = run_tool(tool, site, work)
                print(f"  {tool.name}: {result.seconds:.1f} s, {result.peak_mib:.0f} MiB")
                if count in pages and tool in peers:
                    results.append(result)
                if tool is sizes_tool and count in sizes:
                    growth.append(result)
        shutil.rmtree(work.out / f"site-{count}", ignore_errors=True)
    return results, growth


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=_sizes, default=[100, 1000], help="e.g. 100,1000")
    parser.add_argument("--sizes", type=_sizes, default=[], help="memory growth: 100,1000,5000")
    parser.add_argument("--sizes-checks", choices=("links", "all"), default="links")
    parser.add_argument("--pa11y-concurrency", type=int, default=2 * (os.cpu_count() or 1))
    parser.add_argument("--tools", help="only these tools, e.g. linkinator,LinkChecker")
    parser.add_argument("--tools-dir", type=Path, help="install the peers here and keep them")
    parser.add_argument("--out", type=Path, help="keep every tool's output here")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="cxcheck-compare-") as tmp:
        tools_dir = args.tools_dir or Path(tmp) / "tools"
        out = args.out or Path(tmp) / "out"
        tools_dir.mkdir(parents=True, exist_ok=True)
        out.mkdir(parents=True, exist_ok=True)
        out.chmod(0o777)  # LinkChecker drops to "nobody" and reads its config from here
        Path(tmp).chmod(0o755)
        install_peers(tools_dir)
        work = Workspace(tools_dir, out)
        peers = tools(args.pa11y_concurrency)
        sizes_tool = peers[0] if args.sizes_checks == "all" else peers[1]
        if args.tools:
            wanted = args.tools.lower().split(",")
            peers = [t for t in peers if any(t.name.lower().startswith(w) for w in wanted)]
        results, growth = run_all(args.pages, args.sizes, sizes_tool, peers, work)
        machine = machine_line(tools_dir, cxcheck_axe(out))
    print(f"\nMachine: {machine}")
    print(f"pa11y-ci concurrency {args.pa11y_concurrency}; cxcheck concurrency: its default\n")
    print(results_table(results))
    print("\nRatios cxcheck / peer (below 1: cxcheck is faster or smaller):\n")
    print(ratio_table(results))
    if growth:
        print(f"\ncxcheck peak memory as the site grows ({sizes_tool.name}):\n")
        print(growth_table(growth))
    print("\nTargets:")
    for line in targets(results, growth):
        print(f"- {line}")


if __name__ == "__main__":
    main()
