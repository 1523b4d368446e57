// Bundles src/editor.js and src/editor.css into OUT_DIR (the first
// argument) as editor.js and editor.css: minified, for browsers of the
// last few years, with a closing comment that names every bundled package,
// its version and its licence text. The output depends only on the sources
// and on the versions package-lock.json pins, so check.sh can rebuild it
// and compare bytes.
import { build } from 'esbuild';
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';

const out = process.argv[2];
if (!out) {
  console.error('usage: node build.mjs OUT_DIR');
  process.exit(2);
}
const common = {
  bundle: true,
  minify: true,
  legalComments: 'eof',
  target: 'es2020',
  logLevel: 'warning',
  metafile: true,
  write: false,
};
const js = await build({ ...common, entryPoints: ['src/editor.js'], format: 'esm', outfile: join(out, 'editor.js') });
const css = await build({ ...common, entryPoints: ['src/editor.css'], outfile: join(out, 'editor.css') });

// The packages whose code is in the bundles, by name, sorted.
const packages = new Set();
for (const result of [js, css]) {
  for (const input of Object.keys(result.metafile.inputs)) {
    const m = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input);
    if (m) packages.add(m[1]);
  }
}
const notices = [...packages].sort().map((name) => {
  const dir = join('node_modules', name);
  const meta = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  const file = ['LICENSE', 'LICENSE.md', 'LICENSE.txt', 'LICENCE'].map((f) => join(dir, f)).find(existsSync);
  const text = file ? readFileSync(file, 'utf8').trim() : `License: ${meta.license}`;
  return `${meta.name} ${meta.version} (${meta.license})\n\n${text.replace(/\*\//g, '* /')}`;
});
const footer = `/*! Bundled packages and their licences:\n\n${notices.join('\n\n----\n\n')}\n*/\n`;

for (const [result, name, extra] of [[js, 'editor.js', footer], [css, 'editor.css', '']]) {
  const file = result.outputFiles.find((f) => f.path.endsWith(name));
  writeFileSync(join(out, name), file.text + extra);
}
