"""Chrome DevTools Recorder exports (the user-flow JSON of @puppeteer/replay's schema) turned
into journeys: `cxcheck journey import recording.json` (docs/journey-language.md section 9).

Each recorded step becomes one sentence, naming what a person sees: an `aria/` selector's
accessible name and role first, then a `text/` selector, and only when neither was recorded
the page's code (`css=`, `xpath=`, `#id`, `testid=`), flagged with a note. A step the
language cannot express (a script to wait for, a right-click, a frame) becomes a comment
saying why. Typing into a password or other secret-looking field becomes `{secret:NAME}`:
the value in the recording is never written out.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from cxcheck.journeys.language.targets import plural
from cxcheck.journeys.recording.secret_fields import secret_name

# ARIA roles as the role words a step uses (those with no word name things by name alone).
_ROLE_WORDS = {
    **{role: role for role in ("button", "link", "checkbox", "radio", "tab", "heading")},
    **dict.fromkeys(("textbox", "searchbox", "spinbutton"), "field"),
    **dict.fromkeys(("combobox", "listbox"), "dropdown"),
    "menuitem": "menu item",
    "img": "image",
    "image": "image",
    "dialog": "dialog",
}
_MODIFIERS = {"Shift", "Control", "Alt", "Meta", "AltGraph"}
_KEYS = {"\r": "Enter", "\n": "Enter", " ": "Space", "NumpadEnter": "Enter"}
_TEST_ID = re.compile(r"\[(?:data-testid|data-test|data-cy|data-qa)=['\"]?([^'\"\]]+)['\"]?\]")
_ARIA = re.compile(r'(?P<name>.*?)(?:\[role="(?P<role>[^"]+)"\])?')


@dataclass(frozen=True)
class Seen:
    """An element as a recording names it: what a person sees (`by` "aria" or "text"), or
    the page's code ("css", "xpath") when nothing else was recorded."""

    name: str
    role: str = ""  # ARIA role, when the aria selector gave one
    region: str = ""  # the accessible name of an ancestor in an aria selector chain
    by: str = "aria"

    @property
    def target(self) -> str:
        """The step's words for it: 'the "Add to cart" button', '"css=#buy"'."""
        word = _ROLE_WORDS.get(self.role, "") if self.by == "aria" else ""
        return f'the "{self.name}" {word}' if word else f'"{self.name}"'

    @property
    def by_code(self) -> bool:
        """True when only the page's code names it (no name a person sees)."""
        return self.by in ("css", "xpath")


def seen(selectors: Sequence[Any]) -> Seen | None:
    """The best way to name the element of a step's selectors, or None when none fits."""
    chains = [s if isinstance(s, list) else [s] for s in selectors]
    chains = [[str(part) for part in chain] for chain in chains if chain]
    for kind in ("aria", "text", "testid", "css", "xpath"):
        for chain in chains:
            found = _read_chain(chain, kind)
            if found is not None:
                return found
    return None


def _read_chain(chain: list[str], kind: str) -> Seen | None:
    last = chain[-1]
    if kind == "aria" and all(p.startswith("aria/") for p in chain):
        m = _ARIA.fullmatch(last.removeprefix("aria/"))
        name = " ".join((m["name"] if m else "").split())
        if not name or not _quotable(name):
            return None
        regions = [_ARIA.fullmatch(p.removeprefix("aria/")) for p in chain[:-1]]
        named = [" ".join(r["name"].split()) for r in regions if r and r["name"].strip()]
        region = named[-1] if named and _quotable(named[-1]) else ""
        return Seen(name, (m["role"] or "") if m else "", region, "aria")
    if kind == "text" and len(chain) == 1 and last.startswith("text/"):
        name = " ".join(last.removeprefix("text/").split())
        return Seen(name, by="text") if name and _quotable(name) else None
    css = [p.removeprefix("pierce/") for p in chain]
    if any(p.startswith(("aria/", "text/", "xpath/")) for p in css):
        return _xpath(chain) if kind == "xpath" else None
    if kind == "testid" and len(css) == 1 and (m := _TEST_ID.fullmatch(css[0])):
        return Seen(f"testid={m[1]}", by="css") if _quotable(m[1]) else None
    if kind == "css":
        code = " >> ".join(f"css={p}" for p in css).replace('"', "'")
        if len(css) == 1 and re.fullmatch(r"#[A-Za-z_][\w-]*", css[0]):
            code = css[0]
        return Seen(code, by="css") if _quotable(code) else None
    return None


def _xpath(chain: list[str]) -> Seen | None:
    if len(chain) != 1 or not chain[0].startswith("xpath/"):
        return None
    code = "xpath=" + chain[0].removeprefix("xpath/").replace('"', "'")
    return Seen(code, by="xpath") if _quotable(code) else None


def _quotable(text: str) -> bool:
    """Whether `text` can stand between quote marks in a step (no quote mark ends it early,
    no braces read as a {name}, no line break)."""
    return not re.search(r'["“”{}\n]', text)


# ---------------------------------------------------------------- the journey


@dataclass
class _Journey:
    """The lines of the journey being written, and what the writing has learnt."""

    origin: str
    headers: list[str] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)
    secrets: dict[str, None] = field(default_factory=dict)
    kept: int = 0  # steps kept as comments
    steps: int = 0
    held: list[str] = field(default_factory=list)  # modifier keys held down
    tab: str = "main"

    def step(self, sentence: str, note: str = "") -> None:
        self.steps += 1
        self.lines.append(sentence + (f"  # {note}" if note else ""))

    def keep(self, kind: str, why: str) -> None:
        """A step the language cannot express, as a comment saying why."""
        self.kept += 1
        self.lines.append(f"# Recorded step {kind!r} left out: {why}".replace("\n", " "))

    def address(self, url: str) -> str:
        """`url` as a step writes it: a path on the recorded site, else the whole address."""
        parts = urlsplit(url)
        if f"{parts.scheme}://{parts.netloc}" == self.origin:
            return (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        return url


@dataclass(frozen=True)
class Imported:
    """A journey made from a recording, and what a person should know about it."""

    text: str
    steps: int
    kept: int  # recorded steps kept as comments (they could not be expressed)
    secrets: tuple[str, ...]  # environment variables its {secret:NAME} placeholders read
    origin: str  # the site it was recorded on (paths are relative to it)


class NotARecording(ValueError):
    """The JSON is not a Chrome DevTools Recorder export; the message says why."""


def import_recording(data: Any, *, base_url: str = "") -> Imported:
    """The journey a recording describes; `base_url` is the site its paths are relative to
    (default: where its first navigation went)."""
    if not isinstance(data, Mapping) or not isinstance(data.get("steps"), list):
        raise NotARecording('it has no "steps" list (is it a Chrome DevTools Recorder export?)')
    steps = [s for s in data["steps"] if isinstance(s, Mapping)]
    if len(steps) != len(data["steps"]) or any("type" not in s for s in steps):
        raise NotARecording('every step must be an object with a "type"')
    first = next((str(s.get("url", "")) for s in steps if s["type"] == "navigate"), "")
    origin = _origin(base_url or first)
    journey = _Journey(origin)
    title = " ".join(str(data.get("title", "")).split())
    if title and "#" not in title:
        journey.headers.append(f"Journey: {title}")
    for index, raw in enumerate(steps):
        _convert(journey, raw, steps[index + 1 :], started=bool(journey.lines))
    return Imported(_text(journey), journey.steps, journey.kept, tuple(journey.secrets), origin)


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme in ("http", "https") else ""


def _text(journey: _Journey) -> str:
    notes = ["# Imported from a Chrome DevTools Recorder export."]
    if journey.origin:
        notes.append(f"# Recorded on {journey.origin}: run it with --base-url {journey.origin}")
        notes.append("# (or the address of another copy of the site, such as a staging server).")
    for name in journey.secrets:
        notes.append(
            f"# {{secret:{name}}} is read from the environment variable {name}: "
            "set it before journey run (the recorded value is not copied here)."
        )
    return "\n".join([*notes, *journey.headers, "", *journey.lines]) + "\n"


def _convert(journey: _Journey, step: Mapping[str, Any], later: list[Any], started: bool) -> None:
    kind = str(step["type"])
    if step.get("frame"):
        journey.keep(kind, "it happened inside a frame of the page; steps act on the page itself.")
        return
    _follow_tab(journey, str(step.get("target", "main") or "main"))
    handler = _HANDLERS.get(kind)
    if handler is None:
        journey.keep(kind, "cxcheck does not know this kind of recorded step.")
        return
    handler(journey, step, later, started)
    for event in step.get("assertedEvents") or []:
        _asserted(journey, step, event)


def _follow_tab(journey: _Journey, target: str) -> None:
    if target != journey.tab:
        journey.step("Switch back" if target == "main" else "Switch to the new tab")
        journey.tab = target


def _asserted(journey: _Journey, step: Mapping[str, Any], event: Any) -> None:
    """A navigation the recording expects after a step: the address it leads to."""
    if not isinstance(event, Mapping) or event.get("type") != "navigation":
        return
    url = str(event.get("url") or "")
    path = urlsplit(url).path if _origin(url) == journey.origin else ""
    opened = step["type"] == "navigate" and urlsplit(str(step.get("url", ""))).path == path
    if path and path != "/" and not opened and _quotable(path):
        journey.step(f'Expect the URL to contain "{path}"')


def _set_viewport(journey: _Journey, step: Mapping[str, Any], later: list[Any], started: bool):
    size = f"{int(step.get('width', 0))}x{int(step.get('height', 0))}"
    if started or any(h.startswith("Viewport:") for h in journey.headers):
        journey.keep("setViewport", f"the window changed to {size}; a journey keeps one screen.")
        return
    journey.headers.append(f"Viewport: {size}")


def _navigate(journey: _Journey, step: Mapping[str, Any], later: list[Any], started: bool):
    url = str(step.get("url", ""))
    where = journey.address(url)
    if not url or not _quotable(where):
        journey.keep("navigate", "its address cannot be written in a step.")
        return
    journey.step(f'Open "{where}"')


def _click(journey: _Journey, step: Mapping[str, Any], later: list[Any], started: bool):
    kind = str(step["type"])
    button = step.get("button", "primary")
    if button not in (None, "primary"):
        journey.keep(kind, f"a {button} mouse-button click (only plain clicks are steps).")
        return
    found = seen(step.get("selectors") or [])
    if found is None:
        journey.keep(kind, "nothing names what was clicked in a way a step can write.")
        return
    if kind == "click" and _focuses_next_change(step, later):
        return  # the click that put the cursor in a field: the next step types into it
    verb = {"click": "Click", "doubleClick": "Double-click", "hover": "Hover over"}[kind]
    _write(journey, f"{verb} {found.target}", found)


def _focuses_next_change(step: Mapping[str, Any], later: list[Any]) -> bool:
    for other in later:
        if other.get("type") in ("keyDown", "keyUp"):
            continue
        return other.get("type") == "change" and other.get("selectors") == step.get("selectors")
    return False


def _change(journey: _Journey, step: Mapping[str, Any], later: list[Any], started: bool):
    found = seen(step.get("selectors") or [])
    value = str(step.get("value", ""))
    if found is None:
        journey.keep("change", "nothing names the field that was typed into.")
        return
    secret = secret_name(found.name, _selector_words(step.get("selectors") or []))
    if secret:
        journey.secrets[secret] = None
        _write(journey, f'Fill {found.target} with "{{secret:{secret}}}"', found)
    elif not value:
        _write(journey, f"Clear {found.target}", found)
    elif not _quotable(value):
        journey.keep("change", "the text typed has quote marks, braces or line breaks.")
    elif found.role in ("combobox", "listbox") or _is_select(step):
        _write(journey, f'Select "{value}" from {found.target}', found)
    else:
        _write(journey, f'Fill {found.target} with "{value}"', found)


def _selector_words(selectors: Sequence[Any]) -> str:
    return " ".join(str(p) for s in selectors for p in (s if isinstance(s, list) else [s]))


def _is_select(step: Mapping[str, Any]) -> bool:
    return bool(re.search(r"(^|[\s>/])select\b", _selector_words(step.get("selectors") or [])))


def _write(journey: _Journey, sentence: str, found: Seen) -> None:
    if found.region:
        sentence += f' in "{found.region}"'
    note = "no name a person sees was recorded: found by the page's code" if found.by_code else ""
    journey.step(sentence, note)


def _key_down(journey: _Journey, step: Mapping[str, Any], later: list[Any], started: bool):
    key = _KEYS.get(str(step.get("key", "")), str(step.get("key", "")))
    if key in _MODIFIERS:
        journey.held.append(key)
        return
    if not key or not _quotable(key):
        journey.keep("keyDown", "the key cannot be written in a step.")
        return
    journey.step(f'Press "{"+".join([*journey.held, key])}"')


def _key_up(journey: _Journey, step: Mapping[str, Any], later: list[Any], started: bool):
    key = str(step.get("key", ""))
    if key in journey.held:
        journey.held.remove(key)


def _scroll(journey: _Journey, step: Mapping[str, Any], later: list[Any], started: bool):
    found = seen(step.get("selectors") or [])
    if found is not None:
        _write(journey, f"Scroll to {found.target}", found)
        return
    journey.keep("scroll", "scrolling the page by itself: steps scroll to what they act on.")


def _wait_for_element(journey: _Journey, step: Mapping[str, Any], later: list[Any], started):
    found = seen(step.get("selectors") or [])
    count, operator = int(step.get("count", 1)), step.get("operator", "==")
    if found is None:
        journey.keep("waitForElement", "nothing names what it waits for in a way a step can.")
    elif step.get("properties") or step.get("attributes"):
        journey.keep("waitForElement", "it checks properties of the page's code, not what shows.")
    elif step.get("visible") is False:
        if found.by == "text" or not found.role:
            _write(journey, f'Wait for "{found.name}" to disappear', found)
        else:
            _write(journey, f"Expect {found.target} to be hidden", found)
    elif count == 1 and operator in ("==", ">="):
        if found.by == "text":
            _write(journey, f'Wait for "{found.name}" to appear', found)
        else:
            _write(journey, f"Expect {found.target} to be visible", found)
    elif operator == "==" and count > 1:
        _write(journey, _count(found, count), found)
    else:
        journey.keep("waitForElement", f"it waits for {operator} {count} of something.")


def _count(found: Seen, count: int) -> str:
    word = _ROLE_WORDS.get(found.role, "") if found.by == "aria" else ""
    return f'Expect {count} "{found.name}" {plural(word) if word else ""}'.rstrip()


def _unsupported(why: str) -> Any:
    def keep(journey: _Journey, step: Mapping[str, Any], later: list[Any], started: bool):
        journey.keep(str(step["type"]), why)

    return keep


_HANDLERS = {
    "setViewport": _set_viewport,
    "navigate": _navigate,
    "click": _click,
    "doubleClick": _click,
    "hover": _click,
    "change": _change,
    "keyDown": _key_down,
    "keyUp": _key_up,
    "scroll": _scroll,
    "waitForElement": _wait_for_element,
    "waitForExpression": _unsupported(
        "it waits for a script to say yes; write an Expect step for what a person would see."
    ),
    "close": _unsupported("closing the tab at the end needs no step."),
    "emulateNetworkConditions": _unsupported(
        "a slower network is a setting of the whole run (cxcheck check --profile mobile)."
    ),
    "customStep": _unsupported("a custom step of a Recorder extension."),
}
