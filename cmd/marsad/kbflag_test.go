package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestWrongKB: a --kb that is not a whole knowledge base (a directory that
// does not exist, an empty one, one without triggers, one without
// countries) is an error naming it, with a non-zero exit status, for every
// command that reads a knowledge base; a complete one codes.
func TestWrongKB(t *testing.T) {
	base := t.TempDir()
	missing := filepath.Join(base, "nonexistent")
	empty := filepath.Join(base, "empty")
	if err := os.Mkdir(empty, 0o755); err != nil {
		t.Fatal(err)
	}
	noTriggers := filepath.Join(base, "notriggers")
	writeTinyKB(t, noTriggers)
	if err := os.Remove(filepath.Join(noTriggers, "triggers.tsv")); err != nil {
		t.Fatal(err)
	}
	noCountries := filepath.Join(base, "nocountries")
	writeTinyKB(t, noCountries)
	if err := os.Remove(filepath.Join(noCountries, "countries.tsv")); err != nil {
		t.Fatal(err)
	}
	article := writeFile(t, base, "a.txt", []byte(sisiArticle))
	gold := writeFile(t, base, "gold.jsonl", []byte(`{"id":"g","text":"`+sisiSentence+`","events":[]}`+"\n"))
	gsr := writeFile(t, base, "gsr.csv", []byte("id,text,event_type,label\n1,"+sisiSentence+",PROTEST,easy no\n"))
	commands := map[string][]string{
		"kb lint":     {"kb", "lint"},
		"kb lookup":   {"kb", "lookup", "دمشق"},
		"code":        {"code", article},
		"demo":        {"demo", "--no-serve"},
		"eval events": {"eval", "events", "--gold", gold},
		"eval gsr":    {"eval", "gsr", "--gold", gsr},
		"explain":     {"explain", sisiSentence},
	}
	for _, kb := range []struct {
		name, dir, want string
	}{
		{"missing", missing, "no such file"},
		{"empty", empty, "no knowledge-base files"},
		{"no triggers", noTriggers, "triggers.tsv"},
		{"no countries", noCountries, "countries.tsv"},
	} {
		for name, args := range commands {
			t.Run(kb.name+"/"+name, func(t *testing.T) {
				args := append(append([]string{}, args...), "--kb", kb.dir)
				r := runCLI(t, "", args...)
				if exitCode(r.err) == 0 {
					t.Fatalf("marsad %s: exit status 0 with a %s --kb\n%s", strings.Join(args, " "), kb.name, r.stdout)
				}
				msg := r.err.Error() + "\n" + r.stdout
				if !strings.Contains(msg, kb.dir) && !(name == "kb lint" && strings.Contains(r.stdout, kb.want)) {
					t.Errorf("the error does not name the directory %s: %v", kb.dir, r.err)
				}
				if !strings.Contains(msg, kb.want) {
					t.Errorf("the error does not say %q: %v\n%s", kb.want, r.err, r.stdout)
				}
			})
		}
	}
	t.Run("complete", func(t *testing.T) {
		dir := filepath.Join(base, "complete")
		writeTinyKB(t, dir)
		r := runCLI(t, "", "code", "--no-ner", "--kb", dir, article)
		if r.err != nil {
			t.Fatalf("code with a complete --kb: %v\n%s", r.err, r.stderr)
		}
		docs := decodeDocs(t, r.stdout)
		if len(docs) != 1 || !hasEvent(docs[0], "EGY", "SYR") {
			t.Errorf("a complete tiny knowledge base codes no EGY → SYR visit: %s", r.stdout)
		}
	})
}
