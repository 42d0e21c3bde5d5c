# Nothing acknowledged is lost, under load: ROUNDS times (default 15),
# four clients file reports at once (and triage some of them) while
# aerd is killed with SIGKILL at a random moment; after a restart every
# report and triage that was answered 201/200 must be there, as sent,
# the database must pass integrity_check, and the audit chain must
# verify. bench/soak.sh runs the same for many more rounds.
. "$TESTS_SRCDIR/lib.sh"

ROUNDS=${ROUNDS:-15}
CLIENTS=4
ACKS=$TMP/acks		# one file per client and round, written after a reply
mkdir -p "$ACKS"

# The caller is admin (for triage and audit/verify): root is, and so is
# anyone in admin_groups.
printf 'admin_groups = %s\n' "$(id -gn)" > "$TMP/aerd.conf"

# The clients: one process each, a new connection per request. A line
# goes into the client's file only once the whole 201 (or 200) reply
# has been read and parsed; on any connection error the client stops.
cat > "$TMP/clients.py" <<'EOF'
import json, os, socket, sys, time

sock_path, acks, rnd, nclients = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
ready = sys.argv[5]

def request(method, path, body):
    data = json.dumps(body).encode()
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.settimeout(5)
    s.connect(sock_path)
    s.sendall(("%s %s HTTP/1.1\r\nHost: aerd\r\nConnection: close\r\n"
               "Content-Type: application/json\r\nContent-Length: %d\r\n\r\n"
               % (method, path, len(data))).encode() + data)
    reply = b""
    while True:
        chunk = s.recv(65536)
        if not chunk:
            break
        reply += chunk
    s.close()
    head, sep, rest = reply.partition(b"\r\n\r\n")
    if not sep:
        raise ConnectionError("no complete header")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    headers = dict(l.split(":", 1) for l in lines[1:] if ":" in l)
    headers = {k.strip().lower(): v.strip() for k, v in headers.items()}
    length = int(headers.get("content-length", "-1"))
    if length < 0 or len(rest) != length:
        raise ConnectionError("incomplete body")
    return status, json.loads(rest)

def client(c):
    severities = ["catastrophic", "major", "moderate", "minor"]
    probabilities = ["frequent", "occasional", "uncommon", "remote"]
    out = open(os.path.join(acks, "r%s-c%d" % (rnd, c)), "a")
    deadline = time.monotonic() + 5
    seq = 0
    while time.monotonic() < deadline:
        seq += 1
        desc = "t-crash round %s client %d seq %d: label swapped, caught at scan" % (rnd, c, seq)
        loc = "Ward %d-%d" % (c, seq % 7)
        # Every fourth report is triaged, so it is filed urgent (released
        # at once); the others wait in the inbox for a release.
        body = {"event_type": "near_miss", "category": "medication",
                "harm": "none", "occurred_at": "2026-01-20T14:30",
                "location": loc, "description": desc,
                "contributing_factors": ["communication"],
                "reporter_role": "nurse", "urgent": seq % 4 == 0}
        try:
            status, reply = request("POST", "/v1/reports", body)
        except OSError:
            break
        if status != 201:
            print("client %d: POST /v1/reports answered %d: %s" % (c, status, reply), file=sys.stderr)
            break
        out.write("report\t%s\t%s\t%s\n" % (reply["id"], desc, loc))
        out.flush()
        if seq % 4:
            continue
        sev, prob = severities[seq % 4], probabilities[(seq // 4) % 4]
        try:
            status, reply = request("POST", "/v1/reports/%s/triage" % reply["id"],
                                    {"severity": sev, "probability": prob})
        except OSError:
            break
        if status != 200:
            print("client %d: triage answered %d: %s" % (c, status, reply), file=sys.stderr)
            break
        out.write("triage\t%s\t%s\t%s\n" % (reply["id"], sev, prob))
        out.flush()
    out.close()

pids = []
for c in range(nclients):
    pid = os.fork()
    if pid == 0:
        try:
            client(c)
        finally:
            os._exit(0)
    pids.append(pid)
open(ready, "w").close()
for pid in pids:
    os.waitpid(pid, 0)
EOF

# Compares what the clients were told with the database: every
# acknowledged report present with the text it was sent with, every
# acknowledged triage recorded; and every report in the database one
# the clients sent (a report torn by the crash would not match).
cat > "$TMP/check.py" <<'EOF'
import os, re, sys
acks, rows_file, triage_file = sys.argv[1:4]
rows = {}
for line in open(rows_file, encoding="utf-8"):
    f = line.rstrip("\n").split("\t")
    rows[f[0]] = f[1:]
triaged = {}
for line in open(triage_file, encoding="utf-8"):
    f = line.rstrip("\n").split("\t")
    triaged[f[0]] = f[1:]
reports = triages = bad = 0
for name in sorted(os.listdir(acks)):
    for line in open(os.path.join(acks, name), encoding="utf-8"):
        f = line.rstrip("\n").split("\t")
        if f[0] == "report":
            reports += 1
            id_, desc, loc = f[1:]
            got = rows.get(id_)
            want = [desc, loc, "near_miss", "medication", "nurse"]
            if got != want:
                bad += 1
                print("report %s: expected %r, found %r" % (id_, want, got))
        elif f[0] == "triage":
            triages += 1
            id_, sev, prob = f[1:]
            got = triaged.get(id_)
            if got is None or got[:2] != [sev, prob] or got[2] == "new":
                bad += 1
                print("triage of %s: expected %s/%s, found %r" % (id_, sev, prob, got))
pattern = re.compile(r"^(t-crash round \d+ client \d+ seq \d+: label swapped, caught at scan|after the crash of round \d+)$")
for id_, f in rows.items():
    if not pattern.match(f[0]):
        bad += 1
        print("report %s in the database was never sent: %r" % (id_, f[0]))
print("%d %d %d" % (reports, triages, bad))
EOF

random_ms() {	# a number from $1 to $2
	r=$(od -An -N2 -tu2 /dev/urandom | tr -d ' ')
	echo $(($1 + r % ($2 - $1 + 1)))
}

round=0
total_reports=0
total_triages=0
rounds_ok=0
started=$(date +%s)
start_aerd --config "$TMP/aerd.conf"
while [ $round -lt "$ROUNDS" ]; do
	round=$((round + 1))
	rm -f "$TMP/ready"
	python3 "$TMP/clients.py" "$SOCK" "$ACKS" "$round" "$CLIENTS" \
	    "$TMP/ready" 2>>"$TMP/clients.err" &
	CLIENTS_PID=$!
	i=0
	while [ ! -e "$TMP/ready" ] && [ $i -lt 200 ]; do
		sleep 0.01
		i=$((i + 1))
	done
	delay=$(random_ms 50 400)
	sleep "$(printf '0.%03d' "$delay")"
	kill -KILL "$AERD_PID"
	wait "$AERD_PID" 2>/dev/null
	AERD_PID=
	# The clients stop on the first refused or broken connection.
	wait "$CLIENTS_PID"

	start_aerd --config "$TMP/aerd.conf"
	# A write after the crash, and an audit entry in every round.
	desc="after the crash of round $round"
	post_json /v1/reports "$(printf '%s' "$SAMPLE" | sed \
	    -e "s/\"description\":\"[^\"]*\"/\"description\":\"$desc\"/" \
	    -e 's/"location":"[^"]*"/"location":"Ward 9-9"/')"
	if [ "$STATUS" = 201 ]; then
		ID=$(jget 'v["id"]')
		printf 'report\t%s\t%s\tWard 9-9\n' "$ID" "$desc" \
		    > "$ACKS/r$round-after"
		post_json "/v1/reports/$ID/triage" \
		    '{"severity":"minor","probability":"remote"}'
		if [ "$STATUS" = 200 ]; then
			printf 'triage\t%s\tminor\tremote\n' "$ID" \
			    >> "$ACKS/r$round-after"
		else
			not_ok "round $round: triage after the restart" \
			    "$STATUS $BODY"
		fi
	else
		not_ok "round $round: a report after the restart" \
		    "$STATUS $BODY"
	fi

	# Every round checks everything acknowledged so far, released or
	# waiting.
	db -separator "$(printf '\t')" "SELECT id, description, location, \
	    event_type, category, reporter_role FROM reports UNION ALL \
	    SELECT id, description, location, event_type, category, \
	    reporter_role FROM inbox_reports" > "$TMP/rows"
	db -separator "$(printf '\t')" "SELECT t.report_id, t.severity, \
	    t.probability, r.state FROM triage t JOIN reports r \
	    ON r.id = t.report_id" > "$TMP/triaged"
	set -- $(python3 "$TMP/check.py" "$ACKS" "$TMP/rows" "$TMP/triaged" \
	    | tee "$TMP/check.out" | tail -n 1)
	reports=${1:-0} triages=${2:-0} bad=${3:-1}
	integrity=$(db 'PRAGMA integrity_check')
	api GET /v1/audit/verify
	verify=$(jget 'v["ok"]')
	entries=$(jget 'v["entries"]')
	if [ "$bad" -eq 0 ] && [ "$integrity" = ok ] && [ "$verify" = True ] &&
	    [ "$entries" -ge "$triages" ]; then
		rounds_ok=$((rounds_ok + 1))
	else
		not_ok "round $round (killed after $delay ms)" \
		    "$bad lost or altered; integrity_check [$integrity]; audit/verify [$BODY]; $triages triages acknowledged"
		sed -n '1,10s/^/#   /p' "$TMP/check.out"
	fi
	echo "# round $round: killed $delay ms after the clients started;" \
	    "$reports reports and $triages triages acknowledged so far"
	total_reports=$reports
	total_triages=$triages
done
elapsed=$(($(date +%s) - started))

check "every round kept every acknowledged report and triage, intact" \
    "$ROUNDS" "$rounds_ok"
check "the clients saw nothing but 201, 200 and a dead daemon" "" \
    "$(grep -v '^$' "$TMP/clients.err" 2>/dev/null | head -n 3)"
check_match "reports were acknowledged under load" '^[1-9]' "$total_reports"
echo "# $ROUNDS rounds, $total_reports acknowledged reports and $total_triages triages checked, in $elapsed s"
stop_aerd
check "aerd stops cleanly after the last round" 0 "$AERD_STATUS"
finish
