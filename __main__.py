"""The stack: one CognitoFederation configured from the stack settings (see Pulumi.yaml).

Only the settings that are set are passed (``args_from_config``): every default lives in
``CognitoFederationArgs``, and problems are reported under the settings' names.
"""

from __future__ import annotations

import pulumi

from beyondidentity_cognito import CognitoFederation, args_from_config, setting_names

federation = CognitoFederation(
    "cognito", args_from_config(pulumi.Config()), argument_names=setting_names()
)

pulumi.export("realmId", federation.realm_id)
pulumi.export("applicationId", federation.application_id)
pulumi.export("issuer", federation.issuer)
pulumi.export("beyondIdentityClientId", federation.beyond_identity_client_id)
pulumi.export("region", federation.region)
pulumi.export("userPoolId", federation.user_pool_id)
pulumi.export("userPoolArn", federation.user_pool_arn)
pulumi.export("userPoolIssuer", federation.user_pool_issuer)
pulumi.export("userPoolClientId", federation.user_pool_client_id)
pulumi.export("domain", federation.domain)
pulumi.export("baseUrl", federation.base_url)
pulumi.export("idpRedirectUri", federation.idp_redirect_uri)
pulumi.export("identityProviderName", federation.identity_provider_name)
pulumi.export("hostedUiUrl", federation.hosted_ui_url)
pulumi.export("authorizeUrl", federation.authorize_url)
pulumi.export("tokenUrl", federation.token_url)
pulumi.export("managedLoginVersion", federation.managed_login_version)
pulumi.export("managedLoginBrandingId", federation.managed_login_branding_id)
pulumi.export("customDomainTarget", federation.custom_domain_target)
pulumi.export("customDomainTargetZoneId", federation.custom_domain_target_zone_id)
pulumi.export("dnsRecordFqdn", federation.dns_record_fqdn)
