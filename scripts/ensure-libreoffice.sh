#!/usr/bin/env bash
# Installs Debian's LibreOffice Calc (without the graphical interface) for the test that opens the
# ticket-office export in a real spreadsheet (CI runs as root).
set -euo pipefail
if command -v soffice >/dev/null 2>&1 || command -v libreoffice >/dev/null 2>&1; then
  exit 0
fi
exec bash "$(dirname "$0")/apt-install.sh" "LibreOffice Calc, pour les tests des exports" \
  "hors CI le test qui ouvre l'export dans LibreOffice sera ignoré ; en CI il échouera" \
  libreoffice-calc-nogui
