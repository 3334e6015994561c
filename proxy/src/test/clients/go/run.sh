#!/usr/bin/env bash
# Builds and runs the go-sql-driver/mysql check (see check_go_mysql.go). Offline: the driver is Debian's
# golang-github-go-sql-driver-mysql-dev (v1.5.0), wired in by the replace line of go.mod.
set -euo pipefail
cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")"
if [[ ! -f /usr/share/gocode/src/github.com/go-sql-driver/mysql/go.mod ]]; then
    echo "go-sql-driver/mysql source missing: apt-get install golang-github-go-sql-driver-mysql-dev" >&2
    exit 1
fi
export GOFLAGS=-mod=mod GOPROXY=off GOTOOLCHAIN=local GOTELEMETRY=off
exec go run .
