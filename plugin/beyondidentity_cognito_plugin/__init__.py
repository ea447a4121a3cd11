"""``CognitoFederation`` for every Pulumi language: the component provider of ``plugin/``.

``plugin/__main__.py`` runs :func:`serve`; the engine starts it through the Python language
host (``PulumiPlugin.yaml``) when a program of another language uses the ``beyondidentity``
package (``pulumi package add``, or ``packages:`` in a YAML program). The schema
(:func:`package_schema`) and the checks are the component's own; nothing is declared twice.
"""

from ._provider import CognitoFederationProvider, serve
from ._schema import PACKAGE, PYTHON_SDK_PACKAGE, package_schema, schema_json

__all__ = [
    "PACKAGE",
    "PYTHON_SDK_PACKAGE",
    "CognitoFederationProvider",
    "package_schema",
    "schema_json",
    "serve",
]
