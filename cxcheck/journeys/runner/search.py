"""One search for an element, in the terms the runner and its messages share: what a step
looks for (`Looking`), the element it found (`Found`), and how long it may wait (`Deadline`)."""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from playwright.async_api import Locator

from cxcheck.journeys.language.model import Target
from cxcheck.journeys.language.roles import ARIA_ROLES, FAMILY_WORDS, Family, roles_for
from cxcheck.journeys.language.targets import is_verbatim
from cxcheck.journeys.runner.phrases import article


@dataclass(frozen=True)
class Deadline:
    """When a step's waiting must end."""

    timeout_s: float
    start: float = field(default_factory=time.monotonic)

    def left(self) -> float:
        """Seconds still to wait (0 when the time is up)."""
        return max(0.0, self.start + self.timeout_s - time.monotonic())

    def ms(self) -> float:
        """Milliseconds left, never 0 (Playwright reads 0 as "wait forever")."""
        return max(1.0, self.left() * 1000)

    @property
    def passed(self) -> bool:
        """True when the time is up."""
        return self.left() <= 0


@dataclass(frozen=True)
class Looking:
    """What a step looks for, in the terms messages use."""

    name: str
    word: str  # the role word ("button", "field") or "" for anything
    roles: tuple[str, ...]  # ARIA roles that count as the same kind of thing
    family: Family
    ordinal: int = 0

    @property
    def looked_for(self) -> dict[str, str]:
        """The JSON report's `looked_for`."""
        return {"role": self.word, "name": self.name}

    def phrase(self) -> str:
        """'a button called "Checkout"', or 'anything called "Checkout"'."""
        if not self.word:
            return f'anything called "{self.name}"'
        return f'{article(self.word)} {self.word} called "{self.name}"'


@dataclass(frozen=True)
class Found:
    """The one element a step acts on."""

    locator: Locator
    looking: Looking


def looking_for(target: Target, name: str, family: Family) -> Looking:
    """What `target` (with its variables filled in as `name`) means for messages."""
    word = target.role.lower() if target.role.lower() in ARIA_ROLES else ""
    if target.verbatim or is_verbatim(target.name):
        word = word or "element"
    elif not word:
        word = FAMILY_WORDS[family]
    return Looking(name, word, roles_for(target.role, family), family, target.ordinal)
