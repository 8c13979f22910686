package ner

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"strings"
)

// Resources are the tables a tagger uses besides its weights: word
// clusters computed from raw text and gazetteers. They are stored inside
// the model file.
type Resources struct {
	clusters map[uint64]uint32 // wordHash(norm) → packCluster(...); nil for no clusters
	gaz      map[uint64]uint16 // phrase hash → bit set of gazetteer types
	gazMax   int               // longest gazetteer phrase, in words
}

// tables returns the resources as a tagger uses them.
func (res *Resources) tables() resources {
	gaz := res.gaz
	if len(gaz) == 0 {
		gaz = nil
	}
	return resources{clusters: newHashTable(res.clusters), gaz: newHashTable(gaz), gazMax: res.gazMax}
}

// GazetteerSource names a gazetteer file and how to read it.
type GazetteerSource struct {
	// Kind is one of:
	//   fane      TSV with columns fine_type, surface (FANE entity list); the
	//             fine type is mapped to PERS, LOC, ORG or MISC
	//   names     TSV of given names, first column (or name_ar)
	//   countries TSV of country names (columns name_ar, common_ar, official_ar)
	//   cities    TSV of city names (column name_ar)
	//   kb-actors, kb-roles, kb-countries, kb-outlets
	//             Marsad's knowledge base (kb/actors*.tsv, roles.tsv,
	//             countries.tsv with demonyms, outlets.tsv)
	//   triggers  TSV word, type (ORG or MISC): head nouns that open a name
	Kind string
	Path string
}

// ResourceOptions configure BuildResources. The zero value builds empty
// resources.
type ResourceOptions struct {
	Corpus     string            // JSON Lines file with "title"/"text" fields for clusters; "" for none
	Sentences  [][]string        // more tokenized text for clusters (e.g. the training sentences)
	Clusters   int               // number of fine clusters; 0 means 512
	MinFreq    int               // minimum corpus frequency of a clustered word; 0 means 5
	Gazetteers []GazetteerSource // gazetteer files
	Log        io.Writer         // progress; nil for none
}

// BuildResources computes clusters from the corpus and loads the
// gazetteers. The result depends only on the files' contents.
func BuildResources(ctx context.Context, opts ResourceOptions) (*Resources, error) {
	res := &Resources{}
	if opts.Corpus != "" || len(opts.Sentences) > 0 {
		cl, err := buildClusters(ctx, opts)
		if err != nil {
			return nil, err
		}
		res.clusters = cl
	}
	for _, g := range opts.Gazetteers {
		if err := res.addGazetteer(ctx, g); err != nil {
			return nil, err
		}
	}
	if opts.Log != nil {
		fmt.Fprintf(opts.Log, "resources: %d clustered words, %d gazetteer phrases (max %d words)\n",
			len(res.clusters), len(res.gaz), res.gazMax)
	}
	return res, nil
}

// addPhrase adds a gazetteer phrase of the given gazetteer type index.
func (res *Resources) addPhrase(phrase string, typ int) {
	toks := Tokenize(phrase)
	if len(toks) == 0 || len(toks) > 6 {
		return
	}
	h := uint64(fnvOffset)
	var buf []byte
	for _, t := range toks {
		buf = AppendNormalized(buf[:0], t.Text)
		if len(buf) == 0 {
			return
		}
		h = phraseHash(h, wordHash(buf))
	}
	if len(toks) == 1 {
		// single words shorter than two letters are too ambiguous
		buf = AppendNormalized(buf[:0], toks[0].Text)
		if len([]rune(string(buf))) < 2 {
			return
		}
	}
	if res.gaz == nil {
		res.gaz = map[uint64]uint16{}
	}
	res.gaz[h] |= 1 << typ
	if len(toks) > res.gazMax {
		res.gazMax = len(toks)
	}
}

func (res *Resources) addGazetteer(ctx context.Context, g GazetteerSource) error {
	if isKBKind(g.Kind) {
		return res.addKBGazetteer(ctx, g)
	}
	f, err := os.Open(g.Path)
	if err != nil {
		return fmt.Errorf("gazetteer: %w", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<16), 1<<20)
	var cols []int
	typeCol := -1
	line := 0
	for sc.Scan() {
		if line%4096 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		line++
		fields := strings.Split(strings.TrimRight(sc.Text(), "\r"), "\t")
		if line == 1 {
			for i, h := range fields {
				switch strings.TrimSpace(cleanToken(h)) {
				case "surface", "name_ar", "common_ar", "official_ar":
					cols = append(cols, i)
				case "fine_type":
					typeCol = i
				}
			}
			if len(cols) > 0 {
				continue
			}
			cols = []int{0}
		}
		for _, c := range cols {
			if c >= len(fields) {
				continue
			}
			name := strings.TrimSpace(cleanToken(fields[c]))
			if name == "" {
				continue
			}
			switch g.Kind {
			case "fane":
				if typeCol < 0 || typeCol >= len(fields) {
					continue
				}
				switch coarseType(fields[typeCol]) {
				case TypePERS:
					res.addPhrase(name, gazPERS)
				case TypeLOC:
					res.addPhrase(name, gazLOC)
				case TypeORG:
					res.addPhrase(name, gazORG)
				case TypeMISC:
					res.addPhrase(name, gazMISC)
				}
			case "names":
				res.addPhrase(name, gazFirst)
			case "countries":
				res.addPhrase(name, gazCountry)
			case "cities":
				res.addPhrase(name, gazCity)
			default:
				return fmt.Errorf("gazetteer %s: unknown kind %q", g.Path, g.Kind)
			}
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("gazetteer %s: %w", g.Path, err)
	}
	return nil
}
