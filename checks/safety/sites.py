"""Who is the site and who is someone else: hosts grouped into sites (registrable domains).

www.example.com and static.example.com are one site; example.com and example-cdn.net are
two. Without the Public Suffix List a registrable domain is its last two labels, or three
under the common two-part endings (co.uk, com.au...). An IP address, and each name under
.localhost, is a site of its own. Close enough to tell a site's own CDN from other companies:
`expected_hosts` covers the rest.
"""

from __future__ import annotations

import fnmatch
import ipaddress
from collections.abc import Sequence

# Second-level endings under which companies register names (example.co.uk).
_TWO_PART = frozenset(
    {
        *("co.uk", "org.uk", "ac.uk", "gov.uk", "me.uk", "ltd.uk", "plc.uk", "net.uk"),
        *("com.au", "net.au", "org.au", "edu.au", "gov.au", "co.nz", "org.nz", "net.nz"),
        *("co.jp", "ne.jp", "or.jp", "ac.jp", "go.jp", "co.kr", "or.kr", "com.cn", "net.cn"),
        *("org.cn", "com.tw", "com.hk", "com.sg", "com.my", "co.in", "net.in", "org.in"),
        *("co.id", "or.id", "co.th", "in.th", "com.br", "net.br", "org.br", "com.ar"),
        *("com.mx", "com.co", "com.pe", "com.tr", "net.tr", "org.tr", "co.za", "org.za"),
        *("com.ua", "com.pl", "co.il", "org.il", "com.eg", "com.sa", "com.vn", "com.ph"),
        *("co.at", "or.at", "com.es", "com.pt", "com.gr", "co.hu", "com.ru", "com.ng"),
    }
)
_LOOPBACK_NAMES = frozenset({"localhost", "localhost.localdomain"})


def site_of(host: str) -> str:
    """The registrable domain `host` belongs to (the host itself for an IP address)."""
    host = host.lower().rstrip(".").strip("[]")
    if _is_ip(host) or "." not in host:
        return host
    labels = host.split(".")
    if labels[-1] == "localhost":  # tracker.localhost: a name of its own on this machine
        return ".".join(labels[-2:])
    take = 3 if ".".join(labels[-2:]) in _TWO_PART else 2
    return ".".join(labels[-take:])


def same_site(host: str, other: str) -> bool:
    """Both hosts belong to one registrable domain."""
    return bool(host) and site_of(host) == site_of(other)


def is_loopback(host: str) -> bool:
    """This machine: localhost, 127.0.0.0/8, ::1."""
    host = host.lower().strip("[]")
    if host in _LOOPBACK_NAMES or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def matches(host: str, globs: Sequence[str]) -> bool:
    """`host` matches one of `globs` ("cdn.example.com", "*.example.com"); a glob without a
    wildcard also covers the names under it."""
    host = host.lower()
    for glob in globs:
        glob = glob.lower().strip()
        if fnmatch.fnmatchcase(host, glob) or (
            "*" not in glob and (host == glob or host.endswith("." + glob))
        ):
            return True
    return False


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True
