// Command pulumi-language-nodejs is this project's SDK-generating Node.js language host: it serves
// `pulumi package gen-sdk --language nodejs` with the upstream generator (pkg/v3 codegen/nodejs)
// and cannot run programs; see engine/internal/sdkgen for why.
package main

import (
	"github.com/pulumi/pulumi/pkg/v3/codegen/nodejs"
	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"

	"beyondidentity-cognito/engine/internal/sdkgen"
)

func main() {
	sdkgen.Serve("nodejs", func(
		pkg *schema.Package, req *pulumirpc.GeneratePackageRequest, loader schema.ReferenceLoader,
	) (map[string][]byte, error) {
		return nodejs.GeneratePackage("pulumi-language-nodejs", pkg, req.GetExtraFiles(),
			req.GetLocalDependencies(), req.GetLocal(), loader)
	})
}
