package extract

import (
	"bytes"
	"strings"

	"codeberg.org/readeck/go-readability/v2"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// extractHTML finds the main text and metadata of a page with readeck's
// go-readability (the Mozilla Readability algorithm, maintained fork of
// go-shiori's). data is UTF-8
// (internal/read has converted it), so the page is parsed with
// golang.org/x/net/html directly and any <meta charset> in it is not acted
// upon again. It sets a.Title, Author, Outlet, Published, and returns the
// paragraphs of the main text.
//
// go-trafilatura was used first; it pulls in go-dateparser, whose package
// initialisation compiles regular expressions for 0.28 s at every start of
// every marsad command, text or not — a third of coding a 13 MB corpus.
func extractHTML(data []byte, a *Article) []string {
	root, err := html.Parse(bytes.NewReader(data))
	if err != nil {
		// the parser gives up on a page nested deeper than 512 elements
		// (and on nothing else, for UTF-8 input): read its text token by
		// token instead, never its markup
		title, paras, published := tokenText(data)
		a.Title, a.Published = title, published
		return paras
	}
	var paras []string
	// readability modifies the tree it reads: give it its own copy
	if doc, err := html.Parse(bytes.NewReader(data)); err == nil {
		if res, err := readability.FromDocument(doc, nil); err == nil {
			a.Title = cleanLine(res.Title())
			a.Author = cleanLine(res.Byline())
			a.Outlet = cleanLine(res.SiteName())
			if t, err := res.PublishedTime(); err == nil && !t.IsZero() {
				a.Published = t.Format("2006-01-02")
			}
			// paragraphs from the content's block elements
			if res.Node != nil {
				paras = blockTexts(res.Node)
			}
		}
	}
	if a.Published == "" {
		a.Published = metaDate(root)
	}
	if a.Outlet != "" {
		// «زيارة سرية إلى دمشق - الأيام السورية»: the site's name is not the title's
		for _, sep := range [...]string{" - ", " | ", " – ", " — "} {
			a.Title = strings.TrimSuffix(a.Title, sep+a.Outlet)
		}
	}
	title, ps := fallbackHTML(root)
	if len(paras) == 0 {
		if a.Title == "" {
			a.Title = title
		}
		return ps
	}
	return resegment(paras, ps)
}

// resegment splits the main-text paragraphs at the page's own block
// boundaries when the extractor glued blocks together (a minified page has
// no white space between tags): the page paragraphs found inside the main
// text replace it, in order.
func resegment(paras, page []string) []string {
	if len(page) <= len(paras) {
		return paras
	}
	main := strings.Join(paras, "\n")
	var out []string
	at := 0
	for _, p := range page {
		if i := strings.Index(main[at:], p); i >= 0 {
			out = append(out, p)
			at += i + len(p)
		}
	}
	if len(out) <= len(paras) {
		return paras
	}
	return out
}

// metaDate returns the publication date a page declares in its <meta>
// tags (article:published_time, datePublished, pubdate, date) or in a
// <time datetime> element, as written, or "".
func metaDate(root *html.Node) string {
	var found string
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if found != "" {
			return
		}
		if n.Type == html.ElementNode {
			switch n.DataAtom {
			case atom.Meta:
				var key, content string
				for _, at := range n.Attr {
					switch at.Key {
					case "property", "name", "itemprop":
						key = strings.ToLower(at.Val)
					case "content":
						content = at.Val
					}
				}
				switch key {
				case "article:published_time", "og:published_time", "datepublished", "pubdate", "date", "dc.date", "publish-date":
					found = strings.TrimSpace(content)
				}
			case atom.Time:
				for _, at := range n.Attr {
					if at.Key == "datetime" {
						found = strings.TrimSpace(at.Val)
					}
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(root)
	return found
}

// fallbackHTML returns the <title> text and the text of each <p>.
func fallbackHTML(root *html.Node) (string, []string) {
	var title string
	var paras []string
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.DataAtom {
			case atom.Script, atom.Style, atom.Noscript, atom.Template:
				return
			case atom.Title:
				if title == "" {
					title = cleanLine(collapse(textOf(n)))
				}
				return
			case atom.P:
				for _, l := range strings.Split(textOf(n), "\n") {
					if l = cleanLine(collapse(l)); l != "" {
						paras = append(paras, l)
					}
				}
				return
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(root)
	return title, paras
}

// blockTexts returns the text of n as paragraphs, one per block element
// (p, div, h1-h6, li, blockquote, table cell) or <br>-separated line.
func blockTexts(n *html.Node) []string {
	var paras []string
	var b strings.Builder
	flush := func() {
		if l := cleanLine(collapse(b.String())); l != "" {
			paras = append(paras, l)
		}
		b.Reset()
	}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		switch {
		case n.Type == html.TextNode:
			b.WriteString(n.Data)
			return
		case n.Type != html.ElementNode && n.Type != html.DocumentNode:
			return
		}
		switch n.DataAtom {
		case atom.Script, atom.Style, atom.Noscript, atom.Template:
			return
		case atom.Br:
			flush()
			return
		}
		block := isBlock(n.DataAtom)
		if block {
			flush()
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
		if block {
			flush()
		}
	}
	walk(n)
	flush()
	return paras
}

func isBlock(a atom.Atom) bool {
	switch a {
	case atom.P, atom.Div, atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.Li, atom.Ul, atom.Ol,
		atom.Blockquote, atom.Pre, atom.Td, atom.Th, atom.Tr, atom.Table, atom.Section, atom.Article,
		atom.Header, atom.Footer, atom.Main, atom.Figure, atom.Figcaption, atom.Dd, atom.Dt, atom.Hr:
		return true
	}
	return false
}

// textOf returns the text inside n, with <br> as a newline.
func textOf(n *html.Node) string {
	var b strings.Builder
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		switch {
		case n.Type == html.TextNode:
			b.WriteString(n.Data)
		case n.Type == html.ElementNode && n.DataAtom == atom.Br:
			b.WriteByte('\n')
		case n.Type == html.ElementNode && (n.DataAtom == atom.Script || n.DataAtom == atom.Style):
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}

// collapse turns runs of white space into one space.
func collapse(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// tokenText reads a page with the HTML tokenizer, which keeps no tree and
// so has no depth limit: the <title> text, the text as paragraphs (one per
// block element or <br>-separated line, script, style and the like left
// out) and the publication date declared in a <meta> tag, or "".
func tokenText(data []byte) (title string, paras []string, published string) {
	z := html.NewTokenizer(bytes.NewReader(data))
	var b, tb strings.Builder
	flush := func() {
		if l := cleanLine(collapse(b.String())); l != "" {
			paras = append(paras, l)
		}
		b.Reset()
	}
	skip := 0 // inside script, style, noscript or template
	inTitle := false
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			flush()
			return cleanLine(collapse(tb.String())), paras, published
		case html.TextToken:
			switch {
			case skip > 0:
			case inTitle:
				tb.Write(z.Text())
			default:
				b.Write(z.Text())
			}
		case html.StartTagToken, html.EndTagToken, html.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			at := atom.Lookup(name)
			switch at {
			case atom.Script, atom.Style, atom.Noscript, atom.Template:
				if tt == html.StartTagToken {
					skip++
				} else if tt == html.EndTagToken && skip > 0 {
					skip--
				}
			case atom.Title:
				inTitle = tt == html.StartTagToken && title == "" && tb.Len() == 0
			case atom.Br:
				flush()
			case atom.Meta:
				if published == "" && hasAttr {
					published = metaTokenDate(z)
				}
			default:
				if isBlock(at) {
					flush()
				}
			}
		}
	}
}

// metaTokenDate returns the publication date of a <meta> tag the tokenizer
// is on (see metaDate), or "".
func metaTokenDate(z *html.Tokenizer) string {
	var key, content string
	for {
		k, v, more := z.TagAttr()
		switch string(k) {
		case "property", "name", "itemprop":
			key = strings.ToLower(string(v))
		case "content":
			content = string(v)
		}
		if !more {
			break
		}
	}
	switch key {
	case "article:published_time", "og:published_time", "datepublished", "pubdate", "date", "dc.date", "publish-date":
		return strings.TrimSpace(content)
	}
	return ""
}
