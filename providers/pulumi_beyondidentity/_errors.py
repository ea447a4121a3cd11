"""The error hierarchy of the Beyond Identity client.

::

    BeyondIdentityError
    ├── ConfigurationError        settings missing or contradictory
    │   └── CredentialsRefusedError the credentials were refused (401/403: check or write)
    ├── TransportError            no usable HTTP response (connect, timeout, dropped)
    │   └── DeadlineExceededError the operation's total time ran out
    ├── MalformedResponseError    a success status with a body that is not what the API promises
    ├── CreateRecoveryError       a create's outcome stayed unknown or ambiguous
    ├── UpdateOutcomeUnknownError an update's answer was lost and the object does not hold it
    ├── AlreadyExistsError        the natural key is taken by an object this stack does not manage
    └── APIError                  Beyond Identity answered with an error status
        ├── InvalidInputError     400
        ├── AuthError             401, 403, token endpoint refusals
        ├── NotFoundError         404
        ├── ConflictError         409
        ├── RateLimitedError      429
        └── ServerError           5xx

Messages carry Beyond Identity's ``code``, ``message`` and every field
violation, never a token, a client secret or a request header.

Every error says whether the change it was part of may have been carried out:
``may_have_been_applied`` is True when a write reached Beyond Identity and its
outcome is unknown (lost or unreadable answer, 5xx), and the message then says so.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any


class BeyondIdentityError(Exception):
    """Base class of every error raised by this package's client.

    ``attempts`` lists, oldest first, what each try of a retried call ran
    into; the message ends with it when there was more than one.
    """

    attempts: list[str]
    #: True when a write reached Beyond Identity and may have been carried out.
    may_have_been_applied: bool = False

    def __str__(self) -> str:
        text = super().__str__()
        attempts = getattr(self, "attempts", None) or []
        if len(attempts) > 1:
            text += f" [gave up after {len(attempts)} attempts: " + "; ".join(attempts) + "]"
        if self.may_have_been_applied:
            text += " (outcome unknown: the change may have been applied in Beyond Identity)"
        return text


class ConfigurationError(BeyondIdentityError):
    """Settings are missing, malformed or contradictory.

    The message names the stack config keys and environment variables to set.
    """


class CredentialsRefusedError(ConfigurationError):
    """Beyond Identity refused the credentials (401 or 403), at the check or on a write.

    :param status_code: the HTTP status of the refusal.
    """

    def __init__(self, message: str, *, status_code: int = 0) -> None:
        super().__init__(message)
        self.status_code = status_code


@dataclass(frozen=True)
class FieldViolation:
    """One invalid request field, as reported by Beyond Identity.

    :param field: the field path, starting with the envelope key (``realm.display_name``).
    :param description: why the value was refused.
    """

    field: str
    description: str

    def __str__(self) -> str:
        return f"{self.field}: {self.description}"


class TransportError(BeyondIdentityError):
    """No usable HTTP response: connect failure, timeout or dropped connection.

    :param reached_server: False only when the request provably never left
        this process (connect errors), which makes even a POST safe to resend.
    """

    def __init__(self, message: str, *, reached_server: bool) -> None:
        super().__init__(message)
        self.reached_server = reached_server


class DeadlineExceededError(TransportError):
    """The operation's total time (``beyondidentity:operationTimeout``) ran out.

    :param reached_server: whether the request in flight when time ran out had been sent.
    """


class MalformedResponseError(BeyondIdentityError):
    """Beyond Identity answered with a success status but the body is unusable:
    not JSON, not the promised shape, a field of the wrong type, a missing id,
    or a list whose page tokens repeat.

    :param status_code: the HTTP status of the answer.
    :param method: the HTTP method of the request.
    :param path: the URL path of the request (no host, no query).
    :param problem: what is wrong with the body (never the body itself).
    :param may_have_been_applied: whether the request changed something.
    """

    def __init__(
        self,
        *,
        status_code: int,
        method: str,
        path: str,
        problem: str,
        may_have_been_applied: bool = False,
    ) -> None:
        self.status_code = status_code
        self.method = method
        self.path = path
        self.problem = problem
        self.may_have_been_applied = may_have_been_applied
        super().__init__(
            f"{method} {path}: Beyond Identity answered {status_code} with an unusable body: "
            f"{problem}"
        )


class CreateRecoveryError(BeyondIdentityError):
    """A create whose outcome was unknown could not be resolved safely.

    The object may exist: ``may_have_been_applied`` is always True, and the
    message names the natural key to look for.

    :param candidates: ids of the objects that matched the natural key (empty
        when the lookup itself kept failing).
    :param natural_key: the natural key the create used, as text.
    """

    may_have_been_applied = True

    def __init__(
        self, message: str, *, candidates: Sequence[str] = (), natural_key: str = ""
    ) -> None:
        super().__init__(message)
        self.candidates = list(candidates)
        self.natural_key = natural_key


class UpdateOutcomeUnknownError(BeyondIdentityError):
    """An update (PATCH) whose answer was lost, late or unusable, and whose object, read
    back, does not hold what was sent (or could not be read back).

    The server may still carry the PATCH out after the client gave up, so Beyond Identity
    and the stack may disagree: ``may_have_been_applied`` is always True.

    :param differing: the dotted fields whose read-back value is not the one sent (empty
        when the object could not be read back).
    :param object_path: the URL path of the object.
    """

    may_have_been_applied = True

    def __init__(
        self, message: str, *, differing: Sequence[str] = (), object_path: str = ""
    ) -> None:
        super().__init__(message)
        self.differing = list(differing)
        self.object_path = object_path


class AlreadyExistsError(BeyondIdentityError):
    """An object with the create's natural key exists and was not made by this create.

    Nothing was created. The provider turns this into a message naming the id
    and the one command that takes the object over (``beyondidentity:adoptIds``).

    :param existing_id: the id of the object holding the natural key.
    :param natural_key: the natural key, as text.
    :param collection: the API collection (``realms``, ``applications``…).
    :param realm_id: the realm of the collection, if realm-scoped.
    :param created: the holder's server-set ``create_time``, for kinds that carry one.
    """

    def __init__(
        self,
        message: str,
        *,
        existing_id: str,
        natural_key: str,
        collection: str,
        realm_id: str | None = None,
        created: str | None = None,
    ) -> None:
        super().__init__(message)
        self.existing_id = existing_id
        self.natural_key = natural_key
        self.collection = collection
        self.realm_id = realm_id
        self.created = created


class APIError(BeyondIdentityError):
    """Beyond Identity answered with an error status.

    :param status_code: the HTTP status.
    :param code: Beyond Identity's snake_case error code (``bad_request``…).
    :param api_message: Beyond Identity's human message.
    :param field_violations: every field violation in the error details.
    :param resource_info: the ResourceInfo detail, if any.
    :param method: the HTTP method of the failed request.
    :param path: the URL path of the failed request (no host, no query).
    """

    def __init__(
        self,
        *,
        status_code: int,
        code: str,
        api_message: str,
        method: str,
        path: str,
        field_violations: Sequence[FieldViolation] = (),
        resource_info: Mapping[str, Any] | None = None,
        retry_after: float | None = None,
    ) -> None:
        self.status_code = status_code
        self.code = code
        self.api_message = api_message
        self.method = method
        self.path = path
        self.field_violations = list(field_violations)
        self.resource_info = dict(resource_info) if resource_info else None
        self.retry_after = retry_after
        super().__init__(self._render())

    def _render(self) -> str:
        text = (
            f"{self.method} {self.path} failed: {self.status_code} {self.code}: {self.api_message}"
        )
        if self.field_violations:
            text += "; " + "; ".join(str(v) for v in self.field_violations)
        if self.resource_info:
            kind = self.resource_info.get("resource_type", "resource")
            ident = self.resource_info.get("id", "")
            desc = self.resource_info.get("description", "")
            text += f" ({kind} {ident}: {desc})".replace("  ", " ")
        return text


class InvalidInputError(APIError):
    """400: the request was malformed or a field broke a rule."""


class AuthError(APIError):
    """401 or 403: the credentials were refused or lack a scope."""


class NotFoundError(APIError):
    """404: the object or its realm does not exist."""


class ConflictError(APIError):
    """409: the change conflicts with existing objects (duplicates, children)."""


class RateLimitedError(APIError):
    """429: too many requests; ``retry_after`` holds the server's hint in seconds."""


class ServerError(APIError):
    """5xx: Beyond Identity failed to handle the request."""


_BY_STATUS: dict[int, type[APIError]] = {
    400: InvalidInputError,
    401: AuthError,
    403: AuthError,
    404: NotFoundError,
    409: ConflictError,
    429: RateLimitedError,
}


def error_class_for(status_code: int) -> type[APIError]:
    """The most specific error class for an HTTP status."""
    if status_code >= 500:
        return ServerError
    return _BY_STATUS.get(status_code, APIError)


def parse_error_body(body: Any) -> tuple[str, str, list[FieldViolation], dict[str, Any] | None]:
    """Extract code, message, field violations and resource info from an error body.

    Understands Beyond Identity's ``{"code","message","details"}`` shape and
    the RFC 6749 ``{"error","error_description"}`` shape of token endpoints.
    """
    if not isinstance(body, dict):
        return "", "", [], None
    if "error" in body and "code" not in body:
        return str(body.get("error", "")), str(body.get("error_description", "")), [], None
    violations: list[FieldViolation] = []
    resource_info: dict[str, Any] | None = None
    for detail in body.get("details") or []:
        if not isinstance(detail, dict):
            continue
        if detail.get("type") == "FieldViolations":
            for item in detail.get("field_violations") or []:
                if isinstance(item, dict):
                    violations.append(
                        FieldViolation(str(item.get("field", "")), str(item.get("description", "")))
                    )
        elif detail.get("type") == "ResourceInfo":
            resource_info = {k: v for k, v in detail.items() if k != "type"}
    return str(body.get("code", "")), str(body.get("message", "")), violations, resource_info


def describe_error(error: BaseException | None) -> str:
    """A short description of a failed try for logs and attempt histories (no secrets:
    the status and code of an API error, the cause of a transport error)."""
    if error is None:
        return "unknown error"
    if isinstance(error, APIError):
        return f"{error.status_code} {error.code}"
    text = Exception.__str__(error)
    return text.split(": ", 1)[-1] if isinstance(error, TransportError) else text
