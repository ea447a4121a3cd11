"""Entry point run by ``bin/pulumi-resource-aws``: serve the provider to the Pulumi engine."""

from ._provider import main

if __name__ == "__main__":
    main()
