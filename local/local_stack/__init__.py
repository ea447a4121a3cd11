"""The offline local stack: the Beyond Identity emulator and moto on loopback, in the background.

``python -m local_stack start|stop|status|env|reset`` (see ``local/README.md``). Everything it
writes lives in one state directory (``<checkout>/.pulumi-state``, git-ignored).
"""

from ._layout import PASSPHRASE, Layout
from ._plugin import AWS_PLUGIN_VERSION, install_standin
from ._services import ServiceError

__all__ = ["AWS_PLUGIN_VERSION", "PASSPHRASE", "Layout", "ServiceError", "install_standin"]
