"""The registry of kinds: what a realm holds (its delete guard lists them) and the lookup by
collection name.

Pinned by mutation testing (``scripts/mutate.py registry``).
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from pulumi_beyondidentity._registry import API_KINDS, spec_named
from pulumi_beyondidentity.group import GROUP
from pulumi_beyondidentity.identity import IDENTITY
from pulumi_beyondidentity.realm import REALM, RealmProvider


def test_the_realm_delete_guard_looks_at_every_kind_a_realm_holds() -> None:
    held = RealmProvider.held_kinds()
    assert IDENTITY in held
    assert GROUP in held
    assert REALM not in held
    assert set(held) == {k for k in API_KINDS if k is not REALM}


def test_the_guard_knows_every_kind_in_a_process_that_never_imported_the_registry() -> None:
    # A provider process unpickles RealmProvider and imports only its module (the package
    # resolves names lazily): the guard must not depend on anything else being imported.
    code = (
        "import sys\n"
        "from pulumi_beyondidentity.realm import RealmProvider\n"
        "assert 'pulumi_beyondidentity._registry' not in sys.modules\n"
        "print(sorted(k.plural for k in RealmProvider.held_kinds()))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split("\n")[0] == str(sorted(k.plural for k in API_KINDS if k is not REALM))


def test_a_kind_is_found_by_its_collection_name() -> None:
    assert spec_named("groups") is GROUP
    assert spec_named("identities") is IDENTITY
    with pytest.raises(KeyError, match=r"no Beyond Identity kind 'people'; known: .*'groups'"):
        spec_named("people")


def test_each_kind_has_its_page_size_key_folding_and_delete_rules() -> None:
    # A kind's spec is made once, at import: these are the values its defaults gave (the
    # mutation tool cannot change a dataclass default after the fact; this table notices).
    facts = {
        k.plural: (k.page_size, k.folded_key, k.delete_before_replace, k.blocks_realm_delete)
        for k in API_KINDS
    }
    assert facts == {
        "realms": (200, False, True, False),
        "resource_servers": (100, False, False, False),
        "authenticator_configs": (100, False, False, False),
        "applications": (100, False, False, False),
        "identities": (200, True, False, True),
        "groups": (200, False, False, True),
    }
