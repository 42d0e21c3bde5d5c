# The committee's HTML export as a browser draws it, at three sizes of
# data: a month of 3 reports (every count hidden, the total too), a
# month of 9 (two categories hidden, all 9 reports in them), and five
# months of about 300; and a reviewer's range that ends in the middle of
# a month. Each page is opened in headless Chromium, which measures
# what it drew (tests/chart-check.py): no text clipped, legends whole,
# the axis up to every bar and to what the hidden rows hold together,
# no bar for a category with no report ahead of the others, the partial
# month marked, hidden counts written one way. Screenshots of the small
# and the large page are taken (kept in $AER_SCREENSHOTS if set, for a
# person to look at). Skips only where Chromium is not installed.
CHROMIUM=${CHROMIUM:-$(command -v chromium || command -v chromium-browser || true)}
if [ -z "$CHROMIUM" ]; then
	echo "chromium is not installed (scripts/install-deps installs it)"
	exit 77
fi
AERD=${AERD_CLOCK:?AERD_CLOCK must name tests/aerd-clock (make check sets it)}
. "$TESTS_SRCDIR/lib.sh"
export AERD_TEST_CLOCK="$TMP/clock"

PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
printf 'admin_groups = %s\nsuppression_threshold = 5\n' "$(id -gn)" \
    > "$TMP/aerd.conf"
at() { date -d "$1 12:00" +%s > "$AERD_TEST_CLOCK"; }
at 2025-01-10
start_aerd --config "$TMP/aerd.conf" --listen "127.0.0.1:$PORT"

# file DAY N EVENT CATEGORY HARM: N urgent reports received on DAY.
file() {
	at "$1"
	n=$2
	shift 2
	body=$(python3 -c '
import json, sys
ev, cat, harm = sys.argv[1:4]
b = {"event_type": ev, "category": cat, "occurred_at": "2025-01-01",
     "description": "What happened.", "location": "4 West", "urgent": True}
if harm != "-": b["harm"] = harm
print(json.dumps(b))' "$@")
	while [ "$n" -gt 0 ]; do
		post_json /v1/reports "$body"
		[ "$STATUS" = 201 ] || echo "# filing failed: $BODY" >&2
		n=$((n - 1))
	done
}
# January 2025: 3 reports. March: 9, medication 4 and falls 5 (hidden
# as its complement). May to September: about 300, five categories.
file 2025-01-08 2 near_miss medication -
file 2025-01-09 1 incident fall mild
file 2025-03-05 4 near_miss medication -
file 2025-03-06 5 incident fall none
for m in 05 06 07 08 09; do
	file 2025-$m-05 $((20 + ${m#0} * 3)) near_miss medication -
	file 2025-$m-06 15 incident fall mild
	file 2025-$m-07 9 incident device moderate
	file 2025-$m-08 7 unsafe_condition infection -
	file 2025-$m-09 3 incident surgery severe
done
check "every report filed" 387 "$(db 'SELECT count(*) FROM reports')"
at 2025-10-15

post_json /v1/tokens '{"role":"committee","name":"safety-chair"}'
jget 'v["token"]' > "$TMP/token"
chmod 600 "$TMP/token"
caer() { "$AER" --url "http://127.0.0.1:$PORT" --token-file "$TMP/token" "$@"; }
raer() { "$AER" --socket "$SOCK" "$@"; }

caer export --format html --from 2025-01 --to 2025-01 -o "$TMP/tiny.html" >/dev/null
caer export --format html --from 2025-03 --to 2025-03 -o "$TMP/small.html" >/dev/null
caer export --format html --from 2025-05 --to 2025-09 -o "$TMP/large.html" >/dev/null
# The reviewer's range runs into October, which is half gone (aerd's
# clock); aer reads the real clock, so the range's end marks it.
raer export --format html --from 2025-05 --to 2025-10-15 -o "$TMP/partial.html" >/dev/null
check "four pages exported" 4 "$(ls "$TMP"/*.html | wc -l | tr -d ' ')"

# measure NAME PARTIAL [WIDTH HEIGHT]: the problems chart-check.py finds.
measure() {
	shot=
	[ $# -gt 2 ] && shot="$TMP/$1.png $3 $4"
	# shellcheck disable=SC2086
	CHART_PARTIAL=$2 python3 "$TESTS_SRCDIR/chart-check.py" "$CHROMIUM" \
	    "$TMP/$1.html" $shot > "$TMP/$1.check" 2>&1
	echo $? >> "$TMP/$1.check"
}
for page in tiny small large partial; do
	case $page in
	small) measure small 0 900 3800 ;;
	large) measure large 0 1280 3800 ;;
	partial) measure partial 1 ;;
	*) measure "$page" 0 ;;
	esac
	check_match "chromium measured the $page page's five charts" \
	    "^measured 5 charts, [1-9][0-9]+ texts$" \
	    "$(tail -2 "$TMP/$page.check" | head -1)"
	check "the $page page's charts are honest and whole" "0" \
	    "$(sed '$d' "$TMP/$page.check" | sed '$d' | tr '\n' ';')$(tail -1 "$TMP/$page.check")"
done

# png FILE: the width and height in its header, if it is a PNG.
png() {
	python3 -c '
import struct, sys
b = open(sys.argv[1], "rb").read(24)
assert b[:8] == b"\x89PNG\r\n\x1a\n"
print("%dx%d" % struct.unpack(">II", b[16:24]))' "$1" 2>/dev/null
}
check "a screenshot of the small page, as wide as asked" 900x3800 \
    "$(png "$TMP/small.png")"
check "and of the large one" 1280x3800 "$(png "$TMP/large.png")"
if [ -n "${AER_SCREENSHOTS:-}" ]; then
	mkdir -p "$AER_SCREENSHOTS" && cp "$TMP"/*.png "$TMP"/*.html \
	    "$AER_SCREENSHOTS"/
fi

# What the pages say, beside what they draw.
# figure ID PAGE: one chart of a page.
figure() {
	sed -n "/<figure id=\"chart-$1\"/,/<\/figure>/p" "$TMP/$2.html"
}
check "the small Pareto: the two hidden categories as one bar of 9, no other" \
    "0 1" "$(figure category-pareto small | grep -c 'class="bar"') \
$(figure category-pareto small | grep -c 'class="hidden-sum" data-count="9"')"
check "and its harm chart draws the two hidden rows together, 9" 1 \
    "$(figure harm small | grep -c 'class="hidden-sum" data-count="9"')"
check "harm that does not apply is labelled so, not as missing" "0 1" \
    "$(grep -c 'Not recorded' "$TMP/large.html") $(grep -c '<td>Does not apply (near miss or unsafe condition)</td>' "$TMP/large.html")"
check "the tiny page, its total hidden, draws no cumulative line" 0 \
    "$(grep -c '<polyline' "$TMP/tiny.html")"
check "the committee's months are whole: no hollow point" 0 \
    "$(grep -c 'point partial' "$TMP/large.html")"
check "the reviewer's October is marked as part of a month" 1 \
    "$(grep -c 'point partial' "$TMP/partial.html")"

finish
