-- Pre-aggregated tallies (PostgreSQL): event counts and toll sums per day x type and day x place, kept
-- in step with `events` by a trigger, so a tally over a million events reads thousands of rows.
-- Which table answers which tally: warlog.store._tally.CUBES. NULL keys are stored as '' (a key
-- column must be comparable for the upsert); readers turn '' back into NULL.
-- with_toll counts events that give any toll; f_high falls back to the best estimate.
-- Secondary indexes carry the sums, so a filter on a type or place reads the index alone.

CREATE TABLE tally_day (
    day TEXT NOT NULL,
    n BIGINT NOT NULL DEFAULT 0, with_toll BIGINT NOT NULL DEFAULT 0,
    f_low BIGINT NOT NULL DEFAULT 0, f_best BIGINT NOT NULL DEFAULT 0, f_high BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (day)
);

CREATE TABLE tally_day_type (
    day TEXT NOT NULL, event_type TEXT NOT NULL, sub_event_type TEXT NOT NULL,
    n BIGINT NOT NULL DEFAULT 0, with_toll BIGINT NOT NULL DEFAULT 0,
    f_low BIGINT NOT NULL DEFAULT 0, f_best BIGINT NOT NULL DEFAULT 0, f_high BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (day, event_type, sub_event_type)
);
CREATE INDEX tally_day_type_type ON tally_day_type (event_type, day) INCLUDE (n, with_toll, f_low, f_best, f_high);
CREATE INDEX tally_day_type_sub ON tally_day_type (sub_event_type, day) INCLUDE (n, with_toll, f_low, f_best, f_high);

CREATE TABLE tally_day_place (
    day TEXT NOT NULL, country TEXT NOT NULL, admin1 TEXT NOT NULL,
    n BIGINT NOT NULL DEFAULT 0, with_toll BIGINT NOT NULL DEFAULT 0,
    f_low BIGINT NOT NULL DEFAULT 0, f_best BIGINT NOT NULL DEFAULT 0, f_high BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (day, country, admin1)
);
CREATE INDEX tally_day_place_country ON tally_day_place (country, day) INCLUDE (n, with_toll, f_low, f_best, f_high);
CREATE INDEX tally_day_place_admin1 ON tally_day_place (admin1, day) INCLUDE (n, with_toll, f_low, f_best, f_high);

CREATE TABLE tally_type_place (
    event_type TEXT NOT NULL, sub_event_type TEXT NOT NULL, country TEXT NOT NULL, admin1 TEXT NOT NULL,
    n BIGINT NOT NULL DEFAULT 0, with_toll BIGINT NOT NULL DEFAULT 0,
    f_low BIGINT NOT NULL DEFAULT 0, f_best BIGINT NOT NULL DEFAULT 0, f_high BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (event_type, sub_event_type, country, admin1)
);

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

-- one function moves an event's contribution in (+1) or out (-1) of every table
CREATE FUNCTION warlog_tally_apply(sign INTEGER, ev events) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    day_key TEXT := coalesce(ev.event_date, '');
    country_key TEXT := coalesce(ev.country, '');
    admin1_key TEXT := coalesce(ev.admin1, '');
    toll INTEGER := CASE WHEN ev.fatalities_best IS NOT NULL OR ev.fatalities_low IS NOT NULL THEN 1 ELSE 0 END;
    low BIGINT := sign * coalesce(ev.fatalities_low, 0);
    best BIGINT := sign * coalesce(ev.fatalities_best, 0);
    high BIGINT := sign * coalesce(ev.fatalities_high, ev.fatalities_best, 0);
BEGIN
    INSERT INTO tally_day AS t (day, n, with_toll, f_low, f_best, f_high)
    VALUES (day_key, sign, sign * toll, low, best, high)
    ON CONFLICT (day) DO UPDATE SET n = t.n + excluded.n, with_toll = t.with_toll + excluded.with_toll,
        f_low = t.f_low + excluded.f_low, f_best = t.f_best + excluded.f_best, f_high = t.f_high + excluded.f_high;
    INSERT INTO tally_day_type AS t (day, event_type, sub_event_type, n, with_toll, f_low, f_best, f_high)
    VALUES (day_key, ev.event_type, ev.sub_event_type, sign, sign * toll, low, best, high)
    ON CONFLICT (day, event_type, sub_event_type) DO UPDATE SET n = t.n + excluded.n,
        with_toll = t.with_toll + excluded.with_toll, f_low = t.f_low + excluded.f_low,
        f_best = t.f_best + excluded.f_best, f_high = t.f_high + excluded.f_high;
    INSERT INTO tally_day_place AS t (day, country, admin1, n, with_toll, f_low, f_best, f_high)
    VALUES (day_key, country_key, admin1_key, sign, sign * toll, low, best, high)
    ON CONFLICT (day, country, admin1) DO UPDATE SET n = t.n + excluded.n,
        with_toll = t.with_toll + excluded.with_toll, f_low = t.f_low + excluded.f_low,
        f_best = t.f_best + excluded.f_best, f_high = t.f_high + excluded.f_high;
    INSERT INTO tally_type_place AS t (event_type, sub_event_type, country, admin1, n, with_toll, f_low, f_best,
                                       f_high)
    VALUES (ev.event_type, ev.sub_event_type, country_key, admin1_key, sign, sign * toll, low, best, high)
    ON CONFLICT (event_type, sub_event_type, country, admin1) DO UPDATE SET n = t.n + excluded.n,
        with_toll = t.with_toll + excluded.with_toll, f_low = t.f_low + excluded.f_low,
        f_best = t.f_best + excluded.f_best, f_high = t.f_high + excluded.f_high;
    IF sign < 0 THEN
        DELETE FROM tally_day WHERE day = day_key AND n <= 0;
        DELETE FROM tally_day_type WHERE day = day_key AND event_type = ev.event_type
            AND sub_event_type = ev.sub_event_type AND n <= 0;
        DELETE FROM tally_day_place WHERE day = day_key AND country = country_key AND admin1 = admin1_key AND n <= 0;
        DELETE FROM tally_type_place WHERE event_type = ev.event_type AND sub_event_type = ev.sub_event_type
            AND country = country_key AND admin1 = admin1_key AND n <= 0;
    END IF;
END
$$;

CREATE FUNCTION warlog_tally_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        PERFORM warlog_tally_apply(-1, OLD);
    END IF;
    IF TG_OP IN ('UPDATE', 'INSERT') THEN
        PERFORM warlog_tally_apply(1, NEW);
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER tally_events AFTER INSERT OR DELETE OR UPDATE OF event_date, event_type, sub_event_type, country,
    admin1, fatalities_low, fatalities_best, fatalities_high ON events
    FOR EACH ROW EXECUTE FUNCTION warlog_tally_trigger();
