"""Typed settings read from the environment once, at start-up."""

from __future__ import annotations

import dataclasses
import logging
from dataclasses import dataclass
from typing import Any

from environs import Env, EnvError


class SettingsError(RuntimeError):
    """The environment does not describe a runnable service."""


@dataclass(frozen=True, kw_only=True)
class Settings:
    database_url: str
    # Optional read replica: GET/HEAD requests read from it, everything else uses the primary.
    database_replica_url: str = ""
    database_pool_size: int = 5
    database_max_overflow: int = 5
    # Seconds (at least 2, libpq's least) for a connection, from the pool or new, and for the
    # pool's ping; a reply may take the statement timeout plus this. See db.make_engine.
    database_connect_timeout: int = 3
    database_statement_timeout_ms: int = 5000
    # A pooled connection idle longer than this is pinged before use (0: before every use).
    database_ping_after_idle_seconds: float = 10.0
    # First-page searches as one autocommit statement on connections opened with their planner
    # setting (db.statement_engine). Off behind a pooler that hands one server connection to
    # many clients (PgBouncer in transaction mode): connection options cannot hold there.
    database_autocommit_searches: bool = True
    log_level: str = "INFO"
    log_json: bool = True
    max_request_body_bytes: int = 1_048_576
    content_cache_max_age: int = 300
    # How often a worker asks whether the content changed (it caches reads in between).
    content_cache_check_seconds: float = 2.0
    # Base URL used in JSON-LD `@id`/`url` values; the request's host when empty.
    public_base_url: str = ""
    # Rate-limit counters: Redis when set (shared by all workers), else memory: the file every
    # worker of one gunicorn maps (gunicorn.conf.py makes it), or the process's own without one.
    redis_url: str = ""
    rate_limit_key_prefix: str = "spinecare"
    rate_limit_counters_file: str = ""
    usage_flush_seconds: float = 10.0
    # How long a worker trusts a key it has checked (revocations take effect within this).
    api_key_cache_seconds: float = 10.0
    # Metrics are served by gunicorn's master on METRICS_PORT; the public path only on request.
    metrics_public_path: bool = False
    # Days an assessment session lives after its last change; `flask assessment purge` deletes it.
    assessment_ttl_days: int = 30
    # OpenTelemetry tracing (service/tracing.py): off unless asked for or an OTLP endpoint is set.
    tracing_enabled: bool = False
    otlp_endpoint: str = ""
    testing: bool = False

    @classmethod
    def from_env(cls) -> Settings:
        env = Env(eager=False)
        env.read_env(".env", recurse=False, override=False)  # optional; real variables win
        values: dict[str, Any] = dict(  # noqa: C408 - keywords read as the dataclass fields they fill
            database_url=env.str("DATABASE_URL", None),
            database_replica_url=env.str("DATABASE_REPLICA_URL", cls.database_replica_url),
            database_pool_size=env.int("DATABASE_POOL_SIZE", cls.database_pool_size),
            database_max_overflow=env.int("DATABASE_MAX_OVERFLOW", cls.database_max_overflow),
            database_connect_timeout=env.int(
                "DATABASE_CONNECT_TIMEOUT", cls.database_connect_timeout
            ),
            database_statement_timeout_ms=env.int(
                "DATABASE_STATEMENT_TIMEOUT_MS", cls.database_statement_timeout_ms
            ),
            database_ping_after_idle_seconds=env.float(
                "DATABASE_PING_AFTER_IDLE_SECONDS", cls.database_ping_after_idle_seconds
            ),
            database_autocommit_searches=env.bool(
                "DATABASE_AUTOCOMMIT_SEARCHES", cls.database_autocommit_searches
            ),
            log_level=env.log_level("LOG_LEVEL", logging.getLevelNamesMapping()[cls.log_level]),
            log_json=env.bool("LOG_JSON", cls.log_json),
            max_request_body_bytes=env.int("MAX_REQUEST_BODY_BYTES", cls.max_request_body_bytes),
            content_cache_max_age=env.int("CONTENT_CACHE_MAX_AGE", cls.content_cache_max_age),
            content_cache_check_seconds=env.float(
                "CONTENT_CACHE_CHECK_SECONDS", cls.content_cache_check_seconds
            ),
            public_base_url=env.str("PUBLIC_BASE_URL", cls.public_base_url),
            redis_url=env.str("REDIS_URL", cls.redis_url),
            rate_limit_key_prefix=env.str("RATE_LIMIT_KEY_PREFIX", cls.rate_limit_key_prefix),
            rate_limit_counters_file=env.str(
                "RATE_LIMIT_COUNTERS_FILE", cls.rate_limit_counters_file
            ),
            usage_flush_seconds=env.float("USAGE_FLUSH_SECONDS", cls.usage_flush_seconds),
            api_key_cache_seconds=env.float("API_KEY_CACHE_SECONDS", cls.api_key_cache_seconds),
            metrics_public_path=env.bool("METRICS_PUBLIC_PATH", cls.metrics_public_path),
            assessment_ttl_days=env.int("ASSESSMENT_TTL_DAYS", cls.assessment_ttl_days),
            otlp_endpoint=env.str("OTEL_EXPORTER_OTLP_ENDPOINT", cls.otlp_endpoint),
        )
        # An OTLP endpoint turns tracing on; TRACING_ENABLED says so explicitly (either way).
        values["tracing_enabled"] = env.bool(
            "TRACING_ENABLED",
            bool(values["otlp_endpoint"] or env.str("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "")),
        )
        try:
            env.seal()
        except EnvError as exc:
            raise SettingsError(f"invalid environment: {exc}") from exc
        if not values["database_url"]:
            raise SettingsError(
                "DATABASE_URL is not set (use `make run`, which starts an embedded PostgreSQL)"
            )
        # environs gives a number for LOG_LEVEL (the default is passed as one too): keep a name.
        level = values["log_level"]
        values["log_level"] = (
            logging.getLevelName(level) if isinstance(level, int) else level.upper()
        )
        settings = cls(**values)
        settings.validate()
        return settings

    def validate(self) -> None:
        if not self.database_url.startswith("postgresql"):
            raise SettingsError("DATABASE_URL must be a postgresql:// URL")
        if self.database_replica_url and not self.database_replica_url.startswith("postgresql"):
            raise SettingsError("DATABASE_REPLICA_URL must be a postgresql:// URL")
        for name in (
            "database_pool_size",
            "database_connect_timeout",
            "max_request_body_bytes",
            "assessment_ttl_days",
        ):
            if getattr(self, name) < 1:
                raise SettingsError(f"{name.upper()} must be positive")
        if self.database_connect_timeout < 2:
            # libpq (and psycopg after it) waits at least 2 s for a new connection.
            raise SettingsError("DATABASE_CONNECT_TIMEOUT must be at least 2 (seconds)")
        if self.database_statement_timeout_ms < 1:
            raise SettingsError("DATABASE_STATEMENT_TIMEOUT_MS must be positive")
        if self.database_ping_after_idle_seconds < 0:
            raise SettingsError("DATABASE_PING_AFTER_IDLE_SECONDS must not be negative")
        if self.redis_url and not self.redis_url.startswith(("redis://", "rediss://")):
            raise SettingsError("REDIS_URL must be a redis:// or rediss:// URL")
        if self.content_cache_max_age < 0:
            raise SettingsError("CONTENT_CACHE_MAX_AGE must not be negative")
        if self.otlp_endpoint and not self.otlp_endpoint.startswith(("http://", "https://")):
            raise SettingsError("OTEL_EXPORTER_OTLP_ENDPOINT must be an http:// or https:// URL")

    def replace(self, **changes: Any) -> Settings:
        return dataclasses.replace(self, **changes)
