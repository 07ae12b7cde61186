-- Pre-aggregated tallies (SQLite): event counts and toll sums per day x type and day x place, kept
-- in step with `events` by triggers, so a tally over a million events reads thousands of rows.
-- Which table answers which tally: warlog.store._tally.CUBES. NULL keys are stored as '' (a key
-- column must be comparable for the upsert); readers turn '' back into NULL.
-- with_toll counts events that give any toll; f_high falls back to the best estimate.
-- Secondary indexes carry the sums, so a filter on a type or place reads the index alone.

CREATE TABLE tally_day (
    day TEXT NOT NULL,
    n BIGINT NOT NULL DEFAULT 0, with_toll BIGINT NOT NULL DEFAULT 0,
    f_low BIGINT NOT NULL DEFAULT 0, f_best BIGINT NOT NULL DEFAULT 0, f_high BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (day)
) WITHOUT ROWID;

CREATE TABLE tally_day_type (
    day TEXT NOT NULL, event_type TEXT NOT NULL, sub_event_type TEXT NOT NULL,
    n BIGINT NOT NULL DEFAULT 0, with_toll BIGINT NOT NULL DEFAULT 0,
    f_low BIGINT NOT NULL DEFAULT 0, f_best BIGINT NOT NULL DEFAULT 0, f_high BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (day, event_type, sub_event_type)
) WITHOUT ROWID;
CREATE INDEX tally_day_type_type ON tally_day_type (event_type, day, n, with_toll, f_low, f_best, f_high);
CREATE INDEX tally_day_type_sub ON tally_day_type (sub_event_type, day, n, with_toll, f_low, f_best, f_high);

CREATE TABLE tally_day_place (
    day TEXT NOT NULL, country TEXT NOT NULL, admin1 TEXT NOT NULL,
    n BIGINT NOT NULL DEFAULT 0, with_toll BIGINT NOT NULL DEFAULT 0,
    f_low BIGINT NOT NULL DEFAULT 0, f_best BIGINT NOT NULL DEFAULT 0, f_high BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (day, country, admin1)
) WITHOUT ROWID;
CREATE INDEX tally_day_place_country ON tally_day_place (country, day, n, with_toll, f_low, f_best, f_high);
CREATE INDEX tally_day_place_admin1 ON tally_day_place (admin1, day, n, with_toll, f_low, f_best, f_high);

CREATE TABLE tally_type_place (
    event_type TEXT NOT NULL, sub_event_type TEXT NOT NULL, country TEXT NOT NULL, admin1 TEXT NOT NULL,
    n BIGINT NOT NULL DEFAULT 0, with_toll BIGINT NOT NULL DEFAULT 0,
    f_low BIGINT NOT NULL DEFAULT 0, f_best BIGINT NOT NULL DEFAULT 0, f_high BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (event_type, sub_event_type, country, admin1)
) WITHOUT ROWID;

-- what was stored before this migration
INSERT INTO tally_day (day, n, with_toll, f_low, f_best, f_high)
SELECT coalesce(event_date, ''), count(*),
       sum(CASE WHEN fatalities_best IS NOT NULL OR fatalities_low IS NOT NULL THEN 1 ELSE 0 END),
       sum(coalesce(fatalities_low, 0)), sum(coalesce(fatalities_best, 0)),
       sum(coalesce(fatalities_high, fatalities_best, 0))
FROM events GROUP BY 1;
INSERT INTO tally_day_type (day, event_type, sub_event_type, n, with_toll, f_low, f_best, f_high)
SELECT coalesce(event_date, ''), event_type, sub_event_type, count(*),
       sum(CASE WHEN fatalities_best IS NOT NULL OR fatalities_low IS NOT NULL THEN 1 ELSE 0 END),
       sum(coalesce(fatalities_low, 0)), sum(coalesce(fatalities_best, 0)),
       sum(coalesce(fatalities_high, fatalities_best, 0))
FROM events GROUP BY 1, 2, 3;
INSERT INTO tally_day_place (day, country, admin1, n, with_toll, f_low, f_best, f_high)
SELECT coalesce(event_date, ''), coalesce(country, ''), coalesce(admin1, ''), count(*),
       sum(CASE WHEN fatalities_best IS NOT NULL OR fatalities_low IS NOT NULL THEN 1 ELSE 0 END),
       sum(coalesce(fatalities_low, 0)), sum(coalesce(fatalities_best, 0)),
       sum(coalesce(fatalities_high, fatalities_best, 0))
FROM events GROUP BY 1, 2, 3;
INSERT INTO tally_type_place (event_type, sub_event_type, country, admin1, n, with_toll, f_low, f_best, f_high)
SELECT event_type, sub_event_type, coalesce(country, ''), coalesce(admin1, ''), count(*),
       sum(CASE WHEN fatalities_best IS NOT NULL OR fatalities_low IS NOT NULL THEN 1 ELSE 0 END),
       sum(coalesce(fatalities_low, 0)), sum(coalesce(fatalities_best, 0)),
       sum(coalesce(fatalities_high, fatalities_best, 0))
FROM events GROUP BY 1, 2, 3, 4;

CREATE TRIGGER tally_events_ai AFTER INSERT ON events BEGIN
    INSERT INTO tally_day (day, n, with_toll, f_low, f_best, f_high)
    VALUES (coalesce(new.event_date, ''), 1,
            new.fatalities_best IS NOT NULL OR new.fatalities_low IS NOT NULL, coalesce(new.fatalities_low, 0),
            coalesce(new.fatalities_best, 0), coalesce(new.fatalities_high, new.fatalities_best, 0))
    ON CONFLICT (day) DO UPDATE SET n = n + excluded.n, with_toll = with_toll + excluded.with_toll,
        f_low = f_low + excluded.f_low, f_best = f_best + excluded.f_best, f_high = f_high + excluded.f_high;
    INSERT INTO tally_day_type (day, event_type, sub_event_type, n, with_toll, f_low, f_best, f_high)
    VALUES (coalesce(new.event_date, ''), new.event_type, new.sub_event_type, 1,
            new.fatalities_best IS NOT NULL OR new.fatalities_low IS NOT NULL, coalesce(new.fatalities_low, 0),
            coalesce(new.fatalities_best, 0), coalesce(new.fatalities_high, new.fatalities_best, 0))
    ON CONFLICT (day, event_type, sub_event_type) DO UPDATE SET n = n + excluded.n,
        with_toll = with_toll + excluded.with_toll, f_low = f_low + excluded.f_low,
        f_best = f_best + excluded.f_best, f_high = f_high + excluded.f_high;
    INSERT INTO tally_day_place (day, country, admin1, n, with_toll, f_low, f_best, f_high)
    VALUES (coalesce(new.event_date, ''), coalesce(new.country, ''), coalesce(new.admin1, ''), 1,
            new.fatalities_best IS NOT NULL OR new.fatalities_low IS NOT NULL, coalesce(new.fatalities_low, 0),
            coalesce(new.fatalities_best, 0), coalesce(new.fatalities_high, new.fatalities_best, 0))
    ON CONFLICT (day, country, admin1) DO UPDATE SET n = n + excluded.n,
        with_toll = with_toll + excluded.with_toll, f_low = f_low + excluded.f_low,
        f_best = f_best + excluded.f_best, f_high = f_high + excluded.f_high;
    INSERT INTO tally_type_place (event_type, sub_event_type, country, admin1, n, with_toll, f_low, f_best, f_high)
    VALUES (new.event_type, new.sub_event_type, coalesce(new.country, ''), coalesce(new.admin1, ''), 1,
            new.fatalities_best IS NOT NULL OR new.fatalities_low IS NOT NULL, coalesce(new.fatalities_low, 0),
            coalesce(new.fatalities_best, 0), coalesce(new.fatalities_high, new.fatalities_best, 0))
    ON CONFLICT (event_type, sub_event_type, country, admin1) DO UPDATE SET n = n + excluded.n,
        with_toll = with_toll + excluded.with_toll, f_low = f_low + excluded.f_low,
        f_best = f_best + excluded.f_best, f_high = f_high + excluded.f_high;
END;

CREATE TRIGGER tally_events_ad AFTER DELETE ON events BEGIN
    UPDATE tally_day SET n = n - 1,
        with_toll = with_toll - (old.fatalities_best IS NOT NULL OR old.fatalities_low IS NOT NULL),
        f_low = f_low - coalesce(old.fatalities_low, 0), f_best = f_best - coalesce(old.fatalities_best, 0),
        f_high = f_high - coalesce(old.fatalities_high, old.fatalities_best, 0)
    WHERE day = coalesce(old.event_date, '');
    DELETE FROM tally_day WHERE day = coalesce(old.event_date, '') AND n <= 0;
    UPDATE tally_day_type SET n = n - 1,
        with_toll = with_toll - (old.fatalities_best IS NOT NULL OR old.fatalities_low IS NOT NULL),
        f_low = f_low - coalesce(old.fatalities_low, 0), f_best = f_best - coalesce(old.fatalities_best, 0),
        f_high = f_high - coalesce(old.fatalities_high, old.fatalities_best, 0)
    WHERE day = coalesce(old.event_date, '') AND event_type = old.event_type
      AND sub_event_type = old.sub_event_type;
    DELETE FROM tally_day_type WHERE day = coalesce(old.event_date, '') AND event_type = old.event_type
      AND sub_event_type = old.sub_event_type AND n <= 0;
    UPDATE tally_day_place SET n = n - 1,
        with_toll = with_toll - (old.fatalities_best IS NOT NULL OR old.fatalities_low IS NOT NULL),
        f_low = f_low - coalesce(old.fatalities_low, 0), f_best = f_best - coalesce(old.fatalities_best, 0),
        f_high = f_high - coalesce(old.fatalities_high, old.fatalities_best, 0)
    WHERE day = coalesce(old.event_date, '') AND country = coalesce(old.country, '')
      AND admin1 = coalesce(old.admin1, '');
    DELETE FROM tally_day_place WHERE day = coalesce(old.event_date, '') AND country = coalesce(old.country, '')
      AND admin1 = coalesce(old.admin1, '') AND n <= 0;
    UPDATE tally_type_place SET n = n - 1,
        with_toll = with_toll - (old.fatalities_best IS NOT NULL OR old.fatalities_low IS NOT NULL),
        f_low = f_low - coalesce(old.fatalities_low, 0), f_best = f_best - coalesce(old.fatalities_best, 0),
        f_high = f_high - coalesce(old.fatalities_high, old.fatalities_best, 0)
    WHERE event_type = old.event_type AND sub_event_type = old.sub_event_type
      AND country = coalesce(old.country, '') AND admin1 = coalesce(old.admin1, '');
    DELETE FROM tally_type_place WHERE event_type = old.event_type AND sub_event_type = old.sub_event_type
      AND country = coalesce(old.country, '') AND admin1 = coalesce(old.admin1, '') AND n <= 0;
END;

-- an update moves the event: out of its old cells, into its new ones
CREATE TRIGGER tally_events_au AFTER UPDATE OF event_date, event_type, sub_event_type, country, admin1,
    fatalities_low, fatalities_best, fatalities_high ON events BEGIN
    UPDATE tally_day SET n = n - 1,
        with_toll = with_toll - (old.fatalities_best IS NOT NULL OR old.fatalities_low IS NOT NULL),
        f_low = f_low - coalesce(old.fatalities_low, 0), f_best = f_best - coalesce(old.fatalities_best, 0),
        f_high = f_high - coalesce(old.fatalities_high, old.fatalities_best, 0)
    WHERE day = coalesce(old.event_date, '');
    DELETE FROM tally_day WHERE day = coalesce(old.event_date, '') AND n <= 0;
    UPDATE tally_day_type SET n = n - 1,
        with_toll = with_toll - (old.fatalities_best IS NOT NULL OR old.fatalities_low IS NOT NULL),
        f_low = f_low - coalesce(old.fatalities_low, 0), f_best = f_best - coalesce(old.fatalities_best, 0),
        f_high = f_high - coalesce(old.fatalities_high, old.fatalities_best, 0)
    WHERE day = coalesce(old.event_date, '') AND event_type = old.event_type
      AND sub_event_type = old.sub_event_type;
    DELETE FROM tally_day_type WHERE day = coalesce(old.event_date, '') AND event_type = old.event_type
      AND sub_event_type = old.sub_event_type AND n <= 0;
    UPDATE tally_day_place SET n = n - 1,
        with_toll = with_toll - (old.fatalities_best IS NOT NULL OR old.fatalities_low IS NOT NULL),
        f_low = f_low - coalesce(old.fatalities_low, 0), f_best = f_best - coalesce(old.fatalities_best, 0),
        f_high = f_high - coalesce(old.fatalities_high, old.fatalities_best, 0)
    WHERE day = coalesce(old.event_date, '') AND country = coalesce(old.country, '')
      AND admin1 = coalesce(old.admin1, '');
    DELETE FROM tally_day_place WHERE day = coalesce(old.event_date, '') AND country = coalesce(old.country, '')
      AND admin1 = coalesce(old.admin1, '') AND n <= 0;
    UPDATE tally_type_place SET n = n - 1,
        with_toll = with_toll - (old.fatalities_best IS NOT NULL OR old.fatalities_low IS NOT NULL),
        f_low = f_low - coalesce(old.fatalities_low, 0), f_best = f_best - coalesce(old.fatalities_best, 0),
        f_high = f_high - coalesce(old.fatalities_high, old.fatalities_best, 0)
    WHERE event_type = old.event_type AND sub_event_type = old.sub_event_type
      AND country = coalesce(old.country, '') AND admin1 = coalesce(old.admin1, '');
    DELETE FROM tally_type_place WHERE event_type = old.event_type AND sub_event_type = old.sub_event_type
      AND country = coalesce(old.country, '') AND admin1 = coalesce(old.admin1, '') AND n <= 0;
    INSERT INTO tally_day (day, n, with_toll, f_low, f_best, f_high)
    VALUES (coalesce(new.event_date, ''), 1,
            new.fatalities_best IS NOT NULL OR new.fatalities_low IS NOT NULL, coalesce(new.fatalities_low, 0),
            coalesce(new.fatalities_best, 0), coalesce(new.fatalities_high, new.fatalities_best, 0))
    ON CONFLICT (day) DO UPDATE SET n = n + excluded.n, with_toll = with_toll + excluded.with_toll,
        f_low = f_low + excluded.f_low, f_best = f_best + excluded.f_best, f_high = f_high + excluded.f_high;
    INSERT INTO tally_day_type (day, event_type, sub_event_type, n, with_toll, f_low, f_best, f_high)
    VALUES (coalesce(new.event_date, ''), new.event_type, new.sub_event_type, 1,
            new.fatalities_best IS NOT NULL OR new.fatalities_low IS NOT NULL, coalesce(new.fatalities_low, 0),
            coalesce(new.fatalities_best, 0), coalesce(new.fatalities_high, new.fatalities_best, 0))
    ON CONFLICT (day, event_type, sub_event_type) DO UPDATE SET n = n + excluded.n,
        with_toll = with_toll + excluded.with_toll, f_low = f_low + excluded.f_low,
        f_best = f_best + excluded.f_best, f_high = f_high + excluded.f_high;
    INSERT INTO tally_day_place (day, country, admin1, n, with_toll, f_low, f_best, f_high)
    VALUES (coalesce(new.event_date, ''), coalesce(new.country, ''), coalesce(new.admin1, ''), 1,
            new.fatalities_best IS NOT NULL OR new.fatalities_low IS NOT NULL, coalesce(new.fatalities_low, 0),
            coalesce(new.fatalities_best, 0), coalesce(new.fatalities_high, new.fatalities_best, 0))
    ON CONFLICT (day, country, admin1) DO UPDATE SET n = n + excluded.n,
        with_toll = with_toll + excluded.with_toll, f_low = f_low + excluded.f_low,
        f_best = f_best + excluded.f_best, f_high = f_high + excluded.f_high;
    INSERT INTO tally_type_place (event_type, sub_event_type, country, admin1, n, with_toll, f_low, f_best, f_high)
    VALUES (new.event_type, new.sub_event_type, coalesce(new.country, ''), coalesce(new.admin1, ''), 1,
            new.fatalities_best IS NOT NULL OR new.fatalities_low IS NOT NULL, coalesce(new.fatalities_low, 0),
            coalesce(new.fatalities_best, 0), coalesce(new.fatalities_high, new.fatalities_best, 0))
    ON CONFLICT (event_type, sub_event_type, country, admin1) DO UPDATE SET n = n + excluded.n,
        with_toll = with_toll + excluded.with_toll, f_low = f_low + excluded.f_low,
        f_best = f_best + excluded.f_best, f_high = f_high + excluded.f_high;
END;
