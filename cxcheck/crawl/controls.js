// Lists what a customer can click that is not an ordinary link, and whether any script
// listens for it. A function body run through the DevTools protocol with its command-line
// API, so getEventListeners() sees listeners added by addEventListener as well as onclick.
// controls.py wraps it, with dom.js's helpers in front.
  const ACTING = ["click", "mousedown", "mouseup", "pointerdown", "pointerup", "touchstart",
    "touchend", "keydown", "keyup", "keypress", "dblclick", "auxclick", "mouseenter",
    "mouseover", "pointerenter", "pointerover", "focus", "focusin"];
  const PLACEHOLDER_HREF = /^\s*(#\s*|javascript:\s*(void\s*\(?\s*0\s*\)?)?\s*;?\s*)?$/i;
  const CLICKABLE_ROLES = new Set(["button", "link", "menuitem", "tab", "switch"]);
  const INTERACTIVE = "a[href], button, input, select, textarea, label, summary, option, " +
    "[role=button], [role=link], [role=menuitem], [role=tab], [role=switch], [contenteditable]";
  const MAX_CONTROLS = 500;

  const listens = new Map();
  function listensItself(node) {
    if (!listens.has(node)) {
      let own = false;
      try {
        const found = getEventListeners(node);
        own = ACTING.some((type) => found[type] && found[type].length);
      } catch (e) { own = false; }
      listens.set(node, own);
    }
    return listens.get(node);
  }
  const PAGE_LEVEL = new Set(["HTML", "BODY", "#document"]);
  // A click lands on the innermost element, so a listener on a child (an icon inside a
  // button, the inner button of a web component's shadow root) also makes it act.
  function childListens(el) {
    let seen = 0;
    for (const root of el.shadowRoot ? [el.shadowRoot, el] : [el]) {
      for (const child of elements(root)) {
        if (++seen > 300) return false;
        if (listensItself(child)) return true;
      }
    }
    return false;
  }
  // "own", "inside" (a child listens), "ancestor" (a wrapper handles it), "page"
  // (delegation from document or window, as jQuery and analytics do: it may or may not act
  // on this control) or "".
  function handlerOf(el) {
    if (listensItself(el)) return "own";
    if (childListens(el)) return "inside";
    for (let node = el.parentNode || el.host; node; node = node.parentNode || node.host) {
      if (listensItself(node)) return PAGE_LEVEL.has(node.nodeName) ? "page" : "ancestor";
    }
    return listensItself(window) ? "page" : "";
  }

  function submits(el) {
    const tag = el.tagName;
    const type = (el.getAttribute("type") || "").toLowerCase();
    if (tag === "BUTTON") return el.form !== null && ["", "submit", "reset"].includes(type);
    if (tag === "INPUT") return el.form !== null && ["submit", "reset", "image"].includes(type);
    return false;
  }

  function acts(el) {  // what HTML itself makes a control do, without any script
    return submits(el) || el.hasAttribute("popovertarget") || el.hasAttribute("commandfor") ||
      el.closest("summary") !== null || el.closest("label") !== null;
  }

  function reason(el, pointer) {
    const tag = el.tagName;
    const role = (el.getAttribute("role") || "").toLowerCase();
    if (tag === "A" && el.hasAttribute("href")) {
      return PLACEHOLDER_HREF.test(el.getAttribute("href")) ? "placeholder href" : "";
    }
    if (tag === "A") return el.hasAttribute("name") ? "" : "link without href";
    if (tag === "BUTTON") return "button";
    if (tag === "INPUT") {
      return ["button", "submit", "reset", "image"].includes((el.type || "").toLowerCase()) ? "button" : "";
    }
    if (CLICKABLE_ROLES.has(role)) return `role=${role}`;
    if (pointer) return "cursor:pointer";
    return "";
  }

  // The outermost element that shows a pointer cursor (the cursor is inherited, so its
  // children show one too) and is not inside something interactive already.
  function pointerOnly(el) {
    if (getComputedStyle(el).cursor !== "pointer") return false;
    const parent = el.parentElement;
    if (parent && getComputedStyle(parent).cursor === "pointer") return false;
    return !el.matches(INTERACTIVE) && !(parent && parent.closest(INTERACTIVE));
  }

  // What a control's attributes say about it ("btn-delete", data-action="pay"), for the
  // click probe's list of controls it must never click.
  function attributeWords(el) {
    const words = [];
    for (const attr of el.attributes) {
      if (/^(id|class|name|title|value|aria-label|formaction|href|data-.*)$/.test(attr.name)) {
        words.push(attr.value);
      }
    }
    return words.join(" ").slice(0, 300);
  }

  const controls = [];
  for (const el of elements(document)) {
    if (controls.length >= MAX_CONTROLS) break;
    if (el.closest("template, [inert]")) continue;
    const why = reason(el, false) || (pointerOnly(el) ? "cursor:pointer" : "");
    if (!why || !visible(el)) continue;
    const text = textOf(el);
    if (!text && why === "cursor:pointer") continue;
    controls.push({
      tag: el.tagName.toLowerCase(),
      role: (el.getAttribute("role") || "").toLowerCase(),
      text,
      selector: selectorOf(el),
      region: regionOf(el),
      href: el.hasAttribute("href") ? el.getAttribute("href") : null,
      reason: why,
      handler: handlerOf(el),
      acts: acts(el),
      disabled: el.disabled === true || el.getAttribute("aria-disabled") === "true",
      in_shadow: el.getRootNode() !== document,
      attrs: attributeWords(el),
    });
  }
  return controls;
