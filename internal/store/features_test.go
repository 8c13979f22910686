package store

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/marsad/marsad/internal/arabic"
	"github.com/marsad/marsad/internal/pipeline"
)

// The store's features are identities kept in databases (content hashes,
// SimHashes of stories, indexed stems): a faster implementation must give
// the same values. These are the first, plain implementations.

func refContentHash(text string) string {
	buf := make([]byte, 0, len(text))
	space := false
	for _, r := range text {
		if unicode.IsSpace(r) {
			space = len(buf) > 0
			continue
		}
		if space {
			buf = append(buf, ' ')
			space = false
		}
		buf = utf8.AppendRune(buf, r)
	}
	sum := sha256.Sum256(buf)
	return hex.EncodeToString(sum[:])
}

func refFeatures(toks []arabic.Token) (string, uint64) {
	var b strings.Builder
	var words []string
	seen := map[string]bool{}
	for _, t := range toks {
		if t.Kind == arabic.Punct {
			continue
		}
		words = append(words, t.Norm)
		if s := Stem(t); s != "" && !seen[s] {
			seen[s] = true
			if b.Len() > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(s)
		}
	}
	var v [64]int
	n := 0
	add := func(ws []string) {
		var buf []byte
		for _, w := range ws {
			buf = append(buf, w...)
			buf = append(buf, 0)
		}
		x := fnv1a(buf)
		for i := range v {
			v[i] += int(x >> uint(i) & 1)
		}
		n++
	}
	if len(words) < shingle {
		add(words)
	}
	for i := 0; i+shingle <= len(words); i++ {
		add(words[i : i+shingle])
	}
	var h uint64
	for i, c := range v {
		if 2*c > n {
			h |= 1 << uint(i)
		}
	}
	return b.String(), h
}

// sampleTexts are the texts of the ANT slice and a few made to test the
// edges (white space of every kind, no words, fewer words than a shingle).
func sampleTexts(t *testing.T) []string {
	f, err := os.Open(filepath.Join("..", "..", "testdata", "ant_slice.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	texts := []string{"", " ", "كلمة", "كلمتان هنا", "a\u00a0b\u2003c\u3000d\u0085e\tf\r\ng  h\u200bi\u202fj",
		"\u00a0 زار\u2029الرئيس\u1680دمشق \u205f", "١٢٣ Hello WORLD مرحبا", "bad \xff\xfe utf-8 \xd8 here", "\xe2\x80 \xe2\x80\xa8x"}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		var m struct{ Text string }
		if err := json.Unmarshal(sc.Bytes(), &m); err != nil {
			t.Fatal(err)
		}
		texts = append(texts, m.Text)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if len(texts) < 500 {
		t.Fatalf("%d texts", len(texts))
	}
	return texts
}

func TestFeaturesEqualReference(t *testing.T) {
	for i, text := range sampleTexts(t) {
		doc := pipeline.Doc{ID: "x", Title: "t", Text: text}
		if strings.TrimSpace(text) != "" {
			if got, want := ContentHash(doc), refContentHash(text); got != want {
				t.Errorf("text %d %q: ContentHash %s, want %s", i, short(text), got, want)
			}
		}
		toks := arabic.Tokenize(nil, text)
		f := FeaturesOf(toks, arabic.Sentences(text, toks))
		stems, h := refFeatures(toks)
		if f.Stems != stems {
			t.Errorf("text %d %q: stems\n got %q\nwant %q", i, short(text), short(f.Stems), short(stems))
		}
		if f.SimHash != h {
			t.Errorf("text %d %q: SimHash %016x, want %016x", i, short(text), f.SimHash, h)
		}
	}
}

func short(s string) string {
	if len(s) > 60 {
		return s[:60] + "…"
	}
	return s
}

func BenchmarkFeatures(b *testing.B) {
	texts := []string{}
	f, err := os.ReadFile(filepath.Join("..", "..", "testdata", "ant_slice.jsonl"))
	if err != nil {
		b.Fatal(err)
	}
	for _, l := range strings.Split(string(f), "\n") {
		var m struct{ Text string }
		if json.Unmarshal([]byte(l), &m) == nil {
			texts = append(texts, m.Text)
		}
	}
	toks := make([][]arabic.Token, len(texts))
	sents := make([][]arabic.Span, len(texts))
	for i, s := range texts {
		toks[i] = arabic.Tokenize(nil, s)
		sents[i] = arabic.Sentences(s, toks[i])
	}
	b.ResetTimer()
	cpu0 := cpuTime(b)
	for b.Loop() {
		for i := range texts {
			if f := FeaturesOf(toks[i], sents[i]); f.SimHash == 0 && len(toks[i]) > 10 {
				b.Fatal("no SimHash")
			}
			if ContentHash(pipeline.Doc{Text: texts[i]}) == "" {
				b.Fatal("no hash")
			}
		}
	}
	b.ReportMetric((cpuTime(b)-cpu0).Seconds()*1000/float64(b.N), "cpu-ms/op")
}

// cpuTime is the CPU time (user and system) the process has used: a
// figure that a loaded machine disturbs less than wall time.
func cpuTime(b *testing.B) time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		b.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func BenchmarkContentHash(b *testing.B) {
	data, err := os.ReadFile(filepath.Join("..", "..", "testdata", "ant_slice.jsonl"))
	if err != nil {
		b.Fatal(err)
	}
	doc := pipeline.Doc{Text: string(data)}
	b.Run("new", func(b *testing.B) {
		for b.Loop() {
			ContentHash(doc)
		}
	})
	b.Run("ref", func(b *testing.B) {
		for b.Loop() {
			refContentHash(doc.Text)
		}
	})
}

// FuzzContentHash checks the one-pass hash (white space collapsed, UTF-8
// checked on the way) against the plain implementation on any bytes.
func FuzzContentHash(f *testing.F) {
	for _, s := range []string{"", "كلمة  كلمة", "a\u00a0b\u2003c\u3000d\u0085e", "bad \xff\xfe utf-8 \xd8", "\xe2\x80 \xe2\x80\xa8x", "\xc2", "\xdf\xbf\xc3"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		if strings.TrimSpace(text) == "" {
			return
		}
		if got, want := ContentHash(pipeline.Doc{Text: text}), refContentHash(text); got != want {
			t.Fatalf("ContentHash(%q) = %s, want %s", text, got, want)
		}
	})
}
