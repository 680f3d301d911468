package xlsx

// Cell values as clerks write them, turned into the values a field takes.

import (
	"math"
	"slices"
	"strconv"
	"strings"

	"baomi/taizhang/data"
)

// cellValue turns a cell into the text a field of kind f takes, or says
// why it cannot be read.
func cellValue(f data.Field, c Cell) (string, string) {
	switch c.Type {
	case CellError:
		return "", "单元格是错误值 " + c.Text + "，请改正后重新导入"
	case CellFormula:
		return "", "公式没有计算结果，请在 Excel/WPS 中打开并保存后再导入"
	}
	text := strings.TrimSpace(foldText(c.Text))
	numeric := c.Type == CellNumber || c.Type == CellDate
	switch f.Kind {
	case data.KindID:
		if numeric {
			digits := numberText(text)
			if c, err := data.ParseIDCard(digits, data.Day(maxDay)); err == nil && !strings.ContainsAny(text, "Ee.") {
				return c.Number, ""
			}
			if strings.ContainsAny(text, "Ee") || len(digits) >= 16 {
				return "", IDAsNumber
			}
			return digits, ""
		}
		return strings.ReplaceAll(text, " ", ""), ""
	case data.KindDate:
		if text == "" {
			return "", ""
		}
		if numeric {
			if x, err := strconv.ParseFloat(text, 64); err == nil {
				if x >= 1e7 && x < 1e8 && x == math.Trunc(x) { // 20240501 typed as a number
					text = strconv.FormatFloat(x, 'f', 0, 64)
				} else {
					d, err := data.SerialDate(x)
					if err != nil {
						return "", f.Label + "：" + err.Error()
					}
					return data.FormatDate(d), ""
				}
			}
		}
		d, err := data.NormalizeImportDate(text)
		if err != nil {
			return "", err.Error()
		}
		return d, ""
	case data.KindNumber:
		if numeric {
			return numberText(text), ""
		}
		return strings.ReplaceAll(text, " ", ""), ""
	case data.KindChoice:
		if numeric {
			text = numberText(text)
		}
		return strings.Join(strings.Fields(text), ""), ""
	}
	switch c.Type {
	case CellDate:
		if x, err := strconv.ParseFloat(text, 64); err == nil {
			if d, err := data.SerialDate(x); err == nil {
				return data.FormatDate(d), ""
			}
		}
	case CellNumber:
		return numberText(text), ""
	}
	return text, ""
}

// maxDay is the "today" used when reading an id from a number cell: only
// the digits matter there, the birth date is checked by Validate.
var maxDay = data.StoredDate("2999-12-31")

// numberText writes a number as a clerk would: 13800138000, not 1.38E+10.
func numberText(s string) string {
	x, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsInf(x, 0) || math.IsNaN(x) {
		return s
	}
	if x == math.Trunc(x) && math.Abs(x) < 1e21 {
		return strconv.FormatFloat(x, 'f', 0, 64)
	}
	return strconv.FormatFloat(x, 'f', -1, 64)
}

// choiceValue maps a choice as written in an old ledger to one of the
// field's choices: itself, a long form the description lists (核心涉密人员),
// or with 级 or a ★期限 after it (机密级, 秘密★5年). ok is false when none fits.
func choiceValue(f data.Field, v string, choices []string) (string, bool) {
	if v == "" || slices.Contains(choices, v) {
		return v, true
	}
	if c, ok := f.LongForms[v]; ok && slices.Contains(choices, c) {
		return c, true
	}
	for _, try := range []string{strings.TrimSuffix(v, "级"), strings.Split(v, "★")[0]} {
		if slices.Contains(choices, try) {
			return try, true
		}
	}
	return v, false
}
