"""Install the AWS stand-in as the ``aws`` 7.51.1 resource plugin of a Pulumi home.

The engine looks a plugin up in ``$PULUMI_HOME/plugins/resource-<name>-v<version>/`` (the
layout ``pulumi plugin install`` creates) before it would try to download it, so a plugin put
there is used without the ``using pulumi-resource-aws from $PATH`` warning an ambient plugin
earns. The installed launcher names this checkout's ``local/`` and virtualenv by absolute path.
"""

from __future__ import annotations

import os
import shlex
from pathlib import Path

AWS_PLUGIN_VERSION = "7.51.1"  # what pulumi-aws's SDK (requirements.txt) asks the engine for
PLUGIN_DIR = f"resource-aws-v{AWS_PLUGIN_VERSION}"
EXECUTABLE = "pulumi-resource-aws"

_LAUNCHER = """#!/bin/sh
# The AWS stand-in of the local stack (local/aws_standin), installed by `python -m local_stack`.
# Talks only to a moto server on loopback; see {readme}.
PYTHONPATH={local}${{PYTHONPATH:+:$PYTHONPATH}}
export PYTHONPATH
exec "${{PULUMI_PYTHON_CMD:-{python}}}" -m aws_standin "$@"
"""


def install_standin(pulumi_home: Path, local_dir: Path, python: Path) -> Path:
    """Write the stand-in's launcher into ``pulumi_home``'s plugin cache; return its path."""
    target = pulumi_home / "plugins" / PLUGIN_DIR
    target.mkdir(parents=True, exist_ok=True)
    launcher = target / EXECUTABLE
    text = _LAUNCHER.format(
        readme=local_dir / "README.md",
        local=shlex.quote(str(local_dir)),
        python=str(python).replace('"', '\\"'),
    )
    if not launcher.is_file() or launcher.read_text() != text:
        tmp = launcher.with_suffix(".tmp")
        tmp.write_text(text)
        tmp.chmod(0o755)
        os.replace(tmp, launcher)
    # An interrupted `pulumi plugin install` leaves this marker; the engine then ignores the dir.
    (pulumi_home / "plugins" / f"{PLUGIN_DIR}.partial").unlink(missing_ok=True)
    return launcher
