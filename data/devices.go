package data

import (
	"slices"
	"strconv"
)

// Device (涉密设备) field keys used by rules, the UI and demo data.
const (
	DevName      = "name"
	DevType      = "type"
	DevModel     = "model"
	DevSerial    = "serial"
	DevCode      = "code"
	DevLevel     = "level"
	DevDept      = "dept"
	DevOwner     = "owner"      // the 责任人's id in 涉密人员 (KindPeople, one person)
	DevOwnerName = "owner_name" // computed: the 责任人's name
	DevPlace     = "place"
	DevNet       = "net"
	DevNetwork   = "network" // the 涉密网络's 系统名称, from 涉密网络测评
	DevStart     = "start"
	DevStatus    = "status"
	DevChecked   = "checked"
	DevScrapped  = "scrapped"
	DevStorage   = "storage"
	DevHandler   = "handler"
)

// Repair (维修) field keys.
const (
	RepDate    = "date"
	RepShop    = "shop"
	RepOut     = "out"
	RepEscort  = "escort"
	RepRemoved = "removed"
)

// 密级 of a device: the three of a secret, or 非密.
const DeviceNotSecret = "非密"

// 联网 values.
const (
	NetStandalone = "单机"
	NetSecret     = "涉密网络"
	NetPublic     = "非涉密网络"
)

// 设备状态 values.
const (
	DeviceInUse    = "在用"
	DeviceStopped  = "停用"
	DeviceRepair   = "维修中"
	DeviceScrapped = "已报废"
)

// DeviceTypes are the 类型 of a device.
var DeviceTypes = []string{"台式计算机", "便携式计算机", "移动存储介质", "打印机", "复印机", "扫描仪", "传真机", "其他"}

// DeviceLevels are the 密级 of a device: the three of a secret, or 非密.
var DeviceLevels = append(slices.Clone(SecretLevels), DeviceNotSecret)

// DeviceComputers are the 类型 that are computers (硬盘序列号, 外送维修).
var DeviceComputers = []string{"台式计算机", "便携式计算机"}

// LimitDeviceCheckMonths is how long a device in use may go without a
// 保密检查 before it is a reminder (Settings.Limits), default 12 months.
const LimitDeviceCheckMonths = "device.check_months"

// deviceCheckMonths is that setting with its label and default.
var deviceCheckMonths = Limit{Key: LimitDeviceCheckMonths, Label: "保密检查周期（月，0 为不提醒）", Default: 12}

// The recorded breaches of the 涉密设备 rules (Warn).
const (
	warnSecretOnPublic = "涉密设备接入非涉密网络"
	warnRepairStorage  = "涉密计算机外送维修未拆除存储部件"
)

// Devices is the 涉密设备 register: the unit's classified computers,
// storage media and office equipment, each with its 维修 in the
// sub-register Repairs.
var Devices = &Register{
	Key:  "devices",
	Name: "涉密设备",
	// Basis: where each rule comes from (帮助 → 规则与依据).
	Basis: []RuleBasis{
		{"涉密设备", "涉密计算机和设备不得接入非涉密网络", "保守国家秘密法（涉密信息设备的使用）", "", "接入非涉密网络"},
		{"涉密设备", "涉密计算机外送维修须拆除存储部件", "保守国家秘密法（涉密信息设备的维修）；做法为" + practice, "", "外送维修"},
		{"涉密设备", "定期保密检查", practice, "设置 → 涉密设备 → 保密检查周期（月）", "保密检查"},
		{"涉密设备", "所联涉密网络应在涉密网络测评登记簿中且未停用", "实施条例第三十三条、第三十五条（涉密网络经审查通过方可使用，停用须备案）", "", "所联涉密网络"},
	},
	Icon:     "storage",
	Limits:   []Limit{deviceCheckMonths},
	TitleKey: DevName,
	Title:    deviceName,
	Fields: []Field{
		{Key: DevName, Label: "设备名称", Aliases: []string{"名称", "设备"}, Kind: KindText, Required: true, Width: 16},
		{Key: DevType, Label: "类型", Aliases: []string{"设备类型", "设备种类"}, Kind: KindChoice, Choices: DeviceTypes, Required: true, Filter: true, Width: 10},
		{Key: DevModel, Label: "品牌型号", Aliases: []string{"品牌", "型号", "品牌及型号"}, Kind: KindText, Width: 14},
		{Key: DevSerial, Label: "序列号/硬盘序列号", Aliases: []string{"序列号", "硬盘序列号", "设备序列号"}, Kind: KindText, Width: 16},
		{Key: DevCode, Label: "保密编号", Aliases: []string{"设备编号", "涉密编号", "编号"}, Kind: KindText, Width: 12},
		{Key: DevLevel, Label: "密级", Aliases: []string{"设备密级"}, Kind: KindChoice, Choices: DeviceLevels, Required: true, Filter: true, Width: 6},
		{Key: DevDept, Label: "使用部门", Aliases: []string{"部门", "使用单位"}, Kind: KindChoice, Source: ChoiceDepartments, Required: true, Filter: true, Width: 10},
		// The id is kept hidden; the table and the export show the name,
		// which import reads back (the alias) as the person of that name.
		{Key: DevOwner, Label: "责任人（选自涉密人员）", Aliases: []string{"责任人"}, Kind: KindPeople, One: true, Hidden: true, Width: 8},
		{Key: DevOwnerName, Label: "责任人", Kind: KindText, Computed: true, Width: 8},
		{Key: DevPlace, Label: "放置地点", Aliases: []string{"存放地点", "放置位置"}, Kind: KindText, Width: 11},
		{Key: DevNet, Label: "联网", Aliases: []string{"联网情况", "网络类型"}, Kind: KindChoice, Choices: []string{NetStandalone, NetSecret, NetPublic}, Required: true, Filter: true, Width: 8},
		{Key: DevNetwork, Label: "所联涉密网络", Aliases: []string{"涉密网络名称"}, Kind: KindChoice, Ref: Networks, Width: 16},
		{Key: DevStart, Label: "启用日期", Aliases: []string{"启用时间", "购置日期"}, Kind: KindDate, Width: 11},
		{Key: DevStatus, Label: "状态", Aliases: []string{"使用状态", "设备状态"}, Kind: KindChoice, Choices: []string{DeviceInUse, DeviceStopped, DeviceRepair, DeviceScrapped}, Required: true, Filter: true, Width: 7},
		{Key: DevChecked, Label: "最近保密检查日期", Aliases: []string{"保密检查日期", "检查日期"}, Kind: KindDate, Width: 11},
		{Key: DevScrapped, Label: "报废日期", Kind: KindDate, Width: 11},
		{Key: DevStorage, Label: "存储部件处理", Kind: KindChoice, Choices: []string{"已拆除送销", "物理销毁"}, Width: 11},
		{Key: DevHandler, Label: "报废经办人", Kind: KindText, Width: 8},
		{Key: "note", Label: "备注", Kind: KindText, Long: true, Width: 14},
		ackField,
		MarksField,
	},
	Subs:  []*Register{Repairs},
	Check: checkDevice,
	Warn:  warnDevice,
	// A device on a 涉密网络 reads 涉密网络测评 to know the system is on file
	// and running (their stored 系统名称 and 系统状态 only).
	Needs:  []*Register{Networks},
	Derive: deriveDevices,
	Stats:  deviceStats,

	// The natural key: a device is known by its 保密编号, else its 序列号.
	NaturalKey: []string{DevCode, DevSerial},
}

// Repairs are the 维修 of a device.
var Repairs = &Register{
	Key:      "devices.repairs",
	Name:     "维修",
	TitleKey: RepDate,
	Fields: []Field{
		{Key: RepDate, Label: "维修日期", Aliases: []string{"日期", "维修时间"}, Kind: KindDate, Required: true, Width: 11},
		{Key: RepShop, Label: "维修单位", Aliases: []string{"维修机构", "维修厂商"}, Kind: KindText, Required: true, Width: 20},
		{Key: "fault", Label: "故障及维修情况", Kind: KindText, Long: true, Width: 20},
		{Key: RepOut, Label: "是否外送", Aliases: []string{"外送维修"}, Kind: KindChoice, Choices: []string{"否", "是"}, Required: true, Width: 7},
		{Key: RepEscort, Label: "陪同人", Aliases: []string{"陪同人员", "现场陪同人"}, Kind: KindText, Width: 8},
		{Key: RepRemoved, Label: "存储部件是否拆除", Aliases: []string{"硬盘是否拆除", "存储部件拆除"}, Kind: KindChoice, Choices: []string{"是", "否", "无存储部件"}, Width: 9},
		{Key: "note", Label: "备注", Kind: KindText, Width: 14},
		ackField,
	},
	Check: func(r *Record, env Env) FieldErrors {
		fe := FieldErrors{}
		if r.Get(RepOut) == "否" && r.Get(RepEscort) == "" {
			// 实践做法: 涉密设备在本单位内维修的，全程由本单位人员陪同.
			fe[RepEscort] = "现场维修应填写陪同人"
		}
		if env.Owner != nil {
			if d := env.Owner.Get(DevStart); d != "" && r.Get(RepDate) != "" && r.Get(RepDate) < d {
				fe[RepDate] = "维修日期不能早于启用日期（" + d + "）"
			}
		}
		return fe
	},
	Warn: func(r *Record, env Env) []string {
		if env.Owner != nil && repairLeaks(env.Owner, r) {
			return []string{warnRepairStorage}
		}
		return nil
	},

	// The natural key, within one device: the day and who repaired it.
	NaturalKey: []string{RepDate, RepShop},
}

// checkDevice refuses a 非密 device on a 涉密网络 (保守国家秘密法, 2010年文本
// 第二十四条, 条序 changed by the 2024 revision: 不得使用非涉密计算机、非涉密
// 存储设备存储、处理国家秘密信息; that a 涉密网络 takes only devices
// registered as 涉密 is 实践做法 of 分级保护), a device on a 涉密网络 that
// does not name it, and one 已报废 without its 报废日期, the handling of
// its storage and who did it (同条: 退出使用的涉密计算机、涉密存储设备未经
// 安全技术处理不得赠送、出售、丢弃或者改作其他用途; the two ways of handling
// are 实践做法).
func checkDevice(r *Record, env Env) FieldErrors {
	fe := FieldErrors{}
	switch r.Get(DevNet) {
	case NetSecret:
		if r.Get(DevLevel) == DeviceNotSecret {
			fe[DevNet] = "非密设备不得接入涉密网络"
		}
		if r.Get(DevNetwork) == "" {
			fe[DevNetwork] = "接入涉密网络的设备应选择所联涉密网络"
		}
	default:
		if r.Get(DevNetwork) != "" {
			fe[DevNetwork] = "联网方式不是涉密网络，不应选择所联涉密网络"
		}
	}
	if r.Get(DevStatus) == DeviceScrapped {
		requireFields(fe, r, "已报废的设备", DevScrapped, "报废日期", DevStorage, "存储部件处理", DevHandler, "报废经办人")
	}
	notBefore(fe, r, DevChecked, DevStart, "保密检查日期不能早于启用日期")
	notBefore(fe, r, DevScrapped, DevStart, "报废日期不能早于启用日期")
	return fe
}

// warnDevice: a 涉密 device on a 非涉密网络 (保守国家秘密法, 2010年文本第二十四条
// (一), 条序 changed by the 2024 revision:
// 不得将涉密计算机、涉密存储设备接入互联网及其他公共信息网络) can only be
// recorded as a breach on file.
func warnDevice(r *Record, _ Env) []string {
	if secretDevice(r) && r.Get(DevNet) == NetPublic {
		return []string{warnSecretOnPublic}
	}
	return nil
}

// secretDevice tells whether a device is 涉密 (绝密, 机密 or 秘密).
func secretDevice(r *Record) bool {
	lvl := r.Get(DevLevel)
	return lvl != "" && lvl != DeviceNotSecret
}

// repairLeaks tells whether a repair sent a 涉密 computer out with its
// storage still in it (保守国家秘密法, 2010年文本第二十二条: 涉密设备的维修
// 应当符合国家保密规定; the rule itself — 送外维修须拆除存储部件 — is
// 实践做法 of those 规定, as is what counts: 外送 and 存储部件未拆除).
func repairLeaks(device, repair *Record) bool {
	return secretDevice(device) && slices.Contains(DeviceComputers, device.Get(DevType)) &&
		repair.Get(RepOut) == "是" && repair.Get(RepRemoved) == "否"
}

// deviceRules is what the rules of every device share, worked out once:
// the day, the settings' check period and the 涉密网络测评 register.
type deviceRules struct {
	c      dueCheck
	env    Env
	months int               // LimitDeviceCheckMonths
	recent string            // a check after this day is not due (with a margin)
	nets   map[string]string // each system's 系统状态 by 系统名称
}

func newDeviceRules(env Env, nets []*Record) *deviceRules {
	c := newDueCheck(env)
	months := env.Limit(deviceCheckMonths)
	d := &deviceRules{c: c, env: env, months: months, nets: make(map[string]string, len(nets)),
		recent: FormatDate(c.today.AddDate(0, -months, c.window+3))}
	for _, n := range nets {
		d.nets[n.Get(NetName)] = n.Get(NetStatus)
	}
	return d
}

// marks computes every rule of one device once, for its 提示 and for
// 首页: a 涉密 device on a 非涉密网络 (on 首页, overdue since it was put on
// file, as long as the device is not 已报废), a repair that sent a 涉密
// computer out with its storage (naming the 维修), a 涉密网络 not (or no
// longer) in the 涉密网络测评 register, and a device in use whose last 保密
// 检查 (or 启用日期, never checked) is older than the limit (实践做法:
// 涉密设备每年至少检查一次; the limit is a setting).
func (d *deviceRules) marks(r *Record, repairs []*Record) markSet {
	c, env := d.c, d.env
	var m markSet
	status := r.Get(DevStatus)
	if len(warnDevice(r, env)) > 0 {
		mk := Mark{What: warnSecretOnPublic + "（已确认记录在案），应立即断开并查处"}
		if status != DeviceScrapped { // overdue since it was put on file
			ack := r.Get(KeyAck)
			mk.Date = c.notAfterToday(ack[max(0, len(ack)-len(DateLayout)):])
		}
		m = append(m, mk)
	}
	for _, rp := range repairs {
		if repairLeaks(r, rp) {
			m = append(m, Mark{What: rp.Get(RepDate) + "外送维修未拆除存储部件（" + rp.Get(RepShop) + "）", Sub: rp, SubReg: Repairs})
		}
	}
	if name := r.Get(DevNetwork); name != "" && r.Get(DevNet) == NetSecret && status != DeviceScrapped {
		switch st, ok := d.nets[name]; {
		case !ok:
			m.add("所联涉密网络“" + name + "”未在涉密网络测评台账中登记")
		case st == SystemStopped:
			m.add("所联涉密网络“" + name + "”已停用")
		}
	}
	if months := d.months; months > 0 && status == DeviceInUse {
		last := r.Get(DevChecked)
		baseText := last
		if baseText == "" {
			baseText = r.Get(DevStart)
		}
		// A check within the last months and a margin is not due: most
		// devices of a large file, compared as text before any date is made.
		recent := baseText > d.recent
		due := c.today
		if base := StoredDate(baseText); !base.IsZero() && !recent {
			due = AddMonths(base, months)
		}
		if !recent && c.due(due) {
			what := "启用后未进行保密检查"
			if last != "" {
				what = "上次保密检查" + last + "，满" + strconv.Itoa(months) + "个月应再次检查"
			}
			m.due(due, what)
		}
	}
	return m
}

// deriveDevices names the 责任人 and marks each device. It reads only
// stored fields of the persons and the systems (姓名; 系统名称, 系统状态):
// DueItems runs it after their own Derive, which writes their computed ones.
func deriveDevices(recs []*Record, rel Snapshot, env Env) {
	rules := newDeviceRules(env, rel[Networks])
	names := personNames(rel.People(), len(recs))
	// Only a repair out with the storage in makes a mark: group those
	// alone, not the whole 维修 register, for a large file.
	var leaks []*Record
	for _, rp := range rel[Repairs] {
		if rp.Get(RepOut) == "是" && rp.Get(RepRemoved) == "否" {
			leaks = append(leaks, rp)
		}
	}
	repairs := ByOwner(leaks)
	for _, r := range recs {
		r.Set(DevOwnerName, attendeeNames(r.Get(DevOwner), names))
		rules.marks(r, repairs[r.ID]).set(r)
	}
}

// deviceName names a device on 首页 and in messages: its name and 保密编号.
func deviceName(r *Record) string {
	name := r.Get(DevName)
	if code := r.Get(DevCode); code != "" {
		name += "（" + code + "）"
	}
	return name
}

// deviceStats counts the devices not 已报废 by 类型 and 密级, by 使用部门 and
// 密级, and the 涉密 ones by 使用部门 and 类型: the register as it stands,
// whatever the year.
func deviceStats(devices []*Record, _ Snapshot, env Env, _ int) []StatTable {
	levels := DeviceLevels
	byType := newCrossTab("涉密设备（未报废，按类型、密级）", "类型", DeviceTypes, levels)
	var depts []string
	if env.Settings != nil {
		depts = env.Settings.Departments
	}
	byDept := newCrossTab("涉密设备（未报废，按使用部门、密级）", "使用部门", depts, levels)
	byDeptType := newCrossTab("涉密设备（未报废的涉密设备，按使用部门、类型）", "使用部门", depts, DeviceTypes)
	for _, r := range devices {
		if r.Get(DevStatus) == DeviceScrapped {
			continue
		}
		byType.add(r.Get(DevType), r.Get(DevLevel), 1)
		byDept.add(r.Get(DevDept), r.Get(DevLevel), 1)
		if secretDevice(r) {
			byDeptType.add(r.Get(DevDept), r.Get(DevType), 1)
		}
	}
	return []StatTable{byType.table(), byDept.table(), byDeptType.table()}
}
