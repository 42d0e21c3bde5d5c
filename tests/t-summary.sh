# The committee's summary and the export, against a real aerd: figures
# checked against a hand-counted set of reports, small cells suppressed
# with their complement, the committee kept from days, from rows of
# reports and from unsuppressed counts, the CSV parsed back, and a large
# export streamed while reports are being filed.
. "$TESTS_SRCDIR/lib.sh"

ADMIN_GROUP=$(id -gn)
PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
printf 'admin_groups = %s\nsuppression_threshold = 5\n' "$ADMIN_GROUP" \
    > "$TMP/aerd.conf"
start_aerd --config "$TMP/aerd.conf" --listen "127.0.0.1:$PORT"

# file N EVENT CATEGORY HARM LOCATION
file() {
	n=$1
	shift
	body=$(python3 -c '
import json, sys
ev, cat, harm, loc = sys.argv[1:5]
b = {"event_type": ev, "category": cat, "occurred_at": "2026-01-05",
     "description": "Line one of what happened.\nLine two, with \"quotes\"."}
b["urgent"] = True	# released at once, for the summary to count
if harm != "-": b["harm"] = harm
if loc != "-": b["location"] = loc
print(json.dumps(b))' "$@")
	while [ "$n" -gt 0 ]; do
		post_json /v1/reports "$body"
		[ "$STATUS" = 201 ] || echo "filing failed: $BODY" >&2
		n=$((n - 1))
	done
}
# 30 reports: by hand, near_miss 22, incident 8; fall 12, medication 9,
# device 6, surgery 3; harm none 5, mild 3, not recorded 22; 4 West 20,
# ICU 7, none given 3.
file 12 near_miss fall - "4 West"
file 6 near_miss medication - "4 West"
file 4 near_miss device - ICU
file 3 incident medication none ICU
file 2 incident device none "4 West"
file 3 incident surgery mild -
check "thirty reports filed" 30 "$(reports_count)"

TODAY=$(date +%Y-%m-%d)
api GET "/v1/summary?from=$TODAY&to=$TODAY"
check "summary answers 200" 200 "$STATUS"
check "total" 30 "$(jget 'v["total"]["count"]')"
check "categories shown largest first, then the hidden ones: device (6) as surgery's complement" \
    "fall:12 medication:9 | device:None surgery:None" \
    "$(jget '" ".join("%s:%s" % (c["code"], c["count"]["count"]) for c in v["by_category"][:2]) + " | " + " ".join("%s:%s" % (c["code"], c["count"]["count"]) for c in v["by_category"][-2:])')"
check "surgery (3) is suppressed" True \
    "$(jget '[c for c in v["by_category"] if c["code"] == "surgery"][0]["count"]["suppressed"]')"
check "event types" "incident:8 near_miss:22" \
    "$(jget '" ".join("%s:%s" % (c["code"], c["count"]["count"]) for c in v["by_event_type"] if c["count"]["count"])')"
check "mild (3) hidden, and none (5) as its complement" "True True 22" \
    "$(jget '" ".join(str(x) for x in [[c for c in v["by_harm"] if c["code"] == "mild"][0]["count"]["suppressed"], [c for c in v["by_harm"] if c["code"] == "none"][0]["count"]["suppressed"], [c for c in v["by_harm"] if c["code"] == "not_recorded"][0]["count"]["count"]])')"
check "locations: 3 not given is hidden, and ICU (7) as its complement" "20 True True" \
    "$(jget '" ".join(str(x) for x in [[c for c in v["by_location"] if c["location"] == "4 West"][0]["count"]["count"], [c for c in v["by_location"] if c["location"] is None][0]["count"]["suppressed"], [c for c in v["by_location"] if c["location"] == "ICU"][0]["count"]["suppressed"]])')"
check "near-miss share" 0.733 "$(jget 'round(v["near_miss_share"], 3)')"
check "the month" "$(date +%Y-%m):30" \
    "$(jget '" ".join("%s:%s" % (m["month"], m["count"]["count"]) for m in v["by_month"])')"

api GET "/v1/summary?from=$TODAY&to=$TODAY&unsuppressed=1"
check "an admin may see every count" 3 \
    "$(jget '[c for c in v["by_category"] if c["code"] == "surgery"][0]["count"]["count"]')"

# Bad ranges.
api GET "/v1/summary?from=$TODAY&to=2000-01-01"
check "an inverted range is 422" "422 to" "$STATUS $(jget 'v["error"]["field"]')"
api GET "/v1/summary?from=2026-02-30&to=$TODAY"
check "an impossible day is 422" "422 from" "$STATUS $(jget 'v["error"]["field"]')"
api GET "/v1/summary?to=$TODAY"
check "a missing from is 422" "422 from" "$STATUS $(jget 'v["error"]["field"]')"

# The committee, through a token on TCP.
post_json /v1/tokens '{"role":"committee","name":"safety-chair"}'
TOKEN=$(jget 'v["token"]')
tcp() {
	STATUS=$("$CURL" -s -o "$TMP/body" -w '%{http_code}' \
	    -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$PORT$1")
	BODY=$(cat "$TMP/body")
}
# The committee asks for whole months that have ended (tests/t-committee.sh
# tries its figures as an attacker would); today is refused.
LAST_FIRST=$(date -d "$(date +%Y-%m-01) -1 month" +%Y-%m-%d)
LAST_END=$(date -d "$(date +%Y-%m-01) -1 day" +%Y-%m-%d)
tcp "/v1/summary?from=$TODAY&to=$TODAY"
check_match "the committee may not ask for today" "^422 (from|to)$" \
    "$STATUS $(jget 'v["error"]["field"]')"
tcp "/v1/summary?from=$LAST_FIRST&to=$LAST_END"
check "the committee gets last month's summary, made from month tables" \
    "200 True" "$STATUS $(jget 'v["month_tables"]')"
tcp "/v1/summary?from=$TODAY&to=$TODAY&unsuppressed=1"
check "but not unsuppressed" "403 unsuppressed" "$STATUS $(jget 'v["error"]["field"]')"
tcp "/v1/export?from=$TODAY&to=$TODAY"
check "nor a day's export" 422 "$STATUS"
tcp "/v1/export?from=$LAST_FIRST&to=$LAST_END"
check "the committee's export is its summary's tables, no report's row" \
    "200 table,code,label,count,suppressed,at_least" \
    "$STATUS $(head -1 "$TMP/body" | tr -d '\r')"
tcp "/v1/queue"
check "and no queue" 403 "$STATUS"

# The reviewer's (admin's) CSV, parsed back.
"$CURL" -s --unix-socket "$SOCK" -o "$TMP/all.csv" \
    "http://aerd/v1/export?from=$TODAY&to=$TODAY&format=csv"
python3 - "$TMP/all.csv" > "$TMP/csv.out" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], newline="", encoding="utf-8")))
print(len(rows))
print(sum(1 for r in rows if r["description"] == 'Line one of what happened.\nLine two, with "quotes".'))
print(sorted(set(r["category"] for r in rows)))
PY
check "the CSV holds every report" 30 "$(sed -n 1p "$TMP/csv.out")"
check "multi-line narratives come back intact" 30 "$(sed -n 2p "$TMP/csv.out")"
post_json /v1/reports '{"event_type":"near_miss","category":"other","occurred_at":"2026-01-05","description":"=HYPERLINK(\"http://x\")","location":"@SUM(A1)","immediate_actions":"+1 call","urgent":true}'
"$CURL" -s --unix-socket "$SOCK" -o "$TMP/all.csv" \
    "http://aerd/v1/export?from=$TODAY&to=$TODAY"
check "formula-like cells are neutralised, a narrative's +1 is not" "'=HYPERLINK(\"http://x\")|'@SUM(A1)|+1 call" \
    "$(python3 -c '
import csv, sys
r = [r for r in csv.DictReader(open(sys.argv[1], newline="")) if r["category"] == "other"][0]
print("|".join([r["description"], r["location"], r["immediate_actions"]]))' "$TMP/all.csv")"
"$CURL" -s --unix-socket "$SOCK" -o "$TMP/all.ndjson" \
    "http://aerd/v1/export?from=$TODAY&to=$TODAY&format=ndjson"
check "NDJSON: one object per report, numbers as numbers" "31 True" \
    "$(python3 -c '
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
print(len(rows), all(isinstance(r["actions"], int) and isinstance(r["rca_required"], bool) for r in rows))' "$TMP/all.ndjson")"
api GET "/v1/export?from=$TODAY&to=$TODAY&format=xml"
check "an unknown format is 422" "422 format" "$STATUS $(jget 'v["error"]["field"]')"

# A large export while reports are filed: both complete and are right.
stop_aerd
db "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20000)
    INSERT INTO reports (id, receipt_hash, received, event_type, category,
        occurred_at, description)
    SELECT printf('bulk-%06d', i), randomblob(32), '2025-06-15', 'near_miss',
        'fall', '2025-06-14', 'bulk report ' || i FROM n"
# A small unit, counted by hand: 11 reports in a quarter. In February:
# incidents, medication with mild harm in ED and in ICU, a fall with
# mild harm and a fall with harm not recorded in Ward 9; in March, 7
# near-miss falls in Ward 9. And 3 reports in May: 2 falls, 1 medication.
db "INSERT INTO reports (id, receipt_hash, received, event_type, category,
        harm, location, occurred_at, description) VALUES
    ('small-01', randomblob(32), '2025-02-10', 'incident', 'medication',
        'mild', 'ED', '2025-02-09', 'x'),
    ('small-02', randomblob(32), '2025-02-10', 'incident', 'medication',
        'mild', 'ICU', '2025-02-09', 'x'),
    ('small-03', randomblob(32), '2025-02-10', 'incident', 'fall',
        'mild', 'Ward 9', '2025-02-09', 'x'),
    ('small-04', randomblob(32), '2025-02-10', 'incident', 'fall',
        NULL, 'Ward 9', '2025-02-09', 'x');
    WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 7)
    INSERT INTO reports (id, receipt_hash, received, event_type, category,
        location, occurred_at, description)
    SELECT printf('small-%02d', 4 + i), randomblob(32), '2025-03-12',
        'near_miss', 'fall', 'Ward 9', '2025-03-11', 'x' FROM n;
    INSERT INTO reports (id, receipt_hash, received, event_type, category,
        occurred_at, description) VALUES
    ('tiny-1', randomblob(32), '2025-05-05', 'near_miss', 'fall', '2025-05-04', 'x'),
    ('tiny-2', randomblob(32), '2025-05-05', 'near_miss', 'fall', '2025-05-04', 'x'),
    ('tiny-3', randomblob(32), '2025-05-05', 'incident', 'medication', '2025-05-04', 'x')"
start_aerd --config "$TMP/aerd.conf"

# cells LIST: "code:count" for each row of a list (by code or month),
# a hidden count as "<"
cells() {
	jget '" ".join("%s:%s" % (r.get("code", r.get("month")),
	    "<" if r["count"]["suppressed"] else r["count"]["count"])
	    for r in v'"$1"')'
}
api GET "/v1/summary?from=2025-01-01&to=2025-03-31"
check "the small unit's total is shown" 11 "$(jget 'v["total"]["count"]')"
check "ED 1 and ICU 1 add up to 2: Ward 9 (9) is hidden with them" \
    "ED:< ICU:< Ward 9:<" "$(jget '" ".join(sorted("%s:%s" % (r["location"],
	"<" if r["count"]["suppressed"] else r["count"]["count"])
	for r in v["by_location"]))')"
check "medication (2) hides fall (9), never a zero category; hidden last" \
    "fall:< medication:<" \
    "$(cells '["by_category"]' | tr ' ' '\n' | grep -v ':0$' | tr '\n' ' ' | sed 's/ $//')"
check "the zero categories are shown as 0, first" "blood:0" \
    "$(cells '["by_category"]' | cut -d' ' -f1)"
check "mild (3) hides not recorded (8); no death is still 0, not <5" \
    "death:0 severe:0 moderate:0 mild:< none:0 unknown:0 not_recorded:<" \
    "$(cells '["by_harm"]')"
check "months: January 0, February (4) and March (7) hidden" \
    "2025-01:0 2025-02:< 2025-03:<" "$(cells '["by_month"]')"
check "no median month: it would be a hidden month's count" null \
    "$(jget 'v["median_reports_per_month"]')"
check "event types hidden together, and the near-miss share with them" \
    "incident:< near_miss:< unsafe_condition:0 null" \
    "$(cells '["by_event_type"]') $(jget 'v["near_miss_share"]')"
api GET "/v1/summary?from=2025-05-01&to=2025-05-31"
check "all cells small: the total is hidden too" "True null" \
    "$(jget 'v["total"]["suppressed"]') $(jget 'v["total"]["count"]')"
check "and only the cells that are not zero are hidden" \
    "fall:< medication:<" \
    "$(cells '["by_category"]' | tr ' ' '\n' | grep -v ':0$' | tr '\n' ' ' | sed 's/ $//')"

"$CURL" -s --unix-socket "$SOCK" -o "$TMP/big.csv" \
    "http://aerd/v1/export?from=2025-01-01&to=$TODAY" &
EXPORT=$!
filed=0
for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do
	post_json /v1/reports "$SAMPLE"
	[ "$STATUS" = 201 ] && filed=$((filed + 1))
done
wait "$EXPORT"
check "the export completes" 0 $?
check "reports filed during it are all acknowledged" 20 "$filed"
rows=$(python3 -c 'import csv, sys; print(sum(1 for _ in csv.DictReader(open(sys.argv[1], newline=""))))' "$TMP/big.csv")
check "the export holds the 20,045 reports there when it began, or more" 1 \
    "$([ "$rows" -ge 20045 ] && [ "$rows" -le 20065 ] && echo 1)"

# An export read slowly holds no snapshot between its batches, so the
# WAL, which keeps filings in order, is still emptied while it runs
# (given up to 10 s; the export is held to 10 s or more by the rate).
"$CURL" -s --limit-rate 300k --unix-socket "$SOCK" -o "$TMP/slow.csv" \
    "http://aerd/v1/export?from=2025-01-01&to=$TODAY" &
EXPORT=$!
post_json /v1/reports "$(printf '%s' "$SAMPLE" | sed 's/4 West/Ward-during-export/')"
i=0
while [ $i -lt 100 ] && [ "$(stat -c %s "$DB-wal" 2>/dev/null || echo 0)" != 0 ]; do
	sleep 0.1
	i=$((i + 1))
done
running=$(kill -0 "$EXPORT" 2>/dev/null && echo running)
check "the WAL is emptied while a slow export is still running" "0 running" \
    "$(stat -c %s "$DB-wal" 2>/dev/null || echo 0) $running"
wait "$EXPORT"
check "and the slow export completes" 0 $?
rows=$(python3 -c 'import csv, sys; print(sum(1 for _ in csv.DictReader(open(sys.argv[1], newline=""))))' "$TMP/slow.csv")
check "with every report received in its range" "$(db "SELECT count(*) FROM reports WHERE received BETWEEN '2025-01-01' AND '$TODAY'")" \
    "$rows"

api GET "/v1/summary?from=2025-06-15&to=2025-06-15"
check "the counts kept by triggers saw the bulk rows" 20000 \
    "$(jget 'v["total"]["count"]')"

# Text that is not UTF-8 cannot come in through the API, but a database
# edited or restored by hand may hold it: it goes out as an empty cell,
# never as bytes a charset=utf-8 reply does not hold.
db "INSERT INTO reports (id, receipt_hash, received, event_type, category,
        occurred_at, location, description) VALUES
    ('not-utf8', randomblob(32), '2024-09-09', 'near_miss', 'fall',
        '2024-09-08', 'Ward 2', CAST(x'626164c328' AS TEXT))"
"$CURL" -s --unix-socket "$SOCK" -o "$TMP/bad.csv" \
    "http://aerd/v1/export?from=2024-09-09&to=2024-09-09"
check "text that is not UTF-8 is exported as an empty cell" "1 Ward 2 ''" \
    "$(python3 -c '
import csv, sys
r = list(csv.DictReader(open(sys.argv[1], newline="", encoding="utf-8")))
print(len(r), r[0]["location"], repr(r[0]["description"]))' "$TMP/bad.csv")"
"$CURL" -s --unix-socket "$SOCK" -o "$TMP/bad.ndjson" \
    "http://aerd/v1/export?from=2024-09-09&to=2024-09-09&format=ndjson"
check "and as null in NDJSON" "Ward 2 None" "$(python3 -c '
import json, sys
r = json.loads(open(sys.argv[1], encoding="utf-8").read())
print(r["location"], r["description"])' "$TMP/bad.ndjson")"

finish
