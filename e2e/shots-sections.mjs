// Temporary: screenshots of the sections and programmes pages.
import { chromium } from 'playwright-core';

const BASE = process.env.BASE_URL || 'http://127.0.0.1:18723';
const OUT = process.env.OUT || '/tmp/shots-sections';
const EMAIL = process.env.EMAIL || 'admin@example.org';
const PASSWORD = process.env.PASSWORD || 'pw-long-enough';

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium', headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run'],
});
const errors = [];

async function login(locale) {
  const ctx = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale, extraHTTPHeaders: { 'Accept-Language': locale } });
  const page = await ctx.newPage();
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(BASE + '/newsroom/login');
  await page.fill('input[name=email]', EMAIL);
  await page.fill('input[name=password]', PASSWORD);
  await Promise.all([page.waitForNavigation(), page.click('form[action="/newsroom/login"] button[type=submit]')]);
  return page;
}

async function shoot(page, path, name) {
  for (const [w, h] of [[1366, 768], [390, 844]]) {
    await page.setViewportSize({ width: w, height: h });
    await page.goto(BASE + path);
    await page.screenshot({ path: `${OUT}/${name}-${w}.png`, fullPage: process.env.FULL === '1' });
  }
}

const en = await login('en-GB');
// An Arabic programme, so the programmes page has RTL names to show.
await en.goto(BASE + '/newsroom/programmes?lang=ar');
if (!(await en.content()).includes('النشرة الصباحية')) {
  await en.selectOption('#f-language', 'ar');
  await en.fill('#f-name', 'النشرة الصباحية');
  await en.fill('#f-slug', 'morning');
  await Promise.all([en.waitForNavigation(), en.click('#programme-form button.button-primary')]);
  await en.goto(BASE + '/newsroom/programmes?lang=ar');
  await en.selectOption('#f-language', 'ar');
  await en.fill('#f-name', 'حوار الأسبوع');
  await en.fill('#f-slug', 'weekly-talk');
  await Promise.all([en.waitForNavigation(), en.click('#programme-form button.button-primary')]);
}
await shoot(en, '/newsroom/sections?lang=ar', 'sections-en-ar');
await shoot(en, '/newsroom/sections?lang=en', 'sections-en-en');
await shoot(en, '/newsroom/programmes?lang=ar', 'programmes-en-ar');

// Script: Down on the first row moves it in place and says so.
await en.setViewportSize({ width: 1366, height: 768 });
await en.goto(BASE + '/newsroom/sections?lang=ar');
const before = await en.locator('.nr-order .order-name').allInnerTexts();
await en.locator('.nr-order li').first().locator('[data-move=down]').click();
const after = await en.locator('.nr-order .order-name').allInnerTexts();
const status = await en.locator('[data-order-status]').innerText();
const focused = await en.evaluate(() => document.activeElement && document.activeElement.getAttribute('value'));
console.log('in place:', before.slice(0, 2), '->', after.slice(0, 2), '| status:', status, '| focus:', focused);
await en.screenshot({ path: `${OUT}/sections-moved-1366.png` });

// Editing and the delete confirmation.
const firstEdit = await en.locator('.nr-order .order-name').first().getAttribute('href');
await shoot(en, firstEdit.replace('#section-form', ''), 'sections-edit');
const id = /edit=(\d+)/.exec(firstEdit)[1];
const to = await en.locator('#f-to option').first().getAttribute('value');
await shoot(en, `/newsroom/sections/${id}/delete?to=${to}`, 'sections-delete');

const es = await login('es');
await shoot(es, '/newsroom/sections?lang=ar', 'sections-es-ar');
await shoot(es, '/newsroom/programmes?lang=ar', 'programmes-es-ar');
// A refusal in Spanish, as typed.
await es.setViewportSize({ width: 1366, height: 768 });
await es.goto(BASE + '/newsroom/sections?lang=ar');
await es.evaluate(() => document.querySelectorAll('[required]').forEach((e) => e.removeAttribute('required')));
await es.fill('#f-name', '');
await es.fill('#f-slug', 'world');
await Promise.all([es.waitForNavigation(), es.click('#section-form button.button-primary')]);
await es.screenshot({ path: `${OUT}/sections-es-error-1366.png`, fullPage: true });

console.log('console errors:', errors);
await browser.close();
