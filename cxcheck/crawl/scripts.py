"""The in-page scripts (`*.js` beside this module), each with dom.js's shared helpers in front."""

from __future__ import annotations

from importlib.resources import files


def page_function(name: str) -> str:
    """`<name>.js` as a JavaScript arrow function, ready for `page.evaluate`."""
    folder = files("cxcheck.crawl")
    helpers = folder.joinpath("dom.js").read_text(encoding="utf-8")
    body = folder.joinpath(f"{name}.js").read_text(encoding="utf-8")
    return f"() => {{\n{helpers}\n{body}\n}}"


def page_expression(name: str) -> str:
    """`<name>.js` as an expression that runs it, for the DevTools protocol's Runtime.evaluate."""
    return f"({page_function(name)})()"
