# The deadlines kept with each case (sql/005_deadlines.sql): a database
# of the schema before them is migrated with its deadlines filled in;
# the queue comes a page at a time, in order, overdue first; and as a
# case moves through triage, RCA, actions, messages and escalation, the
# kept deadlines and overdue counts stay what the cases say. Run as root,
# who is admin.
# aerd built with a clock the test moves (tests/aerd-clock).
AERD=${AERD_CLOCK:?AERD_CLOCK must name tests/aerd-clock (make check sets it)}
. "$TESTS_SRCDIR/lib.sh"

if [ "$(id -u)" -ne 0 ]; then
	echo "# needs root, whom aerd maps to admin"
	exit 77
fi
SQL=$TESTS_SRCDIR/../sql
export AERD_TEST_CLOCK="$TMP/clock"
set_day() {
	printf '%s\n' "$(date -u -d "$1 12:00" +%s)" > "$TMP/clock.new" &&
	    mv "$TMP/clock.new" "$TMP/clock"
}
set_day 2026-03-15
# No escalation while the migrated deadlines are looked at; then every
# second.
printf 'escalation_interval = 3600\n' > "$TMP/aerd.conf"
printf 'escalation_interval = 1\n' > "$TMP/aerd-esc.conf"

# What the cases say, against what is kept: the number of cases whose
# next_due or escalate_due is not their earliest pending deadline (not
# yet escalated), plus the due_counts rows that differ from a recount.
mismatches() {
	db "WITH recount AS (SELECT r.received, iif(d.what = 'rca', 'rca',
		'action') AS kind, ifnull(d.due, 'none') AS due, count(*) AS n
		FROM case_due d JOIN reports r ON r.id = d.report_id
		WHERE d.what = 'rca' OR d.what LIKE 'action:%' GROUP BY 1, 2, 3),
	    kept AS (SELECT received, kind, due, n FROM due_counts
		WHERE n != 0)
	SELECT (SELECT count(*) FROM reports r WHERE r.next_due IS NOT
		(SELECT min(due) FROM case_due d WHERE d.report_id = r.id))
	    + (SELECT count(*) FROM reports r WHERE r.escalate_due IS NOT
		(SELECT min(d.due) FROM case_due d WHERE d.report_id = r.id
		AND NOT EXISTS (SELECT 1 FROM escalations e
		WHERE e.report_id = d.report_id AND e.what = d.what)))
	    + (SELECT count(*) FROM (SELECT * FROM kept
		EXCEPT SELECT * FROM recount))
	    + (SELECT count(*) FROM (SELECT * FROM recount
		EXCEPT SELECT * FROM kept))"
}

# Rows of a rollup that differ from what it rolls up, summed: TABLE,
# then "key columns FROM table". summary_months and summary_years
# (sql/006, 007) roll up summary_counts; due_months and due_years (008)
# due_counts.
rollup_differs() {
	db "WITH s AS (SELECT $2 GROUP BY 1, 2, 3 HAVING sum(n) != 0),
	    k AS (SELECT * FROM $1 WHERE n != 0)
	SELECT (SELECT count(*) FROM (SELECT * FROM s EXCEPT SELECT * FROM k))
	    + (SELECT count(*) FROM (SELECT * FROM k EXCEPT SELECT * FROM s))"
}
rollups_differ() {
	echo $(($(rollup_differs summary_months \
	    "dimension, substr(day, 1, 7), value, sum(n) FROM summary_counts") +
	    $(rollup_differs summary_years \
	    "dimension, substr(day, 1, 4), value, sum(n) FROM summary_counts") +
	    $(rollup_differs due_months \
	    "substr(received, 1, 7), kind, due, sum(n) FROM due_counts") +
	    $(rollup_differs due_years \
	    "substr(received, 1, 4), kind, due, sum(n) FROM due_counts")))
}

# A database as the aerd before these deadlines left it: a new case, one
# investigating (its RCA's start escalated), one in actions (two open
# actions, one done, feedback given), and a closed one.
for f in 001_reports 002_taxonomy 003_workflow 004_summary; do
	db < "$SQL/$f.sql" || exit 99
done
db "PRAGMA user_version = 4;
INSERT INTO reports (id, receipt_hash, state, received, event_type, category,
	occurred_at, description, triage_due, rca_start_due, rca_due,
	feedback_due)
VALUES
('11111111-0000-4000-8000-000000000001', x'01', 'new', '2026-01-01',
	'incident', 'falls', '2026-01-01', 'a', '2026-01-08', NULL, NULL,
	'2026-04-01'),
('22222222-0000-4000-8000-000000000002', x'02', 'investigating',
	'2026-01-05', 'incident', 'falls', '2026-01-05', 'b', '2026-01-12',
	'2026-01-20', '2026-03-01', '2026-04-05'),
('33333333-0000-4000-8000-000000000003', x'03', 'actions', '2026-01-02',
	'incident', 'falls', '2026-01-02', 'c', '2026-01-09', NULL, NULL,
	'2026-04-02'),
('44444444-0000-4000-8000-000000000004', x'04', 'closed', '2026-01-03',
	'incident', 'falls', '2026-01-03', 'd', '2026-01-10', NULL, NULL,
	'2026-04-03');
INSERT INTO actions (id, report_id, seq, description, strength, owner,
	measure, target, measure_by, due, status, created)
VALUES
('a1', '33333333-0000-4000-8000-000000000003', 1, 'x', 'stronger', 'o', 'm',
	't', '2026-06-01', '2026-02-01', 'open', '2026-01-20'),
('a2', '33333333-0000-4000-8000-000000000003', 2, 'x', 'weaker', 'o', 'm',
	't', '2026-06-01', '2026-05-01', 'open', '2026-01-20'),
('a3', '33333333-0000-4000-8000-000000000003', 3, 'x', 'weaker', 'o', 'm',
	't', '2026-06-01', '2026-01-25', 'done', '2026-01-20');
INSERT INTO messages VALUES ('33333333-0000-4000-8000-000000000003', 1,
	'reviewer', '2026-01-21', 'thanks');
INSERT INTO escalations VALUES ('22222222-0000-4000-8000-000000000002',
	'rca_start', '2026-01-20', '2026-01-21');" || exit 99

start_aerd --config "$TMP/aerd.conf"
check "the database is migrated" 11 "$(db 'PRAGMA user_version')"
check "summary_months is filled in" 4 \
    "$(db "SELECT n FROM summary_months WHERE dimension = 'event_type'
	AND month = '2026-01' AND value = 'incident'")"
check "each case's next deadline is filled in" \
    "1|2026-01-08
2|2026-01-20
3|2026-02-01
4|" "$(db "SELECT substr(id, 1, 1), next_due FROM reports ORDER BY id")"
check "and its earliest one not yet escalated" \
    "2|2026-03-01" \
    "$(db "SELECT substr(id, 1, 1), escalate_due FROM reports
	WHERE id LIKE '2%'")"
check "the overdue counts are filled in" \
    "2026-01-02|action|2026-02-01|1
2026-01-02|action|2026-05-01|1
2026-01-05|rca|2026-03-01|1" \
    "$(db "SELECT * FROM due_counts ORDER BY 1, 2, 3")"
check "nothing differs from what the cases say" 0 "$(mismatches)"
check "the rollups are summary_counts and due_counts by month and year" 0 \
    "$(rollups_differ)"
check "due_months is filled in" 2 \
    "$(db "SELECT sum(n) FROM due_months WHERE month = '2026-01'
	AND kind = 'action'")"
check "summary_years is filled in" 4 \
    "$(db "SELECT n FROM summary_years WHERE dimension = 'event_type'
	AND year = '2026' AND value = 'incident'")"

# Paging. Overdue first: case 1 (triage), 2 (its RCA's start), 3 (an
# action); no case 4 (closed).
api GET '/v1/queue?limit=1000'
check "the whole queue" "11111111 22222222 33333333" \
    "$(jget '" ".join(c["id"][:8] for c in v["cases"])')"
check "a short queue has no next page" null "$(jget 'v["next"]')"
check "next_due_what comes with each case" "triage rca_start action" \
    "$(jget '" ".join(c["next_due_what"] for c in v["cases"])')"
check "and what is overdue" '[["triage"], ["rca_start", "rca"], ["action"]]' \
    "$(jget '[c["overdue"] for c in v["cases"]]')"
pages=
after=
for i in 1 2 3 4; do
	api GET "/v1/queue?limit=1${after:+&after=$after}"
	pages="$pages$(jget '"".join(c["id"][:8] + " " for c in v["cases"])')|"
	after=$(jget 'v["next"]')
	[ "$after" = null ] && break
done
check "a page at a time, the same cases in the same order" \
    "11111111 |22222222 |33333333 ||" "$pages"
api GET '/v1/queue?limit=2&state=actions'
check "by state" "33333333" "$(jget '" ".join(c["id"][:8] for c in v["cases"])')"
api GET '/v1/queue?limit=0'
check "limit 0 is refused" "422 limit" "$STATUS $(jget 'v["error"]["field"]')"
api GET '/v1/queue?after=2026-01-01_x'
check "a malformed after is refused" "422 after" \
    "$STATUS $(jget 'v["error"]["field"]')"
"$AER" --socket "$SOCK" queue > "$TMP/queue"
check "aer queue shows the same three" "11111111 22222222 33333333" \
    "$(grep -o '^[0-9a-f]\{8\}' "$TMP/queue" | tr '\n' ' ' | sed 's/ $//')"

# A case through the workflow: after each step, nothing differs.
aer() { "$AER" --socket "$SOCK" "$@"; }
aer report --type incident --category medication --harm moderate \
    --occurred 2026-03-14 --description "Wrong dose given." >/dev/null 2>&1
release_now
ID=$(db "SELECT id FROM reports WHERE description = 'Wrong dose given.'")
S=$(printf '%s' "$ID" | cut -c1-8)
check "a report is filed" 1 "$(db "SELECT count(*) FROM reports
    WHERE description = 'Wrong dose given.'")"
check "a report is filed with its next deadline" "$(db "SELECT triage_due
    FROM reports WHERE id = '$ID'")" \
    "$(db "SELECT next_due FROM reports WHERE id = '$ID'")"
check "filed: nothing differs" 0 "$(mismatches)"
aer triage "$S" --severity catastrophic --probability remote >/dev/null
check "triaged, investigating" investigating \
    "$(db "SELECT state FROM reports WHERE id = '$ID'")"
check "triaged: nothing differs" 0 "$(mismatches)"
aer rca "$S" --team "A. Reyes" --event "2026-03-15 Dose drawn up" \
    --cause "communication: The label was misread" >/dev/null 2>&1
check "an RCA begun: nothing differs" 0 "$(mismatches)"
aer rca "$S" --complete >/dev/null 2>&1
check "the RCA complete: nothing differs" 0 "$(mismatches)"
aer action add "$S" --description "Barcode check" --strength stronger \
    --owner "A. Reyes" --measure "scan rate" --target "99%" \
    --measure-by 2026-06-01 --due 2026-04-01 >/dev/null
check "an action added: nothing differs" 0 "$(mismatches)"
aer message "$S" "Thank you; we are changing the drawers." >/dev/null
check "feedback given: nothing differs" 0 "$(mismatches)"
A=$(db "SELECT id FROM actions WHERE report_id = '$ID'")
check "in actions, with the action pending" "actions|2026-04-01" \
    "$(db "SELECT state, next_due FROM reports WHERE id = '$ID'")"
aer action done "$A" --note "in place" >/dev/null 2>&1
check "the action done" done "$(db "SELECT status FROM actions
    WHERE id = '$A'")"
check "the action done: nothing differs" 0 "$(mismatches)"

# Escalation reads reports_escalate: a month on, what is overdue is
# escalated, each once; the new case's action is done.
stop_aerd
set_day 2026-04-15
start_aerd --config "$TMP/aerd-esc.conf"
i=0
while [ $i -lt 100 ] && [ "$(db "SELECT count(*) FROM reports
    WHERE escalate_due < '2026-04-15'")" != 0 ]; do
	sleep 0.1
	i=$((i + 1))
done
check "every overdue item is escalated" 0 \
    "$(db "SELECT count(*) FROM reports WHERE escalate_due < '2026-04-15'")"
check "case 1's triage and feedback, case 2's RCA and feedback, case 3's
first action" \
    "1|feedback
1|triage
2|feedback
2|rca
2|rca_start
3|action:a1" \
    "$(db "SELECT substr(report_id, 1, 1), what FROM escalations
	WHERE report_id NOT LIKE '$S%' ORDER BY 1, 2")"
check "escalated: nothing differs" 0 "$(mismatches)"
check "the rollups are still summary_counts and due_counts by month and year" \
    0 "$(rollups_differ)"
check "the summary's overdue RCAs and actions, from the counts" \
    "action|1
rca|1" "$(db "SELECT kind, sum(n) FROM due_counts
	WHERE received BETWEEN '2026-01-01' AND '2026-01-31'
	AND due < '2026-04-15' GROUP BY kind HAVING sum(n) > 0")"
stop_aerd
finish
