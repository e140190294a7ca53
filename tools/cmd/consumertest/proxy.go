package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"golang.org/x/mod/module"
	modzip "golang.org/x/mod/zip"

	"github.com/originguard/cors/tools/internal/family"
)

// writeProxy packs each module of mods, as it is in the tree under root, at
// version into dir laid out as a GOPROXY: <module>/@v/{list,V.info,V.mod,V.zip}.
func writeProxy(dir, root string, mods []family.Module, version string) error {
	for _, m := range mods {
		mv := module.Version{Path: m.Path, Version: version}
		escPath, err := module.EscapePath(m.Path)
		if err != nil {
			return err
		}
		escVersion, err := module.EscapeVersion(version)
		if err != nil {
			return err
		}
		vdir := filepath.Join(dir, filepath.FromSlash(escPath), "@v")
		if err := os.MkdirAll(vdir, 0o755); err != nil {
			return err
		}
		src := filepath.Join(root, filepath.FromSlash(m.Dir))
		goMod, err := os.ReadFile(filepath.Join(src, "go.mod"))
		if err != nil {
			return err
		}
		info, _ := json.Marshal(struct {
			Version string
			Time    time.Time
		}{version, time.Now().UTC().Truncate(time.Second)})
		files := map[string][]byte{
			"list":               []byte(version + "\n"),
			escVersion + ".info": info,
			escVersion + ".mod":  goMod,
		}
		for name, data := range files {
			if err := os.WriteFile(filepath.Join(vdir, name), data, 0o644); err != nil {
				return err
			}
		}
		zf, err := os.Create(filepath.Join(vdir, escVersion+".zip"))
		if err != nil {
			return err
		}
		err = modzip.CreateFromDir(zf, mv, src)
		if cerr := zf.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return fmt.Errorf("packing %s: %w", mv, err)
		}
		fmt.Printf("packed %s@%s from %s\n", m.Path, version, m.Dir)
	}
	return nil
}
