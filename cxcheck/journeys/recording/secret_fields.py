"""Which fields hold secrets, for journeys made by recording or importing: typing into them
becomes `{secret:NAME}`, never the value typed (docs/journey-language.md sections 5 and 9).

One rule for both: a password field, an autocomplete hint for passwords, one-time codes or
card data, or words like "password", "PIN", "security code" or "card number" in the field's
label, name, id or placeholder. The recorder runs the same pattern in the page (it gets
`SECRET_WORDS` as it starts) so a secret's value never leaves the page at all.
"""

from __future__ import annotations

import re

# Words (in a label, name, id, placeholder or selector) that mark a field as secret.
SECRET_WORDS = (
    r"\b(?:pass(?:word|wort|code|phrase)?|pwd|pin(?:[\s_-]?code)?|cvc|cvv|csc|"
    r"security[\s_-]?code|card[\s_-]?(?:number|no)|credit[\s_-]?card|cc[\s_-]?(?:number|csc|exp)|"
    r"secret|token|api[\s_-]?key|otp|one[\s_-]?time(?:[\s_-]?code)?|ssn|social[\s_-]?security)\b"
)
_SECRET = re.compile(SECRET_WORDS, re.IGNORECASE)
# Autocomplete hints of fields that hold secrets (HTML's autofill field names).
SECRET_AUTOCOMPLETE = (
    "current-password",
    "new-password",
    "one-time-code",
    "cc-number",
    "cc-csc",
    "cc-exp",
)


def looks_secret(*hints: str) -> bool:
    """Whether a field described by `hints` (label, name, id, placeholder, autocomplete,
    type, selectors) holds a secret."""
    text = " ".join(hints)
    if re.search(r"type=['\"]?password\b", text, re.I) or "password" in hints:
        return True
    if any(hint in text for hint in SECRET_AUTOCOMPLETE):
        return True
    return bool(_SECRET.search(text))


def secret_name(label: str, *hints: str) -> str:
    """The environment variable a secret field's value comes from ('PASSWORD' for a field
    labelled "Password", 'CARD_NUMBER' for "Card number"), or '' when it is no secret."""
    if not looks_secret(label, *hints):
        return ""
    if _SECRET.search(label):
        return env_name(label)
    said = _SECRET.search(" ".join(hints))  # "#password" names it better than "Email" would
    return env_name(said[0] if said else label) or "SECRET"


def env_name(words: str) -> str:
    """'Card number' -> 'CARD_NUMBER': an environment variable name made of the words."""
    name = re.sub(r"[^A-Z0-9]+", "_", words.upper()).strip("_")[:40].strip("_")
    return f"_{name}" if name[:1].isdigit() else name
