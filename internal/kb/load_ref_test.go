package kb

import (
	"bufio"
	"errors"
	"fmt"
	"io/fs"
	"math"
	"path"
	"reflect"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	kbfiles "github.com/marsad/marsad/kb"
)

// refLoad reads a knowledge base line by line with bufio.Scanner and
// strings.Split, the way Load must behave.
func refLoad(fsys fs.FS) (*KB, error) {
	k := &KB{Goldstein: map[string]float64{}, Events: map[string]string{}}
	ld := &loader{KB: k}
	var errs []error
	names, err := fs.Glob(fsys, "*.tsv")
	if err != nil {
		return nil, err
	}
	sort.Strings(names)
	for _, name := range names {
		parse, _ := ld.parserOf(name)
		if parse == nil {
			continue
		}
		f, err := fsys.Open(name)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		sc := bufio.NewScanner(f)
		sc.Buffer(make([]byte, 64*1024), 1<<20)
		for line := 1; sc.Scan(); line++ {
			s := strings.TrimRight(sc.Text(), "\r")
			if s == "" || strings.HasPrefix(s, "#") || strings.TrimSpace(s) == "" {
				continue
			}
			p := Pos{File: path.Base(name), Line: line}
			if err := parse(strings.Split(s, "\t"), p); err != nil {
				errs = append(errs, fmt.Errorf("%s: %w", p, err))
			}
		}
		f.Close()
	}
	return k, errors.Join(errs...)
}

// refList is the plain |-separated list split.
func refList(s string) []string {
	if s == "" {
		return nil
	}
	var out []string
	for _, x := range strings.Split(s, "|") {
		if x = strings.TrimSpace(x); x != "" {
			out = append(out, x)
		}
	}
	return out
}

// sameKB compares two knowledge bases, treating nil and empty slices alike.
func sameKB(t *testing.T, got, want *KB) {
	t.Helper()
	norm := func(k *KB) KB {
		c := *k
		for _, s := range []any{&c.Actors, &c.Places, &c.Given} {
			switch v := s.(type) {
			case *[]Actor:
				if len(*v) == 0 {
					*v = nil
				}
			case *[]Place:
				if len(*v) == 0 {
					*v = nil
				}
			case *[]string:
				if len(*v) == 0 {
					*v = nil
				}
			}
		}
		return c
	}
	if g, w := norm(got), norm(want); !reflect.DeepEqual(g, w) {
		t.Fatalf("knowledge bases differ:\n got %+v\nwant %+v", g, w)
	}
}

func TestLoadAgreesWithReference(t *testing.T) {
	got, err := Load(kbfiles.FS)
	want, werr := refLoad(kbfiles.FS)
	if fmt.Sprint(err) != fmt.Sprint(werr) {
		t.Fatalf("errors differ: %v / %v", err, werr)
	}
	sameKB(t, got, want)
}

func FuzzLoad(f *testing.F) {
	f.Add("دمشق\tSYR\t33.5\t36.3\tcity\tx\n#c\n\n", "زار|يزور \t\t\t042\tCONSULT\n", "الجيش\tSYR\tMIL\tORG\t2001\t2010-05\tx\tarmy\r\n")
	f.Add(" \u00a0حلب |\tSYR\t1\t2\n\tXX\n", "Q\tx", "a\tSYR\t\t\t2012-13\n")
	f.Fuzz(func(t *testing.T, places, triggers, actors string) {
		fsys := fstest.MapFS{
			"places.tsv":   {Data: []byte(places)},
			"triggers.tsv": {Data: []byte(triggers)},
			"actors.tsv":   {Data: []byte(actors)},
		}
		got, err := Load(fsys)
		want, werr := refLoad(fsys)
		if fmt.Sprint(err) != fmt.Sprint(werr) {
			t.Fatalf("errors differ: %v / %v", err, werr)
		}
		sameKB(t, got, want)
	})
}

func FuzzTrimAndList(f *testing.F) {
	for _, s := range []string{" a | b ||", "\u00a0دمشق\u2000", "حلب", "\xd8", "x\xd8\xa7", "|"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if g, w := trimSpace(s), strings.TrimSpace(s); g != w {
			t.Fatalf("trimSpace(%q) = %q, want %q", s, g, w)
		}
		var ld loader
		if g, w := ld.list(s), refList(s); !slices.Equal(g, w) {
			t.Fatalf("list(%q) = %q, want %q", s, g, w)
		}
	})
}

func FuzzParseFloat(f *testing.F) {
	for _, s := range []string{"33.5138", "-76", "+0.5", "-0", ".5", "5.", ".", "1e5", "123456789012345.6", "0x1p-2", "1_0", "inf", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, gerr := parseFloat(s)
		want, werr := strconv.ParseFloat(s, 64)
		if (gerr == nil) != (werr == nil) || math.Float64bits(got) != math.Float64bits(want) {
			t.Fatalf("parseFloat(%q) = %v, %v; want %v, %v", s, got, gerr, want, werr)
		}
	})
}
