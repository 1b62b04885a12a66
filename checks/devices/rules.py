"""The devices check's rules: ids, default severities and how to fix what each finds."""

from __future__ import annotations

from cxcheck.findings import Rule, Rules, Severity

RULES = Rules(
    "devices",
    (
        Rule(
            "wider-than-screen",
            Severity.MAJOR,
            "Let the element shrink with the screen (max-width: 100%, flexible widths, "
            "overflow-wrap: anywhere for long words), or put wide content such as tables in a "
            "container that scrolls on its own (overflow-x: auto).",
        ),
        Rule(
            "spills-out",
            Severity.MINOR,  # major when cut off, or when it also pushes past the screen
            "Let the box grow with its content (no fixed width or height), let long words "
            "wrap (overflow-wrap: anywhere), and give fields max-width: 100%.",
        ),
        Rule(
            "overlapping",
            Severity.MAJOR,
            "Keep both in the normal flow of the page at this width (no fixed heights or "
            "absolute positions that stop them moving apart), so each can be read and tapped.",
        ),
        Rule(
            "wrapped",
            Severity.MINOR,
            "Give the row room at this width (smaller gaps or text, shorter labels), or lay it "
            "out on purpose for narrow screens (a menu button, a stacked form).",
        ),
        Rule(
            "small-tap-target",
            Severity.MINOR,
            "Make the target at least 24×24 CSS px (padding counts), or leave room around it "
            "so a 24 px circle on it touches no other target (WCAG 2.2, 2.5.8 Target Size).",
        ),
        Rule("small-text", Severity.MINOR, "Set body text to 12 px or more on narrow screens."),
        Rule(
            "viewport-missing",
            Severity.MAJOR,
            'Add <meta name="viewport" content="width=device-width, initial-scale=1"> to the '
            "page's <head>.",
        ),
        Rule(
            "zoom-disabled",
            Severity.MAJOR,
            "Remove user-scalable=no and maximum-scale (or set maximum-scale to 5 or more) "
            "(WCAG 1.4.4 Resize Text).",
        ),
        Rule(
            "missing-on-device",
            Severity.MAJOR,
            "Give every screen size a way to every link, button and field: a menu button that "
            "opens the hidden menu, or the same entry in the phone's menu.",
        ),
        Rule(
            "content-on-one-device",
            Severity.MINOR,
            "Check that leaving it out on smaller (or larger) screens is meant.",
        ),
        Rule(
            "heavy-image",
            Severity.MINOR,
            "Offer smaller versions for phones (srcset with widths and a sizes attribute, or "
            "<picture>), so phones download what they show.",
        ),
    ),
)
