#!/bin/sh
# The inbox's release: how long aerd takes to move RELEASE_N (10,000)
# waiting reports into the case tables, and what filing sees meanwhile.
# Each run:
#
#   1. starts aerd's test build (tests/aerd-clock, whose clock is a file)
#      at noon of today on a fresh database, with -v, and files
#      RELEASE_N reports through it (loadgen, 16 connections): they wait
#      in the inbox for the release at midnight;
#   2. moves aerd's clock to that midnight, which releases nothing yet
#      (the timer waits in real time) but sends what is filed from now
#      on to the next night's release;
#   3. starts loadgen filing at a steady RELEASE_RATE a second (an open
#      loop, each request timed from when it fell due) on RELEASE_CONNS
#      connections, and after RELEASE_LEAD seconds marks the phase
#      (SIGUSR1) and sends aerd SIGHUP: aerd looks at its clock and
#      releases the batch at once, in one transaction on its event loop;
#   4. waits for aerd's -v line "release of DAY done in S s", marks the
#      phase's end (SIGUSR2), and lets loadgen file on for RELEASE_TAIL
#      seconds while the checkpointer folds the release into the file;
#
# and prints, per run, the release's time by aerd's own clock and as
# seen from outside (SIGHUP to the log line), the reports released,
# filing's latency before, during and after it, the WAL's size after it,
# and aerd's peak RSS (VmHWM) over the whole run. Run from the
# repository's root, alone or from run.sh:
#
#	bench/release.sh
#	RELEASE_RUNS=5 RELEASE_RATE=200 bench/release.sh
#
# Environment: BUILD (as for run.sh), RELEASE_RUNS (default 3),
# RELEASE_N (default 10000), RELEASE_RATE (filings a second during the
# release, default 100), RELEASE_CONNS (default 256: enough for the
# requests that fall due during a stall of 2.5 s at 100/s, so that none
# waits inside loadgen), RELEASE_LEAD (default 2), RELEASE_TAIL (default
# 3). Sourced with RELEASE_LIB=1, it only defines release_runs.
# The results of each run are set by eval, by name.
# shellcheck disable=SC2034,SC2059,SC2086,SC2154

RELEASE_RUNS=${RELEASE_RUNS:-3}
RELEASE_N=${RELEASE_N:-10000}
RELEASE_RATE=${RELEASE_RATE:-100}
RELEASE_CONNS=${RELEASE_CONNS:-256}
RELEASE_LEAD=${RELEASE_LEAD:-2}
RELEASE_TAIL=${RELEASE_TAIL:-3}
RFMT='%-10s %9s %9s %8s %9s %9s %9s %9s %9s %8s %7s\n'

# set_clock DIR EPOCH: aerd's test clock (read afresh at every look).
set_clock() {
	echo "$2" >"$1/clock.new" && mv "$1/clock.new" "$1/clock"
}

now_ns() {
	date +%s%N
}

# release_one I: one run, its results in rel_I_*.
release_one() {
	dir=$DATA/release-$1
	rm -rf "$dir"
	mkdir -p "$dir"
	chmod 755 "$dir"
	echo "release_times = 00:00" >"$dir/aerd.conf"
	noon=$(date -d "$(date +%F) 12:00" +%s)
	midnight=$(date -d "$(date -d tomorrow +%F) 00:00" +%s)
	set_clock "$dir" "$noon"
	saved=$AERD
	AERD=$AERD_CLOCK
	AERD_ARGS=-v
	export AERD_TEST_CLOCK="$dir/clock"
	start_aerd "$dir" "$dir/aer.db"
	unset AERD_TEST_CLOCK
	AERD=$saved
	AERD_ARGS=
	fill=$(as_reporter "$BIN/loadgen" --socket "$dir/aerd.sock" -c 16 \
	    -n "$RELEASE_N" --kv) || die "filing the inbox failed: $fill"
	waiting=$(sqlite3 "$dir/aer.db" 'SELECT count(*) FROM inbox_reports')
	[ "$waiting" = "$RELEASE_N" ] ||
	    die "$waiting reports wait, not $RELEASE_N"
	set_clock "$dir" "$midnight"
	# Not through as_reporter: a function in the background is a
	# subshell, and $! would be the subshell, not loadgen.
	$REPORTER "$BIN/loadgen" --socket "$dir/aerd.sock" \
	    -c "$RELEASE_CONNS" -r "$RELEASE_RATE" -d 600 --kv \
	    >"$dir/loadgen.out" 2>&1 &
	lg=$!
	sleep "$RELEASE_LEAD"
	kill -USR1 "$lg"
	# Every release logs its line at -v, the empty one at start too:
	# wait for one more than there are now.
	seen=$(grep -c 'release of .* done in' "$SERVER_LOG")
	t0=$(now_ns)
	kill -HUP "$SERVER_PID"
	i=0
	until [ "$(grep -c 'release of .* done in' "$SERVER_LOG")" -gt "$seen" ]; do
		i=$((i + 1))
		[ $i -lt 6000 ] || die "no release after 60 s; see $SERVER_LOG"
		sleep 0.01
	done
	t1=$(now_ns)
	kill -USR2 "$lg"
	wal=$(stat -c %s "$dir/aer.db-wal" 2>/dev/null || echo 0)
	walmax=$wal
	i=0
	while [ $i -lt $((RELEASE_TAIL * 20)) ]; do
		w=$(stat -c %s "$dir/aer.db-wal" 2>/dev/null || echo 0)
		[ "$w" -gt "$walmax" ] && walmax=$w
		sleep 0.05
		i=$((i + 1))
	done
	kill -TERM "$lg"
	wait "$lg" || true
	out=$(cat "$dir/loadgen.out")
	hwm=$(server_hwm)
	stop_server
	secs=$(sed -n 's/.*release of .* done in \([0-9.]*\) s.*/\1/p' \
	    "$SERVER_LOG" | tail -n 1)
	released=$(sqlite3 "$dir/aer.db" "SELECT count(*) FROM reports")
	eval "rel_$1_secs=$secs rel_$1_hwm=$hwm rel_$1_released=$released"
	eval "rel_$1_outside=$(awk -v a="$t0" -v b="$t1" \
	    'BEGIN { printf "%.3f", (b - a) / 1e9 }')"
	for k in before_p99_ms during_n during_p50_ms during_p99_ms \
	    during_max_ms after_p99_ms errors unsent backlogged; do
		eval "rel_$1_$k=$(kv $k "$out")"
	done
	eval "rel_$1_fill_rps=$(kv rps "$fill")"
	eval "rel_$1_wal=$wal rel_$1_walmax=$walmax"
	eval "r=\$rel_$1_released s=\$rel_$1_secs o=\$rel_$1_outside"
	eval "b=\$rel_$1_before_p99_ms dn=\$rel_$1_during_n"
	eval "d50=\$rel_$1_during_p50_ms d=\$rel_$1_during_p99_ms"
	eval "a=\$rel_$1_after_p99_ms e=\$rel_$1_errors"
	printf "$RFMT" "run $1" "$r" "$s" "$o" "$b" "$dn" "$d50" "$d" "$a" \
	    "$(awk -v w="$walmax" 'BEGIN { printf "%.1f", w / 1048576 }')" \
	    "$(awk -v k="$hwm" 'BEGIN { printf "%.1f", k / 1024 }')"
	[ "${e:-1}" = 0 ] || say "bench: release run $1: $e loadgen errors"
}

# median VALUES...: the middle one (the lower of the two middle ones).
median() {
	printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 }
	    END { print v[int((NR + 1) / 2)] }'
}

# release_runs: RELEASE_RUNS runs and their medians, in rel_med_*.
release_runs() {
	echo "release of $RELEASE_N waiting reports, filing at" \
	    "$RELEASE_RATE/s (open loop, $RELEASE_CONNS connections) meanwhile"
	printf "$RFMT" "" released "aerd s" "outside" "p99 bef" "n during" \
	    "p50 dur" "p99 dur" "p99 aft" "WAL MiB" "RSS MiB"
	n=1
	rel_errors=0
	while [ $n -le "$RELEASE_RUNS" ]; do
		release_one $n
		eval "rel_errors=\$((rel_errors + \${rel_${n}_errors:-1}))"
		n=$((n + 1))
	done
	for k in secs outside during_p99_ms during_max_ms before_p99_ms \
	    after_p99_ms hwm walmax; do
		vals=
		n=1
		while [ $n -le "$RELEASE_RUNS" ]; do
			eval "vals=\"\$vals \$rel_${n}_$k\""
			n=$((n + 1))
		done
		eval "rel_med_$k=$(median $vals)"
		eval "rel_max_$k=$(printf '%s\n' $vals | sort -g | tail -n 1)"
	done
	printf "$RFMT" median "" "$rel_med_secs" "$rel_med_outside" \
	    "$rel_med_before_p99_ms" "" "" "$rel_med_during_p99_ms" \
	    "$rel_med_after_p99_ms" \
	    "$(awk -v w="$rel_med_walmax" 'BEGIN { printf "%.1f", w / 1048576 }')" \
	    "$(awk -v k="$rel_med_hwm" 'BEGIN { printf "%.1f", k / 1024 }')"
	echo "(aerd s: the release by aerd's clock, begin to durable commit;" \
	    "outside: SIGHUP to its log line; p99 in ms of the filings due" \
	    "before, during and after it; WAL: the most it held after it)"
}

if [ "${RELEASE_LIB:-0}" != 1 ]; then
	case ${BUILD:-} in '' | /*) ;; *) BUILD=$(pwd)/$BUILD ;; esac
	cd "$(dirname "$0")/.." || exit 1
	. bench/lib.sh
	trap cleanup_server EXIT INT TERM
	say "bench: building the tools and aerd"
	build_tools
	build_aerd
	echo "aer release benchmark, $(date -u '+%Y-%m-%d %H:%M UTC'), load" \
	    "average before: $(cut -d' ' -f1-3 /proc/loadavg)"
	release_runs
	echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
fi
