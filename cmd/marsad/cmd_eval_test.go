package main

import (
	"encoding/json"
	"regexp"
	"strings"
	"testing"
)

// goldLine is a one-article gold file line: the Sisi visit, with one core
// (or non-core) event EGY→SYR root 04.
func goldLine(core bool) string {
	a := map[string]any{
		"id": "sisi-1", "published": "2019-01-02", "title": sisiTitle,
		"text": sisiTitle + "\n\n" + sisiSentence,
		"events": []map[string]any{{
			"source": "EGY", "source_role": "GOV", "source_text": "الرئيس المصري عبد الفتاح السيسي",
			"target": "SYR", "target_role": "GOV", "target_text": "دمشق",
			"root": "04", "cameo": "042", "plover": "CONSULT", "symmetric": false, "core": core,
			"location": "دمشق", "evidence": sisiSentence,
		}},
	}
	b, err := json.Marshal(a)
	if err != nil {
		panic(err)
	}
	return string(b)
}

var (
	eventsScoreRE = regexp.MustCompile(`^events F1=\d\.\d{4} P=\d\.\d{4} R=\d\.\d{4}$`)
	gsrScoreRE    = regexp.MustCompile(`^gsr F1=\d\.\d{4} P=\d\.\d{4} R=\d\.\d{4}$`)
)

func TestEvalEvents(t *testing.T) {
	dir := t.TempDir()
	gold := writeFile(t, dir, "gold.jsonl", []byte(goldLine(true)+"\n"))

	t.Run("score line", func(t *testing.T) {
		r := runCLI(t, "", "eval", "events", "--gold", gold)
		if r.err != nil {
			t.Fatalf("eval events: %v\n%s", r.err, r.stdout)
		}
		last := lastLine(r.stdout)
		if !eventsScoreRE.MatchString(last) {
			t.Fatalf("last line %q does not match %s", last, eventsScoreRE)
		}
		// The coder finds the one core event of the article.
		if !strings.Contains(last, "R=1.0000") {
			t.Errorf("the EGY→SYR 04 visit was not recovered: %q\n%s", last, r.stdout)
		}
		if !strings.Contains(r.stdout, "articles=1 gold=1 ") {
			t.Errorf("summary line missing or wrong:\n%s", r.stdout)
		}
	})

	t.Run("verbose names the article", func(t *testing.T) {
		r := runCLI(t, "", "eval", "events", "--gold", gold, "-v")
		if r.err != nil {
			t.Fatalf("eval events -v: %v", r.err)
		}
		if !strings.Contains(r.stdout, "sisi-1") || !eventsScoreRE.MatchString(lastLine(r.stdout)) {
			t.Errorf("verbose output:\n%s", r.stdout)
		}
	})

	t.Run("non-core gold is not scored", func(t *testing.T) {
		g := writeFile(t, dir, "noncore.jsonl", []byte(goldLine(false)+"\n"))
		r := runCLI(t, "", "eval", "events", "--gold", g)
		if r.err != nil {
			t.Fatalf("eval events: %v", r.err)
		}
		if !strings.Contains(r.stdout, "articles=1 gold=0 ") {
			t.Errorf("a non-core gold event was counted:\n%s", r.stdout)
		}
	})

	for _, tc := range []struct {
		name string
		args []string
	}{
		{"--min-f1 above 1", []string{"--min-f1", "1.1"}},
		{"--min-p above 1", []string{"--min-p", "1.1"}},
		{"--min-r above 1", []string{"--min-r", "1.1"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := runCLI(t, "", append([]string{"eval", "events", "--gold", gold}, tc.args...)...)
			wantExitError(t, r.err, 2)
			if !eventsScoreRE.MatchString(lastLine(r.stdout)) {
				t.Errorf("the score must still be printed; last line %q", lastLine(r.stdout))
			}
		})
	}

	t.Run("bad gold file", func(t *testing.T) {
		g := writeFile(t, dir, "bad.jsonl", []byte(goldLine(true)+"\n\n{broken\n"))
		r := runCLI(t, "", "eval", "events", "--gold", g)
		wantExitError(t, r.err, 2)
		if !strings.Contains(r.err.Error(), "line 3") || !strings.Contains(r.err.Error(), g) {
			t.Errorf("error %q should name the file and line 3", r.err)
		}
	})

	t.Run("missing gold file", func(t *testing.T) {
		r := runCLI(t, "", "eval", "events", "--gold", dir+"/nope.jsonl")
		wantExitError(t, r.err, 2)
	})

	t.Run("--gold required", func(t *testing.T) {
		r := runCLI(t, "", "eval", "events")
		if exitCode(r.err) != 2 || !strings.Contains(r.err.Error(), "gold") {
			t.Errorf("error %v, want a usage error about --gold", r.err)
		}
	})
}

func TestEvalGSR(t *testing.T) {
	dir := t.TempDir()
	csv := "\ufeffid,event_type,label,accept,reject,total,text\r\n" +
		"p1,PROTEST,yes,3,0,3,تظاهر آلاف المحتجين في القاهرة ضد الحكومة أمس.\r\n" +
		"p2,PROTEST,easy no,0,3,3,\"" + sisiSentence + "\"\r\n" +
		"p3,PROTEST,ambiguous,1,1,2,قال المتحدث إن الاحتجاجات قد تتجدد.\r\n"
	gold := writeFile(t, dir, "gsr.csv", []byte(csv))

	t.Run("score line", func(t *testing.T) {
		r := runCLI(t, "", "eval", "gsr", "--gold", gold)
		if r.err != nil {
			t.Fatalf("eval gsr: %v\n%s", r.err, r.stdout)
		}
		if last := lastLine(r.stdout); !gsrScoreRE.MatchString(last) {
			t.Fatalf("last line %q does not match %s", last, gsrScoreRE)
		}
		// One "yes", the "ambiguous" row left out.
		if !strings.Contains(r.stdout, "positive=1 ") {
			t.Errorf("want one positive sentence:\n%s", r.stdout)
		}
	})

	t.Run("--min-f1 above 1", func(t *testing.T) {
		r := runCLI(t, "", "eval", "gsr", "--gold", gold, "--min-f1", "1.1")
		wantExitError(t, r.err, 2)
		if !gsrScoreRE.MatchString(lastLine(r.stdout)) {
			t.Errorf("last line %q", lastLine(r.stdout))
		}
	})

	t.Run("unknown event type", func(t *testing.T) {
		g := writeFile(t, dir, "bad.csv", []byte("id,event_type,label,text\nx1,COERCE,yes,نص\n"))
		r := runCLI(t, "", "eval", "gsr", "--gold", g)
		wantExitError(t, r.err, 2)
		if !strings.Contains(r.err.Error(), "COERCE") {
			t.Errorf("error %q should name the event type", r.err)
		}
	})

	t.Run("missing column", func(t *testing.T) {
		g := writeFile(t, dir, "nocol.csv", []byte("id,event_type,label\nx1,PROTEST,yes\n"))
		r := runCLI(t, "", "eval", "gsr", "--gold", g)
		wantExitError(t, r.err, 2)
	})
}
