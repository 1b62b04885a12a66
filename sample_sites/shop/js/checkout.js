// Guest checkout: shows the cart, checks the card number, "places" the order in this
// browser (no payment is taken) and goes on to the confirmation page. Loaded in <head>
// after cart.js; the page calls startCheckout() right after the form, before the first paint.
const ORDER_KEY = "northwind-last-order";

function showOrder(lines) {
  const list = document.getElementById("order-lines");
  for (const line of lines) {
    const item = document.createElement("li");
    item.textContent = line.qty + " × " + line.name + ": " + pounds(line.price * line.qty);
    list.appendChild(item);
  }
  document.getElementById("order-total").textContent = lines.length
    ? "Total: " + pounds(cartTotal(lines))
    : "Your cart is empty: add something from the shop first.";
  document.getElementById("place-order").disabled = lines.length === 0;
}

function cardLooksRight(number) {
  return /^\d{16}$/.test(number.replace(/[\s-]/g, ""));
}

function placeOrder(event) {
  event.preventDefault();
  const form = event.target;
  const cardError = document.getElementById("card-error");
  cardError.hidden = cardLooksRight(form.elements.card.value);
  if (!cardError.hidden) {
    form.elements.card.focus();
    return;
  }
  const number = "NW-" + String(Math.floor(2000 + Math.random() * 8000));
  sessionStorage.setItem(ORDER_KEY, JSON.stringify({ number, email: form.elements.email.value }));
  saveCart([]);
  location.assign(form.getAttribute("action"));
}

function startCheckout() {
  showOrder(readCart());
  document.getElementById("checkout-form").addEventListener("submit", placeOrder);
}
