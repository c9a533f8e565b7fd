#!/usr/bin/env bash
# Prints the absolute path of a Terraform-compatible CLI, building it into
# .bin/ (git-ignored, reused across runs) when it is not there yet.
#
#   scripts/terraform-cli.sh path    terraform on PATH, else Terraform 1.5.7 (built)
#   scripts/terraform-cli.sh 1.5.7   Terraform 1.5.7, built with go install
#   scripts/terraform-cli.sh 1.16.4  Terraform 1.16.4, built from a patched copy of its module
#   scripts/terraform-cli.sh tofu    OpenTofu 1.12.6, built from the module cache
#
# Progress goes to stderr; stdout is only the path.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
bin="$root/.bin"
terraform_version=1.5.7
terraform_new_version=1.16.4
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

# Terraform 1.14 and later cannot be built with go install: their go.mod has
# replace directives pointing at nested modules (the remote-state backends
# azure, consul, cos, gcs, kubernetes, oci, oss, pg, s3, and internal/legacy)
# that the proxy's module zip does not contain. So: copy the module into a
# temporary directory, drop those nine backends from go.mod and from the
# backend registry, and build that. The resulting CLI lacks only those state
# backends, which the acceptance tests do not use. Built with the release
# linker flag, so it reports 1.16.4 rather than 1.16.4-dev.
build_terraform_new() {
  local v=$terraform_new_version dir="$bin/terraform-$terraform_new_version"
  if [ ! -x "$dir/terraform" ]; then
    echo "building Terraform $v from a patched copy of its module (several minutes, once)..." >&2
    local json src
    json=$(go mod download -json "github.com/hashicorp/terraform@v$v") ||
      { echo "$json" >&2; echo "could not download github.com/hashicorp/terraform@v$v" >&2; exit 1; }
    src=$(printf '%s\n' "$json" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
    [ -n "$src" ] || { echo "no Dir for github.com/hashicorp/terraform@v$v" >&2; exit 1; }

    # Everything but the finished binary lives in a temporary directory;
    # the binary is built next to its final name and renamed into place, so
    # an interrupted build never leaves a .bin/ entry that looks complete.
    work=$(mktemp -d "${TMPDIR:-/tmp}/terraform-$v.XXXXXX")
    partial="$dir/terraform.partial.$$"
    trap 'rm -rf "$work" "$partial"' EXIT
    cp -R "$src" "$work/src"
    chmod -R u+w "$work/src"

    # Exactly these lines must go; any other count means the recipe no longer
    # fits this version, and building anyway would hide that.
    drop_lines "$work/src/go.mod" \
      'github\.com/hashicorp/terraform/internal/(backend/remote-state/(azure|consul|cos|gcs|kubernetes|oci|oss|pg|s3)|legacy)( |$)' \
      20 # 10 require + 10 replace
    drop_lines "$work/src/internal/backend/init/init.go" \
      'backend(Azure|Consul|Cos|GCS|Kubernetes|OCI|OSS|Pg|S3)[ .]' \
      18 # 9 imports + 9 registrations

    # -trimpath keeps the random temporary path out of the build cache keys,
    # so a rebuild (say after rm -rf .bin) reuses every compiled package.
    mkdir -p "$dir"
    (cd "$work/src" && GOWORK=off GOFLAGS="${GOFLAGS:+$GOFLAGS }-mod=mod" \
      go build -trimpath -ldflags "-s -w -X github.com/hashicorp/terraform/version.dev=no" -o "$partial" .) >&2
    mv -f "$partial" "$dir/terraform"
    rm -rf "$work"
    trap - EXIT
  fi
  echo "$dir/terraform"
}

# drop_lines FILE REGEX COUNT deletes the lines of FILE matching the extended
# REGEX, failing unless exactly COUNT lines match.
drop_lines() {
  local file=$1 re=$2 want=$3 got
  got=$(grep -cE "$re" "$file" || true)
  if [ "$got" -ne "$want" ]; then
    echo "patching ${file#"$work/src/"}: expected $want lines matching /$re/, found $got" >&2
    exit 1
  fi
  grep -vE "$re" "$file" >"$file.new"
  mv "$file.new" "$file"
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
  "$terraform_new_version") build_terraform_new ;;
  tofu) build_tofu ;;
  *) echo "usage: $0 [path|$terraform_version|$terraform_new_version|tofu]" >&2; exit 2 ;;
esac
