package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"runtime"
	"sync"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
	"github.com/spf13/cobra"

	"github.com/marsad/marsad/internal/extract"
	"github.com/marsad/marsad/internal/pipeline"
	"github.com/marsad/marsad/internal/store"
)

// defaultSubject is the JetStream subject of the work queue.
const defaultSubject = "marsad.articles"

// streamName is the JetStream stream of a subject: one work queue per subject.
func streamName(subject string) string {
	b := []byte("MARSAD_" + subject)
	for i, c := range b {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-') {
			b[i] = '_'
		}
	}
	return string(b)
}

// workQueue connects to the server and makes sure the work-queue stream of
// subject exists.
func workQueue(ctx context.Context, url, subject string) (*nats.Conn, jetstream.Stream, error) {
	nc, err := nats.Connect(url, nats.Name("marsad"))
	if err != nil {
		return nil, nil, fmt.Errorf("connecting to NATS %s: %w", url, err)
	}
	js, err := jetstream.New(nc)
	if err != nil {
		nc.Close()
		return nil, nil, fmt.Errorf("JetStream: %w", err)
	}
	s, err := js.CreateOrUpdateStream(ctx, jetstream.StreamConfig{
		Name: streamName(subject), Subjects: []string{subject}, Retention: jetstream.WorkQueuePolicy, Storage: jetstream.FileStorage,
	})
	if err != nil {
		nc.Close()
		return nil, nil, fmt.Errorf("work queue %s: %w", subject, err)
	}
	return nc, s, nil
}

// runPublish is `marsad ingest --nats`: read and extract here, publish each
// article (JSON) to the work queue for the workers to code and store.
func runPublish(ctx context.Context, o ingestOptions, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	start := time.Now()
	nc, _, err := workQueue(ctx, o.nats, o.subject)
	if err != nil {
		return err
	}
	defer nc.Close()
	js, err := jetstream.New(nc)
	if err != nil {
		return err
	}
	n := 0
	report := func(e *pipeline.ArticleError) error {
		_, err := fmt.Fprintln(stderr, "marsad:", e)
		return err
	}
	failed, err := pipeline.ReadArticles(ctx, args, o.code.readOptions(stdin), report, func(a *extract.Article) error {
		a.Dropped = nil
		data, err := json.Marshal(a)
		if err != nil {
			return err
		}
		if _, err := js.PublishAsync(o.subject, data); err != nil {
			return fmt.Errorf("publishing: %w", err)
		}
		n++
		return nil
	})
	if err != nil {
		return err
	}
	select {
	case <-js.PublishAsyncComplete():
	case <-ctx.Done():
		return ctx.Err()
	}
	fmt.Fprintf(stdout, "published %d articles to %s (%d failed); %.2fs\n", n, o.subject, failed, time.Since(start).Seconds())
	if failed > 0 {
		return &exitError{1, errPartial}
	}
	return nil
}

// workerOptions are the flags of `marsad worker`.
type workerOptions struct {
	code     codeOptions
	store    storeOptions
	nats     string
	subject  string
	batch    int
	ackWait  time.Duration
	idleExit time.Duration
}

func newWorkerCommand() *cobra.Command {
	var o workerOptions
	cmd := &cobra.Command{
		Use:   "worker --nats URL [--postgres DSN]",
		Short: "Code articles from a NATS JetStream work queue into the store",
		Long: `Worker takes articles published by "marsad ingest --nats" from the JetStream
work queue, codes them and writes them to the store (PostgreSQL for several
workers), a batch per transaction, and acknowledges a batch only once it is
committed. Messages of a worker that dies are delivered again after
--ack-wait to another; the store skips what it already has (content hash), so
every article is stored once.`,
		Example: `  marsad worker --nats nats://127.0.0.1:4222 --postgres postgres://root@127.0.0.1/test`,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runWorker(cmd.Context(), o, cmd.OutOrStdout(), cmd.ErrOrStderr())
		},
	}
	o.code.addFlags(cmd)
	o.store.addFlags(cmd)
	f := cmd.Flags()
	f.StringVar(&o.nats, "nats", nats.DefaultURL, "NATS server")
	f.StringVar(&o.subject, "subject", defaultSubject, "JetStream subject of the work queue")
	f.IntVar(&o.batch, "batch", 100, "articles per fetch and transaction")
	f.DurationVar(&o.ackWait, "ack-wait", 30*time.Second, "redeliver an article not acknowledged in this time")
	f.DurationVar(&o.idleExit, "exit-when-idle", 0, "stop after the queue has been empty this long (0: never)")
	return cmd
}

func runWorker(ctx context.Context, o workerOptions, stdout, stderr io.Writer) error {
	p, err := newPipeline(o.code)
	if err != nil {
		return err
	}
	st, err := o.store.open(ctx)
	if err != nil {
		return err
	}
	defer st.Close()
	nc, stream, err := workQueue(ctx, o.nats, o.subject)
	if err != nil {
		return err
	}
	defer nc.Close()
	cons, err := stream.CreateOrUpdateConsumer(ctx, jetstream.ConsumerConfig{
		Durable: "workers", AckPolicy: jetstream.AckExplicitPolicy, AckWait: o.ackWait, MaxAckPending: 10 * max(o.batch, 1),
	})
	if err != nil {
		return fmt.Errorf("consumer: %w", err)
	}
	run, err := st.BeginRun(ctx, "marsad worker --subject "+o.subject)
	if err != nil {
		return err
	}
	tot := store.Run{ID: run}
	defer func() { st.FinishRun(context.WithoutCancel(ctx), tot) }()
	idleSince := time.Now()
	failures := 0 // writes failed in a row
	for {
		if ctx.Err() != nil {
			return nil
		}
		msgs, err := cons.Fetch(max(o.batch, 1), jetstream.FetchMaxWait(time.Second))
		if err != nil {
			return fmt.Errorf("fetching: %w", err)
		}
		var batch []jetstream.Msg
		for m := range msgs.Messages() {
			batch = append(batch, m)
		}
		if len(batch) == 0 {
			if o.idleExit > 0 && time.Since(idleSince) > o.idleExit {
				fmt.Fprintf(stdout, "worker: %d new, %d duplicate, %d failed; %d events\n", tot.New, tot.Duplicate, tot.Failed, tot.Events)
				return nil
			}
			continue
		}
		idleSince = time.Now()
		arts := codeMessages(p, batch)
		var good []store.Article
		for i, a := range arts {
			if a == nil {
				tot.Failed++
				batch[i].Term() // not an article: never redeliver
				continue
			}
			good = append(good, *a)
		}
		res, err := st.Write(ctx, run, good)
		if err != nil {
			// nothing of the batch was written: have it delivered again (a
			// deadlock between workers or a lost connection passes)
			for _, m := range batch {
				m.NakWithDelay(time.Second)
			}
			if errors.Is(err, context.Canceled) {
				return nil
			}
			if failures++; failures >= 5 {
				return err
			}
			fmt.Fprintln(stderr, "marsad worker:", err)
			continue
		}
		failures = 0
		tot.New += res.New
		tot.Duplicate += res.Duplicate
		tot.Events += res.Events
		for i, m := range batch {
			if arts[i] != nil {
				if err := m.DoubleAck(ctx); err != nil {
					return fmt.Errorf("acknowledging: %w", err)
				}
			}
		}
	}
}

// codeMessages decodes and codes a batch on all cores; an undecodable
// message gives nil.
func codeMessages(p *pipeline.Pipeline, msgs []jetstream.Msg) []*store.Article {
	out := make([]*store.Article, len(msgs))
	var wg sync.WaitGroup
	next := make(chan int)
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				var a extract.Article
				if err := json.Unmarshal(msgs[i].Data(), &a); err != nil || a.Text == "" {
					continue
				}
				sa := store.NewArticle(p.Code(&a), a.PublishedAt)
				out[i] = &sa
			}
		}()
	}
	for i := range msgs {
		next <- i
	}
	close(next)
	wg.Wait()
	return out
}
