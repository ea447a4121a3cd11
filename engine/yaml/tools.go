//go:build tools

// Package tools pins the upstream YAML language host, built as a module of its own at the
// versions pulumi-yaml itself requires (see ../README.md, "YAML language host").
package tools

import (
	_ "github.com/pulumi/pulumi-yaml/cmd/pulumi-language-yaml"
)
