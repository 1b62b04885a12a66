// Installed in every document before its own scripts run: records what the browser reports
// while the page loads (largest contentful paint, layout shifts, long tasks), so the
// capture can read it afterwards. Element references stay here; performance.js turns them
// into selectors.
(() => {
  if (window.__cxcheckPerf) return;
  const perf = { lcp: null, shifts: [], longTasks: [], lastActivity: 0 };
  window.__cxcheckPerf = perf;
  const watch = (type, onEntry) => {
    try {
      new PerformanceObserver((list) => list.getEntries().forEach(onEntry))
        .observe({ type, buffered: true });
    } catch (e) { /* an older browser without this entry type */ }
  };
  watch("largest-contentful-paint", (entry) => { perf.lcp = entry; });
  // Every shift counts, hadRecentInput or not: cxcheck never types or clicks in a page it
  // measures, and Chromium's mobile emulation marks a new tab's first shifts as "after
  // input" (its viewport set-up), which would hide them (Lighthouse's trace counts them).
  watch("layout-shift", (entry) => {
    perf.shifts.push(entry);
    perf.lastActivity = Math.max(perf.lastActivity, entry.startTime);
  });
  watch("longtask", (entry) => {
    perf.longTasks.push({ start: entry.startTime, duration: entry.duration });
    perf.lastActivity = Math.max(perf.lastActivity, entry.startTime + entry.duration);
  });
})();
