"""Entry point of the ``poolkit`` test package: serves its component over gRPC to the engine."""

from poolkit_component import Pool
from pulumi.provider.experimental import component_provider_host

if __name__ == "__main__":
    component_provider_host(name="poolkit", components=[Pool])
