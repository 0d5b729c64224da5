#!/usr/bin/env bash
# Lighthouse scores of the public site (issue 6 §8), as recorded in docs/benchmarks.md:
#   publish Weimin (Release) → start it on a fresh SQLite database with demo data → run Lighthouse 12 (default
#   mobile emulation, simulated throttling) on each public page → print one table row per page.
#   bash bench/lighthouse.sh                 (about 2 minutes; needs /usr/bin/chromium and npm)
#   LH_PAGES="/ /faq" bash bench/lighthouse.sh
# Lighthouse's simulated 4× CPU slow-down is applied on top of the machine's own load: run it on a quiet machine.
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
PORT=${LH_PORT:-55740}
BASE="http://127.0.0.1:$PORT"
PAGES=${LH_PAGES:-"/ /services /services/childcare-allowance /services/birth-allowance/apply /services/childcare-allowance/book /search?q=%E8%B7%AF%E7%87%88 /track /faq /news /calendar /mailbox /replies /directory /venues /facilities /?culture=en"}
OUT=$(mktemp -d /tmp/weimin-lh.XXXXXX)
LH_DIR=${LH_DIR:-/tmp/lh}
APP_PID=""
cleanup() { if [ -n "$APP_PID" ]; then kill "$APP_PID" 2>/dev/null || true; wait "$APP_PID" 2>/dev/null || true; fi; rm -rf "$OUT"; }
trap cleanup EXIT

if [ ! -x "$LH_DIR/node_modules/.bin/lighthouse" ]; then
  mkdir -p "$LH_DIR" && (cd "$LH_DIR" && npm install --no-audit --no-fund --silent lighthouse@12 >/dev/null)
fi
dotnet publish src/Weimin -c Release -o "$OUT/app" -v quiet -nologo >/dev/null
(cd "$OUT/app" && exec env ASPNETCORE_ENVIRONMENT=Production Weimin__Database__Provider=Sqlite \
    Weimin__Database__ConnectionString="Data Source=$OUT/weimin.db" Weimin__DataDirectory="$OUT/data" \
    Weimin__Demo__Enabled=true Logging__LogLevel__Default=Warning dotnet Weimin.dll --urls "$BASE") >"$OUT/app.log" 2>&1 &
APP_PID=$!
for _ in $(seq 1 120); do curl -sf "$BASE/healthz/ready" >/dev/null && break; sleep 1; done
curl -sf "$BASE/healthz/ready" >/dev/null || { cat "$OUT/app.log"; echo "Weimin did not start"; exit 1; }
for p in $PAGES; do curl -s -o /dev/null "$BASE$p"; done   # warm the server: Lighthouse measures the page, not the JIT

echo "| page | performance | accessibility | best practices | SEO | FCP | LCP | TBT | CLS | bytes |"
echo "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"
for p in $PAGES; do
  CHROME_PATH=/usr/bin/chromium "$LH_DIR/node_modules/.bin/lighthouse" "$BASE$p" --output=json --output-path="$OUT/lh.json" --quiet \
    --chrome-flags="--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage --disable-background-networking --disable-component-update --disable-sync --no-first-run" \
    >/dev/null 2>&1 || { echo "| \`$p\` | lighthouse failed | | | | | | | | |"; continue; }
  node -e '
    const r = require(process.argv[1]), c = r.categories, a = r.audits, s = k => Math.round(c[k].score * 100);
    const ms = k => a[k].numericValue >= 1000 ? (a[k].numericValue / 1000).toFixed(1) + " s" : Math.round(a[k].numericValue) + " ms";
    console.log(`| \`${process.argv[2]}\` | ${s("performance")} | ${s("accessibility")} | ${s("best-practices")} | ${s("seo")} | ` +
      `${ms("first-contentful-paint")} | ${ms("largest-contentful-paint")} | ${ms("total-blocking-time")} | ` +
      `${a["cumulative-layout-shift"].numericValue.toFixed(2)} | ${Math.round(a["total-byte-weight"].numericValue / 1024)} KiB |`);
  ' "$OUT/lh.json" "$p"
done
echo; echo "load average while measuring: $(cut -d' ' -f1-3 /proc/loadavg)"
