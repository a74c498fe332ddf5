"""Where a request's time goes: the http_bench scenarios in-process, timed and profiled.

    make bench-profile                                  # every scenario, time per request
    make bench-profile PROFILE=1 BENCH_ARGS=locator     # pyinstrument tree of one scenario
    PROFILE_ALL=1 python bench/profile_requests.py content --profile   # with library frames

Uses the same database, key and requests as `make bench` (1M providers) and the production app
factory (Settings.from_env, so production defaults), but calls the WSGI app directly: no socket,
no gunicorn, so the numbers are the app's own CPU and database time per request next to the
bare Flask endpoint's (and, for the locator, the bare-SQL endpoint's).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("scenario", nargs="*", help="content, content_304, assessment, locator")
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--profile", action="store_true", help="print a pyinstrument profile")
    parser.add_argument("--providers", type=int, default=1_000_000)
    args = parser.parse_args()

    from bench.http_bench import prepare_database, scenarios

    url, token = prepare_database(args.providers, fresh=False)
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    from bench.bare_app import app as bare_app
    from service import create_app

    app = create_app()
    chosen = scenarios(with_locator=args.providers > 0)
    names = args.scenario or list(chosen)
    bare = bare_app.test_client()
    print(f"bare: {per_request_ms(lambda: bare.get('/bare'), args.requests):.3f} ms/request")
    client = app.test_client()
    for name in names:
        scenario = chosen[name]
        headers = {"X-API-Key": token}
        if scenario.get("etag"):
            headers["If-None-Match"] = client.get(scenario["path"], headers=headers).headers["ETag"]

        def call(scenario=scenario, headers=headers):
            response = client.open(
                scenario["path"],
                method=scenario["method"],
                headers=headers,
                data=json.dumps(scenario["body"]) if "body" in scenario else None,
                content_type="application/json",
            )
            assert response.status_code < 400, response.get_data(as_text=True)

        if args.profile:
            from pyinstrument import Profiler

            per_request_ms(call, 200)  # warm-up
            with Profiler(interval=0.0002) as profiler:
                per_request_ms(call, args.requests)
            print(
                profiler.output_text(
                    unicode=True, color=False, show_all=os.environ.get("PROFILE_ALL") == "1"
                )
            )
        print(f"{name}: {per_request_ms(call, args.requests):.3f} ms/request")
        if name == "locator":  # next to the same search as bare SQL (make bench's anchor)
            print(f"locator, bare SQL: {bare_sql_ms(client, scenario, token, args):.3f} ms/request")
    return 0


def bare_sql_ms(client, scenario: dict, token: str, args) -> float:
    from bench.bare_sql_app import app as bare_sql_app
    from bench.http_bench import bare_sql_path

    origin = client.get(scenario["path"], headers={"X-API-Key": token}).get_json()["metadata"]
    path = bare_sql_path(origin["origin"], {"therapy": ["physical-therapy"]})
    bare_sql = bare_sql_app.test_client()

    def call():
        response = bare_sql.get(path)
        assert response.status_code == 200, response.get_data(as_text=True)

    return per_request_ms(call, args.requests)


def per_request_ms(call, count: int) -> float:
    call()
    started = time.perf_counter()
    for _ in range(count):
        call()
    return (time.perf_counter() - started) * 1000 / count


if __name__ == "__main__":
    sys.exit(main())
