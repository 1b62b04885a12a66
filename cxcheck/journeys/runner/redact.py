"""Keep secret values out of what a journey run reports: each becomes `{secret:NAME}` again."""

from __future__ import annotations

import html
import json
from collections.abc import Mapping
from urllib.parse import quote, quote_plus


class Redactor:
    """Knows the secret values and replaces any occurrence in a text with `{secret:NAME}`.

    Besides the value as typed it catches the forms a value takes on its way through a page:
    URL-encoded (a GET form puts it in the address), HTML-escaped and JSON-escaped.
    """

    def __init__(self, secrets: Mapping[str, str]) -> None:
        pairs: dict[str, str] = {}
        for name, value in secrets.items():
            if not value:
                continue
            forms = (
                value,
                quote(value, safe=""),
                quote_plus(value),
                html.escape(value),
                json.dumps(value)[1:-1],
            )
            for form in forms:
                pairs.setdefault(form, f"{{secret:{name}}}")
        # Longest first, so a secret that contains another is replaced whole.
        self._pairs = sorted(pairs.items(), key=lambda pair: len(pair[0]), reverse=True)

    def __call__(self, text: str) -> str:
        """`text` with every secret value replaced by its placeholder."""
        for value, placeholder in self._pairs:
            if value in text:
                text = text.replace(value, placeholder)
        return text

    def __bool__(self) -> bool:
        """True when there is any secret to hide."""
        return bool(self._pairs)

    def all(self, texts: tuple[str, ...] | list[str]) -> tuple[str, ...]:
        """Each text redacted."""
        return tuple(self(text) for text in texts)

    def mapping(self, values: Mapping[str, str]) -> dict[str, str]:
        """A mapping with every value redacted (keys are field names, never secret)."""
        return {key: self(value) for key, value in values.items()}
