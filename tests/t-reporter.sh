# aer as a reporter meets it, in a real pseudo-terminal (tests/term.py) at
# 80 and 120 columns: a long description is not cut and text over its
# limit is kept to shorten; any answer can be changed from the review, and
# answers that cannot all be true are pointed out; Ctrl-C says nothing was
# sent; a receipt can be pasted whole, saved to a file of its own, and is
# said to be easy to mistype; aer reply shows the conversation first and
# refuses before the answer is typed when the report takes no more; status
# speaks in words; and a server that cannot be reached is said so, with
# the reporter's text given back. Reports are looked at in the inbox,
# where they wait for the release.
. "$TESTS_SRCDIR/lib.sh"
start_aerd
TERM_PY=$TESTS_SRCDIR/term.py
aer() { "$AER" --socket "$SOCK" "$@"; }
receipt_of() { sed -n 's/^ *Receipt: *//p' "$1"; }

# on_pty COLS SCRIPT [AER ARGS...]: aer on a pseudo-terminal COLS wide,
# driven by the term.py script in the file SCRIPT.
on_pty() {
	cols=$1 script=$2
	shift 2
	python3 "$TERM_PY" --cols "$cols" --timeout 60 --script "$script" \
	    "$AER" "$@"
}

# widest FILE FROM TO: the widest line of FILE between a line matching
# FROM and the next matching TO, terminal escapes left out.
widest() {
	python3 - "$1" "$2" "$3" <<'PY'
import re, sys
text = open(sys.argv[1], encoding="utf-8", errors="replace").read()
text = re.sub(r"\x1b\[[0-9;?]*[A-Za-z~]", "", text)
inside, width = False, 0
for line in text.split("\n"):
    if re.search(sys.argv[2], line):
        inside = True
    if inside:
        width = max(width, len(line))
        if re.search(sys.argv[3], line):
            inside = False
print(width)
PY
}

# fits DESCRIPTION COLS WIDTH: something was shown, no wider than COLS.
fits() {
	if [ "$3" -gt 0 ] && [ "$3" -le "$2" ]; then
		ok "$1 ($3)"
	else
		not_ok "$1" "$3 columns wide, at $2"
	fi
}

# in_inbox SQL-EXPR LOCATION: SQL-EXPR of the waiting report filed at
# LOCATION.
in_inbox() {
	db "SELECT $1 FROM inbox_reports WHERE location = '$2'"
}

# Pieces of a term.py script for the form: its first two questions,
# when and where up to the description, and what follows the description
# up to the review.
form_start() {	# TYPE CATEGORY
	cat <<EOF
expect What kind of event
line $1
expect What did it involve
line $2
EOF
}
form_where() {	# LOCATION
	cat <<EOF
expect When \\[today\\]
line today
expect Where did it happen
line $1
expect Up to 8000 characters
EOF
}
form_rest() {
	cat <<EOF
expect What was done immediately
line
expect What contributed
line
expect Your role
line
EOF
}

# 1. Text is not lost: one pasted line of 4,999 characters, past the
# terminal's 4,095, is filed whole, and the review fits the terminal.
long=$(python3 -c 'print(("abcd " * 1000).strip())')
for cols in 80 120; do
	{ form_start near_miss fall; form_where "Paste $cols"
	  printf 'line %s\nline\n' "$long"; form_rest
	  printf 'expect File this report\nline y\nexpect Save the receipt\nline\n'
	} > "$TMP/paste.$cols"
	on_pty "$cols" "$TMP/paste.$cols" --socket "$SOCK" report \
	    > "$TMP/paste.$cols.out" 2>&1
	check_match "$cols columns: a long pasted line is filed" "EXIT 0" \
	    "$(tail -n 1 "$TMP/paste.$cols.out")"
	check "$cols columns: all 4999 characters of it" 4999 \
	    "$(in_inbox 'length(description)' "Paste $cols")"
	check_match "$cols columns: the review says how long it is" \
	    "\\(4999 characters in all\\)" "$(cat "$TMP/paste.$cols.out")"
	fits "$cols columns: the review fits" "$cols" \
	    "$(widest "$TMP/paste.$cols.out" "^The report" "^File this")"
done

# Characters, not bytes: 4,500 "ö" are 9,000 bytes and well in the limit.
oe=$(python3 -c 'print("\u00f6" * 4500)')
{ form_start near_miss fall; form_where "Umlaut"
  printf 'line %s\nline\n' "$oe"; form_rest
  printf 'expect File this report\nline y\nexpect Save the receipt\nline\n'
} > "$TMP/oe"
on_pty 80 "$TMP/oe" --socket "$SOCK" report > "$TMP/oe.out" 2>&1
check "4500 ö through the form: all filed" 4500 \
    "$(in_inbox 'length(description)' Umlaut)"
aer report --type near_miss --category fall --occurred today \
    --location "Umlaut flag" --description "$oe" > /dev/null 2>&1
check "4500 ö with --description: filed" 4500 \
    "$(in_inbox 'length(description)' 'Umlaut flag')"
aer report --type near_miss --category fall --occurred today \
    --description "$(python3 -c 'print("\u00f6" * 8001)')" \
    > /dev/null 2> "$TMP/err"
check_match "8001 ö: refused, counted in characters" \
    "8001 characters; the limit is 8000" "$(cat "$TMP/err")"
post_json /v1/reports "{\"event_type\":\"near_miss\",\"category\":\"fall\",\"occurred_at\":\"2026-01-02\",\"description\":\"$(python3 -c 'print("\u00f6" * 8001)')\"}"
check_match "and aerd counts the same" "8001 characters long; the limit is 8000" \
    "$BODY"

# Over the limit: nothing is thrown away. Kept to the limit, the end left
# out is shown; or handed back, shortened with Backspace.
over=$(python3 -c 'print("x" * 8090 + "TAILEND")')
{ form_start near_miss fall; form_where "Over cut"
  printf 'line %s\nline\n' "$over"
  printf 'expect Keep only the first 8000\nline y\n'; form_rest
  printf 'expect File this report\nline y\nexpect Save the receipt\nline\n'
} > "$TMP/over"
on_pty 80 "$TMP/over" --socket "$SOCK" report > "$TMP/over.out" 2>&1
check_match "over the limit: says by how much" \
    "That is 8097 characters; the limit is 8000, so it is 97 too many" \
    "$(cat "$TMP/over.out")"
check_match "and that nothing is lost" "Nothing you typed is lost" \
    "$(cat "$TMP/over.out")"
check_match "cut to the limit, the end left out is shown" \
    "Left out, to copy if you want it:.*x*TAILEND" \
    "$(tr -d '\n' < "$TMP/over.out")"
check "and 8000 characters are filed" 8000 \
    "$(in_inbox 'length(description)' 'Over cut')"
{ form_start near_miss fall; form_where "Over edit"
  printf 'line %s\nline\n' "$over"
  # The Backspaces only once the description is asked again: typed
  # while the terminal is still in line mode, they would erase nothing.
  printf 'expect Keep only the first 8000\nline n\n'
  printf 'expect Shorten it below[\\s\\S]*Up to 8000 characters\n'
  printf 'send %s\nline\nline\n' "$(python3 -c 'print("\\x7f" * 150)')"
  form_rest
  printf 'expect File this report\nline y\nexpect Save the receipt\nline\n'
} > "$TMP/edit"
on_pty 80 "$TMP/edit" --socket "$SOCK" report > "$TMP/edit.out" 2>&1
check "handed back and shortened: 150 fewer are filed" 7947 \
    "$(in_inbox 'length(description)' 'Over edit')"

# 2. Fix before filing. A near miss that "reached the patient": pointed
# out, then changed by its number.
for cols in 80 120; do
	{ form_start near_miss medication
	  printf 'expect NCC MERP\nline C\n'; form_where "Merp $cols"
	  printf 'line Wrong strength drawn up.\nline\n'; form_rest
	  printf 'expect File it as it is\nline 3\n'
	  printf 'expect (?s)MERP category.*NCC MERP\nline B\n'
	  printf 'expect File this report\nline y\nexpect Save the receipt\nline\n'
	} > "$TMP/merp.$cols"
	on_pty "$cols" "$TMP/merp.$cols" --socket "$SOCK" report \
	    > "$TMP/merp.$cols.out" 2>&1
	check_match "$cols columns: a near miss with MERP C is pointed out" \
	    "disagree:.*Near miss.*C: reached the patient" \
	    "$(tr -d '\n' < "$TMP/merp.$cols.out")"
	check "$cols columns: changed by its number, MERP B is filed" \
	    "near_miss|B" "$(in_inbox 'event_type, merp_category' "Merp $cols")"
	fits "$cols columns: the review and the warning fit" "$cols" \
	    "$(widest "$TMP/merp.$cols.out" "^The report" "^File ")"
done

# No harm, and MERP I "contributed to death": pointed out; the harm is
# changed (and urgency offered for a death); an event type changed to an
# incident asks the harm.
{ form_start incident medication
  printf 'expect How much harm\nline none\nexpect NCC MERP\nline I\n'
  form_where "Harm"; printf 'line Overdose.\nline\n'; form_rest
  printf 'expect File it as it is\nline 3\n'
  printf 'expect (?s)harm came.*How much harm\nline death\n'
  printf 'expect Make it urgent\nline n\n'
  printf 'expect File this report\nline y\nexpect Save the receipt\nline\n'
} > "$TMP/harm"
on_pty 80 "$TMP/harm" --socket "$SOCK" report > "$TMP/harm.out" 2>&1
check_match "no harm with MERP I is pointed out" \
    "disagree:.*No harm.*I: contributed to death" \
    "$(tr -d '\n' < "$TMP/harm.out")"
check "the harm changed is filed" "death|I" \
    "$(in_inbox 'harm, merp_category' Harm)"
{ form_start near_miss fall; form_where "Kind"
  printf 'line Slipped.\nline\n'; form_rest
  printf 'expect File this report\nline 1\n'
  printf 'expect (?s)kind of event.*kind of event\nline incident\n'
  printf 'expect How much harm\nline mild\n'
  printf 'expect (?s)File this report.*File this report\nline y\n'
  printf 'expect Save the receipt\nline\n'
} > "$TMP/kind"
on_pty 80 "$TMP/kind" --socket "$SOCK" report > "$TMP/kind.out" 2>&1
check "a near miss changed to an incident asks the harm" "incident|mild" \
    "$(in_inbox 'event_type, harm' Kind)"

# The same with flags, on a terminal: pointed out and asked.
n=$(reports_count)
printf 'expect File it as it is\nline n\n' > "$TMP/odd"
on_pty 80 "$TMP/odd" --socket "$SOCK" report --type near_miss \
    --category medication --merp C --occurred today --description "Odd." \
    > "$TMP/odd.out" 2>&1
check_match "flags: a near miss with MERP C is pointed out" \
    "disagree:.*near_miss.*reached the patient" \
    "$(tr -d '\n' < "$TMP/odd.out")"
check "and, declined, not filed" "$n" "$(reports_count)"

# Not filing is asked twice; Ctrl-C says nothing was sent.
n=$(reports_count)
{ form_start near_miss fall; form_where "Never"
  printf 'line Nothing.\nline\n'; form_rest
  printf 'expect File this report\nline n\nexpect Not file it\nline y\n'
} > "$TMP/no"
on_pty 80 "$TMP/no" --socket "$SOCK" report > "$TMP/no.out" 2>&1
check_match "n: asked whether to lose what was typed" \
    "Not file it\\? What you typed will be lost" "$(cat "$TMP/no.out")"
{ form_start incident fall; printf 'expect How much harm\nctrl-c\n'
} > "$TMP/intr"
on_pty 80 "$TMP/intr" --socket "$SOCK" report > "$TMP/intr.out" 2>&1
check_match "Ctrl-C in the form says nothing was sent" \
    "Cancelled: nothing was sent" "$(cat "$TMP/intr.out")"
{ form_start near_miss fall; form_where "Never"
  printf 'send Half a sent\nctrl-c\n'
} > "$TMP/intr2"
on_pty 80 "$TMP/intr2" --socket "$SOCK" report > "$TMP/intr2.out" 2>&1
check_match "and in the middle of the description too" \
    "Cancelled: nothing was sent" "$(cat "$TMP/intr2.out")"
check "and nothing was filed" "$n" "$(reports_count)"

# 3. Receipts: saved to a file of its own, 0600, never written over.
cat > "$TMP/save" <<EOF
expect Save the receipt
line $TMP/receipt.txt
expect aer status --receipt-file
EOF
on_pty 80 "$TMP/save" --socket "$SOCK" report --type near_miss \
    --category fall --occurred today --location "Saved" \
    --description "Bed rail down." > "$TMP/save.out" 2>&1
RECEIPT=$(receipt_of "$TMP/save.out" | tr -d '\r')
check "the receipt is saved to the file named" "$RECEIPT" \
    "$(cat "$TMP/receipt.txt")"
check "readable by its owner alone" 600 "$(stat -c %a "$TMP/receipt.txt")"
check_match "with how to keep it" "not in a shared document" \
    "$(tr -d '\n' < "$TMP/save.out")"
aer status --receipt-file "$TMP/receipt.txt" > "$TMP/st" 2>&1
check_match "and aer status reads it" "status: new" "$(cat "$TMP/st")"
cat > "$TMP/save2" <<EOF
expect Save the receipt
line $TMP/receipt.txt
expect already exists
line
EOF
on_pty 80 "$TMP/save2" --socket "$SOCK" report --type near_miss \
    --category fall --occurred today --description "Rail." \
    > "$TMP/save2.out" 2>&1
check_match "an existing file is not written over" "EXIT 0" \
    "$(tail -n 1 "$TMP/save2.out")"
check "and keeps its receipt" "$RECEIPT" "$(cat "$TMP/receipt.txt")"

# The whole line shown at filing can be pasted, at the prompt or piped.
printf 'expect Receipt:\nline     Receipt:  %s\n' "$RECEIPT" > "$TMP/paste-r"
on_pty 80 "$TMP/paste-r" --socket "$SOCK" status > "$TMP/pr.out" 2>&1
check_match "'Receipt:  XXXX-...' pasted at the prompt" "status: new" \
    "$(cat "$TMP/pr.out")"
printf 'Receipt:  %s\n' "$RECEIPT" | aer status > "$TMP/pr2.out" 2>&1
check_match "and piped in" "status: new" "$(cat "$TMP/pr2.out")"

# One character wrong: receipts have no check character, so the answer is
# not found, with a hint that it is easy to mistype.
last=$(printf '%s' "$RECEIPT" | tail -c 1)
[ "$last" = 7 ] && sub=8 || sub=7
wrong=$(printf '%s' "$RECEIPT" | sed "s/.\$/$sub/")
printf '%s\n' "$wrong" | aer status > "$TMP/wr" 2>&1
check_match "one wrong character: not found" "no report matches" \
    "$(cat "$TMP/wr")"
check_match "and said to be easy to mistype" "easy to mistype" \
    "$(cat "$TMP/wr")"
printf '%s\n' "$(printf '%s' "$RECEIPT" | sed 's/^./U/')" | aer status \
    > "$TMP/wu" 2>&1
check_match "a U, which no receipt holds, is pointed out" \
    "never hold the letter U" "$(cat "$TMP/wu")"

# 4. Follow-up: reply shows the conversation, then asks; status in words.
post_json /v1/reports "$SAMPLE"
R1=$(jget 'v["receipt"]') ID1=$(jget 'v["id"]')
post_json "/v1/reports/$ID1/messages" '{"text":"Which drawer held the insulin?"}'
post_json "/v1/reports/$ID1/triage" '{"severity":"minor","probability":"remote"}'
cat > "$TMP/reply" <<EOF
expect Receipt:
line $R1
expect Your answer
line The top drawer.
line
EOF
on_pty 80 "$TMP/reply" --socket "$SOCK" reply > "$TMP/reply.out" 2>&1
check_match "aer reply: sent" "Reply sent" "$(cat "$TMP/reply.out")"
check_match "after showing the question, then asking" \
    "Which drawer held the insulin\\?.*Your answer" \
    "$(tr -d '\n' < "$TMP/reply.out")"
printf '%s\n' "$R1" | aer status > "$TMP/st1"
check_match "status in words" "status: in review by the patient-safety team" \
    "$(cat "$TMP/st1")"
check "not the code" 0 "$(grep -c in_review "$TMP/st1")"
printf '%s\n' "$R1" | aer --json status > "$TMP/st1.json"
check "--json keeps the code" in_review "$(jget 'v["status"]' "$(cat "$TMP/st1.json")")"

post_json /v1/reports "$SAMPLE"
R2=$(jget 'v["receipt"]') ID2=$(jget 'v["id"]')
post_json "/v1/reports/$ID2/triage" \
    '{"severity":"minor","probability":"remote","blameworthy":true}'
printf '%s\n' "$R2" | aer status > "$TMP/st2"
check_match "referred: explained for a reporter" \
    "referred to another process.*right thing to do.*stays anonymous" \
    "$(tr -d '\n' < "$TMP/st2")"
printf 'expect Receipt:\nline %s\n' "$R2" > "$TMP/reply2"
on_pty 80 "$TMP/reply2" --socket "$SOCK" reply > "$TMP/reply2.out" 2>&1
check_match "a reply to a referred report: refused" "takes no more replies" \
    "$(cat "$TMP/reply2.out")"
check "before the answer is asked for" 0 \
    "$(grep -c 'Your answer' "$TMP/reply2.out")"

# 5. A server that cannot be reached, on a socket and at a URL: said in
# words to pass on, and the text typed is given back. The stand-in
# server answers the taxonomy once and is gone when the report is sent.
api GET /v1/taxonomy
printf '%s' "$BODY" > "$TMP/taxonomy.json"
cat > "$TMP/once.py" <<'PY'
import socket, sys
kind, where, body = sys.argv[1], sys.argv[2], open(sys.argv[3], "rb").read()
if kind == "unix":
    s = socket.socket(socket.AF_UNIX)
    s.bind(where)
else:
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    open(where, "w").write(str(s.getsockname()[1]))
s.listen(1)
sys.stdout.write("ready\n")
sys.stdout.flush()
c, _ = s.accept()
c.recv(65536)
c.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
    b"Connection: close\r\nContent-Length: " + str(len(body)).encode() +
    b"\r\n\r\n" + body)
c.close()
s.close()
PY
for where in socket url; do
	rm -f "$TMP/once.sock" "$TMP/once.port" "$TMP/ready"
	if [ $where = socket ]; then
		python3 "$TMP/once.py" unix "$TMP/once.sock" "$TMP/taxonomy.json" \
		    > "$TMP/ready" &
		once=$!
		set -- --socket "$TMP/once.sock"
	else
		python3 "$TMP/once.py" tcp "$TMP/once.port" "$TMP/taxonomy.json" \
		    > "$TMP/ready" &
		once=$!
	fi
	i=0
	while [ ! -s "$TMP/ready" ] && [ $i -lt 100 ]; do
		sleep 0.05
		i=$((i + 1))
	done
	[ $where = url ] && set -- --url "http://127.0.0.1:$(cat "$TMP/once.port")"
	{ form_start near_miss fall; form_where "Lost $where"
	  printf 'line The pump alarm was silenced.\nline\n'; form_rest
	  printf 'expect File this report\nline y\n'
	} > "$TMP/gone"
	on_pty 80 "$TMP/gone" "$@" report > "$TMP/gone.$where" 2>&1
	kill "$once" 2>/dev/null
	wait "$once" 2>/dev/null
	check_match "$where: the server gone is said in a nurse's words" \
	    "aer cannot reach the reporting server at [^ ]*: it (is not running|does not answer).*ask IT\\..*Nothing was sent, so the report was not filed; your text" \
	    "$(tr '\n' ' ' < "$TMP/gone.$where")"
	check "$where: that it cannot reach the server is said once" 1 \
	    "$(grep -c 'cannot reach' "$TMP/gone.$where")"
	check "$where: that the report was not filed is said once" 1 \
	    "$(grep -c 'not filed' "$TMP/gone.$where")"
	check_match "$where: and the text is below" \
	    "your text.*is below.*What happened:.*The pump alarm was silenced" \
	    "$(tr -d '\n' < "$TMP/gone.$where")"
done
printf 'expect cannot\n' > "$TMP/nostart"
on_pty 80 "$TMP/nostart" --socket "$TMP/none.sock" report \
    > "$TMP/nostart.out" 2>&1
check_match "no server at the start: the form does not begin" \
    "aer cannot reach the reporting server at .*none.sock: it is not running.*The form cannot start; nothing was sent\\." \
    "$(tr '\n' ' ' < "$TMP/nostart.out")"
check "and says it cannot reach the server once" 1 \
    "$(grep -c 'cannot reach' "$TMP/nostart.out")"

finish
