# syntax=docker/dockerfile:1
# Multi-stage: dependencies are installed from the lockfile in a throwaway stage, every file
# checked against its locked hash; the runtime image holds only the virtualenv, the code, the
# migrations and the content pack, and runs as a numeric non-root user.
ARG PYTHON_IMAGE=python:3.11-slim-bookworm

FROM ${PYTHON_IMAGE} AS build
# PIP_NO_INDEX=1 installs from wheelhouse/ alone (offline builds, see ops/docker-smoke.sh).
ARG PIP_NO_INDEX=0
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /build
COPY requirements/runtime.lock ./
COPY wheelhouse/ /wheelhouse/
RUN python3 -m venv /opt/venv \
 && /opt/venv/bin/pip install --require-hashes --find-links /wheelhouse -r runtime.lock

FROM ${PYTHON_IMAGE}
ENV PATH=/opt/venv/bin:$PATH \
    PYTHONPATH=/app \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    HOST=0.0.0.0 \
    PORT=8000 \
    METRICS_HOST=0.0.0.0
WORKDIR /app
COPY --from=build /opt/venv /opt/venv
COPY alembic.ini gunicorn.conf.py ./
COPY migrations ./migrations
COPY service ./service
USER 10001:10001
EXPOSE 8000 9100
HEALTHCHECK --interval=15s --timeout=3s --start-period=20s --retries=3 \
  CMD ["python", "-c", "import os, sys, urllib.request; sys.exit(0 if urllib.request.urlopen('http://127.0.0.1:%s/healthz' % os.environ.get('PORT', '8000'), timeout=2).status == 200 else 1)"]
CMD ["gunicorn", "-c", "gunicorn.conf.py", "service.wsgi:app"]
