package data

import (
	"errors"
	"strings"
	"testing"
)

func TestProjectCheck(t *testing.T) {
	for _, tc := range []struct {
		name string
		r    *Record
		want map[string]string
	}{
		{name: "valid", r: testProject()},
		{name: "end before start", r: with(testProject(), PrjEnd, "2025-01-09"), want: map[string]string{PrjEnd: "结束日期不能早于开始日期"}},
		{name: "end on start day", r: with(testProject(), PrjEnd, "2025-01-10")},
		{name: "accepted before start", r: with(testProject(), PrjAccepted, "2024-12-31"), want: map[string]string{PrjAccepted: "验收日期不能早于开始日期"}},
		{name: "running without contractor", r: with(testProject(), PrjContractor, ""), want: map[string]string{PrjContractor: "实施中的项目应填写承接单位"}},
		{name: "bidding without contractor", r: with(testProject(), PrjContractor, "", PrjStatus, ProjectBidding)},
		{name: "missing name and level", r: with(testProject(), PrjName, "", PrjLevel, ""), want: map[string]string{PrjName: "请填写项目名称", PrjLevel: "请填写密级"}},
		{name: "unknown department", r: with(testProject(), PrjDept, "不存在的处"), want: map[string]string{PrjDept: "应从列表中选择"}},
		{name: "三级 offered", r: with(testProject(), PrjQualType, QualWeapons, PrjQualGrade, "三级", PrjLevel, "秘密")},
		{name: "甲级 is not a 武器装备 grade", r: with(testProject(), PrjQualType, QualWeapons), want: map[string]string{PrjQualGrade: "武器装备科研生产资质的等级为一级、二级、三级"}},
		{name: "三级 is not an 集成 grade", r: with(testProject(), PrjQualGrade, "三级", PrjLevel, "秘密"), want: map[string]string{PrjQualGrade: "涉密信息系统集成资质的等级为甲级、乙级"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			checkErrors(t, Validate(Projects, tc.r, testEnv()), tc.want)
		})
	}
}

func TestProjectWarnAndAck(t *testing.T) {
	gradeB := with(testProject(), PrjLevel, "绝密", PrjQualGrade, "乙级")
	for _, tc := range []struct {
		name    string
		r       *Record
		wantErr bool
		wantAck string // KeyAck after Validate
	}{
		{name: "乙级 on 绝密 refused until confirmed", r: gradeB, wantErr: true},
		{name: "乙级 on 绝密 confirmed", r: with(gradeB, KeyAck, "2025-06-15"), wantAck: "2025-06-15"},
		{name: "乙级 on 机密 needs nothing", r: with(gradeB, PrjLevel, "机密")},
		{name: "confirmation dropped once 甲级", r: with(gradeB, KeyAck, "2025-06-15", PrjQualGrade, "甲级")},
		{name: "other errors first", r: with(gradeB, PrjName, ""), wantErr: true},
		{name: "二级 on 绝密 refused until confirmed", r: with(gradeB, PrjQualType, QualWeapons, PrjQualGrade, "二级"), wantErr: true},
		{name: "三级 on 机密 refused until confirmed", r: with(gradeB, PrjQualType, QualWeapons, PrjQualGrade, "三级", PrjLevel, "机密"), wantErr: true},
		{name: "三级 on 秘密 needs nothing", r: with(gradeB, PrjQualType, QualWeapons, PrjQualGrade, "三级", PrjLevel, "秘密")},
		{name: "一级 on 绝密 needs nothing", r: with(gradeB, PrjQualType, QualWeapons, PrjQualGrade, "一级")},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fe := Validate(Projects, tc.r, testEnv())
			if tc.wantErr != (len(fe) > 0) {
				t.Fatalf("Validate: got %v, want errors %v", fe, tc.wantErr)
			}
			if got := tc.r.Get(KeyAck); got != tc.wantAck {
				t.Errorf("确认记录在案: got %q, want %q", got, tc.wantAck)
			}
		})
	}
	if fe := Validate(Projects, gradeB.Clone(), testEnv()); fe[KeyAck] != "乙级保密资质单位不得承接绝密级项目（最高机密级）" {
		t.Errorf("warning: got %q, want 乙级保密资质单位不得承接绝密级项目（最高机密级）", fe[KeyAck])
	}
	if fe := Validate(Projects, with(gradeB, PrjName, ""), testEnv()); fe[KeyAck] != "" {
		t.Errorf("warning with another error: got %q, want none until the record is otherwise valid", fe[KeyAck])
	}

	// Through the store: refused with the warning, saved once confirmed.
	s := mustOpenStore(t)
	r := gradeB.Clone()
	err := s.Save(Projects, r)
	var ve *ValidationError
	if !errors.As(err, &ve) || !strings.Contains(err.Error(), "确认记录在案：乙级保密资质单位不得承接绝密级项目") {
		t.Fatalf("Save unconfirmed: got %v, want the warning under 确认记录在案", err)
	}
	r.Set(KeyAck, "2025-06-15")
	mustSave(t, s, Projects, r)
	recs, err := s.Load(Projects, 0)
	if err != nil || len(recs) != 1 {
		t.Fatalf("Load: got %d records, %v, want 1", len(recs), err)
	}
	checkMarks(t, recs[0], "乙级资质承接绝密项目（已确认记录在案）")
	if recs[0].Get(KeyAck) != "2025-06-15" {
		t.Errorf("stored confirmation: got %q, want 2025-06-15", recs[0].Get(KeyAck))
	}
	for _, f := range Projects.Columns() {
		if f.Key == KeyAck {
			t.Errorf("Columns: got the hidden 确认记录在案, want it left out")
		}
	}
}

func TestProjectMarks(t *testing.T) {
	const today = "2025-06-15" // window 90 days: up to 2025-09-13
	p := testProject()
	qual := func(date string) string {
		return "承接单位保密资质到期（北京华盾信息技术有限公司，" + date + "）"
	}
	for _, tc := range []struct {
		name string
		r    *Record
		want []string
	}{
		{name: "nothing due", r: p},
		{name: "资质 expired yesterday", r: with(p, PrjQualExpires, "2025-06-14"), want: []string{qual("2025-06-14")}},
		{name: "资质 ends today", r: with(p, PrjQualExpires, "2025-06-15", PrjEnd, "2025-06-15"), want: []string{qual("2025-06-15")}},
		{name: "资质 ends tomorrow", r: with(p, PrjQualExpires, "2025-06-16", PrjEnd, "2025-06-16"), want: []string{qual("2025-06-16")}},
		{name: "资质 ends on the window's last day", r: with(p, PrjQualExpires, "2025-09-13", PrjEnd, "2025-09-01"), want: []string{qual("2025-09-13")}},
		{name: "资质 ends the day after the window", r: with(p, PrjQualExpires, "2025-09-14", PrjEnd, "2025-09-01")},
		{name: "资质 ends before the project", r: with(p, PrjQualExpires, "2026-06-29"), want: []string{"资质有效期早于项目结束日期（资质至2026-06-29，项目至2026-06-30）"}},
		{name: "资质 ends with the project", r: with(p, PrjQualExpires, "2026-06-30")},
		{name: "running without 保密协议", r: with(p, PrjAgreement, ""), want: []string{"实施中未签订保密协议"}},
		{name: "bidding without 保密协议", r: with(p, PrjAgreement, "", PrjStatus, ProjectBidding)},
		{name: "bidding with 资质 expiring", r: with(p, PrjStatus, ProjectBidding, PrjQualExpires, "2025-07-01"), want: []string{qual("2025-07-01")}},
		{name: "accepted project left alone", r: with(p, PrjStatus, ProjectAccepted, PrjQualExpires, "2025-01-01", PrjAgreement, "")},
		{name: "cancelled project left alone", r: with(p, PrjStatus, ProjectCancelled, PrjQualExpires, "2025-01-01")},
		{name: "乙级 on 绝密", r: with(p, PrjLevel, "绝密", PrjQualGrade, "乙级", KeyAck, "2025-01-01"), want: []string{"乙级资质承接绝密项目（已确认记录在案）"}},
		{name: "乙级 on 绝密 accepted, still marked", r: with(p, PrjLevel, "绝密", PrjQualGrade, "乙级", KeyAck, "2025-01-01", PrjStatus, ProjectAccepted, PrjQualExpires, "2025-01-01"), want: []string{"乙级资质承接绝密项目（已确认记录在案）"}},
		{name: "no 资质 recorded", r: with(p, PrjQualExpires, "")},
		{name: "二级 on 绝密", r: with(p, PrjName, "装备配套电子设备研制项目", PrjLevel, "绝密", PrjQualType, QualWeapons, PrjQualGrade, "二级", KeyAck, "2025-01-01"), want: []string{"二级资质承接绝密项目（已确认记录在案）"}},
		{name: "三级 on 机密", r: with(p, PrjName, "装备配套电子设备研制项目", PrjQualType, QualWeapons, PrjQualGrade, "三级", KeyAck, "2025-01-01"), want: []string{"三级资质承接机密项目（已确认记录在案）"}},
		{name: "三级 on 秘密 is within its 资质", r: with(p, PrjName, "装备配套电子设备研制项目", PrjLevel, "秘密", PrjQualType, QualWeapons, PrjQualGrade, "三级")},
		{name: "集成 work by a 武器装备 contractor", r: with(p, PrjQualType, QualWeapons, PrjQualGrade, "一级"), want: []string{"项目需涉密信息系统集成资质，承接单位为武器装备科研生产资质"}},
		{name: "档案数字化 by a 集成 contractor", r: with(p, PrjName, "人事档案涉密档案数字化加工项目"), want: []string{"项目需涉密印制资质，承接单位为涉密信息系统集成资质"}},
		{name: "档案数字化 by a 印制 contractor", r: with(p, PrjName, "人事档案涉密档案数字化加工项目", PrjQualType, QualPrinting)},
		{name: "印制 by a 集成 contractor", r: with(p, PrjName, "涉密文件资料印制项目"), want: []string{"项目需涉密印制资质，承接单位为涉密信息系统集成资质"}},
		{name: "work the name does not tell", r: with(p, PrjName, "保密柜采购项目")},
		{name: "实施中 without 资质核验 (条例 art. 49)", r: with(p, PrjQualChecked, ""), want: []string{"实施中未核验承接单位保密资质"}},
		{name: "招标中 without 资质核验", r: with(p, PrjQualChecked, "", PrjStatus, ProjectBidding)},
		{name: "实施中, 资质类别 其他, no 资质核验", r: with(p, PrjName, "保密柜采购项目", PrjQualChecked, "", PrjQualType, QualOther, PrjQualGrade, "")},
		{name: "everything at once", r: with(p, PrjQualExpires, "2025-06-01", PrjAgreement, "", PrjLevel, "绝密", PrjQualGrade, "乙级"), want: []string{"乙级资质承接绝密项目（已确认记录在案）", qual("2025-06-01"), "实施中未签订保密协议"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			// The record carries the marks of an earlier load: they go.
			stale := with(tc.r, PrjQualExpires, "2025-06-01")
			Projects.Derive([]*Record{stale}, nil, envOn(today))
			r := tc.r.Clone()
			r.Marks = stale.Marks
			r.Set(KeyMarks, stale.Get(KeyMarks))
			Projects.Derive([]*Record{r}, nil, envOn(today))
			checkMarks(t, r, tc.want...)
		})
	}
	t.Run("window from settings", func(t *testing.T) {
		env := envOn(today)
		env.Settings.Window = 30
		r := with(p, PrjQualExpires, "2025-07-16", PrjEnd, "2025-07-01")
		Projects.Derive([]*Record{r}, nil, env)
		checkMarks(t, r)
		r.Set(PrjQualExpires, "2025-07-15")
		Projects.Derive([]*Record{r}, nil, env)
		checkMarks(t, r, qual("2025-07-15"))
	})
}

// TestRenameDepartmentInProjects checks that the 部门 fields of the new
// registers follow a renamed department.
func TestRenameDepartmentInProjects(t *testing.T) {
	s := mustOpenStore(t)
	p := testProject()
	mustSave(t, s, Projects, p)
	c := with(testCase(), CaseDept, "信息中心")
	mustSave(t, s, Cases, c)
	if used, err := s.DepartmentInUse("信息中心"); err != nil || !used {
		t.Fatalf("DepartmentInUse: got %v, %v, want true", used, err)
	}
	if err := s.RenameDepartment("信息中心", "信息技术中心"); err != nil {
		t.Fatalf("RenameDepartment: got %v, want nil", err)
	}
	for _, tc := range []struct {
		reg *Register
		id  uint64
		key string
	}{{Projects, p.ID, PrjDept}, {Cases, c.ID, CaseDept}} {
		got, err := s.Get(tc.reg, tc.id)
		if err != nil || got.Get(tc.key) != "信息技术中心" {
			t.Errorf("%s after renaming: got %q, %v, want 信息技术中心", tc.reg.Name, got.Get(tc.key), err)
		}
	}
}
