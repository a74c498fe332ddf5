"""Supply chain: hashed, fresh lock files, audited for known vulnerabilities.

The audit asks a vulnerability service (PyPI's, then OSV's) about every pin in dev.lock (a
superset of runtime.lock). Offline, or where neither answers, it is skipped and says so; a known
vulnerability fails it unless requirements/vulnerability-allowlist.yaml accepts it with a reason.
"""

import datetime
import json
import re
import subprocess
import sys
import threading
import tomllib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import yaml
from packaging.markers import default_environment
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[2]
LOCKS = {"runtime": ROOT / "requirements/runtime.lock", "dev": ROOT / "requirements/dev.lock"}
ALLOWLIST = ROOT / "requirements/vulnerability-allowlist.yaml"
PIP_AUDIT = Path(sys.executable).with_name("pip-audit")
SHA256 = re.compile(r"--hash=sha256:[0-9a-f]{64}")


def locked(path: Path) -> dict[str, tuple[str, list[str]]]:
    """name -> (version, hashes) for every requirement of a pip-compile lock file."""
    text = path.read_text().replace("\\\n", " ")
    pins = {}
    for raw_line in text.splitlines():
        line = raw_line.split(" #", 1)[0].strip()
        if not line or line.startswith("#"):
            continue
        requirement, _, options = line.partition(" --hash")
        spec = Requirement(requirement.split(" --")[0].strip())
        (specifier,) = spec.specifier
        assert specifier.operator == "==", f"{path.name}: {line[:60]} is not pinned with =="
        pins[canonicalize_name(spec.name)] = (specifier.version, SHA256.findall("--hash" + options))
    return pins


@pytest.mark.parametrize("lock", sorted(LOCKS))
def test_every_pin_carries_its_hashes(lock):
    pins = locked(LOCKS[lock])
    assert len(pins) > 20
    unhashed = sorted(name for name, (_version, hashes) in pins.items() if not hashes)
    assert not unhashed, f"{lock}.lock: no --hash for {unhashed}; run `make lock`"
    # pip-compile writes its command in the header; `make lock` and Renovate re-run it as written.
    header = LOCKS[lock].read_text().split("\n\n", 1)[0]
    assert "--generate-hashes" in header and "--allow-unsafe" in header


def test_the_runtime_lock_is_the_dev_lock_for_what_they_share():
    runtime, dev = locked(LOCKS["runtime"]), locked(LOCKS["dev"])
    assert {name: version for name, (version, _) in runtime.items()} == {
        name: dev[name][0] for name in runtime if name in dev
    }
    assert set(runtime) <= set(dev)


def test_the_locks_satisfy_pyproject():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    wanted = {
        "runtime": project["dependencies"],
        "dev": project["dependencies"]
        + [
            requirement
            for extra in ("dev", "embedded")
            for requirement in project["optional-dependencies"][extra]
        ],
    }
    environment = {**default_environment(), "python_version": "3.11", "extra": ""}
    for lock, requirements in wanted.items():
        pins = locked(LOCKS[lock])
        for line in requirements:
            requirement = Requirement(line)
            if requirement.marker and not requirement.marker.evaluate(environment):
                continue
            name = canonicalize_name(requirement.name)
            assert name in pins, (
                f"{name} is in pyproject.toml but not in {lock}.lock: run `make lock`"
            )
            assert requirement.specifier.contains(pins[name][0], prereleases=True), (
                f"{lock}.lock pins {name}=={pins[name][0]}, pyproject.toml wants {requirement.specifier}"
            )


def test_installs_check_the_hashes():
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert re.search(r"pip install .*--require-hashes.*-r runtime\.lock", dockerfile), (
        "the image must install runtime.lock in hash-checking mode"
    )
    # `make install`: pip turns hash checking on by itself for a file whose pins carry hashes.
    assert "-r requirements/dev.lock" in (ROOT / "Makefile").read_text()


# The audit ---------------------------------------------------------------------------------


def accepted_vulnerabilities() -> dict[str, dict]:
    entries = yaml.safe_load(ALLOWLIST.read_text())["accepted"] or []
    today = datetime.datetime.now(datetime.UTC).date()  # review_by dates are UTC days
    for entry in entries:
        assert set(entry) == {"id", "package", "reason", "review_by"}, entry
        assert len(entry["reason"].strip()) >= 20, f"{entry['id']}: say why it is accepted"
        assert entry["review_by"] >= today, (
            f"{entry['id']}: accepted until {entry['review_by']}; look again"
        )
    return {entry["id"]: entry for entry in entries}


class Unreachable(Exception):
    """The vulnerability service did not answer: nothing was audited."""


def pip_audit(lock: Path, cache: Path, *service: str) -> dict:
    """pip-audit's JSON report for a hashed lock, without pip (no resolution, no install)."""
    result = subprocess.run(
        [
            str(PIP_AUDIT),
            "--requirement",
            str(lock),
            "--disable-pip",
            "--require-hashes",
            "--format",
            "json",
            "--progress-spinner",
            "off",
            "--timeout",
            "10",
            "--cache-dir",
            str(cache),
            *service,
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=900,
    )
    try:
        report = json.loads(result.stdout)
    except json.JSONDecodeError:
        tail = result.stderr.strip().splitlines()[-1:] or ["no output"]
        if re.search(r"Connection|connect|Timeout|timed out|resolution|Max retries", result.stderr):
            raise Unreachable(tail[0]) from None
        raise AssertionError(
            f"pip-audit failed (exit {result.returncode}): {result.stderr[-2000:]}"
        ) from None
    audited = [
        dependency for dependency in report["dependencies"] if "skip_reason" not in dependency
    ]
    if not audited:  # e.g. a proxy that answers 404 for every package
        reasons = {dependency["skip_reason"] for dependency in report["dependencies"]}
        raise Unreachable(f"no package could be audited ({min(reasons, default='empty report')} …)")
    return report


def findings(report: dict, accepted: dict[str, dict]) -> tuple[list[str], list[str]]:
    """(vulnerabilities not accepted, dependencies the service could not audit)."""
    unaccepted, unaudited = [], []
    for dependency in report["dependencies"]:
        if "skip_reason" in dependency:
            unaudited.append(dependency["skip_reason"])
            continue
        for vulnerability in dependency["vulns"]:
            ids = [vulnerability["id"], *vulnerability.get("aliases", [])]
            entry = next((accepted[i] for i in ids if i in accepted), None)
            if entry is None or canonicalize_name(entry["package"]) != canonicalize_name(
                dependency["name"]
            ):
                fixes = ", ".join(vulnerability["fix_versions"]) or "no fixed release"
                unaccepted.append(
                    f"{dependency['name']}=={dependency['version']}: {' / '.join(ids)} "
                    f"(fixed in {fixes})"
                )
    return unaccepted, unaudited


def test_no_known_vulnerability_in_the_locked_dependencies(tmp_path_factory):
    accepted = accepted_vulnerabilities()
    cache = tmp_path_factory.mktemp("pip-audit-cache")
    failures = []
    for service in (("--vulnerability-service", "pypi"), ("--vulnerability-service", "osv")):
        try:
            report = pip_audit(LOCKS["dev"], cache, *service)
            break
        except Unreachable as why:
            failures.append(f"{service[1]}: {why}")
    else:
        pytest.skip("vulnerability services unreachable, nothing audited: " + "; ".join(failures))
    unaccepted, unaudited = findings(report, accepted)
    assert not unaccepted, (
        "known vulnerabilities in requirements/dev.lock (upgrade and `make lock`, or accept one in "
        "requirements/vulnerability-allowlist.yaml with a reason):\n  " + "\n  ".join(unaccepted)
    )
    assert not unaudited, "not audited:\n  " + "\n  ".join(unaudited)


# The audit's own behaviour, against a stand-in OSV service on loopback (no network) ---------

FAKE_VULNERABILITY = {
    "id": "GHSA-test-0000-0001",
    "aliases": ["CVE-2099-0001"],
    "summary": "A stand-in advisory for the tests",
    "affected": [
        {
            "package": {"name": "flask", "ecosystem": "PyPI"},
            "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "99.0"}]}],
        }
    ],
}


@pytest.fixture
def stand_in_osv():
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            query = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            vulns = [FAKE_VULNERABILITY] if query["package"]["name"] == "flask" else []
            body = json.dumps({"vulns": vulns} if vulns else {}).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *_args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/v1/query"
    server.shutdown()
    server.server_close()


@pytest.fixture
def small_lock(tmp_path):
    """Two pins of runtime.lock, hashes and all."""
    text = LOCKS["runtime"].read_text()
    blocks = re.findall(r"^(?:flask|alembic)==.*?(?=^\S)", text, re.MULTILINE | re.DOTALL)
    assert len(blocks) == 2
    path = tmp_path / "small.lock"
    path.write_text("".join(blocks))
    return path


def test_a_known_vulnerability_fails_the_audit_unless_accepted(stand_in_osv, small_lock, tmp_path):
    report = pip_audit(
        small_lock, tmp_path / "cache", "--vulnerability-service", "osv", "--osv-url", stand_in_osv
    )
    unaccepted, unaudited = findings(report, accepted={})
    flask_version = locked(LOCKS["runtime"])["flask"][0]
    (finding,) = unaccepted
    assert finding.startswith(f"flask=={flask_version}: ") and finding.endswith(" (fixed in 99.0)")
    assert "GHSA-test-0000-0001" in finding and "CVE-2099-0001" in finding
    assert unaudited == []
    # Accepted by any of its ids, for its own package only.
    entry = {"package": "Flask", "reason": "stand-in", "review_by": datetime.date.max}
    assert findings(report, {"CVE-2099-0001": {**entry, "id": "CVE-2099-0001"}}) == ([], [])
    assert findings(report, {"CVE-2099-0001": {**entry, "package": "alembic"}})[0] == unaccepted


def test_an_unreachable_service_is_told_apart_from_a_clean_audit(small_lock, tmp_path):
    with pytest.raises(Unreachable):
        pip_audit(
            small_lock,
            tmp_path / "cache",
            "--vulnerability-service",
            "osv",
            "--osv-url",
            "http://127.0.0.1:9/v1/query",
        )


def test_the_allowlist_is_well_formed():
    accepted_vulnerabilities()


# Dependency updates (renovate.json) ---------------------------------------------------------


def test_the_renovate_config_is_valid_and_covers_every_manifest():
    config_path = ROOT / "renovate.json"
    check = subprocess.run(
        [
            str(Path(sys.executable).with_name("check-jsonschema")),
            "--builtin-schema",
            "vendor.renovate",
            str(config_path),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert check.returncode == 0, check.stdout + check.stderr
    config = json.loads(config_path.read_text())
    assert set(config["enabledManagers"]) == {"pip-compile", "npm", "dockerfile", "docker-compose"}
    # The pip-compile manager finds nothing by default: its patterns must match both locks.
    patterns = [
        re.compile(pattern.strip("/")) for pattern in config["pip-compile"]["managerFilePatterns"]
    ]
    for lock in LOCKS.values():
        assert any(pattern.search(str(lock.relative_to(ROOT))) for pattern in patterns), lock
    # Every npm project with a lock file has its rule, and every rule's directory exists.
    npm_projects = {
        path.parent.relative_to(ROOT).as_posix()
        for path in ROOT.glob("clients/*/package-lock.json")
    }
    ruled = {
        pattern.removesuffix("/**")
        for rule in config["packageRules"]
        for pattern in rule.get("matchFileNames", [])
    }
    assert npm_projects == ruled
    # Rules name packages that exist (a typo would silently match nothing).
    known = set(locked(LOCKS["dev"])) | {"python", "spinecare-api"}
    for project in npm_projects:
        manifest = json.loads((ROOT / project / "package.json").read_text())
        known |= set(manifest.get("dependencies", {})) | set(manifest.get("devDependencies", {}))
    named = {name for rule in config["packageRules"] for name in rule.get("matchPackageNames", [])}
    unknown = {canonicalize_name(name) for name in named} - {
        canonicalize_name(name) for name in known
    }
    assert not unknown, f"renovate.json names packages this repository does not use: {unknown}"
    for rule in config["packageRules"]:
        assert "description" in rule or "matchFileNames" in rule, f"say why: {rule}"
