# Connections and streamed replies end cleanly however they end: a
# connection that never sends a whole request, or whose request evhttp
# refuses itself, gives back its place under the cap; exports and a
# backup that the client abandons give back theirs; each caller runs one
# export and one backup at a time, and a stalled one ends at
# export_deadline; and aerd stops with an export still open.
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

# Each caller runs one export at a time, and one caller's stalled export
# keeps no one else from theirs: a reviewer's token (A) with an export
# its client has stopped reading, and a second reviewer's (B), over TCP;
# export_deadline ends the stalled one.
stop_aerd
# More rows than loopback TCP's buffers hold (4 MiB a side at most), so
# that a client that reads nothing holds the export up.
db "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 60000)
    INSERT INTO reports (id, receipt_hash, received, event_type, category,
        occurred_at, description)
    SELECT printf('more-%06d', i), randomblob(32), '2025-07-15', 'near_miss',
        'fall', '2025-07-14', 'another bulk report ' || i FROM n"
PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
printf 'admin_groups = %s\nexport_deadline = 5\n' "$ADMIN_GROUP" \
    > "$TMP/deadline.conf"
start_aerd --config "$TMP/deadline.conf" --listen "127.0.0.1:$PORT"
token() {
	post_json /v1/tokens "{\"role\":\"reviewer\",\"name\":\"$1\"}"
	jget 'v["token"]'
}
TOKEN_A=$(token reviewer-a)
TOKEN_B=$(token reviewer-b)
# tcp_export TOKEN FILE: an export over TCP into FILE; sets STATUS.
tcp_export() {
	STATUS=$("$CURL" -s -o "$2" -w '%{http_code}' --max-time 60 \
	    -H "Authorization: Bearer $1" "http://127.0.0.1:$PORT$EXPORT")
}
# A's client asks and reads nothing for 12 s, then reads what came:
# the reply must be cut short, without its last chunk.
python3 - "$PORT" "$TOKEN_A" "$EXPORT" "$TMP/sent" > "$TMP/stalled.out" \
    2>&1 <<'PY' &
import socket, sys, time
port, token, path = int(sys.argv[1]), sys.argv[2], sys.argv[3]
s = socket.socket()
s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
s.connect(("127.0.0.1", port))
s.sendall(("GET %s HTTP/1.1\r\nHost: 127.0.0.1:%d\r\n"
    "Authorization: Bearer %s\r\n\r\n" % (path, port, token)).encode())
open(sys.argv[4], "w").close()
time.sleep(12)
s.settimeout(20)
data = b""
try:
    while True:
        b = s.recv(65536)
        if not b:
            break
        data += b
except OSError:
    pass
print("whole" if data.endswith(b"\r\n0\r\n\r\n") else "cut")
PY
STALLED=$!
T0=$(date +%s)
i=0
while [ ! -f "$TMP/sent" ] && [ $i -lt 100 ]; do
	sleep 0.05
	i=$((i + 1))
done
i=0
while [ $i -lt 100 ]; do
	tcp_export "$TOKEN_A" "$TMP/a2.csv"
	[ "$STATUS" = 429 ] && break
	sleep 0.05
	i=$((i + 1))
done
check "a second export by the same token at once: 429" 429 "$STATUS"
check "busy" busy "$(jget 'v["error"]["code"]' "$(cat "$TMP/a2.csv")")"
n=0
for i in 1 2 3 4 5 6 7 8 9 10; do
	tcp_export "$TOKEN_A" /dev/null
	[ "$STATUS" = 429 ] && n=$((n + 1))
done
check "ten more by that token are each refused, holding no place" 10 "$n"
tcp_export "$TOKEN_B" "$TMP/b.csv"
check "another reviewer's token is served meanwhile" 200 "$STATUS"
check "and whole" 80000 \
    "$(python3 -c 'import csv, sys; print(sum(1 for _ in csv.DictReader(open(sys.argv[1], newline=""))))' "$TMP/b.csv")"
fetch "$EXPORT" /dev/null
check "and so is a local user's" 200 "$STATUS"
# The deadline (5 s) frees A's place while its client still reads
# nothing (until 12 s).
while [ "$(($(date +%s) - T0))" -lt 11 ]; do
	T1=$(($(date +%s) - T0))	# when the request was made
	STATUS=$("$CURL" -s -o /dev/null -w '%{http_code}' --max-time 60 \
	    -H "Authorization: Bearer $TOKEN_A" \
	    "http://127.0.0.1:$PORT$EXPORT")
	[ "$STATUS" = 200 ] && break
	sleep 0.2
done
check "the stalled export ends at its deadline: its token exports again" \
    200 "$STATUS"
check "after 4 s or more, before its client read anything (12 s)" yes \
    "$([ "$T1" -ge 4 ] && [ "$T1" -lt 12 ] && echo yes || echo "no: $T1 s")"
wait "$STALLED"
check "and the stalled client finds its reply cut short" cut \
    "$(cat "$TMP/stalled.out")"
check_match "the end is logged" "export: not finished within export_deadline" \
    "$(cat "$LOG")"

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
