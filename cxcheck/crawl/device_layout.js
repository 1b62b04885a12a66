// Measures the page as laid out at the current screen size, for the devices check: what
// sticks out of the screen or of its box, what text and controls touch, how rows of menu
// entries and fields line up, tap targets, small text, oversized images. A function body:
// scripts.py wraps it with dom.js's helpers in front. `input`:
//   {parts: ["layout", "pieces", "rows", "targets", "texts", "images"],
//    exclude: [CSS selectors], minTarget: 24, minText: 12}
// Coordinates are CSS pixels of the page (scroll added), rounded.
  const want = new Set(input.parts || []);
  // What customers see once the page settles: web fonts in, finite animations at their end.
  if (input.settle) {
    if (document.fonts) await Promise.race([document.fonts.ready, new Promise((r) => setTimeout(r, 2000))]);
    for (const a of document.getAnimations ? document.getAnimations() : []) {
      try { if (Number.isFinite(a.effect.getComputedTiming().endTime)) a.finish(); } catch (e) { /* no effect */ }
    }
  }
  const MIN_TARGET = input.minTarget || 24;
  const MIN_TEXT = input.minText || 12;
  const MAX_ITEMS = 60;  // of each list: a page with more of one problem has one cause
  const root = document.documentElement;
  const vw = root.clientWidth;
  const sx = window.scrollX, sy = window.scrollY;
  const rtl = getComputedStyle(root).direction === "rtl";
  const excluded = [];
  for (const selector of input.exclude || []) {
    try { excluded.push(...document.querySelectorAll(selector)); } catch (e) { /* bad selector */ }
  }
  const CAROUSEL = /carousel|slider|swiper|slick|splide|glide|flickity|owl-|marquee|ticker|scroller/i;
  const CONTROL_TAGS = new Set(["INPUT", "SELECT", "TEXTAREA", "BUTTON"]);
  const TARGET_ROLES = new Set(["button", "link", "checkbox", "radio", "tab", "menuitem", "switch", "option"]);
  const round = (n) => Math.round(n);
  // What a customer calls an element: a field by its label, anything else by its words.
  const nameOf = (el) => {
    if (el.labels && el.labels.length) return (el.labels[0].innerText || "").trim().replace(/\s+/g, " ").slice(0, 80);
    return (el.getAttribute("placeholder") || textOf(el) || "").slice(0, 80);
  };
  // The element's HTML, cut as axe cuts it: what a report shows, and what tells the same
  // element on two pages from two elements in the same place.
  const html = (el) => {
    const text = el.outerHTML.slice(0, 1000).replace(/\s+/g, " ").trim();
    return text.length > 200 ? text.slice(0, 199) + "…" : text;
  };
  const pageBox = (r) => ({ l: r.left + sx, t: r.top + sy, r: r.right + sx, b: r.bottom + sy, w: r.width, h: r.height });
  const area = (b) => Math.max(0, b.r - b.l) * Math.max(0, b.b - b.t);
  const classOf = (el) => (typeof el.className === "string" ? el.className : el.getAttribute("class") || "");

  // One walk, parents before children: what each element inherits from the boxes around it.
  const info = new Map();
  const walked = [];
  const top = { fixed: false, contained: false, clip: null, transparent: false, carousel: false, srOnly: false,
                box: null, ownBox: false, overhang: false, excluded: false, gone: false };
  const clear = (c) => !c || c === "transparent" || /rgba\(.*,\s*0\)$/.test(c);
  function visibleBox(el, st) {
    if (el === document.body || el === root) return false;
    const border = ["Top", "Right", "Bottom", "Left"].some(
      (s) => parseFloat(st[`border${s}Width`]) >= 1 && st[`border${s}Style`] !== "none" && !clear(st[`border${s}Color`]));
    return !clear(st.backgroundColor) || border || st.boxShadow !== "none" || st.backgroundImage !== "none";
  }
  function srOnly(st, rect) {
    if (/rect\(0(px)?,?\s*0(px)?/.test(st.clip || "") || /inset\(50%/.test(st.clipPath)) return true;
    return (rect.width <= 1 || rect.height <= 1) && (st.overflow !== "visible" || st.position === "absolute");
  }
  for (const el of document.body ? document.body.querySelectorAll("*") : []) {
    const parent = info.get(el.parentElement) || top;
    if (parent.gone) { info.set(el, parent); continue; }
    const st = getComputedStyle(el);
    if (!el.getClientRects().length) {
      info.set(el, st.display === "contents" ? parent : { ...top, gone: true });
      continue;
    }
    const rect = el.getBoundingClientRect();
    const b = pageBox(rect);
    const clipsX = ["hidden", "clip"].includes(st.overflowX), clipsY = ["hidden", "clip"].includes(st.overflowY);
    const scrollsX = ["auto", "scroll"].includes(st.overflowX);
    const scrolls = scrollsX || ["auto", "scroll"].includes(st.overflowY);
    let clip = parent.clip;
    if (clipsX || clipsY) {  // what the customer sees of this element's content
      const inner = { l: b.l + el.clientLeft, t: b.t + el.clientTop };
      const own = { l: clipsX ? inner.l : -Infinity, r: clipsX ? inner.l + el.clientWidth : Infinity,
                    t: clipsY ? inner.t : -Infinity, b: clipsY ? inner.t + el.clientHeight : Infinity };
      clip = clip ? { l: Math.max(clip.l, own.l), r: Math.min(clip.r, own.r), t: Math.max(clip.t, own.t), b: Math.min(clip.b, own.b) } : own;
    }
    const absolute = st.position === "absolute" || st.position === "fixed";
    const transparent = parent.transparent || parseFloat(st.opacity) === 0;
    const opacity = (parent.opacity === undefined ? 1 : parent.opacity) * parseFloat(st.opacity);
    const me = {
      el, st, b, rect, parentInfo: parent, clipsX, clipsY, scrolls, clip, transparent, absolute, opacity,
      decorative: parent.decorative || el.getAttribute("aria-hidden") === "true",
      fixed: parent.fixed || st.position === "fixed",
      contained: parent.contained || clipsX || scrollsX,  // for its children: overflow stays inside
      hidden: st.visibility === "hidden" || transparent,
      carousel: parent.carousel || CAROUSEL.test(classOf(el)) || CAROUSEL.test(el.id)
        || /carousel|slide/i.test(el.getAttribute("aria-roledescription") || "") || (st.scrollSnapType || "none") !== "none",
      srOnly: parent.srOnly || srOnly(st, rect),
      excluded: parent.excluded || excluded.includes(el),
      // The nearest box around it (a background, a border, a shadow, or clipping), and whether
      // something between is positioned: an overhang on purpose (a badge, a dropdown).
      box: parent.ownBox ? parent : parent.box,
      overhang: absolute || (parent.ownBox ? false : parent.overhang),
      ownBox: visibleBox(el, st) || clipsX || clipsY || scrolls,
    };
    info.set(el, me);
    walked.push(me);
  }
  const usable = (me) => me && !me.gone && !me.hidden && !me.srOnly && !me.excluded;

  // Text lines of an element's own text nodes (not its children's), as page boxes.
  function ownTextBoxes(el) {
    const boxes = [];
    for (const node of el.childNodes) {
      if (node.nodeType !== 3 || !node.data.trim()) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      for (const r of range.getClientRects()) if (r.width > 0.5 && r.height > 0.5) boxes.push(pageBox(r));
    }
    return boxes;
  }
  const ownText = (el) => [...el.childNodes].filter((n) => n.nodeType === 3).map((n) => n.data).join(" ").replace(/\s+/g, " ").trim();
  const isControl = (el) => CONTROL_TAGS.has(el.tagName) && !(el.tagName === "INPUT" && el.type === "hidden");
  const isTarget = (el) => (el.tagName === "A" && el.hasAttribute("href")) || isControl(el) || el.tagName === "SUMMARY"
    || TARGET_ROLES.has((el.getAttribute("role") || "").toLowerCase());

  const out = { width: vw, height: root.clientHeight, scale: window.devicePixelRatio,
                touch: matchMedia("(pointer: coarse)").matches || navigator.maxTouchPoints > 1 };
  // `input.auto`: tap targets on touch screens only, text size and pictures on phones only.
  if (input.auto && !out.touch) want.delete("targets");
  if (input.auto && !(out.touch && vw <= 600)) { want.delete("texts"); want.delete("images"); }

  // --- Wider than the screen: what makes the page scroll sideways, and by how much.
  if (want.has("layout")) {
    const scroller = document.scrollingElement || root;
    const clipped = (el) => el && ["hidden", "clip"].includes(getComputedStyle(el).overflowX);
    const viewportClips = clipped(root) || (getComputedStyle(root).overflowX === "visible" && clipped(document.body));
    const overflow = Math.max(0, scroller.scrollWidth - vw);
    out.scroll_width = scroller.scrollWidth;
    out.viewport_clips = viewportClips;
    const beyond = (b) => (rtl ? -b.l : b.r - vw);
    const wider = [];
    if (overflow > 1 && !viewportClips) {
      for (const me of walked) {
        if (me.excluded || me.fixed || me.parentInfo.contained || me.carousel) continue;
        let amount = beyond(me.b);
        const parent = me.parentInfo.b ? beyond(me.parentInfo.b) : 0;
        if (amount > 1 && amount > parent + 1 && me.b.w > 0) {
          wider.push({ selector: selectorOf(me.el), html: html(me.el), text: nameOf(me.el), amount: round(amount) });
          continue;
        }
        // Text that runs out of its own element (a long address, a word that cannot break).
        if (!me.clipsX && me.el.scrollWidth > me.el.clientWidth + 1) {
          amount = Math.max(0, ...ownTextBoxes(me.el).map(beyond));
          if (amount > 1 && amount > parent + 1) {
            wider.push({ selector: selectorOf(me.el), html: html(me.el), text: nameOf(me.el), amount: round(amount) });
          }
        }
      }
    }
    wider.sort((a, b) => b.amount - a.amount);
    out.wider = wider.slice(0, MAX_ITEMS);
    out.overflow = round(overflow);

    // --- Spilling out: text or a control past the edge of the box it sits in.
    const spills = [];
    const judge = (me, box, parts, control) => {
      const el = me.el, media = el.tagName === "IMG" || el.tagName === "VIDEO";
      if (box.el.scrollWidth <= box.el.clientWidth + 1 && box.el.scrollHeight <= box.el.clientHeight + 1) return;
      const clips = box.clipsX || box.clipsY;
      if (clips && media) return;  // cropping a picture is a choice
      const inner = { l: box.b.l + box.el.clientLeft, t: box.b.t + box.el.clientTop };
      const edge = clips ? { ...inner, r: inner.l + box.el.clientWidth, b: inner.t + box.el.clientHeight } : box.b;
      let right = 0, bottom = 0, left = 0, cutLine = false, hiddenLine = false;
      for (const p of parts) {
        right = Math.max(right, p.r - edge.r);
        left = Math.max(left, edge.l - p.l);
        bottom = Math.max(bottom, p.b - edge.b);
        if (p.t < edge.b - 2 && p.b > edge.b + 2) cutLine = true;  // a line cut through
        if (p.t >= edge.b - 2) hiddenLine = true;  // a whole line out of sight
      }
      // Sideways only what runs out of the element that holds it: a slide placed across the
      // edge carries its text with it (a carousel, not a spill).
      const holder = box === me ? null : control ? me.parentInfo.b : me.b;
      const held = !holder || me.parentInfo === box || (holder.r <= edge.r + 1 && holder.l >= edge.l - 1);
      const sideways = held ? Math.max(right, left) : 0;
      let amount, clipped = false;
      if (clips) {
        // Ellipsis, line clamps and "read more" boxes (a maximum height, or a button beside
        // that opens them) are a choice; a box of fixed height cutting text off is not.
        const clamp = (st) => st.textOverflow === "ellipsis" || (st.webkitLineClamp && st.webkitLineClamp !== "none");
        if (!control && (clamp(me.st) || clamp(box.st))) return;
        const chosen = box.st.maxHeight !== "none" || readMore(box.el);
        const down = box.clipsY && (control || cutLine || (hiddenLine && !chosen)) ? bottom : 0;
        amount = Math.max(down, box.clipsX ? sideways : 0);
        clipped = true;
      } else {
        amount = Math.max(sideways, bottom);
      }
      if (amount <= 2) return;
      spills.push({ selector: selectorOf(el), html: html(el), text: nameOf(el), container: selectorOf(box.el),
                    container_html: html(box.el), amount: round(amount), clipped,
                    axis: sideways >= bottom ? "x" : "y" });
    };
    const judged = (box) => box && !box.scrolls && usable(box);
    function readMore(el) {
      for (let node = el, up = 0; node && node !== document.body && up < 2; node = node.parentElement, up++) {
        for (const sibling of node.parentElement ? node.parentElement.children : []) {
          if (sibling !== node && sibling.matches("button, summary, [aria-expanded], [aria-controls]")) return true;
        }
      }
      return false;
    }
    for (const me of walked) {
      if (spills.length >= MAX_ITEMS) break;
      if (!usable(me) || me.fixed || me.carousel) continue;
      const text = ownTextBoxes(me.el);
      const own = me.ownBox ? me : me.overhang ? null : me.box;
      if (text.length && judged(own)) judge(me, own, text, false);
      const control = isControl(me.el) || me.el.tagName === "IMG" || me.el.tagName === "VIDEO";
      if (control && !me.overhang && judged(me.box)) judge(me, me.box, [me.b], true);
    }
    out.spills = spills;
  }

  // --- Pieces: visible text lines and controls, for overlaps between widths.
  if (want.has("pieces")) {
    const pieces = [];
    const blockOf = (me) => {
      for (let m = me; m && m.el; m = m.parentInfo) if (!/^inline/.test(m.st.display) || m.st.display === "inline-block") return m.el;
      return document.body;
    };
    for (const me of walked) {
      if (pieces.length >= 4000) break;
      // Faint or decorative text (a watermark, big letters behind a heading) is drawn under
      // other text on purpose.
      if (!usable(me) || me.fixed || me.carousel || me.opacity < 0.5 || me.decorative) continue;
      const el = me.el;
      const control = isControl(el) || (isTarget(el) && me.st.display !== "inline");
      const boxes = control ? [me.b] : ownTextBoxes(el);
      if (!boxes.length) continue;
      const c = me.clip || { l: -Infinity, r: Infinity, t: -Infinity, b: Infinity };
      const visibleBoxes = boxes
        .map((b) => ({ l: Math.max(b.l, c.l), r: Math.min(b.r, c.r), t: Math.max(b.t, c.t), b: Math.min(b.b, c.b), h: b.h }))
        .filter((b) => b.r - b.l > 1 && b.b - b.t > 1);
      if (!visibleBoxes.length) continue;
      pieces.push({ el, me, boxes: visibleBoxes, block: control ? el : blockOf(me), control });
    }
    pieces.sort((a, b) => Math.min(...a.boxes.map((x) => x.t)) - Math.min(...b.boxes.map((x) => x.t)));
    const pairs = [];
    const touch = (a, b) => {
      for (const x of a.boxes) for (const y of b.boxes) {
        const w = Math.min(x.r, y.r) - Math.max(x.l, y.l), h = Math.min(x.b, y.b) - Math.max(x.t, y.t);
        if (w >= 4 && h >= 4 && h >= 0.3 * Math.min(x.h, y.h)) return true;
      }
      return false;
    };
    for (let i = 0; i < pieces.length && pairs.length < MAX_ITEMS; i++) {
      const a = pieces[i];
      const bottom = Math.max(...a.boxes.map((x) => x.b));
      for (let j = i + 1; j < pieces.length; j++) {
        const b = pieces[j];
        if (Math.min(...b.boxes.map((x) => x.t)) > bottom) break;
        if (a.el.contains(b.el) || b.el.contains(a.el) || (!a.control && !b.control && a.block === b.block)) continue;
        if (touch(a, b)) pairs.push([selectorOf(a.el), selectorOf(b.el), textOf(a.el).slice(0, 60), textOf(b.el).slice(0, 60),
                                     html(a.el), html(b.el)]);
      }
    }
    out.pairs = pairs;
    out.pieces = pieces.map((p) => selectorOf(p.el));
  }

  // --- Rows: menu entries, a field and its button, side by side on purpose.
  if (want.has("rows")) {
    const SEPARATORS = /^[\s·|/•\-–—,]*$/;
    const rows = [];
    // An item: a control (or a label), an element holding one visible control (li > a), or
    // a short label of the row (a menu's title); rows of controls only, two at least.
    const TARGETS = "a[href], button, input:not([type=hidden]), select, textarea";
    const controls = (el) => [...el.querySelectorAll(TARGETS)].filter((c) => usable(info.get(c))).length;
    const words = (el) => (el.innerText || "").trim().length;
    const itemKind = (el) => {
      if (isTarget(el) || el.tagName === "LABEL") return "control";
      const n = controls(el);
      if (n === 1 && words(el) <= 60) return "control";
      return n === 0 && words(el) <= 30 ? "label" : "";
    };
    // Rows that belong together: menus and toolbars, a form's fields and buttons, lists of links.
    // Breadcrumbs wrap like a sentence, on purpose.
    const ROW_PLACES = "nav, header, footer, form, [role=navigation], [role=menubar], [role=menu], [role=toolbar], [role=tablist], [role=search]";
    const BREADCRUMB = "[aria-label*=breadcrumb i], [class*=breadcrumb i], [id*=breadcrumb i]";
    const together = (el) => !el.closest(BREADCRUMB) && (el.closest(ROW_PLACES)
      || [...el.querySelectorAll("input:not([type=hidden]), select, textarea")].some((c) => usable(info.get(c))));
    for (const me of walked) {
      if (rows.length >= MAX_ITEMS) break;
      if (!usable(me) || me.carousel) continue;
      const st = me.st, el = me.el;
      const kids = [...el.children].map((c) => info.get(c)).filter((k) => usable(k) && !k.absolute && k.b.w > 0);
      if (kids.length < 2 || kids.length > 12) continue;
      const flexRow = /flex/.test(st.display) && /^row/.test(st.flexDirection);
      let flow = false;
      if (!flexRow && !/flex|grid|table/.test(st.display)) {
        const inlineBlocks = kids.filter((k) => /^inline-(block|flex|grid|table)/.test(k.st.display));
        const inlineOk = kids.every((k) => /^inline/.test(k.st.display));
        flow = inlineOk && inlineBlocks.length > 0 && SEPARATORS.test(ownText(el));
      }
      if (!flexRow && !flow) continue;
      const kinds = kids.map((k) => itemKind(k.el));
      if (kinds.includes("") || kinds.filter((k) => k === "control").length < 2 || !together(el)) continue;
      // Lines: items whose middles are level with each other share a line.
      const lines = [];
      for (const k of kids) {
        const r = k.el.getClientRects()[0] || k.rect;
        const mid = r.top + r.height / 2;
        const line = lines.find((l) => Math.abs(l.mid - mid) < Math.min(l.h, r.height) / 2);
        if (line) line.items.push(k); else lines.push({ mid, h: r.height, items: [k] });
      }
      const inner = me.b.w - parseFloat(st.paddingLeft) - parseFloat(st.paddingRight);
      const alone = lines.filter((l) => l.items.length === 1).map((l) => l.items[0])
        .filter((k) => k.b.w < 0.6 * inner);
      rows.push({ selector: selectorOf(el), html: html(el), items: kids.length, lines: lines.map((l) => l.items.length),
                  alone: alone.map((k) => textOf(k.el).slice(0, 60) || html(k.el)),
                  region: regionOf(el) });
    }
    out.rows = rows;
  }

  // --- Tap targets under 24 x 24 px without room around them (WCAG 2.5.8).
  if (want.has("targets")) {
    const targets = walked.filter((me) => usable(me) && isTarget(me.el) && !me.el.disabled && me.b.w > 0 && me.b.h > 0);
    const inSentence = (me) => {
      if (!/^inline$/.test(me.st.display)) return false;
      let block = me.el.parentElement;
      while (block && /^inline/.test(getComputedStyle(block).display)) block = block.parentElement;
      if (!block) return false;
      // Words around it that are no target themselves: a link in a sentence, not one in a
      // list of links with separators between.
      let rest = block.innerText || "";
      for (const t of block.querySelectorAll("a[href], button")) rest = rest.replace(t.innerText || "", " ");
      return /\p{L}{2,}/u.test(rest);
    };
    const labelled = (el) => {
      const label = el.closest("label") || (el.id && document.querySelector(`label[for="${cssEscape(el.id)}"]`));
      if (!label) return false;
      const r = label.getBoundingClientRect();
      return r.width >= MIN_TARGET && r.height >= MIN_TARGET - 4;
    };
    const small = [];
    const centre = (b) => [(b.l + b.r) / 2, (b.t + b.b) / 2];
    const undersized = (me) => me.b.w < MIN_TARGET - 0.5 || me.b.h < MIN_TARGET - 0.5;
    const distToBox = ([x, y], b) => Math.hypot(Math.max(b.l - x, 0, x - b.r), Math.max(b.t - y, 0, y - b.b));
    for (const me of targets) {
      if (small.length >= MAX_ITEMS) break;
      if (!undersized(me) || inSentence(me) || labelled(me.el)) continue;
      if (me.el.tagName === "INPUT" && ["checkbox", "radio"].includes(me.el.type) && me.el.closest("label")) continue;
      const c = centre(me.b);
      const near = targets.find((o) => o !== me && !o.el.contains(me.el) && !me.el.contains(o.el)
        && (undersized(o) ? Math.hypot(c[0] - centre(o.b)[0], c[1] - centre(o.b)[1]) < MIN_TARGET : distToBox(c, o.b) < MIN_TARGET / 2));
      if (!near) continue;
      small.push({ selector: selectorOf(me.el), html: html(me.el), text: nameOf(me.el).slice(0, 60),
                   w: round(me.b.w), h: round(me.b.h), near: nameOf(near.el).slice(0, 60) || html(near.el) });
    }
    out.targets = small;
  }

  // --- Body text under 12 px.
  if (want.has("texts")) {
    const texts = [];
    for (const me of walked) {
      if (texts.length >= MAX_ITEMS) break;
      // Body text: the page's own content, not the small print of a footer or a <small>.
      if (!usable(me) || regionOf(me.el) || me.el.closest("small, sup, sub, [role=contentinfo]")) continue;
      const own = ownText(me.el);
      const size = parseFloat(me.st.fontSize);
      if (own.length < 12 || !(size < MIN_TEXT - 0.25)) continue;
      texts.push({ selector: selectorOf(me.el), html: html(me.el), text: own.slice(0, 80), size: Math.round(size * 10) / 10 });
    }
    out.texts = texts;
  }

  // --- Images shipped at many more pixels than the screen shows.
  if (want.has("images")) {
    const dpr = window.devicePixelRatio || 1;
    const images = [];
    for (const me of walked) {
      if (images.length >= MAX_ITEMS) break;
      const el = me.el;
      if (el.tagName !== "IMG" || !usable(me) || !el.complete || !el.naturalWidth) continue;
      const src = el.currentSrc || el.src;
      if (/\.svg(\?|#|$)/i.test(src) || src.startsWith("data:image/svg")) continue;
      const shown = me.b.w * dpr * me.b.h * dpr;
      if (me.b.w < 16 || me.b.h < 16) continue;
      const entry = performance.getEntriesByName(src)[0];
      images.push({ selector: selectorOf(el), html: html(el), src, natural_w: el.naturalWidth, natural_h: el.naturalHeight,
                    shown_w: round(me.b.w * dpr), shown_h: round(me.b.h * dpr),
                    bytes: entry ? entry.encodedBodySize || entry.transferSize || 0 : 0,
                    ratio: Math.round((el.naturalWidth * el.naturalHeight) / shown * 100) / 100 });
    }
    out.images = images;
  }

  out.parts = [...want];
  return out;
