"""Every failure of the stand-in as one line, in the real provider's form, never a traceback.

The Pulumi SDK's provider server turns an exception into ``Unexpected <class 'Exception'>: …``
followed by a Python stack trace. The real pulumi-aws prints one line: the Terraform provider's
action (``creating Cognito User Pool Domain (x)``) and aws-sdk-go-v2's error. ``describe``
builds that line for any exception; ``OneLineServicer`` sends it to the engine as the gRPC
error's message, with no stack.
"""

from __future__ import annotations

from typing import Any

import grpc
from pulumi.provider.experimental.server import ProviderServicer

from ._aws import AwsError, one_line


class StandinError(Exception):
    """A failure that is already one line in the real provider's form."""


def describe(err: BaseException, action: str | None = None) -> str:
    """One line for ``err``; ``action`` (``creating … (x)``) prefixes what is not an AwsError."""
    if isinstance(err, AwsError):
        if action and not err.action:
            err.action = action
        return str(err)
    if isinstance(err, StandinError | NotImplementedError):
        text = str(err)
    else:
        # Not an AWS answer and not one of our refusals: a fault of the stand-in itself.
        text = f"aws stand-in internal error: {type(err).__name__}: {err}"
    return one_line(f"{action}: {text}" if action else text)


def _original(err: BaseException) -> BaseException:
    # ProviderServicer re-raises Exception(f"{err}:\n{stack}") from inside its except block,
    # so the exception the provider raised is the context of the one that reaches us.
    return err.__context__ if err.__context__ is not None else err


def _one_line_method(name: str) -> Any:
    method = getattr(ProviderServicer, name)

    async def wrapper(self: ProviderServicer, request: Any, context: Any) -> Any:
        try:
            return await method(self, request, context)
        except grpc.aio.AbortError:
            raise
        except Exception as err:
            await context.abort(grpc.StatusCode.UNKNOWN, describe(_original(err)))

    wrapper.__name__ = name
    return wrapper


_METHODS = (
    "CheckConfig",
    "DiffConfig",
    "Configure",
    "Invoke",
    "Check",
    "Diff",
    "Create",
    "Update",
    "Delete",
    "Read",
    "GetSchema",
)

OneLineServicer = type(
    "OneLineServicer",
    (ProviderServicer,),
    {
        "__doc__": "The SDK's servicer, with each failure sent as one line and no stack trace.",
        **{name: _one_line_method(name) for name in _METHODS},
    },
)
