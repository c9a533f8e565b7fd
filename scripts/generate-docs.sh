#!/usr/bin/env bash
# Regenerates docs/ from templates/, examples/ and the provider schema with
# tfplugindocs (pinned in tools/go.mod, built once into .bin/), then
# validates the result.
#
# tfplugindocs builds the provider itself and asks the `terraform` it finds
# on PATH for the schema, so Terraform 1.16.4 (scripts/terraform-cli.sh) is
# put first on PATH: older CLIs leave resource identities and list
# resources out of the schema. It works offline: the Terraform CLI is never
# downloaded and the provider is installed from a local plugin directory.
# Extra arguments are passed to `tfplugindocs generate`.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

docs_version=$(awk '/github.com\/hashicorp\/terraform-plugin-docs / {
  for (i = 1; i <= NF; i++) if ($i ~ /^v[0-9]/) { print $i; exit } }' tools/go.mod)
[ -n "$docs_version" ] || { echo "terraform-plugin-docs is not required in tools/go.mod" >&2; exit 1; }
tfplugindocs="$root/.bin/tfplugindocs-$docs_version/tfplugindocs"
if [ ! -x "$tfplugindocs" ]; then
  echo "==> building tfplugindocs $docs_version from tools/go.mod into .bin/ (once)"
  go build -C tools -o "$tfplugindocs" github.com/hashicorp/terraform-plugin-docs/cmd/tfplugindocs
fi

terraform=$(scripts/terraform-cli.sh 1.16.4)
# The provider's name, from the address it declares (internal/provider).
go build -o "$root/.bin/provider/terraform-provider-trtc" .
name=$(basename "$("$root/.bin/provider/terraform-provider-trtc" -print-address)")

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/path"
ln -s "$terraform" "$work/path/terraform"
: >"$work/terraformrc"

# The CLI that tfplugindocs finds first, an empty CLI configuration (no
# dev_overrides or mirrors from the user's), no update checks.
export PATH="$work/path:$PATH"
export TF_CLI_CONFIG_FILE="$work/terraformrc" CHECKPOINT_DISABLE=1
unset TF_DATA_DIR TF_PLUGIN_CACHE_DIR TF_CLI_ARGS TF_CLI_ARGS_init TF_CLI_ARGS_providers

echo "==> using $("$terraform" version | head -n 1) ($terraform)"
echo "==> tfplugindocs generate --provider-dir . --provider-name $name $*"
"$tfplugindocs" generate --provider-dir "$root" --provider-name "$name" "$@"

echo "==> tfplugindocs validate --provider-dir . --provider-name $name"
# validate logs every file it checks at DEBUG: show its output on failure only.
if ! "$tfplugindocs" validate --provider-dir "$root" --provider-name "$name" >"$work/validate.log" 2>&1; then
  cat "$work/validate.log" >&2
  echo "tfplugindocs validate failed" >&2
  exit 1
fi

echo "==> docs/ is up to date"
