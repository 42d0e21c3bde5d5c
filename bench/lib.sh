# Shared by bench/run.sh and bench/scale.sh: build the benchmark tools
# and aerd, start and stop a server, read its peak memory. Sourced from
# the repository's root.
# Its variables are for the scripts that source it.
# shellcheck disable=SC2034
set -eu

SRC=$(pwd)
BUILD=${BUILD:-$SRC/build-bench}
case $BUILD in /*) ;; *) BUILD=$SRC/$BUILD ;; esac
BIN=$BUILD/bench
DATA=$BUILD/bench-data
CC=${CC:-cc}
BENCH_CFLAGS=${BENCH_CFLAGS:--O2 -Wall -Wextra -Werror}
MIGRATIONS=$(ls "$SRC"/sql/0*.sql)
STATEMENTS=$SRC/sql/statements.sql
SERVER_PID=
SERVER_LOG=

say() {
	printf '%s\n' "$*" >&2
}

die() {
	say "bench: $*"
	exit 1
}

# The tools: loadgen, ref-http, ref-sqlite, gendb.
build_tools() {
	mkdir -p "$BIN"
	ev=$(pkg-config --cflags --libs libevent)
	evs=$(pkg-config --cflags --libs libevent_openssl libssl libcrypto)
	sq=$(pkg-config --cflags --libs sqlite3)
	cr=$(pkg-config --cflags --libs libcrypto)
	b=$SRC/bench
	# shellcheck disable=SC2086
	{
		$CC $BENCH_CFLAGS -o "$BIN/loadgen" "$b/loadgen.c" \
		    "$b/lg-conn.c" "$b/lg-rate.c" "$b/lg-report.c" \
		    "$b/hist.c" $ev $evs &&
		$CC $BENCH_CFLAGS -o "$BIN/ref-http" "$b/ref-http.c" $ev $evs &&
		$CC $BENCH_CFLAGS -pthread -o "$BIN/ref-sqlite" \
		    "$b/ref-sqlite.c" "$b/ref-ckpt.c" "$b/sqlutil.c" \
		    "$b/hist.c" $sq &&
		$CC $BENCH_CFLAGS -o "$BIN/gendb" "$b/gendb.c" \
		    "$b/gendb-case.c" "$b/gendb-write.c" "$b/sqlutil.c" \
		    $sq $cr -lm
	} || die "the benchmark tools do not build"
}

# aerd, built in $BUILD: configured there (CFLAGS=-O2) if it is not yet.
# A source tree configured in place cannot also be configured out of
# tree, so then its sources (nothing built) are copied to $BUILD/src.
build_aerd() {
	mkdir -p "$BUILD"
	top=$SRC
	if [ -f "$SRC/config.status" ] && [ "$BUILD" != "$SRC" ]; then
		# Refreshed every run; tar keeps the times, so make rebuilds
		# only what changed.
		top=$BUILD/src
		say "bench: $SRC is configured in place; building aerd from" \
		    "a copy of its sources in $top"
		mkdir -p "$top"
		{
			git -C "$SRC" ls-files -co --exclude-standard
			for f in configure Makefile.in aclocal.m4 config.h.in \
			    build-aux/*; do
				[ -e "$SRC/$f" ] && echo "$f"
			done
		} | sort -u | (cd "$SRC" && tar -cf - --ignore-failed-read \
		    -T - 2>/dev/null) | (cd "$top" && tar -xf -)
	fi
	if [ ! -f "$BUILD/Makefile" ]; then
		[ -x "$top/configure" ] || (cd "$top" && autoreconf -fi) ||
		    die "cannot make configure"
		(cd "$BUILD" && "$top/configure" CFLAGS=-O2 >configure.log 2>&1) ||
		    die "configure failed; see $BUILD/configure.log"
	fi
	# BUILT_SOURCES are made by "make all" only: name them. The test
	# build, whose clock can be moved, brings a release forward
	# (release.sh).
	built=$(sed -n 's/^BUILT_SOURCES = //p' "$BUILD/Makefile")
	# shellcheck disable=SC2086
	make -C "$BUILD" $built aerd tests/aerd-clock \
	    >"$BUILD/make-aerd.log" 2>&1 ||
	    die "make aerd failed; see $BUILD/make-aerd.log"
	AERD=$BUILD/aerd
	AERD_CLOCK=$BUILD/tests/aerd-clock
	[ -x "$AERD" ] || die "no $AERD after make"
}

# wait_socket PATH PID: until something answers on the socket (bounded:
# WAIT_TICKS of 50 ms, default 600).
wait_socket() {
	i=0
	while [ $i -lt "${WAIT_TICKS:-600}" ]; do
		if curl -s --max-time 1 --unix-socket "$1" -o /dev/null \
		    http://localhost/v1/health 2>/dev/null; then
			return 0
		fi
		kill -0 "$2" 2>/dev/null || return 1
		sleep 0.05
		i=$((i + 1))
	done
	return 1
}

# start_aerd DIR DB: aerd in the foreground on DIR/aerd.sock, with
# DIR/aerd.conf (empty unless it is there already) and $AERD_ARGS.
start_aerd() {
	[ -f "$1/aerd.conf" ] || : >"$1/aerd.conf"
	SERVER_LOG=$1/aerd.log
	# shellcheck disable=SC2086
	"$AERD" -f --config "$1/aerd.conf" --socket "$1/aerd.sock" \
	    --db "$2" ${AERD_LISTEN:+--listen "$AERD_LISTEN"} ${AERD_ARGS:-} \
	    >"$SERVER_LOG" 2>&1 &
	SERVER_PID=$!
	wait_socket "$1/aerd.sock" "$SERVER_PID" ||
	    die "aerd did not start; see $SERVER_LOG"
}

start_ref_http() {
	SERVER_LOG=$1/ref-http.log
	"$BIN/ref-http" --socket "$1/ref.sock" >"$SERVER_LOG" 2>&1 &
	SERVER_PID=$!
	wait_socket "$1/ref.sock" "$SERVER_PID" || die "ref-http did not start"
}

# Peak resident memory of the server, in KiB (VmHWM).
server_hwm() {
	awk '/^VmHWM:/ { print $2 }' "/proc/$SERVER_PID/status" 2>/dev/null ||
	    echo 0
}

# stop_server [KILL]: SIGTERM and wait, or SIGKILL (a crash) and wait.
stop_server() {
	[ -n "$SERVER_PID" ] || return 0
	kill -"${1:-TERM}" "$SERVER_PID" 2>/dev/null || true
	wait "$SERVER_PID" 2>/dev/null || true
	SERVER_PID=
}

# As whom loadgen files reports: a reporter. Root on the socket is an
# admin (looked up in the password database on every request), so a
# root caller runs it as nobody unless BENCH_USER says otherwise.
# REPORTER is the command prefix that does it (setpriv execs, so a
# background job's $! is loadgen itself).
BENCH_USER=${BENCH_USER:-$( [ "$(id -u)" = 0 ] && echo nobody || echo '')}
REPORTER=
if [ -n "$BENCH_USER" ] && [ "$(id -u)" = 0 ]; then
	REPORTER="setpriv --reuid=$(id -u "$BENCH_USER") --regid=$(id -g \
	    "$BENCH_USER") --clear-groups --"
fi
as_reporter() {
	# shellcheck disable=SC2086
	$REPORTER "$@"
}

# kv KEY LINE: the value of KEY in a line of key=value pairs.
kv() {
	printf '%s\n' "$2" | tr ' ' '\n' | sed -n "s/^$1=//p" | head -n 1
}

cleanup_server() {
	stop_server TERM
}
