"""The scripts journeys run in the page. Each lives beside the code that runs it
(`runner/describe.js`, `runner/summary.js`, `runner/text_region.js`, `recording/recorder.js`);
the rule they share, an element's ARIA role and own label, is `roles.js` here, put in place of
their `/*ROLES*/` line so the runner and the recorder name things alike."""

from __future__ import annotations

from importlib.resources import files


def page_script(package: str, name: str) -> str:
    """`<name>.js` of `package` (e.g. "cxcheck.journeys.runner"), with `roles.js` in place."""
    script = files(package).joinpath(f"{name}.js").read_text(encoding="utf-8")
    roles = files("cxcheck.journeys").joinpath("roles.js")
    return script.replace("  /*ROLES*/\n", roles.read_text(encoding="utf-8"))
