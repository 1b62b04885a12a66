"""One error hierarchy; each error knows the exit code the CLI returns for it."""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    """Exit codes CI scripts depend on (README "Exit codes"); never renumber."""

    READY = 0
    NOT_READY = 1
    USAGE = 2
    SITE_UNCHECKABLE = 3
    INTERRUPTED = 130
    TERMINATED = 143  # SIGTERM: 128 + 15, as a shell reports a process killed by it


class CxError(Exception):
    """An error a user can act on: the message is the one line they read."""

    exit_code: ExitCode = ExitCode.USAGE


class UsageError(CxError):
    """Bad flags or arguments."""


class ConfigError(CxError):
    """The config file or a check's options are wrong."""


class PluginError(CxError):
    """A check could not be loaded or built; a gate must fail loudly, never skip it."""


class SiteUnreachable(CxError):
    """The start URL could not be loaded at all (connection, DNS, TLS, timeout)."""

    exit_code = ExitCode.SITE_UNCHECKABLE


class BrowserNotFound(CxError):
    """No Chromium to drive."""

    exit_code = ExitCode.SITE_UNCHECKABLE
