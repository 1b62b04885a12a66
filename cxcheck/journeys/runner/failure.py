"""How a step fails: a `Failure` says why in words the tester reads (docs/journey-language.md
section 7), with the kind the report files it under and what was looked for."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from cxcheck.report.model import FailureKind as Kind


class Failure(Exception):
    """A step could not do what it says; `message` is the text the tester reads."""

    def __init__(
        self,
        kind: Kind,
        message: str,
        looked_for: Mapping[str, str] | None = None,
        candidates: Sequence[Mapping[str, str]] = (),
    ) -> None:
        super().__init__(message)
        self.kind = kind
        self.message = message
        self.looked_for: dict[str, str] = dict(looked_for or {})
        self.candidates: tuple[Mapping[str, str], ...] = tuple(candidates)
