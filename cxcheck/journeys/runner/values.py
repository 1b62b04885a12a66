"""The values a step's texts are filled with as it runs: `{name}` variables (given, or
remembered by an earlier step), `{secret:NAME}` secrets and the built-ins."""

from __future__ import annotations

import secrets as random_tokens
import time

from cxcheck.journeys.language.variables import PLACEHOLDER
from cxcheck.journeys.runner.failure import Failure
from cxcheck.journeys.runner.settings import RunSettings
from cxcheck.report.model import FailureKind as Kind


class Values:
    """Fills `{name}`, `{secret:NAME}` and the built-ins into a step's texts as it runs."""

    def __init__(self, settings: RunSettings) -> None:
        self.variables = dict(settings.variables)
        self.secrets = settings.secrets
        # One value per run, so a later step can expect what an earlier one typed.
        self.builtins = {
            "random email": f"cxcheck-{random_tokens.token_hex(4)}@example.com",
            "timestamp": time.strftime("%Y%m%d%H%M%S"),
            "start url": settings.base_url,
        }

    def fill(self, text: str) -> str:
        """`text` with every placeholder replaced; a Failure names one that has no value."""
        return PLACEHOLDER.sub(lambda m: self._value(m[1].strip()), text)

    def _value(self, name: str) -> str:
        if name.startswith("secret:"):
            env = name.removeprefix("secret:").strip()
            if env not in self.secrets:
                message = (
                    f"This step uses {{secret:{env}}}, but no environment variable {env} is set."
                )
                raise Failure(Kind.MISSING_SECRET, message)
            return self.secrets[env]
        folded = " ".join(name.lower().split())
        if folded in self.builtins:
            return self.builtins[folded]
        if name.strip() in self.variables:
            return self.variables[name.strip()]
        message = (
            f"This step uses {{{name}}}, but it has no value: give one with --var {name}=... "
            f"or store one with Remember ... as {{{name}}} in an earlier step."
        )
        raise Failure(Kind.MISSING_VARIABLE, message)
