# aerd's command line and -n: -n refuses what a start would refuse, the
# command line's addresses as the file's, and names every error in a
# file at once; --socket-mode takes an octal mode as socket_mode does.
. "$TESTS_SRCDIR/lib.sh"

# n_check ARGS...: runs aerd -n, output in N_OUT, status in N_STATUS.
n_check() {
	"$AERD" -n --socket "$SOCK" --db "$DB" "$@" > "$TMP/n.out" 2>&1
	N_STATUS=$?
	N_OUT=$(cat "$TMP/n.out")
}
# start_fails ARGS...: a start with ARGS exits non-zero before serving.
start_fails() {
	timeout 10 "$AERD" -f --socket "$SOCK" --db "$DB" "$@" \
	    > "$TMP/start.out" 2>&1
	START_STATUS=$?
}

n_check --listen garbage
check "-n --listen garbage exits 1" 1 "$N_STATUS"
check_match "and says what is wrong with --listen" \
    "--listen: .*garbage needs a port" "$N_OUT"
start_fails --listen garbage
check "a start with it fails too" 1 "$START_STATUS"

n_check --listen 0.0.0.0:8080
check "-n --listen 0.0.0.0:8080 exits 1" 1 "$N_STATUS"
check_match "as not loopback" "0.0.0.0 is not a loopback address" "$N_OUT"
case $N_OUT in *"configuration OK"*) not_ok "-n does not say OK" ;;
*) ok "-n does not say OK" ;; esac

n_check --listen 127.0.0.1:8080 --listen '[::1]:8080'
check "-n with loopback addresses says OK" "0 configuration OK" \
    "$N_STATUS $N_OUT"

# --socket-mode: octal, as the file's socket_mode.
n_check --socket-mode 0660
check "--socket-mode 0660 is taken" 0 "$N_STATUS"
n_check --socket-mode 999
check "--socket-mode 999 is refused" 2 "$N_STATUS"
check_match "as an octal mode, in socket_mode's words" \
    "--socket-mode must be an octal mode such as 0660, not \"999\"" "$N_OUT"
printf 'socket_mode = 999\n' > "$TMP/mode.conf"
n_check --config "$TMP/mode.conf"
check_match "socket_mode = 999 gets the same words" \
    "socket_mode must be an octal mode such as 0660, not \"999\"" "$N_OUT"
start_aerd --socket-mode 640
check "--socket-mode 640 reads as octal" 640 "$(stat -c %a "$SOCK")"
stop_aerd

# Every error in a file, each with its line, and the command line's.
cat > "$TMP/bad.conf" <<'CONF'
# three mistakes and a good line
triage_dayz = 3
idle_timeout = 30
socket_mode = rw-rw----
listen = 10.1.2.3:80
CONF
n_check --config "$TMP/bad.conf" --listen nowhere
check "-n with four errors exits 1" 1 "$N_STATUS"
check "and names each, one a line" 4 "$(printf '%s\n' "$N_OUT" | grep -c '^aerd: ')"
check_match "line 2" "bad.conf:2: unknown key \"triage_dayz\"" "$N_OUT"
check_match "line 4" "bad.conf:4: socket_mode must be an octal mode" "$N_OUT"
check_match "line 5" "bad.conf:5: listen address 10.1.2.3 is not a loopback" \
    "$N_OUT"
check_match "and --listen" "--listen: .*nowhere needs a port" "$N_OUT"
start_fails --config "$TMP/bad.conf"
check "a start with that file fails" 1 "$START_STATUS"
check "and logs the same three errors of the file" 3 \
    "$(grep -c 'bad.conf:[245]:' "$TMP/start.out")"

finish
