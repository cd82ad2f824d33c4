"""Class throughput through deploy/local_cluster.sh's proxy, with 1 and with 2 replicas.

    .venv/bin/python benchmarks/cluster.py [--replicas 1 2] [--students 25 50 80] [--seconds 30]

For each replica count it starts the local cluster (app processes behind HAProxy, cookie
sticky), records what Chromium sends through the proxy (benchmarks/classroom.py's
recording), and runs N simulated students through the proxy (classroom.py's websocket
client: each interacts 1–2 s after its last result, the class mix of slider rests,
toggles, selects, tabs and page changes) for ``--seconds``. Per scenario: interactions
finished per second (throughput), p50 / p95 send → script_finished, failures, how the
students spread over the replicas, and each replica's CPU share of a core. Then the ratio
of the throughputs, 2 replicas / 1, at each N. On a 2-core machine the load generator and
the proxy share the cores with the replicas: its own CPU share is printed beside them.
"""

import argparse
import asyncio
import sys
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from benchmarks.classroom import GRACE_S, Student, arrive_over_a_few_seconds, percentile, record
from benchmarks.server_cpu import cpu_seconds
from devtools.cluster import REPLICA_COOKIE, local_cluster


async def scenario(recording, url, n, seconds, seed):
    students = [Student(i, recording, url, seed) for i in range(n)]
    ready = await arrive_over_a_few_seconds(students)
    own = time.process_time()
    began = time.monotonic()
    end = began + seconds
    await asyncio.gather(*(s.work(end, end + GRACE_S) for s in ready))
    wall = time.monotonic() - began
    own = (time.process_time() - own) / wall
    await asyncio.gather(*(s.close() for s in students))
    results = [r for s in students for r in s.results]
    done = [r.seconds for r in results if r.seconds is not None]
    spread = Counter(s.cookies.get(REPLICA_COOKIE, "?") for s in ready)
    return {
        "per_s": len(done) / wall,
        "p50": percentile(done, 0.5),
        "p95": percentile(done, 0.95),
        "failed": len(results) - len(done) + n - len(ready),
        "spread": dict(sorted(spread.items())),
        "own": own,
    }


def run(replicas, students, seconds, seed):
    rows = []
    with local_cluster(replicas) as cluster:
        recording = record(cluster.url)
        pids = {name: int((cluster.run_dir / f"{name}.pid").read_text()) for name in cluster.replica_urls}
        for n in students:
            before = {name: cpu_seconds(pid) for name, pid in pids.items()}
            started = time.monotonic()
            row = asyncio.run(scenario(recording, cluster.url, n, seconds, seed))
            wall = time.monotonic() - started
            row["cpu"] = {name: (cpu_seconds(pid) - before[name]) / wall for name, pid in pids.items()}
            rows.append((n, row))
            print(f"  {replicas} replica(s), {n} students: {row['per_s']:.1f}/s", flush=True)
            time.sleep(3)
    return rows


def _ms(seconds):
    return "—" if seconds is None else f"{1000 * seconds:.0f}"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--replicas", type=int, nargs="*", default=[1, 2])
    parser.add_argument("--students", type=int, nargs="*", default=[25, 50, 80])
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    results = {}
    with ThreadPoolExecutor(1) as thread:  # Playwright's sync API (the recording) wants no loop here
        for r in args.replicas:
            results[r] = thread.submit(run, r, args.students, args.seconds, args.seed).result()
    print(f"\n{args.seconds:.0f} s per scenario through the proxy; send → script_finished")
    print(
        "| replicas | students | finished/s | p50 ms | p95 ms | failed | students per replica | CPU per replica (share of a core) | load generator |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    for r, rows in results.items():
        for n, row in rows:
            spread = ", ".join(f"{v}" for v in row["spread"].values())
            cpu = ", ".join(f"{v:.0%}" for v in row["cpu"].values())
            print(
                f"| {r} | {n} | {row['per_s']:.1f} | {_ms(row['p50'])} | {_ms(row['p95'])} | {row['failed']} "
                f"| {spread} | {cpu} | {row['own']:.0%} |"
            )
    if 1 in results and 2 in results:
        one, two = dict(results[1]), dict(results[2])
        ratios = ", ".join(f"{n} students {two[n]['per_s'] / one[n]['per_s']:.2f}" for n in one if n in two)
        print(f"throughput ratio, 2 replicas / 1: {ratios}")


if __name__ == "__main__":
    main()
