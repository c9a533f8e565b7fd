// Command planbench times `terraform plan` through the real CLI and the
// real provider binary over N trtc_live_webhook data sources against the
// in-process TRTC mock, beside a stub provider, to show what the provider
// adds to the time a user waits. make bench runs it:
//
//	go run -C bench . -terraform "$(scripts/terraform-cli.sh path)" -provider-dir "$PWD/.bin/provider"
//
// The floor for N reads is ceil(N / parallelism) × latency. Each provider
// plans the provider block alone (T0'), the data-source block with
// count = 0 (T0: the same configuration as T_N, the provider started
// alike) and count = N for each -n; the report gives (T_N − T0) / floor and
// (T_N − T0') / floor, the cost per read, and the same for the stub (see
// stub.go), the least any framework provider reaches on this machine and
// CLI.
//
// It fails on what does not depend on the machine's load: every T_N plan
// sends exactly N requests (T0, T0' and the stub's none) with one UserSig,
// reads at Terraform's parallelism and reuses connections. The wall-clock
// ratios are printed; -strict (BENCH_STRICT=1) also fails when the API
// span exceeds strictSpanRatio × floor or this provider's T_N − T0 exceeds
// strictVsStub × the stub's. -n defaults to BENCH_N, else 100,300.
//
// The caller's TF_LOG* variables reach terraform and the provider, so the
// cost of logging can be measured too.
//
// With -apps N,M it compares instead, at each count, N apps × 1 read
// through one provider block (apps), through N aliased provider blocks
// and N reads of one app: wall time, the peak memory of all provider
// processes together (Linux), requests and UserSigs (apps.go). It fails
// on the counts (N requests; N UserSigs for N apps), and with -strict on
// the goals too: one block within appsVsOneApp × one app's time, and under
// appsMemoryMB.
//
// Exit codes: 0 pass, 1 failure (a plan or a gate failed), 2 usage error.
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
	code := run(ctx, os.Args[1:], os.Getenv, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

func run(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) int {
	o, err := parseFlags(args, getenv, stderr)
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
	if len(o.apps) > 0 {
		return runApps(ctx, o, stdout, stderr)
	}
	res, err := bench(ctx, o, stderr)
	if err != nil {
		fmt.Fprintf(stderr, "planbench: FAIL: %v\n", err)
		return 1
	}
	gs := gates(res)
	printReport(stdout, res, gs)
	line, ok := verdict(gs)
	fmt.Fprintf(stdout, "\n%s\n", line)
	if !ok {
		return 1
	}
	return 0
}

// runApps is run for -apps.
func runApps(ctx context.Context, o options, stdout, stderr io.Writer) int {
	res, err := appsBench(ctx, o, stderr)
	if err != nil {
		fmt.Fprintf(stderr, "planbench: FAIL: %v\n", err)
		return 1
	}
	gs := appsGates(res)
	printAppsReport(stdout, res, gs)
	line, ok := verdict(gs)
	fmt.Fprintf(stdout, "\n%s\n", line)
	if !ok {
		return 1
	}
	return 0
}
