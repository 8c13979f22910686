package eval

import (
	"math"
	"reflect"
	"strings"
	"testing"
)

func tr(s, t, r string) Triple { return Triple{Source: s, Target: t, Root: r} }

func TestScoreArticle(t *testing.T) {
	core := func(s, t, r string, sym bool) GoldEvent {
		return GoldEvent{Source: s, Target: t, Root: r, Core: true, Symmetric: sym}
	}
	nonCore := func(s, t, r string, sym bool) GoldEvent {
		return GoldEvent{Source: s, Target: t, Root: r, Core: false, Symmetric: sym}
	}
	tests := []struct {
		name      string
		gold      []GoldEvent
		pred      []Triple
		want      Counts
		missed    []Triple
		false_    []Triple
		correct   []Triple
		wantP     float64
		wantR     float64
		wantF1    float64
		checkPRF1 bool
	}{
		{
			name:    "exact match",
			gold:    []GoldEvent{core("EGY", "SYR", "04", false)},
			pred:    []Triple{tr("EGY", "SYR", "04")},
			want:    Counts{TP: 1, Matched: 1, Gold: 1, Predicted: 1},
			correct: []Triple{tr("EGY", "SYR", "04")},
		},
		{
			name:    "duplicate predictions and duplicate gold count once",
			gold:    []GoldEvent{core("EGY", "SYR", "04", false), core("EGY", "SYR", "04", false)},
			pred:    []Triple{tr("EGY", "SYR", "04"), tr("EGY", "SYR", "04"), tr("EGY", "SYR", "04")},
			want:    Counts{TP: 1, Matched: 1, Gold: 1, Predicted: 1},
			correct: []Triple{tr("EGY", "SYR", "04")},
		},
		{
			name:    "duplicate false alarms count once",
			gold:    []GoldEvent{core("EGY", "SYR", "04", false)},
			pred:    []Triple{tr("EGY", "SYR", "04"), tr("RUS", "UKR", "19"), tr("RUS", "UKR", "19")},
			want:    Counts{TP: 1, FP: 1, Matched: 1, Gold: 1, Predicted: 2},
			false_:  []Triple{tr("RUS", "UKR", "19")},
			correct: []Triple{tr("EGY", "SYR", "04")},
		},
		{
			name:    "prediction equal to a non-core gold triple is ignored",
			gold:    []GoldEvent{core("EGY", "SYR", "04", false), nonCore("USA", "IRN", "16", false)},
			pred:    []Triple{tr("EGY", "SYR", "04"), tr("USA", "IRN", "16")},
			want:    Counts{TP: 1, Matched: 1, Gold: 1, Predicted: 1},
			correct: []Triple{tr("EGY", "SYR", "04")},
		},
		{
			name: "non-core symmetric gold ignores the reverse direction too",
			gold: []GoldEvent{nonCore("USA", "IRN", "03", true)},
			pred: []Triple{tr("IRN", "USA", "03")},
			want: Counts{},
		},
		{
			name:   "non-core non-symmetric gold does not excuse the reverse direction",
			gold:   []GoldEvent{nonCore("USA", "IRN", "16", false)},
			pred:   []Triple{tr("IRN", "USA", "16")},
			want:   Counts{FP: 1, Predicted: 1},
			false_: []Triple{tr("IRN", "USA", "16")},
		},
		{
			name:  "only non-core gold: nothing to recall",
			gold:  []GoldEvent{nonCore("EGY", "SYR", "04", false)},
			pred:  []Triple{tr("EGY", "SYR", "04")},
			want:  Counts{},
			wantP: 0, wantR: 0, wantF1: 0, checkPRF1: true,
		},
		{
			name:    "symmetric core gold matched in reverse counts for recall and precision",
			gold:    []GoldEvent{core("EGY", "SYR", "03", true)},
			pred:    []Triple{tr("SYR", "EGY", "03")},
			want:    Counts{TP: 1, Matched: 1, Gold: 1, Predicted: 1},
			correct: []Triple{tr("SYR", "EGY", "03")},
			wantP:   1, wantR: 1, wantF1: 1, checkPRF1: true,
		},
		{
			name:   "non-symmetric reverse is a false alarm and a miss",
			gold:   []GoldEvent{core("EGY", "SYR", "04", false)},
			pred:   []Triple{tr("SYR", "EGY", "04")},
			want:   Counts{FP: 1, FN: 1, Gold: 1, Predicted: 1},
			missed: []Triple{tr("EGY", "SYR", "04")},
			false_: []Triple{tr("SYR", "EGY", "04")},
			wantP:  0, wantR: 0, wantF1: 0, checkPRF1: true,
		},
		{
			name:    "empty gold target is normalised to ---",
			gold:    []GoldEvent{core("EGY", "", "14", false)},
			pred:    []Triple{tr("EGY", NoTarget, "14")},
			want:    Counts{TP: 1, Matched: 1, Gold: 1, Predicted: 1},
			correct: []Triple{tr("EGY", NoTarget, "14")},
		},
		{
			name:    "empty predicted target and blank gold target both become ---",
			gold:    []GoldEvent{core(" EGY ", "  ", "14", false)},
			pred:    []Triple{tr("EGY", "", "14")},
			want:    Counts{TP: 1, Matched: 1, Gold: 1, Predicted: 1},
			correct: []Triple{tr("EGY", NoTarget, "14")},
		},
		{
			name:   "different root is a miss and a false alarm",
			gold:   []GoldEvent{core("EGY", "SYR", "04", false)},
			pred:   []Triple{tr("EGY", "SYR", "05")},
			want:   Counts{FP: 1, FN: 1, Gold: 1, Predicted: 1},
			missed: []Triple{tr("EGY", "SYR", "04")},
			false_: []Triple{tr("EGY", "SYR", "05")},
		},
		{
			name: "mixed article: P=1/2, R=1/2",
			gold: []GoldEvent{
				core("LBY", "SYR", "04", false),
				core("EGY", "SYR", "05", false),
				nonCore("USA", "SYR", "16", false),
			},
			pred:    []Triple{tr("LBY", "SYR", "04"), tr("RUS", "LBY", "07"), tr("USA", "SYR", "16")},
			want:    Counts{TP: 1, FP: 1, FN: 1, Matched: 1, Gold: 2, Predicted: 2},
			missed:  []Triple{tr("EGY", "SYR", "05")},
			false_:  []Triple{tr("RUS", "LBY", "07")},
			correct: []Triple{tr("LBY", "SYR", "04")},
			wantP:   0.5, wantR: 0.5, wantF1: 0.5, checkPRF1: true,
		},
		{
			name:   "no predictions",
			gold:   []GoldEvent{core("EGY", "SYR", "04", false)},
			want:   Counts{FN: 1, Gold: 1},
			missed: []Triple{tr("EGY", "SYR", "04")},
		},
		{
			name: "nothing at all",
			want: Counts{},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res := ScoreArticle(tc.gold, tc.pred)
			if res.Counts != tc.want {
				t.Errorf("Counts = %+v, want %+v", res.Counts, tc.want)
			}
			if !sameTriples(res.Missed, tc.missed) {
				t.Errorf("Missed = %v, want %v", res.Missed, tc.missed)
			}
			if !sameTriples(res.FalseAlarms, tc.false_) {
				t.Errorf("FalseAlarms = %v, want %v", res.FalseAlarms, tc.false_)
			}
			if !sameTriples(res.Correct, tc.correct) {
				t.Errorf("Correct = %v, want %v", res.Correct, tc.correct)
			}
			if tc.checkPRF1 {
				c := res.Counts
				if !near(c.P(), tc.wantP) || !near(c.R(), tc.wantR) || !near(c.F1(), tc.wantF1) {
					t.Errorf("P,R,F1 = %v,%v,%v, want %v,%v,%v", c.P(), c.R(), c.F1(), tc.wantP, tc.wantR, tc.wantF1)
				}
			}
		})
	}
}

func TestScoreArticleSortedOutput(t *testing.T) {
	gold := []GoldEvent{
		{Source: "SYR", Target: "TUR", Root: "19", Core: true},
		{Source: "EGY", Target: "LBY", Root: "04", Core: true},
	}
	pred := []Triple{tr("USA", "IRN", "16"), tr("ISR", "PSE", "19"), tr("BHR", "QAT", "12")}
	res := ScoreArticle(gold, pred)
	for name, ts := range map[string][]Triple{"Missed": res.Missed, "FalseAlarms": res.FalseAlarms} {
		for i := 1; i < len(ts); i++ {
			if ts[i-1].String() > ts[i].String() {
				t.Errorf("%s not sorted: %v", name, ts)
			}
		}
	}
	if len(res.Missed) != 2 || len(res.FalseAlarms) != 3 {
		t.Errorf("Missed=%v FalseAlarms=%v, want 2 and 3", res.Missed, res.FalseAlarms)
	}
}

func TestTripleString(t *testing.T) {
	if got, want := tr("EGY", NoTarget, "14").String(), "EGY→--- 14"; got != want {
		t.Errorf("String() = %q, want %q", got, want)
	}
}

func TestCounts(t *testing.T) {
	tests := []struct {
		name     string
		c        Counts
		p, r, f1 float64
	}{
		{"zero", Counts{}, 0, 0, 0},
		{"perfect", Counts{TP: 3, Matched: 3, Gold: 3, Predicted: 3}, 1, 1, 1},
		{"no predictions", Counts{FN: 2, Gold: 2}, 0, 0, 0},
		{"no gold", Counts{FP: 2, Predicted: 2}, 0, 0, 0},
		{"P=0.5 R=0.25", Counts{TP: 1, FP: 1, Matched: 1, FN: 3, Gold: 4, Predicted: 2}, 0.5, 0.25, 2 * 0.5 * 0.25 / 0.75},
		// recall uses Matched, precision TP: they may differ (two predictions
		// matching one symmetric gold event in both directions).
		{"TP differs from Matched", Counts{TP: 2, Matched: 1, Gold: 2, FN: 1, Predicted: 2}, 1, 0.5, 2 * 1 * 0.5 / 1.5},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if !near(tc.c.P(), tc.p) {
				t.Errorf("P = %v, want %v", tc.c.P(), tc.p)
			}
			if !near(tc.c.R(), tc.r) {
				t.Errorf("R = %v, want %v", tc.c.R(), tc.r)
			}
			if !near(tc.c.F1(), tc.f1) {
				t.Errorf("F1 = %v, want %v", tc.c.F1(), tc.f1)
			}
		})
	}
}

func TestCountsAdd(t *testing.T) {
	tests := []struct {
		name string
		a, b Counts
		want Counts
	}{
		{"zero plus zero", Counts{}, Counts{}, Counts{}},
		{"every field", Counts{1, 2, 3, 4, 5, 6}, Counts{10, 20, 30, 40, 50, 60}, Counts{11, 22, 33, 44, 55, 66}},
		{"zero plus some", Counts{}, Counts{TP: 1, Matched: 1, Gold: 2, FN: 1, Predicted: 1}, Counts{TP: 1, Matched: 1, Gold: 2, FN: 1, Predicted: 1}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := tc.a
			c.Add(tc.b)
			if c != tc.want {
				t.Errorf("Add = %+v, want %+v", c, tc.want)
			}
		})
	}
	t.Run("sum over articles equals micro average", func(t *testing.T) {
		var total Counts
		total.Add(ScoreArticle([]GoldEvent{{Source: "EGY", Target: "SYR", Root: "04", Core: true}}, []Triple{tr("EGY", "SYR", "04")}).Counts)
		total.Add(ScoreArticle([]GoldEvent{{Source: "LBY", Target: "TUR", Root: "19", Core: true}}, []Triple{tr("TUR", "LBY", "19")}).Counts)
		want := Counts{TP: 1, FP: 1, FN: 1, Matched: 1, Gold: 2, Predicted: 2}
		if total != want {
			t.Errorf("total = %+v, want %+v", total, want)
		}
		if !near(total.F1(), 0.5) {
			t.Errorf("F1 = %v, want 0.5", total.F1())
		}
	})
}

func TestReadGold(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		wantIDs []string
		wantErr string // substring; "" for no error
	}{
		{
			name: "two articles with blank lines",
			in: `{"id":"a","title":"t","text":"x","events":[{"source":"EGY","target":"SYR","root":"04","core":true,"symmetric":false}]}

{"id":"b","text":"y","events":[]}
`,
			wantIDs: []string{"a", "b"},
		},
		{name: "empty input", in: "", wantIDs: nil},
		{
			name:    "bad third line reports line 3",
			in:      "{\"id\":\"a\"}\n\n{\"id\": oops}\n{\"id\":\"c\"}\n",
			wantErr: "line 3",
		},
		{
			name:    "bad first line reports line 1",
			in:      "not json\n",
			wantErr: "line 1",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ReadGold(strings.NewReader(tc.in))
			if tc.wantErr != "" {
				if err == nil {
					t.Fatalf("ReadGold: no error, want one containing %q", tc.wantErr)
				}
				if !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("ReadGold error %q does not contain %q", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("ReadGold: %v", err)
			}
			var ids []string
			for _, a := range got {
				ids = append(ids, a.ID)
			}
			if !reflect.DeepEqual(ids, tc.wantIDs) {
				t.Errorf("ids = %v, want %v", ids, tc.wantIDs)
			}
		})
	}
	t.Run("fields are decoded", func(t *testing.T) {
		in := `{"id":"x","published":"2017-06-06","title":"T","text":"T\n\nB","events":[{"source":"LBY","source_role":"MIL","source_text":"حفتر","target":"SYR","target_role":"GOV","target_text":"دمشق","root":"04","cameo":"042","symmetric":true,"core":true,"evidence":"e"}]}`
		got, err := ReadGold(strings.NewReader(in))
		if err != nil {
			t.Fatalf("ReadGold: %v", err)
		}
		want := []GoldArticle{{ID: "x", Published: "2017-06-06", Title: "T", Text: "T\n\nB", Events: []GoldEvent{{
			Source: "LBY", SourceRole: "MIL", SourceText: "حفتر", Target: "SYR", TargetRole: "GOV", TargetText: "دمشق",
			Root: "04", CAMEO: "042", Symmetric: true, Core: true, Evidence: "e"}}}}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("ReadGold = %+v, want %+v", got, want)
		}
	})
}

func TestReadGSR(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		want    []GSRSentence
		wantErr string
	}{
		{
			name: "plain header",
			in:   "id,event_type,label,accept,reject,total,text\ns1,PROTEST,yes,3,0,3,تظاهر آلاف\ns2,PROTEST,easy no,0,3,3,\"نص، بفاصلة\"\n",
			want: []GSRSentence{
				{ID: "s1", EventType: "PROTEST", Label: "yes", Text: "تظاهر آلاف"},
				{ID: "s2", EventType: "PROTEST", Label: "easy no", Text: "نص، بفاصلة"},
			},
		},
		{
			name: "BOM and CRLF",
			in:   "\ufeffid,event_type,label,accept,reject,total,text\r\ns1,ASSAULT,difficult no,1,2,3,قصف\r\n",
			want: []GSRSentence{{ID: "s1", EventType: "ASSAULT", Label: "difficult no", Text: "قصف"}},
		},
		{
			name: "BOM before a quoted header",
			in:   "\ufeff\"id\",\"event_type\",\"label\",\"text\"\n\"s1\",\"ASSAULT\",\"yes\",\"قصف\"\n",
			want: []GSRSentence{{ID: "s1", EventType: "ASSAULT", Label: "yes", Text: "قصف"}},
		},
		{
			name: "columns in another order, short row",
			in:   "text,label,id,event_type\nنص,ambiguous,s9,PROTEST\nقصير,yes\n",
			want: []GSRSentence{
				{ID: "s9", EventType: "PROTEST", Label: "ambiguous", Text: "نص"},
				{ID: "", EventType: "", Label: "yes", Text: "قصير"},
			},
		},
		{name: "missing text column", in: "id,event_type,label\ns1,PROTEST,yes\n", wantErr: `"text"`},
		{name: "missing label column", in: "\ufeffid,event_type,text\ns1,PROTEST,x\n", wantErr: `"label"`},
		{name: "missing id column (BOM glued to a different name)", in: "\ufeffident,label,text\n", wantErr: `"id"`},
		{name: "empty input", in: "", wantErr: "header"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ReadGSR(strings.NewReader(tc.in))
			if tc.wantErr != "" {
				if err == nil {
					t.Fatalf("ReadGSR: no error, want one containing %q", tc.wantErr)
				}
				if !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("ReadGSR error %q does not contain %q", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("ReadGSR: %v", err)
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("ReadGSR = %+v, want %+v", got, tc.want)
			}
		})
	}
}

func TestGSRRoots(t *testing.T) {
	tests := []struct {
		typ     string
		want    map[string]bool
		wantErr bool
	}{
		{"ASSAULT", map[string]bool{"18": true, "19": true, "20": true}, false},
		{"assault", map[string]bool{"18": true, "19": true, "20": true}, false},
		{"PROTEST", map[string]bool{"14": true}, false},
		{"Protest", map[string]bool{"14": true}, false},
		{"COERCE", nil, true},
		{"", nil, true},
	}
	for _, tc := range tests {
		t.Run(tc.typ, func(t *testing.T) {
			got, err := GSRRoots(tc.typ)
			if tc.wantErr {
				if err == nil {
					t.Fatalf("GSRRoots(%q) = %v, want an error", tc.typ, got)
				}
				return
			}
			if err != nil {
				t.Fatalf("GSRRoots(%q): %v", tc.typ, err)
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("GSRRoots(%q) = %v, want %v", tc.typ, got, tc.want)
			}
		})
	}
}

func TestScoreGSR(t *testing.T) {
	tests := []struct {
		label      string
		predicted  bool
		wantScored bool
		want       Counts
	}{
		{"yes", true, true, Counts{TP: 1, Matched: 1, Gold: 1, Predicted: 1}},
		{"yes", false, true, Counts{FN: 1, Gold: 1}},
		{" yes ", true, true, Counts{TP: 1, Matched: 1, Gold: 1, Predicted: 1}},
		{"easy no", true, true, Counts{FP: 1, Predicted: 1}},
		{"easy no", false, true, Counts{}},
		{"difficult no", true, true, Counts{FP: 1, Predicted: 1}},
		{"difficult no", false, true, Counts{}},
		{"no", true, true, Counts{FP: 1, Predicted: 1}},
		{"ambiguous", true, false, Counts{}},
		{"ambiguous", false, false, Counts{}},
		{"", true, false, Counts{}},
	}
	for _, tc := range tests {
		name := tc.label
		if tc.predicted {
			name += "/predicted"
		} else {
			name += "/not predicted"
		}
		t.Run(name, func(t *testing.T) {
			var c Counts
			if got := ScoreGSR(&c, tc.label, tc.predicted); got != tc.wantScored {
				t.Errorf("scored = %v, want %v", got, tc.wantScored)
			}
			if c != tc.want {
				t.Errorf("counts = %+v, want %+v", c, tc.want)
			}
		})
	}
	t.Run("a small set", func(t *testing.T) {
		var c Counts
		for _, s := range []struct {
			label string
			pred  bool
		}{{"yes", true}, {"yes", false}, {"easy no", true}, {"difficult no", false}, {"ambiguous", true}} {
			ScoreGSR(&c, s.label, s.pred)
		}
		if !near(c.P(), 0.5) || !near(c.R(), 0.5) || !near(c.F1(), 0.5) {
			t.Errorf("P,R,F1 = %v,%v,%v, want 0.5 each (counts %+v)", c.P(), c.R(), c.F1(), c)
		}
	})
}

func sameTriples(a, b []Triple) bool {
	if len(a) == 0 && len(b) == 0 {
		return true
	}
	return reflect.DeepEqual(a, b)
}

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }
