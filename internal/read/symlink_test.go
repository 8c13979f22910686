package read

import (
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestSymlinks: inside a directory, a link to a file is read and a link to
// a directory is walked; a directory given as a link is walked; a link
// loop and a broken link are reported by name and the rest is read.
func TestSymlinks(t *testing.T) {
	base := t.TempDir()
	write := func(p string) {
		t.Helper()
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("زار الرئيس دمشق."), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	link := func(target, p string) {
		t.Helper()
		if err := os.Symlink(target, p); err != nil {
			t.Skip("no symbolic links:", err)
		}
	}
	corpus := filepath.Join(base, "corpus")
	write(filepath.Join(corpus, "a.txt"))
	write(filepath.Join(corpus, "sub", "b.txt"))
	write(filepath.Join(base, "elsewhere", "c.txt"))
	write(filepath.Join(base, "outside.txt"))
	link(filepath.Join(base, "outside.txt"), filepath.Join(corpus, "linked.txt"))
	link(filepath.Join(base, "elsewhere"), filepath.Join(corpus, "other"))
	link(corpus, filepath.Join(corpus, "sub", "loop"))                // a loop back to the top
	link(filepath.Join(base, "nothing"), filepath.Join(corpus, "zz")) // broken
	dirLink := filepath.Join(base, "corpus-link")
	link(corpus, dirLink)

	for _, top := range []string{corpus, dirLink} {
		r := Open(context.Background(), []string{top}, Options{})
		var names, bad []string
		var errs []error
		for {
			doc, err := r.Next()
			if err == io.EOF {
				break
			}
			var de *DocError
			if errors.As(err, &de) {
				bad = append(bad, strings.TrimPrefix(de.URI, top+string(filepath.Separator)))
				errs = append(errs, de.Err)
				continue
			}
			if err != nil {
				t.Fatal(err)
			}
			names = append(names, doc.Name)
		}
		if want := []string{"a.txt", "linked.txt", "other/c.txt", "sub/b.txt"}; !slices.Equal(names, want) {
			t.Errorf("%s: read %q, want %q", top, names, want)
		}
		if want := []string{filepath.Join("sub", "loop"), "zz"}; !slices.Equal(bad, want) {
			t.Errorf("%s: reported %q, want %q", top, bad, want)
		}
		if len(errs) == 2 && (!errors.Is(errs[0], ErrLinkLoop) || !strings.Contains(errs[1].Error(), "broken symbolic link")) {
			t.Errorf("%s: reasons %v", top, errs)
		}
	}
}
