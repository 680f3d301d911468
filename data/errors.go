package data

import (
	"errors"
	"fmt"
	"sort"
	"strings"
)

// ErrLocked is returned by Open when another copy of the program holds the
// data file.
var ErrLocked = errors.New("数据文件正被另一个保密台账程序使用，请先关闭另一个窗口")

// ErrNotFound is returned when a record id does not exist in its register.
var ErrNotFound = errors.New("记录不存在，可能已被删除")

// ErrDamaged is returned by Open when the file is not a readable data file.
var ErrDamaged = errors.New("数据文件已损坏或不是保密台账数据文件")

// FieldErrors maps a field key to a Chinese message shown beside the field.
// An empty map means the record is valid.
type FieldErrors map[string]string

// Error makes FieldErrors an error the clerk may read: the messages, which
// each name their field in Chinese, in a stable order. The keys are
// storage names and never shown (ValidationError puts labels before the
// messages of a record).
func (fe FieldErrors) Error() string {
	keys := make([]string, 0, len(fe))
	for k := range fe {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, 0, len(keys))
	for _, k := range keys {
		parts = append(parts, fe[k])
	}
	return strings.Join(parts, "；")
}

// ValidationError is returned by Store.Save when a record is invalid; it
// carries the register so messages can name fields by their labels.
type ValidationError struct {
	Register *Register
	Fields   FieldErrors
}

func (e *ValidationError) Error() string {
	keys := make([]string, 0, len(e.Fields))
	for _, f := range e.Register.Fields {
		if _, ok := e.Fields[f.Key]; ok {
			keys = append(keys, f.Key)
		}
	}
	parts := make([]string, 0, len(keys))
	for _, k := range keys {
		parts = append(parts, fmt.Sprintf("%s：%s", e.Register.Field(k).Label, e.Fields[k]))
	}
	return "记录未保存：" + strings.Join(parts, "；")
}
