// A Go program using the poolkit component through the Go SDK that `pulumi package gen-sdk
// --language go` generates; the language tests `go build` it (the SDK sits at ../sdks/go).
package main

import (
	"example.com/pulumi-poolkit/sdk/go/poolkit"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

func main() {
	pulumi.Run(func(ctx *pulumi.Context) error {
		pool, err := poolkit.NewPool(ctx, "pool", &poolkit.PoolArgs{
			PoolName:    pulumi.String("go-pool"),
			Environment: pulumi.String("dev"),
		})
		if err != nil {
			return err
		}
		ctx.Export("poolId", pool.PoolId)
		ctx.Export("arn", pool.Arn)
		return nil
	})
}
