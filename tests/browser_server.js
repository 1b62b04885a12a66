// Starts a Playwright browser server (what a remote browser grid offers) for the tests:
// node browser_server.js <playwright-core dir> <chromium path> <args as JSON>
// Prints the ws:// endpoint, then serves until stdin closes.
const { chromium } = require(process.argv[2]);

(async () => {
  const server = await chromium.launchServer({
    executablePath: process.argv[3],
    args: JSON.parse(process.argv[4]),
    host: "127.0.0.1",
  });
  console.log(server.wsEndpoint());
  process.stdin.resume();
  process.stdin.on("end", async () => {
    await server.close();
    process.exit(0);
  });
})();
