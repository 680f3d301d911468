package data

import "testing"

func TestParseImportDate(t *testing.T) {
	tests := []struct {
		in, want string
		bad      bool
	}{
		{in: "2024-05-01", want: "2024-05-01"},
		{in: "2024/5/1", want: "2024-05-01"},
		{in: "2024.5.1", want: "2024-05-01"},
		{in: "20240501", want: "2024-05-01"},
		{in: "2024年5月1日", want: "2024-05-01"},
		{in: "２０２４年５月１日", want: "2024-05-01"},
		{in: "45413", want: "2024-05-01"},
		{in: "45413.75", want: "2024-05-01"},
		{in: "1", want: "1900-01-01"},
		{in: "59", want: "1900-02-28"},
		{in: "61", want: "1900-03-01"},
		{in: "2024-05-01 00:00:00", want: "2024-05-01"},
		{in: " 2024/5/1 8:30 ", want: "2024-05-01"},
		{in: "60", bad: true},
		{in: "0", bad: true},
		{in: "2024.5", bad: true},
		{in: "2024-02-30", bad: true},
		{in: "五月一日", bad: true},
		{in: "", bad: true},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := NormalizeImportDate(tt.in)
			if tt.bad {
				if err == nil {
					t.Fatalf("got %q, want an error", got)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Fatalf("got %q, %v; want %q", got, err, tt.want)
			}
		})
	}
}
