// Command planbench times `terraform plan` through the real CLI and the
// real provider binary against the in-process TRTC mock, to show what the
// provider adds to the time a user waits: N data sources should cost about
// ceil(N/parallelism) round trips of mock latency and little else.
//
//	go run -C bench . -terraform "$(scripts/terraform-cli.sh path)" -provider-dir "$PWD/.bin/provider"
//
// The caller's TF_LOG* variables reach terraform and the provider, so the
// cost of logging can be measured too (TF_LOG_SDK=off and friends).
//
// It also builds and times a stub provider (./stubprovider): the same
// schema and data source, whose reads only sleep the mock's latency. Its
// (T_N - T0) / floor is the least any terraform-plugin-framework provider
// reaches with this CLI on this machine, which separates what this
// provider costs from what Terraform costs. -stub=false skips it.
//
// Gates (0 turns one off): the mock must see exactly N requests per N
// plan; API span / floor at most -max-span-ratio (1.2); this provider's
// T_N - T0 over the stub's at most -max-vs-stub (1.25); and, off unless
// set, (T_N - T0) / floor at most -max-ratio.
//
// Exit codes: 0 pass, 1 failure (a plan or the stub's build failed, or a
// gate failed), 2 usage error.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"
)

func main() {
	if latency, ok := os.LookupEnv(stubLatencyVariable); ok {
		os.Exit(serveStub(latency, os.Stderr)) // Terraform started this binary as the stub
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	o, err := parseFlags(args, stderr)
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	if err == nil {
		err = o.resolvePaths()
	}
	if err != nil {
		// One line per problem when validation found several.
		fmt.Fprintf(stderr, "planbench: %s\n", strings.ReplaceAll(err.Error(), "\n", "\nplanbench: "))
		return 2
	}
	res, err := bench(ctx, o, stderr)
	if err != nil {
		fmt.Fprintf(stderr, "planbench: FAIL: %v\n", err)
		return 1
	}
	s := summarize(res)
	printReport(stdout, res, s)
	if o.json {
		if err := printJSON(stdout, res, s); err != nil {
			fmt.Fprintf(stderr, "planbench: %v\n", err)
			return 1
		}
	}
	for _, f := range s.failures {
		fmt.Fprintf(stdout, "\n!!! FAIL: %s", f)
	}
	fmt.Fprintf(stdout, "\n%s\n", verdict(s))
	if len(s.failures) > 0 {
		return 1
	}
	return 0
}
