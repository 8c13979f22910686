package arabic

// Span is a half-open range [Start, End) of token indices.
type Span struct{ Start, End int }

// isSentenceEnd reports whether a punctuation token ends a sentence.
func isSentenceEnd(s string) bool {
	switch s {
	case ".", "!", "?", "؟", "…", "。":
		return true
	}
	return false
}

// Sentences splits tokens of text into sentences. A sentence ends after
// a full stop, question or exclamation mark (Arabic or Latin) and at every
// line break, so paragraphs, titles and numbered points («1/ …») are
// sentences of their own. A closing quote or bracket right after the end
// mark stays in the sentence. Empty sentences are not returned.
//
// A sentence never has more than MaxSentence tokens: a longer run (text
// with no full stops, a list scraped as one line) is cut after its last
// punctuation mark before the limit, or at the limit when it has none, so
// that the stages reading a sentence as a whole cost time in proportion to
// the text, not to the square of a sentence's length.
func Sentences(text string, toks []Token) []Span {
	var out []Span
	start, lastPunct := 0, -1
	for i := 0; i < len(toks); i++ {
		if i-start >= MaxSentence {
			cut := i
			if lastPunct > start {
				cut = lastPunct + 1
			}
			out = append(out, Span{start, cut})
			start, lastPunct = cut, -1
		}
		if toks[i].Kind == Punct {
			lastPunct = i
		}
		end := false
		if toks[i].Kind == Punct && isSentenceEnd(toks[i].Text) {
			end = true
			for i+1 < len(toks) && toks[i+1].Kind == Punct && isCloser(toks[i+1].Text) && toks[i+1].Start == toks[i].End {
				i++
			}
		} else if i+1 < len(toks) && hasNewline(text[toks[i].End:toks[i+1].Start]) {
			end = true
		}
		if end {
			if i+1 > start {
				out = append(out, Span{start, i + 1})
			}
			start = i + 1
		}
	}
	if start < len(toks) {
		out = append(out, Span{start, len(toks)})
	}
	return out
}

// MaxSentence is the most tokens a sentence has (see Sentences); the
// longest sentence of the ANT corpus has 857.
const MaxSentence = 1000

func isCloser(s string) bool {
	switch s {
	case "»", "\"", "”", "'", ")", "]", "’":
		return true
	}
	return false
}

func hasNewline(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] == '\n' {
			return true
		}
	}
	return false
}

// IsQuote reports whether a punctuation token is a quotation mark, Arabic
// («») or Latin, which may stand inside a name or a phrase without
// breaking it.
func IsQuote(s string) bool {
	switch s {
	case "«", "»", "\"", "“", "”", "'", "‘", "’":
		return true
	}
	return false
}
