() => {
  const squash = (s) => (s || '').replace(/\s+/g, ' ').trim();
  const shown = (e) => !!(e.offsetWidth || e.offsetHeight || e.getClientRects().length)
    && getComputedStyle(e).visibility !== 'hidden';
  const visible = (css) => [...document.querySelectorAll(css)]
    .filter((e) => shown(e) && squash(e.innerText));
  const outermost = (list) => list.filter((e) => !list.some((o) => o !== e && o.contains(e)));
  const text = (e, n) => squash(e.innerText).slice(0, n);
  const headings = visible('h1, h2, h3, [role=heading]').map((e) => text(e, 120));
  // Messages the page shows: alerts, live regions, error and notice boxes.
  const alerts = outermost(visible('[role=alert], [role=alertdialog], [role=status], '
    + '[aria-live]:not([aria-live=off]), .error, .errors, .alert, .notice, .message, .flash, '
    + '.invalid-feedback, .field-error, .form-error')).map((e) => text(e, 160));
  // Else its first paragraph of plain text (not a form's row).
  const paragraph = visible('p:not(:has(input, select, textarea, button))')[0];
  // Short texts, to name the one closest to what a step looked for.
  const texts = new Set();
  const walker = document.createTreeWalker(document.body || document, NodeFilter.SHOW_TEXT);
  while (walker.nextNode() && texts.size < 400) {
    const parent = walker.currentNode.parentElement;
    if (!squash(walker.currentNode.nodeValue) || !parent || !shown(parent)) continue;
    if (['SCRIPT', 'STYLE', 'NOSCRIPT'].includes(parent.tagName)) continue;
    const words = squash(parent.innerText);
    if (words && words.length <= 200) texts.add(words);
  }
  return {headings: [...new Set(headings)].slice(0, 5), alerts: [...new Set(alerts)].slice(0, 3),
          says: paragraph ? text(paragraph, 160) : '', texts: [...texts]};
}
