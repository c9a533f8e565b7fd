package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/trtc/terraform-provider-trtc/internal/delivery"
)

// tokenEnv holds the Live signing token, so that it need not be on the
// command line (where ps shows it).
const tokenEnv = "TRTC_WEBHOOK_TOKEN"

// emit sends one probe or test event to a webhook receiver, as TRTC would,
// and prints what came back: exit 0 when the answer is the documented OK,
// 1 when the receiver failed, 2 on a usage error.
func emit(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("trtc-mock emit", flag.ContinueOnError)
	fs.SetOutput(stderr)
	target := fs.String("url", "", "webhook `URL` to deliver to")
	productName := fs.String("product", "", "product whose delivery to send: live, room or call")
	command := fs.String("command", "", "command `word` of a test event; empty sends the product's probe")
	sdkAppID := fs.Uint64("sdkappid", 1400000000, "SDKAppID sent as SdkAppid")
	token := fs.String("token", "", "Live signing `token` (default $"+tokenEnv+"); signs with Sign and RequestTime")
	timeout := fs.Duration("timeout", delivery.DefaultTimeout, "how long to wait for the whole answer")
	configured := fs.String("configured", "", "comma-separated `words` of the app's configuration, for the explanation")
	asJSON := fs.Bool("json", false, "print the result as JSON")
	if err := fs.Parse(args); err != nil {
		return parseExit(err)
	}
	usage := func(format string, a ...any) int {
		fmt.Fprintf(stderr, "trtc-mock emit: "+format+"\n", a...)
		return 2
	}
	switch {
	case fs.NArg() > 0:
		return usage("unexpected argument %q", fs.Arg(0))
	case *target == "":
		return usage("-url is required")
	case *productName == "":
		return usage("-product is required (live, room or call)")
	case *timeout <= 0:
		return usage("-timeout must be positive")
	}
	p, err := delivery.ParseProduct(*productName)
	if err != nil {
		return usage("%v", err)
	}
	tok := *token
	if tok == "" && p.Signed() {
		tok = os.Getenv(tokenEnv)
	}
	if tok != "" && !p.Signed() {
		return usage("-token: %v has no signing token; only live deliveries carry a Sign", p)
	}

	now := time.Now()
	d := delivery.Probe(p, now)
	if *command != "" {
		if d, err = delivery.TestEvent(p, *command, now); err != nil {
			return usage("-command: %v", err)
		}
	}
	res, err := delivery.Send(ctx, delivery.Target{URL: *target, SDKAppID: *sdkAppID, Token: tok}, d,
		delivery.Options{Timeout: *timeout})
	if err != nil {
		return usage("%v", err)
	}
	explanation := delivery.Explain(res, append(splitList(*configured), d.Command))
	if *asJSON {
		printJSON(stdout, res, explanation)
	} else {
		printText(stdout, res, explanation)
	}
	if !res.OK {
		return 1
	}
	return 0
}

// printText shows a Result one fact a line.
func printText(w io.Writer, r delivery.Result, explanation string) {
	line := func(k, v string) { fmt.Fprintf(w, "%-10s %s\n", k+":", v) }
	line("url", r.URL)
	line("command", r.Command)
	line("signed", map[bool]string{true: "yes (Sign and RequestTime)", false: "no"}[r.Signed])
	if r.StatusCode != 0 {
		answer := fmt.Sprintf("HTTP %d", r.StatusCode)
		if r.ContentType != "" {
			answer += " " + r.ContentType
		}
		answer += fmt.Sprintf(", %d bytes", r.BodySize)
		if r.JSONOK {
			answer += ", ActionStatus " + quoteOrNone(r.ActionStatus) + ", ErrorCode " + codeOrNone(r.ErrorCode)
			if r.ErrorInfo != "" {
				answer += ", ErrorInfo " + fmt.Sprintf("%q", r.ErrorInfo)
			}
		}
		line("answer", answer)
	}
	line("latency", r.Latency.Round(time.Millisecond).String())
	if r.OK {
		line("result", "OK")
	} else {
		line("result", "FAILED: "+r.Error)
	}
	for _, warning := range r.Warnings {
		line("warning", warning)
	}
	if explanation != "" {
		line("why", explanation)
	}
}

func quoteOrNone(s string) string {
	if s == "" {
		return "(none)"
	}
	return s
}

func codeOrNone(c *int) string {
	if c == nil {
		return "(none)"
	}
	return fmt.Sprint(*c)
}

// emitted is the -json form of a Result.
type emitted struct {
	OK           bool     `json:"ok"`
	Outcome      string   `json:"outcome"`
	Delivered    bool     `json:"delivered"`
	URL          string   `json:"url"`
	Command      string   `json:"command"`
	Signed       bool     `json:"signed"`
	StatusCode   int      `json:"status_code"`
	ContentType  string   `json:"content_type,omitempty"`
	BodySize     int      `json:"body_size"`
	JSONOK       bool     `json:"json_ok"`
	ActionStatus string   `json:"action_status,omitempty"`
	ErrorCode    *int     `json:"error_code"`
	ErrorInfo    string   `json:"error_info,omitempty"`
	LatencyMS    float64  `json:"latency_ms"`
	Error        string   `json:"error,omitempty"`
	Warnings     []string `json:"warnings,omitempty"`
	Explanation  string   `json:"explanation,omitempty"`
}

func printJSON(w io.Writer, r delivery.Result, explanation string) {
	b, _ := json.MarshalIndent(emitted{
		OK: r.OK, Outcome: string(r.Outcome), Delivered: r.Delivered(), URL: r.URL, Command: r.Command, Signed: r.Signed,
		StatusCode: r.StatusCode, ContentType: r.ContentType, BodySize: r.BodySize, JSONOK: r.JSONOK,
		ActionStatus: r.ActionStatus, ErrorCode: r.ErrorCode, ErrorInfo: r.ErrorInfo,
		LatencyMS: float64(r.Latency.Microseconds()) / 1000, Error: r.Error, Warnings: r.Warnings, Explanation: explanation,
	}, "", "  ")
	fmt.Fprintln(w, strings.TrimSpace(string(b)))
}
