# Nothing acknowledged is lost: reports answered 201 survive SIGKILL,
# in the foreground and when aerd has daemonized, even with another
# process reading the database at the same time.
. "$TESTS_SRCDIR/lib.sh"

file_n() {
	i=0
	while [ $i -lt "$1" ]; do
		post_json /v1/reports "$SAMPLE"
		[ "$STATUS" = 201 ] || return 1
		i=$((i + 1))
	done
}

# In the foreground.
start_aerd
file_n 5
check "five reports acknowledged" 0 $?
kill -KILL "$AERD_PID"
wait "$AERD_PID" 2>/dev/null
AERD_PID=
check "all five are in the database after SIGKILL" 5 "$(reports_count)"
check "and it is intact" ok "$(db 'PRAGMA integrity_check')"

# Daemonized, with a reader holding the database open alongside: the
# daemon's own connection must hold its locks, or the reader could
# checkpoint and delete a WAL full of acknowledged reports.
"$AERD" --socket "$SOCK" --db "$DB" 2>>"$LOG"
check "aerd daemonizes" 0 $?
wait_ready "$SOCK" || { echo "daemonized aerd did not answer" >&2; cat "$LOG" >&2; exit 99; }
PID=$(pgrep -f -- "--socket $SOCK")
check_match "it runs in the background" '^[0-9]+$' "$PID"
db 'SELECT count(*) FROM reports' > /dev/null
file_n 3
check "three more acknowledged" 0 $?
db 'SELECT count(*) FROM reports' > /dev/null
kill -KILL "$PID"
i=0
while kill -0 "$PID" 2>/dev/null && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
check "all eight are there after SIGKILL of the daemon" 8 "$(reports_count)"
check "the database is intact" ok "$(db 'PRAGMA integrity_check')"

finish
