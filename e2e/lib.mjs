// What the e2e journeys share: the environment, Debian's Chromium, steps
// that print `ok - …` / `not ok - …`, checks, and accounts made as an
// operator makes them (the `dateline user add` command).

import { chromium } from 'playwright-core';
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

export const BASE_URL = (process.env.BASE_URL || 'http://127.0.0.1:18700').replace(/\/$/, '');
export const DATELINE_BIN = process.env.DATELINE_BIN;
export const DATA_DIR = process.env.DATA_DIR;
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';

/** The journey's folder for screenshots and records, under OUT_DIR. */
export function outDir(name) {
  const dir = join(process.env.OUT_DIR || new URL('../ci-out/e2e', import.meta.url).pathname, name);
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** Exits (2) unless the server's binary and data folder are named. */
export function needServer(script) {
  if (!DATELINE_BIN || !DATA_DIR) {
    console.error(`${script}: DATELINE_BIN and DATA_DIR must be set (run e2e/run.sh)`);
    process.exit(2);
  }
}

let failed = 0;
let passed = 0;
export const pageErrors = [];

/** Runs one step and prints its line; a failure does not stop the rest. */
export async function step(name, fn) {
  const t0 = Date.now();
  try {
    await fn();
    passed += 1;
    console.log(`ok - ${name} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  } catch (e) {
    failed += 1;
    const reason = String(e && e.message ? e.message : e).split('\n').filter(Boolean).slice(0, 6).join(' | ');
    console.log(`not ok - ${name}: ${reason}`);
  }
}

export function check(cond, msg) {
  if (!cond) throw new Error(msg);
}

export function eq(actual, expected, what) {
  if (actual !== expected) throw new Error(`${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
}

/** Debian's Chromium, headless, with nothing of its own on the network. */
export async function launch() {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** A browser context whose pages' script errors are collected. */
export async function newContext(browser, { viewport = { width: 1366, height: 768 }, locale = 'en-GB' } = {}) {
  const ctx = await browser.newContext({ viewport, locale });
  ctx.setDefaultTimeout(10_000);
  ctx.on('page', (p) => {
    p.on('pageerror', (e) => pageErrors.push(`${p.url()}: ${e.message}`));
  });
  return ctx;
}

/** A newsroom account made with the command line. */
export function makeAccount({ email, password, role = 'editor', name = 'E2E' }) {
  execFileSync(DATELINE_BIN, ['user', 'add', '--data-dir', DATA_DIR, '--role', role, '--name', name, email],
    { input: password + '\n', env: Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('DATELINE_'))) });
}

/** Loads a page and waits for it. */
export async function open(page, path) {
  return page.goto(BASE_URL + path, { waitUntil: 'load' });
}

/** Does `action` and waits for the page it leads to. */
export async function submitAnd(page, action) {
  const [resp] = await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), action()]);
  return resp;
}

/** Prints the counts (and any script errors, as one failed step); exits. */
export async function finish(browser, name) {
  await browser.close();
  if (pageErrors.length) {
    console.log(`# script errors on the pages (${pageErrors.length}):`);
    for (const e of [...new Set(pageErrors)].slice(0, 10)) console.log(`#   ${e}`);
    console.log(`not ok - no script errors on the ${name} pages`);
    failed += 1;
  }
  console.log(`# ${name}: ${passed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}
