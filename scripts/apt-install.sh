#!/usr/bin/env bash
# Installs Debian packages a test needs, as root (CI) or with a password-less sudo; otherwise says
# what to run and leaves (the tests that need them are skipped outside CI, fail in CI).
# Usage: apt-install.sh "<what, for the messages>" "<what happens without them>" package…
set -euo pipefail
what="$1"; without="$2"; shift 2
if [ "$(id -u)" = "0" ]; then
  SUDO=""
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  SUDO="sudo"
else
  echo "$what : absent, et impossible à installer sans droits d'administration :" >&2
  echo "  sudo apt-get install $*" >&2
  echo "  ($without)" >&2
  exit 0
fi
echo "Installation de $what (paquets Debian : $*)…"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "$@" >/dev/null
