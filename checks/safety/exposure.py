"""What should never be public, judged by what came back: a well-known path answered 200
(or 206) is only a finding when its content proves what the path promises. A site that
answers every address with its own page, or with a "not found" page and 200, says nothing.

Values are never repeated: an exposed .env is named by how many settings it holds and the
names of a few, never what they are set to.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from checks.safety.leaks import is_listing
from cxcheck.exposure import ProbeReply

_GIT_HEAD = re.compile(rb"^\s*(ref:\s*refs/\S+|[0-9a-f]{40}|[0-9a-f]{64})\s*$")
_ENV_LINE = re.compile(r"^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_.]*)\s*=")
_SQL_DUMP = re.compile(
    rb"(CREATE TABLE|INSERT INTO|-- (MySQL|MariaDB|PostgreSQL) (database )?dump)"
)


@dataclass(frozen=True)
class Exposed:
    """A path whose content proves it should not be public."""

    rule: str
    reply: ProbeReply
    proof: str  # what the content showed, without its values
    summary: str  # what it is, in a few words, for the message


RULES = {
    "git": "exposed-git",
    "env": "exposed-env",
    "ds-store": "exposed-ds-store",
    "server-status": "exposed-server-status",
    "phpinfo": "exposed-phpinfo",
    "backup": "exposed-backup",
    "listing": "directory-listing",
}


def exposed(reply: ProbeReply) -> Exposed | None:
    """What the reply proves is public, or None."""
    if reply.what not in _PROOFS or reply.status not in (200, 206) or not reply.body:
        return None
    proof = _PROOFS[reply.what](reply.body)
    if proof is None:
        return None
    return Exposed(RULES[reply.what], reply, *proof)


def _git(body: bytes) -> tuple[str, str] | None:
    if _GIT_HEAD.match(body[:200]):
        return "it answers with a git ref", "the site's git repository"
    return None


def _env(body: bytes) -> tuple[str, str] | None:
    text = body.decode("utf-8", "replace")
    if text.lstrip()[:1] == "<":
        return None
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]
    names = [m.group(1) for ln in lines if (m := _ENV_LINE.match(ln))]
    if not names or len(names) < 0.6 * len(lines):
        return None
    shown = ", ".join(names[:3]) + (", ..." if len(names) > 3 else "")
    count = f"{len(names)} setting{'s' if len(names) != 1 else ''}"
    return f"{count}: {shown}", "the site's .env settings file"


def _ds_store(body: bytes) -> tuple[str, str] | None:
    if body[4:8] == b"Bud1":
        return "a Finder .DS_Store index", "the names of the files in the folder"
    return None


def _server_status(body: bytes) -> tuple[str, str] | None:
    text = body.decode("utf-8", "replace")
    if "Apache Server Status for" in text or (
        "Server uptime" in text and "requests currently being processed" in text
    ):
        return "Apache server-status", "the web server's live status page"
    if re.match(r"\s*Active connections:\s*\d+", text) and "server accepts handled" in text:
        return "nginx stub_status", "the web server's live status page"
    return None


def _phpinfo(body: bytes) -> tuple[str, str] | None:
    text = body.decode("utf-8", "replace")
    if "<title>phpinfo()</title>" in text or ("PHP Version" in text and "PHP License" in text):
        return "phpinfo() output", "the PHP configuration page"
    return None


def _backup(body: bytes) -> tuple[str, str] | None:
    if body.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return "a zip archive", "a backup archive"
    if body.startswith(b"\x1f\x8b"):
        return "a gzip archive", "a backup archive"
    if body[257:262] == b"ustar":
        return "a tar archive", "a backup archive"
    if body.lstrip()[:1] != b"<" and _SQL_DUMP.search(body[:20000]):
        return "an SQL dump", "a database dump"
    return None


def _listing(body: bytes) -> tuple[str, str] | None:
    if is_listing(body.decode("utf-8", "replace")):
        return "the web server lists them", "the list of every file in the folder"
    return None


_PROOFS = {
    "git": _git,
    "env": _env,
    "ds-store": _ds_store,
    "server-status": _server_status,
    "phpinfo": _phpinfo,
    "backup": _backup,
    "listing": _listing,
}
