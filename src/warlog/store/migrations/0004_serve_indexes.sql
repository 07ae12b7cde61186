-- Indexes for the HTTP API's read paths (warlog.serve.queries): each filter column paired with
-- event_date, so "newest events of type X" or "of country Y" reads the index in order and stops
-- after one page instead of sorting every match. The last one covers the dashboard's tallies.
CREATE INDEX events_date_id ON events (event_date, event_id);
CREATE INDEX events_type_date ON events (event_type, event_date);
CREATE INDEX events_subtype_date ON events (sub_event_type, event_date);
CREATE INDEX events_country_date ON events (country, event_date);
CREATE INDEX events_admin1_date ON events (admin1, event_date);
CREATE INDEX events_tally ON events (event_date, event_type, country, admin1, fatalities_best);
