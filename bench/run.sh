#!/bin/sh
# Measures aerd's filing path against the two limits it is built on, in
# one bounded run (about two minutes once aerd is built):
#
#   ref-sqlite   the storage limit: aerd's rows, schema and pragmas, raw,
#                64 reports per transaction and 1 per transaction, each
#                with automatic checkpoints and with aerd's TRUNCATE
#                checkpoint after every commit
#   ref-http     the HTTP limit: evhttp answering 201 with no work, at 1
#                and 64 connections
#   aerd         at 1, 16 and 64 connections, a fresh database each time,
#                killed with SIGKILL afterwards to check that every 201 is
#                in the database; and at 16 connections with follow-ups
#                and queue reads mixed in (the queue needs a reviewer:
#                root on the socket, which is an admin, or a reviewer's
#                token over TCP; run by another user, its queue reads
#                are refused and counted as errors)
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
# default nobody when run as root, see lib.sh).
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

DURATION=${DURATION:-6}
WARMUP=${WARMUP:-1}
SQLITE_SECS=${SQLITE_SECS:-4}
TRANSPORT=${TRANSPORT:-unix}
PORT=${PORT:-18431}
RESULTS=$BUILD/bench-results
FMT='%-28s %10s %9s %9s %9s %9s %7s %7s\n'

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

# sqlite_row LABEL ARGS...: one ref-sqlite run, as a table row.
sqlite_row() {
	label=$1
	shift
	out=$("$BIN/ref-sqlite" --db "${REF_DB:-$DATA/ref-sqlite/ref.db}" \
	    --statements "$STATEMENTS" -d "$SQLITE_SECS" --kv "$@" $MIGRATIONS)
	printf "$FMT" "$label" "$(kv rows_per_s "$out")" \
	    "$(kv commit_p50_ms "$out")" "-" "$(kv commit_p99_ms "$out")" \
	    "$(kv commit_max_ms "$out")" 0 -
	v=$(echo "$label" | tr -c 'a-z0-9\n' '_')
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
	stored=$(sqlite3 "$dir/aer.db" 'SELECT count(*) FROM reports')
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
		ok = op == ">=" ? v >= l : v < l
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
	sqlite_row "ref-sqlite 64/txn" -b 64
	sqlite_row "ref-sqlite 64/txn+truncate" -b 64 --checkpoint truncate
	sqlite_row "ref-sqlite 1/txn" -b 1
	sqlite_row "ref-sqlite 1/txn+truncate" -b 1 --checkpoint truncate
	sqlite_row "ref-sqlite 1/txn, 100ms" -b 1 --checkpoint every:100
	rm -f "$DATA"/ref-sqlite/ref.db*
	# The same rows with no disk at all: what the schema costs in CPU.
	if [ "$(stat -f -c %T /dev/shm 2>/dev/null)" = tmpfs ]; then
		REF_DB=/dev/shm/aer-bench-$$.db sqlite_row \
		    "ref-sqlite 64/txn, tmpfs" -b 64
		rm -f /dev/shm/aer-bench-$$.db*
	fi
	ref_http
	aerd_run 1 file=100 "aerd       c=1" aerd_1
	aerd_run 16 file=100 "aerd       c=16" aerd_16
	aerd_run 64 file=100 "aerd       c=64" aerd_64
	aerd_run 16 file=90,followup=5,queue=5 "aerd c=16 mix (reviewer)" \
	    aerd_mix root
	echo "(ref-sqlite rows: reports/s and the latency of one transaction)"
	echo "load average after: $(load)"
	echo
	hwm=$aerd_1_hwm
	for v in $aerd_16_hwm $aerd_64_hwm; do
		[ "$v" -gt "$hwm" ] && hwm=$v
	done
	r_http=$(ratio "$aerd_64_rps" "$ref_http_64_rps")
	r_sql=$(ratio "$aerd_64_rps" "$ref_sqlite_64_txn_rps")
	r_trunc=$(ratio "$aerd_64_rps" "$ref_sqlite_64_txn_truncate_rps")
	r_lone=$(ratio "$aerd_1_rps" "$ref_sqlite_1_txn_truncate_rps")
	mib=$(awk -v k="$hwm" 'BEGIN { printf "%.1f", k / 1024 }')
	mix_mib=$(awk -v k="$aerd_mix_hwm" 'BEGIN { printf "%.1f", k / 1024 }')
	echo "aerd@64 / ref-http@64:                  $r_http" \
	    "(target >= 0.35: $(verdict "$r_http" '>=' 0.35))"
	echo "aerd@64 / ref-sqlite 64/txn:            $r_sql"
	echo "aerd@64 / ref-sqlite 64/txn+truncate:   $r_trunc"
	echo "aerd@1  / ref-sqlite 1/txn+truncate:    $r_lone"
	if [ -n "${ref_sqlite_64_txn__tmpfs_rps:-}" ]; then
		echo "ref-sqlite 64/txn on tmpfs / ref-http@64: $(ratio \
		    "$ref_sqlite_64_txn__tmpfs_rps" "$ref_http_64_rps")" \
		    "(storage with no disk; aerd cannot exceed it)"
	fi
	echo "aerd@64 p99:                            $aerd_64_p99 ms" \
	    "(target < 10 ms: $(verdict "$aerd_64_p99" '<' 10))"
	# Little's law: 64 closed-loop connections at R/s wait 64/R s on
	# average, so a p99 under 10 ms needs more than 6,400 durable
	# reports/s.
	echo "aerd@64 mean wait, 64 / rate:           $(awk -v r="$aerd_64_rps" \
	    'BEGIN { if (r > 0) printf "%.1f", 64000 / r; else print "?" }') ms" \
	    "(p99 < 10 ms needs > 6400/s; ref-sqlite 64/txn: $ref_sqlite_64_txn_rps/s)"
	echo "aerd@1 p50 (a lone client):             $aerd_1_p50 ms" \
	    "(target < 0.5 ms: $(verdict "$aerd_1_p50" '<' 0.5))"
	echo "  one durable report, WAL kept:          $ref_sqlite_1_txn_p50 ms;" \
	    "WAL emptied every 100 ms as aerd does: $ref_sqlite_1_txn__100ms_p50 ms"
	echo "aerd peak RSS (VmHWM), filing:          $mib MiB" \
	    "(target < 16 MiB: $(verdict "$mib" '<' 16))"
	echo "aerd peak RSS (VmHWM), with queue reads: $mix_mib MiB" \
	    "(target < 16 MiB: $(verdict "$mix_mib" '<' 16))"
	durable=yes
	for v in aerd_1 aerd_16 aerd_64 aerd_mix; do
		eval "s=\$${v}_stored c=\$${v}_created"
		# shellcheck disable=SC2154
		[ "$s" = "$c" ] || durable="NO ($v: $c created, $s stored)"
	done
	echo "every 201 in the database after SIGKILL: $durable" \
	    "($aerd_64_created at c=64)"
	errors=$((aerd_1_errors + aerd_16_errors + aerd_64_errors + aerd_mix_errors))
	echo "errors (non-2xx, drops) in aerd runs:   $errors (must be 0)"
}

mkdir -p "$RESULTS"
out=$RESULTS/run-$(date -u +%Y%m%dT%H%M%SZ).txt
main | tee "$out"
say "bench: results kept in $out"
