#!/usr/bin/env bash
# Scheduled drift check for this directory. Exit codes:
#   0  the live webhook configuration matches the configuration and state
#   2  drift (or an unapplied change): the plan is printed
#   1  terraform failed (credentials, network, configuration)
#
# Needs TRTC_SDK_APP_ID, TRTC_SECRET_KEY and TRTC_REGION in the environment,
# and whatever the backend needs to read the state.
set -euo pipefail

cd "$(dirname "$0")"

terraform init -input=false -no-color

set +e
terraform plan -input=false -lock=false -no-color -detailed-exitcode -out=drift.tfplan
code=$?
set -e

case "$code" in
  0)
    echo "No drift: the live webhook configuration is as declared."
    ;;
  2)
    echo "DRIFT: the live webhook configuration differs from the declared one." >&2
    terraform show -no-color drift.tfplan >&2
    ;;
  *)
    echo "terraform plan failed (exit $code)." >&2
    code=1
    ;;
esac
rm -f drift.tfplan
exit "$code"
