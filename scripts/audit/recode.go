package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
)

func runRecode(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("recode", flag.ContinueOnError)
	fs.SetOutput(stderr)
	bin := fs.String("bin", "", "the new marsad binary (required)")
	corpus := fs.String("corpus", "../shared/data/corpus/ant.jsonl", "the corpus the samples were drawn from")
	dir := fs.String("dir", "testdata/audit", "the judged samples")
	out := fs.String("out", "", "directory for the re-coded samples (required; not the judged one)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *bin == "" || *out == "" {
		return usageError{"recode: -bin and -out are required"}
	}
	if a, _ := filepath.Abs(*out); a == mustAbs(*dir) {
		return usageError{"recode: -out must not be the judged directory"}
	}
	judged, err := readJSONL[EventItem](filepath.Join(*dir, fileEvents))
	if err != nil {
		return err
	}
	sents, err := readJSONL[SentenceItem](filepath.Join(*dir, fileSents))
	if err != nil {
		return err
	}
	ids := map[string]bool{}
	for _, it := range judged {
		ids[it.ID] = true
	}
	for _, it := range sents {
		ids[it.ID] = true
	}
	coded, err := codeSome(*bin, *corpus, ids)
	if err != nil {
		return err
	}
	evs, st := Recode(judged, sents, coded)
	if err := os.MkdirAll(*out, 0o755); err != nil {
		return err
	}
	if err := writeJSONL(filepath.Join(*out, fileEvents), evs); err != nil {
		return err
	}
	if err := writeJSONL(filepath.Join(*out, fileSents), sents); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "re-coded %d articles: %d events on the %d sampled sentences; %d keep a judgement, %d unjudged\n",
		len(coded), len(evs), st.sentences, st.kept, st.unjudged)
	for _, v := range []string{Right, WrongActor, WrongCode, NoEvent} {
		fmt.Fprintf(stdout, "  judged %-12s kept %3d  no longer coded %3d\n", v, st.keptBy[v], st.lostBy[v])
	}
	if st.notFound > 0 {
		fmt.Fprintf(stdout, "  %d sampled sentences are not in the new binary's text (their events are lost)\n", st.notFound)
	}
	writeReport(stdout, ScorePrecision(evs), ScoreRecall(sents))
	return nil
}

// recodeStats counts what a re-code kept and lost.
type recodeStats struct {
	sentences, kept, unjudged, notFound int
	keptBy, lostBy                      map[string]int
}

// Recode re-codes the samples from a new binary's output (coded, by
// article id). It returns the new event sample: every counted event of the
// new binary whose trigger is in a sentence of the judged event sample,
// carrying the judgement of a judged event with the same key (article,
// sentence, source and target country and role, CAMEO code; each judged
// event is used at most once), unjudged otherwise. It replaces the marsad
// column of every sampled sentence with the new binary's events and marks
// the gold events found again.
func Recode(judged []EventItem, sents []SentenceItem, coded map[string]*Coded) ([]EventItem, recodeStats) {
	st := recodeStats{keptBy: map[string]int{}, lostBy: map[string]int{}}
	pending := map[string][]int{} // key → judged items not yet matched
	type sent struct{ id, text string }
	var order []sent
	seen := map[sent]bool{}
	for i, it := range judged {
		pending[it.key()] = append(pending[it.key()], i)
		s := sent{it.ID, it.Sentence}
		if !seen[s] {
			seen[s] = true
			order = append(order, s)
		}
	}
	used := make([]bool, len(judged))
	var out []EventItem
	for _, s := range order {
		st.sentences++
		c := coded[s.id]
		start, end, ok := locate(c, s.text)
		if !ok {
			st.notFound++
			continue
		}
		for i := range c.Events {
			e := &c.Events[i]
			if !counted(e) || e.Trigger.Start < start || e.Trigger.Start >= end {
				continue
			}
			it := eventItem(s.id, e)
			it.Sentence = s.text
			it.N = len(out) + 1
			if q := pending[it.key()]; len(q) > 0 {
				it.Judgement = judged[q[0]].Judgement
				used[q[0]] = true
				pending[it.key()] = q[1:]
				st.kept++
				st.keptBy[it.Judgement.Verdict]++
			} else {
				st.unjudged++
			}
			out = append(out, it)
		}
	}
	for i, it := range judged {
		if !used[i] {
			st.lostBy[it.Judgement.Verdict]++
		}
	}
	for i := range sents {
		it := &sents[i]
		it.Marsad = []Found{}
		if start, end, ok := locate(coded[it.ID], it.Sentence); ok {
			it.Marsad = foundIn(coded[it.ID].Events, start, end)
		}
		it.markFound()
	}
	return out, st
}

// locate finds a sampled sentence in a coded article's text: its byte
// span, exactly or, if the new binary changed white space, by a search
// over collapsed white space.
func locate(c *Coded, sentence string) (start, end int, ok bool) {
	if c == nil || sentence == "" {
		return 0, 0, false
	}
	if i := strings.Index(c.Text, sentence); i >= 0 {
		return i, i + len(sentence), true
	}
	// white space differs: map the collapsed text back to offsets
	var b strings.Builder
	var offs []int
	space := false
	for i, r := range c.Text {
		if r == ' ' || r == '\n' || r == '\t' || r == '\r' {
			space = true
			continue
		}
		if space && b.Len() > 0 {
			offs = append(offs, i)
			b.WriteByte(' ')
		}
		space = false
		for range len(string(r)) {
			offs = append(offs, i)
		}
		b.WriteRune(r)
	}
	n := normSpace(sentence)
	k := strings.Index(b.String(), n)
	if k < 0 {
		return 0, 0, false
	}
	last := k + len(n) - 1
	_, size := firstRune(c.Text[offs[last]:])
	return offs[k], offs[last] + size, true
}

func firstRune(s string) (rune, int) {
	for _, r := range s {
		return r, len(string(r))
	}
	return 0, 0
}

// codeSome codes the corpus articles whose ids are in ids with bin and
// returns its output by id.
func codeSome(bin, corpus string, ids map[string]bool) (map[string]*Coded, error) {
	in, err := os.Open(corpus)
	if err != nil {
		return nil, err
	}
	defer in.Close()
	tmp, err := os.CreateTemp("", "audit-*.jsonl")
	if err != nil {
		return nil, err
	}
	defer os.Remove(tmp.Name())
	w := bufio.NewWriter(tmp)
	sc := bufio.NewScanner(in)
	sc.Buffer(make([]byte, 1<<20), 256<<20)
	for sc.Scan() {
		var v struct {
			ID string `json:"id"`
		}
		if json.Unmarshal(sc.Bytes(), &v) == nil && ids[v.ID] {
			w.Write(sc.Bytes())
			w.WriteByte('\n')
		}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	if err := w.Flush(); err != nil {
		return nil, err
	}
	if err := tmp.Close(); err != nil {
		return nil, err
	}
	arts, err := codeCorpus(bin, tmp.Name())
	if err != nil {
		return nil, err
	}
	out := map[string]*Coded{}
	for i := range arts {
		out[arts[i].ID] = &arts[i].Coded
	}
	return out, nil
}

func mustAbs(p string) string {
	a, err := filepath.Abs(p)
	if err != nil {
		return p
	}
	return a
}
