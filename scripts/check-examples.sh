#!/usr/bin/env bash
# Checks every directory under examples/ that holds .tf files:
#   terraform fmt -check -diff   on the directory as committed
#   terraform validate           on a temporary copy, against the provider
#                                built in .bin/provider, via dev_overrides
#
# No registry is contacted: the provider comes from dev_overrides, and
# directories that call (local) child modules get `terraform get`, which
# installs modules only. `terraform init` is avoided on purpose: even with
# dev_overrides it asks the registry about every other provider, and it
# would write .terraform/ into the examples.
#
# Resource and data source examples are snippets for the docs and do not
# declare required_providers; their copy gets a generated file declaring
# trtc = { source = "trtc/trtc" }, as the user's root module would.
#
# A directory whose .tf files hold the line `# requires: opentofu` uses
# features Terraform lacks (provider for_each) and is checked with OpenTofu
# instead, built by scripts/terraform-cli.sh tofu when first needed. One
# holding `# requires: terraform >= 1.14` uses what older CLIs lack (actions,
# action_trigger) and is checked with Terraform 1.16.4, built by
# scripts/terraform-cli.sh 1.16.4 when first needed.
#
# TERRAFORM=/path/to/terraform overrides the CLI (default: the one printed
# by scripts/terraform-cli.sh path); TOFU=/path/to/tofu likewise OpenTofu,
# and TERRAFORM_NEW=/path/to/terraform the Terraform 1.14 or later.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

terraform=${TERRAFORM:-$(scripts/terraform-cli.sh path)}
provider_dir="$root/.bin/provider"

if [ ! -x "$provider_dir/terraform-provider-trtc" ]; then
  echo "==> go build -o .bin/provider/terraform-provider-trtc ."
  go build -o "$provider_dir/terraform-provider-trtc" .
fi

# The address comes from the provider itself (declared once, in internal/provider).
address=$("$provider_dir/terraform-provider-trtc" -print-address)

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# OpenTofu resolves trtc/trtc on its own registry host.
tofu_address="registry.opentofu.org/${address#*/}"

cat >"$work/terraformrc" <<HCL
provider_installation {
  dev_overrides {
    "$address" = "$provider_dir"
    "$tofu_address" = "$provider_dir"
  }
  direct {}
}
HCL

# A clean, offline environment for the CLI.
export TF_CLI_CONFIG_FILE="$work/terraformrc"
export CHECKPOINT_DISABLE=1 TF_IN_AUTOMATION=1 TF_INPUT=0
unset TF_DATA_DIR TF_WORKSPACE TF_PLUGIN_CACHE_DIR TF_CLI_ARGS \
  TF_CLI_ARGS_fmt TF_CLI_ARGS_get TF_CLI_ARGS_validate

echo "==> using $("$terraform" version | head -n 1) ($terraform)"

mapfile -t dirs < <(find examples -name .terraform -prune -o -type f -name '*.tf' -print |
  xargs -n 1 dirname | LC_ALL=C sort -u)
[ "${#dirs[@]}" -gt 0 ] || { echo "no example directories found under examples/" >&2; exit 1; }

failed=()
n=0
for dir in "${dirs[@]}"; do
  n=$((n + 1))
  echo "==> [$n/${#dirs[@]}] $dir"
  ok=1

  cli=$terraform
  if grep -qx '# requires: opentofu' "$dir"/*.tf; then
    cli=${TOFU:-$(scripts/terraform-cli.sh tofu)}
    echo "    (requires OpenTofu: $("$cli" version | head -n 1))"
  elif grep -qx '# requires: terraform >= 1.14' "$dir"/*.tf; then
    cli=${TERRAFORM_NEW:-$(scripts/terraform-cli.sh 1.16.4)}
    echo "    (requires Terraform 1.14 or later: $("$cli" version | head -n 1))"
  fi

  echo "    ${cli##*/} fmt -check -diff $dir"
  if ! "$cli" fmt -check -diff -no-color "$dir"; then
    echo "    FAIL: $dir is not formatted (run: make fmt)" >&2
    ok=0
  fi

  copy="$work/example-$n"
  mkdir -p "$copy"
  cp -R "$dir/." "$copy/"
  rm -rf "$copy/.terraform" "$copy/.terraform.lock.hcl"
  # grep reads the files itself: under pipefail, `cat | grep -q` fails when
  # grep stops at the first match and cat is killed writing the next file.
  if ! grep -Eqs 'source[[:space:]]*=[[:space:]]*"trtc/trtc"' "$dir"/*.tf; then
    echo "    (snippet: declaring trtc = { source = \"trtc/trtc\" } in the copy)"
    cat >"$copy/zz_check_examples_providers.tf" <<'HCL'
terraform {
  required_providers {
    trtc = {
      source = "trtc/trtc"
    }
  }
}
HCL
  fi

  if grep -Eqs '^[[:space:]]*module[[:space:]]+"' "$dir"/*.tf; then
    echo "    ${cli##*/} get (modules only)"
    if ! (cd "$copy" && "$cli" get -no-color >"$work/get.log" 2>&1); then
      cat "$work/get.log" >&2
      echo "    FAIL: terraform get in $dir" >&2
      ok=0
    fi
  fi

  echo "    ${cli##*/} validate"
  # dev_overrides prints a warning on every command; keep the output only
  # when validation fails.
  if ! (cd "$copy" && "$cli" validate -no-color >"$work/validate.log" 2>&1); then
    sed "s|$copy|$dir|g" "$work/validate.log" >&2
    echo "    FAIL: terraform validate in $dir" >&2
    ok=0
  fi

  [ "$ok" = 1 ] || failed+=("$dir")
done

echo
if [ "${#failed[@]}" -gt 0 ]; then
  echo "examples-check: ${#failed[@]} of ${#dirs[@]} example directories failed:" >&2
  printf '  %s\n' "${failed[@]}" >&2
  exit 1
fi
echo "examples-check: all ${#dirs[@]} example directories are formatted and valid."
