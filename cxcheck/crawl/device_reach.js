// What a customer can reach on the page at this screen size: links, buttons, fields and menu
// entries that are visible, or that a visible control reveals (menu buttons, hamburgers,
// disclosures are opened before deciding), and the content blocks they can read. A function
// body: scripts.py wraps it with dom.js's helpers in front. `input`:
//   {reveal: true, exclude: [CSS selectors], avoid: [words never clicked], maxToggles: 24}
// First the page is scrolled through as a customer would (content that fades in on scroll,
// lazy parts), then back to the top. Clicking is guarded: forms are not submitted, links
// are not followed, windows not opened.
  const MAX_ITEMS = 1500, MAX_BLOCKS = 300;
  const root = document.documentElement;
  const vw = root.clientWidth, vh = root.clientHeight;
  const excluded = [];
  for (const selector of input.exclude || []) {
    try { excluded.push(...document.querySelectorAll(selector)); } catch (e) { /* bad selector */ }
  }
  const avoid = new RegExp(`(^|[^a-z])(${(input.avoid || ["delete"]).map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|")})`, "i");
  const FIELD_SKIP = new Set(["hidden", "submit", "button", "reset", "image"]);
  const MENU_WORDS = /menu|nav|burger|hamburger|toggle|drawer|offcanvas|more|categor|expand|open/i;
  const CLOSE_WORDS = /^(close|dismiss|cancel|hide|back|×|✕|x)\b/i;
  const PHONE_ONLY = /^(tel|sms|whatsapp|facetime):/i;
  const norm = (s) => (s || "").replace(/\s+/g, " ").trim();
  const words = (el) => norm([el.getAttribute("aria-label"), el.id, typeof el.className === "string" ? el.className : "",
    el.getAttribute("title"), el.textContent].join(" ")).toLowerCase();
  const labelOf = (el) => {
    if (el.labels && el.labels.length) return norm(el.labels[0].textContent);
    return norm(el.getAttribute("aria-label") || el.getAttribute("placeholder") || el.getAttribute("title") || "");
  };
  const nameOf = (el) => norm(el.getAttribute("aria-label") || el.innerText || el.value || el.getAttribute("title") || el.getAttribute("alt") || "").slice(0, 80);

  const CAROUSEL = /carousel|slider|swiper|slick|splide|glide|flickity|owl-|marquee|ticker/i;
  const carousel = (node) => CAROUSEL.test(`${typeof node.className === "string" ? node.className : ""} ${node.id}`)
    || /carousel|slide/i.test(node.getAttribute("aria-roledescription") || "")
    || (getComputedStyle(node).scrollSnapType || "none") !== "none";

  const isToggle = (el) => {
    if (el.tagName === "SUMMARY") return true;
    if ((el.getAttribute("role") || "").toLowerCase() === "tab") return true;
    if (el.hasAttribute("aria-expanded") || el.hasAttribute("aria-controls") || el.hasAttribute("popovertarget")) return true;
    if (el.hasAttribute("data-toggle") || el.hasAttribute("data-bs-toggle") || el.hasAttribute("data-toggler") || el.hasAttribute("data-open")) return true;
    if (el.tagName === "LABEL" && el.htmlFor) {
      const box = document.getElementById(el.htmlFor);
      if (box && box.type === "checkbox" && !el.textContent.trim().match(/\w{4,}.*\w{4,}/)) return MENU_WORDS.test(words(el) + " " + words(box));
    }
    const role = (el.getAttribute("role") || "").toLowerCase();
    return (el.tagName === "BUTTON" || role === "button") && MENU_WORDS.test(words(el)) && !/\w{3,} \w{3,} \w{3,}/.test(norm(el.innerText));
  };

  // Reachable now: on screen or on the page (not off to one side, clipped away, see-through
  // or hidden), and bigger than the 1-pixel boxes that hide text for screen readers.
  const scroller = document.scrollingElement || root;
  const clipsX = (el) => el && ["hidden", "clip"].includes(getComputedStyle(el).overflowX);
  const pageWidth = clipsX(root) || clipsX(document.body) ? vw : Math.max(vw, scroller.scrollWidth);
  const carouselOf = (el) => {
    for (let node = el.parentElement; node && node !== document.body; node = node.parentElement) {
      if (carousel(node)) return node;
    }
    return null;
  };
  function reachable(el) {
    const rects = el.getClientRects();
    if (!rects.length) return false;
    const st = getComputedStyle(el);
    if (st.visibility !== "visible") return false;
    // A carousel shows its slides one view at a time on purpose: its arrows and a swipe reach
    // the others, so what is in a carousel is reachable where the carousel is.
    const rail = carouselOf(el);
    if (rail) return reachable(rail);
    const r = el.getBoundingClientRect();
    let box = { l: r.left, t: r.top, r: r.right, b: r.bottom };
    let fixed = st.position === "fixed";
    for (let node = el; node && node !== root; node = node.parentElement) {
      const s = node === el ? st : getComputedStyle(node);
      if (parseFloat(s.opacity) === 0 || node.inert || s.contentVisibility === "hidden") return false;
      if (/rect\(0(px)?,?\s*0(px)?/.test(s.clip || "") || /inset\(50%/.test(s.clipPath)) return false;
      const clips = ["hidden", "clip"].includes(s.overflowX) || ["hidden", "clip"].includes(s.overflowY);
      if (node !== el && clips) {
        const c = node.getBoundingClientRect();
        box = { l: Math.max(box.l, c.left), t: Math.max(box.t, c.top), r: Math.min(box.r, c.right), b: Math.min(box.b, c.bottom) };
      }
      if (s.position === "fixed") fixed = true;
    }
    if (box.r - box.l < 2 || box.b - box.t < 2) return false;
    const sx = fixed ? 0 : window.scrollX, sy = fixed ? 0 : window.scrollY;
    const width = fixed ? vw : pageWidth;
    if (box.r + sx <= 0 || box.b + sy <= 0 || box.l + sx >= width) return false;
    return !(fixed && box.t >= vh);
  }

  // Scroll through the page as a customer would: content that fades in as it scrolls into
  // view (and lazy parts) shows once seen. Then back to the top.
  if (input.reveal) {
    const step = Math.max(200, vh * 0.8);
    for (let y = step, n = 0; y < scroller.scrollHeight && n < 15; y += step, n++) {
      window.scrollTo(0, y);
      await new Promise((done) => setTimeout(done, 40));
    }
    window.scrollTo(0, 0);
    await new Promise((done) => requestAnimationFrame(() => setTimeout(done, 60)));
    for (const a of document.getAnimations ? document.getAnimations() : []) {
      try { if (Number.isFinite(a.effect.getComputedTiming().endTime)) a.finish(); } catch (e) { /* no effect */ }
    }
  }
  // Rules that show something when the pointer is over (or focus is in) an element around it,
  // such as `.card:hover .quick-view { opacity: 1 }`: a customer pointing, or tapping, there
  // reaches what they show.
  const REVEALING = ["display", "visibility", "opacity", "max-height", "height", "transform", "clip", "clip-path",
                     "left", "right", "top", "pointer-events"];
  const hoverShown = [];
  const collect = (rules) => {
    for (const rule of rules || []) {
      if (hoverShown.length >= 500) return;
      if (rule.cssRules) collect(rule.cssRules);
      const text = rule.selectorText;
      if (!text || !/:(hover|focus-within)/.test(text) || !REVEALING.some((p) => rule.style.getPropertyValue(p))) continue;
      for (const one of text.split(",")) {
        const at = one.search(/:(hover|focus-within)/);
        const after = one.slice(at).replace(/^:(hover|focus-within)/, "");
        if (!/^[^\s>+~]*[\s>+~]/.test(after)) continue;  // the pointer is over the element itself
        hoverShown.push(one.replace(/:(hover|focus-within)/g, ""));
      }
    }
  };
  for (const sheet of document.styleSheets) { try { collect(sheet.cssRules); } catch (e) { /* another origin's */ } }
  const byHover = (el) => hoverShown.some((selector) => {
    try {
      const shown = el.closest(selector);
      return shown && shown.parentElement && reachable(shown.parentElement);
    } catch (e) { return false; }
  });

  const items = [], blocks = [];
  const entries = new Map();  // element -> its entry
  const inExcluded = (el) => excluded.some((x) => x.contains(el));
  function kindOf(el) {
    const tag = el.tagName, role = (el.getAttribute("role") || "").toLowerCase();
    if (tag === "A" && el.hasAttribute("href")) {
      const href = el.getAttribute("href").trim();
      if (!href || href === "#" || /^javascript:/i.test(href)) return role === "button" ? "button" : "";
      return "link";
    }
    if (tag === "BUTTON" || role === "button" || (tag === "INPUT" && ["submit", "button", "reset", "image"].includes(el.type))) return "button";
    if ((tag === "INPUT" && !FIELD_SKIP.has(el.type)) || tag === "SELECT" || tag === "TEXTAREA") return "field";
    return "";
  }
  function keyOf(el, kind) {
    if (kind === "link") return "link " + el.href;
    if (kind === "button") { const n = nameOf(el).toLowerCase(); return n ? "button " + n : ""; }
    const name = el.getAttribute("name") || labelOf(el).toLowerCase() || el.id;
    return name ? `field ${el.type || el.tagName.toLowerCase()} ${name}` : "";
  }
  const inMenu = (el) => !!el.closest("nav, [role=navigation], [role=menu], [role=menubar], header");
  for (const el of elements(document)) {
    if (items.length >= MAX_ITEMS) break;
    if (el.closest("template, noscript") || inExcluded(el)) continue;
    const kind = kindOf(el);
    if (!kind || isToggle(el)) continue;
    if (kind === "link" && PHONE_ONLY.test(el.getAttribute("href").trim())) continue;
    if (kind === "button" && (CLOSE_WORDS.test(nameOf(el)) || el.closest("[class*=carousel], [class*=slider], [class*=swiper]"))) continue;
    const key = keyOf(el, kind);
    if (!key) continue;
    const entry = { kind: kind === "link" && inMenu(el) ? "menu" : kind, key, label: (kind === "field" ? labelOf(el) || el.name : nameOf(el)).slice(0, 80),
                    selector: selectorOf(el), region: regionOf(el), reach: reachable(el) ? "visible" : "", via: "" };
    items.push(entry);
    entries.set(el, entry);
  }
  const blockKey = (el) => {
    if (/^H[1-6]$/.test(el.tagName)) { const t = norm(el.textContent); return t ? ["heading", "heading " + t.toLowerCase().slice(0, 80), t] : null; }
    if (el.tagName === "IMG") { const a = norm(el.getAttribute("alt")); return a ? ["image", "image " + a.toLowerCase().slice(0, 80), a] : null; }
    if (["P", "BLOCKQUOTE", "FIGCAPTION", "DD"].includes(el.tagName)) {
      const t = norm(el.textContent);
      return t.split(" ").length >= 8 ? ["text", "text " + t.toLowerCase().slice(0, 80), t] : null;
    }
    return null;
  };
  for (const el of document.querySelectorAll("h1, h2, h3, h4, h5, h6, img[alt], p, blockquote, figcaption, dd")) {
    if (blocks.length >= MAX_BLOCKS) break;
    if (el.closest("template, noscript") || inExcluded(el)) continue;
    const found = blockKey(el);
    if (!found) continue;
    const entry = { kind: found[0], key: found[1], label: found[2].slice(0, 80), selector: selectorOf(el), region: regionOf(el),
                    reach: reachable(el) ? "visible" : "", via: "" };
    blocks.push(entry);
    entries.set(el, entry);
  }

  // Reveal: click what opens menus and disclosures, hover and focus menu entries, and see
  // what became reachable. Never a link that leaves, a form that submits, a new window.
  const clicked = [];
  if (input.reveal) {
    const guard = (event) => {
      const link = event.target.closest && event.target.closest("a[href]");
      if (link && !/^#/.test(link.getAttribute("href") || "")) event.preventDefault();
    };
    const noSubmit = (event) => event.preventDefault();
    addEventListener("click", guard, true);
    addEventListener("submit", noSubmit, true);
    const open = window.open;
    window.open = () => null;
    const frame = () => new Promise((done) => requestAnimationFrame(() => done()));
    const pause = (ms) => new Promise((done) => setTimeout(done, ms));
    async function settle() {
      await frame(); await frame();
      for (let i = 0; i < 8; i++) {
        const running = (document.getAnimations ? document.getAnimations() : []).filter((a) => a.playState === "running");
        for (const a of running) {
          try {
            const end = a.effect ? a.effect.getComputedTiming().endTime : Infinity;
            if (Number.isFinite(end)) a.finish();
          } catch (e) { /* left as it is */ }
        }
        await pause(60);
        if (!running.length && i >= 1) break;
      }
    }
    const update = (via) => {
      for (const [el, entry] of entries) if (!entry.reach && el.isConnected && reachable(el)) { entry.reach = "revealed"; entry.via = via; }
    };
    const tried = new Set();
    for (let round = 0; round < 3 && clicked.length < (input.maxToggles || 24); round++) {
      const toggles = [...elements(document)].filter((el) => !tried.has(el) && isToggle(el) && !inExcluded(el)
        && reachable(el) && !avoid.test(words(el)) && el.getAttribute("aria-expanded") !== "true" && !(el.closest("details") || {}).open);
      if (!toggles.length) break;
      for (const el of toggles) {
        if (clicked.length >= (input.maxToggles || 24)) break;
        tried.add(el);
        const label = nameOf(el) || labelOf(el) || selectorOf(el);
        try { el.click(); } catch (e) { continue; }
        clicked.push(label);
        await settle();
        update(label);
      }
    }
    // Menus that open on hover or focus: focus each entry and tell it the pointer is over it.
    for (const li of document.querySelectorAll("nav li, [role=menubar] > *, [role=menu] > *")) {
      const inner = [...entries.keys()].filter((el) => li.contains(el) && !entries.get(el).reach);
      if (!inner.length) continue;
      const head = li.querySelector("a[href], button, [tabindex]");
      if (!head || !reachable(head)) continue;
      for (const type of ["pointerover", "pointerenter", "mouseover", "mouseenter"]) {
        head.dispatchEvent(new MouseEvent(type, { bubbles: !type.endsWith("enter") }));
        li.dispatchEvent(new MouseEvent(type, { bubbles: !type.endsWith("enter") }));
      }
      try { head.focus({ preventScroll: true }); } catch (e) { /* not focusable */ }
      await frame();
      const via = `${nameOf(head) || "a menu entry"} (hover)`;
      for (const el of inner) if (reachable(el)) { entries.get(el).reach = "revealed"; entries.get(el).via = via; }
      // A submenu only the pointer opens (CSS :hover) still opens for a customer pointing
      // or tapping at its entry.
      const submenu = (el) => { const list = el.closest("ul, ol, [role=menu]"); return list && list !== li && li.contains(list); };
      for (const el of inner) if (!entries.get(el).reach && submenu(el)) {
        entries.get(el).reach = "menu"; entries.get(el).via = `${nameOf(head) || "a menu entry"} (its submenu)`;
      }
      head.blur();
    }
    for (const [el, entry] of entries) {
      if (!entry.reach && el.isConnected && byHover(el)) { entry.reach = "menu"; entry.via = "the pointer over what holds it"; }
    }
    removeEventListener("click", guard, true);
    removeEventListener("submit", noSubmit, true);
    window.open = open;
  }
  return { width: vw, items, blocks, toggles: clicked };
