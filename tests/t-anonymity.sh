# A report filed by a known local user leaves no trace of who filed it:
# not the user's name or uid in the database, its WAL, or aerd's log,
# no time of day, and no log line per submission.
. "$TESTS_SRCDIR/lib.sh"

if [ "$(id -u)" -ne 0 ] || ! command -v setpriv >/dev/null; then
	echo "# needs root and setpriv to file as another local user"
	exit 77
fi
USER_NAME=aertestnurse
USER_UID=48213
if ! id "$USER_NAME" >/dev/null 2>&1; then
	useradd --system --no-create-home --uid "$USER_UID" \
	    --shell /usr/sbin/nologin "$USER_NAME" 2>/dev/null ||
	    useradd --system --no-create-home --shell /usr/sbin/nologin \
	    "$USER_NAME"
fi
USER_UID=$(id -u "$USER_NAME")
as_user() {
	setpriv --reuid="$USER_UID" --regid="$(id -g "$USER_NAME")" \
	    --clear-groups "$@"
}

chmod 0755 "$TMP"
start_aerd --verbose
lines_before=$(wc -l < "$LOG")

# Filed with curl and with aer, both as the local user.
as_user "$CURL" -s -o "$TMP/body" -w '%{http_code}' --unix-socket "$SOCK" \
    -H 'Content-Type: application/json' --data-binary "$SAMPLE" \
    http://aerd/v1/reports > "$TMP/status"
check "the local user files a report with curl" 201 "$(cat "$TMP/status")"
printf '%s' "$SAMPLE" > "$TMP/report.json"
chmod 0644 "$TMP/report.json"
as_user "$AER" --socket "$SOCK" report --json-file "$TMP/report.json" \
    > "$TMP/aer.out" 2>&1
check "the local user files a report with aer" 0 $?
check "two reports stored" 2 "$(reports_count)"

check "no log line per submission, even when verbose" "$lines_before" \
    "$(wc -l < "$LOG")"

# The WAL would keep each filing's pages in the order they came; aerd's
# checkpointer folds it in and empties it about 100 ms after a commit
# (given up to 5 s here, on a busy machine).
for n in 1 2 3; do
	post_json /v1/reports "$(printf '%s' "$SAMPLE" | sed "s/4 West/Ward-marker-$n/")"
done
i=0
while [ $i -lt 50 ] && [ "$(cat "$DB-wal" 2>/dev/null |
    grep -a -c 'Ward-marker-')" != 0 ]; do
	sleep 0.1
	i=$((i + 1))
done
check "the WAL holds none of the last filings" 0 \
    "$(cat "$DB-wal" 2>/dev/null | grep -a -c 'Ward-marker-')"
check "the WAL is emptied" 0 "$(stat -c %s "$DB-wal" 2>/dev/null || echo 0)"
check "the database holds all three" 3 \
    "$(db "SELECT count(*) FROM reports WHERE location LIKE 'Ward-marker-%'")"

# Everything aerd wrote: the database, its WAL, its log.
stop_aerd
start_aerd
for f in "$DB" "$DB-wal" "$LOG"; do
	[ -e "$f" ] || continue
	name=$(basename "$f")
	check "$name does not hold the user name" 0 \
	    "$(grep -a -c "$USER_NAME" "$f")"
	check "$name does not hold the uid" 0 \
	    "$(grep -a -c -w "$USER_UID" "$f")"
done
check "no text column holds the uid" 0 "$(db "SELECT count(*) FROM reports
    WHERE instr(id || received || description || coalesce(location, ''), '$USER_UID')")"

# No column that could name or locate anyone.
for word in uid user peer host addr pid created_at time; do
	check "reports has no column named like $word" 0 \
	    "$(db "SELECT count(*) FROM pragma_table_info('reports') WHERE name LIKE '%$word%'")"
done

# The order of filing: a backup keeps none of it. Eight reports filed
# one by one sit in their page in the order they came (the control, so
# that the check below can fail), which is not the order of their random
# ids; in the backup, every page holds its rows in key order.
stop_aerd
rm -f "$DB" "$DB-wal" "$DB-shm"
start_aerd
for i in 1 2 3 4 5 6 7 8; do
	api POST /v1/reports -H 'Content-Type: application/json' \
	    --data-binary "$(echo "$SAMPLE" | sed "s/Insulin drawn up/Order $i: insulin/")"
	[ "$STATUS" = 201 ] || echo "# filing $i: $STATUS"
done
"$AER" --socket "$SOCK" backup "$TMP/order-backup.db" > /dev/null 2>&1
check "a backup is taken" 0 $?
stop_aerd
check "the live file keeps rows in filing order (control)" other \
    "$(python3 "$TESTS_SRCDIR/cellorder.py" "$DB")"
check "the backup keeps them in key order only" key \
    "$(python3 "$TESTS_SRCDIR/cellorder.py" "$TMP/order-backup.db")"
check "and all eight are in it" 8 \
    "$("$SQLITE3" "$TMP/order-backup.db" 'SELECT count(*) FROM reports')"
start_aerd

# Received is a day, with no time of day anywhere in the row.
check "received is a day only" "$(date +%Y-%m-%d)" \
    "$(db "SELECT DISTINCT received FROM reports")"
check "no time of day stored" 0 "$(db "SELECT count(*) FROM reports
    WHERE received GLOB '*[0-9]:[0-9]*'")"

finish
