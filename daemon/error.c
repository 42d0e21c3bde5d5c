/* The error every failing function fills in: status, code, field, sentence. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>

#include "aerd.h"

void
aer_error_set(struct aer_error *err, int status, const char *code,
    const char *field, const char *fmt, ...)
{
	va_list	ap;

	err->status = status;
	err->code = code;
	err->field = field;
	va_start(ap, fmt);
	vsnprintf(err->message, sizeof(err->message), fmt, ap);
	va_end(ap);
}
