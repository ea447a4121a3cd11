#!/usr/bin/env bash
# `make venv`: create the virtualenv and install the pinned dependencies, saying what happens.
# Quiet but alive: one line per step, a heartbeat every 30 s, pip's output only on failure.
#
# Usage: bash scripts/venv.sh [python] [venv dir]
set -euo pipefail

python=${1:-python3}
venv=${2:-.venv}
start=$SECONDS
log=$(mktemp)
pid=""
trap 'if [[ -n "$pid" ]]; then kill "$pid" 2>/dev/null || true; fi; rm -f "$log"' EXIT

say() { printf '== venv: %s\n' "$*"; }

step() {
    "$@" >>"$log" 2>&1 &
    pid=$!
    while kill -0 "$pid" 2>/dev/null; do
        for _ in $(seq 30); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
        if kill -0 "$pid" 2>/dev/null; then say "still installing ($((SECONDS - start)) s)"; fi
    done
    if ! wait "$pid"; then
        pid=""
        cat "$log" >&2
        say "FAILED: $* (its output is above)" >&2
        exit 1
    fi
    pid=""
}

say "creating $venv and installing the pinned dependencies (first time: ~3 min)"
step "$python" -m venv "$venv"
step "$venv/bin/python" -m pip install --disable-pip-version-check --upgrade pip
step "$venv/bin/python" -m pip install --disable-pip-version-check -r requirements-dev.txt
say "ready in $((SECONDS - start)) s"
