"""The data-safety check's rules, declared once: id, default severity, how to fix."""

from __future__ import annotations

from cxcheck.findings import Rule, Rules, Severity

CHECK = "data-safety"
RULES = Rules(
    CHECK,
    (
        # personal data on its way
        Rule(
            "personal-data-over-http",
            Severity.BLOCKER,
            "Serve the whole site over https, and send http visitors there (a 301 redirect "
            "and a Strict-Transport-Security header).",
        ),
        Rule(
            "form-to-http",
            Severity.BLOCKER,
            "Make the form's action an https:// address (or a relative one).",
        ),
        Rule("form-to-other-site", Severity.BLOCKER, "Send the form to the site itself."),
        Rule("form-sends-secrets-in-url", Severity.MAJOR, 'Send the form with method="post".'),
        # cookies
        Rule("cookie-not-secure", Severity.MAJOR, "Add Secure to the cookie."),
        Rule(
            "cookie-not-httponly",
            Severity.MAJOR,
            "Set it from the server with HttpOnly (a script can never set that).",
        ),
        Rule("cookie-no-samesite", Severity.MINOR, "Add SameSite=Lax (or Strict)."),
        Rule(
            "session-id-in-url",
            Severity.MAJOR,
            "Keep the session in a cookie (HttpOnly, Secure) and never in the address.",
        ),
        # security headers
        Rule(
            "hsts-missing",
            Severity.MINOR,
            "Send Strict-Transport-Security: max-age=31536000 (one year) on every https answer.",
        ),
        Rule(
            "hsts-too-short",
            Severity.MINOR,
            "Raise max-age to at least 15768000 (six months); a year (31536000) is usual.",
        ),
        Rule(
            "csp-missing",
            Severity.MINOR,
            "Send a Content-Security-Policy that lists where scripts may come from (start "
            "from default-src 'self').",
        ),
        Rule(
            "csp-allows-inline-script",
            Severity.MINOR,
            "Move inline scripts to files, or allow them by nonce or hash instead of "
            "'unsafe-inline'.",
        ),
        Rule(
            "nosniff-missing",
            Severity.MINOR,
            "Send X-Content-Type-Options: nosniff on every answer.",
        ),
        Rule(
            "framing-allowed",
            Severity.MINOR,
            "Send Content-Security-Policy: frame-ancestors 'self' (or X-Frame-Options: "
            "SAMEORIGIN).",
        ),
        Rule(
            "referrer-policy-missing",
            Severity.INFO,
            "Send Referrer-Policy: strict-origin-when-cross-origin.",
        ),
        Rule(
            "referrer-policy-unsafe",
            Severity.MINOR,
            "Use Referrer-Policy: strict-origin-when-cross-origin (or stricter).",
        ),
        # personal data in addresses
        Rule(
            "personal-data-in-url",
            Severity.MAJOR,
            "Keep personal data out of addresses: send it in a POST or keep it on the "
            "server; at least do not load other sites' files on such pages.",
        ),
        # who else sees your customers
        Rule(
            "tracker-before-consent",
            Severity.MAJOR,
            "List it in the consent banner and load it only once the customer agrees (or "
            "list the host in expected_hosts if the site does not need consent for it).",
        ),
        Rule(
            "third-party-cookies",
            Severity.MINOR,
            "Check what the cookies are for; load it after consent if they are not strictly "
            "needed, or list the host in expected_hosts.",
        ),
        Rule(
            "third-party",
            Severity.INFO,
            "Nothing to do if the site means to use it; list it in expected_hosts to leave "
            "it out of reports.",
        ),
        # what should never be public
        # Each finding names its path in the fix it carries (checks/safety/findings.py).
        *(
            Rule(
                rule,
                severity,
                "Remove it from the server, or deny every request for it in the web server's "
                "configuration; change any password or key it held.",
            )
            for rule, severity in (
                ("exposed-git", Severity.BLOCKER),
                ("exposed-env", Severity.BLOCKER),
                ("exposed-backup", Severity.BLOCKER),
                ("exposed-server-status", Severity.MAJOR),
                ("exposed-phpinfo", Severity.MAJOR),
                ("exposed-ds-store", Severity.MINOR),
            )
        ),
        Rule(
            "directory-listing",
            Severity.MAJOR,
            "Turn off directory listings in the web server (Options -Indexes, autoindex off).",
        ),
        Rule(
            "debug-page",
            Severity.BLOCKER,
            "Turn debug output off on the live site (DEBUG = False, display_errors = Off, a "
            "production error page) and log errors on the server instead.",
        ),
        Rule(
            "error-details",
            Severity.MAJOR,
            "Turn error display off on the live site (display_errors = Off, a production "
            "error page) and log errors on the server instead.",
        ),
        Rule(
            "server-version",
            Severity.MINOR,
            "Leave the version out of the header (ServerTokens Prod, server_tokens off, "
            "expose_php = Off) or the header altogether.",
        ),
    ),
)
