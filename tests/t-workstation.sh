# aer on a ward workstation: over https:// to a real aerd, through a
# TLS front (python3's ssl module) that forwards to aerd's loopback TCP
# listener, with certificates made here with openssl: one from a test
# authority for localhost and 127.0.0.1, one for another name, one
# self-signed, one expired. aer files with --cacert, $AER_CACERT and the
# aer.conf files; it refuses a certificate that does not check out, and
# http:// to another machine, with a sentence for IT and nothing filed.
. "$TESTS_SRCDIR/lib.sh"
# No aer.conf but the ones made below.
export AER_CONF="$TMP/none.conf" XDG_CONFIG_HOME="$TMP/none"

OPENSSL=${OPENSSL:-openssl}
if ! command -v "$OPENSSL" > /dev/null 2>&1; then
	echo "# openssl not found; scripts/install-deps installs it"
	exit 77
fi

# The certificates.
PKI=$TMP/pki
mkdir -p "$PKI"
cat > "$PKI/openssl.cnf" <<'EOF'
[req]
distinguished_name = dn
prompt = no
[dn]
CN = aer test authority
[ca]
default_ca = testca
[testca]
database = index.txt
new_certs_dir = .
serial = serial
default_md = sha256
policy = any
unique_subject = no
[any]
commonName = supplied
[ca_ext]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
[leaf_ext]
basicConstraints = CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = serverAuth
subjectAltName = $ENV::SAN
EOF
# make_ca NAME; make_leaf NAME SAN [openssl ca dates...]; make_self NAME SAN
ossl() { (cd "$PKI" && "$OPENSSL" "$@" -config openssl.cnf) >> "$PKI/log" 2>&1; }
newkey="-newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes"
make_ca() {
	SAN=DNS:unused ossl req -x509 $newkey -keyout "$1.key" -out "$1.pem" \
	    -days 2 -extensions ca_ext -subj "/CN=aer test $1"
}
make_leaf() {
	name=$1 san=$2
	shift 2
	SAN=$san ossl req -new $newkey -keyout "$name.key" -out "$name.csr" \
	    -subj "/CN=$name" &&
	SAN=$san ossl ca -batch -notext -cert ca.pem -keyfile ca.key \
	    -in "$name.csr" -out "$name.pem" -extensions leaf_ext "$@"
}
make_self() {
	SAN=$2 ossl req -x509 $newkey -keyout "$1.key" -out "$1.pem" -days 2 \
	    -extensions leaf_ext -subj "/CN=$1"
}
: > "$PKI/index.txt"
echo 01 > "$PKI/serial"
if ! { make_ca ca && make_ca other &&
    make_leaf good DNS:localhost,IP:127.0.0.1 -days 2 &&
    make_leaf wrong DNS:wrong.example -days 2 &&
    make_leaf old DNS:localhost -startdate 20200101000000Z \
	-enddate 20200201000000Z &&
    make_self self DNS:localhost; }; then
	echo "# openssl could not make the certificates:" >&2
	cat "$PKI/log" >&2
	exit 99
fi
CA=$PKI/ca.pem

PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
printf 'admin_groups = %s\n' "$(id -gn)" > "$TMP/aerd.conf"
start_aerd --config "$TMP/aerd.conf" --listen "127.0.0.1:$PORT"

# The TLS front: a listener for each certificate, each forwarding what
# it decrypts to aerd's TCP port; "flaky" drops a POST unanswered, as a
# network that fails halfway through would. Its ports, in the order of
# the arguments, go to $TMP/front.ports.
python3 - "$PORT" "$TMP/front.ports" "$PKI" good wrong self old flaky \
    <<'PY' &
import os, select, socket, ssl, sys, threading
backend, portfile, pki = int(sys.argv[1]), sys.argv[2], sys.argv[3]

def serve(ctx, flaky, conn):
    try:
        conn.settimeout(10)
        tls = ctx.wrap_socket(conn, server_side=True)
        up = socket.create_connection(("127.0.0.1", backend))
    except (OSError, ssl.SSLError):
        conn.close()
        return
    try:
        while True:
            ready = [tls] if tls.pending() else \
                select.select([tls, up], [], [], 30)[0]
            if not ready:
                break
            for s in ready:
                data = s.recv(65536)
                if not data or (flaky and s is tls and
                        data.startswith(b"POST")):
                    raise EOFError
                (up if s is tls else tls).sendall(data)
    except (OSError, EOFError, ssl.SSLError):
        pass
    tls.close()
    up.close()

def listen(name):
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    cert = "good" if name == "flaky" else name
    ctx.load_cert_chain(os.path.join(pki, cert + ".pem"),
        os.path.join(pki, cert + ".key"))
    srv = socket.socket()
    srv.bind(("127.0.0.1", 0))
    srv.listen(16)
    def loop():
        while True:
            conn, _ = srv.accept()
            threading.Thread(target=serve, args=(ctx, name == "flaky",
                conn), daemon=True).start()
    threading.Thread(target=loop, daemon=True).start()
    return srv.getsockname()[1]

ports = [str(listen(name)) for name in sys.argv[4:]]
with open(portfile + ".tmp", "w") as f:
    f.write(" ".join(ports) + "\n")
os.rename(portfile + ".tmp", portfile)
threading.Event().wait()
PY
FRONT_PID=$!
trap 'kill "$FRONT_PID" 2>/dev/null; cleanup' EXIT
i=0
while [ ! -s "$TMP/front.ports" ] && [ $i -lt 200 ]; do
	sleep 0.05
	i=$((i + 1))
done
read -r P_GOOD P_WRONG P_SELF P_OLD P_FLAKY < "$TMP/front.ports" ||
    { echo "the TLS front did not start" >&2; exit 99; }
GOOD=https://localhost:$P_GOOD
DEAD_PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')

receipt_of() { sed -n 's/^ *Receipt: *//p' "$1"; }
# file ARGS...: aer ARGS report, a near miss from flags; output in $TMP/out.
file() {
	"$AER" "$@" report --type near_miss --category fall --occurred today \
	    --description "Bed rail left down." > "$TMP/out" 2>&1
}

# With the test authority, on the command line and from the environment.
before=$(reports_count)
file --url "$GOOD" --cacert "$CA"
check "https:// with --cacert: the report is filed" 0 $?
RECEIPT=$(receipt_of "$TMP/out")
check_match "with a receipt" '^([0-9A-Z]{4}-){4}[0-9A-Z]{4}$' "$RECEIPT"
check "aerd holds it" $((before + 1)) "$(reports_count)"
printf '%s\n' "$RECEIPT" | AER_CACERT=$CA "$AER" --url "$GOOD/" status \
    > "$TMP/status" 2>&1
check "\$AER_CACERT: aer status exits 0" 0 $?
check_match "and shows the report" "status: new" "$(cat "$TMP/status")"
AER_CACERT=$CA "$AER" --url "https://127.0.0.1:$P_GOOD" whoami \
    > "$TMP/who" 2>&1
check "the certificate names 127.0.0.1 too" 0 $?
check_match "over TLS without a token, a reporter" "reporter" \
    "$(cat "$TMP/who")"

# The refusals: a sentence for IT, exit 1, nothing filed.
before=$(reports_count)
refused() {
	check "$1: exit 1" 1 "$2"
	check_match "$1: said so" "$3" "$(cat "$TMP/out")"
	check_match "$1: what to do" "Pass this message on to IT" \
	    "$(cat "$TMP/out")"
	check "$1: nothing filed" "$before" "$(reports_count)"
}
file --url "$GOOD" --cacert "$PKI/other.pem"
refused "another authority" $? \
    "^aer cannot check the identity of localhost: its certificate is not signed by the authority in .*other.pem \(.*\)\."
file --url "$GOOD"
refused "the system's authorities" $? \
    "^aer cannot check the identity of localhost: "
file --url "https://localhost:$P_WRONG" --cacert "$CA"
refused "a certificate for another name" $? \
    "^aer cannot check the identity of localhost: its certificate is for another name"
file --url "https://localhost:$P_SELF" --cacert "$CA"
refused "a self-signed certificate" $? \
    "^aer cannot check the identity of localhost: its certificate is signed by itself"
file --url "https://localhost:$P_OLD" --cacert "$CA"
refused "an expired certificate" $? \
    "^aer cannot check the identity of localhost: its certificate has expired, or this computer's clock is wrong"
file --url "https://localhost:$DEAD_PORT" --cacert "$CA"
check "no server: exit 1" 1 $?
check_match "no server: a sentence naming it" \
    "^aer cannot reach the reporting server localhost: it does not answer \(.*\)\. Try again in a while; if it goes on, ask IT\.$" \
    "$(cat "$TMP/out")"
file --url "https://localhost:$P_GOOD" --cacert "$TMP/none.pem"
check "an unreadable --cacert: exit 1" 1 $?
check_match "and says which" \
    "cannot read the certificate authority .*none.pem \(from --cacert\)" \
    "$(cat "$TMP/out")"
file --socket "$SOCK" --cacert "$CA"
check "--cacert with --socket is a usage error" 2 $?
check "nothing filed by any of them" "$before" "$(reports_count)"

# http:// is for this machine only: refused before connecting.
file --url http://aer.example.org
check "http:// to another machine: a usage error" 2 $?
check_match "said before connecting, with the way out" \
    "^aer: --url: http://aer.example.org would carry reports, receipts and tokens across the network.*Use https://aer.example.org" \
    "$(cat "$TMP/out")"
AER_URL=http://10.1.2.3:8080 file
check "from \$AER_URL: exit 1" 1 $?
check_match "naming where it came from" '^aer: \$AER_URL: http://10.1.2.3:8080 would carry' \
    "$(cat "$TMP/out")"
file --url "http://127.0.0.1:$PORT"
check "http:// to this machine is still allowed" 0 $?

# A managed workstation: aer.conf says where aerd is, so that "aer
# report" needs no flags. $AER_CONF names the system's file here, as
# /etc/aer/aer.conf would be, and $XDG_CONFIG_HOME holds the user's.
SYSCONF=$TMP/etc-aer.conf
USERCONF=$TMP/xdg/aer/aer.conf
mkdir -p "$TMP/xdg/aer"
printf '# The hospital'"'"'s aerd\nurl = %s\ncacert = %s\n' "$GOOD" "$CA" \
    > "$SYSCONF"
export AER_CONF="$SYSCONF"
# help [ARGS...]: aer ARGS --help, a "(from ...)" put on a line of its
# own to fit the terminal joined back to the line it ends.
help() {
	"$AER" "$@" 2>&1 | tr '\n' '\r' | sed 's/\r    (/ (/g' | tr '\r' '\n'
}
before=$(reports_count)
file
check "the system's aer.conf: aer report without flags files" 0 $?
check "into aerd" $((before + 1)) "$(reports_count)"
help --help > "$TMP/help"
check_match "aer --help names the server and the file and line" \
    "^Server: $GOOD \(from $SYSCONF:2\)$" "$(cat "$TMP/help")"
check_match "and the authority its certificate is checked against" \
    "^  its certificate checked against $CA \(from $SYSCONF:3\)$" \
    "$(cat "$TMP/help")"
check_match "aer help says the same" "^Server: $GOOD \(from $SYSCONF:2\)$" \
    "$(help help)"

# The user's file overrides the system's key by key.
printf 'url = https://127.0.0.1:%s\n' "$P_GOOD" > "$USERCONF"
export XDG_CONFIG_HOME="$TMP/xdg"
help --help > "$TMP/help"
check_match "the user's url over the system's" \
    "^Server: https://127.0.0.1:$P_GOOD \(from $USERCONF:1\)$" \
    "$(cat "$TMP/help")"
check_match "the system's cacert, the user's file setting none" \
    "checked against $CA \(from $SYSCONF:3\)" "$(cat "$TMP/help")"
file
check "and aer files through both" 0 $?

# The environment over the files, the command line over the environment.
AER_URL=https://localhost:$P_WRONG help --help > "$TMP/help"
check_match "\$AER_URL over the files" \
    "^Server: https://localhost:$P_WRONG \(from \\\$AER_URL\)$" \
    "$(cat "$TMP/help")"
AER_URL=https://localhost:$P_WRONG file
check "and it is used: the wrong name is refused" 1 $?
AER_URL=https://localhost:$P_WRONG file --url "$GOOD"
check "--url over \$AER_URL" 0 $?
AER_CACERT=$PKI/other.pem file
check "\$AER_CACERT over the files" 1 $?
AER_CACERT=$PKI/other.pem file --cacert "$CA"
check "--cacert over \$AER_CACERT" 0 $?
AER_SOCKET=$SOCK help --help > "$TMP/help"
check_match "\$AER_SOCKET over the files' url" \
    "^Server: aerd on the socket $SOCK \(from \\\$AER_SOCKET\)$" \
    "$(cat "$TMP/help")"

# token_file in aer.conf is read as --token-file reads it; a token
# written in aer.conf itself is refused.
api POST /v1/tokens -H 'Content-Type: application/json' \
    --data-binary '{"role":"reviewer","name":"ward-7-pc"}'
check "a reviewer's token is made" 201 "$STATUS"
(umask 077 && jget 'v["token"]' > "$TMP/token")
printf 'url = %s\ntoken_file = %s\n' "$GOOD" "$TMP/token" > "$USERCONF"
"$AER" --json whoami > "$TMP/who" 2>&1
check "token_file from aer.conf: over TLS a reviewer" "reviewer ward-7-pc" \
    "$(jget 'v["role"] + " " + v["name"]' "$(cat "$TMP/who")")"
check_match "aer --help names the token's file" \
    "^  the token in $TMP/token \(from $USERCONF:2\)$" "$(help --help)"
printf 'url = %s\ntoken = %s\n' "$GOOD" "$(cat "$TMP/token")" > "$USERCONF"
"$AER" whoami > "$TMP/out" 2>&1
check "a token written in aer.conf: exit 1" 1 $?
check_match "refused, naming the file and the line" \
    "^aer: $USERCONF:2: a token is never written in aer.conf" \
    "$(cat "$TMP/out")"
printf 'url = %s\ncacert = %s\nverify = no\n' "$GOOD" "$CA" > "$USERCONF"
"$AER" whoami > "$TMP/out" 2>&1
check "an unknown key: exit 1" 1 $?
check_match "refused, naming the file and the line" \
    "^aer: $USERCONF:3: unknown key \"verify\"" "$(cat "$TMP/out")"
printf 'url = http://aer.example.org\n' > "$USERCONF"
file
check "http:// to another machine from aer.conf: exit 1" 1 $?
check_match "refused, naming the file and the line" \
    "^aer: $USERCONF:1: http://aer.example.org would carry" \
    "$(cat "$TMP/out")"
export AER_CONF="$TMP/none.conf" XDG_CONFIG_HOME="$TMP/none"

# What was typed is given back when filing fails: the guided form, and
# a description typed at the terminal.
cat > "$TMP/on-terminal.py" <<'PY'
import os, pty, signal, sys
pid, fd = pty.fork()
if pid == 0:
    os.execv(sys.argv[2], sys.argv[2:])
signal.signal(signal.SIGALRM, lambda *_: os.kill(pid, signal.SIGKILL))
signal.alarm(30)
os.write(fd, sys.argv[1].encode())
out = b""
while True:
    try:
        chunk = os.read(fd, 4096)
    except OSError:
        break
    if not chunk:
        break
    out += chunk
_, status = os.waitpid(pid, 0)
sys.stdout.write(out.decode(errors="replace").replace("\r", ""))
print("\nEXIT", os.waitstatus_to_exitcode(status))
PY
before=$(reports_count)
python3 "$TMP/on-terminal.py" 'near_miss
fall
today
Ward 7
The call bell was out of reach again.



nurse
y
' "$AER" --url "https://localhost:$P_FLAKY" --cacert "$CA" report \
    > "$TMP/form.out" 2>&1
check_match "the form, its report dropped on the way: exit 1" "EXIT 1" \
    "$(tail -n 1 "$TMP/form.out")"
check_match "the server is named" \
    "aer cannot reach the reporting server localhost: .*ask IT\." \
    "$(cat "$TMP/form.out")"
check_match "and the description given back" \
    "the report was not filed; your text is below, to copy.*The call bell was out of reach again\." \
    "$(tr '\n' ' ' < "$TMP/form.out")"
check "that it cannot reach the server is said once" 1 \
    "$(grep -c 'cannot reach' "$TMP/form.out")"
check "and that the report was not filed, once" 1 \
    "$(grep -c 'not filed' "$TMP/form.out")"
# The typed text ends with end-of-input, ^D.
python3 "$TMP/on-terminal.py" "$(printf 'Oxygen cylinder found empty.\n\004')" \
    "$AER" --url "https://localhost:$DEAD_PORT" --cacert "$CA" report \
    --type near_miss --category fall --occurred today --description - \
    > "$TMP/typed.out" 2>&1
check_match "--description - typed at the terminal is given back" \
    "your text is below, to copy.*Oxygen cylinder found empty\\." \
    "$(tr '\n' ' ' < "$TMP/typed.out")"
check "nothing filed" "$before" "$(reports_count)"

finish
