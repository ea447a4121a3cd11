#!/usr/bin/env bash
# Build the Pulumi engine this project tests against into <repo>/.engine/bin (git-ignored):
#   pulumi                          CLI + engine, github.com/pulumi/pulumi/pkg/v3/cmd/pulumi
#   pulumi-language-python          our language host (engine/cmd/pulumi-language-python)
#   pulumi-language-python-exec     our program executor  (engine/launchers/)
#   pulumi-resource-pulumi-python   our dynamic-provider launcher (engine/launchers/)
#   pulumi-analyzer-policy-python   our Python policy-pack launcher (engine/launchers/)
#   pulumi-language-yaml            upstream YAML language host, github.com/pulumi/pulumi-yaml,
#                                   built as a module of its own (engine/yaml/go.mod)
#   pulumi-language-nodejs          our SDK-generating hosts (engine/cmd/, engine/internal/sdkgen):
#   pulumi-language-go              `pulumi package gen-sdk --language nodejs|go`; they run no program
#
# Versions live in engine/go.mod (+ go.sum); engine/VERSION repeats the pulumi/pkg version, which is
# stamped into the binaries so `pulumi version` prints it (the Automation API checks it). The YAML
# host's versions live in engine/yaml/go.mod: pulumi-yaml at the pulumi/pkg version it requires
# (older than ours; the language-host protocol is the same), see engine/README.md.
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

said=$SECONDS
say() { printf '==> engine: %s\n' "$*"; said=$SECONDS; }
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
yaml_src="$src/yaml"
# A requirement line is `require <module> <version>` or, inside a block, `<module> <version>`.
required() { awk -v m="$1" '$1 == "require" && $2 == m { print $3 } $1 == m { print $2 }' "$2"; }
yaml_version="$(required github.com/pulumi/pulumi-yaml "$yaml_src/go.mod")"
[[ "$yaml_version" =~ ^v[0-9]+\.[0-9]+\.[0-9]+$ ]] \
    || die "engine/yaml/go.mod must require github.com/pulumi/pulumi-yaml at a vX.Y.Z version, got '$yaml_version'"

# Everything that determines the build output (engine/yaml/ included: find descends into it).
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
    && -x "$out/pulumi" && -x "$out/pulumi-language-python" && -x "$out/pulumi-language-yaml" \
    && -x "$out/pulumi-language-nodejs" && -x "$out/pulumi-language-go" \
    && "$("$out/pulumi" version 2>/dev/null || true)" == "$version" ]]; then
    install_launchers
    say "up to date: pulumi $version, pulumi-language-yaml $yaml_version in ${out#"$repo_root"/} (--force rebuilds)"
    exit 0
fi

sdk_pin="$(sed -n 's/^pulumi==\([0-9.]*\).*/\1/p' "$repo_root/requirements.txt" 2>/dev/null || true)"
if [[ -n "$sdk_pin" && "v$sdk_pin" != "$version" ]]; then
    # Said when building only: an up-to-date check stays one line.
    say "note: engine $version, Python SDK pinned at $sdk_pin (pkg/v3@v$sdk_pin is not served by the Go module proxy)"
fi

mkdir -p "$out"
tmp="$(mktemp -d "$repo_root/.engine/build.XXXXXX")"
job_pid=""
trap 'if [[ -n "$job_pid" ]]; then kill "$job_pid" 2>/dev/null || true; fi; rm -rf "$tmp"' EXIT

# Runs "$@" in the background, saying "still <what>" at least every 30 s (with what `detail`
# prints), so a step of minutes on a busy machine is visibly alive; returns its exit status.
alive() {
    local what=$1 detail=$2
    shift 2
    "$@" &
    job_pid=$!
    while kill -0 "$job_pid" 2>/dev/null; do
        sleep 1
        if ((SECONDS - said >= 30)) && kill -0 "$job_pid" 2>/dev/null; then
            say "still $what ($((SECONDS - start)) s$($detail))"
        fi
    done
    local status=0
    wait "$job_pid" || status=$?
    job_pid=""
    return "$status"
}
no_detail() { :; }
# `go build -v` names each package it compiles (not those it takes from the build cache).
build_log=build.log
compiled() {
    local n
    n=$(grep -c '^[^ :]*$' "$tmp/$build_log" || true)
    if ((n > 0)); then printf '; %d packages compiled' "$n"; else printf '; linking, every package from the cache'; fi
}

start=$SECONDS
cache="$(go env GOCACHE)"
# The build cache tells a first build from a rebuild: this build fills it with ~1.7 GB.
cache_mb="$(du -sm "$cache" 2>/dev/null | cut -f1 || true)"
cores="$(getconf _NPROCESSORS_ONLN 2>/dev/null || echo '?')"
load="$(cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo '?')"

say "downloading Go modules (cached in $(go env GOMODCACHE))"
alive "downloading Go modules" no_detail sh -c 'cd "$1" && go mod download && cd yaml && go mod download' _ "$src" \
    || die "go mod download failed (is the Go module proxy reachable?)"

if ((${cache_mb:-0} < 500)); then
    say "building pulumi $version and our language hosts: a first build (~1,700 packages), Go's build cache" \
        "($cache) holds ${cache_mb:-0} MB; measured on 2 cores: 19 min at load 10-14 (other" \
        "builds running), 33 min on a busier machine; this one: $cores cores, load $load"
else
    say "building pulumi $version and our language hosts, reusing Go's build cache" \
        "($cache, ${cache_mb} MB): about a minute unless engine/go.mod changed"
fi
ldflags="-s -w -X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=$version"
build() {
    cd "$src" && CGO_ENABLED=0 go build -v -mod=readonly -buildvcs=false -trimpath \
        -tags osusergo,grpcnotrace -ldflags "$ldflags" -o "$tmp/" \
        github.com/pulumi/pulumi/pkg/v3/cmd/pulumi \
        ./cmd/pulumi-language-python ./cmd/pulumi-language-nodejs ./cmd/pulumi-language-go
}
if ! alive building compiled build 2>"$tmp/build.log"; then
    # The log holds package names and the compiler's errors: show the errors.
    grep -v '^[^ :]*$' "$tmp/build.log" >&2 || cat "$tmp/build.log" >&2
    die "go build failed (its errors are above)"
fi

got="$("$tmp/pulumi" version)" || die "the built pulumi does not run"
[[ "$got" == "$version" ]] || die "the built pulumi reports version '$got', expected '$version'"
say "built pulumi $version in $((SECONDS - start)) s ($(compiled | cut -c3-))"

# The YAML host requires an older pulumi/pkg than ours, so its first build compiles that version's
# packages too (~900, shared with nothing above); later builds take them from the build cache.
yaml_start=$SECONDS
say "building pulumi-language-yaml $yaml_version (engine/yaml/go.mod: pulumi pkg" \
    "$(required github.com/pulumi/pulumi/pkg/v3 "$yaml_src/go.mod"))"
build_log=build-yaml.log
build_yaml() {
    cd "$yaml_src" && CGO_ENABLED=0 go build -v -mod=readonly -buildvcs=false -trimpath \
        -tags osusergo,grpcnotrace \
        -ldflags "-s -w -X github.com/pulumi/pulumi-yaml/pkg/version.Version=${yaml_version#v}" \
        -o "$tmp/" github.com/pulumi/pulumi-yaml/cmd/pulumi-language-yaml
}
if ! alive "building pulumi-language-yaml" compiled build_yaml 2>"$tmp/$build_log"; then
    grep -v '^[^ :]*$' "$tmp/$build_log" >&2 || cat "$tmp/$build_log" >&2
    die "go build of pulumi-language-yaml failed (its errors are above)"
fi
say "built pulumi-language-yaml $yaml_version in $((SECONDS - yaml_start)) s ($(compiled | cut -c3-))"

mv -f "$tmp/pulumi" "$tmp/pulumi-language-python" "$tmp/pulumi-language-nodejs" \
    "$tmp/pulumi-language-go" "$tmp/pulumi-language-yaml" "$out/"
install_launchers
printf '%s\n' "$inputs_hash" > "$stamp"
say "built in $((SECONDS - start)) s into ${out#"$repo_root"/}:" \
    pulumi pulumi-language-python pulumi-language-python-exec pulumi-resource-pulumi-python \
    pulumi-analyzer-policy-python pulumi-language-nodejs pulumi-language-go pulumi-language-yaml
say "use it with: export PATH=\"$out:\$PATH\""
