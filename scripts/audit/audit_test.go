package main

import (
	"bytes"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestWilson checks the interval against values computed by hand (and by
// statsmodels' proportion_confint(method="wilson")).
func TestWilson(t *testing.T) {
	cases := []struct {
		k, n   int
		lo, hi float64
	}{
		{91, 200, 0.3875, 0.5242},
		{9, 48, 0.1018, 0.3194},
		{0, 10, 0, 0.2775},
		{10, 10, 0.7225, 1},
		{160, 200, 0.7392, 0.8498},
		{1, 2, 0.0945, 0.9055},
	}
	for _, c := range cases {
		lo, hi := Wilson(c.k, c.n, z95)
		if math.Abs(lo-c.lo) > 5e-4 || math.Abs(hi-c.hi) > 5e-4 {
			t.Errorf("Wilson(%d, %d) = %.4f–%.4f, want %.4f–%.4f", c.k, c.n, lo, hi, c.lo, c.hi)
		}
		if p := float64(c.k) / float64(c.n); lo > p+1e-12 || hi < p-1e-12 {
			t.Errorf("Wilson(%d, %d) = %.4f–%.4f does not hold p = %.4f", c.k, c.n, lo, hi, p)
		}
	}
	if lo, hi := Wilson(0, 0, z95); lo != 0 || hi != 1 {
		t.Errorf("Wilson(0, 0) = %v–%v, want 0–1", lo, hi)
	}
}

func judged(n int, root, verdict string, strict bool, kind string) EventItem {
	return EventItem{N: n, Root: root, Judgement: Judgement{Verdict: verdict, Strict: strict, Kind: kind}}
}

func TestScorePrecision(t *testing.T) {
	items := []EventItem{
		judged(1, "04", Right, true, ""),
		judged(2, "04", Right, false, "actor: adjective as actor"),
		judged(3, "11", WrongActor, false, "actor: country wrong"),
		judged(4, "11", WrongCode, false, "sense: not the trigger's sense"),
		judged(5, "19", NoEvent, false, "modality: background"),
		judged(6, "19", NoEvent, false, ""),
		judged(7, "02", Unjudged, false, ""),
		judged(8, "02", "maybe", false, ""),
	}
	p := ScorePrecision(items)
	if p.Judged != 6 || p.Unjudged != 1 || len(p.Unknown) != 1 || p.Unknown[0] != 8 {
		t.Fatalf("judged %d unjudged %d unknown %v, want 6, 1, [8]", p.Judged, p.Unjudged, p.Unknown)
	}
	if p.Right.K != 2 || p.Right.N != 6 || p.Strict.K != 1 {
		t.Errorf("right %d/%d strict %d, want 2/6 and 1", p.Right.K, p.Right.N, p.Strict.K)
	}
	if p.AllRight.K != 3 || p.AllRight.N != 7 || p.NoneRight.K != 2 || p.NoneRight.N != 7 {
		t.Errorf("bounds %v %v, want 3/7 and 2/7", p.AllRight, p.NoneRight)
	}
	wantKinds := map[string]int{
		"wrong actor — actor: country wrong":          1,
		"wrong code — sense: not the trigger's sense": 1,
		"no event — modality: background":             1,
		"no event — (no kind)":                        1,
	}
	for k, n := range wantKinds {
		if p.Kinds[k] != n {
			t.Errorf("Kinds[%q] = %d, want %d (all: %v)", k, p.Kinds[k], n, p.Kinds)
		}
	}
	if p.Families["actor"] != 1 || p.Families["modality"] != 1 || p.Families["sense"] != 1 {
		t.Errorf("Families = %v", p.Families)
	}
	if p.Loose["actor: adjective as actor"] != 1 {
		t.Errorf("Loose = %v", p.Loose)
	}
	if r := p.ByRoot["04"]; r != [2]int{2, 2} {
		t.Errorf("ByRoot[04] = %v, want [2 2]", r)
	}
}

func TestScoreRecall(t *testing.T) {
	items := []SentenceItem{
		{N: 1, Judged: true,
			Marsad: []Found{{Source: "TUNGOV", Target: "DZAGOV", CAMEO: "040"}, {Source: "TUNCOP", Target: "---", CAMEO: "173"}},
			Gold: []GoldEvent{
				{Source: "DZA", Target: "TUN", CAMEO: "040", Symmetric: true, Core: true},     // found the other way round
				{Source: "TUN", Target: "---", CAMEO: "1731", Core: true},                     // found: same root
				{Source: "TUN", Target: "TUN", CAMEO: "173", Core: true, Kind: "argument: x"}, // target differs
				{Source: "TUN", Target: "DZA", CAMEO: "042", Core: false},                     // not counted
			}},
		{N: 2, Judged: true, Marsad: []Found{{Source: "EGYGOV", Target: "QATGOV", CAMEO: "112"}},
			Gold: []GoldEvent{{Source: "QAT", Target: "EGY", CAMEO: "112", Core: true, Kind: "lexicon: y"}}}, // not symmetric
		{N: 3, Judged: true}, // no events
		{N: 4},               // not judged
	}
	r := ScoreRecall(items)
	if r.Found.K != 2 || r.Found.N != 4 {
		t.Errorf("found %d/%d, want 2/4", r.Found.K, r.Found.N)
	}
	if r.Sentences != 3 || r.WithEvents != 2 || r.Unjudged != 1 || r.NonCore != 1 {
		t.Errorf("sentences %d with events %d unjudged %d non-core %d, want 3 2 1 1", r.Sentences, r.WithEvents, r.Unjudged, r.NonCore)
	}
	if r.Missed["argument: x"] != 1 || r.Missed["lexicon: y"] != 1 || r.Families["lexicon"] != 1 {
		t.Errorf("Missed = %v, Families = %v", r.Missed, r.Families)
	}
	if !items[0].Gold[0].Found || !items[0].Gold[1].Found || items[0].Gold[2].Found || items[1].Gold[0].Found {
		t.Errorf("found flags wrong: %+v %+v", items[0].Gold, items[1].Gold)
	}
}

func TestFamily(t *testing.T) {
	for in, want := range map[string]string{"actor: adjective as actor": "actor", "lexicon": "lexicon", "": ""} {
		if got := Family(in); got != want {
			t.Errorf("Family(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestNamesTwoActors(t *testing.T) {
	a := func(s, e int, text, code string) ActorLike {
		return ActorLike{Start: s, End: e, Text: text, Code: code}
	}
	cases := []struct {
		name string
		as   []ActorLike
		want bool
	}{
		{"two countries", []ActorLike{a(0, 2, "الرئيس المصري", "EGYGOV"), a(3, 4, "دمشق", "SYRGOV")}, true},
		{"two roles of one country", []ActorLike{a(0, 2, "رئيس الحكومة", "TUNGOV"), a(3, 5, "وزير الداخلية", "TUNGOV")}, true},
		{"one name twice", []ActorLike{a(0, 1, "تونس", "TUNGOV"), a(5, 6, "بتونس", "TUNGOV")}, false},
		{"with a proclitic before the article", []ActorLike{a(0, 1, "الحكومة", "TUNGOV"), a(5, 6, "والحكومة", "TUNGOV")}, false},
		{"two-word phrase, proclitic", []ActorLike{a(0, 2, "وزارة الداخلية", "TUNGOV"), a(5, 7, "بوزارة الداخلية", "TUNGOV")}, false},
		{"lam-lam contraction", []ActorLike{a(0, 1, "الحكومة", "TUNGOV"), a(5, 6, "للحكومة", "TUNGOV")}, false},
		{"overlapping", []ActorLike{a(0, 3, "وزير الخارجية التركي", "TURGOV"), a(2, 3, "التركي", "TUR")}, false},
		{"one actor", []ActorLike{a(0, 1, "تونس", "TUNGOV")}, false},
		{"none", nil, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := namesTwoActors(c.as); got != c.want {
				t.Errorf("namesTwoActors = %v, want %v", got, c.want)
			}
		})
	}
}

// TestDraw: the draw is fixed by the seed, without repeats, in pool order.
func TestDraw(t *testing.T) {
	pool := make([]int, 1000)
	for i := range pool {
		pool[i] = i
	}
	a := draw(pool, 50, newRNG(7))
	b := draw(pool, 50, newRNG(7))
	c := draw(pool, 50, newRNG(8))
	if len(a) != 50 {
		t.Fatalf("drew %d, want 50", len(a))
	}
	same := true
	for i := range a {
		if a[i] != b[i] {
			t.Fatalf("same seed, different draws at %d: %d %d", i, a[i], b[i])
		}
		if i > 0 && a[i] <= a[i-1] {
			t.Fatalf("not in pool order or repeated at %d: %v", i, a)
		}
		same = same && a[i] == c[i]
	}
	if same {
		t.Error("seeds 7 and 8 drew the same sample")
	}
	if got := draw(pool[:3], 10, newRNG(1)); len(got) != 3 {
		t.Errorf("draw of 10 from 3 gave %d", len(got))
	}
	// splitmix64's first outputs for seed 0 (the reference values)
	r := newRNG(0)
	for _, want := range []uint64{0xe220a8397b1dcdaf, 0x6e789e6aa1b965f4, 0x06c45d188009454f} {
		if got := r.next(); got != want {
			t.Fatalf("splitmix64 = %#x, want %#x", got, want)
		}
	}
}

// TestRecode: a re-coded event with the key of a judged one keeps its
// judgement, once; others are unjudged; the sentences' found flags follow
// the new events.
func TestRecode(t *testing.T) {
	text := "زار الرئيس المصري دمشق أمس. وانتقدت تركيا إيران."
	s1 := "زار الرئيس المصري دمشق أمس."
	s2 := "وانتقدت تركيا إيران."
	i1 := strings.Index(text, s1)
	i2 := strings.Index(text, s2)
	ev := func(src, tgt, cameo string, at int) Event {
		return Event{Source: Actor{Code: src, Country: src[:3], Role: src[3:]}, Target: &Actor{Code: tgt, Country: tgt[:3], Role: tgt[3:]},
			CAMEO: cameo, Root: cameo[:2], Confidence: 0.9, Trigger: Span{Start: at, End: at + 2}}
	}
	judgedItems := []EventItem{
		{N: 1, ID: "a", Sentence: s1, Source: Actor{Country: "EGY", Role: "GOV"}, Target: &Actor{Country: "SYR", Role: "GOV"}, CAMEO: "042", Judgement: Judgement{Verdict: Right}},
		{N: 2, ID: "a", Sentence: s2, Source: Actor{Country: "TUR", Role: "GOV"}, Target: &Actor{Country: "TUR", Role: "GOV"}, CAMEO: "111", Judgement: Judgement{Verdict: WrongActor}},
	}
	sents := []SentenceItem{{N: 1, ID: "a", Sentence: s2, Judged: true, Gold: []GoldEvent{{Source: "TUR", Target: "IRN", CAMEO: "111", Core: true}}}}
	coded := map[string]*Coded{"a": {ID: "a", Text: text, Events: []Event{
		ev("EGYGOV", "SYRGOV", "042", i1),   // keeps "right"
		ev("EGYGOV", "SYRGOV", "042", i1+2), // the same key again: unjudged
		ev("TURGOV", "IRNGOV", "111", i2+2), // new: unjudged
		{Source: Actor{Code: "TURGOV", Country: "TUR"}, CAMEO: "111", Confidence: 0.3, Trigger: Span{Start: i2}}, // not counted
	}}}
	out, st := Recode(judgedItems, sents, coded)
	if len(out) != 3 || st.kept != 1 || st.unjudged != 2 {
		t.Fatalf("got %d events, kept %d, unjudged %d; want 3, 1, 2", len(out), st.kept, st.unjudged)
	}
	if out[0].Judgement.Verdict != Right || out[1].Judgement.Verdict != Unjudged || out[2].Judgement.Verdict != Unjudged {
		t.Errorf("verdicts %q %q %q", out[0].Judgement.Verdict, out[1].Judgement.Verdict, out[2].Judgement.Verdict)
	}
	if st.lostBy[WrongActor] != 1 || st.keptBy[Right] != 1 {
		t.Errorf("kept %v lost %v", st.keptBy, st.lostBy)
	}
	if !sents[0].Gold[0].Found || len(sents[0].Marsad) != 1 {
		t.Errorf("sentence not re-marked: %+v", sents[0])
	}
}

func TestLocate(t *testing.T) {
	c := &Coded{Text: "أولى.  زار الرئيس\nالمصري دمشق. ثالثة."}
	s, e, ok := locate(c, "زار الرئيس المصري دمشق.")
	if !ok || c.Text[s:e] != "زار الرئيس\nالمصري دمشق." {
		t.Errorf("locate = %d %d %v (%q)", s, e, ok, c.Text[s:e])
	}
	if _, _, ok := locate(c, "غير موجودة"); ok {
		t.Error("found a sentence that is not there")
	}
}

// TestReadIDs reads ids from JSON Lines and CSV and nothing else.
func TestReadIDs(t *testing.T) {
	dir := t.TempDir()
	write := func(name, s string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("gold.jsonl", `{"id": "A-1", "text": "x"}`+"\n"+`{"id": "B-2"}`+"\n")
	write("gsr.csv", "\ufeffid,event_type,text\nAAW_1-24,ASSAULT,x\n")
	write("notes.txt", "id\nZ\n")
	ids := map[string]bool{}
	if err := readIDs(dir, ids); err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{"A-1", "B-2", "AAW_1-24", "AAW_1"} {
		if !ids[id] {
			t.Errorf("missing id %q (have %v)", id, ids)
		}
	}
	if ids["Z"] || len(ids) != 4 {
		t.Errorf("ids = %v, want 4", ids)
	}
}

// TestReportOnSamples runs the report over the committed samples: every
// item is judged with a known verdict.
func TestReportOnSamples(t *testing.T) {
	var out, errb bytes.Buffer
	if code := run([]string{"report", "-dir", "../../testdata/audit"}, &out, &errb); code != 0 {
		t.Fatalf("report exit %d: %s", code, errb.String())
	}
	evs, err := readJSONL[EventItem]("../../testdata/audit/" + fileEvents)
	if err != nil {
		t.Fatal(err)
	}
	p := ScorePrecision(evs)
	if p.Judged != len(evs) || len(p.Unknown) > 0 {
		t.Errorf("%d of %d events judged, unknown verdicts at %v", p.Judged, len(evs), p.Unknown)
	}
	if !strings.Contains(out.String(), "precision (right / judged events)") {
		t.Errorf("report output: %s", out.String())
	}
}
