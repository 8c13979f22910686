// Package web holds Marsad's web UI, built from web/ in the repository
// (scripts/build-web.sh) and committed under dist/, so that `go run` needs
// no Node.
package web

import (
	"embed"
	"fmt"
	"io/fs"
)

//go:embed dist
var dist embed.FS

// FS returns the built UI, index.html at its root.
func FS() (fs.FS, error) {
	sub, err := fs.Sub(dist, "dist")
	if err != nil {
		return nil, fmt.Errorf("web UI: %w", err)
	}
	return sub, nil
}
