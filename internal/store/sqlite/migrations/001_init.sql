-- Marsad store, schema 1 (SQLite). Offsets are byte offsets into articles.text.
CREATE TABLE outlets (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
CREATE TABLE runs (
  id INTEGER PRIMARY KEY, started TEXT NOT NULL, finished TEXT, command TEXT NOT NULL,
  new INTEGER NOT NULL DEFAULT 0, duplicate INTEGER NOT NULL DEFAULT 0,
  failed INTEGER NOT NULL DEFAULT 0, events INTEGER NOT NULL DEFAULT 0);
CREATE TABLE stories (id INTEGER PRIMARY KEY, articles INTEGER NOT NULL, title TEXT NOT NULL);
CREATE TABLE articles (
  id INTEGER PRIMARY KEY, hash TEXT NOT NULL UNIQUE, doc_id TEXT NOT NULL, title TEXT NOT NULL,
  published TEXT NOT NULL, day TEXT NOT NULL, outlet_id INTEGER REFERENCES outlets(id),
  attribution TEXT NOT NULL, text TEXT NOT NULL, bytes INTEGER NOT NULL, simhash INTEGER NOT NULL,
  band0 INTEGER NOT NULL, band1 INTEGER NOT NULL, band2 INTEGER NOT NULL, band3 INTEGER NOT NULL, band4 INTEGER NOT NULL,
  story_id INTEGER NOT NULL, run_id INTEGER NOT NULL, events INTEGER NOT NULL);
CREATE INDEX articles_band0 ON articles(band0);
CREATE INDEX articles_band1 ON articles(band1);
CREATE INDEX articles_band2 ON articles(band2);
CREATE INDEX articles_band3 ON articles(band3);
CREATE INDEX articles_band4 ON articles(band4);
CREATE INDEX articles_day ON articles(day);
CREATE INDEX articles_story ON articles(story_id);
CREATE TABLE sentences (
  article_id INTEGER NOT NULL, idx INTEGER NOT NULL, start_off INTEGER NOT NULL, end_off INTEGER NOT NULL,
  PRIMARY KEY (article_id, idx)) WITHOUT ROWID;
CREATE TABLE entities (
  article_id INTEGER NOT NULL, idx INTEGER NOT NULL, text TEXT NOT NULL, type TEXT NOT NULL,
  start_off INTEGER NOT NULL, end_off INTEGER NOT NULL, code TEXT NOT NULL,
  PRIMARY KEY (article_id, idx)) WITHOUT ROWID;
CREATE TABLE actors (code TEXT PRIMARY KEY, country TEXT NOT NULL, role TEXT NOT NULL, name TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE event_groups (
  id INTEGER PRIMARY KEY, gkey TEXT NOT NULL UNIQUE,
  source_code TEXT NOT NULL, source_country TEXT NOT NULL, target_code TEXT NOT NULL, target_country TEXT NOT NULL,
  cameo TEXT NOT NULL, root TEXT NOT NULL, quad INTEGER NOT NULL, plover TEXT NOT NULL, goldstein REAL NOT NULL,
  day TEXT NOT NULL, mentions INTEGER NOT NULL, articles INTEGER NOT NULL, sources INTEGER NOT NULL,
  first_event INTEGER);
CREATE INDEX groups_source_country ON event_groups(source_country, day);
CREATE INDEX groups_target_country ON event_groups(target_country, day);
CREATE INDEX groups_source_code ON event_groups(source_code, target_code, day);
CREATE INDEX groups_target_code ON event_groups(target_code, day);
CREATE INDEX groups_day ON event_groups(day);
CREATE INDEX groups_cameo ON event_groups(cameo, day);
CREATE TABLE group_stories (group_id INTEGER NOT NULL, story_id INTEGER NOT NULL, PRIMARY KEY (group_id, story_id)) WITHOUT ROWID;
CREATE TABLE events (
  id INTEGER PRIMARY KEY, article_id INTEGER NOT NULL, idx INTEGER NOT NULL, group_id INTEGER NOT NULL,
  story_id INTEGER NOT NULL, day TEXT NOT NULL,
  source_text TEXT NOT NULL, source_code TEXT NOT NULL, source_country TEXT NOT NULL, source_role TEXT NOT NULL,
  source_name TEXT NOT NULL, source_start INTEGER NOT NULL, source_end INTEGER NOT NULL,
  has_target INTEGER NOT NULL, target_text TEXT NOT NULL, target_code TEXT NOT NULL, target_country TEXT NOT NULL,
  target_role TEXT NOT NULL, target_name TEXT NOT NULL, target_start INTEGER NOT NULL, target_end INTEGER NOT NULL,
  cameo TEXT NOT NULL, root TEXT NOT NULL, quad INTEGER NOT NULL, goldstein REAL NOT NULL,
  plover TEXT NOT NULL, plover_mode TEXT NOT NULL, modality TEXT NOT NULL,
  has_location INTEGER NOT NULL, location_text TEXT NOT NULL, location_country TEXT NOT NULL,
  lat REAL, lon REAL, location_start INTEGER NOT NULL, location_end INTEGER NOT NULL,
  date TEXT, trigger_text TEXT NOT NULL, trigger_start INTEGER NOT NULL, trigger_end INTEGER NOT NULL,
  evidence_text TEXT NOT NULL, evidence_start INTEGER NOT NULL, evidence_end INTEGER NOT NULL,
  confidence REAL NOT NULL, rule TEXT NOT NULL);
CREATE INDEX events_group ON events(group_id);
CREATE INDEX events_article ON events(article_id);
CREATE INDEX events_location ON events(location_country);
CREATE VIRTUAL TABLE articles_fts USING fts5(stems, content='', detail='none', tokenize='ascii');
