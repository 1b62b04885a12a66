"""How to fix what axe-core finds, in plain words: what to change and for whom, one or two
sentences per rule, for the rules that fail most often on real sites (WebAIM Million, axe's
own rule list) and the rest of the common WCAG A/AA ones. Keyed by axe's rule id; the report
shows axe's own wording only under "technical details".
"""

from __future__ import annotations

AXE_FIXES: dict[str, str] = {
    # Pictures and media
    "image-alt": (
        'Describe the picture in its alt text (alt="Red wool scarf"), or write alt="" if it '
        "is only decoration, so people who listen to the page hear what it shows."
    ),
    "input-image-alt": (
        'Give the image button alt text that says what it does ("Search", "Add to cart"), so '
        "screen-reader users know what pressing it will do."
    ),
    "role-img-alt": (
        'Give the element marked as an image a text alternative (aria-label="…"), so '
        "screen-reader users hear what it shows."
    ),
    "svg-img-alt": (
        "Add a <title> inside the SVG or an aria-label on it that says what the picture shows, "
        "so screen-reader users are not left guessing."
    ),
    "area-alt": (
        "Give every clickable area of the image map alt text naming where it leads, so "
        "screen-reader users can choose between them."
    ),
    "object-alt": (
        "Give the embedded object a text alternative (aria-label or text inside it), so "
        "screen-reader users know what it contains."
    ),
    "image-redundant-alt": (
        "Shorten the picture's alt text so it does not repeat the words next to it: "
        "screen-reader users otherwise hear the same thing twice."
    ),
    "video-caption": (
        'Add captions to the video (a <track kind="captions"> file), so people who are deaf '
        "or hard of hearing can follow what is said."
    ),
    "audio-caption": (
        "Provide a transcript or captions for the audio, so people who cannot hear it get the "
        "same information."
    ),
    "no-autoplay-audio": (
        "Do not start sound on its own, or stop it within 3 seconds and give a pause button: "
        "it drowns out screen readers."
    ),
    "server-side-image-map": (
        "Replace the server-side image map with ordinary links, so keyboard and screen-reader "
        "users can reach every destination."
    ),
    # Names of buttons, links and form fields
    "button-name": (
        'Give the button words that say what it does: visible text, or aria-label="Remove '
        'item" on an icon-only button, so screen-reader users know what it does.'
    ),
    "input-button-name": (
        'Give the input button a value or aria-label that says what it does ("Send"), so '
        "screen-reader users know what pressing it will do."
    ),
    "link-name": (
        "Give the link words that say where it goes: visible text, or an aria-label on an "
        'icon-only link ("Instagram"), so screen-reader users can choose it.'
    ),
    "label": (
        'Put a visible label on the field and tie it to it (<label for="…">), so '
        "screen-reader users, and everyone once they start typing, know what goes in it."
    ),
    "select-name": (
        'Label the drop-down list (<label for="…">), so screen-reader users know what they are '
        "choosing."
    ),
    "label-title-only": (
        "Give the field a visible label instead of only a tooltip (title): the tooltip never "
        "shows on touch screens and many people never see it."
    ),
    "form-field-multiple-labels": (
        "Keep one label per field, so screen readers do not announce two different names for it."
    ),
    "label-content-name-mismatch": (
        "Make the control's hidden name start with the words it shows, so people who operate "
        "the page by voice can say what they see."
    ),
    "aria-command-name": (
        "Give every custom button, link or menu item a name (text or aria-label), so "
        "screen-reader users know what it does."
    ),
    "aria-input-field-name": (
        "Give every custom input field a name (aria-label or aria-labelledby), so screen-reader "
        "users know what to enter."
    ),
    "aria-toggle-field-name": (
        "Give every custom checkbox, switch or radio button a name, so screen-reader users "
        "know what they are turning on or off."
    ),
    "aria-tooltip-name": ("Put text in every tooltip, so screen-reader users hear what it says."),
    "aria-progressbar-name": (
        'Name the progress bar (aria-label="Upload progress"), so screen-reader users know what '
        "is progressing."
    ),
    "aria-meter-name": "Name the meter (aria-label), so screen-reader users know what it measures.",
    "aria-dialog-name": (
        "Give the dialog a title (aria-labelledby pointing at its heading), so screen-reader "
        "users know what opened."
    ),
    "aria-treeitem-name": "Give every item of the tree a name, so screen-reader users can pick it.",
    "aria-tab-name": "Give every tab a name, so screen-reader users can tell the tabs apart.",
    "summary-name": (
        "Put words in the <summary> of every folding section, so screen-reader users know what "
        "opens."
    ),
    "autocomplete-valid": (
        "Use the standard autocomplete values (email, given-name, street-address…) on the "
        "fields, so browsers and people with memory or motor difficulties can fill them in "
        "automatically."
    ),
    # Colour and reading
    "color-contrast": (
        "Make the text darker or its background lighter (a contrast of at least 4.5 to 1, 3 to "
        "1 for large text), so people with low vision and anyone in bright sunlight can read it."
    ),
    "color-contrast-enhanced": (
        "Raise the contrast between text and background to 7 to 1, so people with low vision "
        "can read it comfortably."
    ),
    "link-in-text-block": (
        "Underline links inside running text (or make them clearly darker), so people who "
        "cannot tell colours apart can see them."
    ),
    "avoid-inline-spacing": (
        "Do not fix letter, word or line spacing with !important in style attributes, so "
        "people with dyslexia can widen it with their own settings."
    ),
    "meta-viewport": (
        "Remove user-scalable=no and maximum-scale from the viewport tag, so people with low "
        "vision can zoom in on their phone."
    ),
    "meta-viewport-large": (
        "Let people zoom to at least 5 times (no low maximum-scale in the viewport tag), so "
        "people with low vision can read the page on a phone."
    ),
    "css-orientation-lock": (
        "Let the page turn with the phone instead of locking it upright or sideways: some "
        "people have their device mounted one way."
    ),
    "meta-refresh": (
        "Do not reload or move to another page on a timer: let people move on themselves, so "
        "slow readers and screen-reader users are not cut off."
    ),
    "meta-refresh-no-exceptions": (
        "Remove the timed refresh or redirect, so people who read slowly are not moved on "
        "before they finish."
    ),
    "blink": "Stop the blinking text: it distracts, and some people cannot read it at all.",
    "marquee": (
        "Replace the scrolling text with still text: moving text is hard to read and cannot be "
        "paused."
    ),
    # Page language, title and structure
    "html-has-lang": (
        'Say the page\'s language on its <html> tag (lang="en"), so screen readers read it with '
        "the right pronunciation."
    ),
    "html-lang-valid": (
        'Use a real language code on the <html> tag (lang="en", "de", "fr-CA"), so screen '
        "readers pick the right voice."
    ),
    "html-xml-lang-mismatch": (
        "Make the lang and xml:lang attributes on <html> name the same language, so screen "
        "readers pick the right voice."
    ),
    "valid-lang": (
        'Use a real language code where a passage is marked as another language (lang="fr"), '
        "so screen readers read it correctly."
    ),
    "document-title": (
        'Give the page a <title> that says what it is ("Cart – Northwind"), so people with '
        "many tabs and screen-reader users know where they are."
    ),
    "page-has-heading-one": (
        "Give the page one main heading (<h1>) that says what it is about, so screen-reader "
        "users can jump straight to its start."
    ),
    "heading-order": (
        "Use heading levels in order (a <h2> after the <h1>, not a <h4>) and style them with "
        "CSS, so screen-reader users can follow the page's outline."
    ),
    "empty-heading": (
        "Put words in the heading or remove it, so screen-reader users who jump between "
        "headings do not land on silence."
    ),
    "p-as-heading": (
        "Mark up text that looks like a heading as a real heading (<h2>, <h3>), not bold "
        "paragraphs, so screen-reader users can jump to it."
    ),
    "landmark-one-main": (
        "Wrap the page's main content in one <main> element, so screen-reader and keyboard "
        "users can jump straight to it."
    ),
    "region": (
        "Put all content inside the page's landmarks (<header>, <nav>, <main>, <footer>), so "
        "screen-reader users who move by landmark do not miss it."
    ),
    "landmark-unique": (
        'Give repeated landmarks different names (aria-label="Main menu", "Footer menu"), so '
        "screen-reader users can tell them apart."
    ),
    "landmark-no-duplicate-banner": (
        "Keep one page header (<header> at the top level) per page, so screen-reader users "
        "find the real one."
    ),
    "landmark-no-duplicate-contentinfo": (
        "Keep one page footer (<footer> at the top level) per page, so screen-reader users "
        "find the real one."
    ),
    "landmark-no-duplicate-main": "Keep one <main> per page, so screen-reader users land on the "
    "right content.",
    "landmark-banner-is-top-level": (
        "Move the page header out of other landmarks, so screen readers announce it as the "
        "page's header."
    ),
    "landmark-contentinfo-is-top-level": (
        "Move the page footer out of other landmarks, so screen readers announce it as the "
        "page's footer."
    ),
    "landmark-main-is-top-level": (
        "Move <main> out of other landmarks, so screen readers find the main content."
    ),
    "landmark-complementary-is-top-level": (
        "Move the side content (<aside>) out of other landmarks, so screen-reader users can "
        "jump to it."
    ),
    "bypass": (
        'Add a "Skip to content" link as the first thing on the page (or use landmarks), so '
        "keyboard users do not have to tab through the whole menu on every page."
    ),
    "skip-link": (
        'Point the "Skip to content" link at an element that exists (its id), so keyboard users '
        "actually skip the menu."
    ),
    "list": (
        "Put only list items (<li>) directly inside <ul> and <ol>, so screen readers announce "
        "the list and how many items it has."
    ),
    "listitem": (
        "Put list items (<li>) inside a <ul> or <ol>, so screen readers announce them as a list."
    ),
    "definition-list": (
        "Put only <dt>, <dd> (and <div> groups of them) inside <dl>, so screen readers read "
        "terms and their descriptions together."
    ),
    "dlitem": "Put <dt> and <dd> inside a <dl>, so screen readers read them as a list of terms.",
    # Frames, tables
    "frame-title": (
        'Give the embedded frame a title that says what it holds (title="Map of our store"), '
        "so screen-reader users know whether to go in."
    ),
    "frame-title-unique": (
        "Give every embedded frame a different title, so screen-reader users can tell them apart."
    ),
    "frame-focusable-content": (
        'Do not take a frame with buttons or links out of the tab order (tabindex="-1"), so '
        "keyboard users can reach them."
    ),
    "td-headers-attr": (
        "Make every table cell's headers attribute name header cells of the same table, so "
        "screen readers read each value with its heading."
    ),
    "th-has-data-cells": (
        "Remove header cells that head nothing, or give them their data, so screen-reader "
        "users are not told about empty columns."
    ),
    "td-has-header": (
        "Give large tables header cells (<th>), so screen-reader users hear which row and "
        "column each value belongs to."
    ),
    "empty-table-header": (
        "Put words in every table header cell, so screen-reader users know what the column holds."
    ),
    "scope-attr-valid": 'Use scope="row" or scope="col" on header cells (<th>) only.',
    "table-duplicate-name": (
        "Make the table's caption and summary say different things, so screen-reader users do "
        "not hear the same words twice."
    ),
    "table-fake-caption": (
        "Put the table's title in a <caption> instead of a first row, so screen readers tie "
        "it to the table."
    ),
    # Keyboard and focus
    "tabindex": (
        "Remove tabindex values above 0 and let the page's order decide, so keyboard users "
        "move through the page in the order they read it."
    ),
    "scrollable-region-focusable": (
        'Let keyboard users reach the scrolling box (tabindex="0" or a link inside it), so '
        "they can scroll its content too."
    ),
    "nested-interactive": (
        "Do not put a button or link inside another one: make them siblings, so screen-reader "
        "and keyboard users can reach both."
    ),
    "aria-hidden-focus": (
        "Take buttons and links inside content hidden from screen readers (aria-hidden) out "
        "of the tab order, or stop hiding it: keyboard users otherwise land on something "
        "silent."
    ),
    "aria-hidden-body": (
        "Remove aria-hidden from <body>: it hides the whole page from screen-reader users."
    ),
    "accesskeys": (
        "Give every accesskey a different letter, so keyboard shortcuts do what people expect."
    ),
    "target-size": (
        "Make small buttons and links at least 24 by 24 pixels, or space them apart, so people "
        "with shaky hands or big fingers hit the right one."
    ),
    "duplicate-id": (
        "Give every element a different id, so labels, links and scripts point at the right one."
    ),
    "duplicate-id-active": (
        "Give every button, link and field a different id, so labels and keyboard shortcuts "
        "reach the right one."
    ),
    "duplicate-id-aria": (
        "Give every element that labels or describes another a different id, so screen "
        "readers announce the right label."
    ),
    "identical-links-same-purpose": (
        "Give links with the same words the same destination, or different words, so "
        "screen-reader users know where each goes."
    ),
    # ARIA roles and attributes
    "aria-allowed-attr": (
        "Remove ARIA attributes the element's role does not support, so screen readers do "
        "not announce a state it cannot have."
    ),
    "aria-allowed-role": (
        "Remove the role the element cannot take, or use the right HTML element, so screen "
        "readers announce what it really is."
    ),
    "aria-required-attr": (
        "Add the ARIA attributes the role needs (a checkbox needs aria-checked), so "
        "screen-reader users hear the control's state."
    ),
    "aria-required-children": (
        "Give the element the parts its role needs (a list box needs options), so screen "
        "readers can describe it."
    ),
    "aria-required-parent": (
        "Put the element inside the container its role needs (a tab inside a tab list), so "
        "screen readers can describe it."
    ),
    "aria-roles": (
        'Use only real ARIA role names (role="button", not role="btn"), so screen readers '
        "announce what the element is."
    ),
    "aria-valid-attr": (
        "Fix the misspelled ARIA attribute (aria-labelledby, not aria-labeledby), so screen "
        "readers read it at all."
    ),
    "aria-valid-attr-value": (
        'Give each ARIA attribute a valid value (aria-expanded="true"; aria-labelledby and '
        "aria-controls naming ids that exist), so screen readers announce the right thing."
    ),
    "aria-prohibited-attr": (
        "Remove aria-label from elements that cannot carry a name (a plain <div> or <span>), or "
        "give them a role: screen readers ignore it there."
    ),
    "aria-conditional-attr": (
        "Use only the ARIA attributes that fit this element and role, so screen readers "
        "announce its state correctly."
    ),
    "aria-deprecated-role": (
        "Replace the outdated role with a current one, so screen readers still understand it."
    ),
    "aria-roledescription": (
        "Use aria-roledescription only on elements with a role, so screen readers do not "
        "announce a description of nothing."
    ),
    "aria-text": (
        'Do not put buttons or links inside an element with role="text": screen-reader and '
        "keyboard users cannot reach them there."
    ),
    "aria-braille-equivalent": (
        "Give the element a spoken name too, not only a braille one, so screen-reader users "
        "who listen hear it."
    ),
    "presentation-role-conflict": (
        'Remove role="none" or role="presentation" from elements that can be focused or carry '
        "ARIA attributes: screen readers ignore the role and announce them anyway."
    ),
}
