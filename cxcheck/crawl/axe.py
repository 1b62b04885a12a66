"""The "axe" capture: axe-core run inside a loaded page, every frame included.

axe-playwright-python ships axe-core and injects it into the top frame only, so violations
inside iframes go unseen. Here the script goes into every frame, each frame allows axe's
messages from any origin (cross-origin iframes are part of the page a customer sees), and
one `axe.run` in the top frame collects and merges the results of all of them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from axe_playwright_python.base import AXE_SCRIPT
from playwright.async_api import Error as PlaywrightError
from playwright.async_api import Page

_VERSION = re.search(r"axe v([\d.]+)", AXE_SCRIPT[:200])
AXE_VERSION = _VERSION.group(1) if _VERSION else "unknown"

_INJECT = AXE_SCRIPT + ";axe.configure({allowedOrigins: ['<unsafe_all_origins>']});"

# Runs axe, keeps only the fields checks read, and notes each top-frame element's region
# (nav/header/footer) so a finding can say "in the site header".
_RUN = """async ({context, options}) => {
  const results = await axe.run(context || document, options);
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


async def capture_axe(page: Page, options: Mapping[str, Any]) -> dict[str, Any]:
    """axe-core's results for the page; `options` holds axe's `context` and `options`."""
    for frame in page.frames:
        try:
            await frame.evaluate(_INJECT)
        except PlaywrightError:
            continue  # a frame that went away or refuses scripts; axe reports it as untested
    return await page.evaluate(
        _RUN, {"context": options.get("context"), "options": options.get("options", {})}
    )
