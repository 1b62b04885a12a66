// Runs once inside each loaded page: everything the checks read from the rendered DOM,
// in one evaluate call. Returns plain JSON; snapshot.py turns it into a PageSnapshot.
() => {
  const REGION_TAGS = { NAV: "nav", HEADER: "header", FOOTER: "footer" };
  const REGION_ROLES = { navigation: "nav", banner: "header", contentinfo: "footer", menu: "nav", menubar: "nav" };
  const KINDS = {
    A: [["href"]], AREA: [["href"]], IMG: [["src"], ["srcset"]], SCRIPT: [["src"]],
    LINK: [["href"]], IFRAME: [["src"]], FORM: [["action"]], SOURCE: [["src"], ["srcset"]],
    VIDEO: [["src"], ["poster"]], AUDIO: [["src"]], EMBED: [["src"]], OBJECT: [["data"]],
  };

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

  const links = [];
  for (const el of elements(document)) {
    const attrs = KINDS[el.tagName];
    if (!attrs) continue;
    for (const [attr] of attrs) {
      const raw = el.getAttribute(attr);
      if (raw === null) continue;
      const values = attr === "srcset" ? srcsetUrls(raw) : [raw];
      for (const value of values) {
        let href = "";
        try { href = new URL(value, document.baseURI).href; } catch (e) { href = ""; }
        links.push({
          href, raw: value, kind: el.tagName.toLowerCase(), attr,
          rel: (el.getAttribute("rel") || "").toLowerCase(),
          text: textOf(el), selector: selectorOf(el), region: regionOf(el), visible: visible(el),
        });
      }
    }
  }
  const refresh = document.querySelector('meta[http-equiv="refresh" i]');
  if (refresh) {
    const match = /url\s*=\s*['"]?([^'"]+)/i.exec(refresh.getAttribute("content") || "");
    if (match) {
      links.push({ href: new URL(match[1], document.baseURI).href, raw: match[1], kind: "meta", attr: "content",
                   rel: "", text: "", selector: selectorOf(refresh), region: "", visible: false });
    }
  }

  const nav = performance.getEntriesByType("navigation")[0];
  const paint = performance.getEntriesByType("paint").find((p) => p.name === "first-contentful-paint");
  const resources = performance.getEntriesByType("resource");
  const bytes = resources.reduce((sum, r) => sum + (r.transferSize || 0), nav ? nav.transferSize || 0 : 0);
  const headings = Array.from(document.querySelectorAll("h1, h2, h3"))
    .filter(visible)
    .map((h) => ({ level: Number(h.tagName[1]), text: (h.innerText || "").trim().replace(/\s+/g, " ").slice(0, 300) }));
  const main = document.querySelector("main, [role=main]");
  // innerText keeps text that is hidden from assistive technology only; checks that judge
  // what a page "says" leave it out, so it is listed apart.
  const ariaHidden = Array.from(document.querySelectorAll('[aria-hidden="true"]'))
    .map((el) => (el.innerText || "").trim())
    .filter(Boolean);
  return {
    title: document.title || "",
    headings,
    main_text: main ? main.innerText : document.body ? document.body.innerText : "",
    aria_hidden_text: ariaHidden,
    html: document.documentElement ? document.documentElement.outerHTML : "",
    text: document.body ? document.body.innerText : "",
    lang: document.documentElement ? document.documentElement.lang || "" : "",
    links,
    timings: nav ? {
      ttfb_ms: nav.responseStart, dom_content_loaded_ms: nav.domContentLoadedEventEnd,
      load_ms: nav.loadEventEnd || nav.loadEventStart, fcp_ms: paint ? paint.startTime : null,
    } : null,
    requests: resources.length + 1,
    bytes,
  };
}
