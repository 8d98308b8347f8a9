#!/usr/bin/env bash
# The demo as a user meets it (`make demo`, `make serve`, `make demo-reset`), served as in
# production: DEBUG off (the platform's French error pages, never Django's technical ones), static
# files collected and served by whitenoise, a secret key of this clone's own; the links of the
# e-mails and of the command's summary (SITE_URL) and ALLOWED_HOSTS follow HOST and PORT.
#
#   demo.sh load    prepare the database (migrate) and load the demo if it is not there yet
#   demo.sh serve   the web server, one background-task worker and the periodic job every minute
#   demo.sh reset   remove the demo's database (SQLite) and uploaded files, then load it again
#
# Environment: BIN (the virtualenv's bin), HOST and PORT (where the server listens), and, to
# override what is derived from them, SITE_URL and ALLOWED_HOSTS.
set -euo pipefail

BIN="${BIN:-.venv/bin}"
HOST="${HOST:-127.0.0.1}"
PORT="${PORT:-8000}"
DATA_DIR="${BILLETTERIE_DATA_DIR:-var}"
mkdir -p "$DATA_DIR"

# An IPv6 address is written in brackets in a URL and in ALLOWED_HOSTS.
if [[ "$HOST" == *:* && "$HOST" != \[* ]]; then
  url_host="[$HOST]"
else
  url_host="$HOST"
fi
case "$HOST" in
  0.0.0.0 | :: | "[::]")
    # Every interface: the server cannot know the name people will type; SITE_URL says it
    # (make demo HOST=0.0.0.0 SITE_URL=http://192.168.1.20:8000).
    export SITE_URL="${SITE_URL:-http://127.0.0.1:$PORT}"
    export ALLOWED_HOSTS="${ALLOWED_HOSTS:-*}"
    ;;
  *)
    export SITE_URL="${SITE_URL:-http://$url_host:$PORT}"
    site_host="${SITE_URL#*://}"
    site_host="${site_host%%/*}"
    if [[ "$site_host" != \[* ]]; then site_host="${site_host%:*}"; else site_host="${site_host%%]*}]"; fi
    names=("$url_host" "$site_host")
    case "$HOST" in
      127.0.0.1 | localhost | ::1 | "[::1]") names+=(127.0.0.1 localhost "[::1]") ;;
    esac
    hosts=""
    for name in "${names[@]}"; do
      [[ ",$hosts," == *",$name,"* ]] || hosts="${hosts:+$hosts,}$name"
    done
    export ALLOWED_HOSTS="${ALLOWED_HOSTS:-$hosts}"
    ;;
esac
export SITE_URL="${SITE_URL%/}"

# Served as in production. The published demo passwords are why loading asks for DEBUG=1 (below,
# for that one command); everything else runs with DEBUG off and this clone's own secret key.
export DEBUG=0
key_file="$DATA_DIR/demo-secret-key"
if [[ ! -s "$key_file" ]]; then
  (umask 077 && "$BIN/python" -c 'import secrets; print(secrets.token_urlsafe(50))' >"$key_file")
fi
SECRET_KEY="$(cat "$key_file")"
export SECRET_KEY

pid_file="$DATA_DIR/demo-server.pid"

running() {
  [[ -s "$pid_file" ]] && kill -0 "$(cat "$pid_file")" 2>/dev/null
}

load() {
  "$BIN/billetterie" migrate --noinput -v 0
  DEBUG=1 "$BIN/billetterie" load_demo
}

serve() {
  if running; then
    echo "La démonstration tourne déjà (processus $(cat "$pid_file")) : arrêtez-la d'abord (Ctrl-C dans son terminal) ; si elle ne tourne plus, supprimez $pid_file." >&2
    exit 1
  fi
  "$BIN/billetterie" collectstatic --noinput -v 0
  echo $$ >"$pid_file"

  "$BIN/billetterie" db_worker --interval 1 >"$DATA_DIR/worker.log" 2>&1 &
  worker=$!
  (
    trap 'kill $! 2>/dev/null; exit 0' TERM
    while true; do
      sleep 60 &
      wait $!
      "$BIN/billetterie" run_periodic || true
    done
  ) >>"$DATA_DIR/periodic.log" 2>&1 &
  periodic=$!
  trap 'kill $worker $periodic 2>/dev/null || true; rm -f "$pid_file"' EXIT
  trap 'echo; echo "Démonstration arrêtée."; exit 0' INT TERM

  echo
  echo "Démonstration : $SITE_URL/"
  echo "  Se connecter : $SITE_URL/compte/connexion/ (comptes et mot de passe ci-dessus et dans le README)"
  echo "  E-mails et SMS envoyés : $DATA_DIR/worker.log ; codes de connexion par e-mail : dans ce terminal"
  echo "  Arrêter : Ctrl-C. Tout recommencer : make demo-reset, puis make demo."
  echo
  "$BIN/billetterie" runserver --noreload "$HOST:$PORT"
}

reset() {
  if running; then
    echo "La démonstration tourne (processus $(cat "$pid_file")) : arrêtez-la d'abord (Ctrl-C dans son terminal), puis relancez make demo-reset ; si elle ne tourne plus, supprimez $pid_file." >&2
    exit 1
  fi
  if [[ -n "${DATABASE_URL:-}" ]]; then
    # A database of its own (PostgreSQL…): remove the demo's campaign, associations and accounts
    # and load them again, in one transaction; nothing else in that database is touched.
    "$BIN/billetterie" migrate --noinput -v 0
    DEBUG=1 "$BIN/billetterie" load_demo --reset
  else
    rm -f "$DATA_DIR/billetterie.sqlite3" "$DATA_DIR/billetterie.sqlite3-wal" \
      "$DATA_DIR/billetterie.sqlite3-shm" "$DATA_DIR/worker.log" "$DATA_DIR/periodic.log"
    rm -rf "$DATA_DIR/media"
    echo "Base de démonstration supprimée ($DATA_DIR/billetterie.sqlite3, fichiers déposés) ; nouveau chargement…"
    load
  fi
  echo "Démonstration remise à zéro : lancez make demo."
}

case "${1:-}" in
  load) load ;;
  serve) serve ;;
  reset) reset ;;
  *)
    echo "usage : $0 load|serve|reset" >&2
    exit 2
    ;;
esac
