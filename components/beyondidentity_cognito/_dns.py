"""Custom-domain DNS: the Route 53 alias record that points the domain at Cognito.

Cognito serves a custom domain from a CloudFront distribution of its own; the domain's owner
points the name at it with an alias (or CNAME) record. Given a hosted zone, the component
creates the alias ``A`` record; without one, the ``custom_domain_target`` output is what to
point the name at.
"""

from __future__ import annotations

import pulumi
import pulumi_aws as aws

from ._args import CognitoFederationArgs


def custom_domain_record(
    name: str,
    args: CognitoFederationArgs,
    domain: aws.cognito.UserPoolDomain,
    opts: pulumi.ResourceOptions,
) -> aws.route53.Record | None:
    """The alias record for ``custom_domain`` in ``hosted_zone_id``, if both are set."""
    if args.custom_domain is None or args.hosted_zone_id is None:
        return None
    return aws.route53.Record(
        f"{name}-dns",
        zone_id=args.hosted_zone_id,
        name=args.custom_domain,
        type="A",
        aliases=[
            {
                "name": domain.cloudfront_distribution,
                "zone_id": domain.cloudfront_distribution_zone_id,
                # CloudFront aliases cannot evaluate target health.
                "evaluate_target_health": False,
            }
        ],
        opts=opts,
    )
