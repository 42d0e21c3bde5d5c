# TLS listeners (tls_listen) with certificates made here by openssl: a
# test CA, a certificate for localhost, 127.0.0.1 and ::1, a second one
# for the same names, one for another name and an expired one. A report
# filed and followed over TLS with curl, a reviewer's bearer token, the
# Host check against server_name, TLS 1.1 and weak ciphers refused, plain
# HTTP answered with nothing, the handshake deadline and the connection
# cap, aerd -n's checks, SIGHUP changing the certificate (and a broken one
# leaving it), no caller's address in the database or the log, and the
# four keys in aerd.conf(5) and the sample.
. "$TESTS_SRCDIR/lib.sh"

OPENSSL=${OPENSSL:-openssl}
if ! command -v "$OPENSSL" >/dev/null 2>&1; then
	echo "# needs the openssl command to make certificates"
	exit 77
fi
if [ "$(id -u)" -ne 0 ]; then
	echo "# needs root, whom aerd maps to admin, to make a token"
	exit 77
fi

# --- certificates ---------------------------------------------------

PKI=$TMP/pki
mkdir -p "$PKI/ca.db"
: > "$PKI/ca.db/index.txt"
echo 01 > "$PKI/ca.db/serial"
cat > "$PKI/ca.cnf" <<EOF
[ ca ]
default_ca = test
[ test ]
database = $PKI/ca.db/index.txt
new_certs_dir = $PKI/ca.db
serial = $PKI/ca.db/serial
default_md = sha256
policy = any
[ any ]
commonName = supplied
EOF
ossl() { "$OPENSSL" "$@" >>"$PKI/openssl.log" 2>&1; }
ossl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes \
    -keyout "$PKI/ca.key" -out "$PKI/ca.pem" -days 30 -subj "/CN=aer test CA"

# leaf NAME SUBJECT_ALT_NAMES [openssl ca dates...]: NAME.key, NAME.pem.
leaf() {
	name=$1 san=$2
	shift 2
	printf 'subjectAltName=%s\n' "$san" > "$PKI/$name.ext"
	ossl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes \
	    -keyout "$PKI/$name.key" -out "$PKI/$name.csr" \
	    -subj "/CN=$name"
	if [ $# -gt 0 ]; then
		ossl ca -batch -config "$PKI/ca.cnf" -cert "$PKI/ca.pem" \
		    -keyfile "$PKI/ca.key" -in "$PKI/$name.csr" \
		    -out "$PKI/$name.pem" -extfile "$PKI/$name.ext" -notext "$@"
	else
		ossl x509 -req -in "$PKI/$name.csr" -CA "$PKI/ca.pem" \
		    -CAkey "$PKI/ca.key" -CAcreateserial -days 30 \
		    -extfile "$PKI/$name.ext" -out "$PKI/$name.pem"
	fi
	chmod 600 "$PKI/$name.key"
}
NAMES='DNS:localhost,IP:127.0.0.1,IP:::1'
leaf good "$NAMES"
leaf good2 "$NAMES"
leaf wrong 'DNS:wrong.example'
leaf expired "$NAMES" -startdate 20200101000000Z -enddate 20200102000000Z
for c in good good2 wrong expired; do
	if [ ! -s "$PKI/$c.pem" ]; then
		echo "# openssl could not make the $c certificate:"
		sed 's/^/#   /' "$PKI/openssl.log"
		exit 99
	fi
done
# fingerprint [FILE]: a certificate's SHA-256, from FILE or the input.
fingerprint() {
	if [ $# -gt 0 ]; then
		"$OPENSSL" x509 -noout -fingerprint -sha256 -in "$1"
	else
		"$OPENSSL" x509 -noout -fingerprint -sha256
	fi 2>/dev/null | sed 's/.*=//'
}

# The certificate aerd serves, as a new connection sees it.
served() {
	"$OPENSSL" s_client -connect "127.0.0.1:$PORT" -servername localhost \
	    </dev/null 2>/dev/null | fingerprint
}

# use NAME: the certificate and key aerd reads become NAME's.
use() {
	cp "$PKI/$1.pem" "$PKI/cur.pem"
	cp "$PKI/$1.key" "$PKI/cur.key"
}

free_port() {
	python3 -c 'import socket; s = socket.socket()
s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}
PORT=$(free_port)
V6=
if python3 -c 'import socket; socket.socket(socket.AF_INET6).bind(("::1", 0))' \
    2>/dev/null; then
	V6=$(free_port)
fi

CONF=$TMP/aerd.conf
{
	echo "tls_listen = 127.0.0.1:$PORT"
	[ -n "$V6" ] && echo "tls_listen = [::1]:$V6"
	echo "tls_certificate = $PKI/cur.pem"
	echo "tls_key = $PKI/cur.key"
	echo "server_name = localhost aer.example.org,[::1]"
} > "$CONF"
use good

# --- aerd -n --------------------------------------------------------

# check_conf DESCRIPTION WORDS CONFIG-LINES...: aerd -n refuses it, and
# says WORDS (a regular expression).
check_conf() {
	desc=$1 words=$2
	shift 2
	printf '%s\n' "$@" > "$TMP/bad.conf"
	"$AERD" -n --config "$TMP/bad.conf" --socket "$SOCK" --db "$DB" \
	    >"$TMP/n.out" 2>&1
	check "aerd -n refuses $desc" 1 $?
	check_match "and says so" "$words" "$(cat "$TMP/n.out")"
}

"$AERD" -n --config "$CONF" --socket "$SOCK" --db "$DB" >"$TMP/n.out" 2>&1
check "aerd -n takes the TLS configuration" "0 configuration OK" \
    "$? $(cat "$TMP/n.out")"
chmod 640 "$PKI/cur.key"
check_conf "a key its group may read" "cur\.key.*group or others" \
    "tls_listen = 127.0.0.1:$PORT" "tls_certificate = $PKI/cur.pem" \
    "tls_key = $PKI/cur.key" "server_name = localhost"
chmod 604 "$PKI/cur.key"
check_conf "a key others may read" "cur\.key.*group or others" \
    "tls_listen = 127.0.0.1:$PORT" "tls_certificate = $PKI/cur.pem" \
    "tls_key = $PKI/cur.key" "server_name = localhost"
chmod 600 "$PKI/cur.key"
check_conf "a key that does not match the certificate" \
    "wrong\.key does not match.*good\.pem" \
    "tls_listen = 127.0.0.1:$PORT" "tls_certificate = $PKI/good.pem" \
    "tls_key = $PKI/wrong.key" "server_name = localhost"
check_conf "a certificate it cannot read" "cannot read.*none\.pem" \
    "tls_listen = 127.0.0.1:$PORT" "tls_certificate = $PKI/none.pem" \
    "tls_key = $PKI/good.key" "server_name = localhost"
check_conf "a certificate file that holds none" "ca\.cnf.*no certificate" \
    "tls_listen = 127.0.0.1:$PORT" "tls_certificate = $PKI/ca.cnf" \
    "tls_key = $PKI/good.key" "server_name = localhost"
check_conf "tls_listen without a certificate, naming the line" \
    "bad\.conf:2: tls_listen needs tls_certificate" \
    "server_name = localhost" "tls_listen = 127.0.0.1:$PORT"
check_conf "tls_listen without server_name" \
    "bad\.conf:1: tls_listen needs server_name" \
    "tls_listen = 127.0.0.1:$PORT" "tls_certificate = $PKI/good.pem" \
    "tls_key = $PKI/good.key"
check_conf "a tls_listen address without a port" "bad\.conf:1:.*port" \
    "tls_listen = 127.0.0.1"
check_conf "a tls_listen host name" "bad\.conf:1:.*numeric" \
    "tls_listen = localhost:$PORT"
check_conf "plain listen on a network address, as before" \
    "bad\.conf:1:.*not a loopback" "listen = 0.0.0.0:$PORT"
printf '%s\n' "tls_listen = 0.0.0.0:$PORT" "tls_listen = [::]:$PORT" \
    "tls_certificate = $PKI/expired.pem" "tls_key = $PKI/expired.key" \
    "server_name = localhost" > "$TMP/any.conf"
"$AERD" -n --config "$TMP/any.conf" --socket "$SOCK" --db "$DB" \
    >"$TMP/n.out" 2>&1
check "tls_listen takes any address, IPv4 and IPv6" 0 $?
check_match "and an expired certificate is said, not refused" \
    "expired\.pem has expired" "$(cat "$TMP/n.out")"

# The four keys are documented, and the sample's TLS lines, uncommented
# and pointed at this test's files, are accepted as they stand.
if [ -n "${DOC_SRCDIR:-}" ]; then
	for key in tls_listen tls_certificate tls_key server_name; do
		in_page=$(grep -c "^\.It Cm $key " "$DOC_SRCDIR/aerd.conf.5")
		in_sample=$(grep -Ec "^#[[:space:]]*$key = " \
		    "$DOC_SRCDIR/aerd.conf.sample")
		check "aerd.conf(5) and the sample name $key" "1 yes" \
		    "$in_page $([ "$in_sample" -ge 1 ] && echo yes)"
	done
	grep -E '^#[[:space:]]*(tls_|server_name)' \
	    "$DOC_SRCDIR/aerd.conf.sample" | sed -e 's/^#[[:space:]]*//' \
	    -e "s|^tls_listen = .*:|tls_listen = 127.0.0.1:|" \
	    -e "s|^tls_certificate = .*|tls_certificate = $PKI/good.pem|" \
	    -e "s|^tls_key = .*|tls_key = $PKI/good.key|" > "$TMP/sample.conf"
	out=$("$AERD" -n --config "$TMP/sample.conf" --socket "$SOCK" \
	    --db "$DB" 2>&1)
	n=$(grep -c '^tls_listen' "$TMP/sample.conf")
	check "the sample's TLS lines, uncommented, are accepted" \
	    "2 configuration OK" "$n $out"
fi

# --- serving --------------------------------------------------------

start_aerd --config "$CONF" --timeout 3

# tls METHOD PATH [CURL ARGS...]: over TLS to localhost; sets STATUS, BODY.
tls() {
	method=$1 path=$2
	shift 2
	STATUS=$("$CURL" -s -o "$TMP/body" -w '%{http_code}' -X "$method" \
	    --cacert "$PKI/ca.pem" "$@" "https://localhost:$PORT$path")
	BODY=$(cat "$TMP/body")
}

tls GET /v1/health
check "health over TLS" "200 ok" "$STATUS $(jget 'v["status"]')"
tls POST /v1/reports -H 'Content-Type: application/json' \
    --data-binary "$SAMPLE"
check "a report filed over TLS" 201 "$STATUS"
ID=$(jget 'v["id"]')
RECEIPT=$(jget 'v["receipt"]')
tls GET /v1/followup -H "Authorization: Receipt $RECEIPT"
check "followed with its receipt over TLS" "200 $ID" \
    "$STATUS $(jget 'v["id"]')"
# The same with aer, as a ward workstation runs it.
"$AER" --url "https://localhost:$PORT" --cacert "$PKI/ca.pem" report \
    --type near_miss --category fall --occurred today \
    --description "Filed from a ward over TLS." > "$TMP/aer.out" 2>&1
check "aer files over TLS with the hospital's CA" 0 $?
AER_RECEIPT=$(sed -n 's/^ *Receipt: *//p' "$TMP/aer.out")
printf '%s\n' "$AER_RECEIPT" | "$AER" --url "https://localhost:$PORT" \
    --cacert "$PKI/ca.pem" status > "$TMP/aer.status" 2>&1
check_match "and follows it with the receipt" "status: new" \
    "$(cat "$TMP/aer.status")"
"$AER" --url "https://localhost:$PORT" report --type near_miss \
    --category fall --occurred today --description "No CA given." \
    > "$TMP/aer.noca" 2>&1
check_match "without the CA, aer refuses and says why" \
    "cannot check the identity of localhost" "$(cat "$TMP/aer.noca")"

tls GET /v1/whoami
check "a caller without a token is a reporter" reporter "$(jget 'v["role"]')"
tls GET /v1/queue
check "who may not read the queue" 403 "$STATUS"

"$AER" --socket "$SOCK" token create --role reviewer --name tls-reviewer \
    >"$TMP/token.out" 2>&1
check "root makes a reviewer's token over the Unix socket" 0 $?
TOKEN=$(grep -Eo 'aer_[0-9A-Z]{32}' "$TMP/token.out" | head -n 1)
tls GET /v1/queue -H "Authorization: Bearer $TOKEN"
check "the token's holder reads the queue over TLS" 200 "$STATUS"
check "which holds the report" 1 \
    "$(printf '%s' "$BODY" | grep -c "$ID")"
tls GET /v1/whoami -H "Authorization: Bearer $TOKEN"
check "as the reviewer the token names" "reviewer tls-reviewer" \
    "$(jget 'v["role"]') $(jget 'v["name"]')"
tls GET /v1/whoami \
    -H "Authorization: Bearer aer_0000000000000000000000000000000Z"
check "an unknown token is refused" 401 "$STATUS"

# Host: one of server_name, with or without the port.
for host in "localhost:$PORT" localhost LOCALHOST aer.example.org \
    "aer.example.org:443" aer.example.org.; do
	tls GET /v1/health -H "Host: $host"
	check "Host $host is one of server_name" 200 "$STATUS"
done
for host in evil.example "127.0.0.1:$PORT" "aer.example.org.evil" \
    "localhost:x" ""; do
	before=$(reports_count)
	tls POST /v1/reports -H "Host: $host" \
	    -H 'Content-Type: application/json' --data-binary "$SAMPLE"
	check "Host \"$host\" is misdirected (421) and files nothing" \
	    "421 $before" "$STATUS $(reports_count)"
done

if [ -n "$V6" ]; then
	STATUS=$("$CURL" -s -o "$TMP/body" -w '%{http_code}' -g \
	    --cacert "$PKI/ca.pem" -H 'Content-Type: application/json' \
	    --data-binary "$SAMPLE" "https://[::1]:$V6/v1/reports")
	check "a report filed over TLS on IPv6, Host [::1]" 201 "$STATUS"
fi

# Protocols and ciphers.
"$OPENSSL" s_client -connect "127.0.0.1:$PORT" -tls1_1 \
    -cipher 'DEFAULT@SECLEVEL=0' </dev/null >"$TMP/s.out" 2>&1
check "TLS 1.1 does not finish a handshake" 1 $?
check_match "aerd refuses its version" "alert protocol version" \
    "$(cat "$TMP/s.out")"
"$OPENSSL" s_client -connect "127.0.0.1:$PORT" -tls1_2 -cipher AES128-SHA \
    </dev/null >"$TMP/s.out" 2>&1
check "TLS 1.2 without ECDHE and AEAD is refused" 1 $?
check_match "by aerd" "alert handshake failure" "$(cat "$TMP/s.out")"
"$OPENSSL" s_client -connect "127.0.0.1:$PORT" -tls1_2 \
    </dev/null >"$TMP/s.out" 2>&1
check_match "TLS 1.2 with ECDHE and AES-GCM" \
    "Cipher is ECDHE-ECDSA-AES128-GCM-SHA256" "$(cat "$TMP/s.out")"
check_match "no compression" "Compression: NONE" "$(cat "$TMP/s.out")"

# Plain HTTP on the TLS port: no HTTP answer, and the connection closed.
check "plain HTTP gets no HTTP answer and is closed" "closed, not HTTP" \
    "$(python3 - "$PORT" <<'EOF'
import socket, sys
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=10)
s.sendall(b"GET /v1/health HTTP/1.1\r\nHost: localhost\r\n\r\n")
got = b""
try:
    while True:
        b = s.recv(4096)
        if not b:
            break
        got += b
except OSError as e:
    pass
print("closed" if not b else "open", "HTTP" if b"HTTP/" in got else "not HTTP",
    sep=", ")
EOF
)"

# A handshake never begun is cut off at the deadline (--timeout 3).
check "a silent connection is closed at the deadline" closed \
    "$(python3 - "$PORT" <<'EOF'
import socket, sys
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=20)
try:
    print("closed" if s.recv(1) == b"" else "data")
except OSError as e:
    print("closed" if not isinstance(e, socket.timeout) else "still open")
EOF
)"

# --- SIGHUP: a new certificate for new connections -------------------

# reload: SIGHUP, and wait for aerd to say it has reloaded.
reload() {
	n=$(grep -c 'configuration reloaded' "$LOG")
	kill -HUP "$AERD_PID"
	i=0
	while [ "$(grep -c 'configuration reloaded' "$LOG")" -le "$n" ] &&
	    [ $i -lt 100 ]; do
		sleep 0.1
		i=$((i + 1))
	done
}

FP_GOOD=$(fingerprint "$PKI/good.pem")
FP_GOOD2=$(fingerprint "$PKI/good2.pem")
check "the first certificate is served" "$FP_GOOD" "$(served)"

# A connection opened before the reload keeps its certificate and goes on.
rm -f "$TMP/go"
python3 - "$PORT" "$PKI/ca.pem" "$TMP/go" >"$TMP/kept" 2>&1 <<'EOF' &
import hashlib, http.client, os, ssl, sys, time
port, ca, go = int(sys.argv[1]), sys.argv[2], sys.argv[3]
c = http.client.HTTPSConnection("localhost", port,
    context=ssl.create_default_context(cafile=ca))
def get():
    c.request("GET", "/v1/health")
    r = c.getresponse()
    r.read()
    return r.status
first = get()
print("ready", flush=True)
for _ in range(100):
    if os.path.exists(go):
        break
    time.sleep(0.1)
second = get()
cert = hashlib.sha256(c.sock.getpeercert(binary_form=True)).hexdigest()
print(first, second, cert.upper())
EOF
KEPT_PID=$!
i=0
while ! grep -q ready "$TMP/kept" && [ $i -lt 100 ]; do
	sleep 0.1
	i=$((i + 1))
done
use good2
reload
touch "$TMP/go"
wait "$KEPT_PID"
check "SIGHUP: a new connection gets the new certificate" "$FP_GOOD2" \
    "$(served)"
check "an open connection goes on with the certificate it had" \
    "200 200 $(printf '%s' "$FP_GOOD" | tr -d :)" \
    "$(sed -n 2p "$TMP/kept")"

printf 'not a certificate\n' > "$PKI/cur.pem"
reload
check_match "a broken certificate is refused, naming the file" \
    "cur\.pem.*keeping the certificate in force" "$(cat "$LOG")"
check "and the one in force stays" "$FP_GOOD2" "$(served)"
tls GET /v1/health
check "and serves" 200 "$STATUS"
cp "$PKI/wrong.pem" "$PKI/cur.pem"
reload
check_match "a certificate and key that do not match are refused" \
    "cur\.key does not match" "$(cat "$LOG")"
check "and the one in force stays" "$FP_GOOD2" "$(served)"

use wrong
reload
check "a certificate for another name is taken" \
    "$(fingerprint "$PKI/wrong.pem")" "$(served)"
"$CURL" -s -o /dev/null --cacert "$PKI/ca.pem" \
    "https://localhost:$PORT/v1/health"
check "and curl refuses it for localhost" 60 $?
use expired
reload
check_match "an expired certificate is said" "cur\.pem has expired" \
    "$(cat "$LOG")"
"$CURL" -s -o /dev/null --cacert "$PKI/ca.pem" \
    "https://localhost:$PORT/v1/health"
check "and curl refuses it" 60 $?
use good
reload
tls GET /v1/health
check "the good certificate again" 200 "$STATUS"

# --- the connection cap counts TLS connections -----------------------

stop_aerd
check "aerd stopped cleanly after the reloads" 0 "$AERD_STATUS"
start_aerd --config "$CONF" --max-connections 2
check "at the cap" "waiting" "$(python3 - "$PORT" "$CURL" "$PKI/ca.pem" <<'EOF'
import socket, subprocess, sys, time
port, curl, ca = sys.argv[1], sys.argv[2], sys.argv[3]
held = [socket.create_connection(("127.0.0.1", int(port))) for _ in range(2)]
time.sleep(0.5)
url = "https://localhost:%s/v1/health" % port
r = subprocess.run([curl, "-s", "-o", "/dev/null", "--max-time", "2",
    "--cacert", ca, url])
for s in held:
    s.close()
r2 = subprocess.run([curl, "-s", "-o", "/dev/null", "-w", "%{http_code}",
    "--max-time", "10", "--cacert", ca, url], capture_output=True)
print("waiting" if r.returncode == 28 and r2.stdout == b"200" else
    "curl %d, then %s" % (r.returncode, r2.stdout.decode()))
EOF
)"
stop_aerd

# --- no caller's address kept ----------------------------------------

check "aerd stopped cleanly" 0 "$AERD_STATUS"
check "no caller's address in the database" 0 \
    "$(cat "$DB"* | grep -ac -e '127\.0\.0\.1' -e '::1')"
check "the log names only aerd's own listeners" "" \
    "$(grep -e '127\.0\.0\.1' -e '::1' "$LOG" |
    grep -v -e "listening on 127\.0\.0\.1:$PORT (TLS)\$" \
    -e "listening on \[::1\]:$V6 (TLS)\$")"

finish
