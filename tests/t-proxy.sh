# No proxy but the one asked for: with http_proxy, HTTPS_PROXY and
# ALL_PROXY set, as hospital workstations often have them, aer still goes
# straight to aerd, over TCP and over the Unix socket, and a receipt never
# reaches the proxy; with --proxy or $AER_PROXY the proxy gets the request.
. "$TESTS_SRCDIR/lib.sh"

PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
start_aerd --listen "127.0.0.1:$PORT"
URL=http://127.0.0.1:$PORT

# A fake proxy: it writes every byte it receives to $TMP/proxied, and
# answers 502 to whatever it is asked.
: > "$TMP/proxied"
python3 - "$TMP/proxied" "$TMP/proxy.port" <<'PY' &
import socket, sys, threading
srv = socket.socket()
srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
srv.bind(("127.0.0.1", 0))
srv.listen(16)
with open(sys.argv[2] + ".tmp", "w") as f:
    f.write(str(srv.getsockname()[1]))
import os
os.rename(sys.argv[2] + ".tmp", sys.argv[2])
lock = threading.Lock()
def serve(conn):
    conn.settimeout(2)
    got = b""
    try:
        while b"\r\n\r\n" not in got:
            chunk = conn.recv(65536)
            if not chunk:
                break
            got += chunk
            with lock, open(sys.argv[1], "ab") as f:
                f.write(chunk)
        conn.sendall(b"HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n"
            b"Connection: close\r\n\r\n")
    except OSError:
        pass
    conn.close()
while True:
    conn, _ = srv.accept()
    threading.Thread(target=serve, args=(conn,), daemon=True).start()
PY
PROXY_PID=$!
trap 'kill "$PROXY_PID" 2>/dev/null; cleanup' EXIT
i=0
while [ ! -s "$TMP/proxy.port" ] && [ $i -lt 200 ]; do
	sleep 0.05
	i=$((i + 1))
done
PROXY=http://127.0.0.1:$(cat "$TMP/proxy.port")

# proxied COMMAND...: run it with every proxy variable naming the fake
# proxy and no host exempted from it.
proxied() {
	env -u no_proxy -u NO_PROXY -u AER_PROXY \
	    http_proxy="$PROXY" HTTP_PROXY="$PROXY" \
	    https_proxy="$PROXY" HTTPS_PROXY="$PROXY" \
	    all_proxy="$PROXY" ALL_PROXY="$PROXY" "$@"
}
receipt_of() { sed -n 's/^ *Receipt: *//p' "$1"; }

# The variables do send curl to the fake proxy, so a check that it got
# nothing means something.
proxied "$CURL" -s -o /dev/null "$URL/v1/health"
check_match "curl itself goes through the proxy the variables name" \
    "GET $URL/v1/health" "$(cat "$TMP/proxied")"
: > "$TMP/proxied"

# Over TCP: filing, then following with the receipt.
proxied "$AER" --url "$URL" report --type near_miss --category fall \
    --occurred today --description "Bed rail left down." \
    > "$TMP/out" 2>&1
check "aer --url report, proxy variables set, exits 0" 0 $?
RECEIPT=$(receipt_of "$TMP/out")
check_match "and reaches aerd" '^([0-9A-Z]{4}-){4}[0-9A-Z]{4}$' "$RECEIPT"
check "the report is stored" 1 "$(reports_count)"
printf '%s\n' "$RECEIPT" | proxied "$AER" --url "$URL" status \
    > "$TMP/status" 2>&1
check "aer --url status with the receipt exits 0" 0 $?
check_match "and shows the report" "status: new" "$(cat "$TMP/status")"
check "the proxy received nothing over TCP" 0 \
    "$(wc -c < "$TMP/proxied" | tr -d ' ')"

# Over the Unix socket.
: > "$TMP/proxied"
proxied "$AER" --socket "$SOCK" report --type near_miss --category fall \
    --occurred today --description "Wet floor, no sign." > "$TMP/out" 2>&1
check "aer --socket report, proxy variables set, exits 0" 0 $?
SOCKET_RECEIPT=$(receipt_of "$TMP/out")
printf '%s\n' "$SOCKET_RECEIPT" | proxied "$AER" --socket "$SOCK" status \
    > "$TMP/status" 2>&1
check "aer --socket status with the receipt exits 0" 0 $?
check_match "and shows the report" "status: new" "$(cat "$TMP/status")"
check "the proxy received nothing over the socket" 0 \
    "$(wc -c < "$TMP/proxied" | tr -d ' ')"

# Asked for, the proxy is used; aerd never sees the request.
before=$(reports_count)
printf '%s\n' "$RECEIPT" | proxied "$AER" --url "$URL" --proxy "$PROXY" \
    status > "$TMP/err" 2>&1
check "through the fake proxy, aer status fails" 1 $?
check_match "--proxy: the proxy gets the request" "GET $URL/v1/followup" \
    "$(cat "$TMP/proxied")"
check_match "with the receipt in it" "Authorization: Receipt $RECEIPT" \
    "$(cat "$TMP/proxied")"
: > "$TMP/proxied"
proxied env AER_PROXY="$PROXY" "$AER" --url "$URL" report --type near_miss \
    --category fall --occurred today --description x > /dev/null 2>&1
check "through \$AER_PROXY, aer report fails" 1 $?
check_match "\$AER_PROXY: the proxy gets the report" "POST $URL/v1/reports" \
    "$(cat "$TMP/proxied")"
check "and nothing is stored" "$before" "$(reports_count)"
: > "$TMP/proxied"
proxied env AER_PROXY="$PROXY" "$AER" --url "$URL" --proxy "" report \
    --type near_miss --category fall --occurred today --description x \
    > /dev/null 2>&1
check "--proxy '' overrides \$AER_PROXY" 0 $?
check "and the proxy received nothing" 0 \
    "$(wc -c < "$TMP/proxied" | tr -d ' ')"

# A proxy is for TCP: aerd's socket is reached directly.
"$AER" --socket "$SOCK" --proxy "$PROXY" whoami > /dev/null 2> "$TMP/err"
check "--proxy with --socket is a usage error" 2 $?
check_match "and says why" "--proxy goes with --url" "$(cat "$TMP/err")"
env AER_PROXY="$PROXY" "$AER" --socket "$SOCK" whoami > /dev/null 2>&1
check "\$AER_PROXY is left alone on the socket" 0 $?

finish
