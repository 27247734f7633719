/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * world.h - the synthetic world behind `cg demo generate` (ingest layer).
 *
 * Simulates one region (the West Midlands) from a seed: people in
 * households with UK names, dates of birth and addresses; organised crime
 * groups with principals, significant and peripheral members, activities,
 * rivalries and alliances; custody histories in six establishments with
 * wings and cells; licences, recalls and community orders; associations,
 * prison visits, calls, shared phones and money between people;
 * intelligence reports graded 3x5x2. It then writes what each agency's
 * system would export (police, prison, probation: three shapes, see
 * docs/exports.md) with the noise real records carry, and the truth the
 * exports were made from (truth/), which tests and benchmarks score
 * against and the importer never reads.
 *
 * The output depends only on the options: the same options give
 * byte-identical files on every run and platform (a seeded xoshiro256**
 * generator, no clock, no locale, integer arithmetic for every draw that
 * could differ between platforms).
 *
 * Memory grows linearly with the number of people (about 200 bytes a
 * person, custody history included); the files are streamed through
 * buffered writers. Every file is written under a temporary name and
 * renamed into place only when all files are complete, so a failure leaves
 * whatever the directory held before.
 *
 * Not thread-safe for one output directory; generations into different
 * directories may run in parallel (no global state).
 */
#ifndef CG_INGEST_WORLD_H
#define CG_INGEST_WORLD_H

#include <stddef.h>
#include <stdint.h>

#include "base/error.h"

/* Largest world: --people up to five million. */
#define CG_WORLD_PEOPLE_MAX 5000000u

/*
 * Rates of the distortions applied to exported records, each a probability
 * between 0 and 1 (see docs/exports.md, "Noise"). Unless a comment says
 * otherwise a rate applies to every person-like record (police nominal,
 * prisoner, prison contact, probation offender) on which the distortion is
 * possible: a nickname needs a forename that has a short form, a day/month
 * swap needs a day of 12 or less that differs from the month.
 */
struct cg_world_noise {
	double nickname;      /* forename given as a short form (Bill for William) */
	double typo;          /* one letter of a name substituted, dropped or doubled */
	double transposition; /* two adjacent letters of a name swapped */
	double hyphenation;   /* double-barrelled surname halved, or a second surname added */
	double name_swap;     /* forename and surname recorded the wrong way round */
	double alias;         /* police nominals only: the record carries aliases */
	double dob_swap;      /* day and month of the date of birth swapped */
	double missing_id;    /* each cross-reference (PNC, CRO, NOMS number, contact's
			       * date of birth) left empty */
	double old_address;   /* an earlier address recorded as the current one */
	double duplicate;     /* the same person recorded twice in one system */
};

/* What to generate. Set up with cg_world_options_init, then change. */
struct cg_world_options {
	const char *out_dir;        /* created if missing; files inside are replaced */
	uint32_t people;            /* 1..CG_WORLD_PEOPLE_MAX */
	uint64_t seed;              /* any value; 1 by default */
	struct cg_world_noise noise; /* defaults from cg_world_noise_kinds */
};

/*
 * One row per noise kind: the table that the command line turns into
 * options (--noise-NAME RATE) and docs/exports.md lists. Ends with a row
 * whose name is NULL.
 */
struct cg_world_noise_kind {
	const char *name;    /* option suffix and truth/noise.csv prefix, e.g. "typo" */
	size_t offset;       /* of the rate within struct cg_world_noise */
	double default_rate; /* what cg_world_options_init sets */
	const char *what;    /* one line for --help */
};
extern const struct cg_world_noise_kind cg_world_noise_kinds[];

/* The rate a row of cg_world_noise_kinds names within `noise`. */
double *cg_world_noise_rate(struct cg_world_noise *noise,
			    const struct cg_world_noise_kind *kind);

/* Sets defaults: no directory, 1000 people, seed 1, the default rates. */
void cg_world_options_init(struct cg_world_options *o);

/* Most files one world writes. */
#define CG_WORLD_FILES_MAX 24

/* Rows written to one file (header excluded; a row may span lines when a
 * quoted field holds a line break). */
struct cg_world_file_count {
	const char *path; /* relative to out_dir, e.g. "police/nominals.csv"; static */
	uint64_t rows;
	uint64_t bytes;
};

/* What a generation wrote. */
struct cg_world_summary {
	uint32_t people;      /* people simulated */
	uint32_t ocgs;        /* organised crime groups */
	uint64_t source_rows; /* rows in the agency exports (truth/ excluded) */
	uint64_t truth_rows;  /* rows in truth/ */
	size_t nfiles;
	struct cg_world_file_count files[CG_WORLD_FILES_MAX];
};

/*
 * Generates the world described by `o` into o->out_dir: police/, prison/,
 * probation/ and truth/ as docs/exports.md describes. Creates the
 * directories it needs; replaces files of the same names. `summary` (may be
 * NULL) receives the row counts.
 * Errors: CG_INVALID for options out of range (people, a rate outside
 * 0..1, no directory); CG_IO naming the path and the system's reason when
 * a directory or file cannot be created or written (nothing is renamed
 * into place then, and the temporary files are removed); CG_INVALID if the
 * name lists compiled into the binary are malformed (a bug in data/names).
 */
enum cg_status cg_world_generate(const struct cg_world_options *o,
				 struct cg_world_summary *summary,
				 struct cg_error *err);

#endif
