#!/usr/bin/env bash
# Make sure PostgreSQL (127.0.0.1:5432) and Redis (127.0.0.1:6379) answer, for `make test`.
# Starts them when installed but down; installs them with apt-get when missing and we are root.
set -euo pipefail

pg_up() { pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; }
redis_up() { redis-cli -h 127.0.0.1 -p 6379 ping 2>/dev/null | grep -q PONG; }
wait_for() { for _ in $(seq 1 30); do "$1" && return 0; sleep 0.5; done; return 1; }

install_packages() {
  if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null; then
    echo "Missing $*: install them (Debian: sudo apt-get install -y $*) and run make test again." >&2
    exit 1
  fi
  echo "Installing $* with apt-get..."
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@" >/dev/null || {
    apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@" >/dev/null
  }
}

if ! pg_up; then
  if ! ls /etc/postgresql/*/main >/dev/null 2>&1; then
    install_packages postgresql
  fi
  echo "Starting PostgreSQL..."
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | sort -V | tail -n 1)" main start || true
  wait_for pg_up || { echo "PostgreSQL did not start on 127.0.0.1:5432." >&2; exit 1; }
fi

if ! redis_up; then
  command -v redis-server >/dev/null || install_packages redis-server
  echo "Starting Redis..."
  redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no >/dev/null
  wait_for redis_up || { echo "Redis did not start on 127.0.0.1:6379." >&2; exit 1; }
fi
