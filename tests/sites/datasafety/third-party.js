// Loads the chat widget from the chat company's site, on the same port (any .localhost name
// reaches this machine).
(() => {
  const chat = document.createElement("script");
  chat.src = location.protocol + "//widgets.localhost:" + location.port + "/widget.js";
  document.head.appendChild(chat);
})();
