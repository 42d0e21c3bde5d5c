# The medical director at work, in a real pseudo-terminal where the
# terminal matters (tests/term.py, at 80 and 120 columns): the queue in
# aerd's order (overdue, then the most harmful), filtered, counted,
# fitted to the width and paged; lookups that change nothing; a triage
# corrected within the rules and audited; errors in aer's words, with
# the nearest code; closing over an unanswered message. Run as root,
# who is admin.
AERD=${AERD_CLOCK:?AERD_CLOCK must name tests/aerd-clock (make check sets it)}
. "$TESTS_SRCDIR/lib.sh"
export AERD_TEST_CLOCK="$TMP/clock"

if [ "$(id -u)" -ne 0 ]; then
	echo "# needs root, whom aerd maps to admin"
	exit 77
fi
start_aerd
aer() { "$AER" --socket "$SOCK" "$@"; }
term() {
	cols=$1 rows=$2
	shift 2
	python3 "$TESTS_SRCDIR/term.py" --cols "$cols" --rows "$rows" \
	    "$@"
}
short_of() { db "SELECT substr(id, 1, 8) FROM reports WHERE location = '$1'"; }
LONG="Ten times the ordered dose of morphine was drawn up from a look-alike vial on a busy night shift and given before the second check; the patient stopped breathing and could not be resuscitated."

# Six reports of every harm, the death filed among the others.
file() {	# TYPE CATEGORY HARM LOCATION DESCRIPTION
	aer report --type "$1" --category "$2" ${3:+--harm "$3"} \
	    --occurred today --location "$4" --description "$5" \
	    > "$TMP/filed-$4" 2>&1 || echo "# filing $4 failed"
}
file incident fall mild "Ward A" "Slipped on a wet floor by the sink."
file incident medication severe "Ward B" "Anticoagulant doubled by two orders."
file near_miss device "" "Ward C" "Pump programmed in mL instead of mL/h, caught."
file incident medication death "Ward D" "$LONG"
file incident surgery moderate "Ward E" "Swab count wrong, found on x-ray."
file incident fall none "Ward F" "Patient sat down on the floor, unhurt."
release_now

# --- The queue, in aerd's order ---
api GET /v1/queue
check "the queue: the death first, then by harm, the near miss last" \
    "death severe moderate mild none None" \
    "$(jget '" ".join(str(c.get("harm")) for c in v["cases"])')"
api GET '/v1/queue?category=medication'
check "filtered by category" "medication medication" \
    "$(jget '" ".join(c["category"] for c in v["cases"])')"
api GET '/v1/queue?harm=deth'
check "an unknown harm is refused, naming the field" "422 harm" \
    "$STATUS $(jget 'v["error"]["field"]')"
api GET '/v1/queue?since=2026-13-01'
check "a bad since is refused, naming the field" "422 since" \
    "$STATUS $(jget 'v["error"]["field"]')"
api GET '/v1/queue?since=2000-01-01&harm=death'
check "since and harm together" 1 "$(jget 'len(v["cases"])')"

aer queue --category medicaton > "$TMP/out" 2>&1
check "aer queue --category medicaton exits 2" 2 $?
check_match "it lists the codes and suggests the nearest" \
    "not one of blood, .*medication.*; did you mean medication\\?" \
    "$(cat "$TMP/out")"
aer queue --state triagd > "$TMP/out" 2>&1
check_match "--state triagd: did you mean triaged" "did you mean triaged" \
    "$(cat "$TMP/out")"

# At 80 and 120 columns: every line fits, the description is cut with an
# ellipsis, more of it shows at 120, and there is a count.
for cols in 80 120; do
	term "$cols" 40 "$AER" --socket "$SOCK" queue > "$TMP/q$cols"
	check "aer queue at $cols columns exits 0" "EXIT 0" \
	    "$(tail -1 "$TMP/q$cols")"
	check "at $cols columns no line is wider" "" \
	    "$(sed '$d' "$TMP/q$cols" | python3 -c '
import sys
for line in sys.stdin.read().splitlines():
    if len(line) > int(sys.argv[1]): print(len(line), line)' "$cols")"
done
check_match "a count comes first" "^6 cases, most urgent first" \
    "$(head -1 "$TMP/q80")"
check_match "the columns name the type and the description" \
    "ID +STATE +SAC +HARM +TYPE +CATEGORY +NEXT DUE +DESCRIPTION" \
    "$(sed -n 2p "$TMP/q80")"
check_match "the death is the first case" "  new .*death .*medic.*triage in 7d .*Ten times" \
    "$(sed -n 3p "$TMP/q80")"
check_match "its description is cut with an ellipsis at 80" "…\$" \
    "$(sed -n 3p "$TMP/q80")"
w80=$(sed -n 3p "$TMP/q80" | sed 's/.*Ten times/Ten times/' | wc -m)
w120=$(sed -n 3p "$TMP/q120" | sed 's/.*Ten times/Ten times/' | wc -m)
check "more of it at 120 columns" 1 "$([ "$w120" -gt $((w80 + 30)) ] && echo 1)"
sed 's/^/# /' "$TMP/q80" "$TMP/q120"

# --limit, and the pager when the list is longer than the screen.
aer queue --limit 2 > "$TMP/out"
check_match "--limit 2: two cases and word of more" \
    "^The first 2 cases, most urgent first; more wait" "$(head -1 "$TMP/out")"
check "--limit 2 shows two rows" 4 "$(wc -l < "$TMP/out")"
PAGER="sed s/^/paged:/" term 80 6 "$AER" --socket "$SOCK" queue > "$TMP/out"
check "longer than the screen: through \$PAGER" 8 \
    "$(grep -c '^paged:' "$TMP/out")"
PAGER="sed s/^/paged:/" term 80 40 "$AER" --socket "$SOCK" queue > "$TMP/out"
check "shorter than the screen: no pager" 0 "$(grep -c '^paged:' "$TMP/out")"
PAGER="sed s/^/paged:/" aer queue > "$TMP/out"
check "not a terminal: no pager" 0 "$(grep -c '^paged:' "$TMP/out")"

# --- aer show before triage: labels, and the RCA not yet decided ---
D=$(short_of "Ward D")
aer show "$D" > "$TMP/show"
check_match "aer show: the RCA is not yet decided before triage" \
    "RCA required: +not yet decided" "$(cat "$TMP/show")"
check_match "the category's label" "Category: +Medication or other substance" \
    "$(cat "$TMP/show")"
check_match "the harm's label" "Harm: +Death" "$(cat "$TMP/show")"
check_match "the state in words" "State: +new, awaiting triage" "$(cat "$TMP/show")"

# --- Errors in aer's words ---
aer reprot > "$TMP/out" 2>&1
check_match "aer reprot: did you mean report" "did you mean 'aer report'" \
    "$(cat "$TMP/out")"
aer triage "$D" > "$TMP/out" 2>&1
check_match "triage without flags names both" \
    "--severity and --probability are required" "$(cat "$TMP/out")"
aer triage "$D" --severity catastrophe --probability remot > "$TMP/out" 2>&1
check "unknown codes: exit 2" 2 $?
check_match "the severity's codes and the nearest" \
    "--severity catastrophe is not one of catastrophic, major, moderate or minor; did you mean catastrophic\\?" \
    "$(cat "$TMP/out")"
check_match "and the probability's, in the same run" \
    "did you mean remote\\?" "$(cat "$TMP/out")"
aer show abc > "$TMP/out" 2>&1
check_match "an id of 3 characters is too short, not unknown" "too short" \
    "$(cat "$TMP/out")"
check "state unchanged by all that" new \
    "$(db "SELECT state FROM reports WHERE location = 'Ward D'")"

# --- Lookups change nothing; a triage corrected within the rules ---
A=$(short_of "Ward A")
aer triage "$A" --severity minor --probability remote > "$TMP/out"
check_match "triage in words" "SAC score 1. The case is now triaged." \
    "$(cat "$TMP/out")"
aer rca "$A" > "$TMP/out" 2>&1
check "aer rca ID with no flags exits 0" 0 $?
check "and the case is still triaged" triaged \
    "$(db "SELECT state FROM reports WHERE location = 'Ward A'")"
check_match "it says how to start one" "aer rca $A --start" "$(cat "$TMP/out")"

aer triage "$A" --severity catastrophic --probability remote > "$TMP/out" 2>&1
check "triage again off a terminal: refused" 2 $?
check_match "naming --retriage" "add --retriage" "$(cat "$TMP/out")"
cat > "$TMP/retriage" <<EOF
expect Correct the triage\\? \\[y/N\\]
line y
EOF
term 80 24 --script "$TMP/retriage" "$AER" --socket "$SOCK" triage "$A" \
    --severity catastrophic --probability remote > "$TMP/out"
check_match "on a terminal it asks, and corrects" \
    "SAC score 3. The case is now under investigation" "$(cat "$TMP/out")"
check "the case is investigating, SAC 3" "investigating|3|1" \
    "$(db "SELECT state, sac_score, rca_required FROM reports
	WHERE location = 'Ward A'")"
check "the audit keeps the score it replaced" "retriage|1|3" \
    "$(db "SELECT json_extract(change, '\$.action'),
	json_extract(change, '\$.previous_sac_score'),
	json_extract(change, '\$.sac_score') FROM audit
	WHERE json_extract(change, '\$.action') = 'retriage'")"
aer triage "$A" --severity minor --probability remote --retriage > "$TMP/out"
check_match "--retriage back down: triaged again" "The case is now triaged" \
    "$(cat "$TMP/out")"
aer rca "$A" --start > "$TMP/out"
check_match "aer rca --start starts it" \
    "The case is now under investigation" "$(cat "$TMP/out")"
aer rca "$A" --team "A. Reyes" > "$TMP/out"
check_match "adding to it: the case is still where it was" \
    "The case is still under investigation" "$(cat "$TMP/out")"
aer triage "$A" --severity major --probability frequent --retriage \
    > "$TMP/out" 2>&1
check "once an RCA is recorded, no retriage" 1 $?
check_match "and it says why" "an RCA is already recorded" "$(cat "$TMP/out")"

# --- Actions: all missing flags at once; verify an open action ---
F=$(short_of "Ward F")
aer triage "$F" --severity minor --probability remote > /dev/null
aer action add "$F" --description "Non-slip mats." > "$TMP/out" 2>&1
check_match "add names every missing flag" \
    "add needs --strength, --owner, --measure, --target, --measure-by, --due too" \
    "$(cat "$TMP/out")"
aer action add "$F" --description "Non-slip mats." --strength strong \
    --owner "C. Diaz" --measure "Falls per month" --target "none" \
    --measure-by 2099-01-01 --due 2099-01-01 > "$TMP/out" 2>&1
check_match "--strength strong: did you mean stronger" \
    "did you mean stronger\\?" "$(cat "$TMP/out")"
aer action add "$F" --description "Non-slip mats." --strength stronger \
    --owner "C. Diaz" --measure "Falls per month" --target "none" \
    --measure-by 2099-01-01 --due 2000-01-01 > "$TMP/out" 2>&1
check "aerd refuses a due day past" "aer: --due is in the past" \
    "$(cat "$TMP/out")"
aer action add "$F" --description "Non-slip mats." --strength stronger \
    --owner "C. Diaz" --measure "Falls per month" --target "none" \
    --measure-by 2099-01-01 --due 2099-01-01 > "$TMP/out" 2>&1
check_match "an action added: the case in words" \
    "The case is now at the corrective-actions stage" "$(cat "$TMP/out")"
ACT=$(db "SELECT substr(id, 1, 8) FROM actions")
aer action verify "$ACT" --effective > "$TMP/out" 2>&1
check "verifying an open action is refused" 1 $?
check_match "and says to run aer action done first" \
    "aer action done $ACT" "$(cat "$TMP/out")"
aer action done "$ACT" > /dev/null
aer action verify "$ACT" --effective > "$TMP/out"
check_match "verified, in words" "is now verified effective" "$(cat "$TMP/out")"

# --- A reply waiting, and closing over an unanswered message ---
aer message "$F" --text "Which floor was it?" > /dev/null
aer close "$F" --outcome "Mats fitted." > "$TMP/out" 2>&1
check "close with a question unanswered, off a terminal: refused" 2 $?
check_match "showing the question and its date" \
    "has not answered your question of [0-9-]+:" "$(cat "$TMP/out")"
check "still open" actions \
    "$(db "SELECT state FROM reports WHERE location = 'Ward F'")"
cat > "$TMP/close-no" <<EOF
expect Close anyway\\? \\[y/N\\]
line n
EOF
term 80 24 --script "$TMP/close-no" "$AER" --socket "$SOCK" close "$F" \
    --outcome "Mats fitted." > "$TMP/out"
check "on a terminal it asks; no keeps it open" actions \
    "$(db "SELECT state FROM reports WHERE location = 'Ward F'")"
receipt=$(sed -n 's/^ *Receipt: *//p' "$TMP/filed-Ward F")
printf '%s\n' "$receipt" > "$TMP/receipt"
aer reply --receipt-file "$TMP/receipt" --text "The second floor." \
    > /dev/null 2>&1 || echo "# the reply failed"
release_now
api GET /v1/queue
check "the reporter's reply is flagged in the queue" True \
    "$(jget '[c["reply_unanswered"] for c in v["cases"]
	if c["id"].startswith("'"$F"'")][0]')"
aer queue > "$TMP/out"
check_match "and marked R in aer queue" "^$F +R +actions" "$(cat "$TMP/out")"
aer close "$F" --outcome "Mats fitted." > "$TMP/out"
check_match "answered: it closes without asking" "Case closed" "$(cat "$TMP/out")"

finish
