# The socket and the listeners: modes, a stale socket replaced, a live
# one never stolen, TCP, the connection cap, and file permissions.
. "$TESTS_SRCDIR/lib.sh"

start_aerd
check "the socket is mode 0666 by default" 666 "$(stat -c %a "$SOCK")"
check "the database is mode 0600" 600 "$(stat -c %a "$DB")"
check "the WAL is mode 0600" 600 "$(stat -c %a "$DB-wal")"

# A second daemon on the same socket refuses to start and steals nothing.
"$AERD" -f --socket "$SOCK" --db "$TMP/other.db" 2>"$TMP/second.log"
check "a second aerd on a live socket exits non-zero" 1 $?
check_match "and says why" "another aerd is listening on" "$(cat "$TMP/second.log")"
check "and creates no database of its own" no \
    "$([ -e "$TMP/other.db" ] && echo yes || echo no)"
api GET /v1/health
check "the first aerd still answers" 200 "$STATUS"

# A stale socket (the daemon died without cleaning up) is replaced.
kill -KILL "$AERD_PID"
wait "$AERD_PID" 2>/dev/null
AERD_PID=
check "a killed aerd leaves its socket" yes "$([ -S "$SOCK" ] && echo yes)"
start_aerd --socket-mode 0660
api GET /v1/health
check "a new aerd replaces the stale socket" 200 "$STATUS"
check "--socket-mode sets the mode at bind" 660 "$(stat -c %a "$SOCK")"
stop_aerd

# A database copied in readable by others is made private at start,
# keeping at most the group's read bit; so are its -wal and -shm.
chmod 0664 "$DB"
: > "$DB-shm"
chmod 0666 "$DB-shm"
start_aerd
check "an existing world-readable database is made 0640" 640 "$(stat -c %a "$DB")"
check "and its -shm" 640 "$(stat -c %a "$DB-shm")"
stop_aerd

# Something that is not a socket is never removed.
echo precious > "$TMP/notasocket"
"$AERD" -f --socket "$TMP/notasocket" --db "$DB" 2>"$TMP/third.log"
check "aerd refuses a path that is not a socket" 1 $?
check "and leaves the file alone" precious "$(cat "$TMP/notasocket")"

# Bad flags are refused with a sentence.
"$AERD" --max-connections zero 2>"$TMP/flags.log"
check "a bad number is a usage error" 2 $?
check_match "naming the flag" "max-connections" "$(cat "$TMP/flags.log")"
"$AERD" --help > "$TMP/help.out"
check "--help exits 0" 0 $?
check_match "--help lists --listen" "--listen" "$(cat "$TMP/help.out")"
check_match "--version" "^aerd [0-9]" "$("$AERD" --version)"

# TCP on loopback.
PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
start_aerd --listen "127.0.0.1:$PORT"
STATUS=$("$CURL" -s -o "$TMP/body" -w '%{http_code}' \
    -H 'Content-Type: application/json' --data-binary "$SAMPLE" \
    "http://127.0.0.1:$PORT/v1/reports")
check "a report filed over loopback TCP" 201 "$STATUS"
for host in "localhost:$PORT" "127.0.0.1:$PORT" "[::1]:$PORT" localhost; do
	STATUS=$("$CURL" -s -o /dev/null -w '%{http_code}' -H "Host: $host" \
	    "http://127.0.0.1:$PORT/v1/health")
	check "Host: $host is served" 200 "$STATUS"
done
# A page whose name was rebound to 127.0.0.1 sends its own name as Host.
before=$(reports_count)
for host in "evil.example:$PORT" evil.example "127.0.0.1.evil.example" \
    "10.0.0.1:$PORT" "localhost:x" "[::2]"; do
	STATUS=$("$CURL" -s -o "$TMP/body" -w '%{http_code}' -H "Host: $host" \
	    -H 'Content-Type: application/json' --data-binary "$SAMPLE" \
	    "http://127.0.0.1:$PORT/v1/reports")
	check "Host: $host is refused" "421 Host" \
	    "$STATUS $(python3 -c 'import json,sys; print(json.load(sys.stdin)["error"]["field"])' < "$TMP/body")"
done
check "and nothing was filed" "$before" "$(reports_count)"
# Each guess on a new connection, from a new source port and a new
# loopback address each time, still counts.
i=0
while [ $i -lt 30 ]; do
	STATUS=$("$CURL" -s -o /dev/null -w '%{http_code}' \
	    --interface "127.0.0.$((i + 2))" \
	    -H "Authorization: Receipt 0000-0000-0000-0000-00$(printf '%02d' $i)" \
	    "http://127.0.0.1:$PORT/v1/followup")
	[ "$STATUS" = 429 ] && break
	i=$((i + 1))
done
# Ten in a row, and a token back every 6 s on a slow machine: 429 well
# before 30, where a budget per connection or address would never give it.
check "receipt guessing over TCP, a connection and an address each, is rate-limited" \
    "429 yes" "$STATUS $([ $i -le 20 ] && echo yes)"
stop_aerd

"$AERD" -f --socket "$SOCK" --db "$DB" --listen 127.0.0.1 2>"$TMP/listen.log"
check "a listen address without a port is refused" 1 $?
check_match "with a sentence" "needs a port" "$(cat "$TMP/listen.log")"
"$AERD" -f --socket "$SOCK" --db "$DB" --listen "0.0.0.0:$PORT" 2>"$TMP/listen.log"
check "a non-loopback listen address is refused" 1 $?
check_match "because receipts would cross the network in the clear" \
    "not a loopback address" "$(cat "$TMP/listen.log")"

# The connection cap: with two connections held open and a cap of two,
# a third waits in the backlog; when one closes, it is served.
start_aerd --max-connections 2
python3 - "$SOCK" "$TMP/release" > "$TMP/cap.out" <<'PY' &
import socket, sys, time
held = []
for _ in range(2):
    s = socket.socket(socket.AF_UNIX)
    s.connect(sys.argv[1])
    s.sendall(b"GET /v1/health HTTP/1.1\r\nHost: x\r\n\r\n")
    s.recv(4096)        # served, and kept open (keep-alive)
    held.append(s)
print("held", flush=True)
for _ in range(200):        # until the test says so, 10 s at most
    try:
        open(sys.argv[2]).close()
        break
    except OSError:
        time.sleep(0.05)
for s in held:
    s.close()
PY
HOLDER=$!
i=0
while [ "$(cat "$TMP/cap.out" 2>/dev/null)" != held ] && [ $i -lt 100 ]; do
	sleep 0.05; i=$((i + 1))
done
STATUS=$("$CURL" -s -o /dev/null -w '%{http_code}' --max-time 1 \
    --unix-socket "$SOCK" http://aerd/v1/health)
check "at the cap, a new connection waits" 000 "$STATUS"
touch "$TMP/release"
wait "$HOLDER"
STATUS=$("$CURL" -s -o /dev/null -w '%{http_code}' --max-time 5 \
    --unix-socket "$SOCK" http://aerd/v1/health)
check "once they close, new connections are served" 200 "$STATUS"
i=0
while [ $i -lt 20 ]; do
	"$CURL" -s -o /dev/null --max-time 5 --unix-socket "$SOCK" \
	    http://aerd/v1/health || break
	i=$((i + 1))
done
check "ten times the cap, one after another, all served" 20 "$i"
stop_aerd
check "and aerd stops cleanly" 0 "$AERD_STATUS"

# Slow clients: two connections, at a cap of two, each dripping a byte
# of headers every half second, which restarts evhttp's idle timer every
# time. The request deadline (the --timeout) shuts them down anyway, and
# a well-behaved client is served.
start_aerd --max-connections 2 --timeout 2
python3 -c '
import socket, sys, time
conns = []
for _ in range(2):
    s = socket.socket(socket.AF_UNIX)
    s.connect(sys.argv[1])
    conns.append(s)
print("dripping", flush=True)
closed = 0
for i in range(20):                  # 10 s at most
    for s in conns:
        try:
            s.sendall(b"X")
        except OSError:
            pass
    time.sleep(0.5)
for s in conns:
    try:
        s.sendall(b"X")
        closed += s.recv(1) == b""
    except OSError:
        closed += 1
print("shut", closed, flush=True)
' "$SOCK" > "$TMP/drip.out" &
DRIP=$!
i=0
while ! grep -q dripping "$TMP/drip.out" && [ $i -lt 100 ]; do
	sleep 0.05; i=$((i + 1))
done
STATUS=$("$CURL" -s -o /dev/null -w '%{http_code}' --max-time 8 \
    --unix-socket "$SOCK" http://aerd/v1/health)
check "while slow clients drip headers, a new client is served" 200 "$STATUS"
wait "$DRIP"
check "the slow connections were shut down" "shut 2" "$(tail -n 1 "$TMP/drip.out")"
stop_aerd

finish
