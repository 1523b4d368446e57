#!/usr/bin/env bash
# CI gate: the committed editor bundle is what the sources and the lockfile
# make. Rebuilds in a temporary copy of editor/ and compares bytes.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
static=$here/../crates/dateline-render/static
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r "$here/package.json" "$here/package-lock.json" "$here/build.mjs" "$here/build.sh" "$here/src" "$work/"
bash "$work/build.sh" "$work/out" >/dev/null
status=0
for f in editor.js editor.css; do
  if ! cmp "$work/out/$f" "$static/$f"; then
    echo "crates/dateline-render/static/$f differs from what editor/ builds from its lockfile:"
    echo "run editor/build.sh and commit the result (or undo the edit to the bundle)."
    status=1
  fi
done
[ $status -eq 0 ] && echo "editor bundle: the committed files are what the lockfile builds"
exit $status
