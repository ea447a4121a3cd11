"""The plugin's entry point: the Python language host runs ``python <this folder> <engine>``."""

from beyondidentity_cognito_plugin import serve

serve()
