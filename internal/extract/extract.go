// Package extract turns a RawDoc into an Article: title, lede, outlet,
// section, author, publication date, attribution and the body text that is
// coded, with boilerplate (comment forms, share and "read also" blocks)
// recognised and left out.
package extract

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"path"
	"path/filepath"
	"strings"
	"time"
	"unicode/utf8"
	"unsafe"

	"github.com/marsad/marsad/internal/read"
)

// Article is one news article ready for analysis.
//
// Text is what the coder sees and what every offset downstream points into:
// the title, a blank line, then the body paragraphs separated by blank lines.
// Boilerplate, the outlet/section line and the attribution line are not in
// Text; they are reported in their own fields.
type Article struct {
	ID          string    // stable identifier (input id, or derived from the URI and content)
	URI         string    // where the article was read from
	Title       string    // headline, "" if none
	Lede        string    // first paragraph of the body, "" if none
	Outlet      string    // publishing outlet («الأيام السورية»), "" if unknown
	Section     string    // section within the outlet («قسم الأخبار»), "" if unknown
	Author      string    // author, "" if unknown
	Published   string    // publication date as given by the input, "" if unknown
	PublishedAt time.Time // Published parsed, zero if unknown or unparseable
	Attribution string    // the article's credited origin («الشرق الأوسط»), "" if none
	Text        string    // title + "\n\n" + body paragraphs joined by "\n\n"
	Dropped     []string  // boilerplate lines that were removed, for explain/debugging
}

// Options controls Extract. The zero value works.
type Options struct {
	// Boilerplate is the phrase list used to recognise boilerplate
	// paragraphs; nil means DefaultBoilerplate (boilerplate.txt).
	Boilerplate *Boilerplate
}

// Extract turns one RawDoc into an Article.
//
// Plain text: the first non-empty, non-boilerplate line is the title; every
// other non-empty line is a paragraph. JSON Lines and TREC: the title,
// publication date, outlet, section and author come from doc.Meta (the first
// line of the body is the title when Meta has none, and a body that repeats
// the title does not repeat it in Text). HTML: go-readability finds the main
// text and the metadata; when it finds nothing, the <title> and the <p>
// texts are used; a title and a date in doc.Meta (a feed item's) fill in
// what the page lacks, and the page's own win.
//
// In every format an «outlet؛ section» line near the top fills Outlet and
// Section, an attribution line («المصدر: …», «نقلاً عن …», «مصدر …») near the
// end fills Attribution, and boilerplate paragraphs are dropped (listed in
// Dropped); none of them is left in Text.
//
// An error means nothing usable was found (no title and no body); the
// Article then still carries ID and URI.
func Extract(doc read.RawDoc, opts Options) (Article, error) {
	bp := opts.Boilerplate
	if bp == nil {
		bp = DefaultBoilerplate()
	}
	data := doc.Data
	if !doc.ValidUTF8 && !utf8.Valid(data) {
		data = bytes.ToValidUTF8(data, []byte("\uFFFD"))
	}
	a := Article{ID: DeriveID(doc), URI: doc.URI}
	var paras []string
	borrowed := false // whether paras point into data
	switch doc.Format {
	case read.FormatHTML:
		paras = extractHTML(data, &a)
		// a page's own title and date win over what came with it (a feed
		// item's); those fill in what the page lacks
		if a.Title == "" {
			a.Title = cleanLine(metaFirst(doc.Meta, "title", "headline"))
		}
	default:
		// the lines are read in place; detach copies out what the Article keeps
		paras = splitText(unsafe.String(unsafe.SliceData(data), len(data)), nil)
		borrowed = true
		a.Title = cleanLine(metaFirst(doc.Meta, "title", "headline"))
	}
	switch p := metaFirst(doc.Meta, "published", "date", "time", "date_time", "pubdate"); {
	case doc.Format == read.FormatHTML:
		if a.Published == "" {
			a.Published = p // the page's own date wins
		}
	case p != "" || a.Published == "":
		a.Published = p // the input's own field wins over what the text says
	}
	if a.Outlet == "" {
		a.Outlet = metaFirst(doc.Meta, "outlet", "source", "site", "site_name", "src")
	}
	if a.Section == "" {
		a.Section = metaFirst(doc.Meta, "section", "category")
	}
	if a.Author == "" {
		a.Author = metaFirst(doc.Meta, "author", "byline")
	}
	body := clean(paras, bp, &a)
	if a.Title == "" && len(body) > 0 {
		a.Title, body = body[0], body[1:]
	} else if len(body) > 0 && sameText(body[0], a.Title) {
		body = body[1:]
	}
	if len(body) > 0 {
		a.Lede = body[0]
	}
	a.Text = joinText(a.Title, body)
	if borrowed {
		a.detach()
	}
	if a.Published != "" {
		a.PublishedAt = ParseDate(a.Published)
	}
	if a.Text == "" {
		return a, errors.New("no text found")
	}
	return a, nil
}

// detach makes the Article's fields independent of the document's bytes,
// which its lines were read from in place: the title and the lede become
// parts of Text (which starts with the title, and then the lede after a
// blank line), the other fields copies.
func (a *Article) detach() {
	a.Title = a.Text[:len(a.Title)]
	if a.Lede != "" {
		at := 0
		if a.Title != "" {
			at = len(a.Title) + len("\n\n")
		}
		a.Lede = a.Text[at : at+len(a.Lede)]
	}
	a.Outlet, a.Section = strings.Clone(a.Outlet), strings.Clone(a.Section)
	a.Author, a.Attribution = strings.Clone(a.Author), strings.Clone(a.Attribution)
	for i, d := range a.Dropped {
		a.Dropped[i] = strings.Clone(d)
	}
}

// metaFirst returns the first non-empty value among keys of m.
func metaFirst(m map[string]string, keys ...string) string {
	for _, k := range keys {
		if v := strings.TrimSpace(m[k]); v != "" {
			return v
		}
	}
	return ""
}

// DeriveID returns doc.ID when set; otherwise the base name of the input
// without its extension ("000_d61fa5c1789e1101" for
// "seeds/000_d61fa5c1789e1101.txt") — for a file found in a directory, its
// name relative to that directory without the extension ("x/a" for
// "corpus/x/a.txt", so that "corpus/y/a.txt" is "y/a") — with "-N" for
// record N of a multi-record input; for standard input, "sha256-" and 16
// hex digits of the content.
func DeriveID(doc read.RawDoc) string {
	if doc.ID != "" {
		return doc.ID
	}
	uri, rec, _ := strings.Cut(doc.URI, "#")
	if uri == "" || uri == "-" {
		sum := sha256.Sum256(doc.Data)
		id := "sha256-" + hex.EncodeToString(sum[:8])
		return id
	}
	if doc.Name != "" {
		id := strings.TrimSuffix(doc.Name, path.Ext(doc.Name))
		if rec != "" {
			id += "-" + rec
		}
		return id
	}
	base := path.Base(filepath.ToSlash(uri))
	if i := strings.IndexByte(base, '?'); i > 0 {
		base = base[:i]
	}
	base = strings.TrimSuffix(base, path.Ext(base))
	if rec != "" {
		base += "-" + rec
	}
	return base
}

// joinText builds Article.Text.
func joinText(title string, body []string) string {
	n := len(title)
	for _, p := range body {
		n += len(p) + 2
	}
	var b strings.Builder
	b.Grow(n + 2)
	b.WriteString(title)
	for i, p := range body {
		if i > 0 || title != "" {
			b.WriteString("\n\n")
		}
		b.WriteString(p)
	}
	return b.String()
}

// sameText compares two paragraphs ignoring spacing and punctuation.
func sameText(a, b string) bool {
	if a == b {
		return true
	}
	// the first bytes of the keys first: a first paragraph that does not
	// repeat the title (almost all) differs from it within a word or two
	var preA, preB [24]byte
	pa, _, _ := appendKey(preA[:0], a, 64, 16)
	pb, _, _ := appendKey(preB[:0], b, 64, 16)
	if n := min(len(pa), len(pb)); string(pa[:n]) != string(pb[:n]) {
		return false // the keys below start with pa and pb
	}
	if len(b) < len(a) {
		a, b = b, a // the key of the shorter text in full, the other's only as far as needed
	}
	var bufA, bufB [keyLen + 8]byte
	ka, _, _ := appendKey(bufA[:0], a, 64, keyLen+8)
	if len(ka) == 0 || len(ka) >= keyLen {
		return false
	}
	// b's key cannot equal a's once it is longer: stop there
	kb, _, longer := appendKey(bufB[:0], b, 64, len(ka))
	return !longer && string(ka) == string(kb)
}
