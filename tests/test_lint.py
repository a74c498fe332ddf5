"""The code lints clean and type-checks with the ruff and mypy pinned in requirements/dev.lock,
configured in pyproject.toml (`make lint` runs the same, plus `ruff format --check`)."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_ruff_finds_nothing():
    result = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "--no-cache", "--output-format", "concise", "."],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_finds_nothing_in_the_service():
    # The incremental cache (.mypy_cache, the one `make lint` uses) keeps a rerun under a second;
    # a cold run checks the whole package in a few seconds of CPU.
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--no-color-output", "--no-error-summary"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_pre_commit_hooks_run_the_pinned_tools_offline():
    import yaml

    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    hooks = [hook for repo in config["repos"] for hook in repo["hooks"]]
    assert {repo["repo"] for repo in config["repos"]} == {"local"}  # nothing to download
    assert {hook["id"] for hook in hooks} == {"ruff-check", "ruff-format", "mypy"}
    for hook in hooks:
        executable = hook["entry"].split()[0]
        assert hook["language"] == "system" and executable.startswith(".venv/bin/"), hook
        assert (ROOT / executable).exists(), executable
