# The shape of the code, held by the suite: calls between files go one
# way (no two object files of aerd or of aer call each other, directly
# or round a loop); every path the two share is named in include/aer
# (no "/v1/..." written in daemon/ or client/); each client command
# declares its flags and none parses them itself.
. "$TESTS_SRCDIR/lib.sh"

top=$TESTS_SRCDIR/..
build=$(dirname "$AERD")

for part in daemon client; do
	out=$(sh "$top/scripts/callgraph-check" "$build/$part" 2>&1)
	check "$part/: no two files call each other" "0" "$?"
	[ -n "$out" ] && printf '# %s\n' "$out" | head -20
done
# The check can fail: two objects that call each other are a loop.
mkdir -p "$TMP/loop"
printf 'int b(void);\nint a(void) { return b(); }\n' > "$TMP/loop/a.c"
printf 'int a(void);\nint b(void) { return a(); }\n' > "$TMP/loop/b.c"
(cd "$TMP/loop" && ${CC:-cc} -c a.c b.c) || exit 99
sh "$top/scripts/callgraph-check" "$TMP/loop" > /dev/null 2>&1
check "a loop of two files is found (control)" 1 "$?"

check "no /v1/ path written outside include/aer" "" \
    "$(grep -rn '"/v1/' "$top/daemon" "$top/client" --include='*.[ch]')"
check "no client command parses its own flags" "" \
    "$(grep -ln getopt_long "$top"/client/cmd-*.c)"
finish
