package ner

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
)

// Sentence is one sentence of a CoNLL file: its lines as read (without the
// line terminator), the token of each line (first column, with a leading
// byte-order mark or bidi mark removed) and, when the line has two or more
// columns, its last column as the tag (empty otherwise).
type Sentence struct {
	Lines  []string // input lines, without "\n" or "\r\n"
	Tokens []string // first column of each line
	Tags   []string // last column of each line, "" when there is only one column
}

// ReadCoNLL reads CoNLL data from r and calls fn once per sentence, in
// order. Sentences are separated by lines that are empty or hold only white
// space; columns are separated by spaces or tabs; CRLF line ends are
// accepted. Lines are never dropped: every non-blank line of the input
// belongs to exactly one sentence. An error from fn stops reading and is
// returned as is; read errors are wrapped. ReadCoNLL checks ctx between
// sentences.
func ReadCoNLL(ctx context.Context, r io.Reader, fn func(Sentence) error) error {
	br := bufio.NewReaderSize(r, 64<<10)
	var s Sentence
	emit := func() error {
		if len(s.Lines) == 0 {
			return nil
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		err := fn(s)
		s = Sentence{}
		return err
	}
	first := true
	for {
		line, err := br.ReadString('\n')
		if err != nil && !errors.Is(err, io.EOF) {
			return fmt.Errorf("read conll: %w", err)
		}
		if len(line) == 0 && err != nil {
			break
		}
		line = strings.TrimSuffix(line, "\n")
		line = strings.TrimSuffix(line, "\r")
		if first {
			line = strings.TrimPrefix(line, "\uFEFF")
			first = false
		}
		fields := strings.FieldsFunc(line, func(r rune) bool { return r == ' ' || r == '\t' || r == '\r' || r == '\v' || r == '\f' })
		if len(fields) == 0 || isBlankLine(fields) {
			if ferr := emit(); ferr != nil {
				return ferr
			}
		} else {
			tok := strings.TrimLeft(fields[0], "\uFEFF\u200E\u200F")
			if tok == "" {
				tok = fields[0]
			}
			tag := ""
			if len(fields) > 1 {
				tag = fields[len(fields)-1]
			}
			s.Lines = append(s.Lines, line)
			s.Tokens = append(s.Tokens, tok)
			s.Tags = append(s.Tags, tag)
		}
		if err != nil {
			break
		}
	}
	return emit()
}

// isBlankLine reports whether a line whose fields are only invisible marks
// (BOM, LRM, RLM) separates sentences.
func isBlankLine(fields []string) bool {
	for _, f := range fields {
		if strings.Trim(f, "\uFEFF\u200E\u200F") != "" {
			return false
		}
	}
	return true
}

// ReadCoNLLAll reads every sentence of r (see ReadCoNLL).
func ReadCoNLLAll(ctx context.Context, r io.Reader) ([]Sentence, error) {
	var out []Sentence
	err := ReadCoNLL(ctx, r, func(s Sentence) error {
		out = append(out, s)
		return nil
	})
	return out, err
}

// WriteCoNLL writes sentences as CoNLL: each line as "token TAG", a blank
// line after each sentence. It is the format of ANERcorp and of the files
// `marsad train ner --write-dev` produces.
func WriteCoNLL(w io.Writer, sents []Sentence) error {
	bw := bufio.NewWriter(w)
	for _, s := range sents {
		for i, tok := range s.Tokens {
			tag := "O"
			if i < len(s.Tags) && s.Tags[i] != "" {
				tag = s.Tags[i]
			}
			if _, err := fmt.Fprintf(bw, "%s %s\n", tok, tag); err != nil {
				return fmt.Errorf("write conll: %w", err)
			}
		}
		if err := bw.WriteByte('\n'); err != nil {
			return fmt.Errorf("write conll: %w", err)
		}
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write conll: %w", err)
	}
	return nil
}
