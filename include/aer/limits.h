/*
 * Limits on what a client may send. Shared by the daemon, which enforces
 * them, and the client, which checks before sending so that a nurse hears
 * about a too-long description before the form is sent.
 * Lengths are in bytes of UTF-8.
 */
#ifndef AER_LIMITS_H
#define AER_LIMITS_H

#define AER_MAX_BODY		(64 * 1024)	/* request body */
#define AER_MAX_HEADERS		(8 * 1024)	/* request line and headers */

#define AER_MAX_DESCRIPTION	8000
#define AER_MAX_IMMEDIATE	4000
#define AER_MAX_LOCATION	120
#define AER_MAX_OCCURRED	25	/* "YYYY-MM-DDTHH:MM:SS" and room */
#define AER_MAX_CODE		40	/* any taxonomy code */
#define AER_MAX_FACTORS		16	/* contributing_factors entries */

#endif /* AER_LIMITS_H */
