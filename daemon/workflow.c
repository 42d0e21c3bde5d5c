/*
 * Workflow rules: pure functions over case states, holding no HTTP and
 * no SQL.
 */
#include "config.h"

#include <string.h>

#include "aerd.h"

/*
 * What a reporter sees of a case's state. The internal states tell a
 * reviewer where the work is; the reporter needs only to know that the
 * report was received, is being worked on, was referred, or is closed.
 */
const char *
workflow_reporter_status(const char *state)
{
	if (strcmp(state, "new") == 0)
		return "new";
	if (strcmp(state, "referred") == 0)
		return "referred";
	if (strcmp(state, "closed") == 0)
		return "closed";
	return "in_review";
}
