// An application's own Pulumi program, in Go, reusing CognitoFederation through the SDK generated
// from the beyondidentity plugin package (see README.md).
package main

import (
	"example.com/pulumi-beyondidentity/sdk/go/beyondidentity"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/config"
)

func main() {
	pulumi.Run(func(ctx *pulumi.Context) error {
		cfg := config.New(ctx, "")
		login, err := beyondidentity.NewCognitoFederation(ctx, "login", &beyondidentity.CognitoFederationArgs{
			DomainPrefix:      pulumi.String(cfg.Require("domainPrefix")),
			CallbackUrls:      pulumi.StringArray{pulumi.String(cfg.Require("callbackUrl"))},
			Pkce:              pulumi.String("s256"),
			TokenExpiresAfter: pulumi.Int(86400),
			ProtectUserPool:   pulumi.Bool(true),
		})
		if err != nil {
			return err
		}
		ctx.Export("hostedUiUrl", login.HostedUiUrl)
		ctx.Export("userPoolId", login.UserPoolId)
		ctx.Export("realmId", login.RealmId)
		return nil
	})
}
