#!/bin/sh
# Crash-safety soak: tests/t-crash.sh for many rounds (ROUNDS, default
# 500), for a manual run before a release or after a change to filing,
# the store or the connection handling. Each round files reports from
# four clients at once, kills aerd with SIGKILL at a random moment, and
# checks that every acknowledged report and triage survived intact.
#
#   bench/soak.sh [BUILDDIR]        (default: the source tree)
#   ROUNDS=2000 bench/soak.sh build
#
# BUILDDIR holds the built aerd and aer; AERD and AER override them.
set -eu

SRC=$(cd "$(dirname "$0")/.." && pwd)
BUILDDIR=$(cd "${1:-$SRC}" && pwd)
AERD=${AERD:-$BUILDDIR/aerd}
AER=${AER:-$BUILDDIR/aer}
TESTS_SRCDIR=$SRC/tests
CURL=${CURL:-curl}
SQLITE3=${SQLITE3:-sqlite3}
ROUNDS=${ROUNDS:-500}

if [ ! -x "$AERD" ]; then
	echo "soak.sh: no aerd at $AERD; build it, or give the build" \
	    "directory" >&2
	exit 2
fi
export AERD AER TESTS_SRCDIR CURL SQLITE3 ROUNDS
exec sh "$TESTS_SRCDIR/t-crash.sh"
