"""The local cluster of deploy/local_cluster.sh, started for a test or a benchmark: app
replicas on loopback behind HAProxy with cookie-sticky routing."""

import contextlib
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from devtools.browser import ROOT, _healthy, free_port

SCRIPT = ROOT / "deploy" / "local_cluster.sh"
REPLICA_COOKIE = "losslab_replica"  # set by the proxy: the replica a browser stays on


@dataclass(frozen=True)
class Cluster:
    url: str  # the proxy's
    run_dir: Path
    replica_urls: dict  # replica name (the cookie's value) -> its own URL

    def stop(self, replica, sig=signal.SIGKILL):
        """Stop ``replica`` (by its name) as a crash would (SIGKILL), or gently."""
        pid = int((self.run_dir / f"{replica}.pid").read_text())
        os.kill(pid, sig)

    def metric(self, replica, name):
        """A number of the replica's own /_stcore/metrics (``session_events_total{type="connect"}``)."""
        with urllib.request.urlopen(f"{self.replica_urls[replica]}/_stcore/metrics", timeout=5) as response:
            for line in response.read().decode().splitlines():
                if line.startswith(name + " "):
                    return float(line.rsplit(" ", 1)[1])
        raise KeyError(name)


def _consecutive_free_ports(count):
    """A port p such that p + 1 … p + count are free now."""
    for _ in range(50):
        base = free_port()
        ports = range(base + 1, base + count + 1)
        if all(_free(p) for p in ports):
            return base
    raise RuntimeError("no free ports")


def _free(port):
    with socket.socket() as s:
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


@contextlib.contextmanager
def local_cluster(replicas=3, timeout=90):
    """Start deploy/local_cluster.sh with ``replicas`` replicas on free ports; yield a
    ``Cluster`` once the proxy and every replica answer their health check."""
    proxy_port, first = free_port(), _consecutive_free_ports(replicas)
    with tempfile.TemporaryDirectory() as run_dir, tempfile.TemporaryFile() as log:
        env = {
            **os.environ,
            "REPLICAS": str(replicas),
            "PROXY_PORT": str(proxy_port),
            "FIRST_REPLICA_PORT": str(first),
            "RUN_DIR": run_dir,
            "PYTHON": sys.executable,
        }
        process = subprocess.Popen(
            ["bash", str(SCRIPT)],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        cluster = Cluster(
            url=f"http://127.0.0.1:{proxy_port}",
            run_dir=Path(run_dir),
            replica_urls={f"replica-{i}": f"http://127.0.0.1:{first + i}" for i in range(1, replicas + 1)},
        )
        try:
            deadline = time.monotonic() + timeout
            while not all(_healthy(u) for u in [cluster.url, *cluster.replica_urls.values()]):
                if process.poll() is not None or time.monotonic() > deadline:
                    log.seek(0)
                    raise RuntimeError(f"the cluster did not start:\n{log.read().decode(errors='replace')}")
                time.sleep(0.3)
            time.sleep(2.5)  # the proxy's health checks (every 1 s, 2 to rise) see every replica up
            yield cluster
        finally:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(15)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()  # reaped, or Popen warns "still running" when collected
