// Installed in every frame of a crawl tab before the page's own scripts (crawl/tab.py).
// What a popup blocker does: window.open opens nothing and returns null, and a script's
// click() on a link aimed at a new window does not follow it (nobody clicks in a crawl tab,
// so every such click is a script's). The URL goes to Python as a console.debug line that
// starts with the marker below (PageEvents reads it), so the snapshot can say the page tried.
// Not a Playwright binding: Playwright installs those with a script of its own in each new
// document, which at times failed there and was blamed on the page as its crash. Blocking the
// window before it exists, rather than closing it once it does, means no request ever leaves
// for its address.
(() => {
  const debug = console.debug.bind(console); // the page's scripts may replace console.debug
  const report = (url) => {
    try { debug("cxcheck:popup-guard " + String(url)); } catch (e) { /* never fail the page */ }
  };
  const resolve = (url) => {
    try { return new URL(String(url), document.baseURI).href; } catch (e) { return String(url); }
  };
  window.open = function (url) {
    report(url ? resolve(url) : "about:blank");
    return null;
  };
  // Not a click listener: the controls scan would take it for delegation from the window.
  for (const kind of [HTMLAnchorElement, HTMLAreaElement]) {
    const click = kind.prototype.click;
    kind.prototype.click = function () {
      if (!this.href || !this.target || /^_(self|parent|top)$/i.test(this.target)) return click.call(this);
      report(this.href);
    };
  }
})();
