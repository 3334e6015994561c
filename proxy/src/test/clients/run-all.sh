#!/usr/bin/env bash
# proxy/src/test/clients/run-all.sh [--no-install] [--keep-running] [CHECK...]
#
# Real non-Java MySQL clients, each running the same scenario directly against the sandbox MariaDB primary and
# through Shardline, comparing what the driver sees. CHECK names: pymysql mysqldb mysql2 mariadb-node go cli
# (default: all). Installs what is missing (apt-get, npm ci), starts the sandbox and a Shardline with a
# configuration written here, runs the checks, stops what it started, and exits non-zero if any check failed.
#
#   --no-install     do not apt-get / npm ci (fail instead when something is missing)
#   --keep-running   leave the sandbox and Shardline running afterwards (for re-running one check by hand)
#
# Ports: BASE_PORT (sandbox primary, default 29316) and PROXY_PORT (default 29307), all on 127.0.0.1.
# Both below Linux's ephemeral range (32768-60999): a sandbox port there can be taken at random by an outgoing
# connection's local port (seen once in CI: replica2 failed to bind 53318).
# Output: proxy/target/client-checks/ (proxy log, configuration, each check's log and JSON transcripts).
set -uo pipefail

HERE="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)"
ROOT="$(cd "$HERE/../../../.." && pwd)"
BASE_PORT="${BASE_PORT:-29316}"
PROXY_PORT="${PROXY_PORT:-29307}"
WORK="$ROOT/proxy/target/client-checks"
ALL_CHECKS=(pymysql mysqldb mysql2 mariadb-node go cli)
DRIVERS=(pymysql mysqldb mysql2 mariadb go cli)   # one pair of caching_sha2_password accounts each
INSTALL=1 KEEP=0 CHECKS=()
for arg in "$@"; do
    case "$arg" in
        --no-install) INSTALL=0 ;;
        --keep-running) KEEP=1 ;;
        -h|--help) sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        -*) echo "unknown option $arg" >&2; exit 2 ;;
        *) CHECKS+=("$arg") ;;
    esac
done
[[ ${#CHECKS[@]} -gt 0 ]] || CHECKS=("${ALL_CHECKS[@]}")

log() { echo "[client-checks] $*"; }
mkdir -p "$WORK"

# --- 1. Install what is missing -------------------------------------------------------------------------------
APT_PACKAGES=(python3-pymysql python3-mysqldb python3-cryptography mariadb-client golang-go
              golang-github-go-sql-driver-mysql-dev)
# Node may come from elsewhere than Debian (it is Node 20 here): ask apt for it only when there is none at all.
command -v node >/dev/null && command -v npm >/dev/null || APT_PACKAGES+=(nodejs npm)
missing=()
for package in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [[ ${#missing[@]} -gt 0 ]]; then
    [[ $INSTALL -eq 1 ]] || { log "missing Debian packages: ${missing[*]} (run without --no-install)"; exit 1; }
    log "installing ${missing[*]}"
    { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}"; } \
        > "$WORK/apt.log" 2>&1 || { log "apt-get failed, see $WORK/apt.log"; exit 1; }
fi
if [[ ! -d "$HERE/node/node_modules/mysql2" || ! -d "$HERE/node/node_modules/mariadb" \
      || "$HERE/node/package-lock.json" -nt "$HERE/node/node_modules/.package-lock.json" ]]; then
    [[ $INSTALL -eq 1 ]] || { log "node modules missing (run without --no-install)"; exit 1; }
    log "npm ci in node/"
    (cd "$HERE/node" && npm ci --no-audit --no-fund) > "$WORK/npm.log" 2>&1 \
        || { log "npm ci failed, see $WORK/npm.log"; exit 1; }
fi

# --- 2. Sandbox MariaDB and Shardline -------------------------------------------------------------------------
PROXY_PID="" STARTED_SANDBOX=0
cleanup() {
    if [[ $KEEP -eq 1 ]]; then
        log "left running: sandbox $BASE_PORT, Shardline pid ${PROXY_PID:-none} on $PROXY_PORT"
        return
    fi
    if [[ -n "$PROXY_PID" ]] && kill -0 "$PROXY_PID" 2>/dev/null; then
        kill "$PROXY_PID"
        for _ in $(seq 1 30); do kill -0 "$PROXY_PID" 2>/dev/null || break; sleep 0.5; done
        kill -0 "$PROXY_PID" 2>/dev/null && kill -9 "$PROXY_PID"
    fi
    if [[ $STARTED_SANDBOX -eq 1 ]]; then
        "$ROOT/bin/sandbox" down --base-port "$BASE_PORT" > "$WORK/sandbox-down.log" 2>&1
    fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
if port_open "$PROXY_PORT"; then
    log "port $PROXY_PORT is already in use; stop whatever listens there first"; exit 1
fi
if ! "$ROOT/bin/sandbox" status --base-port "$BASE_PORT" > /dev/null 2>&1; then
    log "starting sandbox on $BASE_PORT"
    STARTED_SANDBOX=1
    "$ROOT/bin/sandbox" up --base-port "$BASE_PORT" > "$WORK/sandbox-up.log" 2>&1 \
        || { log "sandbox failed to start, see $WORK/sandbox-up.log"; exit 1; }
fi
SQL=(mariadb -h127.0.0.1 -P"$BASE_PORT" -ushardline -pshardline --skip-ssl -N -B)
"${SQL[@]}" -e "CREATE DATABASE IF NOT EXISTS clients_check" || { log "cannot reach the sandbox primary"; exit 1; }
native_hash() { "${SQL[@]}" -e "SELECT PASSWORD('$1')"; }
SHARDLINE_HASH="$(native_hash shardline)" SHA2_HASH="$(native_hash sha2pass)"
PBKDF2_HASH="$(echo sha2pass | "$ROOT/bin/shardline" hash-password 2>/dev/null | grep -o 'pbkdf2-sha256:[^"]*')"

CONFIG="$WORK/shardline.yaml"
{
    cat <<EOF
# Written by proxy/src/test/clients/run-all.sh
server:
  listen: 127.0.0.1:$PROXY_PORT
  version: auto
  max-allowed-packet: 64MiB
  default-auth-plugin: mysql_native_password
  tls:
    mode: self-signed
    require: false
management:
  listen: off   # not under test here; the default 9307 could be taken by a demo proxy
users:
  - name: shardline
    password: "$SHARDLINE_HASH"
    default-schema: clients_check
  - name: sha2user
    password: "$SHA2_HASH"
    auth-plugin: caching_sha2_password
    default-schema: clients_check
EOF
    # Each driver gets fresh caching_sha2_password accounts so it goes through full authentication itself
    # (the proxy caches a successful login per account: later logins take the fast path).
    for driver in "${DRIVERS[@]}"; do
        for kind in tls rsa; do
            printf '  - name: sha2_%s_%s\n    password: "%s"\n    auth-plugin: caching_sha2_password\n    default-schema: clients_check\n' \
                "$kind" "$driver" "$SHA2_HASH"
        done
    done
    [[ -n "$PBKDF2_HASH" ]] && printf '  - name: sha2_pbkdf2\n    password: "%s"\n    auth-plugin: caching_sha2_password\n    default-schema: clients_check\n' "$PBKDF2_HASH"
    cat <<EOF
datasources:
  main:
    primary: 127.0.0.1:$BASE_PORT
    replicas:
      - address: 127.0.0.1:$((BASE_PORT + 1))
        weight: 1
      - address: 127.0.0.1:$((BASE_PORT + 2))
        weight: 1
    user: shardline
    password: shardline
default-datasource: main
EOF
} > "$CONFIG"

log "starting Shardline on $PROXY_PORT (log: $WORK/proxy.log)"
"$ROOT/bin/shardline" --config "$CONFIG" > "$WORK/proxy.log" 2>&1 &
PROXY_PID=$!
for _ in $(seq 1 120); do
    port_open "$PROXY_PORT" && break
    kill -0 "$PROXY_PID" 2>/dev/null || { log "Shardline exited:"; cat "$WORK/proxy.log"; exit 1; }
    sleep 0.5
done
port_open "$PROXY_PORT" || { log "Shardline did not open $PROXY_PORT"; exit 1; }

# --- 3. The checks --------------------------------------------------------------------------------------------
export CHECK_HOST=127.0.0.1 CHECK_SCHEMA=clients_check DIRECT_PORT="$BASE_PORT" PROXY_PORT \
       DIRECT_USER=shardline DIRECT_PASSWORD=shardline PROXY_USER=shardline PROXY_PASSWORD=shardline \
       SHA2_PASSWORD=sha2pass
command_for() {
    case "$1" in
        pymysql) echo "/usr/bin/python3 $HERE/python/check_pymysql.py" ;;
        mysqldb) echo "/usr/bin/python3 $HERE/python/check_mysqldb.py" ;;
        mysql2) echo "node $HERE/node/check_mysql2.js" ;;
        mariadb-node) echo "node $HERE/node/check_mariadb.js" ;;
        go) echo "bash $HERE/go/run.sh" ;;
        cli) echo "bash $HERE/cli/check_mariadb_cli.sh" ;;
        *) return 1 ;;
    esac
}
passed=() failed=()
for check in "${CHECKS[@]}"; do
    cmd="$(command_for "$check")" || { log "unknown check '$check' (known: ${ALL_CHECKS[*]})"; failed+=("$check"); continue; }
    export CHECK_OUT_DIR="$WORK/$check"
    mkdir -p "$CHECK_OUT_DIR"
    log "=== $check: $cmd"
    marker="$(wc -l < "$WORK/proxy.log")"
    # shellcheck disable=SC2086  # $cmd is a command line on purpose
    if (cd "$HERE" && timeout 600 $cmd) 2>&1 | tee "$WORK/$check.log"; [[ ${PIPESTATUS[0]} -eq 0 ]]; then
        passed+=("$check")
    else
        failed+=("$check")
        log "$check FAILED; its log: $WORK/$check.log; Shardline log lines during it:"
        tail -n +"$((marker + 1))" "$WORK/proxy.log" | grep -v ' INFO ' | head -40 | sed 's/^/    proxy| /'
    fi
done

echo
log "passed: ${passed[*]:-none}"
log "failed: ${failed[*]:-none}"
echo "client-checks: ${#passed[@]} passed, ${#failed[@]} failed"
[[ ${#failed[@]} -eq 0 ]]
