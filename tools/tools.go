//go:build tools

// Package tools pins the Go tools used to build this repository's
// documentation. It lives in its own module so that their dependencies
// never reach the provider's go.mod; the build tag keeps it out of every
// ordinary build.
package tools

import (
	// tfplugindocs renders docs/ from templates/, examples/ and the schema.
	_ "github.com/hashicorp/terraform-plugin-docs/cmd/tfplugindocs"
)
