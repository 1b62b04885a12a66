"""The "click-probe" site capture (opt-in): click controls that have a listener and watch
whether anything at all happens.

A listener is no proof that a control works: it may be a no-op, or delegation from the
document that ignores this element. After the crawl, each such control (once per site: the
menu button on 300 pages is clicked once) is clicked in a throwaway tab, fresh from a load
of its page, and watched for a short window: a new address, new or changed content, a
request, a dialog, a new tab. Nothing at all means a dead control.

Safety: controls whose words say delete/pay/logout (configurable) are never clicked, form
submission is cancelled in the probe tab, window.open is caught before a tab opens, and a
navigation out of the site's scope is stopped before it is sent.
"""

from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from playwright.async_api import Dialog, Page, Route
from playwright.async_api import Error as PlaywrightError

from cxcheck.captures import ClickProbeRequest, Control, ProbeResult
from cxcheck.snapshot import PageSnapshot

if TYPE_CHECKING:  # site_captures lists this capture, so it cannot be imported from here
    from cxcheck.crawl.site_scope import SiteScope

PROBED_REGIONS = ("nav", "header", "")  # the menu, the header and the main content
_WATCH_MS = 1000
_BASELINE_MS = 400
_CLICK_TIMEOUT_MS = 3000
_LOAD_TIMEOUT_MS = 20_000

# Installed before any page script: counts what a click causes, and defuses what would
# leave the tab or change data (form submission, new tabs).
_GUARD = """(() => {
  const seen = { mutations: 0, opened: 0, submitted: 0 };
  window.__cxcheckProbe = seen;
  window.open = () => { seen.opened += 1; return null; };
  addEventListener("submit", (event) => { event.preventDefault(); seen.submitted += 1; }, true);
  HTMLFormElement.prototype.submit = function () { seen.submitted += 1; };
  HTMLFormElement.prototype.requestSubmit = function () { seen.submitted += 1; };
  const start = () => new MutationObserver((records) => { seen.mutations += records.length; })
    .observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
  if (document.readyState === "loading") addEventListener("DOMContentLoaded", start); else start();
})();"""


@dataclass
class _Candidate:
    control: Control
    pages: list[str]


@dataclass
class ClickProbe:
    """Collects candidates during the crawl, clicks them in `finish`."""

    scope: SiteScope
    options: ClickProbeRequest
    _candidates: dict[tuple[str, str], _Candidate] = field(default_factory=dict)
    _avoided: int = 0
    _results: tuple[ProbeResult, ...] = ()

    @classmethod
    def create(
        cls, scope: SiteScope, request: ClickProbeRequest, judge: object = None
    ) -> ClickProbe:
        """A probe as the check asked for it."""
        return cls(scope, request)

    def observe(self, page: PageSnapshot) -> None:
        """Note the page's controls that have a listener but may still do nothing."""
        if not self.options.enabled:
            return
        for control in page.controls:
            if not _worth_clicking(control):
                continue
            key = (control.selector, control.text)
            if key in self._candidates:
                self._candidates[key].pages.append(page.url)
            elif _avoid(control, self.options.avoid):
                self._avoided += 1
            else:
                self._candidates[key] = _Candidate(control, [page.url])

    async def finish(self) -> tuple[ProbeResult, ...]:
        """Click every candidate (up to max_controls) in a throwaway tab."""
        if not self.options.enabled:
            return ()
        todo = list(self._candidates.values())[: self.options.max_controls]
        results = []
        for candidate in todo:
            results.append(await self._probe(candidate))
        self._results = tuple(results)
        return self._results

    async def close(self) -> None:
        """Nothing runs in the background."""

    def notes(self) -> list[str]:
        """Say that the probe ran, and what it did."""
        if not self.options.enabled:
            return []
        dead = sum(1 for r in self._results if r.dead)
        left = len(self._candidates) - len(self._results)
        note = (
            f"Click probe: clicked {len(self._results)} controls that have a listener; "
            f"{dead} did nothing at all."
        )
        if self._avoided:
            were = "was" if self._avoided == 1 else "were"
            note += f" {self._avoided} {were} not clicked: their words say they change data."
        if left > 0:
            note += f" {left} more were over max_controls and not clicked."
        return [note]

    async def _probe(self, candidate: _Candidate) -> ProbeResult:
        control, url = candidate.control, candidate.pages[0]
        page = await self.scope.context.new_page()
        watch = _Watch()
        try:
            await page.add_init_script(_GUARD)
            await page.route("**/*", lambda route: self._guard(route, watch))
            await page.goto(url, wait_until="load", timeout=_LOAD_TIMEOUT_MS)
            effects = await _click_and_watch(page, control, watch)
            return ProbeResult(control.selector, control.text, tuple(candidate.pages), effects)
        except (PlaywrightError, TimeoutError) as error:
            first = str(error).strip().splitlines()[0] if str(error).strip() else "failed"
            return ProbeResult(control.selector, control.text, tuple(candidate.pages), (), first)
        finally:
            with contextlib.suppress(PlaywrightError):
                await page.close()

    async def _guard(self, route: Route, watch: _Watch) -> None:
        request = route.request
        leaving = request.is_navigation_request() and request.frame.parent_frame is None
        with contextlib.suppress(PlaywrightError):
            if leaving and watch.armed and not self.scope.in_scope(request.url):
                watch.left_site = True
                await route.abort("blockedbyclient")
                return
            if watch.armed:
                watch.requests += 1
            await route.continue_()


@dataclass
class _Watch:
    """What the probe tab did after the click."""

    armed: bool = False
    requests: int = 0
    dialogs: int = 0
    popups: int = 0
    left_site: bool = False


async def _click_and_watch(page: Page, control: Control, watch: _Watch) -> tuple[str, ...]:
    """Click once and list what happened within the watch window."""
    page.on("dialog", lambda dialog: _dismiss(dialog, watch))
    page.on("popup", lambda popup: setattr(watch, "popups", watch.popups + 1))
    await page.wait_for_timeout(_BASELINE_MS)
    quiet_before = await _counters(page)
    await page.wait_for_timeout(_BASELINE_MS)
    baseline = await _counters(page)
    noisy = baseline["mutations"] != quiet_before["mutations"]  # carousels, clocks
    address = page.url
    watch.armed = True
    await page.locator(control.selector).first.click(timeout=_CLICK_TIMEOUT_MS)
    await page.wait_for_timeout(_WATCH_MS)
    after = await _counters(page)
    effects = []
    if page.url != address or watch.left_site:
        effects.append("went to another address")
    if after["mutations"] > baseline["mutations"] and not noisy:
        effects.append("changed the page")
    if noisy:
        effects.append("the page changes on its own, so no conclusion")
    if watch.requests:
        effects.append("made a request")
    if watch.dialogs:
        effects.append("opened a dialog")
    if watch.popups or after["opened"]:
        effects.append("opened a new tab")
    if after["submitted"]:
        effects.append("submitted a form (cancelled)")
    return tuple(effects)


async def _counters(page: Page) -> dict[str, int]:
    values = await page.evaluate("() => ({...(window.__cxcheckProbe || {})})")
    return {k: int(values.get(k, 0)) for k in ("mutations", "opened", "submitted")}


async def _dismiss(dialog: Dialog, watch: _Watch) -> None:
    watch.dialogs += 1
    with contextlib.suppress(PlaywrightError):
        await dialog.dismiss()


def _worth_clicking(control: Control) -> bool:
    """Has a listener (inert ones are reported without clicking), no href, safe to reach."""
    return (
        bool(control.handler)
        and control.href is None
        and not control.acts
        and not control.disabled
        and not control.in_shadow
        and bool(control.text)
        and control.region in PROBED_REGIONS
    )


def _avoid(control: Control, words: tuple[str, ...]) -> bool:
    """A word starts a word of the control's text or attributes: "pay" in "Pay now" and
    "payment-btn", "logout" in "logoutButton", but not "pay" in "display"."""
    said = f"{control.text} {control.attrs}".lower()
    return any(re.search(rf"(?<![a-z]){re.escape(word.lower())}", said) for word in words)
