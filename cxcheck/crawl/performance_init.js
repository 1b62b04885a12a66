// Installed in every document before its own scripts run: records what the browser reports
// while the page loads (largest contentful paint, layout shifts, long tasks), so the
// capture can read it afterwards. Element references stay here; performance.js turns them
// into selectors.
(() => {
  if (window.__cxcheckPerf) return;
  const observers = [];
  // Entries reach an observer's callback in a task of their own, later; a long task that
  // just ended is already in its records. The capture takes them before it judges whether
  // the page was still, so a busy page is never read as quiet (a loaded machine delays
  // those callbacks most).
  const perf = {
    lcp: null, shifts: [], longTasks: [], lastActivity: 0,
    flush: () => observers.forEach(([observer, onEntry]) => observer.takeRecords().forEach(onEntry)),
  };
  window.__cxcheckPerf = perf;
  const watch = (type, onEntry) => {
    try {
      const observer = new PerformanceObserver((list) => list.getEntries().forEach(onEntry));
      observer.observe({ type, buffered: true });
      observers.push([observer, onEntry]);
    } catch (e) { /* an older browser without this entry type */ }
  };
  watch("largest-contentful-paint", (entry) => { perf.lcp = entry; });
  // cxcheck never types or clicks in a page it measures, yet under mobile emulation
  // Chromium reports an "input" around load (its viewport set-up) and marks the shifts of
  // the next 500 ms as expected. Only the shift that input causes at once (within 50 ms) is
  // left out; a banner pushed in 300 ms later still counts, as in Lighthouse's trace.
  watch("layout-shift", (entry) => {
    if (entry.hadRecentInput && entry.startTime - entry.lastInputTime < 50) return;
    perf.shifts.push(entry);
    perf.lastActivity = Math.max(perf.lastActivity, entry.startTime);
  });
  watch("longtask", (entry) => {
    perf.longTasks.push({ start: entry.startTime, duration: entry.duration });
    perf.lastActivity = Math.max(perf.lastActivity, entry.startTime + entry.duration);
  });
})();
