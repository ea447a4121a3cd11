#!/usr/bin/env bash
# A seed for mypy's cache outside the checkout, as Go's build cache is (~/.cache): a clean
# clone's first `make lint` starts from the last complete cache of the same dependencies instead
# of analysing pulumi, pulumi_aws (hundreds of generated modules) and boto's stubs from nothing.
#
#   restore  before mypy: copy the seed to .mypy_cache, only if the checkout has no cache yet
#   save     after a clean mypy run: publish .mypy_cache as the seed, if there is none
#
# Always safe: mypy checks every cache entry itself (mypy version, options, and each module's
# source by size and hash; a path that differs, as in another clone, is compared by hash), and
# rechecks what does not match. The seed is keyed by the pinned dependencies and the mypy
# version only to be useful: another key's cache would mostly be rechecked. A seed is published
# whole (copied next to its place, then renamed), so a concurrent run sees all of it or none.
# MYPY_SEED_DIR (default ~/.cache/beyondidentity-cognito/mypy) moves it; MYPY_SEED_DIR=off
# turns it off.
#
# Usage: bash scripts/mypy-seed.sh restore|save
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cache="$repo_root/.mypy_cache"
base="${MYPY_SEED_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/beyondidentity-cognito/mypy}"
[[ "$base" == off ]] && exit 0

key="$(
    {
        "$repo_root/.venv/bin/mypy" --version
        cd "$repo_root" && sha256sum requirements.txt requirements-dev.txt
    } | sha256sum | cut -c1-16
)"
seed="$base/$key"

case "${1:-}" in
    restore)
        if [[ ! -e "$cache" && -d "$seed" ]]; then
            # -a keeps the files' times: mypy compares its data files' mtimes with its metadata.
            cp -a --reflink=auto "$seed" "$cache"
            echo "==> mypy: cache seeded from $seed"
        fi
        ;;
    save)
        if [[ -d "$cache" && ! -e "$seed" ]]; then
            mkdir -p "$base"
            tmp="$(mktemp -d "$base/.incoming.XXXXXX")"
            cp -a --reflink=auto "$cache/." "$tmp/"
            mv -T "$tmp" "$seed" 2>/dev/null || rm -rf "$tmp"  # another run published first
            # No half copy an interrupted run left.
            find "$base" -mindepth 1 -maxdepth 1 -name '.incoming.*' -mmin +60 -exec rm -rf {} +
            # Keep the three newest seeds (the dependencies of recent branches).
            find "$base" -mindepth 1 -maxdepth 1 -type d ! -name '.*' -printf '%T@ %p\n' \
                | sort -rn | tail -n +4 | cut -d' ' -f2- | xargs -r rm -rf
        fi
        ;;
    *)
        echo "usage: bash scripts/mypy-seed.sh restore|save" >&2
        exit 2
        ;;
esac
