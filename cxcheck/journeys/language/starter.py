"""The file `cxcheck journey new "<name>"` writes: a journey explained line by line, whose
steps pass on the demo shop and whose notes give the commands to check and run it."""

from __future__ import annotations

_STARTER = """\
# {name}
#
# A journey is a list of steps that cxcheck follows in a real browser, one step per line,
# the way a customer would use the site. Lines starting with # (like this one) are notes
# for people: cxcheck skips them. Blank lines are fine too.
#
# Check this file without opening a browser:
#   cxcheck journey check {path}
# Run it against your site (put your site's address after --base-url):
#   cxcheck journey run {path} --base-url https://staging.example.com
# The steps below are written for the demo shop that comes with cxcheck; try them on it:
#   cxcheck journey run {path} --serve sample_sites/shop

# The lines at the top, before the first step, describe the whole journey.
# Its name, as the report shows it:
Journey: {name}
# The page to open first ("/" is the home page of the site being checked):
Start at: /
# Words to find this journey by, separated by commas:
Tags: smoke
# How long each step may wait for the page before it counts as failed:
Timeout: 10 seconds
# The whole journey should be done within this time, or the report calls it too slow:
Budget: 60 seconds

# The steps. Write the words you see on the page in "double quotes". A word such as
# button, link or field after the quotes says what kind of thing it is.
Click the "Shop" link
Expect to see "Shop all"
Open "/products/boots.html"
Fill "Quantity" with "2"
Click the "Add to cart" button
# Options go in brackets at the end of a step. This one must be done within 3 seconds:
Click the "Cart" link (within 3 seconds)
Expect to see "Your cart"
Click the "Check out now" button

# Filling in a form. {{random email}} makes up a fresh address every run.
Fill "Email" with "{{random email}}"
Fill "Full name" with "Ann Tester"
Fill "Address" with "7 Bridge Road, Portree"
Select "United Kingdom" from "Country"
# Passwords and card numbers go in {{secret:NAME}}, which reads them from a setting of the
# computer (an environment variable) so they are never written in this file, e.g.
#   Fill "Card number" with "{{secret:SHOP_TEST_CARD}}"
# The demo shop's test card takes no money, so it can be written here:
Fill "Card number" with "4242 4242 4242 4242"
Check "I accept the terms and conditions"
Click "Place order"

# End with what proves the task worked, in words that show only when it did:
Expect to see "Thank you for your order"
Take a screenshot "order placed"
"""


def starter(name: str, path: str) -> str:
    """A commented journey file to start from, for `cxcheck journey new "<name>"`; `path`
    is where it is written, for the commands its notes show."""
    # A '#' would start a comment and a line break would end the header: keep the name
    # on one line and out of comments' way so the file always parses.
    clean = " ".join(name.replace("#", " ").split()) or "New journey"
    shown = path if " " not in path else f'"{path}"'
    return _STARTER.format(name=clean, path=shown)
