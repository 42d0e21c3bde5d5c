# The FHIR export against HL7's own definition: every bundle aerd sends is
# validated with the FHIR R4 JSON Schema (tests/fhir/validate.js, which
# scripts/install-deps installs; without it this test fails). A case
# worked through triage, RCA and an action with the hostile strings the
# CSV tests use; a database of every kind of case made by bench/gendb;
# aer export --format fhir; what never goes out; and bad input.
. "$TESTS_SRCDIR/lib.sh"

: "${GENDB:?GENDB must name bench/gendb (make check builds it)}"
VALIDATOR=${FHIR_VALIDATOR:-$TESTS_SRCDIR/fhir/validate.js}
NODE=${NODE:-node}
# Compiling HL7's schema takes seconds: every bundle is validated in one
# run at the end, each checked there by what the validator said of it.
VALIDATE=
validate_later() {	# FILE EXPECTED-STATUS DESCRIPTION
	VALIDATE="$VALIDATE $1"
	printf '%s\t%s\t%s\n' "$1" "$2" "$3" >> "$TMP/validate.list"
}

if ! command -v "$NODE" >/dev/null 2>&1 ||
    [ ! -d "$(dirname "$VALIDATOR")/node_modules/ajv" ]; then
	not_ok "the FHIR validator is installed" \
	    "no node, or no $(dirname "$VALIDATOR")/node_modules: run scripts/install-deps"
	finish
fi
# The validator itself tells a bundle that breaks R4 from one that keeps it.
printf '%s' '{"resourceType":"Bundle","type":"collection","entry":[{"resource":{"resourceType":"AdverseEvent","actuality":"ACTUALITY","subject":{"reference":"#p"},"contained":[{"resourceType":"Patient","id":"p"}]}}]}' \
    > "$TMP/tmpl.json"
sed 's/ACTUALITY/actual/' "$TMP/tmpl.json" > "$TMP/good.json"
sed 's/ACTUALITY/likely/' "$TMP/tmpl.json" > "$TMP/bad.json"
validate_later "$TMP/good.json" valid "the validator passes a valid AdverseEvent"
validate_later "$TMP/bad.json" invalid "and fails an actuality R4 does not have"

printf 'admin_groups = %s\n' "$(id -gn)" > "$TMP/aerd.conf"
start_aerd --config "$TMP/aerd.conf"
aer() { "$AER" --socket "$SOCK" "$@"; }
TODAY=$(date +%Y-%m-%d)

# The hostile strings of the CSV tests, and white space that HL7's schema
# for FHIR strings does not take (tests/check_fhir.c).
NBSP=$(printf '\302\240')
LSEP=$(printf '\342\200\250')
DESC='=HYPERLINK("http://x") <b>&amp;</b> "quoted", comma
second line'"${NBSP}"'and	a tab'"${LSEP}"'end'
BODY_JSON=$(python3 -c '
import json, sys
print(json.dumps({"event_type": "incident", "category": "medication",
    "harm": "death", "merp_category": "I", "occurred_at": "2026-01-05T14:30",
    "location": "@SUM(A1) <Theatre> & \"annex\"", "description": sys.argv[1],
    "immediate_actions": "+1 call", "reporter_role": "pharmacist",
    "contributing_factors": ["communication"], "urgent": True}))' "$DESC")
post_json /v1/reports "$BODY_JSON"
check "the hostile case is filed" 201 "$STATUS"
ID=$(jget 'v["id"]')
RECEIPT=$(jget 'v["receipt"]')
post_json "/v1/reports/$ID/triage" '{"severity":"catastrophic","probability":"remote","sentinel":true,"blameworthy":false}'
check "and triaged to an RCA" "200 investigating" "$STATUS $(jget 'v["state"]')"
api PUT "/v1/reports/$ID/rca" -H 'Content-Type: application/json' \
    --data-binary '{"team":["A. Reyes"],"timeline":[{"at":"2026-01-05","text":"Dose given"}],"causes":[{"statement":"-2 vials, \"same\" drawer, <none> labelled","factor":"environment_equipment"}],"complete":true}'
check "its RCA is complete" 200 "$STATUS"
post_json "/v1/reports/$ID/actions" '{"description":"@Separate the strengths","strength":"stronger","owner":"A. Reyes","measure":"audit","target":"none mixed","measure_by":"2099-03-01","due":"2099-01-15"}'
check "an action is planned" 201 "$STATUS"

api GET "/v1/export?from=$TODAY&to=$TODAY&format=fhir&narrative=1" \
    -D "$TMP/headers"
cp "$TMP/body" "$TMP/one.json"
check "the FHIR export is 200" 200 "$STATUS"
check_match "as FHIR JSON of R4" "^Content-Type: application/fhir\+json; fhirVersion=4.0" \
    "$(tr -d '\r' < "$TMP/headers" | grep -i '^content-type')"
validate_later "$TMP/one.json" valid "the hostile case's bundle is valid FHIR R4"
check "the case as its AdverseEvent" "$(python3 -c '
import json, sys
desc = sys.argv[1].replace("\u00a0", " ").replace("\u2028", "\n")
print("|".join(["actual", "fatal", "medication", "I", "#patient",
    "@SUM(A1) <Theatre> & \"annex\"", desc, "+1 call",
    "-2 vials, \"same\" drawer, <none> labelled", "@Separate the strengths",
    "stronger", "open", "3", "actions", "2026-01-05T14:30:00"]))' "$DESC")" \
    "$(python3 -c '
import json, sys
b = json.load(open(sys.argv[1]))
ae = b["entry"][0]["resource"]
ext = {}
for e in ae["extension"]:
    ext.setdefault(e["url"].rsplit("/", 1)[1], []).append(e)
def part(e, name):
    p = [x for x in e["extension"] if x["url"] == name][0]
    return p.get("valueString") or p.get("valueCode") or p["valueCoding"]["code"]
rca = [e for e in ext["contributing-factor"] if part(e, "source") == "rca"][0]
act = ext["mitigating-action"][0]
loc = [c for c in ae["contained"] if c["resourceType"] == "Location"][0]
print("|".join([ae["actuality"], ae["outcome"]["coding"][0]["code"],
    ae["event"]["coding"][0]["code"],
    ext["merp-category"][0]["valueCoding"]["code"], ae["subject"]["reference"],
    loc["name"], ext["description"][0]["valueString"],
    ext["immediate-actions"][0]["valueString"], part(rca, "statement"),
    part(act, "description"), part(act, "strength"), part(act, "status"),
    str(ext["sac-score"][0]["valuePositiveInt"]),
    ext["case-state"][0]["valueCode"], ae["date"][:19]]))' "$TMP/one.json")"

# Nothing that could name the reporter, and no narrative unless asked for.
NAME=$(id -un)
check "no receipt, reporter role or reviewer's name goes out" 0 \
    "$(grep -c -i -e "$RECEIPT" -e pharmacist -e "\"$NAME\"" -e reporter_role "$TMP/one.json")"
check "the patient is contained with nothing but an id" '{"id": "patient", "resourceType": "Patient"}' \
    "$(python3 -c '
import json, sys
ae = json.load(open(sys.argv[1]))["entry"][0]["resource"]
print(json.dumps([c for c in ae["contained"] if c["resourceType"] == "Patient"][0], sort_keys=True))' "$TMP/one.json")"
api GET "/v1/export?from=$TODAY&to=$TODAY&format=fhir"
cp "$TMP/body" "$TMP/plain.json"
validate_later "$TMP/plain.json" valid "without narrative=1 the bundle is valid too"
check "and holds no free text but the location" 0 \
    "$(grep -c -e HYPERLINK -e '+1 call' -e 'same' -e 'Separate' "$TMP/plain.json")"

# Bad input: the export's own 422s, and FHIR for reviewers only.
api GET "/v1/export?from=$TODAY&to=$TODAY&format=hl7"
check "an unknown format is 422" "422 format" "$STATUS $(jget 'v["error"]["field"]')"
api GET "/v1/export?from=$TODAY&to=$TODAY&format=fhir&narrative=yes"
check "narrative other than 1 is 422" "422 narrative" "$STATUS $(jget 'v["error"]["field"]')"
api GET "/v1/export?from=$TODAY&to=$TODAY&format=csv&narrative=1"
check "narrative with CSV is 422" "422 narrative" "$STATUS $(jget 'v["error"]["field"]')"
api GET "/v1/export?from=2026-02-30&to=$TODAY&format=fhir"
check "a day not on the calendar is 422" "422 from" "$STATUS $(jget 'v["error"]["field"]')"
api GET "/v1/export?from=${TODAY}T00:00&to=$TODAY&format=fhir"
check "a range that is not whole days is 422" "422 from" "$STATUS $(jget 'v["error"]["field"]')"
post_json /v1/tokens '{"role":"committee","name":"safety-chair"}'
TOKEN=$(jget 'v["token"]')
PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
stop_aerd
start_aerd --config "$TMP/aerd.conf" --listen "127.0.0.1:$PORT"
STATUS=$("$CURL" -s -o "$TMP/body" -w '%{http_code}' \
    -H "Authorization: Bearer $TOKEN" \
    "http://127.0.0.1:$PORT/v1/export?from=2026-01-01&to=2026-01-31&format=fhir")
check "the committee may not have it" "403 format" \
    "$STATUS $(jget 'v["error"]["field"]' "$(cat "$TMP/body")")"
api GET "/v1/export?from=2000-01-01&to=2000-01-31&format=fhir"
check "an empty range is a bundle with no entry" '200 {"resourceType":"Bundle","type":"collection"}' \
    "$STATUS $BODY"
cp "$TMP/body" "$TMP/empty.json"
validate_later "$TMP/empty.json" valid "which is valid too"

# aer export --format fhir -o FILE.
aer export --format fhir --from "$TODAY" --to "$TODAY" -o "$TMP/aer.json" \
    > "$TMP/said" 2>&1
check "aer export --format fhir exits 0" 0 $?
validate_later "$TMP/aer.json" valid "and writes a valid bundle"
check "of the one case, without the narrative" "1 0" \
    "$(python3 -c '
import json, sys
b = json.load(open(sys.argv[1]))
print(len(b["entry"]), sum(1 for e in b["entry"][0]["resource"]["extension"] if e["url"].endswith("/description")))' "$TMP/aer.json")"
aer export --format fhir --narrative --from "$TODAY" --to "$TODAY" \
    -o "$TMP/aer-n.json" > /dev/null 2>&1
check "aer export --narrative asks for it" 1 \
    "$(grep -c '/StructureDefinition/description"' "$TMP/aer-n.json")"
stop_aerd

# Thousands of cases of every kind and state, from bench/gendb.
rm -f "$DB" "$DB-wal" "$DB-shm"
"$GENDB" --db "$DB" -n 2000 --seed 11 --end "$TODAY" \
    "$TESTS_SRCDIR"/../sql/0*.sql > "$TMP/gendb.out" 2>&1
check "gendb made the database" 0 $?
start_aerd --config "$TMP/aerd.conf"
api GET "/v1/export?from=2000-01-01&to=$TODAY&format=fhir&narrative=1"
cp "$TMP/body" "$TMP/all.json"
check "the whole database's export is 200" 200 "$STATUS"
validate_later "$TMP/all.json" valid "and every resource in it is valid FHIR R4"
check "one AdverseEvent per case, actual for incidents only, every state" \
    "$(db "SELECT count(*), sum(event_type = 'incident') FROM reports") $(db "SELECT group_concat(state) FROM (SELECT DISTINCT state FROM reports ORDER BY state)")" \
    "$(python3 -c '
import json, sys
b = json.load(open(sys.argv[1]))
r = [e["resource"] for e in b["entry"]]
states = sorted(set(x["valueCode"] for a in r for x in a["extension"] if x["url"].endswith("/case-state")))
print("%d|%d %s" % (len(r), sum(a["actuality"] == "actual" for a in r), ",".join(states)))' "$TMP/all.json")"
check "every action is in it, as a mitigating action" \
    "$(db "SELECT count(*) FROM actions")" \
    "$(grep -o '/StructureDefinition/mitigating-action"' "$TMP/all.json" | wc -l)"
check "and every cause of every RCA, as a contributing factor" \
    "$(db "SELECT sum(json_array_length(causes)) FROM rca")" \
    "$(grep -o '"valueCode":"rca"' "$TMP/all.json" | wc -l)"
stop_aerd

# shellcheck disable=SC2086
"$NODE" "$VALIDATOR" $VALIDATE > "$TMP/validate.out"
while IFS='	' read -r file expect what; do
	said=$(grep -F "$file: " "$TMP/validate.out" | head -1)
	case $said in
	*" resources valid") got=valid ;;
	"") got="not validated" ;;
	*) got=invalid ;;
	esac
	check "$what" "$expect" "$got"
	[ "$got" = "$expect" ] ||
	    grep -A 12 -F "$file: " "$TMP/validate.out" | head -20
done < "$TMP/validate.list"
finish
