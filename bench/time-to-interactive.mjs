#!/usr/bin/env node
// Time to interactive, in Debian's Chromium driven by Playwright, with the CPU 4x slower and a
// 1.6 Mbit/s down / 750 kbit/s up / 150 ms network. For each page, in the same run:
//  - cold, JavaScript on: navigation start to `<main data-hydrated="true">` (the page's own
//    marker that the WASM has hydrated it), and the page's first contentful paint;
//  - cold, JavaScript off: first contentful paint of the same page (the server's HTML alone);
//  - the ratio of the two medians, hydrated (JS on) / FCP (JS off); the target is <= 1.5;
//  - a repeat visit in the same browser context (warm HTTP cache): time to hydrated, and how
//    many bytes of .wasm and .js came over the network (0 when they are served `immutable`).
// "Cold" is a fresh browser context: empty cache, new connections, the session cookie only.
// Usage: node bench/time-to-interactive.mjs BASE_URL PATH...
//   COOKIE=groundwork_session=...  (or just the value), RUNS=5, CPU_RATE=4, LATENCY_MS=150,
//   DOWN_KBPS=1600, UP_KBPS=750, CHROMIUM_PATH=/usr/bin/chromium.
// Prints a table, then the figures as one JSON line.
import { chromium } from '../end2end/node_modules/playwright-core/index.mjs';

const [base, ...paths] = process.argv.slice(2);
if (!base || !paths.length) throw new Error('usage: time-to-interactive.mjs BASE_URL PATH...');
const env = (name, fallback) => Number(process.env[name] ?? fallback);
const runs = env('RUNS', 5);
const cpuRate = env('CPU_RATE', 4);
const network = {
  offline: false,
  latency: env('LATENCY_MS', 150),
  downloadThroughput: (env('DOWN_KBPS', 1600) * 1000) / 8, // bytes per second
  uploadThroughput: (env('UP_KBPS', 750) * 1000) / 8,
};
const cookie = process.env.COOKIE ?? '';
const split = cookie.indexOf('=');
const [cookieName, cookieValue] = split > 0
  ? [cookie.slice(0, split), cookie.slice(split + 1)] : ['groundwork_session', cookie];
const TIMEOUT_MS = 60_000;

// Runs in the page before any of its own scripts: notes performance.now() (milliseconds since
// navigation start) the moment main[data-hydrated] becomes "true", and exposes it as a promise.
function watchHydration() {
  window.__hydratedAt = new Promise((resolve) => {
    const observer = new MutationObserver(() => {
      if (document.querySelector('main[data-hydrated="true"]')) {
        observer.disconnect();
        resolve(performance.now());
      }
    });
    const options = { subtree: true, childList: true, attributeFilter: ['data-hydrated'] };
    observer.observe(document, options);
  });
}

// A fresh page in `context` with the throttling applied (before it navigates anywhere), and a
// tally of what came over the network for it, from the DevTools protocol's Network events.
async function throttledPage(context) {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  const requests = new Map();
  const entry = (id) => requests.get(id) ?? requests.set(id, { bytes: 0, cached: false }).get(id);
  cdp.on('Network.requestWillBeSent', (e) => { entry(e.requestId).url = e.request.url; });
  cdp.on('Network.requestServedFromCache', (e) => { entry(e.requestId).cached = true; });
  cdp.on('Network.responseReceived', ({ requestId, response }) => {
    entry(requestId).cached ||= Boolean(response.fromDiskCache || response.fromPrefetchCache);
  });
  // The status as it came over the wire: a revalidated file shows up above as the cached 200.
  cdp.on('Network.responseReceivedExtraInfo', (e) => { entry(e.requestId).status = e.statusCode; });
  // encodedDataLength: bytes received from the network, headers included; 0 from the cache.
  cdp.on('Network.loadingFinished', (e) => { entry(e.requestId).bytes = e.encodedDataLength; });
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', network);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: cpuRate });
  const traffic = () => {
    const all = [...requests.values()];
    const code = all.filter((r) => /\.(wasm|js)$/.test(new URL(r.url ?? 'about:blank').pathname));
    const sum = (list) => list.reduce((total, r) => total + (r.cached ? 0 : r.bytes), 0);
    return {
      totalBytes: sum(all),
      codeRequests: code.length,
      codeFromCache: code.filter((r) => r.cached).length,
      codeRevalidated: code.filter((r) => r.status === 304).length,
      codeBytes: sum(code),
    };
  };
  return { page, traffic };
}

// The page's first contentful paint, in ms since navigation start. Polled with plain, synchronous
// evaluations: they work with the page's JavaScript off too (Playwright evaluates through the
// DevTools protocol, which the page's script setting does not block).
async function firstContentfulPaint(page) {
  const deadline = Date.now() + TIMEOUT_MS;
  while (Date.now() < deadline) {
    const fcp = await page.evaluate(() =>
      performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null);
    if (fcp !== null) return fcp;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`no first contentful paint on ${page.url()}`);
}

// Loads `url` in `page`; returns FCP, and with JavaScript on the time to hydrated.
async function visit(page, url, javaScript) {
  const waitUntil = javaScript ? 'domcontentloaded' : 'load';
  const response = await page.goto(url, { waitUntil, timeout: TIMEOUT_MS });
  if (!response.ok() || new URL(page.url()).pathname !== new URL(url).pathname) {
    throw new Error(`${url}: ${response.status()} from ${page.url()} (is the cookie right?)`);
  }
  if (!javaScript) {
    // The page's own marker proves both that this is the page and that its scripts did not run.
    if ((await page.getAttribute('main', 'data-hydrated')) !== 'false') {
      throw new Error(`${url} has no main[data-hydrated="false"] with JavaScript off`);
    }
    return { fcp: round(await firstContentfulPaint(page)) };
  }
  const hydrated = await page.evaluate((timeout) => Promise.race([
    window.__hydratedAt, new Promise((resolve) => setTimeout(() => resolve(null), timeout)),
  ]), TIMEOUT_MS);
  if (typeof hydrated !== 'number') throw new Error(`${url} did not hydrate in ${TIMEOUT_MS} ms`);
  return { fcp: round(await firstContentfulPaint(page)), hydrated: round(hydrated) };
}

async function newContext(browser, javaScript) {
  const context = await browser.newContext({ javaScriptEnabled: javaScript });
  if (cookieValue) await context.addCookies([{ name: cookieName, value: cookieValue, url: base }]);
  if (javaScript) await context.addInitScript(watchHydration);
  return context;
}

// One cold visit; with JavaScript on, then a repeat visit from a new tab in the same context.
async function coldVisit(browser, url, javaScript) {
  const context = await newContext(browser, javaScript);
  try {
    const first = await throttledPage(context);
    const cold = { ...(await visit(first.page, url, javaScript)), ...first.traffic() };
    if (!javaScript) return { cold };
    await first.page.close();
    const second = await throttledPage(context);
    return { cold, repeat: { ...(await visit(second.page, url, true)), ...second.traffic() } };
  } finally {
    await context.close();
  }
}

const round = (value) => Math.round(value * 10) / 10; // 0.1 ms, as performance.now() allows
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return round(sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2);
};

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  headless: true,
  // As end2end/playwright.config.ts launches it.
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const results = [];
try {
  for (const path of paths) {
    const url = new URL(path, base).href;
    await coldVisit(browser, url, true); // warm-up, not counted: the server's first answers
    const [off, on] = [[], []];
    for (let run = 0; run < runs; run++) {
      // Alternate which mode goes first, so that drift in the machine favours neither.
      for (const javaScript of run % 2 ? [false, true] : [true, false]) {
        const visits = await coldVisit(browser, url, javaScript);
        if (javaScript) on.push(visits); else off.push(visits.cold.fcp);
      }
    }
    const [cold, repeat] = [on.map((r) => r.cold), on.map((r) => r.repeat)];
    const hydratedMs = median(cold.map((r) => r.hydrated));
    results.push({
      path,
      fcpJsOffMs: median(off),
      fcpJsOnMs: median(cold.map((r) => r.fcp)),
      hydratedMs,
      ratio: Math.round((hydratedMs / median(off)) * 100) / 100,
      coldCodeBytes: median(cold.map((r) => r.codeBytes)),
      repeatHydratedMs: median(repeat.map((r) => r.hydrated)),
      // The worst of the runs, for the repeat visit's "no WASM" target.
      repeatCodeRequests: Math.max(...repeat.map((r) => r.codeRequests)),
      repeatCodeFromCache: Math.min(...repeat.map((r) => r.codeFromCache)),
      repeatCodeRevalidated: Math.max(...repeat.map((r) => r.codeRevalidated)),
      repeatCodeBytes: Math.max(...repeat.map((r) => r.codeBytes)),
      runs: { fcpJsOff: off, cold, repeat },
    });
  }
} finally {
  await browser.close();
}

const kbps = (bytesPerSecond) => Math.round((bytesPerSecond * 8) / 1000);
console.log(`== time to interactive, medians of ${runs} cold run${runs === 1 ? '' : 's'} ` +
  `(a fresh context each): CPU ${cpuRate}x slower, ${kbps(network.downloadThroughput)} kbit/s ` +
  `down, ${kbps(network.uploadThroughput)} up, ${network.latency} ms latency`);
const width = Math.max(4, ...results.map((r) => r.path.length));
const row = (...cells) => console.log(cells.map((cell, i) =>
  String(cell)[i ? 'padStart' : 'padEnd'](i ? 12 : width)).join(' '));
const ms = (value) => `${Math.round(value)} ms`;
row('page', 'FCP, JS off', 'FCP, JS on', 'hydrated', 'ratio', 'repeat: hyd.', 'WASM+JS B',
  'cached', '304s');
for (const r of results) {
  row(r.path, ms(r.fcpJsOffMs), ms(r.fcpJsOnMs), ms(r.hydratedMs), `${r.ratio}x`,
    ms(r.repeatHydratedMs), r.repeatCodeBytes, `${r.repeatCodeFromCache}/${r.repeatCodeRequests}`,
    r.repeatCodeRevalidated);
}
console.log('ratio: hydrated (JS on) / FCP (JS off), target <= 1.5; the repeat visit (same ' +
  'context, new tab): hydrated, and its WASM and JS over the network, target 0 bytes (the ' +
  'worst run; cached = from the HTTP cache / requests)');
for (const r of results) {
  const list = (values) => values.map((v) => Math.round(v)).join(' ');
  console.log(`${r.path}: ${r.ratio <= 1.5 ? 'within' : 'over'} the 1.5x target; cold WASM+JS ` +
    `${r.coldCodeBytes} B; runs (ms): FCP JS off ${list(r.runs.fcpJsOff)}; FCP JS on ` +
    `${list(r.runs.cold.map((v) => v.fcp))}; hydrated ` +
    `${list(r.runs.cold.map((v) => v.hydrated))}; ` +
    `repeat hydrated ${list(r.runs.repeat.map((v) => v.hydrated))}`);
}
console.log(JSON.stringify({ cpuRate, network, runs, pages: results }));
