"""The Kubernetes manifests (deploy/k8s): schema-valid, and wired to what the app really does.

The base is plain resources, rendered here by reading its kustomization (no kustomize, no
network); `kubectl kustomize`, when installed, must render the same documents, and the example
overlay is validated through it too.
"""

import json
import math
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import kubernetes_validate
import pytest
import yaml

from service.openapi_export import offline_app

ROOT = Path(__file__).resolve().parents[2]
BASE = ROOT / "deploy/k8s/base"
OVERLAY = ROOT / "deploy/k8s/overlays/example"
# The oldest Kubernetes these manifests promise to run on, and the newest the validator knows.
KUBERNETES_VERSIONS = ("1.32.0", kubernetes_validate.latest_version())


def render_base() -> list[dict]:
    kustomization = yaml.safe_load((BASE / "kustomization.yaml").read_text())
    # Anything beyond a list of files would need kustomize itself to render.
    assert set(kustomization) == {"apiVersion", "kind", "resources"}, set(kustomization)
    documents = []
    for resource in kustomization["resources"]:
        documents += [doc for doc in yaml.safe_load_all((BASE / resource).read_text()) if doc]
    return documents


def kubectl_kustomize(directory: Path) -> list[dict]:
    kubectl = shutil.which("kubectl")
    if kubectl is None:
        pytest.skip("kubectl is not installed (the base is still rendered and checked without it)")
    result = subprocess.run(
        [kubectl, "kustomize", str(directory)],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return [doc for doc in yaml.safe_load_all(result.stdout) if doc]


DOCUMENTS = render_base()


def one(kind: str, documents=DOCUMENTS) -> dict:
    (document,) = [doc for doc in documents if doc["kind"] == kind]
    return document


DEPLOYMENT = one("Deployment")
JOB = one("Job")
POD = DEPLOYMENT["spec"]["template"]
(API,) = POD["spec"]["containers"]
(MIGRATE,) = JOB["spec"]["template"]["spec"]["containers"]


def selects(selector: dict, labels: dict) -> bool:
    return all(labels.get(key) == value for key, value in selector.items())


def container_port(name: str) -> int:
    (port,) = [port["containerPort"] for port in API["ports"] if port["name"] == name]
    return port


def dockerfile_runtime_env() -> dict[str, str]:
    """The ENV of the Dockerfile's last stage (what the container starts with)."""
    text = (ROOT / "Dockerfile").read_text().replace("\\\n", " ")
    last_stage = text.rsplit("\nFROM ", 1)[1]
    values = {}
    for line in last_stage.splitlines():
        if line.startswith("ENV "):
            values.update(pair.split("=", 1) for pair in line[4:].split())
    return values


def test_the_base_has_every_piece():
    kinds = sorted(doc["kind"] for doc in DOCUMENTS)
    assert kinds == sorted(
        [
            "ConfigMap",
            "Deployment",
            "HorizontalPodAutoscaler",
            "Job",
            "NetworkPolicy",
            "PodDisruptionBudget",
            "Service",
            "ServiceAccount",
        ]
    )
    assert one("HorizontalPodAutoscaler")["apiVersion"] == "autoscaling/v2"


@pytest.mark.parametrize("version", KUBERNETES_VERSIONS)
def test_every_document_is_valid_for_kubernetes(version):
    for document in DOCUMENTS:
        try:
            kubernetes_validate.validate(document, version, strict=True)
        except kubernetes_validate.ValidationError as error:
            pytest.fail(
                f"{document['kind']}/{document['metadata']['name']} on {version}: "
                f"{error.message} at {list(error.path)}"
            )


def test_kubectl_kustomize_renders_the_same_base():
    def key(doc):
        return json.dumps(doc, sort_keys=True)

    assert sorted(map(key, kubectl_kustomize(BASE))) == sorted(map(key, DOCUMENTS))


def test_the_example_overlay_renders_and_is_valid():
    documents = kubectl_kustomize(OVERLAY)
    assert {doc["metadata"].get("namespace") for doc in documents} == {"spinecare"}
    for document in documents:
        kubernetes_validate.validate(document, KUBERNETES_VERSIONS[0], strict=True)
    (api,) = one("Deployment", documents)["spec"]["template"]["spec"]["containers"]
    (migrate,) = one("Job", documents)["spec"]["template"]["spec"]["containers"]
    assert api["image"] == migrate["image"] != API["image"]
    config = one("ConfigMap", documents)["data"]
    assert (
        config["LOG_JSON"] == "true" and config["TRACING_ENABLED"] == "true"
    )  # merged, not replaced


def test_probes_point_at_what_the_app_serves():
    app = offline_app()
    rules = {rule.rule: rule.endpoint for rule in app.url_map.iter_rules()}
    probes = {
        kind: API[kind]["httpGet"] for kind in ("startupProbe", "livenessProbe", "readinessProbe")
    }
    for probe in probes.values():
        assert probe["path"] in rules, probe
        assert container_port(probe["port"]) == container_port("http")
    # Liveness never touches the database (the gunicorn worker answers it on its main thread);
    # readiness is the database-and-migrations check.
    assert (
        rules[probes["livenessProbe"]["path"]]
        == rules[probes["startupProbe"]["path"]]
        == "health.Liveness"
    )
    assert rules[probes["readinessProbe"]["path"]] == "health.Readiness"
    from service.gunicorn_worker import LIVENESS_PATH

    assert probes["livenessProbe"]["path"] == LIVENESS_PATH.decode()
    with app.test_client() as client:
        response = client.get(probes["livenessProbe"]["path"])
    assert response.status_code == 200 and response.get_json() == {"status": "ok"}
    # Workers load the ZIP table before they accept: the start-up probe allows well over that.
    startup = API["startupProbe"]
    assert startup["periodSeconds"] * startup["failureThreshold"] >= 30


def environment_names(container: dict) -> set[str]:
    names = {variable["name"] for variable in container.get("env", [])}
    for source in container.get("envFrom", []):
        assert source["configMapRef"]["name"] == one("ConfigMap")["metadata"]["name"]
        names |= set(one("ConfigMap")["data"])
    return names


def test_every_variable_is_one_the_service_reads_and_the_readme_documents():
    read_by_service = (ROOT / "service/settings.py").read_text() + (
        ROOT / "gunicorn.conf.py"
    ).read_text()
    readme = (ROOT / "README.md").read_text()
    for container in (API, MIGRATE):
        for name in environment_names(container):
            assert re.search(rf"[\"']{name}[\"']", read_by_service), (
                f"{name} is read by neither settings.py nor gunicorn.conf.py"
            )
            assert f"| `{name}` |" in readme, f"{name} is not in the README's configuration table"


def test_secrets_come_from_one_secret_and_the_database_url_is_required():
    references = {}
    for container in (API, MIGRATE):
        for variable in container.get("env", []):
            secret = variable.get("valueFrom", {}).get("secretKeyRef")
            if secret:
                references[variable["name"]] = secret
                assert secret["key"] == variable["name"]
    assert {secret["name"] for secret in references.values()} == {"spinecare-api"}
    assert not references["DATABASE_URL"].get("optional", False)
    assert not references["REDIS_URL"].get("optional", False)  # more than one pod: shared limits
    assert "DATABASE_URL" in {variable["name"] for variable in MIGRATE["env"]}
    assert not set(one("ConfigMap")["data"]) & set(references)  # no secret in the ConfigMap


def gunicorn_settings(environment: dict[str, str]) -> dict:
    """gunicorn.conf.py evaluated as gunicorn would, with the container's environment."""
    program = (
        "import json, runpy; ns = runpy.run_path('gunicorn.conf.py'); "
        "print(json.dumps({key: ns[key] for key in ('bind', 'workers', 'metrics_port')}))"
    )
    scratch = {
        "PROMETHEUS_MULTIPROC_DIR": "/nonexistent",
        "RATE_LIMIT_COUNTERS_FILE": "/nonexistent",
    }
    result = subprocess.run(
        [sys.executable, "-c", program],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        env={"PATH": os.environ.get("PATH", ""), **environment, **scratch},
    )
    return json.loads(result.stdout)


def test_gunicorn_binds_the_container_port_with_one_worker_per_cpu_of_the_limit():
    image = dockerfile_runtime_env()
    (web_concurrency,) = [
        variable for variable in API["env"] if variable["name"] == "WEB_CONCURRENCY"
    ]
    field = web_concurrency["valueFrom"]["resourceFieldRef"]
    assert field["resource"] == "limits.cpu" and field["containerName"] == API["name"]
    cpu_limit = API["resources"]["limits"]["cpu"]
    cpus = float(cpu_limit[:-1]) / 1000 if cpu_limit.endswith("m") else float(cpu_limit)
    # The downward API rounds a resource up to the divisor (1 CPU).
    expected_workers = math.ceil(cpus / float(field.get("divisor", "1")))
    plain = {variable["name"]: variable["value"] for variable in API["env"] if "value" in variable}
    settings = gunicorn_settings({**image, **plain, "WEB_CONCURRENCY": str(expected_workers)})
    host, port = settings["bind"].rsplit(":", 1)
    assert host == "0.0.0.0"  # noqa: S104 - the container listens on every interface
    assert int(port) == container_port("http") == int(image["PORT"])
    assert re.search(rf"^EXPOSE .*\b{port}\b", (ROOT / "Dockerfile").read_text(), re.MULTILINE)
    assert settings["workers"] == expected_workers >= 2  # one can restart while another serves
    assert settings["metrics_port"] == container_port("metrics")
    service = one("Service")
    assert {port["targetPort"] for port in service["spec"]["ports"]} == {"http", "metrics"}


def test_the_autoscaler_budget_service_and_policy_select_the_deployment():
    labels = POD["metadata"]["labels"]
    selector = DEPLOYMENT["spec"]["selector"]["matchLabels"]
    assert selects(selector, labels)
    job_labels = JOB["spec"]["template"]["metadata"]["labels"]

    pdb = one("PodDisruptionBudget")["spec"]
    assert pdb["selector"]["matchLabels"] == selector
    assert not selects(pdb["selector"]["matchLabels"], job_labels)  # the Job is not guarded
    assert selects(one("Service")["spec"]["selector"], labels)
    assert not selects(one("Service")["spec"]["selector"], job_labels)
    policy_selector = one("NetworkPolicy")["spec"]["podSelector"]["matchLabels"]
    assert selects(policy_selector, labels) and selects(policy_selector, job_labels)

    hpa = one("HorizontalPodAutoscaler")["spec"]
    assert hpa["scaleTargetRef"] == {
        "apiVersion": DEPLOYMENT["apiVersion"],
        "kind": "Deployment",
        "name": DEPLOYMENT["metadata"]["name"],
    }
    assert "replicas" not in DEPLOYMENT["spec"]  # the HPA owns the count; apply must not reset it
    # A drain can always evict one pod and still keep the budget.
    assert hpa["minReplicas"] > pdb["minAvailable"]
    # Utilisation is measured against the request: there must be one.
    assert API["resources"]["requests"]["cpu"]


def test_the_network_policy_admits_the_app_port_and_lets_out_only_its_dependencies():
    spec = one("NetworkPolicy")["spec"]
    assert set(spec["policyTypes"]) == {"Ingress", "Egress"}
    ingress_ports = {port["port"] for rule in spec["ingress"] for port in rule["ports"]}
    assert ingress_ports == {"http", "metrics"}
    egress = {(port["port"], port["protocol"]) for rule in spec["egress"] for port in rule["ports"]}
    assert egress == {(5432, "TCP"), (6379, "TCP"), (53, "UDP"), (53, "TCP"), (4318, "TCP")}


def test_pods_run_as_the_images_user_on_a_read_only_root():
    user = re.search(r"^USER (\d+):(\d+)$", (ROOT / "Dockerfile").read_text(), re.MULTILINE)
    for pod, container in ((POD["spec"], API), (JOB["spec"]["template"]["spec"], MIGRATE)):
        context = pod["securityContext"]
        assert context["runAsNonRoot"] is True
        assert (context["runAsUser"], context["runAsGroup"]) == (int(user[1]), int(user[2]))
        assert context["seccompProfile"] == {"type": "RuntimeDefault"}
        assert pod["automountServiceAccountToken"] is False
        assert container["securityContext"] == {
            "allowPrivilegeEscalation": False,
            "readOnlyRootFilesystem": True,
            "capabilities": {"drop": ["ALL"]},
        }
        assert container["resources"]["limits"] and container["resources"]["requests"]
        mounts = {mount["mountPath"] for mount in container.get("volumeMounts", [])}
        assert "/tmp" in mounts
    # gunicorn.conf.py keeps heartbeats, metric samples and the rate-limit counters in /dev/shm.
    assert "/dev/shm" in (ROOT / "gunicorn.conf.py").read_text()
    volumes = {volume["name"]: volume for volume in POD["spec"]["volumes"]}
    (shm,) = [mount for mount in API["volumeMounts"] if mount["mountPath"] == "/dev/shm"]
    assert volumes[shm["name"]]["emptyDir"]["medium"] == "Memory"
    # Graceful shutdown fits in the grace period.
    graceful = int(
        re.search(r'GUNICORN_GRACEFUL_TIMEOUT", "(\d+)"', (ROOT / "gunicorn.conf.py").read_text())[
            1
        ]
    )
    pause = API["lifecycle"]["preStop"]["sleep"]["seconds"]
    assert POD["spec"]["terminationGracePeriodSeconds"] > graceful + pause


def test_the_migration_job_runs_alembic_with_the_apps_image():
    assert MIGRATE["image"] == API["image"]
    command = " ".join(MIGRATE["command"])
    assert "alembic upgrade head" in command
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())["services"]["migrate"]
    assert command.endswith(" ".join(compose["command"]).removeprefix("sh -c "))  # the same steps
    spec = JOB["spec"]
    assert spec["template"]["spec"]["restartPolicy"] == "Never"
    assert spec["backoffLimit"] >= 1 and spec["activeDeadlineSeconds"] > 0
