// `in "<text>"` where no landmark, section or list item is called that (product cards that are
// plain boxes): for each element that matches the target, the smallest element around it
// whose words contain the text (besides the element's own words). It counts only when it
// holds exactly one of the matches, and when the words are not inside another box of a row
// of alike boxes (the next product card): the part must be the match's own box. Returns, for
// each match that has such a part, its index, the words there that hold the text ("Trail
// Runner Socks, kids"), and whether those words are the text exactly: like targets, a region
// named exactly wins over one named in part.
(elements, text) => {
  const squash = (s) => (s || '').replace(/\s+/g, ' ').trim();
  const fold = (s) => squash(s).toLowerCase();
  const wanted = fold(text);
  const found = [];
  if (!wanted) return found;
  const wordsOf = (e) => (e.innerText === undefined ? e.textContent : e.innerText);
  const holds = (e) => fold(wordsOf(e)).includes(wanted);
  // One of a row of alike boxes: a sibling with the same tag and class, both holding elements.
  const isBox = (e) => e.children.length > 0 && !!e.parentElement && [...e.parentElement.children]
    .some((s) => s !== e && s.tagName === e.tagName && s.className === e.className
      && s.children.length > 0);
  // The words of the smallest element under `node` (away from the match) that holds the
  // text without passing into a box of its own; null when the text is `node`'s own words,
  // '' when every way down to it goes through such a box.
  const label = (node, match) => {
    let blocked = false;
    for (const child of node.children) {
      if (child === match || child.contains(match) || !holds(child)) continue;
      if (isBox(child)) {
        blocked = true;
        continue;
      }
      const deeper = label(child, match);
      if (deeper === null) return squash(wordsOf(child));
      if (deeper) return deeper;
      blocked = true;
    }
    return blocked ? '' : null;
  };
  elements.forEach((element, index) => {
    const own = fold(wordsOf(element));
    for (let part = element.parentElement; part; part = part.parentElement) {
      let words = fold(wordsOf(part));
      const at = own ? words.indexOf(own) : -1;
      if (at >= 0) words = words.slice(0, at) + ' ' + words.slice(at + own.length);
      if (!words.includes(wanted)) continue;
      if (elements.filter((other) => part.contains(other)).length === 1) {
        const inner = label(part, element);
        const words = inner === null
          ? squash(wordsOf(part)).replace(squash(wordsOf(element)), '').trim() : inner;
        if (words) found.push({index, label: words.slice(0, 80), exact: fold(words) === wanted});
      }
      break;
    }
  });
  const exact = found.filter((f) => f.exact);
  return exact.length === 1 ? exact : found;
}
