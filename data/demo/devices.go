package demo

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"baomi/taizhang/data"
)

// demoDeviceKinds are the 类型 with their weights, the names a 保密办 gives
// them and a few 品牌型号 (domestic models, as 涉密 equipment is bought).
var demoDeviceKinds = []struct {
	typ    string
	weight int
	name   string
	models []string
}{
	{"台式计算机", 44, "台式计算机", []string{"联想开天M740J", "清华同方超翔TL630", "长城世恒DF7", "华为擎云W515", "中科曙光H620"}},
	{"便携式计算机", 9, "便携式计算机", []string{"联想开天N7", "华为擎云L410", "长城UF712"}},
	{"移动存储介质", 20, "专用移动存储介质", []string{"华为安全U盘（32G）", "朗科专用移动硬盘（1T）", "中孚涉密专用U盘"}},
	{"打印机", 13, "激光打印机", []string{"奔图P3301DN", "联想LJ2655DN", "得力P2500DNW"}},
	{"复印机", 4, "数码复印机", []string{"震旦AD289S", "汉光BMFC5300"}},
	{"扫描仪", 5, "扫描仪", []string{"紫光Q2260", "汉王HW-7160"}},
	{"传真机", 2, "传真机", []string{"松下KX-FL338CN"}},
	{"其他", 3, "投影仪", []string{"明基E580", "爱普生CB-X50"}},
}

// demoRepairShops: on site by the unit's own 信息中心, or sent out to a
// 定点维修单位.
var demoRepairShops = []string{"本局信息中心", "市涉密设备定点维修单位（市华盾信息技术有限公司）", "市涉密设备定点维修单位（市恒信科技发展有限公司）"}

var demoFaults = map[string][]string{
	"台式计算机":  {"电源故障，更换电源", "主板故障，更换主板", "系统无法启动，重装操作系统", "内存故障，更换内存条"},
	"便携式计算机": {"屏幕损坏，更换屏幕", "键盘失灵，更换键盘", "电池鼓包，更换电池"},
	"打印机":    {"卡纸，更换搓纸轮", "定影组件故障，更换定影器", "硒鼓漏粉，更换硒鼓"},
	"复印机":    {"定影组件故障，更换定影器", "扫描组件故障，更换稿台玻璃"},
	"扫描仪":    {"进纸辊磨损，更换进纸辊"},
}

// data.Device scenarios.
const (
	devNormal        = iota
	devOnPublic      // 涉密 on a 非涉密网络, recorded
	devRepairLeak    // 涉密 computer repaired outside, storage not removed
	devCheckOverdue  // 保密检查 older than the limit
	devCheckSoon     // 保密检查 due within the window
	devNeverChecked  // in use, never checked, 启用 long ago
	devStoppedNet    // on a 涉密网络 that is 已停用
	devUnlistedNet   // on a 涉密网络 not in 涉密网络测评
	devScrapped      // 已报废 properly
	devNotSecret     // 非密, on the internet: no mark
	devRepairedClean // 涉密 computer repaired, storage removed
)

// Devices makes a device for every four persons, with their 维修. The
// 涉密网络 they join are the systems of 涉密网络测评, made before them
// (Registers() order) and kept by fill, as 所联涉密网络 refers to them.
func (g *gen) Devices() maker {
	var nets *demoNets
	return maker{per: 4, make: func(i int) (*data.Record, data.Snapshot) {
		if nets == nil {
			nets = g.demoNets()
		}
		return g.device(i, nets.running, nets.stopped)
	}}
}

// demoNets are the systems a device may join: the running ones (not a
// 单机 system) and the stopped ones.
type demoNets struct{ running, stopped []*data.Record }

func (g *gen) demoNets() *demoNets {
	n := &demoNets{}
	for _, r := range g.refs[data.Networks] {
		switch r.Get(data.NetStatus) {
		case data.SystemRunning:
			if !strings.Contains(r.Get(data.NetName), "单机") {
				n.running = append(n.running, r)
			}
		case data.SystemStopped:
			n.stopped = append(n.stopped, r)
		}
	}
	return n
}

func (g *gen) device(i int, running, stopped []*data.Record) (*data.Record, data.Snapshot) {
	T := g.today
	sc := g.scenario(i,
		[]int{devOnPublic, devRepairLeak, devCheckOverdue, devCheckSoon, devNeverChecked, devStoppedNet, devUnlistedNet, devScrapped, devNotSecret, devRepairedClean},
		[]int{devNormal, devCheckOverdue, devCheckSoon, devNeverChecked, devScrapped, devNotSecret, devRepairedClean, devOnPublic, devRepairLeak},
		700, 25, 60, 10, 40, 110, 50, 1, 1)
	weights := make([]int, len(demoDeviceKinds))
	for k, d := range demoDeviceKinds {
		weights[k] = d.weight
	}
	kind := demoDeviceKinds[g.weighted(weights...)]
	switch sc {
	case devRepairLeak, devRepairedClean, devOnPublic, devStoppedNet, devUnlistedNet:
		kind = demoDeviceKinds[g.weighted(85, 15)] // a computer
	case devNotSecret:
		kind = demoDeviceKinds[g.weighted(80, 10, 0, 10)] // a computer or a printer
	}
	computer := slices.Contains(data.DeviceComputers, kind.typ)
	keeper := g.demoKeeper()
	level := data.SecretLevels[g.weighted(2, 38, 60)]
	if sc == devNotSecret {
		level = data.DeviceNotSecret
	}

	r := data.NewRecord()
	r.Set(data.DevType, kind.typ)
	r.Set(data.DevModel, g.pick(kind.models))
	r.Set(data.DevDept, keeper.dept)
	if keeper.id != 0 {
		r.Set(data.DevOwner, fmt.Sprint(keeper.id))
	}
	start := g.day(T.AddDate(-7, 0, 0), T.AddDate(0, -2, 0))
	if sc == devNeverChecked {
		start = g.day(T.AddDate(-3, 0, 0), T.AddDate(-1, -1, 0))
	}
	r.Set(data.DevStart, data.FormatDate(start))

	net := data.NetStandalone
	switch {
	case sc == devNotSecret:
		net = data.NetPublic
	case sc == devOnPublic:
		net = data.NetPublic
		r.Set(data.KeyAck, "已确认记录在案 "+data.FormatDate(demoDays(T, -g.between(1, 20))))
		r.Set("note", "保密自查中发现该机接入互联网，已责令当事人停止使用，正在核查是否存储处理涉密信息")
	case sc == devStoppedNet && len(stopped) > 0:
		n := stopped[g.rng.IntN(len(stopped))]
		net, level = data.NetSecret, n.Get(data.NetLevel)
		r.Set(data.DevNetwork, n.Get(data.NetName))
	case sc == devUnlistedNet:
		net = data.NetSecret
		r.Set(data.DevNetwork, keeper.dept+"涉密视频会议终端网")
	case computer && len(running) > 0 && g.chance(0.7):
		n := running[g.rng.IntN(len(running))]
		net, level = data.NetSecret, n.Get(data.NetLevel)
		r.Set(data.DevNetwork, n.Get(data.NetName))
	}
	r.Set(data.DevNet, net)
	r.Set(data.DevLevel, level)
	name := kind.name
	switch {
	case level == data.DeviceNotSecret && net == data.NetPublic:
		name = "非密" + name + "（互联网）"
	case level == data.DeviceNotSecret:
		name = "非密" + name
	case net == data.NetSecret:
		name = "涉密" + name + "（内网终端）"
	case computer && net == data.NetStandalone:
		name = "涉密" + name + "（单机）"
	default:
		name = "涉密" + name
	}
	r.Set(data.DevName, name)
	if computer || kind.typ == "移动存储介质" {
		r.Set(data.DevSerial, strings.ToUpper(fmt.Sprintf("%s%s", g.pick([]string{"S4EV", "WD-WX", "ZA4", "S3Z9"}), g.digits(8))))
	} else {
		r.Set(data.DevSerial, g.pick([]string{"CN", "PB", "AD"})+g.digits(10))
	}
	if level != data.DeviceNotSecret {
		r.Set(data.DevCode, fmt.Sprintf("SM-%d-%04d", start.Year(), i%10000+1))
	} else {
		r.Set(data.DevCode, fmt.Sprintf("FM-%d-%04d", start.Year(), i%10000+1))
	}
	r.Set(data.DevPlace, fmt.Sprintf("%s%d%02d室", g.pick([]string{"主楼", "主楼", "附楼"}), g.between(2, 9), g.between(1, 30)))

	checked := g.day(demoLater(start, T.AddDate(-1, 0, g.window()+1)), demoDays(T, -1))
	switch sc {
	case devCheckOverdue:
		checked = g.day(demoLater(start, T.AddDate(-2, 0, 0)), T.AddDate(-1, 0, -1))
	case devCheckSoon:
		checked = g.day(demoLater(start, T.AddDate(-1, 0, 0)), T.AddDate(-1, 0, g.window()))
	case devNeverChecked:
		checked = time.Time{}
	}
	if !checked.IsZero() {
		r.Set(data.DevChecked, data.FormatDate(demoLater(checked, start)))
	}

	status := data.DeviceInUse
	if sc == devOnPublic {
		status = data.DeviceStopped // 责令停止使用 while it is looked into
	}
	if sc == devScrapped {
		status = data.DeviceScrapped
		scrapped := g.day(demoEarlier(demoDays(start, 365), demoDays(T, -1)), demoDays(T, -1))
		r.Set(data.DevScrapped, data.FormatDate(scrapped))
		r.Set(data.DevStorage, g.pick([]string{"已拆除送销", "物理销毁"}))
		r.Set(data.DevHandler, g.pick(g.leaders))
		r.Set(data.DevNet, data.NetStandalone)
		r.Set(data.DevNetwork, "")
		r.Set(data.DevChecked, data.FormatDate(demoEarlier(checked, scrapped)))
		r.Set("note", "超过使用年限报废，硬盘已拆除")
	} else if sc == devNormal && g.chance(0.05) {
		status = data.DeviceStopped
		r.Set("note", "人员调整，暂时停用，封存于保密办")
	}
	r.Set(data.DevStatus, status)

	var repairs []*data.Record
	n := 0
	switch sc {
	case devRepairLeak, devRepairedClean:
		n = 1
	case devNormal, devCheckOverdue:
		if _, ok := demoFaults[kind.typ]; ok { // storage media are replaced, not repaired
			n = g.weighted(80, 15, 5)
		}
	}
	for k := range n {
		rp := data.NewRecord()
		day := g.day(demoDays(start, 30), demoDays(T, -1))
		rp.Set(data.RepDate, data.FormatDate(day))
		shop := demoRepairShops[g.weighted(70, 20, 10)]
		if sc == devRepairLeak || (sc == devRepairedClean && k == 0) {
			shop = demoRepairShops[1+g.rng.IntN(2)]
		}
		out := "否"
		if shop != demoRepairShops[0] {
			out = "是"
		}
		rp.Set("fault", g.pick(demoFaults[kind.typ]))
		rp.Set(data.RepShop, shop)
		rp.Set(data.RepOut, out)
		rp.Set(data.RepEscort, g.staff0name(keeper))
		removed := "是" // a computer's disk, a copier's hard disk
		if !computer && kind.typ != "复印机" {
			removed = "无存储部件"
		}
		if sc == devRepairLeak {
			removed = "否"
			rp.Set(data.KeyAck, "已确认记录在案 "+data.FormatDate(demoDays(day, 5)))
			rp.Set("note", "送修前未拆除硬盘，取回后已对硬盘进行保密检查")
		}
		rp.Set(data.RepRemoved, removed)
		repairs = append(repairs, rp)
	}
	return r, data.Snapshot{data.Repairs: repairs}
}

// staff0name names the person who went along with a repair: the device's
// 责任人, or a new name when the file has no staff.
func (g *gen) staff0name(keeper demoStaff) string {
	if keeper.name != "" {
		return keeper.name
	}
	return g.name(g.chance(0.6))
}
