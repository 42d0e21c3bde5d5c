# The inbox and its release, tried as the adversaries would: a reviewer
# who polls the queue, a reviewer who polls the summary, the holder of
# the database file who reads its pages. A report waits, durable, until
# the next release; the reporter sees it at once; an urgent report is
# seen at once by everyone; a release moves a batch in a random order,
# in one transaction that a SIGKILL cannot cut in two. Time is moved
# with aerd's test build (tests/aerd-clock).
AERD=${AERD_CLOCK:?AERD_CLOCK must name tests/aerd-clock (make check sets it)}
. "$TESTS_SRCDIR/lib.sh"
export AERD_TEST_CLOCK="$TMP/clock"
SQL=$TESTS_SRCDIR/../sql

# The test's day: 23:00 local on 2026-11-30; the release is midnight, an
# hour of aerd's timer away, until the test moves the clock.
DAY=2026-11-30
set_clock() {
	echo "$1" > "$TMP/clock.new" && mv "$TMP/clock.new" "$TMP/clock"
}
set_clock "$(date -d "$DAY 23:00" +%s)"
MIDNIGHT=$(date -d "2026-12-01 00:00" +%s)
printf 'admin_groups = %s\nrelease_times = 00:00\n' "$(id -gn)" \
    > "$TMP/aerd.conf"
start_aerd --config "$TMP/aerd.conf"
waiting() { db 'SELECT (SELECT count(*) FROM inbox_reports) +
    (SELECT count(*) FROM inbox_replies)'; }
queue_size() { api GET /v1/queue; jget 'len(v["cases"])'; }
summary_total() {
	api GET "/v1/summary?from=$DAY&to=$DAY&unsuppressed=1"
	jget 'v["total"]["count"]'
}

api GET /v1/health
check "health names the next release" "2026-12-01T00:00" \
    "$(jget 'v["next_release"]')"

# --- A reviewer polling every 0.2 s sees nothing until the release. ---
before_queue=$(queue_size)
before_total=$(summary_total)
post_json /v1/reports "$SAMPLE_WAITING"
check "filed" 201 "$STATUS"
check "the reply says when reviewers will see it" \
    "2026-12-01T00:00 2026-11-30" \
    "$(jget 'v["release"]') $(jget 'v["received"]')"
ID=$(jget 'v["id"]')
RECEIPT=$(jget 'v["receipt"]')
seen=0
for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15; do
	[ "$(queue_size)" = "$before_queue" ] || seen=$((seen + 1))
	[ "$(summary_total)" = "$before_total" ] || seen=$((seen + 1))
	sleep 0.2
done
check "15 polls of the queue and the summary over 3 s see nothing" 0 "$seen"
api GET "/v1/reports/$ID"
check "the case is not there to be asked for by id" 404 "$STATUS"
api GET "/v1/export?from=$DAY&to=$DAY&format=ndjson"
check "nor in an export" "200 0" "$STATUS $(printf '%s' "$BODY" | grep -c .)"
check "it is on disk, in the inbox" 1 "$(waiting)"
api GET /v1/followup -H "Authorization: Receipt $RECEIPT"
check "the reporter sees it at once" "200 $ID new" \
    "$STATUS $(jget 'v["id"]') $(jget 'v["status"]')"
"$CURL" -s -o "$TMP/copy.db" --unix-socket "$SOCK" http://aerd/v1/backup
check "an admin's backup holds nothing that waits" "0 0 0" \
    "$("$SQLITE3" "$TMP/copy.db" 'SELECT count(*) FROM inbox_reports') $(grep -c 'Insulin drawn up' "$TMP/copy.db") $("$SQLITE3" "$TMP/copy.db" 'SELECT count(*) FROM reports')"

# --- The release, by the timer, at midnight of aerd's clock. ---
set_clock $((MIDNIGHT - 1))
kill -HUP "$AERD_PID"	# aerd looks at its clock again: 1 s to go
i=0
while [ "$(waiting)" != 0 ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
check "the timer releases it" 0 "$(waiting)"
check "the reviewer sees it now" $((before_queue + 1)) "$(queue_size)"
set_clock $((MIDNIGHT + 60))
check "received is the day it was filed" "$DAY" \
    "$(db "SELECT received FROM reports WHERE id = '$ID'")"

# --- An urgent report is seen at once, and the reporter was told. ---
n=$(queue_size)
post_json /v1/reports "$SAMPLE"
check "an urgent report: 201, said to be urgent" "201 True" \
    "$STATUS $(jget 'v["urgent"]')"
check "the very next poll sees it" $((n + 1)) "$(queue_size)"
URGENT_RECEIPT=$(jget 'v["receipt"]')

# --- A reporter's answer waits too; its audit entry comes at release. ---
URGENT_ID=$(jget 'v["id"]')
post_json "/v1/reports/$URGENT_ID/messages" '{"text":"Which ward?"}'
audit_before=$(db 'SELECT count(*) FROM audit')
api POST /v1/followup/messages -H "Authorization: Receipt $URGENT_RECEIPT" \
    -H 'Content-Type: application/json' --data-binary '{"text":"4 West."}'
check "the answer is taken" 201 "$STATUS"
check "the reporter sees the answer at once" "4 West." \
    "$(jget 'v["messages"][-1]["text"]')"
api GET "/v1/reports/$URGENT_ID"
check "the reviewer does not, before the release" "1 $audit_before" \
    "$(jget 'len(v["messages"])') $(db 'SELECT count(*) FROM audit')"
release_now
api GET "/v1/reports/$URGENT_ID"
check "after it, the answer and its audit entry, dated the release's day" \
    "2 reporter 2026-12-02" \
    "$(jget 'len(v["messages"])') $(jget 'v["audit"][-1]["role"]') $(jget 'v["audit"][-1]["at"]')"
for word in one two three four five; do
	api POST /v1/followup/messages -H "Authorization: Receipt $URGENT_RECEIPT" \
	    -H 'Content-Type: application/json' --data-binary "{\"text\":\"$word\"}"
done
release_now
api GET "/v1/reports/$URGENT_ID"
check "one reporter's answers keep the order they were written in" \
    "one two three four five" \
    "$(jget '" ".join(m["text"] for m in v["messages"][2:])')"

# --- An answer due before its report (the schedule changed between
# them) waits for its report and does not hold up the others. ---
set_clock "$(date -d "2026-12-03 10:00" +%s)"
kill -HUP "$AERD_PID"
post_json /v1/reports "$SAMPLE_WAITING"
LATE=$(jget 'v["id"]')
LATE_RECEIPT=$(jget 'v["receipt"]')
printf 'admin_groups = %s\nrelease_times = 12:00\n' "$(id -gn)" \
    > "$TMP/aerd.conf"
kill -HUP "$AERD_PID"
api POST /v1/followup/messages -H "Authorization: Receipt $LATE_RECEIPT" \
    -H 'Content-Type: application/json' --data-binary '{"text":"More."}'
post_json /v1/reports "$SAMPLE_WAITING"
OTHER=$(jget 'v["id"]')
check "the later report waits for 12:00" "2026-12-03T12:00" \
    "$(jget 'v["release"]')"
set_clock "$(date -d "2026-12-03 12:00" +%s)"
kill -HUP "$AERD_PID"
i=0
while [ "$(db "SELECT count(*) FROM reports WHERE id = '$OTHER'")" != 1 ] &&
    [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
check "the 12:00 release goes; the answer waits with its report" "1 1 1" \
    "$(db "SELECT (SELECT count(*) FROM reports WHERE id = '$OTHER'),
    (SELECT count(*) FROM inbox_reports WHERE id = '$LATE'),
    count(*) FROM inbox_replies WHERE report_id = '$LATE'" | tr '|' ' ')"
check "and the release did not fail" 0 "$(grep -c 'cannot release' "$LOG")"
set_clock "$(date -d "2026-12-04 12:00" +%s)"
kill -HUP "$AERD_PID"
i=0
while [ "$(waiting)" != 0 ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
check "the next release takes the report, then its answer" "0 1" \
    "$(waiting) $(db "SELECT count(*) FROM messages WHERE report_id = '$LATE'")"
printf 'admin_groups = %s\nrelease_times = 00:00\n' "$(id -gn)" \
    > "$TMP/aerd.conf"
stop_aerd

# --- Forty-five reports filed one by one, then released: no b-tree of
# the file keeps the order they came in. ---
rm -f "$DB" "$DB-wal" "$DB-shm"
set_clock "$(date -d "$DAY 12:00" +%s)"
start_aerd --config "$TMP/aerd.conf"
: > "$TMP/order"
for i in $(seq 45); do
	post_json /v1/reports "$(printf '%s' "$SAMPLE_WAITING" | sed \
	    "s/Insulin drawn up/Order $i: insulin/; s/4 West/Ward $((i % 6))/")"
	[ "$STATUS" = 201 ] || echo "# filing $i: $STATUS"
	jget 'v["id"]' >> "$TMP/order"
done
stop_aerd
"$SQLITE3" "$DB" 'PRAGMA wal_checkpoint(TRUNCATE)' > /dev/null
cp "$DB" "$TMP/before.db"
python3 "$TESTS_SRCDIR/pageorder.py" "$DB" "$TMP/order" 40 > "$TMP/before"
check "control: the inbox's receipt index keeps the order of filing" \
    "sqlite_autoindex_inbox_reports_2 45 1.000" \
    "$(grep '^sqlite_autoindex_inbox_reports_2 ' "$TMP/before" | cut -d' ' -f1-3)"
start_aerd --config "$TMP/aerd.conf"
release_now
stop_aerd
check "all 45 released, none left waiting" "45|0" \
    "$(db 'SELECT (SELECT count(*) FROM reports), count(*) FROM inbox_reports')"
"$SQLITE3" "$DB" 'PRAGMA wal_checkpoint(TRUNCATE)' > /dev/null
python3 "$TESTS_SRCDIR/pageorder.py" "$DB" "$TMP/order" 40 > "$TMP/after"
check "every b-tree of a report is read: the table, its five indexes, factors" \
    7 "$(grep -cE '^(reports|reports_received|reports_queue|reports_queue_harm|reports_escalate|sqlite_autoindex_reports_2|report_factors) ' "$TMP/after")"
bad=$(awk '{ for (i = 3; i <= 4; i++) if ($i != "-" && ($i > 0.4 || $i < -0.4))
    print }' "$TMP/after")
check "in none of them is Kendall's tau with filing order above 0.4" "" "$bad"
sed 's/^/# /' "$TMP/after"
# An inbox row, and only an inbox row, holds the reporter's role next to
# the factors (a released row holds its deadlines there).
inbox_rows() {
	python3 -c 'import sys; d = open(sys.argv[1], "rb").read()
print(d.count(b"nurse[\"communication\",\"fatigue_scheduling\"]"))' "$1"
}
check "the inbox's copies are zeroed (45 before the release)" "45 0" \
    "$(inbox_rows "$TMP/before.db") $(inbox_rows "$DB")"
check "and the reports are whole" 45 \
    "$(db "SELECT count(*) FROM reports WHERE description LIKE 'Order %: insulin%'")"

# --- A database from before the inbox, its reports filed one by one,
# is rewritten once as it is migrated: no b-tree keeps their order. ---
rm -f "$DB" "$DB-wal" "$DB-shm"
for f in "$SQL"/00[1-9]_*.sql; do db < "$f" || exit 99; done
db 'PRAGMA user_version = 9'
: > "$TMP/order"
for i in $(seq 45); do
	id=$(python3 -c 'import uuid; print(uuid.uuid4())')
	echo "$id" >> "$TMP/order"
	db "INSERT INTO reports (id, receipt_hash, received, event_type,
	    category, occurred_at, description, triage_due, feedback_due,
	    next_due, escalate_due) VALUES ('$id', randomblob(32), '$DAY',
	    'near_miss', 'fall', '$DAY', 'Old $i', '2026-12-07', '2027-02-28',
	    '2026-12-07', '2026-12-07');
	    INSERT INTO report_factors VALUES ('$id', 'communication')"
done
python3 "$TESTS_SRCDIR/pageorder.py" "$DB" "$TMP/order" 40 > "$TMP/old"
check "control: the old file keeps the order in its receipt index" \
    "sqlite_autoindex_reports_2 45 1.000" \
    "$(grep '^sqlite_autoindex_reports_2 ' "$TMP/old" | cut -d' ' -f1-3)"
start_aerd --config "$TMP/aerd.conf"
stop_aerd
check "migrated, and the mark of the rewrite gone" "11 0" \
    "$(db "SELECT (SELECT user_version FROM pragma_user_version),
    count(*) FROM sqlite_schema WHERE name = 'rewrite_pending'" | tr '|' ' ')"
python3 "$TESTS_SRCDIR/pageorder.py" "$DB" "$TMP/order" 40 > "$TMP/new"
check "every b-tree of the old reports is read again" 7 "$(wc -l < "$TMP/new")"
bad=$(awk '{ for (i = 3; i <= 4; i++) if ($i != "-" && ($i > 0.4 || $i < -0.4))
    print }' "$TMP/new")
check "after the rewrite, no tau above 0.4 in any" "" "$bad"
sed 's/^/# /' "$TMP/new"

# --- A SIGKILL while a release runs loses nothing and doubles nothing. ---
rm -f "$DB" "$DB-wal" "$DB-shm"
start_aerd --config "$TMP/aerd.conf"
stop_aerd
N=4000
db "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n
    WHERE i < $N)
INSERT INTO inbox_reports (id, receipt_hash, received, release_at,
    event_type, category, occurred_at, description, factors, triage_due,
    feedback_due)
SELECT lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' ||
    substr(hex(randomblob(2)), 2) || '-a' || substr(hex(randomblob(2)), 2) ||
    '-' || hex(randomblob(6))), randomblob(32), '$DAY', 0, 'near_miss',
    'fall', '$DAY', 'waiting ' || i, '[\"communication\"]', '2026-12-07',
    '2027-02-28' FROM n"
check "$N reports wait" "$N" "$(waiting)"
cp "$DB" "$TMP/full.db"
kills=0 cut=0
for ms in 5 15 30 60 100 150 250 400; do
	# Each round from the same full inbox.
	cp "$TMP/full.db" "$DB"
	rm -f "$DB-wal" "$DB-shm"
	${AERD_WRAPPER:-} "$AERD" -f --socket "$SOCK" --db "$DB" \
	    --config "$TMP/aerd.conf" 2>>"$LOG" &
	pid=$!
	sleep "$(printf '0.%03d' "$ms")"
	kill -KILL "$pid" 2>/dev/null && kills=$((kills + 1))
	wait "$pid" 2>/dev/null
	state=$(db 'SELECT (SELECT count(*) FROM reports) || " " ||
	    (SELECT count(*) FROM inbox_reports) || " " ||
	    (SELECT count(DISTINCT id) FROM reports)')
	case "$state" in
	"0 $N 0") ;;
	"$N 0 $N") cut=$((cut + 1)) ;;
	*) not_ok "after a SIGKILL $ms ms in: all or nothing" "$state" ;;
	esac
done
echo "# $kills kills; the release was whole after $cut of them"
check "some kills came before the release was whole" 1 \
    "$([ "$cut" -lt "$kills" ] && echo 1)"
start_aerd --config "$TMP/aerd.conf"
check "after a clean start every report is released, once" "$N 0 $N" \
    "$(db 'SELECT (SELECT count(*) FROM reports) || " " ||
    (SELECT count(*) FROM inbox_reports) || " " ||
    (SELECT count(DISTINCT id) FROM reports)')"
check "each with its factor" "$N" "$(db 'SELECT count(*) FROM report_factors')"
check "the database is sound" ok "$(db 'PRAGMA integrity_check')"
finish
