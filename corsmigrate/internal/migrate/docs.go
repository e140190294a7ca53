package migrate

import (
	"fmt"
	"strings"
)

// docTable is the markdown table docs/migrating.md shows for lib: the
// calls rewritten, then every field of the old configuration.
func docTable(lib *library) string {
	var b strings.Builder
	fmt.Fprintf(&b, "| %s | originguard/cors |\n|---|---|\n", lib.Name)
	var forms []string
	for _, f := range lib.Forms {
		forms = append(forms, f.Example)
	}
	fmt.Fprintf(&b, "| %s | `%s.%s(%s.Config{…})` (`%s`) |\n", strings.Join(forms, ", "), lib.TargetName, lib.Build, lib.TargetName, lib.Target)
	for _, f := range lib.Fields {
		fmt.Fprintf(&b, "| `%s` | %s |\n", f.Old, f.Doc)
	}
	return b.String()
}
