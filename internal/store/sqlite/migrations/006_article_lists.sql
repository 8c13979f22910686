-- Schema 6: an article's sentences and entities are two columns of its row
-- (compact varint lists, sqlstore/lists.go) instead of a row each in the
-- tables sentences and entities: those rows cost the ingest more than they
-- were ever read. Filled here from the tables (sqlstore.fillArticleLists,
-- after this file), which schema 7 drops.
ALTER TABLE articles ADD COLUMN sentence_list BLOB NOT NULL DEFAULT x'';
ALTER TABLE articles ADD COLUMN entity_list BLOB NOT NULL DEFAULT x'';
