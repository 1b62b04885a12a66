"""Generate a deterministic multi-page site for benchmarks (seeded; same input, same files).

python bench/sitegen.py OUT_DIR --pages 1000 --seed 7 [--plant]

`--plant` (`generate_planted`) also plants known problems of every kind on distinct pages —
broken links (404s and one 500), missing images/stylesheets/scripts, placeholder content,
accessibility problems (one axe rule each) and slow pages (a server delay) — and writes the
list to `expected.json`, so a benchmark can count exactly which ones a tool found.
"""

from __future__ import annotations

import argparse
import json
import random
from dataclasses import asdict, dataclass
from pathlib import Path

WORDS = (
    "trail boots jacket wool socks hat scarf gloves tent stove lantern map compass rope "
    "waterproof light warm durable classic summit valley river forest alpine coastal"
).split()

PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{title}</title>
<link rel="icon" href="/favicon.svg"><link rel="stylesheet" href="/site.css"></head>
<body>
<header><nav><a href="/index.html">Home</a> <a href="/p1.html">Shop</a>
<a href="/p2.html">About</a> <a href="/p3.html">Help</a></nav></header>
<main><h1>{title}</h1>
{paragraphs}
<img src="/img/item{image}.svg" alt="{title} picture" width="120" height="80">
<ul>{links}</ul></main>
<footer><a href="/p4.html">Contact</a> <a href="/p5.html">Returns</a></footer>
</body></html>
"""


def sentence(rng: random.Random) -> str:
    """A plausible sentence of product copy."""
    words = [rng.choice(WORDS) for _ in range(rng.randint(8, 16))]
    return " ".join(words).capitalize() + "."


def page_html(index: int, pages: int, rng: random.Random) -> str:
    """Page `index`: copy, an image, and links that make every page reachable."""
    title = f"{rng.choice(WORDS).title()} {rng.choice(WORDS)} {index}"
    paragraphs = "\n".join(f"<p>{' '.join(sentence(rng) for _ in range(4))}</p>" for _ in range(3))
    # A tree (children 2i, 2i+1) reaches every page; a few random links add cross-links.
    targets = [t for t in (2 * index, 2 * index + 1) if t < pages]
    targets += [rng.randrange(pages) for _ in range(4)]
    links = "".join(f'<li><a href="/p{t}.html">Item {t}</a></li>' for t in targets)
    return PAGE.format(title=title, paragraphs=paragraphs, links=links, image=index % 10)


def generate(out: Path, pages: int, seed: int = 7) -> Path:
    """Write the site into `out`; return it."""
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    (out / "img").mkdir(exist_ok=True)
    for i in range(10):
        (out / "img" / f"item{i}.svg").write_text(
            f'<svg xmlns="http://www.w3.org/2000/svg" width="120" height="80">'
            f'<rect width="120" height="80" fill="#{(i * 1234567) % 0xFFFFFF:06x}"/></svg>'
        )
    (out / "favicon.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"/>')
    (out / "site.css").write_text("body{font-family:sans-serif;max-width:60em;margin:auto}")
    for index in range(pages):
        name = "index.html" if index == 0 else f"p{index}.html"
        (out / name).write_text(page_html(index, pages, rng))
    # p0 is the index page's twin so the tree's root links resolve.
    (out / "p0.html").write_text((out / "index.html").read_text())
    return out


KINDS = ("broken-link", "missing-asset", "placeholder", "accessibility", "slow-page")
EXPECTED_FILE = "expected.json"
SLOW_DELAY_MS = 3000  # well over twice cxcheck's 0.8 s time-to-first-byte budget


@dataclass(frozen=True)
class Planted:
    """One planted problem: its kind, the page that has it, and what identifies it.

    `target` is the failing path for broken links and missing assets, the axe rule id for
    accessibility problems, and "" for placeholders and slow pages (the page is the problem).
    """

    kind: str
    page: str  # path, "/p12.html"
    target: str = ""
    detail: str = ""


def _broken_link(n: int) -> tuple[str, str, str]:
    """(HTML, failing path, detail): a 404, except the first, which answers 500."""
    path = "/gone/server-error-0.html" if n == 0 else f"/gone/offer-{n}.html"
    return f'<p><a href="{path}">Last season offer {n}</a></p>', path, "500" if n == 0 else "404"


def _missing_asset(n: int) -> tuple[str, str, str]:
    kinds = (
        ("image", f"/img/missing-{n}.png", '<img src="{}" alt="Product photo {}">'),
        ("stylesheet", f"/css/missing-{n}.css", '<link rel="stylesheet" href="{}" data-n="{}">'),
        ("script", f"/js/missing-{n}.js", '<script src="{}" data-n="{}"></script>'),
    )
    detail, path, template = kinds[n % len(kinds)]
    return template.format(path, n), path, detail


PLACEHOLDERS = (
    ("coming soon", "<section><h2>Coming soon</h2></section>"),
    (
        "lorem ipsum",
        "<p>Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor "
        "incididunt ut labore et dolore magna aliqua.</p>",
    ),
    ("template leftover", "<p>Price: {{ product.price }}</p>"),
    ("TODO", "<p>TODO: write the care instructions</p>"),
)
ACCESSIBILITY = (
    ("image-alt", '<img src="/img/item1.svg" width="40" height="40">'),
    ("label", '<p><input type="text" name="coupon"></p>'),
    ("color-contrast", '<p style="color:#c8c8c8">Free returns within 30 days.</p>'),
    ("link-name", '<p><a href="/p1.html"><img src="/img/item2.svg" alt=""></a></p>'),
)


def plant_counts(pages: int) -> dict[str, int]:
    """How many problems of each kind a site of `pages` pages gets."""
    each = max(4, pages // 50)
    return {kind: max(1, pages // 500) if kind == "slow-page" else each for kind in KINDS}


def _snippet(kind: str, n: int) -> tuple[str, str, str]:
    """(HTML to add, target, detail) for the n-th planted problem of `kind`."""
    if kind == "broken-link":
        return _broken_link(n)
    if kind == "missing-asset":
        return _missing_asset(n)
    if kind == "placeholder":
        detail, html = PLACEHOLDERS[n % len(PLACEHOLDERS)]
        return html, "", detail
    if kind == "accessibility":
        rule, html = ACCESSIBILITY[n % len(ACCESSIBILITY)]
        return html, rule, rule
    return "", "", f"{SLOW_DELAY_MS} ms before the first byte"


def _serve_routes(planted: list[Planted]) -> str:
    """cxcheck-serve.toml: the delay of each slow page and the 500 of the first broken link."""
    routes = [
        f'[[route]]\npath = "{p.page}"\ndelay_ms = {SLOW_DELAY_MS}\n'
        for p in planted
        if p.kind == "slow-page"
    ]
    routes += [
        f'[[route]]\npath = "{p.target}"\nstatus = 500\n'
        for p in planted
        if p.kind == "broken-link" and p.detail == "500"
    ]
    return "\n".join(routes)


def page_paths(pages: int) -> list[str]:
    """Every page of a generated site, as paths ("/p0.html" is the index page's twin)."""
    return ["/index.html"] + [f"/p{i}.html" for i in range(pages)]


def generate_planted(out: Path, pages: int, seed: int = 7) -> list[Planted]:
    """Write the site with planted problems, each on a page of its own, plus `expected.json`.

    The nav and footer pages (p0-p5) and the index stay clean, so every problem is on one
    page only; the list is seeded too.
    """
    counts = plant_counts(pages)
    if sum(counts.values()) > pages - 6:
        raise ValueError(f"{pages} pages: too few for {sum(counts.values())} planted problems")
    generate(out, pages, seed)
    rng = random.Random(seed + 1)
    hosts = iter(rng.sample(range(6, pages), sum(counts.values())))
    planted: list[Planted] = []
    for kind, count in counts.items():
        for n in range(count):
            page = f"/p{next(hosts)}.html"
            html, target, detail = _snippet(kind, n)
            file = out / page.lstrip("/")
            file.write_text(file.read_text().replace("</main>", f"{html}\n</main>"))
            planted.append(Planted(kind, page, target, detail))
    (out / "cxcheck-serve.toml").write_text(_serve_routes(planted))
    (out / EXPECTED_FILE).write_text(json.dumps([asdict(p) for p in planted], indent=1))
    return planted


def load_expected(out: Path) -> list[Planted]:
    """The planted problems `generate_planted` wrote into `out`."""
    return [Planted(**item) for item in json.loads((out / EXPECTED_FILE).read_text())]


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--plant", action="store_true", help="plant problems of every kind")
    args = parser.parse_args()
    if args.plant:
        found = generate_planted(args.out, args.pages, args.seed)
        print(f"{args.out}: {len(found)} planted problems in {EXPECTED_FILE}")
    else:
        print(generate(args.out, args.pages, args.seed))
