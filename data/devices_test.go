package data

import (
	"strings"
	"testing"
)

// testDevice is a valid 涉密 computer in use on a 涉密网络 that no rule marks
// on 2025-06-15.
func testDevice() *Record {
	return rec(
		DevName, "涉密台式计算机（内网终端）",
		DevType, "台式计算机",
		DevModel, "联想开天M740J",
		DevSerial, "S4EV12345678",
		DevCode, "SM-2023-0012",
		DevLevel, "机密",
		DevDept, "办公室",
		DevPlace, "主楼305室",
		DevNet, NetSecret,
		DevNetwork, "办公室涉密办公自动化系统",
		DevStart, "2023-03-01",
		DevStatus, DeviceInUse,
		DevChecked, "2025-03-01",
	)
}

// testDeviceNetworks is the 涉密网络测评 register the device tests join.
func testDeviceNetworks() []*Record {
	return []*Record{
		withID(rec(NetName, "办公室涉密办公自动化系统", NetStatus, SystemRunning), 1, 0),
		withID(rec(NetName, "机要文电处理系统", NetStatus, SystemStopped), 2, 0),
	}
}

// deriveDevice derives one device with its repairs and returns it.
func deriveDevice(env Env, r *Record, repairs ...*Record) *Record {
	r = withID(r, 1, 0)
	for i, rp := range repairs {
		withID(rp, uint64(10+i), 1)
	}
	Devices.Derive([]*Record{r}, Snapshot{Repairs: repairs, Networks: testDeviceNetworks()}, env)
	return r
}

// devicesDueOf is what 首页 shows of one device.
func devicesDueOf(env Env, r *Record, repairs ...*Record) []DueItem {
	r = withID(r, 1, 0)
	for i, rp := range repairs {
		withID(rp, uint64(10+i), 1)
	}
	return homeOf(Devices, Snapshot{Devices: {r}, Repairs: repairs, Networks: testDeviceNetworks()}, env)
}

func TestDeviceValid(t *testing.T) {
	r := testDevice()
	if fe := Validate(Devices, r, testEnv()); len(fe) > 0 {
		t.Fatalf("Validate: got %v, want no errors", fe)
	}
	checkMarks(t, deriveDevice(testEnv(), r))
	if items := devicesDueOf(testEnv(), r); len(items) != 0 {
		t.Errorf("首页: got %v, want nothing", items)
	}
}

// A 涉密 device on a 非涉密网络 is saved only as a breach on file, marked,
// and stays on 首页 until it is off that network or scrapped.
func TestDeviceSecretOnPublicNetwork(t *testing.T) {
	r := with(testDevice(), DevNet, NetPublic, DevNetwork, "")
	if got := Validate(Devices, r, testEnv())[KeyAck]; got != warnSecretOnPublic {
		t.Fatalf("warning: got %q, want %q", got, warnSecretOnPublic)
	}
	r.Set(KeyAck, "已确认记录在案 2025-06-15")
	if fe := Validate(Devices, r, testEnv()); len(fe) > 0 {
		t.Fatalf("confirmed: got %v, want no errors", fe)
	}
	want := "涉密设备接入非涉密网络（已确认记录在案），应立即断开并查处"
	checkMarks(t, deriveDevice(testEnv(), r), want)
	items := devicesDueOf(testEnv(), r)
	if len(items) != 1 || items[0].What != want || FormatDate(items[0].Date) != "2025-06-15" || items[0].Days != 0 {
		t.Errorf("首页: got %v, want one item %q due today, when it was put on file", items, want)
	}
	r.Set(KeyAck, "已确认记录在案 2025-06-01")
	if items := devicesDueOf(testEnv(), r); len(items) != 1 || items[0].Days != -14 {
		t.Errorf("首页 two weeks on: got %v, want the item 14 days overdue", items)
	}
	t.Run("非密 on the internet", func(t *testing.T) {
		r := with(testDevice(), DevLevel, DeviceNotSecret, DevNet, NetPublic, DevNetwork, "")
		if fe := Validate(Devices, r, testEnv()); len(fe) > 0 {
			t.Fatalf("Validate: got %v, want no errors", fe)
		}
		checkMarks(t, deriveDevice(testEnv(), r))
	})
}

// A 涉密 computer sent out for repair with its storage still in it is a
// breach on file, marked on the computer.
func TestDeviceRepairOutWithStorage(t *testing.T) {
	repair := func(out, removed string) *Record {
		return rec(RepDate, "2025-04-02", RepShop, "市华盾信息技术有限公司", RepOut, out, RepEscort, "张伟", RepRemoved, removed)
	}
	for _, tc := range []struct {
		name   string
		device *Record
		repair *Record
		warn   bool
	}{
		{"out, storage in", testDevice(), repair("是", "否"), true},
		{"out, storage removed", testDevice(), repair("是", "是"), false},
		{"on site, storage in", testDevice(), repair("否", "否"), false},
		{"a 涉密 printer", with(testDevice(), DevType, "打印机"), repair("是", "否"), false},
		{"a 非密 computer", with(testDevice(), DevLevel, DeviceNotSecret, DevNet, NetPublic, DevNetwork, ""), repair("是", "否"), false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			env := testEnv()
			env.Owner = tc.device
			rp := tc.repair.Clone()
			got := Validate(Repairs, rp, env)[KeyAck]
			if (got == warnRepairStorage) != tc.warn || (!tc.warn && got != "") {
				t.Fatalf("warning: got %q, want it %v", got, tc.warn)
			}
			rp.Set(KeyAck, "已确认记录在案 2025-06-15")
			if fe := Validate(Repairs, rp, env); len(fe) > 0 {
				t.Fatalf("confirmed: got %v, want no errors", fe)
			}
			var want []string
			if tc.warn {
				want = []string{"2025-04-02外送维修未拆除存储部件（市华盾信息技术有限公司）"}
			}
			checkMarks(t, deriveDevice(testEnv(), tc.device.Clone(), rp), want...)
		})
	}
	t.Run("on site needs an escort", func(t *testing.T) {
		fe := Validate(Repairs, with(repair("否", "是"), RepEscort, ""), testEnv())
		checkErrors(t, fe, map[string]string{RepEscort: "现场维修应填写陪同人"})
	})
}

// 已报废 needs its 报废日期, the handling of its storage and who did it.
func TestDeviceScrappedNeedsStorageHandling(t *testing.T) {
	scrapped := with(testDevice(), DevStatus, DeviceScrapped)
	checkErrors(t, Validate(Devices, scrapped.Clone(), testEnv()), map[string]string{
		DevScrapped: "已报废的设备应填写报废日期",
		DevStorage:  "已报废的设备应填写存储部件处理",
		DevHandler:  "已报废的设备应填写报废经办人",
	})
	done := with(scrapped, DevScrapped, "2025-05-01", DevStorage, "物理销毁", DevHandler, "王建国")
	if fe := Validate(Devices, done, testEnv()); len(fe) > 0 {
		t.Fatalf("Validate: got %v, want no errors", fe)
	}
	checkMarks(t, deriveDevice(testEnv(), done))
}

// A 非密 device cannot join a 涉密网络; a device on one names it, from the
// 涉密网络测评 register, and is marked when it is not there or stopped.
func TestDeviceSecretNetwork(t *testing.T) {
	checkErrors(t, Validate(Devices, with(testDevice(), DevLevel, DeviceNotSecret), testEnv()),
		map[string]string{DevNet: "非密设备不得接入涉密网络"})
	checkErrors(t, Validate(Devices, with(testDevice(), DevNetwork, ""), testEnv()),
		map[string]string{DevNetwork: "应选择所联涉密网络"})
	checkErrors(t, Validate(Devices, with(testDevice(), DevNet, NetStandalone), testEnv()),
		map[string]string{DevNetwork: "不应选择所联涉密网络"})
	checkMarks(t, deriveDevice(testEnv(), with(testDevice(), DevNetwork, "机要文电处理系统")), "所联涉密网络“机要文电处理系统”已停用")
	checkMarks(t, deriveDevice(testEnv(), with(testDevice(), DevNetwork, "涉密视频会议网")), "所联涉密网络“涉密视频会议网”未在涉密网络测评台账中登记")
}

// A device in use goes no longer than the limit (12 months by default, a
// setting; 0 turns it off) without a 保密检查.
func TestDeviceCheckDue(t *testing.T) {
	for _, tc := range []struct {
		name string
		r    *Record
		set  func(s *Settings)
		want string
		date string
	}{
		{"checked 15 months ago", with(testDevice(), DevChecked, "2024-03-10"), nil, "上次保密检查2024-03-10，满12个月应再次检查", "2025-03-10"},
		{"due within the window", with(testDevice(), DevChecked, "2024-08-01"), nil, "上次保密检查2024-08-01，满12个月应再次检查", "2025-08-01"},
		{"never checked", with(testDevice(), DevChecked, "", DevStart, "2024-01-20"), nil, "启用后未进行保密检查", "2025-01-20"},
		{"checked recently", testDevice(), nil, "", ""},
		{"limit from settings", with(testDevice(), DevChecked, "2025-01-10"), func(s *Settings) { s.Limits[LimitDeviceCheckMonths] = 3 }, "上次保密检查2025-01-10，满3个月应再次检查", "2025-04-10"},
		{"off", with(testDevice(), DevChecked, "2023-03-10"), func(s *Settings) { s.Limits[LimitDeviceCheckMonths] = 0 }, "", ""},
		{"stopped", with(testDevice(), DevChecked, "2023-03-10", DevStatus, DeviceStopped), nil, "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			env := envWith(tc.set)
			r := deriveDevice(env, tc.r.Clone())
			checkMarks(t, r, strings.Fields(tc.want)...)
			items := devicesDueOf(env, r)
			switch {
			case tc.want == "" && len(items) != 0:
				t.Errorf("首页: got %v, want nothing", items)
			case tc.want != "" && (len(items) != 1 || items[0].What != tc.want || FormatDate(items[0].Date) != tc.date):
				t.Errorf("首页: got %v, want one item %q on %s", items, tc.want, tc.date)
			}
		})
	}
}

func TestDeviceStats(t *testing.T) {
	d := func(typ, level, dept, status string) *Record {
		return rec(DevType, typ, DevLevel, level, DevDept, dept, DevStatus, status)
	}
	snap := Snapshot{Devices: {
		d("台式计算机", "机密", "办公室", DeviceInUse),
		d("台式计算机", "秘密", "综合处", DeviceInUse),
		d("打印机", "秘密", "综合处", DeviceStopped),
		d("台式计算机", DeviceNotSecret, "综合处", DeviceInUse),
		d("便携式计算机", "绝密", "办公室", DeviceScrapped),
	}}
	checkStat(t, deviceStats(snap[Devices], snap, testEnv(), 2025), `
涉密设备（未报废，按类型、密级）
类型|绝密 机密 秘密 非密
台式计算机|0 1 1 1
打印机|0 0 1 0
`, `
涉密设备（未报废，按使用部门、密级）
使用部门|绝密 机密 秘密 非密
办公室|0 1 0 0
综合处|0 0 2 1
`, `
涉密设备（未报废的涉密设备，按使用部门、类型）
使用部门|台式计算机 便携式计算机 移动存储介质 打印机 复印机 扫描仪 传真机 其他
办公室|1 0 0 0 0 0 0 0
综合处|1 0 0 1 0 0 0 0
`)
}
