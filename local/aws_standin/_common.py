"""Helpers the resource modules share: plain-value access, the stand-in's refusals, source names."""

from __future__ import annotations

from collections.abc import Mapping

from ._aws import AwsError
from ._values import Plain

VAL = "validate.go"  # terraform-provider-aws internal/service/cognitoidp/validate.go
BOTO = "botocore cognito-idp model"


def str_of(values: Mapping[str, Plain], key: str) -> str:
    value = values.get(key)
    return value if isinstance(value, str) else ""


def strs_of(values: Mapping[str, Plain], key: str) -> list[str]:
    value = values.get(key)
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []


def refuse(operation: str, message: str, code: str = "InvalidParameterException") -> AwsError:
    """An AWS rule moto does not enforce, refused by the stand-in in AWS's words."""
    return AwsError(operation, code, message, standin=True)
