"""Settings come from the environment, typed and validated once."""

import pytest

from service.settings import Settings, SettingsError


@pytest.fixture
def clean_env(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)  # no stray .env file
    for name in (
        "DATABASE_URL",
        "DATABASE_POOL_SIZE",
        "LOG_LEVEL",
        "DATABASE_AUTOCOMMIT_SEARCHES",
        "CONTENT_CACHE_MAX_AGE",
        "ASSESSMENT_TTL_DAYS",
    ):
        monkeypatch.delenv(name, raising=False)
    return monkeypatch


def test_defaults_and_typed_values(clean_env):
    clean_env.setenv("DATABASE_URL", "postgresql://db/spinecare")
    clean_env.setenv("DATABASE_POOL_SIZE", "12")
    clean_env.setenv("LOG_LEVEL", "debug")
    settings = Settings.from_env()
    assert settings.database_pool_size == 12
    assert settings.log_level == "DEBUG"
    assert settings.content_cache_max_age == 300
    assert settings.assessment_ttl_days == 30
    assert settings.database_ping_after_idle_seconds == 10.0
    assert settings.database_autocommit_searches is True
    clean_env.setenv("DATABASE_AUTOCOMMIT_SEARCHES", "false")
    assert Settings.from_env().database_autocommit_searches is False


def test_missing_database_url_is_a_clear_error(clean_env):
    with pytest.raises(SettingsError, match="DATABASE_URL is not set"):
        Settings.from_env()


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("DATABASE_POOL_SIZE", "many", "DATABASE_POOL_SIZE"),
        ("DATABASE_POOL_SIZE", "0", "must be positive"),
        ("DATABASE_URL", "mysql://db/x", "postgresql"),
        ("LOG_LEVEL", "chatty", "LOG_LEVEL"),
        ("ASSESSMENT_TTL_DAYS", "0", "ASSESSMENT_TTL_DAYS must be positive"),
        ("DATABASE_PING_AFTER_IDLE_SECONDS", "-1", "must not be negative"),
        ("DATABASE_PING_AFTER_IDLE_SECONDS", "soon", "DATABASE_PING_AFTER_IDLE_SECONDS"),
        ("DATABASE_AUTOCOMMIT_SEARCHES", "maybe", "DATABASE_AUTOCOMMIT_SEARCHES"),
    ],
)
def test_invalid_values_are_refused_at_start_up(clean_env, name, value, message):
    clean_env.setenv("DATABASE_URL", "postgresql://db/spinecare")
    clean_env.setenv(name, value)
    with pytest.raises(SettingsError, match=message):
        Settings.from_env()
