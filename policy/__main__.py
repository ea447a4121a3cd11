"""Entry point of the policy pack: the engine runs this folder with Python and the pack serves
the analyzer protocol (see PulumiPolicy.yaml)."""

from beyondidentity_cognito_policy import serve

serve()
