// Package sqlite opens Marsad's embedded store: one SQLite file (pure Go,
// modernc.org/sqlite) in WAL mode, with FTS5 over the articles' stems.
package sqlite

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"

	_ "modernc.org/sqlite" // the "sqlite" database/sql driver

	"github.com/marsad/marsad/internal/store/sqlstore"
)

//go:embed migrations/*.sql
var migrations embed.FS

// Open opens (creating it and its directory when missing) the store in
// the SQLite file at path and brings its schema up to date.
func Open(ctx context.Context, path string) (*sqlstore.DB, error) {
	if dir := filepath.Dir(path); dir != "" {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return nil, fmt.Errorf("opening store: %w", err)
		}
	}
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
		if err := create(ctx, path); err != nil {
			return nil, err
		}
	}
	q := url.Values{}
	for _, p := range []string{"journal_mode(WAL)", "synchronous(NORMAL)", "busy_timeout(10000)", "foreign_keys(1)", "cache_size(-65536)", "temp_store(MEMORY)", "wal_autocheckpoint(256)"} {
		q.Add("_pragma", p)
	}
	q.Set("_txlock", "immediate")
	db, err := sql.Open("sqlite", "file:"+path+"?"+q.Encode())
	if err != nil {
		return nil, fmt.Errorf("opening store %s: %w", path, err)
	}
	db.SetMaxOpenConns(4)
	sub, err := fs.Sub(migrations, "migrations")
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("opening store: %w", err)
	}
	s, err := sqlstore.Open(ctx, db, sqlstore.SQLite, sub)
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("opening store %s: %w", path, err)
	}
	return s, nil
}

// create makes a new database file with 16 KiB pages (fewer page writes for
// article texts), which must be set before the file is in WAL mode. The
// file is made under a temporary name and linked into place whole, so that
// a process killed meanwhile (kill -9) leaves no empty file behind for the
// next one to open with the default page size.
func create(ctx context.Context, path string) error {
	tmp := filepath.Join(filepath.Dir(path), fmt.Sprintf(".%s.new-%d", filepath.Base(path), os.Getpid()))
	os.Remove(tmp)
	defer os.Remove(tmp)
	db, err := sql.Open("sqlite", "file:"+tmp)
	if err != nil {
		return fmt.Errorf("creating store %s: %w", path, err)
	}
	defer db.Close()
	if _, err := db.ExecContext(ctx, `PRAGMA page_size = 16384; PRAGMA journal_mode = WAL`); err != nil {
		return fmt.Errorf("creating store %s: %w", path, err)
	}
	if err := db.Close(); err != nil {
		return fmt.Errorf("creating store %s: %w", path, err)
	}
	// a link does not replace a store another process made meanwhile
	if err := os.Link(tmp, path); err != nil && !errors.Is(err, fs.ErrExist) {
		if err := os.Rename(tmp, path); err != nil { // a file system without links
			return fmt.Errorf("creating store %s: %w", path, err)
		}
	}
	return nil
}

// DefaultPath is where the store lives when no --db is given:
// $XDG_DATA_HOME/marsad/marsad.db, else ~/.local/share/marsad/marsad.db,
// else the user configuration directory's marsad/marsad.db.
func DefaultPath() (string, error) {
	if d := os.Getenv("XDG_DATA_HOME"); d != "" {
		return filepath.Join(d, "marsad", "marsad.db"), nil
	}
	if h, err := os.UserHomeDir(); err == nil {
		return filepath.Join(h, ".local", "share", "marsad", "marsad.db"), nil
	}
	d, err := os.UserConfigDir()
	if err != nil {
		return "", fmt.Errorf("no data directory for the store (use --db): %w", err)
	}
	return filepath.Join(d, "marsad", "marsad.db"), nil
}
