// Runs once inside each loaded page: everything the checks read from the rendered DOM,
// in one evaluate call. Returns plain JSON; snapshot.py turns it into a PageSnapshot.
// This is a function body: snapshot.py wraps it, with dom.js's helpers in front. `input` is
// the most characters of HTML and of text to return (snapshot.MAX_PAGE_CHARS).
  const maxChars = input;
  // Past this many, a page is one no person reads whole. Reading is linear: 50,000 links
  // take about a second and a half (bench/bounds.py).
  const MAX_LINKS = 100000;
  const html = document.documentElement ? document.documentElement.outerHTML : "";
  const cut = html.length > maxChars;
  // innerText lays the page out; on a page too large to read whole, textContent (no
  // layout) stands in for it.
  const textOfBlock = (el) => (el ? (cut ? el.textContent : el.innerText) || "" : "").slice(0, maxChars);
  const KINDS = {
    A: [["href"]], AREA: [["href"]], IMG: [["src"], ["srcset"]], SCRIPT: [["src"]],
    LINK: [["href"]], IFRAME: [["src"]], FORM: [["action"]], SOURCE: [["src"], ["srcset"]],
    VIDEO: [["src"], ["poster"]], AUDIO: [["src"]], EMBED: [["src"]], OBJECT: [["data"]],
  };

  const links = [];
  for (const el of elements(document)) {
    if (links.length >= MAX_LINKS) break;
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

  // url(...) in same-origin stylesheets and style attributes: backgrounds and fonts the
  // browser only fetches when something uses them, so a broken one may never be requested.
  const CSS_URL = /url\(\s*(['"]?)([^'")]+)\1\s*\)/g;
  const cssSeen = new Set();
  function cssUrls(text, base, owner) {
    for (const match of text.matchAll(CSS_URL)) {
      const raw = match[2].trim();
      if (!raw || raw.startsWith("data:") || raw.startsWith("#")) continue;
      let href = "";
      try { href = new URL(raw, base).href; } catch (e) { href = ""; }
      if (cssSeen.has(href)) continue;
      cssSeen.add(href);
      links.push({ href, raw, kind: "css", attr: "url", rel: "", text: base === document.baseURI ? "" : base,
                   selector: owner ? selectorOf(owner) : "", region: "", visible: false });
    }
  }
  function readRules(sheet) {
    try { return sheet.cssRules || []; } catch (e) { return []; }  // another origin's sheet
  }
  function cssRules(rules, base, owner, depth) {
    for (const rule of rules) {
      if (rule.styleSheet && depth < 5) {  // @import: its rules resolve against its own URL
        cssUrls(`url("${rule.href}")`, base, owner);
        cssRules(readRules(rule.styleSheet), rule.styleSheet.href || base, owner, depth + 1);
      } else if (rule.cssRules) {
        cssRules(rule.cssRules, base, owner, depth);  // @media, @supports, @layer
      }
      if (rule.style) cssUrls(rule.style.cssText, base, owner);
    }
  }
  for (const sheet of document.styleSheets) {
    cssRules(readRules(sheet), sheet.href || document.baseURI, sheet.ownerNode, 0);
  }
  for (const el of document.querySelectorAll("[style*='url(' i]")) {
    cssUrls(el.getAttribute("style") || "", document.baseURI, el);
  }

  // What a link's #fragment may name: element ids and <a name>.
  const anchors = [];
  for (const el of document.querySelectorAll("[id], a[name]")) {
    if (anchors.length >= 5000) break;
    if (el.id) anchors.push(el.id);
    if (el.tagName === "A" && el.getAttribute("name")) anchors.push(el.getAttribute("name"));
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
  // What the site repeats around a page's own content: header, navigation, footer, side
  // bars and cookie banners (outermost ones only; a header inside <main> or an <article> is
  // the article's own). Checks that judge a page by its own content leave this text out.
  const REPEATED = "header, nav, footer, aside, [role=banner], [role=navigation], [role=contentinfo], " +
    "[role=complementary], [id=header i], [id=footer i], [id=navbar i], [id=menu i], [class~=header i], " +
    "[class~=footer i], [class~=navbar i], [class~=site-header i], [class~=site-footer i], " +
    "[class~=sidebar i], [id*=cookie i], [class*=cookie i], [id*=consent i], [class*=consent i]";
  const repeated = [];
  for (const el of document.querySelectorAll(REPEATED)) {
    if (repeated.length >= 50) break;
    if (el.parentElement && el.parentElement.closest(REPEATED)) continue;
    const own = el.closest("main, [role=main], article");
    const banner = /cookie|consent/i.test((el.id || "") + " " + (el.getAttribute("class") || ""));
    if (own && !banner) continue;
    const text = visible(el) ? (el.innerText || "").trim() : "";
    if (text) repeated.push(text.slice(0, 20000));
  }
  // One JSON text: Playwright's own encoding of a result this large is ten times slower.
  return JSON.stringify({
    boilerplate_text: repeated,
    title: document.title || "",
    headings,
    main_text: textOfBlock(main || document.body),
    aria_hidden_text: ariaHidden,
    html: html.slice(0, maxChars),
    text: textOfBlock(document.body),
    cut,
    lang: document.documentElement ? document.documentElement.lang || "" : "",
    links,
    anchors,
    timings: nav ? {
      ttfb_ms: nav.responseStart, dom_content_loaded_ms: nav.domContentLoadedEventEnd,
      load_ms: nav.loadEventEnd || nav.loadEventStart, fcp_ms: paint ? paint.startTime : null,
    } : null,
    requests: resources.length + 1,
    bytes,
  });
