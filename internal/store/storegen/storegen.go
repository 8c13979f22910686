// Package storegen fills a store with synthetic articles and events, to
// measure queries at scale (`marsad store gen --events 1000000`).
package storegen

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/marsad/marsad/internal/code"
	"github.com/marsad/marsad/internal/pipeline"
	"github.com/marsad/marsad/internal/store"
)

// Options say how much to generate.
type Options struct {
	Events   int    // events to generate (about; whole articles)
	PerDoc   int    // events per article; 0 is 10
	Batch    int    // articles per transaction; 0 is 1000
	Seed     uint64 // random seed; the same seed gives the same store
	Progress func(events int)
}

var (
	countries = []string{"SYR", "EGY", "LBY", "TUR", "RUS", "USA", "IRN", "IRQ", "SAU", "ARE", "QAT", "JOR", "LBN", "ISR", "PSE", "YEM", "SDN", "TUN", "DZA", "MAR", "KWT", "OMN", "BHR", "FRA", "GBR", "DEU", "CHN", "IGO", "UNK", "ETH"}
	roles     = []string{"GOV", "MIL", "OPP", "REB", "CVL", "SPY", "MED", "BUS"}
	cameos    = []struct {
		code, plover string
		quad         int
		goldstein    float64
	}{{"042", "CONSULT", 1, 1.9}, {"043", "CONSULT", 1, 2.8}, {"036", "CONSULT", 1, 4}, {"051", "SUPPORT", 1, 3.4},
		{"057", "AGREE", 1, 8}, {"061", "COOPERATE", 2, 6.4}, {"070", "AID", 2, 7}, {"111", "ACCUSE", 3, -2},
		{"112", "ACCUSE", 3, -2}, {"130", "THREATEN", 3, -4.4}, {"163", "SANCTION", 3, -8}, {"141", "PROTEST", 4, -6.5},
		{"173", "SEIZE", 4, -5}, {"180", "ASSAULT", 4, -9}, {"190", "ASSAULT", 4, -10}, {"193", "ASSAULT", 4, -10}}
	words = strings.Fields(`الرئيس الحكومة وزير الخارجية السفارة بالسفارة سفارات الجيش القوات المعارضة الأمن المجلس
الاتفاق المفاوضات الحدود اللاجئين العقوبات الاقتصاد النفط الانتخابات البرلمان المحكمة الشرطة المتظاهرين الاحتجاجات
الهجوم القصف الغارة المساعدات الإنسانية الزيارة اللقاء الاجتماع الوفد المبعوث الأمم المتحدة الجامعة العربية دمشق القاهرة
طرابلس أنقرة موسكو واشنطن طهران بغداد الرياض عمان بيروت تونس الجزائر الرباط صنعاء الخرطوم`)
)

// Generate writes articles of opt.PerDoc random events each until opt.Events
// events are stored, in one run; it returns the run id.
func Generate(ctx context.Context, st store.Store, opt Options) (int64, error) {
	per, batch := opt.PerDoc, opt.Batch
	if per <= 0 {
		per = 10
	}
	if batch <= 0 {
		batch = 1000
	}
	r := rand.New(rand.NewPCG(opt.Seed, 42))
	run, err := st.BeginRun(ctx, fmt.Sprintf("marsad store gen --events %d", opt.Events))
	if err != nil {
		return 0, err
	}
	start := time.Date(2018, 1, 1, 0, 0, 0, 0, time.UTC)
	total := store.Run{ID: run}
	for n, doc := 0, 0; n < opt.Events; {
		arts := make([]store.Article, 0, batch)
		for len(arts) < batch && n < opt.Events {
			day := start.AddDate(0, 0, r.IntN(3*365))
			a := article(r, doc, day, min(per, opt.Events-n))
			arts = append(arts, a)
			n += len(a.Doc.Events)
			doc++
		}
		res, err := st.Write(ctx, run, arts)
		if err != nil {
			return run, err
		}
		total.New += res.New
		total.Events += res.Events
		if opt.Progress != nil {
			opt.Progress(n)
		}
	}
	return run, st.FinishRun(ctx, total)
}

func actor(r *rand.Rand) code.ActorRef {
	c := countries[r.IntN(len(countries))]
	ro := roles[r.IntN(len(roles))]
	return code.ActorRef{Text: c + ro, Code: c + ro, Country: c, Role: ro, Start: 0, End: 6}
}

func article(r *rand.Rand, i int, day time.Time, events int) store.Article {
	var b strings.Builder
	for k := 0; k < 60+r.IntN(60); k++ {
		if k > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(words[r.IntN(len(words))])
	}
	fmt.Fprintf(&b, " %d.", i) // every article is distinct
	text := b.String()
	evs := make([]code.Event, events)
	for k := range evs {
		c := cameos[r.IntN(len(cameos))]
		tgt := actor(r)
		e := code.Event{Source: actor(r), Target: &tgt, CAMEO: c.code, Root: c.code[:2], Quad: c.quad, Goldstein: c.goldstein,
			Plover: code.Plover{Category: c.plover}, Modality: []string{}, Trigger: code.Span{Text: "زار", Start: 0, End: 6},
			Evidence: code.Span{Text: "زار", Start: 0, End: 6}, Confidence: 0.8}
		if r.IntN(4) == 0 {
			e.Modality = []string{"reported"}
		}
		evs[k] = e
	}
	d := pipeline.Doc{ID: fmt.Sprintf("gen-%d", i), Title: fmt.Sprintf("gen %d", i), Published: day.Format(time.RFC3339),
		Outlet: fmt.Sprintf("outlet %d", i%50), Text: text, Entities: []pipeline.Entity{}, Events: evs}
	a := store.NewArticle(d, day)
	a.Sentences = nil // not needed for query benchmarks
	return a
}
