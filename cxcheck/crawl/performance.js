// The "performance" capture: a function body (performance.py wraps it, with dom.js's helpers
// in front) that waits until the page has been still for `quietMs` after load (no layout
// shift, no long task), at most `maxWaitMs`, then returns what a customer waited for.
// Its input: { quietMs, maxWaitMs }.
  const options = input || {};
  const perf = window.__cxcheckPerf;
  const nav = performance.getEntriesByType("navigation")[0];
  const loadEnd = nav ? (nav.loadEventEnd || nav.loadEventStart || performance.now()) : performance.now();
  const started = performance.now();
  while (perf) {
    if (perf.flush) perf.flush();
    const now = performance.now();
    const still = now - Math.max(loadEnd, perf.lastActivity);
    if (still >= options.quietMs || now - started >= options.maxWaitMs) break;
    await new Promise((resolve) => setTimeout(resolve, Math.min(100, options.quietMs - still + 5)));
  }
  const paint = performance.getEntriesByType("paint").find((p) => p.name === "first-contentful-paint");
  const fcp = paint ? paint.startTime : null;
  const end = performance.now();

  // CLS as Core Web Vitals define it: the worst burst of shifts (gaps under 1 s, at most 5 s).
  let cls = 0, windowValue = 0, windowStart = 0, previous = -Infinity, worst = [];
  let current = [];
  for (const shift of perf ? perf.shifts : []) {
    if (shift.startTime - previous > 1000 || shift.startTime - windowStart > 5000) {
      windowValue = 0; windowStart = shift.startTime; current = [];
    }
    windowValue += shift.value; current.push(shift); previous = shift.startTime;
    if (windowValue > cls) { cls = windowValue; worst = current.slice(); }
  }
  const moved = new Map();
  for (const shift of worst) {
    for (const source of shift.sources || []) {
      const node = source.node;
      if (!node || node.nodeType !== 1) continue;
      const selector = selectorOf(node);
      moved.set(selector, (moved.get(selector) || 0) + shift.value);
    }
  }
  // The body and the root are named only when nothing more precise is: Chromium names them
  // when everything inside moved together.
  const whole = (selector) => selector === "body" || selector === "html";
  const shifted = [...moved.entries()]
    .sort((a, b) => whole(a[0]) - whole(b[0]) || b[1] - a[1])
    .map(([selector]) => selector)
    .filter((selector, i, all) => !whole(selector) || all.every(whole))
    .slice(0, 3);

  // TBT as Lighthouse counts it: the part over 50 ms of every long task after first paint.
  let tbt = 0;
  const tasks = [];
  for (const task of perf ? perf.longTasks : []) {
    const from = Math.max(task.start, fcp || 0);
    const to = Math.min(task.start + task.duration, end);
    if (to - from > 50) tbt += to - from - 50;
    tasks.push({ start_ms: Math.round(task.start), duration_ms: Math.round(task.duration) });
  }

  const lcp = perf && perf.lcp;
  let lcpSelector = "";
  if (lcp && lcp.element && lcp.element.isConnected) lcpSelector = selectorOf(lcp.element);
  const resources = performance.getEntriesByType("resource");
  const byType = {};
  const sized = [];
  const add = (type, bytes) => { byType[type] = (byType[type] || 0) + bytes; };
  // The file's kind, from its extension first (a font comes "from css"), then from who asked.
  const typeOf = (entry) => {
    const path = entry.name.split(/[?#]/)[0].toLowerCase();
    if (/\.(woff2?|ttf|otf|eot)$/.test(path)) return "font";
    if (/\.css$/.test(path)) return "stylesheet";
    if (/\.m?js$/.test(path)) return "script";
    if (/\.(png|jpe?g|gif|webp|avif|svg|ico|bmp)$/.test(path)) return "image";
    const by = { script: "script", img: "image", image: "image", css: "image", link: "stylesheet",
                 iframe: "document", frame: "document", video: "media", audio: "media" };
    return by[entry.initiatorType] || "other";
  };
  if (nav) add("document", nav.transferSize || 0);
  for (const entry of resources) {
    const type = typeOf(entry);
    const bytes = entry.transferSize || entry.encodedBodySize || 0;
    add(type, bytes);
    sized.push({ url: entry.name, type, bytes });
  }
  sized.sort((a, b) => b.bytes - a.bytes);
  return {
    ttfb_ms: nav ? nav.responseStart : null,
    load_ms: nav ? (nav.loadEventEnd || nav.loadEventStart) : null,
    fcp_ms: fcp,
    requests: resources.length + 1,
    lcp_ms: lcp ? lcp.startTime : null,
    lcp_selector: lcpSelector,
    lcp_url: lcp ? lcp.url || "" : "",
    cls: Math.round(cls * 10000) / 10000,
    shifted,
    tbt_ms: tbt,
    long_tasks: tasks.slice(0, 20),
    bytes_by_type: byType,
    largest: sized.slice(0, 5),
  };
