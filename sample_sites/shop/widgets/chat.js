// The chat company's widget (served on its own site, https://localhost:<port>/ in this demo):
// it waits until someone asks for it; its answer already set a visitor cookie.
window.NorthwindChat = { ready: true };
