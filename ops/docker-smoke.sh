#!/usr/bin/env bash
# Proves the image builds and serves, on a machine with no image registry:
#  1. a Docker engine (Debian's docker.io; started here with no bridge, every container on the
#     host network, so all traffic stays on loopback),
#  2. a base image built locally with debootstrap from the machine's configured Debian mirror,
#  3. a wheelhouse built on the host (pip inside the build cannot verify the package proxy),
#  4. the image built with PYTHON_IMAGE=<that base>, migrated and run against the local
#     PostgreSQL; then /readyz, a content call with a partner key, and the non-root user.
set -euo pipefail
cd "$(dirname "$0")/.."

BASE_IMAGE=spinecare-base:bookworm
IMAGE=spinecare-api:smoke
PG_URL=${SMOKE_DATABASE_ADMIN_URL:-postgresql://postgres@127.0.0.1:5432/postgres}
DB_NAME=spinecare_smoke_$$
PORT=${SMOKE_PORT:-18080}
CONTAINER=spinecare-smoke-$$
PY=${PYTHON:-.venv/bin/python}
log() { printf '== %s\n' "$*"; }

command -v docker >/dev/null || { echo "docker.io is not installed (apt-get install docker.io debootstrap)" >&2; exit 2; }
if ! docker info >/dev/null 2>&1; then
    # A docker client can be on the PATH without an engine (a static client alone).
    command -v dockerd >/dev/null || { echo "no Docker engine (dockerd): apt-get install docker.io debootstrap" >&2; exit 2; }
    log "starting dockerd (no bridge, no iptables)"
    (dockerd --bridge=none --iptables=false >/tmp/spinecare-dockerd.log 2>&1 &)
    for _ in $(seq 60); do docker info >/dev/null 2>&1 && break; sleep 1; done
    docker info >/dev/null 2>&1 || { tail -20 /tmp/spinecare-dockerd.log >&2; exit 1; }
fi

if ! docker image inspect "$BASE_IMAGE" >/dev/null 2>&1; then
    # The mirror apt already uses on this machine; nothing else is reachable.
    mirror=$(awk '/^URIs:/ {print $2; exit}' /etc/apt/sources.list.d/*.sources 2>/dev/null || true)
    [ -n "$mirror" ] || mirror=$(awk '/^deb / {print $2; exit}' /etc/apt/sources.list)
    rootfs=$(mktemp -d)
    log "debootstrap bookworm from the configured mirror into $rootfs"
    debootstrap --variant=minbase --include=python3,python3-venv,ca-certificates bookworm "$rootfs" "$mirror" >/tmp/spinecare-debootstrap.log
    tar -C "$rootfs" -c . | docker import - "$BASE_IMAGE" >/dev/null
    rm -rf "$rootfs"
fi

log "wheelhouse from requirements/runtime.lock"
mkdir -p wheelhouse && rm -f wheelhouse/*.whl
"$PY" -m pip wheel --quiet -r requirements/runtime.lock -w wheelhouse

log "docker build"
docker build --network host --build-arg PYTHON_IMAGE="$BASE_IMAGE" --build-arg PIP_NO_INDEX=1 -t "$IMAGE" . >/tmp/spinecare-docker-build.log
cleanup() {
    docker rm -f "$CONTAINER" >/dev/null 2>&1 || true
    psql "$PG_URL" -qc "DROP DATABASE IF EXISTS $DB_NAME WITH (FORCE)" >/dev/null 2>&1 || true
    rm -rf wheelhouse/*.whl
}
trap cleanup EXIT
psql "$PG_URL" -qc "CREATE DATABASE $DB_NAME"
DB_URL="${PG_URL%/*}/$DB_NAME"

log "migrate + content load + demo partner (one-shot, like the compose migrate service)"
docker run --rm --network host -e DATABASE_URL="$DB_URL" "$IMAGE" \
    sh -c "alembic upgrade head && flask --app service:create_app content load && flask --app service:create_app partners demo" >/dev/null

log "serve on 127.0.0.1:$PORT"
docker run -d --name "$CONTAINER" --network host -e DATABASE_URL="$DB_URL" -e HOST=127.0.0.1 \
    -e PORT="$PORT" -e METRICS_PORT=0 -e WEB_CONCURRENCY=2 "$IMAGE" >/dev/null
for _ in $(seq 60); do
    curl -fs "http://127.0.0.1:$PORT/readyz" >/dev/null 2>&1 && break
    sleep 1
done
curl -fs "http://127.0.0.1:$PORT/readyz"; echo
KEY=sck_demo0000_local-development-only-never-in-production
count=$(curl -fs -H "X-API-Key: $KEY" "http://127.0.0.1:$PORT/v1/conditions" | "$PY" -c 'import json,sys; print(len(json.load(sys.stdin)))')
expected=$(ls service/content/pack/conditions/*.yaml | wc -l)
[ "$count" = "$expected" ] || { echo "expected $expected conditions, got $count" >&2; docker logs "$CONTAINER" | tail -20 >&2; exit 1; }
uid=$(docker exec "$CONTAINER" id -u)
[ "$uid" = 10001 ] || { echo "container runs as uid $uid, not 10001" >&2; exit 1; }
health=$(docker inspect --format '{{json .Config.Healthcheck.Test}}' "$CONTAINER")
log "OK: /readyz 200, $count conditions served, uid $uid, healthcheck $health"
