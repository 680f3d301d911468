package app

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"baomi/taizhang/data/xlsx"
)

// exportDialog asks for the 密级 marking and the file, then writes the
// workbook in the background with progress and a cancel button. What it
// writes is what the screen shows (its filter and sort).
type exportDialog struct {
	ui      *UI
	name    string // e.g. 涉密人员登记台账, for the file name
	rows    int    // records to write, for the messages
	build   workbook
	marking *widget.Select
	period  *formEntry
	dlg     dialog.Dialog
	cancel  context.CancelFunc
	done    chan error         // receives the export's result, for tests
	saver   *saveDialog        // the open 保存到 dialog, for tests
	notice  *widget.RadioGroup // a 督办通知单's choice of item or 部门, for tests
}

// workbook builds what an export writes: its sheets and any chart sheets.
type workbook func() ([]xlsx.Sheet, []xlsx.Chart, error)

// newExport shows the export dialog; extra form items (an option such as
// 按部门分页) come after the marking.
func (u *UI) newExport(name, what string, rows int, build workbook, extra ...*widget.FormItem) *exportDialog {
	d := &exportDialog{ui: u, name: name, rows: rows, build: build}
	prefs := u.app.Preferences()
	d.marking = widget.NewSelect(xlsx.Markings, nil)
	d.marking.SetSelected(prefs.StringWithFallback(prefMarking, xlsx.Markings[0]))
	d.period = newEscEntry(u.escape)
	d.period.SetPlaceHolder("如 10年（可不填）")
	// The form's 选择保存位置… stays disabled while the marking is one the
	// law does not allow, and the reason shows under 保存期限.
	d.period.Validator = func(p string) error {
		_, err := xlsx.Marking(d.marking.Selected, p)
		return err
	}
	d.marking.OnChanged = func(string) { d.period.SetValidationError(d.period.Validate()) }
	items := []*widget.FormItem{
		widget.NewFormItem("", widget.NewLabel(what)),
		widget.NewFormItem("密级标志", d.marking),
		widget.NewFormItem("保密期限", d.period),
	}
	form := dialog.NewForm("导出Excel", "选择保存位置…", "取消", append(items, extra...), func(ok bool) {
		if ok {
			prefs.SetString(prefMarking, d.marking.Selected)
			d.chooseFile()
		}
	}, u.win)
	form.Resize(fyne.NewSize(480, 280))
	d.dlg = form
	u.export = d
	u.showDialog(form)
	return d
}

func (v *registerView) onExport() {
	if v.parent != nil || v.table == nil {
		return
	}
	what := fmt.Sprintf("将导出当前显示的 %d 条%s记录（按当前筛选和排序）。", len(v.shown), v.reg.Name)
	if len(v.reg.Subs) > 0 && v.reg.RowSub == nil {
		what += "\n子记录另成工作表。"
	}
	shown := v.shown
	v.ui.newExport(v.reg.Name+"登记台账", what, len(shown), func() ([]xlsx.Sheet, []xlsx.Chart, error) {
		if v.reg.RowSub != nil || len(v.reg.Subs) == 0 {
			children, err := v.ui.store.LoadSubs(v.reg)
			if err != nil {
				return nil, nil, err
			}
			return xlsx.RegisterSheets(v.reg, shown, children), nil, nil
		}
		// The sub-records (100,000 persons' 证件) are read as their sheets
		// are written, in the order of the rows shown, not all at once.
		ids := make([]uint64, len(shown))
		for i, r := range shown {
			ids[i] = r.ID
		}
		subs, err := v.ui.store.StreamSubs(v.reg, ids)
		if err != nil {
			return nil, nil, err
		}
		return xlsx.RegisterSheetsStreamed(v.reg, shown, subs), nil, nil
	})
}

// defaultName is the suggested file name: 涉密人员登记台账-20261126.xlsx.
func (d *exportDialog) defaultName() string {
	return d.name + "-" + d.ui.store.Today().Format("20060102") + ".xlsx"
}

// chooseFile opens our own 保存到 dialog. Fyne's save dialog creates (and so
// empties) the chosen file before the program can look at it, which would
// wipe the data file if the clerk typed its name; ours checks the target
// (never the data file, only a workbook) before anything is written and
// asks before replacing an existing workbook.
func (d *exportDialog) chooseFile() {
	u := d.ui
	dir := u.app.Preferences().String(prefExportDir)
	d.saver = u.newSaveDialog("导出Excel：保存到", dir, d.defaultName(), func(path string) {
		u.app.Preferences().SetString(prefExportDir, filepath.Dir(path))
		d.write(path)
	})
	d.saver.check = func(path string) error { return xlsx.CheckTarget(path, u.store.Path()) }
}

// write exports to path in the background; the UI follows through fyne.Do.
func (d *exportDialog) write(path string) {
	u := d.ui
	sheets, charts, err := d.build()
	if err != nil {
		u.showError(err)
		return
	}
	mark, err := xlsx.Marking(d.marking.Selected, d.period.Text)
	if err != nil {
		u.showError(fmt.Errorf("密级标志有误，没有导出：%w", err))
		return
	}
	st, _ := u.store.Settings()
	ctx, cancel := context.WithCancel(context.Background())
	d.cancel = cancel
	d.done = make(chan error, 1)
	bar := widget.NewProgressBar()
	prog := dialog.NewCustomWithoutButtons("正在导出…", container.NewVBox(
		widget.NewLabel(filepath.Base(path)), bar,
		&widget.Button{Text: "取消", OnTapped: cancel}), u.win)
	prog.Resize(fyne.NewSize(420, 160))
	prog.Show()
	opt := xlsx.Options{
		Marking: mark,
		Unit:    st.Unit,
		Date:    u.store.Today(),
		Charts:  charts,
		Progress: func(done, total int) {
			fyne.Do(func() { bar.SetValue(float64(done) / float64(max(total, 1))) })
		},
		At: time.Now(),
	}
	if a := u.store.Account(); a != nil {
		opt.By = a.Name
	}
	go func() {
		err := xlsx.WriteFile(ctx, path, sheets, opt)
		if err == nil {
			// Who took the list out: an export the log cannot name is
			// removed.
			if nerr := u.store.NoteExport(d.name, opt.Marking, path, d.rows); nerr != nil {
				os.Remove(path)
				err = fmt.Errorf("导出未能记入审计日志，已删除导出的文件：%w", nerr)
			}
		}
		fyne.Do(func() {
			prog.Hide()
			d.finished(path, err)
			d.done <- err
		})
	}()
}

func (d *exportDialog) finished(path string, err error) {
	u := d.ui
	switch {
	case errors.Is(err, context.Canceled):
		u.showInfo("已取消", "导出已取消，没有写入文件。")
	case err != nil:
		u.showError(fmt.Errorf("导出失败，没有写入文件：%w", err))
	default:
		// Not a ConfirmDialog: its question-mark icon read as a doubt
		// about the result.
		msg := widget.NewLabel(fmt.Sprintf("已导出 %d 条记录到\n%s\n\n现在用默认程序打开（以便打印）吗？", d.rows, path))
		msg.Wrapping = fyne.TextWrapWord
		var c *dialog.CustomDialog
		buttons := container.NewHBox(layoutSpacer(),
			&widget.Button{Text: "关闭", OnTapped: func() { c.Hide() }},
			&widget.Button{Text: "打开", Icon: theme.FileIcon(), Importance: widget.HighImportance,
				OnTapped: func() { c.Hide(); openFile(u.app, path) }})
		c = dialog.NewCustomWithoutButtons("导出完成", container.NewBorder(nil, buttons,
			widget.NewIcon(theme.ConfirmIcon()), nil, msg), u.win)
		c.Resize(fyne.NewSize(520, 0))
		u.showDialog(c)
	}
}

// openFile asks the system to open a file in its default program.
func openFile(a fyne.App, path string) {
	if _, err := os.Stat(path); err != nil {
		return
	}
	abs, _ := filepath.Abs(path)
	u := &url.URL{Scheme: "file", Path: filepath.ToSlash(abs)}
	if filepath.VolumeName(abs) != "" { // Windows: file:///C:/...
		u.Path = "/" + u.Path
	}
	_ = a.OpenURL(u)
}
