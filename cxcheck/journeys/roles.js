  // Shared by the scripts journeys run in the page (put in place of their /*ROLES*/ line):
  // an element's ARIA role as a screen reader has it, and the name its own attributes give.
  const squash = (s) => (s || '').replace(/\s+/g, ' ').trim();
  const byIds = (e, attribute) => squash((e.getAttribute(attribute) || '').split(/\s+/)
    .filter(Boolean).map((id) => document.getElementById(id)?.textContent || '').join(' '));
  const labelOf = (e) => byIds(e, 'aria-labelledby') || squash(e.getAttribute('aria-label'))
    || (e.tagName === 'FIELDSET' ? squash(e.querySelector('legend')?.textContent) : '');
  const TEXT_TYPES = new Set(['', 'text', 'email', 'search', 'tel', 'url', 'password', 'number',
    'date', 'datetime-local', 'month', 'time', 'week']);
  const roleOf = (e) => {
    const explicit = (e.getAttribute('role') || '').trim().split(/\s+/)[0];
    if (explicit) return explicit;
    const tag = e.tagName.toLowerCase();
    const type = (e.getAttribute('type') || '').toLowerCase();
    if (tag === 'button' || tag === 'summary') return 'button';
    if (tag === 'a' && e.hasAttribute('href')) return 'link';
    if (tag === 'input') {
      if (['button', 'submit', 'reset', 'image'].includes(type)) return 'button';
      if (type === 'checkbox' || type === 'radio' || type === 'file') return type;
      if (type === 'search') return 'searchbox';
      if (type === 'number') return 'spinbutton';
      return TEXT_TYPES.has(type) ? 'textbox' : '';
    }
    if (tag === 'textarea') return 'textbox';
    if (tag === 'select') return e.multiple || e.size > 1 ? 'listbox' : 'combobox';
    if (tag === 'img') return 'img';
    if (/^h[1-6]$/.test(tag)) return 'heading';
    if (tag === 'section') return labelOf(e) ? 'region' : '';
    const tags = {dialog: 'dialog', article: 'article', li: 'listitem', tr: 'row', form: 'form',
      fieldset: 'group', nav: 'navigation', header: 'banner', footer: 'contentinfo',
      aside: 'complementary', main: 'main'};
    return tags[tag] || '';
  };
