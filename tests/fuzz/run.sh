#!/bin/sh
# Builds the libFuzzer harnesses in tests/fuzz/ and runs each for a while.
#
#   tests/fuzz/run.sh [SECONDS]          (default 20 seconds per harness)
#
# Environment:
#   BUILD    a configured build directory, for its config.h and the C that
#            sql/embed.sh generates (daemon/sql-*.c, daemon/sql-gen.h).
#            Default: the source tree itself when it is configured in
#            place, else build-fuzz/build, configured here on first use
#            (autoreconf -fi in the source tree if it has no configure).
#   OUT      where objects, binaries, working corpora and crashes go
#            (default build-fuzz/ in the source tree).
#   FUZZ_CC  the compiler (default clang).
#   ONLY     run only these harnesses, e.g. ONLY="fuzz_report fuzz_body".
#
# Needs clang with libFuzzer: on Debian 12, `apt-get install clang
# libclang-rt-14-dev` (clang 14; libclang-rt-14-dev holds the libFuzzer
# and sanitizer runtimes), besides the project's own build dependencies.
#
# Each harness runs on a copy of its seeds in tests/fuzz/corpus/NAME/, so
# the corpus in the repository never grows. Prints "NAME: N execs, C
# crashes" per harness; exits 1 if any harness crashed, leaked or timed
# out, with the input left in build-fuzz/crashes/NAME/.
set -eu

SECS=${1:-20}
case $SECS in
''|*[!0-9]*) echo "usage: $0 [SECONDS]" >&2; exit 2 ;;
esac

SRC=$(cd "$(dirname "$0")/../.." && pwd)
OUT=${OUT:-$SRC/build-fuzz}
FUZZ_CC=${FUZZ_CC:-clang}
FUZZ_SRC=$SRC/tests/fuzz

if ! command -v "$FUZZ_CC" >/dev/null 2>&1; then
	echo "$0: $FUZZ_CC not found; on Debian: apt-get install clang" \
	    "libclang-rt-14-dev" >&2
	exit 2
fi

# A configured tree to take config.h and the generated SQL from.
if [ -z "${BUILD:-}" ]; then
	if [ -f "$SRC/config.status" ]; then
		BUILD=$SRC
	else
		BUILD=$OUT/build
		if [ ! -f "$BUILD/config.status" ]; then
			if [ ! -x "$SRC/configure" ]; then
				echo "run.sh: autoreconf -fi in $SRC"
				(cd "$SRC" && autoreconf -fi) >/dev/null
			fi
			echo "run.sh: configuring in $BUILD"
			mkdir -p "$BUILD"
			(cd "$BUILD" && "$SRC/configure" --quiet) >/dev/null
		fi
	fi
fi
BUILD=$(cd "$BUILD" && pwd)
GEN="daemon/sql-gen.h daemon/sql-migrations.c daemon/sql-session.c daemon/sql-statements.c"
# make regenerates them only when sql/ is newer.
make -s -C "$BUILD" $GEN >/dev/null
for f in config.h $GEN; do
	if [ ! -f "$BUILD/$f" ]; then
		echo "$0: $BUILD/$f is missing; is $BUILD configured?" >&2
		exit 2
	fi
done

PKGS="libevent libevent_openssl sqlite3 uuid jansson libssl libcrypto"
if grep -q '^#define HAVE_LIBSYSTEMD 1' "$BUILD/config.h"; then
	PKGS="$PKGS libsystemd"
fi
PKG_CFLAGS=$(pkg-config --cflags $PKGS)
PKG_LIBS=$(pkg-config --libs $PKGS)

SAN="-fsanitize=address,undefined -fno-sanitize-recover=undefined"
CFLAGS_F="-g -O1 -fno-omit-frame-pointer $SAN -Wall -Wno-unused-parameter"
CPPFLAGS_F="-I$BUILD -I$SRC/include -I$SRC/daemon -I$BUILD/daemon"

OBJ=$OUT/obj
BIN=$OUT/bin
rm -rf "$OBJ"
mkdir -p "$OBJ" "$BIN" "$OUT/crashes" "$OUT/run"

# libaerd with coverage: every daemon/*.c but main() in aerd.c, and the
# generated SQL from the build tree.
objs=
for c in "$SRC"/daemon/*.c "$BUILD"/daemon/sql-migrations.c \
    "$BUILD"/daemon/sql-session.c "$BUILD"/daemon/sql-statements.c; do
	name=$(basename "$c" .c)
	case $c in
	"$SRC"/daemon/aerd.c) continue ;;
	"$SRC"/daemon/sql-*.c) [ "$BUILD" = "$SRC" ] || continue ;;
	esac
	case " $objs " in
	*" $OBJ/$name.o "*) continue ;;
	esac
	# shellcheck disable=SC2086
	"$FUZZ_CC" $CFLAGS_F -fsanitize=fuzzer-no-link $CPPFLAGS_F \
	    $PKG_CFLAGS -c "$c" -o "$OBJ/$name.o"
	objs="$objs $OBJ/$name.o"
done
rm -f "$OUT/libaerd-fuzz.a"
# shellcheck disable=SC2086
ar rcs "$OUT/libaerd-fuzz.a" $objs

harnesses=
for h in "$FUZZ_SRC"/fuzz_*.c; do
	name=$(basename "$h" .c)
	if [ -n "${ONLY:-}" ]; then
		case " $ONLY " in
		*" $name "*) ;;
		*) continue ;;
		esac
	fi
	# shellcheck disable=SC2086
	"$FUZZ_CC" $CFLAGS_F -fsanitize=fuzzer $CPPFLAGS_F $PKG_CFLAGS \
	    "$h" "$OUT/libaerd-fuzz.a" $PKG_LIBS -o "$BIN/$name"
	harnesses="$harnesses $name"
done

status=0
for name in $harnesses; do
	work=$OUT/run/$name
	crashes=$OUT/crashes/$name
	rm -rf "$work"
	mkdir -p "$work/corpus" "$crashes"
	if [ -d "$FUZZ_SRC/corpus/$name" ]; then
		cp "$FUZZ_SRC/corpus/$name"/* "$work/corpus/"
	fi
	before=$(find "$crashes" -type f | wc -l)
	set +e
	ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1} \
	UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1} \
	    "$BIN/$name" -max_total_time="$SECS" -rss_limit_mb=2048 \
	    -timeout=10 -print_final_stats=1 \
	    -artifact_prefix="$crashes/" "$work/corpus" >"$work/log" 2>&1
	rc=$?
	set -e
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' \
	    "$work/log" | tail -n 1)
	found=$(($(find "$crashes" -type f | wc -l) - before))
	if [ "$rc" -ne 0 ] && [ "$found" -eq 0 ]; then
		found=1	# died without leaving an input: see the log
	fi
	echo "$name: ${execs:-?} execs, $found crashes"
	if [ "$found" -ne 0 ]; then
		status=1
		echo "  log: $work/log" >&2
		find "$crashes" -type f -newer "$work/corpus" | sed 's/^/  input: /' >&2
		grep -m 4 -E '==[0-9]+==ERROR|^SUMMARY|runtime error|deadly signal|fuzz_[a-z]+\.c:[0-9]+: ' \
		    "$work/log" | sed 's/^/  /' >&2 || true
	fi
done
exit $status
