-- Schema 3 (SQLite only): the single writer keeps the SimHash bands in memory
-- (synchronised from the articles table at each batch), so the band
-- indexes only cost time on insert.
DROP INDEX articles_band0;
DROP INDEX articles_band1;
DROP INDEX articles_band2;
DROP INDEX articles_band3;
DROP INDEX articles_band4;
