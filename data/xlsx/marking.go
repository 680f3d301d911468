package xlsx

import (
	"fmt"
	"strconv"
	"strings"
)

// MaxYears is the longest 保密期限 each 密级 may carry, in years: 绝密 30,
// 机密 20, 秘密 10 (保守国家秘密法 2024 第十五条: "国家秘密的保密期限，除另有规定外，
// 绝密级不超过三十年，机密级不超过二十年，秘密级不超过十年").
var MaxYears = map[string]int{"绝密": 30, "机密": 20, "秘密": 10}

// Markings lists the marking levels offered in the export dialog.
var Markings = []string{"无", "内部", "秘密", "机密"}

// longTerm is the 保密期限 of a secret kept without a set term.
const longTerm = "长期"

// ParseMarking reads a whole marking as typed on the command line, such as
// "秘密★10年", "机密★长期", "绝密", "内部" or "无", and returns it as printed
// ("" for none). It refuses what GB/T 9704-2012 §7.2.2 and the law do not
// allow, with a message the clerk can act on.
func ParseMarking(s string) (string, error) {
	level, period, _ := strings.Cut(strings.TrimSpace(s), "★")
	return Marking(level, period)
}

// Marking builds the printed marking from a level and an optional 保密期限
// such as "5年" or "长期": Marking("秘密", "5年") is "秘密★5年", a bare number
// of years such as "5" is read as "5年", and "无" or "" gives "". It refuses
// an unknown level, a term for 内部 (not a 密级, so it has no 保密期限), a term
// not written in Arabic digits (GB/T 9704-2012 §7.2.2: "保密期限中的数字用阿拉伯
// 数字标注"), and a term over the level's maximum (MaxYears).
func Marking(level, period string) (string, error) {
	level = strings.TrimSpace(level)
	period = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(period), "★"))
	switch level {
	case "", "无":
		if period != "" {
			return "", fmt.Errorf("保密期限“%s”要跟在密级后面，如 秘密★%s", period, period)
		}
		return "", nil
	case "内部":
		if period != "" {
			return "", fmt.Errorf("“内部”不是密级，不标保密期限（去掉“%s”）", period)
		}
		return level, nil
	}
	max, ok := MaxYears[level]
	if !ok {
		return "", fmt.Errorf("没有“%s”这个密级：可填 绝密、机密、秘密、内部 或 无", level)
	}
	if period == "" {
		return level, nil
	}
	if period == longTerm {
		return level + "★" + longTerm, nil
	}
	num := strings.TrimSuffix(period, "年")
	num = strings.Map(halfWidth, num)
	if num == "" || strings.IndexFunc(num, func(r rune) bool { return r < '0' || r > '9' }) >= 0 {
		if strings.ContainsFunc(num, isChineseNumeral) {
			return "", fmt.Errorf("保密期限“%s”要用阿拉伯数字写，如 %s★10年（GB/T 9704-2012 第7.2.2条）", period, level)
		}
		return "", fmt.Errorf("看不懂保密期限“%s”：请写年数（如 10年）或“长期”", period)
	}
	years, err := strconv.Atoi(num)
	if err != nil || years > max {
		return "", fmt.Errorf("%s的保密期限最长 %d 年（保守国家秘密法第十五条），“%s”超过了", level, max, period)
	}
	if years == 0 {
		return "", fmt.Errorf("保密期限不能是 0 年")
	}
	return level + "★" + strconv.Itoa(years) + "年", nil
}

// halfWidth turns a full-width digit (what a Chinese input method types)
// into its ASCII form; other runes are kept.
func halfWidth(r rune) rune {
	if r >= '０' && r <= '９' {
		return r - '０' + '0'
	}
	return r
}

// isChineseNumeral reports a Chinese numeral such as 十 or 贰.
func isChineseNumeral(r rune) bool {
	return strings.ContainsRune("〇零一二三四五六七八九十百壹贰叁肆伍陆柒捌玖拾两", r)
}
