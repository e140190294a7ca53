//go:build !unix

package cors

import "time"

// cpuTime is not available here; the cpu-ns/op metric is then omitted.
func cpuTime() time.Duration { return 0 }
