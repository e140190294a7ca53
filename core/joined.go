package cors

import (
	"slices"
	"strconv"
	"strings"
)

// joinedParts returns the entries that entry joins with commas, as other
// libraries' string options are written ("GET, PUT",
// "https://a.example,https://b.example"), or nil when it holds fewer than
// two. With urls set, entries that all hold "://" may also be joined by
// spaces.
func joinedParts(entry string, urls bool) []string {
	parts := strings.FieldsFunc(entry, func(r rune) bool { return r == ',' })
	if !strings.Contains(entry, ",") && urls {
		parts = strings.Fields(entry)
		for _, p := range parts {
			if !strings.Contains(p, "://") {
				return nil
			}
		}
	}
	for i := range parts {
		parts[i] = strings.TrimSpace(parts[i])
	}
	parts = slices.DeleteFunc(parts, func(p string) bool { return p == "" })
	if len(parts) < 2 {
		return nil
	}
	return parts
}

// partAdvice is what to do with one part of a joined entry: write it (as
// itself or its fix), or leave it out, and why.
type partAdvice struct {
	write    string
	leaveOut string // the reason, when the part does not belong in the list
}

// joinedError reports an entry that joins several. advise says what to do
// with one part; ok false means nothing sensible can be said about it, and
// the message then only says to split the entry.
func joinedError(field string, i int, entry string, parts []string, advise func(part string) (partAdvice, bool)) *ConfigError {
	sep := "commas"
	if !strings.Contains(entry, ",") {
		sep = "spaces"
	}
	problem := "joins " + strconv.Itoa(len(parts)) + " entries with " + sep + "; split it into separate entries"
	var write, leave []string
	for _, p := range parts {
		a, ok := advise(p)
		if !ok {
			return listError(ErrJoinedEntries, field, i, entry, problem)
		}
		if a.leaveOut != "" {
			leave = append(leave, strconv.Quote(p)+" ("+a.leaveOut+")")
		} else {
			write = append(write, strconv.Quote(a.write))
		}
	}
	if len(write) == 0 {
		return listError(ErrJoinedEntries, field, i, entry, problem)
	}
	problem += ": " + strings.Join(write, ", ")
	if len(leave) > 0 {
		problem += ", and leave out " + strings.Join(leave, " and ")
	}
	return listError(ErrJoinedEntries, field, i, entry, problem)
}

// entryError reports a list entry that check refuses: as a joined entry
// when it holds several, with the trimmed entry as its fix when only
// surrounding whitespace is wrong, else as check says. check returns the
// problem with one entry, or "" when it is valid; leaveOut says, for the
// codes of entries that do not belong in the list at all, why in a few
// words.
func entryError(field string, i int, entry string, code ErrorCode, problem string,
	check func(string) (ErrorCode, string), leaveOut map[ErrorCode]string) *ConfigError {
	if parts := joinedParts(entry, false); parts != nil {
		return joinedError(field, i, entry, parts, func(p string) (partAdvice, bool) {
			c, _ := check(p)
			if c == "" {
				return partAdvice{write: p}, true
			}
			why := leaveOut[c]
			return partAdvice{leaveOut: why}, why != ""
		})
	}
	e := listError(code, field, i, entry, problem)
	if t := strings.TrimSpace(entry); t != entry {
		if c, _ := check(t); c == "" {
			e.Fix = t
		}
	}
	return e
}
