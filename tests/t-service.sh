# aerd as a service: checking the configuration, reloading it on SIGHUP,
# draining on SIGTERM, telling systemd how it is (sd_notify, watchdog),
# socket activation, backups under load, and refusing a damaged database.
. "$TESTS_SRCDIR/lib.sh"

poll() {
	i=0
	while [ $i -lt "$1" ]; do
		eval "$2" && return 0
		sleep 0.05
		i=$((i + 1))
	done
	return 1
}

ADMIN_GROUP=$(id -gn)
printf '# a test configuration\nadmin_groups = %s\ntriage_days = 7\n' \
    "$ADMIN_GROUP" > "$TMP/aerd.conf"

# -n checks and says so; errors name the file and the line.
check_match "-n says configuration OK" "^configuration OK$" \
    "$("$AERD" -n --config "$TMP/aerd.conf" 2>&1)"
printf 'triage_days = 7\ntriage_dayz = 3\n' > "$TMP/bad.conf"
"$AERD" -n --config "$TMP/bad.conf" > "$TMP/n.out" 2>&1
check "-n with a bad file exits 1" 1 $?
check_match "naming the file, the line and the key" \
    "bad.conf:2: unknown key \"triage_dayz\"" "$(cat "$TMP/n.out")"
"$AERD" -n --config "$TMP/missing.conf" > "$TMP/n.out" 2>&1
check "-n with a missing file exits 1" 1 $?

# sd_notify: a datagram socket standing in for systemd's.
python3 -c '
import socket, sys
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
s.bind(sys.argv[1])
s.settimeout(30)
with open(sys.argv[2], "a", buffering=1) as log:
    try:
        while True:
            log.write(s.recv(4096).decode() + "\n")
    except socket.timeout:
        pass
' "$TMP/notify.sock" "$TMP/notify.log" &
LISTENER=$!
poll 100 '[ -S "$TMP/notify.sock" ]'
NOTIFY_SOCKET=$TMP/notify.sock WATCHDOG_USEC=200000 \
    start_aerd --config "$TMP/aerd.conf"
poll 100 'grep -q "^READY=1" "$TMP/notify.log"'
check "READY=1 once serving" 1 "$(grep -c '^READY=1$' "$TMP/notify.log")"
poll 100 'grep -q "^WATCHDOG=1" "$TMP/notify.log"'
check "watchdog pings" yes \
    "$(grep -q '^WATCHDOG=1$' "$TMP/notify.log" && echo yes)"

# SIGHUP: the new file is read; due dates follow it.
post_json /v1/reports "$SAMPLE"
ID1=$(jget 'v["id"]')
check "triage due 7 days after receipt" "$(date -d '+7 days' +%Y-%m-%d)" \
    "$(db "SELECT triage_due FROM reports WHERE id = '$ID1'")"
sed -i 's/triage_days = 7/triage_days = 2/' "$TMP/aerd.conf"
kill -HUP "$AERD_PID"
poll 100 'grep -q "configuration reloaded" "$LOG"'
check_match "SIGHUP reloads" "configuration reloaded" "$(cat "$LOG")"
check "and says RELOADING=1, then READY=1" "RELOADING=1 READY=1" \
    "$(grep -E '^(RELOADING|READY)=1$' "$TMP/notify.log" | tail -n 2 |
    tr '\n' ' ' | sed 's/ $//')"
post_json /v1/reports "$SAMPLE"
ID2=$(jget 'v["id"]')
check "triage due 2 days after receipt now" "$(date -d '+2 days' +%Y-%m-%d)" \
    "$(db "SELECT triage_due FROM reports WHERE id = '$ID2'")"

printf 'triage_days = many\n' >> "$TMP/aerd.conf"
kill -HUP "$AERD_PID"
poll 100 'grep -q "keeping the configuration in force" "$LOG"'
check_match "an invalid file on SIGHUP is refused with the reason" \
    "aerd.conf:4: .*keeping the configuration in force" "$(cat "$LOG")"
post_json /v1/reports "$SAMPLE"
check "aerd still serves" 201 "$STATUS"
check "with the configuration it had" "$(date -d '+2 days' +%Y-%m-%d)" \
    "$(db "SELECT triage_due FROM reports WHERE id = '$(jget 'v["id"]')'")"
sed -i '/many/d' "$TMP/aerd.conf"

# A backup taken while reports are being filed.
before=$(reports_count)
(
	i=0
	while [ $i -lt 100 ]; do
		"$CURL" -s -o /dev/null --unix-socket "$SOCK" \
		    -H 'Content-Type: application/json' \
		    --data-binary "$SAMPLE" http://aerd/v1/reports
		i=$((i + 1))
	done
) &
FILER=$!
"$AER" --socket "$SOCK" backup "$TMP/backup.db" > "$TMP/backup.out" 2>&1
check "aer backup under load exits 0" 0 $?
wait "$FILER"
check "the backup is a sound database" ok \
    "$("$SQLITE3" "$TMP/backup.db" 'PRAGMA integrity_check')"
n=$("$SQLITE3" "$TMP/backup.db" 'SELECT count(*) FROM reports')
check "it holds at least what was there before" 1 \
    "$([ "$n" -ge "$before" ] && echo 1)"
check "and no more than was filed" 1 "$([ "$n" -le "$(reports_count)" ] && echo 1)"
check "the backup is private" 600 "$(stat -c %a "$TMP/backup.db")"
check "no temporary copy is left beside the database" 0 \
    "$(ls "$TMP" | grep -c 'backup-')"
"$AER" --socket "$SOCK" backup "$TMP/nodir/backup.db" > /dev/null 2>&1
check "a backup to a path that cannot be written exits 1" 1 $?

# SIGTERM while a request is in flight: it is finished, then aerd exits.
python3 -c '
import socket, sys, time
body = sys.argv[2].encode()
s = socket.socket(socket.AF_UNIX)
s.connect(sys.argv[1])
s.sendall(b"POST /v1/reports HTTP/1.1\r\nHost: aerd\r\n"
          b"Content-Type: application/json\r\nContent-Length: %d\r\n\r\n"
          % len(body) + body[:20])
print("started", flush=True)
for _ in range(100):
    try:
        open(sys.argv[3]).close()
        break
    except OSError:
        time.sleep(0.05)
s.sendall(body[20:])
print(s.recv(65536).decode().split("\r\n")[0], flush=True)
' "$SOCK" "$SAMPLE" "$TMP/go" > "$TMP/inflight.out" &
CLIENT=$!
poll 100 'grep -q started "$TMP/inflight.out"'
count=$(reports_count)
kill -TERM "$AERD_PID"
poll 100 'grep -q "^STOPPING=1" "$TMP/notify.log"'
check "SIGTERM says STOPPING=1" yes \
    "$(grep -q '^STOPPING=1$' "$TMP/notify.log" && echo yes)"
"$CURL" -s -o /dev/null --max-time 2 --unix-socket "$SOCK" http://aerd/v1/health
check "no new connection is taken once stopping" 1 "$([ $? -ne 0 ] && echo 1)"
touch "$TMP/go"
wait "$CLIENT"
check "the request in flight is answered 201" "HTTP/1.1 201 Created" \
    "$(tail -n 1 "$TMP/inflight.out" | tr -d '\r')"
wait "$AERD_PID"
check "aerd exits 0" 0 $?
AERD_PID=
check "the report in flight is stored" $((count + 1)) "$(reports_count)"
check "the socket is removed" no "$([ -e "$SOCK" ] && echo yes || echo no)"
kill "$LISTENER" 2>/dev/null

# Socket activation: the socket comes from the service manager.
if [ -n "${SOCKET_ACTIVATE:-}" ] && [ -x "$SOCKET_ACTIVATE" ]; then
	"$SOCKET_ACTIVATE" -l "$TMP/act.sock" "$AERD" -f \
	    --socket "$TMP/act.sock" --db "$DB" --config "$TMP/aerd.conf" \
	    2>>"$LOG" &
	ACT=$!
	poll 100 '[ -S "$TMP/act.sock" ]'
	STATUS=$("$CURL" -s -o /dev/null -w '%{http_code}' --max-time 5 \
	    --unix-socket "$TMP/act.sock" http://aerd/v1/health)
	check "socket-activated aerd answers" 200 "$STATUS"
	check_match "on the socket it was given" \
	    "using the socket passed by the service manager" "$(cat "$LOG")"
	kill -TERM "$ACT"
	wait "$ACT"
else
	echo "# systemd-socket-activate not found: socket activation not tested"
fi

# received_precision: a coarser received date, by the operator's choice.
printf 'admin_groups = %s\nreceived_precision = month\n' "$ADMIN_GROUP" \
    > "$TMP/month.conf"
start_aerd --config "$TMP/month.conf"
post_json /v1/reports "$SAMPLE"
check "received is kept to the month" "$(date +%Y-%m-01)" \
    "$(jget 'v["received"]')"
stop_aerd

# A damaged database is refused at start, with a sentence.
cp "$DB" "$TMP/damaged.db"
pages=$("$SQLITE3" "$TMP/damaged.db" 'PRAGMA page_count')
dd if=/dev/urandom of="$TMP/damaged.db" bs=4096 seek=2 count=$((pages - 3)) \
    conv=notrunc 2>/dev/null
"$AERD" -f --socket "$TMP/d.sock" --db "$TMP/damaged.db" \
    > "$TMP/damaged.out" 2>&1
check "aerd refuses a damaged database" 1 $?
check_match "and says what to do" "damaged|not an aer database|malformed" \
    "$(cat "$TMP/damaged.out")"

finish
