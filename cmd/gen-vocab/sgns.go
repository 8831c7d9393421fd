package main

import (
	"math"
	"math/rand"
	"sync"
)

// The model is word2vec's skip-gram with negative sampling (Mikolov et al.,
// 2013): each word's vector is trained to predict the words around it, so
// words used in the same contexts (folder and directory, launch and start)
// end with similar vectors. A small window favours words that replace one
// another over words that merely appear together.
type sgnsConfig struct {
	dim, window, negative, epochs, workers int
	subsample, alpha                       float64
	seed                                   int64
}

// sigmoidTable holds σ(x) for x in [-maxExp, maxExp).
const (
	maxExp     = 6
	sigmoidLen = 1000
)

var sigmoid = func() [sigmoidLen]float32 {
	var t [sigmoidLen]float32
	for i := range t {
		x := (float64(i)/sigmoidLen*2 - 1) * maxExp
		t[i] = float32(1 / (1 + math.Exp(-x)))
	}
	return t
}()

// train returns each word's vector, normalised to unit length. sents hold
// word ids; counts are the words' frequencies.
func train(sents [][]int32, counts []int64, cfg sgnsConfig) [][]float32 {
	V, D := len(counts), cfg.dim
	var total int64
	for _, c := range counts {
		total += c
	}
	// Frequent words are dropped at random, as in word2vec: "the file"
	// says little about "file".
	keep := make([]float64, V)
	for i, c := range counts {
		f := float64(c) / float64(total)
		keep[i] = math.Min(1, (math.Sqrt(f/cfg.subsample)+1)*cfg.subsample/f)
	}
	// Negative samples follow the unigram distribution to the 3/4.
	table := make([]int32, 1<<23)
	var norm float64
	for _, c := range counts {
		norm += math.Pow(float64(c), 0.75)
	}
	w, cum := 0, math.Pow(float64(counts[0]), 0.75)/norm
	for i := range table {
		table[i] = int32(w)
		if float64(i)/float64(len(table)) > cum && w < V-1 {
			w++
			cum += math.Pow(float64(counts[w]), 0.75) / norm
		}
	}
	rng := rand.New(rand.NewSource(cfg.seed))
	in := make([]float32, V*D)
	out := make([]float32, V*D)
	for i := range in {
		in[i] = (rng.Float32() - 0.5) / float32(D)
	}

	work := int64(cfg.epochs) * total
	var done int64
	var mu sync.Mutex
	for ep := 0; ep < cfg.epochs; ep++ {
		var wg sync.WaitGroup
		for wk := 0; wk < cfg.workers; wk++ {
			wg.Add(1)
			go func(wk int) {
				defer wg.Done()
				r := rand.New(rand.NewSource(cfg.seed + int64(ep*cfg.workers+wk+1)))
				grad := make([]float32, D)
				var buf []int32
				var local int64
				for si := wk; si < len(sents); si += cfg.workers {
					s := sents[si]
					local += int64(len(s))
					if local > 10000 {
						mu.Lock()
						done += local
						mu.Unlock()
						local = 0
					}
					alpha := float32(math.Max(cfg.alpha*(1-float64(done)/float64(work+1)), cfg.alpha*1e-4))
					buf = buf[:0]
					for _, id := range s {
						if keep[id] >= 1 || r.Float64() < keep[id] {
							buf = append(buf, id)
						}
					}
					for pos, center := range buf {
						b := r.Intn(cfg.window)
						for c := pos - cfg.window + b; c <= pos+cfg.window-b; c++ {
							if c == pos || c < 0 || c >= len(buf) {
								continue
							}
							l1 := int(buf[c]) * D
							clear(grad)
							for d := 0; d <= cfg.negative; d++ {
								target, label := center, float32(1)
								if d > 0 {
									target, label = table[r.Intn(len(table))], 0
									if target == center {
										continue
									}
								}
								l2 := int(target) * D
								var f float32
								for k := 0; k < D; k++ {
									f += in[l1+k] * out[l2+k]
								}
								var g float32
								switch {
								case f >= maxExp:
									g = (label - 1) * alpha
								case f <= -maxExp:
									g = label * alpha
								default:
									g = (label - sigmoid[min(int((f+maxExp)*(sigmoidLen/maxExp/2)), sigmoidLen-1)]) * alpha
								}
								for k := 0; k < D; k++ {
									grad[k] += g * out[l2+k]
									out[l2+k] += g * in[l1+k]
								}
							}
							for k := 0; k < D; k++ {
								in[l1+k] += grad[k]
							}
						}
					}
				}
			}(wk)
		}
		wg.Wait()
		logf("epoch %d of %d", ep+1, cfg.epochs)
	}
	vecs := make([][]float32, V)
	for i := range vecs {
		v := in[i*D : (i+1)*D]
		var n float64
		for _, x := range v {
			n += float64(x) * float64(x)
		}
		n = math.Sqrt(n)
		if n > 0 {
			for k := range v {
				v[k] = float32(float64(v[k]) / n)
			}
		}
		vecs[i] = v
	}
	return vecs
}
