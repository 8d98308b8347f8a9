#!/usr/bin/env bash
# Installs Debian's sox (with MP3 support) and espeak-ng for the contest's tests, which encode real
# MP3 and Ogg files (CI runs as root; CI=true: missing → those tests fail).
set -euo pipefail
if command -v sox >/dev/null 2>&1 && sox -h 2>/dev/null | grep -q "mp3" \
   && command -v espeak-ng >/dev/null 2>&1; then
  exit 0
fi
exec bash "$(dirname "$0")/apt-install.sh" "sox et espeak-ng, pour les tests du jeu-concours" \
  "hors CI les tests qui encodent du MP3 et de l'Ogg seront ignorés ; en CI ils échoueront" \
  sox libsox-fmt-mp3 espeak-ng
