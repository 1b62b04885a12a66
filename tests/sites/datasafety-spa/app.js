// A single-page app: every address is this page; the script shows what the address names.
document.getElementById("view").textContent = "You are at " + location.pathname;
