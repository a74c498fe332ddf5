"""The Dockerfile and compose file are right without an engine: linted, schema-valid, wired."""

import shutil
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def _tool(name: str) -> str:
    return str(BIN / name) if (BIN / name).exists() else shutil.which(name) or name


def test_dockerfile_is_hadolint_clean():
    result = subprocess.run(
        [_tool("hadolint"), "Dockerfile"], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_dockerfile_runs_gunicorn_as_a_numeric_non_root_user():
    text = (ROOT / "Dockerfile").read_text()
    assert "USER 10001:10001" in text
    assert 'CMD ["gunicorn", "-c", "gunicorn.conf.py", "service.wsgi:app"]' in text
    assert "HEALTHCHECK" in text and "requirements/runtime.lock" in text


def test_compose_file_matches_the_compose_specification():
    result = subprocess.run(
        [
            _tool("check-jsonschema"),
            "--builtin-schema",
            "vendor.compose-spec",
            "docker-compose.yml",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_compose_starts_the_api_after_migrations_and_healthy_dependencies():
    services = yaml.safe_load((ROOT / "docker-compose.yml").read_text())["services"]
    assert services["api"]["depends_on"] == {
        "db": {"condition": "service_healthy"},
        "redis": {"condition": "service_healthy"},
        "migrate": {"condition": "service_completed_successfully"},
    }
    assert "pg_isready" in " ".join(services["db"]["healthcheck"]["test"])
    assert "alembic upgrade head" in " ".join(services["migrate"]["command"])
    assert "/readyz" in " ".join(services["api"]["healthcheck"]["test"])
    assert services["api"]["environment"]["REDIS_URL"].startswith("redis://")
    # Every variable .env.example sets is documented in the README's configuration table.
    readme = (ROOT / "README.md").read_text()
    for line in (ROOT / ".env.example").read_text().splitlines():
        if line and not line.startswith("#"):
            name = line.split("=", 1)[0]
            assert f"`{name}`" in readme or name.startswith(("POSTGRES_", "API_PORT")), name
