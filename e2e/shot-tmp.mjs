import { chromium } from 'playwright-core';
const base = process.env.BASE || 'http://127.0.0.1:18700';
const pages = (process.env.PAGES || '/en/ /ar/').split(' ');
const out = process.env.OUT || '/tmp/shots';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
for (const [w, h] of [[1366, 768], [390, 844]]) {
  const ctx = await browser.newContext({ viewport: { width: w, height: h } });
  const p = await ctx.newPage();
  for (const path of pages) {
    await p.goto(base + path, { waitUntil: 'load' });
    const name = path.replace(/[^a-z0-9]+/gi, '_') + w;
    await p.screenshot({ path: `${out}/${name}.png`, fullPage: process.env.FULL === '1' });
  }
  await ctx.close();
}
await browser.close();
