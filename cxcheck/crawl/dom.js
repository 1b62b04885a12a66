// Helpers shared by the in-page scripts (capture.js, controls.js): snapshot.py puts this
// text at the top of each script's body, so both name and place elements the same way.
  const REGION_TAGS = { NAV: "nav", HEADER: "header", FOOTER: "footer" };
  const REGION_ROLES = { navigation: "nav", banner: "header", contentinfo: "footer", menu: "nav", menubar: "nav" };
  const cssEscape = (s) => (window.CSS && CSS.escape ? CSS.escape(s) : s);

  function selectorOf(el) {
    const parts = [];
    let node = el;
    while (node && node.nodeType === 1 && parts.length < 8) {
      if (node.id && node.getRootNode().querySelectorAll("#" + cssEscape(node.id)).length === 1) {
        parts.unshift("#" + cssEscape(node.id));
        break;
      }
      const tag = node.tagName.toLowerCase();
      if (tag === "html" || tag === "body") { parts.unshift(tag); break; }
      const parent = node.parentElement;
      if (!parent) { parts.unshift(tag); break; }
      const same = Array.from(parent.children).filter((c) => c.tagName === node.tagName);
      parts.unshift(same.length > 1 ? `${tag}:nth-of-type(${same.indexOf(node) + 1})` : tag);
      node = parent;
    }
    return parts.join(" > ");
  }

  function regionOf(el) {
    for (let node = el; node && node.nodeType === 1; node = node.parentElement) {
      const role = node.getAttribute("role");
      if (role && REGION_ROLES[role]) return REGION_ROLES[role];
      if (REGION_TAGS[node.tagName]) return REGION_TAGS[node.tagName];
    }
    return "";
  }

  function visible(el) {
    if (!el.getClientRects().length) return false;
    const style = getComputedStyle(el);
    return style.visibility !== "hidden" && style.display !== "none";
  }

  function textOf(el) {
    const text = (el.innerText || el.textContent || "").trim().replace(/\s+/g, " ");
    return (text || el.getAttribute("aria-label") || el.getAttribute("title") || el.getAttribute("alt") || "").slice(0, 200);
  }

  // srcset candidates as the HTML spec splits them: a URL may itself contain commas.
  function srcsetUrls(value) {
    const urls = [];
    let pos = 0;
    while (pos < value.length) {
      while (pos < value.length && /[\s,]/.test(value[pos])) pos++;
      const start = pos;
      while (pos < value.length && !/\s/.test(value[pos])) pos++;
      let url = value.slice(start, pos);
      if (url.endsWith(",")) url = url.replace(/,+$/, "");
      else while (pos < value.length && value[pos] !== ",") pos++;
      if (url) urls.push(url);
    }
    return urls;
  }

  function* elements(root) {
    for (const el of root.querySelectorAll("*")) {
      yield el;
      if (el.shadowRoot) yield* elements(el.shadowRoot);
    }
  }

