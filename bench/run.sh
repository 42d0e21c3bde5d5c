#!/bin/sh
# Measures aerd's filing path against the limits it is built on, and the
# inbox's release, in one bounded run (about 70 s once aerd is built):
#
#   ref-sqlite   the storage limit, raw, with aerd's schema and pragmas:
#                the inbox row aerd's filing writes (--inbox), 64 and 1
#                per transaction, with aerd's own checkpointer (a thread
#                emptying the WAL about 100 ms after a commit) or the
#                WAL emptied every 100 ms between commits, untimed; and,
#                for comparison with the figures from before the inbox,
#                the case tables' rows (what an urgent report and a
#                release write per report) with automatic checkpoints
#                and with a TRUNCATE checkpoint after every commit
#   ref-http     the HTTP limit: evhttp answering 201 with no work, at 1
#                and 64 connections
#   aerd         at 1, 16 and 64 connections, a fresh database each time,
#                killed with SIGKILL afterwards to check that every 201 is
#                in the database (in the inbox, or released); and at 16
#                connections with follow-ups and queue reads mixed in (the
#                queue needs a reviewer: root on the socket, which is an
#                admin, or a reviewer's token over TCP; run by another
#                user, its queue reads are refused and counted as errors)
#   release      bench/release.sh: 10,000 waiting reports released while
#                filing goes on at a steady rate (RELEASE_RUNS runs,
#                default 1 here)
#
# and prints aerd's figures as ratios of the limits, against the targets.
# Run from the repository's root:
#
#	bench/run.sh
#	BUILD=build DURATION=20 bench/run.sh
#
# Environment: BUILD (a build directory for aerd, configured if it is
# not; default ./build-bench), DURATION (seconds per HTTP run, default 6),
# WARMUP (seconds before each, default 1), SQLITE_SECS (seconds per
# ref-sqlite run, default 4), TRANSPORT (unix or tcp, default unix),
# PORT (for tcp, default 18431), BENCH_USER (who files the reports; by
# default nobody when run as root, see lib.sh), and release.sh's
# RELEASE_* (RELEASE_RUNS=0 leaves the release out).
# The databases live under $BUILD/bench-data: on the disk the build is
# on, never a tmpfs, since durability is what is measured.
# The table's format is in FMT; $MIGRATIONS is a list of files (no blanks
# in sql/); the results of each run are set by eval, by name.
# shellcheck disable=SC2059,SC2086,SC2154

# From anywhere: a relative BUILD is taken from here, then the scripts
# run from the repository's root.
case ${BUILD:-} in '' | /*) ;; *) BUILD=$(pwd)/$BUILD ;; esac
cd "$(dirname "$0")/.." || exit 1
. bench/lib.sh
RELEASE_RUNS=${RELEASE_RUNS:-1}
# shellcheck disable=SC2034
RELEASE_LIB=1	# release.sh only defines release_runs
. bench/release.sh

DURATION=${DURATION:-6}
WARMUP=${WARMUP:-1}
SQLITE_SECS=${SQLITE_SECS:-4}
TRANSPORT=${TRANSPORT:-unix}
PORT=${PORT:-18431}
RESULTS=$BUILD/bench-results
FMT='%-34s %10s %9s %9s %9s %9s %7s %7s\n'

load() {
	cut -d' ' -f1-3 /proc/loadavg
}

machine() {
	fs=$(df -PT "$DATA" | awk 'NR == 2 { print $2 }')
	dev=$(df -P "$DATA" | awk 'NR == 2 { print $1 }')
	rot=$(lsblk -ndo ROTA "$dev" 2>/dev/null | tr -d " " || echo "?")
	echo "machine: $(nproc) cores ($(sed -n 's/^model name[[:space:]]*: //p' \
	    /proc/cpuinfo | head -n 1)), $(awk '/^MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' \
	    /proc/meminfo) memory, data on $dev ($fs, rotational=$rot)"
	echo "software: $(uname -sr), libevent $(pkg-config --modversion \
	    libevent), SQLite $(pkg-config --modversion sqlite3)"
}

# The loadgen target for a server directory.
target() {
	if [ "$TRANSPORT" = tcp ]; then
		echo "--url http://127.0.0.1:$PORT"
	else
		echo "--socket $1/$2"
	fi
}

# sqlite_row LABEL VAR ARGS...: one ref-sqlite run, as a table row; its
# figures in VAR_rps and VAR_p50.
sqlite_row() {
	label=$1 v=$2
	shift 2
	out=$("$BIN/ref-sqlite" --db "${REF_DB:-$DATA/ref-sqlite/ref.db}" \
	    --statements "$STATEMENTS" -d "$SQLITE_SECS" --kv "$@" $MIGRATIONS)
	printf "$FMT" "$label" "$(kv rows_per_s "$out")" \
	    "$(kv commit_p50_ms "$out")" "-" "$(kv commit_p99_ms "$out")" \
	    "$(kv commit_max_ms "$out")" 0 -
	eval "${v}_rps=$(kv rows_per_s "$out") ${v}_p50=$(kv commit_p50_ms "$out")"
}

# http_row LABEL VAR OUT [RSS_KIB]: a loadgen result as a table row.
http_row() {
	printf "$FMT" "$1" "$(kv rps "$3")" "$(kv p50_ms "$3")" \
	    "$(kv p90_ms "$3")" "$(kv p99_ms "$3")" "$(kv max_ms "$3")" \
	    "$(kv errors "$3")" "$(awk -v k="${4:-}" 'BEGIN {
		if (k == "") print "-"; else printf "%.1f", k / 1024 }')"
	eval "$2_rps=$(kv rps "$3") $2_p50=$(kv p50_ms "$3")"
	eval "$2_p99=$(kv p99_ms "$3") $2_errors=$(kv errors "$3")"
}

ref_http() {
	dir=$DATA/ref-http
	rm -rf "$dir"
	mkdir -p "$dir"
	SERVER_LOG=$dir/ref-http.log
	"$BIN/ref-http" --socket "$dir/ref.sock" \
	    ${TCP_LISTEN:+--listen "$TCP_LISTEN"} >"$SERVER_LOG" 2>&1 &
	SERVER_PID=$!
	wait_socket "$dir/ref.sock" "$SERVER_PID" || die "ref-http did not start"
	for c in 1 64; do
		# shellcheck disable=SC2046
		out=$(as_reporter "$BIN/loadgen" $(target "$dir" ref.sock) \
		    -c $c -d "$DURATION" -w "$WARMUP" --kv) || true
		http_row "ref-http   c=$c" "ref_http_$c" "$out"
	done
	stop_server
}

# aerd_run C MIX LABEL VAR [AS]: a fresh database, one loadgen run, then
# SIGKILL and a count of what the database holds.
aerd_run() {
	dir=$DATA/aerd-c$1-$4
	rm -rf "$dir"
	mkdir -p "$dir"
	AERD_LISTEN=$TCP_LISTEN start_aerd "$dir" "$dir/aer.db"
	runner=as_reporter
	token=
	if [ "${5:-}" = root ]; then
		runner=
		# Over TCP, the queue needs a reviewer's token.
		[ "$TRANSPORT" = tcp ] && token=$(curl -s --unix-socket \
		    "$dir/aerd.sock" -H 'Content-Type: application/json' \
		    -d '{"role":"reviewer","name":"bench"}' \
		    http://localhost/v1/tokens | sed -n \
		    's/.*"token": *"\([^"]*\)".*/\1/p')
	fi
	# shellcheck disable=SC2046
	out=$($runner "$BIN/loadgen" $(target "$dir" aerd.sock) -c "$1" \
	    -d "$DURATION" -w "$WARMUP" --mix "$2" ${token:+--token "$token"} \
	    --kv) || true
	hwm=$(server_hwm)
	stop_server KILL
	# Waiting in the inbox, or released (a release came meanwhile).
	stored=$(sqlite3 "$dir/aer.db" 'SELECT (SELECT count(*) FROM
	    inbox_reports) + (SELECT count(*) FROM reports)')
	http_row "$3" "$4" "$out" "$hwm"
	eval "$4_hwm=$hwm $4_stored=$stored $4_created=$(kv created "$out")"
	for k in followup queue; do
		[ -n "$(kv ${k}_n "$out")" ] || continue
		printf "$FMT" "  $k (n=$(kv ${k}_n "$out"))" - \
		    "$(kv ${k}_p50_ms "$out")" - "$(kv ${k}_p99_ms "$out")" \
		    "$(kv ${k}_max_ms "$out")" "" ""
	done
	return 0
}

ratio() {
	awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "?" }'
}

# verdict VALUE OP LIMIT: met or missed.
verdict() {
	awk -v v="$1" -v l="$3" -v op="$2" 'BEGIN {
		ok = op == ">=" ? v >= l : op == "<=" ? v <= l : v < l
		print ok ? "met" : "MISSED"
	}'
}

main() {
	trap cleanup_server EXIT INT TERM
	TCP_LISTEN=
	[ "$TRANSPORT" = tcp ] && TCP_LISTEN=127.0.0.1:$PORT
	mkdir -p "$DATA/ref-sqlite" "$RESULTS"
	say "bench: building the tools and aerd"
	build_tools
	build_aerd
	echo "aer benchmark, $(date -u '+%Y-%m-%d %H:%M UTC')"
	machine
	echo "load average before: $(load) (others may be using the machine)"
	echo "HTTP runs: $DURATION s each after $WARMUP s of warm-up, over" \
	    "$TRANSPORT; reports filed as ${BENCH_USER:-$(id -un)}"
	echo
	printf "$FMT" "" "per s" "p50 ms" "p90 ms" "p99 ms" "max ms" "errors" \
	    "RSS MiB"
	# What filing writes now: one row in the inbox.
	sqlite_row "ref-sqlite inbox 64/txn, aerd ckpt" inbox_64 --inbox \
	    -b 64 --checkpoint aerd
	sqlite_row "ref-sqlite inbox 1/txn" inbox_1 --inbox -b 1
	sqlite_row "ref-sqlite inbox 1/txn, aerd ckpt" inbox_1_aerd --inbox \
	    -b 1 --checkpoint aerd
	# What it wrote before the inbox, and an urgent report or a release
	# still writes per report: the case tables, every trigger firing.
	sqlite_row "ref-sqlite cases 64/txn" cases_64 -b 64
	sqlite_row "ref-sqlite cases 64/txn+truncate" cases_64_trunc -b 64 \
	    --checkpoint truncate
	sqlite_row "ref-sqlite cases 1/txn" cases_1 -b 1
	sqlite_row "ref-sqlite cases 1/txn+truncate" cases_1_trunc -b 1 \
	    --checkpoint truncate
	sqlite_row "ref-sqlite cases 1/txn, 100ms" cases_1_100 -b 1 \
	    --checkpoint every:100
	rm -f "$DATA"/ref-sqlite/ref.db*
	# The same rows with no disk at all: what they cost in CPU.
	if [ "$(stat -f -c %T /dev/shm 2>/dev/null)" = tmpfs ]; then
		REF_DB=/dev/shm/aer-bench-$$.db sqlite_row \
		    "ref-sqlite inbox 64/txn, tmpfs" inbox_64_tmpfs --inbox \
		    -b 64 --checkpoint aerd
		REF_DB=/dev/shm/aer-bench-$$.db sqlite_row \
		    "ref-sqlite cases 64/txn, tmpfs" cases_64_tmpfs -b 64
		rm -f /dev/shm/aer-bench-$$.db*
	fi
	ref_http
	# A lone client's floor, measured just before it: the disk's speed
	# for one small commit changes from minute to minute when others
	# use it.
	sqlite_row "ref-sqlite inbox 1/txn, 100ms" inbox_1_100 --inbox -b 1 \
	    --checkpoint every:100
	rm -f "$DATA"/ref-sqlite/ref.db*
	aerd_run 1 file=100 "aerd       c=1" aerd_1
	aerd_run 16 file=100 "aerd       c=16" aerd_16
	aerd_run 64 file=100 "aerd       c=64" aerd_64
	aerd_run 16 file=90,followup=5,queue=5 "aerd c=16 mix (reviewer)" \
	    aerd_mix root
	echo "(ref-sqlite rows: reports/s and the latency of one transaction)"
	echo
	rel_med_secs='' rel_med_during_p99_ms='' rel_max_hwm=0
	[ "$RELEASE_RUNS" -gt 0 ] && release_runs
	echo "load average after: $(load)"
	echo
	hwm=$aerd_1_hwm
	for v in $aerd_16_hwm $aerd_64_hwm $aerd_mix_hwm $rel_max_hwm; do
		[ "$v" -gt "$hwm" ] && hwm=$v
	done
	r_http=$(ratio "$aerd_64_rps" "$ref_http_64_rps")
	floor=$(awk -v a="$inbox_1_100_p50" -v b="$ref_http_1_p50" \
	    'BEGIN { printf "%.3f", a + b }')
	r_lone=$(ratio "$aerd_1_p50" "$floor")
	mib=$(awk -v k="$hwm" 'BEGIN { printf "%.1f", k / 1024 }')
	echo "aerd@64 / ref-http@64:                   $r_http" \
	    "(target >= 0.25: $(verdict "$r_http" '>=' 0.25))"
	echo "aerd@64 / ref-sqlite inbox 64/txn:       $(ratio "$aerd_64_rps" \
	    "$inbox_64_rps") (raw storage, aerd's checkpointer)"
	echo "ref-sqlite inbox 64/txn / ref-http@64:   $(ratio "$inbox_64_rps" \
	    "$ref_http_64_rps") (the disk's limit for aerd@64)"
	if [ -n "${inbox_64_tmpfs_rps:-}" ]; then
		echo "  the same on tmpfs / ref-http@64:       $(ratio \
		    "$inbox_64_tmpfs_rps" "$ref_http_64_rps") (storage with no" \
		    "disk)"
	fi
	echo "aerd@64 / ref-sqlite cases 64/txn:       $(ratio "$aerd_64_rps" \
	    "$cases_64_rps") (the storage limit before the inbox)"
	echo "aerd@1 p50 (a lone client):              $aerd_1_p50 ms"
	echo "  its floor: one durable inbox row, WAL emptied every 100 ms," \
	    "$inbox_1_100_p50 ms + the HTTP round trip, $ref_http_1_p50 ms" \
	    "= $floor ms"
	echo "aerd@1 p50 / its floor:                  $r_lone" \
	    "(target <= 1.2: $(verdict "$r_lone" '<=' 1.2))"
	echo "aerd@64 p99:                             $aerd_64_p99 ms" \
	    "(64 / rate = $(awk -v r="$aerd_64_rps" 'BEGIN { if (r > 0)
		printf "%.1f", 64000 / r; else print "?" }') ms on average," \
	    "by Little's law)"
	if [ -n "$rel_med_secs" ]; then
		echo "release of $RELEASE_N waiting reports:      $rel_med_secs s" \
		    "(target <= 2 s: $(verdict "$rel_med_secs" '<=' 2))"
		echo "filing p99 during the release:           " \
		    "$rel_med_during_p99_ms ms (target < 20 ms:" \
		    "$(verdict "$rel_med_during_p99_ms" '<' 20))"
	fi
	echo "aerd peak RSS (VmHWM), every run:        $mib MiB" \
	    "(target < 16 MiB: $(verdict "$mib" '<' 16))"
	durable=yes
	for v in aerd_1 aerd_16 aerd_64 aerd_mix; do
		eval "s=\$${v}_stored c=\$${v}_created"
		# shellcheck disable=SC2154
		[ "$s" = "$c" ] || durable="NO ($v: $c created, $s stored)"
	done
	echo "every 201 in the database after SIGKILL: $durable" \
	    "($aerd_64_created at c=64)"
	errors=$((aerd_1_errors + aerd_16_errors + aerd_64_errors +
	    aerd_mix_errors + ${rel_errors:-0}))
	echo "errors (non-2xx, drops) in aerd runs:    $errors (must be 0)"
}

mkdir -p "$RESULTS"
out=$RESULTS/run-$(date -u +%Y%m%dT%H%M%SZ).txt
main | tee "$out"
say "bench: results kept in $out"
