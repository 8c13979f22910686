package kb_test

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"testing/fstest"

	"github.com/marsad/marsad/internal/kb"
	kbfiles "github.com/marsad/marsad/kb"
)

// TestLoadNotAKB: a directory that does not exist, or holds no *.tsv file,
// is an error, not an empty knowledge base.
func TestLoadNotAKB(t *testing.T) {
	k, err := kb.Load(os.DirFS(filepath.Join(t.TempDir(), "nonexistent")))
	if k != nil || !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("Load(missing dir) = %v, %v; want nil, fs.ErrNotExist", k, err)
	}
	k, err = kb.Load(fstest.MapFS{"README.md": {Data: []byte("hello")}})
	if k != nil || !errors.Is(err, kb.ErrNoFiles) {
		t.Errorf("Load(no tsv) = %v, %v; want nil, ErrNoFiles", k, err)
	}
}

// TestMissing: every required table missing from a knowledge base is named,
// and Lint reports it as an error; the shipped one and miniKB miss none.
func TestMissing(t *testing.T) {
	shipped, err := kb.Load(kbfiles.FS)
	if err != nil {
		t.Fatal(err)
	}
	if m := shipped.Missing(); len(m) != 0 {
		t.Errorf("shipped KB misses %v", m)
	}
	fsys, _ := withLine("grammar.tsv", "# nothing")
	delete(fsys, "triggers.tsv")
	delete(fsys, "countries.tsv")
	k, err := kb.Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := k.Missing(), []string{"countries.tsv", "triggers.tsv"}; !slices.Equal(got, want) {
		t.Errorf("Missing() = %v, want %v", got, want)
	}
	var files []string
	for _, p := range kb.Lint(k) {
		if p.Severity == kb.SevError && p.Pos.Line == 0 {
			files = append(files, p.Pos.File)
		}
	}
	if !slices.Contains(files, "countries.tsv") || !slices.Contains(files, "triggers.tsv") {
		t.Errorf("Lint does not report the missing tables: %v", files)
	}
}
