package main

import (
	"context"
	"os"

	"github.com/spf13/cobra"

	"github.com/marsad/marsad/internal/store"
	"github.com/marsad/marsad/internal/store/postgres"
	"github.com/marsad/marsad/internal/store/sqlite"
)

// storeOptions choose the store of the commands that read or write one.
type storeOptions struct {
	db       string // SQLite file; "" is the default path
	postgres string // PostgreSQL DSN; "" reads MARSAD_POSTGRES, else SQLite is used
}

// addFlags adds --db and --postgres.
func (o *storeOptions) addFlags(cmd *cobra.Command) {
	f := cmd.Flags()
	f.StringVar(&o.db, "db", "", "SQLite store file (default $XDG_DATA_HOME/marsad/marsad.db or ~/.local/share/marsad/marsad.db)")
	f.StringVar(&o.postgres, "postgres", "", "PostgreSQL DSN (default $"+postgres.EnvDSN+"); when set, used instead of SQLite")
}

// dsn is the PostgreSQL DSN: the flag, else the environment; "" means SQLite.
// An explicit --db wins over the environment.
func (o storeOptions) dsn() string {
	if o.postgres != "" {
		return o.postgres
	}
	if o.db != "" {
		return ""
	}
	return os.Getenv(postgres.EnvDSN)
}

// open opens the store the options name.
func (o storeOptions) open(ctx context.Context) (store.Store, error) {
	if dsn := o.dsn(); dsn != "" {
		return postgres.Open(ctx, dsn, postgres.Options{})
	}
	path := o.db
	if path == "" {
		p, err := sqlite.DefaultPath()
		if err != nil {
			return nil, err
		}
		path = p
	}
	return sqlite.Open(ctx, path)
}
