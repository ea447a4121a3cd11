"""Docs that cannot drift: generated tables are current, and the shell blocks marked
``<!-- runnable -->`` in the README, the quickstart and the team-review walkthrough run, in
order, in a clean copy of the checkout against its own local stack (free ports), through the
real engine."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

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


def run_script(checkout: Path, script: str, env: dict[str, str]) -> tuple[int, str]:
    """Run the script in the copy, then stop whatever local stack it left running."""
    try:
        return run_captured(["bash", "-c", script], checkout, env, timeout=1200)
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


@pytest.mark.engine
# A virtualenv installed from the pins, then two deployments' worth of engine runs.
@pytest.mark.timeout(1500)
def test_yaml_consumer_readme_runs_as_written(tmp_path: Path) -> None:
    """The YAML consumer's README, block after block, in a clean copy against its own local
    stack: the plugin's virtualenv made as it says, a deployment, one setting as exactly one
    update, destroy."""
    engine = require_engine()
    if not (engine / "pulumi-language-yaml").is_file():
        pytest.skip(f"no pulumi-language-yaml in {engine}: `make engine` builds it")
    blocks = runnable_blocks(YAML_CONSUMER)
    assert len(blocks) == 2, "the virtualenv block and the offline block"
    checkout = clean_copy(tmp_path / "checkout")
    ports = {COMMITTED_PORTS[0]: str(free_port()), COMMITTED_PORTS[1]: str(free_port())}
    stack_file = checkout / "Pulumi.dev.yaml"
    stack_file.write_text(on_ports(stack_file.read_text(), ports))
    script = "set -euxo pipefail\n" + "\n".join(
        f": '== {YAML_CONSUMER}, runnable block {number}'\n{on_ports(block, ports)}"
        for number, block in enumerate(blocks, start=1)
    )
    code, output = run_script(checkout, script, reader_env(ports))
    assert code == 0, f"a runnable block failed:\n{output[-6000:]}"
    assert "Traceback" not in output
    assert "~ 1 to update" in output, output[-4000:]


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
