/**
 * Secure by default, against a running netpix: the token (missing, wrong, in the URL then a cookie, as a bearer
 * header, generated when serving beyond loopback), cross-site WebSocket hijacking from a real browser page on another
 * port, DNS-rebinding Host headers, path traversal, security headers, a flood of upgrades, and TLS with wss://.
 */
import { deepStrictEqual, ok, strictEqual } from "node:assert/strict";
import { chromium } from "playwright-core";
import { connect } from "node:net";
import { DEMO_PCAP, startNetpix } from "./_netpix.ts";
import { CHROMIUM, CHROMIUM_ARGS } from "./_chromium.ts";

/** Sends one raw HTTP/1.1 request (so the path is not normalised) and returns the status line and body. */
function rawRequest(port: number, head: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const sock = connect(port, "127.0.0.1");
    let data = "";
    sock.on("data", (d) => data += d.toString());
    sock.on("end", () => resolve(data));
    sock.on("error", reject);
    sock.write(head + "\r\nConnection: close\r\n\r\n");
  });
}

/** A WebSocket upgrade request's status, with the given extra headers. */
async function upgradeStatus(url: string, headers: Record<string, string>): Promise<number> {
  const res = await fetch(`${url}/ws`, {
    headers: {
      upgrade: "websocket",
      connection: "Upgrade",
      "sec-websocket-key": "dGhlIHNhbXBsZSBub25jZQ==",
      "sec-websocket-version": "13",
      ...headers,
    },
  });
  await res.body?.cancel();
  return res.status;
}

Deno.test("a token is required everywhere once set; the URL's token becomes a cookie for the page", async () => {
  const netpix = await startNetpix(["-f", DEMO_PCAP, "--token", "s3cret-token"]);
  try {
    const none = await fetch(`${netpix.url}/`);
    strictEqual(none.status, 401);
    ok((await none.json()).error.includes("needs a token"));
    const wrong = await fetch(`${netpix.url}/?token=nope`);
    strictEqual(wrong.status, 401);
    await wrong.body?.cancel();
    const good = await fetch(`${netpix.url}/?token=s3cret-token`);
    strictEqual(good.status, 200);
    await good.body?.cancel();
    const cookie = good.headers.get("set-cookie")!;
    ok(/^netpix_token=s3cret-token; Path=\/; HttpOnly; SameSite=Strict/.test(cookie), cookie);
    const js = await fetch(`${netpix.url}/app.js`, { headers: { cookie: cookie.split(";")[0]! } });
    strictEqual(js.status, 200);
    await js.body?.cancel();
    const metrics = await fetch(`${netpix.url}/metrics`, { headers: { authorization: "Bearer s3cret-token" } });
    strictEqual(metrics.status, 200);
    ok((await metrics.text()).includes("netpix_http_refused_total 2"), "the refusals are counted");
    strictEqual(await upgradeStatus(netpix.url, {}), 401);
    strictEqual(await upgradeStatus(netpix.url, { authorization: "Bearer wrong" }), 401);
    const ws = new WebSocket(`${netpix.url.replace("http", "ws")}/ws?token=s3cret-token`);
    const first = await new Promise<string>((resolve) => {
      ws.onmessage = () => resolve("message");
      ws.onerror = () => resolve("error");
    });
    strictEqual(first, "message");
    ws.close();
  } finally {
    await netpix.stop();
  }
});

Deno.test("serving beyond loopback without --token generates one and prints the URL with it", async () => {
  const netpix = await startNetpix(["-f", DEMO_PCAP, "-a", "0.0.0.0"]);
  try {
    ok(/^\?token=[A-Za-z0-9_-]{22}$/.test(netpix.query), netpix.query);
    const local = `http://127.0.0.1:${netpix.port}`;
    strictEqual(await fetch(`${local}/api/sources`).then(async (r) => (await r.body?.cancel(), r.status)), 401);
    const ok200 = await fetch(`${local}/api/sources${netpix.query}`);
    strictEqual(ok200.status, 200);
    strictEqual((await ok200.json())[0].name, DEMO_PCAP);
  } finally {
    await netpix.stop();
  }
});

Deno.test("a web page on another origin cannot open the WebSocket of a local netpix; --allow-origin admits one", async () => {
  const page = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, (req) => {
    const target = new URL(req.url).searchParams.get("ws")!;
    const html = `<!doctype html><title>probe</title><script>
      const ws = new WebSocket(${JSON.stringify(target)});
      ws.onmessage = () => { document.title = "read"; ws.close(); };
      ws.onerror = () => { document.title = "refused"; };
    </script>`;
    return new Response(html, { headers: { "content-type": "text/html" } });
  });
  const pageOrigin = `http://127.0.0.1:${page.addr.port}`;
  const plain = await startNetpix(["-f", DEMO_PCAP]);
  const allowing = await startNetpix(["-f", DEMO_PCAP, "--allow-origin", pageOrigin]);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: [...CHROMIUM_ARGS] });
  try {
    const results: string[] = [];
    for (const netpix of [plain, allowing]) {
      const tab = await browser.newPage();
      await tab.goto(`${pageOrigin}/?ws=${encodeURIComponent(netpix.url.replace("http", "ws") + "/ws")}`);
      await tab.waitForFunction(() => document.title !== "probe", null, { timeout: 10_000 });
      results.push(await tab.title());
      await tab.close();
    }
    deepStrictEqual(results, ["refused", "read"]);
    strictEqual(await upgradeStatus(plain.url, { origin: "http://evil.example" }), 403);
    strictEqual(await upgradeStatus(plain.url, { origin: plain.url }), 101);
  } finally {
    await browser.close();
    await plain.stop();
    await allowing.stop();
    await page.shutdown();
  }
});

Deno.test("only embedded assets are served: traversal attempts get 404; every response has security headers", async () => {
  const netpix = await startNetpix(["-f", DEMO_PCAP]);
  try {
    for (
      const path of [
        "/../../../../etc/passwd",
        "/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
        "/..%2f..%2f..%2fetc%2fpasswd",
        "/src/server/app.ts",
        "/deno.json",
        "//etc/passwd",
        "/dist/../deno.json",
      ]
    ) {
      const reply = await rawRequest(netpix.port, `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:${netpix.port}`);
      ok(/^HTTP\/1\.1 (400|404)/.test(reply), `${path}: ${reply.split("\r\n")[0]}`);
      ok(!reply.includes("root:") && !reply.includes('"imports"'), `${path} leaked a file`);
    }
    const res = await fetch(`${netpix.url}/`);
    await res.body?.cancel();
    ok(res.headers.get("content-security-policy")!.includes("default-src 'self'"));
    strictEqual(res.headers.get("x-content-type-options"), "nosniff");
    const rebound = await rawRequest(netpix.port, `GET /api/sources HTTP/1.1\r\nHost: evil.example:${netpix.port}`);
    ok(rebound.startsWith("HTTP/1.1 403"), "a DNS-rebound Host is refused");
  } finally {
    await netpix.stop();
  }
});

Deno.test("a flood of WebSocket upgrades is refused cleanly and the server keeps serving", async () => {
  const netpix = await startNetpix(["-f", DEMO_PCAP, "-C", "5"]);
  const sockets: WebSocket[] = [];
  try {
    const outcomes = await Promise.all(Array.from({ length: 200 }, () =>
      new Promise<number>((resolve) => {
        const ws = new WebSocket(`${netpix.url.replace("http", "ws")}/ws`);
        sockets.push(ws);
        ws.onclose = (e) => resolve(e.code);
        ws.onmessage = () => {
          ws.onmessage = null;
          setTimeout(() => resolve(ws.readyState === WebSocket.OPEN ? 0 : -1), 500);
        };
      })));
    strictEqual(outcomes.filter((c) => c === 0).length, 5, "five stay connected");
    strictEqual(outcomes.filter((c) => c === 1013).length, 195, "the others are closed with 1013");
    const status = await (await fetch(`${netpix.url}/api/status`)).json();
    strictEqual(status.clients, 5);
    strictEqual(status.totals.rejectedClients, 195);
  } finally {
    for (const ws of sockets) if (ws.readyState === WebSocket.OPEN) ws.close();
    await netpix.stop();
  }
});

Deno.test("--tls-cert/--tls-key serve HTTPS and wss://", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const gen = await new Deno.Command("openssl", {
      args: [
        "req",
        "-x509",
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:prime256v1",
        "-nodes",
        "-days",
        "2",
        "-subj",
        "/CN=127.0.0.1",
        "-addext",
        "subjectAltName=IP:127.0.0.1",
        "-addext",
        "basicConstraints=critical,CA:FALSE", // an end-entity certificate, trusted directly
        "-keyout",
        `${dir}/key.pem`,
        "-out",
        `${dir}/cert.pem`,
      ],
      stderr: "piped",
    }).output();
    ok(gen.success, new TextDecoder().decode(gen.stderr));
    const netpix = await startNetpix(["-f", DEMO_PCAP, "--tls-cert", `${dir}/cert.pem`, "--tls-key", `${dir}/key.pem`]);
    try {
      ok(netpix.url.startsWith("https://127.0.0.1:"), netpix.url);
      const client = Deno.createHttpClient({ caCerts: [await Deno.readTextFile(`${dir}/cert.pem`)] });
      const res = await fetch(`${netpix.url}/api/sources`, { client } as RequestInit); // Deno.HttpClient option
      strictEqual(res.status, 200);
      strictEqual((await res.json())[0].name, DEMO_PCAP);
      client.close();
      // A WebSocket trusts only the process's CA store: check wss:// from a process started with --cert.
      const probe = `const ws = new WebSocket(${JSON.stringify(netpix.url.replace("https", "wss") + "/ws")});
        ws.onmessage = () => { console.log("hello over wss"); ws.close(); };
        ws.onerror = (e) => { console.log("error " + e.message); };`;
      const out = await new Deno.Command(Deno.execPath(), {
        args: ["eval", "--cert", `${dir}/cert.pem`, probe],
        stdout: "piped",
        stderr: "piped",
      }).output();
      strictEqual(new TextDecoder().decode(out.stdout).trim(), "hello over wss");
    } finally {
      await netpix.stop();
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
