#!/usr/bin/env bash
# Serves the demo: the web server, one background-task worker, and the periodic job every minute.
set -euo pipefail
BIN="${BIN:-.venv/bin}"
HOST="${HOST:-127.0.0.1}"
PORT="${PORT:-8000}"
export DEBUG="${DEBUG:-1}"

"$BIN/billetterie" db_worker --interval 1 >var/worker.log 2>&1 &
worker=$!
( while sleep 60; do "$BIN/billetterie" run_periodic >>var/periodic.log 2>&1 || true; done ) &
periodic=$!
trap 'kill $worker $periodic 2>/dev/null || true' EXIT INT TERM

echo "Travailleur de tâches lancé (journal : var/worker.log) ; tâches périodiques chaque minute (var/periodic.log)."
"$BIN/billetterie" runserver "$HOST:$PORT"
