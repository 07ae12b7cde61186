-- The dashboard header asks when the newest article was ingested: an index answers without a scan.
CREATE INDEX articles_ingested ON articles (ingested_at);
