package pipeline

import (
	"context"
	"sync"
)

// Ordered runs work on up to workers goroutines over the items that
// produce sends, and calls emit with the results one at a time, in the
// order the items were sent: the output of N workers is the output of one.
//
// produce calls send for every item; send blocks while workers·4 items are
// in flight, so memory stays bounded, and returns an error once the run is
// stopping (an error from emit, or ctx done), which produce should return.
// work must be safe for concurrent use. Ordered returns the first error
// of emit, of produce or of ctx; after an error no more results are
// emitted, and Ordered returns only when every goroutine has finished.
// workers below 1 count as 1.
func Ordered[In, Out any](ctx context.Context, workers int, produce func(send func(In) error) error, work func(In) Out, emit func(Out) error) error {
	workers = max(workers, 1)
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	type job struct {
		in  In
		out chan Out // one result, buffered
	}
	jobs := make(chan job, workers)
	queue := make(chan chan Out, 4*workers) // results in input order
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				j.out <- work(j.in)
			}
		}()
	}
	var perr error
	go func() {
		defer close(queue)
		defer close(jobs)
		perr = produce(func(in In) error {
			out := make(chan Out, 1)
			select {
			case queue <- out: // a place in the order first, then the work
			case <-ctx.Done():
				return context.Cause(ctx)
			}
			jobs <- job{in, out} // never blocks for long: workers drain jobs
			return nil
		})
	}()
	var eerr error
	for out := range queue {
		r := <-out
		if eerr != nil || ctx.Err() != nil {
			continue // drain, so that the workers and the producer finish
		}
		if err := emit(r); err != nil {
			eerr = err
			cancel(err)
		}
	}
	wg.Wait()
	if eerr != nil {
		return eerr
	}
	if perr != nil {
		return perr
	}
	return ctx.Err()
}
