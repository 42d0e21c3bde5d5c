# aerd's memory stays bounded whatever clients send, and is given back:
# 4,000 connections that each send most of a 250 KB body and stall, over
# the Unix socket and over TLS; 4,000 that each send most of a body just
# under the limit (64 KiB), which only max_buffered holds back; resident
# memory (VmHWM, VmRSS from /proc) stays under 64 MiB meanwhile, falls
# back once they are gone, and a report is filed in the middle of it.
. "$TESTS_SRCDIR/lib.sh"

LIMIT_KB=$((64 * 1024))		# the goal: under 64 MiB resident
AFTER_KB=$((32 * 1024))		# and what is left once the flood is gone
N=4000

if grep -aq __asan_init "$AERD" || [ -n "${AERD_WRAPPER:-}" ]; then
	echo "# aerd's resident memory means nothing under a sanitizer or" \
	    "a wrapper"
	exit 77
fi
hard=$(ulimit -Hn)
if [ "$hard" != unlimited ] && [ "$hard" -lt $((N + 200)) ]; then
	echo "# needs $((N + 200)) open files; the hard limit is $hard"
	exit 77
fi
ulimit -n "$hard"

kb() {
	awk -v k="$1:" '$1 == k { print $2 }' /proc/"$AERD_PID"/status
}

# flood KIND WHERE SEND LENGTH: N stalled requests (tests/flood.py),
# held until release; sets FLOOD to its pid once they are all in place.
flood() {
	rm -f "$TMP/release"
	: > "$TMP/flood.out"
	python3 "$TESTS_SRCDIR/flood.py" "$1" "$2" "$N" "$3" "$4" \
	    "$TMP/release" > "$TMP/flood.out" 2>&1 &
	FLOOD=$!
	i=0
	while ! grep -q holding "$TMP/flood.out" && [ $i -lt 1200 ] &&
	    kill -0 "$FLOOD" 2>/dev/null; do
		sleep 0.05
		i=$((i + 1))
	done
	echo "# $(cat "$TMP/flood.out")"
}

# release: the flood lets go, and aerd has closed every connection.
release() {
	touch "$TMP/release"
	wait "$FLOOD"
	i=0
	while [ "$(ls /proc/"$AERD_PID"/fd | wc -l)" -gt 64 ] &&
	    [ $i -lt 200 ]; do
		sleep 0.05
		i=$((i + 1))
	done
	sleep 1.5	# the once-a-second sweep gives memory back
}

# under DESCRIPTION: the peak so far and the resident memory now.
under() {
	hwm=$(kb VmHWM)
	echo "# $1: VmHWM $hwm kB, VmRSS $(kb VmRSS) kB"
	check "$1: resident memory peaked under 64 MiB" yes \
	    "$([ "$hwm" -lt $LIMIT_KB ] && echo yes || echo "no, $hwm kB")"
}

# file_now URL [CURL ARGS...]: a report filed with the flood in place.
file_now() {
	url=$1
	shift
	start=$(date +%s%N)
	STATUS=$("$CURL" -s -o "$TMP/body" -w '%{http_code}' --max-time 10 \
	    -H 'Content-Type: application/json' --data-binary "$SAMPLE" \
	    "$@" "$url")
	echo "# filed in $(( ($(date +%s%N) - start) / 1000000 )) ms"
}

# --- the Unix socket ---------------------------------------------------

start_aerd
echo "# at start: VmRSS $(kb VmRSS) kB"

# Most of a 250.1 KB body: refused at its headers, none of it kept.
flood unix "$SOCK" 256000 256102
check "$N connections send most of a 250 KB body" "holding $N" \
    "$(cut -d' ' -f1,2 "$TMP/flood.out")"
file_now http://aerd/v1/reports --unix-socket "$SOCK"
check "a report is filed meanwhile" 201 "$STATUS"
under "250 KB bodies on the socket"
release

# Most of a body within the limit: max_buffered holds the total back.
flood unix "$SOCK" 64000 65536
check "$N connections send most of a 64 KiB body" "holding $N" \
    "$(cut -d' ' -f1,2 "$TMP/flood.out")"
file_now http://aerd/v1/reports --unix-socket "$SOCK"
check "a report is filed meanwhile" 201 "$STATUS"
under "64 KiB bodies on the socket"
check_match "aerd says why it closed some" "max_buffered" "$(cat "$LOG")"
release
rss=$(kb VmRSS)
echo "# after: VmRSS $rss kB"
check "the memory is given back after the flood" yes \
    "$([ "$rss" -lt $AFTER_KB ] && echo yes || echo "no, $rss kB")"
stop_aerd
check "aerd stopped cleanly" 0 "$AERD_STATUS"

# --- TLS -------------------------------------------------------------

OPENSSL=${OPENSSL:-openssl}
if ! command -v "$OPENSSL" >/dev/null 2>&1; then
	echo "# no openssl command to make a certificate: TLS not tried"
	finish
fi
PKI=$TMP/pki
mkdir -p "$PKI"
ossl() { "$OPENSSL" "$@" >>"$PKI/openssl.log" 2>&1; }
ossl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes \
    -keyout "$PKI/ca.key" -out "$PKI/ca.pem" -days 2 -subj "/CN=aer test CA"
ossl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes \
    -keyout "$PKI/aerd.key" -out "$PKI/aerd.csr" -subj "/CN=localhost"
printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\n' > "$PKI/ext"
ossl x509 -req -in "$PKI/aerd.csr" -CA "$PKI/ca.pem" -CAkey "$PKI/ca.key" \
    -CAcreateserial -days 2 -extfile "$PKI/ext" -out "$PKI/aerd.pem"
chmod 600 "$PKI/aerd.key"
PORT=$(python3 -c 'import socket; s = socket.socket()
s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
printf '%s\n' "tls_listen = 127.0.0.1:$PORT" \
    "tls_certificate = $PKI/aerd.pem" "tls_key = $PKI/aerd.key" \
    "server_name = localhost" > "$TMP/aerd.conf"
start_aerd --config "$TMP/aerd.conf"

flood tls "$PORT:$PKI/ca.pem" 256000 256102
check "$N TLS connections send most of a 250 KB body" "holding $N" \
    "$(cut -d' ' -f1,2 "$TMP/flood.out")"
file_now "https://localhost:$PORT/v1/reports" --cacert "$PKI/ca.pem"
check "a report is filed over TLS meanwhile" 201 "$STATUS"
under "250 KB bodies over TLS"
release
rss=$(kb VmRSS)
echo "# after: VmRSS $rss kB"
check "the memory is given back after the TLS flood" yes \
    "$([ "$rss" -lt $AFTER_KB ] && echo yes || echo "no, $rss kB")"
stop_aerd
check "aerd stopped cleanly" 0 "$AERD_STATUS"

finish
