#!/usr/bin/env bash
# Installs Debian's Chromium for the browser tests when it is missing (CI runs as root).
set -euo pipefail
if command -v chromium >/dev/null 2>&1 || [ -x /usr/bin/chromium ]; then
  exit 0
fi
if [ "$(id -u)" = "0" ]; then
  SUDO=""
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  SUDO="sudo"
else
  echo "Chromium est absent et ne peut pas être installé sans droits d'administration :" >&2
  echo "  sudo apt-get install chromium   (les tests dans le navigateur seront ignorés)" >&2
  exit 0
fi
echo "Installation de Chromium (paquet Debian) pour les tests dans le navigateur…"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null
