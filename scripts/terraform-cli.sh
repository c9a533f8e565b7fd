#!/usr/bin/env bash
# Prints the absolute path of a Terraform-compatible CLI, building it into
# .bin/ (git-ignored, reused across runs) when it is not there yet.
#
#   scripts/terraform-cli.sh path    terraform on PATH, else Terraform 1.5.7 (built)
#   scripts/terraform-cli.sh 1.5.7   Terraform 1.5.7, built with go install
#   scripts/terraform-cli.sh tofu    OpenTofu 1.12.6, built from the module cache
#
# Progress goes to stderr; stdout is only the path.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
bin="$root/.bin"
terraform_version=1.5.7
tofu_version=1.12.6

build_terraform() {
  local dir="$bin/terraform-$terraform_version"
  if [ ! -x "$dir/terraform" ]; then
    echo "building Terraform $terraform_version from the Go module proxy (a few minutes, once)..." >&2
    mkdir -p "$dir"
    GOBIN="$dir" go install "github.com/hashicorp/terraform@v$terraform_version" >&2
  fi
  echo "$dir/terraform"
}

build_tofu() {
  local dir="$bin/tofu-$tofu_version"
  if [ ! -x "$dir/tofu" ]; then
    echo "building OpenTofu $tofu_version from the module cache (a few minutes, once)..." >&2
    local src
    src=$(go mod download -json "github.com/opentofu/opentofu@v$tofu_version" |
      sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
    [ -n "$src" ] || { echo "could not download github.com/opentofu/opentofu@v$tofu_version" >&2; exit 1; }
    mkdir -p "$dir"
    (cd "$src" && go build -o "$dir/tofu" ./cmd/tofu) >&2
  fi
  echo "$dir/tofu"
}

case "${1:-path}" in
  path)
    if found=$(command -v terraform 2>/dev/null); then
      echo "$found"
    else
      build_terraform
    fi
    ;;
  "$terraform_version") build_terraform ;;
  tofu) build_tofu ;;
  *) echo "usage: $0 [path|$terraform_version|tofu]" >&2; exit 2 ;;
esac
