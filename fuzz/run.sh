#!/usr/bin/env bash
# Runs every fuzz target for SECONDS each (default 60), one after another.
#
#   fuzz/run.sh [SECONDS] [TARGET...]      (from any directory)
#
# Environment:
#   FUZZ_SANITIZER  address (default) or none. `address` needs nightly
#                   flags, which stable rustc accepts with RUSTC_BOOTSTRAP=1
#                   (set here); `none` builds on plain stable.
#   FUZZ_TIMEOUT    seconds one input may take before it counts as a hang (20)
#   FUZZ_RSS_MB     memory limit in MB (2048)
#   FUZZ_STOP_ON_CRASH=1  stop a target at its first crash (plain libFuzzer);
#                   by default it keeps going (-fork=1 -ignore_crashes=1) so
#                   that a known bug does not hide the next one.
#
# Each target starts from its seed corpus (corpus/<target>/) and the saved
# crashes (regressions/<target>/, replayed first), and grows a working corpus
# in work/<target>/ (ignored by git), so the committed seeds stay small. Failing inputs are
# written to artifacts/<target>/ (ignored). Prints one summary line per target
# (and one per distinct failure); exits non-zero if any target crashed, hung,
# ran out of memory or failed to build.
set -uo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname "$here")
secs=${1:-60}
[ $# -gt 0 ] && shift
if [ $# -gt 0 ]; then targets=("$@"); else targets=(wire markdown comment dateline); fi
sanitizer=${FUZZ_SANITIZER:-address}
timeout=${FUZZ_TIMEOUT:-20}
rss=${FUZZ_RSS_MB:-2048}

case $secs in '' | *[!0-9]*) echo "usage: $0 [SECONDS] [TARGET...]" >&2; exit 2 ;; esac

if ! command -v cargo-fuzz >/dev/null 2>&1 && [ ! -x "$HOME/.cargo/bin/cargo-fuzz" ]; then
    echo "== installing cargo-fuzz (once; takes a few minutes)"
    cargo install cargo-fuzz --locked || exit 1
fi
export PATH="$HOME/.cargo/bin:$PATH"

# Stable rustc refuses -Zsanitizer unless RUSTC_BOOTSTRAP=1. Cargo caches
# rustc's answers in target/.rustc_info.json, including a refusal from a run
# without the variable, and keeps replaying it: drop such a poisoned cache.
if [ "$sanitizer" != none ]; then
    export RUSTC_BOOTSTRAP=1
fi
if grep -qs "only accepted on the nightly compiler" "$here/target/.rustc_info.json"; then
    rm -f "$here/target/.rustc_info.json"
fi

cd "$root" || exit 1
echo "== building ${targets[*]} (sanitizer: $sanitizer)"
start=$(date +%s)
# One build of all targets: cargo fuzz build without a target builds them all.
if ! cargo fuzz build --fuzz-dir "$here" -s "$sanitizer"; then
    echo "FAIL: build" >&2
    exit 1
fi
echo "== built in $(($(date +%s) - start))s"

mkdir -p "$here/work/logs"
triple=$(rustc -vV | sed -n 's/^host: //p')
failed=0
summary=()
for t in "${targets[@]}"; do
    work="$here/work/$t"
    log="$here/work/logs/$t.log"
    art="$here/artifacts/$t"
    mkdir -p "$work" "$art"
    dirs=("$work" "$here/corpus/$t")
    [ -d "$here/regressions/$t" ] && dirs+=("$here/regressions/$t")
    before=$(mktemp)
    ls "$art" >"$before"
    if [ "${FUZZ_STOP_ON_CRASH:-0}" = 1 ]; then
        mode=(-print_final_stats=1)
    else
        # Keep fuzzing after a crash (each input runs in a child process), so
        # a known bug does not hide the next one; every crash is kept.
        mode=(-fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1)
    fi
    echo "== fuzzing $t for ${secs}s (log: $log)"
    cargo fuzz run --fuzz-dir "$here" -s "$sanitizer" "$t" "${dirs[@]}" -- \
        -max_total_time="$secs" -rss_limit_mb="$rss" -timeout="$timeout" \
        -artifact_prefix="$art/" "${mode[@]}" >"$log" 2>&1
    rc=$?
    new=()
    while IFS= read -r f; do
        case $f in crash-* | timeout-* | oom-* | leak-*) new+=("$art/$f") ;; esac
    done < <(ls "$art" | grep -vxF -f "$before")
    rm -f "$before"
    runs=$(grep -oE '^#[0-9]+' "$log" | tail -1 | tr -d '#')
    cov=$(grep -oE 'cov: [0-9]+' "$log" | tail -1 | grep -oE '[0-9]+')
    if [ $rc -eq 0 ] && [ ${#new[@]} -eq 0 ]; then
        summary+=("ok    $t: ${runs:-?} runs in ${secs}s, coverage ${cov:-?}, no crash")
        continue
    fi
    failed=1
    # One line per distinct failure: replay each new input, group by where
    # it panicked (or by the sanitizer's or libFuzzer's verdict).
    bin="$here/target/$triple/release/$t"
    declare -A seen=()
    details=()
    for f in "${new[@]}"; do
        out=$("$bin" -rss_limit_mb="$rss" -timeout="$timeout" "$f" 2>&1)
        where=$(grep -m1 -oE 'panicked at [^ ]+' <<<"$out" ||
            grep -m1 -oE 'ERROR: (AddressSanitizer|libFuzzer): [a-z-]+' <<<"$out" ||
            echo "${f##*/}" | cut -d- -f1)
        if [ -z "${seen[$where]:-}" ]; then
            seen[$where]=1
            msg=$(grep -m1 -A1 'panicked at' <<<"$out" | tail -1 | cut -c1-160)
            details+=("      $where ${msg:-see log} (input: $f)")
        fi
    done
    unset seen
    summary+=("FAIL  $t: ${#new[@]} failing input(s), ${#details[@]} distinct, fuzzer exit $rc; log: $log")
    summary+=("${details[@]}")
done

echo "== summary"
printf '%s\n' "${summary[@]}"
exit $failed
