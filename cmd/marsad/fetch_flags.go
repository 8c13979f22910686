package main

import (
	"fmt"
	"io"
	"time"

	"github.com/spf13/cobra"

	"github.com/marsad/marsad/internal/fetch"
	"github.com/marsad/marsad/internal/read"
)

// fetchOptions are the flags of the commands that read URLs and feeds
// (code, ingest, bench).
type fetchOptions struct {
	feeds        []string      // RSS or Atom feeds to read after the inputs
	allowPrivate bool          // allow loopback, private and other non-public addresses
	perHostDelay time.Duration // least time between two requests to a host; 0: none
	timeout      time.Duration // time limit of one request
}

// addFlags adds --feed, --allow-private, --per-host-delay and --fetch-timeout.
func (o *fetchOptions) addFlags(cmd *cobra.Command) {
	f := cmd.Flags()
	f.StringArrayVar(&o.feeds, "feed", nil, "read an RSS or Atom feed: fetch it, then each item's page (repeatable; after the FILE and URL inputs)")
	f.BoolVar(&o.allowPrivate, "allow-private", false, "let URLs reach loopback, private, link-local and other non-public addresses (refused by default)")
	f.DurationVar(&o.perHostDelay, "per-host-delay", fetch.DefaultPerHostDelay, "least time between two requests to one host (0: no delay)")
	f.DurationVar(&o.timeout, "fetch-timeout", fetch.DefaultTimeout, "time limit of one request, redirects and body included")
}

// check rejects negative durations (exit status 2).
func (o fetchOptions) check() error {
	if o.perHostDelay < 0 {
		return &exitError{2, fmt.Errorf("--per-host-delay %v: want 0 or more", o.perHostDelay)}
	}
	if o.timeout <= 0 {
		return &exitError{2, fmt.Errorf("--fetch-timeout %v: want more than 0", o.timeout)}
	}
	return nil
}

// fetcher returns the Fetcher the flags ask for, with the readers' size limit.
func (o fetchOptions) fetcher() *fetch.Fetcher {
	delay := o.perHostDelay
	if delay == 0 {
		delay = -1 // fetch.Options: 0 is the default, negative none
	}
	return fetch.New(fetch.Options{
		AllowPrivate: o.allowPrivate,
		MaxBytes:     read.DefaultMaxBytes,
		Timeout:      o.timeout,
		PerHostDelay: delay,
	})
}

// readOptions returns how the inputs of a command that codes are read.
func (o codeOptions) readOptions(stdin io.Reader) read.Options {
	return read.Options{Format: read.Format(o.input), Stdin: stdin, Fetcher: o.fetch.fetcher(), Feeds: o.fetch.feeds}
}
