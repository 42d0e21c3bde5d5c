# Shared by the integration tests: start a real aerd on a temporary
# socket and database, talk to it with curl and aer, and count checks.
# Each test script sources this file and ends with `finish`.
set -u

: "${AERD:?AERD must name the aerd binary (make check sets it)}"
: "${AER:?AER must name the aer binary (make check sets it)}"
CURL=${CURL:-curl}
SQLITE3=${SQLITE3:-sqlite3}

TMP=$(mktemp -d "${TMPDIR:-/tmp}/aer-test.XXXXXX")
SOCK=$TMP/aerd.sock
DB=$TMP/aer.db
LOG=$TMP/aerd.log
AERD_PID=
passed=0
failed=0

cleanup() {
	if [ -n "$AERD_PID" ]; then
		kill -TERM "$AERD_PID" 2>/dev/null
		wait "$AERD_PID" 2>/dev/null
	fi
	rm -rf "$TMP"
}
trap cleanup EXIT

ok() {
	passed=$((passed + 1))
	echo "ok - $1"
}

not_ok() {
	failed=$((failed + 1))
	echo "not ok - $1"
	[ $# -gt 1 ] && printf '#   %s\n' "$2"
	return 0
}

# check DESCRIPTION EXPECTED ACTUAL
check() {
	if [ "$2" = "$3" ]; then
		ok "$1"
	else
		not_ok "$1" "expected [$2], got [$3]"
	fi
}

# check_match DESCRIPTION REGEX ACTUAL
check_match() {
	if printf '%s' "$3" | grep -Eq -- "$2"; then
		ok "$1"
	else
		not_ok "$1" "[$3] does not match /$2/"
	fi
}

finish() {
	echo "$passed passed, $failed failed"
	[ "$failed" -eq 0 ]
	exit $?
}

# Waits (bounded) until aerd answers its health check.
wait_ready() {
	i=0
	while [ $i -lt 300 ]; do
		if "$CURL" -sf --max-time 1 --unix-socket "$1" \
		    http://aerd/v1/health >/dev/null 2>&1; then
			return 0
		fi
		if [ -n "$AERD_PID" ] && ! kill -0 "$AERD_PID" 2>/dev/null; then
			return 1
		fi
		sleep 0.05
		i=$((i + 1))
	done
	return 1
}

# start_aerd [EXTRA AERD FLAGS...]
start_aerd() {
	${AERD_WRAPPER:-} "$AERD" -f --socket "$SOCK" --db "$DB" "$@" \
	    2>>"$LOG" &
	AERD_PID=$!
	if ! wait_ready "$SOCK"; then
		echo "aerd did not start:" >&2
		cat "$LOG" >&2
		exit 99
	fi
}

# stop_aerd: SIGTERM, and the exit status of aerd in AERD_STATUS.
stop_aerd() {
	kill -TERM "$AERD_PID"
	wait "$AERD_PID"
	AERD_STATUS=$?
	AERD_PID=
}

# release_now: what waits in the inbox released now, as at the next
# release time. Needs the test build (AERD=$AERD_CLOCK, AERD_TEST_CLOCK
# naming a file): its clock is set to the next release, a SIGHUP makes
# aerd look, and once the inbox is empty the clock is as it was.
release_now() {
	: "${AERD_TEST_CLOCK:?release_now needs AERD_TEST_CLOCK and AERD_CLOCK}"
	api GET /v1/health
	next=$(date -d "$(jget 'v["next_release"]' | tr T ' ')" +%s) || return 1
	[ -f "$AERD_TEST_CLOCK" ] && cp "$AERD_TEST_CLOCK" "$TMP/clock.saved"
	echo "$next" > "$AERD_TEST_CLOCK.new" &&
	    mv "$AERD_TEST_CLOCK.new" "$AERD_TEST_CLOCK"
	kill -HUP "$AERD_PID"
	tries=0
	while [ "$(db 'SELECT (SELECT count(*) FROM inbox_reports) +
	    (SELECT count(*) FROM inbox_replies)')" != 0 ]; do
		tries=$((tries + 1))
		[ $tries -gt 100 ] && { echo "# release_now: no release" >&2; break; }
		sleep 0.1
	done
	if [ -f "$TMP/clock.saved" ]; then
		mv "$TMP/clock.saved" "$AERD_TEST_CLOCK"
	else
		rm -f "$AERD_TEST_CLOCK"
	fi
}

# api METHOD PATH [CURL ARGS...]: sets STATUS and BODY.
api() {
	method=$1 path=$2
	shift 2
	STATUS=$("$CURL" -s -o "$TMP/body" -w '%{http_code}' -X "$method" \
	    --unix-socket "$SOCK" "$@" "http://aerd$path")
	BODY=$(cat "$TMP/body")
}

# post_json PATH JSON: POST a JSON body.
post_json() {
	api POST "$1" -H 'Content-Type: application/json' --data-binary "$2"
}

# jget EXPR [JSON]: a value from JSON (BODY by default) by a Python
# expression on `v`, e.g. jget 'v["error"]["field"]'. None prints "null".
jget() {
	printf '%s' "${2:-$BODY}" | python3 -c '
import json, sys
try:
    v = json.load(sys.stdin)
    r = eval(sys.argv[1])
except Exception as e:
    print("<" + type(e).__name__ + ">")
    sys.exit(0)
print("null" if r is None else (json.dumps(r) if isinstance(r, (dict, list)) else r))
' "$1"
}

db() {
	"$SQLITE3" -batch "$DB" "$@"
}

# Reports stored, released or waiting in the inbox.
reports_count() {
	db 'SELECT (SELECT count(*) FROM reports) +
	    (SELECT count(*) FROM inbox_reports)'
}

# A report as a nurse files it: it waits in the inbox for the next
# release (tests/t-release.sh). SAMPLE is the same report filed urgent,
# released at once, for the tests that go on to work the case.
SAMPLE_WAITING='{"event_type":"near_miss","category":"medication","harm":"none","merp_category":"B","occurred_at":"2026-01-20T14:30","location":"4 West","description":"Insulin drawn up for the wrong patient; caught at bedside scan.","immediate_actions":"Dose discarded, charge nurse told.","contributing_factors":["communication","fatigue_scheduling"],"reporter_role":"nurse"}'
SAMPLE='{"event_type":"near_miss","category":"medication","harm":"none","merp_category":"B","occurred_at":"2026-01-20T14:30","location":"4 West","description":"Insulin drawn up for the wrong patient; caught at bedside scan.","immediate_actions":"Dose discarded, charge nurse told.","contributing_factors":["communication","fatigue_scheduling"],"reporter_role":"nurse","urgent":true}'
