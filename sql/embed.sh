#!/bin/sh
# Turns the SQL in sql/ into C, so that aerd carries its schema and its
# statements inside the binary.
#
#   embed.sh migrations FILE...   C array of numbered migrations
#   embed.sh session FILE         the per-connection SQL as one string
#   embed.sh header FILE          enum of named statements
#   embed.sh statements FILE      C array of named statements
set -eu
mode=$1
shift

cstring() {
	# Each line of SQL becomes one C string literal; comments are dropped.
	sed -e '/^[[:space:]]*--/d' -e '/^[[:space:]]*$/d' \
	    -e 's/\\/\\\\/g' -e 's/"/\\"/g' -e 's/^/	"/' -e 's/$/\\n"/' "$@"
}

case "$mode" in
migrations)
	echo '/* Generated from sql/NNN_*.sql by sql/embed.sh; do not edit. */'
	echo '#include "sql-gen.h"'
	echo 'const struct sql_migration sql_migrations[] = {'
	for f in "$@"; do
		base=$(basename "$f" .sql)
		num=$(echo "$base" | sed 's/^0*\([0-9][0-9]*\)_.*/\1/')
		echo "{ $num, \"$base\","
		cstring "$f"
		echo '},'
	done
	echo '};'
	echo "const int sql_migrations_count = $#;"
	;;
session)
	echo '/* Generated from sql/session.sql by sql/embed.sh; do not edit. */'
	echo '#include "sql-gen.h"'
	echo 'const char sql_session[] ='
	cstring "$1"
	echo ';'
	;;
header)
	echo '/* Generated from sql/statements.sql by sql/embed.sh; do not edit. */'
	echo '#ifndef AER_SQL_GEN_H'
	echo '#define AER_SQL_GEN_H'
	echo 'struct sql_migration { int version; const char *name; const char *sql; };'
	echo 'extern const struct sql_migration sql_migrations[];'
	echo 'extern const int sql_migrations_count;'
	echo 'extern const char sql_session[];'
	echo 'enum sql_stmt {'
	sed -n 's/^-- name: *\([A-Z0-9_]*\).*/	STMT_\1,/p' "$1"
	echo '	STMT__COUNT'
	echo '};'
	echo 'extern const char *const sql_statements[STMT__COUNT];'
	echo 'extern const char *const sql_statement_names[STMT__COUNT];'
	echo '#endif'
	;;
statements)
	echo '/* Generated from sql/statements.sql by sql/embed.sh; do not edit. */'
	echo '#include "sql-gen.h"'
	echo 'const char *const sql_statement_names[STMT__COUNT] = {'
	sed -n 's/^-- name: *\([A-Z0-9_]*\).*/	"\1",/p' "$1"
	echo '};'
	echo 'const char *const sql_statements[STMT__COUNT] = {'
	awk '
	/^-- name:/ { if (open) print "\t\"\","; open = 1; next }
	/^[ \t]*--/ || /^[ \t]*$/ { next }
	open {
		gsub(/\\/, "\\\\"); gsub(/"/, "\\\"")
		print "\t\"" $0 "\\n\""
	}
	END { if (open) print "\t\"\"," }
	' "$1"
	echo '};'
	;;
*)
	echo "usage: embed.sh migrations|session|header|statements FILE..." >&2
	exit 2
	;;
esac
