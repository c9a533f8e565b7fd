package provider

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/gofrs/flock"

	"github.com/trtc/terraform-provider-trtc/internal/trtcapi"
	"github.com/trtc/terraform-provider-trtc/internal/wait"
)

// filePacer spaces each gift command of one app across the provider
// processes of this machine. TRTC takes one call per second of each gift
// command per app (docs/development/trtc-api.md §9), and each client
// spaces its own calls; but Terraform starts a provider process for each
// operation phase and each provider configuration, so a terraform apply's
// first catalogue read follows its plan's last one by well under a second,
// and TRTC answered 100012. The last call of each command is kept in the
// ledger's directory, one file per app and command, read and written under
// a file lock.
type filePacer struct {
	dir, endpoint string
	app           uint64
}

// giftPacer is the pacer of an app's gift commands, nil when the ledger
// keeps nothing on disk.
func (l *ledger) giftPacer(endpoint string, app uint64) trtcapi.GiftPacer {
	if l.dir == "" {
		return nil
	}
	return &filePacer{dir: l.dir, endpoint: endpoint, app: app}
}

func (p *filePacer) Pace(ctx context.Context, command string, interval time.Duration) error {
	file := filepath.Join(p.dir, objectKey(p.endpoint, p.app, "gift command", command)+".pace")
	fl := flock.New(file+".lock", flock.SetPermissions(0o600))
	if ok, err := fl.TryLockContext(ctx, 5*time.Millisecond); !ok {
		if err == nil {
			err = ctx.Err()
		}
		return fmt.Errorf("waiting for another provider process's %s call: %w", command, err)
	}
	defer func() { _ = fl.Unlock() }()
	if raw, err := os.ReadFile(file); err == nil {
		last, _ := strconv.ParseInt(strings.TrimSpace(string(raw)), 10, 64)
		// At most one interval: a clock set back must not stop the calls.
		if pause := min(time.Until(time.Unix(0, last).Add(interval)), interval); pause > 0 {
			if err := wait.Sleep(ctx, pause); err != nil {
				return err
			}
		}
	}
	// Best effort, like the ledger: a lost record costs a 100012, which
	// the client waits out.
	_ = os.WriteFile(file, []byte(strconv.FormatInt(time.Now().UnixNano(), 10)), 0o600)
	return nil
}
