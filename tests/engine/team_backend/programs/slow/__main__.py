"""Backend test program: a few dynamic resources whose create takes a while, so an update holds
the stack's lock long enough for a second one to meet it. No external service."""

import time
from typing import Any

import pulumi
from pulumi.dynamic import CreateResult, Resource, ResourceProvider


class SlowProvider(ResourceProvider):
    """Creates nothing anywhere; just takes ``seconds`` to do it."""

    def create(self, props: dict[str, Any]) -> CreateResult:
        time.sleep(float(props["seconds"]))
        return CreateResult(id_=str(props["label"]), outs=props)


class Step(Resource, module="teamtest", name="Step"):
    """One slow resource."""

    def __init__(self, name: str, seconds: float) -> None:
        super().__init__(SlowProvider(), name, {"seconds": seconds, "label": name})


config = pulumi.Config()
count = config.get_int("count") or 3
seconds = config.get_float("seconds") or 0.5
steps = [Step(f"step-{i}", seconds) for i in range(count)]
pulumi.export("labels", [s.id for s in steps])
