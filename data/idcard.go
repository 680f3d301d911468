package data

import (
	"errors"
	"strings"
	"time"
)

// IDCard is what a valid 身份证号码 (GB 11643-1999) tells about its holder.
type IDCard struct {
	Number string    // 18 characters, check character upper-case
	Birth  time.Time // from digits 7-14
	Male   bool      // odd sequence digit
}

// Gender returns 男 or 女.
func (c IDCard) Gender() string {
	if c.Male {
		return "男"
	}
	return "女"
}

var (
	errIDLength = errors.New("身份证号码应为18位")
	errIDChars  = errors.New("身份证号码只能由数字和末位的X组成")
	errIDBirth  = errors.New("身份证号码中的出生日期不存在")
	errIDFuture = errors.New("身份证号码中的出生日期晚于今天")
	errIDCheck  = errors.New("身份证号码校验位错误，请核对")
	errIDArea   = errors.New("身份证号码前6位地区码不正确")
)

var idWeights = [17]int{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2}

const idCheckChars = "10X98765432"

// ParseIDCard validates an 18-character 身份证号码: area code, a real birth
// date not after today, and the ISO 7064 MOD 11-2 check character. Spaces
// are ignored, full-width characters folded, and a lower-case x accepted.
func ParseIDCard(s string, today time.Time) (IDCard, error) {
	s = strings.ToUpper(strings.ReplaceAll(foldWidth(strings.TrimSpace(s)), " ", ""))
	if len([]rune(s)) != 18 {
		return IDCard{}, errIDLength
	}
	sum := 0
	for i := 0; i < 17; i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return IDCard{}, errIDChars
		}
		sum += int(c-'0') * idWeights[i]
	}
	last := s[17]
	if (last < '0' || last > '9') && last != 'X' {
		return IDCard{}, errIDChars
	}
	if s[0] == '0' || s[0] == '9' {
		return IDCard{}, errIDArea
	}
	birth, err := ymd(s[6:10], s[10:12], s[12:14])
	if err != nil {
		return IDCard{}, errIDBirth
	}
	if birth.After(Day(today)) {
		return IDCard{}, errIDFuture
	}
	if idCheckChars[sum%11] != last {
		return IDCard{}, errIDCheck
	}
	return IDCard{Number: s, Birth: birth, Male: (s[16]-'0')%2 == 1}, nil
}

// IDCheckChar returns the check character for the first 17 digits; demo data
// and tests use it to make valid numbers.
func IDCheckChar(first17 string) byte {
	sum := 0
	for i := 0; i < 17; i++ {
		sum += int(first17[i]-'0') * idWeights[i]
	}
	return idCheckChars[sum%11]
}
