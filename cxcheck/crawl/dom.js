// Helpers shared by the in-page scripts (capture.js, controls.js): snapshot.py puts this
// text at the top of each script's body, so both name and place elements the same way.
  const REGION_TAGS = { NAV: "nav", HEADER: "header", FOOTER: "footer" };
  const REGION_ROLES = { navigation: "nav", banner: "header", contentinfo: "footer", menu: "nav", menubar: "nav" };
  const cssEscape = (s) => (window.CSS && CSS.escape ? CSS.escape(s) : s);

  // Each element's place among its parent's children of its tag, and how many there are,
  // worked out once per parent: on a page with thousands of paragraphs side by side,
  // counting them again for each link took half a minute. The scripts never yield while
  // they run, so the DOM cannot change under this cache.
  const places = new WeakMap();
  function placeOf(parent, node) {
    if (!places.has(node)) {
      const counts = new Map();
      for (const child of parent.children) counts.set(child.tagName, (counts.get(child.tagName) || 0) + 1);
      const seen = new Map();
      for (const child of parent.children) {
        const nth = (seen.get(child.tagName) || 0) + 1;
        seen.set(child.tagName, nth);
        places.set(child, { nth, of: counts.get(child.tagName) });
      }
    }
    return places.get(node) || { nth: 1, of: 1 };
  }

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
      const place = placeOf(parent, node);
      parts.unshift(place.of > 1 ? `${tag}:nth-of-type(${place.nth})` : tag);
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

