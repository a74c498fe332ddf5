"""Production gunicorn settings; every value can be overridden from the environment."""

import multiprocessing
import os
import tempfile
from pathlib import Path

# Every interface unless HOST says otherwise: in a container the runtime publishes the port.
bind = f"{os.environ.get('HOST', '0.0.0.0')}:{os.environ.get('PORT', '8000')}"  # noqa: S104
# Sync workers with a few threads: the work is short database reads, mostly waiting on I/O.
# One process per core (at least 2, so one can restart while the other serves): each runs
# Python on one core at a time, and the threads cover the waits. `make bench` on 2 cores, 2
# workers against 4: content reads 5,467-5,761 req/s against 5,350, locator searches 708-802
# against 644, assessments level (more processes: more switching, more database backends).
workers = int(os.environ.get("WEB_CONCURRENCY", max(2, min(multiprocessing.cpu_count(), 8))))
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
# gthread, with /healthz served by the accepting thread (a probe never queues behind requests
# waiting on a hung database) and gunicorn's own 400/414/431 written as problem+json.
worker_class = "service.gunicorn_worker.ApiWorker"

# A request taking longer than this is stuck; graceful shutdown stays under a container's
# default 30 s stop grace so in-flight requests finish before SIGKILL.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "20"))
keepalive = 5

# Recycle workers now and then so slow leaks cannot build up; jitter avoids all at once. Rarely:
# a new worker costs about two seconds of CPU (imports, app, ZIP table), so the old 2,000 meant a
# restart every few seconds per worker under load, most of the CPU of a cheap endpoint.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "200000"))
max_requests_jitter = max_requests // 10

# Heartbeat files on tmpfs: a container's overlay disk can stall and get healthy workers killed.
# Gunicorn and the metrics below make their own files in it (mkstemp, mkdtemp), never fixed names.
_SHM = "/dev/shm" if Path("/dev/shm").is_dir() else None  # noqa: S108
worker_tmp_dir = _SHM
# Gunicorn >= 25.1 opens a control socket under $HOME; a non-root container has nowhere to put it.
control_socket_disable = True

# The app writes one JSON line per request (with its request id); gunicorn's own access log
# would only repeat it. Errors and lifecycle messages still go to stderr.
accesslog = None
errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", "info").lower()
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")

# Prometheus in multiprocess mode: workers write samples under a fresh tmpfs directory and the
# master serves their sum on METRICS_PORT, away from the public port. The variable must be set
# before prometheus_client is first imported (it picks its storage at import), hence this order.
if not os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
    os.environ["PROMETHEUS_MULTIPROC_DIR"] = tempfile.mkdtemp(prefix="spinecare-metrics-", dir=_SHM)

# Without Redis, rate limits are counted in one small file every worker maps and locks, so the
# workers of this server share a partner's budget (service/partners/limits.py).
if not os.environ.get("RATE_LIMIT_COUNTERS_FILE"):
    _descriptor, _counters = tempfile.mkstemp(
        prefix="spinecare-rate-limits-", dir=os.environ["PROMETHEUS_MULTIPROC_DIR"]
    )
    os.close(_descriptor)
    os.environ["RATE_LIMIT_COUNTERS_FILE"] = _counters

from prometheus_client import multiprocess, start_http_server  # noqa: E402 - see above

metrics_port = int(os.environ.get("METRICS_PORT", "9100"))
metrics_host = os.environ.get("METRICS_HOST", "127.0.0.1")


def when_ready(server):
    if not os.environ.get("REDIS_URL"):
        server.log.warning(
            "REDIS_URL is not set: rate limits are counted by this server alone (its workers "
            "share them); N servers behind a load balancer allow up to N times each limit"
        )
    if metrics_port:
        from service.metrics import collecting_registry

        try:
            start_http_server(metrics_port, metrics_host, registry=collecting_registry())
        except OSError as error:
            # Taken, e.g. by a second instance on one machine: the API matters more than its
            # metrics, so it serves without them rather than the master dying at start-up.
            server.log.warning(
                "metrics are off: cannot listen on %s:%s (%s); set METRICS_PORT to a free port, "
                "or 0 to turn metrics off",
                metrics_host,
                metrics_port,
                error.strerror or error,
            )


def child_exit(server, worker):
    multiprocess.mark_process_dead(worker.pid)


def post_worker_init(worker):
    # Load the ZIP centroid table before the first request rather than during it (~0.4 s).
    from service.locator import zips

    zips.lookup("10001")
    # What is loaded by now (modules, the app, the ZIP table: ~150,000 objects) lives as long as
    # the worker. Frozen, the garbage collector stops walking it: a full collection under load
    # took ~60 ms (a latency spike every few thousand requests), and takes ~1 ms frozen.
    import gc

    gc.freeze()
