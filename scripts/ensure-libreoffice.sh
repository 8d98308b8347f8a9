#!/usr/bin/env bash
# Installs Debian's LibreOffice Calc (without the graphical interface) for the test that opens the
# ticket-office export in a real spreadsheet (CI runs as root). Modelled on ensure-chromium.sh.
set -euo pipefail
if command -v soffice >/dev/null 2>&1 || command -v libreoffice >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" = "0" ]; then
  SUDO=""
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  SUDO="sudo"
else
  echo "LibreOffice est absent et ne peut pas être installé sans droits d'administration :" >&2
  echo "  sudo apt-get install libreoffice-calc-nogui" >&2
  echo "  (hors CI le test qui ouvre l'export dans LibreOffice sera ignoré ; en CI il échouera)" >&2
  exit 0
fi
echo "Installation de LibreOffice Calc (paquet Debian, sans interface graphique) pour les tests des exports…"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends libreoffice-calc-nogui >/dev/null
