#!/usr/bin/env bash
# `make run`: migrate, load demo data, then run the web server, a Celery worker and Celery beat
# together until Ctrl-C, which stops all three.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin
PORT=${PORT:-8000}
HOST=${HOST:-127.0.0.1}

mkdir -p var
$BIN/python manage.py migrate --no-input -v 0
$BIN/python manage.py collectstatic --no-input -v 0
$BIN/python manage.py seed_demo

pids=()
stop() {
  trap - INT TERM EXIT
  echo
  echo "Stopping web server, worker and beat..."
  kill "${pids[@]}" 2>/dev/null || true
  wait 2>/dev/null || true
}
trap stop INT TERM EXIT

$BIN/python manage.py runserver "$HOST:$PORT" --noreload & pids+=($!)
$BIN/celery -A portal worker --loglevel INFO --concurrency 2 --hostname "worker@%h" & pids+=($!)
$BIN/celery -A portal beat --loglevel INFO --pidfile= & pids+=($!)

# Print the addresses once the site answers.
for _ in $(seq 1 60); do
  if $BIN/python -c "import urllib.request; urllib.request.urlopen('http://$HOST:$PORT/', timeout=5)" 2>/dev/null; then
    break
  fi
  sleep 0.5
done
cat <<MSG

  Site:   http://$HOST:$PORT/
  Admin:  http://$HOST:$PORT/admin/
  Health: http://$HOST:$PORT/healthz

  Web server, Celery worker and Celery beat are running. Press Ctrl-C to stop all three.

MSG
wait -n "${pids[@]}"
echo "A process stopped; shutting down the others." >&2
