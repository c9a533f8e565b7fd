package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/trtc/terraform-provider-trtc/internal/trtcmock"
)

// client runs set-config, delete-config and show-config against the
// control API of a running mock.
func client(ctx context.Context, sub string, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("trtc-mock "+sub, flag.ContinueOnError)
	fs.SetOutput(stderr)
	mock := fs.String("mock", "", "base `URL` of the running mock (printed by serve)")
	sdkAppID := fs.Uint64("sdkappid", 0, "SDKAppID whose configuration to change")
	service := fs.String("service", trtcmock.ServiceLive,
		"service: "+trtcmock.ServiceLive+", "+trtcmock.ServiceRoom+" or "+trtcmock.ServiceCall)
	var cbURL, cmds *string
	if sub == "set-config" {
		cbURL = fs.String("url", "", "callback `URL` to store")
		cmds = fs.String("commands", "", "comma-separated callback command `words`")
	}
	if err := fs.Parse(args); err != nil {
		return parseExit(err)
	}
	switch {
	case fs.NArg() > 0:
		fmt.Fprintf(stderr, "trtc-mock %s: unexpected argument %q\n", sub, fs.Arg(0))
		return 2
	case *mock == "":
		fmt.Fprintf(stderr, "trtc-mock %s: -mock is required\n", sub)
		return 2
	case *sdkAppID == 0:
		fmt.Fprintf(stderr, "trtc-mock %s: -sdkappid is required\n", sub)
		return 2
	case cbURL != nil && *cbURL == "":
		fmt.Fprintf(stderr, "trtc-mock %s: -url is required\n", sub)
		return 2
	}

	target := strings.TrimRight(*mock, "/") + "/_mock/config?" + url.Values{
		"sdkappid": {strconv.FormatUint(*sdkAppID, 10)},
		"service":  {*service},
	}.Encode()
	var method string
	var body []byte
	switch sub {
	case "set-config":
		method = http.MethodPut
		body, _ = json.Marshal(trtcmock.Config{URL: *cbURL, Commands: nonNil(splitList(*cmds))})
	case "delete-config":
		method = http.MethodDelete
	default:
		method = http.MethodGet
	}

	status, answer, err := call(ctx, method, target, body)
	if err != nil {
		fmt.Fprintf(stderr, "trtc-mock %s: %v\n", sub, err)
		return 1
	}
	switch {
	case sub == "show-config" && status == http.StatusNotFound:
		fmt.Fprintf(stderr, "trtc-mock show-config: no %s configuration for sdkappid %d\n", *service, *sdkAppID)
		return 1
	case status/100 != 2:
		fmt.Fprintf(stderr, "trtc-mock %s: mock answered %d: %s\n", sub, status, bytes.TrimSpace(answer))
		return 1
	}
	if sub == "show-config" {
		var pretty bytes.Buffer
		if json.Indent(&pretty, answer, "", "  ") != nil {
			pretty.Reset()
			pretty.Write(answer)
		}
		fmt.Fprintln(stdout, pretty.String())
	}
	return 0
}

func call(ctx context.Context, method, target string, body []byte) (int, []byte, error) {
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, method, target, bytes.NewReader(body))
	if err != nil {
		return 0, nil, err
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, nil, err
	}
	defer resp.Body.Close()
	answer, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	return resp.StatusCode, answer, err
}

// nonNil makes an empty -commands store [] rather than null.
func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
