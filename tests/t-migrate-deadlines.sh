# Migrating to sql/009_case_deadlines.sql, which takes the deadlines
# from sql/005's triggers to the store: a database kept by those
# triggers (bench/gendb --triggers: cases in every state, items overdue
# and escalated) is migrated by aerd. After it, every case's next_due and
# escalate_due, due_counts, due_months and due_years equal a recount from
# the cases themselves, written here apart from the schema's views; a
# database whose kept figures had drifted is counted again, not trusted;
# the summary's rollups still hold what they roll up; and as the cases
# move on through aerd, its store keeps it all so. Run as root, who is
# admin.
# aerd built with a clock the test moves (tests/aerd-clock).
AERD=${AERD_CLOCK:?AERD_CLOCK must name tests/aerd-clock (make check sets it)}
. "$TESTS_SRCDIR/lib.sh"

if [ "$(id -u)" -ne 0 ]; then
	echo "# needs root, whom aerd maps to admin"
	exit 77
fi
: "${GENDB:?GENDB must name bench/gendb (make check builds it)}"
SQL=$TESTS_SRCDIR/../sql
export AERD_TEST_CLOCK="$TMP/clock"
set_day() {
	printf '%s\n' "$(date -u -d "$1 12:00" +%s)" > "$TMP/clock.new" &&
	    mv "$TMP/clock.new" "$TMP/clock"
}
printf 'escalation_interval = 3600\n' > "$TMP/aerd.conf"
printf 'escalation_interval = 1\n' > "$TMP/aerd-esc.conf"

# What each case has pending, from its own rows, as DESIGN.md's workflow
# has it: triage while new; the RCA's start and end while investigating
# (until it is begun, and complete); feedback while open and no reviewer
# has written; each open action while the case is in actions.
PENDING="pending(report_id, received, what, due) AS (
	SELECT id, received, 'triage', triage_due FROM reports
		WHERE state = 'new'
	UNION ALL SELECT id, received, 'rca_start', rca_start_due FROM reports
		WHERE state = 'investigating'
		AND id NOT IN (SELECT report_id FROM rca)
	UNION ALL SELECT id, received, 'rca', rca_due FROM reports
		WHERE state = 'investigating'
		AND id NOT IN (SELECT report_id FROM rca WHERE complete)
	UNION ALL SELECT id, received, 'feedback', feedback_due FROM reports
		WHERE state NOT IN ('referred', 'closed')
		AND id NOT IN (SELECT report_id FROM messages
			WHERE sender = 'reviewer')
	UNION ALL SELECT a.report_id, r.received, 'action:' || a.id, a.due
		FROM actions a JOIN reports r ON r.id = a.report_id
		WHERE a.status = 'open' AND r.state = 'actions'),
counted(received, kind, due) AS (SELECT received, iif(what = 'rca', 'rca',
	'action'), ifnull(due, 'none') FROM pending
	WHERE what = 'rca' OR what LIKE 'action:%')"

# Cases whose next_due or escalate_due is not what they have pending.
cases_differ() {
	db "WITH $PENDING, want AS (SELECT p.report_id, min(p.due) AS next_due,
		min(iif(EXISTS (SELECT 1 FROM escalations e
		WHERE e.report_id = p.report_id AND e.what = p.what), NULL,
		p.due)) AS escalate_due FROM pending p GROUP BY 1)
	SELECT count(*) FROM reports r LEFT JOIN want w ON w.report_id = r.id
	WHERE r.next_due IS NOT w.next_due
	OR r.escalate_due IS NOT w.escalate_due"
}

# Rows of TABLE (its n != 0) that differ from the recount by KEY, where
# KEY is how the received day groups: received, substr(received, 1, 7),
# substr(received, 1, 4).
counts_differ() {
	db "WITH $PENDING, want AS (SELECT $2, kind, due, count(*) FROM counted
		GROUP BY 1, 2, 3), kept AS (SELECT * FROM $1 WHERE n != 0)
	SELECT (SELECT count(*) FROM (SELECT * FROM want EXCEPT
		SELECT * FROM kept)) + (SELECT count(*) FROM (SELECT * FROM kept
		EXCEPT SELECT * FROM want))"
}

# Everything kept that differs from the recount: 0 when all is well.
differ() {
	echo $(($(cases_differ) + $(counts_differ due_counts received) +
	    $(counts_differ due_months "substr(received, 1, 7)") +
	    $(counts_differ due_years "substr(received, 1, 4)")))
}

# summary_months and summary_years against summary_counts.
rollups_differ() {
	n=0
	for r in "summary_months|7" "summary_years|4"; do
		n=$((n + $(db "WITH s AS (SELECT dimension,
		    substr(day, 1, ${r#*|}), value, sum(n) FROM summary_counts
		    GROUP BY 1, 2, 3 HAVING sum(n) != 0),
		    k AS (SELECT * FROM ${r%|*} WHERE n != 0)
		    SELECT (SELECT count(*) FROM (SELECT * FROM s EXCEPT
		    SELECT * FROM k)) + (SELECT count(*) FROM (SELECT * FROM k
		    EXCEPT SELECT * FROM s))")))
	done
	echo $n
}

# What the migration must carry over, as text.
kept() {
	db "SELECT id, next_due, escalate_due FROM reports ORDER BY id;
	SELECT * FROM due_counts WHERE n != 0 ORDER BY 1, 2, 3;
	SELECT * FROM due_months WHERE n != 0 ORDER BY 1, 2, 3;
	SELECT * FROM due_years WHERE n != 0 ORDER BY 1, 2, 3;
	SELECT * FROM summary_counts ORDER BY 1, 2, 3"
}

# The database as aerd before sql/009 left it: 4000 cases to the end of
# 2026-03-15, moved on by updates that sql/005's triggers counted (sql/005
# as it was then, kept in tests/fixtures/; it has no triggers now).
set -- "$SQL"/00[1-4]_*.sql "$TESTS_SRCDIR/fixtures/005_deadlines_triggers.sql" \
    "$SQL"/00[6-8]_*.sql
check "eight migrations before this one" 8 $#
"$GENDB" --db "$DB" -n 4000 --seed 7 --end 2026-03-15 --triggers "$@" \
    >"$TMP/gendb.log" 2>&1 || { cat "$TMP/gendb.log"; exit 99; }
check "gendb leaves it at version 8" 8 "$(db 'PRAGMA user_version')"
check "cases stand in every state" 6 \
    "$(db 'SELECT count(DISTINCT state) FROM reports')"
check_match "with RCAs and actions pending" '^[1-9][0-9]*\|2$' \
    "$(db "WITH $PENDING SELECT count(*), count(DISTINCT what LIKE
	'action:%') FROM pending WHERE what = 'rca' OR what LIKE 'action:%'")"
check_match "and items escalated" '^[1-9]' \
    "$(db 'SELECT count(*) FROM escalations')"
check "the triggers kept what the recount finds" 0 "$(differ)"
kept > "$TMP/before"
cp "$DB" "$TMP/drifted.db"

set_day 2026-03-16
start_aerd --config "$TMP/aerd.conf"
check "aerd migrates it" 11 "$(db 'PRAGMA user_version')"
check "sql/005's deadline triggers are gone; 008's rollups stay" \
    "due_counts_insert due_counts_update" \
    "$(echo $(db "SELECT name FROM sqlite_schema WHERE type = 'trigger'
	AND name LIKE 'due%' ORDER BY name"))"
kept > "$TMP/after"
check "every deadline, count and rollup is carried over as it was" "" \
    "$(diff "$TMP/before" "$TMP/after")"
check "and equals the recount" 0 "$(differ)"
check "the summary's rollups hold what they roll up" 0 "$(rollups_differ)"
stop_aerd

# Figures that had drifted from their cases are counted again.
DB=$TMP/drifted.db
db "UPDATE reports SET next_due = '2000-01-01', escalate_due = NULL
	WHERE id IN (SELECT id FROM reports WHERE state = 'actions'
	ORDER BY id LIMIT 5);
UPDATE reports SET next_due = '2000-01-01' WHERE state = 'closed';
UPDATE due_counts SET n = n + 2
	WHERE (received, kind, due) IN (SELECT received, kind, due
	FROM due_counts WHERE n > 0 ORDER BY 1, 2, 3 LIMIT 5);
INSERT INTO due_counts VALUES ('2019-01-01', 'rca', 'none', 3);
DELETE FROM due_years WHERE kind = 'action';" || exit 99
check_match "the copy has drifted" '^[1-9]' "$(differ)"
start_aerd --config "$TMP/aerd.conf"
check "migrated, it equals the recount" 0 "$(differ)"
kept > "$TMP/after"
check "and what it was before it drifted" "" \
    "$(diff "$TMP/before" "$TMP/after")"
stop_aerd

# The migrated cases move on through aerd; after each step nothing
# differs from the recount.
DB=$TMP/aer.db
start_aerd --config "$TMP/aerd.conf"
one() { db "SELECT id FROM reports WHERE $1 ORDER BY id LIMIT 1"; }
ID=$(one "state = 'new'")
post_json "/v1/reports/$ID/triage" \
    '{"severity": "catastrophic", "probability": "remote"}'
check "a new case triaged: investigating" "200 investigating" \
    "$STATUS $(jget 'v["state"]')"
check "triaged: nothing differs" 0 "$(differ)"
ID=$(one "state = 'investigating' AND id NOT IN (SELECT report_id FROM rca
    WHERE complete)")
api PUT "/v1/reports/$ID/rca" -H 'Content-Type: application/json' \
    --data-binary '{"team": ["A. Reyes"], "causes": [{"statement":
    "Two strengths share a drawer", "factor": "environment_equipment"}],
    "complete": true}'
check "an RCA completed" "200 True" \
    "$STATUS $(jget 'v["rca"]["complete"]')"
check "the RCA complete: nothing differs" 0 "$(differ)"
post_json "/v1/reports/$ID/actions" '{"description": "Separate drawers",
    "strength": "stronger", "owner": "A. Reyes", "measure": "mix-ups",
    "target": "none", "measure_by": "2026-09-01", "due": "2026-04-01"}'
check "an action: the case moves to actions" "201 actions" \
    "$STATUS $(jget 'v["state"]')"
check "an action added: nothing differs" 0 "$(differ)"
A=$(db "SELECT id FROM actions WHERE status = 'open' AND report_id IN
    (SELECT id FROM reports WHERE state = 'actions') ORDER BY id LIMIT 1")
api PATCH "/v1/actions/$A" -H 'Content-Type: application/json' \
    --data-binary '{"status": "done"}'
check "an open action done" 200 "$STATUS"
check "the action done: nothing differs" 0 "$(differ)"
ID=$(one "state = 'triaged' AND id NOT IN (SELECT report_id FROM messages
    WHERE sender = 'reviewer')")
post_json "/v1/reports/$ID/messages" '{"text": "Thank you for this."}'
check "feedback to a reporter" 201 "$STATUS"
check "feedback given: nothing differs" 0 "$(differ)"
stop_aerd

# A month on, the escalation pass: everything newly overdue is
# escalated once, and the kept figures follow.
set_day 2026-04-16
start_aerd --config "$TMP/aerd-esc.conf"
i=0
while [ $i -lt 100 ] && [ "$(db "SELECT count(*) FROM reports
    WHERE escalate_due < '2026-04-16'")" != 0 ]; do
	sleep 0.1
	i=$((i + 1))
done
check "every overdue item is escalated" 0 \
    "$(db "SELECT count(*) FROM reports WHERE escalate_due < '2026-04-16'")"
check_match "some of them today" '^[1-9]' \
    "$(db "SELECT count(*) FROM escalations WHERE escalated = '2026-04-16'")"
check "escalated: nothing differs" 0 "$(differ)"
check "the rollups still hold" 0 "$(rollups_differ)"
stop_aerd
finish
