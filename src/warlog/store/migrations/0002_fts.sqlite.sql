-- Full-text search for the HTTP API (SQLite only): FTS5 indexes kept in step with their tables by triggers.
-- External-content tables: the text stays in its table, the index holds only tokens.
-- events_fts: what an analyst types about an event (who, what, where).
-- reports_fts: what each report adds (the place as written, cited source, notes).
-- articles_fts: the source text itself.

CREATE VIRTUAL TABLE events_fts USING fts5 (
    event_type, sub_event_type, actor1, actor2, country, admin1, admin2, location,
    content='events', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2'
);
CREATE TRIGGER events_fts_ai AFTER INSERT ON events BEGIN
    INSERT INTO events_fts (rowid, event_type, sub_event_type, actor1, actor2, country, admin1, admin2, location)
    VALUES (new.rowid, new.event_type, new.sub_event_type, new.actor1, new.actor2, new.country, new.admin1,
            new.admin2, new.location);
END;
CREATE TRIGGER events_fts_ad AFTER DELETE ON events BEGIN
    INSERT INTO events_fts (events_fts, rowid, event_type, sub_event_type, actor1, actor2, country, admin1,
                            admin2, location)
    VALUES ('delete', old.rowid, old.event_type, old.sub_event_type, old.actor1, old.actor2, old.country,
            old.admin1, old.admin2, old.location);
END;
CREATE TRIGGER events_fts_au AFTER UPDATE ON events BEGIN
    INSERT INTO events_fts (events_fts, rowid, event_type, sub_event_type, actor1, actor2, country, admin1,
                            admin2, location)
    VALUES ('delete', old.rowid, old.event_type, old.sub_event_type, old.actor1, old.actor2, old.country,
            old.admin1, old.admin2, old.location);
    INSERT INTO events_fts (rowid, event_type, sub_event_type, actor1, actor2, country, admin1, admin2, location)
    VALUES (new.rowid, new.event_type, new.sub_event_type, new.actor1, new.actor2, new.country, new.admin1,
            new.admin2, new.location);
END;

CREATE VIRTUAL TABLE reports_fts USING fts5 (
    place_name, source, notes, actor1, actor2,
    content='reports', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2'
);
CREATE TRIGGER reports_fts_ai AFTER INSERT ON reports BEGIN
    INSERT INTO reports_fts (rowid, place_name, source, notes, actor1, actor2)
    VALUES (new.rowid, new.place_name, new.source, new.notes, new.actor1, new.actor2);
END;
CREATE TRIGGER reports_fts_ad AFTER DELETE ON reports BEGIN
    INSERT INTO reports_fts (reports_fts, rowid, place_name, source, notes, actor1, actor2)
    VALUES ('delete', old.rowid, old.place_name, old.source, old.notes, old.actor1, old.actor2);
END;
CREATE TRIGGER reports_fts_au AFTER UPDATE ON reports BEGIN
    INSERT INTO reports_fts (reports_fts, rowid, place_name, source, notes, actor1, actor2)
    VALUES ('delete', old.rowid, old.place_name, old.source, old.notes, old.actor1, old.actor2);
    INSERT INTO reports_fts (rowid, place_name, source, notes, actor1, actor2)
    VALUES (new.rowid, new.place_name, new.source, new.notes, new.actor1, new.actor2);
END;

CREATE VIRTUAL TABLE articles_fts USING fts5 (
    title, text, outlet,
    content='articles', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2'
);
CREATE TRIGGER articles_fts_ai AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts (rowid, title, text, outlet) VALUES (new.rowid, new.title, new.text, new.outlet);
END;
CREATE TRIGGER articles_fts_ad AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, title, text, outlet)
    VALUES ('delete', old.rowid, old.title, old.text, old.outlet);
END;
CREATE TRIGGER articles_fts_au AFTER UPDATE ON articles BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, title, text, outlet)
    VALUES ('delete', old.rowid, old.title, old.text, old.outlet);
    INSERT INTO articles_fts (rowid, title, text, outlet) VALUES (new.rowid, new.title, new.text, new.outlet);
END;

-- index what was stored before this migration ran
INSERT INTO events_fts (events_fts) VALUES ('rebuild');
INSERT INTO reports_fts (reports_fts) VALUES ('rebuild');
INSERT INTO articles_fts (articles_fts) VALUES ('rebuild');
