-- sitrep export --format clickhouse -o DIR writes one JSONEachRow file per table
-- (DIR/sitrep_captures.jsonl, ...); load each with
--   clickhouse-client --query 'INSERT INTO sitrep_events FORMAT JSONEachRow' < DIR/sitrep_events.jsonl
-- Kept within ClickHouse 18.16 (Debian): no DateTime64, so a time is DateTime
-- (UTC seconds) plus a _ms column (the millisecond part). ReplacingMergeTree with
-- the record id last in the sort key: importing the same export twice collapses
-- on merge (OPTIMIZE TABLE ... FINAL, or SELECT ... FINAL). docs/export.md.
CREATE TABLE IF NOT EXISTS sitrep_captures (
  id String,
  host String,
  tier String,
  bundle String,
  window_start DateTime,
  window_end DateTime,
  os String,
  kernel String,
  cpus UInt16,
  sitrep_version String,
  capture_version String,
  format_version String,
  artifacts UInt32,
  missing UInt32,
  timed_out UInt32,
  errors UInt32,
  warnings UInt32,
  log_events UInt64
) ENGINE = ReplacingMergeTree() ORDER BY (host, window_start, id);

CREATE TABLE IF NOT EXISTS sitrep_events (
  id String,
  capture String,
  host String,
  tier String,
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
  resource String,
  signal String,
  severity String,
  subject String,
  title String,
  onset DateTime,
  onset_ms UInt16,
  ended DateTime,
  relevance String
) ENGINE = ReplacingMergeTree() ORDER BY (host, onset, id);

CREATE TABLE IF NOT EXISTS sitrep_diagnoses (
  id String,
  captures Array(String),
  hosts Array(String),
  main UInt8,
  scope_start DateTime,
  scope_end DateTime,
  verdict String,
  confidence Float64,
  cause_host String,
  cause_tier String,
  cause_resource String,
  title String,
  victim_hosts Array(String),
  problems UInt16
) ENGINE = ReplacingMergeTree() ORDER BY (scope_start, id);
