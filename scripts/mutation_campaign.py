"""The mutation campaign: each target module, the fast tests that pin it, and its harmless mutants.

A target's tests are unit and contract tests only (never engine tests): each mutant runs them
until the first failure. A surviving mutant is either killed by a new test or listed in
``EQUIVALENT`` with the reason it cannot change behaviour that matters (docs/reliability.md
holds the score). Equivalents are keyed by where the mutant is, what it changes and the source
it changes, not by line, so they still match when the file moves.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from mutants import Mutant

#: (function, mutation, source line) -> why the mutant is harmless.
Equivalents = dict[tuple[str, str, str], str]


@dataclass(frozen=True)
class Target:
    """One module to mutate and the tests to run against its mutants."""

    name: str
    file: str
    tests: tuple[str, ...]
    equivalents: Equivalents = field(default_factory=dict)


PROVIDERS = "providers/pulumi_beyondidentity"
COMPONENT = "components/beyondidentity_cognito"
EMULATOR = "emulator/beyondidentity_emulator"
_COMPONENT_UNIT = "tests/unit/component"
_DIRECTORY = "tests/contract/providers/test_directory.py"
# Not test_people.py: its first test expects one registration order, which a long run
# under mutants sometimes does not give (a failing baseline ends the run).
_PEOPLE_RULES = f"{_COMPONENT_UNIT}/test_people_rules.py"

_ONE_HOLDER = "exactly one holder is left (checked just above): [0] and [-1] are the same object"
_ANY_HOLDER = (
    "any holder refuses the create the same way (AlreadyExistsError, nothing created); the "
    "mutant only names another of several holders, which a server never makes for one key "
    "unless it accepts repeats"
)
_LOG_ONLY = "a log line: no object, request or error changes"

_COLLECTION_EQUIVALENTS: Equivalents = {
    (
        "Collection.holds",
        "True -> False",
        "for index, (wanted, got) in enumerate(zip(wanted_key, got_key, strict=True))",
    ): "key and natural_key(obj) come from the same natural_key function: always equally long",
    (
        "Collection._key_filter",
        "0 -> 1",
        "if self.filter_key is None or not isinstance(key[0], str):",
    ): (
        "the one filtered key (authenticator configs) is (name, config type), both strings the "
        "provider requires before any create; a client caller leaving the type out gets an "
        "unfiltered listing, and holds() still decides on each object: the same holders"
    ),
    (
        "Collection._key_filter",
        "0 -> -1",
        "if self.filter_key is None or not isinstance(key[0], str):",
    ): ("key[-1] is key[1] for the one filtered key (two parts): same reason as 0 -> 1"),
    ("Collection.create", "0 -> -1", "raise self._taken(key, realm_id, holders[0])"): _ANY_HOLDER,
    (
        "Collection._refused_as_taken",
        "0 -> -1",
        "return self._taken(key, realm_id, holders[0]) if holders else conflict",
    ): _ANY_HOLDER,
    (
        "Collection._holders_before_create",
        "raise -> pass",
        'raise ValueError(f"realm_id is required for {self.plural}")',
    ): (
        "without a realm the next request is addressed through _collection(), which raises "
        "the same ValueError before any request"
    ),
    (
        "Collection._post_until_settled",
        "True -> False",
        'require_shape(object_problem(self.spec.answer, reply.body), 200, "POST", path, True)',
    ): (
        "the flag on this MalformedResponseError is never read: outcome_unknown() counts every "
        "unusable success answer as possibly applied (no blind resend), and the error never "
        "leaves create (the object is recovered, or CreateRecoveryError says it may exist)"
    ),
    (
        "Collection._refused_as_taken",
        "call deleted",
        'logger.debug("could not look up %s %s: %s", self.plural, _key_text(key), exc)',
    ): _LOG_ONLY,
    ("Collection.recover_lost_create", "call deleted", "logger.warning("): _LOG_ONLY,
    ("Collection.recover_lost_create", "0 -> -1", 'holders[0].get("id"),'): _LOG_ONLY,
    ("Collection.recover_lost_create", "0 -> -1", "return holders[0]"): _ONE_HOLDER,
}

_TRANSPORT_EQUIVALENTS: Equivalents = {}
_SPEC_DEFAULT = (
    "out of the tool's reach, not harmless: a dataclass default is read once, when each "
    "kind's spec is made at import, so changing it later changes no spec. The values it "
    "gave every kind are pinned by test_registry_kinds.py::"
    "test_each_kind_has_its_page_size_key_folding_and_delete_rules (which fails with the "
    "default changed in the file: checked by hand)"
)
_SPEC_EQUIVALENTS: Equivalents = {
    ("KindSpec", "100 -> 101", "page_size: int = 100"): _SPEC_DEFAULT,
    ("KindSpec", "100 -> 99", "page_size: int = 100"): _SPEC_DEFAULT,
    ("KindSpec", "False -> True", "folded_key: bool = False"): _SPEC_DEFAULT,
    ("KindSpec", "False -> True", "delete_before_replace: bool = False"): _SPEC_DEFAULT,
    ("KindSpec", "False -> True", "blocks_realm_delete: bool = False"): _SPEC_DEFAULT,
}
_IDENTITY_EQUIVALENTS: Equivalents = {}


def _declared(test: str) -> str:
    return (
        "out of the tool's reach, not harmless: a field's declaration is read once, when "
        "declare() builds the provider's fields at import, so changing it later changes "
        f"nothing. With the change made in the file, {test} fails (checked by hand)"
    )


_REALM_EQUIVALENTS: Equivalents = {
    ("RealmArgs", "True -> False", "replaces=True,"): _declared(
        "test_diff.py::test_diff_matrix[...classification-SECURE_WORKFORCE-replace]"
    ),
    ("RealmArgs", "False -> True", "default=False,"): _declared(
        "test_lifecycle.py::test_a_realm_holding_foreign_objects_is_not_deleted_unless_forced "
        "(a realm's force_destroy is off unless set)"
    ),
    ("RealmArgs", "False -> True", "in_body=False,"): _declared(
        "test_lifecycle.py::test_a_realm_holding_foreign_objects_is_not_deleted_unless_forced "
        "(force_destroy sent to Beyond Identity: 400 unknown field)"
    ),
}

_GROUP_EQUIVALENTS: Equivalents = {
    ("GroupArgs", "True -> False", "unordered=True,"): _declared(
        "test_group_checks.py::test_members_in_another_order_are_no_change_and_another_member_is"
    ),
    ("GroupArgs", "False -> True", "in_body=False,"): _declared(
        "test_directory.py::test_group_members_are_a_set_changed_by_one_add_and_one_delete "
        "(members sent in the group's body: 400 unknown field)"
    ),
    (
        "GroupProvider.before_delete",
        "return -> pass",
        "return  # the group is gone already; the delete says so",
    ): "the except block's last statement ends the function: pass falls off its end the same",
}

_NAME_MAX = (
    "out of the tool's reach, not harmless: _name's default limit is bound to NAME_MAX when "
    "the function is made, so rebinding the constant later changes no check. With the "
    "change made in the file, test_emulator_member_checks.py::"
    "test_names_of_64_characters_are_accepted_and_65_refused fails (checked by hand)"
)

CAMPAIGN: dict[str, Target] = {
    t.name: t
    for t in (
        Target(
            "collection",
            f"{PROVIDERS}/_collection.py",
            (
                "tests/contract/client",
                "tests/contract/providers/test_lifecycle.py",
                _DIRECTORY,
                "tests/unit/client",
                "tests/unit/providers",
            ),
            _COLLECTION_EQUIVALENTS,
        ),
        Target(
            "transport",
            f"{PROVIDERS}/_transport.py",
            (
                "tests/contract/client/test_client_faults.py",
                "tests/contract/client/test_listing_deadline.py",
                _DIRECTORY,
                "tests/contract/client/test_create_requests.py",
            ),
            _TRANSPORT_EQUIVALENTS,
        ),
        Target(
            "kind_spec",
            f"{PROVIDERS}/_spec.py",
            (_DIRECTORY, "tests/unit/providers", "tests/contract/providers/test_lifecycle.py"),
            _SPEC_EQUIVALENTS,
        ),
        Target(
            "identity",
            f"{PROVIDERS}/identity.py",
            (_DIRECTORY, "tests/unit/providers", _PEOPLE_RULES),
            _IDENTITY_EQUIVALENTS,
        ),
        Target(
            "group",
            f"{PROVIDERS}/group.py",
            (
                _DIRECTORY,
                "tests/contract/providers/test_group_members.py",
                "tests/unit/providers",
                _PEOPLE_RULES,
            ),
            _GROUP_EQUIVALENTS,
        ),
        Target(
            "realm_guard",
            f"{PROVIDERS}/realm.py",
            (
                _DIRECTORY,
                "tests/contract/providers/test_realm_guard_people.py",
                "tests/contract/providers/test_lifecycle.py",
                "tests/unit/providers",
                _PEOPLE_RULES,
            ),
            _REALM_EQUIVALENTS,
        ),
        Target(
            "registry",
            f"{PROVIDERS}/_registry.py",
            (_DIRECTORY, "tests/unit/providers"),
        ),
        Target(
            "check_people",
            f"{COMPONENT}/_check_people.py",
            (
                f"{_COMPONENT_UNIT}/test_people.py",
                f"{_COMPONENT_UNIT}/test_people_rules.py",
                f"{_COMPONENT_UNIT}/test_validation.py",
            ),
        ),
        Target(
            "directory_rules",
            f"{EMULATOR}/_directory_rules.py",
            (
                "tests/contract/emulator/test_emulator_identities.py",
                "tests/contract/emulator/test_emulator_groups.py",
                "tests/contract/emulator/test_emulator_member_checks.py",
            ),
            {
                ("module", "64 -> 65", "NAME_MAX = 64"): _NAME_MAX,
                ("module", "64 -> 63", "NAME_MAX = 64"): _NAME_MAX,
                ("_name", "return -> pass", "return None"): (
                    "the violation is recorded just before: the request is refused (400) "
                    "either way and the value returned is never stored; at most a second "
                    "reason (forbidden characters) joins the same 400"
                ),
                (
                    "_traits",
                    "True -> False",
                    'traits.enum("type", (TRAITS_TYPE,), required=True)',
                ): (
                    "traits sent without type are refused just above (traits.type missing), "
                    "and traits not sent come from the stored identity, which has its type"
                ),
            },
        ),
        Target(
            "directory",
            f"{EMULATOR}/_directory.py",
            (
                "tests/contract/emulator/test_emulator_identities.py",
                "tests/contract/emulator/test_emulator_groups.py",
                "tests/contract/emulator/test_emulator_member_checks.py",
            ),
            {
                (
                    "DirectoryApi._change_members",
                    "call deleted",
                    "self._require_realm(realm_id)",
                ): (
                    "the group is looked up next in the same transaction, and a realm holding "
                    "a group cannot be deleted (DeleteRealm: 409 while it holds groups), so a "
                    "realm gone since the request's first check leaves no group: the same 404"
                ),
            },
        ),
        Target(
            "shapes",
            f"{PROVIDERS}/_shapes.py",
            ("tests/unit/providers/test_shapes.py", "tests/contract/client/test_client_faults.py"),
        ),
        Target(
            "snapshots",
            f"{PROVIDERS}/_snapshots.py",
            (
                "tests/unit/providers/test_snapshots.py",
                "tests/contract/client/test_create_requests.py",
            ),
        ),
        Target(
            "validation",
            f"{COMPONENT}/_checks.py",
            (
                f"{_COMPONENT_UNIT}/test_validation.py",
                f"{_COMPONENT_UNIT}/test_validation_limits.py",
                f"{_COMPONENT_UNIT}/test_validation_fuzz.py",
            ),
            {
                ("Checks", "0 -> -1", "min_items: int = 0,"): (
                    "no list is shorter than 0 or -1 items: `len(value) < min_items` is false "
                    "either way"
                ),
                (
                    "Checks",
                    "False -> True",
                    "def web_url(self, where: Where, value: Any, *, prefix: bool = False) -> None:",
                ): "the default is unused: the one caller (trusted origins) passes prefix=True",
            },
        ),
        Target(
            "option_checks",
            f"{COMPONENT}/_check_app_client.py",
            (
                f"{_COMPONENT_UNIT}/test_option_limits.py",
                f"{_COMPONENT_UNIT}/test_options.py",
                f"{_COMPONENT_UNIT}/test_validation.py",
            ),
            {
                (
                    "module",
                    "86400 -> 86399",
                    'TIME_UNITS: dict[TimeUnit, int] = {"seconds": 1, "minutes": 60, "hours": 3600, '
                    '"days": 86400}',
                ): (
                    "a day of 86,399 s changes no verdict: 1 day is still within 5 minutes to "
                    "1 day and 2 days past it; 3,650 days within 10 years and 3,651 past it"
                ),
            },
        ),
        Target(
            "token_policy",
            f"{COMPONENT}/_token_policy.py",
            (f"{_COMPONENT_UNIT}/test_options.py",),
        ),
        Target(
            "managed_login",
            f"{COMPONENT}/_managed_login.py",
            (
                f"{_COMPONENT_UNIT}/test_branding_text.py",
                f"{_COMPONENT_UNIT}/test_options.py",
                f"{_COMPONENT_UNIT}/test_wiring.py",
            ),
        ),
    )
}


def equivalent_reason(target: Target, mutant: Mutant) -> str | None:
    """Why ``mutant`` of ``target`` is harmless, if the campaign says it is."""
    return target.equivalents.get((mutant.where, mutant.description, mutant.source))
