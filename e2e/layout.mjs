// Layout gates for the readers' pages, in Debian's Chromium: the front, a
// section and an article page at 1366×768 and 390×844, in English and
// Arabic, on the demo edition as it starts (run before browser.mjs adds
// comments and views). Checks what a reader sees in the first screen, that
// the logo, the menu and the content share one edge, that nothing scrolls
// sideways at 320 px and that every card picture has its size; then
// compares each first screen with e2e/screenshots/, so that a layout change
// is a reviewed change.
//
// Env: BASE_URL, OUT_DIR; UPDATE_SCREENSHOTS=1 writes the reference
// screenshots instead of comparing (review them before committing).

import { chromium } from 'playwright-core';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const BASE_URL = (process.env.BASE_URL || 'http://127.0.0.1:18700').replace(/\/$/, '');
const OUT_DIR = join(process.env.OUT_DIR || new URL('../ci-out/e2e', import.meta.url).pathname, 'layout');
const REFERENCE = new URL('./screenshots', import.meta.url).pathname;
const UPDATE = process.env.UPDATE_SCREENSHOTS === '1';
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
// Share of pixels that may differ from the reference (antialiasing, a
// font's hinting): a moved block or a new colour is far above it.
const TOLERANCE = 0.01;
mkdirSync(OUT_DIR, { recursive: true });

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

const browser = await chromium.launch({
  executablePath: CHROMIUM,
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync',
    '--font-render-hinting=none', '--disable-lcd-text'],
});
const VIEWS = [
  { name: 'desktop', width: 1366, height: 768 },
  { name: 'phone', width: 390, height: 844 },
];

// Where the logo, the first menu item and the content start (the left
// edge, or the right one right to left), in CSS pixels.
async function edges(page, bleed) {
  return page.evaluate((bleed) => {
    const rtl = document.documentElement.dir === 'rtl';
    const edge = (el) => { const r = el.getBoundingClientRect(); return rtl ? r.right : r.left; };
    const logo = document.querySelector('.site-name a');
    const menu = document.querySelector('.sections li a');
    const main = document.querySelector('main');
    const cs = getComputedStyle(main);
    const box = main.getBoundingClientRect();
    const content = rtl ? box.right - parseFloat(cs.paddingRight) : box.left + parseFloat(cs.paddingLeft);
    // The first thing drawn in main: its first element with a box (on a
    // phone the lead picture runs from edge to edge by design).
    const first = [...main.querySelectorAll(bleed ? 'h1:not(.visually-hidden), .breadcrumb a, .card-headline'
      : 'h1:not(.visually-hidden), .card-picture, .breadcrumb a, .card-headline')]
      .find((el) => el.getBoundingClientRect().width > 0);
    return { rtl, logo: edge(logo), menu: menu ? edge(menu) : null, content, first: first ? edge(first) : null };
  }, bleed);
}

async function sameEdge(page, what) {
  const e = await edges(page, page.viewportSize().width < 640);
  const all = [['logo', e.logo], ['menu', e.menu], ['content', e.content], ['first item', e.first]]
    .filter(([, v]) => v !== null);
  const spread = Math.max(...all.map(([, v]) => v)) - Math.min(...all.map(([, v]) => v));
  check(spread <= 1, `${what}: the ${e.rtl ? 'right' : 'left'} edges differ by ${spread.toFixed(1)} px (${all.map(([n, v]) => `${n} ${v.toFixed(1)}`).join(', ')})`);
}

async function cardPicturesHaveSizes(page, what) {
  const bad = await page.$$eval('img', (imgs) => imgs
    .filter((i) => !i.getAttribute('width') || !i.getAttribute('height'))
    .map((i) => i.getAttribute('src')));
  check(bad.length === 0, `${what}: pictures without width and height: ${bad.slice(0, 3).join(', ')}`);
}

async function noSidewaysScroll(ctxPage, path) {
  await ctxPage.setViewportSize({ width: 320, height: 700 });
  await ctxPage.goto(BASE_URL + path, { waitUntil: 'load' });
  const [sw, cw] = await ctxPage.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
  check(sw <= cw, `${path} at 320 px scrolls sideways (${sw} px of content in ${cw})`);
}

// Compares a PNG with its reference inside the browser (canvas pixels), so
// that no image library is needed.
async function compare(page, name, png) {
  const file = join(REFERENCE, `${name}.png`);
  writeFileSync(join(OUT_DIR, `${name}.png`), png);
  if (UPDATE) {
    writeFileSync(file, png);
    return;
  }
  check(existsSync(file), `no reference screenshot ${file} (UPDATE_SCREENSHOTS=1 writes one)`);
  const ref = readFileSync(file);
  const result = await page.evaluate(async ([a, b]) => {
    const load = (b64) => new Promise((ok, ko) => {
      const img = new Image();
      img.onload = () => ok(img);
      img.onerror = () => ko(new Error('unreadable PNG'));
      img.src = `data:image/png;base64,${b64}`;
    });
    const [x, y] = await Promise.all([load(a), load(b)]);
    if (x.width !== y.width || x.height !== y.height) return { size: [x.width, x.height, y.width, y.height] };
    const pixels = (img) => {
      const c = document.createElement('canvas');
      c.width = img.width; c.height = img.height;
      const g = c.getContext('2d');
      g.drawImage(img, 0, 0);
      return g.getImageData(0, 0, img.width, img.height).data;
    };
    const p = pixels(x); const q = pixels(y);
    let differ = 0;
    for (let i = 0; i < p.length; i += 4) {
      if (Math.abs(p[i] - q[i]) + Math.abs(p[i + 1] - q[i + 1]) + Math.abs(p[i + 2] - q[i + 2]) > 48) differ += 1;
    }
    return { share: differ / (p.length / 4) };
  }, [png.toString('base64'), ref.toString('base64')]);
  check(!result.size, `${name}: ${result.size && result.size.join('×')} against the reference's size`);
  check(result.share <= TOLERANCE,
    `${name}: ${(result.share * 100).toFixed(2)}% of pixels differ from e2e/screenshots/${name}.png (at most ${TOLERANCE * 100}%); see ${join(OUT_DIR, name + '.png')}`);
}

const compareCtx = await browser.newContext({ viewport: { width: 400, height: 300 } });
const comparer = await compareCtx.newPage();
await comparer.goto(`${BASE_URL}/healthz`);

for (const lang of ['en', 'ar']) {
  for (const view of VIEWS) {
    const ctx = await browser.newContext({ viewport: { width: view.width, height: view.height }, locale: lang === 'ar' ? 'ar' : 'en-GB' });
    const page = await ctx.newPage();
    const tag = `${lang}-${view.name}`;
    let articlePath = null;
    let sectionPath = null;
    await step(`front /${lang}/ ${view.width}×${view.height}: the lead story's picture and headline in the first screen`, async () => {
      const resp = await page.goto(`${BASE_URL}/${lang}/`, { waitUntil: 'load' });
      check(resp.status() === 200, `status ${resp.status()}`);
      const lead = await page.evaluate(() => {
        const card = document.querySelector('.card-lead');
        const img = card && card.querySelector('img.card-picture');
        const h = card && card.querySelector('.card-headline');
        const rect = (el) => { const r = el.getBoundingClientRect(); return { top: r.top, bottom: r.bottom, width: r.width }; };
        return card && {
          img: img && { ...rect(img), loaded: img.complete && img.naturalWidth > 0, priority: img.getAttribute('fetchpriority') },
          headline: h && rect(h),
          href: h && h.querySelector('a').getAttribute('href'),
        };
      });
      check(lead, 'no .card-lead');
      check(lead.img, 'the lead story has no picture');
      check(lead.img.loaded, 'the lead picture did not load');
      check(lead.img.priority === 'high', `the lead picture's fetchpriority is ${lead.img.priority}`);
      check(lead.headline.bottom <= view.height, `the lead headline ends at ${Math.round(lead.headline.bottom)} px, below the first screen`);
      if (view.name === 'phone') {
        check(lead.img.top < 600 && lead.headline.top < 600,
          `on a phone the lead picture starts at ${Math.round(lead.img.top)} px and its headline at ${Math.round(lead.headline.top)} px (both must be above 600)`);
      }
      articlePath = lead.href;
      sectionPath = await page.locator('.sections li:nth-child(2) a').getAttribute('href');
    });
    if (view.name === 'desktop') {
      await step(`front /${lang}/ at 1366×768: at least six headlines in the first screen`, async () => {
        const n = await page.evaluate((h) => [...document.querySelectorAll('main .card-headline a, main .most-viewed li a, main .side-list a')]
          .filter((a) => { const r = a.getBoundingClientRect(); return r.width > 0 && r.top >= 0 && r.bottom <= h; }).length, view.height);
        check(n >= 6, `${n} headlines in the first screen`);
      });
    }
    await step(`front /${lang}/ ${view.name}: logo, menu and content on one edge; every picture sized`, async () => {
      await sameEdge(page, `/${lang}/`);
      await cardPicturesHaveSizes(page, `/${lang}/`);
      await compare(comparer, `front-${tag}`, await page.screenshot());
    });
    for (const [kind, path] of [['section', sectionPath], ['article', articlePath]]) {
      await step(`${kind} ${path} ${view.name}: one edge; every picture sized`, async () => {
        check(path, `no ${kind} link on the front page`);
        const resp = await page.goto(BASE_URL + path, { waitUntil: 'load' });
        check(resp.status() === 200, `status ${resp.status()}`);
        await sameEdge(page, path);
        await cardPicturesHaveSizes(page, path);
        if (kind === 'article') {
          const img = await page.evaluate(() => {
            const i = document.querySelector('.story-image img');
            const col = document.querySelector('.story').getBoundingClientRect();
            if (!i) return null;
            const r = i.getBoundingClientRect();
            return { left: r.left, right: r.right, colLeft: col.left, colRight: col.right, vw: document.documentElement.clientWidth };
          });
          check(img, `${path} has no lead image`);
          if (view.name === 'phone') {
            check(img.left <= 0.5 && img.right >= img.vw - 0.5, `on a phone the lead image runs ${img.left.toFixed(0)}–${img.right.toFixed(0)} px, not edge to edge of ${img.vw}`);
          } else {
            check(Math.abs(img.left - img.colLeft) <= 1 && Math.abs(img.right - img.colRight) <= 1,
              `the lead image (${img.left.toFixed(0)}–${img.right.toFixed(0)}) is not the article column's width (${img.colLeft.toFixed(0)}–${img.colRight.toFixed(0)})`);
          }
        }
        await compare(comparer, `${kind}-${tag}`, await page.screenshot());
      });
    }
    if (view.name === 'phone') {
      for (const path of [`/${lang}/`, sectionPath, articlePath].filter(Boolean)) {
        await step(`${path} at 320 px: nothing scrolls sideways`, () => noSidewaysScroll(page, path));
      }
    }
    await ctx.close();
  }
}
await browser.close();
console.log(failed ? `layout: ${failed} check(s) failed` : 'layout: all checks passed');
process.exit(failed ? 1 : 0);
