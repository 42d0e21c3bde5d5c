# File a report over the socket with curl, follow it with its receipt,
# and check what the database holds.
. "$TESTS_SRCDIR/lib.sh"
start_aerd

api GET /v1/health
check "health answers 200" 200 "$STATUS"
check "health says ok" ok "$(jget 'v["status"]')"

api GET /v1/taxonomy
check "taxonomy answers 200" 200 "$STATUS"
check "taxonomy has 11 categories" 11 "$(jget 'len(v["category"])')"
check "taxonomy categories are in order" 1,2,3,4,5,6,7,8,9,10,11 \
    "$(jget '",".join(str(c["order"]) for c in v["category"])')"
check "taxonomy has every enumeration" \
    action_strength,category,contributing_factor,event_type,harm,merp_category,probability,reporter_role,severity \
    "$(jget '",".join(sorted(v))')"

post_json /v1/reports "$SAMPLE"
check "filing answers 201" 201 "$STATUS"
ID=$(jget 'v["id"]')
RECEIPT=$(jget 'v["receipt"]')
check_match "the id is a UUID v4" \
    '^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$' "$ID"
check_match "the receipt is 5 groups of 4 Crockford characters" \
    '^([0-9A-HJKMNP-TV-Z]{4}-){4}[0-9A-HJKMNP-TV-Z]{4}$' "$RECEIPT"
check "the status is new" new "$(jget 'v["status"]')"
check "received is today, a day only" "$(date +%Y-%m-%d)" \
    "$(jget 'v["received"]')"
check "the reply is JSON" "application/json; charset=utf-8" \
    "$("$CURL" -s -o /dev/null -w '%{content_type}' --unix-socket "$SOCK" http://aerd/v1/health)"

# What the database holds: the report, as filed, and its factors.
check "one report stored" 1 "$(reports_count)"
check "stored fields" "near_miss|medication|none|B|2026-01-20T14:30|4 West|nurse|new" \
    "$(db "SELECT event_type, category, harm, merp_category, occurred_at, location, reporter_role, state FROM reports WHERE id = '$ID'")"
check "stored description" "Insulin drawn up for the wrong patient; caught at bedside scan." \
    "$(db "SELECT description FROM reports WHERE id = '$ID'")"
check "stored factors" "communication fatigue_scheduling" \
    "$(db "SELECT group_concat(factor, ' ') FROM (SELECT factor FROM report_factors WHERE report_id = '$ID' ORDER BY factor)")"
check "the receipt is not stored, only its SHA-256" 0 \
    "$(db "SELECT count(*) FROM reports WHERE instr(CAST(receipt_hash AS TEXT), '$RECEIPT') OR length(receipt_hash) != 32")"
canon=$(printf '%s' "$RECEIPT" | tr -d '-')
check "the stored hash is SHA-256 of the receipt" \
    "$(printf '%s' "$canon" | sha256sum | cut -d' ' -f1)" \
    "$(db "SELECT lower(hex(receipt_hash)) FROM reports WHERE id = '$ID'")"

# Following it.
api GET /v1/followup -H "Authorization: Receipt $RECEIPT"
check "follow-up answers 200" 200 "$STATUS"
check "follow-up names the report" "$ID" "$(jget 'v["id"]')"
check "follow-up status" new "$(jget 'v["status"]')"
check "follow-up has no messages yet" 0 "$(jget 'len(v["messages"])')"
check "follow-up has no outcome yet" null "$(jget 'v["outcome"]')"
check "follow-up shows no narrative" False "$(jget '"description" in v')"

lower=$(printf '%s' "$RECEIPT" | tr 'A-Z' 'a-z' | tr '-' ' ')
api GET /v1/followup -H "Authorization: Receipt $lower"
check "receipts are case-insensitive and ignore spacing" "$ID" "$(jget 'v["id"]')"

# A message from a reviewer reaches the reporter (inserted directly until
# reviewers have their own endpoint).
db "INSERT INTO messages (report_id, seq, sender, sent, body) VALUES ('$ID', 1, 'reviewer', '2026-11-23', 'Which pump was it?')"
api GET /v1/followup -H "Authorization: Receipt $RECEIPT"
check "follow-up shows the reviewer's message" "reviewer: Which pump was it?" \
    "$(jget 'v["messages"][0]["from"] + ": " + v["messages"][0]["text"]')"

# A second report gets its own id and receipt.
post_json /v1/reports "$SAMPLE"
check "second filing answers 201" 201 "$STATUS"
check "second id differs" 1 "$([ "$(jget 'v["id"]')" != "$ID" ] && echo 1)"
check "second receipt differs" 1 "$([ "$(jget 'v["receipt"]')" != "$RECEIPT" ] && echo 1)"
check "two reports stored" 2 "$(reports_count)"

# Reports survive a restart.
stop_aerd
check "SIGTERM exits 0" 0 "$AERD_STATUS"
check "SIGTERM removes the socket" no "$([ -e "$SOCK" ] && echo yes || echo no)"
start_aerd
api GET /v1/followup -H "Authorization: Receipt $RECEIPT"
check "the report is there after a restart" "$ID" "$(jget 'v["id"]')"

finish
