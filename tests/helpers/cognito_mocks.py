"""Pulumi mocks for CognitoFederation tests: fake AWS and Beyond Identity, and a full record.

``RecordingMonitor`` wraps the SDK's mock monitor so each registration keeps what
``Mocks.new_resource`` never sees: the parent, ``protect``, ``delete_before_replace`` and the
dependencies per property. ``FakeCloud`` answers like the providers would, with IDs derived
from the resource name (so two federations in one stack get different IDs).
"""

from __future__ import annotations

import asyncio
import hashlib
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import pulumi
from google.protobuf.json_format import MessageToDict
from pulumi.runtime.mocks import MockMonitor

# The SDK marks a secret value on the wire with this signature key.
SECRET_SIG = "4dabf18193072939515e22adb298388d"
SECRET_VALUE_SIG = "1b47061264138c4ac30d75fd1eb44270"

BI_ENV_VARS = (
    "BEYOND_IDENTITY_API_URL",
    "BEYOND_IDENTITY_AUTH_URL",
    "BEYOND_IDENTITY_REGION",
    "BEYOND_IDENTITY_TENANT_ID",
    "BEYOND_IDENTITY_API_TOKEN",
    "BEYOND_IDENTITY_CLIENT_ID",
    "BEYOND_IDENTITY_CLIENT_SECRET",
    "BEYOND_IDENTITY_TOKEN_URL",
)

TENANT_ID = "000176d94fd7b4d1"
AUTH_BASE = "https://auth-us.beyondidentity.com"
ACCOUNT_ID = "123456789012"
MOCK_REGION = "us-east-1"

REALM = "pulumi-python:dynamic/beyondidentity:Realm"
RESOURCE_SERVER = "pulumi-python:dynamic/beyondidentity:ResourceServer"
AUTHENTICATOR = "pulumi-python:dynamic/beyondidentity:AuthenticatorConfig"
APPLICATION = "pulumi-python:dynamic/beyondidentity:Application"
CREDENTIALS = "pulumi-python:dynamic/beyondidentity:ApplicationCredentials"
USER_POOL = "aws:cognito/userPool:UserPool"
DOMAIN = "aws:cognito/userPoolDomain:UserPoolDomain"
IDENTITY_PROVIDER = "aws:cognito/identityProvider:IdentityProvider"
CLIENT = "aws:cognito/userPoolClient:UserPoolClient"
BRANDING = "aws:cognito/managedLoginBranding:ManagedLoginBranding"
RECORD = "aws:route53/record:Record"
CLOUDFRONT_ZONE_ID = "Z2FDTNDATAQYW2"
COMPONENT = "beyondidentity:index:CognitoFederation"
GET_REGION = "aws:index/getRegion:getRegion"
GET_USER_POOL = "aws:cognito/getUserPool:getUserPool"


# A new resource's id and the outputs the mocks add to its inputs.
Answer = tuple[str, dict[str, Any]]


def is_secret(value: Any) -> bool:
    """True for a value the SDK sent as a secret."""
    return isinstance(value, Mapping) and value.get(SECRET_SIG) == SECRET_VALUE_SIG


def unwrap(value: Any) -> Any:
    """The value with every secret wrapper removed, recursively."""
    if is_secret(value):
        return unwrap(value["value"])
    if isinstance(value, Mapping):
        return {k: unwrap(v) for k, v in value.items()}
    if isinstance(value, list):
        return [unwrap(v) for v in value]
    return value


def digest(text: str, length: int) -> str:
    """A stable hex string derived from ``text``."""
    return hashlib.sha256(text.encode()).hexdigest()[:length]


def fake_uuid(text: str) -> str:
    """A stable UUID-shaped id derived from ``text``."""
    h = digest(text, 32)
    return f"{h[:8]}-{h[8:12]}-4{h[13:16]}-8{h[17:20]}-{h[20:32]}"


@dataclass
class Registration:
    """One registered resource: what the program sent and what the fake answered."""

    typ: str
    name: str
    inputs: dict[str, Any]
    id: str = ""
    outputs: dict[str, Any] = field(default_factory=dict)
    urn: str = ""
    parent: str = ""
    protect: bool = False
    delete_before_replace: bool = False
    replace_on_changes: list[str] = field(default_factory=list)
    dependencies: list[str] = field(default_factory=list)
    property_dependencies: dict[str, list[str]] = field(default_factory=dict)
    replacement_trigger: Any = None

    @property
    def plain(self) -> dict[str, Any]:
        """The inputs with secret wrappers removed."""
        return unwrap(self.inputs)  # type: ignore[no-any-return]


class FakeCloud(pulumi.runtime.Mocks):
    """Answers registrations and invokes as AWS and Beyond Identity would, and logs them."""

    def __init__(self) -> None:
        self.log: list[Registration] = []
        self.calls: list[tuple[str, dict[str, Any]]] = []

    def new_resource(
        self, args: pulumi.runtime.MockResourceArgs
    ) -> tuple[str | None, dict[str, Any]]:
        inputs = {k: v for k, v in args.inputs.items() if not k.startswith("__")}
        rid, outputs = self.respond(args.typ, args.name, inputs)
        self.log.append(Registration(args.typ, args.name, inputs, rid or "", outputs))
        return rid, outputs

    def respond(
        self, typ: str, name: str, inputs: dict[str, Any]
    ) -> tuple[str | None, dict[str, Any]]:
        """The id and outputs for a new resource (inputs echoed, computed fields added)."""
        answer = _ANSWERS.get(typ)
        if answer is None:
            return (f"{name}-id" if typ != COMPONENT else None), dict(inputs)
        rid, computed = answer(self, name, unwrap(inputs))
        return rid, {**inputs, **computed}

    def _application(self, name: str, plain: dict[str, Any]) -> Answer:
        app_id = fake_uuid(name)
        issuer = (
            f"{AUTH_BASE}/v1/tenants/{TENANT_ID}/realms/{plain['realm_id']}/applications/{app_id}"
        )
        # What the provider stores; the endpoints (``{issuer}/token``...) and ``tenant_id``
        # are computed in the program from these.
        return app_id, {
            "client_id": f"client-{digest(name, 12)}",
            # Plain on purpose: mocks ignore additional_secret_outputs, so only the component
            # can make it secret downstream.
            "client_secret": f"secret-{digest(name, 20)}",
            "issuer": issuer,
        }

    def _credentials(self, _name: str, plain: dict[str, Any]) -> Answer:
        # A read of the application: the same credentials and endpoints.
        app = next(r for r in self.log if r.typ == APPLICATION and r.id == plain["application_id"])
        keys = ("client_id", "client_secret", "issuer")
        return plain["application_id"], {k: app.outputs[k] for k in keys}

    def _user_pool(self, name: str, plain: dict[str, Any]) -> Answer:
        region = plain.get("region") or MOCK_REGION
        pool_id = f"{region}_{digest(name, 9)}"
        return pool_id, {
            "arn": f"arn:aws:cognito-idp:{region}:{ACCOUNT_ID}:userpool/{pool_id}",
            "endpoint": f"cognito-idp.{region}.amazonaws.com/{pool_id}",
        }

    def _domain(self, name: str, plain: dict[str, Any]) -> Answer:
        custom = bool(plain.get("certificateArn"))
        return plain["domain"], {
            "awsAccountId": ACCOUNT_ID,
            "cloudfrontDistribution": f"d{digest(name, 13)}.cloudfront.net" if custom else "",
            "cloudfrontDistributionZoneId": CLOUDFRONT_ZONE_ID,
        }

    def _branding(self, name: str, plain: dict[str, Any]) -> Answer:
        branding_id = fake_uuid(name)
        return f"{plain['userPoolId']},{branding_id}", {"managedLoginBrandingId": branding_id}

    def call(
        self, args: pulumi.runtime.MockCallArgs
    ) -> tuple[dict[str, Any], list[tuple[str, str]] | None]:
        self.calls.append((args.token, dict(args.args)))
        if args.token == GET_REGION:
            return {"region": MOCK_REGION, "name": MOCK_REGION, "id": MOCK_REGION}, []
        if args.token == GET_USER_POOL:
            pool_id = args.args["userPoolId"]
            region = args.args.get("region") or MOCK_REGION
            arn = f"arn:aws:cognito-idp:{region}:{ACCOUNT_ID}:userpool/{pool_id}"
            return {"arn": arn, "id": pool_id, "userPoolId": pool_id}, []
        return {}, []

    # -- queries for assertions -------------------------------------------------------------

    def of_type(self, typ: str) -> list[Registration]:
        """Registrations of one type, in registration order."""
        return [r for r in self.log if r.typ == typ]

    def one(self, typ: str) -> Registration:
        """The single registration of a type."""
        found = self.of_type(typ)
        assert len(found) == 1, f"expected one {typ}, got {[r.name for r in found]}"
        return found[0]

    def position(self, typ: str, name_prefix: str = "") -> int:
        """Index in the registration order of the first ``typ`` whose name starts so."""
        for index, reg in enumerate(self.log):
            if reg.typ == typ and reg.name.startswith(name_prefix):
                return index
        raise AssertionError(f"{typ} {name_prefix!r} was not registered")


# The answer for each resource type the mocks know.
_ANSWERS: dict[str, Callable[[FakeCloud, str, dict[str, Any]], Answer]] = {
    REALM: lambda _cloud, name, _plain: (digest(name, 16), {"tenant_id": TENANT_ID}),
    RESOURCE_SERVER: lambda _cloud, name, _plain: (fake_uuid(name), {"tenant_id": TENANT_ID}),
    AUTHENTICATOR: lambda _cloud, name, _plain: (fake_uuid(name), {"tenant_id": TENANT_ID}),
    APPLICATION: FakeCloud._application,
    CREDENTIALS: FakeCloud._credentials,
    USER_POOL: FakeCloud._user_pool,
    DOMAIN: FakeCloud._domain,
    BRANDING: FakeCloud._branding,
    RECORD: lambda _cloud, _name, p: (
        f"{p['zoneId']}_{p['name']}_{p['type']}",
        {"fqdn": p["name"]},
    ),
    IDENTITY_PROVIDER: lambda _cloud, _name, p: (f"{p['userPoolId']}:{p['providerName']}", {}),
    CLIENT: lambda _cloud, name, _plain: (digest(name, 26), {}),
}


class RecordingMonitor(MockMonitor):
    """The SDK's mock monitor, also keeping each request's options and dependencies."""

    def __init__(self, mocks: FakeCloud) -> None:
        super().__init__(mocks)
        self.cloud = mocks
        self._lock = threading.Lock()

    def RegisterResource(self, request: Any) -> Any:
        if request.type == "pulumi:pulumi:Stack":
            return super().RegisterResource(request)  # type: ignore[no-untyped-call]
        # Serialized so the log entry just appended is this request's.
        with self._lock:
            response = super().RegisterResource(request)  # type: ignore[no-untyped-call]
            entry = self.cloud.log[-1]
            entry.urn = response.urn
            entry.parent = request.parent
            entry.protect = bool(request.protect)
            entry.delete_before_replace = bool(request.deleteBeforeReplace)
            entry.replace_on_changes = list(request.replaceOnChanges)
            entry.dependencies = list(request.dependencies)
            if request.HasField("replacement_trigger"):
                entry.replacement_trigger = MessageToDict(request.replacement_trigger)
            entry.property_dependencies = {
                key: list(deps.urns) for key, deps in request.propertyDependencies.items()
            }
        return response


@dataclass
class Deployed:
    """What a program built, with every output attribute resolved."""

    component: Any
    """The component (the first, when the program built several)."""
    components: list[Any]
    """Every component the program built."""
    values: list[dict[str, Any]]
    """Per component: output attribute name -> resolved value."""
    secret: list[set[str]]
    """Per component: the names of output attributes that are secret."""

    @property
    def outputs(self) -> dict[str, Any]:
        """The first component's resolved outputs."""
        return self.values[0]


HostSettings = Callable[[dict[str, str], dict[str, str]], None]
"""The ``host_settings`` fixture: sets ``(stack config, environment)`` for the test."""

Deploy = Callable[[Callable[[], Any]], Deployed]
"""The ``deploy`` fixture: runs a program building components, returns them resolved."""


def run_program(build: Callable[[], Any]) -> Deployed:
    """Run ``build`` as a Pulumi program under the current mocks; resolve what it built.

    ``build`` returns a component or a list of them. The program waits for all their
    output attributes, so every registration and invoke has happened on return.
    """
    components: list[Any] = []
    values: list[dict[str, Any]] = []
    secret: list[set[str]] = []

    async def resolve(item: Any) -> None:
        resolved: dict[str, Any] = {}
        secrets: set[str] = set()
        for name, value in vars(item).items():
            if isinstance(value, pulumi.Output):
                resolved[name] = await value.future()
                if await value.is_secret():
                    secrets.add(name)
        values.append(resolved)
        secret.append(secrets)

    @pulumi.runtime.test  # type: ignore[untyped-decorator]
    def program() -> Any:
        result = build()
        components.extend(result if isinstance(result, list) else [result])

        async def all_items() -> None:
            for item in components:
                await resolve(item)

        return asyncio.ensure_future(all_items())

    program()
    return Deployed(components[0], components, values, secret)


def install(fake: FakeCloud, *, preview: bool = False) -> FakeCloud:
    """Make ``fake`` the mocks of a fresh stack (``beyondidentity-cognito``/``test``), no config;
    with ``preview``, the program runs as in ``pulumi preview``."""
    _ensure_event_loop()
    pulumi.runtime.set_mocks(
        fake,
        project="beyondidentity-cognito",
        stack="test",
        preview=preview,
        monitor=RecordingMonitor(fake),
    )
    pulumi.runtime.set_all_config({})
    return fake


def _ensure_event_loop() -> None:
    # A fresh loop per stack: the SDK builds futures on the current loop, and a program that
    # ended in an error (a test expecting it) leaves tasks on its loop that would otherwise
    # run, and fail, inside the next test's program.
    try:
        old = asyncio.get_event_loop_policy().get_event_loop()
    except RuntimeError:
        old = None
    if old is not None and not old.is_closed() and not old.is_running():
        for task in asyncio.all_tasks(old):
            task.cancel()
        old.close()  # its selector's file descriptor, over a thousand tests
    asyncio.set_event_loop(asyncio.new_event_loop())
