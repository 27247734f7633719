/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * world_noise.c - the distortions real records carry, applied to the
 * synthetic world's exports (ingest layer).
 *
 * Each person-like record (police nominal, prisoner, prison contact,
 * probation offender) is drawn from the truth and then distorted, each
 * distortion independently at its rate (struct cg_world_noise): a short
 * form of the forename, a double-barrelled surname halved or a second
 * surname added, forename and surname swapped, a typing slip (a letter
 * replaced by a neighbouring key, dropped or doubled) or two letters
 * transposed in one name, the day and month of birth swapped, the
 * previous address given as the current one. The first letter of a name
 * is never touched by a slip (people rarely get it wrong, and blocking
 * relies on it less than on the rest). Every distortion applied is one
 * row of truth/noise.csv naming the record, so tests can check the rates
 * and link quality can be measured per kind of noise.
 */
#include <string.h>

#include "ingest/world_internal.h"
#include "base/banned.h"

/* Neighbouring keys on a UK QWERTY keyboard, for a-z. */
static const char *const neighbours[26] = {
	"qsz", "vghn", "xdfv", "sefx", "wrd", "drgc", "fthv", "gyjb", "uok",
	"hukn", "jilm", "kop", "njk", "bhjm", "ipl", "ol", "wa", "etf", "awdz",
	"ryg", "yij", "cfgb", "qes", "zsdc", "tuh", "asx",
};

void world_noise_note(struct world *w, const char *agency, const char *record_id,
		      const char *noise)
{
	struct world_file *f = &w->files[WF_T_NOISE];
	wf_field(f, agency);
	wf_field(f, record_id);
	wf_field(f, noise);
	wf_end(f);
}

bool world_noise_missing(struct world *w, struct world_rng *r, const char *agency,
			 const char *record_id, const char *what)
{
	char kind[48];
	if (!world_rng_chance(r, w->opt->noise.missing_id))
		return false;
	snprintf(kind, sizeof(kind), "missing_id:%s", what);
	world_noise_note(w, agency, record_id, kind);
	return true;
}

/* Writes truth/records.csv's row: record `record_id` of `agency` is person
 * `person`. */
static void truth_record(struct world *w, const char *agency, const char *record_id,
			 uint32_t person)
{
	struct world_file *f = &w->files[WF_T_RECORDS];
	struct world_str id;
	ws_reset(&id);
	world_person_id(person, &id);
	wf_field(f, agency);
	wf_field(f, record_id);
	wf_ws(f, &id);
	wf_end(f);
}

const char *world_nickname(const struct world *w, struct world_rng *r,
			   uint8_t sex, uint16_t fi)
{
	const struct world_name *n = sex ? &w->data.female.names[fi] : &w->data.male.names[fi];
	if (!n->nick_count)
		return NULL;
	return w->data.nicks[n->nick_first + world_rng_below(r, n->nick_count)];
}

/* ASCII letter? (the names lists are ASCII) */
static bool is_letter(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Copies src into dst (size bytes), cutting if needed. */
static void set(char *dst, size_t size, const char *src)
{
	size_t n = strlen(src);
	if (n >= size)
		n = size - 1;
	memcpy(dst, src, n);
	dst[n] = '\0';
}

/* A letter position after the first, or -1 if the name has none. */
static int slip_position(struct world_rng *r, const char *s)
{
	int n = (int)strlen(s), pos;
	if (n < 3)
		return -1;
	for (int t = 0; t < 8; t++) {
		pos = 1 + (int)world_rng_below(r, (uint32_t)n - 1);
		if (is_letter(s[pos]))
			return pos;
	}
	return -1;
}

/* One typing slip in s (at most `size` bytes with the NUL). */
static bool typo(struct world_rng *r, char *s, size_t size)
{
	int pos = slip_position(r, s);
	size_t n = strlen(s);
	uint32_t op = world_rng_below(r, 3);
	if (pos < 0)
		return false;
	if (op == 0) {
		char c = s[pos], lower = (char)(c | 0x20);
		const char *nb = neighbours[lower - 'a'];
		char repl = nb[world_rng_below(r, (uint32_t)strlen(nb))];
		s[pos] = c >= 'a' ? repl : (char)(repl - 'a' + 'A');
	} else if (op == 1 && n >= 4) {
		memmove(s + pos, s + pos + 1, n - (size_t)pos);
	} else {
		if (n + 2 > size)
			return false;
		memmove(s + pos + 1, s + pos, n - (size_t)pos + 1);
	}
	return true;
}

/* Swaps two neighbouring letters that differ. */
static bool transpose(struct world_rng *r, char *s)
{
	int n = (int)strlen(s);
	for (int t = 0; t < 8 && n >= 3; t++) {
		int pos = 1 + (int)world_rng_below(r, (uint32_t)n - 2);
		char a = s[pos], b = s[pos + 1];
		if (is_letter(a) && is_letter(b) && (a | 0x20) != (b | 0x20)) {
			s[pos] = b;
			s[pos + 1] = a;
			return true;
		}
	}
	return false;
}

/* Halves a double-barrelled surname or adds a second one. */
static void hyphenate(struct world *w, struct world_rng *r,
		      const struct world_person *p, struct world_view *v)
{
	struct world_str s;
	ws_reset(&s);
	if (p->surname2 != WORLD_NONE) {
		uint32_t how = world_rng_below(r, 3);
		if (how == 0) {
			ws_add(&s, world_surname(w, p));
		} else if (how == 1) {
			ws_add(&s, w->data.surnames.names[p->surname2].text);
		} else {
			ws_add(&s, world_surname(w, p));
			ws_addc(&s, ' ');
			ws_add(&s, w->data.surnames.names[p->surname2].text);
		}
	} else {
		uint16_t other = (uint16_t)world_sample(
			&w->data.surnames.by_origin[p->origin], r);
		ws_add(&s, v->surname);
		ws_addc(&s, '-');
		ws_add(&s, w->data.surnames.names[other].text);
	}
	set(v->surname, sizeof(v->surname), s.b);
}

/* Notes `kind` (or "kind:field") for a record in truth/noise.csv. */
static void note(struct world *w, const char *agency, const char *record_id,
		 const char *kind, const char *field)
{
	char text[48];
	if (field) {
		snprintf(text, sizeof(text), "%s:%s", kind, field);
		kind = text;
	}
	world_noise_note(w, agency, record_id, kind);
}

/*
 * Writes the record's row of truth/records.csv, then fills `v` with person
 * `person` as the record shows it, applying each distortion at its rate
 * and noting each in truth/noise.csv. Every roll is made whether or not the
 * distortion can apply, so one record's noise does not shift the next
 * record's.
 */
void world_noise_view(struct world *w, struct world_rng *r, uint32_t person,
		      const char *agency, const char *record_id, bool dup,
		      struct world_view *v)
{
	const struct world_person *p = &w->people[person];
	const struct cg_world_noise *nz = &w->opt->noise;
	struct world_str sur;
	const char *nick;
	bool roll;

	truth_record(w, agency, record_id, person);
	ws_reset(&sur);
	world_full_surname(w, p, &sur);
	set(v->forename, sizeof(v->forename), world_forename(w, p));
	set(v->middle, sizeof(v->middle), world_middle(w, p));
	set(v->surname, sizeof(v->surname), sur.b);
	v->dob = p->dob;
	v->addr = &p->addr;
	v->stale = false;
	if (dup)
		note(w, agency, record_id, "duplicate", NULL);

	roll = world_rng_chance(r, nz->nickname);
	nick = world_nickname(w, r, p->sex, p->forename);
	if (roll && nick) {
		set(v->forename, sizeof(v->forename), nick);
		note(w, agency, record_id, "nickname", NULL);
	}
	if (world_rng_chance(r, nz->hyphenation)) {
		hyphenate(w, r, p, v);
		note(w, agency, record_id, "hyphenation", NULL);
	}
	if (world_rng_chance(r, nz->name_swap)) {
		char t[sizeof(v->surname)];
		set(t, sizeof(t), v->forename);
		set(v->forename, sizeof(v->forename), v->surname);
		set(v->surname, sizeof(v->surname), t);
		note(w, agency, record_id, "name_swap", NULL);
	}
	roll = world_rng_chance(r, nz->typo);
	if (world_rng_chance(r, 0.5)) {
		if (roll && typo(r, v->surname, sizeof(v->surname)))
			note(w, agency, record_id, "typo", "surname");
	} else if (roll && typo(r, v->forename, sizeof(v->forename))) {
		note(w, agency, record_id, "typo", "forename");
	}
	roll = world_rng_chance(r, nz->transposition);
	if (world_rng_chance(r, 0.5)) {
		if (roll && transpose(r, v->surname))
			note(w, agency, record_id, "transposition", "surname");
	} else if (roll && transpose(r, v->forename)) {
		note(w, agency, record_id, "transposition", "forename");
	}
	if (world_rng_chance(r, nz->dob_swap)) {
		struct cg_date d = cg_date_from_days(p->dob);
		if (d.day <= 12 && d.day != d.month) {
			int t = d.day;
			d.day = d.month;
			d.month = t;
			v->dob = (int32_t)cg_date_to_days(d);
			note(w, agency, record_id, "dob_swap", NULL);
		}
	}
	if (world_rng_chance(r, nz->old_address)) {
		v->addr = &p->prev;
		v->stale = true;
		note(w, agency, record_id, "old_address", NULL);
	}
}
