"""Secret values out of everything cxcheck writes or prints: the one mask every output uses.

cxcheck knows the secrets of a run — the `[auth]` password, header and cookie values, the
`{secret:NAME}` values journeys use, the password in a `user:password@` start URL — and a
site may say any of them back (a title, a console message, a link with `?sid=`). The mask
replaces each value, wherever it appears and in the forms it takes on the way (URL-encoded,
HTML- and JSON-escaped, base64 in a basic-auth header), by `••••`, so URLs keep their shape
(`?token=••••`). Values cxcheck does not know are masked too where a URL names them as
keys: tokens and session ids in a query or path (`cxcheck.urls.without_tokens`), such as a
reset link the site shows. It is applied to the report before
any renderer sees it, to every rendered file and to the console's streams (the command
line puts it over the console; `report/outputs.py` over the files).
"""

from __future__ import annotations

import base64
import contextlib
import html
import json
import re
import sys
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field, fields, is_dataclass, replace
from enum import Enum
from typing import TYPE_CHECKING, Any, Protocol, TextIO
from urllib.parse import quote, quote_plus, unquote, urlsplit

from cxcheck.urls import has_tokens, without_tokens

if TYPE_CHECKING:
    from cxcheck.config_sections import Config

MASK = "••••"


class UsesSecrets(Protocol):
    """A journey, as far as masking cares: the names of the secrets it uses."""

    @property
    def secrets(self) -> Iterable[str]: ...


# Shorter values are too common to tell apart from other text ("1", "yes", "en"): masking
# them would garble every report, so they are named in a warning instead.
MIN_LENGTH = 4
_SECRET = re.compile(r"\{secret:([^}]*)\}")
# A password in a URL's user information, whatever the URL: scheme://user:PASSWORD@host.
_USERINFO = re.compile(r"(\b[a-zA-Z][a-zA-Z0-9+.-]*://[^/\s:@\"'<>]*:)[^@/\s\"'<>]+@")
# Embedded pictures in the HTML report: base64 that may contain any short string by chance.
_DATA_URI = re.compile(r"data:[\w/+.-]+;base64,[A-Za-z0-9+/=]+")


@dataclass(frozen=True)
class Secret:
    """One value to hide, and where it came from (for the warning about short ones)."""

    value: str
    source: str  # "[auth] password", "{secret:SHOP_PASSWORD}", "the start URL's password"


@dataclass(frozen=True)
class Mask:
    """Replaces every known secret value (in its encoded forms too) by `MASK`."""

    secrets: tuple[Secret, ...] = ()
    min_length: int = MIN_LENGTH
    _forms: tuple[str, ...] = field(init=False, repr=False, compare=False, default=())

    def __post_init__(self) -> None:
        forms: set[str] = set()
        for secret in self.secrets:
            if len(secret.value) >= self.min_length:
                forms.update(f for f in _forms(secret.value) if len(f) >= self.min_length)
        # Longest first, so a secret that contains another is replaced whole.
        object.__setattr__(self, "_forms", tuple(sorted(forms, key=len, reverse=True)))

    def __bool__(self) -> bool:
        """True when there is a value to hide."""
        return bool(self._forms)

    def with_secrets(self, more: Iterable[Secret]) -> Mask:
        """This mask and `more` values."""
        return Mask((*self.secrets, *more), self.min_length)

    @property
    def too_short(self) -> tuple[Secret, ...]:
        """The secrets too short to be masked in free text."""
        return tuple(s for s in self.secrets if s.value and len(s.value) < self.min_length)

    def text(self, text: str) -> str:
        """`text` with every secret value, and any URL's password, token or session id,
        replaced by the mask."""
        if "://" in text and "@" in text:
            text = _USERINFO.sub(rf"\g<1>{MASK}@", text)
        if "=" in text:
            masked = without_tokens(text, MASK)
            text = text if masked == text else masked  # the same object when already masked
        for form in self._forms:
            if form in text:
                text = text.replace(form, MASK)
        return text

    def data(self, value: Any) -> Any:
        """`value` (a report, a dataclass, a tuple, a mapping...) with every text masked;
        the very same object when nothing in it needed masking."""
        if isinstance(value, str):
            return value if isinstance(value, Enum) else self.text(value)
        if is_dataclass(value) and not isinstance(value, type):
            return self._dataclass(value)
        if isinstance(value, tuple | list | frozenset | set):
            items = [self.data(item) for item in value]
            if all(new is old for new, old in zip(items, value, strict=True)):
                return value
            return type(value)(items)
        if isinstance(value, Mapping):
            pairs = [(k, v, self.data(k), self.data(v)) for k, v in value.items()]
            if all(k2 is k and v2 is v for k, v, k2, v2 in pairs):
                return value
            return {k2: v2 for _, _, k2, v2 in pairs}
        return value

    def _dataclass(self, value: Any) -> Any:
        changed = {}
        for item in fields(value):
            old = getattr(value, item.name)
            new = self.data(old)
            if new is not old:
                changed[item.name] = (new, item.init)
        if not changed:
            return value
        copy = replace(value, **{name: new for name, (new, init) in changed.items() if init})
        for name, (new, init) in changed.items():
            if not init:
                object.__setattr__(copy, name, new)
        return copy

    def rendered(self, fmt: str, text: str) -> str:
        """A rendered report (`fmt`: json, html, junit, sarif, markdown) checked once more;
        JSON stays valid JSON, and pictures embedded in HTML are left whole."""
        if not self._contains_any(text):
            return text
        if fmt in ("json", "sarif"):
            try:
                data = json.loads(text)
            except ValueError:
                return self.text(text)
            return json.dumps(self.data(data), indent=2, ensure_ascii=False) + "\n"
        if fmt == "html":
            return _outside(_DATA_URI, text, self.text)
        return self.text(text)

    def _contains_any(self, text: str) -> bool:
        if "://" in text and _USERINFO.search(text):
            return True
        if "=" in text and has_tokens(text):
            return True
        return any(form in text for form in self._forms)


NO_MASK = Mask()


def _forms(value: str) -> set[str]:
    """The value as typed and as it reads once URL-encoded, HTML- or JSON-escaped."""
    return {
        value,
        quote(value, safe=""),
        quote(value),
        quote_plus(value),
        html.escape(value),
        html.escape(value, quote=False),
        json.dumps(value)[1:-1],
        json.dumps(value, ensure_ascii=False)[1:-1],
    }


def _outside(pattern: re.Pattern[str], text: str, change: Any) -> str:
    """`text` with `change` applied to every part that `pattern` does not match."""
    parts, last = [], 0
    for match in pattern.finditer(text):
        parts += [change(text[last : match.start()]), match.group(0)]
        last = match.end()
    parts.append(change(text[last:]))
    return "".join(parts)


def run_secrets(
    config: Config, journeys: Iterable[UsesSecrets], environ: Mapping[str, str]
) -> list[Secret]:
    """Every secret value a run knows: `[auth]`, the start URL's password, and the
    `{secret:NAME}` values its journeys (and `[auth]`) name."""
    auth = config.auth
    found = _auth_secrets(auth.username, auth.password, auth.headers, auth.cookies, environ)
    found += url_secrets(config.site.url)
    names = {name for journey in journeys for name in journey.secrets}
    names |= secret_names([auth.password, *auth.headers.values(), *auth.cookies.values()])
    found += _named_secrets(names, environ)
    return [secret for secret in found if secret.value]


def resolve(text: str, environ: Mapping[str, str]) -> str:
    """`text` with each `{secret:NAME}` replaced by the variable's value (left as written
    when the variable is not set: that error is reported where the value is used)."""
    return _SECRET.sub(lambda m: environ.get(m.group(1).strip(), m.group(0)), text)


def secret_names(texts: Iterable[str]) -> set[str]:
    """NAME of every `{secret:NAME}` in `texts`."""
    return {name.strip() for text in texts for name in _SECRET.findall(text)}


def url_secrets(url: str) -> list[Secret]:
    """The password of a `user:password@` URL, as written and decoded, and as the
    Authorization header the browser makes of it carries it."""
    try:
        parts = urlsplit(url.strip())
        password = parts.password
    except ValueError:
        return []
    if not password:
        return []
    user = unquote(parts.username or "")
    where = "the start URL's password"
    return [
        Secret(password, where),
        Secret(unquote(password), where),
        _basic(user, unquote(password), where),
    ]


def _basic(username: str, password: str, where: str) -> Secret:
    """`username:password` in base64, as a basic-auth header (that a page may echo) has it;
    without the padding, which may be cut."""
    token = base64.b64encode(f"{username}:{password}".encode()).decode().rstrip("=")
    return Secret(token, f"{where} (base64)")


def _auth_secrets(
    username: str,
    password: str,
    headers: Mapping[str, str],
    cookies: Mapping[str, str],
    environ: Mapping[str, str],
) -> list[Secret]:
    """The values of an `[auth]` section, as they are sent (secrets resolved)."""
    found = []
    if password:
        value = resolve(password, environ)
        found.append(Secret(value, "[auth] password"))
        if username:
            found.append(_basic(username, value, "[auth] password"))
    for name, value in headers.items():
        found.append(Secret(resolve(value, environ), f"[auth] headers.{name}"))
    for name, value in cookies.items():
        found.append(Secret(resolve(value, environ), f"[auth] cookies.{name}"))
    return found


def _named_secrets(names: Iterable[str], environ: Mapping[str, str]) -> list[Secret]:
    """The values of `{secret:NAME}` variables that are set."""
    return [Secret(environ[n], f"{{secret:{n}}}") for n in sorted(set(names)) if n in environ]


def raw_values(table: Any) -> list[Secret]:
    """Every text or number in a raw TOML table (for errors about it, which quote values)."""
    if isinstance(table, Mapping):
        return [s for value in table.values() for s in raw_values(value)]
    if isinstance(table, list | tuple):
        return [s for value in table for s in raw_values(value)]
    if isinstance(table, bool) or table is None:
        return []
    return [Secret(str(table), "[auth]")]


class _MaskedStream:
    """A text stream that masks what is written to it; everything else is the stream's."""

    def __init__(self, stream: TextIO, mask: Mask) -> None:
        self._stream = stream
        self._mask = mask

    def write(self, text: str) -> int:
        self._stream.write(self._mask.text(text))
        return len(text)

    def writelines(self, lines: Iterable[str]) -> None:
        for line in lines:
            self.write(line)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


@contextmanager
def masked_console(mask: Mask) -> Iterator[None]:
    """While inside: what reaches stdout and stderr through Python is masked, and an error
    leaving the block carries a masked message (the CLI prints it as the one error line)."""
    if not mask:
        yield
        return
    saved = sys.stdout, sys.stderr
    sys.stdout = _MaskedStream(sys.stdout, mask)
    sys.stderr = _MaskedStream(sys.stderr, mask)
    try:
        yield
    except Exception as error:
        _mask_message(error, mask)
        raise
    finally:
        sys.stdout, sys.stderr = saved


def _mask_message(error: Exception, mask: Mask) -> None:
    """Mask an error's message in place (args, and Playwright's own `message`)."""
    error.args = tuple(mask.text(a) if isinstance(a, str) else a for a in error.args)
    for attribute in ("_message", "message"):
        value = getattr(error, attribute, None)
        if isinstance(value, str):
            with contextlib.suppress(AttributeError):  # read-only: args carry the text
                setattr(error, attribute, mask.text(value))
