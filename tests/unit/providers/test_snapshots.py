"""The rules of ``_snapshots``: what a realm held before this process's creates.

A snapshot is the evidence a lost create is resolved with (the holder of the key that was
not there before the POST is ours), so each rule is pinned: a realm this process created
starts empty without a request, any other realm is listed once per collection, the
snapshot follows the process's own writes, and an unknown outcome forgets it.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from typing import Any

from pulumi_beyondidentity._snapshots import Snapshot, Snapshots


class Lister:
    """A ``list_all`` that counts its calls."""

    def __init__(self, *objects: Mapping[str, Any]) -> None:
        self.objects = list(objects)
        self.calls = 0

    def __call__(self) -> list[Mapping[str, Any]]:
        self.calls += 1
        return list(self.objects)


def named(name: str) -> Any:
    return lambda o: o.get("display_name") == name


def test_holders_are_the_objects_holding_the_key() -> None:
    snapshot = Snapshot(
        [{"id": "a", "display_name": "A"}, {"id": "b", "display_name": "B"}], threading.Lock()
    )
    assert snapshot.holders(named("A")) == [{"id": "a", "display_name": "A"}]
    assert snapshot.holders(named("C")) == []
    assert snapshot.ids() == frozenset({"a", "b"})


def test_put_and_drop_follow_the_process_writes() -> None:
    snapshot = Snapshot([{"id": "a", "display_name": "A"}], threading.Lock())
    snapshot.put({"id": "a", "display_name": "A2"})
    snapshot.put({"id": "n", "display_name": "N"})
    assert snapshot.holders(named("A")) == []
    assert snapshot.holders(named("A2")) == [{"id": "a", "display_name": "A2"}]
    snapshot.drop("n")
    snapshot.drop("never-there")
    assert snapshot.ids() == frozenset({"a"})


def test_nothing_is_known_before_a_listing() -> None:
    snapshots = Snapshots()
    assert snapshots.known("applications", "r1") is None


def test_a_realm_this_process_created_starts_empty_without_a_request() -> None:
    snapshots = Snapshots()
    snapshots.realm_created("r1")
    lister = Lister({"id": "x"})
    snapshot = snapshots.take("applications", "r1", lister)
    assert lister.calls == 0
    assert snapshot.ids() == frozenset()
    # The same snapshot is kept: the process's creates in it stay known.
    snapshot.put({"id": "a"})
    known = snapshots.known("applications", "r1")
    assert known is snapshot
    assert known.ids() == frozenset({"a"})
    # Another realm is not born with it.
    assert snapshots.known("applications", "r2") is None


def test_another_realm_is_listed_once_per_collection() -> None:
    snapshots = Snapshots()
    lister = Lister({"id": "a", "display_name": "A"})
    first = snapshots.take("applications", "r1", lister)
    second = snapshots.take("applications", "r1", lister)
    assert first is second
    assert lister.calls == 1
    assert first.holders(named("A")) == [{"id": "a", "display_name": "A"}]
    assert snapshots.known("applications", "r1") is first
    # Another collection or another realm is listed on its own.
    other = Lister()
    assert snapshots.take("resource_servers", "r1", other).ids() == frozenset()
    assert snapshots.take("applications", "r2", other).ids() == frozenset()
    assert other.calls == 2


def test_concurrent_creates_in_one_realm_list_it_once() -> None:
    snapshots = Snapshots()
    started = threading.Event()
    release = threading.Event()
    calls: list[int] = []

    def slow_list() -> list[Mapping[str, Any]]:
        calls.append(1)
        started.set()
        release.wait(10)
        return [{"id": "a"}]

    taken: list[Snapshot] = []
    threads = [
        threading.Thread(target=lambda: taken.append(snapshots.take("apps", "r1", slow_list)))
        for _ in range(3)
    ]
    for thread in threads:
        thread.start()
    assert started.wait(10)
    release.set()
    for thread in threads:
        thread.join(10)
    assert len(calls) == 1
    assert len(taken) == 3
    assert all(s is taken[0] for s in taken)


def test_an_unknown_outcome_forgets_the_snapshot_and_the_next_create_lists_again() -> None:
    snapshots = Snapshots()
    lister = Lister({"id": "a"})
    snapshots.take("applications", "r1", lister)
    snapshots.forget("applications", "r1")
    assert snapshots.known("applications", "r1") is None
    lister.objects.append({"id": "b"})
    assert snapshots.take("applications", "r1", lister).ids() == frozenset({"a", "b"})
    assert lister.calls == 2


def test_forgetting_a_realm_this_process_created_drops_its_empty_start() -> None:
    snapshots = Snapshots()
    snapshots.realm_created("r1")
    snapshots.forget("applications", "r1")
    # An object may now exist that nobody recorded: the realm is listed, not assumed empty.
    assert snapshots.known("applications", "r1") is None
    lister = Lister({"id": "lost"})
    assert snapshots.take("applications", "r1", lister).ids() == frozenset({"lost"})
    assert lister.calls == 1
