/*
 * Copyright (c) 2026 The aer authors
 *
 * Permission to use, copy, modify, and distribute this software for any
 * purpose with or without fee is hereby granted, provided that the above
 * copyright notice and this permission notice appear in all copies.
 *
 * THE SOFTWARE IS PROVIDED "AS IS" AND THE AUTHORS DISCLAIM ALL WARRANTIES
 * WITH REGARD TO THIS SOFTWARE INCLUDING ALL IMPLIED WARRANTIES OF
 * MERCHANTABILITY AND FITNESS. IN NO EVENT SHALL THE AUTHORS BE LIABLE FOR
 * ANY SPECIAL, DIRECT, INDIRECT, OR CONSEQUENTIAL DAMAGES OR ANY DAMAGES
 * WHATSOEVER RESULTING FROM LOSS OF USE, DATA OR PROFITS, WHETHER IN AN
 * ACTION OF CONTRACT, NEGLIGENCE OR OTHER TORTIOUS ACTION, ARISING OUT OF
 * OR IN CONNECTION WITH THE USE OR PERFORMANCE OF THIS SOFTWARE.
 */

/*
 * The HTTP contract between aerd and aer: paths, headers, error codes.
 * Shared by the daemon and the client. Bump AER_PROTOCOL_VERSION on any
 * incompatible change to what travels on the wire.
 */
#ifndef AER_PROTOCOL_H
#define AER_PROTOCOL_H

#define AER_PROTOCOL_VERSION	1

#define AER_PATH_HEALTH		"/v1/health"
#define AER_PATH_TAXONOMY	"/v1/taxonomy"
#define AER_PATH_REPORTS	"/v1/reports"
#define AER_PATH_FOLLOWUP	"/v1/followup"
#define AER_PATH_FOLLOWUP_MESSAGES "/v1/followup/messages"
#define AER_PATH_QUEUE		"/v1/queue"
#define AER_PATH_ACTIONS	"/v1/actions"
#define AER_PATH_WHOAMI		"/v1/whoami"
#define AER_PATH_TOKENS		"/v1/tokens"
#define AER_PATH_AUDIT_VERIFY	"/v1/audit/verify"
#define AER_PATH_SUMMARY	"/v1/summary"
#define AER_PATH_EXPORT		"/v1/export"
#define AER_PATH_BACKUP		"/v1/backup"

/*
 * The label of the summary's harm row "not_recorded": the reports with
 * no harm, which only near misses and unsafe conditions may leave out,
 * since no patient was reached. Not missing data: harm does not apply.
 */
#define AER_HARM_NOT_APPLICABLE	"Does not apply (near miss or unsafe condition)"

/*
 * The FHIR export's own names (doc/API.md, "FHIR"): aer's code systems
 * are AER_FHIR_BASE "/CodeSystem/<name>" and its extensions
 * AER_FHIR_BASE "/StructureDefinition/<name>". A name under .invalid
 * (RFC 2606) is never anyone else's; it identifies, it does not resolve.
 * Bump AER_PROTOCOL_VERSION if it or any name under it changes.
 */
#define AER_FHIR_BASE		"https://aer.invalid/fhir"

/*
 * The routes on one report or action: a path above, an id, then one of
 * these (aerd's route table writes the id as AER_PARAM_ID).
 */
#define AER_PARAM_ID		"/{id}"
#define AER_SUB_TRIAGE		"/triage"
#define AER_SUB_RCA		"/rca"
#define AER_SUB_ACTIONS		"/actions"
#define AER_SUB_MESSAGES	"/messages"
#define AER_SUB_CLOSE		"/close"

/* Every path above, for the test that holds doc/API.md to them. */
#define AER_PATHS(X)							\
	X(AER_PATH_HEALTH) X(AER_PATH_TAXONOMY) X(AER_PATH_REPORTS)	\
	X(AER_PATH_FOLLOWUP) X(AER_PATH_FOLLOWUP_MESSAGES)		\
	X(AER_PATH_QUEUE) X(AER_PATH_ACTIONS) X(AER_PATH_WHOAMI)	\
	X(AER_PATH_TOKENS) X(AER_PATH_AUDIT_VERIFY) X(AER_PATH_SUMMARY)	\
	X(AER_PATH_EXPORT) X(AER_PATH_BACKUP)

#define AER_CONTENT_TYPE_JSON	"application/json; charset=utf-8"

/* A receipt travels only in this header, never in a URL. */
#define AER_RECEIPT_SCHEME	"Receipt"

/*
 * Receipts: AER_RECEIPT_CHARS Crockford base32 digits (5 bits each, so
 * 100 bits from the operating system), shown in groups of
 * AER_RECEIPT_GROUP separated by '-'. Input is case-insensitive and
 * ignores '-' and spaces; I and L read as 1, O as 0.
 */
#define AER_RECEIPT_CHARS	20
#define AER_RECEIPT_GROUP	4
#define AER_RECEIPT_TEXT_LEN	(AER_RECEIPT_CHARS + AER_RECEIPT_CHARS / AER_RECEIPT_GROUP - 1)

/*
 * Error codes, the "code" member of every error body, each with the one
 * HTTP status it is always sent with. doc/API.md lists exactly these
 * (tests/check_protocol.c holds it to that).
 */
#define AER_ERR_MALFORMED	"malformed_json"
#define AER_ERR_INVALID_UTF8	"invalid_utf8"
#define AER_ERR_NOT_OBJECT	"not_an_object"
#define AER_ERR_UNAUTHORIZED	"unauthorized"
#define AER_ERR_FORBIDDEN	"forbidden"
#define AER_ERR_NOT_FOUND	"not_found"
#define AER_ERR_METHOD		"method_not_allowed"
#define AER_ERR_TRANSITION	"invalid_transition"
#define AER_ERR_CLOSE_REFUSED	"close_refused"
#define AER_ERR_CONFLICT	"conflict"
#define AER_ERR_AMBIGUOUS_ID	"ambiguous_id"
#define AER_ERR_TOO_LARGE	"body_too_large"
#define AER_ERR_CONTENT_TYPE	"unsupported_content_type"
#define AER_ERR_MISDIRECTED	"misdirected"
#define AER_ERR_MISSING		"missing_field"
#define AER_ERR_UNKNOWN_FIELD	"unknown_field"
#define AER_ERR_TYPE		"wrong_type"
#define AER_ERR_INVALID		"invalid_value"
#define AER_ERR_TOO_LONG	"too_long"
#define AER_ERR_RATE_LIMITED	"rate_limited"
#define AER_ERR_BUSY		"busy"
#define AER_ERR_MESSAGE_LIMIT	"message_limit"
#define AER_ERR_INTERNAL	"internal_error"
#define AER_ERR_UNAVAILABLE	"unavailable"

/* X(code, status) for each code above, in order. */
#define AER_ERRORS(X)				\
	X(AER_ERR_MALFORMED,		400)	\
	X(AER_ERR_INVALID_UTF8,		400)	\
	X(AER_ERR_NOT_OBJECT,		400)	\
	X(AER_ERR_UNAUTHORIZED,		401)	\
	X(AER_ERR_FORBIDDEN,		403)	\
	X(AER_ERR_NOT_FOUND,		404)	\
	X(AER_ERR_METHOD,		405)	\
	X(AER_ERR_TRANSITION,		409)	\
	X(AER_ERR_CLOSE_REFUSED,	409)	\
	X(AER_ERR_CONFLICT,		409)	\
	X(AER_ERR_AMBIGUOUS_ID,		409)	\
	X(AER_ERR_TOO_LARGE,		413)	\
	X(AER_ERR_CONTENT_TYPE,		415)	\
	X(AER_ERR_MISDIRECTED,		421)	\
	X(AER_ERR_MISSING,		422)	\
	X(AER_ERR_UNKNOWN_FIELD,	422)	\
	X(AER_ERR_TYPE,			422)	\
	X(AER_ERR_INVALID,		422)	\
	X(AER_ERR_TOO_LONG,		422)	\
	X(AER_ERR_RATE_LIMITED,		429)	\
	X(AER_ERR_BUSY,			429)	\
	X(AER_ERR_MESSAGE_LIMIT,	429)	\
	X(AER_ERR_INTERNAL,		500)	\
	X(AER_ERR_UNAVAILABLE,		503)

/* Local defaults: a file name under $AER_HOME or the current directory. */
#define AER_ENV_HOME		"AER_HOME"
#define AER_ENV_SOCKET		"AER_SOCKET"
#define AER_ENV_URL		"AER_URL"
#define AER_ENV_TOKEN		"AER_TOKEN"	/* bearer token over TCP */
#define AER_ENV_PROXY		"AER_PROXY"	/* --proxy's default */
#define AER_ENV_CACERT		"AER_CACERT"	/* --cacert's default */
#define AER_ENV_CONF		"AER_CONF"	/* aer's system aer.conf */
#define AER_LOCAL_SOCKET	"aerd.sock"
#define AER_LOCAL_DB		"aer.db"
#define AER_SYSTEM_SOCKET	"/run/aer/aerd.sock"

#endif /* AER_PROTOCOL_H */
