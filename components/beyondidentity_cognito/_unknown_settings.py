"""Stack settings nobody reads: a misspelled key is an error, not a silently kept default.

Pulumi accepts any key in any namespace (``pulumi config set domainPrefx x`` succeeds), so a
typo in an optional setting would leave the default in force without a word. The program
therefore judges every key of the namespaces it owns: the project's (or the one
:func:`args_from_config` reads) and the providers' ``beyondidentity``. Other namespaces
(``aws``, a consumer's own) are left alone.
"""

from __future__ import annotations

import difflib
from collections.abc import Collection, Iterable

import pulumi
import pulumi.runtime
from pulumi.runtime import config as runtime_config

from pulumi_beyondidentity import CONFIG_KEYS

from ._errors import Violation

PROVIDERS_NAMESPACE = "beyondidentity"


class UnknownSettingsError(pulumi.RunError):
    """Stack settings in a namespace the program owns that no code reads (typos, mostly).

    A :class:`pulumi.RunError`, so the engine prints it as a plain message, one line per key;
    it is raised while the settings are read, before anything is registered.
    """

    problems: tuple[Violation, ...]
    """One per unknown key: the key as the user set it and the closest known setting."""

    def __init__(self, problems: Iterable[Violation]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


def stack_config_keys() -> frozenset[str]:
    """Every key of the stack's configuration, namespaced (``aws:region``).

    ``pulumi.Config`` reads one key at a time and cannot list them. The SDK holds the whole
    configuration in two places: the ``PULUMI_CONFIG`` variable the language host hands the
    program (read by the public ``pulumi.runtime.get_config_env``), and the map
    ``pulumi.runtime.set_all_config`` fills (the Automation API's inline programs, mocks, our
    language host), which ``pulumi.runtime.config.CONFIG`` holds. Their union is the config.
    """
    return frozenset(pulumi.runtime.get_config_env()) | frozenset(runtime_config.CONFIG.get())


def unknown_setting_problems(
    namespace: str,
    known: Collection[str],
    keys: Iterable[str] | None = None,
) -> list[Violation]:
    """A problem for each key of ``namespace`` not in ``known`` and each ``beyondidentity:*``
    key the providers do not read, with the closest known setting when there is one.

    :param namespace: the namespace the program's settings live in (the project's name, or
        the name given to ``pulumi.Config``).
    :param known: the settings of ``namespace`` the program reads, without the namespace.
    :param keys: the stack's config keys, namespaced; default: :func:`stack_config_keys`.
    """
    project = pulumi.get_project()
    providers = {key.partition(":")[2] for key in CONFIG_KEYS}
    problems: list[Violation] = []
    for key in sorted(stack_config_keys() if keys is None else keys):
        space, _, name = key.partition(":")
        if space == namespace and namespace != PROVIDERS_NAMESPACE:
            candidates: Collection[str] = known
        elif space == PROVIDERS_NAMESPACE:
            candidates = providers
        else:
            continue
        if name in candidates:
            continue
        shown = name if space == project else key
        problems.append(Violation(shown, _rule(space, name, candidates, project)))
    return problems


def closest(name: str, candidates: Collection[str]) -> str | None:
    """The candidate ``name`` most likely misspells (case aside), or None."""
    by_lower = {c.lower(): c for c in candidates}
    match = difflib.get_close_matches(name.lower(), by_lower, n=1, cutoff=0.6)
    return by_lower[match[0]] if match else None


def _rule(space: str, name: str, candidates: Collection[str], project: str) -> str:
    rule = "not a setting of this stack"
    suggestion = closest(name, candidates)
    if suggestion is not None:
        return (
            f"{rule}; did you mean {suggestion if space == project else f'{space}:{suggestion}'}?"
        )
    if space == PROVIDERS_NAMESPACE:
        return f"{rule}; the Beyond Identity providers read {', '.join(sorted(candidates))}"
    return (
        f"{rule}; `pulumi config rm {name if space == project else f'{space}:{name}'}` removes it"
    )
