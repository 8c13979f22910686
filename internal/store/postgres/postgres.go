// Package postgres opens Marsad's store on a PostgreSQL server (pgx), for
// teams and for workers that share one database.
package postgres

import (
	"context"
	"embed"
	"fmt"
	"io/fs"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"

	"github.com/marsad/marsad/internal/store/sqlstore"
)

//go:embed migrations/*.sql
var migrations embed.FS

// EnvDSN is the environment variable that names the server when no
// --postgres flag is given.
const EnvDSN = "MARSAD_POSTGRES"

// Options are the optional settings of Open.
type Options struct {
	// Schema, when set, is created if missing and used as the search path,
	// so that several stores (test runs) share one database.
	Schema string
}

// Open connects to the server at dsn, brings the schema up to date and
// returns the store.
func Open(ctx context.Context, dsn string, o Options) (*sqlstore.DB, error) {
	cfg, err := pgx.ParseConfig(dsn)
	if err != nil {
		return nil, fmt.Errorf("postgres DSN: %w", err)
	}
	if o.Schema != "" {
		conn, err := pgx.ConnectConfig(ctx, cfg)
		if err != nil {
			return nil, fmt.Errorf("connecting to postgres: %w", err)
		}
		_, err = conn.Exec(ctx, "CREATE SCHEMA IF NOT EXISTS "+pgx.Identifier{o.Schema}.Sanitize())
		conn.Close(ctx)
		if err != nil {
			return nil, fmt.Errorf("creating schema %s: %w", o.Schema, err)
		}
		cfg.RuntimeParams["search_path"] = o.Schema
	}
	db := stdlib.OpenDB(*cfg)
	db.SetMaxOpenConns(8)
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("connecting to postgres: %w", err)
	}
	sub, err := fs.Sub(migrations, "migrations")
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("opening store: %w", err)
	}
	s, err := sqlstore.Open(ctx, db, sqlstore.Postgres, sub)
	if err != nil {
		db.Close()
		return nil, err
	}
	return s, nil
}

// DropSchema removes a schema made by Open (for tests).
func DropSchema(ctx context.Context, dsn, schema string) error {
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		return fmt.Errorf("dropping schema %s: %w", schema, err)
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, "DROP SCHEMA IF EXISTS "+pgx.Identifier{schema}.Sanitize()+" CASCADE"); err != nil {
		return fmt.Errorf("dropping schema %s: %w", schema, err)
	}
	return nil
}
