# Deadlines and their escalation, with aerd's clock moved by the test:
# due dates set at triage, overdue items marked once, audited and handed
# to the notify command; nothing escalated for a closed or referred case;
# a notify command that hangs is killed and never stalls aerd.
# aerd built with a clock the test moves (tests/aerd-clock).
AERD=${AERD_CLOCK:?AERD_CLOCK must name tests/aerd-clock (make check sets it)}
. "$TESTS_SRCDIR/lib.sh"

DAY=86400
export AERD_TEST_CLOCK="$TMP/clock"

# set_clock EPOCH: aerd's "now", replaced in one step so that aerd never
# reads a half-written file.
set_clock() {
	printf '%s\n' "$1" > "$TMP/clock.new" && mv "$TMP/clock.new" "$TMP/clock"
}
day_of() { date -d "@$1" +%Y-%m-%d; }
plus_days() { date -u -d "$1 + $2 days" +%Y-%m-%d; }
# plus_months DAY N: calendar months, clamped to the end of a short month.
plus_months() {
	first=$(date -u -d "${1%-??}-01 + $2 months" +%Y-%m-%d)
	last=$(date -u -d "$first + 1 month - 1 day" +%d)
	d=${1##*-}
	[ "$d" -gt "$last" ] && d=$last
	echo "${first%-01}-$d"
}
# poll TRIES COMMAND...: runs COMMAND every 0.1 s until it succeeds, at
# most TRIES times.
poll() {
	n=$1
	shift
	while [ "$n" -gt 0 ]; do
		"$@" && return 0
		sleep 0.1
		n=$((n - 1))
	done
	return 1
}
# events_for ID WHAT: notify events naming that report and item.
events_for() {
	python3 - "$TMP/events" "$1" "$2" <<'PY'
import json, sys
n = 0
try:
    lines = open(sys.argv[1]).read().splitlines()
except OSError:
    lines = []
for line in lines:
    e = json.loads(line)
    if e.get("report_id") == sys.argv[2] and \
            (sys.argv[3] == "*" or e.get("what") == sys.argv[3]):
        n += 1
print(n)
PY
}
overdue_audits() {
	db "SELECT count(*) FROM audit WHERE report_id = '$1'
	    AND json_extract(change, '\$.action') = 'overdue'
	    AND ('$2' = '*' OR json_extract(change, '\$.what') = '$2')"
}
escalated() {
	[ "$(db "SELECT count(*) FROM escalations WHERE report_id = '$1' AND what = '$2'")" = 1 ]
}
file_report() {
	post_json /v1/reports "$SAMPLE"
	[ "$STATUS" = 201 ] || echo "# filing answered $STATUS: $BODY" >&2
	jget 'v["id"]'
}

cat > "$TMP/notify.sh" <<EOF
cat >> "$TMP/events"
EOF
# The test triages as admin: root is, and so is anyone in admin_groups.
cat > "$TMP/aerd.conf" <<EOF
admin_groups = $(id -gn)
escalation_interval = 1
notify_command = /bin/sh $TMP/notify.sh
notify_timeout = 8
EOF
T0=$(date +%s)
set_clock "$T0"
DAY0=$(day_of "$T0")
start_aerd --config "$TMP/aerd.conf"

# A report triaged SAC 3: an RCA is required, with its deadlines.
A=$(file_report)
check "the report is received on the clock's day" "$DAY0" \
    "$(db "SELECT received FROM reports WHERE id = '$A'")"
post_json "/v1/reports/$A/triage" \
    '{"severity":"catastrophic","probability":"uncommon"}'
check "SAC 3 triage: investigating, RCA required" "200 3 investigating True" \
    "$STATUS $(jget 'v["sac_score"]') $(jget 'v["state"]') $(jget 'v["rca_required"]')"
api GET "/v1/reports/$A"
check "rca_start is due 3 days after triage" "$(plus_days "$DAY0" 3)" \
    "$(jget 'v["due"]["rca_start"]')"
check "the RCA is due 45 days after triage" "$(plus_days "$DAY0" 45)" \
    "$(jget 'v["due"]["rca"]')"
check "feedback is due 3 months after receipt" "$(plus_months "$DAY0" 3)" \
    "$(jget 'v["due"]["feedback"]')"
check "triage is no longer due" null "$(jget 'v["due"].get("triage")')"
check "nothing is overdue yet" "[]" "$(jget 'v["overdue"]')"
check "no escalation yet" 0 "$(db 'SELECT count(*) FROM escalations')"

# Ten days on, the RCA has not started.
T1=$((T0 + 10 * DAY))
set_clock "$T1"
poll 100 test -s "$TMP/events"
check "an event reaches the notify command within 10 s" yes \
    "$([ -s "$TMP/events" ] && echo yes)"
check "every event line is JSON" 0 "$(python3 -c '
import json, sys
bad = 0
for line in open(sys.argv[1]):
    try:
        json.loads(line)
    except ValueError:
        bad += 1
print(bad)' "$TMP/events")"
check "the event: overdue rca_start for the report, with its due day" \
    "overdue $(plus_days "$DAY0" 3) investigating" "$(python3 -c '
import json, sys
for line in open(sys.argv[1]):
    e = json.loads(line)
    if e["report_id"] == sys.argv[2] and e["what"] == "rca_start":
        print(e["event"], e["due"], e["state"])' "$TMP/events" "$A")"
api GET "/v1/reports/$A"
check "the case lists rca_start as overdue" True \
    "$(jget '"rca_start" in v["overdue"]')"
check "the audit trail has one system entry: overdue rca_start" 1 \
    "$(jget 'len([a for a in v["audit"] if a["role"] == "system" and a["change"]["action"] == "overdue" and a["change"]["what"] == "rca_start"])')"
check "the escalations table has one row per overdue item" rca_start \
    "$(db "SELECT group_concat(what) FROM escalations WHERE report_id = '$A'")"
check "the escalation is dated by the clock" "$(day_of "$T1")" \
    "$(db "SELECT escalated FROM escalations WHERE report_id = '$A'")"

# Once only: over three more seconds (three ticks), nothing is repeated.
i=0
while [ $i -lt 30 ] && [ "$(overdue_audits "$A" '*')" = 1 ]; do
	sleep 0.1
	i=$((i + 1))
done
check "no duplicate audit entry over several ticks" 1 \
    "$(overdue_audits "$A" '*')"
check "no duplicate event over several ticks" 1 "$(events_for "$A" '*')"

# The queue puts the overdue case first.
B=$(file_report)
api GET /v1/queue
check "the queue lists the overdue case first" "$A" \
    "$(jget 'v["cases"][0]["id"]')"
api GET '/v1/queue?overdue=1'
check "the overdue queue lists the case first" "200 $A" \
    "$STATUS $(jget 'v["cases"][0]["id"]')"
check "with rca_start overdue" True \
    "$(jget '"rca_start" in v["cases"][0]["overdue"]')"
check "and leaves out a case with nothing overdue" False \
    "$(jget '"'"$B"'" in [c["id"] for c in v["cases"]]')"

# A referred case and a closed one are never escalated.
R=$(file_report)
post_json "/v1/reports/$R/triage" \
    '{"severity":"minor","probability":"remote","blameworthy":true}'
check "a blameworthy report is referred" "200 referred" \
    "$STATUS $(jget 'v["state"]')"
K=$(file_report)
post_json "/v1/reports/$K/triage" '{"severity":"minor","probability":"remote"}'
post_json "/v1/reports/$K/close" '{"outcome":"Trend only; nothing to change."}'
check "a SAC 1 report is closed as trend only" "200 closed" \
    "$STATUS $(jget 'v["state"]')"
T2=$((T1 + 100 * DAY))
set_clock "$T2"
# B, new, filed with them, is the witness that the timer has run.
poll 100 escalated "$B" feedback
check "past every deadline, the open case's items are escalated" \
    "feedback triage" \
    "$(db "SELECT group_concat(what, ' ') FROM (SELECT what FROM escalations WHERE report_id = '$B' ORDER BY what)")"
check "and the first case's, each once" "feedback rca rca_start" \
    "$(db "SELECT group_concat(what, ' ') FROM (SELECT what FROM escalations WHERE report_id = '$A' ORDER BY what)")"
check "one audit entry per escalated item" \
    "$(db 'SELECT count(*) FROM escalations')" \
    "$(db "SELECT count(*) FROM audit WHERE json_extract(change, '\$.action') = 'overdue'")"
for c in "referred:$R" "closed:$K"; do
	what=${c%%:*} id=${c#*:}
	check "no escalation row for the $what case" 0 \
	    "$(db "SELECT count(*) FROM escalations WHERE report_id = '$id'")"
	check "no overdue audit entry for the $what case" 0 \
	    "$(overdue_audits "$id" '*')"
	check "no event for the $what case" 0 "$(events_for "$id" '*')"
done

# Many items overdue at once: more than the commands aerd runs at a time
# (eight). Those beyond wait their turn; every one is sent.
many=""
for i in 1 2 3 4 5 6 7 8 9 10 11 12; do
	many="$many $(file_report)"
done
set_clock $((T2 + 10 * DAY))
all_sent() {
	for id in $many; do
		[ "$(events_for "$id" triage)" = 1 ] || return 1
	done
}
poll 150 all_sent
check "twelve reports overdue at once: twelve triage events sent" yes \
    "$(all_sent && echo yes)"
check "none reported as dropped" 0 "$(grep -c 'event not sent' "$LOG")"

# A notify command that hangs: killed after notify_timeout, and aerd
# serves all the while. The limit is long enough that five health checks
# fit in it however slow the machine (or valgrind) is.
stop_aerd
# The sleeper is the shell's child, not the shell itself: the time
# limit must take the command's whole process group.
cat > "$TMP/hang.sh" <<'EOF'
cat > /dev/null
python3 -c 'import time; time.sleep(30)' "$0"
EOF
cat > "$TMP/aerd.conf" <<EOF
admin_groups = $(id -gn)
escalation_interval = 1
notify_command = /bin/sh $TMP/hang.sh
notify_timeout = 8
EOF
start_aerd --config "$TMP/aerd.conf"
E=$(file_report)
hanging() { pgrep -f -- "$TMP/hang.sh" >/dev/null; }
set_clock $((T2 + 30 * DAY))
poll 100 hanging
check "the notify command for the overdue triage is running" yes \
    "$(hanging && echo yes)"
slow=0
for i in 1 2 3 4 5; do
	STATUS=$("$CURL" -s -o /dev/null -w '%{http_code}' --max-time 1 \
	    --unix-socket "$SOCK" http://aerd/v1/health)
	[ "$STATUS" = 200 ] || slow=$((slow + 1))
	sleep 0.1
done
check "aerd answers health within 1 s, five times, while it hangs" 0 "$slow"
check "the command was still hanging during those answers" yes \
    "$(hanging && echo yes)"
check "the overdue triage was escalated" 1 \
    "$(db "SELECT count(*) FROM escalations WHERE report_id = '$E' AND what = 'triage'")"
gone() { ! hanging && [ -z "$(pgrep -P "$AERD_PID")" ]; }
poll 200 gone   # notify_timeout (8 s) and a margin
check "within notify_timeout and a margin, it is killed and reaped" yes \
    "$(gone && echo yes)"
check_match "aerd's log says it was killed" \
    "notify command \(pid [0-9]+\) took longer than 8 s; killed" \
    "$(cat "$LOG")"
api GET /v1/health
check "aerd still answers afterwards" 200 "$STATUS"

finish
