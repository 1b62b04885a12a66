// Search results: the page lists every product; keep those whose words contain all the
// words of ?q= (the header's search box sends it), in the order the list has them.
// Loaded in <head>; the page calls showResults() right after the list, before the first
// paint, so no result moves once customers see the page.
const query = (new URLSearchParams(location.search).get("q") || "").trim();

function matches(item, words) {
  const text = item.textContent.toLowerCase();
  return words.every((word) => text.includes(word));
}

function showResults() {
  document.getElementById("site-search").value = query;
  if (!query) return;  // no search yet: show the whole range
  const words = query.toLowerCase().split(/\s+/);
  let found = 0;
  for (const item of [...document.querySelectorAll("#search-results > li")]) {
    if (matches(item, words)) found += 1;
    else item.remove();
  }
  document.getElementById("search-title").textContent = "Search results for " + query;
  document.title = "Search results for " + query + " – Northwind Outfitters";
  document.getElementById("result-count").textContent = found
    ? found + (found === 1 ? " product matches." : " products match.")
    : "No products match “" + query + "”. Try a shorter word, or browse the whole shop.";
}

