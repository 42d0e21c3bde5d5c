# What ships beside the binaries: the systemd units verify, the man
# pages are clean mdoc, and the sample configuration is accepted as is
# and with every key set.
. "$TESTS_SRCDIR/lib.sh"

if [ -n "${SYSTEMD_ANALYZE:-}" ] && [ -x "$SYSTEMD_ANALYZE" ]; then
	mkdir -p "$TMP/units"
	sed "s|@sbindir@|$(dirname "$AERD")|g" "$UNITS_SRCDIR/aerd.service.in" \
	    > "$TMP/units/aerd.service"
	cp "$UNITS_SRCDIR/aerd.socket" "$TMP/units/"
	out=$("$SYSTEMD_ANALYZE" verify --man=no "$TMP/units/aerd.service" \
	    "$TMP/units/aerd.socket" 2>&1)
	check "systemd-analyze verify finds nothing" "" "$out"
	score=$("$SYSTEMD_ANALYZE" security --offline=yes \
	    "$TMP/units/aerd.service" 2>/dev/null |
	    sed -n 's/.*Overall exposure level for aerd.service: \([0-9.]*\).*/\1/p')
	echo "# systemd-analyze security: exposure $score"
	check "the service is well confined (exposure under 2)" 1 \
	    "$(awk -v s="$score" 'BEGIN { print (s != "" && s < 2.0) }')"
	check "Type=notify" 1 "$(grep -c '^Type=notify$' "$TMP/units/aerd.service")"
	check "a watchdog" 1 "$(grep -c '^WatchdogSec=' "$TMP/units/aerd.service")"
else
	echo "# systemd-analyze not found: units not verified"
fi

if [ -n "${MANDOC:-}" ] && [ -x "$MANDOC" ]; then
	for page in aerd.8 aer.1 aerd.conf.5; do
		check "mandoc -T lint finds nothing in $page" "" \
		    "$("$MANDOC" -T lint -W warning "$DOC_SRCDIR/$page" 2>&1)"
		for sec in NAME DESCRIPTION FILES EXAMPLES "SEE ALSO"; do
			check "$page has $sec" 1 \
			    "$(grep -c "^\.Sh $sec\$" "$DOC_SRCDIR/$page")"
		done
	done
else
	echo "# mandoc not found: man pages not checked"
fi

# Every key the daemon knows is in the sample and in aerd.conf(5).
for key in socket socket_mode database listen admin_groups reviewer_groups \
    committee_groups max_connections idle_timeout triage_days \
    rca_start_hours rca_days feedback_months escalation_interval \
    notify_command notify_timeout suppression_threshold received_precision \
    export_deadline case_messages_per_day receipt_messages_per_day; do
	check "the sample names $key" 1 \
	    "$([ "$(grep -c "^# *$key = " "$DOC_SRCDIR/aerd.conf.sample")" -ge 1 ] && echo 1)"
	check "aerd.conf(5) names $key" 1 \
	    "$([ "$(grep -c "^\.It Cm $key" "$DOC_SRCDIR/aerd.conf.5")" -ge 1 ] && echo 1)"
done
check_match "the sample as shipped is accepted" "^configuration OK$" \
    "$("$AERD" -n --config "$DOC_SRCDIR/aerd.conf.sample" 2>&1)"
group=$(id -gn)
sed -e 's/^# *\([a-z_]* = \)/\1/' \
    -e "s/^\(admin_groups\|reviewer_groups\|committee_groups\) = .*/\1 = $group/" \
    -e 's/^listen = .*/listen = 127.0.0.1:8080/' \
    "$DOC_SRCDIR/aerd.conf.sample" > "$TMP/all.conf"
check_match "the sample with every key set is accepted" "^configuration OK$" \
    "$("$AERD" -n --config "$TMP/all.conf" 2>&1)"

finish
