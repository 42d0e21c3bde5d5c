# Greedy and odd clients: two thousand connections holding half-sent
# requests on the socket, and 900 slow TCP clients of three kinds, do not
# keep a report from being filed; a connection carries a
# bounded number of requests; and clients whose own socket is bound to a
# long path, to an abstract name, or to nothing are all served.
. "$TESTS_SRCDIR/lib.sh"

# Started with a soft open-file limit of 256, aerd raises it to the hard
# limit, so that it can hold the connections below.
hard=$(ulimit -Hn)
AERD_WRAPPER="prlimit --nofile=256:$hard ${AERD_WRAPPER:-}" \
    start_aerd --timeout 20
check "aerd raised its open-file limit from 256 to the hard limit" \
    "$hard $hard" \
    "$(sed -n 's/^Max open files *\([0-9]*\) *\([0-9]*\).*/\1 \2/p' /proc/"$AERD_PID"/limits)"

# 2,000 half-sent requests, held open.
python3 -c '
import socket, sys, time
held = []
for i in range(2000):
    s = socket.socket(socket.AF_UNIX)
    s.connect(sys.argv[1])
    s.sendall(b"POST /v1/reports HTTP/1.1\r\nHost: a\r\nContent-Le")
    held.append(s)
print("holding", len(held), flush=True)
for _ in range(400):                     # until told, 20 s at most
    try:
        open(sys.argv[2]).close()
        break
    except OSError:
        time.sleep(0.05)
' "$SOCK" "$TMP/release" > "$TMP/flood.out" 2>&1 &
FLOOD=$!
i=0
while ! grep -q holding "$TMP/flood.out" && [ $i -lt 400 ]; do
	sleep 0.05; i=$((i + 1))
done
check "two thousand half-sent requests are held open" "holding 2000" \
    "$(cat "$TMP/flood.out")"
start=$(date +%s%N)
STATUS=$("$CURL" -s -o "$TMP/body" -w '%{http_code}' --max-time 10 \
    --unix-socket "$SOCK" -H 'Content-Type: application/json' \
    --data-binary "$SAMPLE" http://aerd/v1/reports)
ms=$(( ($(date +%s%N) - start) / 1000000 ))
echo "# filed in $ms ms with 2000 half-sent requests held open"
check "a report is filed meanwhile (curl gives up after 10 s)" 201 "$STATUS"
touch "$TMP/release"
wait "$FLOOD"

# The same on the TCP listener, with the three kinds of slow client that
# slowhttptest makes: headers that never end (slowloris), a body sent a
# byte at a time, and a reader that never reads a large reply. A
# well-behaved client files over TCP meanwhile.
stop_aerd
PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
start_aerd --timeout 20 --listen "127.0.0.1:$PORT"
python3 - "$PORT" "$TMP/release-tcp" > "$TMP/slow.out" 2>&1 <<'PY' &
import socket, sys, time
port, release = int(sys.argv[1]), sys.argv[2]
held = []
def conn():
    s = socket.create_connection(("127.0.0.1", port))
    held.append(s)
    return s
for i in range(300):
    conn().sendall(b"GET /v1/health HTTP/1.1\r\nHost: localhost\r\nX-a: ")
for i in range(300):
    conn().sendall(b"POST /v1/reports HTTP/1.1\r\nHost: localhost\r\n"
                   b"Content-Type: application/json\r\n"
                   b"Content-Length: 60000\r\n\r\n{")
for i in range(300):
    s = conn()
    s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 1024)
    # Twenty pipelined requests each: the replies wait in buffers the
    # reader never empties, and building them keeps aerd's I/O busy turn
    # after turn, which once starved the group commit (filing.c).
    s.sendall(b"GET /v1/taxonomy HTTP/1.1\r\nHost: localhost\r\n\r\n" * 20)
print("holding", len(held), flush=True)
deadline = time.time() + 20
while time.time() < deadline:
    try:
        open(release).close()
        break
    except OSError:
        pass
    for s in held[300:600]:          # a byte of body now and then
        try:
            s.send(b" ")
        except OSError:
            pass
    time.sleep(0.5)
PY
SLOW=$!
i=0
while ! grep -q holding "$TMP/slow.out" && [ $i -lt 400 ]; do
	sleep 0.05; i=$((i + 1))
done
check "900 slow TCP clients are held open" "holding 900" "$(cat "$TMP/slow.out")"
start=$(date +%s%N)
STATUS=$("$CURL" -s -o "$TMP/body" -w '%{http_code}' --max-time 10 \
    -H 'Content-Type: application/json' --data-binary "$SAMPLE" \
    "http://127.0.0.1:$PORT/v1/reports")
ms=$(( ($(date +%s%N) - start) / 1000000 ))
echo "# filed over TCP in $ms ms beside 900 slow clients"
check "a report is filed over TCP meanwhile (curl gives up after 10 s)" \
    201 "$STATUS"
touch "$TMP/release-tcp"
wait "$SLOW"

# A connection carries at most 1000 requests, then is closed.
python3 -c '
import socket, sys
s = socket.socket(socket.AF_UNIX)
s.connect(sys.argv[1])
f = s.makefile("rb")
served = 0
for i in range(1005):
    try:
        s.sendall(b"GET /v1/health HTTP/1.1\r\nHost: a\r\n\r\n")
    except OSError:
        break
    # A request sent after the last reply may find the connection
    # closed with it unread: a reset, not a reply.
    try:
        line = f.readline()
        if not line:
            break
        n = 0
        while True:
            h = f.readline()
            if h in (b"\r\n", b""):
                break
            if h.lower().startswith(b"content-length:"):
                n = int(h.split(b":")[1])
        if len(f.read(n)) != n:
            break
    except OSError:
        break
    served += 1
print(served)
' "$SOCK" > "$TMP/budget.out" 2>&1
check "one connection carries 1000 requests, then closes" 1000 \
    "$(cat "$TMP/budget.out")"

# Clients bound to a long path (as long as sun_path takes: upstream
# libevent 2.1.12 overflowed on 26 bytes or more, and configure refuses
# it), to an abstract name, and to nothing.
long="$TMP/$(head -c $((107 - ${#TMP} - 1)) /dev/zero | tr '\0' 'c')"
for how in long abstract unnamed; do
	python3 -c '
import socket, sys
how, path, long = sys.argv[1:4]
s = socket.socket(socket.AF_UNIX)
if how == "long":
    s.bind(long)
elif how == "abstract":
    s.bind("\0aer-test-client-" + "x" * 60)
s.connect(path)
s.sendall(b"GET /v1/health HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n")
print(s.recv(4096).split(b"\r\n")[0].decode())
' "$how" "$SOCK" "$long" > "$TMP/peer.out" 2>&1
	check "a client bound to a $how name is served" "HTTP/1.1 200 OK" \
	    "$(cat "$TMP/peer.out")"
done
api GET /v1/health
check "aerd is still well" 200 "$STATUS"
stop_aerd
check "and stops cleanly" 0 "$AERD_STATUS"

finish
