// Package kb holds Marsad's knowledge base as plain text files (see
// FORMAT.md) and embeds them into the binary. The files are the source of
// truth: edit them, run `marsad kb lint`, rebuild.
package kb

import "embed"

// FS is the shipped knowledge base: every *.tsv file of this directory.
//
//go:embed *.tsv
var FS embed.FS
