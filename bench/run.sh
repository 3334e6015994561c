#!/usr/bin/env bash
# bench/run.sh: the benchmark Shardline publishes. sysbench OLTP workloads against the MariaDB sandbox primary
# directly, through HAProxy (mode tcp: the floor of what any proxy costs) and through Shardline, plus the
# proxy's memory per idle client connection. Results go to bench/results/<timestamp>.{csv,md}. The target
# shardline-rw adds Shardline splitting reads over the sandbox's two replicas, with each server's share of the
# queries (bench/run.sh --replicas). The target shardline-sharded is Shardline with the sysbench tables sharded by
# id over the sandbox's two shard servers, compared with the others (bench/run.sh --sharded). With --cache the
# target shardline answers repeated reads from its result cache, and the report gives its hit ratio.
#
#   bench/run.sh [--quick] [--duration S] [--threads N] [--repeat R] [--workloads a,b] [--ps-modes auto,disable]
#
# `bench/run.sh --help` lists every option; bench/README.md explains the method.
set -euo pipefail

BENCH_DIR="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)"
# shellcheck source-path=SCRIPTDIR source=../bin/lib/common.sh
source "$BENCH_DIR/../bin/lib/common.sh" # SHARDLINE_ROOT, ensure_built
ROOT="$SHARDLINE_ROOT"

# ---------------------------------------------------------------------------------------------- defaults --
# Below Linux's ephemeral range (32768-60999): a port in it may be lent out as the local end of an outgoing
# connection at any time (HAProxy's old default 43308 was, once).
BASE_PORT=27316
PROXY_PORT=27307
HAPROXY_PORT=27308
RW_PORT=27309
SHARDED_PORT=27310
DURATION=30
WARMUP=10
THREADS=16
REPEAT=3
WORKLOADS="oltp_point_select,oltp_read_only,oltp_read_write"
PS_MODES="auto,disable"
TARGETS="direct,haproxy,shardline"
TABLES=4
TABLE_SIZE=100000
IDLE_CONNS=2000
BUFFER_POOL="512M"
POOL_MAX=256
JVM_OPTS="-Xms512m -Xmx512m -XX:+UseG1GC -XX:+AlwaysPreTouch"
KEEP_SANDBOX=0
PAUSE_REPLICAS=1
SKIP_TRX=0
CACHE=0
# --cache: the shardline target's result cache. max-size must fit in the heap (JVM_OPTS) beside everything else.
CACHE_MAX_SIZE="192MiB"
# Longer than the other targets' runs between two shardline runs, so entries survive the rotation.
CACHE_TTL="300s"
RESULTS_DIR="$BENCH_DIR/results"
SB_USER=sbtest
SB_PASSWORD=sbtest
SB_DB=sbtest

KNOWN_WORKLOADS="oltp_point_select oltp_read_only oltp_read_write oltp_write_only oltp_update_index \
oltp_update_non_index oltp_insert oltp_delete select_random_points select_random_ranges"

usage() {
    cat <<EOF
usage: bench/run.sh [options]

Runs sysbench against MariaDB directly, through HAProxy (mode tcp) and through Shardline, and measures
Shardline's memory per idle client connection. Needs root to install sysbench/haproxy when they are missing.

  --duration S        seconds per measured run (default $DURATION)
  --warmup S          seconds of the unrecorded warm-up run per target and cell, 0 for none (default $WARMUP)
  --threads N         sysbench threads (default $THREADS)
  --repeat R          measured runs per target and cell, in rotating target order (default $REPEAT)
  --workloads LIST    comma-separated sysbench tests (default $WORKLOADS)
  --ps-modes LIST     comma-separated --db-ps-mode values, auto and/or disable (default $PS_MODES)
  --targets LIST      comma-separated subset of direct,haproxy,shardline,shardline-rw,shardline-sharded (default
                      the first three); shardline-rw is Shardline over the primary and its two replicas
                      (read/write splitting); shardline-sharded is Shardline with the sysbench tables sharded by
                      id (mod 2) over the sandbox's two shard servers, the data prepared through it
  --replicas          the read/write splitting benchmark: oltp_point_select, oltp_read_only, oltp_read_write, prepared
                      statements on, targets direct,shardline,shardline-rw, --skip-trx, no idle-connection test
                      (options given after it still apply)
  --sharded           the sharding benchmark: oltp_point_select and oltp_read_only, --ps-modes disable,auto,
                      targets direct,haproxy,shardline,shardline-sharded, no idle-connection test (options given
                      after it still apply)
  --cache             the shardline target caches every sysbench table in its result cache (max-size
                      $CACHE_MAX_SIZE, TTL $CACHE_TTL); the report adds a result-cache table with the hit ratio,
                      from the growth of the primary's Com_select during the shardline runs
  --skip-trx          sysbench --skip_trx=on for oltp_read_only, every target: autocommit reads instead of
                      BEGIN ... COMMIT (inside a transaction every statement belongs on the primary). Workloads
                      that write keep their transactions: without them their DELETE/INSERT pairs collide
  --tables N          sysbench tables (default $TABLES)
  --table-size M      rows per table (default $TABLE_SIZE)
  --idle-conns N      idle client connections for the memory measurement, 0 to skip it (default $IDLE_CONNS)
  --jvm-opts "OPTS"   Shardline's JVM options (default "$JVM_OPTS")
  --pool-max N        Shardline's backend pool max-size (default $POOL_MAX)
  --buffer-pool SIZE  innodb_buffer_pool_size set on the sandbox primary for the run (default $BUFFER_POOL)
  --no-pause-replicas leave the sandbox replicas replicating during the run (default: paused, then resumed)
  --base-port N       sandbox base port (default $BASE_PORT; the primary listens there)
  --proxy-port N      Shardline's port (default $PROXY_PORT)
  --haproxy-port N    HAProxy's port (default $HAPROXY_PORT)
  --rw-proxy-port N   the port of Shardline with replicas, target shardline-rw (default $RW_PORT)
  --sharded-proxy-port N  the port of sharded Shardline, target shardline-sharded (default $SHARDED_PORT)
  --results DIR       where the CSV, markdown and logs go (default bench/results)
  --quick             smoke check: 5 s runs, 2 s warm-up, 1 repeat (other options given still apply)
  --keep-sandbox      leave the sandbox running at the end (it is stopped only if this script started it)
  -h, --help          this text

Environment: SHARDLINE_MVN_FLAGS adds Maven flags (e.g. -o) when the proxy jar has to be built.
EOF
}

log() {
    printf '[bench %s] %s\n' "$(date +%T)" "$*" >&2
}

# ------------------------------------------------------------------------------------------------- options --
parse_args() {
    local opt value
    # --quick only changes defaults, so options given with it win wherever they stand.
    for opt in "$@"; do
        if [[ "$opt" == --quick ]]; then
            DURATION=5
            WARMUP=2
            REPEAT=1
        fi
        if [[ "$opt" == --replicas ]]; then
            WORKLOADS="oltp_point_select,oltp_read_only,oltp_read_write"
            PS_MODES="auto"
            TARGETS="direct,shardline,shardline-rw"
            IDLE_CONNS=0
            SKIP_TRX=1
        fi
        if [[ "$opt" == --sharded ]]; then
            WORKLOADS="oltp_point_select,oltp_read_only"
            PS_MODES="disable,auto"
            TARGETS="direct,haproxy,shardline,shardline-sharded"
            IDLE_CONNS=0
        fi
    done
    while (($# > 0)); do
        opt="$1"
        value=""
        if [[ "$opt" == --*=* ]]; then
            value="${opt#*=}"
            opt="${opt%%=*}"
        fi
        case "$opt" in
            -h | --help | --quick | --replicas | --sharded | --skip-trx | --cache | --keep-sandbox | --no-pause-replicas) ;;
            --*)
                if [[ -z "$value" && "$1" != *=* ]]; then
                    (($# >= 2)) || die "$opt needs a value"
                    value="$2"
                    shift
                fi
                ;;
            *) die "unexpected argument: $opt (see --help)" ;;
        esac
        shift
        case "$opt" in
            -h | --help)
                usage
                exit 0
                ;;
            --quick | --replicas | --sharded) ;;
            --keep-sandbox) KEEP_SANDBOX=1 ;;
            --skip-trx) SKIP_TRX=1 ;;
            --cache) CACHE=1 ;;
            --no-pause-replicas) PAUSE_REPLICAS=0 ;;
            --duration) DURATION="$value" ;;
            --warmup) WARMUP="$value" ;;
            --threads) THREADS="$value" ;;
            --repeat) REPEAT="$value" ;;
            --workloads) WORKLOADS="$value" ;;
            --ps-modes) PS_MODES="$value" ;;
            --targets) TARGETS="$value" ;;
            --tables) TABLES="$value" ;;
            --table-size) TABLE_SIZE="$value" ;;
            --idle-conns) IDLE_CONNS="$value" ;;
            --jvm-opts) JVM_OPTS="$value" ;;
            --pool-max) POOL_MAX="$value" ;;
            --buffer-pool) BUFFER_POOL="$value" ;;
            --base-port) BASE_PORT="$value" ;;
            --proxy-port) PROXY_PORT="$value" ;;
            --haproxy-port) HAPROXY_PORT="$value" ;;
            --rw-proxy-port) RW_PORT="$value" ;;
            --sharded-proxy-port) SHARDED_PORT="$value" ;;
            --results) RESULTS_DIR="$value" ;;
            *) die "unknown option: $opt (see --help)" ;;
        esac
    done
    validate_args
}

validate_args() {
    local name value
    for name in DURATION THREADS REPEAT TABLES TABLE_SIZE POOL_MAX BASE_PORT PROXY_PORT HAPROXY_PORT RW_PORT \
        SHARDED_PORT; do
        value="${!name}"
        [[ "$value" =~ ^[1-9][0-9]*$ ]] || die "--$(tr 'A-Z_' 'a-z-' <<<"$name") must be a positive integer, got '$value'"
    done
    [[ "$WARMUP" =~ ^[0-9]+$ ]] || die "--warmup must be a whole number of seconds, got '$WARMUP'"
    [[ "$IDLE_CONNS" =~ ^[0-9]+$ ]] || die "--idle-conns must be a whole number, got '$IDLE_CONNS'"
    [[ "$BUFFER_POOL" =~ ^[0-9]+[KMG]?$ ]] || die "--buffer-pool must look like 512M, got '$BUFFER_POOL'"
    IFS=, read -r -a WORKLOAD_LIST <<<"$WORKLOADS"
    IFS=, read -r -a PS_MODE_LIST <<<"$PS_MODES"
    IFS=, read -r -a TARGET_LIST <<<"$TARGETS"
    ((${#WORKLOAD_LIST[@]} > 0)) || die "--workloads is empty"
    ((${#PS_MODE_LIST[@]} > 0)) || die "--ps-modes is empty"
    ((${#TARGET_LIST[@]} > 0)) || die "--targets is empty"
    for value in "${WORKLOAD_LIST[@]}"; do
        [[ " $KNOWN_WORKLOADS " == *" $value "* ]] || die "unknown workload '$value'; known: $KNOWN_WORKLOADS"
    done
    for value in "${PS_MODE_LIST[@]}"; do
        [[ "$value" == auto || "$value" == disable ]] || die "--ps-modes takes auto and/or disable, got '$value'"
    done
    for value in "${TARGET_LIST[@]}"; do
        [[ " direct haproxy shardline shardline-rw shardline-sharded " == *" $value "* ]] \
            || die "--targets takes direct, haproxy, shardline, shardline-rw and/or shardline-sharded, got '$value'"
    done
    if [[ " ${TARGET_LIST[*]} " == *" shardline-rw "* ]]; then
        # The replicas serve shardline-rw's reads, so they must replicate; every target runs under that load.
        PAUSE_REPLICAS=0
    fi
    local ports="$BASE_PORT $((BASE_PORT + 1)) $((BASE_PORT + 2)) $((BASE_PORT + 10)) $((BASE_PORT + 11))"
    for value in "$PROXY_PORT" "$HAPROXY_PORT" "$RW_PORT" "$SHARDED_PORT"; do
        [[ " $ports " != *" $value "* ]] || die "port $value collides with the sandbox ($ports)"
    done
    [[ "$(printf '%s\n' "$PROXY_PORT" "$HAPROXY_PORT" "$RW_PORT" "$SHARDED_PORT" | sort -u | wc -l)" == 4 ]] \
        || die "--proxy-port, --haproxy-port, --rw-proxy-port and --sharded-proxy-port must differ"
}

# ------------------------------------------------------------------------------------------- prerequisites --
# install_missing CMD:PACKAGE...: apt-get installs the packages whose command is missing (root only).
install_missing() {
    local pair missing=()
    for pair in "$@"; do
        command -v "${pair%%:*}" >/dev/null 2>&1 || missing+=("${pair#*:}")
    done
    ((${#missing[@]} > 0)) || return 0
    if ((EUID != 0)); then
        die "missing packages: ${missing[*]}; run as root (the script installs them with apt-get) or install them"
    fi
    command -v apt-get >/dev/null 2>&1 || die "missing packages: ${missing[*]}, and there is no apt-get here"
    log "installing ${missing[*]} with apt-get"
    DEBIAN_FRONTEND=noninteractive apt-get update -q >&2 || die "apt-get update failed"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}" >&2 || die "apt-get install failed"
    for pair in "$@"; do
        command -v "${pair%%:*}" >/dev/null 2>&1 || die "${pair%%:*} is still missing after installing ${pair#*:}"
    done
}

prerequisites() {
    # Only commands from Debian packages; the JDK brings java and jcmd, Maven builds the proxy when needed.
    install_missing sysbench:sysbench haproxy:haproxy java:openjdk-17-jdk-headless jcmd:openjdk-17-jdk-headless
    if ! command -v mariadb >/dev/null 2>&1 && ! command -v mysql >/dev/null 2>&1; then
        install_missing mariadb:mariadb-client
    fi
    MYSQL_CLIENT="$(command -v mariadb || command -v mysql)"
    if [[ ! -f "$ROOT/proxy/target/shardline-proxy.jar" ]]; then
        install_missing mvn:maven
    fi
    ensure_built proxy/target/shardline-proxy.jar
    command -v timeout >/dev/null 2>&1 || die "timeout (coreutils) not found"
    # Every idle client connection is a file descriptor in the proxy (and in the client program).
    local want=$((IDLE_CONNS + 10000)) soft hard
    soft="$(ulimit -Sn)"
    hard="$(ulimit -Hn)"
    if [[ "$soft" != unlimited && "$soft" -lt "$want" ]]; then
        if [[ "$hard" == unlimited || "$hard" -ge "$want" ]]; then
            ulimit -Sn "$want"
        else
            ulimit -Sn "$hard"
            log "warning: open-file limit is $hard, below the $want the idle-connection test wants"
        fi
    fi
}

# ------------------------------------------------------------------------------------- process bookkeeping --
SANDBOX_STARTED=0
SANDBOX_UP=0
REPLICAS_PAUSED=0
OLD_BUFFER_POOL=""
HAPROXY_PID=""
SHARDLINE_PID=""
RW_PID=""
SHARDED_PID=""
OLD_SHARD_BUFFER_POOLS=""
SYSBENCH_PID=""
IDLE_PID=""

# stop_pid PID [GRACE_SECONDS]: SIGTERM, then SIGKILL after the grace period; only ever our own children.
stop_pid() {
    local pid="$1" grace="${2:-10}" i
    [[ -n "$pid" ]] || return 0
    kill -0 "$pid" 2>/dev/null || {
        wait "$pid" 2>/dev/null || true
        return 0
    }
    kill -TERM "$pid" 2>/dev/null || true
    for ((i = 0; i < grace * 10; i++)); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.1
    done
    if kill -0 "$pid" 2>/dev/null; then
        log "process $pid did not stop in ${grace}s; killing it"
        kill -KILL "$pid" 2>/dev/null || true
    fi
    wait "$pid" 2>/dev/null || true
}

# shellcheck disable=SC2317  # run by the EXIT trap, which shellcheck does not follow past the final exit
cleanup() {
    local rc=$?
    trap - EXIT INT TERM
    set +e
    stop_pid "$SYSBENCH_PID" 5
    stop_pid "$IDLE_PID" 5
    stop_pid "$SHARDLINE_PID" 15
    stop_pid "$RW_PID" 15
    stop_pid "$SHARDED_PID" 15
    stop_pid "$HAPROXY_PID" 5
    if ((SANDBOX_UP)); then
        if ((SANDBOX_STARTED && !KEEP_SANDBOX)); then
            log "stopping the sandbox (bin/sandbox down --base-port $BASE_PORT)"
            "$ROOT/bin/sandbox" down --base-port "$BASE_PORT" >/dev/null 2>&1 \
                || log "warning: bin/sandbox down --base-port $BASE_PORT failed; run it by hand"
        else
            restore_sandbox
        fi
    fi
    if ((rc != 0)) && [[ -n "${RUN_DIR:-}" ]]; then
        log "failed (exit $rc); logs are in $RUN_DIR"
    fi
    exit "$rc"
}

# Puts back what the run changed on a sandbox that stays up.
# shellcheck disable=SC2317  # see cleanup
restore_sandbox() {
    if ((REPLICAS_PAUSED)); then
        local port
        for port in $((BASE_PORT + 1)) $((BASE_PORT + 2)); do
            sql_on "$port" "START REPLICA" >/dev/null 2>&1 || log "warning: could not restart replication on $port"
        done
        REPLICAS_PAUSED=0
    fi
    if [[ -n "$OLD_BUFFER_POOL" ]]; then
        sql "SET GLOBAL innodb_buffer_pool_size = $OLD_BUFFER_POOL" >/dev/null 2>&1 || true
        OLD_BUFFER_POOL=""
    fi
    if [[ -n "$OLD_SHARD_BUFFER_POOLS" ]]; then
        local size i=0
        for size in $OLD_SHARD_BUFFER_POOLS; do
            sql_on "$(shard_port "$i")" "SET GLOBAL innodb_buffer_pool_size = $size" >/dev/null 2>&1 || true
            i=$((i + 1))
        done
        OLD_SHARD_BUFFER_POOLS=""
    fi
}

# ---------------------------------------------------------------------------------------------- helpers --
# sql_on PORT STATEMENT: runs a statement as the sandbox's root (empty password), prints rows tab-separated.
sql_on() {
    "$MYSQL_CLIENT" --no-defaults --protocol=TCP -h127.0.0.1 -P"$1" -uroot -N -B -e "$2"
}

sql() {
    sql_on "$BASE_PORT" "$1"
}

port_open() {
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# port_listening PORT: something listens on 127.0.0.1:PORT. Asked of the kernel with ss where there is one rather
# than by connecting: a port given with --*-port may lie in Linux's ephemeral range, and connecting to such a port while nothing
# listens yet can connect the socket to itself (TCP simultaneous open), which looks like success and then leaves a
# TIME-WAIT socket on the port that keeps the proxy from binding it for a minute.
port_listening() {
    if command -v ss >/dev/null 2>&1; then
        [[ -n "$(ss -Htln "sport = :$1" 2>/dev/null)" ]]
    else
        port_open "$1"
    fi
}

# wait_port PORT PID: until PORT accepts connections; fails if PID exits or 60 s pass.
wait_port() {
    local port="$1" pid="$2" i
    for ((i = 0; i < 600; i++)); do
        kill -0 "$pid" 2>/dev/null || return 1
        port_listening "$port" && return 0
        sleep 0.1
    done
    return 1
}

# launch NAME PORT LOG PID_VARIABLE COMMAND...: starts COMMAND in the background, its output appended to LOG,
# and waits until it listens on PORT; sets PID_VARIABLE. A port given inside Linux's ephemeral range (the
# defaults are below it) may briefly be lent out as the local end of some outgoing connection: "Address
# already in use" is then retried for a while instead of failing the whole run.
launch() {
    local name="$1" port="$2" logfile="$3" pid_variable="$4" attempt lines pid
    shift 4
    port_listening "$port" && die "127.0.0.1:$port is already in use; choose another port (see --help)"
    touch "$logfile"
    for ((attempt = 1; attempt <= 10; attempt++)); do
        lines="$(wc -l <"$logfile")"
        "$@" >>"$logfile" 2>&1 &
        pid=$!
        printf -v "$pid_variable" '%s' "$pid"
        wait_port "$port" "$pid" && return 0
        stop_pid "$pid" 5
        printf -v "$pid_variable" '%s' ""
        if tail -n +"$((lines + 1))" "$logfile" | grep -qi 'address already in use'; then
            log "$name: 127.0.0.1:$port is taken for now (an outgoing connection's local port?); retrying in 3 s"
            sleep 3
            continue
        fi
        break
    done
    log "$name did not start listening on 127.0.0.1:$port; the end of $logfile:"
    tail -n 30 "$logfile" >&2 || true
    return 1
}

# fill TEMPLATE OUT KEY=VALUE...: replaces @KEY@ placeholders.
fill() {
    local template="$1" out="$2" pair text
    shift 2
    text="$(<"$template")"
    for pair in "$@"; do
        text="${text//@${pair%%=*}@/${pair#*=}}"
    done
    [[ "$text" != *@[A-Z_]*@* ]] || die "$template: a placeholder was left unfilled"
    printf '%s\n' "$text" >"$out"
}

# ------------------------------------------------------------------------------------------------ sandbox --
sandbox_up() {
    if "$ROOT/bin/sandbox" status --base-port "$BASE_PORT" >/dev/null 2>&1; then
        log "sandbox $BASE_PORT is already running; using it (it will be left running)"
    else
        log "starting the sandbox (bin/sandbox up --base-port $BASE_PORT)"
        SANDBOX_STARTED=1
        SANDBOX_UP=1
        "$ROOT/bin/sandbox" up --base-port "$BASE_PORT" >"$RUN_DIR/sandbox-up.log" 2>&1 || {
            tail -n 30 "$RUN_DIR/sandbox-up.log" >&2
            die "bin/sandbox up --base-port $BASE_PORT failed; see $RUN_DIR/sandbox-up.log"
        }
    fi
    SANDBOX_UP=1
    sql "SELECT 1" >/dev/null || die "cannot reach the sandbox primary on 127.0.0.1:$BASE_PORT as root"
}

# The benchmark needs the primary only. Replicas replaying read_write's binlog would take CPU from the very
# processes being measured on a small machine, so they are paused for the run and resumed at the end.
tune_sandbox() {
    OLD_BUFFER_POOL="$(sql "SELECT @@innodb_buffer_pool_size")"
    sql "SET GLOBAL innodb_buffer_pool_size = $(to_bytes "$BUFFER_POOL")"
    local port
    if [[ " ${TARGET_LIST[*]} " == *" shardline-rw "* ]]; then
        for port in $((BASE_PORT + 1)) $((BASE_PORT + 2)); do
            sql_on "$port" "SET GLOBAL innodb_buffer_pool_size = $(to_bytes "$BUFFER_POOL")" >/dev/null 2>&1 \
                || log "warning: could not size the buffer pool on replica $port"
        done
    fi
    if [[ " ${TARGET_LIST[*]} " == *" shardline-sharded "* ]]; then
        # Each shard holds half the rows; sized like the primary so that no target reads from disk.
        local i
        for i in 0 1; do
            OLD_SHARD_BUFFER_POOLS+="$(sql_on "$(shard_port "$i")" "SELECT @@innodb_buffer_pool_size") "
            sql_on "$(shard_port "$i")" "SET GLOBAL innodb_buffer_pool_size = $(to_bytes "$BUFFER_POOL")" \
                || die "cannot reach shard server $i on 127.0.0.1:$(shard_port "$i") as root"
        done
    fi
    if ((PAUSE_REPLICAS)); then
        REPLICAS_PAUSED=1
        for port in $((BASE_PORT + 1)) $((BASE_PORT + 2)); do
            sql_on "$port" "STOP REPLICA" >/dev/null 2>&1 || log "warning: could not pause replication on $port"
        done
    fi
}

to_bytes() {
    local n="${1%[KMG]}"
    case "$1" in
        *K) echo $((n * 1024)) ;;
        *M) echo $((n * 1024 * 1024)) ;;
        *G) echo $((n * 1024 * 1024 * 1024)) ;;
        *) echo "$n" ;;
    esac
}

# sysbench's common connection and data options for PORT.
sysbench_args() {
    printf '%s\n' --db-driver=mysql --mysql-host=127.0.0.1 "--mysql-port=$1" "--mysql-user=$SB_USER" \
        "--mysql-password=$SB_PASSWORD" "--mysql-db=$SB_DB" --mysql-ssl=off "--tables=$TABLES" \
        "--table-size=$TABLE_SIZE"
}

prepare_data() {
    sql "CREATE USER IF NOT EXISTS '$SB_USER'@'127.0.0.1' IDENTIFIED BY '$SB_PASSWORD';
         GRANT ALL PRIVILEGES ON \`$SB_DB\`.* TO '$SB_USER'@'127.0.0.1'"
    # Reuse the tables when an earlier run left exactly these (read_write keeps the row count).
    local have expected=0 i
    have="$(sql "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = '$SB_DB'")"
    if ((have == TABLES)); then
        expected=1
        for ((i = 1; i <= TABLES; i++)); do
            [[ "$(sql "SELECT COUNT(*) FROM \`$SB_DB\`.sbtest$i" 2>/dev/null)" == "$TABLE_SIZE" ]] || expected=0
        done
    fi
    if ((expected)); then
        log "reusing $TABLES sysbench tables of $TABLE_SIZE rows in $SB_DB"
    else
        log "preparing $TABLES sysbench tables of $TABLE_SIZE rows in $SB_DB"
        sql "DROP DATABASE IF EXISTS \`$SB_DB\`; CREATE DATABASE \`$SB_DB\`"
        local threads args
        threads=$(($(nproc) < TABLES ? $(nproc) : TABLES))
        local started=$SECONDS
        mapfile -t args < <(sysbench_args "$BASE_PORT")
        sysbench oltp_read_write "${args[@]}" --threads="$threads" prepare >"$RUN_DIR/prepare.log" 2>&1 || {
            tail -n 20 "$RUN_DIR/prepare.log" >&2
            die "sysbench prepare failed; see $RUN_DIR/prepare.log"
        }
        log "prepared in $((SECONDS - started)) s"
    fi
    # Read every table once so that the first measured target does not pay for a cold buffer pool.
    for ((i = 1; i <= TABLES; i++)); do
        sql "SELECT COUNT(*), SUM(LENGTH(c)) FROM \`$SB_DB\`.sbtest$i FORCE INDEX (PRIMARY)" >/dev/null
    done
}

# ------------------------------------------------------------------------------------------ HAProxy, proxy --
start_haproxy() {
    local cfg="$RUN_DIR/haproxy.cfg" logfile="$RUN_DIR/haproxy.log"
    fill "$BENCH_DIR/haproxy.cfg.template" "$cfg" "HAPROXY_PORT=$HAPROXY_PORT" "PRIMARY_PORT=$BASE_PORT"
    haproxy -c -q -f "$cfg" >"$logfile" 2>&1 || {
        cat "$logfile" >&2
        die "haproxy rejects $cfg"
    }
    log "starting HAProxy on 127.0.0.1:$HAPROXY_PORT (mode tcp) -> $BASE_PORT"
    launch HAProxy "$HAPROXY_PORT" "$logfile" HAPROXY_PID haproxy -db -f "$cfg" || die "HAProxy did not start"
}

# The *_CONFIG variables are set and read indirectly (printf -v, ${!config_var}), which shellcheck cannot follow.
# shellcheck disable=SC2034
SHARDLINE_CONFIG=""
SHARDLINE_LOG=""
# shellcheck disable=SC2034
RW_CONFIG=""
RW_LOG=""
# shellcheck disable=SC2034
SHARDED_CONFIG=""
SHARDED_LOG=""

# start_shardline [rw|sharded]: Shardline over the primary alone (target shardline), with rw over the primary and
# both replicas (target shardline-rw), with sharded over the two shard servers (target shardline-sharded). Each has
# its own template, configuration, log and PID variable.
start_shardline() {
    local name="Shardline" port="$PROXY_PORT" template="shardline-bench.yaml.template" backends="$BASE_PORT"
    local config_var=SHARDLINE_CONFIG log_var=SHARDLINE_LOG pid_var=SHARDLINE_PID
    # The readiness query: the sharded proxy starts before its tables exist (they are created through it).
    local probe="SELECT COUNT(*) FROM $SB_DB.sbtest1"
    case "${1:-}" in
        rw)
            name="Shardline (replicas)" port="$RW_PORT" template="shardline-rw-bench.yaml.template"
            config_var=RW_CONFIG log_var=RW_LOG pid_var=RW_PID
            ;;
        sharded)
            name="Shardline (sharded)" port="$SHARDED_PORT" template="shardline-sharded-bench.yaml.template"
            config_var=SHARDED_CONFIG log_var=SHARDED_LOG pid_var=SHARDED_PID
            backends="$(shard_port 0), $(shard_port 1)" probe="SELECT 1"
            ;;
    esac
    if [[ -z "${!config_var}" ]]; then
        printf -v "$config_var" '%s' "$RUN_DIR/${template%.template}"
        printf -v "$log_var" '%s' "$RUN_DIR/${template%-bench.yaml.template}.log"
        local hash
        hash="$(sql "SELECT PASSWORD('$SB_PASSWORD')")"
        [[ "$hash" =~ ^\*[0-9A-F]{40}$ ]] || die "unexpected PASSWORD() result '$hash'"
        # Each template uses some of the placeholders; filling absent ones changes nothing.
        fill "$BENCH_DIR/$template" "${!config_var}" "PROXY_PORT=$port" "PRIMARY_PORT=$BASE_PORT" \
            "REPLICA1_PORT=$((BASE_PORT + 1))" "REPLICA2_PORT=$((BASE_PORT + 2))" "SBTEST_HASH=$hash" \
            "POOL_MAX=$POOL_MAX" "SHARD0_PORT=$(shard_port 0)" "SHARD1_PORT=$(shard_port 1)" \
            "SHARDED_TABLES=$(sharded_table_rules)"
        if ((CACHE)) && [[ -z "${1:-}" ]]; then
            result_cache_section >>"${!config_var}"
        fi
        "$ROOT/bin/shardline" check --config "${!config_var}" >/dev/null 2>"${!log_var}" || {
            cat "${!log_var}" >&2
            die "$name rejects ${!config_var}"
        }
    fi
    log "starting $name on 127.0.0.1:$port -> $backends (JVM: $JVM_OPTS)"
    # env and bin/shardline both exec, so the PID is the JVM's own (jcmd needs it).
    launch "$name" "$port" "${!log_var}" "$pid_var" \
        env JAVA_OPTS="$JVM_OPTS" "$ROOT/bin/shardline" --config "${!config_var}" || die "$name did not start"
    local through
    through="$("$MYSQL_CLIENT" --no-defaults --protocol=TCP -h127.0.0.1 -P"$port" -u"$SB_USER" \
        -p"$SB_PASSWORD" -N -B -e "$probe" 2>&1)" || {
        log "a query through $name failed: $through"
        die "$name does not serve queries; see ${!log_var}"
    }
}

# result_cache_section: with --cache, appended to the shardline target's configuration: every sysbench table cached.
result_cache_section() {
    cat <<EOF

# bench/run.sh --cache: every sysbench table cached (docs/result-cache.md).
result-cache:
  max-size: $CACHE_MAX_SIZE
  default-ttl: $CACHE_TTL
  rules:
    - name: sbtest
      tables: [$SB_DB.*]
EOF
}

# check_shardline WHEN [rw|sharded]: after every run, a proxy that died is reported and started again, so the other
# cells still get measured.
check_shardline() {
    local pid_var=SHARDLINE_PID log_var=SHARDLINE_LOG target=shardline
    case "${2:-}" in
        rw) pid_var=RW_PID log_var=RW_LOG target=shardline-rw ;;
        sharded) pid_var=SHARDED_PID log_var=SHARDED_LOG target=shardline-sharded ;;
    esac
    local pid="${!pid_var}"
    [[ -n "$pid" ]] || return 0
    kill -0 "$pid" 2>/dev/null && return 0
    local rc=0
    wait "$pid" 2>/dev/null || rc=$?
    log "$target (pid $pid) DIED (exit $rc); the end of its log:"
    tail -n 30 "${!log_var}" >&2 || true
    printf -v "$pid_var" '%s' ""
    echo "$target died (exit $rc) during $1; restarted" >>"$RUN_DIR/problems.txt"
    start_shardline "${2:-}"
}

# check_target TARGET WHEN: check_shardline for whichever Shardline TARGET is (nothing for direct and haproxy).
check_target() {
    case "$1" in
        shardline) check_shardline "$2" ;;
        shardline-rw) check_shardline "$2" rw ;;
        shardline-sharded) check_shardline "$2" sharded ;;
    esac
}

target_port() {
    case "$1" in
        direct) echo "$BASE_PORT" ;;
        haproxy) echo "$HAPROXY_PORT" ;;
        shardline) echo "$PROXY_PORT" ;;
        shardline-rw) echo "$RW_PORT" ;;
        shardline-sharded) echo "$SHARDED_PORT" ;;
    esac
}

# ------------------------------------------------------------------------------ read/write splitting target --
# server_counters: "Com_select Questions" of the primary and both replicas (then of both shard servers when
# shardline-sharded is a target), one line.
server_counters() {
    local port out=""
    local ports=("$BASE_PORT" $((BASE_PORT + 1)) $((BASE_PORT + 2)))
    # The shard servers follow when shardline-sharded runs (share_deltas reads the first six numbers only).
    [[ " ${TARGET_LIST[*]} " != *" shardline-sharded "* ]] || ports+=("$(shard_port 0)" "$(shard_port 1)")
    for port in "${ports[@]}"; do
        out+="$(sql_on "$port" "SELECT SUM(IF(VARIABLE_NAME = 'COM_SELECT', VARIABLE_VALUE, 0)),
            SUM(IF(VARIABLE_NAME = 'QUESTIONS', VARIABLE_VALUE, 0)) FROM information_schema.GLOBAL_STATUS
            WHERE VARIABLE_NAME IN ('COM_SELECT', 'QUESTIONS')" 2>/dev/null | tr '\t' ' ' || echo "0 0") "
    done
    echo "$out"
}

# Before comparing what each target reads: the replicas have applied everything the primary has.
await_replicas() {
    ((PAUSE_REPLICAS)) && return 0
    local position port
    position="$(sql "SELECT @@gtid_binlog_pos")"
    for port in $((BASE_PORT + 1)) $((BASE_PORT + 2)); do
        [[ "$(sql_on "$port" "SELECT MASTER_GTID_WAIT('$position', 120)")" == 0 ]] \
            || log "warning: replica $port did not reach $position within 120 s"
    done
}

# --------------------------------------------------------------------------------------- sharded target --
# The shardline-sharded target: the sysbench tables sharded by id over the sandbox's two shard servers (data
# sources ds_0 and ds_1, database sbtest on each, one actual table per data source named like the logical one).
# Its data is its own copy, prepared through the sharded proxy itself: that exercises DDL on every actual table
# and multi-row INSERTs split per shard before anything is measured.

# shard_port I: the port of the sandbox's shard server I (SandboxLayout: base port + 10 + I), data source ds_I.
shard_port() {
    echo $((BASE_PORT + 10 + $1))
}

# sharded_table_rules: the YAML rule of every sysbench table, for the template's @SHARDED_TABLES@ (indented to sit
# under `tables:`). Even ids on ds_0, odd ids on ds_1.
sharded_table_rules() {
    local i
    for ((i = 1; i <= TABLES; i++)); do
        printf '        sbtest%d:\n' "$i"
        # shellcheck disable=SC2016  # ${0..1} is Shardline's inline expression, not the shell's
        printf '          data-nodes: ds_${0..1}.sbtest%d\n' "$i"
        printf '          database-strategy: { columns: id, algorithm: mod, count: 2 }\n'
    done
}

SHARD_LAYOUT=""
SHARDED_PREPARED_BY=""

# shard_layout_ok: reads every table on both shards directly. Succeeds when each table exists on both, the rows
# add up to --table-size and no row sits on the wrong shard (id mod 2 must be the shard's number); sets
# SHARD_LAYOUT to one "sbtestN: ds_0 R0 rows, ds_1 R1 rows" line per table either way.
shard_layout_ok() {
    local i s ok=0 rows misplaced total line
    SHARD_LAYOUT=""
    for ((i = 1; i <= TABLES; i++)); do
        total=0
        line="sbtest$i:"
        for s in 0 1; do
            read -r rows misplaced < <(sql_on "$(shard_port "$s")" "SELECT COUNT(*), COALESCE(SUM(id % 2 <> $s), 0)
                FROM \`$SB_DB\`.sbtest$i" 2>/dev/null || echo "- -")
            if [[ "$rows" == - ]]; then
                line+=" ds_$s no table,"
                ok=1
                continue
            fi
            line+=" ds_$s $rows rows,"
            total=$((total + rows))
            if ((misplaced != 0)); then
                line+=" $misplaced of them on the wrong shard,"
                ok=1
            fi
        done
        ((total == TABLE_SIZE)) || ok=1
        SHARD_LAYOUT+="${line%,} (total $total)"$'\n'
    done
    return "$ok"
}

# create_shard_databases: an empty database sbtest on both shard servers; the sharded proxy needs it to exist.
create_shard_databases() {
    local s
    for s in 0 1; do
        sql_on "$(shard_port "$s")" "DROP DATABASE IF EXISTS \`$SB_DB\`; CREATE DATABASE \`$SB_DB\`"
    done
}

# prepare_sharded_data: starts the sharded proxy and prepares the tables through it with
# `sysbench oltp_common prepare --auto_inc=off` (explicit ids, so that every row can be placed; CREATE TABLE and
# CREATE INDEX run on every actual table, each multi-row INSERT is split per shard). The layout is then checked
# on the shards directly. If preparing through the proxy fails, that is reported as a problem and the shards are
# loaded directly instead, so that the benchmark still runs.
prepare_sharded_data() {
    local reuse=0
    if shard_layout_ok; then
        reuse=1
    else
        create_shard_databases
    fi
    start_shardline sharded
    if ((reuse)); then
        SHARDED_PREPARED_BY="reused from an earlier run (which prepared it and checked it the same way)"
        log "reusing the sharded sysbench tables on the shard servers"
    else
        log "preparing $TABLES sysbench tables of $TABLE_SIZE rows THROUGH the sharded Shardline (--auto_inc=off)"
        local threads args started=$SECONDS logfile="$RUN_DIR/prepare-sharded.log" rc=0
        threads=$(($(nproc) < TABLES ? $(nproc) : TABLES))
        mapfile -t args < <(sysbench_args "$SHARDED_PORT")
        timeout -k 10 1800 sysbench oltp_common "${args[@]}" --auto_inc=off --threads="$threads" prepare \
            >"$logfile" 2>&1 || rc=$?
        if ((rc == 0)) && shard_layout_ok; then
            SHARDED_PREPARED_BY="prepared through the sharded Shardline (sysbench oltp_common prepare --auto_inc=off)"
            log "prepared through the proxy in $((SECONDS - started)) s"
        else
            log "PREPARING THROUGH THE SHARDED PROXY FAILED (sysbench exit $rc); the end of $logfile:"
            tail -n 15 "$logfile" | sed 's/^/      /' >&2
            log "  the shards afterwards:"
            printf '%s' "$SHARD_LAYOUT" | sed 's/^/      /' >&2
            log "  the end of $SHARDED_LOG:"
            tail -n 15 "$SHARDED_LOG" | sed 's/^/      /' >&2
            {
                echo "sysbench oltp_common prepare --auto_inc=off through shardline-sharded failed (exit $rc):" \
                    "$(grep -m1 -E 'FATAL|error' "$logfile" || tail -n 1 "$logfile") ($logfile); the shards" \
                    "were loaded directly instead"
            } >>"$RUN_DIR/problems.txt"
            load_shards_directly
        fi
    fi
    log "rows per shard (read on the shard servers directly):"
    printf '%s' "$SHARD_LAYOUT" | sed 's/^/      /' >&2
    # Read every table once on each shard, as prepare_data does on the primary.
    local s i
    for s in 0 1; do
        for ((i = 1; i <= TABLES; i++)); do
            sql_on "$(shard_port "$s")" "SELECT COUNT(*), SUM(LENGTH(c)) FROM \`$SB_DB\`.sbtest$i FORCE INDEX (PRIMARY)" \
                >/dev/null
        done
    done
}

# load_shards_directly: the fallback. Every shard gets all rows from sysbench (same options, directly, as the
# sandbox's shardline account), then loses the rows whose id belongs to the other shard.
load_shards_directly() {
    local s i threads args started=$SECONDS
    threads=$(($(nproc) < TABLES ? $(nproc) : TABLES))
    create_shard_databases
    for s in 0 1; do
        log "loading shard $s (127.0.0.1:$(shard_port "$s")) directly"
        mapfile -t args < <(sysbench_args "$(shard_port "$s")")
        sysbench oltp_common "${args[@]}" --mysql-user=shardline --mysql-password=shardline --auto_inc=off \
            --threads="$threads" prepare >"$RUN_DIR/prepare-shard$s.log" 2>&1 \
            || die "sysbench prepare directly on shard $s failed; see $RUN_DIR/prepare-shard$s.log"
        for ((i = 1; i <= TABLES; i++)); do
            sql_on "$(shard_port "$s")" "DELETE FROM \`$SB_DB\`.sbtest$i WHERE id % 2 <> $s"
        done
    done
    shard_layout_ok || die "the shards are still not laid out right after loading them directly"
    SHARDED_PREPARED_BY="loaded directly on each shard server (fallback: preparing through the proxy failed)"
    log "loaded the shards directly in $((SECONDS - started)) s"
}

# sharded_check WHEN: the layout on the shards is still right (rows add up, none misplaced), and the proxy reads
# what the shards hold: per table COUNT(*) and SUM(k) (merged over both shards) and one point select on each
# shard, compared with the shard servers read directly.
sharded_check() {
    local when="$1" i want got id port c0 c1 s0 s1
    if ! shard_layout_ok; then
        log "CONSISTENCY: the sharded tables are not laid out right $when:"
        printf '%s' "$SHARD_LAYOUT" | sed 's/^/      /' >&2
        echo "$when: sharded tables not laid out right: $(printf '%s' "$SHARD_LAYOUT" | tr '\n' ';')" \
            >>"$RUN_DIR/problems.txt"
    fi
    for ((i = 1; i <= TABLES; i++)); do
        read -r c0 s0 < <(sql_on "$(shard_port 0)" "SELECT COUNT(*), COALESCE(SUM(k), 0) FROM \`$SB_DB\`.sbtest$i")
        read -r c1 s1 < <(sql_on "$(shard_port 1)" "SELECT COUNT(*), COALESCE(SUM(k), 0) FROM \`$SB_DB\`.sbtest$i")
        want="$((c0 + c1)) $((s0 + s1))"
        got="$(through_sharded "SELECT COUNT(*), SUM(k) FROM $SB_DB.sbtest$i")"
        if [[ "$got" != "$want" ]]; then
            log "CONSISTENCY: shardline-sharded reads '$got' for sbtest$i (COUNT, SUM(k)) $when; the shards hold '$want'"
            echo "$when: shardline-sharded reads '$got' for sbtest$i (COUNT(*), SUM(k)), the shards hold '$want'" \
                >>"$RUN_DIR/problems.txt"
        fi
        # One even and one odd id: each must come back from its own shard.
        for id in $((TABLE_SIZE / 2 + 2 * i)) $((TABLE_SIZE / 2 + 2 * i + 1)); do
            port="$(shard_port $((id % 2)))"
            want="$(sql_on "$port" "SELECT id, k, c FROM \`$SB_DB\`.sbtest$i WHERE id = $id" | tr '\t' ' ')"
            got="$(through_sharded "SELECT id, k, c FROM $SB_DB.sbtest$i WHERE id = $id")"
            if [[ "$got" != "$want" || -z "$want" ]]; then
                log "CONSISTENCY: shardline-sharded reads '$got' for sbtest$i id $id $when; shard $((id % 2)) has '$want'"
                echo "$when: shardline-sharded reads '$got' for sbtest$i id $id, shard $((id % 2)) has '$want'" \
                    >>"$RUN_DIR/problems.txt"
            fi
        done
    done
    log "sharded data checked $when (layout on the shards, COUNT/SUM(k) and point selects through the proxy)"
}

# through_sharded STATEMENT: the rows the sharded proxy answers, tab-separated; an error's text otherwise.
through_sharded() {
    "$MYSQL_CLIENT" --no-defaults --protocol=TCP -h127.0.0.1 -P"$SHARDED_PORT" -u"$SB_USER" -p"$SB_PASSWORD" \
        -N -B -e "$1" 2>&1 | tr '\t\n' '  ' | sed 's/ $//'
}

# The sharding table: shardline-sharded beside the other targets, its ratio to the TCP relay (the goal of issue
# 4: >= 0.85 for oltp_point_select in text mode), where its SELECTs ran and whether sysbench saw any error.
summarize_sharded() {
    [[ " ${TARGET_LIST[*]} " == *" shardline-sharded "* ]] || return 0
    local workload ps d h s sh p95h p95s p95sh share errors
    {
        echo "| workload | ps-mode | tps direct | tps haproxy | tps shardline (1 server) | tps shardline-sharded | sharded/haproxy | sharded/shardline | sharded/direct | p95 ms haproxy | p95 ms shardline | p95 ms sharded | SELECTs on ds_0 / ds_1 | sharded runs: failed, errors, reconnects |"
        echo "|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|---|---|"
        for workload in "${WORKLOAD_LIST[@]}"; do
            for ps in "${PS_MODE_LIST[@]}"; do
                d="$(median "$workload" "$ps" direct 8)"
                h="$(median "$workload" "$ps" haproxy 8)"
                s="$(median "$workload" "$ps" shardline 8)"
                sh="$(median "$workload" "$ps" shardline-sharded 8)"
                p95h="$(median "$workload" "$ps" haproxy 10)"
                p95s="$(median "$workload" "$ps" shardline 10)"
                p95sh="$(median "$workload" "$ps" shardline-sharded 10)"
                share="$(awk -F, -v w="$workload" -v p="$ps" '$1 == w && $2 == p { a += $5; b += $6 } END {
                        if (a + b == 0) print "-"; else printf "%.0f%% / %.0f%%\n", 100 * a / (a + b), 100 * b / (a + b)
                    }' "$SHARD_SHARES_CSV")"
                errors="$(awk -F, -v w="$workload" -v p="$ps" 'NR > 1 && $1 == w && $2 == p && $3 == "shardline-sharded" {
                        n++; if ($14 != "ok") f++; e += $12; r += $13
                    } END { printf "%d of %d, %d, %d\n", f, n, e, r }' "$CSV")"
                echo "| $workload | $ps | $d | $h | $s | $sh | $(ratio "$sh" "$h") | $(ratio "$sh" "$s") | $(ratio "$sh" "$d") | $p95h | $p95s | $p95sh | $share | $errors |"
            done
        done
    } >"$RUN_DIR/sharded.md"
    cat "$RUN_DIR/sharded.md"
    echo
}

# ----------------------------------------------------------------------------------------- sanity checks --
# fingerprint PORT: row count and checksums of every sysbench table, read as the sysbench user through PORT.
fingerprint() {
    local i out=""
    for ((i = 1; i <= TABLES; i++)); do
        out+="$("$MYSQL_CLIENT" --no-defaults --protocol=TCP -h127.0.0.1 -P"$1" -u"$SB_USER" -p"$SB_PASSWORD" \
            -N -B -e "SELECT COUNT(*), SUM(k), BIT_XOR(CRC32(CONCAT_WS('|', id, k, c, pad))) FROM $SB_DB.sbtest$i" \
            2>&1 | tr '\t\n' '  ')"
    done
    echo "$out"
}

# consistency_check WHEN: every target must read the same data, and read_write must keep the row count (its
# DELETE and INSERT of one id are in one transaction). A difference is a problem worth reporting.
consistency_check() {
    local when="$1" target reference="" value i count
    await_replicas
    for target in direct "${TARGET_LIST[@]}"; do
        # shardline-sharded serves its own copy of the data, from the shard servers: checked by sharded_check.
        [[ "$target" != shardline-sharded ]] || continue
        value="$(fingerprint "$(target_port "$target")")"
        if [[ -z "$reference" ]]; then
            reference="$value"
        elif [[ "$value" != "$reference" ]]; then
            log "CONSISTENCY: $target reads different data than direct $when"
            log "  direct:  $reference"
            log "  $target: $value"
            echo "$when: $target reads different data than direct: '$value' vs '$reference'" >>"$RUN_DIR/problems.txt"
        fi
    done
    [[ " ${TARGET_LIST[*]} " != *" shardline-sharded "* ]] || sharded_check "$when"
    for ((i = 1; i <= TABLES; i++)); do
        count="$(sql "SELECT COUNT(*) FROM \`$SB_DB\`.sbtest$i")"
        if [[ "$count" != "$TABLE_SIZE" ]]; then
            log "CONSISTENCY: sbtest$i has $count rows $when, expected $TABLE_SIZE"
            echo "$when: sbtest$i has $count rows, expected $TABLE_SIZE" >>"$RUN_DIR/problems.txt"
        fi
    done
}

# proxy_log_problems: warnings and errors Shardline logged during the run go into the problem list.
proxy_log_problems() {
    local n
    if [[ -n "$RW_LOG" && -f "$RW_LOG" ]]; then
        n="$(grep -c -E '^[0-9-]+ [0-9:]+ SEVERE ' "$RW_LOG" || true)"
        ((n == 0)) || echo "Shardline with replicas logged $n SEVERE lines (see shardline-rw.log)" >>"$RUN_DIR/problems.txt"
    fi
    if [[ -n "$SHARDED_LOG" && -f "$SHARDED_LOG" ]]; then
        n="$(grep -c -E '^[0-9-]+ [0-9:]+ (WARNING|SEVERE) ' "$SHARDED_LOG" || true)"
        if ((n > 0)); then
            log "sharded Shardline logged $n warnings/errors; the first ones:"
            grep -E '^[0-9-]+ [0-9:]+ (WARNING|SEVERE) ' "$SHARDED_LOG" | head -n 5 | sed 's/^/      /' >&2
            echo "sharded Shardline logged $n WARNING/SEVERE lines (see shardline-sharded.log), first: $(grep -m1 -E \
                '^[0-9-]+ [0-9:]+ (WARNING|SEVERE) ' "$SHARDED_LOG")" >>"$RUN_DIR/problems.txt"
        fi
    fi
    [[ -n "$SHARDLINE_LOG" && -f "$SHARDLINE_LOG" ]] || return 0
    n="$(grep -c -E '^[0-9-]+ [0-9:]+ (WARNING|SEVERE) ' "$SHARDLINE_LOG" || true)"
    if ((n > 0)); then
        log "Shardline logged $n warnings/errors; the first ones:"
        grep -E '^[0-9-]+ [0-9:]+ (WARNING|SEVERE) ' "$SHARDLINE_LOG" | head -n 5 | sed 's/^/      /' >&2
        echo "Shardline logged $n WARNING/SEVERE lines (see shardline.log), first: $(grep -m1 -E \
            '^[0-9-]+ [0-9:]+ (WARNING|SEVERE) ' "$SHARDLINE_LOG")" >>"$RUN_DIR/problems.txt"
    fi
}

# ------------------------------------------------------------------------------------------------ sysbench --
# run_sysbench WORKLOAD PS_MODE TARGET SECONDS LOGFILE: exit status is sysbench's (124 = timed out).
run_sysbench() {
    local workload="$1" ps="$2" target="$3" seconds="$4" logfile="$5" rc=0 skip_trx=off
    local args
    [[ "$SKIP_TRX" == 1 && "$workload" == oltp_read_only ]] && skip_trx=on
    mapfile -t args < <(sysbench_args "$(target_port "$target")")
    {
        echo "# $(date -Is) sysbench $workload --db-ps-mode=$ps --threads=$THREADS --time=$seconds --skip_trx=$skip_trx -> $target"
    } >"$logfile"
    # In the background with `wait`, so that Ctrl-C reaches the trap at once; timeout guards against a hang.
    timeout -k 10 $((seconds + 60)) sysbench "$workload" "${args[@]}" --threads="$THREADS" --time="$seconds" \
        --report-interval=0 --db-ps-mode="$ps" --percentile=95 "--skip_trx=$skip_trx" \
        run >>"$logfile" 2>&1 &
    SYSBENCH_PID=$!
    wait "$SYSBENCH_PID" || rc=$?
    SYSBENCH_PID=""
    return "$rc"
}

# parse_sysbench LOGFILE: prints "tps qps p95 avg errors reconnects" (empty fields as -).
parse_sysbench() {
    awk '
        /^ *transactions:/    { tps = $3; gsub(/\(/, "", tps) }
        /^ *queries:/         { qps = $3; gsub(/\(/, "", qps) }
        /^ *ignored errors:/  { err = $3 }
        /^ *reconnects:/      { rec = $2 }
        /^ *avg:/             { avg = $2 }
        /95th percentile:/    { p95 = $3 }
        END {
            printf "%s %s %s %s %s %s\n", (tps == "" ? "-" : tps), (qps == "" ? "-" : qps), (p95 == "" ? "-" : p95),
                (avg == "" ? "-" : avg), (err == "" ? "-" : err), (rec == "" ? "-" : rec)
        }' "$1"
}

CSV=""

run_cells() {
    local workload ps target r i n=${#TARGET_LIST[@]} rc status position logfile before after
    local tps qps p95 avg errors reconnects cell=0 cells=$((${#WORKLOAD_LIST[@]} * ${#PS_MODE_LIST[@]}))
    echo "workload,ps_mode,target,repeat,position,threads,duration_s,tps,qps,p95_ms,avg_ms,ignored_errors,reconnects,status,log" >"$CSV"
    echo "workload,ps_mode,target,repeat,primary_selects,replica1_selects,replica2_selects,primary_questions,replica1_questions,replica2_questions" >"$SHARES_CSV"
    if [[ " ${TARGET_LIST[*]} " == *" shardline-sharded "* ]]; then
        echo "workload,ps_mode,target,repeat,ds_0_selects,ds_1_selects,ds_0_questions,ds_1_questions" >"$SHARD_SHARES_CSV"
    fi
    for workload in "${WORKLOAD_LIST[@]}"; do
        for ps in "${PS_MODE_LIST[@]}"; do
            cell=$((cell + 1))
            log "cell $cell/$cells: $workload, --db-ps-mode=$ps"
            if ((WARMUP > 0)); then
                for target in "${TARGET_LIST[@]}"; do
                    logfile="$RUN_DIR/logs/$workload-$ps-$target-warmup.log"
                    rc=0
                    run_sysbench "$workload" "$ps" "$target" "$WARMUP" "$logfile" || rc=$?
                    if ((rc != 0)); then
                        log "  warm-up $target: sysbench exit $rc; see $logfile"
                        summarize_failure "$logfile"
                        echo "warm-up $workload $ps $target: sysbench exit $rc ($logfile)" >>"$RUN_DIR/problems.txt"
                    fi
                    check_target "$target" "warm-up $workload $ps"
                done
            fi
            for ((r = 0; r < REPEAT; r++)); do
                for ((i = 0; i < n; i++)); do
                    target="${TARGET_LIST[$(((i + r) % n))]}"
                    position=$((i + 1))
                    logfile="$RUN_DIR/logs/$workload-$ps-$target-$((r + 1)).log"
                    rc=0
                    before="$(server_counters)"
                    run_sysbench "$workload" "$ps" "$target" "$DURATION" "$logfile" || rc=$?
                    after="$(server_counters)"
                    echo "$workload,$ps,$target,$((r + 1)),$(share_deltas "$before" "$after")" >>"$SHARES_CSV"
                    [[ "$target" != shardline-sharded ]] \
                        || echo "$workload,$ps,$target,$((r + 1)),$(shard_deltas "$before" "$after")" >>"$SHARD_SHARES_CSV"
                    read -r tps qps p95 avg errors reconnects < <(parse_sysbench "$logfile")
                    status=ok
                    if ((rc != 0)) || [[ "$tps" == - ]] || grep -q '^FATAL' "$logfile"; then
                        status="failed(exit $rc)"
                        echo "$workload $ps $target run $((r + 1)): sysbench exit $rc ($logfile)" >>"$RUN_DIR/problems.txt"
                    elif [[ "$errors" != 0 || "$reconnects" != 0 ]]; then
                        echo "$workload $ps $target run $((r + 1)): $errors ignored errors, $reconnects reconnects ($logfile)" \
                            >>"$RUN_DIR/problems.txt"
                    fi
                    echo "$workload,$ps,$target,$((r + 1)),$position,$THREADS,$DURATION,$tps,$qps,$p95,$avg,$errors,$reconnects,$status,logs/${logfile##*/}" >>"$CSV"
                    log "  run $((r + 1))/$REPEAT $(printf '%-9s' "$target") tps $tps  qps $qps  p95 ${p95} ms  errors $errors  $status"
                    [[ "$status" == ok ]] || summarize_failure "$logfile"
                    check_target "$target" "$workload $ps run $((r + 1))"
                done
            done
        done
    done
}

# share_deltas BEFORE AFTER: the six counters' growth, comma-separated (primary, replica1, replica2 selects,
# then their questions).
share_deltas() {
    local -a b a
    read -r -a b <<<"$1"
    read -r -a a <<<"$2"
    echo "$((a[0] - b[0])),$((a[2] - b[2])),$((a[4] - b[4])),$((a[1] - b[1])),$((a[3] - b[3])),$((a[5] - b[5]))"
}

# shard_deltas BEFORE AFTER: the growth of the two shard servers' counters: ds_0, ds_1 selects, then questions.
shard_deltas() {
    local -a b a
    read -r -a b <<<"$1"
    read -r -a a <<<"$2"
    echo "$((a[6] - b[6])),$((a[8] - b[8])),$((a[7] - b[7])),$((a[9] - b[9]))"
}

# The read/write table: tps beside direct and single-server Shardline, and where the SELECTs ran (median
# share over the measured runs).
summarize_replicas() {
    [[ " ${TARGET_LIST[*]} " == *" shardline-rw "* ]] || return 0
    local workload ps d s rw share
    {
        echo "| workload | ps-mode | tps direct | tps shardline (primary only) | tps shardline-rw | shardline-rw/direct | SELECTs on primary / replica1 / replica2 (shardline-rw) | all statements on primary / replica1 / replica2 (shardline-rw) |"
        echo "|---|---|--:|--:|--:|--:|---|---|"
        for workload in "${WORKLOAD_LIST[@]}"; do
            for ps in "${PS_MODE_LIST[@]}"; do
                d="$(median "$workload" "$ps" direct 8)"
                s="$(median "$workload" "$ps" shardline 8)"
                rw="$(median "$workload" "$ps" shardline-rw 8)"
                share="$(awk -F, -v w="$workload" -v p="$ps" '$1 == w && $2 == p && $3 == "shardline-rw" {
                        for (i = 5; i <= 10; i++) sum[i] += $i
                    } END {
                        sel = sum[5] + sum[6] + sum[7]; q = sum[8] + sum[9] + sum[10]
                        if (sel == 0 || q == 0) { print "- | -"; exit }
                        printf "%.0f%% / %.0f%% / %.0f%% | %.0f%% / %.0f%% / %.0f%%\n", 100 * sum[5] / sel,
                            100 * sum[6] / sel, 100 * sum[7] / sel, 100 * sum[8] / q, 100 * sum[9] / q, 100 * sum[10] / q
                    }' "$SHARES_CSV")"
                echo "| $workload | $ps | $d | $s | $rw | $(ratio "$rw" "$d") | $share |"
            done
        done
    } >"$RUN_DIR/replicas.md"
    cat "$RUN_DIR/replicas.md"
    echo
}

# cell_selects WORKLOAD PS TARGET: "SENT PRIMARY" summed over TARGET's measured runs in the cell (runs whose sysbench
# printed no totals left out): the SELECTs sysbench sent (the "read:" line of its output, every SELECT it ran, in a
# transaction or not) and the growth of the primary's Com_select around those runs.
cell_selects() {
    local r logfile reads sent=0 primary=0
    for ((r = 1; r <= REPEAT; r++)); do
        logfile="$RUN_DIR/logs/$1-$2-$3-$r.log"
        [[ -f "$logfile" ]] || continue
        reads="$(awk '/^ *read:/ { n = $2 } END { print n + 0 }' "$logfile")"
        ((reads > 0)) || continue
        sent=$((sent + reads))
        primary=$((primary + $(awk -F, -v w="$1" -v p="$2" -v t="$3" -v r="$r" \
            '$1 == w && $2 == p && $3 == t && $4 == r { n = $5 } END { print n + 0 }' "$SHARES_CSV")))
    done
    echo "$sent $primary"
}

# The result-cache table (--cache): direct beside the cached Shardline, and the hit ratio of the shardline runs,
# 1 - (growth of the primary's Com_select over them) / (SELECTs sysbench sent in them): a miss is one SELECT on
# the primary, a hit none. The last column tries the same count on the direct runs, where every SELECT reaches it.
summarize_cache() {
    ((CACHE)) && [[ " ${TARGET_LIST[*]} " == *" shardline "* ]] || return 0
    local workload ps d s sent primary dsent dprimary hit per errors
    {
        echo "| workload | ps-mode | tps direct | tps shardline (cached) | cached/direct | p95 ms direct | p95 ms cached | SELECTs sent (shardline runs) | primary Com_select growth (shardline runs) | **hit ratio** | Com_select growth per SELECT sent (direct runs) | shardline runs: failed, errors, reconnects |"
        echo "|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|---|"
        for workload in "${WORKLOAD_LIST[@]}"; do
            for ps in "${PS_MODE_LIST[@]}"; do
                d="$(median "$workload" "$ps" direct 8)"
                s="$(median "$workload" "$ps" shardline 8)"
                read -r sent primary < <(cell_selects "$workload" "$ps" shardline)
                read -r dsent dprimary < <(cell_selects "$workload" "$ps" direct)
                hit="$(awk -v a="$primary" -v b="$sent" 'BEGIN {
                        if (b == 0) { print "-"; exit }
                        h = sprintf("%.1f%%", 100 * (1 - a / b)); print (h == "-0.0%" ? "0.0%" : h) }')"
                per="$(awk -v a="$dprimary" -v b="$dsent" 'BEGIN { if (b == 0) print "-"; else printf "%.4f\n", a / b }')"
                errors="$(awk -F, -v w="$workload" -v p="$ps" 'NR > 1 && $1 == w && $2 == p && $3 == "shardline" {
                        n++; if ($14 != "ok") f++; e += $12; r += $13
                    } END { printf "%d of %d, %d, %d\n", f, n, e, r }' "$CSV")"
                echo "| $workload | $ps | $d | $s | $(ratio "$s" "$d") | $(median "$workload" "$ps" direct 10) | $(median "$workload" "$ps" shardline 10) | $sent | $primary | **$hit** | $per | $errors |"
            done
        done
    } >"$RUN_DIR/cache.md"
    cat "$RUN_DIR/cache.md"
    echo
}

summarize_failure() {
    log "  --- last lines of $1:"
    grep -v '^#' "$1" | tail -n 12 | sed 's/^/      /' >&2 || true
    if [[ -n "$SHARDLINE_LOG" && -f "$SHARDLINE_LOG" ]]; then
        log "  --- last lines of $SHARDLINE_LOG:"
        tail -n 8 "$SHARDLINE_LOG" | sed 's/^/      /' >&2 || true
    fi
}

# ------------------------------------------------------------------------------------------------ summary --
# median WORKLOAD PS TARGET COLUMN: the median over the successful runs, "-" if there are none.
median() {
    awk -F, -v w="$1" -v p="$2" -v t="$3" -v c="$4" \
        'NR > 1 && $1 == w && $2 == p && $3 == t && $14 == "ok" && $c != "-" { print $c }' "$CSV" \
        | sort -g | awk '{ v[NR] = $1 } END {
            if (NR == 0) print "-"
            else if (NR % 2) printf "%.2f\n", v[(NR + 1) / 2]
            else printf "%.2f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

ratio() {
    awk -v a="$1" -v b="$2" 'BEGIN { if (a == "-" || b == "-" || b + 0 == 0) print "-"; else printf "%.3f\n", a / b }'
}

# failures WORKLOAD PS: "shardline 1/3 failed; haproxy errors" etc. for the notes column.
cell_notes() {
    awk -F, -v w="$1" -v p="$2" 'NR > 1 && $1 == w && $2 == p {
            runs[$3]++
            if ($14 != "ok") failed[$3]++
            else if ($12 != "0" || $13 != "0") noisy[$3]++
        }
        END {
            sep = ""
            for (t in runs) {
                if (failed[t]) { printf "%s%s: %d/%d runs failed", sep, t, failed[t], runs[t]; sep = "; " }
                if (noisy[t]) { printf "%s%s: errors/reconnects in %d runs", sep, t, noisy[t]; sep = "; " }
            }
            print ""
        }' "$CSV"
}

# Writes the summary table: to the terminal (aligned) and as markdown rows into SUMMARY_MD.
summarize() {
    local workload ps target col d h s
    local -A med
    local header="| workload | ps-mode | tps direct | tps haproxy | tps shardline | shardline/direct | shardline/haproxy | qps direct | qps haproxy | qps shardline | p95 ms direct | p95 ms haproxy | p95 ms shardline | notes |"
    {
        echo "$header"
        echo "|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|---|"
    } >"$SUMMARY_MD"
    for workload in "${WORKLOAD_LIST[@]}"; do
        for ps in "${PS_MODE_LIST[@]}"; do
            for target in direct haproxy shardline; do
                for col in 8 9 10; do
                    med[$target.$col]="$(median "$workload" "$ps" "$target" "$col")"
                done
            done
            d="${med[direct.8]}"
            h="${med[haproxy.8]}"
            s="${med[shardline.8]}"
            echo "| $workload | $ps | $d | $h | $s | $(ratio "$s" "$d") | $(ratio "$s" "$h") | ${med[direct.9]} | ${med[haproxy.9]} | ${med[shardline.9]} | ${med[direct.10]} | ${med[haproxy.10]} | ${med[shardline.10]} | $(cell_notes "$workload" "$ps") |" >>"$SUMMARY_MD"
        done
    done
    echo
    echo "Median of $REPEAT run(s) of ${DURATION}s, $THREADS threads, $TABLES tables x $TABLE_SIZE rows (tps/qps: higher is better; p95: lower is better)"
    # The markdown table, aligned for the terminal.
    if command -v column >/dev/null 2>&1; then
        sed -e '2d' -e 's/^| //' -e 's/ |$//' -e 's/ | /\t/g' "$SUMMARY_MD" | column -t -s $'\t'
    else
        cat "$SUMMARY_MD"
    fi
    echo
}

# --------------------------------------------------------------------------------------- idle connections --
# heap_used_kib PID: used Java heap after a full GC, from jcmd GC.heap_info (G1, Parallel, Serial layouts).
heap_used_kib() {
    jcmd "$1" GC.run >/dev/null
    sleep 1
    jcmd "$1" GC.run >/dev/null
    jcmd "$1" GC.heap_info | awk '
        /Metaspace|class space/ { next }
        / total [0-9]+K, used [0-9]+K/ {
            for (i = 1; i <= NF; i++) if ($i == "used") { v = $(i + 1); sub(/K.*/, "", v); sum += v }
        }
        END { print sum + 0 }'
}

rss_kib() {
    awk '/^VmRSS:/ { print $2 }' "/proc/$1/status"
}

fd_count() {
    find "/proc/$1/fd" -mindepth 1 -maxdepth 1 2>/dev/null | wc -l
}

backend_conns() {
    sql "SELECT COUNT(*) FROM information_schema.processlist WHERE user = 'shardline'"
}

IDLE_RESULT=""

measure_idle_connections() {
    ((IDLE_CONNS > 0)) || return 0
    [[ " ${TARGET_LIST[*]} " == *" shardline "* ]] || return 0
    local pid="$SHARDLINE_PID" logfile="$RUN_DIR/idle-clients.log" line
    log "idle connections: measuring Shardline's memory for $IDLE_CONNS idle client connections"
    sleep 2
    local heap0 rss0 fd0 be0 heap1 rss1 fd1 be1 heap2 rss2 alive
    heap0="$(heap_used_kib "$pid")"
    rss0="$(rss_kib "$pid")"
    fd0="$(fd_count "$pid")"
    be0="$(backend_conns)"
    log "  before: heap used ${heap0} KiB, RSS ${rss0} KiB, ${fd0} fds, ${be0} backend connections"

    coproc IDLE { exec java -Xss256k -Xmx256m "$BENCH_DIR/IdleClients.java" 127.0.0.1 "$PROXY_PORT" "$SB_USER" \
        "$SB_PASSWORD" "$SB_DB" "$IDLE_CONNS" 2>>"$logfile"; }
    local out="${IDLE[0]:-}" in="${IDLE[1]:-}"
    line=""
    if [[ -z "$out" ]] || ! read -r -t 600 line <&"$out" || [[ "$line" != READY* ]]; then
        log "  the idle clients did not all connect: ${line:-no answer}; see $logfile"
        echo "idle connections: ${line:-no answer} (see $logfile)" >>"$RUN_DIR/problems.txt"
        stop_pid "$IDLE_PID" 5
        IDLE_PID=""
        IDLE_RESULT="failed: ${line:-no answer}"
        check_shardline "the idle-connection test"
        return 0
    fi
    sleep 3
    heap1="$(heap_used_kib "$pid")"
    rss1="$(rss_kib "$pid")"
    fd1="$(fd_count "$pid")"
    be1="$(backend_conns)"
    log "  with $IDLE_CONNS idle: heap used ${heap1} KiB, RSS ${rss1} KiB, ${fd1} fds, ${be1} backend connections"
    { echo check >&"$in"; } 2>/dev/null || true
    read -r -t 300 line <&"$out" || line="ALIVE ? ?"
    alive="${line#ALIVE }"
    log "  ping on every idle connection: ${alive% *} of ${alive#* } answered"
    { echo quit >&"$in"; } 2>/dev/null || true
    read -r -t 120 line <&"$out" || true
    stop_pid "$IDLE_PID" 10
    IDLE_PID=""
    sleep 3
    heap2="$(heap_used_kib "$pid")"
    rss2="$(rss_kib "$pid")"
    log "  after closing them: heap used ${heap2} KiB, RSS ${rss2} KiB"
    local heap_per rss_per
    heap_per="$(awk -v a="$heap1" -v b="$heap0" -v n="$IDLE_CONNS" 'BEGIN { printf "%.1f", (a - b) / n }')"
    rss_per="$(awk -v a="$rss1" -v b="$rss0" -v n="$IDLE_CONNS" 'BEGIN { printf "%.1f", (a - b) / n }')"
    log "  => ${heap_per} KiB of heap and ${rss_per} KiB of RSS per idle client connection (goal: < 100 KiB)"
    IDLE_RESULT="$(
        cat <<EOF
| | heap used (KiB) | RSS (KiB) | proxy fds | backend connections |
|---|--:|--:|--:|--:|
| before | $heap0 | $rss0 | $fd0 | $be0 |
| with $IDLE_CONNS idle clients | $heap1 | $rss1 | $fd1 | $be1 |
| after closing them | $heap2 | $rss2 | | |

**$heap_per KiB of heap per idle client connection** (goal: under 100 KiB); RSS grew by $rss_per KiB per
connection. Heap is measured with \`jcmd GC.run\` then \`jcmd GC.heap_info\`. With \`-XX:+AlwaysPreTouch\` the
heap is resident from the start, so the RSS growth is memory outside the Java heap (Netty's direct buffers,
kernel-side socket state is not counted in either). A COM_PING on every connection before closing: ${alive% *}
of ${alive#* } answered.
EOF
    )"
    printf '%s,%s,%s,%s,%s,%s,%s,%s,%s\n' "$IDLE_CONNS" "$heap0" "$heap1" "$heap2" "$rss0" "$rss1" "$rss2" \
        "$heap_per" "$rss_per" >"$RUN_DIR/idle-connections.csv"
    check_shardline "the idle-connection test"
}

# ---------------------------------------------------------------------------------------------- report --
# sharded_facts: what the machine facts say about shardline-sharded, when it is a target.
sharded_facts() {
    [[ " ${TARGET_LIST[*]} " == *" shardline-sharded "* ]] || return 0
    printf '; shardline-sharded: data sources ds_0 and ds_1 = the sandbox shard servers 127.0.0.1:%s and :%s' \
        "$(shard_port 0)" "$(shard_port 1)"
    # shellcheck disable=SC2016  # Markdown backquotes
    printf ' (innodb_buffer_pool_size %s each), tables sharded by `id` mod 2, one actual table per shard, data' \
        "$BUFFER_POOL"
    printf ' %s' "$SHARDED_PREPARED_BY"
}

# cache_facts: what the machine facts say about the result cache, with --cache.
cache_facts() {
    ((CACHE)) || return 0
    printf '; result cache on the shardline target (--cache): max-size %s, TTL %s, every table of %s' \
        "$CACHE_MAX_SIZE" "$CACHE_TTL" "$SB_DB"
}

machine_facts() {
    local cpu mem_kib jcmd_version haproxy_nbthread
    cpu="$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)"
    mem_kib="$(awk '/^MemTotal:/ { print $2 }' /proc/meminfo)"
    haproxy_nbthread="$(nproc) (default: one per CPU)"
    jcmd_version="$(java -version 2>&1 | head -n 1)"
    cat <<EOF
| | |
|---|---|
| date | $(date -u '+%Y-%m-%d %H:%M UTC') |
| Shardline commit | $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)$(git -C "$ROOT" diff --quiet HEAD 2>/dev/null || echo " (with uncommitted changes)") |
| CPU | ${cpu:-unknown} |
| cores | $(nproc) |
| RAM | $((mem_kib / 1024 / 1024)) GiB |
| kernel | $(uname -sr) |
| OS | $(. /etc/os-release 2>/dev/null && echo "${PRETTY_NAME:-unknown}") |
| load average at start | $LOAD_AT_START |
| MariaDB | $(sql "SELECT VERSION()") (sandbox primary: innodb_buffer_pool_size $BUFFER_POOL, innodb_flush_log_at_trx_commit $(sql "SELECT @@innodb_flush_log_at_trx_commit"), sync_binlog $(sql "SELECT @@sync_binlog"), binlog on, replicas $( ((PAUSE_REPLICAS)) && echo paused || echo replicating)) |
| sysbench | $(sysbench --version) |
| HAProxy | $(haproxy -v | head -n 1 | sed 's/ - https.*//'), mode tcp, nbthread $haproxy_nbthread |
| Java | $jcmd_version |
| Shardline JVM options | \`$JVM_OPTS\` |
| Shardline settings | worker-threads 0 (one event loop per core), TLS disabled, pool max-size $POOL_MAX, one data source (the primary)$(cache_facts)$(sharded_facts) |
| sysbench threads | $THREADS$( ((SKIP_TRX)) && echo ", oltp_read_only with --skip_trx=on (autocommit reads, no BEGIN/COMMIT)") |
| duration | ${DURATION}s per measured run, ${WARMUP}s warm-up per target and cell (not recorded), $REPEAT measured run(s) per target in rotating order, median reported |
| data | $TABLES tables x $TABLE_SIZE rows |
| network | everything on 127.0.0.1: sysbench, the proxies and MariaDB share the same $(nproc) cores |
EOF
}

write_report() {
    local md="$RESULTS_DIR/$STAMP.md"
    {
        echo "## Shardline benchmark, $(date -u '+%Y-%m-%d')"
        echo
        echo "Produced by \`bench/run.sh${ARGS_TEXT:+ $ARGS_TEXT}\`; raw numbers: \`bench/results/$STAMP.csv\`."
        echo
        echo "### Machine and setup"
        echo
        echo "$FACTS"
        echo
        echo "### Throughput and latency (median of $REPEAT run(s) of ${DURATION}s)"
        echo
        echo "The ratios compare transactions per second; above 1 would mean faster than the reference."
        echo
        cat "$SUMMARY_MD"
        echo
        if ((IDLE_CONNS > 0)); then
            echo "### Memory per idle client connection"
            echo
            echo "${IDLE_RESULT:-not measured}"
            echo
        fi
        if [[ -s "$RUN_DIR/replicas.md" ]]; then
            echo "### Read/write splitting (median of $REPEAT run(s) of ${DURATION}s)"
            echo
            echo "shardline-rw: the primary and its two replicas (weight 1 each, global-causal consistency); the"
            echo "other targets use the primary alone, with the replicas replicating during every run. Shares are"
            echo "the growth of each server's Com_select and Questions over the shardline-rw runs (health checks"
            echo "included); raw numbers: \`bench/results/$STAMP-shares.csv\`."
            echo
            cat "$RUN_DIR/replicas.md"
            echo
        fi
        if [[ -s "$RUN_DIR/sharded.md" ]]; then
            echo "### Sharding (median of $REPEAT run(s) of ${DURATION}s)"
            echo
            echo "shardline-sharded: the sysbench tables sharded by \`id\` mod 2 over the sandbox's two shard servers"
            echo "(data sources ds_0 and ds_1), data $SHARDED_PREPARED_BY; the other targets"
            echo "read the primary, which holds every row. The ratios compare transactions per second. SELECT shares"
            echo "are the growth of each shard server's Com_select over the shardline-sharded runs; raw numbers:"
            echo "\`bench/results/$STAMP-shard-shares.csv\`. Rows per shard (read on the shard servers directly):"
            echo
            printf '%s' "$SHARD_LAYOUT" | sed 's/^/- /'
            echo
            cat "$RUN_DIR/sharded.md"
            echo
        fi
        if [[ -s "$RUN_DIR/cache.md" ]]; then
            echo "### Result cache (median of $REPEAT run(s) of ${DURATION}s)"
            echo
            echo "shardline (cached): Shardline over the primary with a result cache (max-size $CACHE_MAX_SIZE, TTL"
            echo "$CACHE_TTL, every table of \`$SB_DB\` cached); direct as above. The ratio compares transactions per"
            echo "second. Hit ratio = 1 - (growth of the primary's Com_select over the shardline runs) / (SELECTs"
            echo "sysbench sent in those runs: the \"read:\" totals it prints). A miss is one SELECT on the primary, a"
            echo "hit none; the Com_select growth also counts Shardline's health checks (one SELECT every 500 ms) and"
            echo "one counter read per run, so the ratio is understated by about $((DURATION * 2 + 1)) SELECTs per run."
            echo "The same count over the direct runs, where every SELECT reaches the primary, should come out a little"
            echo "above 1 (the method's check). SELECTs inside BEGIN ... COMMIT are never cached (oltp_read_write, and"
            echo "oltp_read_only without --skip-trx). Raw counters: \`bench/results/$STAMP-shares.csv\`."
            echo
            cat "$RUN_DIR/cache.md"
            echo
        fi
        if [[ -s "$RUN_DIR/problems.txt" ]]; then
            echo "### Problems seen during the run"
            echo
            sed 's/^/- /' "$RUN_DIR/problems.txt"
            echo
        fi
    } >"$md"
    rm -f "$SUMMARY_MD"
    log "wrote $CSV"
    log "wrote $md"
}

# ------------------------------------------------------------------------------------------------- main --
main() {
    ARGS_TEXT="$*"
    parse_args "$@"
    STAMP="$(date +%Y%m%d-%H%M%S)"
    mkdir -p "$RESULTS_DIR"
    RESULTS_DIR="$(cd "$RESULTS_DIR" && pwd)"
    RUN_DIR="$RESULTS_DIR/$STAMP"
    CSV="$RESULTS_DIR/$STAMP.csv"
    SHARES_CSV="$RESULTS_DIR/$STAMP-shares.csv"
    SHARD_SHARES_CSV="$RESULTS_DIR/$STAMP-shard-shares.csv"
    SUMMARY_MD="$RUN_DIR/summary.md"
    mkdir -p "$RUN_DIR/logs"
    : >"$RUN_DIR/problems.txt"
    LOAD_AT_START="$(cut -d' ' -f1-3 /proc/loadavg)"

    trap cleanup EXIT
    trap 'exit 130' INT
    trap 'exit 143' TERM

    prerequisites
    sandbox_up
    tune_sandbox
    prepare_data
    [[ " ${TARGET_LIST[*]} " != *" haproxy "* ]] || start_haproxy
    [[ " ${TARGET_LIST[*]} " != *" shardline "* ]] || start_shardline
    [[ " ${TARGET_LIST[*]} " != *" shardline-rw "* ]] || start_shardline rw
    [[ " ${TARGET_LIST[*]} " != *" shardline-sharded "* ]] || prepare_sharded_data
    FACTS="$(machine_facts)"

    local runs=$((${#WORKLOAD_LIST[@]} * ${#PS_MODE_LIST[@]} * ${#TARGET_LIST[@]}))
    local estimate=$((runs * (REPEAT * DURATION + WARMUP)))
    log "$runs target x cell combinations, ${REPEAT} x ${DURATION}s each + ${WARMUP}s warm-up: about $((estimate / 60 + 1)) min"
    consistency_check "before the runs"
    run_cells
    consistency_check "after the runs"
    measure_idle_connections
    proxy_log_problems
    summarize
    summarize_replicas
    summarize_sharded
    summarize_cache
    write_report
    if [[ -s "$RUN_DIR/problems.txt" ]]; then
        log "problems were seen; see $RUN_DIR/problems.txt"
    fi
}

# One line: bash reads a script as it runs it, and must not read past this if the file changes during a run.
main "$@"; exit $?
