package data

import (
	"slices"
	"strconv"
	"strings"
)

// Validate checks a record against its register and normalizes it in place:
// text trimmed, dates as 2006-01-02, 身份证号码 upper-case. Then the
// register's own rules run. It returns the errors by field key; an empty
// result means the record may be saved.
func Validate(reg *Register, r *Record, env Env) FieldErrors {
	fe := FieldErrors{}
	for _, f := range reg.Fields {
		if f.Computed { // derived on load, never stored
			r.Set(f.Key, "")
			continue
		}
		v := strings.TrimSpace(r.Get(f.Key))
		if v == "" {
			r.Set(f.Key, "")
			if f.Required {
				fe[f.Key] = "请填写" + f.Label
			}
			continue
		}
		switch f.Kind {
		case KindDate:
			d, err := NormalizeDate(v)
			if err != nil {
				fe[f.Key] = err.Error()
				continue
			}
			v = d
		case KindID:
			c, err := ParseIDCard(v, env.Today)
			if err != nil {
				fe[f.Key] = err.Error()
				continue
			}
			v = c.Number
		case KindChoice:
			if choices := f.ChoicesOf(env.Settings); f.Ref == nil && !slices.Contains(choices, v) {
				fe[f.Key] = f.Label + "应从列表中选择"
				continue
			}
		case KindNumber:
			if _, err := strconv.ParseFloat(foldWidth(v), 64); err != nil {
				fe[f.Key] = f.Label + "应为数字"
				continue
			}
			v = foldWidth(v)
		case KindPeople:
			people, err := ParsePeople(v)
			if err != nil {
				fe[f.Key] = err.Error()
				continue
			}
			if f.One {
				if len(people) > 1 {
					fe[f.Key] = f.Label + "只能选择一人"
					continue
				}
				for i := range people {
					people[i].Score = "" // one person has no score
				}
			}
			v = FormatPeople(people)
		}
		r.Set(f.Key, v)
	}
	if reg.Check != nil {
		for k, msg := range reg.Check(r, env) {
			if _, ok := fe[k]; !ok {
				fe[k] = msg
			}
		}
	}
	if reg.Warn != nil && len(fe) == 0 {
		switch ws := reg.Warn(r, env); {
		case len(ws) == 0:
			r.Set(KeyAck, "")
		case r.Get(KeyAck) == "":
			fe[KeyAck] = strings.Join(ws, "；")
		}
	}
	return fe
}
