"""The in-page scripts (`*.js` beside this module), each with dom.js's shared helpers in front."""

from __future__ import annotations

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
