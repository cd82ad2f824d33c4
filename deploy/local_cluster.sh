#!/usr/bin/env bash
# A local proof of the deployment, with no container runtime: REPLICAS app processes
# (default 3) on loopback behind Debian's HAProxy, which keeps each browser on one
# replica by a cookie (a Streamlit session lives in one process, and its websocket must
# return to it) and sends it to another when its replica stops.
#
#   bash deploy/local_cluster.sh            # then open http://127.0.0.1:8500
#
# Settings (environment): REPLICAS=3, PROXY_PORT=8500, FIRST_REPLICA_PORT=8511 (replica i
# listens on FIRST_REPLICA_PORT + i), RUN_DIR (pid files replica-<i>.pid and the proxy's
# configuration; default: a new temporary directory), PYTHON (default .venv/bin/python).
# Ctrl-C stops everything.
# Needs the app installed (.venv, the README's first command); installs haproxy with
# apt-get when it is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

REPLICAS=${REPLICAS:-3}
PROXY_PORT=${PROXY_PORT:-8500}
FIRST_REPLICA_PORT=${FIRST_REPLICA_PORT:-8511}
RUN_DIR=${RUN_DIR:-$(mktemp -d -t losslab-cluster.XXXXXX)}
PYTHON=${PYTHON:-.venv/bin/python}
mkdir -p "$RUN_DIR"

if ! command -v haproxy >/dev/null 2>&1; then
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq haproxy >/dev/null
fi

# One secret for every replica: a cookie one replica signed (XSRF) holds on another after
# a failover.
export STREAMLIT_SERVER_COOKIE_SECRET=${STREAMLIT_SERVER_COOKIE_SECRET:-$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')}

pids=()
stop() {
    trap - EXIT INT TERM
    kill "${pids[@]}" 2>/dev/null || true
    wait 2>/dev/null || true
}
trap stop EXIT INT TERM

servers=""
for i in $(seq 1 "$REPLICAS"); do
    port=$((FIRST_REPLICA_PORT + i))
    "$PYTHON" -m streamlit run app.py --server.port "$port" --server.address 127.0.0.1 \
        --server.headless true >"$RUN_DIR/replica-$i.log" 2>&1 &
    pids+=($!)
    echo $! >"$RUN_DIR/replica-$i.pid"
    servers+="    server replica-$i 127.0.0.1:$port cookie replica-$i"$'\n'
done

cat >"$RUN_DIR/haproxy.cfg" <<CFG
global
    maxconn 4096

defaults
    mode http
    option http-server-close
    timeout connect 5s
    timeout client 1h
    timeout server 1h
    timeout tunnel 1h    # a websocket lives as long as its browser tab
    retries 3
    option redispatch    # a request for a replica that is down goes to another

backend replicas
    balance leastconn
    # the replica's name in a cookie: every later request of this browser, its websocket
    # included, goes to the same replica
    cookie losslab_replica insert indirect nocache httponly
    option httpchk GET /_stcore/health
    http-check expect status 200
    default-server check inter 1s fall 2 rise 2
$servers
frontend losslab
    bind 127.0.0.1:$PROXY_PORT
    default_backend replicas
CFG

haproxy -c -q -f "$RUN_DIR/haproxy.cfg"
haproxy -db -f "$RUN_DIR/haproxy.cfg" >"$RUN_DIR/haproxy.log" 2>&1 &
pids+=($!)
echo $! >"$RUN_DIR/proxy.pid"
echo "Loss Lab on http://127.0.0.1:$PROXY_PORT ($REPLICAS replicas, ports $((FIRST_REPLICA_PORT + 1))–$((FIRST_REPLICA_PORT + REPLICAS)); run files in $RUN_DIR)"
wait -n "${pids[@]}" || true   # a process that ends (a replica stopped by hand) ends nothing else
wait
