// An application's own Pulumi program, in TypeScript, reusing CognitoFederation through the
// SDK generated from the beyondidentity plugin package (see README.md).
import * as pulumi from "@pulumi/pulumi";
import * as beyondidentity from "@pulumi/beyondidentity";

const config = new pulumi.Config();

const login = new beyondidentity.CognitoFederation("login", {
    domainPrefix: config.require("domainPrefix"),
    callbackUrls: [config.require("callbackUrl")],
    pkce: "s256",
    tokenExpiresAfter: config.getNumber("tokenExpiresAfter") ?? 86400,
    protectUserPool: config.getBoolean("protectUserPool") ?? true,
});

export const hostedUiUrl: pulumi.Output<string> = login.hostedUiUrl;
export const authorizeUrl = login.authorizeUrl;
export const userPoolId = login.userPoolId;
export const userPoolClientId = login.userPoolClientId;
export const realmId = login.realmId;
