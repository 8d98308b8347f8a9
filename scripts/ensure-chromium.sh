#!/usr/bin/env bash
# Installs Debian's Chromium for the browser tests when it is missing (CI runs as root).
set -euo pipefail
if command -v chromium >/dev/null 2>&1 || [ -x /usr/bin/chromium ]; then
  exit 0
fi
exec bash "$(dirname "$0")/apt-install.sh" "Chromium, pour les tests dans le navigateur" \
  "les tests dans le navigateur seront ignorés" chromium fonts-dejavu-core
