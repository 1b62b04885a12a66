"""Leftovers of building a page: template code and slots customers see, filler text,
developers' notes and placeholder pictures.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

LOREM_WORDS = frozenset(
    "lorem ipsum dolor sit amet consectetur adipiscing adipisicing elit sed do eiusmod tempor "
    "incididunt ut labore et dolore magna aliqua enim ad minim veniam quis nostrud "
    "exercitation ullamco laboris nisi aliquip ex ea commodo consequat duis aute irure in "
    "reprehenderit voluptate velit esse cillum fugiat nulla pariatur excepteur sint occaecat "
    "cupidatat non proident sunt culpa qui officia deserunt mollit anim id est laborum".split()
)
# What a template fills in, as authors name their slots: [TITLE], [Your name], [CONTENT].
_SLOT_NAMES = (
    "title|subtitle|sub title|heading|headline|tagline|slogan|content|body|body text|text|"
    "copy|name|first name|last name|full name|company|company name|business name|brand|"
    "date|time|address|phone|phone number|email|e-mail|image|photo|picture|logo|link|url|"
    "price|description|summary|excerpt|intro|author|category|tags?|button|button text|cta|"
    "call to action|menu|navigation|footer|header|sidebar|product|product name|item|"
    "placeholder|city|country|location|caption|quote|testimonial|site name|website|"
    "titel|inhalt|texte?|titre|contenu|nom|texto|contenido|nombre|titolo|contenuto|nome|"
    "tekst|inhoud|naam|titulo|conteudo|conteúdo"
)
_SLOT = re.compile(
    r"\[\s*(?:(?:your|insert|enter|add|company|product|client|customer|brand|business|"
    r"site|page|post|section|main|sub|first|last|full)[\s_-]+)?(?:"
    + _SLOT_NAMES
    + r")(?:[\s_-]+(?:here|goes here|name|text|title|\d))?\s*\]",
    re.I,
)
_CAPS_SLOT = re.compile(r"(?<![\w{%])(?:\{[A-Z][A-Z0-9_]{2,30}\}|%%?[A-Z][A-Z0-9_]{2,30}%%?)")
_SHORTCODE = re.compile(
    r"\[/?(?:vc_\w+|et_pb_\w+|fusion_\w+|cs_\w+|su_\w+|contact-form(?:-7)?|gallery|caption|"
    r"embed|rev_slider\w*|wpforms|mc4wp_form|woocommerce_\w+|elementor-template|"
    r"product_page|products|recent_products|fl_builder_insert_layout)(?:\s[^\]\n]{0,200})?\]"
)
TEMPLATE_LEFTOVERS = (
    (re.compile(r"\{\{[^{}\n]{0,80}\}\}"), "a template variable"),
    (re.compile(r"\{%[^%\n]{0,80}%\}"), "a template tag"),
    (re.compile(r"\$\{[^{}\n]{0,80}\}"), "a template expression"),
    (re.compile(r"\[object Object\]"), "[object Object]"),
    (
        re.compile(r"(?:[$€£¥]\s?(?:NaN|undefined|null)\b)|(?:\b(?:NaN|undefined|null)\s?[$€£¥])"),
        "a price that did not load",
    ),
    (re.compile(r"(?<![\w%])%[sd](?![\w])"), "a printf slot"),
    (_SLOT, "a template slot"),
    (_CAPS_SLOT, "a template slot"),
    (_SHORTCODE, "a page builder's shortcode"),
)
LONE_VALUE = re.compile(r"^(?:[\w ]{0,20}:\s*)?(?:undefined|NaN|null)$")
DEVELOPER_NOTES = re.compile(r"(?<![\w-])(?:TODO|FIXME|TBD)(?![\w-])")
PLACEHOLDER_IMAGE_HOSTS = (
    *("placehold", "dummyimage", "picsum.photos", "placekitten", "placeimg", "fakeimg"),
    *("lorempixel", "loremflickr", "placebear", "placecage"),
)
PLACEHOLDER_IMAGE_WORDS = re.compile(
    r"placeholder|dummy[-_]?image|image[-_ ]coming[-_ ]soon|no[-_ ]image[-_ ]available|"
    r"\d{2,4}\s?[x×]\s?\d{2,4}\.(?:png|jpe?g|gif|svg|webp)$|\{\{|/undefined(?:/|$|\.)|/null(?:/|$|\.)",
    re.I,
)
_SLOT_PAGE_SHARE = 0.4  # slots this much of a page's own text make it a template page


@dataclass(frozen=True)
class Leftover:
    """One leftover in a block of text: what it is and the characters that show it."""

    what: str
    shown: str


def text_leftover(block: str, lorem_min_words: int, lorem_allowed: bool) -> Leftover | None:
    """The first leftover in a visible block of text, or None."""
    words = set(re.findall(r"[a-z]+", block.lower()))
    if lorem_allowed and len(words & LOREM_WORDS) >= lorem_min_words:
        return Leftover("lorem ipsum filler", block[:80])
    for pattern, what in TEMPLATE_LEFTOVERS:
        match = pattern.search(block)
        if match:
            return Leftover(what, match.group())
    if len(block) <= 40 and LONE_VALUE.match(block.strip()):
        return Leftover("a missing value", block.strip())
    note = DEVELOPER_NOTES.search(block)
    if note:
        return Leftover("a developer's note", block[:80])
    return None


def slot_share(lines: list[str]) -> tuple[float, list[str]]:
    """How much of `lines` (their letters) is template slots, and the slots."""
    slots = [m.group() for line in lines for m in _all_slots(line)]
    letters = sum(sum(ch.isalnum() for ch in line) for line in lines)
    covered = sum(sum(ch.isalnum() for ch in slot) for slot in slots)
    return (covered / letters if letters else 0.0), slots


def is_slot_page(lines: list[str]) -> list[str]:
    """The slots, when a page's own text is mostly template slots ([TITLE], [CONTENT])."""
    share, slots = slot_share(lines)
    return slots if len(slots) >= 2 and share >= _SLOT_PAGE_SHARE else []


def _all_slots(line: str) -> list[re.Match[str]]:
    return [*_SLOT.finditer(line), *_CAPS_SLOT.finditer(line)]


def placeholder_image(src: str, alt: str) -> bool:
    """An image from a placeholder service, or named or described as a placeholder."""
    host = urlsplit(src).hostname or ""
    if any(name in host for name in PLACEHOLDER_IMAGE_HOSTS):
        return True
    path = urlsplit(src).path
    return bool(PLACEHOLDER_IMAGE_WORDS.search(path) or PLACEHOLDER_IMAGE_WORDS.search(alt or ""))
