package app

import (
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"golang.org/x/text/collate"
	"golang.org/x/text/language"
)

// saveDialog chooses where to save an export. It replaces Fyne's file
// dialog, whose places (Home, Computer, Desktop…) stay English whatever the
// language: folders on the left, the current folder's subfolders and Excel
// files in the middle, the file name below.
type saveDialog struct {
	ui      *UI
	dir     string
	entries []os.DirEntry // subfolders, then .xlsx files
	places  []place
	where   *widget.Label
	list    *widget.List
	name    *formEntry
	errText *widget.Label
	save    *widget.Button
	dlg     *dialog.CustomDialog
	done    func(path string)
	mode    fileMode
	exts    []string // the files listed (and the one added to a name typed without it)
	// check, when set, refuses a target before the replace question (the
	// export: never the data file, only a workbook).
	check func(path string) error
}

type place struct{ label, dir string }

// fileMode is what the dialog chooses.
type fileMode int

const (
	modeSave   fileMode = iota // a file to write (asks before replacing one)
	modeOpen                   // an existing file to read
	modeFolder                 // a folder
)

// newSaveDialog shows the dialog in dir with the file name filled in;
// done gets the chosen path (the clerk has agreed to replace it if it
// exists).
func (u *UI) newSaveDialog(title, dir, name string, done func(path string)) *saveDialog {
	return u.fileDialog(title, dir, name, modeSave, []string{".xlsx"}, done)
}

// newOpenDialog chooses an existing file with one of exts, in Chinese
// like the save dialog (Fyne's names its places in English).
func (u *UI) newOpenDialog(title, dir string, exts []string, done func(path string)) *saveDialog {
	return u.fileDialog(title, dir, "", modeOpen, exts, done)
}

// newFolderDialog chooses a folder: the one shown when 选择此文件夹 is pressed.
func (u *UI) newFolderDialog(title, dir string, done func(path string)) *saveDialog {
	return u.fileDialog(title, dir, "", modeFolder, nil, done)
}

// fileDialog builds the dialog for a mode.
func (u *UI) fileDialog(title, dir, name string, mode fileMode, exts []string, done func(path string)) *saveDialog {
	s := &saveDialog{ui: u, done: done, places: places(), mode: mode, exts: exts}
	s.where = &widget.Label{Truncation: fyne.TextTruncateEllipsis}
	s.list = &widget.List{
		Length: func() int { return len(s.entries) },
		CreateItem: func() fyne.CanvasObject {
			return container.NewHBox(widget.NewIcon(theme.FolderIcon()), widget.NewLabel("文件夹"))
		},
		UpdateItem: func(id widget.ListItemID, o fyne.CanvasObject) {
			box := o.(*fyne.Container)
			e := s.entries[id]
			icon := theme.FolderIcon()
			if !e.IsDir() {
				icon = theme.FileIcon()
			}
			box.Objects[0].(*widget.Icon).SetResource(icon)
			box.Objects[1].(*widget.Label).SetText(e.Name())
		},
		OnSelected: func(id widget.ListItemID) {
			s.list.UnselectAll()
			if id >= len(s.entries) {
				return
			}
			e := s.entries[id]
			if e.IsDir() {
				s.open(filepath.Join(s.dir, e.Name()))
			} else {
				s.name.SetText(e.Name())
			}
		},
	}
	s.list.ExtendBaseWidget(s.list)
	placeList := container.NewVBox()
	for _, p := range s.places {
		placeList.Add(&widget.Button{Text: p.label, Icon: placeIcon(p.label), Alignment: widget.ButtonAlignLeading,
			Importance: widget.LowImportance, OnTapped: func() { s.open(p.dir) }})
	}
	up := &widget.Button{Text: "上一级", Icon: theme.MoveUpIcon(), OnTapped: func() { s.open(filepath.Dir(s.dir)) }}
	s.name = newEscEntry(u.escape)
	s.name.SetText(name)
	s.name.OnSubmitted = func(string) { s.onSave() }
	s.errText = &widget.Label{Importance: widget.DangerImportance, Truncation: fyne.TextTruncateEllipsis}
	s.save = &widget.Button{Text: "保存", Icon: theme.DocumentSaveIcon(), Importance: widget.HighImportance, OnTapped: s.onSave}
	where := "保存位置"
	switch mode {
	case modeOpen:
		s.save.Text, s.save.Icon, where = "打开", theme.FolderOpenIcon(), "查找范围"
	case modeFolder:
		s.save.Text, s.save.Icon, where = "选择此文件夹", theme.ConfirmIcon(), "文件夹"
	}
	cancel := &widget.Button{Text: "取消", Icon: theme.CancelIcon(), OnTapped: func() { s.dlg.Hide() }}
	top := container.NewBorder(nil, nil, widget.NewLabel(where), up, s.where)
	buttons := container.NewBorder(nil, nil, nil, container.NewHBox(cancel, s.save), s.errText)
	bottom := container.NewVBox(container.NewBorder(nil, nil, widget.NewLabel("文件名"), nil, s.name), buttons)
	if mode == modeFolder {
		bottom = container.NewVBox(buttons)
	}
	body := container.NewBorder(top, bottom, container.NewVScroll(placeList), nil, s.list)
	s.dlg = dialog.NewCustomWithoutButtons(title, body, u.win)
	s.dlg.Resize(fyne.NewSize(860, 540))
	if !s.open(dir) {
		s.open(s.places[0].dir)
	}
	u.showDialog(s.dlg)
	u.win.Canvas().Focus(s.name)
	return s
}

// open shows a folder's subfolders and the files it lists, by name.
func (s *saveDialog) open(dir string) bool {
	all, err := os.ReadDir(dir)
	if err != nil {
		s.errText.SetText("无法打开文件夹：" + dir)
		return false
	}
	var dirs, files []os.DirEntry
	for _, e := range all {
		switch {
		case strings.HasPrefix(e.Name(), "."):
		case e.IsDir():
			dirs = append(dirs, e)
		case slices.ContainsFunc(s.exts, func(x string) bool { return strings.EqualFold(filepath.Ext(e.Name()), x) }):
			files = append(files, e)
		}
	}
	col := collate.New(language.Chinese) // 拼音 order, as the clerk's folders are named
	byName := func(a, b os.DirEntry) int { return col.CompareString(a.Name(), b.Name()) }
	slices.SortFunc(dirs, byName)
	slices.SortFunc(files, byName)
	s.dir, s.entries = dir, append(dirs, files...)
	s.where.SetText(dir)
	s.errText.SetText("")
	s.list.ScrollToTop()
	s.list.Refresh()
	return true
}

// onSave checks the name, asks before replacing a file, and hands over.
func (s *saveDialog) onSave() {
	if s.mode == modeFolder {
		s.dlg.Hide()
		s.done(s.dir)
		return
	}
	name := strings.TrimSpace(s.name.Text)
	if name == "" {
		s.errText.SetText("请输入文件名。")
		return
	}
	if strings.ContainsAny(name, `/\:*?"<>|`) {
		s.errText.SetText(`文件名不能含有 / \ : * ? " < > | 等字符。`)
		return
	}
	if s.mode == modeSave && !slices.ContainsFunc(s.exts, func(x string) bool { return strings.EqualFold(filepath.Ext(name), x) }) {
		name += s.exts[0]
	}
	path := filepath.Join(s.dir, name)
	if s.mode == modeOpen {
		if fi, err := os.Stat(path); err != nil || fi.IsDir() {
			s.errText.SetText("找不到文件：" + name)
			return
		}
		s.dlg.Hide()
		s.done(path)
		return
	}
	if s.check != nil {
		if err := s.check(path); err != nil {
			s.errText.SetText(err.Error())
			return
		}
	}
	if _, err := os.Stat(path); err == nil {
		c := dialog.NewConfirm("文件已存在", "“"+name+"”已存在。要替换它吗？", func(ok bool) {
			if ok {
				s.dlg.Hide()
				s.done(path)
			}
		}, s.ui.win)
		c.SetConfirmText("替换")
		c.SetDismissText("取消")
		s.ui.showDialog(c)
		return
	}
	s.dlg.Hide()
	s.done(path)
}

// places are the folders offered on the left: home and its usual folders
// (English or Chinese names), then the drives or the file system's root.
func places() []place {
	var ps []place
	home, err := os.UserHomeDir()
	if err == nil {
		ps = append(ps, place{"主目录", home})
		for _, p := range []struct{ label, en, zh string }{
			{"桌面", "Desktop", "桌面"}, {"文档", "Documents", "文档"}, {"下载", "Downloads", "下载"},
		} {
			for _, n := range []string{p.zh, p.en} {
				if st, err := os.Stat(filepath.Join(home, n)); err == nil && st.IsDir() {
					ps = append(ps, place{p.label, filepath.Join(home, n)})
					break
				}
			}
		}
	}
	if runtime.GOOS == "windows" {
		for c := 'C'; c <= 'Z'; c++ {
			d := string(c) + `:\`
			if _, err := os.Stat(d); err == nil {
				ps = append(ps, place{"磁盘 " + string(c) + "：", d})
			}
		}
	} else {
		ps = append(ps, place{"计算机", "/"})
	}
	return ps
}

func placeIcon(label string) fyne.Resource {
	switch label {
	case "主目录":
		return theme.HomeIcon()
	case "桌面":
		return theme.DesktopIcon()
	case "文档":
		return theme.DocumentIcon()
	case "下载":
		return theme.DownloadIcon()
	}
	return theme.StorageIcon()
}
