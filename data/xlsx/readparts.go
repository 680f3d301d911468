package xlsx

// The parts of a workbook a sheet's cells need: shared strings and date formats.

import (
	"encoding/xml"
	"errors"
	"io"
	"strings"
)

// readSST reads the shared strings: each <si> is a <t>, or runs <r><t>
// whose texts join; phonetic runs (<rPh>) are not part of the text.
func (wb *Workbook) readSST(r io.Reader) error {
	d := xml.NewDecoder(r)
	var b strings.Builder
	total := 0
	inT, inPh := false, 0
	for {
		tok, err := d.RawToken()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return ErrNotWorkbook
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "si":
				b.Reset()
			case "t":
				inT = true
			case "rPh":
				inPh++
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "si":
				total += b.Len()
				if total > maxSharedText {
					return errors.New("工作簿中的文字太多（超过 256 MB），无法导入")
				}
				wb.sst = append(wb.sst, b.String())
			case "t":
				inT = false
			case "rPh":
				inPh--
			}
		case xml.CharData:
			if inT && inPh == 0 && b.Len() < maxCellText {
				b.Write(t)
			}
		}
	}
}

// builtinDate tells the built-in number formats that show dates: 14-22,
// 27-36 and 50-58 (the Chinese and Japanese date formats), 45-47 (times).
func builtinDate(id int) bool {
	return id >= 14 && id <= 22 || id >= 27 && id <= 36 || id >= 50 && id <= 58
}

// isDateFormat tells a custom number format that shows a date: it has a
// y, d or e (era year) outside quotes, brackets and escapes. m alone may
// be minutes and h/s are times of day, not dates.
func isDateFormat(code string) bool {
	code = strings.ToLower(code)
	if code == "general" || code == "@" {
		return false
	}
	if i := strings.IndexByte(code, ';'); i >= 0 {
		code = code[:i] // the positive section decides
	}
	quoted, bracket := false, false
	for i := 0; i < len(code); i++ {
		c := code[i]
		switch {
		case quoted:
			quoted = c != '"'
		case bracket:
			bracket = c != ']'
		case c == '"':
			quoted = true
		case c == '[':
			bracket = true
		case c == '\\' || c == '_' || c == '*':
			i++
		case c == 'y' || c == 'd' || c == 'e':
			return true
		}
	}
	return false
}
