-- warlog schema v1. Portable SQL (SQLite and PostgreSQL); dates are ISO 'YYYY-MM-DD' text,
-- JSON columns are text holding JSON; coordinates are DOUBLE PRECISION (PostgreSQL's REAL is only 4 bytes).
-- Change the schema with a new numbered file, never by editing this one.

CREATE TABLE articles (
    article_id       TEXT PRIMARY KEY,
    content_hash     TEXT NOT NULL UNIQUE,
    outlet           TEXT,
    url              TEXT,
    published        TEXT,            -- NULL when unknown (then flags holds 'no-publication-date')
    published_source TEXT NOT NULL,   -- record | html | text | unknown
    title            TEXT,
    text             TEXT NOT NULL,
    source_path      TEXT,
    flags            TEXT NOT NULL DEFAULT '[]',   -- JSON list
    ingested_at      TEXT NOT NULL
);

CREATE TABLE events (
    event_id              TEXT PRIMARY KEY,
    event_type            TEXT NOT NULL,
    sub_event_type        TEXT NOT NULL,
    event_date            TEXT,
    date_earliest         TEXT,
    date_latest           TEXT,
    time_precision        INTEGER,
    actor1                TEXT,
    actor2                TEXT,
    country               TEXT,
    admin1                TEXT,
    admin2                TEXT,
    location              TEXT,
    latitude              DOUBLE PRECISION,
    longitude             DOUBLE PRECISION,
    geo_precision         INTEGER,
    fatalities_low        INTEGER,
    fatalities_best       INTEGER,
    fatalities_high       INTEGER,
    weapons               TEXT NOT NULL DEFAULT '[]',   -- JSON list
    n_reports             INTEGER NOT NULL DEFAULT 0,
    n_independent_sources INTEGER NOT NULL DEFAULT 0,
    attribution           TEXT NOT NULL DEFAULT '{}',   -- JSON: actor1 candidate -> [article_id]
    first_reported        TEXT,
    last_reported         TEXT,
    block_key             TEXT,                         -- linking: day|admin1|event_type
    updated_at            TEXT NOT NULL,
    record                TEXT NOT NULL                 -- the full Event as JSON (place, sources, history)
);
CREATE INDEX events_date ON events (event_date);
CREATE INDEX events_type ON events (event_type, sub_event_type);
CREATE INDEX events_place ON events (country, admin1);
CREATE INDEX events_block ON events (block_key);

CREATE TABLE reports (
    report_id       TEXT PRIMARY KEY,
    article_id      TEXT NOT NULL REFERENCES articles (article_id) ON DELETE CASCADE,
    event_id        TEXT REFERENCES events (event_id),
    event_type      TEXT NOT NULL,
    sub_event_type  TEXT NOT NULL,
    actor1          TEXT,
    actor1_type     TEXT,
    actor1_hedge    TEXT,
    actor2          TEXT,
    actor2_type     TEXT,
    place_name      TEXT,
    country         TEXT,
    admin1          TEXT,
    admin2          TEXT,
    location        TEXT,
    latitude        DOUBLE PRECISION,
    longitude       DOUBLE PRECISION,
    geo_precision   INTEGER,
    geo_radius_km   DOUBLE PRECISION,
    event_date      TEXT,
    date_earliest   TEXT,
    date_latest     TEXT,
    time_precision  INTEGER,
    fatalities      INTEGER,
    fatalities_high INTEGER,
    wounded         INTEGER,
    weapons         TEXT NOT NULL DEFAULT '[]',   -- JSON list
    source          TEXT,
    notes           TEXT,
    extractor       TEXT NOT NULL,
    record          TEXT NOT NULL                 -- the full Report as JSON (place mentions, place, evidence)
);
CREATE INDEX reports_article ON reports (article_id);
CREATE INDEX reports_event ON reports (event_id);

-- one row per evidence span: which sentence and characters each field came from
CREATE TABLE evidence (
    report_id      TEXT NOT NULL REFERENCES reports (report_id) ON DELETE CASCADE,
    field          TEXT NOT NULL,
    article_id     TEXT NOT NULL,
    sentence_index INTEGER NOT NULL,
    char_start     INTEGER NOT NULL,
    char_end       INTEGER NOT NULL,
    quote          TEXT NOT NULL
);
CREATE INDEX evidence_report ON evidence (report_id);

CREATE TABLE claims (
    claim_id        TEXT PRIMARY KEY,
    article_id      TEXT NOT NULL REFERENCES articles (article_id) ON DELETE CASCADE,
    value           INTEGER NOT NULL,
    qualifier       TEXT,
    what            TEXT NOT NULL,
    category        TEXT,
    since           TEXT,
    until           TEXT,
    source          TEXT,
    parts           TEXT NOT NULL DEFAULT '[]',   -- JSON list of {value, what}
    sentence_index  INTEGER NOT NULL,
    char_start      INTEGER NOT NULL,
    char_end        INTEGER NOT NULL,
    quote           TEXT NOT NULL
);
CREATE INDEX claims_article ON claims (article_id);

-- which source said what about an event, and when: tolls and attribution are history, not overwrites
CREATE TABLE event_history (
    event_id        TEXT NOT NULL REFERENCES events (event_id),
    report_id       TEXT NOT NULL REFERENCES reports (report_id) ON DELETE CASCADE,
    article_id      TEXT NOT NULL,
    outlet          TEXT,
    published       TEXT,
    fatalities      INTEGER,
    fatalities_high INTEGER,
    actor1          TEXT,
    actor1_hedge    TEXT,
    position        INTEGER NOT NULL,             -- order of the record in Event.history
    PRIMARY KEY (event_id, report_id)
);
