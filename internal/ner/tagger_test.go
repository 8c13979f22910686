package ner

import (
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

var update = flag.Bool("update", false, "rewrite golden files")

const testdataDir = "../../testdata/ner"

func readTestSentences(t testing.TB, name string) []Sentence {
	t.Helper()
	f, err := os.Open(filepath.Join(testdataDir, name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sents, err := ReadCoNLLAll(context.Background(), f)
	if err != nil {
		t.Fatal(err)
	}
	return sents
}

func mustDefault(t testing.TB) *Tagger {
	t.Helper()
	tg, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	return tg
}

func TestTrainDeterministic(t *testing.T) {
	sents := readTestSentences(t, "sentences.conll")
	res := &Resources{}
	res.addPhrase("دمشق", gazLOC)
	res.addPhrase("عبد الفتاح السيسي", gazPERS)
	models := make([][]byte, 2)
	for i := range models {
		tg, _, err := Train(context.Background(), sents[:8], sents[8:], res, TrainOptions{Epochs: 3, Seed: 7, Bits: 14})
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		if err := tg.Save(&buf); err != nil {
			t.Fatal(err)
		}
		models[i] = buf.Bytes()
	}
	if !bytes.Equal(models[0], models[1]) {
		t.Fatal("two trainings with the same seed gave different models")
	}
	tg, _, err := Train(context.Background(), sents[:8], nil, res, TrainOptions{Epochs: 3, Seed: 8, Bits: 14})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := tg.Save(&buf); err != nil {
		t.Fatal(err)
	}
	t.Run("round trip", func(t *testing.T) {
		back, err := Load(bytes.NewReader(buf.Bytes()))
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range sents {
			if a, b := strings.Join(tg.Tag(s.Tokens), " "), strings.Join(back.Tag(s.Tokens), " "); a != b {
				t.Errorf("tags differ after save/load:\n%s\n%s", a, b)
			}
		}
	})
	t.Run("learns training data", func(t *testing.T) {
		if f1 := Evaluate(tg, sents[:8]).Overall.F1(); f1 < 0.9 {
			t.Errorf("training-set F1 = %.3f, want >= 0.9", f1)
		}
	})
}

func TestDefaultModel(t *testing.T) {
	start := time.Now()
	tg := mustDefault(t)
	if d := time.Since(start); d > time.Second {
		t.Errorf("loading the embedded model took %s, want <= 1s", d)
	}
	tests := []struct {
		sentence string
		want     []string // "TYPE token token": an entity of TYPE must start with these tokens
	}{
		// ANERcorp predates al-Sisi: the model finds "عبد الفتاح" and, so far, not always "السيسي"
		{"التقى الرئيس المصري عبد الفتاح السيسي في القاهرة", []string{"PERS عبد الفتاح", "LOC القاهرة"}},
		{"وقالت وزارة الخارجية السورية في بيان إن دمشق ترحب بالمبادرة .", []string{"LOC دمشق"}},
		{"أعلنت الأمم المتحدة أن مجلس الأمن سيجتمع في نيويورك .", []string{"ORG الأمم المتحدة", "LOC نيويورك"}},
	}
	for _, tt := range tests {
		t.Run(tt.sentence, func(t *testing.T) {
			toks := strings.Fields(tt.sentence)
			tags := tg.Tag(toks)
			if len(tags) != len(toks) {
				t.Fatalf("%d tags for %d tokens", len(tags), len(toks))
			}
			var got []string
			for _, sp := range Spans(tags) {
				got = append(got, sp.Type+" "+strings.Join(toks[sp.Start:sp.End], " "))
			}
			for _, w := range tt.want {
				found := false
				for _, g := range got {
					found = found || g == w || strings.HasPrefix(g, w+" ")
				}
				if !found {
					t.Errorf("missing entity %q; tags %v", w, tags)
				}
			}
		})
	}
	t.Run("empty", func(t *testing.T) {
		if got := tg.Tag(nil); len(got) != 0 {
			t.Errorf("Tag(nil) = %v", got)
		}
	})
	t.Run("testdata F1", func(t *testing.T) {
		sc := Evaluate(tg, readTestSentences(t, "sentences.conll"))
		if f1 := sc.Overall.F1(); f1 < 0.6 {
			var b strings.Builder
			if err := sc.Write(&b); err != nil {
				t.Fatal(err)
			}
			t.Errorf("F1 on testdata/ner/sentences.conll = %.3f, want >= 0.6\n%s", f1, b.String())
		}
	})
}

func TestEntities(t *testing.T) {
	tg := mustDefault(t)
	text := "زار المشير خليفة حفتر دمشق. وقال، إن «القاهرة» تدعم الحل."
	for _, e := range tg.Entities(text) {
		if e.Start < 0 || e.End > len(text) || e.Start >= e.End || text[e.Start:e.End] != e.Text {
			t.Errorf("bad entity %+v", e)
		}
	}
}

func TestTagCoNLLGolden(t *testing.T) {
	tests := []struct{ input, golden string }{
		{"golden_input.conll", "golden_input.conll.golden"},
	}
	tg := mustDefault(t)
	for _, tt := range tests {
		t.Run(tt.input, func(t *testing.T) {
			in, err := os.ReadFile(filepath.Join(testdataDir, tt.input))
			if err != nil {
				t.Fatal(err)
			}
			var out bytes.Buffer
			if err := TagCoNLL(context.Background(), tg, bytes.NewReader(in), &out); err != nil {
				t.Fatal(err)
			}
			gp := filepath.Join(testdataDir, tt.golden)
			if *update {
				if err := os.WriteFile(gp, out.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(gp)
			if err != nil {
				t.Fatal(err)
			}
			gl, wl := strings.Split(out.String(), "\n"), strings.Split(string(want), "\n")
			for i := 0; i < max(len(gl), len(wl)); i++ {
				var g, w string
				if i < len(gl) {
					g = gl[i]
				}
				if i < len(wl) {
					w = wl[i]
				}
				if g != w {
					t.Fatalf("%s:%d: got %q, want %q (run go test -update after checking)", tt.golden, i+1, g, w)
				}
			}
			// every input line is kept as the prefix of its output line
			ol := 0
			for _, line := range strings.Split(strings.TrimRight(string(in), "\n"), "\n") {
				if line == "" {
					continue
				}
				for gl[ol] == "" {
					ol++
				}
				if !strings.HasPrefix(gl[ol], line) {
					t.Fatalf("output line %d %q does not keep input %q", ol+1, gl[ol], line)
				}
				ol++
			}
		})
	}
}

func TestTagJSONL(t *testing.T) {
	tg := mustDefault(t)
	in := "التقى الرئيس المصري عبد الفتاح السيسي في القاهرة\n\n{\"id\":\"a1\",\"text\":\"زار حفتر دمشق\"}\n"
	var out bytes.Buffer
	if err := TagJSONL(context.Background(), tg, strings.NewReader(in), &out); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	if len(lines) != 2 {
		t.Fatalf("got %d output lines, want 2:\n%s", len(lines), out.String())
	}
	if !strings.HasPrefix(lines[1], `{"id":"a1","text":"زار حفتر دمشق","entities":[`) {
		t.Errorf("second line = %s", lines[1])
	}
	if !strings.Contains(lines[0], `"type":"LOC"`) {
		t.Errorf("first line has no LOC: %s", lines[0])
	}
}

// benchSentences returns a realistic token stream: the ANERcorp dev split
// when the shared data is present, else the test sentences.
func benchSentences(b *testing.B) [][]string {
	var sents []Sentence
	if f, err := os.Open("../../../shared/data/ner/anercorp/ANERCorp_CamelLab_train.txt"); err == nil {
		all, err := ReadCoNLLAll(context.Background(), f)
		f.Close()
		if err != nil {
			b.Fatal(err)
		}
		_, sents = SplitDev(all, 0.1)
	} else {
		sents = readTestSentences(b, "sentences.conll")
	}
	out := make([][]string, len(sents))
	for i, s := range sents {
		out[i] = s.Tokens
	}
	return out
}

func BenchmarkTag(b *testing.B) {
	tg := mustDefault(b)
	sents := benchSentences(b)
	ntok := 0
	for _, s := range sents {
		ntok += len(s)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, s := range sents {
			if tags := tg.Tag(s); len(tags) != len(s) {
				b.Fatal("wrong number of tags")
			}
		}
	}
	b.ReportMetric(float64(ntok)*float64(b.N)/b.Elapsed().Seconds(), "tokens/s")
}
