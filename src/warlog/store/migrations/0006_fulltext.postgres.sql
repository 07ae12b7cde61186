-- Full-text search for the HTTP API on PostgreSQL: GIN indexes over the same columns SQLite's FTS5
-- tables cover (migration 0002). Queries use the very same expressions (warlog.store._filters), with
-- the 'simple' configuration (no stemming, no stop words: names of places and armed groups) and
-- prefix matching, so `q=Stonebridg` finds Stonebridge on both backends.
CREATE INDEX events_fulltext ON events USING GIN (to_tsvector('simple',
    coalesce(event_type, '') || ' ' || coalesce(sub_event_type, '') || ' ' || coalesce(actor1, '') || ' '
    || coalesce(actor2, '') || ' ' || coalesce(country, '') || ' ' || coalesce(admin1, '') || ' '
    || coalesce(admin2, '') || ' ' || coalesce(location, '')));
CREATE INDEX reports_fulltext ON reports USING GIN (to_tsvector('simple',
    coalesce(place_name, '') || ' ' || coalesce(source, '') || ' ' || coalesce(notes, '') || ' '
    || coalesce(actor1, '') || ' ' || coalesce(actor2, '')));
CREATE INDEX articles_fulltext ON articles USING GIN (to_tsvector('simple',
    coalesce(title, '') || ' ' || text || ' ' || coalesce(outlet, '')));
