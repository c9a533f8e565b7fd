#!/usr/bin/env bash
# Runs goreleaser, built once into .bin/ from the Go module proxy.
#
#   scripts/goreleaser.sh check                      validate .goreleaser.yml
#   scripts/goreleaser.sh release --snapshot --clean  local build into dist/
#   scripts/goreleaser.sh release --clean             a release (needs a tag,
#                                                     GPG_FINGERPRINT, GITHUB_TOKEN)
# Every argument is passed to goreleaser; the default is `check`.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

version=v2.15.1
dir="$root/.bin/goreleaser-$version"
if [ ! -x "$dir/goreleaser" ]; then
  echo "==> building goreleaser $version into .bin/ (one to two minutes, once)" >&2
  mkdir -p "$dir"
  GOBIN="$dir" go install "github.com/goreleaser/goreleaser/v2@$version"
fi

[ "$#" -gt 0 ] || set -- check
echo "==> goreleaser $*" >&2
exec "$dir/goreleaser" "$@"
