#!/usr/bin/env bash
# `npm test`: every suite, in order, each on real components:
#   lint · build · unit tests · integration on SQLite · integration on MariaDB + Redis
#   · black-box API tests against the built backend · Playwright in Chromium.
# Needs MariaDB, Redis, Chromium, dnsmasq, pebble, caddy, poppler-utils, qpdf and docker-compose installed (see
# README, or run `bash .ci/run` as root, which installs them). A missing component fails its suite
# loudly; nothing is skipped.
# The last line is the totals over every suite: "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/../.."
export NX_DAEMON=false NX_NO_CLOUD=true NX_INTERACTIVE=false NX_TUI=false SCARF_ANALYTICS=false
export FORCE_COLOR=0

results_dir=$(mktemp -d)
passed=0
failed=0
summary=()

# Adds a jest --json result file to the totals.
count_jest() {
  local file=$1 name=$2
  if [ -s "$file" ]; then
    read -r p f < <(node -e 'const r=require(process.argv[1]);console.log(r.numPassedTests, r.numFailedTests + r.numRuntimeErrorTestSuites)' "$file")
  else
    p=0; f=1
  fi
  passed=$((passed + p)); failed=$((failed + f))
  summary+=("$(printf '%-36s %4s passed, %s failed' "$name" "$p" "$f")")
}

# A step with no test count of its own (lint, build) counts as one check.
run_step() {
  local name=$1; shift
  echo "::: $name"
  if "$@"; then
    passed=$((passed + 1)); summary+=("$(printf '%-36s %4s passed, %s failed' "$name" 1 0)")
  else
    failed=$((failed + 1)); summary+=("$(printf '%-36s %4s passed, %s failed' "$name" 0 1)")
  fi
}

run_jest() {
  local name=$1 out=$2; shift 2
  echo "::: $name"
  npx jest --ci --json --outputFile="$out" "$@"
  count_jest "$out" "$name"
}

run_step "lint" npx nx run-many -t lint --output-style=static
run_step "format (prettier)" npx prettier --check . --log-level=warn
run_step "build" npx nx run-many -t build -p backend,frontend --output-style=static
# The published API contract (openapi/atrium.json): the committed file is the code's document
# (fix: npm run openapi:export), and it passes the repository's Spectral rules (.spectral.yaml).
run_step "OpenAPI: committed file is current" node dist/backend/cli.js openapi --check
run_step "OpenAPI: Spectral lint" npx spectral lint openapi/atrium.json --ruleset .spectral.yaml --fail-severity=error

for project in shared backend frontend; do
  case $project in
    shared) config=libs/shared/jest.config.cts ;;
    backend) config=backend/jest.config.cts ;;
    frontend) config=frontend/jest.config.cts ;;
  esac
  run_jest "unit: $project" "$results_dir/unit-$project.json" -c "$config"
done

# Sealed contracts are checked with independent tools; without them those tests fail (say why first).
for tool in pdfsig qpdf; do
  command -v "$tool" >/dev/null 2>&1 ||
    echo "!!! $tool is not installed; the contract tests that run it will fail: apt-get install -y poppler-utils qpdf" >&2
done

run_jest "integration: SQLite" "$results_dir/int-sqlite.json" -c backend/test/jest.config.cts

if tools/scripts/services.sh check || tools/scripts/services.sh start; then
  TEST_DATABASE=mariadb TEST_REDIS_URL=redis://127.0.0.1:6379 \
    run_jest "integration: MariaDB + Redis" "$results_dir/int-mariadb.json" -c backend/test/jest.config.cts
else
  echo "!!! MariaDB/Redis are not available: install them (apt-get install -y mariadb-server redis-server) or run bash .ci/run" >&2
  failed=$((failed + 1)); summary+=("$(printf '%-36s %4s passed, %s failed' 'integration: MariaDB + Redis' 0 1)")
fi

run_jest "api: built backend" "$results_dir/api.json" -c e2e/api/jest.config.cts

echo "::: browser: Playwright in Chromium"
if [ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ]; then
  PLAYWRIGHT_JSON_OUTPUT_NAME="$results_dir/web.json" npx playwright test -c e2e/web/playwright.config.ts --reporter=list,json
  if [ -s "$results_dir/web.json" ]; then
    read -r p f < <(node -e 'const s=require(process.argv[1]).stats;console.log(s.expected + s.flaky, s.unexpected)' "$results_dir/web.json")
  else
    p=0; f=1
  fi
else
  echo "!!! Chromium is not installed at ${CHROMIUM_PATH:-/usr/bin/chromium}: apt-get install -y chromium" >&2
  p=0; f=1
fi
passed=$((passed + p)); failed=$((failed + f))
summary+=("$(printf '%-36s %4s passed, %s failed' 'browser: Playwright' "$p" "$f")")

echo
echo "Suites:"
printf '  %s\n' "${summary[@]}"
echo
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
