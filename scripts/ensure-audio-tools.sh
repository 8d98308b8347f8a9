#!/usr/bin/env bash
# Installs Debian's sox (with MP3 support) and espeak-ng for the contest's tests, which encode real
# MP3 and Ogg files (CI runs as root; CI=true: missing → those tests fail). Modelled on
# ensure-chromium.sh.
set -euo pipefail
if command -v sox >/dev/null 2>&1 && sox -h 2>/dev/null | grep -q "mp3" \
   && command -v espeak-ng >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" = "0" ]; then
  SUDO=""
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  SUDO="sudo"
else
  echo "sox ou espeak-ng est absent et ne peut pas être installé sans droits d'administration :" >&2
  echo "  sudo apt-get install sox libsox-fmt-mp3 espeak-ng" >&2
  echo "  (hors CI les tests qui encodent du MP3 et de l'Ogg seront ignorés ; en CI ils échoueront)" >&2
  exit 0
fi
echo "Installation de sox et espeak-ng (paquets Debian) pour les tests du jeu-concours…"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends sox libsox-fmt-mp3 espeak-ng >/dev/null
