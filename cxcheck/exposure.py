"""What should never be public, asked for once per site: the fixed list of well-known paths
the "exposure-probe" capture requests (crawl/exposure_probe.py), and its answers, as plain
data. Checks judge the answers by their content (checks/safety/exposure.py); a request that
was not made is simply not among them.
"""

from __future__ import annotations

from dataclasses import dataclass

# A path no site has: its answer is the site's "not found" page (a debug page, on some).
NOT_FOUND_PATH = "/cxcheck-made-up-page-7f3a9c0e.html"
# (path, what it would be). Few on purpose: each is a file that servers and deploys leave
# public by mistake and whose content proves what it is; and the made-up path.
WELL_KNOWN: tuple[tuple[str, str], ...] = (
    ("/.git/HEAD", "git"),
    ("/.env", "env"),
    ("/.DS_Store", "ds-store"),
    ("/server-status", "server-status"),
    ("/phpinfo.php", "phpinfo"),
    ("/info.php", "phpinfo"),
    ("/backup.zip", "backup"),
    ("/backup.tar.gz", "backup"),
    ("/backup.sql", "backup"),
    ("/site.zip", "backup"),
    ("/www.zip", "backup"),
    (NOT_FOUND_PATH, "not-found"),
)
# Archives named after the site's host, next to its files: example.com.zip and so on.
HOST_ARCHIVES: tuple[str, ...] = (".zip", ".tar.gz")
MAX_FOLDERS = 3  # folders of the site's own files asked for a listing of their files
BODY_BYTES = 65_536  # of each answer, kept for the checks to read


@dataclass(frozen=True)
class ProbeReply:
    """One well-known path asked for, and what came back."""

    path: str  # as asked: "/.git/HEAD"
    what: str  # git, env, ds-store, server-status, phpinfo, backup, listing, not-found
    url: str
    status: int | None = None  # None: no answer
    content_type: str = ""
    body: bytes = b""  # the first BODY_BYTES
    error: str = ""


@dataclass(frozen=True)
class ExposureProbe:
    """The run's well-known-path answers, in the order asked."""

    replies: tuple[ProbeReply, ...] = ()
    asked: bool = False  # False: the probe was turned off or had no page to start from
