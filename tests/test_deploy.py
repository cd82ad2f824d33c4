"""The deployment files (deploy/, Dockerfile) agree with the app and with each other:
what the container runs and checks, what Kubernetes probes and routes, and that a browser
stays on one replica. (deploy/local_cluster.sh runs for real in tests/browser/test_cluster.py.)"""

import fnmatch
import re
import tomllib

import yaml
from apptest_helpers import ROOT

DOCKERFILE = (ROOT / "Dockerfile").read_text(encoding="utf-8")
IGNORED = [
    line.strip()
    for line in (ROOT / ".dockerignore").read_text(encoding="utf-8").splitlines()
    if line.strip() and not line.startswith("#")
]
KUBE = {
    doc["kind"]: doc
    for path in sorted((ROOT / "deploy" / "kubernetes").glob("*.yaml"))
    for doc in yaml.safe_load_all(path.read_text(encoding="utf-8"))
}
CONFIG = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _instructions(name):
    """The arguments of each Dockerfile instruction ``name`` (continued lines joined)."""
    text = DOCKERFILE.replace("\\\n", " ")
    return [line.split(None, 1)[1] for line in text.splitlines() if line.split(None, 1)[:1] == [name]]


def _container():
    (container,) = KUBE["Deployment"]["spec"]["template"]["spec"]["containers"]
    return container


def test_the_image_is_slim_python_and_installs_as_the_readme_does():
    assert _instructions("FROM") == ["python:3.11-slim"]
    install = re.search(r"pip install -r requirements\.txt", README)
    assert install, "the README's first command installs requirements.txt"
    assert any("pip install -r requirements.txt" in run for run in _instructions("RUN"))


def test_the_image_runs_the_app_as_a_user_without_privileges_and_checks_its_health():
    (user,) = _instructions("USER")
    assert user not in ("root", "0")
    (command,) = _instructions("CMD")
    args = yaml.safe_load(command)  # the exec form: a JSON list
    assert args[:3] == [".venv/bin/streamlit", "run", "app.py"]
    port = args[args.index("--server.port") + 1]
    assert _instructions("EXPOSE") == [port]
    (health,) = _instructions("HEALTHCHECK")
    assert f"127.0.0.1:{port}/_stcore/health" in health
    # the pod runs as the image's user
    security = KUBE["Deployment"]["spec"]["template"]["spec"]["securityContext"]
    assert security["runAsNonRoot"] is True
    assert str(security["runAsUser"]) == user
    assert _container()["ports"][0]["containerPort"] == int(port)


def test_the_image_leaves_out_only_what_the_app_does_not_serve():
    needed = ["app.py", "requirements.txt", ".streamlit/config.toml", "static/plotly-basic.min.js"]
    needed += [
        str(p.relative_to(ROOT))
        for d in ("ui", "viz", "losses", "livechart", "pages", "yourdata", "assets")
        for p in (ROOT / d).rglob("*")
        if p.is_file() and "__pycache__" not in p.parts
    ]
    for path in needed:
        assert not any(
            fnmatch.fnmatch(path, pattern) or path.startswith(pattern.rstrip("/") + "/")
            for pattern in IGNORED
        ), path
    assert {".git", ".venv", "tests"} <= set(IGNORED)


def test_kubernetes_probes_the_health_route_and_routes_to_the_container():
    container = _container()
    for probe in ("readinessProbe", "livenessProbe"):
        assert container[probe]["httpGet"] == {"path": "/_stcore/health", "port": "http"}
    assert container["ports"][0]["name"] == "http"
    assert KUBE["Deployment"]["spec"]["replicas"] >= 2
    labels = KUBE["Deployment"]["spec"]["template"]["metadata"]["labels"]
    assert KUBE["Service"]["spec"]["selector"].items() <= labels.items()
    assert KUBE["Service"]["spec"]["ports"][0]["targetPort"] == "http"
    backend = KUBE["Ingress"]["spec"]["rules"][0]["http"]["paths"][0]["backend"]["service"]
    assert backend == {"name": KUBE["Service"]["metadata"]["name"], "port": {"name": "http"}}


def test_every_replica_shares_the_cookie_secret():
    (env,) = [e for e in _container()["env"] if e["name"] == "STREAMLIT_SERVER_COOKIE_SECRET"]
    assert "secretKeyRef" in env["valueFrom"]  # from a Secret, never written in the manifest
    assert "STREAMLIT_SERVER_COOKIE_SECRET" in (ROOT / "deploy" / "local_cluster.sh").read_text()


def test_the_ingress_keeps_a_browser_and_its_websocket_on_one_replica():
    notes = KUBE["Ingress"]["metadata"]["annotations"]
    prefix = "nginx.ingress.kubernetes.io/"
    assert notes[prefix + "affinity"] == "cookie"
    assert notes[prefix + "affinity-mode"] == "persistent"
    assert int(notes[prefix + "proxy-read-timeout"]) >= 3600
    assert int(notes[prefix + "proxy-send-timeout"]) >= 3600
    body = notes[prefix + "proxy-body-size"]
    assert body.endswith("m")
    assert int(body[:-1]) > CONFIG["server"]["maxUploadSize"]


def test_the_readme_says_how_to_deploy():
    for words in ("deploy/local_cluster.sh", "docker build", "kubectl apply -k deploy/kubernetes", "cookie"):
        assert words in README, words
