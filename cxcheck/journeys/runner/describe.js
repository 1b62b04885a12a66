(el, mode) => {
  /*ROLES*/
  const headingOf = (e) => {
    const h = e.querySelector('h1, h2, h3, h4, h5, h6, [role=heading], legend, caption');
    return h ? squash(h.textContent) : '';
  };
  const landmarks = {banner: 'the page header', contentinfo: 'the page footer',
    navigation: 'the navigation', complementary: 'the sidebar'};
  const containers = new Set(['region', 'dialog', 'alertdialog', 'form', 'group', 'article',
    'listitem', 'row', 'search', 'tabpanel', 'navigation', 'banner', 'contentinfo',
    'complementary']);
  // Where the element is, for people ("the navigation", "Order summary") and as a name an
  // `in "..."` can use (a landmark's label: "Main"; '' when it has none).
  const whereOf = (e) => {
    const own = squash(e.innerText || e.textContent);
    for (let a = e.parentElement; a && a !== document.body; a = a.parentElement) {
      const role = roleOf(a);
      const card = /card|product/.test(a.className || '') && headingOf(a);
      if (!containers.has(role) && !card) continue;
      const name = labelOf(a) || headingOf(a);
      if (landmarks[role]) return {where: landmarks[role], region: labelOf(a)};
      if (name) return {where: name, region: name};
      if (role === 'listitem' || role === 'row') {
        const text = squash(a.innerText).replace(own, '').trim();
        if (text) return {where: text.slice(0, 60), region: ''};
      }
    }
    return {where: '', region: ''};
  };
  // The nearest heading before the element in reading order: where a person would say it is
  // when no part of the page around it has a name.
  const headingBefore = (e) => {
    const all = [...document.querySelectorAll('h1, h2, h3, h4, h5, h6, [role=heading]')];
    let best = '';
    for (const h of all) {
      if (h.contains(e)) continue;
      if (h.compareDocumentPosition(e) & Node.DOCUMENT_POSITION_FOLLOWING) {
        const text = squash(h.innerText || h.textContent);
        if (text) best = text;
      }
    }
    return best.slice(0, 80);
  };
  if (mode === 'describe') {
    const place = whereOf(el);
    const heading = place.where ? '' : headingBefore(el);
    return {role: roleOf(el), where: place.where, region: place.region, heading};
  }
  const box = el.getBoundingClientRect();
  const top = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
  if (!top || top === el || el.contains(top) || top.contains(el)) return null;
  let best = top;
  for (let a = top; a && a !== document.body && !a.contains(el); a = a.parentElement) {
    best = a;
    if (containers.has(roleOf(a)) || labelOf(a)) break;
  }
  const name = labelOf(best) || headingOf(best) || squash(best.innerText).slice(0, 60);
  return {role: roleOf(best), name};
}
