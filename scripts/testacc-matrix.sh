#!/usr/bin/env bash
# Runs the acceptance tests (TestAcc*, against the in-repo mock) under each
# Terraform-compatible CLI named on the command line:
#
#   scripts/testacc-matrix.sh [path|1.5.7|1.16.4|tofu ...]   (default: all four)
#
# Each CLI comes from scripts/terraform-cli.sh, which builds it into .bin/
# once. Full logs go to .bin/testacc-matrix/<cli>.log; a summary line per
# CLI is printed at the end. Exits non-zero if any CLI failed.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

[ "$#" -gt 0 ] || set -- path 1.5.7 1.16.4 tofu
export CHECKPOINT_DISABLE=1

# A TF_CLI_CONFIG_FILE naming a missing file is harmless to Terraform, but
# OpenTofu prints a warning before its version, which the test harness then
# fails to parse.
if [ -n "${TF_CLI_CONFIG_FILE:-}" ] && [ ! -f "$TF_CLI_CONFIG_FILE" ]; then
  echo "==> ignoring TF_CLI_CONFIG_FILE: no such file ($TF_CLI_CONFIG_FILE)"
  unset TF_CLI_CONFIG_FILE
fi
logs="$root/.bin/testacc-matrix"
mkdir -p "$logs"

summary=()
failed=0
for name in "$@"; do
  echo "==> [$name] locating the CLI (scripts/terraform-cli.sh $name)"
  if ! cli=$(scripts/terraform-cli.sh "$name"); then
    summary+=("$(printf '%-6s  %-24s  %-4s  %s' "$name" "-" "FAIL" "could not obtain the CLI")")
    failed=1
    continue
  fi
  version=$("$cli" version 2>/dev/null | head -n 1 || true)
  log="$logs/$name.log"

  env=(TF_ACC=1 "TF_ACC_TERRAFORM_PATH=$cli")
  unset_vars=(-u TF_ACC_PROVIDER_HOST -u TF_ACC_PROVIDER_NAMESPACE)
  if [ "$name" = tofu ]; then
    env+=(TF_ACC_PROVIDER_HOST=registry.opentofu.org TF_ACC_PROVIDER_NAMESPACE=hashicorp)
    unset_vars=()
  fi

  echo "==> [$name] $version ($cli)"
  echo "    ${env[*]} go test -v -count=1 -parallel "${TEST_PARALLEL:-8}" -timeout 45m -run TestAcc ./internal/provider/..."
  start=$(date +%s)
  set +e
  env "${unset_vars[@]}" "${env[@]}" \
    go test -v -count=1 -parallel "${TEST_PARALLEL:-8}" -timeout 45m -run TestAcc ./internal/provider/... 2>&1 | tee "$log"
  status=${PIPESTATUS[0]}
  set -e
  secs=$(($(date +%s) - start))

  passed=$(grep -c -- '^--- PASS: TestAcc' "$log" || true)
  fails=$(grep -c -- '^--- FAIL: TestAcc' "$log" || true)
  skipped=$(grep -c -- '^--- SKIP: TestAcc' "$log" || true)
  result=PASS
  if [ "$status" -ne 0 ]; then
    result=FAIL
    failed=1
  fi
  summary+=("$(printf '%-6s  %-24s  %-4s  %4ds  (%s passed, %s failed, %s skipped; log: %s)' \
    "$name" "$version" "$result" "$secs" "$passed" "$fails" "$skipped" "${log#"$root"/}")")
done

echo
echo "==> acceptance test matrix"
printf '%s\n' "${summary[@]}"
exit "$failed"
