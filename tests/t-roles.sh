# The role matrix through a real aerd: local users mapped to roles by
# their groups, every endpoint called by every role, roles never taken
# from the body, bearer tokens on TCP only, and receipts.
. "$TESTS_SRCDIR/lib.sh"

if [ "$(id -u)" -ne 0 ] || ! command -v setpriv >/dev/null; then
	echo "# needs root and setpriv to call as other local users"
	exit 77
fi

# Groups and users, created once and reused; the supplementary groups
# are set every time so that each user holds exactly its role's group.
for g in aertest-rev aertest-com aertest-adm; do
	getent group "$g" >/dev/null || groupadd --system "$g" 2>/dev/null ||
	    getent group "$g" >/dev/null
done
ensure_user() {
	id "$1" >/dev/null 2>&1 || useradd --system --no-create-home \
	    --shell /usr/sbin/nologin "$1" 2>/dev/null || id "$1" >/dev/null
	usermod -G "$2" "$1"
}
ensure_user aertest-reporter ""
ensure_user aertest-reviewer aertest-rev
ensure_user aertest-committee aertest-com
ensure_user aertest-admin aertest-adm

user_of() {
	case $1 in
	reporter) echo aertest-reporter ;;
	committee) echo aertest-committee ;;
	reviewer) echo aertest-reviewer ;;
	admin) echo aertest-admin ;;
	esac
}
rank() {
	case $1 in
	any | receipt) echo 0 ;;
	reporter) echo 1 ;;
	committee) echo 2 ;;
	reviewer) echo 3 ;;
	admin) echo 4 ;;
	esac
}
ROLES="reporter committee reviewer admin"

# as_role ROLE METHOD PATH [CURL ARGS...]: over the Unix socket as the
# role's user, with its supplementary groups; sets STATUS and BODY.
as_role() {
	u=$(user_of "$1") method=$2 path=$3
	shift 3
	out=$(setpriv --reuid="$(id -u "$u")" --regid="$(id -g "$u")" \
	    --init-groups "$CURL" -s -w '\n%{http_code}' -X "$method" \
	    --unix-socket "$SOCK" "$@" "http://aerd$path")
	STATUS=$(printf '%s\n' "$out" | tail -n 1)
	BODY=$(printf '%s\n' "$out" | sed '$d')
}

# tcp METHOD PATH [CURL ARGS...]: over loopback TCP; sets STATUS, BODY.
tcp() {
	method=$1 path=$2
	shift 2
	STATUS=$("$CURL" -s -o "$TMP/body" -w '%{http_code}' -X "$method" \
	    "$@" "http://127.0.0.1:$PORT$path")
	BODY=$(cat "$TMP/body")
}

cat > "$TMP/aerd.conf" <<EOF
reviewer_groups = aertest-rev
committee_groups = aertest-com
admin_groups = aertest-adm
EOF
chmod 0755 "$TMP"
PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
start_aerd --config "$TMP/aerd.conf" --listen "127.0.0.1:$PORT"

# Who each user is.
for role in $ROLES; do
	as_role "$role" GET /v1/whoami
	check "whoami as $role answers 200" 200 "$STATUS"
	check "whoami as $role gives the role" "$role" "$(jget 'v["role"]')"
	if [ "$role" = reporter ]; then
		check "a reporter has no name" null "$(jget 'v["name"]')"
	else
		check "a $role is named by its user name" "$(user_of "$role")" \
		    "$(jget 'v["name"]')"
	fi
done
api GET /v1/whoami
check "root is admin, named root" "admin root" \
    "$(jget 'v["role"] + " " + v["name"]')"

# A case to work on: filed by the reporter, triaged (SAC 1) by root, and
# a second one, new, for the triage calls.
as_role reporter POST /v1/reports -H 'Content-Type: application/json' \
    --data-binary "$SAMPLE"
check "the reporter files a report" 201 "$STATUS"
ID=$(jget 'v["id"]')
RECEIPT=$(jget 'v["receipt"]')
post_json "/v1/reports/$ID/triage" \
    '{"severity":"moderate","probability":"remote","note":"trend"}'
check "root triages it: SAC 1, triaged" "200 triaged" \
    "$STATUS $(jget 'v["state"]')"
post_json /v1/reports "$SAMPLE"
ID2=$(jget 'v["id"]')
api POST /v1/tokens -H 'Content-Type: application/json' \
    --data-binary "{\"role\":\"committee\",\"name\":\"matrix-$$\"}"
check "root creates a token to revoke in the matrix" 201 "$STATUS"
MATRIX_TOKEN_ID=$(jget 'v["id"]')

DUE=$(date -d '+30 days' +%Y-%m-%d)
RCA='{"team":["A. Reyes (pharmacy)"],"timeline":[{"at":"2026-01-20T14:30","text":"Insulin drawn up"}],"causes":[{"statement":"Look-alike vials stored side by side led to picking the wrong one","factor":"environment_equipment"}],"complete":true}'
ACTION="{\"description\":\"Separate look-alike insulin vials\",\"strength\":\"stronger\",\"owner\":\"J. Okafor\",\"measure\":\"Wrong-vial events per month\",\"target\":\"0\",\"measure_by\":\"$DUE\",\"due\":\"$DUE\"}"

# matrix NEED METHOD PATH [BODY]: 403 "forbidden" exactly for the roles
# below NEED; the others get through to the handler.
matrix() {
	need=$1 method=$2 path=$3 body=${4:-}
	for role in $ROLES; do
		if [ -n "$body" ]; then
			as_role "$role" "$method" "$path" \
			    -H 'Content-Type: application/json' \
			    --data-binary "$body"
		else
			as_role "$role" "$method" "$path"
		fi
		if [ "$(rank "$role")" -lt "$(rank "$need")" ]; then
			check "$method $path as $role: 403 forbidden" \
			    "403 forbidden" "$STATUS $(jget 'v["error"]["code"]')"
		else
			check_match "$method $path as $role: not 403" \
			    '^(200|201|409)$' "$STATUS"
		fi
	done
}

matrix any GET /v1/health
matrix any GET /v1/taxonomy
matrix any GET /v1/whoami
matrix reporter POST /v1/reports "$SAMPLE"
matrix reviewer GET /v1/queue
matrix reviewer GET "/v1/reports/$ID"
matrix reviewer POST "/v1/reports/$ID2/triage" \
    '{"severity":"minor","probability":"remote"}'
matrix reviewer PUT "/v1/reports/$ID/rca" "$RCA"
matrix reviewer POST "/v1/reports/$ID/actions" "$ACTION"
ACTION_ID=$(db "SELECT id FROM actions WHERE report_id = '$ID' ORDER BY seq LIMIT 1")
check_match "an action was added" '^[0-9a-f-]{36}$' "$ACTION_ID"
matrix reviewer PATCH "/v1/actions/$ACTION_ID" '{"note":"vials moved"}'
matrix reviewer POST "/v1/reports/$ID/messages" '{"text":"Which unit stock?"}'
matrix reviewer POST "/v1/reports/$ID/close" '{"outcome":"Vials separated."}'
matrix admin POST /v1/tokens '{"role":"reviewer","name":"matrix-made"}'
matrix admin GET /v1/tokens
matrix admin DELETE "/v1/tokens/$MATRIX_TOKEN_ID"
matrix admin GET /v1/audit/verify

# The receipt endpoints: a receipt opens its report for anyone holding
# it, whatever their role; without one, 401 for everyone.
for role in $ROLES; do
	as_role "$role" GET /v1/followup -H "Authorization: Receipt $RECEIPT"
	check "GET /v1/followup with the receipt as $role" "200 $ID" \
	    "$STATUS $(jget 'v["id"]')"
	as_role "$role" POST /v1/followup/messages \
	    -H "Authorization: Receipt $RECEIPT" \
	    -H 'Content-Type: application/json' \
	    --data-binary "{\"text\":\"From the $role's seat\"}"
	check "POST /v1/followup/messages with the receipt as $role" 201 \
	    "$STATUS"
	as_role "$role" GET /v1/followup
	check "GET /v1/followup without a receipt as $role: 401" \
	    "401 unauthorized" "$STATUS $(jget 'v["error"]["code"]')"
	as_role "$role" POST /v1/followup/messages \
	    -H 'Content-Type: application/json' --data-binary '{"text":"hi"}'
	check "POST /v1/followup/messages without a receipt as $role: 401" \
	    401 "$STATUS"
done

# A reporter learns nothing about ids: 403, not 404. A reviewer gets 404.
NOID=00000000-0000-4000-8000-000000000000
as_role reporter GET "/v1/reports/$NOID"
check "a reporter asking for an unknown id gets 403 forbidden" \
    "403 forbidden" "$STATUS $(jget 'v["error"]["code"]')"
as_role reviewer GET "/v1/reports/$NOID"
check "a reviewer asking for an unknown id gets 404" 404 "$STATUS"
as_role committee POST "/v1/reports/$NOID/triage" \
    -H 'Content-Type: text/plain' --data-binary 'not json'
check "the role is checked before the id, the type and the body" \
    "403 forbidden" "$STATUS $(jget 'v["error"]["code"]')"

# Roles never come from the body or, on the socket, from a token.
as_role reporter POST /v1/reports -H 'Content-Type: application/json' \
    --data-binary "{\"role\":\"admin\",${SAMPLE#\{}"
check "a reporter claiming a role in the body: 422 unknown_field" \
    "422 unknown_field role" \
    "$STATUS $(jget 'v["error"]["code"]') $(jget 'v["error"]["field"]')"

api POST /v1/tokens -H 'Content-Type: application/json' \
    --data-binary "{\"role\":\"reviewer\",\"name\":\"tcp-reviewer-$$\"}"
check "root creates a reviewer token" "201 reviewer tcp-reviewer-$$" \
    "$STATUS $(jget 'v["role"]') $(jget 'v["name"]')"
TOKEN=$(jget 'v["token"]')
TOKEN_ID=$(jget 'v["id"]')
as_role reporter GET /v1/whoami -H "Authorization: Bearer $TOKEN"
check "a reviewer token on the Unix socket leaves a reporter a reporter" \
    "reporter null" "$(jget 'v["role"]') $(jget 'v["name"]')"
as_role reporter GET /v1/queue -H "Authorization: Bearer $TOKEN"
check "and the queue stays closed to it" 403 "$STATUS"

# Tokens on TCP.
tcp GET /v1/whoami -H "Authorization: Bearer $TOKEN"
check "TCP with the token: a reviewer with the token's name" \
    "200 reviewer tcp-reviewer-$$" \
    "$STATUS $(jget 'v["role"]') $(jget 'v["name"]')"
tcp GET /v1/queue -H "Authorization: Bearer $TOKEN"
check "TCP with the token: the queue answers 200" 200 "$STATUS"
tcp GET /v1/whoami
check "TCP without a token: a reporter without a name" "200 reporter null" \
    "$STATUS $(jget 'v["role"]') $(jget 'v["name"]')"
tcp GET /v1/queue
check "TCP without a token: the queue is 403" 403 "$STATUS"
tcp GET /v1/whoami -H "Authorization: Bearer x${TOKEN}x"
check "TCP with a wrong token: 401 unauthorized" "401 unauthorized" \
    "$STATUS $(jget 'v["error"]["code"]')"
tcp GET /v1/followup -H "Authorization: Receipt $RECEIPT"
check "TCP with a receipt: the follow-up answers" "200 $ID" \
    "$STATUS $(jget 'v["id"]')"

# Only the token's SHA-256 is kept.
check "the tokens table holds the SHA-256 of the token" \
    "$(printf '%s' "$TOKEN" | sha256sum | cut -d' ' -f1)" \
    "$(db "SELECT lower(hex(token_hash)) FROM tokens WHERE id = '$TOKEN_ID'")"
check "no column of the tokens table holds the token text" 0 \
    "$(db "SELECT count(*) FROM tokens WHERE instr(id || name || role || created || CAST(token_hash AS TEXT), '$TOKEN')")"
check "neither the database nor its WAL holds the token text" 0 \
    "$(cat "$DB" "$DB-wal" 2>/dev/null | grep -a -c -F -- "$TOKEN")"

api GET /v1/tokens
check "the token is listed, not revoked" false \
    "$(jget '[str(t["revoked"]).lower() for t in v["tokens"] if t["id"] == "'"$TOKEN_ID"'"][0]')"
check "the listing shows no token text or hash" 0 \
    "$(printf '%s' "$BODY" | grep -c -F -e "$TOKEN" -e token_hash)"
api DELETE "/v1/tokens/$TOKEN_ID"
check "root revokes the token" "200 True" "$STATUS $(jget 'v["revoked"]')"
tcp GET /v1/whoami -H "Authorization: Bearer $TOKEN"
check "a revoked token is 401" "401 unauthorized" \
    "$STATUS $(jget 'v["error"]["code"]')"
tcp GET /v1/queue -H "Authorization: Bearer $TOKEN"
check "a revoked token opens nothing" 401 "$STATUS"
api GET /v1/tokens
check "the listing marks it revoked" true \
    "$(jget '[str(t["revoked"]).lower() for t in v["tokens"] if t["id"] == "'"$TOKEN_ID"'"][0]')"

finish
