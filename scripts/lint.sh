#!/usr/bin/env bash
# golangci-lint on the provider module and the bench module (built once into
# .bin/ from the Go module proxy), terraform fmt -check on the examples, then
# actionlint on the GitHub workflows (scripts/lint-workflows.sh).
# Extra arguments are passed to `golangci-lint run`.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

version=v2.15.0
dir="$root/.bin/golangci-lint-$version"
if [ ! -x "$dir/golangci-lint" ]; then
  echo "==> building golangci-lint $version into .bin/ (one to two minutes, once)"
  mkdir -p "$dir"
  GOBIN="$dir" go install "github.com/golangci/golangci-lint/v2/cmd/golangci-lint@$version"
fi

echo "==> golangci-lint run ./... $*"
"$dir/golangci-lint" run "$@" ./...
echo "==> golangci-lint run ./... $* (in bench/)"
(cd bench && "$dir/golangci-lint" run "$@" ./...)

terraform=$(scripts/terraform-cli.sh path)
echo "==> terraform fmt -check -recursive examples ($terraform)"
if ! "$terraform" fmt -check -diff -recursive examples; then
  echo "examples are not formatted: run make fmt" >&2
  exit 1
fi

scripts/lint-workflows.sh
echo "==> lint passed"
