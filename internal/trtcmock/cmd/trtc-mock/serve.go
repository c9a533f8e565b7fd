package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"os"
	"strings"

	"github.com/trtc/terraform-provider-trtc/internal/trtcmock"
)

// demoKey is a deliberately fake secret key: the mock is for tests and
// demos, so nothing real should ever be needed to run it.
const demoKey = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"

func serve(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("trtc-mock serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	listen := fs.String("listen", "127.0.0.1:0", "loopback `address` to listen on")
	sdkAppID := fs.Uint64("sdkappid", 1400000000, "SDKAppID of the hosted app")
	key := fs.String("key", demoKey, "secret `key` that verifies UserSigs")
	admins := fs.String("admins", "administrator", "comma-separated App administrator `accounts`")
	latency := fs.Duration("latency", 0, "delay added before every API answer")
	readLag := fs.Duration("read-lag", 0, "how long reads (get_callback, get_callback_token) keep answering the state before a write")
	overwrite := fs.Bool("set-overwrites", false, "set_callback overwrites an existing configuration instead of answering 100300")
	deleteMissing := fs.Int("delete-missing-code", 0, "answer of delete_callback without a configuration (0 or 100301)")
	shuffle := fs.Bool("shuffle-commands", false, "get_callback returns CallbackCommandList reordered")
	urlFile := fs.String("url-file", "", "write the base URL to this `file`")
	if err := fs.Parse(args); err != nil {
		return parseExit(err)
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "trtc-mock serve: unexpected argument %q\n", fs.Arg(0))
		return 2
	}
	if err := checkLoopback(*listen); err != nil {
		fmt.Fprintf(stderr, "trtc-mock serve: %v\n", err)
		return 2
	}
	if *sdkAppID == 0 || *key == "" {
		fmt.Fprintln(stderr, "trtc-mock serve: -sdkappid and -key must be set")
		return 2
	}
	opts := trtcmock.Options{
		Apps:              []trtcmock.App{{SDKAppID: *sdkAppID, Key: *key, Admins: splitList(*admins)}},
		SetOverwrites:     *overwrite,
		DeleteMissingCode: *deleteMissing,
		Latency:           *latency,
		ReadLag:           *readLag,
		ShuffleCommands:   *shuffle,
	}
	srv, err := trtcmock.Listen(*listen, opts)
	if err != nil {
		fmt.Fprintf(stderr, "trtc-mock serve: %v\n", err)
		return 1
	}
	defer srv.Close()
	if *urlFile != "" {
		if err := writeAtomically(*urlFile, srv.URL()); err != nil {
			fmt.Fprintf(stderr, "trtc-mock serve: %v\n", err)
			return 1
		}
	}
	fmt.Fprintf(stdout, "trtc-mock listening on %s\n", srv.URL())
	<-ctx.Done()
	if err := srv.Close(); err != nil {
		fmt.Fprintf(stderr, "trtc-mock serve: close: %v\n", err)
		return 1
	}
	return 0
}

// checkLoopback refuses anything but a loopback address: the control API
// has no authentication.
func checkLoopback(addr string) error {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return fmt.Errorf("bad -listen address %q: %v", addr, err)
	}
	if host == "localhost" {
		return nil
	}
	if ip := net.ParseIP(host); ip != nil && ip.IsLoopback() {
		return nil
	}
	return errors.New("refusing to listen on non-loopback address " + addr + " (the control API is unauthenticated)")
}

// splitList splits a comma-separated flag, dropping empty items.
func splitList(s string) []string {
	var out []string
	for item := range strings.SplitSeq(s, ",") {
		if item = strings.TrimSpace(item); item != "" {
			out = append(out, item)
		}
	}
	return out
}

// writeAtomically writes content via a temporary file and a rename, so a
// script polling path never reads a half-written URL.
func writeAtomically(path, content string) error {
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, []byte(content), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}
