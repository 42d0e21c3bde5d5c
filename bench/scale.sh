#!/bin/sh
# How aerd's costs grow with the size of its database: on generated
# databases (bench/gendb) of 10 thousand, 100 thousand and 1 million
# reports (and 10 million with SCALE_MAX=10000000), measures
#
#   - a full CSV export (ten years) with sqlite3 -csv, the same columns
#     by the same SQL as aerd's (EXPORT_ROWS), and the escalation timer's
#     query for its cases (ESCALATE_CASES) once, both before aerd starts;
#   - aerd's start (it checks the database before serving),
#   - GET /v1/summary for the last month, year and ten years (median of 5),
#   - the full CSV export with curl, and aerd's peak RSS (VmHWM) after it,
#   - GET /v1/queue, the reviewer's open cases (median of 5), and the RSS,
#   - the p99 of filing (loadgen -c 4) alone, then while a second export
#     runs, and the most the WAL holds meanwhile,
#
# and prints a table. First, it checks on a small database that gendb's
# bulk summary equals what aerd's triggers count (gendb --triggers).
# Run from the repository's root:
#
#	bench/scale.sh
#	SCALE_MAX=10000000 bench/scale.sh
#
# Environment: BUILD (as for run.sh), SCALE_MAX (largest database,
# default 1000000), SCALE_MIN (smallest, default 10000), REGEN=1 (generate the databases again; they are kept
# in $BUILD/bench-data/scale and reused otherwise), FILE_SECS (seconds
# of filing alone, default 3).
# The table's format is in FMT; $MIGRATIONS is a list of files (no blanks
# in sql/); the results of each run are set by eval, by name.
# shellcheck disable=SC2059,SC2086,SC2154

# From anywhere: a relative BUILD is taken from here, then the scripts
# run from the repository's root.
case ${BUILD:-} in '' | /*) ;; *) BUILD=$(pwd)/$BUILD ;; esac
cd "$(dirname "$0")/.." || exit 1
. bench/lib.sh

SCALE_MAX=${SCALE_MAX:-1000000}
SCALE_MIN=${SCALE_MIN:-10000}
FILE_SECS=${FILE_SECS:-3}
SDIR=$DATA/scale
FMT='%9s %5s %6s %6s %7s %7s %7s %8s %6s %6s %5s %5s %5s %6s %7s %7s %7s %6s %6s\n'
RESULTS=$BUILD/bench-results

# ms_median URL: the median of 5 requests' total time, in ms.
ms_median() {
	for i in 1 2 3 4 5; do
		curl -s -o /dev/null -w '%{http_code} %{time_total}\n' \
		    --unix-socket "$SDIR/aerd.sock" "$1"
	done >"$SDIR/times"
	if awk '$1 != 200 { bad = 1 } END { exit !bad }' "$SDIR/times"; then
		echo error
		return
	fi
	awk '{ printf "%.1f\n", $2 * 1000 }' "$SDIR/times" | sort -n |
	    sed -n 3p
}

# The export's SQL, with its parameters written in, as sqlite3 runs it:
# in one piece, and without the key column aerd reads but does not send
# (the line holding r.received alone).
export_sql() {
	awk '/^-- name: EXPORT_ROWS/ { on = 1; next }
	    on && /^-- / { exit }
	    on && /^\tr\.received$/ { sub(/,$/, "", last); next }
	    on { if (n++) print last; last = $0 }
	    END { print last }' "$STATEMENTS" |
	    sed -e "s/?1/'$1'/g" -e "s/?2/'$2'/g" -e 's/?3/1/g' \
	    -e "s/?4/''/g"
}

overdue_sql() {
	awk '/^-- name: ESCALATE_CASES/ { on = 1; next }
	    on && /^-- / { exit } on { print }' "$STATEMENTS"
}

# The largest the WAL grew, in MiB, while $SDIR/watching exists.
wal_watch() {
	max=0
	while [ -f "$SDIR/watching" ]; do
		n=$(stat -c %s "$DB-wal" 2>/dev/null || echo 0)
		[ "$n" -gt "$max" ] && max=$n
		sleep 0.2
	done
	awk -v b="$max" 'BEGIN { printf "%.1f\n", b / 1048576 }' \
	    >"$SDIR/walmax"
}

seconds() {
	awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b - a) / 1e9 }'
}

# gen N: the database of N reports, generated unless kept.
gen() {
	db=$SDIR/gen-$1.db
	if [ -n "${REGEN:-}" ] || [ ! -f "$db" ] || [ ! -f "$db.time" ]; then
		rm -f "$db" "$db-wal" "$db-shm"
		t0=$(date +%s%N)
		"$BIN/gendb" --db "$db" -n "$1" $MIGRATIONS >"$db.log" 2>&1 ||
		    die "gendb failed: $(cat "$db.log")"
		seconds "$t0" "$(date +%s%N)" >"$db.time"
	fi
	GEN_SECS=$(cat "$db.time")
	# aerd files reports into it: measure on a copy.
	DB=$SDIR/work.db
	rm -f "$DB" "$DB-wal" "$DB-shm"
	cp "$db" "$DB"
}

check_summary() {
	d=$SDIR/check
	rm -rf "$d"
	mkdir -p "$d"
	"$BIN/gendb" --db "$d/bulk.db" -n 3000 --seed 11 $MIGRATIONS >/dev/null
	"$BIN/gendb" --db "$d/trig.db" -n 3000 --seed 11 --triggers \
	    --statements "$STATEMENTS" $MIGRATIONS >/dev/null
	diff=$(sqlite3 "$d/bulk.db" "ATTACH '$d/trig.db' AS t;
	    SELECT count(*) FROM (
	    SELECT * FROM (SELECT * FROM main.summary_counts WHERE n != 0
		EXCEPT SELECT * FROM t.summary_counts WHERE n != 0)
	    UNION ALL
	    SELECT * FROM (SELECT * FROM t.summary_counts WHERE n != 0
		EXCEPT SELECT * FROM main.summary_counts WHERE n != 0))")
	if [ "$diff" = 0 ]; then
		echo "gendb's bulk summary_counts equal the triggers' (3000 reports)"
	else
		echo "gendb's bulk summary_counts DIFFER from the triggers' in" \
		    "$diff rows"
	fi
	# The deadlines kept with each case (sql/005_deadlines.sql, kept by
	# the store since sql/009) likewise.
	diff=$(sqlite3 "$d/bulk.db" "ATTACH '$d/trig.db' AS t;
	    SELECT (SELECT count(*) FROM (
		SELECT * FROM main.due_counts WHERE n != 0
		EXCEPT SELECT * FROM t.due_counts WHERE n != 0))
	    + (SELECT count(*) FROM (
		SELECT * FROM t.due_counts WHERE n != 0
		EXCEPT SELECT * FROM main.due_counts WHERE n != 0))
	    + (SELECT count(*) FROM main.reports a JOIN t.reports b
		ON b.id = a.id WHERE a.next_due IS NOT b.next_due
		OR a.escalate_due IS NOT b.escalate_due)")
	if [ "$diff" = 0 ]; then
		echo "gendb's bulk deadlines and due_counts equal the triggers'"
	else
		echo "gendb's bulk deadlines and due_counts DIFFER from the" \
		    "triggers' in $diff rows"
	fi
	# And the rollups the summary reads (sql/006 to 008) hold what they
	# roll up.
	diff=0
	for r in "summary_months|dimension, substr(day, 1, 7), value|summary_counts" \
	    "summary_years|dimension, substr(day, 1, 4), value|summary_counts" \
	    "due_months|substr(received, 1, 7), kind, due|due_counts" \
	    "due_years|substr(received, 1, 4), kind, due|due_counts"; do
		t=${r%%|*} k=${r#*|} f=${r##*|}
		k=${k%|*}
		n=$(sqlite3 "$d/bulk.db" "WITH s AS (SELECT $k, sum(n) FROM $f
		    GROUP BY 1, 2, 3 HAVING sum(n) != 0),
		    r AS (SELECT * FROM $t WHERE n != 0)
		    SELECT (SELECT count(*) FROM (SELECT * FROM s EXCEPT
		    SELECT * FROM r)) + (SELECT count(*) FROM (SELECT * FROM r
		    EXCEPT SELECT * FROM s))")
		diff=$((diff + n))
	done
	if [ "$diff" = 0 ]; then
		echo "the rollups by month and year equal what they roll up"
	else
		echo "the rollups DIFFER from what they roll up in $diff rows"
	fi
	rm -rf "$d"
}

# measure N: one row of the table.
measure() {
	gen "$1"
	size=$(du -m "$SDIR/gen-$1.db" | cut -f1)
	today=$(date +%Y-%m-%d)
	month=$(date -d '-1 month' +%Y-%m-%d)
	year=$(date -d '-1 year' +%Y-%m-%d)
	ten=$(date -d '-10 years' +%Y-%m-%d)
	# sqlite3 first, on the database as generated.
	t0=$(date +%s%N)
	export_sql "$ten" "$today" | sqlite3 -csv "$DB" >"$SDIR/sqlite.csv"
	t_sqlite=$(seconds "$t0" "$(date +%s%N)")
	srows=$(wc -l <"$SDIR/sqlite.csv")
	esc=$({
		cat "$SRC/sql/session.sql"
		echo "UPDATE temp.clock SET today = '$today';"
		echo ".timer on"
		overdue_sql
	} | sqlite3 "$DB" | sed -n 's/^Run Time: real \([0-9.]*\).*/\1/p' |
	    awk '{ printf "%.0f", $1 * 1000 }')
	rm -f "$SDIR/aerd.sock" "$SDIR/sqlite.csv"
	t0=$(date +%s%N)
	WAIT_TICKS=12000 start_aerd "$SDIR" "$DB"
	start=$(seconds "$t0" "$(date +%s%N)")
	s1=$(ms_median "http://localhost/v1/summary?from=$month&to=$today")
	s2=$(ms_median "http://localhost/v1/summary?from=$year&to=$today")
	s3=$(ms_median "http://localhost/v1/summary?from=$ten&to=$today")
	t0=$(date +%s%N)
	code=$(curl -s -o "$SDIR/export.csv" -w '%{http_code}' --unix-socket \
	    "$SDIR/aerd.sock" "http://localhost/v1/export?from=$ten&to=$today")
	t_aerd=$(seconds "$t0" "$(date +%s%N)")
	hwm=$(server_hwm)
	rows=$(($(wc -l <"$SDIR/export.csv") - 1))
	[ "$code" = 200 ] || rows="error $code"
	rm -f "$SDIR/export.csv"
	q=$(ms_median "http://localhost/v1/queue")
	hwm_q=$(server_hwm)
	# Filing alone, then the export again with filing meanwhile.
	alone=$(as_reporter "$BIN/loadgen" --socket "$SDIR/aerd.sock" -c 4 \
	    -d "$FILE_SECS" --kv) || true
	# shellcheck disable=SC2086
	$REPORTER "$BIN/loadgen" --socket "$SDIR/aerd.sock" -c 4 -d 3600 \
	    --kv >"$SDIR/during.out" 2>"$SDIR/during.err" &
	lg=$!
	sleep 0.5
	: >"$SDIR/watching"
	wal_watch &
	ww=$!
	t0=$(date +%s%N)
	curl -s -o /dev/null --unix-socket "$SDIR/aerd.sock" \
	    "http://localhost/v1/export?from=$ten&to=$today"
	t_busy=$(seconds "$t0" "$(date +%s%N)")
	rm -f "$SDIR/watching"
	wait "$ww"
	walmax=$(cat "$SDIR/walmax")
	kill -TERM "$lg" 2>/dev/null || true
	wait "$lg" 2>/dev/null || true
	during=$(cat "$SDIR/during.out")
	stop_server TERM
	rm -f "$DB" "$DB-wal" "$DB-shm"
	printf "$FMT" "$1" "$size" "$GEN_SECS" "$start" "$s1" "$s2" "$s3" "$q" \
	    "$t_aerd" "$t_sqlite" "$(awk -v a="$t_aerd" -v b="$t_sqlite" \
	    'BEGIN { printf "%.1f", (b > 0 ? a / b : 0) }')" \
	    "$(awk -v k="$hwm" 'BEGIN { printf "%.1f", k / 1024 }')" \
	    "$(awk -v k="$hwm_q" 'BEGIN { printf "%.1f", k / 1024 }')" \
	    "$(kv p99_ms "$alone")" "$t_busy" "$(kv p99_ms "$during")" \
	    "$(kv max_ms "$during")" "$walmax" "$esc"
	echo "  $1: export $rows rows (sqlite3 $srows); filing alone" \
	    "$(kv rps "$alone")/s, $(kv errors "$alone") errors; during the" \
	    "export $(kv rps "$during")/s, $(kv errors "$during") errors" \
	    >>"$SDIR/notes"
}

main() {
	trap cleanup_server EXIT INT TERM
	mkdir -p "$SDIR"
	: >"$SDIR/notes"
	say "bench: building the tools and aerd"
	build_tools
	build_aerd
	echo "aer scale benchmark, $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc)" \
	    "cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
	check_summary
	echo
	echo "reports: in the database; MiB: its size; gen s: gendb; start s:" \
	    "aerd up; summary ms: last"
	echo "month/year/ten years (median of 5); queue ms: GET /v1/queue;" \
	    "exp s: full CSV export"
	echo "with curl, against sqlite3 -csv, and their ratio; RSS: aerd's" \
	    "VmHWM (MiB) after it, RSS q:"
	echo "after the queue reads too;"
	echo "p99: filing (loadgen -c 4) alone, ms; exp+f s: the export again" \
	    "while filing; p99 exp,"
	echo "max exp: filing during it, ms; WAL: the most the WAL held" \
	    "meanwhile, MiB;"
	echo "escal ms: the escalation query, once"
	echo
	printf "$FMT" reports MiB "gen s" "start" "sum 1m" "sum 1y" "sum 10y" \
	    "queue" "exp s" "sqlite" ratio RSS "RSS q" "p99" "exp+f s" \
	    "p99 exp" "max exp" "WAL" escal
	for n in 10000 100000 1000000 10000000; do
		[ "$n" -le "$SCALE_MAX" ] || break
		[ "$n" -ge "$SCALE_MIN" ] || continue
		measure "$n"
	done
	echo
	cat "$SDIR/notes"
	echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
}

mkdir -p "$RESULTS"
out=$RESULTS/scale-$(date -u +%Y%m%dT%H%M%SZ).txt
main | tee "$out"
say "bench: results kept in $out"
