// The cart page: one row per cart line, a subtotal and the way on to the checkout.
// Loaded in <head> after cart.js; the page calls showCart() right after the cart's markup,
// before the first paint, so nothing jumps when the rows arrive.
const FREE_DELIVERY_FROM = 60;
const DELIVERY = 4.95;
// A first visit (no cart saved yet) shows the sample order the demo shop ships with, so a
// crawl, which never presses "Add to cart", still sees a cart line.
const SAMPLE_CART = [{ id: "boots", name: "Ridge trail boots", price: 129, qty: 1 }];
// The remove control as the shop has always drawn it: an icon only (a planted problem).
const REMOVE_ICON =
  '<svg width="16" height="16" aria-hidden="true"><path d="M2 2 L14 14 M14 2 L2 14" stroke="#333" stroke-width="2"/></svg>';

console.error("Cart service unavailable: falling back to local cart");

function cartRow(line) {
  const row = document.createElement("tr");
  for (const text of [line.name, String(line.qty), pounds(line.price * line.qty)]) {
    const cell = document.createElement("td");
    cell.textContent = text;
    row.appendChild(cell);
  }
  const cell = document.createElement("td");
  cell.innerHTML = '<button class="icon-button" type="button">' + REMOVE_ICON + "</button>";
  cell.firstChild.addEventListener("click", () => {
    saveCart(readCart().filter((l) => l.id !== line.id));
    showCart();
  });
  row.appendChild(cell);
  return row;
}

function showCart() {
  const lines = readCart();
  document.getElementById("cart-lines").replaceChildren(...lines.map(cartRow));
  document.getElementById("cart-empty").hidden = lines.length > 0;
  document.getElementById("go-to-checkout").hidden = lines.length === 0;
  const subtotal = cartTotal(lines);
  const delivery = subtotal >= FREE_DELIVERY_FROM
    ? "Delivery is free on this order."
    : "Delivery costs " + pounds(DELIVERY) + " (free from " + pounds(FREE_DELIVERY_FROM) + ").";
  document.getElementById("cart-subtotal").textContent =
    lines.length ? "Subtotal: " + pounds(subtotal) + ". " + delivery : "Nothing to pay yet.";
}

if (localStorage.getItem(CART_KEY) === null) saveCart(SAMPLE_CART);
