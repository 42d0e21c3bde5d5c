# aer summary in a real terminal (tests/term.py, a pseudo-terminal of a
# set size) at 80 and 120 columns: every line fits; no label is cut (a
# long one wraps at spaces onto the lines under it and reads whole);
# harm that does not apply says so; the month still going on is marked;
# and a share withheld to protect a
# small count reads "hidden", a figure with nothing to count "-", never
# the old "-*" for both. Then the month as a range: --from and --to take
# YYYY-MM, as aerd's from= and to= do, and a bad one is named.
. "$TESTS_SRCDIR/lib.sh"
printf 'admin_groups = %s\nsuppression_threshold = 5\n' "$(id -gn)" \
    > "$TMP/aerd.conf"
start_aerd --config "$TMP/aerd.conf"
MONTH=$(date +%Y-%m)

# 9 reports: 4 near misses (harm does not apply) and 5 falls, no harm;
# the near misses hidden, and so the near-miss share.
file() {
	n=$1
	while [ "$n" -gt 0 ]; do
		post_json /v1/reports "$2"
		[ "$STATUS" = 201 ] || echo "# filing failed: $BODY" >&2
		n=$((n - 1))
	done
}
file 4 '{"event_type":"near_miss","category":"medication","occurred_at":"'"$(date +%F)"'","description":"Caught at the bedside.","urgent":true}'
file 5 '{"event_type":"incident","category":"fall","harm":"none","occurred_at":"'"$(date +%F)"'","description":"Slipped.","urgent":true}'

# widest FILE: the widest line, in characters.
widest() {
	python3 -c '
import sys
print(max(len(l) for l in open(sys.argv[1], encoding="utf-8").read().split("\n")))' "$1"
}
# joined FILE: the output with each wrapped label put back on one line:
# a line of 6 spaces and text goes on the label of the line above it
# (the text up to its first two spaces).
joined() {
	python3 -c '
import re, sys
out = []
for line in open(sys.argv[1], encoding="utf-8").read().split("\n"):
    m = re.match(r"      (\S.*)$", line)
    if m and out and out[-1].startswith("  "):
        prev = out[-1]
        cut = prev.find("  ", 2)
        cut = len(prev) if cut < 0 else cut
        out[-1] = prev[:cut] + " " + m.group(1) + prev[cut:]
    else:
        out.append(line)
print("\n".join(out))' "$1"
}
for cols in 80 120; do
	out="$TMP/summary.$cols"
	LC_ALL=C.UTF-8 python3 "$TESTS_SRCDIR/term.py" --cols "$cols" \
	    "$AER" --socket "$SOCK" summary --from "$MONTH" < /dev/null \
	    > "$out"
	check "aer summary at $cols columns exits 0" "EXIT 0" "$(tail -1 "$out")"
	w=$(widest "$out")
	check "at $cols columns, every line fits" "yes" \
	    "$([ "$w" -le "$cols" ] && echo yes || echo "no: $w")"
	check "at $cols columns, no label is cut short" 0 \
	    "$(grep -c "$(printf '\342\200\246')" "$out")"
	check "at $cols columns, the long labels read whole" "1 1" \
	    "$(joined "$out" | grep -c 'Cases with a stronger or intermediate action  ') $(joined "$out" | grep -c 'Near miss (did not reach the patient)  ')"
	check "at $cols columns, harm that does not apply is labelled so" 1 \
	    "$(joined "$out" | grep -c 'Does not apply (near miss or unsafe condition)  ')"
	check "at $cols columns, no '-*'" 0 "$(grep -c -- '-\*' "$out")"
	check_match "at $cols columns, the near-miss share is hidden, in words" \
	    "Near-miss share +hidden" "$(cat "$out")"
	check_match "at $cols columns, no RCA is a dash" \
	    "Median days to complete +-$" "$(cat "$out")"
done
# This month has not ended (unless today is its last day): it says so.
part=1
[ "$(date +%F)" = "$(date -d "$MONTH-01 +1 month -1 day" +%F)" ] && part=0
check "the month still going on is marked as part of one" "$part" \
    "$(grep -c "^  $MONTH (part) " "$TMP/summary.80")"
check "at 120 columns the long figure label takes one line" 1 \
    "$(grep -c 'Cases with a stronger or intermediate action  ' "$TMP/summary.120")"

# The month as a range, in aer and in aerd.
"$AER" --socket "$SOCK" summary --json --from "$MONTH" --to "$MONTH" \
    > "$TMP/m.json" 2>&1
check "--from and --to take a month: its first day to its last" \
    "$MONTH-01 $(date -d "$MONTH-01 +1 month -1 day" +%F)" \
    "$(jget 'v["from"] + " " + v["to"]' "$(cat "$TMP/m.json")")"
api GET "/v1/summary?from=$MONTH&to=$MONTH"
check "aerd's from= and to= take a month too" \
    "200 $MONTH-01 $(date -d "$MONTH-01 +1 month -1 day" +%F)" \
    "$STATUS $(jget 'v["from"] + " " + v["to"]')"
api GET "/v1/export?from=$MONTH&to=$MONTH"
check "and the export's" 200 "$STATUS"
api GET "/v1/summary?from=2026-13&to=$MONTH"
check "a month that is none is refused, naming from" \
    "422 invalid_value from" \
    "$STATUS $(jget 'v["error"]["code"] + " " + v["error"]["field"]')"
"$AER" --socket "$SOCK" summary --to 2026-6 > /dev/null 2> "$TMP/err"
check "aer names the flag of a bad month" "2 1" \
    "$? $(grep -c -- '--to 2026-6 is not a day or a month' "$TMP/err")"
"$AER" --socket "$SOCK" export --from 2026-00 > /dev/null 2> "$TMP/err"
check "aer export names it too" "2 1" \
    "$? $(grep -c -- '--from 2026-00 is not a day or a month' "$TMP/err")"

finish
