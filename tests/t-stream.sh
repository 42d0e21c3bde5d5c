# Connections and streamed replies end cleanly however they end: a
# connection that never sends a whole request, or whose request evhttp
# refuses itself, gives back its place under the cap; exports and a
# backup that the client abandons give back theirs; at most four exports
# and one backup run at once; and aerd stops with an export still open.
. "$TESTS_SRCDIR/lib.sh"

ADMIN_GROUP=$(id -gn)
printf 'admin_groups = %s\n' "$ADMIN_GROUP" > "$TMP/aerd.conf"

# Under a cap of two: connections that close at once, send a line evhttp
# cannot parse, or send headers over its limit, none of them reaching a
# route. Had any kept its place, the health check after them would wait.
start_aerd --config "$TMP/aerd.conf" --max-connections 2
python3 - "$SOCK" > "$TMP/odd.out" 2>&1 <<'PY'
import socket, sys
done = 0
for kind in ("silent", "garbage", "huge") * 10:
    s = socket.socket(socket.AF_UNIX)
    s.settimeout(5)
    s.connect(sys.argv[1])
    try:
        if kind == "garbage":
            s.sendall(b"NOT HTTP AT ALL\r\n\r\n")
        elif kind == "huge":
            s.sendall(b"GET /v1/health HTTP/1.1\r\nX-a: " + b"a" * 70000)
        if kind != "silent":
            while s.recv(4096):
                pass
    except OSError:
        pass
    s.close()
    done += 1
print(done)
PY
check "thirty odd connections come and go" 30 "$(cat "$TMP/odd.out")"
STATUS=$("$CURL" -s -o /dev/null -w '%{http_code}' --max-time 5 \
    --unix-socket "$SOCK" http://aerd/v1/health)
check "and their places under the cap are free again" 200 "$STATUS"
stop_aerd

db "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20000)
    INSERT INTO reports (id, receipt_hash, received, event_type, category,
        occurred_at, description)
    SELECT printf('bulk-%06d', i), randomblob(32), '2025-06-15', 'near_miss',
        'fall', '2025-06-14', 'bulk report ' || i FROM n"
start_aerd --config "$TMP/aerd.conf"
EXPORT="/v1/export?from=2025-01-01&to=2025-12-31"

# partial PATH N: N clients each read the start of PATH and hang up.
partial() {
	python3 - "$SOCK" "$1" "$2" <<'PY'
import socket, sys
path, n = sys.argv[2], int(sys.argv[3])
for _ in range(n):
    s = socket.socket(socket.AF_UNIX)
    s.settimeout(10)
    s.connect(sys.argv[1])
    s.sendall(b"GET " + path.encode() + b" HTTP/1.1\r\nHost: x\r\n\r\n")
    s.recv(1)
    s.close()
PY
}
# fetch PATH FILE: GET into FILE; sets STATUS.
fetch() {
	STATUS=$("$CURL" -s -o "$2" -w '%{http_code}' --max-time 60 \
	    --unix-socket "$SOCK" "http://aerd$1")
}
partial "$EXPORT" 6
fetch "$EXPORT" "$TMP/whole.csv"
check "six exports abandoned: a seventh is served" 200 "$STATUS"
check "and is whole" 20000 \
    "$(python3 -c 'import csv, sys; print(sum(1 for _ in csv.DictReader(open(sys.argv[1], newline=""))))' "$TMP/whole.csv")"

# Four exports read slowly hold every place; a fifth is refused.
pids=
for i in 1 2 3 4; do
	"$CURL" -s --limit-rate 200k --unix-socket "$SOCK" -o /dev/null \
	    "http://aerd$EXPORT" &
	pids="$pids $!"
done
sleep 1
api GET "$EXPORT"
check "a fifth export at once is refused" "429 busy" \
    "$STATUS $(jget 'v["error"]["code"]')"
kill $pids 2>/dev/null
wait $pids 2>/dev/null
i=0
while [ $i -lt 50 ]; do
	fetch "$EXPORT" /dev/null
	[ "$STATUS" = 200 ] && break
	sleep 0.1
	i=$((i + 1))
done
check "once their clients are gone, exports are served again" 200 "$STATUS"

partial /v1/backup 3
fetch /v1/backup "$TMP/backup.db"
check "three backups abandoned: a fourth is served" 200 "$STATUS"
check "and is a sound database" ok \
    "$("$SQLITE3" "$TMP/backup.db" 'PRAGMA integrity_check')"
"$CURL" -s --limit-rate 100k --unix-socket "$SOCK" -o /dev/null \
    http://aerd/v1/backup &
SLOW=$!
sleep 1
api GET /v1/backup
check "a second backup at once is refused" "429 busy" \
    "$STATUS $(jget 'v["error"]["code"]')"
kill "$SLOW" 2>/dev/null
wait "$SLOW" 2>/dev/null

# Stopping with an export open: aerd waits a while, then goes.
"$CURL" -s --limit-rate 50k --unix-socket "$SOCK" -o /dev/null \
    "http://aerd$EXPORT" &
SLOW=$!
sleep 1
stop_aerd
check "aerd stops cleanly with an export still open" 0 "$AERD_STATUS"
kill "$SLOW" 2>/dev/null
wait "$SLOW" 2>/dev/null

finish
