#!/usr/bin/env bash
# Runs the real-Chromium browser tests and lists the screenshots they wrote, for the README and for looking at.
#   scripts/screenshots.sh                       all browser tests
#   scripts/screenshots.sh --filter Directory    extra arguments go to dotnet test
# Needs Debian's Chromium at /usr/bin/chromium (apt-get install -y chromium; fonts-noto-cjk for Chinese glyphs),
# or WEIMIN_CHROMIUM pointing at another build. Never `playwright install`.
set -uo pipefail
cd "$(dirname "$0")/.."
out=artifacts/screenshots
mkdir -p "$out"
marker=$(mktemp); trap 'rm -f "$marker"' EXIT
dotnet test tests/Weimin.BrowserTests "$@"
status=$?
echo
echo "Screenshots written to $out/:"
found=0
while IFS= read -r f; do
  found=1
  dims=$(python3 - "$f" <<'PY' 2>/dev/null
import struct, sys
with open(sys.argv[1], 'rb') as fh: head = fh.read(24)
print("%dx%d" % struct.unpack('>II', head[16:24]))
PY
)
  printf '  %-48s %s\n' "$f" "${dims:-}"
done < <(find "$out" -name '*.png' -newer "$marker" | sort)
[ "$found" = 1 ] || echo "  (none)"
exit $status
