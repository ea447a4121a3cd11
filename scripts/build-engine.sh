#!/usr/bin/env bash
# Build the Pulumi engine this project tests against into <repo>/.engine/bin (git-ignored):
#   pulumi                          CLI + engine, github.com/pulumi/pulumi/pkg/v3/cmd/pulumi
#   pulumi-language-python          our language host (engine/cmd/pulumi-language-python)
#   pulumi-language-python-exec     our program executor  (engine/launchers/)
#   pulumi-resource-pulumi-python   our dynamic-provider launcher (engine/launchers/)
#   pulumi-analyzer-policy-python   our Python policy-pack launcher (engine/launchers/)
#
# Versions live in engine/go.mod (+ go.sum); engine/VERSION repeats the pulumi/pkg version, which is
# stamped into the binaries so `pulumi version` prints it (the Automation API checks it).
# Cached: if the inputs (engine/ sources, Go version, platform) are unchanged and the binaries are
# present, nothing is rebuilt. Go's own module and build caches (~/go/pkg/mod, ~/.cache/go-build)
# make a rebuild after `rm -rf .engine` quick on the same machine.
#
# Usage: bash scripts/build-engine.sh [--force]
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
src="$repo_root/engine"
out="$repo_root/.engine/bin"
stamp="$out/.build-stamp"

say() { printf '==> engine: %s\n' "$*"; }
die() { printf 'ERROR: engine: %s\n' "$*" >&2; exit 1; }

force=0
case "${1:-}" in
    "") ;;
    --force) force=1 ;;
    *) die "unknown argument '$1' (usage: bash scripts/build-engine.sh [--force])" ;;
esac

command -v go >/dev/null 2>&1 || die "the Go toolchain is not on PATH (need Go >= the 'go' line of engine/go.mod)"
go_needed="$(awk '$1 == "go" { print $2 }' "$src/go.mod")"
go_have="$(cd "$src" && go env GOVERSION)"
printf '%s\n%s\n' "$go_needed" "${go_have#go}" | sort -V -C \
    || die "engine/go.mod needs Go >= $go_needed, but 'go' is $go_have (install a newer Go, or let GOTOOLCHAIN=auto fetch one)"

version="$(tr -d '[:space:]' < "$src/VERSION")"
[[ "$version" =~ ^v3\.[0-9]+\.[0-9]+$ ]] || die "engine/VERSION must hold a v3.x.y version, got '$version'"
modversion="$(awk '$1 == "github.com/pulumi/pulumi/pkg/v3" { print $2 }' "$src/go.mod")"
[[ "$modversion" == "$version" ]] \
    || die "engine/VERSION ($version) differs from the pkg/v3 requirement in engine/go.mod ($modversion)"

# Everything that determines the build output.
inputs_hash="$(
    {
        cd "$src"
        go env GOVERSION GOOS GOARCH
        find . -type f \( -name '*.go' -o -name go.mod -o -name go.sum -o -name VERSION \) -print0 \
            | sort -z | xargs -0 sha256sum
    } | sha256sum | cut -d' ' -f1
)"

install_launchers() {
    local f
    for f in pulumi-language-python-exec pulumi-resource-pulumi-python pulumi-analyzer-policy-python; do
        install -m 0755 "$src/launchers/$f" "$out/$f"
    done
}

if [[ $force -eq 0 && -f "$stamp" && "$(cat "$stamp")" == "$inputs_hash" \
    && -x "$out/pulumi" && -x "$out/pulumi-language-python" \
    && "$("$out/pulumi" version 2>/dev/null || true)" == "$version" ]]; then
    install_launchers
    say "up to date: pulumi $version in ${out#"$repo_root"/} (--force rebuilds)"
    exit 0
fi

sdk_pin="$(sed -n 's/^pulumi==\([0-9.]*\).*/\1/p' "$repo_root/requirements.txt" 2>/dev/null || true)"
if [[ -n "$sdk_pin" && "v$sdk_pin" != "$version" ]]; then
    # Said when building only: an up-to-date check stays one line.
    say "note: engine $version, Python SDK pinned at $sdk_pin (pkg/v3@v$sdk_pin is not served by the Go module proxy)"
fi

mkdir -p "$out"
tmp="$(mktemp -d "$repo_root/.engine/build.XXXXXX")"
build_pid=""
trap 'if [[ -n "$build_pid" ]]; then kill "$build_pid" 2>/dev/null || true; fi; rm -rf "$tmp"' EXIT

start=$SECONDS
say "downloading Go modules (cached in $(go env GOMODCACHE))"
(cd "$src" && go mod download) || die "go mod download failed (is the Go module proxy reachable?)"

say "building pulumi $version and pulumi-language-python (first build: ~5 min on 2 cores; later builds reuse $(go env GOCACHE))"
ldflags="-s -w -X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=$version"
(cd "$src" && CGO_ENABLED=0 go build -mod=readonly -buildvcs=false -trimpath \
    -tags osusergo,grpcnotrace -ldflags "$ldflags" -o "$tmp/" \
    github.com/pulumi/pulumi/pkg/v3/cmd/pulumi \
    ./cmd/pulumi-language-python) &
build_pid=$!
# A heartbeat, so a long build (minutes on a busy machine) is visibly alive.
while kill -0 "$build_pid" 2>/dev/null; do
    for _ in $(seq 30); do kill -0 "$build_pid" 2>/dev/null || break; sleep 1; done
    if kill -0 "$build_pid" 2>/dev/null; then say "still building ($((SECONDS - start)) s)"; fi
done
wait "$build_pid" || die "go build failed (see the errors above)"

got="$("$tmp/pulumi" version)" || die "the built pulumi does not run"
[[ "$got" == "$version" ]] || die "the built pulumi reports version '$got', expected '$version'"

mv -f "$tmp/pulumi" "$tmp/pulumi-language-python" "$out/"
install_launchers
printf '%s\n' "$inputs_hash" > "$stamp"
say "built pulumi $version in $((SECONDS - start)) s into ${out#"$repo_root"/}:" \
    pulumi pulumi-language-python pulumi-language-python-exec pulumi-resource-pulumi-python \
    pulumi-analyzer-policy-python
say "use it with: export PATH=\"$out:\$PATH\""
