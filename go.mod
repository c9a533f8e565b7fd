module github.com/trtc/terraform-provider-trtc

go 1.26.0

require (
	github.com/cenkalti/backoff/v5 v5.0.3
	golang.org/x/time v0.16.0
)
