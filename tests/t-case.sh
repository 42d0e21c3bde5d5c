# A whole case through the client: an anonymous report, triaged to SAC 3,
# an RCA, two actions (one verified, one withdrawn), a message and the
# reporter's reply, a refused and then an accepted close, and the reporter
# reading the outcome with the receipt. Run as root, who is admin. The
# report and the reply wait for a release, brought forward here in
# aerd's test build (release_now).
AERD=${AERD_CLOCK:?AERD_CLOCK must name tests/aerd-clock (make check sets it)}
. "$TESTS_SRCDIR/lib.sh"
export AERD_TEST_CLOCK="$TMP/clock"

if [ "$(id -u)" -ne 0 ]; then
	echo "# needs root, whom aerd maps to admin"
	exit 77
fi
start_aerd
aer() { "$AER" --socket "$SOCK" "$@"; }

aer report --type incident --category medication --harm moderate \
    --merp E --occurred today --location "4 West" \
    --description "Ten times the ordered insulin dose was drawn up and given." \
    > "$TMP/filed" 2>&1
check "the reporter files the report" 0 $?
RECEIPT=$(sed -n 's/^ *Receipt: *//p' "$TMP/filed")
check "it waits for the release" "0|1" \
    "$(db "SELECT (SELECT count(*) FROM reports), count(*) FROM inbox_reports")"
release_now
ID=$(db "SELECT id FROM reports")
SHORT=$(printf '%s' "$ID" | cut -c1-8)

aer queue > "$TMP/queue"
check_match "the queue lists the new case" "^$SHORT +new " "$(cat "$TMP/queue")"
check_match "due for triage" "triage" "$(grep "^$SHORT" "$TMP/queue")"

aer triage "$SHORT" --severity catastrophic --probability remote \
    --note "Tenfold dose; patient needed glucose." > "$TMP/triage"
check "triage exits 0" 0 $?
check_match "SAC 3 requires an RCA" "SAC score 3. The case is now under investigation" \
    "$(cat "$TMP/triage")"
check "the case is investigating" "investigating|3|1" \
    "$(db "SELECT state, sac_score, rca_required FROM reports")"

aer close "$SHORT" --outcome "nothing yet" > "$TMP/err" 2>&1
check "an investigating case cannot close" 1 $?
check_match "and says why" "cannot be closed" "$(cat "$TMP/err")"

aer action add "$SHORT" --description "Barcode check" --strength stronger \
    --owner "A. Reyes" --measure "scan rate" --target "99%" \
    --measure-by 2099-03-01 --due 2099-01-15 > "$TMP/err" 2>&1
check "actions wait for a complete RCA" 1 $?
check_match "and it says so" "complete its RCA" "$(cat "$TMP/err")"

aer rca "$SHORT" --team "A. Reyes (pharmacy)" --team "B. Chen (nursing)" \
    --event "$(date +%Y-%m-%d) Dose drawn up from a 100 unit/ml vial" \
    --cause "environment_equipment: Two insulin strengths share one drawer" \
    --cause "communication: The handover was poor" > "$TMP/rca" 2>"$TMP/rca.err"
check "the RCA is recorded" 0 $?
check_match "a negative descriptor draws a warning" 'warning: cause 2 says "poor"' \
    "$(cat "$TMP/rca.err")"
aer rca "$SHORT" --complete > /dev/null 2>&1
check "the RCA is completed, keeping what it had" "1|2" \
    "$(db "SELECT complete, json_array_length(causes) FROM rca")"

aer action add "$SHORT" --description "Separate the two strengths" \
    --strength stronger --owner "A. Reyes" --measure "audit of drawers" \
    --target "no mixed drawers" --measure-by 2099-03-01 --due 2099-01-15 \
    > "$TMP/a1"
check "a stronger action is added" 0 $?
A1=$(sed -n 's/^Action \([0-9a-f]*\) added.*/\1/p' "$TMP/a1")
aer action add "$SHORT" --description "Remind staff" --strength weaker \
    --owner "B. Chen" --measure "attendance" --target "90%" \
    --measure-by 2099-03-01 --due 2099-01-15 > "$TMP/a2"
A2=$(sed -n 's/^Action \([0-9a-f]*\) added.*/\1/p' "$TMP/a2")
check "the case moved to actions" actions "$(db "SELECT state FROM reports")"
aer action add "$SHORT" --description "x" --strength stronger \
    --owner "Pharmacy committee" --measure m --target t \
    --measure-by 2099-03-01 --due 2099-01-15 > "$TMP/err" 2>&1
check "a committee cannot own an action" 1 $?

aer close "$SHORT" --outcome "not yet" > "$TMP/err" 2>&1
check "open actions block the close" 1 $?
check_match "with the reason" "still open" "$(cat "$TMP/err")"

aer action verify "$A1" --effective > "$TMP/err" 2>&1
check "an open action cannot be verified" 1 $?
aer action done "$A1" --note "Drawers relabelled" > /dev/null
check "done" 0 $?
aer action verify "$A1" --effective > /dev/null
check "verified effective" 0 $?
aer action withdraw "$A2" > /dev/null 2>&1
check "withdrawing needs a reason" 2 $?
aer action withdraw "$A2" --reason "Superseded by the drawer change" > /dev/null
check "withdrawn with a reason" 0 $?

aer message "$SHORT" --text "Thank you. Which drawer was it?" > /dev/null
check "the reviewer writes to the reporter" 0 $?
printf '%s\n' "$RECEIPT" | aer status > "$TMP/status"
check_match "the reporter reads it" "reviewer: Thank you. Which drawer was it?" \
    "$(cat "$TMP/status")"
check_match "and sees the case in review" "status: in review" "$(cat "$TMP/status")"
printf '%s\n' "$RECEIPT" | aer reply --text "The one under the counter." > /dev/null
check "the reporter replies with the receipt" 0 $?
release_now
check "the reply is stored as the reporter's" "reporter|The one under the counter." \
    "$(db "SELECT sender, body FROM messages ORDER BY seq DESC LIMIT 1")"

aer close "$SHORT" --outcome "Insulin strengths are now kept apart and scanned." \
    > /dev/null
check "the case closes" 0 $?
check "closed" closed "$(db "SELECT state FROM reports")"
printf '%s\n' "$RECEIPT" | aer status > "$TMP/status"
check_match "the reporter sees it closed" "status: closed" "$(cat "$TMP/status")"
check_match "and the outcome" "Outcome: Insulin strengths are now kept apart" \
    "$(cat "$TMP/status")"
printf '%s\n' "$RECEIPT" | aer reply --text "more" > "$TMP/err" 2>&1
check "a closed case takes no more replies" 1 $?

aer show "$SHORT" > "$TMP/show"
check_match "show names the state" "State: +closed" "$(cat "$TMP/show")"
check "every change is audited" 11 "$(db "SELECT count(*) FROM audit")"
check "reviewer entries name the reviewer" root \
    "$(db "SELECT DISTINCT actor FROM audit WHERE role = 'admin'")"
check "the reporter's entry names no one" "reporter||1" \
    "$(db "SELECT role, actor, length(at) = 10 FROM audit WHERE role = 'reporter'")"
aer audit verify > "$TMP/verify"
check_match "the audit chain verifies" "intact: 11 entries" "$(cat "$TMP/verify")"
check_match "whoami says admin" "^admin root" "$(aer whoami)"

finish
