-- sitrep export --format clickhouse: load with
--   clickhouse-client --query 'INSERT INTO sitrep_events FORMAT JSONEachRow' < events.jsonl
-- Kept within ClickHouse 18.16 (Debian): no DateTime64, so time is DateTime
-- (seconds) plus time_ms (the millisecond part). ReplacingMergeTree with the
-- record id last in the sort key: importing the same export twice collapses
-- on merge (OPTIMIZE TABLE ... FINAL, or SELECT ... FINAL).
CREATE TABLE IF NOT EXISTS sitrep_events (
  id String,
  capture String,
  host String,
  time DateTime,
  time_ms UInt16,
  source String,
  line UInt32,
  level String,
  signal String,
  message String
) ENGINE = ReplacingMergeTree() ORDER BY (host, time, id);

CREATE TABLE IF NOT EXISTS sitrep_findings (
  id String,
  capture String,
  host String,
  tier String,
  rule String,
  severity String,
  title String,
  onset DateTime
) ENGINE = ReplacingMergeTree() ORDER BY (host, onset, id);
