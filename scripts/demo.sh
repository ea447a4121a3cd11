#!/usr/bin/env bash
# The offline stack, end to end, on the local stack (python -m local_stack: a Beyond Identity
# emulator and moto on loopback, left running so you can carry on by hand): the real program
# through the real engine (`pulumi up`) on the committed Pulumi.dev.yaml, then the guide's last
# step ("Obtain code and tokens") against the deployed Beyond Identity application.
#
#   bash scripts/demo.sh            deploy (or update) the dev stack and sign in once
#   bash scripts/demo.sh destroy    tear it down
#
# Everything it writes lives in .pulumi-state/ (git-ignored). Afterwards:
#   eval "$(.venv/bin/python -m local_stack env)"   then any `pulumi` command by hand
#   make local-down                                  stops the services (their state stays)
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
py="$root/.venv/bin/python"
action=${1:-up}

say() { printf '== %s\n' "$*"; }
die() { printf 'ERROR: %s\n' "$*" >&2; exit 1; }

[ -x "$py" ] || die "no virtualenv: run \`make venv\` first"
"$py" -m local_stack start
eval "$("$py" -m local_stack env)"
command -v pulumi >/dev/null || die "no Pulumi CLI: run \`make engine\` or install the official CLI"

cd "$root"
pulumi stack select dev --create >/dev/null

if [ "$action" = destroy ]; then
    say "pulumi destroy"
    # Pulumi ends a destroy with "run \`pulumi stack rm dev\`", which would also delete the
    # committed Pulumi.dev.yaml: that hint is left out, and our next step ends the output.
    pulumi destroy --yes | sed -u -e '/^The resources in the stack have been deleted, but the history/d' \
        -e '/^If you want to remove the stack completely, run `pulumi stack rm/d'
    say "the dev stack is empty; Pulumi.dev.yaml and the stack's history are kept"
    say "next: \`make local-down\` stops the local stack (\`make local-reset\` empties it);" \
        "to remove the stack and keep Pulumi.dev.yaml:" \
        "eval \"\$(make -s local-env)\" && pulumi stack rm dev --preserve-config"
    exit 0
fi

say "pulumi preview (what will change)"
pulumi preview --diff
say "pulumi up"
pulumi up --yes --skip-preview
say "stack outputs"
pulumi stack output
say "sign in through the Beyond Identity application, as Cognito would"
"$py" "$root/scripts/check_sign_in.py" --api-token "$BEYOND_IDENTITY_API_TOKEN" \
    --issuer "$(pulumi stack output issuer)" --redirect-uri "$(pulumi stack output idpRedirectUri)"
"$py" "$root/scripts/sign_in_through_cognito.py"
say "the local stack keeps running: \`make local-down\` stops it, \`make local-reset\` empties it"
