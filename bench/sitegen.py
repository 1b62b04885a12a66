"""Generate a deterministic multi-page site for benchmarks (seeded; same input, same files).

python bench/sitegen.py OUT_DIR --pages 1000 --seed 7
"""

from __future__ import annotations

import argparse
import random
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


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    print(generate(args.out, args.pages, args.seed))
