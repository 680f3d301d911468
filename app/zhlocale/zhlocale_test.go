package zhlocale

import (
	"os"
	"testing"

	"github.com/jeandeaual/go-locale"
)

func TestApply(t *testing.T) {
	for _, c := range []struct {
		name string
		env  map[string]string
		goos string
		want []string // what go-locale reads afterwards
	}{
		{"LANG=C", map[string]string{"LANG": "C"}, "linux", []string{"zh-CN"}},
		{"LANG=C.UTF-8", map[string]string{"LANG": "C.UTF-8"}, "linux", []string{"zh-CN"}},
		{"LC_ALL=C", map[string]string{"LC_ALL": "C", "LANG": "en_US.UTF-8"}, "linux", []string{"zh-CN"}},
		{"English with LANGUAGE", map[string]string{"LANG": "en_US.UTF-8", "LANGUAGE": "en_US:en"}, "linux", []string{"zh-CN"}},
		{"nothing set", map[string]string{}, "linux", []string{"zh-CN"}},
		{"Chinese", map[string]string{"LANG": "zh_CN.UTF-8"}, "linux", []string{"zh-CN"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			for _, k := range []string{"LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"} {
				t.Setenv(k, c.env[k])
			}
			apply(getenvT, setenvT(t), c.goos)
			got, err := locale.GetLocales()
			if err != nil || len(got) == 0 || got[0] != c.want[0] {
				t.Errorf("go-locale reads %q (%v), want %q", got, err, c.want)
			}
		})
	}
	t.Run("windows untouched", func(t *testing.T) {
		if apply(func(string) string { return "" }, func(k, v string) error { t.Errorf("set %s", k); return nil }, "windows") {
			t.Error("changed the locale on Windows")
		}
	})
}

func getenvT(k string) string { return os.Getenv(k) }

func setenvT(t *testing.T) func(string, string) error {
	return func(k, v string) error { t.Setenv(k, v); return nil }
}
