-- Reindex an event's or report's full text only when an indexed column changes.
-- Linking rewrites an event row (record, sources, tolls) on every join and sets reports.event_id:
-- with "AFTER UPDATE" the FTS rows were deleted and re-added each time, for text that had not changed.
DROP TRIGGER events_fts_au;
CREATE TRIGGER events_fts_au AFTER UPDATE OF event_type, sub_event_type, actor1, actor2, country, admin1,
    admin2, location ON events BEGIN
    INSERT INTO events_fts (events_fts, rowid, event_type, sub_event_type, actor1, actor2, country, admin1,
                            admin2, location)
    VALUES ('delete', old.rowid, old.event_type, old.sub_event_type, old.actor1, old.actor2, old.country,
            old.admin1, old.admin2, old.location);
    INSERT INTO events_fts (rowid, event_type, sub_event_type, actor1, actor2, country, admin1, admin2, location)
    VALUES (new.rowid, new.event_type, new.sub_event_type, new.actor1, new.actor2, new.country, new.admin1,
            new.admin2, new.location);
END;

DROP TRIGGER reports_fts_au;
CREATE TRIGGER reports_fts_au AFTER UPDATE OF place_name, source, notes, actor1, actor2 ON reports BEGIN
    INSERT INTO reports_fts (reports_fts, rowid, place_name, source, notes, actor1, actor2)
    VALUES ('delete', old.rowid, old.place_name, old.source, old.notes, old.actor1, old.actor2);
    INSERT INTO reports_fts (rowid, place_name, source, notes, actor1, actor2)
    VALUES (new.rowid, new.place_name, new.source, new.notes, new.actor1, new.actor2);
END;
