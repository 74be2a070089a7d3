#!/usr/bin/env bash
# The system tools Vanban starts, installed with apt-get where we are root (CI, a
# fresh container); elsewhere the missing ones are named and the documents that need
# them get an error in their record (nothing crashes):
#   tesseract-ocr, tesseract-ocr-vie  scans and images (OCR)
#   libreoffice-writer-nogui          .doc, .rtf, .odt; the tests' PDF and .doc exports
#   antiword, catdoc                  .doc without LibreOffice
#   fonts-dejavu-core                 Vietnamese in the pages the tests draw
#   chromium, chromium-driver         the review report's browser test (Selenium)
#   python3-venv                      the project's .venv
set -euo pipefail

packages=()
python3 -c 'import venv, ensurepip' 2>/dev/null || packages+=(python3-venv)
command -v tesseract >/dev/null || packages+=(tesseract-ocr)
{ tesseract --list-langs 2>/dev/null || true; } | grep -qx vie || packages+=(tesseract-ocr-vie)
command -v soffice >/dev/null || packages+=(libreoffice-writer-nogui)
command -v antiword >/dev/null || packages+=(antiword)
command -v catdoc >/dev/null || packages+=(catdoc)
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf ] || packages+=(fonts-dejavu-core)
command -v chromium >/dev/null || packages+=(chromium)
command -v chromedriver >/dev/null || packages+=(chromium-driver)
[ "${#packages[@]}" -eq 0 ] && exit 0

if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "installing ${packages[*]}" >&2
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${packages[@]}" \
        || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
            "${packages[@]/libreoffice-writer-nogui/libreoffice-writer}"
else
    echo "vanban: not installed: ${packages[*]} (apt-get install them as root; until then the" \
        "documents that need them get an error in their record, and their tests skip)" >&2
fi
