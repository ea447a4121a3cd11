#!/usr/bin/env bash
# The offline stack, end to end: a Beyond Identity emulator and a moto server on loopback,
# the real program through the real engine (`pulumi up`), then the guide's last step
# ("Obtain code and tokens") against the deployed Beyond Identity application.
#
#   bash scripts/demo.sh            deploy (or update) the dev stack and sign in once
#   bash scripts/demo.sh destroy    tear it down
#
# Everything it writes lives in .pulumi-state/ (git-ignored): the file backend, the
# emulator's state file, and a working copy of the program, because `pulumi stack init`
# rewrites the stack file and the committed Pulumi.dev.yaml should stay as it is.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
state="$root/.pulumi-state"
py="$root/.venv/bin/python"
action=${1:-up}
emulator_port=8787   # as in Pulumi.dev.yaml
moto_port=5000       # as in Pulumi.dev.yaml
tenant=000176d94fd7b4d1

say() { printf '== %s\n' "$*"; }
die() { printf 'ERROR: %s\n' "$*" >&2; exit 1; }

[ -x "$py" ] || die "no virtualenv: run \`make venv\` first"
if [ -x "$root/.engine/bin/pulumi" ]; then
    PATH="$root/.engine/bin:$PATH"
fi
command -v pulumi >/dev/null || die "no Pulumi CLI: run \`make engine\` or install the official CLI"
# The stand-in AWS plugin (moto-backed) is for this offline demo and the tests only.
PATH="$root/local/bin:$PATH"
export PATH

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
port_free "$emulator_port" || die "port $emulator_port is busy (the demo's Beyond Identity emulator needs it)"
port_free "$moto_port" || die "port $moto_port is busy (the demo's moto server needs it)"

mkdir -p "$state"
token_file="$state/emulator-api-token"
[ -s "$token_file" ] || "$py" -c 'import secrets; print(secrets.token_urlsafe(32))' >"$token_file"
token=$(cat "$token_file")

pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT

say "starting the Beyond Identity emulator on 127.0.0.1:$emulator_port (state: .pulumi-state/emulator-state.json)"
BEYONDIDENTITY_EMULATOR_API_TOKEN="$token" "$py" -m beyondidentity_emulator --host 127.0.0.1 \
    --port "$emulator_port" --tenant-id "$tenant" --state-file "$state/emulator-state.json" \
    >"$state/emulator.log" 2>&1 &
pids+=($!)
say "starting moto (AWS Cognito) on 127.0.0.1:$moto_port"
"$root/.venv/bin/moto_server" -H 127.0.0.1 -p "$moto_port" >"$state/moto.log" 2>&1 &
pids+=($!)
for _ in $(seq 100); do
    if ! port_free "$emulator_port" && ! port_free "$moto_port"; then break; fi
    sleep 0.1
done
port_free "$emulator_port" && die "the emulator did not start: $(cat "$state/emulator.log")"
port_free "$moto_port" && die "moto did not start: $(cat "$state/moto.log")"

# A working copy of the program whose virtualenv option points at this checkout's venv.
work="$state/program"
mkdir -p "$work"
cp "$root/__main__.py" "$work/__main__.py"
sed "s|virtualenv: .venv|virtualenv: $root/.venv|" "$root/Pulumi.yaml" >"$work/Pulumi.yaml"
[ -f "$work/Pulumi.dev.yaml" ] || cp "$root/Pulumi.dev.yaml" "$work/Pulumi.dev.yaml"

export PULUMI_BACKEND_URL="file://$state/backend"
export PULUMI_HOME="$state/pulumi-home"
export PULUMI_CONFIG_PASSPHRASE="${PULUMI_CONFIG_PASSPHRASE:-local-demo-only}"
export PULUMI_SKIP_UPDATE_CHECK=true
export PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION=true
export PULUMI_PYTHON_CMD="$py"
mkdir -p "$state/backend" "$PULUMI_HOME"
cd "$work"
pulumi stack select dev --create >/dev/null
pulumi config set --secret beyondidentity:apiToken "$token"

if [ "$action" = destroy ]; then
    say "pulumi destroy"
    pulumi destroy --yes --refresh
    exit 0
fi

say "pulumi preview (what will change)"
pulumi preview --refresh --diff
say "pulumi up"
# --refresh: moto keeps nothing between runs, so the Cognito side is re-created when missing.
pulumi up --yes --refresh --skip-preview
say "stack outputs"
pulumi stack output
say "sign in through the Beyond Identity application, as Cognito would"
"$py" "$root/scripts/check_sign_in.py" --api-token "$token" \
    --issuer "$(pulumi stack output issuer)" --redirect-uri "$(pulumi stack output idpRedirectUri)"
