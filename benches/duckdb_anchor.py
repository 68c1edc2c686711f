#!/usr/bin/env python3
"""The honest anchor for `report --format csv`: the same assessment as one
DuckDB query over the same plan and actuals as CSV (the plan as
`plantrack list --format csv` writes it), for the synthetic plans' two
kinds, levels and running totals, with the linear pace and status ladder
of docs/methodology.md. Only the query is timed, not Python's start-up.

    pip install duckdb
    target/release/plantrack list --plan target/synth-100000/plan.toml --format csv > /tmp/plan.csv
    python3 benches/duckdb_anchor.py /tmp/plan.csv target/synth-100000/actuals.csv /tmp/duck.csv

Prints the query's wall time; writes one row per indicator.
"""

import sys
import time

import duckdb

QUERY = """
COPY (
WITH plan AS (
    SELECT * FROM read_csv(?, header = true, all_varchar = true)
), actual AS (
    SELECT indicator, CAST(year AS INTEGER) AS year, CAST(value AS DOUBLE) AS value
    FROM read_csv(?, header = true, all_varchar = true)
), as_of AS (
    SELECT max(year) AS y FROM actual
), latest AS (
    SELECT indicator, arg_max(value, year) AS level, max(year) AS latest_year, sum(value) AS total
    FROM actual, as_of WHERE year <= as_of.y GROUP BY indicator
), assessed AS (
    SELECT p.id, p.name, p.kind, p.unit,
        CAST(p.baseline AS DOUBLE) AS baseline,
        CAST(p.target AS DOUBLE) AS target,
        l.latest_year,
        CASE WHEN p.kind = 'cumulative' THEN l.total ELSE l.level END AS current,
        (as_of.y - CAST(p.baseline_year AS INTEGER)) * 1.0
            / (CAST(p.target_year AS INTEGER) - CAST(p.baseline_year AS INTEGER)) AS time_elapsed
    FROM plan p LEFT JOIN latest l ON l.indicator = p.id, as_of
), paced AS (
    SELECT *,
        target - current AS gap,
        CASE WHEN kind = 'cumulative' THEN current / target
             ELSE (current - baseline) / nullif(target - baseline, 0) END AS progress
    FROM assessed
)
SELECT id, name, unit, baseline, target, latest_year, current, gap, progress, time_elapsed,
    progress / time_elapsed AS ratio,
    CASE WHEN current IS NULL THEN 'no-data'
         WHEN current >= target THEN 'met'
         WHEN progress / time_elapsed >= 1.2 THEN 'ahead'
         WHEN progress / time_elapsed >= 0.95 THEN 'on-track'
         WHEN progress / time_elapsed >= 0.6 THEN 'lagging'
         WHEN progress < 0 THEN 'moving-away'
         ELSE 'off-track' END AS status
FROM paced
) TO ? (HEADER, DELIMITER ',')
"""


def main():
    plan, actuals, out = sys.argv[1:4]
    con = duckdb.connect()
    start = time.perf_counter()
    con.execute(QUERY.replace("TO ?", f"TO '{out}'"), [plan, actuals])
    print(f"{time.perf_counter() - start:.3f}")


if __name__ == "__main__":
    main()
