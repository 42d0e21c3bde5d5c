# The aerd that ships cannot be told what time it is: only the test
# build (tests/aerd-clock) reads AERD_TEST_CLOCK. A report filed with
# the variable pointing at a day in 2001 is received today, and neither
# the name of the variable nor its warning is in the shipped binary.
. "$TESTS_SRCDIR/lib.sh"

check "the shipped aerd does not hold the test clock's name" 0 \
    "$(grep -c AERD_TEST_CLOCK "$AERD")"
check "the test build does" 1 \
    "$([ "$(grep -c AERD_TEST_CLOCK "${AERD_CLOCK:?}")" -gt 0 ] && echo 1)"

echo "$(date -u -d '2001-02-03 12:00' +%s)" > "$TMP/clock"
export AERD_TEST_CLOCK="$TMP/clock"
start_aerd
post_json /v1/reports "$SAMPLE"
check "filed" 201 "$STATUS"
check "received is today, whatever AERD_TEST_CLOCK says" \
    "$(date +%Y-%m-%d)" "$(jget 'v["received"]')"
check "nothing said about a test clock" 0 "$(grep -c 'testing only' "$LOG")"
stop_aerd

AERD=$AERD_CLOCK
start_aerd
post_json /v1/reports "$(printf '%s' "$SAMPLE" | sed 's/2026-01-20/2001-02-01/')"
check "the test build's report is received on the test clock's day" \
    2001-02-03 "$(jget 'v["received"]')"
finish
