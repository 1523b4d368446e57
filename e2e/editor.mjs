// The newsroom's article editor in Debian's Chromium: writing first (the
// headline and the body in the first screen), the rich-text body
// (ProseMirror over the Markdown textarea) driven by its toolbar and
// keyboard through to a published article, pasted word-processor HTML
// cleaned, the browser's own copy offered back after the page was closed,
// autosave from the first pause, the whole-page preview (new tab and side
// by side), pictures dropped into the body and the lead slot, the media
// library, and axe-core on the editor. Screenshots at 1366×768 and
// 390×844, in English and in an Arabic article, land in OUT_DIR/editor/.
//
// Env: BASE_URL, DATELINE_BIN, DATA_DIR (to make its own account), OUT_DIR.
// Prints `ok - <step>` or `not ok - <step>: reason` per step; exits 1 when
// any step failed. Run by e2e/run.sh after browser.mjs.

import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import {
  BASE_URL, check, eq, finish, launch, makeAccount, needServer, newContext as contextOf, open, outDir, step, submitAnd,
} from './lib.mjs';

const require = createRequire(import.meta.url);
needServer('editor.mjs');
const OUT_DIR = outDir('editor');
const browser = await launch();
const newContext = (viewport = { width: 1366, height: 768 }) => contextOf(browser, { viewport });

// An account of its own, made as an operator makes one.
const EMAIL = 'writer@editor-e2e.example.org';
const PASSWORD = 'a long editor e2e password';
makeAccount({ email: EMAIL, password: PASSWORD, role: 'editor', name: 'Editor Journey' });
async function logIn(p) {
  await open(p, '/newsroom/login');
  await p.fill('input[name=email]', EMAIL);
  await p.fill('input[name=password]', PASSWORD);
  await submitAnd(p, () => p.getByRole('button', { name: 'Log in' }).click());
}
// The editor page with the rich-text body mounted.
async function openEditor(p, path = '/newsroom/articles/new') {
  await open(p, path);
  await p.locator('#body-rich').waitFor({ state: 'visible' });
  check(await p.locator('#f-body').isHidden(), 'the Markdown textarea is still shown beside the rich-text body');
}
const markdown = (p) => p.locator('#f-body').inputValue();

// ------------------------------------------------------------ a. first screen
await step('a. at 1366×768 the headline and the body editor are in the first screen; screenshots', async () => {
  const ctx = await newContext();
  try {
    const p = await ctx.newPage();
    await logIn(p);
    await openEditor(p);
    const box = async (sel) => p.locator(sel).boundingBox();
    const headline = await box('#f-headline');
    const body = await box('#body-rich');
    const toolbar = await box('.nr-toolbar');
    check(headline && headline.y + headline.height <= 768, `the headline field ends at ${headline && headline.y + headline.height} px`);
    check(toolbar && toolbar.y + toolbar.height <= 768, `the toolbar ends at ${toolbar && toolbar.y + toolbar.height} px`);
    check(body && body.y + 200 <= 768, `the body editor starts at ${body && body.y} px, less than 200 px of it in the first screen`);
    check(body.x < 700 && body.width >= 700, `the body editor is ${body.width} px wide at x ${body.x}`);
    // The settings are beside it, not above it.
    const settings = await box('.nr-editor-settings');
    check(settings.x > body.x + body.width, 'the settings column is not to the right of the body');
    await p.screenshot({ path: join(OUT_DIR, 'editor-en-1366.png') });
    await p.setViewportSize({ width: 390, height: 844 });
    await p.screenshot({ path: join(OUT_DIR, 'editor-en-390.png') });
    const phoneBody = await box('#body-rich');
    check(phoneBody.y < 844, `on the phone the body editor starts at ${phoneBody.y} px`);
    const scroll = await p.evaluate(() => document.documentElement.scrollWidth);
    check(scroll <= 390, `the page scrolls sideways on the phone (${scroll} px wide)`);
    await p.screenshot({ path: join(OUT_DIR, 'editor-en-390-full.png'), fullPage: true });
    // An Arabic article: the body is written right to left.
    await p.setViewportSize({ width: 1366, height: 768 });
    await open(p, '/newsroom/articles?language=ar');
    const first = p.locator('table a[href^="/newsroom/articles/"]').first();
    const href = await first.getAttribute('href');
    check(href, 'no Arabic article in the newsroom list');
    await openEditor(p, href);
    eq(await p.locator('#body-rich').getAttribute('dir'), 'rtl', 'the Arabic body editor\'s dir');
    eq(await p.locator('#body-rich').evaluate((e) => getComputedStyle(e).direction), 'rtl', 'computed direction');
    await p.screenshot({ path: join(OUT_DIR, 'editor-ar-1366.png') });
    await p.setViewportSize({ width: 390, height: 844 });
    await p.screenshot({ path: join(OUT_DIR, 'editor-ar-390.png') });
  } finally {
    await ctx.close();
  }
});

// ------------------------------------------------------------ b. write and publish
// Every click and key press is counted (a chord such as Control+B is one
// key press; text typed into a prompt counts its characters and Enter).
const HEADLINE = 'Editor journey: ministers agree on a trade plan';
const effort = { clicks: 0, keys: 0 };
let storyPath = null;
await step('b. a story typed with the toolbar and the keyboard is published as written', async () => {
  const ctx = await newContext();
  try {
    const p = await ctx.newPage();
    await logIn(p);
    await openEditor(p);
    const click = async (locator) => { effort.clicks += 1; await locator.click(); };
    const type = async (text) => { effort.keys += text.length; await p.keyboard.type(text); };
    const press = async (key) => { effort.keys += 1; await p.keyboard.press(key); };
    const answerPrompt = (text) => p.once('dialog', (d) => { effort.keys += text.length + 1; d.accept(text); });

    await click(p.locator('#f-headline'));
    await type(HEADLINE);
    await click(p.locator('#body-rich'));
    await type('Ministers met ');
    await press('ControlOrMeta+b');
    await type('today');
    await press('ControlOrMeta+b');
    await type(' in Havana and agreed on a plan.');
    await press('Enter');
    await click(p.getByRole('button', { name: 'Subheading', exact: true }));
    eq(await p.getByRole('button', { name: 'Subheading', exact: true }).getAttribute('aria-pressed'), 'true', 'Subheading pressed in a subheading');
    await type('What they said');
    await press('Enter');
    await type('They spoke for two hours about trade.');
    await press('Enter');
    await type('Read the statement');
    await press('Shift+ControlOrMeta+ArrowLeft');
    answerPrompt('https://example.org/statement');
    await press('ControlOrMeta+k');
    await p.locator('#body-rich a[href="https://example.org/statement"]').waitFor();
    eq(await p.getByRole('button', { name: 'Link', exact: true }).getAttribute('aria-pressed'), 'true', 'Link pressed on a link');
    await press('End');
    await type('.');

    const md = await markdown(p);
    const expected = 'Ministers met **today** in Havana and agreed on a plan.\n\n## What they said\n\nThey spoke for two hours about trade.\n\nRead the [statement](https://example.org/statement).';
    eq(md, expected, 'the Markdown the form holds');
    await click(p.getByRole('button', { name: 'Publish', exact: true }).first());
    await p.waitForLoadState('load');
    await p.waitForURL(/\/newsroom\/articles\/\d+/);
    const link = p.locator('a[href^="/en/"]').filter({ hasText: 'See it on the site' }).first();
    storyPath = await link.getAttribute('href');
    check(storyPath, `no public link after publishing (at ${p.url()})`);
    await p.waitForTimeout(700);
    const resp = await open(p, storyPath);
    eq(resp.status(), 200, 'public article status');
    eq((await p.locator('h1').first().innerText()).trim(), HEADLINE, 'public headline');
    const body = p.locator('.story-body');
    check(await body.locator('strong', { hasText: 'today' }).count() === 1, 'no bold "today" on the public page');
    check(await body.locator('h2', { hasText: 'What they said' }).count() === 1, 'no subheading on the public page');
    check(await body.locator('a[href="https://example.org/statement"]', { hasText: 'statement' }).count() === 1, 'no link on the public page');
    const paragraphs = await body.locator('p').allInnerTexts();
    for (const want of ['Ministers met today in Havana and agreed on a plan.', 'They spoke for two hours about trade.', 'Read the statement.']) {
      check(paragraphs.some((t) => t.includes(want)), `no paragraph "${want}" on the public page (${JSON.stringify(paragraphs)})`);
    }
    await p.screenshot({ path: join(OUT_DIR, 'published.png'), fullPage: true });
    writeFileSync(join(OUT_DIR, 'effort.json'), JSON.stringify(effort, null, 2));
    console.log(`# b. ${effort.clicks} clicks and ${effort.keys} key presses (${HEADLINE.length} of them the headline)`);
  } finally {
    await ctx.close();
  }
});

// ------------------------------------------------------------ c. paste
const WORD_HTML = `<html xmlns:o="urn:schemas-microsoft-com:office:office"><head>
<style>p.MsoNormal { mso-style-name: Normal; color: red } </style>
<script>window.pasted = 1</script></head><body>
<!--StartFragment-->
<p class="MsoNormal" style="margin:0cm;font-family:Calibri"><span style="font-size:14pt;color:#ff0000">Quarterly <b style="mso-bidi-font-weight:normal">results</b> rose</span><o:p></o:p></p>
<!-- a comment the word processor left -->
<p class="MsoNormal"><span lang="EN-GB" style="mso-ansi-language:EN-GB">See <a href="javascript:alert(document.cookie)">this</a> and <a href="https://example.org/report" style="color:blue" onclick="alert(1)">the report</a>.</span></p>
<h1 style="font-size:30pt">A big title</h1>
<table><tr><td>cell text</td></tr></table>
<p><font face="Wingdings">Odd</font> <img src="file:///C:/Users/me/pic.png" alt="local"> <iframe src="https://evil.example/"></iframe><marquee>moving</marquee></p>
<script>alert("inline")</script>
<!--EndFragment-->
</body></html>`;
await step('c. pasted word-processor HTML is cleaned to what the schema allows, in the Markdown and the preview', async () => {
  const ctx = await newContext();
  try {
    const p = await ctx.newPage();
    await logIn(p);
    await openEditor(p);
    // The page as readers will see it, beside the text.
    await p.locator('#preview-beside').click();
    await p.locator('#body-rich').click();
    await p.evaluate((html) => {
      const data = new DataTransfer();
      data.setData('text/html', html);
      data.setData('text/plain', 'Quarterly results rose');
      const target = document.getElementById('body-rich');
      target.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    }, WORD_HTML);
    const md = await markdown(p);
    for (const want of ['Quarterly **results** rose', '[the report](https://example.org/report)', '## A big title', 'cell text', 'moving']) {
      check(md.includes(want), `the Markdown lacks ${JSON.stringify(want)}: ${JSON.stringify(md)}`);
    }
    for (const banned of ['javascript', '<', 'style', 'mso', 'o:p', 'alert', 'comment', 'window.pasted', 'file:', 'Wingdings', 'onclick', 'evil']) {
      check(!md.toLowerCase().includes(banned.toLowerCase()), `the Markdown holds ${JSON.stringify(banned)}: ${JSON.stringify(md)}`);
    }
    check(md.includes('See this and'), `the javascript: link's text is not kept as plain text: ${JSON.stringify(md)}`);
    check(await p.evaluate(() => window.pasted === undefined), 'a pasted script ran');
    // The side-by-side preview follows the paste (newsroom.js hears the textarea).
    const story = p.frameLocator('#preview-frame').locator('.story-body');
    await story.locator('strong', { hasText: 'results' }).waitFor({ timeout: 8000 });
    const preview = await story.innerHTML();
    for (const banned of ['<script', '<style', '<span', 'style=', 'javascript:', '<!--', 'o:p', '<iframe', '<img', 'onclick']) {
      check(!preview.toLowerCase().includes(banned), `the preview holds ${JSON.stringify(banned)}: ${preview.slice(0, 400)}`);
    }
    check(preview.includes('href="https://example.org/report"'), 'the preview lost the safe link');
    await p.screenshot({ path: join(OUT_DIR, 'pasted.png'), fullPage: true });
  } finally {
    await ctx.close();
  }
});

// ------------------------------------------------------------ d. nothing lost
await step('d. text typed and the page closed without saving is offered back when the editor opens again', async () => {
  const ctx = await newContext();
  try {
    let p = await ctx.newPage();
    await logIn(p);
    await openEditor(p);
    await p.locator('#f-headline').fill('A story the browser kept');
    await p.locator('#body-rich').click();
    await p.keyboard.type('Typed, never saved, not lost.');
    await p.close(); // no beforeunload prompt: Playwright closes outright, like a crash
    p = await ctx.newPage();
    await openEditor(p);
    const banner = p.locator('.nr-kept');
    await banner.waitFor({ state: 'visible' });
    eq(await p.locator('#f-headline').inputValue(), '', 'the headline before restoring');
    await p.screenshot({ path: join(OUT_DIR, 'kept-banner.png') });
    await banner.getByRole('button', { name: 'Restore the kept copy' }).click();
    eq(await p.locator('#f-headline').inputValue(), 'A story the browser kept', 'the headline restored');
    eq(await markdown(p), 'Typed, never saved, not lost.', 'the body restored (Markdown)');
    eq((await p.locator('#body-rich').innerText()).trim(), 'Typed, never saved, not lost.', 'the body restored (editor)');
    check(await banner.count() === 0, 'the banner stays after restoring');
    // Leaving now asks first.
    let asked = false;
    p.once('dialog', (d) => { asked = d.type() === 'beforeunload'; d.accept(); });
    await p.close({ runBeforeUnload: true });
    await new Promise((r) => setTimeout(r, 500));
    check(asked, 'leaving with changes not saved did not ask');
  } finally {
    await ctx.close();
  }
});

// ------------------------------------------------------------ f. autosave
let draftPath = null;
const DRAFT = 'Autosave journey: the harbour reopens';
await step('f. autosave from the first pause: a new story becomes a draft, "Saved · HH:MM" beside the headline', async () => {
  const ctx = await newContext();
  try {
    const p = await ctx.newPage();
    await logIn(p);
    await openEditor(p);
    await p.locator('#f-headline').click();
    await p.keyboard.type(DRAFT);
    await p.locator('#body-rich').click();
    await p.keyboard.type('Ships came back to the harbour this morning.');
    const status = p.locator('#autosave-status');
    await p.waitForFunction(() => /^Saved · /.test(document.getElementById('autosave-status').textContent), null, { timeout: 8000 });
    check(/^Saved · \d{2}:\d{2}/.test(await status.innerText()), `the status reads ${JSON.stringify(await status.innerText())}`);
    await p.waitForURL(/\/newsroom\/articles\/\d+$/, { timeout: 2000 });
    draftPath = new URL(p.url()).pathname;
    // Beside the headline: on its label's line, at the far end.
    const s = await status.boundingBox();
    const label = await p.locator('label[for="f-headline"]').boundingBox();
    const input = await p.locator('#f-headline').boundingBox();
    const words = await p.locator('label[for="f-headline"]').evaluate((l) => {
      const r = document.createRange();
      r.selectNodeContents(l);
      const b = r.getBoundingClientRect();
      return { x: b.x, width: b.width };
    });
    check(s && s.y + s.height <= input.y + 2 && s.y >= label.y - 4, `the status is not on the headline's label line (${JSON.stringify({ s, label, input })})`);
    check(s.x > words.x + words.width, `the status covers the label (${JSON.stringify({ s, words })})`);
    check(Math.abs(s.x + s.width - (input.x + input.width)) <= 2, 'the status does not end where the headline field ends');
    await p.screenshot({ path: join(OUT_DIR, 'autosaved-1366.png') });
    // More typing is saved in place; Save afterwards is no conflict.
    await p.evaluate(() => {
      window.savedAll = false;
      document.getElementById('article-form').addEventListener('dateline:autosaved', (e) => { window.savedAll = e.detail.complete; });
    });
    await p.keyboard.type(' Fishermen cheered.');
    await p.waitForFunction(() => window.savedAll === true
      && document.getElementById('f-body').value.endsWith('Fishermen cheered.'), null, { timeout: 8000 });
    // Reopened from the list: the draft holds what was typed.
    await open(p, '/newsroom/articles?status=draft');
    check(await p.locator('table a', { hasText: DRAFT }).count() === 1, 'the draft is not in the list of drafts');
    await openEditor(p, draftPath);
    eq(await p.locator('#f-headline').inputValue(), DRAFT, 'the draft headline');
    eq(await markdown(p), 'Ships came back to the harbour this morning. Fishermen cheered.', 'the draft body');
    check(await p.locator('.nr-kept').count() === 0, 'the browser copy is offered though the draft holds it');
    await submitAnd(p, () => p.getByRole('button', { name: 'Save', exact: true }).click());
    check(await p.locator('.conflict').count() === 0, 'Save after autosave was taken for a conflict');
    check(await p.locator('.notice-success').count() === 1, 'no notice after Save');
  } finally {
    await ctx.close();
  }
});

// ------------------------------------------------------------ g. preview
await step('g. Preview opens the whole page in a new tab (noindex, not stored); side by side follows the typing', async () => {
  check(draftPath, 'no draft from step f');
  const ctx = await newContext();
  try {
    const p = await ctx.newPage();
    await logIn(p);
    await openEditor(p, draftPath);
    const [tab] = await Promise.all([ctx.waitForEvent('page'), p.getByRole('button', { name: 'Preview', exact: true }).click()]);
    const resp = await tab.waitForNavigation({ waitUntil: 'load' }).catch(() => null);
    await tab.waitForLoadState('load');
    check(/\/newsroom\/previews\/[0-9a-f]{32}$/.test(tab.url()), `the new tab is at ${tab.url()}`);
    eq((await tab.locator('h1').first().innerText()).trim(), DRAFT, 'the preview headline');
    check(await tab.locator('.preview-bar').isVisible(), 'the preview is not marked as one');
    check(await tab.locator('.story-body p', { hasText: 'Ships came back' }).count() === 1, 'the body is not in the preview');
    eq(await tab.locator('meta[name=robots]').getAttribute('content'), 'noindex', 'meta robots');
    const again = await tab.request.get(tab.url());
    eq(again.headers()['cache-control'], 'no-store', 'the preview\'s Cache-Control');
    check((again.headers()['x-robots-tag'] || '').includes('noindex'), 'no X-Robots-Tag: noindex');
    check(await tab.locator('link[rel=stylesheet][href*="style"]').count() >= 1, 'the preview lacks the site stylesheet');
    await tab.screenshot({ path: join(OUT_DIR, 'preview-tab-1366.png') });
    void resp;
    await tab.close();
    // Side by side.
    await p.locator('#preview-beside').click();
    eq(await p.locator('#preview-beside').getAttribute('aria-pressed'), 'true', 'the toggle is pressed');
    const frame = p.frameLocator('#preview-frame');
    await frame.locator('h1', { hasText: DRAFT }).waitFor({ timeout: 8000 });
    await p.locator('#f-headline').click();
    await p.keyboard.press('End');
    await p.keyboard.type(' at dawn');
    await frame.locator('h1', { hasText: `${DRAFT} at dawn` }).waitFor({ timeout: 8000 });
    const box = await p.locator('#preview-frame').boundingBox();
    const body = await p.locator('#body-rich').boundingBox();
    check(box.x > body.x + body.width - 1 && box.width >= 500, `the preview is not beside the body (${JSON.stringify(box)})`);
    await p.screenshot({ path: join(OUT_DIR, 'preview-beside-1366.png') });
  } finally {
    await ctx.close();
  }
});

// ------------------------------------------------------------ h. pictures
// A story with three paragraphs, a link, a picture dropped into the body
// (alt text asked for) and a lead picture dropped on its slot, published;
// every click and key press is counted as in step b.
const PHOTOS = new URL('../demo/photos/', import.meta.url).pathname;
const pictureEffort = { clicks: 0, keys: 0 };
await step('h. pictures dropped into the body and the lead slot, with alt text, are on the published page', async () => {
  const ctx = await newContext();
  try {
    const p = await ctx.newPage();
    await logIn(p);
    await openEditor(p);
    const click = async (locator) => { pictureEffort.clicks += 1; await locator.click(); };
    const type = async (text) => { pictureEffort.keys += text.length; await p.keyboard.type(text); };
    const press = async (key) => { pictureEffort.keys += 1; await p.keyboard.press(key); };
    // A drag from the desktop: one drag counts as one click.
    const drop = async (selector, file) => {
      pictureEffort.clicks += 1;
      const bytes = readFileSync(join(PHOTOS, file)).toString('base64');
      await p.evaluate(({ selector, bytes, file }) => {
        const data = Uint8Array.from(atob(bytes), (c) => c.charCodeAt(0));
        const transfer = new DataTransfer();
        transfer.items.add(new File([data], file, { type: 'image/jpeg' }));
        const target = document.querySelector(selector);
        const box = target.getBoundingClientRect();
        const at = { clientX: box.left + 40, clientY: box.bottom - 20, bubbles: true, cancelable: true, dataTransfer: transfer };
        target.dispatchEvent(new DragEvent('dragover', at));
        target.dispatchEvent(new DragEvent('drop', at));
      }, { selector, bytes, file });
    };
    const HEAD = 'Pictures journey: the rocket stands ready';
    await click(p.locator('#f-headline'));
    await type(HEAD);
    await click(p.locator('#body-rich'));
    await type('The rocket was rolled out to the pad before dawn.');
    await press('Enter');
    await type('Engineers checked the fuel lines for six hours.');
    await press('Enter');
    await type('Launch is set for Friday, said the agency');
    await press('Shift+ControlOrMeta+ArrowLeft');
    p.once('dialog', (d) => { pictureEffort.keys += 'https://example.org/agency'.length + 1; d.accept('https://example.org/agency'); });
    await press('ControlOrMeta+k');
    await p.locator('#body-rich a[href="https://example.org/agency"]').waitFor();
    await press('End');
    await type('.');
    await press('Enter');
    // The picture, dropped at the end of the body.
    await drop('#body-rich', 'rocket.jpg');
    const dialog = p.locator('dialog.nr-picture-dialog');
    await dialog.waitFor({ state: 'visible' });
    // The dialog shows the picture it is about.
    await p.waitForFunction(() => { const i = document.querySelector('dialog .nr-picture-preview'); return i && i.complete && i.naturalWidth > 0; }, null, { timeout: 5000 });
    // Alt text is required: the dialog says so and keeps the file.
    await click(dialog.getByRole('button', { name: 'Upload and insert' }));
    await dialog.locator('#picture-alt-error', { hasText: 'Describe the picture' }).waitFor();
    await click(dialog.locator('#picture-alt'));
    await type('A white rocket on its launch pad at dawn');
    await click(dialog.locator('#picture-credit'));
    await type('NASA');
    await click(dialog.getByRole('button', { name: 'Upload and insert' }));
    await dialog.waitFor({ state: 'detached', timeout: 20000 });
    const inline = p.locator('#body-rich img[src^="/newsroom/media/t/"]');
    await inline.waitFor();
    eq(await inline.getAttribute('alt'), 'A white rocket on its launch pad at dawn', 'the inline picture\'s alt text');
    await p.waitForFunction(() => { const i = document.querySelector('#body-rich img[src^="/newsroom/media/t/"]'); return i && i.complete && i.naturalWidth > 0; }, null, { timeout: 5000 });
    check((await markdown(p)).includes('![A white rocket on its launch pad at dawn](/media/'), `the Markdown lacks the picture: ${await markdown(p)}`);
    // The lead picture, dropped on its slot.
    await drop('#lead-slot', 'astronaut.jpg');
    await dialog.waitFor({ state: 'visible' });
    await click(dialog.locator('#picture-alt'));
    await type('An astronaut in a white suit');
    await click(dialog.getByRole('button', { name: 'Upload and insert' }));
    await dialog.waitFor({ state: 'detached', timeout: 20000 });
    await p.locator('#lead-slot img:not([hidden])').waitFor();
    check(await p.locator('#lead-slot img').evaluate((i) => i.complete && i.naturalWidth > 0), 'the lead thumbnail does not load');
    check(await p.locator('#f-image_id').inputValue() !== '', 'no lead picture chosen');
    await p.screenshot({ path: join(OUT_DIR, 'pictures-1366.png') });
    await click(p.getByRole('button', { name: 'Publish', exact: true }).first());
    await p.waitForLoadState('load');
    const link = p.locator('a').filter({ hasText: 'See it on the site' }).first();
    const path = await link.getAttribute('href');
    check(path, `no public link after publishing (at ${p.url()})`);
    // What readers get, with no newsroom cookie.
    const reader = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    try {
      const r = await reader.newPage();
      await r.waitForTimeout(700);
      eq((await r.goto(BASE_URL + path, { waitUntil: 'load' })).status(), 200, 'the public page');
      eq((await r.locator('h1').first().innerText()).trim(), HEAD, 'the public headline');
      const paragraphs = await r.locator('.story-body p').allInnerTexts();
      check(paragraphs.filter((t) => t.trim()).length >= 3, `fewer than three paragraphs: ${JSON.stringify(paragraphs)}`);
      check(await r.locator('.story-body a[href="https://example.org/agency"]').count() === 1, 'the link is not on the public page');
      const body = r.locator('.story-body img[alt="A white rocket on its launch pad at dawn"]');
      eq(await body.count(), 1, 'the inline picture on the public page');
      check(await body.evaluate((i) => i.complete && i.naturalWidth > 0), 'the inline picture does not load for a reader');
      const lead = r.locator('img[alt="An astronaut in a white suit"]');
      eq(await lead.count(), 1, 'the lead picture on the public page');
      check(await lead.evaluate((i) => i.complete && i.naturalWidth > 0), 'the lead picture does not load for a reader');
      await r.screenshot({ path: join(OUT_DIR, 'pictures-published.png'), fullPage: true });
    } finally {
      await reader.close();
    }
    writeFileSync(join(OUT_DIR, 'pictures-effort.json'), JSON.stringify(pictureEffort, null, 2));
    console.log(`# h. ${pictureEffort.clicks} clicks (two of them drags) and ${pictureEffort.keys} key presses (${HEAD.length} of them the headline)`);
  } finally {
    await ctx.close();
  }
});

// ------------------------------------------------------------ i. library
await step('i. the media library: thumbnails, search; a refused upload keeps the chosen file and each field\'s message; a picture pasted on the lead slot', async () => {
  const ctx = await newContext();
  try {
    const p = await ctx.newPage();
    await logIn(p);
    await open(p, '/newsroom/media');
    const thumbs = p.locator('.nr-media-item img');
    check(await thumbs.count() >= 2, 'fewer than two thumbnails in the library');
    check(await thumbs.first().evaluate((i) => i.complete && i.naturalWidth > 0), 'the first thumbnail does not load');
    await p.locator('#media-q').fill('astronaut');
    await submitAnd(p, () => p.locator('#media-q').press('Enter'));
    const names = await p.locator('.nr-media-item .nr-media-name a').allInnerTexts();
    check(names.length >= 1 && names.every((n) => n.includes('astronaut')), `search for "astronaut" found ${JSON.stringify(names)}`);
    await p.screenshot({ path: join(OUT_DIR, 'library-search-1366.png') });
    // Without alt text: refused, the file still chosen, one message for the field.
    await open(p, '/newsroom/media');
    await p.locator('#f-file').setInputFiles(join(PHOTOS, 'coffee.jpg'));
    await p.locator('#f-caption').fill('A cup of coffee');
    await p.getByRole('button', { name: 'Upload' }).click();
    await p.locator('#f-alt_text-error').waitFor();
    eq(await p.locator('#f-file').evaluate((i) => i.files.length), 1, 'files still chosen after the refusal');
    eq(await p.locator('#f-caption').inputValue(), 'A cup of coffee', 'the caption after the refusal');
    eq(await p.locator('.field-error').count(), 1, 'field messages after the refusal');
    await p.screenshot({ path: join(OUT_DIR, 'library-refused-1366.png') });
    await p.locator('#f-alt_text').fill('A cup of black coffee on a saucer');
    await submitAnd(p, () => p.getByRole('button', { name: 'Upload' }).click());
    check(/done=\d+/.test(p.url()), `not back at the library after the upload (${p.url()})`);
    check(await p.locator('.nr-media-item img[alt="A cup of black coffee on a saucer"]').count() === 1, 'the upload is not in the library');
    await p.setViewportSize({ width: 390, height: 844 });
    await p.screenshot({ path: join(OUT_DIR, 'library-390.png'), fullPage: true });
    const scroll = await p.evaluate(() => document.documentElement.scrollWidth);
    check(scroll <= 390, `the library scrolls sideways on the phone (${scroll} px wide)`);
    // A picture pasted on the focused lead-image slot opens the same dialog.
    await p.setViewportSize({ width: 1366, height: 768 });
    await openEditor(p);
    await p.locator('#lead-slot').focus();
    const bytes = readFileSync(join(PHOTOS, 'rocket.jpg')).toString('base64');
    await p.evaluate((b) => {
      const data = Uint8Array.from(atob(b), (c) => c.charCodeAt(0));
      const transfer = new DataTransfer();
      transfer.items.add(new File([data], 'pasted.jpg', { type: 'image/jpeg' }));
      document.getElementById('lead-slot').dispatchEvent(new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true }));
    }, bytes);
    const dialog = p.locator('dialog.nr-picture-dialog');
    await dialog.waitFor({ state: 'visible' });
    check((await dialog.innerText()).includes('pasted.jpg'), 'the dialog does not name the pasted file');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
  } finally {
    await ctx.close();
  }
});

// ------------------------------------------------------------ e. axe
await step('e. axe-core: the editor page (rich-text body mounted, kept-copy banner shown) has no violations', async () => {
  const ctx = await newContext();
  try {
    const first = await ctx.newPage();
    await logIn(first);
    await openEditor(first);
    await first.locator('#f-headline').fill('Axe');
    await first.locator('#body-rich').click();
    await first.keyboard.type('A paragraph.');
    await first.close();
    const p = await ctx.newPage();
    await openEditor(p);
    await p.locator('.nr-kept').waitFor({ state: 'visible' });
    const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
    const violations = [];
    for (const width of [1366, 390]) {
      await p.setViewportSize({ width, height: width === 390 ? 844 : 768 });
      await p.evaluate(axeSource);
      const r = await p.evaluate(() => window.axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'best-practice'] }));
      violations.push(...r.violations.map((v) => `${width}px ${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`));
    }
    writeFileSync(join(OUT_DIR, 'axe.json'), JSON.stringify(violations, null, 2));
    check(violations.length === 0, `${violations.length} violation(s): ${violations.join(' | ')}`);
  } finally {
    await ctx.close();
  }
});

await finish(browser, 'editor');
