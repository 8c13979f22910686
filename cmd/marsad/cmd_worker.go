package main

import (
	"context"
	"errors"
	"io"
)

// defaultSubject is the JetStream subject of the work queue.
const defaultSubject = "marsad.articles"

func runPublish(ctx context.Context, o ingestOptions, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	return &exitError{2, errNoNATS}
}

var errNoNATS = errors.New("--nats is not supported yet")
