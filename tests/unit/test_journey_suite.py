"""The parts of running journeys that need no browser: auth options, secrets, settings."""

from __future__ import annotations

from pathlib import Path

import pytest

from cxcheck.config import AuthConfig, Config, JourneysConfig
from cxcheck.errors import ConfigError
from cxcheck.journeys.language.parser import parse_text
from cxcheck.run.journeys import run_settings
from cxcheck.run.signin import auth_context_options, resolve_secrets

ENV = {"STAGING_PASSWORD": "p4ss-w0rd", "API_TOKEN": "t0ken", "UNUSED": "never-read"}


def test_basic_credentials_and_headers_read_secrets_from_the_environment() -> None:
    auth = AuthConfig(
        username="qa",
        password="{secret:STAGING_PASSWORD}",
        headers={"Authorization": "Bearer {secret:API_TOKEN}", "X-Team": "qa"},
    )
    options = auth_context_options(auth, ENV)
    assert options["http_credentials"] == {"username": "qa", "password": "p4ss-w0rd"}
    assert options["extra_http_headers"] == {"Authorization": "Bearer t0ken", "X-Team": "qa"}


def test_no_auth_means_no_options() -> None:
    assert auth_context_options(AuthConfig(), ENV) == {}


def test_a_missing_secret_in_the_config_is_a_clear_error() -> None:
    auth = AuthConfig(username="qa", password="{secret:NOPE}")
    with pytest.raises(ConfigError, match=r"\[auth\] password uses \{secret:NOPE\}, but no"):
        auth_context_options(auth, ENV)


def test_resolve_secrets_leaves_other_text_alone() -> None:
    assert resolve_secrets("a {secret:API_TOKEN} b {name}", "x", ENV) == "a t0ken b {name}"


def test_only_the_secrets_the_journeys_use_are_handed_to_the_runner() -> None:
    journey = parse_text(
        'Open "/"\nFill "Password" with "{secret:STAGING_PASSWORD}"\n',
        "login.journey",
        environ=ENV,
    )
    config = Config(journeys=JourneysConfig(vars={"email": "a@b.test"}, screenshots="all"))
    settings = run_settings(config, "http://127.0.0.1:1/", [journey], ENV)
    assert settings.secrets == {"STAGING_PASSWORD": "p4ss-w0rd"}
    assert settings.variables == {"email": "a@b.test"}
    assert settings.screenshots_all
    assert settings.output_dir == Path("cxcheck-report/journeys")
