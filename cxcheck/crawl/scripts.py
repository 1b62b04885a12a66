"""The in-page scripts (`*.js` beside this module), each with dom.js's shared helpers in front."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from importlib.resources import files


def page_function(name: str) -> str:
    """`<name>.js` as an async arrow function of one argument (`input`), for `page.evaluate`."""
    folder = files("cxcheck.crawl")
    helpers = folder.joinpath("dom.js").read_text(encoding="utf-8")
    body = folder.joinpath(f"{name}.js").read_text(encoding="utf-8")
    return f"async (input) => {{\n{helpers}\n{body}\n}}"


def page_expression(name: str) -> str:
    """`<name>.js` run with no input: a promise, for the DevTools protocol's Runtime.evaluate."""
    return f"({page_function(name)})()"


def init_script(name: str) -> str:
    """`<name>.js` as it stands: a script that runs in every document before its own."""
    return files("cxcheck.crawl").joinpath(f"{name}.js").read_text(encoding="utf-8")


class InitScripts(Mapping[str, str]):
    """Init scripts by capture name, each made when first asked for: axe-core's 500 KB are
    read only by a run that needs them, and a missing file fails that capture, not every
    import of the crawl."""

    def __init__(self, makers: Mapping[str, Callable[[], str]]) -> None:
        self._makers = dict(makers)

    def __getitem__(self, name: str) -> str:
        return self._makers[name]()

    def __iter__(self) -> Iterator[str]:
        return iter(self._makers)

    def __len__(self) -> int:
        return len(self._makers)
