"""Docs that cannot drift: generated tables are current, and the shell blocks marked
``<!-- runnable -->`` in the README, the quickstart and the team-review walkthrough run, in
order, in a clean copy of the checkout against its own local stack (free ports), through the
real engine."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import aws_rules_table
import docs_tables
import pytest
import yaml
from helpers.engine_support import require_engine, run_captured
from helpers.local_stack_support import clean_copy, free_port

REPO = Path(__file__).resolve().parents[3]
RUNNABLE = re.compile(r"<!-- runnable -->\n```sh\n(?P<body>.*?)```", re.DOTALL)
COMMITTED_PORTS = ("8787", "5000")  # Pulumi.dev.yaml's: the docs name them
DOCS = ("README.md", "docs/quickstart.md", "docs/team-review.md")


def runnable_blocks(doc: str) -> list[str]:
    return [m["body"] for m in RUNNABLE.finditer((REPO / doc).read_text())]


def test_generated_tables_are_current() -> None:
    assert docs_tables.stale() == [], "run .venv/bin/python scripts/docs_tables.py --write"


def test_aws_standin_rules_tables_are_current() -> None:
    assert aws_rules_table.stale() == [], "run .venv/bin/python scripts/aws_rules_table.py --write"


def test_every_standin_resource_has_a_rules_table() -> None:
    doc = (REPO / aws_rules_table.DOC).read_text()
    for name in aws_rules_table.TABLES:
        assert f"<!-- BEGIN generated: {name} -->" in doc, name
    # What the issue found wrong, as the table now says it.
    assert "| `certificateArn` | Replaces only when a prefix domain becomes a custom one" in doc
    assert "| `logoutUrls` | update | no change: the prior value stays |" in doc


def test_every_output_and_setting_is_in_a_table() -> None:
    readme = (REPO / "README.md").read_text()
    quickstart = (REPO / "docs/quickstart.md").read_text()
    names = [name for name, _ in docs_tables.exports()]
    assert len(names) == len(set(names)) >= 16
    for name in names:
        assert f"| `{name}` |" in readme, name
    for key in yaml.safe_load((REPO / "Pulumi.yaml").read_text())["config"]:
        assert f"| `{key}` |" in quickstart, key
    # The statement the issue found wrong: authorizeUrl is Cognito's endpoint, not Beyond Identity.
    row = next(line for line in readme.splitlines() if line.startswith("| `authorizeUrl` |"))
    assert "Cognito's authorize endpoint" in row
    assert "identity_provider=" in row


def test_both_docs_have_runnable_blocks() -> None:
    assert runnable_blocks("README.md")
    assert any("pulumi up" in block for block in runnable_blocks("docs/quickstart.md"))


def on_ports(text: str, ports: dict[str, str]) -> str:
    """``text`` with the committed ports replaced by this test's free ones."""
    for committed, chosen in ports.items():
        text = text.replace(f"127.0.0.1:{committed}", f"127.0.0.1:{chosen}")
        text = text.replace(f":{committed} ", f":{chosen} ")
    return text


def docs_script(ports: dict[str, str]) -> str:
    """Every runnable block of the docs, in order, as one bash script that stops at a failure."""
    return "set -euxo pipefail\n" + "\n".join(
        f": '== {doc}, runnable block {number}'\n{on_ports(block, ports)}"
        for doc in DOCS
        for number, block in enumerate(runnable_blocks(doc), start=1)
    )


def reader_env(ports: dict[str, str]) -> dict[str, str]:
    """A reader's environment: none of ours, and the local stack on this test's ports."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("PULUMI_", "BEYOND_IDENTITY_", "LOCAL_STACK_", "AWS_"))
    }
    env.update(
        LOCAL_STACK_EMULATOR_PORT=ports[COMMITTED_PORTS[0]],
        LOCAL_STACK_MOTO_PORT=ports[COMMITTED_PORTS[1]],
        LOCAL_STACK_COGNITO_PORT=str(free_port()),
    )
    return env


def run_script(
    checkout: Path, script: str, env: dict[str, str], timeout: float = 1200
) -> tuple[int, str]:
    """Run the script in the copy, then stop whatever local stack it left running."""
    try:
        return run_captured(["bash", "-c", script], checkout, env, timeout=timeout)
    finally:
        subprocess.run(
            [sys.executable, "-m", "local_stack", "stop"],
            cwd=checkout,
            env=env,
            capture_output=True,
            timeout=60,
            check=False,
        )


@pytest.mark.engine
# Three docs' blocks, three deployments' worth of engine runs: more than the suite's default
# bound on a loaded machine (a bound against hangs, not a speed check).
@pytest.mark.timeout(1500)
def test_runnable_blocks_work(tmp_path: Path) -> None:
    """The README's blocks, then the quickstart's, then the team review's, in one copy (as a
    reader goes on from one to the other)."""
    require_engine()
    # The copy links this checkout's virtualenv; make in the copy must find it up to date.
    fresh = subprocess.run(["make", "-q", ".venv/.installed"], cwd=REPO, check=False)
    assert fresh.returncode == 0, "the virtualenv is older than its inputs: run `make venv`"
    checkout = clean_copy(tmp_path / "checkout")
    ports = {COMMITTED_PORTS[0]: str(free_port()), COMMITTED_PORTS[1]: str(free_port())}
    stack_file = checkout / "Pulumi.dev.yaml"
    stack_file.write_text(on_ports(stack_file.read_text(), ports))
    committed = stack_file.read_bytes()
    script = docs_script(ports)
    code, output = run_script(checkout, script, reader_env(ports))
    # The last "== <doc>, runnable block <n>" line in the output names the block that failed.
    assert code == 0, f"a runnable block failed:\n{output[-6000:]}"
    assert stack_file.read_bytes() == committed, "the docs' commands rewrote Pulumi.dev.yaml"
    assert "from $PATH" not in output
    assert "Traceback" not in output
    # What the comments promise is what the engine planned.
    for count in re.findall(r"# (\d+) to create", script):
        planned = [line.strip() for line in output.splitlines() if "to create" in line]
        assert f"+ {count} to create" in output, planned
    if "exactly one update" in script:
        assert "~ 1 to update" in output, output[-4000:]
    check_output_counts(script, output)
    # The review summary's counts, as the comment after `review_plan.py preview` says them.
    for counts in re.findall(r"review_plan\.py preview .*# summary: (.+)", script):
        assert f"**Plan**: {counts}" in output, output[-4000:]


YAML_CONSUMER = "examples/yaml-consumer/README.md"
# What one federation with a prefix domain plans: the stack, the component and its nine children.
RESOURCES = 11
# The trace line before each command of the script (bash's PS4; nested commands add a `+`).
STEP = re.compile(r"^\++step: (?P<command>.*)$")
PROBE = Path(__file__).with_name("tenant_probe.py")


def with_probes(block: str, emulator: str, moto: str) -> str:
    """``block`` with a call of ``tenant_probe.py`` after each ``pulumi up`` (the realm's
    application as Beyond Identity holds it) and after ``pulumi destroy`` (what is left)."""
    probe = f'"{sys.executable}" "{PROBE}"'
    lines = []
    for line in block.splitlines():
        lines.append(line)
        if line.startswith("pulumi up --yes"):
            lines.append(f'{probe} application {emulator} "$(pulumi stack output realmId)"')
        if line.startswith("pulumi destroy --yes"):
            lines.append(f"{probe} gone {emulator} {moto}")
    return "\n".join(lines) + "\n"


def yaml_consumer_script(ports: dict[str, str]) -> str:
    """The README's blocks in order, every command traced on stdout (``step:`` lines)."""
    emulator, moto = (f"http://127.0.0.1:{ports[port]}" for port in COMMITTED_PORTS)
    blocks = runnable_blocks(YAML_CONSUMER)
    assert len(blocks) == 4, "the virtualenv, the deployment, the refused setting, destroy"
    return "exec 2>&1\nPS4='+step: '\nset -euxo pipefail\n" + "\n".join(
        f": '== {YAML_CONSUMER}, runnable block {number}'\n"
        + with_probes(on_ports(block, ports), emulator, moto)
        for number, block in enumerate(blocks, start=1)
    )


def steps(output: str) -> list[tuple[str, str]]:
    """(command, what it printed) for each top-level command the script traced."""
    found: list[tuple[str, str]] = []
    for line in output.splitlines():
        traced = STEP.match(line)
        if traced and not line.startswith("++"):
            found.append((traced["command"], ""))
        elif found and not traced:
            command, text = found[-1]
            found[-1] = (command, text + line + "\n")
    return found


def printed(found: list[tuple[str, str]], command: str) -> list[str]:
    """What each run of exactly ``command`` printed, in order."""
    return [text for traced, text in found if traced == command]


def probed(output: str, kind: str) -> list[dict[str, Any]]:
    """What each ``tenant_probe.py <kind>`` call found, in order."""
    prefix = f"probe {kind} "
    return [
        json.loads(line.removeprefix(prefix))
        for line in output.splitlines()
        if line.startswith(prefix)
    ]


@pytest.mark.engine
# A virtualenv installed from the pins (pulumi_aws alone unpacks 270 MB: minutes on a loaded
# machine), then a deployment's worth of engine runs: bounds against hangs, not speed checks.
@pytest.mark.timeout(2400)
def test_yaml_consumer_readme_runs_as_written(tmp_path: Path) -> None:
    """The YAML consumer's README, block after block, in a clean copy against its own local
    stack: the plugin's virtualenv made as it says, a deployment, an empty preview, one
    setting as exactly one update, refresh, a refused setting, destroy."""
    engine = require_engine()
    if not (engine / "pulumi-language-yaml").is_file():
        pytest.skip(f"no pulumi-language-yaml in {engine}: `make engine` builds it")
    checkout = clean_copy(tmp_path / "checkout")
    ports = {COMMITTED_PORTS[0]: str(free_port()), COMMITTED_PORTS[1]: str(free_port())}
    stack_file = checkout / "Pulumi.dev.yaml"
    stack_file.write_text(on_ports(stack_file.read_text(), ports))
    script = yaml_consumer_script(ports)
    code, output = run_script(checkout, script, reader_env(ports), timeout=2100)
    assert code == 0, f"a runnable block failed:\n{output[-6000:]}"
    assert "Traceback" not in output
    found = steps(output)
    check_deployment(found, output)
    check_refused_setting(found)
    (gone,) = probed(output, "gone")
    assert gone["user_pools"] == []
    assert probed(output, "application")[0]["realm"] not in gone["realms"]


def check_deployment(found: list[tuple[str, str]], output: str) -> None:
    """Up creates everything; the next preview is empty; one setting is exactly one update
    (the Beyond Identity application); refresh finds nothing changed."""
    first_up, second_up = printed(found, "pulumi up --yes")
    assert f"+ {RESOURCES} created" in first_up, first_up
    for other in ("updated", "deleted", "replaced"):
        assert other not in first_up, first_up
    (url,) = printed(found, "pulumi stack output authorizeUrl")
    assert "identity_provider=BeyondIdentity" in url, url
    # The YAML numbers (the default 86400, then 3600) crossed the wire as floats and reached
    # Beyond Identity as integers, in the same realm.
    created, updated = probed(output, "application")
    assert (created["expires_after"], updated["expires_after"]) == (86400, 3600)
    assert created["realm"] == updated["realm"]
    empty, after_refresh, _refused = printed(found, "pulumi preview")  # the refused one: below
    for text in (empty, after_refresh):
        assert f"{RESOURCES} unchanged" in text, text
        assert not re.search(r"to (create|update|delete|replace)", text), text
    (diff,) = printed(found, "pulumi preview --diff")
    assert "~ 1 to update" in diff, diff
    assert f"{RESOURCES - 1} unchanged" in diff, diff
    assert not re.search(r"to (create|delete|replace)", diff), diff
    # The one step that changes something: the Beyond Identity application, updated.
    assert re.findall(r"^\s*[-+~]+ \S+: \(([\w-]+)\)$", diff, re.M) == ["update"], diff
    assert re.search(r"\(update\)\n\s+\[id=[^]]+\]\n\s+\[urn=\S+::login-application\]", diff), diff
    assert "~ 1 updated" in second_up, second_up
    (refreshed,) = printed(found, "pulumi refresh --yes")
    assert f"{RESOURCES} unchanged" in refreshed, refreshed


def check_refused_setting(found: list[tuple[str, str]]) -> None:
    """The refused setting: one line under its name, no traceback, the preview failed."""
    index = next(i for i, (command, _) in enumerate(found) if command.startswith("echo "))
    command, output = found[index - 1]
    assert command == "pulumi preview", found[index - 1]
    assert found[index][0] == "echo 'refused: nothing changed'", found[index]
    lines = [line.strip() for line in output.splitlines() if "domainPrefix" in line]
    assert len(lines) == 1, output
    assert "lower-case" in lines[0], output
    assert "Unexpected <class" not in output, output


def check_output_counts(script: str, output: str) -> None:
    """The number of outputs the quickstart's comment promises is what `pulumi stack output`
    listed, and the README's sentence about the table says the same numbers."""
    (listed,) = re.findall(r"pulumi stack output +# (\d+) outputs", script)
    assert f"Current stack outputs ({listed}):" in output
    total = len(docs_tables.exports())
    readme = " ".join((REPO / "README.md").read_text().split())
    assert f"those of these {total} outputs that have a value: the `dev` stack lists {listed}," in (
        readme
    )
    # The ones left out are among those the table says can be None.
    assert total - int(listed) <= len(docs_tables.optional_exports())
