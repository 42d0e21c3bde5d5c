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

/* Error codes, the "code" member of every error body. */
#define AER_ERR_MALFORMED	"malformed_json"
#define AER_ERR_INVALID_UTF8	"invalid_utf8"
#define AER_ERR_NOT_OBJECT	"not_an_object"
#define AER_ERR_CONTENT_TYPE	"unsupported_content_type"
#define AER_ERR_TOO_LARGE	"body_too_large"
#define AER_ERR_MISSING		"missing_field"
#define AER_ERR_UNKNOWN_FIELD	"unknown_field"
#define AER_ERR_TYPE		"wrong_type"
#define AER_ERR_INVALID		"invalid_value"
#define AER_ERR_TOO_LONG	"too_long"
#define AER_ERR_NOT_FOUND	"not_found"
#define AER_ERR_METHOD		"method_not_allowed"
#define AER_ERR_UNAUTHORIZED	"unauthorized"
#define AER_ERR_FORBIDDEN	"forbidden"
#define AER_ERR_UNAVAILABLE	"unavailable"
#define AER_ERR_INTERNAL	"internal_error"

/* Local defaults: a file name under $AER_HOME or the current directory. */
#define AER_ENV_HOME		"AER_HOME"
#define AER_ENV_SOCKET		"AER_SOCKET"
#define AER_ENV_URL		"AER_URL"
#define AER_ENV_TOKEN		"AER_TOKEN"	/* bearer token over TCP */
#define AER_LOCAL_SOCKET	"aerd.sock"
#define AER_LOCAL_DB		"aer.db"
#define AER_SYSTEM_SOCKET	"/run/aer/aerd.sock"

#endif /* AER_PROTOCOL_H */
