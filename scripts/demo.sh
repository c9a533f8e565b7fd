#!/usr/bin/env bash
# End-to-end demo against the in-repo TRTC mock: apply the Live, Conference
# and Call webhooks of one app, drift them out of band, watch plan notice,
# restore them, destroy them. No account, no network, no `terraform init`
# (the provider comes from dev_overrides).
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
services=(live_config room_config call_config)

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
# mock SUBCOMMAND SERVICE [FLAGS]: the mock's control API (TRTC's console, here).
mock() { "$tmp/trtc-mock" "$1" -mock "$mock_url" -sdkappid "$app_id" -service "$2" "${@:3}"; }
# What the mock (TRTC) holds for each product; "none" where it holds nothing.
show_all() {
  local s
  for s in "${services[@]}"; do
    printf '%s: ' "$s"
    mock show-config "$s" 2>/dev/null | tr -d ' \n' || printf 'none'
    echo
  done
}

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
# The address comes from the provider itself; OpenTofu resolves the same
# source on its own registry host.
address=$("$provider_dir/terraform-provider-trtc" -print-address)
provider_source=${address#*/}
[[ $cli_version == OpenTofu* ]] && address="registry.opentofu.org/$provider_source"
# dev_overrides: the CLI runs the provider from .bin/provider, no init.
cat >"$TF_CLI_CONFIG_FILE" <<EOF
provider_installation {
  dev_overrides {
    "$address" = "$provider_dir"
  }
  direct {}
}
EOF
# Only the demo's credentials: stray TRTC_* or TF_CLI_ARGS* would change the story.
unset "${!TRTC_@}" "${!TF_CLI_ARGS@}"
export TRTC_SECRET_KEY="$demo_key"
echo "provider:  .bin/provider/terraform-provider-trtc ($address)"
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
      source = "$provider_source"
    }
  }
}

# The secret key comes from TRTC_SECRET_KEY, never from this file.
provider "trtc" {
  sdk_app_id = $app_id
  endpoint   = "$mock_url" # the mock; use region = "singapore" etc. for real
}

# One webhook configuration per product; each app has at most one of each.
resource "trtc_live_webhook" "this" {
  url               = "$hook_url/live"
  callback_commands = ["Live.CallbackAfterCreateRoom", "Live.CallbackAfterDestroyRoom"]
}

resource "trtc_room_webhook" "this" {
  url               = "$hook_url/room"
  callback_commands = ["Room.CallbackAfterCreateRoom", "Room.CallbackAfterMemberEnter"]
}

resource "trtc_call_webhook" "this" {
  url               = "$hook_url/call"
  callback_commands = ["Call.CallbackAfterStartCall", "Call.CallbackAfterEndCall"]
}

# Read back what TRTC holds; depends_on makes each read after its resource.
data "trtc_live_webhook" "now" { depends_on = [trtc_live_webhook.this] }
data "trtc_room_webhook" "now" { depends_on = [trtc_room_webhook.this] }
data "trtc_call_webhook" "now" { depends_on = [trtc_call_webhook.this] }

output "trtc_holds_urls" {
  value = {
    live = data.trtc_live_webhook.now.url
    room = data.trtc_room_webhook.now.url
    call = data.trtc_call_webhook.now.url
  }
}
EOF
sed 's/^/    /' "$work/main.tf"

step="4. terraform apply"
say "$step (expect a warning about development overrides: that is dev_overrides at work)"
tf apply -auto-approve -input=false
say "terraform output"
tf output
say "what the mock (TRTC) holds"
show_all

step="5. drift"
say "$step: someone edits the Live and Conference webhooks and deletes the Call one in the console"
mock set-config live_config -url "$console_url" -commands Live.CallbackAfterCreateRoom,Live.CallbackBeforeSendGift
mock set-config room_config -url "$hook_url/room" -commands Room.CallbackAfterCreateRoom
mock delete-config call_config
show_all
say "terraform plan -detailed-exitcode (expect exit code 2: two updates and a create)"
code=0
tf plan -detailed-exitcode -input=false || code=$?
[ "$code" -eq 2 ] || die "plan exited $code, want 2 (drift detected)"
echo "plan exit code: $code (drift detected)"

step="6. restore"
say "$step: terraform apply puts the configurations back"
tf apply -auto-approve -input=false
show_all
say "terraform plan -detailed-exitcode (expect exit code 0: no changes)"
code=0
tf plan -detailed-exitcode -input=false || code=$?
[ "$code" -eq 0 ] || die "plan exited $code, want 0 (no changes)"
echo "plan exit code: $code (in sync)"

step="7. destroy"
say "$step"
tf destroy -auto-approve -input=false
say "what the mock holds now (expect none)"
for svc in "${services[@]}"; do
  code=0
  mock show-config "$svc" 2>/dev/null || code=$?
  [ "$code" -eq 1 ] || die "show-config $svc exited $code, want 1 (no configuration)"
done
show_all

step="8. stop the mock"
say "$step"
kill "$mock_pid"
wait "$mock_pid" || die "the mock did not stop cleanly"
mock_pid=""
echo "mock stopped"

step="done"
printf '\ndemo: OK in %ds: applied three webhooks, detected out-of-band drift (exit 2), restored (exit 0), destroyed; the mock holds nothing.\n' "$SECONDS"
