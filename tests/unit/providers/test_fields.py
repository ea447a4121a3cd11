"""One declaration per field: what is derived from it, and the typing written out beside it.

Python typing needs the resources' ``pulumi.Output`` annotations of the inputs and the keywords
of ``__init__`` written out; these tests prove they match the declaration, so a field added in
one place only fails here, by name. The toy resource at the end shows what adding a field is:
one declaration.
"""

from __future__ import annotations

import inspect
import sys
import typing
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Annotated, Any, get_args, get_origin

import pulumi
import pytest

from pulumi_beyondidentity import (
    Settings,
)
from pulumi_beyondidentity._fields import (
    Field,
    Out,
    Strings,
    Text,
    declare,
    own_annotations,
    type_hints,
)
from pulumi_beyondidentity._inputs import Checker
from pulumi_beyondidentity._provider import BeyondIdentityProvider
from pulumi_beyondidentity._registry import ALL_KINDS
from pulumi_beyondidentity._resource import DeclaredResource
from pulumi_beyondidentity.application import ApplicationProvider
from pulumi_beyondidentity.application_credentials import ApplicationCredentialsProvider
from pulumi_beyondidentity.authenticator_config import AuthenticatorConfigProvider
from pulumi_beyondidentity.realm import RealmProvider
from pulumi_beyondidentity.resource_server import ResourceServerProvider

RESOURCES = [
    (
        getattr(sys.modules[p.__module__], p.fields.label),
        getattr(sys.modules[p.__module__], p.fields.label + "Args"),
        p,
    )
    for p in ALL_KINDS
]
IDS = [r[0].__name__ for r in RESOURCES]


def _bare(hint: Any) -> Any:
    return get_args(hint)[0] if get_origin(hint) is Annotated else hint


def _output_of(input_type: Any, nullable: bool) -> Any:
    """The ``pulumi.Output`` type matching an ``*Args`` type: ``Input[Sequence[Input[str]]]``
    gives ``Output[list[str]]``, a ``TypedDict`` ``Output[dict[str, Any]]``."""
    plain = get_args(input_type)[0]  # Input[X] is Union[X, Awaitable[X], Output[X]]
    if get_origin(plain) is Sequence:
        plain = list[get_args(get_args(plain)[0])[0]]  # type: ignore[misc]
    elif typing.is_typeddict(plain):
        plain = dict[str, Any]
    output: Any = pulumi.Output
    return output[plain | None] if nullable else output[plain]


def _args_types(args: type) -> dict[str, Any]:
    return {k: _bare(v) for k, v in type_hints(args).items()}


@pytest.mark.parametrize(("resource", "args", "provider"), RESOURCES, ids=IDS)
def test_every_property_has_its_output_annotation(
    resource: type, args: type, provider: type[BeyondIdentityProvider]
) -> None:
    annotations = own_annotations(resource)
    inputs = _args_types(args)
    declared = [*inputs, *(o.name for o in provider.fields.outputs)]
    missing = [name for name in declared if name not in annotations]
    assert not missing, f"{resource.__name__} lacks `name: pulumi.Output[...]` for {missing}"
    undeclared = [name for name in annotations if name not in declared]
    assert not undeclared, (
        f"{resource.__name__}.{undeclared}: declare them on {args.__name__} (inputs) or as "
        "Annotated[pulumi.Output[...], Out(...)] (outputs)"
    )
    defaults = {f.name: f.default for f in provider.fields.inputs}
    for name, input_type in inputs.items():
        nullable = type(None) in get_args(input_type) and defaults.get(name) is None
        expected = _output_of(input_type, nullable)
        assert _bare(annotations[name]) == expected, (
            f"{resource.__name__}.{name} is annotated {annotations[name]}; "
            f"{args.__name__} declares it {input_type}, so it should be {expected}"
        )


@pytest.mark.parametrize(("resource", "args", "provider"), RESOURCES, ids=IDS)
def test_init_keywords_are_the_declared_inputs(
    resource: type, args: type, provider: type[BeyondIdentityProvider]
) -> None:
    init = vars(resource)["__init__"]
    signature = inspect.signature(init)
    hints = type_hints(init)
    keywords = {
        name: hints[name]
        for name, p in signature.parameters.items()
        if p.kind is inspect.Parameter.KEYWORD_ONLY
    }
    inputs = _args_types(args)
    assert list(keywords) == list(inputs), (
        f"{resource.__name__}.__init__ keywords {list(keywords)} differ from the fields of "
        f"{args.__name__} {list(inputs)}"
    )
    for name, input_type in inputs.items():
        assert keywords[name] == input_type | None, (
            f"{resource.__name__}.__init__({name}: {keywords[name]}) should be "
            f"{input_type | None}, as {args.__name__} declares it"
        )
        assert signature.parameters[name].default is None
    assert [p for p in signature.parameters][:4] == ["self", "resource_name", "args", "opts"]


@pytest.mark.parametrize(("resource", "args", "provider"), RESOURCES, ids=IDS)
def test_docs_are_generated_from_the_declaration(
    resource: type, args: type, provider: type[BeyondIdentityProvider]
) -> None:
    for name in _args_types(args):
        assert f":param {name}: " in (args.__doc__ or ""), name
        assert f":param {name}: " in (vars(resource)["__init__"].__doc__ or ""), name


def test_derived_paths_are_the_documented_ones() -> None:
    # The replacements and unordered lists of docs/resources.md, now derived.
    assert RealmProvider.replace_paths == ("classification",)
    assert ResourceServerProvider.replace_paths == ("realm_id", "identifier")
    assert ResourceServerProvider.set_paths == {"scopes"}
    assert AuthenticatorConfigProvider.replace_paths == ("realm_id", "config.type")
    assert AuthenticatorConfigProvider.set_paths == {
        "config.trusted_origins",
        "config.authentication_methods",
    }
    assert ApplicationProvider.replace_paths == (
        "realm_id",
        "protocol_config.type",
        "protocol_config.confidentiality",
    )
    assert ApplicationProvider.set_paths == {
        "protocol_config.grant_type",
        "protocol_config.redirect_uris",
        "protocol_config.allowed_scopes",
    }
    assert ApplicationCredentialsProvider.replace_paths == ("realm_id", "application_id")
    assert ApplicationProvider.input_fields == (
        "realm_id",
        "display_name",
        "protocol_config",
        "resource_server_id",
        "authenticator_config_id",
    )
    assert ApplicationProvider.fields.secret_outputs() == ["client_secret"]
    assert ApplicationCredentialsProvider.fields.secret_outputs() == ["client_secret"]


def test_an_undeclared_field_is_refused_by_name() -> None:
    @dataclass
    class LooseArgs:
        name: pulumi.Input[str]

    class Loose(DeclaredResource, module="test", name="Loose"):
        name: pulumi.Output[str]

    with pytest.raises(TypeError, match=r"LooseArgs\.name: declare it as Annotated"):
        declare("Loose", LooseArgs, Loose)


# --- adding a field is one declaration: a toy resource -----------------------------------


@dataclass
class GadgetArgs:
    """The arguments of a gadget."""

    realm_id: Annotated[pulumi.Input[str], Field("Its realm", replaces=True, in_body=False)]
    size: Annotated[
        pulumi.Input[str] | None,
        Field("How big", choices=("small", "large"), default="small", api_name="gadget_size"),
    ] = None
    tags: Annotated[
        pulumi.Input[Sequence[pulumi.Input[str]]] | None,
        Field("Labels", Strings(), default=[], unordered=True),
    ] = None
    serial: Annotated[
        pulumi.Input[str] | None, Field("Its serial", Text(lambda v: None), replaces=True)
    ] = None


class Gadget(DeclaredResource, module="test", name="Gadget"):
    realm_id: pulumi.Output[str]
    size: pulumi.Output[str]
    tags: pulumi.Output[list[str]]
    serial: pulumi.Output[str | None]
    colour: Annotated[
        pulumi.Output[str], Out("Its colour", read=lambda obj, _: obj["paint"]["colour"])
    ]


class GadgetProvider(BeyondIdentityProvider):
    fields = declare("Gadget", GadgetArgs, Gadget)


def test_a_new_field_reaches_check_diff_body_outputs_and_docs() -> None:
    provider = GadgetProvider()
    assert provider.input_fields == ("realm_id", "size", "tags", "serial")
    assert provider.replace_paths == ("realm_id", "serial")
    assert provider.set_paths == {"tags"}
    checker = Checker()
    values = provider.normalize({"realm_id": "r", "size": "huge"}, checker)
    assert values == {"realm_id": "r", "size": None, "tags": [], "serial": None}
    assert [f.reason for f in checker.failures] == ["size must be one of small, large; got 'huge'"]
    body = provider.to_api({"realm_id": "r", "size": "large", "tags": ["a"], "serial": None})
    assert body == {"gadget_size": "large", "tags": ["a"]}
    url = "https://api.example.com"
    settings = Settings(tenant_id="0" * 16, region="us", api_url=url, auth_url=url)
    outs = provider.outputs({"realm_id": "r", "paint": {"colour": "red"}}, settings)
    assert outs == {"realm_id": "r", "size": "small", "tags": [], "serial": None, "colour": "red"}
    assert ":param size: How big. One of ``small``, ``large``. Default: ``small``." in (
        GadgetArgs.__doc__ or ""
    )
    assert "Changing it replaces the Gadget." in (GadgetArgs.__doc__ or "")
