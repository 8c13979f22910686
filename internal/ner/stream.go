package ner

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
)

// TagCoNLL reads CoNLL from r (token in the first column, other columns
// ignored, blank line between sentences) and writes every input line to w
// with the predicted BIO tag appended as a last column (separated by a tab
// when the line contains a tab, by a space otherwise), with one blank line
// after each sentence.
func TagCoNLL(ctx context.Context, t *Tagger, r io.Reader, w io.Writer) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	err := ReadCoNLL(ctx, r, func(s Sentence) error {
		tags := t.Tag(s.Tokens)
		for i, line := range s.Lines {
			sep := " "
			if strings.Contains(line, "\t") {
				sep = "\t"
			}
			bw.WriteString(line)
			bw.WriteString(sep)
			bw.WriteString(tags[i])
			bw.WriteByte('\n')
		}
		return bw.WriteByte('\n')
	})
	if err != nil {
		return fmt.Errorf("ner conll: %w", err)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("ner conll: %w", err)
	}
	return nil
}

// Entity is a named entity found in raw text.
type Entity struct {
	Text  string `json:"text"`  // the entity as it appears in the text
	Type  string `json:"type"`  // PERS, LOC, ORG or MISC
	Start int    `json:"start"` // byte offset into the text
	End   int    `json:"end"`   // byte offset just past the entity
}

// Entities tokenizes text, tags it sentence by sentence (a sentence ends
// after . ! ? ؟ or …) and returns the entities with byte offsets into text.
func (t *Tagger) Entities(text string) []Entity {
	toks := Tokenize(text)
	var out []Entity
	words := make([]string, 0, 64)
	for lo := 0; lo < len(toks); {
		hi := lo
		for hi < len(toks) {
			hi++
			if isSentenceEnd(toks[hi-1].Text) {
				break
			}
		}
		words = words[:0]
		for _, tk := range toks[lo:hi] {
			words = append(words, tk.Text)
		}
		for _, sp := range Spans(t.Tag(words)) {
			s, e := toks[lo+sp.Start].Start, toks[lo+sp.End-1].End
			out = append(out, Entity{Text: text[s:e], Type: sp.Type, Start: s, End: e})
		}
		lo = hi
	}
	return out
}

func isSentenceEnd(tok string) bool {
	switch tok {
	case ".", "!", "?", "؟", "…":
		return true
	}
	return false
}

// jsonDoc is one line of --format jsonl output.
type jsonDoc struct {
	ID       json.RawMessage `json:"id,omitempty"`
	Text     string          `json:"text"`
	Entities []Entity        `json:"entities"`
}

// TagJSONL reads documents from r, one per line, and writes one JSON object
// per document to w: {"id"?, "text", "entities": [{"text", "type", "start",
// "end"}]} with byte offsets into text. A line that is a JSON object with a
// string "text" field is a document with that text (and its "id", if any);
// any other non-blank line is raw text. Blank lines are skipped. Lines may
// be of any length; see TagJSONLWith for a limit.
func TagJSONL(ctx context.Context, t *Tagger, r io.Reader, w io.Writer) error {
	_, err := TagJSONLWith(ctx, t, r, w, JSONLOptions{})
	return err
}

// JSONLOptions controls TagJSONLWith. The zero value reads lines of any
// length and stops at the first error.
type JSONLOptions struct {
	// MaxLine is the longest line read, in bytes; 0 means no limit. A
	// longer line is skipped to its end without being held in memory.
	MaxLine int
	// OnLineError is given a line that could not be tagged (longer than
	// MaxLine: ErrLineTooLong) with its 1-based number; when it returns
	// nil the next lines are tagged. Nil means stop with the error.
	OnLineError func(line int, err error) error
}

// ErrLineTooLong is the reason given for a line longer than
// JSONLOptions.MaxLine.
var ErrLineTooLong = errors.New("line too long")

// TagJSONLWith is TagJSONL with options; it returns how many documents
// were written.
func TagJSONLWith(ctx context.Context, t *Tagger, r io.Reader, w io.Writer, o JSONLOptions) (int, error) {
	br := bufio.NewReaderSize(r, 64<<10)
	bw := bufio.NewWriterSize(w, 64<<10)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	docs := 0
	var buf []byte
	for n := 1; ; n++ {
		if err := ctx.Err(); err != nil {
			return docs, fmt.Errorf("ner jsonl: %w", err)
		}
		var rerr error
		buf, rerr = readLine(br, buf[:0], o.MaxLine)
		if errors.Is(rerr, ErrLineTooLong) {
			err := fmt.Errorf("%w: more than %d bytes", rerr, o.MaxLine)
			if o.OnLineError == nil {
				return docs, fmt.Errorf("ner jsonl: line %d: %w", n, err)
			}
			if err := o.OnLineError(n, err); err != nil {
				return docs, err
			}
			continue
		}
		if rerr != nil && !errors.Is(rerr, io.EOF) {
			return docs, fmt.Errorf("ner jsonl: %w", rerr)
		}
		line := strings.TrimRight(string(buf), "\r\n")
		if strings.TrimSpace(line) != "" {
			doc := jsonDoc{Text: line}
			if strings.HasPrefix(strings.TrimSpace(line), "{") {
				var in struct {
					ID   json.RawMessage `json:"id"`
					Text *string         `json:"text"`
				}
				if json.Unmarshal([]byte(line), &in) == nil && in.Text != nil {
					doc = jsonDoc{ID: in.ID, Text: *in.Text}
				}
			}
			// the output writes the text as UTF-8, invalid bytes as U+FFFD:
			// tag that text, so that the offsets point into it
			doc.Text = strings.ToValidUTF8(doc.Text, "\uFFFD")
			doc.Entities = t.Entities(doc.Text)
			if doc.Entities == nil {
				doc.Entities = []Entity{}
			}
			if err := enc.Encode(doc); err != nil {
				return docs, fmt.Errorf("ner jsonl: %w", err)
			}
			docs++
		}
		if rerr != nil {
			break
		}
	}
	if err := bw.Flush(); err != nil {
		return docs, fmt.Errorf("ner jsonl: %w", err)
	}
	return docs, nil
}

// readLine appends the next line of br, with its newline, to buf. A line
// longer than max (when max > 0) is read to its end and dropped:
// ErrLineTooLong. At the end of the input it returns what is left and io.EOF.
func readLine(br *bufio.Reader, buf []byte, max int) ([]byte, error) {
	for {
		part, err := br.ReadSlice('\n')
		if max > 0 && len(buf)+len(bytes.TrimSuffix(part, []byte("\n"))) > max {
			for err == bufio.ErrBufferFull {
				_, err = br.ReadSlice('\n')
			}
			if err != nil && !errors.Is(err, io.EOF) {
				return buf[:0], err
			}
			return buf[:0], ErrLineTooLong
		}
		buf = append(buf, part...)
		if err != bufio.ErrBufferFull {
			return buf, err
		}
	}
}
