package ner

import (
	"bufio"
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"math/bits"
	"os"
	"runtime"
	"slices"
	"sync"
	"time"
)

// Distributional word clusters, computed at training time from raw news
// text without any external tool:
//
//  1. count every normalised word and, for the clustered vocabulary (words
//     seen at least MinFreq times), the words at positions -2, -1, +1, +2
//     among the ctxWords most frequent words;
//  2. weight the counts by positive PMI (with context smoothing 0.75) and
//     project each word's sparse vector onto projDim random ±1 directions;
//  3. spherical k-means (deterministic initialisation from words spread
//     over the frequency ranking) gives the fine clusters; k-means over the
//     fine centroids gives 64 mid and 16 coarse clusters, a poor man's
//     Brown hierarchy.
//
// Every word with frequency >= 3 also gets a log2 frequency bucket.
const (
	ctxWords   = 1000
	projDim    = 64
	kmeansIter = 10
)

func buildClusters(ctx context.Context, opts ResourceOptions) (map[uint64]uint32, error) {
	start := time.Now()
	k := opts.Clusters
	if k <= 0 {
		k = 512
	}
	if k >= 1<<clFineBits-1 {
		return nil, fmt.Errorf("clusters: %d clusters is too many", k)
	}
	minFreq := opts.MinFreq
	if minFreq <= 0 {
		minFreq = 5
	}
	ids := map[string]int32{}
	var words []string
	var freq []int
	var seq []int32
	var buf []byte
	addWord := func(tok string) {
		buf = AppendNormalized(buf[:0], tok)
		if len(buf) == 0 {
			return
		}
		id, ok := ids[string(buf)]
		if !ok {
			id = int32(len(words))
			ids[string(buf)] = id
			words = append(words, string(buf))
			freq = append(freq, 0)
		}
		freq[id]++
		seq = append(seq, id)
	}
	for _, s := range opts.Sentences {
		for _, tok := range s {
			addWord(tok)
		}
		seq = append(seq, -1)
	}
	var br *bufio.Reader
	if opts.Corpus != "" {
		f, err := os.Open(opts.Corpus)
		if err != nil {
			return nil, fmt.Errorf("clusters: %w", err)
		}
		defer f.Close()
		br = bufio.NewReaderSize(f, 1<<20)
	}
	for lineNo := 1; br != nil; lineNo++ {
		line, rerr := br.ReadBytes('\n')
		if rerr != nil && !errors.Is(rerr, io.EOF) {
			return nil, fmt.Errorf("clusters: read %s: %w", opts.Corpus, rerr)
		}
		if len(line) > 1 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
			var doc struct {
				Title string `json:"title"`
				Text  string `json:"text"`
			}
			if err := json.Unmarshal(line, &doc); err != nil {
				return nil, fmt.Errorf("clusters: %s:%d: %w", opts.Corpus, lineNo, err)
			}
			for _, text := range [2]string{doc.Title, doc.Text} {
				for _, t := range Tokenize(text) {
					addWord(t.Text)
				}
				seq = append(seq, -1)
			}
		}
		if rerr != nil {
			break
		}
	}
	// rank words by frequency, ties by spelling
	rank := make([]int32, len(words))
	for i := range rank {
		rank[i] = int32(i)
	}
	slices.SortFunc(rank, func(a, b int32) int {
		if c := cmp.Compare(freq[b], freq[a]); c != 0 {
			return c
		}
		return cmp.Compare(words[a], words[b])
	})
	ctxOf := make([]int32, len(words)) // word → context index, -1
	vocOf := make([]int32, len(words)) // word → clustered index, -1
	for i := range ctxOf {
		ctxOf[i], vocOf[i] = -1, -1
	}
	var voc []int32
	for r, w := range rank {
		if r < ctxWords {
			ctxOf[w] = int32(r)
		}
		if freq[w] >= minFreq {
			vocOf[w] = int32(len(voc))
			voc = append(voc, w)
		}
	}
	// co-occurrence pairs (clustered word, context dim)
	const dims = 4 * ctxWords
	var pairs []uint64
	for i, w := range seq {
		if w < 0 || vocOf[w] < 0 {
			continue
		}
		for d, off := range [4]int{-2, -1, 1, 2} {
			j := i + off
			if j < 0 || j >= len(seq) || seq[j] < 0 || ctxOf[seq[j]] < 0 {
				continue
			}
			pairs = append(pairs, uint64(vocOf[w])<<32|uint64(d*ctxWords+int(ctxOf[seq[j]])))
		}
	}
	slices.Sort(pairs)
	rowTot := make([]float64, len(voc))
	colTot := make([]float64, dims)
	total := 0.0
	for _, p := range pairs {
		rowTot[p>>32]++
		colTot[p&0xffffffff]++
		total++
	}
	colSm := make([]float64, dims)
	smTot := 0.0
	for d, c := range colTot {
		colSm[d] = math.Pow(c, 0.75)
		smTot += colSm[d]
	}
	signs := make([]uint64, dims)
	for d := range signs {
		signs[d] = mix(0xc1a55e5, uint64(d))
	}
	vecs := make([]float32, len(voc)*projDim)
	for i := 0; i < len(pairs); {
		j := i
		for j < len(pairs) && pairs[j] == pairs[i] {
			j++
		}
		w, d := pairs[i]>>32, pairs[i]&0xffffffff
		c := float64(j - i)
		pmi := math.Log(c * smTot / (rowTot[w] * colSm[d]))
		if pmi > 0 {
			v := vecs[int(w)*projDim : int(w)*projDim+projDim]
			sg := signs[d]
			for k := range v {
				if sg>>k&1 == 1 {
					v[k] += float32(pmi)
				} else {
					v[k] -= float32(pmi)
				}
			}
		}
		i = j
	}
	for i := range voc {
		normalise(vecs[i*projDim : (i+1)*projDim])
	}
	fine := kmeans(ctx, vecs, nil, len(voc), k)
	fineCent := centroids(vecs, fine, len(voc), k)
	sizes := make([]float32, k)
	for _, c := range fine {
		sizes[c]++
	}
	mid := kmeans(ctx, fineCent, sizes, k, 64)
	midCent := centroids(fineCent, mid, k, 64)
	coarse := kmeans(ctx, midCent, nil, 64, 16)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	out := make(map[uint64]uint32, len(voc))
	for _, w := range rank {
		if freq[w] < 3 {
			break
		}
		fb := bits.Len(uint(freq[w]))
		if fb > 63 {
			fb = 63
		}
		var c uint32
		if v := vocOf[w]; v >= 0 {
			fc := fine[v]
			mc := mid[fc]
			c = packCluster(fc+1, mc+1, coarse[mc]+1, fb)
		} else {
			c = packCluster(0, 0, 0, fb)
		}
		out[wordHash([]byte(words[w]))] = c
	}
	if opts.Log != nil {
		fmt.Fprintf(opts.Log, "clusters: %d tokens, %d types, %d clustered into %d/64/16 (%s)\n",
			len(seq), len(words), len(voc), k, time.Since(start).Round(time.Millisecond))
	}
	return out, nil
}

func normalise(v []float32) {
	var s float64
	for _, x := range v {
		s += float64(x) * float64(x)
	}
	if s == 0 {
		return
	}
	inv := float32(1 / math.Sqrt(s))
	for i := range v {
		v[i] *= inv
	}
}

// kmeans clusters n unit vectors of projDim floats into k groups by cosine
// similarity (spherical k-means) and returns the group of each vector. The
// initial centres are the vectors at evenly spaced indices, so the result
// is deterministic. weights (nil for all 1) weight the centre updates.
func kmeans(ctx context.Context, vecs, weights []float32, n, k int) []int {
	if k > n {
		k = n
	}
	cent := make([]float32, k*projDim)
	for c := 0; c < k; c++ {
		i := c * n / k
		copy(cent[c*projDim:(c+1)*projDim], vecs[i*projDim:(i+1)*projDim])
	}
	assign := make([]int, n)
	workers := runtime.GOMAXPROCS(0)
	for it := 0; it < kmeansIter && ctx.Err() == nil; it++ {
		var wg sync.WaitGroup
		chunk := (n + workers - 1) / workers
		for lo := 0; lo < n; lo += chunk {
			hi := min(lo+chunk, n)
			wg.Add(1)
			go func(lo, hi int) {
				defer wg.Done()
				for i := lo; i < hi; i++ {
					v := vecs[i*projDim : (i+1)*projDim]
					best, arg := float32(math.Inf(-1)), 0
					for c := 0; c < k; c++ {
						cv := cent[c*projDim : (c+1)*projDim]
						var d float32
						for j := range v {
							d += v[j] * cv[j]
						}
						if d > best {
							best, arg = d, c
						}
					}
					assign[i] = arg
				}
			}(lo, hi)
		}
		wg.Wait()
		sum := make([]float32, k*projDim)
		cnt := make([]float32, k)
		for i, c := range assign {
			wt := float32(1)
			if weights != nil {
				wt = weights[i]
			}
			cnt[c] += wt
			for j, x := range vecs[i*projDim : (i+1)*projDim] {
				sum[c*projDim+j] += wt * x
			}
		}
		for c := 0; c < k; c++ {
			if cnt[c] == 0 {
				continue
			}
			normalise(sum[c*projDim : (c+1)*projDim])
			copy(cent[c*projDim:(c+1)*projDim], sum[c*projDim:(c+1)*projDim])
		}
	}
	return assign
}

// centroids returns the normalised mean vector of each of k groups.
func centroids(vecs []float32, assign []int, n, k int) []float32 {
	cent := make([]float32, k*projDim)
	for i := 0; i < n; i++ {
		c := assign[i]
		for j, x := range vecs[i*projDim : (i+1)*projDim] {
			cent[c*projDim+j] += x
		}
	}
	for c := 0; c < k; c++ {
		normalise(cent[c*projDim : (c+1)*projDim])
	}
	return cent
}
