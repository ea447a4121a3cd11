#!/usr/bin/env bash
# Install the pinned npm packages that type-check TypeScript programs against SDKs generated from
# a plugin package (`pulumi package gen-sdk <plugin> --language nodejs`): typescript, @pulumi/pulumi
# and @types/node, exactly as engine/node/package-lock.json pins them, into <repo>/.engine/node
# (git-ignored). Also fetches the Go modules the Go consumer test builds against (the pulumi Go
# SDK at the engine's version, from the Go module proxy).
#
# Cached: if the lock file, package.json and the Node.js version are unchanged and the packages are
# present, nothing is installed (one line). npm keeps its own download cache (~/.npm), so a
# reinstall after `rm -rf .engine/node` on the same machine is quicker than a first one.
#
# Usage: bash scripts/consumer-toolchain.sh [--force]
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
src="$repo_root/engine/node"
out="$repo_root/.engine/node"
stamp="$out/.install-stamp"
go_program="$repo_root/tests/engine/languages/go_program"

say() { printf '==> consumer toolchain: %s\n' "$*"; }
die() { printf 'ERROR: consumer toolchain: %s\n' "$*" >&2; exit 1; }

force=0
case "${1:-}" in
    "") ;;
    --force) force=1 ;;
    *) die "unknown argument '$1' (usage: bash scripts/consumer-toolchain.sh [--force])" ;;
esac

command -v node >/dev/null 2>&1 || die "Node.js is not on PATH (need Node.js >= 20 and npm)"
command -v npm >/dev/null 2>&1 || die "npm is not on PATH (it comes with Node.js)"
node_version="$(node --version)"
[[ "${node_version#v}" =~ ^([0-9]+)\. ]] && ((BASH_REMATCH[1] >= 20)) \
    || die "Node.js $node_version is too old (need >= 20)"

inputs_hash="$(
    {
        printf '%s\n' "$node_version"
        sha256sum "$src/package.json" "$src/package-lock.json" | cut -d' ' -f1
    } | sha256sum | cut -d' ' -f1
)"

# Tests run in parallel processes and each may call this script: one installs, the others wait.
mkdir -p "$repo_root/.engine"
exec 9>"$repo_root/.engine/node.lock"
flock 9

start=$SECONDS
if [[ $force -eq 0 && -f "$stamp" && "$(cat "$stamp")" == "$inputs_hash" \
    && -x "$out/node_modules/.bin/tsc" ]]; then
    say "npm packages up to date in ${out#"$repo_root"/} (--force reinstalls)"
else
    say "installing the npm packages of engine/node/package-lock.json into ${out#"$repo_root"/}" \
        "(~130 MB; about 25 s from the registry, less from npm's cache)"
    rm -rf "$out"
    mkdir -p "$out"
    cp "$src/package.json" "$src/package-lock.json" "$out/"
    # @pulumi/pulumi declares node >= 22: only its types are used here, so the engine warning is
    # expected on Node 20. No install scripts run (none is needed to type-check).
    (cd "$out" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error) \
        || die "npm ci failed (is the npm registry reachable?)"
    printf '%s\n' "$inputs_hash" > "$stamp"
    say "installed in $((SECONDS - start)) s: typescript $(cd "$out" && node_modules/.bin/tsc --version)"
fi

if command -v go >/dev/null 2>&1; then
    go_start=$SECONDS
    # go_program's go.mod replaces the generated SDK with ../sdks, which the test generates: a copy
    # with a stand-in go.mod there lets `go mod download` fetch everything its go.sum names.
    scratch="$(mktemp -d)"
    trap 'rm -rf "$scratch"' EXIT
    mkdir -p "$scratch/sdks"
    cp "$go_program/go.mod" "$go_program/go.sum" "$go_program/main.go" "$scratch/"
    printf 'module example.com/pulumi-poolkit/sdk\n\ngo 1.25\n' > "$scratch/sdks/go.mod"
    (cd "$scratch" && sed -i 's#=> \.\./sdks#=> ./sdks#' go.mod && go mod download) \
        || die "go mod download failed for ${go_program#"$repo_root"/} (is the Go module proxy reachable?)"
    say "Go modules of ${go_program#"$repo_root"/} present ($((SECONDS - go_start)) s)"
else
    say "no Go toolchain on PATH: the Go consumer test will skip and say so"
fi
