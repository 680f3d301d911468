package data

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"runtime"
	"syscall"
)

// OSError says an operating-system error in Chinese with the path it
// concerns: "无法写入 D:\台账\a.xlsx：没有权限". what names the action
// (打开数据文件, 写入, 创建文件夹 …). Errors that are not from the OS
// are returned with what in front.
func OSError(what string, err error) error {
	if err == nil {
		return nil
	}
	var pe *fs.PathError
	var le *os.LinkError
	path := ""
	switch {
	case errors.As(err, &pe):
		path = pe.Path
	case errors.As(err, &le):
		path = le.New
	}
	return OSErrorAt(what, path, err)
}

// OSErrorAt is OSError naming path rather than the path inside err (a
// temporary file's, say): "写入失败：D:\台账\a.xlsx：磁盘空间不足".
func OSErrorAt(what, path string, err error) error {
	if err == nil {
		return nil
	}
	if path == "" {
		return &osError{msg: fmt.Sprintf("%s失败：%s", what, osReason(err)), err: err}
	}
	return &osError{msg: fmt.Sprintf("%s失败：%s：%s", what, path, osReason(err)), err: err}
}

// osError keeps the OS error for errors.Is while showing the Chinese text.
type osError struct {
	msg string
	err error
}

func (e *osError) Error() string { return e.msg }
func (e *osError) Unwrap() error { return e.err }

// osReason is the Chinese for the common OS errors; the original text is
// kept in brackets for anything else, so nothing is hidden from support.
func osReason(err error) string {
	var errno syscall.Errno
	if errors.As(err, &errno) {
		if runtime.GOOS == "windows" {
			switch uintptr(errno) {
			case 32, 33: // ERROR_SHARING_VIOLATION, ERROR_LOCK_VIOLATION
				return "文件正被其他程序（如 Excel、WPS）使用，请关闭后重试"
			case 39, 112: // ERROR_HANDLE_DISK_FULL, ERROR_DISK_FULL
				return "磁盘空间不足"
			case 19: // ERROR_WRITE_PROTECT
				return "磁盘处于写保护状态（只读介质）"
			case 21: // ERROR_NOT_READY
				return "磁盘未就绪（U 盘可能已拔出）"
			}
		} else {
			switch errno {
			case syscall.ENOSPC:
				return "磁盘空间不足"
			case syscall.EROFS:
				return "介质是只读的"
			case syscall.EISDIR:
				return "这是一个文件夹，不是文件"
			case syscall.ENOTDIR:
				return "路径中有一段不是文件夹"
			case syscall.EIO:
				return "读写磁盘出错（介质可能已损坏或被拔出）"
			}
		}
	}
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return "找不到该文件或文件夹"
	case errors.Is(err, fs.ErrPermission):
		return "没有权限（文件可能是只读的，或正被其他程序使用）"
	case errors.Is(err, fs.ErrExist):
		return "文件已存在"
	}
	return "系统错误（" + err.Error() + "）"
}
