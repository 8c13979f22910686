-- Schema 3: covering indexes for dyads over the whole store and over a period
-- alone (no actor), as SQLite's schema 4.
DROP INDEX groups_day;
CREATE INDEX groups_day ON event_groups(day, source_code, target_code, quad, goldstein, mentions);
CREATE INDEX groups_pair ON event_groups(source_code, target_code, quad, goldstein, mentions);
