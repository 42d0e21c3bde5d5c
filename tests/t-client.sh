# aer against a real aerd: filing with flags, from JSON and through the
# guided form; following with a receipt; and the errors a user sees.
# What is filed waits for a release, brought forward here in aerd's test
# build (release_now) to look at what was stored.
AERD=${AERD_CLOCK:?AERD_CLOCK must name tests/aerd-clock (make check sets it)}
. "$TESTS_SRCDIR/lib.sh"
export AERD_TEST_CLOCK="$TMP/clock"
start_aerd
aer() { "$AER" --socket "$SOCK" "$@"; }
receipt_of() { sed -n 's/^ *Receipt: *//p' "$1"; }

# Filing with flags.
aer report --type near_miss --category medication --harm none --merp B \
    --occurred today --location "4 West" \
    --description "Insulin drawn up for the wrong patient." \
    --immediate "Dose discarded." --factor communication \
    --factor fatigue_scheduling --role nurse > "$TMP/out" 2>&1
check "aer report with flags exits 0" 0 $?
RECEIPT=$(receipt_of "$TMP/out")
check_match "it prints the receipt" '^([0-9A-Z]{4}-){4}[0-9A-Z]{4}$' "$RECEIPT"
check_match "and says to keep it private" "Keep this receipt private" "$(cat "$TMP/out")"
release_now
check "the report is stored as given" \
    "near_miss|medication|none|B|$(date +%Y-%m-%d)|4 West|Insulin drawn up for the wrong patient.|Dose discarded.|nurse" \
    "$(db "SELECT event_type, category, harm, merp_category, occurred_at, location, description, immediate_actions, reporter_role FROM reports")"
check "with its factors" "communication,fatigue_scheduling" \
    "$(db "SELECT group_concat(factor) FROM (SELECT factor FROM report_factors ORDER BY factor)")"

# Following it: from standard input, from a file, in JSON.
printf '%s\n' "$RECEIPT" | aer status > "$TMP/status" 2>&1
check "aer status exits 0" 0 $?
check_match "it shows the status" "status: new" "$(cat "$TMP/status")"
printf '%s\n' "$RECEIPT" | tr 'A-Z' 'a-z' > "$TMP/receipt"
aer status --receipt-file "$TMP/receipt" > "$TMP/status2" 2>&1
check "aer status --receipt-file, lower case" 0 $?
check_match "shows the same report" "status: new" "$(cat "$TMP/status2")"
printf '%s\n' "$RECEIPT" | aer --json status > "$TMP/status.json"
check "aer --json status gives the status as JSON" new \
    "$(jget 'v["status"]' "$(cat "$TMP/status.json")")"

# A description from standard input, and --json output.
printf 'Line one.\nLine two.\n' | aer --json report --type unsafe_condition \
    --category device --occurred yesterday --description - > "$TMP/filed.json"
check "a description read from stdin" 0 $?
ID=$(jget 'v["id"]' "$(cat "$TMP/filed.json")")
release_now
check "keeps its lines" "Line one.
Line two." "$(db "SELECT description FROM reports WHERE id = '$ID'")"

# From a JSON file.
printf '%s' "$SAMPLE" > "$TMP/report.json"
aer report --json-file "$TMP/report.json" > "$TMP/out3" 2>&1
check "aer report --json-file" 0 $?
check "three reports stored" 3 "$(reports_count)"

# The guided form, answered through a pseudo-terminal.
python3 - "$AER" "$SOCK" > "$TMP/form.out" 2>&1 <<'PY'
import os, pty, sys, time
answers = [
    "near_miss", "fall", "today", "Ward 7",
    "Patient found on the floor beside the bed.", "Call bell out of reach.", "",
    "", "environment_equipment", "nurse", "y", "",
]
pid, fd = pty.fork()
if pid == 0:
    os.execv(sys.argv[1], [sys.argv[1], "--socket", sys.argv[2], "report"])
out = b""
deadline = time.time() + 20
for a in answers:
    os.write(fd, (a + "\n").encode())
while time.time() < deadline:
    try:
        chunk = os.read(fd, 4096)
    except OSError:
        break
    if not chunk:
        break
    out += chunk
_, status = os.waitpid(pid, 0)
sys.stdout.write(out.decode(errors="replace"))
print("\nEXIT", os.waitstatus_to_exitcode(status))
PY
check_match "the guided form files a report" "EXIT 0" "$(tail -n 1 "$TMP/form.out")"
check_match "and shows the receipt" "Receipt: +([0-9A-Z]{4}-){4}" "$(cat "$TMP/form.out")"
release_now
check "the form's answers are stored" \
    "near_miss|fall|Ward 7|Patient found on the floor beside the bed.
Call bell out of reach.|environment_equipment|nurse" \
    "$(db "SELECT r.event_type, r.category, r.location, r.description, f.factor, r.reporter_role FROM reports r JOIN report_factors f ON f.report_id = r.id WHERE r.location = 'Ward 7'")"

# A description on the command line is in the process list and the
# shell's history: on a terminal, aer says so and names the way out.
python3 - "$AER" "$SOCK" > "$TMP/argv.out" 2>&1 <<'PY'
import os, pty, sys
pid, fd = pty.fork()
if pid == 0:
    os.execv(sys.argv[1], [sys.argv[1], "--socket", sys.argv[2], "report",
        "--type", "near_miss", "--category", "fall", "--occurred", "today",
        "--description", "Bed rail left down."])
os.write(fd, b"\n")    # no file for the receipt
out = b""
while True:
    try:
        chunk = os.read(fd, 4096)
    except OSError:
        break
    if not chunk:
        break
    out += chunk
os.waitpid(pid, 0)
sys.stdout.write(out.decode(errors="replace"))
PY
check_match "--description TEXT on a terminal: a note on the process list" \
    "other users can see a --description.*--description - reads it" \
    "$(tr -d '\r\n' < "$TMP/argv.out")"
aer report --type near_miss --category fall --occurred today \
    --description "Bed rail left down." > /dev/null 2> "$TMP/err"
check "and none when standard error is not a terminal" "" "$(cat "$TMP/err")"

# on_terminal ANSWERS ARGS...: aer ARGS on a pseudo-terminal, ANSWERS
# typed ahead; what it wrote, then "EXIT status".
cat > "$TMP/on-terminal.py" <<'PY'
import os, pty, sys
pid, fd = pty.fork()
if pid == 0:
    os.execv(sys.argv[2], sys.argv[2:])
os.write(fd, sys.argv[1].encode())
out = b""
while True:
    try:
        chunk = os.read(fd, 4096)
    except OSError:
        break
    if not chunk:
        break
    out += chunk
_, status = os.waitpid(pid, 0)
sys.stdout.write(out.decode(errors="replace").replace("\r", ""))
print("\nEXIT", os.waitstatus_to_exitcode(status))
PY
on_terminal() {
	answers=$1
	shift
	python3 "$TMP/on-terminal.py" "$answers" "$AER" --socket "$SOCK" "$@"
}

# The form's review points out the answers that could point to the
# reporter together, and drops the ones asked.
on_terminal 'near_miss
fall
2025-11-20 14:30
Ward 9
Bed alarm was switched off.



nurse
x
rt
y

' report > "$TMP/review.out" 2>&1
check_match "the review files the report" "EXIT 0" "$(tail -n 1 "$TMP/review.out")"
check_match "it points out role, location and time together" \
    "could point to you together:.*role: Nurse, location: Ward 9, time: 14:30" \
    "$(tr -d '\n' < "$TMP/review.out")"
check_match "and offers to drop each" "File this report\? \[Y/n/r/l/t/number\]" \
    "$(cat "$TMP/review.out")"
check_match "an answer that is not one is asked again" \
    "Please answer y or n, or a number .*, or r, l or t to drop an answer" \
    "$(cat "$TMP/review.out")"
check_match "what is left is shown again" \
    "could help point to you:.*location: Ward 9\." \
    "$(tr -d '\n' < "$TMP/review.out")"
release_now
check "role and time dropped, the day and the location kept" \
    "2025-11-20|Ward 9|" \
    "$(db "SELECT occurred_at, location, reporter_role FROM reports WHERE location = 'Ward 9'")"

# Harm severe or worse: the form offers urgency, saying what it costs.
on_terminal 'incident
fall
severe
today
Ward 10
Found on the floor, hip fracture.




n
y

' report > "$TMP/severe.out" 2>&1
check_match "severe harm: the form files the report" "EXIT 0" \
    "$(tail -n 1 "$TMP/severe.out")"
check_match "after offering urgency" "Make it urgent\? \[y/N\]" \
    "$(cat "$TMP/severe.out")"
check_match "and saying it shows the reviewers when it was filed" \
    "shown to the reviewers at once.*when it was filed" \
    "$(tr -d '\n' < "$TMP/severe.out")"
release_now
check "declined, it is filed as any other" "severe" \
    "$(db "SELECT harm FROM reports WHERE location = 'Ward 10'")"
on_terminal 'near_miss
fall
today
Ward 11
Wet floor.




y

' report > "$TMP/mild.out" 2>&1
check "no harm: urgency is not offered" 0 \
    "$(grep -c "urgent" "$TMP/mild.out")"

# --urgent from flags: the warning, and on a terminal the question.
before=$(reports_count)
on_terminal 'n
' report --type incident --category fall --harm severe --occurred today \
    --description "Found on the floor." --urgent > "$TMP/urgent.out" 2>&1
check_match "--urgent on a terminal, declined: not filed" "EXIT 1" \
    "$(tail -n 1 "$TMP/urgent.out")"
check_match "after the warning and the question" \
    "shown to the reviewers at once.*File it as urgent\? \[y/N\].*Not filed" \
    "$(tr -d '\n' < "$TMP/urgent.out")"
check "nothing was stored" "$before" "$(reports_count)"
aer report --type incident --category fall --harm severe --occurred today \
    --description "Found on the floor." --urgent < /dev/null \
    > /dev/null 2> "$TMP/err"
check_match "--urgent without a terminal: the warning on stderr" \
    "^aer: An urgent report is shown to the reviewers at once" \
    "$(cat "$TMP/err")"
aer report --codes --urgent > /dev/null 2>&1
check "--urgent with --codes is a usage error" 2 $?

# now is the hour, not the minute.
aer --json report --type near_miss --category fall --occurred now \
    --description "Cot side down." > "$TMP/now.json"
ID=$(jget 'v["id"]' "$(cat "$TMP/now.json")")
release_now
check_match "--occurred now is stored as the hour" \
    "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:00$" \
    "$(db "SELECT occurred_at FROM reports WHERE id = '$ID'")"

# Errors a user sees: a sentence, the field, a non-zero exit.
before=$(reports_count)
aer report --type near_miss --category cafeteria --occurred today \
    --description x > "$TMP/err" 2>&1
check "a bad category is a usage error" 2 $?
check_match "and names the flag, with the codes it takes" \
    "^aer: --category cafeteria is not one of blood, .*fall.* or other$" \
    "$(head -n 1 "$TMP/err")"
check_match "and says where their meanings are" "aer report --codes" \
    "$(cat "$TMP/err")"
aer report --type near-miss --category fall --occurred today \
    --description x > "$TMP/err" 2>&1
check "--type near-miss is a usage error" 2 $?
check_match "--type near-miss: did you mean near_miss" \
    "^aer: --type near-miss is not one of incident, near_miss or unsafe_condition; did you mean near_miss\\?$" \
    "$(head -n 1 "$TMP/err")"
for flag in "--harm nnoe:none" "--merp c:C" "--factor comunication:communication" \
    "--role nures:nurse"; do
	set -- ${flag%:*}
	[ "$1" = --harm ] || set -- "$@" --harm none
	aer report --type incident --category medication --occurred today \
	    --description x "$@" > "$TMP/err" 2>&1
	check "$1 $2 is a usage error" 2 $?
	check_match "$1 $2: did you mean ${flag#*:}" \
	    "^aer: $1 $2 is not one of .*; did you mean ${flag#*:}\\?$" \
	    "$(head -n 1 "$TMP/err")"
done
printf '%s' '{"event_type":"near-miss","category":"fall","occurred_at":"2026-01-20","description":"x"}' \
    > "$TMP/typo.json"
aer report --json-file "$TMP/typo.json" > "$TMP/err" 2>&1
check "a JSON file with a mistyped code exits 1" 1 $?
check_match "and names its member, with the nearest code" \
    "^aer: event_type near-miss is not one of .*; did you mean near_miss\\?$" \
    "$(head -n 1 "$TMP/err")"
aer --json report --json-file "$TMP/typo.json" > "$TMP/err" 2>/dev/null
check "with --json, aerd's error as it is" "event_type" \
    "$(jget 'v["error"]["field"]' "$(cat "$TMP/err")")"
aer report --type near_miss --category fall --occurred 2999-01-01 \
    --description x > "$TMP/err" 2>&1
check "a future date exits 1" 1 $?
check_match "and says so" "future" "$(cat "$TMP/err")"
check "nothing was stored" "$before" "$(reports_count)"
aer report --type near_miss --bogus > /dev/null 2>&1
check "an unknown flag is a usage error" 2 $?

echo 0000-0000-0000-0000-0000 | aer status > "$TMP/err" 2>&1
check "an unknown receipt exits 1" 1 $?
check_match "and says no report matches" "no report matches" "$(cat "$TMP/err")"
echo 1234 | aer status > "$TMP/err" 2>&1
check "a malformed receipt exits 1" 1 $?
check_match "and describes a receipt" "20 letters and digits" "$(cat "$TMP/err")"

echo 0000-0000-0000-0000-0000 | "$AER" --socket "$TMP/none.sock" status \
    > "$TMP/err" 2>&1
check "no daemon: aer status exits 1" 1 $?
check_match "and names the socket, in words to pass on" \
    "^aer cannot reach the reporting server at .*none.sock: it is not running \\(.*\\)\\. Try again in a while; if it goes on, ask IT\\.$" \
    "$(cat "$TMP/err")"
"$AER" --socket "$TMP/none.sock" report --type near_miss --category fall \
    --occurred today --description x > "$TMP/err" 2>&1
check "no daemon: exit 1" 1 $?
check_match "no daemon: a sentence naming the socket" \
    "^aer cannot reach the reporting server at .*none.sock: it is not running" \
    "$(cat "$TMP/err")"
check "and said once" 1 "$(grep -c 'cannot reach' "$TMP/err")"

for cmd in report status; do
	"$AER" "$cmd" --help > "$TMP/help" 2>&1
	check "aer $cmd --help exits 0" 0 $?
	check_match "aer $cmd --help shows usage" "usage: aer $cmd" "$(cat "$TMP/help")"
done
"$AER" help report > "$TMP/help" 2>&1
check_match "aer help report" "--description" "$(cat "$TMP/help")"
check_match "aer --version" "^aer [0-9]" "$("$AER" --version)"

# The receipt never appears in the daemon's log.
check "no receipt in aerd's log" 0 "$(grep -c "$RECEIPT" "$LOG")"

# The committee's ranges in months: from the first day of one to the
# last day of the other.
stop_aerd
printf 'admin_groups = %s\n' "$(id -gn)" > "$TMP/aerd.conf"
start_aerd --config "$TMP/aerd.conf"
aer --json summary --from 2024-01 --to 2024-02 > "$TMP/summary.json"
check "aer summary --from 2024-01 --to 2024-02 exits 0" 0 $?
check "asks aerd for 2024-01-01 to 2024-02-29" "2024-01-01 2024-02-29" \
    "$(jget 'v["from"] + " " + v["to"]' "$(cat "$TMP/summary.json")")"
aer export --format html --from 2026-06 --to 2026-11 -o "$TMP/s.html" \
    > /dev/null 2>&1
check "aer export --from 2026-06 --to 2026-11 exits 0" 0 $?
check_match "and covers 2026-06-01 to 2026-11-30" "2026-06-01.*2026-11-30" \
    "$(tr -d '\n' < "$TMP/s.html")"
aer summary --from 2026-13 > /dev/null 2> "$TMP/err"
check "a month that is not one is a usage error" 2 $?
check_match "and says what is taken" "YYYY-MM-DD or YYYY-MM" "$(cat "$TMP/err")"

finish
