"""The stack: one CognitoFederation configured from the stack settings (see Pulumi.yaml).

Only the settings that are set are passed (``args_from_config``): every default lives in
``CognitoFederationArgs``, and problems are reported under the settings' names.
"""

from __future__ import annotations

import gc

import pulumi

from beyondidentity_cognito import (
    CognitoFederation,
    args_from_config,
    setting_names,
    stack_outputs,
)

federation = CognitoFederation(
    "cognito", args_from_config(pulumi.Config()), argument_names=setting_names()
)

# Every stack output, in camelCase: the component's outputs table (FEDERATION_OUTPUTS).
for key, value in stack_outputs(federation).items():
    pulumi.export(key, value)

# Everything is declared; what is left is waiting for the engine. The objects made so far live
# until the process ends, so the collector need not look at them again: without this, the
# interpreter's exit spends about half a second collecting them (docs/performance.md,
# "A quick start").
gc.freeze()
