-- Schema 2: covering indexes for country-and-period events and dyads, and pairs.
DROP INDEX groups_source_country;
DROP INDEX groups_target_country;
CREATE INDEX groups_source_country ON event_groups(source_country, day, source_code, target_code, quad, goldstein, mentions);
CREATE INDEX groups_target_country ON event_groups(target_country, day, source_code, target_code, quad, goldstein, mentions);
CREATE INDEX groups_country_pair ON event_groups(source_country, target_country, day);
CREATE INDEX groups_code_pair ON event_groups(target_code, source_code, day);
