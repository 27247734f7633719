/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * world.c - options of the synthetic world and the order of its phases
 * (ingest layer). See world.h for what the world is and world_internal.h
 * for which file builds which part.
 *
 * The world is taken on 31 December 2024 (a fixed day, so that output
 * never depends on the clock); custody and intelligence histories start in
 * 2010 and 2012.
 */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "ingest/world_internal.h"
#include "base/banned.h"

/* The noise kinds, their defaults and one line each for --help. The
 * names are those of truth/noise.csv (before any ":field"). */
const struct cg_world_noise_kind cg_world_noise_kinds[] = {
	{ "nickname", offsetof(struct cg_world_noise, nickname), 0.05,
	  "forename given as a short form (William as Bill)" },
	{ "typo", offsetof(struct cg_world_noise, typo), 0.03,
	  "a letter of a name mistyped, dropped or doubled" },
	{ "transposition", offsetof(struct cg_world_noise, transposition), 0.02,
	  "two neighbouring letters of a name swapped" },
	{ "hyphenation", offsetof(struct cg_world_noise, hyphenation), 0.02,
	  "double-barrelled surname halved, or a second surname added" },
	{ "name_swap", offsetof(struct cg_world_noise, name_swap), 0.01,
	  "forename and surname the wrong way round" },
	{ "alias", offsetof(struct cg_world_noise, alias), 0.10,
	  "police nominal carrying aliases" },
	{ "dob_swap", offsetof(struct cg_world_noise, dob_swap), 0.02,
	  "day and month of birth swapped (when the day is 12 or less)" },
	{ "missing_id", offsetof(struct cg_world_noise, missing_id), 0.20,
	  "a cross-reference left empty (PNC, CRO, prison number, contact's birth date)" },
	{ "old_address", offsetof(struct cg_world_noise, old_address), 0.10,
	  "the previous address given as the current one" },
	{ "duplicate", offsetof(struct cg_world_noise, duplicate), 0.02,
	  "the same person recorded twice in one system" },
	{ NULL, 0, 0, NULL },
};

double *cg_world_noise_rate(struct cg_world_noise *noise,
			    const struct cg_world_noise_kind *kind)
{
	return (double *)((char *)noise + kind->offset);
}

void cg_world_options_init(struct cg_world_options *o)
{
	memset(o, 0, sizeof(*o));
	o->people = 1000;
	o->seed = 1;
	for (const struct cg_world_noise_kind *k = cg_world_noise_kinds; k->name; k++)
		*cg_world_noise_rate(&o->noise, k) = k->default_rate;
}

/* CG_INVALID naming the first option out of range, else CG_OK. */
static enum cg_status check_options(const struct cg_world_options *o,
				    struct cg_error *err)
{
	struct cg_world_noise noise = o->noise;
	if (!o->out_dir || !*o->out_dir)
		return cg_fail(err, CG_INVALID, "no output directory given");
	if (o->people < 1 || o->people > CG_WORLD_PEOPLE_MAX)
		return cg_fail(err, CG_INVALID, "people %u: must be 1 to %u",
			       o->people, CG_WORLD_PEOPLE_MAX);
	for (const struct cg_world_noise_kind *k = cg_world_noise_kinds; k->name; k++) {
		double v = *cg_world_noise_rate(&noise, k);
		if (!(v >= 0.0 && v <= 1.0))
			return cg_fail(err, CG_INVALID,
				       "noise rate %s %g: must be 0 to 1", k->name, v);
	}
	return CG_OK;
}

/* Frees everything the phases allocated. */
static void world_release(struct world *w)
{
	free(w->people);
	cg_vec_release(&w->ocgs);
	cg_vec_release(&w->members);
	cg_vec_release(&w->names);
	cg_vec_release(&w->phones);
	cg_vec_release(&w->phone_users);
	cg_vec_release(&w->brokers);
	cg_vec_release(&w->stays);
	cg_vec_release(&w->periods);
	cg_vec_release(&w->recruits);
	cg_vec_release(&w->nominals);
	cg_vec_release(&w->prisoners);
	cg_vec_release(&w->contacts);
	cg_vec_release(&w->offenders);
	world_pairset_release(&w->seen);
	world_data_release(&w->data);
}

/* Runs the phases in dependency order (see world_internal.h). */
static void simulate(struct world *w)
{
	world_people_generate(w);
	world_ocgs_generate(w);
	world_custody_generate(w);
	world_custody_index(w);
	world_patterns_plant(w);
	world_custody_index(w);
	world_records_assign(w);
	world_links_generate(w);
	world_cells_assign(w);
	world_events_generate(w);
	world_intel_generate(w);
	world_police_write(w);
	world_prison_write(w);
	world_probation_write(w);
	world_truth_write(w);
	world_patterns_write(w);
}

enum cg_status cg_world_generate(const struct cg_world_options *o,
				 struct cg_world_summary *summary,
				 struct cg_error *err)
{
	struct world *w;
	enum cg_status rc = check_options(o, err), done;

	if (rc)
		return rc;
	w = calloc(1, sizeof(*w));
	if (!w)
		return cg_fail(err, CG_INTERNAL, "out of memory");
	w->opt = o;
	w->n = o->people;
	w->today = world_day(2024, 12, 31);
	w->history_from = world_day(2010, 1, 1);
	rc = world_data_load(&w->data, err);
	if (rc == CG_OK)
		rc = world_files_open(w, o->out_dir, err);
	if (rc == CG_OK)
		simulate(w);
	if (summary) {
		memset(summary, 0, sizeof(*summary));
		summary->people = w->n;
		summary->ocgs = (uint32_t)w->ocgs.len;
	}
	done = world_files_finish(w, rc == CG_OK, rc == CG_OK ? err : NULL);
	if (rc == CG_OK)
		rc = done;
	if (rc == CG_OK && summary) {
		for (int i = 0; i < WF_COUNT && i < CG_WORLD_FILES_MAX; i++) {
			const struct world_file *f = &w->files[i];
			summary->files[i].path = f->path;
			summary->files[i].rows = f->rows;
			summary->files[i].bytes = f->bytes;
			if (i >= WF_T_RECORDS)
				summary->truth_rows += f->rows;
			else
				summary->source_rows += f->rows;
		}
		summary->nfiles = WF_COUNT;
	}
	world_release(w);
	free(w);
	return rc;
}
