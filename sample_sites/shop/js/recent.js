// Fills "Recently viewed" from what the visitor looked at (here: a fixed example).
document.addEventListener("DOMContentLoaded", () => {
  const list = document.getElementById("recently-viewed");
  const item = document.createElement("li");
  item.innerHTML = '<a href="products/scarf.html">Harris tweed scarf</a>';
  list.appendChild(item);
});
