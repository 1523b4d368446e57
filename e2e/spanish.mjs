// The newsroom in Spanish: a member whose browser asks for Spanish meets
// every refusal in Spanish — the login, the editor (field problems from the
// article model and the editor's own), the media library, the account,
// accounts of others, the settings, the wire desk, the sections, and the
// error pages.
// Each page's messages are collected (field errors, form errors, the error
// summary, the error page) and must hold no English sentence. Then
// axe-core on every newsroom page, as an administrator sees it.
//
// Env: BASE_URL, DATELINE_BIN, DATA_DIR, OUT_DIR. Run by e2e/run.sh.

import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { BASE_URL, check, eq, finish, launch, makeAccount, needServer, newContext, open, outDir, step, submitAnd } from './lib.mjs';

needServer('spanish.mjs');
const OUT = outDir('spanish');
const EMAIL = 'admin@spanish-e2e.example.org';
const PASSWORD = 'una contraseña larga de prueba';
makeAccount({ email: EMAIL, password: PASSWORD, role: 'admin', name: 'Redactora E2E' });

// Words that only an English sentence would hold.
const ENGLISH = /\b(the|choose|give|write|must|required|characters|password|this|another|already|cannot|at most|not|your|is|are|file|upload|try again)\b/i;
const MESSAGES = '.field-error, .form-error, .error-summary li, .nr-error-page h1, .nr-error-page p';

/** Every message on the page; at least one, and none in English. */
async function spanishOnly(page, where) {
  const texts = (await page.locator(MESSAGES).allInnerTexts()).map((t) => t.trim()).filter(Boolean);
  check(texts.length > 0, `${where}: no message shown`);
  const english = texts.filter((t) => ENGLISH.test(t));
  check(english.length === 0, `${where}: English message(s): ${JSON.stringify(english)}`);
  return texts;
}

const browser = await launch();
const ctx = await newContext(browser, { locale: 'es-ES' });
await ctx.setExtraHTTPHeaders({ 'Accept-Language': 'es-ES,es;q=0.9' });
const p = await ctx.newPage();
const seen = {};

await step('a. the login refuses a wrong password in Spanish', async () => {
  await open(p, '/newsroom/login');
  eq(await p.locator('html').getAttribute('lang'), 'es', 'the login page\'s language');
  await p.fill('input[name=email]', EMAIL);
  await p.fill('input[name=password]', 'no es la contraseña');
  await submitAnd(p, () => p.locator('form button[type=submit]').first().click());
  seen.login = await spanishOnly(p, 'login');
  await p.fill('input[name=email]', EMAIL);
  await p.fill('input[name=password]', PASSWORD);
  await submitAnd(p, () => p.locator('form button[type=submit]').first().click());
  check(new URL(p.url()).pathname === '/newsroom/', `not at the desk after logging in (${p.url()})`);
});

await step('b. the editor: the model\'s problems and the editor\'s own, in Spanish', async () => {
  await open(p, '/newsroom/articles/new');
  // The plain form (no script) posts what is typed: no headline, a tag too
  // long, a dateline date the editor cannot read.
  await p.evaluate(() => {
    document.querySelectorAll('details').forEach((d) => { d.open = true; });
  });
  await p.fill('#f-tags', 'x'.repeat(200));
  await p.fill('#f-dateline_place', 'La Habana');
  await p.fill('#f-dateline_date', '4 de octubre');
  await submitAnd(p, () => p.locator('button[name=intent][value=save]').click());
  seen.editor = await spanishOnly(p, 'editor');
  check(seen.editor.some((t) => t.includes('titular')), `no word about the headline: ${JSON.stringify(seen.editor)}`);
  check(seen.editor.some((t) => t.includes('AAAA-MM-DD')), `no word about the date: ${JSON.stringify(seen.editor)}`);
  await p.screenshot({ path: join(OUT, 'editor-es-1366.png') });
});

await step('c. the media library refuses a picture without alt text in Spanish', async () => {
  await open(p, '/newsroom/media');
  await p.locator('#f-file').setInputFiles(new URL('../demo/photos/coffee.jpg', import.meta.url).pathname);
  await p.fill('#f-caption', 'Un pie');
  await p.locator('form[data-upload] button[type=submit]').click();
  await p.locator('#f-alt_text-error').waitFor();
  seen.media = await spanishOnly(p, 'media');
});

await step('d. the account refuses a wrong current password and a short new one in Spanish', async () => {
  await open(p, '/newsroom/account');
  const form = p.locator('form[action="/newsroom/account/password"]');
  await form.locator('input[name=current]').fill('no es la mía');
  await form.locator('input[name=password]').fill('corta');
  await form.locator('input[name=password_again]').fill('otra');
  await submitAnd(p, () => form.locator('button[type=submit]').click());
  seen.account = await spanishOnly(p, 'account');
});

await step('e. accounts of others: a bad email and no name, in Spanish', async () => {
  await open(p, '/newsroom/users');
  const form = p.locator('form[action="/newsroom/users"]');
  await form.locator('input[name=email]').fill('no-es-un-correo');
  await form.locator('input[name=email]').evaluate((i) => { i.type = 'text'; });
  await submitAnd(p, () => form.locator('button[type=submit]').click());
  seen.users = await spanishOnly(p, 'users');
});

await step('f. the settings refuse a number out of range in Spanish', async () => {
  await open(p, '/newsroom/settings');
  const number = p.locator('input[type=number]').first();
  await number.evaluate((i) => { i.removeAttribute('max'); i.removeAttribute('min'); i.value = '99999999999'; });
  await submitAnd(p, () => p.locator('form.nr-settings button[type=submit]').last().click());
  seen.settings = await spanishOnly(p, 'settings');
});

await step('f2. the wire desk refuses copy it cannot read, pointing at the line, in Spanish', async () => {
  await open(p, '/newsroom/wire');
  await p.fill('#f-copy', 'Headline: Sin cuerpo\nSection: no-existe\n\n');
  await submitAnd(p, () => p.locator('form[action="/newsroom/wire/paste"] button[type=submit]').click());
  seen.wire = await spanishOnly(p, 'wire');
  eq(await p.locator('#f-copy').inputValue(), 'Headline: Sin cuerpo\nSection: no-existe\n\n', 'the copy kept after the refusal');
});

await step('f3. sections refuse a slug in the wrong shape in Spanish', async () => {
  await open(p, '/newsroom/sections');
  const form = p.locator('form[action^="/newsroom/sections"]').filter({ has: p.locator('input[name=slug]') }).first();
  await form.locator('input[name=name]').fill('Deportes');
  await form.locator('input[name=slug]').fill('No Es Un Slug!');
  await submitAnd(p, () => form.locator('button[type=submit]').first().click());
  seen.sections = await spanishOnly(p, 'sections');
});

await step('g. error pages (404, 403) in Spanish', async () => {
  const missing = await open(p, '/newsroom/articles/999999999');
  eq(missing.status(), 404, 'a missing article');
  eq(await p.locator('html').getAttribute('lang'), 'es', 'the 404 page\'s language');
  seen.notFound = await spanishOnly(p, '404');
  const refused = await p.request.post(`${BASE_URL}/newsroom/users`, { form: { email: 'a@b.org', name: 'x', role: 'editor' } });
  eq(refused.status(), 403, 'a form without its token');
  await p.setContent(await refused.text());
  seen.forbidden = await spanishOnly(p, '403');
});

// Every page of the newsroom, as an administrator sees it (in Spanish).
const PAGES = ['/newsroom/', '/newsroom/articles', '/newsroom/articles/new', '/newsroom/articles/1',
  '/newsroom/articles/1/revisions', '/newsroom/media', '/newsroom/comments', '/newsroom/wire', '/newsroom/account',
  '/newsroom/users', '/newsroom/users/1', '/newsroom/settings', '/newsroom/sections', '/newsroom/programmes',
  '/newsroom/fronts?lang=en', '/newsroom/pages?edit=1', '/newsroom/audit', '/newsroom/articles/999999999'];
await step(`h. axe-core: ${PAGES.length} newsroom pages have no violations at 1366 and 390 px`, async () => {
  const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  const violations = [];
  for (const path of PAGES) {
    for (const width of [1366, 390]) {
      await p.setViewportSize({ width, height: width === 390 ? 844 : 768 });
      await open(p, path);
      await p.evaluate(axeSource);
      const r = await p.evaluate(() => window.axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'best-practice'] }));
      violations.push(...r.violations.map((v) => `${path} ${width}px ${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`));
    }
  }
  writeFileSync(join(OUT, 'axe.json'), JSON.stringify(violations, null, 2));
  check(violations.length === 0, `${violations.length} violation(s): ${violations.slice(0, 12).join(' | ')}`);
});

console.log(`# messages seen: ${JSON.stringify(seen)}`);
await finish(browser, 'spanish');
