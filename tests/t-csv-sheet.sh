# The export's CSV as a spreadsheet opens it. The formula guard: what a
# spreadsheet would run gets a leading quote (=, @, tab, CR; a - or +
# before anything but a space or a digit; and a - or + before a space or
# digit too when a "(", "|" or "!" follows, as in -1+cmd|' /C calc'!A0
# or -2+HYPERLINK(...)), and a narrative's "- dose held", "+2 units" or
# "-5 mg" is left as written. Column labels for people (headers=labels,
# --headers labels) and a UTF-8 byte-order mark for Excel (bom=1,
# --bom), for the reviewer's rows and the committee's tables alike; the
# rows are the same with or without them; both are CSV's only.
. "$TESTS_SRCDIR/lib.sh"
printf 'admin_groups = %s\n' "$(id -gn)" > "$TMP/aerd.conf"
PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
start_aerd --config "$TMP/aerd.conf" --listen "127.0.0.1:$PORT"
TODAY=$(date +%F)

# Each narrative in a report of its own; its category says which.
i=0
while IFS= read -r text; do
	i=$((i + 1))
	post_json /v1/reports "$(python3 -c '
import json, sys
print(json.dumps({"event_type": "near_miss", "category": "other",
    "occurred_at": sys.argv[2], "description": sys.argv[1],
    "location": "case %s" % sys.argv[3], "urgent": True}))' "$text" "$TODAY" "$i")"
	[ "$STATUS" = 201 ] || echo "# filing failed: $BODY" >&2
done <<'TEXTS'
- dose held, pharmacy called
+2 units given instead of 1
-5 mg on the chart, 5 mg given
-1+cmd|' /C calc'!A0
-2+HYPERLINK("http://x")
+ (see note)
-x
+A1
=1+1
@SUM(A1)
Plain text
TEXTS

"$CURL" -s --unix-socket "$SOCK" -o "$TMP/rows.csv" \
    "http://aerd/v1/export?from=$TODAY&to=$TODAY"
# cells: "case N=description" for each report, in case order.
cells() {
	python3 -c '
import csv, sys
f = open(sys.argv[1], newline="", encoding="utf-8-sig")
rows = list(csv.DictReader(f))
key = sys.argv[2] if len(sys.argv) > 2 else "description"
loc = sys.argv[3] if len(sys.argv) > 3 else "location"
out = sorted(rows, key=lambda r: int(r[loc].split()[1]))
print("\n".join(r[key] for r in out))' "$@"
}
cells "$TMP/rows.csv" > "$TMP/cells"
check "a narrative's '- ', '+2' and '-5' are left as written" \
    "- dose held, pharmacy called|+2 units given instead of 1|-5 mg on the chart, 5 mg given" \
    "$(sed -n 1,3p "$TMP/cells" | paste -sd'|')"
check "a - or + then a digit with a pipe or a bracket after is guarded" \
    "'-1+cmd|' /C calc'!A0|'-2+HYPERLINK(\"http://x\")|'+ (see note)" \
    "$(sed -n 4,6p "$TMP/cells" | paste -sd'|')"
check "a - or + before a letter, =, @ are guarded; plain text is not" \
    "'-x|'+A1|'=1+1|'@SUM(A1)|Plain text" \
    "$(sed -n 7,11p "$TMP/cells" | paste -sd'|')"

# Labels and the byte-order mark, through aerd and through aer.
"$CURL" -s --unix-socket "$SOCK" -o "$TMP/lab.csv" \
    "http://aerd/v1/export?from=$TODAY&to=$TODAY&headers=labels&bom=1"
check "bom=1: the file begins with a UTF-8 byte-order mark" "efbbbf" \
    "$(head -c 3 "$TMP/lab.csv" | od -An -tx1 | tr -d ' \n')"
check "headers=labels: the first line is for people" \
    "Report ID,Received on,State,Event type,Category" \
    "$(head -1 "$TMP/lab.csv" | tail -c +4 | cut -d, -f1-5)"
check "and the rows are the same" \
    "$(tail -n +2 "$TMP/rows.csv" | md5sum)" "$(tail -n +2 "$TMP/lab.csv" | md5sum)"
check "without them, names and no mark" "id,received" \
    "$(head -1 "$TMP/rows.csv" | cut -d, -f1-2)"
"$AER" --socket "$SOCK" export --from "$TODAY" --to "$TODAY" \
    --headers labels --bom -o "$TMP/aer.csv" > /dev/null
check "aer export --headers labels --bom writes the same" \
    "$(md5sum < "$TMP/lab.csv")" "$(md5sum < "$TMP/aer.csv")"
cells "$TMP/aer.csv" "What happened" Location > "$TMP/cells.lab"
check "a spreadsheet reads the labelled file back" "- dose held, pharmacy called" \
    "$(sed -n 1p "$TMP/cells.lab")"
api GET "/v1/export?from=$TODAY&to=$TODAY&format=ndjson&bom=1"
check "bom is for CSV only" "422 bom" "$STATUS $(jget 'v["error"]["field"]')"
api GET "/v1/export?from=$TODAY&to=$TODAY&headers=pretty"
check "headers is names or labels" "422 headers" \
    "$STATUS $(jget 'v["error"]["field"]')"
"$AER" --socket "$SOCK" export --format ndjson --headers labels \
    > /dev/null 2> "$TMP/err"
check "aer says --headers is for CSV" "2 1" \
    "$? $(grep -c -- '--headers is for --format csv only' "$TMP/err")"

# The committee's tables, labelled.
post_json /v1/tokens '{"role":"committee","name":"safety-chair"}'
TOKEN=$(jget 'v["token"]')
LAST=$(date -d "$(date +%Y-%m-01) -1 day" +%Y-%m)
"$CURL" -s -o "$TMP/com.csv" -H "Authorization: Bearer $TOKEN" \
    "http://127.0.0.1:$PORT/v1/export?from=$LAST&to=$LAST&headers=labels&bom=1"
check "the committee's tables take labels and the mark too" \
    "efbbbf Table,Code,Label,Count,Hidden (small count),At least" \
    "$(head -c 3 "$TMP/com.csv" | od -An -tx1 | tr -d ' \n') $(head -1 "$TMP/com.csv" | tail -c +4 | tr -d '\r')"
"$CURL" -s -o "$TMP/com0.csv" -H "Authorization: Bearer $TOKEN" \
    "http://127.0.0.1:$PORT/v1/export?from=$LAST&to=$LAST"
check "with the same rows" "$(tail -n +2 "$TMP/com0.csv" | md5sum)" \
    "$(tail -n +2 "$TMP/com.csv" | md5sum)"

finish
