package app

// Running an import (progress, cancel, the result), its report and the blank template.

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"baomi/taizhang/data"
	"baomi/taizhang/data/xlsx"
)

// saveReport asks where to save the refused rows with their reasons.
func (d *importDialog) saveReport() {
	name := strings.TrimSuffix(filepath.Base(d.path), filepath.Ext(d.path)) + "-未导入的行.xlsx"
	d.ui.saveXLSX(name, d.writeReport, "已保存", "未导入的行及原因已保存到\n%s\n\n改正后可再次导入。")
}

// saveXLSX asks where to save a workbook, writes it there with write and
// says so (done, with %s for the path).
func (u *UI) saveXLSX(name string, write func(path string) error, title, done string) {
	dir := u.app.Preferences().String(prefExportDir)
	u.newSaveDialog("保存到", dir, name, func(path string) {
		u.app.Preferences().SetString(prefExportDir, filepath.Dir(path))
		if err := write(path); err != nil {
			u.showError(err)
			return
		}
		u.showInfo(title, fmt.Sprintf(done, path))
	})
}

func (d *importDialog) writeReport(path string) error {
	if d.plan == nil {
		return errors.New("没有可保存的报告")
	}
	if err := xlsx.WriteReport(path, d.plan); err != nil {
		return fmt.Errorf("保存报告失败：%w", err)
	}
	return nil
}

// start writes the plan's batch in the background. Past a second a
// progress bar shows, whose 取消 rolls the whole import back.
func (d *importDialog) start() {
	if d.plan == nil {
		return
	}
	ctx, cancel := context.WithCancel(context.Background())
	d.run(ctx, cancel)
}

func (d *importDialog) run(ctx context.Context, cancel context.CancelFunc) {
	u := d.ui
	d.cancel = cancel
	d.done = make(chan error, 1)
	d.doImport.Disable()
	bar := widget.NewProgressBar()
	prog := dialog.NewCustomWithoutButtons("正在导入…", container.NewVBox(
		widget.NewLabel(filepath.Base(d.path)), bar,
		&widget.Button{Text: "取消", OnTapped: cancel}), u.win)
	prog.Resize(fyne.NewSize(420, 160))
	timer := time.AfterFunc(progressAfter, func() { fyne.Do(prog.Show) })
	b := d.plan.Batch
	b.Progress = func(done, total int) {
		fyne.Do(func() { bar.SetValue(float64(done) / float64(max(total, 1))) })
	}
	p := d.plan
	go func() {
		err := u.store.Import(ctx, b)
		cancel()
		fyne.Do(func() {
			timer.Stop()
			prog.Hide()
			d.finished(p, err)
			d.done <- err
		})
	}()
}

func (d *importDialog) finished(p *xlsx.Plan, err error) {
	u := d.ui
	switch {
	case errors.Is(err, data.ErrCancelled):
		dialog.ShowInformation("已取消", err.Error(), u.win)
		d.replan() // the ids taken were given back: the plan stands
	case err != nil:
		u.showError(err)
		d.replan()
	default:
		d.close()
		if len(p.NewDepartments) > 0 {
			u.settingsChanged()
		}
		u.dataChanged()
		msg := fmt.Sprintf("已导入%s：新增 %d，更新 %d，跳过 %d，未导入 %d。", d.table.Register.Name, p.Added, p.Updated, p.Skipped, p.Refused)
		if p.Refused > 0 {
			msg += "\n未导入的行可在再次导入时查看原因，或先保存报告。"
			c := dialog.NewConfirm("导入完成", msg+"\n\n现在保存未导入的行及原因吗？", func(ok bool) {
				if ok {
					d.saveReport()
				}
			}, u.win)
			c.SetConfirmText("保存报告")
			c.SetDismissText("关闭")
			c.Show()
			return
		}
		dialog.ShowInformation("导入完成", msg, u.win)
	}
}

// onTemplate saves a blank template of the register: its header, choice
// lists as drop-downs, date and text columns, one example row.
func (v *registerView) onTemplate() {
	if v.parent != nil {
		return
	}
	v.ui.saveXLSX(v.reg.Name+"导入模板.xlsx", v.writeTemplate, "已导出空白模板",
		"空白模板已保存到\n%s\n\n按表填写后用“导入Excel”导入；示例行不会被导入。")
}

func (v *registerView) writeTemplate(path string) error {
	st, err := v.ui.store.Settings()
	if err != nil {
		return err
	}
	if err := xlsx.WriteTemplate(path, v.reg, &st, v.ui.store.Today()); err != nil {
		return fmt.Errorf("导出空白模板失败：%w", err)
	}
	return nil
}
