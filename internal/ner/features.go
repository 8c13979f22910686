package ner

import (
	"math/bits"
	"unicode/utf8"
)

// numTags is the number of BIO tags; tag 0 is O.
const numTags = 9

// tagNames lists the tags by index.
var tagNames = [numTags]string{"O", "B-PERS", "I-PERS", "B-LOC", "I-LOC", "B-ORG", "I-ORG", "B-MISC", "I-MISC"}

// tagIndex returns the index of a canonical BIO tag, 0 (O) for anything else.
func tagIndex(tag string) int {
	for i, n := range tagNames {
		if n == tag {
			return i
		}
	}
	return 0
}

// allowed[p][c] says whether tag c may follow tag p (p == numTags is the
// sentence start): I-X only continues B-X or I-X.
var allowed = func() (a [numTags + 1][numTags]bool) {
	for p := 0; p <= numTags; p++ {
		for c := 0; c < numTags; c++ {
			if c == 0 || c%2 == 1 {
				a[p][c] = true
				continue
			}
			a[p][c] = p < numTags && p != 0 && (p+1)/2 == c/2
		}
	}
	return a
}()

// FNV-1a, 64 bit.
const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

func fnvAdd(h uint64, b []byte) uint64 {
	for _, c := range b {
		h ^= uint64(c)
		h *= fnvPrime
	}
	return h
}

func fnvAddString(h uint64, s string) uint64 {
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= fnvPrime
	}
	return h
}

// mix combines two 64-bit values into a well-spread hash (a murmur3
// finaliser over a boost-style combination).
func mix(a, b uint64) uint64 {
	x := a ^ (b + 0x9e3779b97f4a7c15 + (a << 6) + (a >> 2))
	x ^= x >> 33
	x *= 0xff51afd7ed558ccd
	x ^= x >> 33
	x *= 0xc4ceb9fe1a85ec53
	x ^= x >> 33
	return x
}

// Hashes of the padding words outside a sentence.
var (
	hashBOS = fnvAddString(fnvOffset, "\x00<s>")
	hashEOS = fnvAddString(fnvOffset, "\x00</s>")
)

// wordHash is the hash of a normalised word as used for clusters and
// gazetteers.
func wordHash(norm []byte) uint64 { return fnvAdd(fnvOffset, norm) }

// phraseHash extends a gazetteer phrase hash by one word hash.
func phraseHash(h, w uint64) uint64 { return mix(h^0x5bd1e995, w) }

// Packed distributional information about a word: cluster ids at three
// granularities (0 = none) and a log2 frequency bucket.
const (
	clFineBits  = 12
	clMidBits   = 8
	clCoarseBit = 6
)

func packCluster(fine, mid, coarse, freq int) uint32 {
	return uint32(fine) | uint32(mid)<<clFineBits | uint32(coarse)<<(clFineBits+clMidBits) |
		uint32(freq)<<(clFineBits+clMidBits+clCoarseBit)
}

func clFine(c uint32) uint64   { return uint64(c & (1<<clFineBits - 1)) }
func clMid(c uint32) uint64    { return uint64(c >> clFineBits & (1<<clMidBits - 1)) }
func clCoarse(c uint32) uint64 { return uint64(c >> (clFineBits + clMidBits) & (1<<clCoarseBit - 1)) }
func clFreq(c uint32) uint64   { return uint64(c >> (clFineBits + clMidBits + clCoarseBit)) }

// Gazetteer types; a token carries, per type, whether it begins, is inside,
// ends or is alone in a gazetteer phrase of that type (4 bits per type).
const (
	gazPERS        = iota // person names (FANE person classes)
	gazLOC                // places (FANE GPE/LOC/FAC classes)
	gazORG                // organisations (FANE ORG classes)
	gazMISC               // other named things (FANE products etc.)
	gazFirst              // Arabic given names
	gazCountry            // country names
	gazCity               // city names
	gazKBPers             // Marsad kb: named people
	gazKBOrg              // Marsad kb: organisations, IGOs, NGOs, media
	gazKBGroup            // Marsad kb: armed and political groups
	gazRole               // Marsad kb: generic institutions and group nouns
	gazTitle              // Marsad kb: titles
	gazDemonym            // Marsad kb: demonyms and their inflected forms
	gazOrgTrigger         // head nouns that open an organisation's name
	gazMiscTrigger        // head nouns that open an event's or other MISC name
	numGazTypes
)

// resources are the word-level tables a model carries besides weights.
type resources struct {
	clusters hashTable // wordHash(norm) → packCluster(...); no slots: no cluster features
	gaz      hashTable // phrase hash → bit set of gazetteer types
	gazMax   int       // longest gazetteer phrase, in words
}

// hasClusters says whether the model uses cluster features.
func (r *resources) hasClusters() bool { return len(r.clusters.slots) > 0 }

// wordInfo is what feature extraction needs to know about one token.
type wordInfo struct {
	form, norm, stem uint64    // hashes of surface, normalised and clitic-stripped forms
	pre, suf         [3]uint64 // hashes of normalised prefixes/suffixes of 1-3 letters
	shape            uint64    // shape class*16 + length bucket
	cl, clStem       uint32    // packed clusters of norm and stem
	gaz              uint64    // gazetteer bits: type*4 + {0 begin, 1 inside, 2 end, 3 single}
	ns, ne           int       // normalised bytes in scratch.buf
}

// scratch holds reusable buffers for tagging or feature extraction of one
// sentence; it is not safe for concurrent use.
type scratch struct {
	buf   []byte
	info  []wordInfo
	feats []uint32
	off   []int32
	emit  []float32
	back  []uint8
	path  []uint8
}

// prepare fills s.info for tokens.
func (r *resources) prepare(s *scratch, tokens []string) {
	n := len(tokens)
	s.buf = s.buf[:0]
	if cap(s.info) < n {
		s.info = make([]wordInfo, n)
	}
	s.info = s.info[:n]
	for i, tok := range tokens {
		wi := &s.info[i]
		*wi = wordInfo{}
		wi.form = fnvAddString(fnvOffset, tok)
		ns := len(s.buf)
		s.buf = AppendNormalized(s.buf, tok)
		norm := s.buf[ns:]
		wi.ns, wi.ne = ns, len(s.buf)
		wi.norm = wordHash(norm)
		stem := stripClitics(norm)
		wi.stem = wordHash(stem)
		nr := utf8.RuneCount(norm)
		for k := 1; k <= 3; k++ {
			if nr < k {
				wi.pre[k-1], wi.suf[k-1] = hashEOS, hashEOS
				continue
			}
			wi.pre[k-1] = fnvAdd(fnvOffset, norm[:runeOffset(norm, k)])
			wi.suf[k-1] = fnvAdd(fnvOffset, norm[runeOffsetFromEnd(norm, k):])
		}
		lb := nr
		if lb > 8 {
			lb = 8
		}
		wi.shape = uint64(tokenShape(norm)*16 + lb)
		if r.hasClusters() {
			wi.cl = r.clusters.get(wi.norm)
			wi.clStem = r.clusters.get(wi.stem)
		}
	}
	if len(r.gaz.slots) > 0 {
		r.matchGazetteer(s)
	}
}

// matchGazetteer marks every gazetteer phrase found in the sentence. The
// first word of a phrase may carry the clitics و ف (then) ب ل ك; لل is read
// as ال.
func (r *resources) matchGazetteer(s *scratch) {
	n := len(s.info)
	var firsts [4]uint64
	for i := 0; i < n; i++ {
		norm := s.buf[s.info[i].ns:s.info[i].ne]
		nf := 0
		firsts[nf] = s.info[i].norm
		nf++
		w := norm
		if len(w) > 4 && (hasPrefix(w, "و") || hasPrefix(w, "ف")) {
			w = w[2:]
			firsts[nf] = wordHash(w)
			nf++
		}
		if len(w) > 4 {
			switch {
			case hasPrefix(w, "لل") && len(w) > 6:
				firsts[nf] = fnvAdd(fnvAddString(fnvOffset, "ال"), w[4:])
				nf++
			case hasPrefix(w, "ب"), hasPrefix(w, "ل"), hasPrefix(w, "ك"):
				firsts[nf] = wordHash(w[2:])
				nf++
			}
		}
		for v := 0; v < nf; v++ {
			h := phraseHash(fnvOffset, firsts[v])
			for l := 1; l <= r.gazMax && i+l <= n; l++ {
				if l > 1 {
					h = phraseHash(h, s.info[i+l-1].norm)
				}
				m := uint16(r.gaz.get(h)) // bit set of gazetteer types, 0 for no phrase
				for m != 0 {
					t := uint64(bits.TrailingZeros16(m))
					m &= m - 1
					if l == 1 {
						s.info[i].gaz |= 1 << (t*4 + 3)
						continue
					}
					s.info[i].gaz |= 1 << (t * 4)
					for j := i + 1; j < i+l-1; j++ {
						s.info[j].gaz |= 1 << (t*4 + 1)
					}
					s.info[i+l-1].gaz |= 1 << (t*4 + 2)
				}
			}
		}
	}
}

func runeOffset(b []byte, k int) int {
	off := 0
	for ; k > 0 && off < len(b); k-- {
		_, sz := utf8.DecodeRune(b[off:])
		off += sz
	}
	return off
}

func runeOffsetFromEnd(b []byte, k int) int {
	off := len(b)
	for ; k > 0 && off > 0; k-- {
		_, sz := utf8.DecodeLastRune(b[:off])
		off -= sz
	}
	return off
}

// Feature template ids.
const (
	fBias = iota + 1
	fForm
	fNorm
	fStem
	fPre1
	fPre2
	fPre3
	fSuf1
	fSuf2
	fSuf3
	fShape
	fNormM1
	fNormM2
	fNormP1
	fNormP2
	fStemM1
	fStemP1
	fBiM1
	fBiP1
	fSkip
	fClF
	fClM
	fClC
	fClFM1
	fClMM1
	fClCM1
	fClFP1
	fClMP1
	fClCP1
	fClStem
	fFreq
	fGaz
	fGazM1
	fGazP1
	fShapeCtx
	fClBiM1
	fClBiP1
	fFirst
	fClMM2
	fClMP2
	fSufM1
	fPreP1
	fGazNormM1
	fTrigDist
	fTrigDistCl
	fNisba
	fNisbaM1
)

// trigWindow is how far back a trigger word (gazOrgTrigger, gazMiscTrigger)
// is looked for: long names («وزارة الشؤون الخارجية والتعاون الدولي»)
// continue several words after their head noun.
const trigWindow = 5

// Single-word gazetteer bits of the trigger types.
const (
	bitOrgTrigger  = 1 << (gazOrgTrigger*4 + 3)
	bitMiscTrigger = 1 << (gazMiscTrigger*4 + 3)
)

// nisba classifies a normalised word by its nisba ending (ي, يه for ية, يون,
// يين, يات, after at least three letters): 0 for none, else 1-5.
func nisba(norm []byte) uint64 {
	for k, suf := range [...]string{"يون", "يين", "يات", "يه", "ي"} {
		if hasSuffix(norm, suf) && utf8.RuneCount(norm)-utf8.RuneCountInString(suf) >= 3 {
			return uint64(k + 1)
		}
	}
	return 0
}

// extract computes the hashed feature indices of every token into s.feats,
// token i owning s.feats[s.off[i]:s.off[i+1]]. mask is the table size - 1.
func (r *resources) extract(s *scratch, tokens []string, mask uint64) {
	r.prepare(s, tokens)
	n := len(tokens)
	s.feats = s.feats[:0]
	s.off = append(s.off[:0], 0)
	info := s.info
	pad := func(j int) *wordInfo {
		if j >= 0 && j < n {
			return &info[j]
		}
		return nil
	}
	for i := 0; i < n; i++ {
		add := func(t, v uint64) {
			s.feats = append(s.feats, uint32(mix(t*0x9e3779b97f4a7c15, v)&mask))
		}
		w := &info[i]
		add(fBias, 0)
		add(fForm, w.form)
		add(fNorm, w.norm)
		add(fStem, w.stem)
		for k := 0; k < 3; k++ {
			add(fPre1+uint64(k), w.pre[k])
			add(fSuf1+uint64(k), w.suf[k])
		}
		add(fShape, w.shape)
		normAt := func(j int) uint64 {
			if p := pad(j); p != nil {
				return p.norm
			}
			if j < 0 {
				return hashBOS
			}
			return hashEOS
		}
		m1, m2, p1, p2 := normAt(i-1), normAt(i-2), normAt(i+1), normAt(i+2)
		add(fNormM1, m1)
		add(fNormM2, m2)
		add(fNormP1, p1)
		add(fNormP2, p2)
		add(fBiM1, mix(m1, w.norm))
		add(fBiP1, mix(w.norm, p1))
		add(fSkip, mix(m1, p1))
		var clM1, clP1, clM2, clP2 uint32 = 1 << 31, 1 << 31, 1 << 31, 1 << 31
		var shM1, shP1 uint64 = 255, 255
		var gzM1, gzP1 uint64
		var sufM1, preP1 uint64 = hashBOS, hashEOS
		if p := pad(i - 1); p != nil {
			clM1, shM1, gzM1, sufM1 = p.cl, p.shape>>4, p.gaz, p.suf[1]
			add(fStemM1, p.stem)
		} else {
			add(fStemM1, hashBOS)
		}
		if p := pad(i + 1); p != nil {
			clP1, shP1, gzP1, preP1 = p.cl, p.shape>>4, p.gaz, p.pre[1]
			add(fStemP1, p.stem)
		} else {
			add(fStemP1, hashEOS)
		}
		if p := pad(i - 2); p != nil {
			clM2 = p.cl
		}
		if p := pad(i + 2); p != nil {
			clP2 = p.cl
		}
		if r.hasClusters() {
			add(fClF, clFine(w.cl))
			add(fClM, clMid(w.cl))
			add(fClC, clCoarse(w.cl))
			add(fClFM1, clFine(clM1)|uint64(clM1>>31)<<40)
			add(fClMM1, clMid(clM1)|uint64(clM1>>31)<<40)
			add(fClCM1, clCoarse(clM1)|uint64(clM1>>31)<<40)
			add(fClFP1, clFine(clP1)|uint64(clP1>>31)<<40)
			add(fClMP1, clMid(clP1)|uint64(clP1>>31)<<40)
			add(fClCP1, clCoarse(clP1)|uint64(clP1>>31)<<40)
			add(fClStem, clFine(w.clStem))
			add(fFreq, clFreq(w.cl))
			add(fClBiM1, clMid(clM1)|uint64(clM1>>31)<<40|clMid(w.cl)<<20)
			add(fClBiP1, clMid(clP1)|uint64(clP1>>31)<<40|clMid(w.cl)<<20)
			add(fClMM2, clMid(clM2)|uint64(clM2>>31)<<40)
			add(fClMP2, clMid(clP2)|uint64(clP2>>31)<<40)
		}
		add(fShapeCtx, shM1<<8|shP1)
		add(fSufM1, sufM1)
		add(fPreP1, preP1)
		if i == 0 {
			add(fFirst, 1)
		}
		for g := w.gaz; g != 0; g &= g - 1 {
			b := uint64(bits.TrailingZeros64(g))
			add(fGaz, b)
			add(fGazNormM1, mix(b, m1))
		}
		for j := i - 1; j >= 0 && j >= i-trigWindow; j-- {
			if g := info[j].gaz & (bitOrgTrigger | bitMiscTrigger); g != 0 {
				d := uint64(i-j) | (g&bitMiscTrigger)>>(gazMiscTrigger*4+3)<<8
				add(fTrigDist, d)
				add(fTrigDistCl, d|clMid(w.cl)<<16)
				break
			}
		}
		if k := nisba(s.buf[w.ns:w.ne]); k != 0 {
			add(fNisba, k)
			add(fNisbaM1, k|clMid(clM1)<<8|uint64(clM1>>31)<<40)
		}
		for g := gzM1; g != 0; g &= g - 1 {
			add(fGazM1, uint64(bits.TrailingZeros64(g)))
		}
		for g := gzP1; g != 0; g &= g - 1 {
			add(fGazP1, uint64(bits.TrailingZeros64(g)))
		}
		s.off = append(s.off, int32(len(s.feats)))
	}
}
