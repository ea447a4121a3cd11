"""The management API's error model.

Every management error body has the shape
``{"code": "<snake_case status>", "message": "...", "details": [...]}`` with
``details`` omitted when empty. Detail entries are either
``{"type": "FieldViolations", "field_violations": [{"field", "description"}]}``
(field paths start with the request's envelope key, e.g. ``realm.display_name``)
or ``{"type": "ResourceInfo", "resource_type", "id", "description"}`` or, for
IDs of a batch, ``{"type": "BatchOperationErrors", "description", "errors": [...]}``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

NOT_FOUND_GENERIC = "The requested resource was not found."


@dataclass(frozen=True)
class FieldViolation:
    """One invalid request field: ``field`` is a dotted path from the envelope key."""

    field: str
    description: str


class ApiError(Exception):
    """An error answered with the management API's JSON error body."""

    def __init__(
        self,
        status: int,
        code: str,
        message: str,
        details: Iterable[dict[str, Any]] = (),
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(f"{status} {code}: {message}")
        self.status = status
        self.code = code
        self.message = message
        self.details = list(details)
        self.headers = dict(headers or {})

    def body(self) -> dict[str, Any]:
        """Return the JSON error body."""
        body: dict[str, Any] = {"code": self.code, "message": self.message}
        if self.details:
            body["details"] = self.details
        return body


def invalid_request() -> ApiError:
    """400 for a body that is not a JSON object (the spec's "Malformed Request")."""
    return ApiError(400, "bad_request", "invalid request")


def invalid_parameters(violations: Iterable[FieldViolation]) -> ApiError:
    """400 "invalid parameters" with a FieldViolations detail."""
    items = [{"field": v.field, "description": v.description} for v in violations]
    return ApiError(
        400,
        "bad_request",
        "invalid parameters",
        [{"type": "FieldViolations", "field_violations": items}],
    )


def unauthorized() -> ApiError:
    """401 with the exact body the real API sends."""
    return ApiError(401, "unauthorized", "unauthorized")


def forbidden(message: str = "forbidden") -> ApiError:
    """403; the real API says just "forbidden" for scope and tenant problems."""
    return ApiError(403, "forbidden", message)


def not_found(resource_type: str, object_id: str, description: str) -> ApiError:
    """404 naming the missing object with a ResourceInfo detail."""
    return ApiError(
        404,
        "not_found",
        description,
        [
            {
                "type": "ResourceInfo",
                "resource_type": resource_type,
                "id": object_id,
                "description": description,
            }
        ],
    )


def not_found_generic() -> ApiError:
    """404 without details, as the API answers for anything under a missing realm."""
    return ApiError(404, "not_found", NOT_FOUND_GENERIC)


def conflict(message: str) -> ApiError:
    """409 conflict."""
    return ApiError(409, "conflict", message)


def batch_not_found(resource_type: str, ids: Iterable[str], message: str) -> ApiError:
    """404 for IDs of a batch that do not exist, in BatchDeleteIdentities' documented shape."""
    return ApiError(
        404,
        "not_found",
        message,
        [
            {
                "type": "BatchOperationErrors",
                "description": "errors encountered performing batch operation",
                "errors": [
                    {"Description": message, "IDs": list(ids), "ResourceType": resource_type}
                ],
            }
        ],
    )
