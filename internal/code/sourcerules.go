package code

import (
	"strings"

	"github.com/marsad/marsad/internal/arabic"
	"github.com/marsad/marsad/internal/kb"
	"github.com/marsad/marsad/internal/recognise"
	"github.com/marsad/marsad/internal/resolve"
)

// srcProbe is what the source rules read about one trigger: the probes of
// its sentence, computed once by source and shared by every rule.
type srcProbe struct {
	c      *Coder
	x      *sctx
	toks   []arabic.Token
	s      arabic.Span
	m      *recognise.Mention
	t      *kb.Trigger
	actors []resolve.Actor  // the sentence's actors
	last   []*resolve.Actor // the source of the previous event, with its conjuncts
	verb   bool             // a verb or a fixed phrase, not a verbal noun
	conj   bool             // joined to what comes before by «و» or «ف»
	// the shapes of the clause
	passive, participle, quoted1st, pronounSubj, adjacentPrev, phraseAfter bool
	// candidate actors (indices into actors, -1 for none)
	prev, next, agent, control, stage, antecedent, speakerIdx int
}

// lastHere reports a previous source that is named in this sentence.
func (p *srcProbe) lastHere() bool { return len(p.last) > 0 && among(p.last[0], p.actors) }

// quoted reports the trigger inside a quotation.
func (p *srcProbe) quoted() bool { return p.x.inQuote(p.m.Start) }

// A sourceRule finds the source of a trigger: when its condition holds, it
// decides, and the rules after it are not tried. Its pick returns an index
// into the sentence's actors, or -1 and an actor carried from before, or
// -1 and nil: nobody named.
type sourceRule struct {
	Rule
	when func(p *srcProbe) bool
	pick func(p *srcProbe) (int, *resolve.Actor)
}

func pickNone(*srcProbe) (int, *resolve.Actor)       { return -1, nil }
func pickPrev(p *srcProbe) (int, *resolve.Actor)     { return p.prev, nil }
func pickNext(p *srcProbe) (int, *resolve.Actor)     { return p.next, nil }
func pickLast(p *srcProbe) (int, *resolve.Actor)     { return -1, p.last[0] }
func pickSpeaker(p *srcProbe) (int, *resolve.Actor)  { return p.speakerIdx, nil }
func pickControl(p *srcProbe) (int, *resolve.Actor)  { return p.control, nil }
func pickNearest(p *srcProbe) (int, *resolve.Actor)  { return nearestBefore(p.actors, p.m.Start), nil }
func pickReported(p *srcProbe) (int, *resolve.Actor) { return p.reported(), nil }

// reported is the speaker a pronoun subject refers to («مشيرا إلى أنه زار»).
func (p *srcProbe) reported() int { return p.x.reportedSpeaker(p.m) }

// elided is the description of every rule that carries the previous source.
const elided = "elided subject: the previous event's source"

// sourceRules are the source rules, in the order they are tried: the
// first whose condition holds decides. To add a rule for a construction,
// put it where it must win over the rules after it, give it an id of its
// own and a golden test in testdata/rules/<id>.txt.
var sourceRules = []sourceRule{
	// «وقال الوزير …، داعيا إسرائيل إلى التراجع»: the speaker, or the
	// subject of the verb before, does what the participle tells
	{Rule{ID: "src.participle-speaker", Desc: "the subject of the main clause of a participle («قال X …، داعيا»)"},
		func(p *srcProbe) bool { return p.participle && p.speakerIdx >= 0 }, pickSpeaker},
	{Rule{ID: "src.participle-previous", Desc: "the subject of the main clause of a participle («ندد X …، مطالبا»)"},
		func(p *srcProbe) bool { return p.participle && p.lastHere() }, pickLast},
	{Rule{ID: "src.participle-none"}, func(p *srcProbe) bool { return p.participle }, pickNone},
	// «"أهنئ الرئيس المنتخب"»: the speaker of the quotation, or nobody
	{Rule{ID: "src.quoted-speaker", Desc: "the speaker of a first-person verb"},
		func(p *srcProbe) bool { return p.quoted1st && p.speakerIdx >= 0 }, pickSpeaker},
	{Rule{ID: "src.quoted-none"}, func(p *srcProbe) bool { return p.quoted1st }, pickNone},
	{Rule{ID: "src.agent", Desc: "agent after «على يد»/«من قبل»"},
		func(p *srcProbe) bool { return p.agent >= 0 }, func(p *srcProbe) (int, *resolve.Actor) { return p.agent, nil }},
	// «تم اعتقال X»: no stated source
	{Rule{ID: "src.passive"}, func(p *srcProbe) bool { return p.passive }, pickNone},
	{Rule{ID: "src.light-verb", Desc: "light verb: «قام X بـ…», «أقدم X على…»"},
		func(p *srcProbe) bool {
			return !p.verb && (strings.HasSuffix(p.m.Prefix, "ب") || p.m.Start > p.s.Start && p.x.classedAt(p.m.Start-1, "prep:علي", "")) &&
				p.prev >= 0 && p.x.lightBefore(p.actors[p.prev].Start)
		}, pickPrev},
	{Rule{ID: "src.reported-speaker", Desc: "the speaker «أنه» refers to («مشيرا إلى أنه زار»)"},
		func(p *srcProbe) bool { return p.verb && p.pronounSubj && p.reported() >= 0 }, pickReported},
	{Rule{ID: "src.pronoun-antecedent", Desc: "subject named before a pronoun or relative"},
		func(p *srcProbe) bool { return p.verb && p.pronounSubj && nearestBefore(p.actors, p.m.Start) >= 0 }, pickNearest},
	{Rule{ID: "src.pronoun-none"}, func(p *srcProbe) bool { return p.verb && p.pronounSubj }, pickNone},
	// «زار ترامب الرياض واجتمع بقادة»: a verb joined by «و» shares the
	// subject of the verb before it; the actor before it is that verb's object
	{Rule{ID: "src.coordinated-verb", Desc: elided, Carried: true, Weak: true},
		func(p *srcProbe) bool {
			return p.verb && (p.m.Prefix == "و" || p.m.Prefix == "ف") && p.adjacentPrev && p.lastHere() && !p.quoted()
		}, pickLast},
	// «أعلنت ثلاث دول قطع علاقاتها مع قطر وهي السعودية ومصر والبحرين»: a
	// plural of states after the verb, named by a list after «وهي»
	{Rule{ID: "src.listed-states", Desc: "the states a plural subject names in a list after «وهي»"},
		func(p *srcProbe) bool { return p.x.listedStates(p.m, p.verb) >= 0 },
		func(p *srcProbe) (int, *resolve.Actor) { return p.x.listedStates(p.m, p.verb), nil }},
	// «وكان الرئيس الفرنسي ماكرون وزوجته قد وصل إلى الرباط»: the actor
	// right after «كان» is the subject of the verb after «قد»
	// «وقالت المنظمات إن …، كما اتهمت الرقيب بالقتل»: a verb after «كما»
	// shares the subject of the sentence; the actor after it is its object
	{Rule{ID: "src.also", Desc: "the subject of the sentence, for a verb after «كما»", Carried: true},
		func(p *srcProbe) bool { return p.verb && p.x.alsoSubject(p.m) >= 0 },
		func(p *srcProbe) (int, *resolve.Actor) { return p.x.alsoSubject(p.m), nil }},
	{Rule{ID: "src.kana-qad", Desc: "subject between «كان» and «قد» (the pluperfect)"},
		func(p *srcProbe) bool { return p.verb && p.x.kanaQad(p.m) >= 0 },
		func(p *srcProbe) (int, *resolve.Actor) { return p.x.kanaQad(p.m), nil }},
	// «زار الوزير الأردن، التقى خلالها الملك»: a verb whose «خلالها» refers
	// back to the act before it shares that act's subject
	{Rule{ID: "src.during", Desc: elided + " («… التقى خلالها»)", Carried: true, Weak: true},
		func(p *srcProbe) bool {
			return p.verb && len(p.last) > 0 && p.lastHere() && p.m.End < p.s.End && p.x.hasClassAt(p.m.End, "during")
		}, pickLast},
	{Rule{ID: "src.svo", Desc: "subject before the verb (SVO)"},
		func(p *srcProbe) bool { return p.verb && p.adjacentPrev }, pickPrev},
	// «وطالب في ختام رسالته المجتمع الدولي باتخاذ…»: a phrase between the
	// verb and the actor; the subject is the one before, the actor its object
	{Rule{ID: "src.elided-phrase", Desc: elided, Carried: true, Weak: true},
		func(p *srcProbe) bool {
			return p.verb && p.conj && len(p.last) > 0 && p.next >= 0 && p.phraseAfter && !p.quoted()
		}, pickLast},
	// «زار حفتر دمشق، والتقى مسؤولين»: a verb joined by «و» to an event of
	// the same sentence shares its subject; what follows is its object
	{Rule{ID: "src.elided-conj", Desc: elided, Carried: true, Weak: true},
		func(p *srcProbe) bool {
			return p.verb && p.conj && p.lastHere() && !p.quoted() && !p.x.subjectAndObjectAfter(p.m)
		}, pickLast},
	{Rule{ID: "src.control", Desc: "subject of the governing verb («قرر X أن يزور…»)"},
		func(p *srcProbe) bool { return p.verb && p.control >= 0 }, pickControl},
	{Rule{ID: "src.vso", Desc: "subject after the verb (VSO)"},
		func(p *srcProbe) bool { return p.verb && p.next >= 0 }, pickNext},
	// «ألمانيا : القبض على تونسي»: the state a headline opens with does what
	// the verbal noun after its colon tells
	{Rule{ID: "src.headline-topic", Desc: "the actor before the colon of a headline («ألمانيا : القبض على …»)"},
		func(p *srcProbe) bool {
			ok, topic := p.x.headline(p.m, p.t)
			// the state arrests; an attack in a country's headline is only
			// placed there («مصر: مقتل 7 جنود»)
			return !p.verb && ok && topic >= 0 && p.c.root(p.t.Root()).Police
		},
		func(p *srcProbe) (int, *resolve.Actor) { _, topic := p.x.headline(p.m, p.t); return topic, nil }},
	// «وأكد السيسي خلال لقائه بالعاهل الأردني …»: the pronoun of a verbal
	// noun is its agent, the subject of its clause, named before it
	{Rule{ID: "src.possessor", Desc: "the actor a verbal noun's pronoun refers to («خلال لقائه ب…»)"},
		func(p *srcProbe) bool {
			// a joint act only: «اغتياله», «اعتقاله» name who suffered it
			return !p.verb && p.c.symmetric(p.t.Root()) && p.x.possessor(p.m) >= 0
		},
		func(p *srcProbe) (int, *resolve.Actor) { return p.x.possessor(p.m), nil }},
	{Rule{ID: "src.noun-agent", Desc: "agent after the verbal noun"},
		func(p *srcProbe) bool { return p.next >= 0 }, pickNext},
	// «يزور علاوي مصر لإجراء مباحثات»: the actor before is the object of
	// the verb the purpose belongs to; its subject is the purpose's
	{Rule{ID: "src.purpose-outer", Desc: "subject of the purpose clause «لـ…»"},
		func(p *srcProbe) bool {
			return !p.verb && p.m.Prefix == "ل" && p.prev > 0 && len(p.last) > 0 && &p.actors[p.prev-1] == p.last[0]
		}, pickLast},
	{Rule{ID: "src.purpose", Desc: "subject of the purpose clause «لـ…»"},
		func(p *srcProbe) bool { return !p.verb && p.m.Prefix == "ل" && p.prev >= 0 }, pickPrev},
	{Rule{ID: "src.noun-control", Desc: "subject of the governing verb («قرر X خفض…»)"},
		func(p *srcProbe) bool { return !p.verb && p.control >= 0 }, pickControl},
	// «نفذ عمال المصنع وقفة احتجاجية»: who stages a protest protests
	{Rule{ID: "src.stage", Desc: "subject of the verb that stages the protest («نفذ X وقفة»)"},
		func(p *srcProbe) bool { return p.stage >= 0 }, func(p *srcProbe) (int, *resolve.Actor) { return p.stage, nil }},
	// «قالت السعودية إن قطع العلاقات مع قطر جاء …»: a verbal noun that opens
	// what is said is the speaker's act
	{Rule{ID: "src.said-clause", Desc: "the speaker of the clause the verbal noun opens («قالت X إن قطع …»)"},
		func(p *srcProbe) bool {
			// a speaker telling of an attack or a protest did not wage it
			return !p.verb && p.m.Prefix == "" && !p.c.violentOrProtest(p.t.Root()) && p.x.saidClauseSpeaker(p.m) >= 0
		},
		func(p *srcProbe) (int, *resolve.Actor) { return p.x.saidClauseSpeaker(p.m), nil }},
	// «احتشد خمسة آلاف متظاهر أمام مقر المحافظة، احتجاجا على …»: an
	// accusative of purpose shares the subject of its clause
	{Rule{ID: "src.accusative-purpose", Desc: "subject of the clause of «احتجاجا»"},
		func(p *srcProbe) bool {
			return !p.verb && p.prev >= 0 && p.t.Root() == "14" && strings.HasSuffix(p.toks[p.m.Start].Norm, "ا") && p.m.Prefix == ""
		}, pickPrev},
	{Rule{ID: "src.relative", Desc: "subject of the relative clause"},
		func(p *srcProbe) bool { return p.verb && p.antecedent >= 0 },
		func(p *srcProbe) (int, *resolve.Actor) { return p.antecedent, nil }},
	{Rule{ID: "src.elided-sentence", Desc: elided, Carried: true, Weak: true},
		func(p *srcProbe) bool {
			return p.verb && p.conj && len(p.last) > 0 && !p.quoted() && !p.x.nounSubjectAfter(p.m)
		}, pickLast},
	{Rule{ID: "src.topic", Desc: "topic before the verb", Weak: true},
		func(p *srcProbe) bool { return p.verb && p.prev >= 0 }, pickPrev},
}
