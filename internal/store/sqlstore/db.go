// Package sqlstore is the Store implementation over database/sql shared by
// the SQLite and PostgreSQL stores: the same tables, the same writes and
// queries, with the few differences (placeholders, full text) in a Dialect.
package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/marsad/marsad/internal/store"
)

// Dialect is the SQL flavour of a database.
type Dialect int

// Dialects.
const (
	SQLite   Dialect = iota // FTS5 table articles_fts over the stems; ? placeholders
	Postgres                // stems as a text[] column with a GIN index; $n placeholders
)

// DB is a Store over a database/sql handle. Build it with Open.
type DB struct {
	db      *sql.DB
	dialect Dialect
	wmu     sync.Mutex // one writer at a time within this process (SQLite has one anyway)
	rebound sync.Map   // query → query with the dialect's placeholders
	actors  sync.Map   // actor codes known to be stored
	near    nearIndex  // SQLite: SimHash bands of the stored articles (guarded by wmu)

	prepared map[string]*sql.Stmt // the writer's statements, prepared once (guarded by wmu)
}

var _ store.Store = (*DB)(nil)

// Open migrates db (the migrations are fs's files NNN_name.sql, applied in
// order, each in a transaction, recorded in schema_version) and returns the
// Store. A database whose schema is newer than the newest migration fails
// with an error wrapping store.ErrSchema. DB takes ownership of db.
func Open(ctx context.Context, db *sql.DB, d Dialect, migrations fs.FS) (*DB, error) {
	s := &DB{db: db, dialect: d}
	if err := s.migrate(ctx, migrations); err != nil {
		return nil, err
	}
	return s, nil
}

// SQL returns the underlying handle, for tools and tests.
func (s *DB) SQL() *sql.DB { return s.db }

// Close closes the database.
func (s *DB) Close() error {
	s.wmu.Lock()
	for _, st := range s.prepared {
		st.Close()
	}
	s.prepared = nil
	s.wmu.Unlock()
	return s.db.Close()
}

// q rewrites a query written with ? placeholders for the dialect.
func (s *DB) q(query string) string {
	if s.dialect != Postgres {
		return query
	}
	if v, ok := s.rebound.Load(query); ok {
		return v.(string)
	}
	r := Rebind(query)
	s.rebound.Store(query, r)
	return r
}

// Rebind numbers the ? placeholders of query for PostgreSQL ($1, $2, …).
func Rebind(query string) string {
	var b strings.Builder
	n := 0
	for i := 0; i < len(query); i++ {
		if query[i] == '?' {
			n++
			b.WriteByte('$')
			b.WriteString(strconv.Itoa(n))
			continue
		}
		b.WriteByte(query[i])
	}
	return b.String()
}

// SchemaVersion returns the version of the newest migration applied.
func (s *DB) SchemaVersion(ctx context.Context) (int, error) {
	var v sql.NullInt64
	if err := s.db.QueryRowContext(ctx, `SELECT MAX(version) FROM schema_version`).Scan(&v); err != nil {
		return 0, fmt.Errorf("schema version: %w", err)
	}
	return int(v.Int64), nil
}

// migrate applies the migrations newer than the database in one
// transaction; on PostgreSQL an advisory lock makes workers that open the
// store at once wait for each other.
func (s *DB) migrate(ctx context.Context, migrations fs.FS) (err error) {
	names, err := fs.Glob(migrations, "*.sql")
	if err != nil {
		return fmt.Errorf("listing migrations: %w", err)
	}
	type mig struct {
		version int
		name    string
	}
	var migs []mig
	for _, n := range names {
		num, _, ok := strings.Cut(path.Base(n), "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil {
			return fmt.Errorf("migration %s: name is not NNN_name.sql", n)
		}
		migs = append(migs, mig{v, n})
	}
	sort.Slice(migs, func(i, j int) bool { return migs[i].version < migs[j].version })
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("migrating: %w", err)
	}
	defer func() {
		if err != nil {
			tx.Rollback()
		}
	}()
	if s.dialect == Postgres {
		if _, err := tx.ExecContext(ctx, `SELECT pg_advisory_xact_lock(7427357)`); err != nil {
			return fmt.Errorf("migration lock: %w", err)
		}
	}
	if _, err := tx.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL PRIMARY KEY, applied TEXT NOT NULL)`); err != nil {
		return fmt.Errorf("creating schema_version: %w", err)
	}
	var have sql.NullInt64
	if err := tx.QueryRowContext(ctx, `SELECT MAX(version) FROM schema_version`).Scan(&have); err != nil {
		return fmt.Errorf("schema version: %w", err)
	}
	if n := len(migs); n > 0 && int(have.Int64) > migs[n-1].version {
		return fmt.Errorf("%w: database is at version %d, this program knows up to %d", store.ErrSchema, have.Int64, migs[n-1].version)
	}
	for _, m := range migs {
		if m.version <= int(have.Int64) {
			continue
		}
		body, err := fs.ReadFile(migrations, m.name)
		if err != nil {
			return fmt.Errorf("migration %s: %w", m.name, err)
		}
		if _, err := tx.ExecContext(ctx, string(body)); err != nil {
			return fmt.Errorf("migration %s: %w", m.name, err)
		}
		if strings.HasSuffix(m.name, "_article_lists.sql") {
			if err := fillArticleLists(ctx, tx, s.dialect); err != nil {
				return fmt.Errorf("migration %s: %w", m.name, err)
			}
		}
		if strings.HasSuffix(m.name, "_dyad_sums.sql") {
			if err := backfillDyadSums(ctx, tx, s.dialect); err != nil {
				return fmt.Errorf("migration %s: %w", m.name, err)
			}
		}
		if _, err := tx.ExecContext(ctx, s.q(`INSERT INTO schema_version (version, applied) VALUES (?, ?)`), m.version, nowText()); err != nil {
			return fmt.Errorf("migration %s: %w", m.name, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("migrating: %w", err)
	}
	return nil
}
