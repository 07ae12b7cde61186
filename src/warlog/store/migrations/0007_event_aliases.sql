-- Event ids stay resolvable forever. An event's id is derived from its anchor report (the member
-- published first); when a report that sorts before the anchor joins, the event takes a new id and
-- the old one is kept here. Every alias points straight at the current id (chains are flattened
-- when an event is renamed again), so one lookup resolves any id ever issued.
CREATE TABLE event_aliases (
    alias_id   TEXT PRIMARY KEY,
    event_id   TEXT NOT NULL REFERENCES events (event_id),
    created_at TEXT NOT NULL
);
CREATE INDEX event_aliases_event ON event_aliases (event_id);
