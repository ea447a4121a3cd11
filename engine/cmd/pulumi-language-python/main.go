// Command pulumi-language-python is this project's own Python language host for the Pulumi engine.
//
// Why our own: the upstream host lives in its own Go module
// (github.com/pulumi/pulumi/sdk/python/cmd/pulumi-language-python/v3), which the Go module proxy
// reachable here does not serve, so it cannot be built from modules. This host implements the part
// of the LanguageRuntime gRPC service that the engine needs to run a local Python program
// (`pulumi up/preview/refresh/destroy` with `runtime: python` in Pulumi.yaml):
//
//   - Handshake, GetPluginInfo;
//   - GetRequiredPackages / GetRequiredPlugins: the resource plugins announced by installed Python
//     packages through a top-level `<package>/pulumi-plugin.json` file (e.g. pulumi_aws);
//   - Run: starts `python -u pulumi-language-python-exec <flags> <program>` (the executor script
//     sitting next to this binary) with the interpreter chosen from the project's runtime options
//     (`virtualenv`, `toolchain`) by the SDK's own python/toolchain package, or PULUMI_PYTHON_CMD /
//     python3 when no virtualenv is configured;
//   - RunPlugin: runs a plugin directory's `__main__.py` (`python -u <dir> <args>`) with the
//     interpreter chosen the same way from the plugin's runtime options. The engine (>= 3.1xx) runs
//     local Python policy packs (`pulumi preview --policy-pack DIR`, PulumiPolicy.yaml) this way
//     whenever a python language host is installed; the pack prints its gRPC port on stdout, which
//     we stream back.
//   - InstallDependencies: makes a missing virtualenv and installs requirements.txt into it (the
//     engine asks before it runs a local source plugin, e.g. `plugin/`); a valid one is kept.
//
// Everything else (About, code generation, ...) answers Unimplemented; the
// engine treats that as "not supported by this language host".
//
// Protocol (as with every Pulumi plugin): the engine starts us with optional logging/tracing flags
// and the engine's gRPC address as the last argument; we print the port we listen on, then serve.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"

	"github.com/pulumi/pulumi/sdk/v3/go/common/util/cmdutil"
	"github.com/pulumi/pulumi/sdk/v3/go/common/util/logging"
	"github.com/pulumi/pulumi/sdk/v3/go/common/util/rpcutil"
	"github.com/pulumi/pulumi/sdk/v3/go/common/version"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"github.com/pulumi/pulumi/sdk/v3/python/toolchain"
	"google.golang.org/grpc"
	"google.golang.org/protobuf/types/known/emptypb"
)

const (
	// executorName is the program executor looked up in this binary's own directory.
	executorName = "pulumi-language-python-exec"
	// bailExitCode is the executor's exit code for "an error was already shown to the user":
	// the engine then stops without printing a second, generic error.
	bailExitCode = 32
)

func main() {
	var tracing, givenExecutor, root string
	flag.StringVar(&tracing, "tracing", "", "Emit tracing to a Zipkin-compatible tracing endpoint")
	flag.StringVar(&givenExecutor, "use-executor", "",
		"Use the given program as the executor instead of "+executorName+" next to this binary")
	// Accepted for command-line compatibility with the upstream host; the root directory now
	// arrives with every request (ProgramInfo).
	flag.StringVar(&root, "root", "", "Project root path (unused)")
	// Older engines and plugin hosts (e.g. the YAML language host's, built on an older SDK)
	// pass the runtime options as flags too; a request's own options take precedence.
	for _, option := range []string{"virtualenv", "toolchain", "typechecker"} {
		flagOptions[option] = flag.String(option, "", "Runtime option "+option+" (when a request has none)")
	}
	flag.Parse()
	logging.InitLogging(false, 0, false)
	cmdutil.InitTracing("pulumi-language-python", "pulumi-language-python", tracing)

	executor, err := findExecutor(givenExecutor)
	if err != nil {
		cmdutil.Exit(err)
	}

	host := &pythonHost{executor: executor, tracing: tracing}
	if flag.NArg() > 0 {
		host.engineAddress = flag.Arg(0)
	}

	handle, err := rpcutil.ServeWithOptions(rpcutil.ServeOptions{
		Init: func(srv *grpc.Server) error {
			pulumirpc.RegisterLanguageRuntimeServer(srv, host)
			return nil
		},
		Options: rpcutil.TracingServerInterceptorOptions(nil),
	})
	if err != nil {
		cmdutil.Exit(fmt.Errorf("could not start the language host gRPC server: %w", err))
	}

	// The engine reads the port from our first line of output.
	fmt.Printf("%d\n", handle.Port)

	if err := <-handle.Done; err != nil {
		cmdutil.Exit(fmt.Errorf("language host gRPC server stopped: %w", err))
	}
}

// findExecutor returns the executor script: the -use-executor flag, else the file next to this
// binary (symlinks resolved), like the upstream host (it does not search PATH).
func findExecutor(given string) (string, error) {
	if given != "" {
		return given, nil
	}
	self, err := os.Executable()
	if err != nil {
		return "", fmt.Errorf("could not determine the language host's own path: %w", err)
	}
	if resolved, err := filepath.EvalSymlinks(self); err == nil {
		self = resolved
	}
	candidate := filepath.Join(filepath.Dir(self), executorName)
	if _, err := os.Stat(candidate); err != nil {
		return "", fmt.Errorf("missing program executor %s: %w", candidate, err)
	}
	return candidate, nil
}

type pythonHost struct {
	pulumirpc.UnimplementedLanguageRuntimeServer

	executor string
	tracing  string

	mu            sync.Mutex
	engineAddress string
}

func (h *pythonHost) Handshake(
	_ context.Context, req *pulumirpc.LanguageHandshakeRequest,
) (*pulumirpc.LanguageHandshakeResponse, error) {
	if req.GetEngineAddress() != "" {
		h.mu.Lock()
		h.engineAddress = req.GetEngineAddress()
		h.mu.Unlock()
	}
	return &pulumirpc.LanguageHandshakeResponse{}, nil
}

func (h *pythonHost) GetPluginInfo(context.Context, *emptypb.Empty) (*pulumirpc.PluginInfo, error) {
	return &pulumirpc.PluginInfo{Version: version.Version}, nil
}

// resolveToolchain maps the project's runtime options onto the SDK's Python toolchain.
// flagOptions are the runtime options given on the command line (see main).
var flagOptions = map[string]*string{}

func resolveToolchain(info *pulumirpc.ProgramInfo) (toolchain.Toolchain, error) {
	opts := toolchain.PythonOptions{
		Root:       info.GetRootDirectory(),
		ProgramDir: info.GetProgramDirectory(),
		Toolchain:  toolchain.Pip,
	}
	if opts.ProgramDir == "" {
		opts.ProgramDir = opts.Root
	}
	options := info.GetOptions().AsMap()
	for option, value := range flagOptions {
		if _, given := options[option]; !given && *value != "" {
			options[option] = *value
		}
	}
	if venv, ok := options["virtualenv"].(string); ok {
		opts.Virtualenv = venv
	}
	switch tc, _ := options["toolchain"].(string); tc {
	case "", "pip":
		if opts.Virtualenv == "" {
			// Like upstream: detect uv/poetry from their lock files when nothing is configured.
			opts.Toolchain = toolchain.Auto
		}
	case "uv":
		opts.Toolchain = toolchain.Uv
	case "poetry":
		opts.Toolchain = toolchain.Poetry
	default:
		return nil, fmt.Errorf("unsupported Python toolchain %q in Pulumi.yaml runtime options", tc)
	}
	return toolchain.ResolveToolchain(opts)
}

// pythonCommand builds `python <args>` for the program's toolchain; a validation error of the
// configured virtualenv is returned as is (it tells the user how to create it).
func pythonCommand(ctx context.Context, info *pulumirpc.ProgramInfo, args ...string) (*exec.Cmd, error) {
	tc, err := resolveToolchain(info)
	if err != nil {
		return nil, err
	}
	if err := tc.ValidateVenv(ctx); err != nil {
		return nil, err
	}
	cmd, err := tc.Command(ctx, args...)
	if err != nil {
		return nil, err
	}
	if cmd.Env == nil {
		cmd.Env = os.Environ()
	}
	return cmd, nil
}

// listPluginsScript prints, as JSON, the `pulumi-plugin.json` files of the top-level packages
// importable by the program's interpreter (one level below each sys.path entry).
const listPluginsScript = `
import glob, json, os, sys
seen, found = set(), []
for entry in sys.path:
    if not entry or not os.path.isdir(entry):
        continue
    for path in sorted(glob.glob(os.path.join(entry, "*", "pulumi-plugin.json"))):
        package = os.path.basename(os.path.dirname(path))
        if package in seen:
            continue
        seen.add(package)
        try:
            with open(path, encoding="utf-8") as f:
                data = json.load(f)
        except (OSError, ValueError):
            continue
        if isinstance(data, dict):
            data["_package"] = package
            found.append(data)
json.dump(found, sys.stdout)
`

type pluginJSON struct {
	Resource         bool   `json:"resource"`
	Name             string `json:"name"`
	Version          string `json:"version"`
	Server           string `json:"server"`
	Package          string `json:"_package"`
	Parameterization *struct {
		Name    string `json:"name"`
		Version string `json:"version"`
		Value   []byte `json:"value"` // base64 in the file, like upstream
	} `json:"parameterization"`
}

func (h *pythonHost) GetRequiredPackages(
	ctx context.Context, req *pulumirpc.GetRequiredPackagesRequest,
) (*pulumirpc.GetRequiredPackagesResponse, error) {
	cmd, err := pythonCommand(ctx, req.GetInfo(), "-c", listPluginsScript)
	if err != nil {
		return nil, err
	}
	cmd.Dir = req.GetInfo().GetProgramDirectory()
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("listing installed Pulumi packages failed: %w: %s", err, stderr.String())
	}
	var plugins []pluginJSON
	if err := json.Unmarshal(out, &plugins); err != nil {
		return nil, fmt.Errorf("parsing the list of installed Pulumi packages: %w", err)
	}
	resp := &pulumirpc.GetRequiredPackagesResponse{}
	for _, p := range plugins {
		if !p.Resource {
			continue
		}
		name := p.Name
		if name == "" {
			name = strings.TrimPrefix(p.Package, "pulumi_")
		}
		if p.Version == "" {
			// Without an exact plugin version the engine could not pick one; skip like upstream.
			logging.V(5).Infof("GetRequiredPackages: no plugin version for package %s", p.Package)
			continue
		}
		dep := &pulumirpc.PackageDependency{
			Kind:    "resource",
			Name:    name,
			Version: "v" + strings.TrimPrefix(p.Version, "v"),
			Server:  p.Server,
		}
		if pz := p.Parameterization; pz != nil {
			dep.Parameterization = &pulumirpc.PackageParameterization{
				Name: pz.Name, Version: pz.Version, Value: pz.Value,
			}
		}
		resp.Packages = append(resp.Packages, dep)
	}
	return resp, nil
}

func (h *pythonHost) GetRequiredPlugins(
	ctx context.Context, req *pulumirpc.GetRequiredPluginsRequest,
) (*pulumirpc.GetRequiredPluginsResponse, error) {
	pkgs, err := h.GetRequiredPackages(ctx, &pulumirpc.GetRequiredPackagesRequest{Info: req.GetInfo()})
	if err != nil {
		return nil, err
	}
	resp := &pulumirpc.GetRequiredPluginsResponse{}
	for _, p := range pkgs.GetPackages() {
		if p.GetParameterization() != nil {
			continue // not expressible as a plain plugin dependency
		}
		resp.Plugins = append(resp.Plugins, &pulumirpc.PluginDependency{
			Name: p.GetName(), Kind: p.GetKind(), Version: p.GetVersion(), Server: p.GetServer(),
		})
	}
	return resp, nil
}

// Run executes the program once (one preview or update) and reports how it ended.
func (h *pythonHost) Run(ctx context.Context, req *pulumirpc.RunRequest) (*pulumirpc.RunResponse, error) {
	info := req.GetInfo()
	if info == nil {
		// Very old engines send only pwd/program.
		info = &pulumirpc.ProgramInfo{RootDirectory: req.GetPwd(), ProgramDirectory: req.GetPwd()}
	}

	h.mu.Lock()
	engineAddress := h.engineAddress
	h.mu.Unlock()

	program := info.GetEntryPoint()
	if program == "" {
		program = req.GetProgram() //nolint:staticcheck // fallback for engines without ProgramInfo
	}
	if program == "" {
		program = "."
	}
	if !filepath.IsAbs(program) && info.GetProgramDirectory() != "" {
		program = filepath.Join(info.GetProgramDirectory(), program)
	}
	pwd := req.GetPwd()
	if pwd == "" {
		pwd = info.GetProgramDirectory()
	}

	// The executor's command line (the same flags the upstream executor understands).
	args := []string{"-u", h.executor}
	flagArg := func(name, value string) {
		if value != "" {
			args = append(args, "--"+name, value)
		}
	}
	flagArg("monitor", req.GetMonitorAddress())
	flagArg("engine", engineAddress)
	flagArg("project", req.GetProject())
	flagArg("stack", req.GetStack())
	flagArg("pwd", pwd)
	flagArg("dry_run", strconv.FormatBool(req.GetDryRun()))
	flagArg("parallel", strconv.Itoa(int(req.GetParallel())))
	flagArg("tracing", h.tracing)
	flagArg("organization", req.GetOrganization())
	flagArg("root_directory", info.GetRootDirectory())
	args = append(args, program)
	args = append(args, req.GetArgs()...)

	cmd, err := pythonCommand(ctx, info, args...)
	if err != nil {
		return &pulumirpc.RunResponse{Error: err.Error()}, nil
	}
	// Marshal empty, not nil, collections: the SDK expects a JSON object and array.
	configMap := req.GetConfig()
	if configMap == nil {
		configMap = map[string]string{}
	}
	secretKeyList := req.GetConfigSecretKeys()
	if secretKeyList == nil {
		secretKeyList = []string{}
	}
	config, err := json.Marshal(configMap)
	if err != nil {
		return nil, fmt.Errorf("serializing the stack configuration: %w", err)
	}
	secretKeys, err := json.Marshal(secretKeyList)
	if err != nil {
		return nil, fmt.Errorf("serializing the secret configuration keys: %w", err)
	}
	// The Python SDK reads the configuration from these variables (pulumi.runtime.get_config_env).
	cmd.Env = append(cmd.Env, "PULUMI_CONFIG="+string(config), "PULUMI_CONFIG_SECRET_KEYS="+string(secretKeys))
	cmd.Dir = pwd
	// Our stdout/stderr are forwarded by the engine to the user.
	cmd.Stdout = os.Stdout
	cmd.Stderr = os.Stderr
	logging.V(5).Infof("language host launching: %s %s", cmd.Path, strings.Join(args, " "))

	if err := cmd.Run(); err != nil {
		var exitErr *exec.ExitError
		if errors.As(err, &exitErr) {
			if exitErr.ExitCode() == bailExitCode {
				return &pulumirpc.RunResponse{Bail: true}, nil
			}
			return &pulumirpc.RunResponse{
				Error: fmt.Sprintf("Program exited with non-zero exit code: %d", exitErr.ExitCode()),
			}, nil
		}
		return &pulumirpc.RunResponse{
			Error: fmt.Sprintf("Problem executing program (could not run language executor): %v", err),
		}, nil
	}
	return &pulumirpc.RunResponse{}, nil
}

// InstallDependencies makes the virtualenv of a program or plugin directory (its runtime
// options) when it is missing, and installs the directory's requirements into it: the engine
// asks for it before it runs a local source plugin (`pulumi package add <dir>`, `package
// gen-sdk`, a YAML program's `packages:`). A virtualenv that is already valid is left as it is:
// nothing is downloaded when it is there (upstream re-runs pip every time).
func (h *pythonHost) InstallDependencies(
	req *pulumirpc.InstallDependenciesRequest, server pulumirpc.LanguageRuntime_InstallDependenciesServer,
) error {
	info := req.GetInfo()
	if info == nil {
		//nolint:staticcheck // old engines send only the directory
		dir := req.GetDirectory()
		info = &pulumirpc.ProgramInfo{RootDirectory: dir, ProgramDirectory: dir}
	}
	tc, err := resolveToolchain(info)
	if err != nil {
		return err
	}
	if tc.ValidateVenv(server.Context()) == nil {
		return nil
	}
	closer, stdout, stderr, err := rpcutil.MakeInstallDependenciesStreams(server, req.GetIsTerminal())
	if err != nil {
		return err
	}
	defer closer.Close()
	dir := info.GetProgramDirectory()
	if dir == "" {
		dir = info.GetRootDirectory()
	}
	return tc.InstallDependencies(server.Context(), dir, req.GetUseLanguageVersionTools(), true, stdout, stderr)
}

// RunPlugin runs a plugin that is a directory of Python code with a `__main__.py` (a policy pack,
// or a PulumiPlugin.yaml plugin written that way) and streams its output to the engine. Python
// packages run through `pulumi.run.plugin` upstream are not supported: they are refused with a
// clear error rather than started half-way.
func (h *pythonHost) RunPlugin(
	req *pulumirpc.RunPluginRequest, server pulumirpc.LanguageRuntime_RunPluginServer,
) error {
	info := req.GetInfo()
	if info == nil || info.GetProgramDirectory() == "" {
		return errors.New("RunPlugin: the engine sent no plugin directory")
	}
	dir := info.GetProgramDirectory()
	if _, err := os.Stat(filepath.Join(dir, "__main__.py")); err != nil {
		return fmt.Errorf("the %s plugin in %s has no __main__.py: this language host runs Python "+
			"plugins and policy packs from a directory with a __main__.py only", req.GetKind(), dir)
	}
	args := append([]string{"-u", dir}, req.GetArgs()...)
	cmd, err := pythonCommand(server.Context(), info, args...)
	if err != nil {
		return err
	}
	closer, stdout, stderr, err := rpcutil.MakeRunPluginStreams(server, false)
	if err != nil {
		return err
	}
	defer closer.Close()
	cmd.Env = append(cmd.Env, req.GetEnv()...)
	cmd.Dir = req.GetPwd()
	if cmd.Dir == "" {
		cmd.Dir = dir
	}
	cmd.Stdout, cmd.Stderr = stdout, stderr
	logging.V(5).Infof("language host running %s plugin: %s %s", req.GetKind(), cmd.Path, strings.Join(args, " "))

	runErr := cmd.Run()
	// Flush what the plugin wrote before telling the engine how it ended.
	if err := closer.Close(); err != nil {
		return err
	}
	if runErr == nil {
		return nil
	}
	var exitErr *exec.ExitError
	if !errors.As(runErr, &exitErr) {
		return fmt.Errorf("could not run the %s plugin in %s: %w", req.GetKind(), dir, runErr)
	}
	code := exitErr.ExitCode()
	if status, ok := exitErr.Sys().(syscall.WaitStatus); ok && status.Signaled() {
		// Killed by the engine when it is done with the plugin: the usual end of an analyzer.
		code = 128 + int(status.Signal())
	}
	return server.Send(&pulumirpc.RunPluginResponse{
		Output: &pulumirpc.RunPluginResponse_Exitcode{Exitcode: int32(code)}, //nolint:gosec // small exit codes
	})
}
