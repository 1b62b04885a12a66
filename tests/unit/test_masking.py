"""The secret mask: every value, in every form it takes on its way through a page, in any
part of a report; URLs keep their shape and JSON stays JSON."""

from __future__ import annotations

import base64
import html
import io
import json
import sys
from dataclasses import replace
from datetime import UTC, datetime
from urllib.parse import quote, quote_plus

import pytest

from cxcheck.config import parse_config
from cxcheck.errors import ConfigError
from cxcheck.findings import Finding, Severity, group_findings
from cxcheck.masking import MASK, Mask, Secret, masked_console, run_secrets, url_secrets
from cxcheck.report import json_report, sarif
from cxcheck.report.model import PageResult, Report

SECRET = "s3cr&t <Pa$$> wörd"
MASKED = Mask((Secret(SECRET, "[auth] password"),))
NO_SECRETS = Mask()


@pytest.mark.parametrize(
    "form",
    [
        SECRET,
        quote(SECRET, safe=""),
        quote(SECRET),
        quote_plus(SECRET),
        html.escape(SECRET),
        json.dumps(SECRET)[1:-1],
    ],
)
def test_every_form_of_a_value_is_masked(form: str) -> None:
    assert MASKED.text(f"before {form} after") == f"before {MASK} after"


def test_urls_keep_their_shape() -> None:
    text = f"https://shop.test/search?token={quote_plus(SECRET)}&page=2"
    assert MASKED.text(text) == f"https://shop.test/search?token={MASK}&page=2"


def test_a_password_in_any_url_is_masked_whatever_its_length() -> None:
    assert (
        NO_SECRETS.text("see http://qa:pw@staging.test/a") == f"see http://qa:{MASK}@staging.test/a"
    )
    assert NO_SECRETS.text("http://staging.test:8080/a@b") == "http://staging.test:8080/a@b"


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("/reset?token=Rz7kQ-pL9&lang=en", f"/reset?token={MASK}&lang=en"),
        (
            "https://s.test/a?x=1&ACCESS_TOKEN=eyJ.a.b#top",
            f"https://s.test/a?x=1&ACCESS_TOKEN={MASK}#top",
        ),
        ("see /basket;jsessionid=A1B2C3/items?x=1", f"see /basket;jsessionid={MASK}/items?x=1"),
        ("/cart.asp?ASPSESSIONIDQSTB=FFEE", f"/cart.asp?ASPSESSIONIDQSTB={MASK}"),
        ('"url": "/a?sid=abc123"', f'"url": "/a?sid={MASK}"'),
    ],
)
def test_tokens_and_session_ids_in_any_url_are_masked_though_unknown(text: str, shown: str) -> None:
    assert NO_SECRETS.text(text) == shown


@pytest.mark.parametrize(
    "text", ["/talks?session=keynote", "/search?q=token=1 ", "token=abc in prose", "?tokens=3"]
)
def test_look_alike_parameters_and_prose_are_left_alone(text: str) -> None:
    assert NO_SECRETS.text(text) == text


def test_a_start_url_password_and_its_basic_auth_header_are_secrets() -> None:
    mask = Mask(tuple(url_secrets("https://qa:p%40ss-word@staging.test/")))
    header = base64.b64encode(b"qa:p@ss-word").decode()
    masked = mask.text(f"p@ss-word p%40ss-word Basic {header}")
    assert masked.startswith(f"{MASK} {MASK} Basic {MASK}")
    assert "ss-word" not in masked and header.rstrip("=") not in masked


def test_values_too_short_to_tell_apart_are_named_not_masked() -> None:
    mask = Mask((Secret("1", "[auth] cookies.consent"), Secret("long-enough", "x")))
    assert mask.text("page 1 of long-enough") == f"page 1 of {MASK}"
    assert [s.source for s in mask.too_short] == ["[auth] cookies.consent"]


def test_a_report_is_masked_everywhere_and_stays_valid_json() -> None:
    finding = Finding(
        check="page-health",
        rule="console-error",
        severity=Severity.MAJOR,
        url=f"http://127.0.0.1/next?sid={quote_plus(SECRET)}",
        message=f"The page logged an error: {SECRET}",
        evidence=SECRET,
    )
    report = Report(
        site="http://127.0.0.1/",
        started=datetime.now(UTC),
        duration_s=1.0,
        pages=(PageResult(url="http://127.0.0.1/", status=200, title=f"Hi {SECRET}"),),
        findings=tuple(group_findings([finding])),
        notes=(f"note {SECRET}",),
        settings={"shown": SECRET},
    )
    masked = MASKED.data(report)
    for text in (json_report.render(masked), sarif.render(masked)):
        assert SECRET not in text and quote_plus(SECRET) not in text
        json.loads(text)
    assert masked.pages[0].title == f"Hi {MASK}"
    assert masked.findings[0].finding.severity is Severity.MAJOR  # enums are left alone
    assert MASKED.data(masked) is masked  # nothing left to mask: the very same object


def test_a_rendered_json_report_stays_json_when_a_value_is_left_in_it() -> None:
    text = json.dumps({"title": SECRET, "n": 1}, indent=2, ensure_ascii=False) + "\n"
    assert json.loads(MASKED.rendered("json", text)) == {"title": MASK, "n": 1}


def test_pictures_in_the_html_report_are_left_whole() -> None:
    mask = Mask((Secret("AAAA", "x"),))
    page = '<img src="data:image/png;base64,AAAAAAAA"><p>AAAA</p>'
    assert mask.rendered("html", page) == f'<img src="data:image/png;base64,AAAAAAAA"><p>{MASK}</p>'


def test_the_console_and_errors_are_masked(monkeypatch: pytest.MonkeyPatch) -> None:
    out, err = io.StringIO(), io.StringIO()
    monkeypatch.setattr(sys, "stdout", out)
    monkeypatch.setattr(sys, "stderr", err)
    with pytest.raises(ConfigError) as caught, masked_console(MASKED):
        print(f"Checking {SECRET}")
        print(SECRET, file=sys.stderr)
        raise ConfigError(f"bad {SECRET}")
    assert out.getvalue() == f"Checking {MASK}\n"
    assert err.getvalue() == f"{MASK}\n"
    assert str(caught.value) == f"bad {MASK}"
    assert sys.stdout is out  # put back


def test_the_secrets_of_a_run(monkeypatch: pytest.MonkeyPatch) -> None:
    config = parse_config(
        {
            "site": {"url": "https://qa:url-pass@staging.test/"},
            "auth": {
                "username": "qa",
                "password": "{secret:PW}",
                "headers": {"X-Token": "header-token"},
                "cookies": {"sid": "cookie-value"},
            },
        },
        "cxcheck.toml",
    )
    values = {s.value for s in run_secrets(config, [], {"PW": "from-env", "UNUSED": "nope"})}
    assert {"from-env", "header-token", "cookie-value", "url-pass"} <= values
    assert "nope" not in values


def test_a_config_error_about_auth_quotes_no_value() -> None:
    with pytest.raises(ConfigError) as caught:
        parse_config({"auth": {"password": ["hunter2"]}}, "cxcheck.toml")
    assert "hunter2" not in str(caught.value)
    assert MASK in str(caught.value)


def test_a_findings_fingerprint_is_the_same_masked_or_not() -> None:
    """A baseline is saved from a masked report and compared with the next run's findings:
    a token in the target (new each run, or masked) leaves the fingerprint alone."""
    finding = Finding(
        check="dead-navigation",
        rule="broken-link",
        severity=Severity.MAJOR,
        url="http://127.0.0.1/",
        message="gone",
        target="http://127.0.0.1/reset?token=Rz7kQ-pL9&lang=en",
    )
    again = replace(finding, target="http://127.0.0.1/reset?token=other-token&lang=en")
    masked = NO_SECRETS.data(finding)
    assert masked.target == f"http://127.0.0.1/reset?token={MASK}&lang=en"
    assert finding.fingerprint == again.fingerprint == masked.fingerprint
    assert (
        finding.fingerprint != replace(finding, target="http://127.0.0.1/reset?lang=en").fingerprint
    )
