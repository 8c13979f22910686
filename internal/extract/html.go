package extract

import (
	"bytes"
	"strings"

	trafilatura "github.com/markusmobius/go-trafilatura"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// extractHTML finds the main text and metadata of a page. data is UTF-8
// (internal/read has converted it), so the page is parsed with
// golang.org/x/net/html directly and any <meta charset> in it is not acted
// upon again. It sets a.Title, Author, Outlet, Published, and returns the
// paragraphs of the main text.
func extractHTML(data []byte, a *Article) []string {
	root, err := html.Parse(bytes.NewReader(data))
	if err != nil {
		return splitLines(data, nil)
	}
	var paras []string
	res, err := trafilatura.ExtractDocument(root, trafilatura.Options{
		ExcludeComments: true,
		HtmlDateMode:    trafilatura.Fast,
	})
	if err == nil && res != nil {
		m := res.Metadata
		a.Title = cleanLine(m.Title)
		a.Author = cleanLine(m.Author)
		a.Outlet = cleanLine(m.Sitename)
		if !m.Date.IsZero() {
			a.Published = m.Date.Format("2006-01-02")
		}
		// paragraphs from the content's block elements: ContentText glues the
		// blocks of a minified page (no white space between tags) together
		if res.ContentNode != nil {
			paras = blockTexts(res.ContentNode)
		}
		if len(paras) == 0 {
			paras = splitLines([]byte(res.ContentText), nil)
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
