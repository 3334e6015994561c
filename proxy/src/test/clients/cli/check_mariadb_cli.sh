#!/usr/bin/env bash
# The mariadb command-line client through Shardline vs directly against MariaDB. Runs scenario.sql (which also
# uses \s, USE, DELIMITER, several statements per line, and `source sourced.sql`), batch-mode -e commands and
# failing logins against both, normalises what legitimately differs (connection id, uptime, timings, port), and
# diffs. TLS and caching_sha2_password logins exist only on Shardline (the sandbox MariaDB has TLS disabled and no
# caching_sha2_password): their output must equal the direct plain-TCP output.
# Ports and users from the environment (run-all.sh sets them); outputs in $CHECK_OUT_DIR (or a temporary folder).
set -uo pipefail
cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" || exit 1

HOST="${CHECK_HOST:-127.0.0.1}" SCHEMA="${CHECK_SCHEMA:-clients_check}"
DIRECT_PORT="${DIRECT_PORT:-29316}" DIRECT_USER="${DIRECT_USER:-shardline}" DIRECT_PASSWORD="${DIRECT_PASSWORD:-shardline}"
PROXY_PORT="${PROXY_PORT:-29307}" PROXY_USER="${PROXY_USER:-shardline}" PROXY_PASSWORD="${PROXY_PASSWORD:-shardline}"
SHA2_PASSWORD="${SHA2_PASSWORD:-sha2pass}"
OUT="${CHECK_OUT_DIR:-$(mktemp -d)}"
mkdir -p "$OUT"
passed=0 failed=0

# client LABEL PORT USER PASSWORD [mariadb options...]: runs mariadb with $INPUT (a file; none by default) on
# stdin, and saves stdout, then stderr, then the exit code into $OUT/LABEL.out.
INPUT=/dev/null
client() {
    local label="$1" port="$2" user="$3" password="$4"
    shift 4
    timeout 60 mariadb -h"$HOST" -P"$port" -u"$user" -p"$password" --connect-timeout=20 \
        --default-character-set=utf8mb4 "$@" < "$INPUT" > "$OUT/$label.out" 2> "$OUT/$label.err"
    local code=$?
    { echo "--- stderr:"; cat "$OUT/$label.err"; echo "--- exit code: $code"; } >> "$OUT/$label.out"
}

# What may differ between two servers, or between two runs: connection ids, uptime and counters, timings, ports.
normalize() {
    sed -E -e 's/^(Connection id:[[:space:]]+).*/\1<id>/' -e '/^Uptime:/d' -e '/^Threads: /d' \
        -e 's/^(TCP port:[[:space:]]+).*/\1<port>/' -e 's/\([0-9.]+ sec\)/(<time>)/' \
        -e "s/-P[0-9]+/-P<port>/" "$1"
}

# compare NAME DIRECT_LABEL PROXY_LABEL [sed expression for lines expected to differ]
compare() {
    local name="$1" direct="$OUT/$2.out" proxy="$OUT/$3.out" expected="${4:-}"
    local d p
    d="$(normalize "$direct")" p="$(normalize "$proxy")"
    # Deliberate: Shardline greets with '5.7.19-<backend version>' (ServerVersions.java). Shown, not failing.
    if ! diff <(grep '^Server version:' <<< "$d") <(grep '^Server version:' <<< "$p") > /dev/null; then
        echo "NOTE  $name: Server version differs (deliberate, ServerVersions.java):"
        diff <(grep '^Server version:' <<< "$d") <(grep '^Server version:' <<< "$p") | grep '^[<>]' | sed 's/^/        /'
    fi
    d="$(grep -v '^Server version:' <<< "$d")" p="$(grep -v '^Server version:' <<< "$p")"
    if [[ -n "$expected" ]]; then
        d="$(sed -E "$expected" <<< "$d")" p="$(sed -E "$expected" <<< "$p")"
    fi
    if diff -u --label "direct ($2)" --label "proxy ($3)" <(echo "$d") <(echo "$p") > "$OUT/$name.diff"; then
        passed=$((passed + 1))
        echo "PASS  $name"
    else
        failed=$((failed + 1))
        echo "FAIL  $name (full diff: $OUT/$name.diff)"
        grep '^[-+][^-+]' "$OUT/$name.diff" | head -40 | sed 's/^/        /'
    fi
}

# expect NAME LABEL PATTERN: a single output must contain PATTERN (extended regex).
expect() {
    if grep -Eq "$3" "$OUT/$2.out"; then
        passed=$((passed + 1))
        echo "PASS  $1"
    else
        failed=$((failed + 1))
        echo "FAIL  $1: '$3' not in the output:"
        head -20 "$OUT/$2.out" | sed 's/^/        /'
    fi
}

SCRIPT_OPTS=(--force -vvv --show-warnings --column-type-info --binary-as-hex "$SCHEMA")
run_both() { # NAME [options...]: the same client invocation directly and through Shardline (plain TCP)
    local name="$1"
    shift
    client "direct-$name" "$DIRECT_PORT" "$DIRECT_USER" "$DIRECT_PASSWORD" --skip-ssl "$@"
    client "proxy-$name" "$PROXY_PORT" "$PROXY_USER" "$PROXY_PASSWORD" --skip-ssl "$@"
    compare "$name" "direct-$name" "proxy-$name"
}

# 1. The scenario script on stdin: results, column types, affected rows, info lines, warnings, errors.
INPUT=scenario.sql run_both script "${SCRIPT_OPTS[@]}"
# 2. Batch mode with -e: several statements, tab-separated output, and a failing statement's exit code.
run_both batch-multi -B -e "SELECT 1 AS a, 'x' AS b; SELECT @@session.sql_mode; DO 1; SHOW WARNINGS" "$SCHEMA"
run_both batch-error -B -e "SELECT 1; SELECT * FROM no_such_table_xyz; SELECT 'not reached'" "$SCHEMA"
run_both batch-status -e '\s' "$SCHEMA"
run_both batch-use -B -N -e "USE mysql; SELECT DATABASE(); USE $SCHEMA; SELECT DATABASE()"
# LOAD DATA LOCAL INFILE: the client sends the file when the server asks (net_read_timeout keeps a miss short).
printf '1,one\n2,two\n3,"three, with comma"\n' > "$OUT/data.csv"
run_both local-infile --local-infile=1 -vvv -e "SET SESSION net_read_timeout = 5; CREATE TEMPORARY TABLE li (a INT,
  b VARCHAR(40)); LOAD DATA LOCAL INFILE '$OUT/data.csv' INTO TABLE li FIELDS TERMINATED BY ',' OPTIONALLY ENCLOSED
  BY '\"'; SELECT * FROM li" "$SCHEMA"
# 3. Failing logins.
client direct-wrong-password "$DIRECT_PORT" "$DIRECT_USER" wrong-password --skip-ssl -e "SELECT 1" "$SCHEMA"
client proxy-wrong-password "$PROXY_PORT" "$PROXY_USER" wrong-password --skip-ssl -e "SELECT 1" "$SCHEMA"
compare wrong-password direct-wrong-password proxy-wrong-password
run_both unknown-schema -e "SELECT 1" no_such_schema

# 4. TLS to Shardline (self-signed, not verified): same output as direct over plain TCP, apart from the SSL line.
SSL_LINE='s/^(SSL:[[:space:]]+).*/\1<ssl>/'
INPUT=scenario.sql client proxy-tls-script "$PROXY_PORT" "$PROXY_USER" "$PROXY_PASSWORD" --ssl "${SCRIPT_OPTS[@]}"
compare tls-script direct-script proxy-tls-script "$SSL_LINE"
expect tls-cipher-in-use proxy-tls-script '^SSL:[[:space:]]+Cipher in use is'

# 5. caching_sha2_password accounts: full authentication first (over TLS; over plain TCP with the server's RSA
# key), then the cached fast path on the next login; and a wrong password.
for kind in tls rsa; do
    user="sha2_${kind}_cli"
    [[ $kind == tls ]] && ssl=--ssl || ssl=--skip-ssl
    INPUT=scenario.sql client "sha2-$kind-first" "$PROXY_PORT" "$user" "$SHA2_PASSWORD" "$ssl" "${SCRIPT_OPTS[@]}"
    compare "sha2-$kind-full-auth" direct-script "sha2-$kind-first" "$SSL_LINE"
    client "sha2-$kind-again" "$PROXY_PORT" "$user" "$SHA2_PASSWORD" "$ssl" -B \
        -e "SELECT 1 AS a, 'x' AS b; SELECT @@session.sql_mode; DO 1; SHOW WARNINGS" "$SCHEMA"
    compare "sha2-$kind-fast-path" direct-batch-multi "sha2-$kind-again"
    client "sha2-$kind-wrong" "$PROXY_PORT" "$user" wrong-password "$ssl" -e "SELECT 1" "$SCHEMA"
    compare "sha2-$kind-wrong-password" direct-wrong-password "sha2-$kind-wrong" "s/'$user'@/'$DIRECT_USER'@/"
done
expect sha2-tls-cipher-in-use sha2-tls-first '^SSL:[[:space:]]+Cipher in use is'
# A salted (pbkdf2) hash serves caching_sha2_password only (run-all.sh creates the account sha2_pbkdf2).
client sha2-pbkdf2 "$PROXY_PORT" sha2_pbkdf2 "$SHA2_PASSWORD" --ssl -B \
    -e "SELECT 1 AS a, 'x' AS b; SELECT @@session.sql_mode; DO 1; SHOW WARNINGS" "$SCHEMA"
compare sha2-pbkdf2-login direct-batch-multi sha2-pbkdf2

echo "mariadb-cli: $passed passed, $failed failed"
[[ $failed -eq 0 ]]
