"""What `cxcheck journey record` has recorded so far, as journey lines: each event the page
reports (`recorder.js`) becomes one sentence, in the words a person sees. No browser here:
`recorder.py` feeds the events in, with the time they came and the tab they came from.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from cxcheck.journeys.language.roles import SUGGEST_WORDS
from cxcheck.journeys.recording.secret_fields import secret_name

# A navigation this soon after a click, a key or typing is what that action did: no step.
CAUSED_WITHIN_S = 5.0
_ORDINALS = {1: "first", 2: "second", 3: "third", 4: "fourth", 5: "fifth"}
_PRESSES = {"Enter", "Escape"}


def quotable(text: str) -> bool:
    """Whether `text` can stand between quote marks in a step."""
    return bool(text.strip()) and not re.search(r'["“”{}\n]', text)


def words_for(target: Mapping[str, Any]) -> tuple[str, str]:
    """The target's words ('the second "Add to cart" button') and its region ('' for none),
    from what `recorder.js` worked out picks it alone."""
    name = str(target.get("name", ""))
    word = SUGGEST_WORDS.get(str(target.get("role", "")), "") if target.get("withRole") else ""
    ordinal, total = int(target.get("ordinal") or 0), int(target.get("total") or 0)
    if ordinal:
        order = "last" if ordinal == total and total >= 3 else _ORDINALS.get(ordinal)
        order = order or f"{ordinal}{_suffix(ordinal)}"
        text = f'the {order} "{name}"' + (f" {word}" if word else "")
    else:
        text = f'the "{name}" {word}' if word else f'"{name}"'
    region = str(target.get("region") or "")
    return text, region if quotable(region) else ""


def _suffix(n: int) -> str:
    return "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")


@dataclass
class Recording:
    """The journey recorded so far."""

    start_url: str
    name: str = "Recorded journey"
    lines: list[str] = field(default_factory=list)
    secrets: dict[str, None] = field(default_factory=dict)
    steps: int = 0
    stopped: bool = False
    _acted_at: float = float("-inf")  # when the last click, key or typing was reported
    _tabs: list[int] = field(default_factory=list)  # tabs in the order they were used
    _tab: int = -1

    def __post_init__(self) -> None:
        self._step(f'Open "{self.address(self.start_url)}"')

    @property
    def origin(self) -> str:
        """The site recorded: paths on it are written relative to it."""
        parts = urlsplit(self.start_url)
        return f"{parts.scheme}://{parts.netloc}"

    def address(self, url: str) -> str:
        """`url` as a step writes it: a path on the recorded site, else the whole address."""
        parts = urlsplit(url)
        if f"{parts.scheme}://{parts.netloc}" != self.origin:
            return url
        return (parts.path or "/") + (f"?{parts.query}" if parts.query else "")

    def add(self, event: Mapping[str, Any], at: float, tab: int) -> None:
        """One event from the page (`at`: seconds on a steady clock; `tab`: which tab)."""
        kind = str(event.get("type", ""))
        if kind == "stop":
            self.stopped = True
            return
        if kind == "load":
            self._load(event, at, tab)
            return
        self._switch(tab)
        handler = _HANDLERS.get(kind)
        if handler is not None:
            self._acted_at = at
            handler(self, event)

    def dialog(self, message: str) -> None:
        """The page asked a question; the recorder answered OK so the task goes on."""
        self._step("Accept the dialog", "the recorder answered OK; write Dismiss to answer Cancel")

    def text(self, path: str = "") -> str:
        """The journey file."""
        head = [f"# Recorded with cxcheck journey record on {self.origin}."]
        where = path or "FILE"
        head.append(f"# Replay it: cxcheck journey run {where} --base-url {self.origin}")
        for secret in self.secrets:
            head.append(
                f"# {{secret:{secret}}} is read from the environment variable {secret}: set it "
                "before journey run (what was typed is not written here)."
            )
        if not any(line.startswith("Expect") for line in self.lines):
            head.append(
                "# Add Expect lines for what proves the task worked: select the words on the "
                "page and press the toolbar's button (or Alt+Shift+E) while recording."
            )
        name = " ".join(self.name.replace("#", " ").split()) or "Recorded journey"
        return "\n".join([*head, f"Journey: {name}", "", *self.lines]) + "\n"

    # --- events ---------------------------------------------------------------------------

    def _step(self, sentence: str, note: str = "") -> None:
        self.steps += 1
        self.lines.append(sentence + (f"  # {note}" if note else ""))

    def _comment(self, why: str) -> None:
        self.lines.append(f"# {why}")

    def _switch(self, tab: int) -> None:
        if tab == self._tab:
            return
        if self._tab >= 0:
            seen = tab in self._tabs
            self._step("Switch back" if seen else "Switch to the new tab")
        if tab not in self._tabs:
            self._tabs.append(tab)
        self._tab = tab

    def _load(self, event: Mapping[str, Any], at: float, tab: int) -> None:
        if not str(event.get("url", "")).startswith(("http://", "https://")):
            return  # a new tab's about:blank
        if self._tab < 0:  # the first page: opened by the first step
            self._switch(tab)
            return
        if tab != self._tab and tab not in self._tabs:
            return  # a new tab loading: the step that opened it says so when it is used
        how = str(event.get("how", "navigate"))
        if how == "reload":
            self._step("Reload the page")
        elif how == "back_forward":
            self._step("Go back")
        elif at - self._acted_at > CAUSED_WITHIN_S:  # typed in the address bar
            url = str(event.get("url", ""))
            if quotable(self.address(url)):
                self._step(f'Open "{self.address(url)}"')

    def _act(self, verb: str, event: Mapping[str, Any], after: str = "") -> None:
        target = event.get("target") or {}
        if target.get("nameless"):
            self._comment(
                f"{verb} step left out: what it acts on has no name a person can see (an icon "
                "without a label?). Add the step by hand, and ask for the control to get a label."
            )
            return
        words, region = words_for(target)
        self._step(f"{verb} {words}{after}" + (f' in "{region}"' if region else ""))

    def _click(self, event: Mapping[str, Any]) -> None:
        self._act("Click", event)

    def _double_click(self, event: Mapping[str, Any]) -> None:
        words, region = words_for(event.get("target") or {})
        single = f"Click {words}" + (f' in "{region}"' if region else "")
        for _ in range(2):  # the two clicks the double-click was made of
            if self.lines and self.lines[-1] == single:
                self.lines.pop()
                self.steps -= 1
        self._act("Double-click", event)

    def _fill(self, event: Mapping[str, Any]) -> None:
        target = event.get("target") or {}
        words, _ = words_for(target)
        if self.lines and self.lines[-1].startswith((f"Fill {words} with ", f"Clear {words}")):
            self.lines.pop()  # typed into the same field again: the last text counts
            self.steps -= 1
        if event.get("secret"):
            label = str(event.get("hints") or target.get("name") or "")
            name = secret_name(label, "password") or "SECRET"
            self.secrets[name] = None
            self._act("Fill", event, f' with "{{secret:{name}}}"')
            return
        value = str(event.get("value", ""))
        if not value:
            self._act("Clear", event)
        elif not quotable(value):
            self._comment(f"Typed text with quote marks or braces into {words}: type it by hand.")
        else:
            self._act("Fill", event, f' with "{value}"')

    def _select(self, event: Mapping[str, Any]) -> None:
        option = str(event.get("option", ""))
        if not quotable(option):
            self._comment("Chose an option whose words a step cannot hold: choose it by hand.")
            return
        words, region = words_for(event.get("target") or {})
        self._step(f'Select "{option}" from {words}' + (f' in "{region}"' if region else ""))

    def _press(self, event: Mapping[str, Any]) -> None:
        key = str(event.get("key", ""))
        if key in _PRESSES:
            self._step(f'Press "{key}"')

    def _expect(self, event: Mapping[str, Any]) -> None:
        parts = [p.strip() for p in re.split(r'["“”{}\n]', str(event.get("text", "")))]
        text = max(parts, key=len, default="")
        if text:
            self._step(f'Expect to see "{text}"')


_HANDLERS = {
    "click": Recording._click,
    "dblclick": Recording._double_click,
    "fill": Recording._fill,
    "select": Recording._select,
    "check": lambda r, e: r._act("Check", e),
    "uncheck": lambda r, e: r._act("Uncheck", e),
    "choose": lambda r, e: r._act("Choose", e),
    "press": Recording._press,
    "expect": Recording._expect,
}
