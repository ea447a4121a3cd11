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
_COMPONENT_UNIT = "tests/unit/component"

CAMPAIGN: dict[str, Target] = {
    t.name: t
    for t in (
        Target(
            "collection",
            f"{PROVIDERS}/_collection.py",
            ("tests/contract/client",),
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
            f"{COMPONENT}/_validation.py",
            (
                f"{_COMPONENT_UNIT}/test_validation.py",
                f"{_COMPONENT_UNIT}/test_validation_limits.py",
                f"{_COMPONENT_UNIT}/test_validation_fuzz.py",
            ),
            {
                ("_Checks", "0 -> -1", "min_items: int = 0,"): (
                    "no list is shorter than 0 or -1 items: `len(value) < min_items` is false "
                    "either way"
                ),
                (
                    "_Checks",
                    "False -> True",
                    "def web_url(self, argument: str, value: Any, *, prefix: bool = False) -> None:",
                ): "the default is unused: the one caller (trusted origins) passes prefix=True",
            },
        ),
        Target(
            "option_checks",
            f"{COMPONENT}/_option_checks.py",
            (
                f"{_COMPONENT_UNIT}/test_option_limits.py",
                f"{_COMPONENT_UNIT}/test_options.py",
                f"{_COMPONENT_UNIT}/test_validation.py",
            ),
            {
                (
                    "module",
                    "86400 -> 86399",
                    'TIME_UNITS = {"seconds": 1, "minutes": 60, "hours": 3600, "days": 86400}',
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
