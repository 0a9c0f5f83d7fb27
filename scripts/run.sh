#!/usr/bin/env bash
# `make run`: migrate, load demo data, then run the web server, a Celery worker and Celery beat
# together until Ctrl-C (SIGINT) or SIGTERM, which stops all three within 10 seconds.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin
PORT=${PORT:-8000}
HOST=${HOST:-127.0.0.1}
# Seconds the three get to stop by themselves before they and their children are killed.
GRACE=${RUN_STOP_GRACE:-8}

mkdir -p "${PORTAL_VAR_DIR:-var}"
$BIN/python manage.py migrate --no-input -v 0
$BIN/python manage.py collectstatic --no-input -v 0
$BIN/python manage.py seed_demo

# Each service runs in its own process group (setsid), so that Ctrl-C in the terminal reaches this
# script only: it sends one SIGTERM to each group (a second signal would make Celery stop cold
# half-way), waits, and kills whatever is left, the worker's pool processes included.
groups=()
stopping=0
alive() {
  local group
  for group in "${groups[@]}"; do
    kill -0 -- "-$group" 2>/dev/null && return 0
  done
  return 1
}
stop() {
  [ "$stopping" = 1 ] && return
  stopping=1
  trap '' INT TERM
  echo
  echo "Stopping web server, worker and beat..."
  local group deadline=$((SECONDS + GRACE))
  for group in "${groups[@]}"; do kill -TERM -- "-$group" 2>/dev/null || true; done
  while alive && [ "$SECONDS" -lt "$deadline" ]; do sleep 0.2; done
  for group in "${groups[@]}"; do kill -KILL -- "-$group" 2>/dev/null || true; done
  wait 2>/dev/null || true
  echo "Stopped."
}
trap 'stop; exit 130' INT
trap 'stop; exit 143' TERM
trap stop EXIT

setsid $BIN/python manage.py runserver "$HOST:$PORT" --noreload & groups+=($!)
setsid $BIN/celery -A portal worker --loglevel INFO --concurrency 2 --hostname "worker@%h" & groups+=($!)
setsid $BIN/celery -A portal beat --loglevel INFO --pidfile= & groups+=($!)

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
wait -n "${groups[@]}"
echo "A process stopped; shutting down the others." >&2
