-- Schema 7: the sentences and entities are in articles.sentence_list and
-- entity_list (schema 6).
DROP TABLE sentences;
DROP TABLE entities;
