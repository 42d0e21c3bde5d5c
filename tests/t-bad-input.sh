# Every kind of bad input gets its status and a JSON error naming the
# field, and changes nothing in the database.
. "$TESTS_SRCDIR/lib.sh"
start_aerd

post_json /v1/reports "$SAMPLE"
check "a good report is filed first" 201 "$STATUS"
RECEIPT=$(jget 'v["receipt"]')
before=$(reports_count)

# expect DESCRIPTION STATUS CODE FIELD: checks the last reply.
expect() {
	check "$1: status" "$2" "$STATUS"
	check "$1: code" "$3" "$(jget 'v["error"]["code"]')"
	check "$1: field" "$4" "$(jget 'v["error"]["field"]')"
	check "$1: says why" 1 "$([ -n "$(jget 'v["error"]["message"]')" ] && echo 1)"
	check "$1: changes nothing" "$before" "$(reports_count)"
}

# with KEY VALUE: the sample report with one member replaced (or, with
# VALUE "DELETE", removed).
with() {
	printf '%s' "$SAMPLE" | python3 -c '
import json, sys
v = json.load(sys.stdin)
if sys.argv[2] == "DELETE":
    del v[sys.argv[1]]
else:
    v[sys.argv[1]] = json.loads(sys.argv[2])
print(json.dumps(v))' "$1" "$2"
}

post_json /v1/reports '{"event_type": "near_miss",'
expect "malformed JSON" 400 malformed_json null

post_json /v1/reports '["near_miss"]'
expect "an array instead of an object" 400 not_an_object null

post_json /v1/reports ''
expect "an empty body" 400 malformed_json null

# Hostile text: NUL, escaped or raw, is refused; deep nesting is refused
# without harm; SQL's metacharacters are only text.
post_json /v1/reports "$(with description '"a\u0000b"')"
expect "an escaped NUL in a string" 400 malformed_json null
printf '%s' "$(with description '"aZb"')" | tr Z '\000' > "$TMP/nul.json"
api POST /v1/reports -H 'Content-Type: application/json' \
    --data-binary "@$TMP/nul.json"
expect "a raw NUL in a string" 400 malformed_json null
python3 -c 'print("{\"description\": " + "[" * 30000 + "]" * 30000 + "}")' \
    > "$TMP/deep.json"
api POST /v1/reports -H 'Content-Type: application/json' \
    --data-binary "@$TMP/deep.json"
expect "arrays nested 30,000 deep" 400 malformed_json null
sql="x'); DROP TABLE reports; -- \" OR 1=1; SELECT * FROM audit"
post_json /v1/reports "$(with location "$(python3 -c 'import json,sys; print(json.dumps(sys.argv[1]))' "$sql")")"
check "SQL metacharacters: filed as text" 201 "$STATUS"
check "and stored exactly" "$sql" \
    "$(db "SELECT location FROM reports WHERE id = '$(jget 'v["id"]')'")"
check "with every table still there" 1 \
    "$(db "SELECT count(*) FROM sqlite_schema WHERE name = 'reports'")"
before=$(reports_count)

post_json /v1/reports '{"event_type":"near_miss","event_type":"incident"}'
expect "a duplicated key" 400 malformed_json null

api POST /v1/reports -H 'Content-Type: text/plain' --data-binary "$SAMPLE"
expect "wrong content type" 415 unsupported_content_type null

api POST /v1/reports --data-binary "$SAMPLE"
expect "form content type (curl's default)" 415 unsupported_content_type null

key=$(python3 -c 'print("\u00e9" * 200)')
post_json /v1/reports "{\"$key\": 1}"
expect "a long unknown name in two-byte characters" 422 unknown_field null

post_json /v1/reports "$(with description DELETE)"
expect "missing description" 422 missing_field description

post_json /v1/reports "$(with event_type null)"
expect "null event_type" 422 missing_field event_type

post_json /v1/reports "$(with occurred_at DELETE)"
expect "missing occurred_at" 422 missing_field occurred_at

post_json /v1/reports "$(with description '"   "')"
expect "blank description" 422 missing_field description

post_json /v1/reports "$(with reporter_name '"Jane Doe"')"
expect "unknown field" 422 unknown_field reporter_name

post_json /v1/reports "$(with category '"cafeteria"')"
expect "unknown category" 422 invalid_value category

post_json /v1/reports "$(with contributing_factors '["communication","luck"]')"
expect "unknown contributing factor" 422 invalid_value contributing_factors

post_json /v1/reports "$(with contributing_factors '"communication"')"
expect "factors not a list" 422 wrong_type contributing_factors

post_json /v1/reports "$(with location 42)"
expect "number for text" 422 wrong_type location

tomorrow=$(date -d tomorrow +%Y-%m-%d)
post_json /v1/reports "$(with occurred_at "\"$tomorrow\"")"
expect "future date" 422 invalid_value occurred_at

post_json /v1/reports "$(with occurred_at '"2026-02-30"')"
expect "impossible date" 422 invalid_value occurred_at

post_json /v1/reports "$(with occurred_at '"20/11/2026"')"
expect "date in another shape" 422 invalid_value occurred_at

post_json /v1/reports "$(with event_type '"incident"' | python3 -c '
import json, sys; v = json.load(sys.stdin); del v["harm"]; print(json.dumps(v))')"
expect "incident without harm" 422 missing_field harm

post_json /v1/reports "$(with harm '"severe"')"
expect "harm for a near miss" 422 invalid_value harm

post_json /v1/reports "$(with category '"fall"')"
expect "MERP for a fall" 422 invalid_value merp_category

post_json /v1/reports "$(with location '"4 West\nbed 2"')"
expect "line break in location" 422 invalid_value location

post_json /v1/reports "$(with description '"esc \u001b[31m red"')"
expect "control character" 422 invalid_value description

post_json /v1/reports "$(with description '"abc \u202e txt.exe"')"
expect "bidirectional override" 422 invalid_value description

post_json /v1/reports "$(with location "\"$(head -c 121 /dev/zero | tr '\0' 'x')\"")"
expect "location too long" 422 too_long location

printf '{"event_type":"near_miss","category":"fall","occurred_at":"2026-01-01","description":"bad \377 byte"}' > "$TMP/utf8"
api POST /v1/reports -H 'Content-Type: application/json' --data-binary "@$TMP/utf8"
expect "invalid UTF-8" 400 invalid_utf8 description
# An overlong form, a surrogate and a truncated sequence, each named.
for bad in 'location:\300\257' 'immediate_actions:\355\240\200' \
    'location:ok \342\202'; do
	f=${bad%%:*} b=${bad#*:}
	printf '{"event_type":"near_miss","category":"fall","occurred_at":"2026-01-01","description":"fine","%s":"'"$b"'"}' "$f" > "$TMP/utf8"
	api POST /v1/reports -H 'Content-Type: application/json' --data-binary "@$TMP/utf8"
	expect "invalid UTF-8 in $f" 400 invalid_utf8 "$f"
done
printf '{"bad \377 key":"x"}' > "$TMP/utf8"
api POST /v1/reports -H 'Content-Type: application/json' --data-binary "@$TMP/utf8"
expect "invalid UTF-8 in a key: no field to name" 400 invalid_utf8 null

api GET /v1/followup -H "Authorization: Receipt 0000-0000-0000-0000-0000"
expect "unknown receipt" 404 not_found receipt
wrong=$(printf '%s' "$RECEIPT" | sed 's/^./Z/; s/^ZZ/ZY/')
[ "$wrong" = "$RECEIPT" ] && wrong=0000-0000-0000-0000-0001
api GET /v1/followup -H "Authorization: Receipt $wrong"
unknown_body=$BODY
expect "wrong receipt" 404 not_found receipt
api GET /v1/followup -H "Authorization: Receipt not-a-receipt"
expect "malformed receipt" 404 not_found receipt
check "wrong and malformed receipts answer alike" "$unknown_body" "$BODY"

api GET /v1/followup
expect "no receipt" 401 unauthorized receipt
api GET /v1/followup -H "Authorization: Bearer $RECEIPT"
expect "another scheme" 401 unauthorized receipt

api GET "/v1/followup?receipt=$RECEIPT"
expect "a receipt in the URL is not accepted" 401 unauthorized receipt

api DELETE /v1/reports
expect "wrong method" 405 method_not_allowed null
allow=$("$CURL" -s -D - -o /dev/null -X PUT --unix-socket "$SOCK" http://aerd/v1/reports | tr -d '\r' | sed -n 's/^Allow: //p')
check "405 says what is allowed" POST "$allow"

api GET /v1/nothing-here
expect "unknown path" 404 not_found null

# A body over the limit (AER_MAX_BODY, 64 KiB) is refused by the HTTP
# layer as soon as the headers are read, with the right status (its body
# is libevent's, not JSON): just over the limit, and far over it; and a
# Content-Length that promises a gigabyte is answered before any of it.
for n in 65537 100000 300000; do
	head -c $n /dev/zero | tr '\0' 'a' > "$TMP/huge"
	api POST /v1/reports -H 'Content-Type: application/json' \
	    --data-binary "@$TMP/huge"
	check "a body of $n bytes: 413" 413 "$STATUS"
done
check "and nothing stored" "$before" "$(reports_count)"
check "413 before the body is sent" "413 after none of the body" \
    "$(python3 - "$SOCK" <<'EOF'
import socket, sys
s = socket.socket(socket.AF_UNIX)
s.connect(sys.argv[1])
s.settimeout(10)
s.sendall(b"POST /v1/reports HTTP/1.1\r\nHost: a\r\n"
          b"Content-Type: application/json\r\n"
          b"Content-Length: 1000000000\r\n\r\n")
try:
    print(s.recv(4096).split()[1].decode(), "after none of the body")
except (OSError, IndexError) as e:
    print("no answer:", e)
EOF
)"

# Headers past the limit are refused by the HTTP layer itself.
long=$(head -c 9000 /dev/zero | tr '\0' 'h')
api GET /v1/health -H "X-Long: $long"
check_match "oversized headers refused" '^4' "$STATUS"

# Guessing receipts costs the guesser: after ten that open nothing, this
# caller waits, told how long; right or wrong, until then.
i=0
while [ $i -lt 20 ]; do
	api GET /v1/followup -D "$TMP/headers" \
	    -H "Authorization: Receipt 0000-0000-0000-0000-00$(printf '%02d' $i)"
	[ "$STATUS" = 429 ] && break
	i=$((i + 1))
done
check "receipt guessing is rate-limited" "429 rate_limited receipt" \
    "$STATUS $(jget 'v["error"]["code"]') $(jget 'v["error"]["field"]')"
# Ten in a row at most, less the four above; a slow machine may see a
# token or two come back (one per 6 s) while it tries.
check "after about ten failures in a row (and the four above)" 1 \
    "$([ $i -le 13 ] && [ $i -ge 4 ] && echo 1)"
# (from the 429 itself: a later request may already find a token again)
retry=$(tr -d '\r' < "$TMP/headers" | sed -n 's/^Retry-After: //p')
check_match "a 429 says when to come back" '^[1-9][0-9]*$' "$retry"

# And the daemon is still serving, with nothing stored by any of this.
api GET /v1/health
check "still serving after all that" 200 "$STATUS"
check "exactly the two good reports" 2 "$(reports_count)"
check "no factors beyond the good reports'" 4 "$(db 'SELECT count(*) FROM report_factors')"

finish
