"""HTTP benchmark: the real app under gunicorn (production config) against bare Flask endpoints.

    make bench                      # embedded PostgreSQL, results in bench/results/
    python bench/http_bench.py --duration 15 --connections 32

Each scenario runs wrk against the API in rounds (3 by default), each between two runs against
its baseline served the same way, and reports, for the median round, req/s, p50 and p99
latency, the ratio to the faster of the two baseline runs around it, and the CPU each request
cost (gunicorn workers, the PostgreSQL backends of the benchmark database, wrk); then the
workers' resident memory. The baseline of content and assessment is bench/bare_app.py (a bare
Flask JSON endpoint); the locator's is bench/bare_sql_app.py, the same search as bare SQL
(bench/raw_locator.py), whose pages must equal the API's on a sample of searches before anything
is measured (the run stops with exit status 1 if not). A run in which fewer
workers than cores were busy is run again (see enough_workers_busy). Load generator and server
share this machine's cores, so the ratios are the meaningful numbers, not the absolute rates; the
rounds keep one stall of a busy neighbour from deciding a ratio.

The API runs as production would: gunicorn.conf.py, LOG_LEVEL=info (one JSON access line per
request, to /dev/null here) and, when a Redis answers on REDIS_URL or 127.0.0.1:6379, rate-limit
counters in Redis as in docker-compose.yml; only worker recycling is off, for every server.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import resource
import shutil
import socket
import subprocess
import sys
import tempfile
import urllib.error
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.support.servers import Gunicorn

# Issue 17: throughput as a share of each scenario's baseline in the same run.
TARGETS = {"content": 0.60, "content_304": 0.60, "assessment": 0.40, "locator": 0.60}
# The API's PostgreSQL CPU per search at most this many times the raw search's.
POSTGRES_CPU_TARGET = 2.0
# A 304 should not cost the workers more than a cached 200 of the same resource.
NOT_MODIFIED_CPU_TARGET = 1.0
RADIUS_MILES = 25
LOCATOR_PAGE = 20
LUA_TEMPLATE = """
wrk.method = "{method}"
wrk.body = {body}
wrk.headers["X-API-Key"] = "{key}"
wrk.headers["Content-Type"] = "application/json"
{extra}
"""


def prepare_database(providers: int, fresh: bool) -> tuple[str, str]:
    """The locator benchmark's database (shared, so 1M providers load once), with the content
    pack and a partner key without practical limits."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.orm import Session

    from bench import locator_bench
    from service.content.loader import sync_pack
    from service.content.pack import read_pack
    from service.partners.models import SCOPES
    from service.partners.service import create_partner, issue_key

    url = locator_bench.database_url(
        recreate=fresh, providers=providers or locator_bench.DEFAULT_PROVIDERS
    )
    locator_bench.migrate(url)
    engine = create_engine(url)
    with Session(engine) as session:
        present = session.scalar(text("SELECT count(*) FROM locator_providers"))
        if providers and present != providers:
            print(f"loading {providers:,} providers (once; `make bench-locator` shares them)…")
            locator_bench.load(session, providers)
            with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as autocommit:
                autocommit.execute(text("VACUUM ANALYZE locator_providers"))
                autocommit.execute(text("VACUUM ANALYZE locator_locations"))
    with Session(engine) as session, session.begin():
        sync_pack(session=session, pack=read_pack())
        partner = create_partner(
            session=session,
            slug=f"bench-{uuid.uuid4().hex[:6]}",
            name="Benchmark",
            rate_limit_per_minute=10_000_000,
            daily_quota=1_000_000_000,
        )
        token = issue_key(session=session, partner=partner, scopes=list(SCOPES)).token
    engine.dispose()
    return url, token


def redis_url() -> str:
    """Production counts rate limits in Redis (docker-compose.yml): use one when it answers."""
    url = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")
    host, _, port = url.split("//", 1)[1].split("/", 1)[0].rpartition("@")[2].partition(":")
    try:
        socket.create_connection((host, int(port or 6379)), timeout=0.5).close()
    except OSError:
        return ""
    return url


def process_cpu_seconds(pid: int, *, reaped_children: bool = False) -> float:
    """utime + stime of a process (/proc/<pid>/stat), with its reaped children's if asked; 0 once
    it has exited (a PostgreSQL backend may end during a run)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except FileNotFoundError:
        return 0.0
    ticks = fields[11:15] if reaped_children else fields[11:13]  # utime stime [cutime cstime]
    return sum(int(value) for value in ticks) / os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid: int) -> float:
    """CPU used by a process and its children, reaped ones included."""
    return process_cpu_seconds(pid, reaped_children=True) + sum(
        cpu_seconds(int(child)) for child in children(pid)
    )


def children(pid: int) -> list[str]:
    found = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True, check=False)
    return found.stdout.split()  # pgrep exits 1 when there are none


class Backends:
    """The PostgreSQL backends connected to the benchmark database (pg_stat_activity), whose
    CPU (/proc/<pid>/stat) is what the servers' queries cost: other databases on the same
    server, autovacuum and the checkpointer are left out."""

    def __init__(self, url: str):
        import psycopg

        self.connection = psycopg.connect(
            url.replace("postgresql+psycopg://", "postgresql://", 1), autocommit=True
        )

    def pids(self) -> set[int]:
        rows = self.connection.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database()"
            " AND backend_type = 'client backend' AND pid <> pg_backend_pid()"
        ).fetchall()
        return {pid for (pid,) in rows}

    def cpu(self) -> dict[int, float]:
        return {pid: process_cpu_seconds(pid) for pid in self.pids()}

    @staticmethod
    def used(before: dict[int, float], after: dict[int, float]) -> tuple[float, int]:
        """CPU seconds between two readings (a backend that started in between counts from
        zero), and how many backends ended in between (their CPU is lost)."""
        ended = [pid for pid in before if pid not in after]
        return sum(cpu - before.get(pid, 0.0) for pid, cpu in after.items()), len(ended)

    def close(self) -> None:
        self.connection.close()


# A run is measured again (twice at most) when fewer workers than there are cores were busy:
# wrk's keep-alive connections stay with whichever worker accepted them, and when they all land
# on fewer workers than cores, those run on one core each (the GIL) while a core idles. That
# measures the accept race, not the request path; with one worker per core it struck the bare
# endpoint in about half its runs. "Busy": at least half the CPU of the busiest worker.
BUSY_SHARE = 0.5


def enough_workers_busy(worker_cpu: list[float], cores: int) -> bool:
    busiest = sorted(worker_cpu, reverse=True)[:cores]
    if len(busiest) < cores or not busiest[0]:
        return len(busiest) < cores  # fewer workers than cores: nothing to balance
    return busiest[-1] >= BUSY_SHARE * busiest[0]


def measure(server: Gunicorn, url: str, script: str, args, backends: Backends) -> dict:
    """One wrk run, with the CPU each request cost the server, PostgreSQL and wrk."""
    runs = 0
    while runs < 3:  # see enough_workers_busy
        runs += 1
        workers = {pid: process_cpu_seconds(int(pid)) for pid in children(server.process.pid)}
        before = cpu_seconds(server.process.pid), _children_cpu()
        postgres_before = backends.cpu()
        result = run_wrk(url, script, args)
        postgres_after = backends.cpu()
        after = cpu_seconds(server.process.pid), _children_cpu()
        worker_cpu = [process_cpu_seconds(int(pid)) - start for pid, start in workers.items()]
        if enough_workers_busy(worker_cpu, os.cpu_count() or 1):
            break
    result["runs"] = runs  # > 1: in earlier runs too few workers were busy
    requests = result["rps"] * args.duration
    postgres_cpu, result["backends_ended"] = Backends.used(postgres_before, postgres_after)
    used = {"server": after[0] - before[0], "postgres": postgres_cpu, "wrk": after[1] - before[1]}
    result["cpu_ms_per_request"] = {
        name: round(seconds * 1000 / requests, 3) for name, seconds in used.items()
    }
    return result


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_wrk(url: str, script: str, args) -> dict:
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as lua:
        lua.write(script)
    out = subprocess.run(
        [
            "wrk",
            "-t",
            str(args.threads),
            "-c",
            str(args.connections),
            "-d",
            f"{args.duration}s",
            "--latency",
            "-s",
            lua.name,
            url,
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    Path(lua.name).unlink()
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    latency = {p: _ms(v) for p, v in re.findall(r"^\s+(50|99)%\s+(\S+)", out, re.MULTILINE)}
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {
        "rps": rps,
        "p50_ms": latency["50"],
        "p99_ms": latency["99"],
        "errors": int(non_2xx.group(1)) if non_2xx else 0,
    }


def _ms(value: str) -> float:
    number, unit = re.match(r"([\d.]+)(\w+)", value).groups()
    return float(number) * {"us": 0.001, "ms": 1, "s": 1000}[unit]


def worker_rss_mb(master_pid: int) -> list[float]:
    sizes = []
    for pid in children(master_pid):
        status = Path(f"/proc/{pid}/status").read_text()
        sizes.append(int(re.search(r"VmRSS:\s+(\d+)", status).group(1)) / 1024)
    return sizes


def scenarios(with_locator: bool) -> dict[str, dict]:
    """What each scenario sends; the 304 one learns its ETag first; `baseline` is what it is
    compared with (`bare`: bench/bare_app.py; `bare_sql`: the same search as bare SQL)."""
    from service.assessment.examples import ANSWERS

    condition = "/v1/conditions/lumbar-spinal-stenosis"
    chosen = {
        "content": {"method": "GET", "path": condition, "baseline": "bare"},
        "content_304": {"method": "GET", "path": condition, "etag": True, "baseline": "bare"},
        "assessment": {
            "method": "POST",
            "path": "/v1/assessments/evaluate",
            "body": ANSWERS,
            "baseline": "bare",
        },
    }
    if with_locator:
        chosen["locator"] = {
            "method": "GET",
            "path": f"/v1/physicians?zip=10001&radius={RADIUS_MILES}&therapy=physical-therapy"
            f"&limit={LOCATOR_PAGE}",
            "baseline": "bare_sql",
        }
    return chosen


# The exactness sample: every filter the anchor takes, alone and combined.
EXACTNESS_FILTERS = (
    {},
    {"therapy": ["physical-therapy"]},
    {"therapy": ["acupuncture", "tens"], "accepting_new_patients": ["true"]},
    {"specialty": ["208VP0014X"], "language": ["es"], "telehealth": ["false"]},
)


def get_json(url: str, token: str = "") -> dict:
    request = urllib.request.Request(url, headers={"X-API-Key": token} if token else {})
    with urllib.request.urlopen(request) as response:
        return json.load(response)


def bare_sql_path(origin: dict, query: dict[str, list[str]]) -> str:
    """The anchor's request for an API search from `origin` (the API's metadata.origin)."""
    from service.locator import geo, specialties

    query = dict(query)
    if "specialty" in query:  # the API matches a classification's specializations too
        query["specialty"] = specialties.expand(tuple(query["specialty"]))
    query |= {
        "lat": [origin["lat"]],
        "lon": [origin["lon"]],
        "radius_km": [geo.to_km(RADIUS_MILES, "mi")],
        "limit": [LOCATOR_PAGE],
    }
    return "/bare/physicians?" + urllib.parse.urlencode(query, doseq=True)


def check_exact(api_url: str, bare_sql_url: str, token: str, origins: int) -> int:
    """The anchor returns the API's pages (providers, locations, distances, order, whether more
    follow) for a sample of ZIPs and filters; raises on the first difference."""
    import random

    from service.locator import zips

    centroids = random.Random(5).sample(zips.all_centroids(), origins)
    checked = 0
    for zip_code in ["10001", "90012", "60601", *(c.zip_code for c in centroids)]:
        for filters in EXACTNESS_FILTERS:
            query = {"zip": [zip_code], "radius": [RADIUS_MILES], "limit": [LOCATOR_PAGE]}
            api = get_json(
                f"{api_url}/v1/physicians?{urllib.parse.urlencode(query | filters, doseq=True)}",
                token,
            )
            try:
                bare = get_json(bare_sql_url + bare_sql_path(api["metadata"]["origin"], filters))
            except urllib.error.HTTPError as error:
                if error.code == 400:  # antimeridian or pole: the anchor refuses it
                    continue
                raise
            api_page = [
                (r["provider"]["id"], r["location"]["id"], r["distance"]) for r in api["results"]
            ] + [api["next_cursor"] is not None]
            bare_page = [
                (r["provider"]["id"], r["location"]["id"], round(r["distance_km"] / 1.609344, 3))
                for r in bare["results"]
            ]
            if api_page != [*bare_page, bare["has_more"]]:
                raise AssertionError(
                    f"ZIP {zip_code} {filters}: the API's page differs from the raw SQL's\n"
                    f"  api {api_page}\n  raw {[*bare_page, bare['has_more']]}"
                )
            checked += 1
    return checked


def wrk_script(scenario: dict, token: str, etag: str | None = None) -> str:
    body = json.dumps(json.dumps(scenario["body"])) if "body" in scenario else "nil"
    extra = f'wrk.headers["If-None-Match"] = {json.dumps(etag)}' if etag else ""
    return LUA_TEMPLATE.format(method=scenario["method"], body=body, key=token, extra=extra)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument(
        "--workers",
        type=int,
        default=None,
        help="gunicorn workers (default: gunicorn.conf.py's, 2 per core up to 8)",
    )
    parser.add_argument(
        "--rounds",
        type=int,
        default=3,
        help="API runs per scenario, each between two baseline runs; the median counts",
    )
    parser.add_argument(
        "--providers",
        type=int,
        default=1_000_000,
        help="providers for the locator scenario (0: leave it out)",
    )
    parser.add_argument(
        "--exact-origins",
        type=int,
        default=20,
        help="random ZIPs (x 4 filter sets) whose pages the anchor must match",
    )
    parser.add_argument("--only", nargs="*", choices=list(TARGETS), help="these scenarios only")
    parser.add_argument("--fresh", action="store_true", help="recreate the benchmark database")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        print("wrk is not installed: apt-get install wrk", file=sys.stderr)
        return 2

    url, token = prepare_database(args.providers, args.fresh)
    production = {
        "LOG_LEVEL": "info",
        "REDIS_URL": redis_url(),
        # The one departure from production: no worker recycling. The bare endpoint reaches
        # production's 200,000 requests per worker within this run, and a restart (~2 s of CPU)
        # inside a 10 s run measures the restart, not the request path.
        "GUNICORN_MAX_REQUESTS": "0",
    }
    chosen = scenarios(with_locator=args.providers > 0)
    chosen = {name: chosen[name] for name in chosen if not args.only or name in args.only}
    servers = {
        "api": Gunicorn("service.wsgi:app", url, workers=args.workers, quiet=True, env=production)
    }
    backends = Backends(url)
    results = {
        "when": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "workers": len(children(servers["api"].process.pid)),
        "connections": args.connections,
        "duration_s": args.duration,
        "providers": args.providers,
        "rate_limit_counters": "redis" if production["REDIS_URL"] else "memory",
        "scenarios": {},
    }
    try:
        baselines = {}
        if any(s["baseline"] == "bare" for s in chosen.values()):
            servers["bare"] = Gunicorn(
                "bench.bare_app:app", url, workers=args.workers, quiet=True, env=production
            )
            baselines["bare"] = (
                "/bare",
                LUA_TEMPLATE.format(method="GET", body="nil", key="", extra=""),
            )
        if "locator" in chosen:
            servers["bare_sql"] = Gunicorn(
                "bench.bare_sql_app:app", url, workers=args.workers, quiet=True, env=production
            )
            checked = check_exact(
                servers["api"].url, servers["bare_sql"].url, token, args.exact_origins
            )
            results["exact_searches"] = checked
            print(
                f"exactness: the raw SQL endpoint returned the API's page in all {checked} searches"
            )
            origin = get_json(servers["api"].url + chosen["locator"]["path"], token)["metadata"]
            path = bare_sql_path(origin["origin"], {"therapy": ["physical-therapy"]})
            baselines["bare_sql"] = (
                path,
                LUA_TEMPLATE.format(method="GET", body="nil", key="", extra=""),
            )
        for name, (path, script) in baselines.items():  # warm-up
            run_wrk(servers[name].url + path, script, args)
        for name, scenario in chosen.items():
            etag = None
            if scenario.get("etag"):
                request = urllib.request.Request(
                    servers["api"].url + scenario["path"], headers={"X-API-Key": token}
                )
                with urllib.request.urlopen(request) as response:
                    etag = response.headers["ETag"]
            results["scenarios"][name] = run_scenario(
                servers["api"],
                scenario["path"],
                wrk_script(scenario, token, etag),
                servers[scenario["baseline"]],
                *baselines[scenario["baseline"]],
                args,
                backends,
            )
            results["scenarios"][name] |= {
                "baseline": scenario["baseline"],
                "target": TARGETS.get(name),
            }
        results["worker_rss_mb"] = [round(x, 1) for x in worker_rss_mb(servers["api"].process.pid)]
    finally:
        backends.close()
        for server in servers.values():
            server.stop()

    out = ROOT / "bench" / "results" / f"http-{results['when'][:10]}.json"
    out.write_text(json.dumps(results, indent=2) + "\n")
    print_results(results)
    print(f"written to {out}")
    return 0


def run_scenario(
    api: Gunicorn,
    path: str,
    script: str,
    baseline: Gunicorn,
    baseline_path: str,
    baseline_script: str,
    args,
    backends: Backends,
) -> dict:
    """Rounds of baseline, API, baseline…: each API run is compared with the faster baseline run
    around it, so a slow moment of the baseline never flatters the API, and the median round is
    reported, so one stall of either (a busy neighbour on this shared machine) does not decide
    the result."""
    run_wrk(api.url + path, script, args)  # warm-up: caches, ZIP table, connections
    baseline_runs = [
        measure(baseline, baseline.url + baseline_path, baseline_script, args, backends)
    ]
    rounds = []
    for _ in range(args.rounds):
        api_run = measure(api, api.url + path, script, args, backends)
        baseline_runs.append(
            measure(baseline, baseline.url + baseline_path, baseline_script, args, backends)
        )
        api_run["bare"] = max(baseline_runs[-2:], key=lambda run: run["rps"])
        api_run["ratio"] = round(api_run["rps"] / api_run["bare"]["rps"], 3)
        rounds.append(api_run)
    measured = sorted(rounds, key=lambda run: run["ratio"])[len(rounds) // 2]
    measured["rounds"] = [
        {
            "rps": r["rps"],
            "bare_rps": r["bare"]["rps"],
            "ratio": r["ratio"],
            "runs": r["runs"],
            "bare_runs": r["bare"]["runs"],
        }
        for r in rounds
    ]
    return measured


def verdict(met: bool) -> str:
    return "met" if met else "**missed**"


def print_results(results: dict) -> None:
    print(
        "| scenario | req/s | p50 ms | p99 ms | baseline req/s | vs baseline | target "
        "| CPU ms/request: workers (baseline), PostgreSQL (baseline) |\n"
        "|---|---|---|---|---|---|---|---|"
    )
    measured = results["scenarios"]
    for name, m in measured.items():
        target = f"≥ {m['target']:.2f} {verdict(m['ratio'] >= m['target'])}" if m["target"] else ""
        cpu, bare_cpu = m["cpu_ms_per_request"], m["bare"]["cpu_ms_per_request"]
        print(
            f"| {name} (vs {m['baseline']}) | {m['rps']:.0f} | {m['p50_ms']:.2f} "
            f"| {m['p99_ms']:.2f} | {m['bare']['rps']:.0f} | {m['ratio']:.2f} | {target} "
            f"| {cpu['server']:.2f} ({bare_cpu['server']:.2f}), "
            f"{cpu['postgres']:.3f} ({bare_cpu['postgres']:.3f}) |"
        )
    if "locator" in measured:
        api_ms = measured["locator"]["cpu_ms_per_request"]["postgres"]
        raw_ms = measured["locator"]["bare"]["cpu_ms_per_request"]["postgres"]
        ratio = api_ms / raw_ms if raw_ms else float("inf")
        print(
            f"PostgreSQL CPU per search: API {api_ms:.3f} ms, raw SQL {raw_ms:.3f} ms, "
            f"{ratio:.2f}× (target ≤ {POSTGRES_CPU_TARGET:g}×: "
            f"{verdict(ratio <= POSTGRES_CPU_TARGET)})"
        )
    if "content" in measured and "content_304" in measured:
        ok_ms = measured["content"]["cpu_ms_per_request"]["server"]
        not_modified_ms = measured["content_304"]["cpu_ms_per_request"]["server"]
        ratio = not_modified_ms / ok_ms
        print(
            f"worker CPU of a 304 vs a cached 200: {not_modified_ms:.3f} vs {ok_ms:.3f} ms, "
            f"{ratio:.2f}× (target ≤ {NOT_MODIFIED_CPU_TARGET:g}×: "
            f"{verdict(ratio <= NOT_MODIFIED_CPU_TARGET)})"
        )
    ended = sum(m["backends_ended"] + m["bare"]["backends_ended"] for m in measured.values())
    if ended:
        print(f"{ended} PostgreSQL backends ended during measured runs: their CPU is not counted")
    print(f"rate-limit counters: {results['rate_limit_counters']}")
    print(f"worker RSS (MB): {results['worker_rss_mb']} (target ≤ 120)")


if __name__ == "__main__":
    sys.exit(main())
