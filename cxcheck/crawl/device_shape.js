// The shape of the page, for the devices check: its DOM's structure (to group pages by
// template), the addresses it links to as loaded, and the media queries of its stylesheets
// (the widths where its layout changes). A function body: scripts.py wraps it with dom.js's
// helpers in front. `input`: {parts: ["signature", "links", "media"]}
  const want = new Set(input.parts || []);
  const classOf = (el) => (typeof el.className === "string" ? el.className : el.getAttribute("class") || "");
  const out = {};

  // --- The page's structure, to tell templates apart: tag and class paths, hashed.
  if (want.has("signature")) {
    const hash = (s) => { let h = 2166136261; for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619); return h >>> 0; };
    const paths = new Set();
    const names = new Map();
    for (const el of document.body ? document.body.querySelectorAll("*") : []) {
      const cls = classOf(el).split(/\s+/).filter((c) => c && !/\d/.test(c)).sort().slice(0, 3).join(".");
      const parent = names.get(el.parentElement) || "body";
      const depth = parent.split(">").length;
      if (depth > 10 || ["SCRIPT", "STYLE", "TEMPLATE", "NOSCRIPT"].includes(el.tagName)) continue;
      const name = `${parent}>${el.tagName.toLowerCase()}${cls ? "." + cls : ""}`;
      names.set(el, name);
      paths.add(hash(name));
      if (paths.size >= 3000) break;
    }
    out.signature = [...paths];
  }

  // --- The addresses the page links to, as loaded (to tell a page's own links from ones that
  // change from load to load, such as recommendations).
  if (want.has("links")) {
    out.links = [...new Set([...document.querySelectorAll("a[href]")].map((a) => a.href))].slice(0, 3000);
  }

  // --- Media queries of the page's stylesheets (the widths where its layout changes).
  if (want.has("media")) {
    const media = new Set(), unreadable = [];
    const rules = (list) => {
      for (const rule of list || []) {
        if (rule.media && rule.media.mediaText) media.add(rule.media.mediaText);
        if (rule.conditionText && rule.constructor.name === "CSSMediaRule") media.add(rule.conditionText);
        if (rule.cssRules) rules(rule.cssRules);
        if (rule.styleSheet) sheet(rule.styleSheet);
      }
    };
    const sheet = (s) => {
      if (s.media && s.media.mediaText) media.add(s.media.mediaText);
      try { rules(s.cssRules); } catch (e) { if (s.href) unreadable.push(s.href); }
    };
    for (const s of document.styleSheets) sheet(s);
    for (const s of document.adoptedStyleSheets || []) sheet(s);
    for (const el of document.querySelectorAll("source[media], link[media], style[media]")) media.add(el.getAttribute("media"));
    out.media = [...media].slice(0, 500);
    out.unreadable_sheets = unreadable.slice(0, 50);
  }
  return out;
