package recognise_test

import (
	"testing"
	"testing/fstest"

	"github.com/marsad/marsad/internal/arabic"
	"github.com/marsad/marsad/internal/kb"
	"github.com/marsad/marsad/internal/recognise"
)

// a tiny knowledge base: longest match and clitics are what is tested
var fsys = fstest.MapFS{
	"countries.tsv": {Data: []byte("SYR\tسوريا\tدمشق\tسوري\t\tSyria\n")},
	"actors.tsv":    {Data: []byte("الجيش الوطني الليبي\tLBY\tMIL\tORG\t\t\tcurated\tLNA\n")},
	"roles.tsv":     {Data: []byte("الجيش\tMIL\tORG\tarmy\n")},
	"triggers.tsv":  {Data: []byte("V\tزار|يزور\t\t042\tCONSULT\tvisit\t-\tvisit\n")},
}

func find(t *testing.T, text string) ([]arabic.Token, []recognise.Mention) {
	t.Helper()
	k, err := kb.Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	r := &recognise.Recogniser{Lex: kb.Compile(k)}
	toks := arabic.Tokenize(nil, text)
	return toks, r.Find(nil, toks, 0, len(toks))
}

func TestFind(t *testing.T) {
	tests := []struct {
		text   string
		want   []string // mention texts
		prefix []string
	}{
		{"زارت «الجيش الوطني الليبي» دمشق", []string{"زارت", "الجيش الوطني الليبي", "دمشق"}, []string{"", "", ""}},
		{"وبالجيش السوري", []string{"وبالجيش", "السوري"}, []string{"وب", ""}},
		{"وسيزور سوريا", []string{"وسيزور", "سوريا"}, []string{"و", ""}},
		{"كلام عادي", nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			toks, ms := find(t, tt.text)
			if len(ms) != len(tt.want) {
				t.Fatalf("%d mentions, want %d", len(ms), len(tt.want))
			}
			for i, m := range ms {
				got := tt.text[toks[m.Start].Start:toks[m.End-1].End]
				if got != tt.want[i] && got != "«"+tt.want[i] {
					t.Errorf("mention %d = %q, want %q", i, got, tt.want[i])
				}
				if m.Prefix != tt.prefix[i] {
					t.Errorf("mention %d prefix = %q, want %q", i, m.Prefix, tt.prefix[i])
				}
			}
		})
	}
}

func TestAddNamesAndWithin(t *testing.T) {
	ms := []recognise.Mention{{Start: 0, End: 1}, {Start: 4, End: 6}}
	names := []recognise.Mention{{Start: 1, End: 3, NER: "PERS"}, {Start: 5, End: 7, NER: "ORG"}}
	got := recognise.AddNames(ms, names)
	if len(got) != 3 || got[1].NER != "PERS" || got[2].Start != 4 {
		t.Fatalf("AddNames = %+v: want the name at 1-3 inserted, the one overlapping 4-6 dropped", got)
	}
	in, next := recognise.Within(got, 0, arabic.Span{Start: 0, End: 3})
	if len(in) != 2 || next != 2 {
		t.Errorf("Within = %d mentions, next %d; want 2 and 2", len(in), next)
	}
}
