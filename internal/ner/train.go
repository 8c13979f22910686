package ner

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"strings"
	"time"
)

// fineToCoarse maps FANE fine-grained classes (Alotaibi & Lee 2014) to the
// four coarse types; classes missing here (groups, vehicles, weapons) are O.
var fineToCoarse = map[string]string{
	"Politician": TypePERS, "Athlete": TypePERS, "Artist": TypePERS, "Other_PER": TypePERS,
	"Religious_PER": TypePERS, "Scientist": TypePERS, "Businessperson": TypePERS,
	"Lawyer": TypePERS, "Engineer": TypePERS, "Police": TypePERS,
	"Nation": TypeLOC, "Population-Center": TypeLOC, "State-or-Province": TypeLOC,
	"County-or-District": TypeLOC, "Continent": TypeLOC, "GPE-Cluster": TypeLOC,
	"Water-Body": TypeLOC, "Land": TypeLOC, "Land-Region-Natural": TypeLOC, "Celestial": TypeLOC,
	"Building-Grounds": TypeLOC, "Subarea-Facility": TypeLOC, "Airport": TypeLOC, "Path": TypeLOC,
	"Address": TypeLOC, "Boundary": TypeLOC, "Plant": TypeLOC,
	"Government": TypeORG, "Non-Governmental": TypeORG, "Media": TypeORG, "Sports": TypeORG,
	"Commercial": TypeORG, "Educational": TypeORG, "Religious_ORG": TypeORG,
	"Medical-Science": TypeORG, "Entertainment": TypeORG,
	"Book": TypeMISC, "Movie": TypeMISC, "Software": TypeMISC, "Hardware": TypeMISC,
	"Food": TypeMISC, "Drug": TypeMISC,
}

// coarseType maps an entity class name of ANERcorp, AQMAR or FANE to PERS,
// LOC, ORG or MISC, or "" when the class is not kept.
func coarseType(class string) string {
	switch class {
	case "PERS", "PER", "PERSON":
		return TypePERS
	case "LOC", "GPE":
		return TypeLOC
	case "ORG":
		return TypeORG
	case "MISC", "MIS", "MIS0", "MIS1", "MIS2", "MIS3", "MIS-1", "MIS-2":
		return TypeMISC
	}
	return fineToCoarse[class]
}

// MapTag maps a BIO tag of ANERcorp, AQMAR or FANE to the tagger's tag set
// (O, B-PERS, I-LOC, ...).
func MapTag(tag string) string {
	p, class := splitTag(tag)
	if p == 'O' {
		return "O"
	}
	t := coarseType(class)
	if t == "" {
		return "O"
	}
	return string(p) + "-" + t
}

// TrainOptions configure Train. The zero value is usable.
type TrainOptions struct {
	Epochs int       // passes over the training data; 0 means 12
	Seed   uint64    // seed of the shuffling; same seed and data give the same model
	Bits   uint      // log2 of the hashed feature rows; 0 means 20
	Log    io.Writer // progress lines (per epoch dev F1); nil for none
	// Extra are more training sets from other domains (e.g. FANE, AQMAR).
	// With Extra, training uses feature augmentation (Daumé 2007): every
	// feature has a shared copy and a copy per domain; the saved model
	// folds the shared and main-domain copies together, so tagging costs
	// the same.
	Extra [][]Sentence
}

// domainRow returns the row of the domain-specific copy of feature row f.
func domainRow(f uint32, domain int, mask uint64) uint32 {
	return uint32(mix(uint64(f)+0x1f3d5b79, uint64(domain)) & mask)
}

// example is a training sentence with precomputed features.
type example struct {
	feats []uint32
	off   []int32
	gold  []uint8
}

// Train learns a tagger from sentences (their Tags must be BIO tags; they
// are mapped with MapTag) with the averaged structured perceptron. When dev
// is not empty, the averaged weights are scored on it after every epoch and
// the best epoch is kept. res carries clusters and gazetteers (see
// BuildResources). Training is deterministic given the data and the seed.
func Train(ctx context.Context, train, dev []Sentence, res *Resources, opts TrainOptions) (*Tagger, float64, error) {
	if opts.Epochs <= 0 {
		opts.Epochs = 12
	}
	if opts.Bits == 0 {
		opts.Bits = 20
	}
	if opts.Bits < minBits || opts.Bits > maxBits {
		return nil, 0, fmt.Errorf("train: table size 2^%d out of range [2^8, 2^26]", opts.Bits)
	}
	var r resources
	if res != nil {
		r = res.tables()
	}
	t := newTagger(opts.Bits, r)
	mask := t.mask()
	exs := make([]example, 0, len(train))
	s := &scratch{}
	augment := len(opts.Extra) > 0
	sets := append([][]Sentence{train}, opts.Extra...)
	for d, set := range sets {
		for _, sent := range set {
			if len(sent.Tokens) == 0 {
				continue
			}
			r.extract(s, sent.Tokens, mask)
			ex := example{
				gold: make([]uint8, len(sent.Tokens)),
			}
			if augment {
				ex.off = make([]int32, len(s.off))
				for i := 0; i+1 < len(s.off); i++ {
					for _, f := range s.feats[s.off[i]:s.off[i+1]] {
						ex.feats = append(ex.feats, f, domainRow(f, d+1, mask))
					}
					ex.off[i+1] = int32(len(ex.feats))
				}
			} else {
				ex.feats = append([]uint32(nil), s.feats...)
				ex.off = append([]int32(nil), s.off...)
			}
			for i, tag := range sent.Tags {
				ex.gold[i] = uint8(tagIndex(MapTag(tag)))
			}
			fixBIO(ex.gold)
			exs = append(exs, ex)
		}
	}
	if len(exs) == 0 {
		return nil, 0, fmt.Errorf("train: no training sentences")
	}
	w := t.w
	u := make([]float64, len(w)) // sum of c*update, for averaging
	var trans [numTags + 1][numTags]float32
	var utrans [numTags + 1][numTags]float64
	c := 1.0
	rng := rand.New(rand.NewPCG(opts.Seed, 0x6d61727361646e72))
	order := make([]int, len(exs))
	for i := range order {
		order[i] = i
	}
	avg := newTagger(opts.Bits, r)
	var tmp []float32
	if augment {
		tmp = make([]float32, len(w))
	}
	var best *Tagger
	bestF1, bestEpoch := -1.0, 0
	for ep := 1; ep <= opts.Epochs; ep++ {
		if err := ctx.Err(); err != nil {
			return nil, 0, fmt.Errorf("train: %w", err)
		}
		start := time.Now()
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		errs := 0
		for _, idx := range order {
			ex := &exs[idx]
			s.feats, s.off = ex.feats, ex.off
			t.scoreAndViterbi(s, w, &trans)
			prevG, prevP := numTags, numTags
			for i, g := range ex.gold {
				p := int(s.path[i])
				gi := int(g)
				if p != gi {
					errs++
					for _, f := range ex.feats[ex.off[i]:ex.off[i+1]] {
						k := int(f) * numTags
						w[k+gi]++
						u[k+gi] += c
						w[k+p]--
						u[k+p] -= c
					}
				}
				if p != gi || prevP != prevG {
					trans[prevG][gi]++
					utrans[prevG][gi] += c
					trans[prevP][p]--
					utrans[prevP][p] -= c
				}
				prevG, prevP = gi, p
			}
			c++
		}
		s.feats, s.off = nil, nil
		for i := range w {
			avg.w[i] = w[i] - float32(u[i]/c)
		}
		for p := range trans {
			for q := range trans[p] {
				avg.trans[p][q] = trans[p][q] - float32(utrans[p][q]/c)
			}
		}
		if augment {
			avg.foldDomain(1, tmp)
		}
		f1 := -1.0
		if len(dev) > 0 {
			f1 = Evaluate(avg, dev).Overall.F1()
		}
		if opts.Log != nil {
			fmt.Fprintf(opts.Log, "epoch %2d  token errors %6d  dev F1 %.4f  (%s)\n", ep, errs, f1, time.Since(start).Round(time.Millisecond))
		}
		if len(dev) == 0 || f1 > bestF1 {
			bestF1, bestEpoch = f1, ep
			if best == nil {
				best = newTagger(opts.Bits, r)
			}
			copy(best.w, avg.w)
			best.trans = avg.trans
		}
	}
	best.quantize()
	if len(dev) > 0 {
		bestF1 = Evaluate(best, dev).Overall.F1()
		if opts.Log != nil {
			fmt.Fprintf(opts.Log, "kept epoch %d, quantised dev F1 %.4f\n", bestEpoch, bestF1)
		}
	}
	return best, bestF1, nil
}

// foldDomain adds the weights of each row's domain copy to the row, so
// that tagging with the base rows alone scores like the augmented model
// for that domain. tmp is scratch space of len(t.w).
func (t *Tagger) foldDomain(domain int, tmp []float32) {
	copy(tmp, t.w)
	mask := t.mask()
	for r := 0; r <= int(mask); r++ {
		g := int(domainRow(uint32(r), domain, mask))
		row := t.w[r*numTags : r*numTags+numTags]
		for c, v := range tmp[g*numTags : g*numTags+numTags] {
			row[c] += v
		}
	}
}

// fixBIO turns an I-X that does not continue an X entity into B-X.
func fixBIO(tags []uint8) {
	prev := uint8(0)
	for i, t := range tags {
		if t != 0 && t%2 == 0 && !(prev != 0 && (prev+1)/2 == t/2) {
			tags[i] = t - 1
		}
		prev = tags[i]
	}
}

// Evaluate tags every sentence of gold and scores the result entity by
// entity. Gold tags are mapped with MapTag.
func Evaluate(t *Tagger, gold []Sentence) *Scores {
	sc := NewScores()
	for _, s := range gold {
		g := make([]string, len(s.Tags))
		for i, tag := range s.Tags {
			g[i] = MapTag(tag)
		}
		sc.Add(g, t.Tag(s.Tokens))
	}
	return sc
}

// SplitDev returns the sentences before and after the last frac of them
// (by count): SplitDev(s, 0.1) holds out the last tenth.
func SplitDev(sents []Sentence, frac float64) (train, dev []Sentence) {
	if frac <= 0 {
		return sents, nil
	}
	k := len(sents) - int(float64(len(sents))*frac+0.5)
	if k < 0 {
		k = 0
	}
	return sents[:k], sents[k:]
}

// cleanToken drops marks some corpora put before tokens.
func cleanToken(s string) string { return strings.Trim(s, "\uFEFF\u200E\u200F") }
