#!/usr/bin/env bash
# actionlint on .github/workflows (built once into .bin/ from the Go module
# proxy): the workflows only run on GitHub, so this is what keeps them
# well-formed. Also checks that the release workflow runs the goreleaser
# version that scripts/goreleaser.sh builds for make release-check.
# Extra arguments are passed to actionlint.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

version=v1.7.12
dir="$root/.bin/actionlint-$version"
if [ ! -x "$dir/actionlint" ]; then
  echo "==> building actionlint $version into .bin/ (once)"
  mkdir -p "$dir"
  GOBIN="$dir" go install "github.com/rhysd/actionlint/cmd/actionlint@$version"
fi

echo "==> actionlint $* .github/workflows"
"$dir/actionlint" "$@" .github/workflows/*.yml

script_version=$(sed -n 's/^version=\(v[0-9][^ ]*\)$/\1/p' scripts/goreleaser.sh)
workflow_version=$(sed -n 's/^ *version: *\(v[0-9][^ ]*\)$/\1/p' .github/workflows/release.yml)
if [ -z "$script_version" ] || [ "$script_version" != "$workflow_version" ]; then
  echo "release.yml runs goreleaser '${workflow_version}', scripts/goreleaser.sh builds '${script_version}': make them agree" >&2
  exit 1
fi
echo "==> workflows passed (goreleaser $script_version in both)"
