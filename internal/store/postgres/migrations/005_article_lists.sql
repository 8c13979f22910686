-- Schema 5: an article's sentences and entities are two columns of its row
-- (compact varint lists, sqlstore/lists.go) instead of a row each in the
-- tables sentences and entities, as SQLite's schema 6. Filled here from the
-- tables (sqlstore.fillArticleLists, after this file), which schema 6 drops.
ALTER TABLE articles ADD COLUMN sentence_list BYTEA NOT NULL DEFAULT ''::bytea;
ALTER TABLE articles ADD COLUMN entity_list BYTEA NOT NULL DEFAULT ''::bytea;
