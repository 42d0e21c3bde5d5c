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
 * A case as an HL7 FHIR R4 AdverseEvent, built with jansson from a row
 * of the FHIR export (EXPORT_FHIR_ROWS, store.h's FHIR_COL_*). Pure: no
 * I/O, unit-tested alone (tests/check_fhir.c). doc/API.md ("FHIR") has
 * the mapping as a table; in short:
 *
 *	actuality	actual for an incident, potential otherwise
 *	category	the event type, in aer's code system
 *	event		the AHRQ Common Formats category, likewise
 *	subject		a contained Patient with nothing in it: aer
 *			keeps nothing of the patient, and sends nothing
 *	date		when it occurred, at the precision it was given
 *	recordedDate	the day received, no finer than it is kept
 *	location	a contained Location with the unit's name only
 *	severity	HL7's mild, moderate, severe, from the AHRQ harm of
 *			an incident
 *	outcome		HL7's fatal or unknown, likewise
 *
 * and where R4 has no element, aer's own extensions, each under
 * AER_FHIR_BASE: the AHRQ harm, the NCC MERP category, the SAC score,
 * the case's state, contributing factors, mitigating actions with their
 * RCA² strength and status, and (only when asked for) the narrative.
 * Never the receipt, the reporter's role, or who changed the case.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "aerd.h"
#include "fhir.h"

#define CODE_SYSTEM	AER_FHIR_BASE "/CodeSystem/"
#define EXTENSION	AER_FHIR_BASE "/StructureDefinition/"
#define HL7_SEVERITY	"http://terminology.hl7.org/CodeSystem/adverse-event-severity"
#define HL7_OUTCOME	"http://terminology.hl7.org/CodeSystem/adverse-event-outcome"

/* Building stops at the first failure (out of memory); f->failed says. */
struct fhir_build {
	const struct export_value	*row;
	int				 narrative;
	int				 failed;
};

static const char *
text(const struct fhir_build *f, int col)
{
	const struct export_value	*v = &f->row[col];

	return v->type == 's' && v->len > 0 ? v->s : NULL;
}

/* Sets key to v, taking v; a NULL v is a failure. */
static void
set(struct fhir_build *f, json_t *obj, const char *key, json_t *v)
{
	if (obj == NULL)
		json_decref(v);
	if (v == NULL || obj == NULL || json_object_set_new(obj, key, v) == -1)
		f->failed = 1;
}

static void
append(struct fhir_build *f, json_t *list, json_t *v)
{
	if (list == NULL)
		json_decref(v);
	if (v == NULL || list == NULL || json_array_append_new(list, v) == -1)
		f->failed = 1;
}

/* s (n bytes) as a FHIR string, or NULL when it is blank. */
static json_t *
string(struct fhir_build *f, const char *s, size_t n)
{
	json_t	*v;
	char	*t;

	if (s == NULL || (t = fhir_string(s, n)) == NULL)
		return NULL;
	if ((v = json_string(t)) == NULL)
		f->failed = 1;
	free(t);
	return v;
}

/* A Coding: system, code and, when there is one, its display. */
static json_t *
coding(struct fhir_build *f, const char *system, const char *code,
    const char *display)
{
	json_t	*c = json_object(), *d;

	set(f, c, "system", json_string(system));
	set(f, c, "code", json_string(code));
	if (display != NULL && (d = string(f, display, strlen(display))))
		set(f, c, "display", d);
	return c;
}

/* A Coding of aer's code system for the enumeration. */
static json_t *
aer_coding(struct fhir_build *f, const char *enumeration, const char *code,
    const char *label)
{
	char	system[128];

	snprintf(system, sizeof(system), CODE_SYSTEM "%s", enumeration);
	return coding(f, system, code, label);
}

/* A CodeableConcept of one coding, with the display as its text. */
static json_t *
concept(struct fhir_build *f, json_t *one)
{
	json_t	*cc = json_object(), *list = json_array(), *d;

	append(f, list, one);
	set(f, cc, "coding", list);
	if (one != NULL && (d = json_object_get(one, "display")) != NULL)
		set(f, cc, "text", json_incref(d));
	return cc;
}

/* An extension {url, value<type>: v}; name is a full URL when nested
 * is 0, a part of a complex extension otherwise. */
static json_t *
extension(struct fhir_build *f, const char *name, int nested,
    const char *type, json_t *v)
{
	json_t	*e = json_object();
	char	 url[160], key[40];

	snprintf(url, sizeof(url), "%s%s", nested ? "" : EXTENSION, name);
	snprintf(key, sizeof(key), "value%s", type);
	set(f, e, "url", json_string(url));
	set(f, e, key, v);
	return e;
}

/* A member of one of the JSON arrays the row holds, as text or NULL. */
static const char *
member(json_t *item, const char *key)
{
	const char	*s = json_string_value(json_object_get(item, key));

	return s != NULL && s[0] != '\0' ? s : NULL;
}

/*
 * A list the row holds as a JSON array of {code, label, status, text}
 * (factors, the RCA's causes, actions): each item a complex extension,
 * whose parts are named here.
 */
struct list {
	int		 col;
	const char	*name;		/* the extension */
	const char	*enumeration;	/* the code's system */
	const char	*code_part;	/* the parts' names */
	const char	*text_part;
	const char	*source;	/* a part "source" with this code */
};

static const struct list factors = { FHIR_COL_FACTORS,
	"contributing-factor", "contributing-factor", "factor", NULL,
	"report" };
static const struct list causes = { FHIR_COL_CAUSES,
	"contributing-factor", "contributing-factor", "factor", "statement",
	"rca" };
static const struct list actions = { FHIR_COL_ACTIONS,
	"mitigating-action", "action-strength", "strength", "description",
	NULL };

static json_t *
complex_extension(struct fhir_build *f, const struct list *l, json_t *item)
{
	json_t		*e = json_object(), *parts = json_array(), *v;
	const char	*code = member(item, "code");
	const char	*s;
	char		 url[160];

	snprintf(url, sizeof(url), EXTENSION "%s", l->name);
	set(f, e, "url", json_string(url));
	if (code != NULL)
		append(f, parts, extension(f, l->code_part, 1, "Coding",
		    aer_coding(f, l->enumeration, code,
		    member(item, "label"))));
	if (l->source != NULL)
		append(f, parts, extension(f, "source", 1, "Code",
		    json_string(l->source)));
	if ((s = member(item, "status")) != NULL)
		append(f, parts, extension(f, "status", 1, "Code",
		    json_string(s)));
	if (f->narrative && l->text_part != NULL &&
	    (s = member(item, "text")) != NULL &&
	    (v = string(f, s, strlen(s))) != NULL)
		append(f, parts, extension(f, l->text_part, 1, "String", v));
	if (json_array_size(parts) == 0) {
		json_decref(parts);
		json_decref(e);
		return NULL;
	}
	set(f, e, "extension", parts);
	return e;
}

/* The items of a list, each a complex extension. */
static void
list_extensions(struct fhir_build *f, json_t *exts, const struct list *l)
{
	json_t		*list, *item, *e;
	const char	*s = text(f, l->col);
	size_t		 i;

	if (s == NULL || (list = json_loads(s, 0, NULL)) == NULL)
		return;
	json_array_foreach(list, i, item)
		if ((e = complex_extension(f, l, item)) != NULL)
			append(f, exts, e);
	json_decref(list);
}

/* A coded column as an extension with a Coding of aer's. */
static void
coded_extension(struct fhir_build *f, json_t *exts, const char *name,
    const char *enumeration, int col, int label_col)
{
	if (text(f, col) != NULL)
		append(f, exts, extension(f, name, 0, "Coding",
		    aer_coding(f, enumeration, text(f, col),
		    text(f, label_col))));
}

/* A free-text column as an extension, when the narrative is asked for. */
static void
text_extension(struct fhir_build *f, json_t *exts, const char *name,
    int col)
{
	json_t	*v;

	if (f->narrative && text(f, col) != NULL &&
	    (v = string(f, f->row[col].s, f->row[col].len)) != NULL)
		append(f, exts, extension(f, name, 0, "String", v));
}

static json_t *
extensions(struct fhir_build *f)
{
	json_t	*exts = json_array();

	if (text(f, FHIR_COL_STATE) != NULL)
		append(f, exts, extension(f, "case-state", 0, "Code",
		    json_string(text(f, FHIR_COL_STATE))));
	if (f->row[FHIR_COL_SAC].type == 'i')
		append(f, exts, extension(f, "sac-score", 0, "PositiveInt",
		    json_integer(f->row[FHIR_COL_SAC].i)));
	coded_extension(f, exts, "harm", "harm", FHIR_COL_HARM,
	    FHIR_COL_HARM_LABEL);
	coded_extension(f, exts, "merp-category", "merp-category",
	    FHIR_COL_MERP, FHIR_COL_MERP_LABEL);
	list_extensions(f, exts, &factors);
	list_extensions(f, exts, &causes);
	list_extensions(f, exts, &actions);
	text_extension(f, exts, "description", FHIR_COL_DESCRIPTION);
	text_extension(f, exts, "immediate-actions", FHIR_COL_IMMEDIATE);
	text_extension(f, exts, "closing-outcome", FHIR_COL_OUTCOME);
	return exts;
}

/* An incident's AHRQ harm as HL7's severity and outcome, where it fits. */
static void
harm(struct fhir_build *f, json_t *ae)
{
	const char	*h = text(f, FHIR_COL_HARM);
	static const struct {
		const char	*harm, *element, *system, *code, *display;
	} map[] = {
		{ "mild", "severity", HL7_SEVERITY, "mild", "Mild" },
		{ "moderate", "severity", HL7_SEVERITY, "moderate",
		    "Moderate" },
		{ "severe", "severity", HL7_SEVERITY, "severe", "Severe" },
		{ "death", "outcome", HL7_OUTCOME, "fatal", "Fatal" },
		{ "unknown", "outcome", HL7_OUTCOME, "unknown", "Unknown" },
	};
	size_t		 i;

	if (h == NULL || strcmp(text(f, FHIR_COL_EVENT_TYPE), "incident"))
		return;
	for (i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		if (strcmp(h, map[i].harm) == 0)
			set(f, ae, map[i].element, concept(f, coding(f,
			    map[i].system, map[i].code, map[i].display)));
}

/* The contained Patient (nothing but its id) and Location (its name
 * only), when a location was given. */
static json_t *
contained(struct fhir_build *f)
{
	json_t	*list = json_array(), *p = json_object(), *l, *name;

	set(f, p, "resourceType", json_string("Patient"));
	set(f, p, "id", json_string("patient"));
	append(f, list, p);
	if ((name = string(f, text(f, FHIR_COL_LOCATION),
	    f->row[FHIR_COL_LOCATION].len)) != NULL) {
		l = json_object();
		set(f, l, "resourceType", json_string("Location"));
		set(f, l, "id", json_string("location"));
		set(f, l, "name", name);
		append(f, list, l);
	}
	return list;
}

/*
 * The AdverseEvent of a row, or NULL (out of memory, or a row without
 * the id, event type, category or occurrence every case has). With
 * narrative 0 it holds no free text but the location's name.
 */
json_t *
fhir_adverse_event(const struct export_value *row, int narrative,
    int precision)
{
	struct fhir_build	 f = { row, narrative, 0 };
	json_t			*ae, *ident, *ref, *exts, *cat, *in;
	char			 when[40];

	if (text(&f, FHIR_COL_ID) == NULL || !text(&f, FHIR_COL_EVENT_TYPE) ||
	    text(&f, FHIR_COL_CATEGORY) == NULL ||
	    text(&f, FHIR_COL_RECEIVED) == NULL ||
	    text(&f, FHIR_COL_OCCURRED) == NULL ||
	    (ae = json_object()) == NULL)
		return NULL;
	set(&f, ae, "resourceType", json_string("AdverseEvent"));
	set(&f, ae, "id", json_string(text(&f, FHIR_COL_ID)));
	set(&f, ae, "contained", (in = contained(&f)));
	if (json_array_size(exts = extensions(&f)) > 0)
		set(&f, ae, "extension", exts);
	else
		json_decref(exts);
	ident = json_object();
	set(&f, ident, "system", json_string("urn:ietf:rfc:3986"));
	set(&f, ident, "value", json_sprintf("urn:uuid:%s",
	    text(&f, FHIR_COL_ID)));
	set(&f, ae, "identifier", ident);
	set(&f, ae, "actuality", json_string(strcmp(text(&f,
	    FHIR_COL_EVENT_TYPE), "incident") == 0 ? "actual" : "potential"));
	cat = json_array();
	append(&f, cat, concept(&f, aer_coding(&f, "event-type",
	    text(&f, FHIR_COL_EVENT_TYPE),
	    text(&f, FHIR_COL_EVENT_TYPE_LABEL))));
	set(&f, ae, "category", cat);
	set(&f, ae, "event", concept(&f, aer_coding(&f, "event-category",
	    text(&f, FHIR_COL_CATEGORY), text(&f, FHIR_COL_CATEGORY_LABEL))));
	ref = json_object();
	set(&f, ref, "reference", json_string("#patient"));
	set(&f, ae, "subject", ref);
	if (fhir_date_time(text(&f, FHIR_COL_OCCURRED), when,
	    sizeof(when)) == 0)
		set(&f, ae, "date", json_string(when));
	if (fhir_recorded(text(&f, FHIR_COL_RECEIVED), precision, when,
	    sizeof(when)) == 0)
		set(&f, ae, "recordedDate", json_string(when));
	if (json_array_size(in) > 1) {
		ref = json_object();
		set(&f, ref, "reference", json_string("#location"));
		set(&f, ae, "location", ref);
	}
	harm(&f, ae);
	if (f.failed) {
		json_decref(ae);
		return NULL;
	}
	return ae;
}
