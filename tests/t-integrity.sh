# What aerd checks of its database, and when: aerd --check reads all of
# it and says; a start after a clean stop does not read it again; a
# start after an unclean stop (kill -9), or with the file changed since
# the clean stop, checks it whole first and refuses a damaged one.
. "$TESTS_SRCDIR/lib.sh"

# damage FILE: garbage over its second page, a b-tree's.
damage() {
	python3 -c '
import sys
with open(sys.argv[1], "r+b") as f:
    f.seek(4096)
    f.write(b"\xff" * 4096)
' "$1"
}
# start_refused: aerd started on DB exits non-zero without serving.
start_refused() {
	: > "$LOG"
	timeout 60 "$AERD" -f --socket "$SOCK" --db "$DB" 2>>"$LOG"
	REFUSED=$?
}

start_aerd
for i in 1 2 3 4 5; do
	post_json /v1/reports "$SAMPLE"
done
check "reports filed" 201 "$STATUS"
stop_aerd
check "a clean stop leaves its mark beside the database" yes \
    "$([ -f "$DB-clean" ] && echo yes)"

: > "$LOG"
start_aerd
check_match "a clean restart does not check the database again" \
    "stopped cleanly last time, not checked again" "$(cat "$LOG")"
check "and the mark is gone while aerd runs" no \
    "$([ -f "$DB-clean" ] && echo yes || echo no)"
kill -KILL "$AERD_PID"
wait "$AERD_PID" 2>/dev/null
AERD_PID=
check "kill -9 leaves no mark" no \
    "$([ -f "$DB-clean" ] && echo yes || echo no)"

: > "$LOG"
start_aerd
check_match "after kill -9 the start checks the database whole" \
    "checked whole \\(quick_check\\)" "$(cat "$LOG")"
stop_aerd

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

# Damaged after a clean stop: the file is not as aerd left it.
damage "$DB"
start_refused
check "a database damaged since the clean stop is refused" 1 \
    "$([ "$REFUSED" -ne 0 ] && echo 1 || echo 0)"
check_match "saying so" "is damaged" "$(cat "$LOG")"

# Damaged after an unclean stop, when its size and time are unchanged.
rm -f "$DB" "$DB-clean" "$DB-wal" "$DB-shm"
start_aerd
post_json /v1/reports "$SAMPLE"
kill -KILL "$AERD_PID"
wait "$AERD_PID" 2>/dev/null
AERD_PID=
"$SQLITE3" "$DB" 'PRAGMA wal_checkpoint(TRUNCATE)' > /dev/null
damage "$DB"
start_refused
check "after kill -9 a damaged database is refused" 1 \
    "$([ "$REFUSED" -ne 0 ] && echo 1 || echo 0)"
check_match "saying so" "is damaged" "$(cat "$LOG")"

finish
