// Adds an item (with a link to the next page of the feed) every 20 ms and whenever someone
// scrolls: there is always more.
let page = 0;
function more() {
  page += 1;
  const item = document.createElement("li");
  item.innerHTML = `<p>Item ${page}</p><a href="/feed?page=${page}">Page ${page}</a>`;
  document.getElementById("feed").append(item);
}
setInterval(more, 20);
addEventListener("scroll", more);
