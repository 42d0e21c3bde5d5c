# aer summary and aer export against a real aerd: thirty reports filed
# with curl, the summary's tables with a small category shown as <5, the
# CSV and NDJSON exports parsed back, and the HTML report checked as XML
# with its charts. The caller is made admin through admin_groups.
. "$TESTS_SRCDIR/lib.sh"

printf 'admin_groups = %s\nsuppression_threshold = 5\n' "$(id -gn)" \
    > "$TMP/aerd.conf"
start_aerd --config "$TMP/aerd.conf"
aer() { "$AER" --socket "$SOCK" "$@"; }

# file N EVENT CATEGORY HARM LOCATION
file() {
	n=$1
	shift
	body=$(python3 -c '
import json, sys
ev, cat, harm, loc = sys.argv[1:5]
b = {"event_type": ev, "category": cat, "occurred_at": "2026-01-05",
     "description": "What happened, with \"quotes\", a comma\nand a second line.",
     "contributing_factors": ["communication", "training"]}
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
# 30 reports: medication 11, fall 9, device 7, surgery 3 (under 5).
file 7 near_miss medication - "4 West"
file 4 incident medication mild "4 West"
file 9 near_miss fall - ICU
file 5 incident device none "4 West"
file 2 unsafe_condition device - "<Theatre> & \"annex\""
file 3 incident surgery moderate "$(printf 'Bay\t2')"
check "thirty reports filed" 30 "$(reports_count)"

aer summary > "$TMP/summary" 2> "$TMP/err"
check "aer summary exits 0" 0 $?
check_match "it counts every report" "Reports received +30" \
    "$(cat "$TMP/summary")"
check_match "the small category shows as <5" "Surgery +<5" \
    "$(cat "$TMP/summary")"
check_match "a large one shows its count" "Medication or other substance +11 " \
    "$(cat "$TMP/summary")"
check_match "the Pareto has a cumulative share" "Fall +9 +67%" \
    "$(cat "$TMP/summary")"
check_match "and says what <5 means" "^Counts under 5 are shown as <5" \
    "$(cat "$TMP/summary")"
check_match "the median month is of every month, the empty ones too" \
    "By month \(. marks the median month, 0 reports\)" "$(cat "$TMP/summary")"
# A tab in a location is one replacement mark, so the columns line up.
check "no tab reaches the terminal" 0 "$(grep -c "$(printf '\t')" "$TMP/summary")"
check "a location with a tab lines up with the others" 1 \
    "$(python3 -c '
import sys
lines = open(sys.argv[1], encoding="utf-8").read().split("\n")
t = lines.index("By location")
rows = lines[t + 1:lines.index("", t)]
w = [r for r in rows if "4 West" in r][0].index(" 16 ")
b = [r for r in rows if "Bay" in r][0].index(" <5")
print(1 if w == b else "%d %d" % (w, b))' "$TMP/summary")"
aer summary --json > "$TMP/summary.json"
check "--json prints aerd's reply" 30 \
    "$(jget 'v["total"]["count"]' "$(cat "$TMP/summary.json")")"
aer summary --from 2026-02-30 > /dev/null 2>&1
check "a day not on the calendar is a usage error" 2 $?
aer summary --from 2026-05-01 --to 2026-04-01 > /dev/null 2>&1
check "an inverted range is a usage error" 2 $?

aer export --format csv -o "$TMP/out.csv" > "$TMP/said"
check "the CSV export exits 0" 0 $?
check_match "and says where it went" "Export written to .*out.csv" \
    "$(cat "$TMP/said")"
check "the file is its owner's only" 600 "$(stat -c %a "$TMP/out.csv")"
check "the CSV has a header and a row per report" "id 30" \
    "$(python3 -c '
import csv, sys
rows = list(csv.reader(open(sys.argv[1], newline="", encoding="utf-8")))
print(rows[0][0], len(rows) - 1)' "$TMP/out.csv")"
check "no temporary file is left behind" 0 \
    "$(find "$TMP" -maxdepth 1 -name 'out.csv.*' | wc -l | tr -d ' ')"

aer export --format ndjson -o "$TMP/out.ndjson" > /dev/null
check "the NDJSON export exits 0" 0 $?
check "each line is a JSON object, one per report" 30 \
    "$(python3 -c '
import json, sys
n = 0
for line in open(sys.argv[1], encoding="utf-8"):
    assert isinstance(json.loads(line), dict)
    n += 1
print(n)' "$TMP/out.ndjson" 2>&1)"
aer export --format ndjson | wc -l > "$TMP/lines"
check "without -o, the rows go to standard output" 30 \
    "$(tr -d ' ' < "$TMP/lines")"

aer export --format html -o "$TMP/report.html" > /dev/null
check "the HTML export exits 0" 0 $?
if command -v xmllint > /dev/null 2>&1; then
	xmllint --noout "$TMP/report.html" 2> "$TMP/xmllint"
	check "the HTML is well-formed XML" "0 " "$? $(head -3 "$TMP/xmllint")"
else
	# No xmllint here (libxml2-utils): well-formedness is not checked.
	echo "# xmllint not found; skipping the well-formedness check"
fi
for chart in category-pareto monthly-run harm action-strength rca-timeliness
do
	check "the $chart chart is drawn" 1 \
	    "$(grep -A1 "<figure id=\"chart-$chart\" aria-label=\"[^\"]*\">" \
	    "$TMP/report.html" | grep -c '^<svg ')"
done
check_match "the run chart has its median line" \
    "median 0</text>" "$(sed -n '/id="chart-monthly-run"/,/<\/figure>/p' "$TMP/report.html")"
# A hidden count is a short stub, never as tall or as long as a count
# of 5; only the known sum of hidden counts (class hidden-sum, the total
# less the counts shown) is drawn to its height, and says what it is.
check "hidden counts are drawn as short stubs" "ok" \
    "$(python3 - "$TMP/report.html" <<'PY'
import re, sys
page = open(sys.argv[1], encoding="utf-8").read()
boxes = re.findall(r'<rect class="hidden"[^>]*>', page)
size = lambda b, k: float(re.search(k + r'="([0-9.]+)"', b).group(1))
bad = [b for b in boxes if min(size(b, "width"), size(b, "height")) > 12]
print("ok" if boxes and not bad else "%d boxes, too big: %s" % (len(boxes), bad[:1]))
PY
)"
pareto=$(sed -n '/id="chart-category-pareto"/,/<\/figure>/p' "$TMP/report.html")
check_match "the Pareto draws the hidden categories together, and says so" \
    "The hatched bar is the [0-9]+ hidden categories together" "$pareto"
check "and its line runs solid to 100%" "1 0" \
    "$(printf '%s' "$pareto" | grep -c '<polyline') $(printf '%s' "$pareto" | grep -c 'stroke-dasharray="6 4"')"
check_match "and its labels are whole" \
    ">Medication or other substance</text>" "$pareto"
check_match "a tab in a location is a replacement mark in HTML too" \
    "<td>Bay$(printf '\357\277\275')2</td>" "$(cat "$TMP/report.html")"
check_match "the title names the range" \
    "<title>aer safety summary [0-9-]{10} .* [0-9-]{10}</title>" \
    "$(cat "$TMP/report.html")"
check_match "the small category is <5 there too" \
    "<td>Surgery</td><td class=\"n hid\">&lt;5</td>" \
    "$(cat "$TMP/report.html")"
check_match "a location from a reporter is escaped" \
    "&lt;Theatre&gt; &amp; &quot;annex&quot;" "$(cat "$TMP/report.html")"
check "nothing is loaded from elsewhere" 0 \
    "$(grep -c -E '<script|<link|src=|url\(http' "$TMP/report.html")"
aer export --format xml > /dev/null 2>&1
check "an unknown format is a usage error" 2 $?

finish
