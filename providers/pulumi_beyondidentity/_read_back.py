"""Settling an update (PATCH) whose answer was lost, late or unusable: read the object back.

The contract gives an update nothing to make a resend safe: no ``If-Match``, no ETag, no
idempotency key, no version on applications, resource servers or authenticator configs
(``beyond-identity-api.md`` §9). A PATCH carries whole values, so two copies of it write the
same thing; the danger is a copy the server runs *after* the client gave up, once a later
change has landed: it silently reverts that change. So after such an answer the client sends
no other copy; it reads the object back (:func:`settle_lost_update`):

- every field sent holds the value sent: the update is done. The copy we sent has run (or
  someone else wrote the same values: then our copy may still run, writing what is already
  there);
- any field differs, or the object cannot be read back: :class:`UpdateOutcomeUnknownError`
  naming the fields. The read-back cannot tell "never ran" from "will still run", so the error
  says Beyond Identity and the stack may disagree and how to see it
  (``pulumi preview --refresh``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from ._errors import BeyondIdentityError, UpdateOutcomeUnknownError, describe_error
from ._operation import Deadline

#: Longest the read-back may take out of an update's budget (one GET and a retry or two).
READ_BACK_RESERVE = 30.0

_ADVICE = (
    "Beyond Identity may still carry the update out later, so it and the stack may disagree: "
    "run `pulumi preview --refresh` to compare, then `pulumi up` (see docs/reliability.md, "
    "'Lost updates')"
)


def read_back_reserve(deadline: Deadline) -> float:
    """Seconds of ``deadline`` kept for the read-back: a third of the budget, at most 30 s."""
    return min(READ_BACK_RESERVE, deadline.seconds / 3)


def differing_fields(
    sent: Mapping[str, Any], held: Mapping[str, Any], prefix: str = ""
) -> list[str]:
    """The dotted fields of ``sent`` whose value in ``held`` is not the one sent.

    Objects are compared field by field (a PATCH leaves unsent fields alone), everything else
    (lists included: a PATCH replaces them) as a whole; a field missing from ``held`` differs.
    """
    found: list[str] = []
    for name, value in sent.items():
        where = f"{prefix}{name}"
        have = held.get(name) if isinstance(held, Mapping) else None
        if isinstance(value, Mapping) and isinstance(have, Mapping):
            found += differing_fields(value, have, where + ".")
        elif name not in held or have != value:
            found.append(where)
    return found


def settle_lost_update(
    path: str,
    sent: Mapping[str, Any],
    error: BeyondIdentityError,
    read: Callable[[], Mapping[str, Any]],
) -> Mapping[str, Any]:
    """The object at ``path`` when it holds every field of ``sent`` after the PATCH failed
    with ``error``; otherwise :class:`UpdateOutcomeUnknownError`.

    :param read: reads the object (validated), within what is left of the budget.
    """
    what = f"PATCH {path}: the answer was lost, late or unusable ({describe_error(error)})"
    try:
        held = read()
    except BeyondIdentityError as exc:
        raise UpdateOutcomeUnknownError(
            f"{what}, and reading the object back failed ({describe_error(exc)}). {_ADVICE}",
            object_path=path,
        ) from None
    differing = differing_fields(sent, held)
    if differing:
        raise UpdateOutcomeUnknownError(
            f"{what}; read back, Beyond Identity does not hold the values sent for "
            f"{', '.join(differing)}. {_ADVICE}",
            differing=differing,
            object_path=path,
        ) from None
    return held
