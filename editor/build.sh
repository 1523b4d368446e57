#!/usr/bin/env bash
# Builds the newsroom's body editor from the pinned lockfile into
# crates/dateline-render/static/editor.{js,css} (or into the folder given as
# the first argument). Needs Node.js and npm; nothing at run time does: the
# server embeds the committed files.
set -euo pipefail
cd "$(dirname "$0")"
out=${1:-../crates/dateline-render/static}
mkdir -p "$out"
out=$(cd "$out" && pwd)
npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
node build.mjs "$out"
echo "editor.js: $(wc -c < "$out/editor.js") bytes, $(gzip -9 -n -c "$out/editor.js" | wc -c) gzipped; editor.css: $(wc -c < "$out/editor.css") bytes"
