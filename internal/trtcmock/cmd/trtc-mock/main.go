// Command trtc-mock runs the TRTC live_config mock as a standalone server
// and changes its configuration out of band through the control API, so a
// demo script needs neither Go test code nor curl. Its emit subcommand plays
// TRTC's other side: it sends a webhook delivery to a receiver.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

const usage = `usage:
  trtc-mock serve [-listen 127.0.0.1:0] [-sdkappid N] [-key K] [-admins a,b] [-latency D] [-read-lag D] [-set-overwrites] [-url-file PATH]
  trtc-mock set-config -mock URL -sdkappid N [-service live_config] -url U -commands a,b
  trtc-mock delete-config -mock URL -sdkappid N [-service live_config]
  trtc-mock show-config -mock URL -sdkappid N [-service live_config]
  trtc-mock emit -url URL -product live|room|call [-command WORD] [-sdkappid N] [-token T] [-timeout 2s] [-configured a,b] [-json]

emit sends one delivery to a webhook receiver exactly as TRTC would: the
product's probe (<Prefix>.CallbackTerraformProbe, a word no product emits),
or with -command a test event of that word. Live deliveries are signed with
-token, or with $TRTC_WEBHOOK_TOKEN. Exit 0 when the receiver answers the
documented OK, 1 when it fails, 2 on a usage error.
`

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// run is main without the process: exit code 0 on success, 1 on failure,
// 2 on a usage error.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	sub, rest := args[0], args[1:]
	switch sub {
	case "serve":
		return serve(ctx, rest, stdout, stderr)
	case "set-config", "delete-config", "show-config":
		return client(ctx, sub, rest, stdout, stderr)
	case "emit":
		return emit(ctx, rest, stdout, stderr)
	case "-h", "-help", "--help", "help":
		fmt.Fprint(stdout, usage)
		return 0
	}
	fmt.Fprintf(stderr, "trtc-mock: unknown subcommand %q\n%s", sub, usage)
	return 2
}

// parseExit maps a flag parsing error to an exit code: -h is not a failure.
func parseExit(err error) int {
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	return 2
}
