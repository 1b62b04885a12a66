"""The "axe" capture: axe-core run inside a loaded page, every frame included.

axe-playwright-python ships axe-core and injects it into the top frame only, so violations
inside iframes go unseen. Here the script goes into every frame, each frame allows axe's
messages from any origin (cross-origin iframes are part of the page a customer sees), and
one `axe.run` in the top frame collects and merges the results of all of them.

axe-core's 500 KB reach the browser once per tab, not once per page and frame: an init script
(`axe_init_script`) keeps the source in every document as a function nobody calls, which V8
only pre-parses; the capture calls it. Sending the source with each evaluate cost ~45 ms a
page in transfer alone (bench/check_cost.py --check accessibility; figures in
bench/README.md). A frame without it (a document older than the tab's init scripts) gets the
source as before.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from playwright.async_api import Error as PlaywrightError
from playwright.async_api import Page

from cxcheck.axe_core import axe_script
from cxcheck.captures import AxeRequest

_ALL_ORIGINS = ";axe.configure({allowedOrigins: ['<unsafe_all_origins>']});"
# Where the init script keeps axe: a registered symbol, so no page name can clash with it,
# non-enumerable and read-only, so the page neither lists nor replaces it.
_KEPT = "Symbol.for('cxcheck.axe-core')"
# Starts axe in a frame from what the init script kept; false when the frame has none.
_START_KEPT = f"""() => {{
  const start = window[{_KEPT}];
  if (typeof start !== "function") return false;
  start.call(window);
  {_ALL_ORIGINS.strip(";")};
  return true;
}}"""

# Rules that change other rules' answers when they run in the same axe.run, each then run in
# a pass of its own (docs/axe-rule-interference.md): color-contrast-enhanced computes each
# element's background with its own text-shadow threshold (0.1 em, color-contrast's is
# 0.2 em) and axe caches that background on the element for whichever rule asks next.
ISOLATED_RULES = ("color-contrast-enhanced",)

# Runs axe, keeps only the fields checks read, and notes each top-frame element's region
# (nav/header/footer) so a finding can say "in the site header".
_RUN = """async ({context, options, isolated}) => {
  // Would this run include `id`? A rule switch decides, else the runOnly list.
  const runOnly = options.runOnly || null;
  const listed = !runOnly ? null : runOnly.type === "rule" ? new Set(runOnly.values)
    : new Set(axe.getRules(runOnly.values).map((r) => r.ruleId));
  const runs = (id) => {
    const own = options.rules && options.rules[id];
    if (own && "enabled" in own) return own.enabled;
    return listed ? listed.has(id) : axe.getRules().some((r) => r.ruleId === id);
  };
  const alone = isolated.filter(runs);
  const rest = {...(options.rules || {})};
  for (const id of alone) rest[id] = {enabled: false};
  const results = await axe.run(context || document, {...options, rules: rest});
  for (const id of alone) {  // a pass of its own: axe's caches start empty in each run
    const own = await axe.run(context || document, {
      ...options, runOnly: {type: "rule", values: [id]}, rules: {},
    });
    results.violations.push(...own.violations);
    results.incomplete = (results.incomplete || []).concat(own.incomplete || []);
  }
  const regionOf = (selector) => {
    let el = null;
    try { el = document.querySelector(selector); } catch (e) { return ""; }
    const roles = {navigation: "nav", banner: "header", contentinfo: "footer"};
    for (let node = el; node && node.nodeType === 1; node = node.parentElement) {
      const role = node.getAttribute("role");
      if (roles[role]) return roles[role];
      const tag = node.tagName.toLowerCase();
      if (tag === "nav" || tag === "header" || tag === "footer") return tag;
    }
    return "";
  };
  const keep = (rule) => ({
    id: rule.id, impact: rule.impact, help: rule.help, description: rule.description,
    helpUrl: rule.helpUrl, tags: rule.tags,
    nodes: rule.nodes.map((n) => ({
      target: n.target, html: n.html, impact: n.impact, failureSummary: n.failureSummary,
      region: n.target.length === 1 && typeof n.target[0] === "string" ? regionOf(n.target[0]) : "",
    })),
  });
  return {
    version: results.testEngine.version,
    violations: results.violations.map(keep),
    incomplete: (results.incomplete || []).map(keep),
  };
}"""


# What axe sees must not depend on the moment it looks (or on how busy the machine is): web
# fonts are waited for (text in a font still loading is invisible or in a fallback font),
# finite animations and transitions are run to their end (what customers see once the page
# settles), and endless ones are held at their start.
_SETTLE = """async (maxWaitMs) => {
  if (document.fonts) {
    await Promise.race([document.fonts.ready, new Promise((r) => setTimeout(r, maxWaitMs))]);
  }
  for (const animation of document.getAnimations ? document.getAnimations() : []) {
    try {
      const end = animation.effect ? animation.effect.getComputedTiming().endTime : Infinity;
      if (Number.isFinite(end)) animation.finish();
      else { animation.pause(); animation.currentTime = 0; }
    } catch (e) { /* an animation that cannot be finished (no effect): left as it is */ }
  }
}"""
_FONTS_WAIT_MS = 3000


async def capture_axe(page: Page, request: AxeRequest) -> dict[str, Any]:
    """axe-core's results for the page, with the request's `context` and `options`."""
    for frame in page.frames:
        try:
            await frame.evaluate(_SETTLE, _FONTS_WAIT_MS)
        except PlaywrightError:
            continue  # a frame that went away or refuses scripts
    for frame in page.frames:
        try:
            if not await frame.evaluate(_START_KEPT):
                await frame.evaluate(axe_script() + _ALL_ORIGINS)
        except PlaywrightError:
            continue  # a frame that went away or refuses scripts; axe reports it as untested
    return await page.evaluate(
        _RUN,
        {
            "context": request.context,
            "options": dict(request.options),
            "isolated": list(ISOLATED_RULES),
        },
    )


@cache
def axe_init_script() -> str:
    """The init script that keeps axe-core in every document, uncalled (see the module's
    docstring). It never throws: a page error of ours would be blamed on the page."""
    return (
        "try { Object.defineProperty(window, "
        f"{_KEPT}, {{value: function () {{\n{axe_script()}\n}}}}); }} catch (e) {{}}"
    )
