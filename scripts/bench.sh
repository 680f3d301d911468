#!/bin/sh
# bench.sh: the figures of a large file (100,000 persons), each measured by
# its Go benchmark, printed beside its target. Each package makes its own
# 100,000-person demo file first (about 20 s each).
set -e
GO=${GO:-go}
out=$(mktemp)
trap 'rm -f "$out"' EXIT
run() { echo "== go test $*" >&2; "$GO" test "$@" -run '^$' | tee -a "$out" >&2; }
run ./app -bench 'SavePerson100k$|SaveTraining100k$' -benchtime 10x
run ./app -bench 'OpenWindow100k$|OpenWindow100kCompute$' -benchtime 5x
run ./data/xlsx -bench 'ExportPersonnelFile100k$' -benchtime 2x
run . -bench 'ExportCommand100k$' -benchtime 3x
run ./data -bench 'DueItems100k$|QueryKeystroke100k$' -benchtime 10x

# name → ns/op and the metrics reported beside it
awk '
/^Benchmark/ {
	name = $1; sub(/-[0-9]+$/, "", name)
	ns[name] = $3
	for (i = 5; i < NF; i += 2) m[name, $(i+1)] = $i
}
function ms(x) { return sprintf("%.0f ms", x / 1e6) }
END {
	print ""
	print "| figure (100,000 persons) | target | measured |"
	print "|---|---|---|"
	row("save one person until the table shows it", "< 100 ms", ms(ns["BenchmarkSavePerson100k"]) " (" m["BenchmarkSavePerson100k", "cpu-ms/op"] " CPU-ms)")
	row("save a training session, the 涉密人员 table open", "-", ms(ns["BenchmarkSaveTraining100k"]))
	row("open the file to 首页 filled, from the reminders kept the day before", "< 1 s", ms(ns["BenchmarkOpenWindow100k"]))
	row("open the file to 首页 filled, reminders computed (nothing kept)", "-", ms(ns["BenchmarkOpenWindow100kCompute"]))
	b = ns["BenchmarkExportPersonnelFile100k/bare"]; s = ns["BenchmarkExportPersonnelFile100k/stream"]
	row("export the 涉密人员 workbook, time against a bare stream", "<= 1.2×", sprintf("%.2f× (%s; bare %s)", s / b, ms(s), ms(b)))
	row("export command, peak RssAnon", "< 150 MB", m["BenchmarkExportCommand100k", "peak-rss-anon-MB"] " MB")
	row("reminder list, every register derived", "-", ms(ns["BenchmarkDueItems100k"]))
	row("one keystroke in the filter", "< 25 ms", ms(ns["BenchmarkQueryKeystroke100k"]))
}
function row(a, b, c) { printf "| %s | %s | %s |\n", a, b, c }
' "$out"
