# What aerd checks of its database, and when: aerd --check reads all of
# it and says; a start after a clean stop does not read it again; a
# start after an unclean stop (kill -9), or with the file changed since
# the clean stop, serves at once and checks it whole in the background,
# and a damaged one is then refused: every request is answered 503.
# The test build holds the check until a file exists
# (AERD_TEST_CHECK_HOLD), so that what aerd does meanwhile is seen
# without racing it.
. "$TESTS_SRCDIR/lib.sh"
AERD=${AERD_CLOCK:?AERD_CLOCK must name tests/aerd-clock (make check sets it)}
HOLD=$TMP/hold

# damage FILE [TABLE]: garbage over a b-tree's page: the second of the
# file (the taxonomy's, which aerd reads as it starts), or TABLE's root.
damage() {
	page=2
	[ $# -gt 1 ] && page=$("$SQLITE3" "$1" "SELECT rootpage FROM
	    sqlite_schema WHERE type = 'table' AND name = '$2'")
	python3 -c '
import sys
with open(sys.argv[1], "r+b") as f:
    f.seek(4096 * (int(sys.argv[2]) - 1))
    f.write(b"\xff" * 4096)
' "$1" "$page"
}
# wait_log REGEX: waits (bounded) until aerd's log has a line matching.
wait_log() {
	i=0
	while ! grep -Eq -- "$1" "$LOG"; do
		i=$((i + 1))
		[ $i -gt 600 ] && return 1
		sleep 0.1
	done
}
# kill9: an unclean stop.
kill9() {
	kill -KILL "$AERD_PID"
	wait "$AERD_PID" 2>/dev/null
	AERD_PID=
}
# start_held: aerd started after an unclean stop, its check held.
start_held() {
	rm -f "$HOLD"
	: > "$LOG"
	AERD_TEST_CHECK_HOLD=$HOLD start_aerd
}
has_mark() {
	[ -f "$DB-clean" ] && echo yes || echo no
}

start_aerd
for i in 1 2 3 4 5; do
	post_json /v1/reports "$SAMPLE"
done
check "reports filed" 201 "$STATUS"
stop_aerd
check "a clean stop leaves its mark beside the database" yes "$(has_mark)"

: > "$LOG"
AERD_TEST_CHECK_HOLD=$HOLD start_aerd
check_match "a clean restart does not check the database again" \
    "stopped cleanly last time, not checked again" "$(cat "$LOG")"
check "and starts no check" 0 "$(grep -c 'checking it whole' "$LOG")"
check "and the mark is gone while aerd runs" no "$(has_mark)"
kill9
check "kill -9 leaves no mark" no "$(has_mark)"

# After kill -9: aerd serves while the check has not finished.
start_held
check_match "after kill -9 the start checks the database whole" \
    "checking it whole \\(quick_check\\) while serving" "$(cat "$LOG")"
api GET /v1/health
check "aerd answers while the check runs" 200 "$STATUS"
post_json /v1/reports "$SAMPLE"
check "and files a report" 201 "$STATUS"
check "before the check has passed" 0 "$(grep -c 'check passed' "$LOG")"
: > "$HOLD"
wait_log "integrity check passed"
check "then the check passes" 1 "$(grep -c 'integrity check passed' "$LOG")"
check "logged after aerd was ready" "ready passed" "$(grep -oE \
    ' ready;|check passed' "$LOG" | sed 's/ ready;/ready/; s/check //' |
    tr '\n' ' ' | sed 's/ $//')"
stop_aerd
check "a clean stop after it exits 0" 0 "$AERD_STATUS"
check "and leaves its mark" yes "$(has_mark)"

# A clean stop while the check runs: prompt, and no mark.
: > "$LOG"
start_aerd
kill9
start_held
kill -TERM "$AERD_PID"
timeout 10 sh -c "while kill -0 $AERD_PID 2>/dev/null; do sleep 0.05; done"
check "a stop while the check runs does not wait for it" 0 $?
wait "$AERD_PID"
check "and exits 0" 0 $?
AERD_PID=
check "but leaves no mark: nothing was checked" no "$(has_mark)"
: > "$LOG"
start_aerd
check_match "so the next start checks" "checking it whole" "$(cat "$LOG")"
wait_log "integrity check passed"
stop_aerd
check "and leaves its mark once the check passed" yes "$(has_mark)"

# aerd --check: sound, then damaged.
OUT=$("$AERD" --check --db "$DB" 2>&1)
check "aerd --check passes a sound database" "0 $DB: ok" "$? $OUT"
cp "$DB" "$TMP/copy.db"
damage "$TMP/copy.db"
OUT=$("$AERD" --check --db "$TMP/copy.db" 2>&1)
check "aerd --check fails a damaged copy" 1 $?
check_match "and says it is damaged" "copy.db is damaged" "$OUT"
"$AERD" --check --db "$TMP/none.db" > /dev/null 2>&1
check "aerd --check of a missing file fails" 1 $?
check "and does not create one" no \
    "$([ -f "$TMP/none.db" ] && echo yes || echo no)"

# refused WHAT: once the held check is let go, aerd says the database
# failed, answers 503 and writes nothing; a stop exits 1, leaving no mark.
refused() {
	api GET /v1/health
	check "$1: aerd serves until the check is done" 200 "$STATUS"
	: > "$HOLD"
	wait_log "integrity check failed"
	check_match "$1: the check fails, saying why" \
	    "integrity check failed: .*aer.db is damaged" "$(cat "$LOG")"
	api GET /v1/health
	check "$1: then every request is answered 503" 503 "$STATUS"
	check "$1: saying why" unavailable "$(jget 'v["error"]["code"]')"
	check_match "$1: in words" "failed its integrity check" \
	    "$(jget 'v["error"]["message"]')"
	post_json /v1/reports "$SAMPLE"
	check "$1: a filing is refused" 503 "$STATUS"
	stop_aerd
	check "$1: a stop exits 1" 1 "$AERD_STATUS"
	check "$1: and leaves no mark" no "$(has_mark)"
}

# Damaged after a clean stop, where aerd reads as it starts: refused at
# once. The file is not as aerd left it.
cp "$DB" "$TMP/sound.db"
damage "$DB"
: > "$LOG"
timeout 60 "$AERD" -f --socket "$SOCK" --db "$DB" 2>>"$LOG"
check "a database damaged where aerd starts is refused" 1 $?
check_match "saying so" "malformed|is damaged" "$(cat "$LOG")"

# Damaged after a clean stop, elsewhere: found by the check.
cp "$TMP/sound.db" "$DB"
damage "$DB" reports
start_held
refused "damaged since the clean stop"

# Damaged after an unclean stop, when its size and time are unchanged.
rm -f "$DB" "$DB-clean" "$DB-wal" "$DB-shm"
start_aerd
post_json /v1/reports "$SAMPLE"
kill9
"$SQLITE3" "$DB" 'PRAGMA wal_checkpoint(TRUNCATE)' > /dev/null
damage "$DB" reports
start_held
refused "damaged after kill -9"

finish
