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
		paras = splitLines([]byte(res.ContentText), nil)
	}
	if len(paras) == 0 {
		title, ps := fallbackHTML(root)
		if a.Title == "" {
			a.Title = title
		}
		paras = ps
	}
	return paras
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
