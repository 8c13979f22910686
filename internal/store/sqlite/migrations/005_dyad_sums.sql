-- Schema 5: the dyad summary. For each ordered pair of actor codes, the
-- deduplicated events (event groups) of all time (level 0), of a year
-- (1, period YYYY), a quarter (2, YYYY-Qn), a month (3, YYYY-MM), and of a
-- day that is not a calendar date (4, the day): their number, mentions,
-- cooperation (QuadClass 1-2) and conflict (3-4) counts and Goldstein sum in
-- thousandths. Kept by every write in the same transaction; filled here
-- from the stored groups (sqlstore.backfillDyadSums, after this file).
CREATE TABLE dyad_sums (
  level INTEGER NOT NULL, period TEXT NOT NULL, source_code TEXT NOT NULL, target_code TEXT NOT NULL,
  events INTEGER NOT NULL, mentions INTEGER NOT NULL, cooperation INTEGER NOT NULL, conflict INTEGER NOT NULL,
  goldstein INTEGER NOT NULL,
  PRIMARY KEY (level, period, source_code, target_code)) WITHOUT ROWID;
-- the pairs of one period by events, for a page of Dyads read in order
CREATE INDEX dyad_sums_rank ON dyad_sums(level, period, events DESC, source_code, target_code);
-- dyads with no actor over the whole store read the summary now: the
-- covering index for them only cost time on every event written
DROP INDEX groups_pair;
