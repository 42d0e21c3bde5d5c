#!/bin/sh
# Filing over TLS (tls_listen) against the no-work HTTP server over TLS
# in the same run, at 1 and 64 keep-alive connections, and handshakes a
# second apart (about 60 s):
#
#   ref-http     evhttp answering 201 with no work, through the same
#                OpenSSL bufferevents and TLS settings (ref-http
#                --tls-listen), with a certificate made here by openssl
#   aerd         the same load, a fresh database each time, filing
#                (loadgen --url https://...)
#   handshakes   new connections a second, each a whole TLS handshake and
#                no request (openssl s_time -new), against each server
#
# Each HTTP figure is the median of TLS_RUNS runs (default 3); the ratios
# are aerd's medians over ref-http's. Run from the repository's root:
#
#	bench/tls.sh
#	BUILD=build DURATION=10 TLS_RUNS=5 bench/tls.sh
#
# Environment: BUILD (as for run.sh), DURATION (seconds per run, default
# 5), WARMUP (default 1), TLS_RUNS (default 3), PORT (default 18441; the
# next port is ref-http's), BENCH_USER (see lib.sh).
# shellcheck disable=SC2059,SC2086,SC2154

case ${BUILD:-} in '' | /*) ;; *) BUILD=$(pwd)/$BUILD ;; esac
cd "$(dirname "$0")/.." || exit 1
. bench/lib.sh

DURATION=${DURATION:-5}
WARMUP=${WARMUP:-1}
TLS_RUNS=${TLS_RUNS:-3}
PORT=${PORT:-18441}
REF_PORT=$((PORT + 1))
FMT='%-22s %10s %9s %9s %9s %7s\n'
trap cleanup_server EXIT

build_tools
build_aerd
command -v openssl >/dev/null || die "needs the openssl command"

PKI=$DATA/tls-pki
rm -rf "$PKI"
mkdir -p "$PKI"
ossl() { openssl "$@" >>"$PKI/openssl.log" 2>&1 || die "openssl $1 failed"; }
ossl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes \
    -keyout "$PKI/ca.key" -out "$PKI/ca.pem" -days 2 -subj "/CN=bench CA"
ossl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes \
    -keyout "$PKI/aerd.key" -out "$PKI/aerd.csr" -subj "/CN=localhost"
printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\n' > "$PKI/ext"
ossl x509 -req -in "$PKI/aerd.csr" -CA "$PKI/ca.pem" -CAkey "$PKI/ca.key" \
    -CAcreateserial -days 2 -extfile "$PKI/ext" -out "$PKI/aerd.pem"
chmod 600 "$PKI/aerd.key"

# median VALUES...: the middle one (the lower of the two middle ones).
median() {
	printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 }
	    END { print v[int((NR + 1) / 2)] }'
}

ratio() {
	awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b;
	    else print "-" }'
}

# runs LABEL VAR URL C: TLS_RUNS loadgen runs; the medians in VAR_rps,
# VAR_p50, VAR_p99, and a row of the table.
runs() {
	rps= p50= p99= max= errors=0
	i=0
	while [ $i -lt "$TLS_RUNS" ]; do
		out=$(as_reporter "$BIN/loadgen" --url "$3" --cacert \
		    "$PKI/ca.pem" -c "$4" -d "$DURATION" -w "$WARMUP" --kv) ||
		    true
		rps="$rps $(kv rps "$out")"
		p50="$p50 $(kv p50_ms "$out")"
		p99="$p99 $(kv p99_ms "$out")"
		max="$max $(kv max_ms "$out")"
		errors=$((errors + $(kv errors "$out")))
		i=$((i + 1))
	done
	eval "$2_rps=$(median $rps) $2_p50=$(median $p50)"
	eval "$2_p99=$(median $p99)"
	printf "$FMT" "$1" "$(median $rps)" "$(median $p50)" \
	    "$(median $p99)" "$(median $max)" "$errors"
}

# handshakes VAR PORT: new TLS connections a second (openssl s_time),
# the median of TLS_RUNS.
handshakes() {
	hs=
	i=0
	while [ $i -lt "$TLS_RUNS" ]; do
		hs="$hs $(openssl s_time -connect "127.0.0.1:$2" -new \
		    -time "$DURATION" -CAfile "$PKI/ca.pem" 2>/dev/null |
		    awk '/connections in [0-9]+ real seconds/ {
		    printf "%.0f", $1 / $4 }')"
		i=$((i + 1))
	done
	eval "$1=$(median $hs)"
}

echo "tls bench: $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, load" \
    "$(cut -d' ' -f1-3 /proc/loadavg), OpenSSL $(openssl version |
    cut -d' ' -f2), libevent $(pkg-config --modversion libevent)"
printf "$FMT" "" "req/s" "p50 ms" "p99 ms" "max ms" "errors"

# ref-http over TLS, on its own Unix socket for the readiness check.
dir=$DATA/tls-ref
rm -rf "$dir"
mkdir -p "$dir"
SERVER_LOG=$dir/ref-http.log
"$BIN/ref-http" --socket "$dir/ref.sock" --tls-listen "127.0.0.1:$REF_PORT" \
    --cert "$PKI/aerd.pem" --key "$PKI/aerd.key" >"$SERVER_LOG" 2>&1 &
SERVER_PID=$!
wait_socket "$dir/ref.sock" "$SERVER_PID" || die "ref-http did not start"
for c in 1 64; do
	runs "ref-http tls c=$c" "ref_$c" "https://127.0.0.1:$REF_PORT" $c
done
handshakes ref_hs "$REF_PORT"
stop_server

# aerd over TLS: a fresh database for each connection count.
for c in 1 64; do
	dir=$DATA/tls-aerd-c$c
	rm -rf "$dir"
	mkdir -p "$dir"
	printf '%s\n' "tls_listen = 127.0.0.1:$PORT" \
	    "tls_certificate = $PKI/aerd.pem" "tls_key = $PKI/aerd.key" \
	    "server_name = localhost" > "$dir/aerd.conf"
	start_aerd "$dir" "$dir/aer.db"
	runs "aerd tls c=$c" "aerd_$c" "https://127.0.0.1:$PORT" $c
	[ $c = 1 ] && handshakes aerd_hs "$PORT"
	stop_server
done

echo
echo "handshakes/s: ref-http $ref_hs, aerd $aerd_hs" \
    "(ratio $(ratio "$aerd_hs" "$ref_hs"))"
echo "aerd / ref-http over TLS, req/s: c=1 $(ratio "$aerd_1_rps" \
    "$ref_1_rps"), c=64 $(ratio "$aerd_64_rps" "$ref_64_rps")"
