-- Read by scenario.sql with the client's `source` command.
SELECT 'from a sourced file' AS origin, DATABASE() AS db, @@session.time_zone AS tz;
SELECT COUNT(*) AS n FROM t_cli;
