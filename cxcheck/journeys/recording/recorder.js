// The in-page half of `cxcheck journey record`: reports what the tester does, named the way a
// person sees it (role, accessible name, label, visible text: never CSS), to the binding
// `config.binding`. A secret-looking field's value never leaves the page. Also a small
// toolbar (and Alt+Shift+E) to add "Expect to see" for the selected text, and to stop; its
// shadow root is open so tests can press its buttons, and it sits outside <body>.
// `config`: {binding, secretWords (a regular expression's source), secretAutocomplete}.
(config) => {
  if (window !== window.top || window.__cxcheckRecording) return;
  window.__cxcheckRecording = true;
  const report = (event) => { try { window[config.binding](event); } catch (e) { /* closed */ } };
  /*ROLES*/
  const secretWords = new RegExp(config.secretWords, 'i');
  const shown = (e) => !!(e.offsetWidth || e.offsetHeight || e.getClientRects().length)
    && getComputedStyle(e).visibility !== 'hidden';
  const quotable = (s) => !!s && s.length <= 80 && !/["“”{}]/.test(s);
  let host = null;  // the toolbar's element: what happens in it is not recorded
  const mine = (event) => !!host && event.composedPath().includes(host);

  // --- names, as a screen reader (and the journey runner) has them ----------------------
  const textOf = (e) => squash(e.innerText || e.textContent);
  const FIELD_ROLES = new Set(['textbox', 'searchbox', 'combobox', 'spinbutton', 'listbox']);
  const nameOf = (e) => {
    const role = roleOf(e);
    const own = labelOf(e);
    if (own) return own;
    if (FIELD_ROLES.has(role) || role === 'checkbox' || role === 'radio' || role === 'switch') {
      const labels = e.labels ? [...e.labels].map(textOf).filter(Boolean) : [];
      if (labels.length) return labels.join(' ');
      return squash(e.getAttribute('placeholder') || e.getAttribute('title'));
    }
    if (e.tagName === 'INPUT') return squash(e.value || e.getAttribute('alt') || e.getAttribute('title'));
    if (e.tagName === 'IMG') return squash(e.getAttribute('alt'));
    const text = textOf(e);
    if (text) return text;
    const img = e.querySelector('img[alt]');
    return squash(img ? img.getAttribute('alt') : e.getAttribute('title'));
  };

  // --- which element, and the fewest words that pick it alone ------------------------------
  const CLICKABLE = new Set(['button', 'link', 'menuitem', 'tab', 'checkbox', 'radio', 'option',
    'switch']);
  const REGION_ROLES = new Set(['region', 'dialog', 'alertdialog', 'navigation', 'banner',
    'contentinfo', 'complementary', 'form', 'search', 'group', 'article', 'listitem', 'row',
    'tabpanel']);
  const CONTAINERS = 'section, article, aside, nav, header, footer, form, fieldset, dialog, li, tr';
  const family = (role) => (CLICKABLE.has(role) ? 'click' : FIELD_ROLES.has(role) ? 'field' : '');
  const peersOf = (role) => {
    const css = family(role) === 'click'
      ? 'a[href], button, summary, input, [role], [tabindex]' : 'input, textarea, select, [role]';
    return [...document.querySelectorAll(css)]
      .filter((e) => shown(e) && family(roleOf(e)) === family(role));
  };
  const headingIn = (a) => textOf(a.querySelector('h1, h2, h3, h4, h5, h6, [role=heading], '
    + 'legend, caption') || document.createElement('i'));
  // Parts of the page around `e` that `in "..."` can name: labelled landmarks and sections,
  // containers under a heading, and the box around it with some words of its own.
  const regionsOf = (e) => {
    const out = [];
    let box = null;
    for (let a = e.parentElement; a && a !== document.body; a = a.parentElement) {
      const label = labelOf(a);
      if (label && REGION_ROLES.has(roleOf(a))) out.push({name: label, part: a});
      if (a.matches(CONTAINERS)) {
        const heading = headingIn(a);
        if (heading) out.push({name: heading, part: a});
      }
      if (!box) {
        const words = [...a.children].find((c) => !c.contains(e) && textOf(c)
          && !/^(SCRIPT|STYLE)$/.test(c.tagName));
        if (words) box = {name: innermost(words), part: a};
      }
    }
    if (box) out.push(box);
    return out.filter((r) => quotable(r.name));
  };
  const innermost = (e) => {
    for (let inner = e; ; ) {
      const next = [...inner.children].find((c) => textOf(c));
      if (!next || textOf(next) !== textOf(inner)) return textOf(inner);
      inner = next;
    }
  };
  // How to name `e` (of role `role`, called `name`) so that it alone is picked.
  const target = (e, role, name) => {
    if (!quotable(name)) return {nameless: true, role};
    const peers = peersOf(role);
    const sameName = peers.filter((p) => nameOf(p) === name);
    if (sameName.length <= 1) return {name, role, withRole: false};
    const sameRole = sameName.filter((p) => roleOf(p) === role);
    if (sameRole.length <= 1) return {name, role, withRole: true};
    for (const region of regionsOf(e)) {
      if (sameRole.filter((p) => region.part.contains(p)).length === 1) {
        const alone = sameName.filter((p) => region.part.contains(p)).length === 1;
        return {name, role, withRole: !alone, region: region.name};
      }
    }
    return {name, role, withRole: true, ordinal: sameRole.indexOf(e) + 1, total: sameRole.length};
  };
  // Words clicked that are no control: found by their text, like a person reading them.
  const textTarget = (e) => {
    const name = textOf(e);
    if (!quotable(name)) return {nameless: true, role: ''};
    const same = [...document.querySelectorAll('body *')].filter((o) => shown(o)
      && textOf(o) === name && ![...o.children].some((c) => textOf(c) === name));
    if (same.length <= 1) return {name, role: '', withRole: false};
    return {name, role: '', withRole: false, ordinal: same.indexOf(e) + 1, total: same.length};
  };
  const controlOf = (e) => {
    for (let a = e; a && a !== document.body; a = a.parentElement) {
      const role = roleOf(a);
      if (CLICKABLE.has(role) || FIELD_ROLES.has(role)) return a;
    }
    return null;
  };

  // --- what the tester does -----------------------------------------------------------------
  const isSecret = (e) => {
    const hints = [e.getAttribute('type'), e.getAttribute('autocomplete'), e.name, e.id,
      e.getAttribute('placeholder'), nameOf(e)].map((h) => h || '').join(' ');
    return (e.getAttribute('type') || '').toLowerCase() === 'password'
      || config.secretAutocomplete.some((a) => hints.includes(a)) || secretWords.test(hints);
  };
  const typed = new WeakMap();  // field -> the value last reported for it
  const isTextField = (e) => e && (e.isContentEditable
    || (FIELD_ROLES.has(roleOf(e)) && !['combobox', 'listbox'].includes(roleOf(e)))
    || e.tagName === 'TEXTAREA');
  const valueOf = (e) => (e.isContentEditable ? e.innerText : e.value) || '';
  const reportTyping = (e) => {
    if (!isTextField(e) || typed.get(e) === valueOf(e)) return;
    typed.set(e, valueOf(e));
    const secret = isSecret(e);
    report({type: 'fill', target: target(e, roleOf(e), nameOf(e)), secret,
      value: secret ? '' : valueOf(e), hints: secret ? nameOf(e) : ''});
  };
  let focused = null;
  document.addEventListener('focusin', (event) => {
    if (mine(event)) return;
    if (focused && focused !== event.target) reportTyping(focused);
    focused = event.target;
  }, true);
  document.addEventListener('change', (event) => {
    const e = event.target;
    if (mine(event) || !event.isTrusted) return;
    const role = roleOf(e);
    if (role === 'checkbox' || role === 'radio' || role === 'switch') {
      const verb = role === 'radio' ? 'choose' : (e.checked ? 'check' : 'uncheck');
      report({type: verb, target: target(e, role, nameOf(e))});
    } else if (e.tagName === 'SELECT') {
      const option = e.selectedOptions[0];
      report({type: 'select', target: target(e, role, nameOf(e)),
        option: option ? squash(option.label) : ''});
    } else {
      reportTyping(e);
    }
  }, true);
  document.addEventListener('keydown', (event) => {
    if (event.altKey && event.shiftKey && event.code === 'KeyE') {
      event.preventDefault();
      expectSelection();
      return;
    }
    if (mine(event) || !event.isTrusted || event.repeat) return;
    const e = event.target;
    if (event.key === 'Enter' && (isTextField(e) || e.tagName === 'SELECT')) {
      reportTyping(e);
      report({type: 'press', key: 'Enter'});
    } else if (event.key === 'Escape') {
      report({type: 'press', key: 'Escape'});
    }
  }, true);
  document.addEventListener('click', (event) => {
    if (mine(event) || !event.isTrusted || event.detail > 1) return;
    // Enter in a form's field "clicks" its submit button: the Enter was reported already.
    const active = document.activeElement;
    if (event.detail === 0 && active !== event.target && isTextField(active)) return;
    if (focused && focused !== event.target) reportTyping(focused);
    const hit = event.target instanceof Element ? event.target : event.target.parentElement;
    if (!hit || hit.closest('label')?.control) return;  // a label: its control reports
    const control = controlOf(hit);
    if (control) {
      const role = roleOf(control);
      if (family(role) === 'field' || ['checkbox', 'radio', 'switch'].includes(role)) return;
      report({type: 'click', target: target(control, role, nameOf(control))});
    } else if (textOf(hit)) {
      report({type: 'click', target: textTarget(hit)});
    }
  }, true);
  document.addEventListener('dblclick', (event) => {
    if (mine(event) || !event.isTrusted) return;
    const control = controlOf(event.target) || event.target;
    const role = roleOf(control);
    const named = CLICKABLE.has(role) ? target(control, role, nameOf(control)) : textTarget(control);
    report({type: 'dblclick', target: named});
  }, true);
  window.addEventListener('pagehide', () => { if (focused) reportTyping(focused); }, true);

  // --- "Expect to see" and stop: the toolbar -------------------------------------------------
  const expectSelection = () => {
    const text = squash(String(window.getSelection() || ''));
    if (text) report({type: 'expect', text: text.slice(0, 200)});
    note(text ? 'Added: Expect to see the selected text' : 'Select some text on the page first');
  };
  let said = null;
  const note = (words) => { if (said) said.textContent = words; };
  const toolbar = () => {
    if (host || !document.body) return;
    host = document.createElement('cxcheck-recorder');
    const root = host.attachShadow({mode: 'open'});
    root.innerHTML = `<style>
      div { position: fixed; right: 12px; bottom: 12px; z-index: 2147483647; display: flex;
        gap: 6px; align-items: center; padding: 6px 8px; background: #1f2937; color: #fff;
        font: 13px system-ui, sans-serif; border-radius: 6px; box-shadow: 0 2px 8px #0006; }
      button { font: inherit; padding: 3px 8px; border-radius: 4px; border: 0; cursor: pointer; }
      span { color: #fca5a5; } em { font-style: normal; color: #d1d5db; }
    </style><div role="toolbar" aria-label="cxcheck recorder"><span>● Recording</span>
      <button data-do="expect" title="Alt+Shift+E">Expect to see selected text</button>
      <button data-do="stop">Stop recording</button><em></em></div>`;
    said = root.querySelector('em');
    for (const button of root.querySelectorAll('button')) {
      // Keep the page's text selected: the toolbar never takes the focus.
      button.addEventListener('mousedown', (event) => event.preventDefault());
      button.addEventListener('click', () => {
        if (button.dataset.do === 'expect') expectSelection();
        else { report({type: 'stop'}); note('Stopped: the journey is saved'); }
      });
    }
    document.documentElement.appendChild(host);
  };
  const loaded = () => {
    const navigation = performance.getEntriesByType('navigation')[0];
    report({type: 'load', url: location.href, how: navigation ? navigation.type : 'navigate'});
    toolbar();
  };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', loaded);
  else loaded();
}
