"""A program process declares resources without importing the client stack.

The resource modules and ``_provider`` import the client (httpx, tenacity, the retry and
snapshot machinery, the credentials check) only inside the provider methods that use it,
so a program that only declares resources never pays for it. Checked in a fresh process
with the package's own ``__init__`` left out (it re-exports the client by design).
"""

from __future__ import annotations

import subprocess
import sys

PROBE = """
import importlib, importlib.util, sys, types
spec = importlib.util.find_spec("pulumi_beyondidentity")
package = types.ModuleType("pulumi_beyondidentity")
package.__path__ = list(spec.submodule_search_locations)
sys.modules["pulumi_beyondidentity"] = package
for name in ("application", "application_credentials", "authenticator_config", "group",
             "identity", "realm", "resource_server"):
    importlib.import_module("pulumi_beyondidentity." + name)
print(" ".join(sorted(sys.modules)))
"""

CLIENT_STACK = (
    "httpx",
    "tenacity",
    "pulumi_beyondidentity._client",
    "pulumi_beyondidentity._collection",
    "pulumi_beyondidentity._credentials",
    "pulumi_beyondidentity._retry",
    "pulumi_beyondidentity._snapshots",
    "pulumi_beyondidentity._transport",
)


def test_declaring_resources_imports_no_client() -> None:
    done = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, check=True, timeout=120
    )
    loaded = done.stdout.split()
    assert "pulumi_beyondidentity.application" in loaded
    assert [m for m in loaded if m.startswith(CLIENT_STACK)] == []
