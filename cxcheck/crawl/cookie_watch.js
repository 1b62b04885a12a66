// Installed in every document before the page's own scripts when the "traffic" capture runs
// (crawl/traffic_capture.py). Notes each cookie a script writes (document.cookie, or
// cookieStore.set) and which script wrote it, read from the call stack: an analytics script
// that sets its visitor id on the site's own domain is told apart from the site's scripts.
// Only the name and the attributes are kept, never the value; the write itself goes on as
// the page asked.
(() => {
  const MAX = 200;
  const writes = [];
  try {
    Object.defineProperty(window, "__cxcheckCookieWrites", { value: writes, enumerable: false });
  } catch (e) {
    return; // a second run in the same document: the first one is watching
  }
  const writer = () => {
    // The first line is "Error", the next our own setter (no http(s) address): the first
    // frame with one is the page's script that wrote (an inline script: the page itself).
    const lines = String(new Error().stack || "").split("\n").slice(1);
    for (const line of lines) {
      const found = line.match(/(https?:\/\/[^\s()]+?):\d+:\d+\)?\s*$/);
      if (found) return found[1];
    }
    return "";
  };
  const note = (name, attributes) => {
    if (name && writes.length < MAX) writes.push({ name: String(name).slice(0, 200), attributes, script: writer() });
  };
  const property = Object.getOwnPropertyDescriptor(Document.prototype, "cookie");
  if (property && property.set && property.configurable) {
    Object.defineProperty(Document.prototype, "cookie", {
      configurable: true,
      enumerable: property.enumerable,
      get() { return property.get.call(this); },
      set(text) {
        try {
          const [pair, ...rest] = String(text).split(";");
          if (pair.includes("=")) note(pair.split("=")[0].trim(), rest.join(";").slice(0, 500));
        } catch (e) { /* never fail the page's own write */ }
        property.set.call(this, text);
      },
    });
  }
  const store = window.cookieStore;
  if (store && typeof store.set === "function") {
    const set = store.set.bind(store);
    // The Cookie Store API only sets Secure cookies; SameSite is Strict unless it says.
    store.set = function (first, value) {
      try {
        const options = typeof first === "object" && first ? first : { name: first };
        const parts = ["Secure", `SameSite=${options.sameSite || "strict"}`];
        if (options.domain) parts.push(`Domain=${options.domain}`);
        if (options.path) parts.push(`Path=${options.path}`);
        note(options.name, parts.join("; "));
      } catch (e) { /* never fail the page's own write */ }
      return set(first, value);
    };
  }
})();
