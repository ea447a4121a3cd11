//go:build tools

// Package tools pins the upstream main package we build, so that `go mod tidy` keeps its
// dependencies in go.mod/go.sum (the file itself is never compiled: a main package cannot be
// imported). Our language host, ./cmd/pulumi-language-python, is part of this module and needs no
// entry here; the upstream one is not served by the Go module proxy (see README.md).
package tools

import (
	_ "github.com/pulumi/pulumi/pkg/v3/cmd/pulumi"
)
