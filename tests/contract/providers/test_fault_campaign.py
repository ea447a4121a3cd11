"""A seeded fault campaign: provider operations, four at a time, against an emulator that
injects every fault it has on every management route.

Each worker plays one stack through its life: create a realm, a resource server and an
authenticator config, an application, read them all, rename two of them, delete everything.
A failed step is retried the way a person re-running ``pulumi up`` would: the same call
again, and when the provider says an object holds the natural key, the printed take-over
(``beyondidentity:adoptIds``). At the end it prints what happened and asserts that no
duplicate, orphan, lost update or untyped error occurred.

Size and seed: ``CAMPAIGN_OPERATIONS`` (default 320) and ``CAMPAIGN_SEED`` (default 8).
Reproduce: ``.venv/bin/python -m pytest -m campaign -s``.
"""

from __future__ import annotations

import logging
import os
import random
import re
import threading
import time
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any, Literal

import pytest
from helpers.builders import application_inputs, authenticator_config_inputs, resource_server_inputs
from helpers.client_support import configured

from beyondidentity_emulator import Emulator
from pulumi_beyondidentity import BeyondIdentityClient, BeyondIdentityError, RetryPolicy, Settings
from pulumi_beyondidentity._provider import BeyondIdentityProvider
from pulumi_beyondidentity.application import ApplicationProvider
from pulumi_beyondidentity.authenticator_config import AuthenticatorConfigProvider
from pulumi_beyondidentity.realm import RealmProvider
from pulumi_beyondidentity.resource_server import ResourceServerProvider

pytestmark = pytest.mark.campaign

OPERATIONS = int(os.environ.get("CAMPAIGN_OPERATIONS", "320"))
SEED = int(os.environ.get("CAMPAIGN_SEED", "8"))
WORKERS = 4
FAULT_RATE = 0.6
PROVIDER_KEY = "__provider"
StoreName = Literal["realms", "resource_servers", "applications", "authenticator_configs"]
TAKE_OVER = re.compile(r"beyondidentity:adoptIds=([0-9A-Za-z,-]+)")
ROUTES = [
    ("POST", "/v1/tenants/*/realms"),
    ("GET", "/v1/tenants/*/realms"),
    ("GET", "/v1/tenants/*/realms/*"),
    ("PATCH", "/v1/tenants/*/realms/*"),
    ("DELETE", "/v1/tenants/*/realms/*"),
] + [
    (method, f"/v1/tenants/*/realms/*/{kind}{suffix}")
    for kind in ("resource-servers", "authenticator-configs", "applications")
    for method, suffix in (
        ("POST", ""),
        ("GET", ""),
        ("GET", "/*"),
        ("PATCH", "/*"),
        ("DELETE", "/*"),
    )
]
FAULTS: list[dict[str, Any]] = [
    {"kind": "status", "status": 503},
    {"kind": "status", "status": 500},
    {"kind": "status", "status": 502},
    {"kind": "rate_limit", "retry_after": "nan"},
    {"kind": "rate_limit", "retry_after": "0"},
    {"kind": "rate_limit", "retry_after": "junk"},
    {"kind": "latency", "delay": 0.02},
    {"kind": "drop_after_commit"},
    {"kind": "error_after_commit", "status": 503},
    {"kind": "trickle", "delay": 0.0005},
    {"kind": "repeat_page_token", "times": 2},
]
FAULTS += [
    {"kind": "bad_body", "body": b}
    for b in ("html", "truncated", "empty", "null", "list", "wrong_types", "missing_id")
]


@dataclass
class Tally:
    """What the campaign counts, shared by the workers."""

    lock: threading.Lock = field(default_factory=threading.Lock)
    operations: int = 0
    failures: int = 0
    take_overs: int = 0
    untyped: list[str] = field(default_factory=list)
    lost_updates: list[str] = field(default_factory=list)
    false_gone: list[str] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)

    def count(self, n: int = 1) -> None:
        with self.lock:
            self.operations += n


class LogCounter(logging.Handler):
    """Counts the client's retry and recovery messages."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.retries = 0
        self.recoveries = 0

    def emit(self, record: logging.LogRecord) -> None:
        text = record.getMessage()
        if "retrying in" in text:
            self.retries += 1
        elif "answer was lost or unusable" in text:
            self.recoveries += 1


def provider(cls: type[BeyondIdentityProvider], emu: Emulator, **extra: str) -> Any:
    instance = configured(cls(), emu, **extra)
    # Short waits: the campaign is about outcomes, not about how long backoff sleeps.
    instance._client = fast_client(emu)
    return instance


_clients: dict[str, BeyondIdentityClient] = {}


def fast_client(emu: Emulator) -> BeyondIdentityClient:
    if emu.url not in _clients:
        settings = Settings.resolve(
            explicit={"tenant_id": emu.tenant_id, "api_token": emu.api_token, "api_url": emu.url},
            environ={},
        )
        _clients[emu.url] = BeyondIdentityClient(
            settings,
            retry=RetryPolicy(
                max_attempts=6,
                total_timeout=20,
                initial_backoff=0.005,
                max_backoff=0.05,
                max_retry_after=0.05,
            ),
        )
    return _clients[emu.url]


class Worker:
    """One stack's life, with a person's retries."""

    def __init__(self, emu: Emulator, tally: Tally, rng: random.Random, name: str) -> None:
        self.emu = emu
        self.tally = tally
        self.rng = rng
        self.name = name
        self.providers = {
            "realm": provider(RealmProvider, emu),
            "rs": provider(ResourceServerProvider, emu),
            "ac": provider(AuthenticatorConfigProvider, emu),
            "app": provider(ApplicationProvider, emu),
        }

    def maybe_fault(self) -> None:
        if self.rng.random() < FAULT_RATE:
            method, path = self.rng.choice(ROUTES)
            fault = dict(self.rng.choice(FAULTS))
            if fault["kind"] == "repeat_page_token":  # only lists have page tokens
                method, path = self.rng.choice(
                    [(m, p) for m, p in ROUTES if m == "GET" and not p.endswith("/*")]
                )
            # Mostly one request; sometimes enough in a row to outlast the client's retries.
            times = self.rng.choice([1, 1, 1, 2, 3, 8])
            self.emu.faults.add(method=method, path=path, **{"times": times, **fault})

    def call(self, what: str, action: Callable[[], Any]) -> Any:
        """Run a provider operation until it succeeds, as a person re-running `up` would."""
        for _ in range(12):
            self.maybe_fault()
            self.tally.count()
            try:
                return action()
            except BeyondIdentityError:
                with self.tally.lock:
                    self.tally.failures += 1
            except Exception as exc:
                with self.tally.lock:
                    self.tally.untyped.append(f"{what}: {type(exc).__name__}: {exc}")
                return None
        raise AssertionError(f"{what}: still failing after 12 tries")

    def create(self, kind: str, news: dict[str, Any]) -> tuple[str, dict[str, Any]]:
        prov = self.providers[kind]
        checked = prov.check({}, {**news, PROVIDER_KEY: "x"})
        assert checked.failures == [], checked.failures
        inputs = {**checked.inputs, PROVIDER_KEY: "x"}

        def attempt() -> Any:
            try:
                return prov.create(inputs)
            except BeyondIdentityError as exc:
                match = TAKE_OVER.search(str(exc))
                if not match:
                    raise
                # The printed way out: take the object over.
                with self.tally.lock:
                    self.tally.take_overs += 1
                adopting = provider(
                    type(prov), self.emu, **{"beyondidentity:adoptIds": match.group(1)}
                )
                return adopting.create(inputs)

        result = self.call(f"create {kind}", attempt)
        assert result is not None
        assert result.outs is not None
        return result.id, {**result.outs, PROVIDER_KEY: "x"}

    def read(self, kind: str, obj_id: str, outs: dict[str, Any]) -> None:
        result = self.call(f"read {kind}", lambda: self.providers[kind].read(obj_id, outs))
        if result is not None and result.id is None:
            with self.tally.lock:
                self.tally.false_gone.append(f"{kind} {obj_id}")

    def rename(self, kind: str, obj_id: str, outs: dict[str, Any], name: str) -> dict[str, Any]:
        prov = self.providers[kind]
        news = {k: outs[k] for k in prov.input_fields if outs.get(k) is not None}
        checked = prov.check(outs, {**news, "display_name": name, PROVIDER_KEY: "x"})
        inputs = {**checked.inputs, PROVIDER_KEY: "x"}
        result = self.call(f"update {kind}", lambda: prov.update(obj_id, outs, inputs))
        stored = self.stored(kind, obj_id)
        if stored is None or stored.get("display_name") != name:
            with self.tally.lock:
                self.tally.lost_updates.append(f"{kind} {obj_id}")
        return {**(result.outs if result else outs), PROVIDER_KEY: "x"}

    def delete(self, kind: str, obj_id: str, outs: dict[str, Any]) -> None:
        self.call(f"delete {kind}", lambda: self.providers[kind].delete(obj_id, outs))

    def stored(self, kind: str, obj_id: str) -> dict[str, Any] | None:
        collection: StoreName = {  # type: ignore[assignment]
            "realm": "realms",
            "rs": "resource_servers",
            "ac": "authenticator_configs",
            "app": "applications",
        }[kind]
        for obj in self.emu.store.list(collection):
            if obj["id"] == obj_id:
                return dict(obj)
        return None

    def life(self, index: int) -> None:
        realm_id, realm = self.create("realm", {"display_name": f"{self.name} {index}"})
        rs_id, rs = self.create("rs", resource_server_inputs(realm_id, display_name="AWS"))
        ac_id, ac = self.create("ac", authenticator_config_inputs(realm_id))
        app_id, app = self.create("app", application_inputs(realm_id, rs_id, ac_id))
        for kind, obj_id, outs in (
            ("realm", realm_id, realm),
            ("rs", rs_id, rs),
            ("ac", ac_id, ac),
            ("app", app_id, app),
        ):
            self.read(kind, obj_id, outs)
        self.count_duplicates(realm_id)
        app = self.rename("app", app_id, app, "AWS Cognito (renamed)")
        rs = self.rename("rs", rs_id, rs, "AWS (renamed)")
        self.delete("app", app_id, app)
        self.delete("ac", ac_id, ac)
        self.delete("rs", rs_id, rs)
        self.delete("realm", realm_id, realm)

    def count_duplicates(self, realm_id: str) -> None:
        pairs: tuple[tuple[StoreName, str], ...] = (
            ("resource_servers", "identifier"),
            ("authenticator_configs", "display_name"),
            ("applications", "display_name"),
        )
        for collection, key in pairs:
            names = Counter(o[key] for o in self.emu.store.list(collection, realm_id=realm_id))
            extra = [f"{collection} {n!r} x{c}" for n, c in names.items() if c > 1]
            if extra:
                with self.tally.lock:
                    self.tally.duplicates.extend(extra)


def run_campaign(emulator: Emulator, tally: Tally, counter: LogCounter) -> tuple[int, Counter[str]]:
    """Stack lives, four at a time, until enough operations ran; returns the lives per worker
    and the faults injected by kind."""
    log = logging.getLogger("pulumi_beyondidentity")
    log.addHandler(counter)
    rng = random.Random(SEED)
    workers = [
        Worker(emulator, tally, random.Random(rng.random()), f"campaign {w}")
        for w in range(WORKERS)
    ]
    lives = 0
    try:
        with ThreadPoolExecutor(WORKERS) as pool:
            while tally.operations < OPERATIONS:
                futures = [pool.submit(w.life, lives) for w in workers]
                for future in futures:
                    future.result()
                lives += 1
    finally:
        log.removeHandler(counter)
        by_kind: Counter[str] = Counter()
        for fault in emulator.faults.list():
            by_kind[fault.kind] += fault.hits
        emulator.faults.clear()
    return lives, Counter({k: v for k, v in by_kind.items() if v})


def leftovers(emulator: Emulator) -> list[dict[str, Any]]:
    """The campaign's objects still in the tenant after every life deleted its own."""
    realms = [r for r in emulator.store.list("realms") if r["display_name"].startswith("campaign")]
    children: tuple[StoreName, ...] = ("resource_servers", "authenticator_configs", "applications")
    return realms + [o for c in children for o in emulator.store.list(c) if not o.get("is_managed")]


def test_fault_campaign(emulator: Emulator) -> None:
    started = time.monotonic()
    tally = Tally()
    counter = LogCounter()
    lives, by_kind = run_campaign(emulator, tally, counter)
    left = leftovers(emulator)
    report = {
        "seed": SEED,
        "operations": tally.operations,
        "stack lives": lives * WORKERS,
        "faults injected": sum(by_kind.values()),
        "faults by kind": dict(sorted(by_kind.items())),
        "typed failures (retried)": tally.failures,
        "retries (client)": counter.retries,
        "recoveries (unknown outcome settled)": counter.recoveries,
        "take-overs (printed command)": tally.take_overs,
        "duplicates": len(tally.duplicates),
        "orphans": len(left),
        "lost updates": len(tally.lost_updates),
        "false 'gone' on read": len(tally.false_gone),
        "untyped errors": len(tally.untyped),
        "seconds": round(time.monotonic() - started, 1),
    }
    print("\nfault campaign:\n" + "\n".join(f"  {k}: {v}" for k, v in report.items()))
    assert tally.operations >= 300
    kinds = {"status", "rate_limit", "latency", "drop_after_commit", "error_after_commit"}
    assert set(by_kind) >= kinds | {"bad_body", "trickle", "repeat_page_token"}
    assert tally.untyped == []
    assert tally.duplicates == []
    assert left == [], [o["id"] for o in left]
    assert tally.lost_updates == []
    assert tally.false_gone == []
