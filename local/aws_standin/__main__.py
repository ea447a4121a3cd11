"""Entry point run by ``bin/pulumi-resource-aws``: serve the provider to the Pulumi engine."""

import os
import sys

from ._provider import main

if __name__ == "__main__":
    main()
    # The engine stops a plugin with SIGINT and waits for it to exit; the interpreter's own
    # teardown (collecting botocore's, grpc's and pulumi's objects) would take longer than the
    # whole serving of a preview. Nothing is left to save: the server has stopped.
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)
