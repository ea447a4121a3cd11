"""The Beyond Identity hosts the stack talks to, read from the stack as the providers read them."""

from __future__ import annotations

from collections.abc import Mapping

import pulumi

from pulumi_beyondidentity import Hosts, resolve_hosts


def _stack_config(key: str) -> str | None:
    # resolve_hosts asks for namespaced keys (``beyondidentity:authUrl``), as the providers'
    # ConfigureRequest does; the program reads them through pulumi.Config of that namespace.
    namespace, _, name = key.partition(":")
    return pulumi.Config(namespace).get(name)


def read_hosts(environ: Mapping[str, str] | None = None) -> Hosts:
    """``region``, ``apiUrl`` and ``authUrl`` from the ``beyondidentity`` stack config or the
    environment, with the providers' precedence and rules (no credentials are read)."""
    return resolve_hosts(config=_stack_config, environ=environ)
