-- PostGIS when the server has it: a geography point per event, kept in step with latitude/longitude,
-- for radius and bounding-box queries. Detected, never required: without the extension (or without the
-- right to create it) this migration changes nothing.
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'postgis') THEN
        RAISE NOTICE 'postgis is not installed on this server; events.geog skipped';
        RETURN;
    END IF;
    BEGIN
        CREATE EXTENSION IF NOT EXISTS postgis;
    EXCEPTION WHEN insufficient_privilege THEN
        RAISE NOTICE 'postgis is installed but this role cannot create it; events.geog skipped';
        RETURN;
    END;
    EXECUTE 'ALTER TABLE events ADD COLUMN IF NOT EXISTS geog geography(Point, 4326) GENERATED ALWAYS AS ('
         || 'CASE WHEN latitude IS NULL OR longitude IS NULL THEN NULL '
         || 'ELSE ST_SetSRID(ST_MakePoint(longitude, latitude), 4326)::geography END) STORED';
    EXECUTE 'CREATE INDEX IF NOT EXISTS events_geog ON events USING GIST (geog)';
END
$$;
