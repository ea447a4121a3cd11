"""The Cognito domain (a prefix or a custom domain), its URLs and, for a custom domain in a
given hosted zone, the Route 53 alias record pointing it at Cognito's CloudFront distribution.

Cognito serves a custom domain from a CloudFront distribution of its own; the domain's owner
points the name at it with an alias (or CNAME) record. Given a hosted zone, the component
creates the alias ``A`` record; without one, the ``custom_domain_target`` output is what to
point the name at.
"""

from __future__ import annotations

from dataclasses import dataclass

import pulumi
import pulumi_aws as aws

from . import _urls
from ._choices import ManagedLoginVersion
from ._unrecorded import Owner, check_domain


@dataclass(frozen=True)
class DomainObjects:
    """What :func:`domain` made."""

    resource: aws.cognito.UserPoolDomain
    domain: pulumi.Output[str]
    base_url: pulumi.Output[str]
    idp_redirect_uri: pulumi.Output[str]
    token_url: pulumi.Output[str]
    custom_domain_target: pulumi.Output[str | None]
    custom_domain_target_zone_id: pulumi.Output[str | None]
    dns_record_fqdn: pulumi.Output[str | None]


@dataclass(frozen=True)
class DomainRequest:
    """The domain: exactly one of ``prefix`` and ``custom_domain`` is set."""

    prefix: pulumi.Input[str] | None
    custom_domain: pulumi.Input[str] | None
    certificate_arn: pulumi.Input[str] | None
    managed_login_version: ManagedLoginVersion
    hosted_zone_id: pulumi.Input[str] | None


def domain(
    owner: Owner,
    request: DomainRequest,
    *,
    user_pool_id: pulumi.Output[str],
    region: pulumi.Input[str] | None,
    after: pulumi.Resource,
) -> DomainObjects:
    """The pool's domain, its DNS record and its URLs."""
    custom = request.custom_domain is not None
    name = request.custom_domain if custom else request.prefix
    resource = _resource(owner, request, user_pool_id=user_pool_id, region=region, after=after)
    if not custom:
        check_domain(
            owner,
            resource,
            f"{owner.name}-domain",
            pool_id=user_pool_id,
            prefix=request.prefix or "",
        )
    # Built from the argument, not the domain's output: a replaced domain's output is unknown
    # in preview, and an unknown redirect URI makes the application look replaced rather than
    # updated (new client credentials). The application depends on the domain explicitly.
    base_url = pulumi.Output.all(name, owner.region).apply(
        lambda v: _urls.cognito_base_url(v[0], v[1], custom=custom)
    )
    none: pulumi.Output[str | None] = pulumi.Output.from_input(None)
    record = _alias_record(owner, request, resource)
    return DomainObjects(
        resource=resource,
        domain=resource.domain,
        base_url=base_url,
        idp_redirect_uri=base_url.apply(_urls.idp_response_url),
        token_url=base_url.apply(_urls.token_url),
        custom_domain_target=resource.cloudfront_distribution if custom else none,
        custom_domain_target_zone_id=(resource.cloudfront_distribution_zone_id if custom else none),
        dns_record_fqdn=record.fqdn if record is not None else none,
    )


def _resource(
    owner: Owner,
    request: DomainRequest,
    *,
    user_pool_id: pulumi.Output[str],
    region: pulumi.Input[str] | None,
    after: pulumi.Resource,
) -> aws.cognito.UserPoolDomain:
    custom = request.custom_domain is not None
    return aws.cognito.UserPoolDomain(
        f"{owner.name}-domain",
        domain=request.custom_domain if custom else request.prefix,
        user_pool_id=user_pool_id,
        # A new certificate (ARN -> ARN) is an in-place UpdateUserPoolDomain on the real
        # provider; only prefix <-> custom domain ("" <-> ARN) or a new name replaces it.
        certificate_arn=request.certificate_arn,
        managed_login_version=request.managed_login_version,
        region=region,
        # Only when it is replaced (see above): a pool holds one prefix domain and domains
        # are globally unique, so the old one is freed first. It forces no replacement.
        opts=pulumi.ResourceOptions(
            parent=owner.component, delete_before_replace=True, depends_on=[after]
        ),
    )


def _alias_record(
    owner: Owner, request: DomainRequest, resource: aws.cognito.UserPoolDomain
) -> aws.route53.Record | None:
    """The alias record for the custom domain in the hosted zone, if both are set."""
    if request.custom_domain is None or request.hosted_zone_id is None:
        return None
    return aws.route53.Record(
        f"{owner.name}-dns",
        zone_id=request.hosted_zone_id,
        name=request.custom_domain,
        type="A",
        aliases=[
            {
                "name": resource.cloudfront_distribution,
                "zone_id": resource.cloudfront_distribution_zone_id,
                # CloudFront aliases cannot evaluate target health.
                "evaluate_target_health": False,
            }
        ],
        opts=pulumi.ResourceOptions(parent=owner.component),
    )
