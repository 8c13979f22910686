-- Schema 6: the sentences and entities are in articles.sentence_list and
-- entity_list (schema 5).
DROP TABLE sentences;
DROP TABLE entities;
