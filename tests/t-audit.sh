# The audit trail: every change audited (filing is not), reporters
# recorded without a name or a time of day, the table append-only, and
# the hash chain catching an altered, removed or reordered entry.
# aerd's test build, whose release a test can bring forward (release_now).
AERD=${AERD_CLOCK:?AERD_CLOCK must name tests/aerd-clock (make check sets it)}
. "$TESTS_SRCDIR/lib.sh"
export AERD_TEST_CLOCK="$TMP/clock"

audit_rows() { db 'SELECT count(*) FROM audit'; }
DAY_RE='^[0-9]{4}-[0-9]{2}-[0-9]{2}$'
TIME_RE='^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$'

# The caller is admin: root is, and so is anyone in admin_groups.
ME=$(id -un)
printf 'admin_groups = %s\n' "$(id -gn)" > "$TMP/aerd.conf"
start_aerd --config "$TMP/aerd.conf"

# Filing is not audited.
before=$(audit_rows)
post_json /v1/reports "$SAMPLE"
check "the report is filed" 201 "$STATUS"
ID=$(jget 'v["id"]')
RECEIPT=$(jget 'v["receipt"]')
check "filing leaves no audit entry" "$before" "$(audit_rows)"
api GET "/v1/reports/$ID"
check "the new case has an empty audit trail" 0 "$(jget 'len(v["audit"])')"

# A few audited changes: triage, a question, the reporter's answer, the
# RCA twice, a token.
post_json "/v1/reports/$ID/triage" \
    '{"severity":"catastrophic","probability":"remote","note":"wrong patient"}'
check "triage" 200 "$STATUS"
post_json "/v1/reports/$ID/messages" '{"text":"Which unit was it?"}'
check "a reviewer's question" 201 "$STATUS"
api POST /v1/followup/messages -H "Authorization: Receipt $RECEIPT" \
    -H 'Content-Type: application/json' --data-binary '{"text":"4 West, night shift."}'
check "the reporter's answer" 201 "$STATUS"
check "which is not audited before the release" $((before + 2)) "$(audit_rows)"
release_now
RCA='{"team":["A. Reyes (pharmacy)","B. Chen (nursing)"],"timeline":[{"at":"2026-01-20T14:30","text":"Insulin drawn up"}],"causes":[{"statement":"Two patients with the same surname on one ward led to the wrong label being picked","factor":"communication"}],"complete":false}'
api PUT "/v1/reports/$ID/rca" -H 'Content-Type: application/json' \
    --data-binary "$RCA"
check "an RCA begun" 200 "$STATUS"
api PUT "/v1/reports/$ID/rca" -H 'Content-Type: application/json' \
    --data-binary "$(printf '%s' "$RCA" | sed 's/"complete":false/"complete":true/')"
check "the RCA completed" "200 True" "$STATUS $(jget 'v["rca"]["complete"]')"
post_json /v1/tokens '{"role":"committee","name":"audit-test"}'
check "a token" 201 "$STATUS"
N=$(audit_rows)
check "six audited changes" $((before + 6)) "$N"

api GET /v1/audit/verify
check "verify: ok, with every entry of the table" "200 True $N" \
    "$STATUS $(jget 'v["ok"]') $(jget 'v["entries"]')"
check "verify names no bad entry" False "$(jget '"first_bad" in v')"

# Who and when: a reviewer's entry has a name and a time; the reporter's
# has neither a name nor a time of day.
api GET "/v1/reports/$ID"
check "the case shows its five entries" 5 "$(jget 'len(v["audit"])')"
check "the triage entry: admin, named, at a time" "admin $ME triage" \
    "$(jget 'v["audit"][0]["role"] + " " + v["audit"][0]["actor"] + " " + v["audit"][0]["change"]["action"]')"
check_match "a reviewer's entry is timed to the second" "$TIME_RE" \
    "$(jget 'v["audit"][0]["at"]')"
ANSWER='[a for a in v["audit"] if a["change"].get("from") == "reporter"]'
check "one entry for the reporter's answer" 1 "$(jget "len(${ANSWER})")"
check "the reporter's entry: role reporter, actor null" "reporter null" \
    "$(jget "${ANSWER}[0][\"role\"]") $(jget "${ANSWER}[0][\"actor\"]")"
check_match "the reporter's entry is dated by day only" "$DAY_RE" \
    "$(jget "${ANSWER}[0][\"at\"]")"
check_match "in the table too: reporter, no actor, a day" \
    '^reporter\|1\|[0-9]{4}-[0-9]{2}-[0-9]{2}$' \
    "$(db "SELECT role, actor IS NULL, at FROM audit WHERE json_extract(change, '\$.from') = 'reporter'")"

# The table refuses UPDATE and DELETE.
out=$(db "UPDATE audit SET actor = 'mallory' WHERE seq = 1" 2>&1)
rc=$?
check "UPDATE of the audit table fails" 1 "$([ "$rc" -ne 0 ] && echo 1)"
check_match "with the trigger's append-only error" "append-only" "$out"
out=$(db "DELETE FROM audit WHERE seq = 2" 2>&1)
rc=$?
check "DELETE from the audit table fails" 1 "$([ "$rc" -ne 0 ] && echo 1)"
check_match "with the trigger's append-only error" "append-only" "$out"
check "nothing changed" "$N $ME" \
    "$(audit_rows) $(db 'SELECT actor FROM audit WHERE seq = 1')"
api GET /v1/audit/verify
check "and the chain still holds" True "$(jget 'v["ok"]')"

# Tampering by someone with the file, who drops the triggers first. Each
# case starts from a copy of the untouched database.
stop_aerd
mkdir "$TMP/pristine"
for f in "$DB" "$DB-wal"; do
	[ -e "$f" ] && cp "$f" "$TMP/pristine/"
done
ROWS=$(db 'SELECT group_concat(seq) FROM (SELECT seq FROM audit ORDER BY seq)')
check "the chain is numbered 1..N with no gap" "$(seq -s, 1 "$N")" "$ROWS"

# tamper NAME SQL: a fresh copy, the triggers dropped, SQL run, aerd
# started on it and asked to verify.
tamper() {
	[ -n "$AERD_PID" ] && stop_aerd
	rm -f "$DB" "$DB-wal" "$DB-shm"
	cp "$TMP"/pristine/* "$TMP/"
	db "DROP TRIGGER audit_no_update; DROP TRIGGER audit_no_delete; $2"
	check "$1: the tampering took" 0 $?
	start_aerd --config "$TMP/aerd.conf"
	api GET /v1/audit/verify
}
verdict() {
	echo "$STATUS $(jget 'v["ok"]') $(jget 'v["entries"]') \
$(jget 'v.get("first_bad", {}).get("seq")') $(jget 'v.get("first_bad", {}).get("problem")')"
}

tamper "no change" ""
check "with only the triggers dropped, the chain holds" "200 True $N null null" \
    "$(verdict)"
HEAD="$(jget 'v["head"]["seq"]'):$(jget 'v["head"]["hash"]')"
check_match "verify gives the head: the last entry and its hash" \
    "^$N:[0-9a-f]{64}\$" "$HEAD"
api GET "/v1/audit/verify?head=$HEAD"
check "the head given back is found" "200 True" "$STATUS $(jget 'v["ok"]')"
aer_admin() { "$AER" --socket "$SOCK" "$@"; }
aer_admin audit verify > "$TMP/verify.out" 2>&1
check "aer audit verify exits 0" 0 $?
check_match "and prints the head to record" "Head: $HEAD" "$(cat "$TMP/verify.out")"
aer_admin audit verify --head "$HEAD" > "$TMP/verify.out" 2>&1
check "aer audit verify --head, the same head: exit 0" 0 $?
# A head whose hash differs: the chain was recomputed after a change.
OTHER="$N:$(printf '%s' "${HEAD#*:}" | tr '0-9a-f' '1-9a-f0')"
api GET "/v1/audit/verify?head=$OTHER"
check "a head with another hash: rewritten" "200 False 1 rewritten" \
    "$STATUS $(jget 'v["ok"]') $(jget 'v["first_bad"]["seq"]') $(jget 'v["first_bad"]["problem"]')"
for bad in "x:$(printf '%064d' 0)" "$N:abc" "0:${HEAD#*:}" "$N"; do
	api GET "/v1/audit/verify?head=$bad"
	check "head=$bad: 422 naming head" "422 head" \
	    "$STATUS $(jget 'v["error"]["field"]')"
done
aer_admin audit verify --head 'nonsense!' > /dev/null 2>&1
check "aer audit verify --head nonsense: a usage error" 2 $?

# The last entry cut from the end: the chain alone still holds; the
# head recorded before shows what was taken.
tamper "tail" "DELETE FROM audit WHERE seq = $N"
check "the last entry removed: the chain alone cannot tell" \
    "200 True $((N - 1)) null null" "$(verdict)"
api GET "/v1/audit/verify?head=$HEAD"
check "with the head recorded before: truncated at it" \
    "200 False $N truncated" \
    "$STATUS $(jget 'v["ok"]') $(jget 'v["first_bad"]["seq"]') $(jget 'v["first_bad"]["problem"]')"
aer_admin audit verify --head "$HEAD" > "$TMP/verify.out" 2>&1
check "aer audit verify --head exits 1" 1 $?
check_match "and says so" "truncated" "$(cat "$TMP/verify.out")"

tamper "change" "UPDATE audit SET change = json_set(change, '\$.from', 'reviewer') WHERE seq = 3"
check "an altered change: ok false at seq 3, altered" "200 False $N 3 altered" \
    "$(verdict)"
tamper "at" "UPDATE audit SET at = '2020-01-01T00:00:00Z' WHERE seq = 4"
check "an altered at: ok false at seq 4, altered" "200 False $N 4 altered" \
    "$(verdict)"
tamper "actor" "UPDATE audit SET actor = 'someone-else' WHERE seq = 2"
check "an altered actor: ok false at seq 2, altered" "200 False $N 2 altered" \
    "$(verdict)"
tamper "actor removed" "UPDATE audit SET actor = NULL WHERE seq = 2"
check "an actor set to null: ok false at seq 2, altered" "200 False $N 2 altered" \
    "$(verdict)"
tamper "delete" "DELETE FROM audit WHERE seq = 3"
check "a deleted entry: ok false at the seq after the gap, removed" \
    "200 False $((N - 1)) 4 removed" "$(verdict)"
tamper "swap" "UPDATE audit SET seq = -1 WHERE seq = 2;
    UPDATE audit SET seq = 2 WHERE seq = 3;
    UPDATE audit SET seq = 3 WHERE seq = -1"
check "two entries swapped: ok false at seq 2, reordered" \
    "200 False $N 2 reordered" "$(verdict)"
finish
