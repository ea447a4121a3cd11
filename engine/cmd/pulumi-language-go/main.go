// Command pulumi-language-go is this project's SDK-generating Go language host: it serves
// `pulumi package gen-sdk --language go` with the upstream generator (pkg/v3 codegen/go) and
// cannot run programs; see engine/internal/sdkgen for why.
package main

import (
	gogen "github.com/pulumi/pulumi/pkg/v3/codegen/go"
	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"

	"beyondidentity-cognito/engine/internal/sdkgen"
)

func main() {
	sdkgen.Serve("go", func(
		pkg *schema.Package, req *pulumirpc.GeneratePackageRequest, _ schema.ReferenceLoader,
	) (map[string][]byte, error) {
		return gogen.GeneratePackage("pulumi-language-go", pkg, req.GetLocalDependencies())
	})
}
