package code

import (
	"slices"
	"strings"

	"github.com/marsad/marsad/internal/arabic"
	"github.com/marsad/marsad/internal/kb"
	"github.com/marsad/marsad/internal/recognise"
)

// signs are the words of a sentence that tell violence as background.
type signs struct {
	background bool // a trial, an investigation, a film… («أدين», «التحقيقات»), not as a place
	courtCase  bool // «قضية» as a court case, not a cause («القضية الفلسطينية»)
	memorial   bool // a commemoration («الذكرى»), not as a place
	commentary bool // the writer's own voice («أقول», «إنكم»), outside quotation marks

	// words whose reach each trigger then measures (none: nothing to look for)
	foretell bool // fear or prediction («مخاوف», «تكهن»)
	prevent  bool // prevention («أحبط»)
	cease    bool // cessation («توقف»)
	suffer   bool // suffering («تعرض»)
	whether  bool // «ما إذا»
	asking   bool // a question opener («أكان», «هل») for «أم»
	accident bool // an accident or a disaster («حادث سير», «زلزال»)
	sport    bool // a match, a player, a club («مباراة», «اللاعب»)
}

// signs returns the signs of the sentence, read on first use.
func (x *sctx) signs() signs {
	if !x.read {
		x.sg, x.read = x.signsOf(x.ms), true
	}
	return x.sg
}

// signsOf reads the signs of sentence s in one pass, looking each word up
// once as written and once without its proclitic; the words of a named
// actor of several words (ms: the sentence's mentions) are no signs.
func (x *sctx) signsOf(ms []recognise.Mention) signs {
	c, toks, s := x.c, x.toks, x.s
	var sg signs
	var scratch [4]arabic.Analysis
	for k := s.Start; k < s.End; k++ {
		if toks[k].Kind != arabic.Word {
			continue
		}
		for len(ms) > 0 && ms[0].End <= k {
			ms = ms[1:]
		}
		if len(ms) > 0 && ms[0].Start == k && ms[0].End-k > 1 && hasKind(ms[0].Entries, kb.EntActor) {
			k = ms[0].End - 1 // a named institution («المحكمة الجنائية الدولية») is an actor, not a trial
			continue
		}
		n := toks[k].Norm
		cls := x.classesAt(k)
		var bare []string
		if len(n) > 2 && strings.Contains("وفبل", n[:2]) {
			bare = x.in.Gram.Bare(k)
		}
		has := func(x string) bool { return slices.Contains(cls, x) || slices.Contains(bare, x) }
		if has("background") && !x.placed(k) {
			sg.background = true
		}
		if has("memorial") && !x.placed(k) {
			sg.memorial = true
		}
		if has("commentary") && !x.inQuote(k) {
			sg.commentary = true
		}
		sg.foretell = sg.foretell || has("foretell")
		sg.prevent = sg.prevent || has("prevent")
		sg.cease = sg.cease || has("cease")
		sg.suffer = sg.suffer || has("suffer")
		sg.asking = sg.asking || has("asking")
		sg.whether = sg.whether || k > s.Start && slices.Contains(cls, "if") && x.hasClassAt(k-1, "whether")
		sg.accident = sg.accident || x.accidentAt(k, cls, bare)
		sg.sport = sg.sport || has("sport")
		if has("case") && !sg.courtCase {
			cause := false // a nisba adjective after it: «القضية الفلسطينية»
			if k+1 < s.End {
				mm, ok := c.lex.MatchAt(toks[:s.End], k+1, scratch[:0])
				cause = ok && hasKind(mm.Entries, kb.EntDemonym)
			}
			sg.courtCase = !cause
		}
	}
	return sg
}

// accidentAt reports token k of sentence s naming an accident or a
// disaster, alone or with the next word; cls and bare are its grammar
// classes as written and without its proclitic.
func (x *sctx) accidentAt(k int, cls, bare []string) bool {
	c, toks, s := x.c, x.toks, x.s
	n := toks[k].Norm
	if k+1 < s.End && c.lex.StartsPhrase(n) && c.lex.HasClass(n+" "+toks[k+1].Norm, "accident") {
		return true // «حادث سير»
	}
	if !slices.Contains(cls, "accident") && !slices.Contains(bare, "accident") {
		return false
	}
	for j := range x.ms {
		if x.ms[j].Start == k {
			if ch, ok := x.choose(j); ok && c.lex.KB.Triggers[ch.Trigger].POS == "V" {
				return false // «تدافع الحكومة عن سياستها»: a verb (defends), not the noun (a stampede)
			}
			break
		}
	}
	return true
}
