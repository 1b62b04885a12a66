// The cart lives in this browser (localStorage): the demo shop has no cart server.
// A cart line is {id, name, price, qty}; prices are in pounds.
const CART_KEY = "northwind-cart";

function readCart() {
  try {
    return JSON.parse(localStorage.getItem(CART_KEY)) || [];
  } catch (error) {
    return [];  // a damaged cart starts again empty rather than breaking the page
  }
}

function saveCart(lines) {
  localStorage.setItem(CART_KEY, JSON.stringify(lines));
}

function addToCart(product, qty) {
  const lines = readCart();
  const line = lines.find((l) => l.id === product.id);
  if (line) {
    line.qty += qty;
  } else {
    lines.push({ id: product.id, name: product.name, price: Number(product.price), qty });
  }
  saveCart(lines);
}

function pounds(amount) {
  return "£" + amount.toFixed(2);
}

function cartTotal(lines) {
  return lines.reduce((sum, line) => sum + line.price * line.qty, 0);
}

// Says what was added, in the page's status line (screen readers announce it).
function announce(product, status) {
  if (status) status.textContent = product.name + " is in your cart.";
}

// "Add to cart" buttons (search results, shop) and forms (product pages, with a quantity)
// carry the product in data-id, data-name and data-price. Listeners go on the controls
// themselves, never on the document.
function wireAddToCart() {
  const status = document.getElementById("cart-status");
  for (const button of document.querySelectorAll("button[data-add-to-cart]")) {
    button.addEventListener("click", () => {
      addToCart(button.dataset, 1);
      announce(button.dataset, status);
    });
  }
  for (const form of document.querySelectorAll("form[data-add-to-cart]")) {
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      const qty = Math.max(1, parseInt(form.elements.qty.value, 10) || 1);
      addToCart(form.dataset, qty);
      announce(form.dataset, status);
    });
  }
}

// Pages with "Add to cart" controls load this at the end of <body>, after the controls.
wireAddToCart();
