# Messages on a case: a day's flood stops at the limits (a reporter's
# answers by receipt, and either side's on the case), with 429
# message_limit naming the setting and nothing stored; the next day takes
# messages again; the case and the follow-up show a page of the latest
# messages with their count and give earlier ones on asking; aer status
# and aer show still read them. Time is moved with tests/aerd-clock.
AERD=${AERD_CLOCK:?AERD_CLOCK must name tests/aerd-clock (make check sets it)}
. "$TESTS_SRCDIR/lib.sh"
export AERD_TEST_CLOCK="$TMP/clock"
set_clock() {
	echo "$1" > "$TMP/clock.new" && mv "$TMP/clock.new" "$TMP/clock"
}
set_clock "$(date -d "2026-11-30 10:00" +%s)"
aer() { "$AER" --socket "$SOCK" "$@"; }

printf 'admin_groups = %s\ncase_messages_per_day = 6\nreceipt_messages_per_day = 3\n' \
    "$(id -gn)" > "$TMP/aerd.conf"
start_aerd --config "$TMP/aerd.conf"
post_json /v1/reports "$SAMPLE"
ID=$(jget 'v["id"]')
RECEIPT=$(jget 'v["receipt"]')
stop_aerd
# A long conversation before today: 300 messages of 4000 characters.
db "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 300)
    INSERT INTO messages (report_id, seq, sender, sent, body)
    SELECT '$ID', i, iif(i % 2, 'reviewer', 'reporter'), '2026-11-29',
        'old message ' || i || ' ' || printf('%.3980c', 'x') FROM n"
start_aerd --config "$TMP/aerd.conf"
# reviewer TEXT / reporter TEXT: a message from each side; sets STATUS.
reviewer() {
	post_json "/v1/reports/$ID/messages" "{\"text\":\"$1\"}"
}
reporter() {
	api POST /v1/followup/messages -H 'Content-Type: application/json' \
	    -H "Authorization: Receipt $RECEIPT" --data-binary "{\"text\":\"$1\"}"
}
stored() {
	db "SELECT (SELECT count(*) FROM messages) +
	    (SELECT count(*) FROM inbox_replies)"
}

reviewer "Which pump was it?"
check "the reviewer asks" 201 "$STATUS"
for i in 1 2 3; do
	reporter "answer $i"
	check "the reporter's answer $i of 3 a day" 201 "$STATUS"
done
reporter "answer 4"
check "a fourth answer that day: 429 message_limit" "429 message_limit" \
    "$STATUS $(jget 'v["error"]["code"]')"
check_match "naming the setting" "receipt_messages_per_day" \
    "$(jget 'v["error"]["message"]')"
check "and nothing is stored" 304 "$(stored)"
reviewer "Thank you."
reviewer "And the time?"
reviewer "Which ward?"
reviewer "Which shift?"
reviewer "Anyone else there?"
check "a reviewer counts only what reviewers see: six of theirs" 201 \
    "$STATUS"
reviewer "One more?"
check "a seventh on the case that day: 429 message_limit" \
    "429 message_limit" "$STATUS $(jget 'v["error"]["code"]')"
check_match "naming the setting" "case_messages_per_day" \
    "$(jget 'v["error"]["message"]')"
check_match "counting no answer still waiting for the release" \
    "had 6 messages today" "$(jget 'v["error"]["message"]')"
check "and nothing is stored" 309 "$(stored)"

# The next day: the reviewers fill the day first; the reporter's answer
# then meets the case's limit.
set_clock "$(date -d "2026-12-01 10:00" +%s)"
for i in 1 2 3 4 5 6; do
	reviewer "day two, $i"
done
check "the next day the reviewer writes again" 201 "$STATUS"
reporter "too late today"
check "the reporter's answer meets the case's limit" "429 message_limit" \
    "$STATUS $(jget 'v["error"]["code"]')"
check_match "naming it" "case_messages_per_day" \
    "$(jget 'v["error"]["message"]')"

# A day later, the flood's limits start again.
set_clock "$(date -d "2026-12-02 10:00" +%s)"
reporter "next day"
check "the next day the reporter answers again" 201 "$STATUS"
reviewer "next day too"
check "and the reviewer writes again" 201 "$STATUS"
TOTAL=$(db "SELECT count(*) FROM messages")
WAITING=$(db "SELECT count(*) FROM inbox_replies")
api GET "/v1/reports/$ID"
check "the case shows the latest 50 messages" 50 "$(jget 'len(v["messages"])')"
check "with the count of all" "$TOTAL" "$(jget 'v["messages_total"]')"
check "numbered, the last the newest" "$TOTAL" "$(jget 'v["messages"][-1]["n"]')"
check "in order" "$((TOTAL - 49))" "$(jget 'v["messages"][0]["n"]')"
check "so the case stays small (under 250 kB)" yes \
    "$([ "${#BODY}" -lt 250000 ] && echo yes)"
api GET "/v1/reports/$ID?messages=3&before=4"
check "earlier ones on asking: messages=3&before=4" "1 2 3" \
    "$(jget '" ".join(str(m["n"]) for m in v["messages"])')"
check "from the first" "old message 1" "$(jget 'v["messages"][0]["text"][:13]')"
api GET "/v1/reports/$ID?messages=0"
check "messages=0 is refused, naming it" "422 messages" \
    "$STATUS $(jget 'v["error"]["field"]')"
api GET "/v1/reports/$ID?messages=201"
check "and so is more than 200" "422 messages" \
    "$STATUS $(jget 'v["error"]["field"]')"
api GET "/v1/reports/$ID?before=x"
check "before=x is refused, naming it" "422 before" \
    "$STATUS $(jget 'v["error"]["field"]')"
api GET "/v1/reports/$ID?page=2"
check "an unknown parameter is refused" "422 unknown_field" \
    "$STATUS $(jget 'v["error"]["code"]')"

api GET /v1/followup -H "Authorization: Receipt $RECEIPT"
check "the follow-up shows the latest 50" 50 "$(jget 'len(v["messages"])')"
check "with the count of all, waiting answers too" "$((TOTAL + WAITING))" \
    "$(jget 'v["messages_total"]')"
check "the newest last: the answer still waiting" \
    "$((TOTAL + WAITING)) reporter next day" \
    "$(jget 'str(v["messages"][-1]["n"]) + " " + v["messages"][-1]["from"] + " " + v["messages"][-1]["text"][:40]')"
check "so the follow-up stays small (under 250 kB)" yes \
    "$([ "${#BODY}" -lt 250000 ] && echo yes)"
api GET "/v1/followup?messages=2&before=$((TOTAL + 2))" \
    -H "Authorization: Receipt $RECEIPT"
check "a page across the released and the waiting" \
    "$TOTAL $((TOTAL + 1))" \
    "$(jget '" ".join(str(m["n"]) for m in v["messages"])')"
api GET "/v1/followup?messages=2&before=2" -H "Authorization: Receipt $RECEIPT"
check "the first of the follow-up" "1 old message 1" \
    "$(jget '" ".join(str(m["n"]) + " " + m["text"][:13] for m in v["messages"])')"
api GET "/v1/followup?messages=abc" -H "Authorization: Receipt $RECEIPT"
check "a bad page of the follow-up is refused" "422 messages" \
    "$STATUS $(jget 'v["error"]["field"]')"

printf '%s\n' "$RECEIPT" | aer status > "$TMP/status" 2>&1
check "aer status still reads the case" 0 $?
check "with the newest answer" 1 "$(grep -c 'next day$' "$TMP/status")"
check "and says how many earlier ones it does not show" \
    "  ($((TOTAL + WAITING - 50)) earlier messages are not shown.)" \
    "$(grep 'earlier messages' "$TMP/status")"
aer show "$ID" > "$TMP/show" 2>&1
check "aer show still reads it" 0 $?
check "with the newest message" 1 "$(grep -c 'next day too' "$TMP/show")"
check "and says how many earlier ones it does not show" \
    "  ($((TOTAL - 50)) earlier messages are not shown.)" \
    "$(grep 'earlier messages' "$TMP/show")"

finish
