"""Options more than one command takes, each declared once: one spelling, one help text.

The output flags (--json, --html, --junit, --sarif, --markdown) are made from one table keyed
by report format, and `outputs_asked` matches the values a command got to formats by name:
a command passes `json=..., html=...`, never a list whose order must agree with another.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, Any

import typer

from cxcheck.config_sections import CONFIG_FILE

# Each report format's flag help; the flag is --<format>.
OUTPUT_FLAGS: Mapping[str, str] = {
    "json": "Write the JSON report here.",
    "html": "Write the HTML report (one self-contained page) here.",
    "junit": "Write JUnit XML here.",
    "sarif": "Write SARIF 2.1.0 here.",
    "markdown": "Write a Markdown summary here (also added to $GITHUB_STEP_SUMMARY when set).",
}
# One flag per report format: tests/unit/test_outputs.py holds it to outputs.RENDERERS (not
# asserted here, where it would load every renderer before the command line is read).


def output_option(format_name: str) -> Any:
    """The `--<format_name> PATH` option, as every command that writes reports takes it."""
    help_text = OUTPUT_FLAGS[format_name]
    return Annotated[str | None, typer.Option(f"--{format_name}", help=help_text, metavar="PATH")]


JsonOption = output_option("json")
HtmlOption = output_option("html")
JunitOption = output_option("junit")
SarifOption = output_option("sarif")
MarkdownOption = output_option("markdown")


def outputs_asked(**paths: str | None) -> dict[str, str | None]:
    """The `[report]` overrides the output flags make, keyed by format: `outputs_asked(
    json=json_path, html=html_path, ...)`. An unknown format name is a programming error."""
    unknown = set(paths) - set(OUTPUT_FLAGS)
    if unknown:
        raise TypeError(f"not report formats: {', '.join(sorted(unknown))}")
    return dict(paths)


ConfigOption = Annotated[
    str | None,
    typer.Option(
        "--config", help=f"Config file (default: ./{CONFIG_FILE} if present).", metavar="PATH"
    ),
]
FailOnOption = Annotated[
    str | None,
    typer.Option(
        help="Not ready at this severity or worse: blocker, major, minor, info [default: major].",
        metavar="SEVERITY",
    ),
]
DeviceOption = Annotated[
    str | None,
    typer.Option(
        help='Run journeys on this device, e.g. "iPhone 13" or "390x844" (Playwright\'s list) '
        "[default: the journey's Viewport, else desktop].",
        metavar="NAME",
    ),
]
VarOption = Annotated[
    list[str] | None,
    typer.Option(
        help="A {name} value for journeys: --var email=a@b.test; repeatable.",
        metavar="NAME=VALUE",
    ),
]
ScreenshotsOption = Annotated[
    str | None,
    typer.Option(
        help="Journey screenshots: failed (failed and too-slow steps) or all.", metavar="WHICH"
    ),
]


def split_flags(values: list[str] | None) -> tuple[str, ...] | None:
    """Repeatable flags that also take comma lists: --only a,b --only c."""
    if not values:
        return None
    return tuple(v.strip() for value in values for v in value.split(",") if v.strip())
