// Moderation by keyboard alone, in Debian's Chromium: twenty comments wait;
// an editor works through them with the queue's keys (j/k to move, a/r/s/d/b
// to act, e to edit, p to reply as staff, ? for the list of keys). No page
// load may happen, the tabs' counts follow, and each comment ends with the
// status it was given, in the database (read back with `dateline comments
// list --json`). Then the queue is checked with axe, and screenshotted at
// 1366×768 and 390×844 in English and Spanish.
//
// Env: BASE_URL, DATELINE_BIN, DATA_DIR, OUT_DIR, CHROMIUM.

import { chromium } from 'playwright-core';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const BASE_URL = (process.env.BASE_URL || 'http://127.0.0.1:18700').replace(/\/$/, '');
const DATELINE_BIN = process.env.DATELINE_BIN;
const DATA_DIR = process.env.DATA_DIR;
const OUT_DIR = join(process.env.OUT_DIR || new URL('../ci-out/e2e', import.meta.url).pathname, 'moderation');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const ARTICLE = '/en/world/2016/10/04/u-s-suspends-negotiations-with-russia-over-syria-ceasefire';
const MODERATOR = 'moderator@e2e.example.org';
const PASSWORD = 'a long moderation password';
mkdirSync(OUT_DIR, { recursive: true });
if (!DATELINE_BIN || !DATA_DIR) {
  console.error('moderation.mjs: DATELINE_BIN and DATA_DIR must be set (run e2e/run.sh)');
  process.exit(2);
}

let failed = 0;
async function step(name, fn) {
  try {
    await fn();
    console.log(`ok - ${name}`);
  } catch (e) {
    failed += 1;
    console.log(`not ok - ${name}: ${String(e && e.message ? e.message : e).split('\n')[0]}`);
  }
}
function check(cond, msg) { if (!cond) throw new Error(msg); }
const cleanEnv = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('DATELINE_')));
function dateline(args, input) {
  return execFileSync(DATELINE_BIN, [args[0], '--data-dir', DATA_DIR, ...args.slice(1)],
    { encoding: 'utf8', input, env: cleanEnv, stdio: ['pipe', 'pipe', 'pipe'] });
}

// What each of the twenty is to become, and the key that does it.
const PLAN = [];
const KEY = { approved: 'a', rejected: 'r', spam: 's', deleted: 'd', blocked: 'b' };
for (let i = 0; i < 20; i += 1) {
  // The newest (the first rows) are approved: the edit and the reply land
  // on comments readers will see.
  const end = i >= 11 ? 'approved' : i >= 7 ? 'rejected' : i >= 4 ? 'spam' : i >= 2 ? 'deleted' : 'blocked';
  PLAN.push({ body: `Keyboard journey comment ${String(i + 1).padStart(2, '0')}: a reader's view.`, email: `reader${i + 1}@e2e.example.org`, end });
}

// ------------------------------------------------------------ the queue
const saved = {};
await step('m. twenty comments wait for moderation', async () => {
  for (const [key, value] of [['comments.min_seconds', '0'], ['comments.per_form', '100'],
    ['comments.rate_per_address', '100'], ['comments.rate_per_email', '100']]) {
    saved[key] = dateline(['settings', 'get', key]).trim();
    dateline(['settings', 'set', key, value]);
  }
  execFileSync(DATELINE_BIN, ['user', 'add', '--data-dir', DATA_DIR, '--role', 'editor', '--name', 'E2E Moderator', MODERATOR],
    { input: PASSWORD + '\n', env: cleanEnv, stdio: ['pipe', 'pipe', 'pipe'] });
  // The server reads settings through the change feed: within a second.
  await new Promise((r) => setTimeout(r, 1200));
  const page = await fetch(BASE_URL + ARTICLE).then((r) => r.text());
  const token = page.match(/name="token" value="([^"]+)"/);
  check(token, 'the article has no comment form');
  for (const c of PLAN) {
    const res = await fetch(BASE_URL + ARTICLE + '/comments', {
      method: 'POST', redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ name: 'Reader ' + c.email.slice(6, 8), email: c.email, body: c.body, token: token[1] }),
    });
    check(res.status === 303, `posting a comment answered ${res.status}`);
  }
  const pending = JSON.parse('[' + dateline(['comments', 'list', '--status', 'pending', '--json']).trim().split('\n').filter(Boolean).join(',') + ']');
  const ours = pending.filter((c) => c.body.startsWith('Keyboard journey'));
  check(ours.length === 20, `${ours.length} of the 20 are pending`);
  for (const c of ours) PLAN.find((p) => p.body === c.body).id = c.id;
});

const browser = await chromium.launch({
  executablePath: CHROMIUM,
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const ctx = await browser.newContext({ viewport: { width: 1366, height: 768 } });
const page = await ctx.newPage();
const errors = [];
page.on('pageerror', (e) => errors.push(String(e)));
async function logIn() {
  await page.goto(BASE_URL + '/newsroom/login');
  await page.fill('input[name=email]', MODERATOR);
  await page.fill('input[name=password]', PASSWORD);
  await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Log in' }).click()]);
}

let keystrokes = 0;
async function until(locator, what, state = 'visible') {
  try {
    await locator.waitFor({ state, timeout: 5000 });
  } catch (e) {
    await page.screenshot({ path: join(OUT_DIR, 'failed.png') });
    const said = await page.locator('#moderation-status').innerText().catch(() => '');
    throw new Error(`${what} (the status line says ${JSON.stringify(said)})`);
  }
}
async function press(key) { keystrokes += 1; await page.keyboard.press(key); }

await step('m. twenty comments moderated by keyboard alone, with no page load', async () => {
  await logIn();
  await page.goto(BASE_URL + '/newsroom/comments?status=pending');
  let loads = 0;
  page.on('framenavigated', (f) => { if (f === page.mainFrame()) loads += 1; });
  const rowOf = (c) => page.locator(`#comment-row-${c.id}`);
  for (const c of PLAN) check(await rowOf(c).count() === 1, `comment ${c.id} is not in the queue`);
  const before = Number(await page.locator('.nr-filters [data-count=pending]').innerText());

  // The list of keys, from the keyboard.
  await press('?');
  check(await page.locator('#shortcuts').evaluate((d) => d.open), '? did not open the list of keys');
  await press('?');
  // Our twenty are the newest: the first rows. Move down and back up.
  await press('j'); await press('j'); await press('k'); await press('k');
  // Edit the current one by keyboard: e, type, Tab to the button, Enter.
  const firstId = Number(await page.locator('tr.queue-row.is-current').getAttribute('data-id'));
  const first = PLAN.find((c) => c.id === firstId);
  check(first, 'the first row is not one of the twenty');
  first.edited = true;
  await press('e');
  check(await page.evaluate(() => document.activeElement && document.activeElement.tagName) === 'TEXTAREA', 'e did not put the cursor in the text');
  await page.keyboard.press('End'); keystrokes += 1;
  await page.keyboard.type(' (edited)'); keystrokes += ' (edited)'.length;
  await press('Tab'); await press('Enter');
  await until(page.locator(`#comment-row-${first.id} [data-body]`, { hasText: '(edited)' }), 'the edit did not show in its row');
  // Reply as staff to the second: p, type, Tab, Enter.
  await press('j');
  await press('p');
  const reply = 'Thank you: the newsroom replies.';
  await page.keyboard.type(reply); keystrokes += reply.length;
  await press('Tab'); await press('Enter');
  await until(page.locator('#moderation-status', { hasText: '1 comment changed' }), 'the reply was not sent');
  await press('Escape');
  await press('k');

  // Now each row in turn: read it, press its key, wait for it to go.
  for (let n = 0; n < 20; n += 1) {
    const current = page.locator('tr.queue-row.is-current');
    const id = Number(await current.getAttribute('data-id'));
    const c = PLAN.find((p) => p.id === id);
    check(c, `the current row (${id}) is not one of the twenty; ${n} done`);
    await press(KEY[c.end]);
    await until(page.locator(`#comment-row-${id}`), `row ${id} did not leave after ${KEY[c.end]}`, 'detached');
  }
  check(loads === 0, `${loads} page loads happened`);
  const after = Number(await page.locator('.nr-filters [data-count=pending]').innerText());
  check(after === before - 20, `the waiting count reads ${after}, not ${before - 20}`);
  check(errors.length === 0, `script errors: ${errors.join('; ')}`);
  console.log(`# twenty comments, one edit and one staff reply: ${keystrokes} keystrokes, 0 clicks, ${loads} page loads`);
});

await step('m. the database holds what the keys did; the article shows the reply as staff', async () => {
  const all = dateline(['comments', 'list', '--json', '--limit', '500']).trim().split('\n').filter(Boolean).map((l) => JSON.parse(l));
  for (const c of PLAN) {
    const row = all.find((r) => r.id === c.id);
    if (c.end === 'deleted') { check(!row, `comment ${c.id} was not deleted`); continue; }
    check(row, `comment ${c.id} is gone`);
    const want = c.end === 'blocked' ? 'spam' : c.end;
    check(row.status === want, `comment ${c.id} is ${row.status}, not ${want}`);
  }
  const edited = PLAN.find((c) => c.edited);
  if (edited.end !== 'deleted') check(all.find((r) => r.id === edited.id).body.endsWith('(edited)'), 'the edit was not saved');
  const staff = all.filter((r) => r.body === 'Thank you: the newsroom replies.');
  check(staff.length === 1 && staff[0].status === 'approved', 'the staff reply is not approved once');
  const reader = await browser.newContext();
  const p = await reader.newPage();
  let seen = false;
  for (let i = 0; i < 20 && !seen; i += 1) {
    await p.goto(BASE_URL + ARTICLE);
    seen = await p.locator('.comment-staff', { hasText: 'the newsroom replies' }).count() > 0;
    if (!seen) await new Promise((r) => setTimeout(r, 250));
  }
  check(seen, 'the staff reply is not on the article');
  check((await p.locator('.comment-staff .staff-mark').first().innerText()).length > 0, 'the reply is not marked');
  await reader.close();
});

await step('m. axe on the queue: no violations', async () => {
  const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  await page.goto(BASE_URL + '/newsroom/comments?status=all');
  await page.evaluate(axeSource);
  const r = await page.evaluate(() => window.axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'best-practice'] }));
  check(r.violations.length === 0, r.violations.map((v) => `${v.id} (${v.nodes.length})`).join(', '));
});

await step('m. the queue at 1366×768 and 390×844, English and Spanish (screenshots)', async () => {
  for (const lang of ['en', 'es']) {
    for (const [w, h] of [[1366, 768], [390, 844]]) {
      const c = await browser.newContext({ viewport: { width: w, height: h }, locale: lang, extraHTTPHeaders: { 'accept-language': lang } });
      const p = await c.newPage();
      await p.goto(BASE_URL + '/newsroom/login');
      await p.fill('input[name=email]', MODERATOR);
      await p.fill('input[name=password]', PASSWORD);
      await Promise.all([p.waitForNavigation(), p.locator('form button[type=submit]').first().click()]);
      await p.goto(BASE_URL + '/newsroom/comments?status=all');
      const wide = await p.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      check(wide <= 1, `the page scrolls sideways by ${wide}px at ${w}px (${lang})`);
      await p.screenshot({ path: join(OUT_DIR, `queue-${lang}-${w}.png`) });
      await c.close();
    }
  }
});

for (const [key, value] of Object.entries(saved)) {
  try { dateline(['settings', 'set', key, value]); } catch (e) { /* reported by the next gate */ }
}
await browser.close();
console.log(`# moderation: ${failed} failed`);
process.exit(failed ? 1 : 0);
