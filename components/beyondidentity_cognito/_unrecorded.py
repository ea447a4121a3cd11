"""Cognito objects that an interrupted ``pulumi up`` created but the stack never recorded.

pulumi-aws creates each Cognito object with one AWS call, and the engine records it when
the provider answers. A ``pulumi up`` killed in between (a CI runner dies, Ctrl-C twice)
leaves an object AWS holds and the state does not, and a pending create of its URN in the
checkpoint. The next run would make a second user pool or app client (their names are not
unique) and leave the first to nobody, or fail on the domain (one prefix domain per pool).

So every preview looks for such objects and stops, before anything is created, with the one
command that adopts them. Only what evidence ties to this stack is named:

- a **user pool** with the declared name *and* the owner tags the component sets on the
  pools it creates (:func:`owner_tags`: this stack, this resource and the id of its Beyond
  Identity realm, which no other stack shares); a pool without them is never mentioned;
- the declared **prefix domain** on the stack's own pool while the stack plans to create
  its domain (custom domains are left out: a new certificate replaces one under the same
  name, which would look the same);
- an **app client** with the declared name in the stack's own pool, other than the
  stack's client.

When the stack plans the object's create, the command is ``pulumi import`` of the object
under the resource's own name and parent, so the next ``pulumi up`` carries on with it; an
app client is deleted instead (an imported one lacks ``generate_secret``, so the next
``up`` would replace it), and that ``up`` makes it again.
(``pulumi refresh --import-pending-creates`` of engine v3.274 drops the pending create
without importing anything, so it is never suggested.) When the stack already records its
own object (a ``pulumi up --skip-preview`` made a second one; this check then fails that run
once its steps are done), the extra one is named with the AWS CLI command that deletes it. Nothing is
adopted or deleted here: the evidence is enough to name an object, not to act on it.

Identity providers and managed login styles have unique keys (a name per pool, one style
per client), so a killed create of one is refused by AWS on the next ``up``, never
duplicated; pulumi-aws has no look-up that finds them sooner (docs/reliability.md gives
their command).
"""

from __future__ import annotations

import shlex
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import pulumi
import pulumi_aws as aws

STACK_TAG = "beyondidentity-cognito:stack"
"""Owner tag: ``<organization>/<project>/<stack>`` of the stack that created the pool."""
RESOURCE_TAG = "beyondidentity-cognito:resource"
"""Owner tag: the name of the pool's ``UserPool`` resource in that stack."""
REALM_TAG = "beyondidentity-cognito:realm"
"""Owner tag: the id of the stack's Beyond Identity realm (made or given before the pool)."""

USER_POOL = "aws:cognito/userPool:UserPool"
DOMAIN = "aws:cognito/userPoolDomain:UserPoolDomain"
CLIENT = "aws:cognito/userPoolClient:UserPoolClient"


class UnrecordedObjectError(pulumi.RunError):
    """Cognito objects of this stack exist in AWS but not in the stack's state.

    A :class:`pulumi.RunError`, so the language host reports it as a plain message. Raised
    by a preview before anything is created; the message names each object, the evidence
    and the command to run.
    """


@dataclass(frozen=True)
class Owner:
    """The component whose children are checked: its name and URN, the region to look in."""

    component: pulumi.ComponentResource
    name: str
    region: pulumi.Input[str]

    def lookup(self) -> pulumi.InvokeOutputOptions:
        return pulumi.InvokeOutputOptions(parent=self.component)


def owner_tags(resource_name: str, realm_id: pulumi.Input[str]) -> pulumi.Output[dict[str, str]]:
    """The tags naming this stack, ``resource_name`` and the realm on a pool the component
    creates."""
    organization = pulumi.get_organization() or "organization"
    stack = f"{organization}/{pulumi.get_project()}/{pulumi.get_stack()}"
    return pulumi.Output.from_input(realm_id).apply(
        lambda realm: {STACK_TAG: stack, RESOURCE_TAG: resource_name, REALM_TAG: realm}
    )


def adopt_command(type_token: str, name: str, object_id: str, parent: tuple[str, str]) -> str:
    """``pulumi import`` of ``object_id`` as the resource ``name`` under ``parent``.

    ``parent`` is the component's name and URN. The import is unprotected and writes no
    code: the next ``pulumi up`` applies the program's options to the resource.
    """
    words = ["pulumi", "import", type_token, name, object_id, "--parent", "=".join(parent)]
    words += ["--protect=false", "--generate-code=false", "--yes"]
    return " ".join(shlex.quote(w) for w in words)


def _planned(resource_id: Any) -> bool:
    """True for the id of a resource whose create (or replacement) the preview plans."""
    return not isinstance(resource_id, str) or not resource_id


def _checked(
    owner: Owner,
    resource: pulumi.CustomResource,
    facts: pulumi.Output[list[Any]],
    judge: Callable[[Any, list[Any]], list[str]],
) -> None:
    """Fail the run when ``judge(resource's id, facts)`` finds something.

    The id is judged even when the preview does not know it (a create is planned). The
    verdict is an output of its own that nothing consumes: the SDK fails the program with a
    faulted output once every registration is done (a preview then stops before ``up``
    creates anything), and the component's wiring and dependencies stay as they are.
    """

    def on_facts(found: list[Any]) -> pulumi.Input[bool]:
        def on_id(resource_id: Any) -> bool:
            findings = judge(resource_id, found)
            if findings:
                raise UnrecordedObjectError(
                    f"CognitoFederation {owner.name!r}: "
                    + "\n".join(findings)
                    + "\nNothing was created or changed by this run."
                )
            return True

        return resource.id.apply(on_id, run_with_unknowns=True)

    facts.apply(on_facts)


# ---- user pool ----


def check_user_pool(
    owner: Owner,
    pool: aws.cognito.UserPool,
    resource_name: str,
    *,
    name: pulumi.Input[str],
    tags: pulumi.Output[dict[str, str]],
) -> None:
    """Fail the run if a pool named ``name`` with these owner ``tags`` is unrecorded."""
    found = aws.cognito.get_user_pools_output(name=name, region=owner.region, opts=owner.lookup())

    def tagged(ids: Sequence[str]) -> pulumi.Input[list[str]]:
        return _tagged(owner, list(ids or []), tags)

    facts = pulumi.Output.all(owner.component.urn, owner.region, found.ids.apply(tagged), name)

    def judge(pool_id: Any, v: list[Any]) -> list[str]:
        component_urn, region, ours, pool_name = v
        parent = (owner.name, component_urn)
        return _pool_findings(pool_id, resource_name, parent, region, pool_name, ours)

    _checked(owner, pool, facts, judge)


def _tagged(
    owner: Owner, ids: list[str], tags: pulumi.Output[dict[str, str]]
) -> pulumi.Output[list[str]]:
    """The pools of ``ids`` that carry every one of ``tags``."""
    described = [
        aws.cognito.get_user_pool_output(user_pool_id=i, region=owner.region, opts=owner.lookup())
        for i in ids
    ]
    return pulumi.Output.all(tags, *[d.tags for d in described]).apply(
        lambda v: [
            i
            for i, live in zip(ids, v[1:], strict=True)
            if all((live or {}).get(k) == value for k, value in v[0].items())
        ]
    )


def _pool_findings(
    pool_id: Any,
    resource_name: str,
    parent: tuple[str, str],
    region: str,
    name: str,
    ours: Sequence[str],
) -> list[str]:
    evidence = f"named {name!r}, tagged as this stack's ({STACK_TAG}, {RESOURCE_TAG}, {REALM_TAG})"
    if _planned(pool_id):
        return [
            f"user pool {found} ({evidence}) exists, but the stack does not record it: an "
            "interrupted `pulumi up` created it. Adopt it, then run pulumi up:\n  "
            + adopt_command(USER_POOL, resource_name, found, parent)
            for found in ours
        ]
    return [
        f"user pool {found} ({evidence}) exists beside the stack's pool {pool_id}: an "
        "interrupted `pulumi up` created it and a later run made the stack's. Delete it "
        "(turn off its deletion protection first if it is ACTIVE):\n  "
        f"aws cognito-idp delete-user-pool --user-pool-id {found} --region {region}"
        for found in ours
        if found != pool_id
    ]


# ---- domain ----


def check_domain(
    owner: Owner,
    domain: aws.cognito.UserPoolDomain,
    resource_name: str,
    *,
    pool_id: pulumi.Input[str],
    prefix: pulumi.Input[str],
) -> None:
    """Fail the run if the pool holds the prefix domain ``prefix`` unrecorded."""
    live = aws.cognito.get_user_pool_output(
        user_pool_id=pool_id, region=owner.region, opts=owner.lookup()
    )
    facts = pulumi.Output.all(owner.component.urn, live.domain, live.id, prefix)

    def judge(domain_id: Any, v: list[Any]) -> list[str]:
        component_urn, found, pool, prefix = v
        if not _planned(domain_id) or found != prefix:
            return []
        return [
            f"domain {prefix!r} is configured on the stack's user pool {pool}, but the stack "
            "does not record it: an interrupted `pulumi up` created it. Adopt it, then run "
            "pulumi up:\n  "
            + adopt_command(DOMAIN, resource_name, prefix, (owner.name, component_urn))
        ]

    _checked(owner, domain, facts, judge)


# ---- app client ----


def check_client(
    owner: Owner,
    client: aws.cognito.UserPoolClient,
    resource_name: str,
    *,
    pool_id: pulumi.Input[str],
    name: pulumi.Input[str],
) -> None:
    """Fail the run if the pool holds an unrecorded app client named ``name``."""
    listed = aws.cognito.get_user_pool_clients_output(
        user_pool_id=pool_id, region=owner.region, opts=owner.lookup()
    )

    def same_name(v: list[Any]) -> list[str]:
        result, wanted = v
        pairs = zip(result.client_ids or [], result.client_names or [], strict=True)
        return [client_id for client_id, client_name in pairs if client_name == wanted]

    facts = pulumi.Output.all(
        owner.component.urn,
        listed.user_pool_id,
        owner.region,
        pulumi.Output.all(listed, name).apply(same_name),
        name,
    )

    def judge(client_id: Any, v: list[Any]) -> list[str]:
        component_urn, pool, region, same, client_name = v
        parent = (owner.name, component_urn)
        return _client_findings(client_id, parent, pool, region, client_name, same)

    _checked(owner, client, facts, judge)


def _client_findings(
    client_id: Any,
    parent: tuple[str, str],
    pool_id: str,
    region: str,
    name: str,
    same: Sequence[str],
) -> list[str]:
    # Deleted rather than imported: an imported client has no generate_secret (the API never
    # returns it, in Terraform's provider as here), so the declared False would replace it.
    # The client of a killed first run has no users yet; the next `up` makes it again.
    evidence = f"named {name!r} in the stack's user pool {pool_id}"
    delete = (
        f"aws cognito-idp delete-user-pool-client --user-pool-id {pool_id} --client-id {{}} "
        f"--region {region}"
    )
    if _planned(client_id):
        return [
            f"app client {found} ({evidence}) exists, but the stack does not record it: an "
            "interrupted `pulumi up` created it, or someone else did. If the run did, delete "
            f"it, then run pulumi up (which makes the stack's):\n  {delete.format(found)}"
            for found in same
        ]
    return [
        f"app client {found} ({evidence}) exists beside the stack's client {client_id}: an "
        "interrupted `pulumi up` created it, or someone else did. If the run did, delete "
        f"it:\n  {delete.format(found)}"
        for found in same
        if found != client_id
    ]
