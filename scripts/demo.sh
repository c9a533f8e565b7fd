#!/usr/bin/env bash
# End-to-end demo against the in-repo TRTC mock: apply a webhook, drift it
# out of band, watch plan notice, restore it, destroy it. No account, no
# network, no `terraform init` (the provider comes from dev_overrides).
#
#   make demo                 (builds the provider first)
#   TERRAFORM=/path/to/tofu scripts/demo.sh
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

app_id=1400000000
# A made-up key that the mock and the provider share; nothing real is used.
demo_key="demo-only-fake-secret-key-0123456789abcdef"
hook_url="https://hooks.example.com/trtc"
console_url="https://hooks.example.com/changed-in-the-console"

step="setup"
tmp=""
mock_pid=""

say() { printf '\n==> %s\n' "$*"; }
die() { printf '\ndemo: FAILED: %s\n' "$*" >&2; exit 1; }

# Runs on every exit, including failures and Ctrl-C: stop the mock and
# remove everything the demo wrote.
cleanup() {
  local code=$?
  if [ -n "$mock_pid" ]; then
    kill "$mock_pid" 2>/dev/null || true
    wait "$mock_pid" 2>/dev/null || true
  fi
  [ -n "$tmp" ] && rm -rf "$tmp"
  if [ "$code" -ne 0 ]; then
    printf 'demo: stopped during "%s" (exit %d); the mock is stopped and temp files removed.\n' "$step" "$code" >&2
  fi
  exit "$code"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

tmp=$(mktemp -d -t trtc-demo.XXXXXX)
work="$tmp/work"
mkdir -p "$work"

# Colour only on a terminal, so a captured log stays readable.
color=()
[ -t 1 ] || color=(-no-color)
tf() { "$terraform" -chdir="$work" "$@" "${color[@]}"; }
mock() { "$tmp/trtc-mock" "$1" -mock "$mock_url" -sdkappid "$app_id" "${@:2}"; }

step="1. provider and CLI"
say "$step"
provider_dir="$root/.bin/provider"
if [ ! -x "$provider_dir/terraform-provider-trtc" ]; then
  echo "building the provider into .bin/provider (make build does this too)"
  go build -o "$provider_dir/terraform-provider-trtc" .
fi
terraform=${TERRAFORM:-$(scripts/terraform-cli.sh path)}
# Our own CLI config (empty for now), so the user's is neither read nor warned about.
export TF_CLI_CONFIG_FILE="$tmp/cli.tfrc" CHECKPOINT_DISABLE=1
: >"$TF_CLI_CONFIG_FILE"
cli_version=$("$terraform" version)
cli_version=${cli_version%%$'\n'*}
# OpenTofu resolves "trtc/trtc" on its own registry host.
registry=registry.terraform.io
[[ $cli_version == OpenTofu* ]] && registry=registry.opentofu.org
# dev_overrides: the CLI runs the provider from .bin/provider, no init.
cat >"$TF_CLI_CONFIG_FILE" <<EOF
provider_installation {
  dev_overrides {
    "$registry/trtc/trtc" = "$provider_dir"
  }
  direct {}
}
EOF
# Only the demo's credentials: stray TRTC_* or TF_CLI_ARGS* would change the story.
unset "${!TRTC_@}" "${!TF_CLI_ARGS@}"
export TRTC_SECRET_KEY="$demo_key"
echo "provider:  .bin/provider/terraform-provider-trtc"
echo "CLI:       $terraform ($cli_version)"

step="2. start the TRTC mock"
say "$step"
go build -o "$tmp/trtc-mock" ./internal/trtcmock/cmd/trtc-mock
"$tmp/trtc-mock" serve -listen 127.0.0.1:0 -sdkappid "$app_id" -key "$demo_key" \
  -url-file "$tmp/url" >"$tmp/mock.log" 2>&1 &
mock_pid=$!
for _ in $(seq 100); do
  [ -s "$tmp/url" ] && break
  kill -0 "$mock_pid" 2>/dev/null || { cat "$tmp/mock.log" >&2; die "the mock exited"; }
  sleep 0.1
done
[ -s "$tmp/url" ] || die "the mock did not write its URL within 10 s"
mock_url=$(cat "$tmp/url")
echo "mock serving SDKAppID $app_id at $mock_url (pid $mock_pid)"

step="3. write a configuration"
say "$step"
cat >"$work/main.tf" <<EOF
terraform {
  required_providers {
    trtc = {
      source = "trtc/trtc"
    }
  }
}

# The secret key comes from TRTC_SECRET_KEY, never from this file.
provider "trtc" {
  sdk_app_id = $app_id
  endpoint   = "$mock_url" # the mock; use region = "singapore" etc. for real
}

resource "trtc_live_webhook" "this" {
  url = "$hook_url"
  callback_commands = [
    "Live.CallbackAfterCreateRoom",
    "Live.CallbackAfterDestroyRoom",
  ]
}

# Read back what TRTC holds; depends_on makes it read after the resource.
data "trtc_live_webhook" "current" {
  depends_on = [trtc_live_webhook.this]
}

output "webhook_id" {
  value = trtc_live_webhook.this.id
}

output "trtc_holds_url" {
  value = data.trtc_live_webhook.current.url
}

output "trtc_holds_commands" {
  value = data.trtc_live_webhook.current.callback_commands
}
EOF
sed 's/^/    /' "$work/main.tf"

step="4. terraform apply"
say "$step (expect a warning about development overrides: that is dev_overrides at work)"
tf apply -auto-approve -input=false
say "terraform output"
tf output
say "what the mock (TRTC) holds"
mock show-config

step="5. drift"
say "$step: someone edits the webhook in the console (trtc-mock set-config)"
mock set-config -url "$console_url" -commands Live.CallbackAfterCreateRoom,Live.CallbackBeforeSendGift
mock show-config
say "terraform plan -detailed-exitcode (expect exit code 2: changes)"
code=0
tf plan -detailed-exitcode -input=false || code=$?
[ "$code" -eq 2 ] || die "plan exited $code, want 2 (drift detected)"
echo "plan exit code: $code (drift detected)"

step="6. restore"
say "$step: terraform apply puts the configuration back"
tf apply -auto-approve -input=false
mock show-config
say "terraform plan -detailed-exitcode (expect exit code 0: no changes)"
code=0
tf plan -detailed-exitcode -input=false || code=$?
[ "$code" -eq 0 ] || die "plan exited $code, want 0 (no changes)"
echo "plan exit code: $code (in sync)"

step="7. destroy"
say "$step"
tf destroy -auto-approve -input=false
say "what the mock holds now (expect none)"
code=0
mock show-config || code=$?
[ "$code" -eq 1 ] || die "show-config exited $code, want 1 (no configuration)"

step="8. stop the mock"
say "$step"
kill "$mock_pid"
wait "$mock_pid" || die "the mock did not stop cleanly"
mock_pid=""
echo "mock stopped"

step="done"
printf '\ndemo: OK in %ds: applied, detected out-of-band drift (exit 2), restored (exit 0), destroyed; the mock holds nothing.\n' "$SECONDS"
