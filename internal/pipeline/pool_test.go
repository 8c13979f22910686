package pipeline

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"testing"
	"time"
)

func TestOrderedKeepsInputOrder(t *testing.T) {
	for _, workers := range []int{-5, 0, 1, 2, 7} {
		t.Run(fmt.Sprint(workers), func(t *testing.T) {
			var got []int
			err := Ordered(context.Background(), workers, func(send func(int) error) error {
				for i := range 500 {
					if err := send(i); err != nil {
						return err
					}
				}
				return nil
			}, func(i int) int {
				time.Sleep(time.Duration(rand.IntN(50)) * time.Microsecond) // finish out of order
				return i * i
			}, func(v int) error {
				got = append(got, v)
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != 500 {
				t.Fatalf("%d results, want 500", len(got))
			}
			for i, v := range got {
				if v != i*i {
					t.Fatalf("result %d is %d, want %d", i, v, i*i)
				}
			}
		})
	}
}

func TestOrderedStopsOnError(t *testing.T) {
	boom := errors.New("boom")
	produced := 0
	emitted := 0
	err := Ordered(context.Background(), 3, func(send func(int) error) error {
		for i := range 100000 {
			if err := send(i); err != nil {
				return err
			}
			produced++
		}
		return nil
	}, func(i int) int { return i }, func(v int) error {
		if v == 10 {
			return boom
		}
		emitted++
		return nil
	})
	if !errors.Is(err, boom) {
		t.Fatalf("error %v, want boom", err)
	}
	if emitted != 10 {
		t.Errorf("%d emitted, want 10 (nothing after the error)", emitted)
	}
	if produced > 1000 {
		t.Errorf("the producer went on for %d items after the error", produced)
	}
}

func TestOrderedProduceError(t *testing.T) {
	bad := errors.New("unreadable")
	n := 0
	err := Ordered(context.Background(), 2, func(send func(int) error) error {
		for i := range 5 {
			if err := send(i); err != nil {
				return err
			}
		}
		return bad
	}, func(i int) int { return i }, func(int) error { n++; return nil })
	if !errors.Is(err, bad) || n != 5 {
		t.Fatalf("error %v after %d results, want %v after 5", err, n, bad)
	}
}

func TestOrderedCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	err := Ordered(ctx, 2, func(send func(int) error) error {
		for i := 0; ; i++ {
			if i == 50 {
				cancel()
			}
			if err := send(i); err != nil {
				return err
			}
		}
	}, func(i int) int { return i }, func(int) error { return nil })
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("error %v, want context.Canceled", err)
	}
}
