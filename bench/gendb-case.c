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
 * One generated case: a report as staff file them (a Pareto-ish skew
 * over categories and units, more incidents than near misses, harm
 * mostly none or mild) received on a day of the last ten years (more in
 * recent years), then walked through the workflow with realistic delays:
 * triage (VA SAC), an RCA where the score or a sentinel event requires
 * one, corrective actions that are done and verified or not, feedback to
 * the reporter, and closing. Whatever would happen after the last day
 * has not happened, so recent cases are open and a few old ones are
 * stuck, overdue.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "gendb.h"

#define YEARS	10

static const char *const event_types[] = { "incident", "near_miss",
    "unsafe_condition" };
static const int event_weights[] = { 55, 35, 10 };

/* Most frequent first; weights about 1/rank. */
static const char *const categories[] = { "medication", "fall", "other",
    "device", "pressure_injury", "surgery", "infection", "vte", "blood",
    "anesthesia", "perinatal" };
static const int category_weights[] = { 300, 170, 110, 80, 60, 45, 36, 28,
    22, 16, 12 };

static const char *const merp_reached[] = { "C", "D", "E", "F", "G", "H",
    "I" };
static const int merp_weights[] = { 40, 30, 15, 8, 3, 2, 2 };

static const char *const harms[] = { "none", "mild", "moderate", "severe",
    "death", "unknown" };
static const int harm_weights[] = { 450, 300, 150, 55, 10, 35 };

static const char *const units[] = { "4 West", "4 East", "5 West",
    "5 East", "ICU", "Emergency department", "Theatre 1", "Theatre 2",
    "Theatre 3", "Theatre 4", "Recovery", "Day surgery", "Cardiology",
    "Coronary care unit", "Respiratory", "Haematology", "Oncology day unit",
    "Renal unit", "Dialysis", "Stroke unit", "Neurology", "Orthopaedics "
    "ward 1", "Orthopaedics ward 2", "Care of the elderly 1", "Care of the "
    "elderly 2", "Maternity", "Labour ward", "Neonatal unit", "Paediatrics",
    "Paediatric ICU", "Mental health inpatients", "Acute medical unit",
    "Surgical assessment unit", "Radiology", "Endoscopy", "Pharmacy",
    "Outpatients", "Rehabilitation", "Community nursing", "Hospice" };
#define NUNITS	((int)(sizeof(units) / sizeof(units[0])))

static const char *const roles[] = { "nurse", "physician", "pharmacist",
    "allied_health", "student", "other" };
static const int role_weights[] = { 55, 15, 10, 10, 5, 5 };

static const char *const factors[] = { "communication", "training",
    "fatigue_scheduling", "environment_equipment", "rules_policies",
    "barriers", "patient_factors", "other" };
static const int factor_weights[] = { 30, 14, 12, 14, 12, 8, 8, 2 };

static const char *const severities[] = { "catastrophic", "major",
    "moderate", "minor" };
static const int severity_weights[] = { 3, 12, 35, 50 };
static const char *const probabilities[] = { "frequent", "occasional",
    "uncommon", "remote" };
static const int probability_weights[] = { 10, 25, 35, 30 };
static const char *const strengths[] = { "stronger", "intermediate",
    "weaker" };
static const int strength_weights[] = { 20, 35, 45 };

static const char *const reviewers[] = { "mdirector", "psafety1",
    "psafety2", "riskmgr" };
static const char *const owners[] = { "A. Reyes", "B. Okafor", "C. Lindqvist",
    "D. Nakamura", "E. Murphy", "F. Haddad", "G. Novak", "H. Singh" };

/* What happened, by category: a sentence, and a detail. */
static const char *const happened[][3] = {
	{ "Wrong dose of %s prepared", "Dose of %s given late", "%s given to "
	  "the wrong patient" },		/* medication */
	{ "Patient found on the floor beside the bed", "Patient slipped in "
	  "the bathroom", "Patient fell while transferring to a chair" },
	{ "Patient identification wristband missing", "Discharge letter sent "
	  "to the wrong address", "Referral lost between departments" },
	{ "Infusion pump alarm failed", "Monitor lead disconnected without an "
	  "alarm", "Bed alarm switched off" },
	{ "Pressure injury found at skin check", "Heel pressure damage after "
	  "long surgery", "Device-related pressure injury from an oxygen mask" },
	{ "Swab count discrepancy at closure", "Site marking missing at the "
	  "time-out", "Wrong implant size opened" },
	{ "Central line infection", "Surgical site infection", "Catheter-"
	  "associated urinary infection" },
	{ "VTE prophylaxis not prescribed", "Risk assessment not done on "
	  "admission", "Prophylaxis stopped without review" },
	{ "Sample labelled away from the bedside", "Transfusion started "
	  "without the second check", "Wrong blood group in the record" },
	{ "Difficult airway not handed over", "Anaesthetic machine check not "
	  "recorded", "Drug syringe unlabelled in theatre" },
	{ "CTG not reviewed for two hours", "Delay in calling the obstetrician",
	  "Newborn identification band missing" },
};
static const char *const drugs[] = { "insulin", "enoxaparin", "morphine",
    "gentamicin", "potassium chloride", "paracetamol", "warfarin",
    "vancomycin" };
static const char *const details[] = {
	"Caught before harm by the nurse in charge.",
	"Similar names on the ward at the time.",
	"Ward was two nurses short on the night shift.",
	"The electronic record showed an out-of-date plan.",
	"Handover was interrupted by an emergency in the next bay.",
	"Equipment had been reported faulty the week before.",
	"Agency staff unfamiliar with the local protocol.",
	"Patient confused and not on enhanced observation.",
};
static const char *const immediates[] = { "Doctor informed, patient "
    "reviewed.", "Charge nurse told, observations increased.", "Equipment "
    "taken out of use and labelled.", "Family informed, apology given.",
    "Dose withheld and pharmacy told." };

static const char *const action_texts[] = { "Barcode scanning at the "
    "bedside for all high-risk drugs", "Standardised handover template "
    "on every ward", "Remove the old drug library from all pumps",
    "Falls risk assessment within 6 hours of admission", "Two-person "
    "check for insulin doses", "Teaching session for new staff",
    "Reminder poster in the clinical room", "Update the local policy" };
static const char *const outcomes[] = { "Thank you for reporting. We "
    "changed how this is checked so it should not happen again.",
    "We looked into this with the team and made changes to the process.",
    "This was reviewed; the risk is being watched as a trend." };
static const char *const replies[] = { "Thank you, that helps.", "It "
    "happened again last week on nights.", "Yes, I was on shift then." };
static const char *const feedbacks[] = { "Thank you for this report. Can "
    "you tell us what time handover started?", "We are looking into this; "
    "was the equipment checked that day?", "Your report has been triaged "
    "and shared with the ward manager." };

static int
pick(struct rng *r, const int *w, int n)
{
	int	i, total = 0, roll;

	for (i = 0; i < n; i++)
		total += w[i];
	roll = (int)rng_below(r, (uint32_t)total);
	for (i = 0; i < n - 1 && roll >= w[i]; i++)
		roll -= w[i];
	return i;
}
#define PICK(r, names, weights) \
	(names)[pick((r), (weights), (int)(sizeof(weights) / sizeof(int)))]

/* Days until something is done: mostly soon, sometimes late. */
static int
delay(struct rng *r, int typical)
{
	double	u = rng_unit(r);

	return (int)((double)typical * (u < 0.8 ? 2 * u : 1.6 + 20 * (u - 0.8)));
}

int
day_of_civil(int y, int m, int d)
{
	int		era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static void
civil(int z, int *y, int *m, int *d)
{
	int	era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	*y = yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp + (mp < 10 ? 3 : -9);
	*y += *m <= 2;
}

void
day_str(int day, char out[11])
{
	int	y, m, d;

	civil(day, &y, &m, &d);
	snprintf(out, 11, "%04d-%02d-%02d", y, m, d);
}

/* As daemon/dates.c: the same day n months on, clamped to the month. */
int
add_months(int day, int n)
{
	static const int	mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30,
	    31, 30, 31 };
	int			y, m, d, months, last;

	civil(day, &y, &m, &d);
	months = y * 12 + (m - 1) + n;
	y = months / 12;
	m = months % 12 + 1;
	last = mdays[m - 1] + (m == 2 && (y % 4 == 0 &&
	    (y % 100 != 0 || y % 400 == 0)));
	return day_of_civil(y, m, d > last ? last : d);
}

/* tmpl, its "%s" (if any) replaced by drug. */
static void
fill(char *out, size_t len, const char *tmpl, const char *drug)
{
	const char	*p = strstr(tmpl, "%s");

	if (p == NULL)
		snprintf(out, len, "%s", tmpl);
	else
		snprintf(out, len, "%.*s%s%s", (int)(p - tmpl), tmpl, drug,
		    p + 2);
}

static void
report(struct rng *r, int end, struct gcase *c)
{
	const char	*drug = drugs[rng_below(r, 8)];
	char		 first[160];
	int		 cat, i, j, f, back, u;

	/* More reports in later years: density grows linearly. */
	back = (int)(365.25 * YEARS * (1 - sqrt(rng_unit(r))));
	c->received = end - back;
	c->event_type = PICK(r, event_types, event_weights);
	cat = pick(r, category_weights, 11);
	c->category = categories[cat];
	c->harm = NULL;
	if (strcmp(c->event_type, "incident") == 0)
		c->harm = PICK(r, harms, harm_weights);
	else if (strcmp(c->event_type, "near_miss") == 0 &&
	    rng_below(r, 10) < 4)
		c->harm = "none";
	c->merp = NULL;
	if (cat == 0)
		c->merp = strcmp(c->event_type, "incident") == 0 ?
		    PICK(r, merp_reached, merp_weights) :
		    rng_below(r, 4) ? "B" : "A";
	back = (int)rng_below(r, 4);
	day_str(c->received - (back > 2 ? 2 : back), c->occurred_at);
	if (rng_below(r, 10) < 8)
		snprintf(c->occurred_at + 10, sizeof(c->occurred_at) - 10,
		    "T%02u:%02u", rng_below(r, 24), rng_below(r, 12) * 5);
	/* Units: Zipf-like over the list, a few left blank. */
	u = (int)((double)NUNITS * rng_unit(r) * rng_unit(r));
	c->location = rng_below(r, 100) < 5 ? NULL : units[u];
	fill(first, sizeof(first), happened[cat][rng_below(r, 3)], drug);
	snprintf(c->description, sizeof(c->description), "%s. %s%s%s", first,
	    details[rng_below(r, 8)], rng_below(r, 3) ? "" : " ",
	    rng_below(r, 3) ? "" : details[4 + rng_below(r, 4)]);
	c->immediate = rng_below(r, 10) < 7 ? immediates[rng_below(r, 5)] :
	    NULL;
	c->role = PICK(r, roles, role_weights);
	c->nfactors = 0;
	for (i = (int)rng_below(r, MAX_FACTORS + 1); i > 0; i--) {
		f = pick(r, factor_weights, 8);
		for (j = 0; j < c->nfactors; j++)
			if (c->factors[j] == factors[f])
				break;
		if (j == c->nfactors)
			c->factors[c->nfactors++] = factors[f];
	}
	c->triage_due = c->received + 7;
	c->feedback_due = add_months(c->received, 3);
}

static int
sac_score(const char *severity, const char *probability)
{
	int	frequent = strcmp(probability, "frequent") == 0;

	if (strcmp(severity, "catastrophic") == 0)
		return 3;
	if (strcmp(severity, "major") == 0)
		return frequent ? 3 : 2;
	if (strcmp(severity, "moderate") == 0)
		return frequent ? 2 : 1;
	return 1;
}

static void
triage(struct rng *r, struct gcase *c, int day)
{
	char	d[11];

	c->triaged = day;
	day_str(day, d);
	snprintf(c->triage_at, sizeof(c->triage_at), "%sT%02u:%02u:%02uZ", d,
	    8 + rng_below(r, 10), rng_below(r, 60), rng_below(r, 60));
	if (c->harm != NULL && strcmp(c->harm, "death") == 0)
		c->severity = "catastrophic";
	else if (c->harm != NULL && strcmp(c->harm, "severe") == 0)
		c->severity = rng_below(r, 3) ? "major" : "catastrophic";
	else
		c->severity = PICK(r, severities, severity_weights);
	c->probability = PICK(r, probabilities, probability_weights);
	c->sac = sac_score(c->severity, c->probability);
	c->sentinel = c->harm != NULL && (strcmp(c->harm, "death") == 0 ||
	    strcmp(c->harm, "severe") == 0) && rng_below(r, 10) < 3;
	c->blameworthy = rng_below(r, 1000) < 8;
	c->rca_required = !c->blameworthy && (c->sac == 3 || c->sentinel);
	c->note = rng_below(r, 2) ? "Discussed at the daily safety huddle." :
	    NULL;
	c->by = reviewers[rng_below(r, 4)];
}

static void
message(struct gcase *c, const char *sender, const char *body, int day)
{
	if (c->nmessages == MAX_MESSAGES)
		return;
	c->messages[c->nmessages].sender = sender;
	c->messages[c->nmessages].body = body;
	c->messages[c->nmessages++].sent = day;
}

static void
feedback(struct rng *r, int end, struct gcase *c, int after)
{
	int	day;

	if (rng_below(r, 10) >= 7 || (day = after + delay(r, 10)) > end)
		return;
	message(c, "reviewer", feedbacks[rng_below(r, 3)], day);
	if (rng_below(r, 4) == 0 && (day += 1 + (int)rng_below(r, 10)) <= end)
		message(c, "reporter", replies[rng_below(r, 3)], day);
}

static void
rca(struct rng *r, struct gcase *c, int start)
{
	char	d[11];

	day_str(start, d);
	c->rca_started = start;
	snprintf(c->team, sizeof(c->team), "[\"%s (pharmacy)\",\"%s "
	    "(nursing)\",\"%s (medicine)\"]", owners[rng_below(r, 8)],
	    owners[rng_below(r, 8)], owners[rng_below(r, 8)]);
	snprintf(c->timeline, sizeof(c->timeline), "[{\"at\":\"%s\",\"text\":"
	    "\"The event\"},{\"at\":\"%s\",\"text\":\"First meeting of the "
	    "RCA team; staff interviewed\"}]", c->occurred_at, d);
	snprintf(c->causes, sizeof(c->causes), "[{\"statement\":\"The "
	    "absence of a second check increased the likelihood that the "
	    "wrong dose would be given\",\"factor\":\"%s\"},{\"statement\":"
	    "\"Handover at a busy time made it more likely that the plan "
	    "was missed\",\"factor\":\"communication\"}]",
	    factors[pick(r, factor_weights, 8)]);
}

/* Actions planned on a day, and where they and the case stand at the end. */
static void
actions(struct rng *r, int end, struct gcase *c, int planned)
{
	struct gaction	*a;
	int		 i, done, verify, last = planned, stuck;
	int		 all_weaker = 1, effective = 0, ineffective = 0, open = 0;

	c->state = "actions";
	c->nactions = 1 + (int)rng_below(r, c->rca_started ? MAX_ACTIONS : 2);
	stuck = rng_below(r, 100) < 3;
	for (i = 0; i < c->nactions; i++) {
		a = &c->actions[i];
		memset(a, 0, sizeof(*a));
		uuid_with(r, (uint32_t)rng_next(r), a->id);
		a->description = action_texts[rng_below(r, 8)];
		a->strength = PICK(r, strengths, strength_weights);
		all_weaker &= strcmp(a->strength, "weaker") == 0;
		a->owner = owners[rng_below(r, 8)];
		a->measure = "Monthly audit of 20 records";
		a->target = "95% compliance for three months";
		a->created = planned;
		a->due = planned + 14 + (int)rng_below(r, 106);
		a->measure_by = a->due + 90;
		a->status = "open";
		done = planned + delay(r, (a->due - planned) * 3 / 4);
		if (stuck || done > end) {
			open++;
			continue;
		}
		if (rng_below(r, 100) < 8) {
			a->status = "withdrawn";
			a->reason = "Superseded by a stronger action";
			a->changed_on = done;
		} else {
			a->done_on = a->changed_on = done;
			a->status = "done";
			verify = done + 14 + (int)rng_below(r, 76);
			if (verify <= end) {
				a->status = rng_below(r, 100) < 88 ?
				    "verified_effective" :
				    "verified_ineffective";
				a->verified_on = a->changed_on = verify;
				a->note = "Audit shows the change in place";
			} else
				open++;
		}
		if (strcmp(a->status, "verified_effective") == 0)
			effective++;
		if (strcmp(a->status, "verified_ineffective") == 0)
			ineffective++;
		if (a->changed_on > last)
			last = a->changed_on;
	}
	if (open || (c->rca_required && !effective) ||
	    (ineffective && !effective) || (last += delay(r, 7)) > end)
		return;
	c->state = "closed";
	c->closed_on = last;
	c->outcome = outcomes[rng_below(r, 2)];
	c->rationale = all_weaker ? "Stronger actions were considered; none "
	    "was feasible this year" : NULL;
}

static void
overdue(struct gcase *c, const char *what, int due, int end)
{
	if (due == 0 || due >= end || c->noverdue == MAX_OVERDUE)
		return;
	snprintf(c->overdue[c->noverdue].what, sizeof(c->overdue[0].what),
	    "%s", what);
	c->overdue[c->noverdue++].due = due;
}

/* Where the case stands on the last day, as sql/session.sql's due_items
 * sees it: what is past due. */
static void
find_overdue(struct gcase *c, int end)
{
	char	what[48];
	int	i, open, reviewer = 0;

	c->noverdue = 0;
	open = strcmp(c->state, "closed") != 0 &&
	    strcmp(c->state, "referred") != 0;
	if (strcmp(c->state, "new") == 0)
		overdue(c, "triage", c->triage_due, end);
	if (strcmp(c->state, "investigating") == 0) {
		if (!c->rca_started)
			overdue(c, "rca_start", c->rca_start_due, end);
		if (!c->rca_complete)
			overdue(c, "rca", c->rca_due, end);
	}
	for (i = 0; i < c->nmessages; i++)
		reviewer |= strcmp(c->messages[i].sender, "reviewer") == 0;
	if (open && !reviewer)
		overdue(c, "feedback", c->feedback_due, end);
	if (strcmp(c->state, "actions") == 0)
		for (i = 0; i < c->nactions; i++)
			if (strcmp(c->actions[i].status, "open") == 0) {
				snprintf(what, sizeof(what), "action:%s",
				    c->actions[i].id);
				overdue(c, what, c->actions[i].due, end);
			}
}

void
gen_case(struct rng *r, int end, uint32_t id_hi, struct gcase *c)
{
	int	t, start, done, planned, choice;

	memset(c, 0, sizeof(*c));
	uuid_with(r, id_hi, c->id);
	for (t = 0; t < 32; t += 8) {
		uint64_t	v = rng_next(r);

		memcpy(c->receipt_hash + t, &v, 8);
	}
	/* Like the ids, ascending for a fast load (test data: no receipt
	 * opens these reports). */
	c->receipt_hash[0] = (unsigned char)(id_hi >> 24);
	c->receipt_hash[1] = (unsigned char)(id_hi >> 16);
	c->receipt_hash[2] = (unsigned char)(id_hi >> 8);
	c->receipt_hash[3] = (unsigned char)id_hi;
	report(r, end, c);
	c->state = "new";
	if ((t = c->received + delay(r, 3)) > end)
		goto out;
	triage(r, c, t);
	c->state = c->blameworthy ? "referred" : "triaged";
	if (c->rca_required) {
		c->rca_start_due = t + 3;
		c->rca_due = t + 45;
		c->state = "investigating";
	}
	feedback(r, end, c, t);
	if (c->blameworthy)
		goto out;
	choice = (int)rng_below(r, 100);
	if (c->rca_required || choice < 5) {
		if ((start = t + delay(r, 2)) > end)
			goto out;
		if (!c->rca_required) {
			c->rca_start_due = start;
			c->rca_due = start + 45;
		}
		c->state = "investigating";
		rca(r, c, start);
		done = start + delay(r, 25);
		if (done > end || rng_below(r, 100) < 2)
			goto out;
		c->rca_complete = 1;
		c->rca_completed = done;
		if ((planned = done + delay(r, 3)) <= end)
			actions(r, end, c, planned);
	} else if (choice < 50) {
		/* A trend only: nothing to change, closed with an outcome. */
		if ((done = t + delay(r, 10)) <= end) {
			c->state = "closed";
			c->closed_on = done;
			c->outcome = outcomes[2];
		}
	} else if (choice < 98) {
		if ((planned = t + delay(r, 7)) <= end)
			actions(r, end, c, planned);
	}
out:
	find_overdue(c, end);
}
