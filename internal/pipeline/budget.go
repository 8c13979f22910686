package pipeline

import (
	"context"
	"errors"
	"fmt"
	"sync/atomic"
	"time"

	"github.com/marsad/marsad/internal/arabic"
	"github.com/marsad/marsad/internal/extract"
)

// Budget bounds the work spent on one article, so that one article can
// never stall a batch: an article over its budget is an error naming it
// and the batch goes on. The zero value is the default budget.
type Budget struct {
	// MaxText is the longest article text coded, in bytes: 0 means
	// DefaultMaxText, a negative value no limit. Memory while coding is
	// a multiple of the text (see README: up to about 230 bytes a byte
	// for text that is all punctuation, about 50 for news).
	MaxText int
	// MaxTime is the longest one article may take to code: 0 means
	// DefaultMaxTime, a negative value no limit.
	MaxTime time.Duration
}

// Default budget of an article.
const (
	DefaultMaxText = 4 << 20          // 4 MiB of text: a news article is a few KiB, a long report a few hundred
	DefaultMaxTime = 30 * time.Second // coding runs at tens of MB/s: a text of DefaultMaxText takes well under a second
)

// ErrOverBudget is the reason given for an article over its Budget;
// compare with errors.Is.
var ErrOverBudget = errors.New("over the per-document budget")

// inlineText is the longest text CodeWithin codes without watching the
// clock: a text this short takes milliseconds.
const inlineText = 64 << 10

// maxOverrun is how many articles over their time budget may still be
// finishing in the background at once (see CodeWithin).
const maxOverrun = 2

func (b Budget) maxText() int {
	if b.MaxText == 0 {
		return DefaultMaxText
	}
	return b.MaxText
}

func (b Budget) maxTime() time.Duration {
	if b.MaxTime == 0 {
		return DefaultMaxTime
	}
	return b.MaxTime
}

// CheckText returns an error wrapping ErrOverBudget when the article's
// text is longer than the budget allows, and nil otherwise.
func (b Budget) CheckText(art *extract.Article) error {
	if max := b.maxText(); max >= 0 && len(art.Text) > max {
		return fmt.Errorf("%w: a text of %d bytes, more than %d", ErrOverBudget, len(art.Text), max)
	}
	return nil
}

// CodeWithin codes one article like CodeWith, within a budget:
//   - a text longer than b allows is not coded: the error wraps ErrOverBudget;
//   - coding that takes longer than b allows is given up: the error wraps
//     ErrOverBudget, and fn is not called;
//   - when ctx ends first, the error is ctx.Err().
//
// Coding itself cannot be interrupted: an article given up goes on being
// coded in a goroutine of its own, its result dropped. At most maxOverrun
// such articles run at once; when that many are still running, CodeWithin
// waits for the article in hand to finish instead (its result is then
// still an error). The text budget bounds how long any of them runs.
//
// fn, when not nil, is called as CodeWith calls it, only for an article
// that is coded within the budget, and before CodeWithin returns.
func (p *Pipeline) CodeWithin(ctx context.Context, art *extract.Article, b Budget, fn func(tokens []arabic.Token, sentences []arabic.Span)) (Doc, error) {
	if err := b.CheckText(art); err != nil {
		return Doc{}, err
	}
	if err := ctx.Err(); err != nil {
		return Doc{}, err
	}
	limit := b.maxTime()
	if len(art.Text) <= inlineText || limit < 0 && ctx.Done() == nil {
		return p.CodeWith(art, fn), nil
	}
	// state: 0 coding, 1 the coder delivers (fn runs, the result comes),
	// 2 the caller has given up
	var state atomic.Int32
	done := make(chan Doc, 1)
	go func() {
		claimed := false
		doc := p.CodeWith(art, func(toks []arabic.Token, sents []arabic.Span) {
			if claimed = state.CompareAndSwap(0, 1); claimed && fn != nil {
				fn(toks, sents)
			}
		})
		if claimed || state.CompareAndSwap(0, 1) {
			done <- doc
			return
		}
		p.overrun().release()
	}()
	var timeout <-chan time.Time
	if limit >= 0 {
		t := time.NewTimer(limit)
		defer t.Stop()
		timeout = t.C
	}
	var why error
	select {
	case doc := <-done:
		return doc, nil
	case <-timeout:
		why = fmt.Errorf("%w: coding took more than %v", ErrOverBudget, limit)
	case <-ctx.Done():
		why = ctx.Err()
	}
	if p.overrun().acquire() {
		if state.CompareAndSwap(0, 2) {
			return Doc{}, why // the goroutine releases the slot when it ends
		}
		// the coder finished just now and is delivering: take its result
		p.overrun().release()
		doc := <-done
		if err := ctx.Err(); err != nil {
			return Doc{}, err
		}
		return doc, nil
	}
	<-done // too many given up already: wait for this one
	return Doc{}, why
}

// overrunSlots counts the articles given up that are still being coded.
type overrunSlots struct{ n atomic.Int32 }

func (o *overrunSlots) acquire() bool {
	for {
		n := o.n.Load()
		if n >= maxOverrun {
			return false
		}
		if o.n.CompareAndSwap(n, n+1) {
			return true
		}
	}
}

func (o *overrunSlots) release() { o.n.Add(-1) }

// overrun returns the pipeline's count of articles given up.
func (p *Pipeline) overrun() *overrunSlots {
	p.overrunOnce.Do(func() { p.overrunSlots = &overrunSlots{} })
	return p.overrunSlots
}
