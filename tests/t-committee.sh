# The committee's data tried as an attacker would: reports with small
# cells filed over five months (aerd's test clock moved to each day
# while filing, then to June), then every range the committee may ask
# for, January to May, taken pair by pair and all together as a system
# of equations (a range's count is the sum of its months'), with what
# is known besides: each table adds up to its total, and a hidden count
# is at least 1. No count a month hides may come out exactly. The same
# attack on the reviewers' suppressed summary of the same ranges, each
# suppressed as a whole, does pin hidden counts (the control: the attack
# works). Then what the committee may not ask for at all: a range of
# days, the month still going on, a report's rows, and the free text of
# a location it does not see.
AERD=${AERD_CLOCK:?AERD_CLOCK must name tests/aerd-clock (make check sets it)}
. "$TESTS_SRCDIR/lib.sh"
export AERD_TEST_CLOCK="$TMP/clock"

PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
printf 'admin_groups = %s\nsuppression_threshold = 5\n' "$(id -gn)" \
    > "$TMP/aerd.conf"
at() { date -d "$1 12:00" +%s > "$AERD_TEST_CLOCK"; }
at 2025-01-10
start_aerd --config "$TMP/aerd.conf" --listen "127.0.0.1:$PORT"

# file DAY N EVENT CATEGORY HARM LOCATION: N urgent reports (released at
# once), received on DAY.
file() {
	at "$1"
	n=$2
	shift 2
	body=$(python3 -c '
import json, sys
ev, cat, harm, loc = sys.argv[1:5]
b = {"event_type": ev, "category": cat, "occurred_at": "2025-01-01",
     "description": "What happened.", "urgent": True}
if harm != "-": b["harm"] = harm
if loc != "-": b["location"] = loc
print(json.dumps(b))' "$@")
	while [ "$n" -gt 0 ]; do
		post_json /v1/reports "$body"
		[ "$STATUS" = 201 ] || echo "# filing failed: $BODY" >&2
		n=$((n - 1))
	done
}
# January, 22: fall 12, medication 3, device 6, surgery 1 (one report
# from a bed that names its patient); February, 26, every cell large;
# March, 3, a month small in itself; April, 16: device 2, medication 6
# its complement; May, none.
file 2025-01-10 12 near_miss fall - "4 West"
file 2025-01-20 3 incident medication mild ICU
file 2025-01-20 6 near_miss device - "4 West"
file 2025-01-21 1 incident surgery mild "Bed 7, Mrs Jones"
file 2025-02-03 10 near_miss fall - "4 West"
file 2025-02-14 9 incident medication none ICU
file 2025-02-20 7 near_miss device - "4 West"
file 2025-03-05 2 near_miss fall - "Ward 9"
file 2025-03-06 1 incident medication none ICU
file 2025-04-07 8 near_miss fall - "4 West"
file 2025-04-08 6 incident medication none ICU
file 2025-04-09 2 near_miss device - "Theatre 2"
check "67 reports filed and released" 67 "$(db 'SELECT count(*) FROM reports')"
at 2025-06-15

post_json /v1/tokens '{"role":"committee","name":"safety-chair"}'
TOKEN=$(jget 'v["token"]')
# committee PATH: as the committee, over TCP with its token.
committee() {
	STATUS=$("$CURL" -s -o "$TMP/body" -w '%{http_code}' \
	    -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$PORT$1")
	BODY=$(cat "$TMP/body")
}
committee /v1/whoami
check "the token is the committee's" committee "$(jget 'v["role"]')"

# Every range of whole months the committee may ask for, January to May,
# as the committee and as a reviewer (the admin here) without
# unsuppressed; and each month unsuppressed, the truth to check against.
MONTHS="01:31 02:28 03:31 04:30 05:31"
mkdir "$TMP/com" "$TMP/rev" "$TMP/truth"
refused=0
for a in $MONTHS; do
	for b in $MONTHS; do
		[ "${b%:*}" -lt "${a%:*}" ] && continue
		q="from=2025-${a%:*}-01&to=2025-${b%:*}-${b#*:}"
		name="${a%:*}-${b%:*}"
		committee "/v1/summary?$q"
		[ "$STATUS" = 200 ] || refused=$((refused + 1))
		cp "$TMP/body" "$TMP/com/$name.json"
		api GET "/v1/summary?$q"
		cp "$TMP/body" "$TMP/rev/$name.json"
	done
	api GET "/v1/summary?from=2025-${a%:*}-01&to=2025-${a%:*}-${a#*:}&unsuppressed=1"
	cp "$TMP/body" "$TMP/truth/${a%:*}.json"
done
check "the committee may ask for each of the 15 ranges" 0 "$refused"

cat > "$TMP/attack.py" <<'PY'
# attack.py DIR TRUTH: what the summaries in DIR (one per range of
# months, named FROM-TO) give away of the counts their months hide.
# Prints "pinned N", then a line per count worked out exactly, and
# "wrong N", counts worked out that are not the truth (the attack must
# be right to mean anything), and "sums-wrong N", shown counts that are
# not the sum of their months' (the committee's must be).
import json, os, sys
from fractions import Fraction

d, truth_dir = sys.argv[1:3]
TABLES = ["by_event_type", "by_category", "by_harm"]

def cells(s):
    """(table, code) -> count or None (hidden), total included."""
    out = {("total", ""): s["total"]["count"]}
    for t in TABLES:
        for r in s[t]:
            out[(t, r["code"])] = r["count"]["count"]
    return out

truth = {}
for f in sorted(os.listdir(truth_dir)):
    m = f[:2]
    for k, v in cells(json.load(open(os.path.join(truth_dir, f)))).items():
        truth[(m,) + k] = v
months = sorted({k[0] for k in truth})
keys = sorted({k[1:] for k in truth})
var = {(m,) + k: i for i, (m, k) in
       enumerate((m, k) for m in months for k in keys)}
rows = []
results = {}
for f in sorted(os.listdir(d)):
    a, b = f[:-5].split("-")
    rng = [m for m in months if a <= m <= b]
    results[(a, b)] = cells(json.load(open(os.path.join(d, f))))
    for k, v in results[(a, b)].items():
        if v is None:
            continue
        row = [Fraction(0)] * (len(var) + 1)
        for m in rng:
            row[var[(m,) + k]] = Fraction(1)
        row[-1] = Fraction(v)
        rows.append(row)
# What anyone knows: every report has one event type, one category and
# one harm (not recorded counts as one).
for m in months:
    for t in TABLES:
        row = [Fraction(0)] * (len(var) + 1)
        row[var[(m, "total", "")]] = Fraction(-1)
        for k in keys:
            if k[0] == t:
                row[var[(m,) + k]] = Fraction(1)
        rows.append(row)

# Reduced row echelon form.
n = len(var)
pivots = []
r = 0
for c in range(n):
    p = next((i for i in range(r, len(rows)) if rows[i][c] != 0), None)
    if p is None:
        continue
    rows[r], rows[p] = rows[p], rows[r]
    rows[r] = [x / rows[r][c] for x in rows[r]]
    for i in range(len(rows)):
        if i != r and rows[i][c] != 0:
            f = rows[i][c]
            rows[i] = [x - f * y for x, y in zip(rows[i], rows[r])]
    pivots.append(c)
    r += 1
rows = rows[:r]
name = {i: k for k, i in var.items()}
known = {}
for row, c in zip(rows, pivots):
    if all(row[j] == 0 for j in range(n) if j != c):
        known[c] = row[-1]

# Hidden in its month's own table (the single month asked for alone):
# at least 1. A row of only such counts, each once, adding up to how
# many they are, makes each of them 1.
hidden = {var[(m,) + k] for (a, b), res in results.items() if a == b
          for m in [a] for k, v in res.items() if v is None}
for row in rows:
    rest = row[-1] - sum(row[j] * known[j] for j in known if row[j] != 0)
    js = [j for j in range(n) if row[j] != 0 and j not in known]
    if js and all(j in hidden and row[j] == 1 for j in js) and \
            rest == len(js):
        for j in js:
            known[j] = Fraction(1)

pinned = sorted(j for j in known if j in hidden)
print("pinned", len(pinned))
for j in pinned:
    print(" ".join(name[j]).strip(), int(known[j]))
print("wrong", sum(1 for j in known if known[j] != truth[name[j]]))
bad = 0
for (a, b), res in results.items():
    rng = [m for m in months if a <= m <= b]
    for k, v in res.items():
        if v is not None and v != sum(truth[(m,) + k] for m in rng):
            bad += 1
print("sums-wrong", bad)
PY

# The control: the reviewers' summary, each range suppressed as a
# whole. January's device (6, hidden there as medication's complement)
# is February-to-January's less February's, and March's 3 reports are
# February-and-March's total less February's.
python3 "$TMP/attack.py" "$TMP/rev" "$TMP/truth" > "$TMP/rev.out"
check_match "control: differencing ranges suppressed as a whole pins hidden counts" \
    "^pinned [1-9]" "$(head -1 "$TMP/rev.out")"
check_match "control: January's device count is pinned at 6" \
    "^01 by_category device 6$" "$(cat "$TMP/rev.out")"
check_match "control: March's total is pinned at 3" \
    "^03 total 3$" "$(cat "$TMP/rev.out")"
check "control: and every count pinned is the truth" "wrong 0" \
    "$(grep '^wrong' "$TMP/rev.out")"

# The committee: nothing a month hides comes out, however its ranges
# are set against each other.
python3 "$TMP/attack.py" "$TMP/com" "$TMP/truth" > "$TMP/com.out"
check "the committee's 15 ranges pin no hidden count" "pinned 0" \
    "$(head -1 "$TMP/com.out")"
check "what they do show is the sum of their months" "sums-wrong 0" \
    "$(grep '^sums-wrong' "$TMP/com.out")"
check "and what is worked out from them is true" "wrong 0" \
    "$(grep '^wrong' "$TMP/com.out")"

# The committee's cells, month by month: each month's as its own table
# shows it, whichever range it is in; a count with a hidden month in it
# is hidden, at least the sum shown and 1 a hidden month.
check "January's own table hides medication, surgery and device" \
    "device:< fall:12 medication:< surgery:<" \
    "$(jget '" ".join(sorted("%s:%s" % (r["code"], "<" if r["count"]["suppressed"] else r["count"]["count"]) for r in v["by_category"] if r["count"]["count"] != 0))' "$(cat "$TMP/com/01-01.json")")"
check "January to May: device hidden (January, April), at least 7 + 2" \
    "True 9" "$(jget '["%s %s" % (r["count"]["suppressed"], r["count"]["at_least"]) for r in v["by_category"] if r["code"] == "device"][0]' "$(cat "$TMP/com/01-05.json")")"
check "and the total, with March hidden: at least 22 + 26 + 16 + 1" \
    "True 65" "$(jget '"%s %s" % (v["total"]["suppressed"], v["total"]["at_least"])' "$(cat "$TMP/com/01-05.json")")"
check "February alone shows every count" 26 \
    "$(jget 'v["total"]["count"]' "$(cat "$TMP/com/02-02.json")")"
check "months one by one: March hidden, May 0" "22 26 < 16 0" \
    "$(jget '" ".join("<" if m["count"]["suppressed"] else str(m["count"]["count"]) for m in v["by_month"])' "$(cat "$TMP/com/01-05.json")")"

# Locations: hidden ones go together, without their names.
check "January's hidden locations are one row, other locations, of 22" \
    "other:22" "$(jget '" ".join("%s:%s" % ("other" if r.get("other") else r["location"], r["count"]["count"]) for r in v["by_location"])' "$(cat "$TMP/com/01-01.json")")"
check "the reviewers' January names the bed" 1 \
    "$(grep -c 'Bed 7, Mrs Jones' "$TMP/rev/01-01.json")"
check "no committee summary does" 0 \
    "$(cat "$TMP"/com/*.json | grep -c 'Bed 7, Mrs Jones')"
check "nor Theatre 2, hidden in April" 0 \
    "$(cat "$TMP"/com/*.json | grep -c 'Theatre 2')"
check "February shows its locations by name, and no others" \
    "4 West:17 ICU:9" "$(jget '" ".join("%s:%s" % (r["location"], r["count"]["count"]) for r in v["by_location"])' "$(cat "$TMP/com/02-02.json")")"
check "over February to April, 4 West is at least 17 + 8: March hides its locations" \
    "4 West:True:25" \
    "$(jget '" ".join("%s:%s:%s" % (r["location"], r["count"]["suppressed"], r["count"]["at_least"]) for r in v["by_location"] if r["location"] == "4 West")' "$(cat "$TMP/com/02-04.json")")"

# What the committee may not ask for.
committee "/v1/summary?from=2025-01-20&to=2025-01-31"
check "a range that starts within a month is 422, from" "422 from" \
    "$STATUS $(jget 'v["error"]["field"]')"
check_match "saying what is taken" "first day of a month" \
    "$(jget 'v["error"]["message"]')"
committee "/v1/summary?from=2025-01-01&to=2025-01-20"
check "a range that ends within a month is 422, to" "422 to" \
    "$STATUS $(jget 'v["error"]["field"]')"
committee "/v1/summary?from=2025-06-01&to=2025-06-30"
check "the month still going on is 422, to" "422 to" \
    "$STATUS $(jget 'v["error"]["field"]')"
check_match "saying which months are" "2025-05-31 or before" \
    "$(jget 'v["error"]["message"]')"
committee "/v1/summary?from=2025-05-01&to=2025-12-31"
check "so is a range into it" "422 to" "$STATUS $(jget 'v["error"]["field"]')"
committee "/v1/summary?from=2025-01-01&to=2025-01-31&unsuppressed=1"
check "unsuppressed is still the reviewers'" "403 unsuppressed" \
    "$STATUS $(jget 'v["error"]["field"]')"
api GET "/v1/summary?from=2025-01-20&to=2025-01-21"
check "a reviewer may still ask for days" "200 10" \
    "$STATUS $(jget 'v["total"]["count"]')"

# The committee's export: its summary's cells, no report's row.
committee "/v1/export?from=2025-01-21&to=2025-01-21"
check "a day's export is 422 for the committee" "422 from" \
    "$STATUS $(jget 'v["error"]["field"]')"
committee "/v1/export?from=2025-01-01&to=2025-05-31"
check "the committee's export answers 200" 200 "$STATUS"
cp "$TMP/body" "$TMP/com.csv"
committee "/v1/export?from=2025-01-01&to=2025-05-31&format=ndjson"
cp "$TMP/body" "$TMP/com.ndjson"
check "its CSV is table,code,label,count,suppressed,at_least" \
    "table,code,label,count,suppressed,at_least" \
    "$(head -1 "$TMP/com.csv" | tr -d '\r')"
check "a row per cell of the summary, CSV and NDJSON alike, the same counts" \
    "ok" "$(python3 - "$TMP/com.csv" "$TMP/com.ndjson" "$TMP/com/01-05.json" <<'PY'
import csv, json, sys
rows = list(csv.DictReader(open(sys.argv[1], newline="")))
lines = [json.loads(l) for l in open(sys.argv[2])]
s = json.load(open(sys.argv[3]))
want = [("total", "", s["total"])]
for t in ("by_event_type", "by_category", "by_harm"):
    want += [(t, r["code"], r["count"]) for r in s[t]]
want += [("by_location", r["location"] or "", r["count"]) for r in s["by_location"]]
want += [("by_month", r["month"], r["count"]) for r in s["by_month"]]
want += [("rca", k, s["rca"][k]) for k in ("completed", "on_time", "late", "overdue")]
want += [("actions.by_strength", r["code"], r["count"]) for r in s["actions"]["by_strength"]]
want += [("actions.by_status", r["code"], r["count"]) for r in s["actions"]["by_status"]]
want += [("actions", "overdue", s["actions"]["overdue"])]
got = [(r["table"], r["code"], r["count"], r["suppressed"], r["at_least"]) for r in rows]
exp = [(t, c, "" if x["count"] is None else str(x["count"]),
        "true" if x["suppressed"] else "false",
        str(x["at_least"]) if "at_least" in x else "") for t, c, x in want]
got2 = [(l["table"], l["code"], l["count"], l["suppressed"], l["at_least"]) for l in lines]
exp2 = [(t, c, x["count"], x["suppressed"], x.get("at_least")) for t, c, x in want]
print("ok" if got == exp and got2 == exp2 else "%r\n%r" % (got[:3], exp[:3]))
PY
)"
check "no report's id, day or text in it" "0 0 0" \
    "$(grep -c -i -E '(^|,)id(,|$)' "$TMP/com.csv") $(grep -c '2025-01-2' "$TMP/com.csv") $(grep -c 'Bed 7' "$TMP/com.csv" "$TMP/com.ndjson" | awk -F: '{ n += $2 } END { print n }')"
api GET "/v1/export?from=2025-01-21&to=2025-01-21"
check "the reviewers' export is still a row a report, with its text" \
    "1 Bed 7, Mrs Jones" "$(python3 -c '
import csv, sys
r = list(csv.DictReader(open(sys.argv[1], newline="")))
print(len(r), r[0]["location"])' "$TMP/body")"

# aer as the committee: the tables, and an export of them.
printf '%s\n' "$TOKEN" > "$TMP/token"
chmod 600 "$TMP/token"
caer() { "$AER" --url "http://127.0.0.1:$PORT" --token-file "$TMP/token" "$@"; }
caer summary --from 2025-01 --to 2025-05 > "$TMP/s.txt"
check "aer summary as the committee exits 0" 0 $?
check_match "it shows a count with a hidden month as at least" \
    "Reports received +65\+" "$(cat "$TMP/s.txt")"
check_match "and says what that means" "^N\+ marks a count of at least N" \
    "$(cat "$TMP/s.txt")"
check_match "hidden locations as one row" "\(other locations\)" \
    "$(cat "$TMP/s.txt")"
caer export --from 2025-01 --to 2025-05 -o "$TMP/aer.csv" > /dev/null
check "aer export as the committee writes the tables" "0 $(wc -l < "$TMP/com.csv")" \
    "$? $(wc -l < "$TMP/aer.csv")"
caer export --format html --from 2025-01 --to 2025-05 -o "$TMP/aer.html" \
    > /dev/null
check "and the HTML summary" 0 $?
check "with no hidden location named" 0 "$(grep -c 'Bed 7' "$TMP/aer.html")"
caer summary --from 2025-06 --to 2025-06 > /dev/null 2> "$TMP/err"
check "the month going on is refused" 1 $?
check_match "with aerd's reason" "ended" "$(cat "$TMP/err")"

# Without --to, aer asks aerd who is calling and, for the committee,
# ends the range with last month: a year of months that have ended.
# (aer reads the real clock, so aerd does too from here.)
rm -f "$AERD_TEST_CLOCK"
first=$(date +%Y-%m-01)
caer --json summary > "$TMP/s.json"
check "aer summary's default range for the committee" \
    "0 $(date -d "$first -12 months" +%Y-%m-%d) $(date -d "$first -1 day" +%Y-%m-%d)" \
    "$? $(jget 'v["from"] + " " + v["to"]' "$(cat "$TMP/s.json")")"

finish
