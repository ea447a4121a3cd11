// Package sdkgen is a language host that only generates SDKs: the part of the LanguageRuntime gRPC
// service behind `pulumi package gen-sdk <plugin> --language <lang>`.
//
// Why: the CLI does not generate SDKs itself; it asks the language's host (GeneratePackage). The
// upstream Node.js and Go hosts live in Go modules of their own that the Go module proxy reachable
// here does not serve (engine/README.md), so they cannot be built from modules. Their code
// generators are library packages of github.com/pulumi/pulumi/pkg/v3 (codegen/nodejs, codegen/go),
// which is served: this host binds the schema the CLI sends and hands it to the language's
// generator. Running programs (Run) and everything else answers Unimplemented, with a message
// saying why.
package sdkgen

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"

	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource/plugin"
	"github.com/pulumi/pulumi/sdk/v3/go/common/util/cmdutil"
	"github.com/pulumi/pulumi/sdk/v3/go/common/util/logging"
	"github.com/pulumi/pulumi/sdk/v3/go/common/util/rpcutil"
	"github.com/pulumi/pulumi/sdk/v3/go/common/version"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/types/known/emptypb"
)

// Generator writes the SDK files of a bound package: file name (slash-separated, relative to the
// output directory) to content.
type Generator func(
	pkg *schema.Package, req *pulumirpc.GeneratePackageRequest, loader schema.ReferenceLoader,
) (map[string][]byte, error)

// Serve runs the host for `language` until the engine closes it: it prints the port it listens on
// (the engine reads it from the first line of output), as every Pulumi plugin does.
func Serve(language string, generate Generator) {
	name := "pulumi-language-" + language
	logging.InitLogging(false, 0, false)
	host := &host{language: language, name: name, generate: generate}
	handle, err := rpcutil.ServeWithOptions(rpcutil.ServeOptions{
		Init: func(srv *grpc.Server) error {
			pulumirpc.RegisterLanguageRuntimeServer(srv, host)
			return nil
		},
	})
	if err != nil {
		cmdutil.Exit(fmt.Errorf("could not start the %s gRPC server: %w", name, err))
	}
	fmt.Printf("%d\n", handle.Port)
	if err := <-handle.Done; err != nil {
		cmdutil.Exit(fmt.Errorf("%s gRPC server stopped: %w", name, err))
	}
}

type host struct {
	pulumirpc.UnimplementedLanguageRuntimeServer

	language string
	name     string
	generate Generator
}

func (h *host) Handshake(
	context.Context, *pulumirpc.LanguageHandshakeRequest,
) (*pulumirpc.LanguageHandshakeResponse, error) {
	return &pulumirpc.LanguageHandshakeResponse{}, nil
}

func (h *host) GetPluginInfo(context.Context, *emptypb.Empty) (*pulumirpc.PluginInfo, error) {
	return &pulumirpc.PluginInfo{Version: version.Version}, nil
}

// Run refuses with the reason, so `pulumi up` of a program in this language says why it stops.
func (h *host) Run(context.Context, *pulumirpc.RunRequest) (*pulumirpc.RunResponse, error) {
	return nil, status.Errorf(codes.Unimplemented,
		"%s here only generates SDKs (pulumi package gen-sdk): the upstream %s host is not served "+
			"by the Go module proxy, so programs in %s cannot run on this engine (see engine/README.md)",
		h.name, h.language, h.language)
}

// GeneratePackage binds the schema (resolving references through the CLI's schema loader) and
// writes the generator's files under req.Directory.
func (h *host) GeneratePackage(
	_ context.Context, req *pulumirpc.GeneratePackageRequest,
) (*pulumirpc.GeneratePackageResponse, error) {
	loader, err := schema.NewLoaderClient(req.GetLoaderTarget())
	if err != nil {
		return nil, fmt.Errorf("connecting to the CLI's schema loader: %w", err)
	}
	defer loader.Close()

	var spec schema.PackageSpec
	if err := json.Unmarshal([]byte(req.GetSchema()), &spec); err != nil {
		return nil, fmt.Errorf("reading the package schema: %w", err)
	}
	pkg, diags, err := schema.BindSpec(spec, loader, schema.ValidationOptions{})
	if err != nil {
		return nil, err
	}
	response := &pulumirpc.GeneratePackageResponse{
		Diagnostics: plugin.HclDiagnosticsToRPCDiagnostics(diags),
	}
	if diags.HasErrors() {
		return response, nil
	}

	files, err := h.generate(pkg, req, loader)
	if err != nil {
		return nil, fmt.Errorf("generating the %s SDK of %s: %w", h.language, pkg.Name, err)
	}
	for name, content := range files {
		target := filepath.Join(req.GetDirectory(), filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
			return nil, err
		}
		if err := os.WriteFile(target, content, 0o600); err != nil {
			return nil, err
		}
	}
	return response, nil
}
