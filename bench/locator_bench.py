"""Locator benchmark: 1,000,000 providers, p50/p95 database time of typical searches vs a full scan.

    make bench-locator                      # embedded PostgreSQL under .data/bench-postgres
    BENCH_DATABASE_URL=postgresql://... make bench-locator
    python -m bench.locator_bench --providers 200000 --runs 50   # smaller, quicker

Database time is PostgreSQL's own planning + execution time (EXPLAIN ANALYZE, TIMING OFF), so the
numbers exclude the network and Python. The queries are the ones the API runs (sql.py builds
them; a page may take several ring queries, and their times are added); the full scan is one
query over the whole radius with index scans disabled, so every location's distance is computed.
Next to them, the anchor's statement (bench/raw_locator.py: GiST KNN, then exact distance), after
checking on a sample that it returns the API's pages exactly (the run fails loudly if not).

Each scale has its own embedded database (`spinecare_bench` holds the default 1M, which `make bench`
shares; `--providers 8000000` loads `spinecare_bench_8000000`), and each run writes
bench/results/locator-<providers>-<date>.json; the last table puts the p95 of every scale measured
so far side by side.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import statistics
import sys
import time
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import create_engine, text
from sqlalchemy.orm import Session

from bench import raw_locator
from service.db import normalise_database_url
from service.locator import geo, service, specialties, sql, zips
from service.locator.service import Filters, Origin
from service.locator.sql import Statement

REPO_ROOT = Path(__file__).resolve().parent.parent
RESULTS = REPO_ROOT / "bench" / "results"
BENCH_DATABASE = "spinecare_bench"
DEFAULT_PROVIDERS = 1_000_000
SEED = 0.42
THERAPY = "physical-therapy"
THERAPIES = (
    "physical-therapy",
    "spinal-cord-stimulation",
    "radiofrequency-ablation",
    "diagnostic-nerve-block",
    "acupuncture",
    "cognitive-behavioral-therapy",
    "massage",
    "tens",
    "interspinous-spacer",
    "prescription-pain-medication",
)
SPECIALTIES = (
    "208VP0014X",
    "208VP0000X",
    "207LP2900X",
    "2081P2900X",
    "207XS0117X",
    "207T00000X",
    "208100000X",
)
METRO_ZIPS = (
    "10001",
    "90012",
    "60601",
    "77002",
    "19103",
    "94103",
    "02108",
    "20001",
    "30303",
    "33130",
)
LOCATOR_INDEXES = ("ix_locator_locations_point", "ix_locator_locations_provider_id")

# Providers sit on (40 %) or near (60 %, within ~2 km) a random real ZIP centroid: dense where
# ZIPs are dense, many exact ties. One location each, a second for every fifth provider.
LOAD_SQL = """
SELECT setseed(:seed);
INSERT INTO locator_providers (id, source, external_id, name, languages, specialties, therapies,
    accepting_new_patients, telehealth, record_hash)
SELECT n, 'bench', 'b-' || n, 'Dr. Bench ' || n,
       CASE WHEN random() < 0.3 THEN '{en,es}'::varchar[] ELSE '{en}'::varchar[] END,
       ARRAY[(CAST(:specialties AS varchar[]))[1 + floor(random() * :specialty_count)::int]],
       ARRAY[(CAST(:therapies AS varchar[]))[1 + floor(random() * :therapy_count)::int],
             (CAST(:therapies AS varchar[]))[1 + floor(random() * :therapy_count)::int]],
       random() < 0.75, random() < 0.4, '-'
FROM generate_series(1, :providers) AS n;
INSERT INTO locator_locations (provider_id, position, lat, lon, geo_precision, specialties,
    therapies, languages, accepting_new_patients, telehealth)
SELECT p.n, p.position,
       z.lat + CASE WHEN p.jitter THEN (random() - 0.5) * 0.04 ELSE 0 END,
       z.lon + CASE WHEN p.jitter THEN (random() - 0.5) * 0.04 ELSE 0 END,
       CASE WHEN p.jitter THEN 'exact' ELSE 'zip_centroid' END,
       pr.specialties, pr.therapies, pr.languages, pr.accepting_new_patients, pr.telehealth
FROM (
    SELECT n, 0 AS position, random() < 0.6 AS jitter,
           1 + floor(random() * :zip_count)::int AS zip_row
    FROM generate_series(1, :providers) AS n
    UNION ALL
    SELECT n, 1, random() < 0.6, 1 + floor(random() * :zip_count)::int
    FROM generate_series(5, :providers, 5) AS n
) AS p
JOIN bench_zips AS z ON z.row = p.zip_row
JOIN locator_providers AS pr ON pr.id = p.n
WHERE abs(z.lon) < 179.98;  -- jitter must not cross the antimeridian
"""


def database_url(*, recreate: bool, providers: int = DEFAULT_PROVIDERS) -> str:
    """BENCH_DATABASE_URL as given, or the embedded server's database for this scale."""
    url = os.environ.get("BENCH_DATABASE_URL")
    if url:
        return normalise_database_url(url)
    from service import embedded_postgres

    server = embedded_postgres.start(REPO_ROOT / ".data" / "bench-postgres")
    name = BENCH_DATABASE if providers == DEFAULT_PROVIDERS else f"{BENCH_DATABASE}_{providers}"
    return embedded_postgres.ensure_database(server, name, recreate=recreate)


def migrate(url: str) -> None:
    config = Config(str(REPO_ROOT / "alembic.ini"))
    config.attributes["configure_logger"] = False
    os.environ["DATABASE_URL"] = url
    command.upgrade(config, "head")


def load(session: Session, providers: int) -> float:
    started = time.perf_counter()
    session.execute(text("TRUNCATE locator_providers CASCADE"))
    definitions = session.execute(
        text("SELECT indexname, indexdef FROM pg_indexes WHERE indexname = ANY(:names)"),
        {"names": list(LOCATOR_INDEXES)},
    ).all()
    for name, _definition in definitions:  # bulk load first, build the indexes once after
        session.execute(text(f'DROP INDEX "{name}"'))
    session.execute(text("CREATE TEMP TABLE bench_zips (row int, lat float8, lon float8)"))
    rows = "".join(
        f"{row}\t{c.lat}\t{c.lon}\n" for row, c in enumerate(zips.all_centroids(), start=1)
    )
    cursor = session.connection().connection.cursor()
    with cursor, cursor.copy("COPY bench_zips FROM STDIN") as copy:
        copy.write(rows)
    for statement in filter(str.strip, LOAD_SQL.split(";")):
        session.execute(
            text(statement),
            {
                "seed": SEED,
                "providers": providers,
                "zip_count": len(zips.all_centroids()),
                "specialties": list(SPECIALTIES),
                "therapies": list(THERAPIES),
                "specialty_count": len(SPECIALTIES),
                "therapy_count": len(THERAPIES),
            },
        )
    for _name, definition in definitions:
        session.execute(text(definition))
    session.commit()
    return time.perf_counter() - started


def db_time_ms(session: Session, statement: Statement) -> float:
    explained = Statement(
        f"EXPLAIN (ANALYZE, TIMING OFF, FORMAT JSON) {statement.sql}",
        statement.params,
        statement.planner_settings,  # planned as the API plans it (the KNN walk's settings)
    )
    ((plan,),) = explained.rows(session)
    plan = plan if isinstance(plan, list) else json.loads(plan)
    return plan[0]["Planning Time"] + plan[0]["Execution Time"]


def search_db_time_ms(
    session: Session,
    origin: Origin,
    radius_km: float,
    filters: Filters,
    after: tuple[float, int] | None,
    limit: int,
) -> float:
    """Database time of one API search: the sum over the ring queries service.search runs."""
    total = 0.0

    def timed(statement):
        nonlocal total
        total += db_time_ms(session, statement)
        return statement.rows(session)

    service.search_rows(session, origin, radius_km, filters, after, limit, execute=timed)
    return total


def raw_filters(filters: Filters) -> raw_locator.RawFilters:
    """The same search for the anchor (specialty codes expanded as the API expands them)."""
    return raw_locator.RawFilters(
        specialty=tuple(specialties.expand(filters.specialty)) if filters.specialty else (),
        therapy=filters.therapy,
        language=filters.language,
        accepting_new_patients=filters.accepting_new_patients,
        telehealth=filters.telehealth,
    )


def raw_search_db_time_ms(
    session: Session, origin: Origin, radius_km: float, filters: Filters, limit: int
) -> tuple[float, int]:
    """Database time of the anchor's search (its statement, more than once if the candidates
    fell short), and how many statements that took."""
    connection = session.connection().connection.driver_connection
    total = 0.0

    def timed(statement_sql, params):
        nonlocal total
        explained = connection.execute(
            f"EXPLAIN (ANALYZE, TIMING OFF, FORMAT JSON) {statement_sql}", params
        )
        ((plan,),) = explained.fetchall()
        plan = plan if isinstance(plan, list) else json.loads(plan)
        if not raw_locator.knn_used(plan[0]["Plan"]):
            raise AssertionError(f"the raw search did not walk the point index:\n{plan}")
        total += plan[0]["Planning Time"] + plan[0]["Execution Time"]
        return connection.execute(statement_sql, params).fetchall()

    # The anchor's connection setting (raw_locator.CONNECT_OPTIONS), for this search only.
    connection.execute("SET enable_bitmapscan = off")
    try:
        page = raw_locator.search(
            connection,
            origin.lat,
            origin.lon,
            radius_km,
            raw_filters(filters),
            limit,
            execute=timed,
        )
    finally:
        connection.execute("RESET enable_bitmapscan")
    return total, page.statements


EXACTNESS_FILTERS = (
    Filters(),
    Filters(therapy=(THERAPY,)),
    Filters(therapy=("acupuncture", "tens"), accepting_new_patients=True),
    Filters(specialty=("208VP0014X",), language="es", telehealth=False),
)


def check_exact(session: Session, centroids: list, limit: int = 21) -> int:
    """The anchor returns the API's page (provider, location, distance, in order) for each
    origin, radius and filter set; raises on the first difference. Returns the searches checked."""
    connection = session.connection().connection.driver_connection
    checked = 0
    for centroid in centroids:
        origin = Origin(centroid.lat, centroid.lon, "zip", centroid.zip_code)
        for radius_km in (geo.to_km(25, "mi"), geo.to_km(5, "mi")):
            for filters in EXACTNESS_FILTERS:
                try:
                    raw = raw_locator.search(
                        connection, origin.lat, origin.lon, radius_km, raw_filters(filters), limit
                    )
                except ValueError:  # the anchor refuses the antimeridian and the poles
                    continue
                api_rows = service.search_rows(session, origin, radius_km, filters, None, limit)
                api_page = [(r.provider_id, r.location_id, r.distance_km) for r in api_rows]
                raw_page = [
                    (r["provider"]["id"], r["location"]["id"], r["distance_km"]) for r in raw.rows
                ]
                if api_page != raw_page:
                    raise AssertionError(
                        f"the raw KNN search differs from the API's at ZIP {centroid.zip_code}, "
                        f"{radius_km:.3f} km, {filters}:\n  api {api_page}\n  raw {raw_page}"
                    )
                checked += 1
    return checked


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def run(session: Session, runs: int, scan_runs: int) -> list[dict]:
    rng = random.Random(7)
    centroids = zips.all_centroids()
    origins = [rng.choice(centroids) for _ in range(runs)]
    radius_km = geo.to_km(25, "mi")
    # The densest places are the hard case: tens of thousands of providers within 25 mi.
    metros = [zips.lookup(zip_code) for zip_code in METRO_ZIPS] * (runs // len(METRO_ZIPS) or 1)
    therapy = Filters(therapy=(THERAPY,))
    scenarios = {
        "25 mi, first page (20)": (origins, Filters(), None),
        "25 mi, therapy filter, first page": (origins, therapy, None),
        "25 mi, therapy filter, page 10 (rows 181-200)": (origins, therapy, 180),
        "metro downtowns: 25 mi, therapy filter, first page": (metros, therapy, None),
        "metro downtowns: 25 mi, therapy filter, page 10": (metros, therapy, 180),
    }
    # The anchor's statement for the same first pages (it has no cursors).
    raw_scenarios = {
        "raw KNN SQL (the anchor): 25 mi, therapy filter, first page": (origins, therapy),
        "raw KNN SQL: metro downtowns: 25 mi, therapy filter, first page": (metros, therapy),
    }
    report = []
    for label, (scenario_origins, filters, skip) in scenarios.items():
        timings = []
        for centroid in scenario_origins:
            origin = Origin(centroid.lat, centroid.lon, "zip", centroid.zip_code)
            after = None
            if skip:  # the cursor a client would hold after nine pages
                rows = service.search_rows(session, origin, radius_km, filters, None, skip)
                after = (rows[-1].distance_km, rows[-1].provider_id) if len(rows) == skip else None
            timings.append(search_db_time_ms(session, origin, radius_km, filters, after, 21))
        report.append(
            {"query": label, "p50": statistics.median(timings), "p95": percentile(timings, 0.95)}
        )
    for label, (scenario_origins, filters) in raw_scenarios.items():
        timings, statements = [], []
        for centroid in scenario_origins:
            origin = Origin(centroid.lat, centroid.lon, "zip", centroid.zip_code)
            try:
                ms, count = raw_search_db_time_ms(session, origin, radius_km, filters, 21)
            except ValueError:  # antimeridian or pole: the anchor refuses it
                continue
            timings.append(ms)
            statements.append(count)
        report.append(
            {
                "query": label,
                "p50": statistics.median(timings),
                "p95": percentile(timings, 0.95),
                # More than 1: KNN's first candidates could not prove some pages complete.
                "statements_per_search": round(statistics.mean(statements), 3),
            }
        )
    # Full scan: the planner is told not to use indexes, so every location is measured.
    session.execute(text("SET enable_indexscan = off"))
    session.execute(text("SET enable_bitmapscan = off"))
    timings = []
    for centroid in origins[:scan_runs]:
        origin = Origin(centroid.lat, centroid.lon, "zip", centroid.zip_code)
        statement = sql.search_page_statement(
            origin, radius_km, Filters(therapy=(THERAPY,)), None, 21
        )
        timings.append(db_time_ms(session, statement))
    session.execute(text("RESET enable_indexscan"))
    session.execute(text("RESET enable_bitmapscan"))
    report.append(
        {
            "query": "full scan (no index), therapy filter, first page",
            "p50": statistics.median(timings),
            "p95": percentile(timings, 0.95),
        }
    )
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--providers", type=int, default=DEFAULT_PROVIDERS)
    parser.add_argument("--runs", type=int, default=200, help="origins per query type")
    parser.add_argument("--scan-runs", type=int, default=10, help="origins for the full scan")
    parser.add_argument(
        "--exact-runs",
        type=int,
        default=25,
        help="origins whose pages the anchor must match (x 2 radii x 4 filter sets)",
    )
    parser.add_argument("--skip-load", action="store_true", help="reuse the data of the last run")
    args = parser.parse_args(argv)

    url = database_url(recreate=not args.skip_load, providers=args.providers)
    migrate(url)
    engine = create_engine(url)
    with Session(engine) as session:
        seconds = 0.0 if args.skip_load else load(session, args.providers)
        # As autovacuum would after a bulk load: statistics, and a visibility map.
        session.commit()
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as autocommit:
            autocommit.execute(text("VACUUM ANALYZE locator_providers"))
            autocommit.execute(text("VACUUM ANALYZE locator_locations"))
        providers = session.scalar(text("SELECT count(*) FROM locator_providers"))
        locations = session.scalar(text("SELECT count(*) FROM locator_locations"))
        print(f"{providers:,} providers ({locations:,} locations), loaded in {seconds:.0f} s")
        sample = random.Random(11).sample(zips.all_centroids(), args.exact_runs)
        metros = [zips.lookup(zip_code) for zip_code in METRO_ZIPS]
        checked = check_exact(session, sample + metros)
        session.rollback()
        print(f"exactness: the raw KNN search returned the API's page in all {checked} searches")
        report = run(session, args.runs, args.scan_runs)
        version = session.scalar(text("SHOW server_version"))
    engine.dispose()
    scan_p50 = report[-1]["p50"]
    print(
        f"\nPostgreSQL {version}; {args.runs} random ZIP origins (metro rows: 10 big-city ZIPs); "
        "database time in ms\n"
    )
    print("| query | p50 ms | p95 ms | full scan p50 / p50 |")
    print("| --- | ---: | ---: | ---: |")
    for row in report:
        speedup = scan_p50 / row["p50"]
        print(f"| {row['query']} | {row['p50']:.2f} | {row['p95']:.2f} | {speedup:.0f}× |")
    for row in report:
        if "statements_per_search" in row:
            print(f"{row['query']}: {row['statements_per_search']:g} statements per search")
    when = dt.datetime.now(dt.UTC)
    out = RESULTS / f"locator-{providers}-{when:%Y-%m-%d}.json"
    out.write_text(
        json.dumps(
            {
                "when": when.isoformat(timespec="seconds"),
                "providers": providers,
                "locations": locations,
                "postgres": version,
                "runs": args.runs,
                "exact_searches": checked,
                "queries": report,
            },
            indent=2,
        )
        + "\n"
    )
    print(f"\nwritten to {out.relative_to(REPO_ROOT)}\n")
    print_scales()
    return 0


def print_scales() -> None:
    """p95 database time per search at every scale measured (the newest result of each)."""
    latest: dict[int, dict] = {}
    for path in sorted(RESULTS.glob("locator-*.json")):  # dates sort, so the newest wins
        result = json.loads(path.read_text())
        latest[result["providers"]] = result
    scales = sorted(latest)
    print("| p95 ms of database time | " + " | ".join(f"{n:,} providers" for n in scales) + " |")
    print("| --- |" + " ---: |" * len(scales))
    for query in [row["query"] for row in latest[scales[-1]]["queries"]]:
        cells = []
        for scale in scales:
            rows = {row["query"]: row for row in latest[scale]["queries"]}
            cells.append(f"{rows[query]['p95']:.2f}" if query in rows else "–")
        print(f"| {query} | " + " | ".join(cells) + " |")
    print(
        "("
        + "; ".join(
            f"{n:,}: {latest[n]['when'][:10]}, PostgreSQL {latest[n]['postgres'].split()[0]}"
            for n in scales
        )
        + ")"
    )


if __name__ == "__main__":
    sys.exit(main())
