() => {
  const squash = (s) => (s || '').replace(/\s+/g, ' ').trim();
  const shown = (e) => !!(e.offsetWidth || e.offsetHeight || e.getClientRects().length)
    && getComputedStyle(e).visibility !== 'hidden';
  const first = (css) => [...document.querySelectorAll(css)]
    .find((e) => shown(e) && squash(e.innerText));
  const heading = first('h1, [role=heading][aria-level="1"]') || first('h2');
  // A message the page shows, else its first paragraph of plain text (not a form's row).
  const says = first('[role=alert], [role=status], [aria-live]:not([aria-live=off]), '
    + '.error, .alert, .notice, .message, .flash')
    || first('p:not(:has(input, select, textarea, button))');
  return {heading: heading ? squash(heading.innerText).slice(0, 120) : '',
          says: says ? squash(says.innerText).slice(0, 160) : ''};
}
