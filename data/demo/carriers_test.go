package demo

import (
	"strings"
	"testing"

	"baomi/taizhang/data"
)

// TestDemoCarriersAndDevices: every rule of 涉密载体 and 涉密设备 fires in the
// demo data, a device on a 涉密网络 names a system of 涉密网络测评 (some of
// them stopped, one on purpose not on file), and 首页 says of each record
// what its 提示 says.
func TestDemoCarriersAndDevices(t *testing.T) {
	s := mustOpenStore(t)
	if err := Fill(s, 300, 1, nil); err != nil {
		t.Fatalf("Fill: got %v, want nil", err)
	}
	env, err := s.Env()
	if err != nil {
		t.Fatal(err)
	}
	snap, err := s.Snapshot()
	if err != nil {
		t.Fatal(err)
	}
	due := data.DueItems(snap, env)
	for _, tc := range []struct {
		reg   *data.Register
		marks []string
	}{
		{data.Carriers, []string{"复制涉密载体未经审批", "销毁涉密载体无监销人", "销毁审批人与监销人为同一人", "借阅逾期未还", "归还（", "天查无下落按泄露国家秘密处理", "天），应按泄露国家秘密处理", "届满，应进行解密审核"}},
		{data.Devices, []string{"涉密设备接入非涉密网络", "外送维修未拆除存储部件", "已停用", "未在涉密网络测评台账中登记", "满12个月应再次检查", "启用后未进行保密检查"}},
	} {
		recs, err := s.Load(tc.reg, 0)
		if err != nil {
			t.Fatal(err)
		}
		byID := map[uint64]*data.Record{}
		all := ""
		for _, r := range recs {
			byID[r.ID] = r
			all += r.Get(data.KeyMarks) + "\n"
		}
		for _, m := range tc.marks {
			if n := strings.Count(all, m); n == 0 {
				t.Errorf("%s: no record marked %q, want some", tc.reg.Name, m)
			}
		}
		n := 0
		for _, it := range due {
			if it.Register != tc.reg {
				continue
			}
			n++
			if r := byID[it.RecordID]; r == nil || !strings.Contains(r.Get(data.KeyMarks), it.What) {
				t.Errorf("%s #%d 首页 %q: not in its 提示, want it there too", tc.reg.Name, it.RecordID, it.What)
			}
		}
		if n == 0 {
			t.Errorf("%s: got nothing on 首页, want reminders", tc.reg.Name)
		}
	}
	systems := map[string]bool{}
	for _, r := range snap[data.Networks] {
		systems[r.Get(data.NetName)] = true
	}
	joined, unlisted := 0, 0
	for _, r := range snap[data.Devices] {
		if name := r.Get(data.DevNetwork); name != "" {
			if systems[name] {
				joined++
			} else {
				unlisted++
			}
		}
	}
	if joined == 0 || unlisted == 0 || unlisted > joined/4 {
		t.Errorf("所联涉密网络: got %d devices on a system of 涉密网络测评 and %d on one not on file, want most on file and a few not", joined, unlisted)
	}
}
