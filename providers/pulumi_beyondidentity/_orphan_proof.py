"""Proof that an object holding a create's natural key is this stack's own orphan.

A ``pulumi up`` killed while a create is in flight can leave an object Beyond
Identity made but the stack never recorded. The engine keeps such a create in the
checkpoint as a pending operation (``"type": "creating"``) with its inputs and URN,
and keeps it there until an interactive ``pulumi refresh`` (later updates, a
non-interactive refresh and ``destroy`` all leave it). So a pending create alone
proves little; the proof here is all of:

* the checkpoint holds this create's own pending operation (its ``__owner`` input
  carries this provider process's run stamp), which names the resource's URN;
* it also holds an earlier pending create of that URN from another run, whose
  natural key (and realm) equal this create's, so equal the holder's;
* no update of the stack completed after that earlier run started (else that run
  may have been resolved since, and the object made by someone else later); from
  ``pulumi stack history``;
* for objects with a server ``create_time`` (realms): the holder was created after
  that run started (a minute of clock skew allowed).

The provider reads the checkpoint and the history with the ``pulumi`` CLI of its
own environment (the engine's), only when a create meets a holder. Every doubt
gives a reason, and the provider keeps refusing with its take-over hint.
"""

from __future__ import annotations

import json
import secrets
import shutil
import subprocess
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from ._shapes import instant

#: The hidden input naming the resource's owner: ``{"stack": org/project/stack, "run": stamp}``.
OWNER_KEY = "__owner"
#: This provider process's run: its start time (UTC) and a random part.
RUN = f"{datetime.now(UTC).isoformat(timespec='microseconds')}~{secrets.token_hex(6)}"
#: How far the Beyond Identity server's clock may be behind ours.
CLOCK_SKEW = timedelta(seconds=60)

#: The realm and natural key of a pending create's inputs (None: not a valid create).
KeyOf = Callable[[Mapping[str, Any]], tuple[Any, ...] | None]


class ProofUnavailable(Exception):
    """The stack's checkpoint or history could not be read; the message says why."""


@dataclass(frozen=True)
class PendingCreate:
    """A ``creating`` operation of the checkpoint that carries an owner run stamp."""

    urn: str
    run: str
    inputs: Mapping[str, Any]


def stamp(news_owner: Any, olds_owner: Any) -> dict[str, str] | None:
    """The ``__owner`` input ``check`` returns: the program's stack and a run stamp.

    A resource already in the state keeps the stamp of the run that created it, so the
    stored inputs do not change from run to run; a new one gets this process's stamp.
    """
    if not isinstance(news_owner, Mapping) or not isinstance(news_owner.get("stack"), str):
        return None
    run = olds_owner.get("run") if isinstance(olds_owner, Mapping) else None
    return {"stack": news_owner["stack"], "run": run if isinstance(run, str) else RUN}


def run_started(run: str) -> datetime | None:
    """When the run of a stamp started, or None for a stamp this module did not write."""
    return instant(run.split("~", 1)[0])


def pending_creates(export: Any) -> list[PendingCreate]:
    """The pending creates with an owner stamp in a ``pulumi stack export`` document."""
    deployment = export.get("deployment") if isinstance(export, Mapping) else None
    operations = deployment.get("pending_operations") if isinstance(deployment, Mapping) else None
    found: list[PendingCreate] = []
    for op in operations or []:
        resource = op.get("resource") if isinstance(op, Mapping) else None
        if not isinstance(resource, Mapping) or op.get("type") != "creating":
            continue
        inputs = resource.get("inputs")
        owner = inputs.get(OWNER_KEY) if isinstance(inputs, Mapping) else None
        run = owner.get("run") if isinstance(owner, Mapping) else None
        if isinstance(run, str) and isinstance(resource.get("urn"), str):
            found.append(PendingCreate(resource["urn"], run, inputs))  # type: ignore[arg-type]
    return found


def completed_since(history: Any, since: datetime) -> bool:
    """Whether ``pulumi stack history --json`` shows an update that ended, started after ``since``.

    History times have whole seconds: an update in the same second counts (the safe side).
    """
    floor = since.replace(microsecond=0)
    for update in history if isinstance(history, list) else []:
        if not isinstance(update, Mapping) or update.get("result") == "in-progress":
            continue
        started = instant(update.get("startTime"))
        if started is None or started >= floor:  # unreadable: assume the worst
            return True
    return False


def disproof(
    export: Any,
    history: Any,
    *,
    run: str,
    key: tuple[Any, ...],
    key_of: KeyOf,
    holder_created: datetime | None,
) -> str | None:
    """None when the checkpoint proves the holder of ``key`` is this resource's orphan; else why not.

    :param run: the run stamp of this create (its ``__owner`` input).
    :param key: this create's realm and natural key (the holder's).
    :param key_of: the realm and natural key of a pending create's inputs.
    :param holder_created: the holder's server ``create_time``, where the API has one.
    """
    creates = pending_creates(export)
    own = {c.urn for c in creates if c.run == run and key_of(c.inputs) == key}
    if len(own) != 1:
        return "this create's own pending operation is not in the stack's checkpoint"
    urn = own.pop()
    earlier = [c for c in creates if c.urn == urn and c.run != run]
    if not earlier:
        return "the stack's checkpoint records no interrupted create of this resource"
    matching = [c for c in earlier if key_of(c.inputs) == key]
    if not matching:
        return "the interrupted create of this resource recorded in the checkpoint had another key"
    starts = [s for s in (run_started(c.run) for c in matching) if s is not None]
    fresh = [s for s in starts if not completed_since(history, s)]
    if not fresh:
        return "an update of the stack completed after the interrupted one"
    if holder_created is not None and holder_created < max(fresh) - CLOCK_SKEW:
        return "it was created before the interrupted run started"
    return None


def read_stack(stack: str, timeout: float) -> tuple[Any, Any]:
    """The checkpoint (``pulumi stack export``) and history of ``stack``, as JSON.

    Uses the ``pulumi`` CLI on this process's PATH (the engine's environment: same
    backend, same credentials). Both commands read only; neither waits for the lock.
    :raises ProofUnavailable: with the reason, when either cannot be read.
    """
    binary = shutil.which("pulumi")
    if binary is None:
        raise ProofUnavailable("the `pulumi` CLI is not on the provider's PATH")
    export = _json(binary, ("stack", "export"), stack, timeout)
    history = _json(binary, ("stack", "history", "--json"), stack, timeout)
    return export, history


def _json(binary: str, command: Sequence[str], stack: str, timeout: float) -> Any:
    words = f"`pulumi {' '.join(command)} --stack {stack}`"
    try:
        done = subprocess.run(  # noqa: S603 - fixed arguments, no shell
            [binary, *command, "--stack", stack, "--non-interactive"],
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise ProofUnavailable(f"{words} did not run ({type(exc).__name__})") from None
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or [""])[-1][:200]
        raise ProofUnavailable(f"{words} failed (exit {done.returncode}: {last})")
    try:
        return json.loads(done.stdout)
    except ValueError:
        raise ProofUnavailable(f"{words} printed no JSON") from None
