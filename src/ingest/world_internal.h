/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * world_internal.h - what the parts of the synthetic world share (ingest
 * layer, private to src/ingest/world_*.c).
 *
 * The world is built in phases over one `struct world`, each phase in its
 * own file:
 *   world_rng.c        seeded xoshiro256** streams
 *   world_data.c       the name, street and town lists compiled into cg
 *   world_people.c     households, people, addresses
 *   world_ocgs.c       groups, members, rivalries, alliances, group phones,
 *                      brokers
 *   world_custody.c    spells in custody, wings, cells, licences, recalls
 *   world_patterns.c   planted recruitment and crossovers, and the search
 *                      that lists every crossover
 *   world_records.c    which agency holds whom, record numbers, identifiers
 *   world_links.c      true links and the police associations among them
 *   world_events.c     prison visits, contacts and calls
 *   world_intel.c      intelligence reports
 *   world_noise.c      distortions of exported records
 *   world_police.c, world_prison.c, world_probation.c, world_truth.c
 *                      the files
 *   world_write.c      buffered CSV writers
 *   world.c            options and the order of the phases
 *
 * Dates are days since 1970-01-01 (int32_t). People, groups and stays are
 * indexed from 0; record numbers from 1 (0 means "no record").
 */
#ifndef CG_INGEST_WORLD_INTERNAL_H
#define CG_INGEST_WORLD_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "base/date.h"
#include "base/error.h"
#include "base/vec.h"
#include "ingest/world.h"

struct world;

/* ---- random numbers (world_rng.c) ---- */

/* A xoshiro256** generator; one per phase, so phases do not disturb each
 * other's sequences. */
struct world_rng {
	uint64_t s[4];
};

/* Streams: one per phase, mixed into the seed. */
enum world_stream {
	STREAM_PEOPLE = 1, STREAM_OCGS, STREAM_CUSTODY, STREAM_PATTERNS,
	STREAM_RECORDS, STREAM_LINKS, STREAM_EVENTS, STREAM_INTEL,
	STREAM_NOISE_POLICE, STREAM_NOISE_PRISON, STREAM_NOISE_CONTACTS,
	STREAM_NOISE_PROBATION, STREAM_CELLS, STREAM_PROBATION
};

/* Seeds `r` from `seed` and `stream` through splitmix64. */
void world_rng_seed(struct world_rng *r, uint64_t seed, enum world_stream stream);
uint64_t world_rng_next(struct world_rng *r);
/* Uniform in 0..n-1 (Lemire's method, unbiased); n must be > 0. */
uint32_t world_rng_below(struct world_rng *r, uint32_t n);
/* Uniform in lo..hi inclusive; hi >= lo. */
int32_t world_rng_range(struct world_rng *r, int32_t lo, int32_t hi);
/* Uniform in [0, 1): 53 random bits. */
double world_rng_unit(struct world_rng *r);
/* True with probability p (p <= 0 never, p >= 1 always). */
bool world_rng_chance(struct world_rng *r, double p);
/* Fisher-Yates shuffle. */
void world_rng_shuffle(struct world_rng *r, uint32_t *a, size_t n);

/* ---- data compiled into the binary (world_data.c) ---- */

enum world_origin { ORIGIN_EN, ORIGIN_IE, ORIGIN_SA, ORIGIN_BL, ORIGIN_PL,
		    ORIGIN_COUNT };

/* Weighted choice among `len` items: cum[i] is the sum of the weights of
 * items 0..i; items[i] the value returned. */
struct world_sampler {
	uint32_t *items;
	uint64_t *cum;
	uint32_t len;
};

/* Draws one item of `s` by weight; `s` must not be empty. */
uint32_t world_sample(const struct world_sampler *s, struct world_rng *r);

struct world_name {
	const char *text;    /* Title case, ASCII */
	uint32_t weight;
	uint8_t origin;      /* enum world_origin */
	uint8_t nick_count;  /* short forms, at nicks[nick_first...] */
	uint16_t nick_first;
};

struct world_name_list {
	struct world_name *names;
	uint32_t len;
	struct world_sampler by_origin[ORIGIN_COUNT];
};

struct world_town {
	const char *name;
	const char *office;     /* probation office */
	uint32_t weight;
	uint16_t first_district, ndistricts;
	uint16_t first_locality, nlocalities;
};

struct world_district {
	char code[8];   /* outward code, e.g. "B12" */
	uint16_t town;
};

struct world_data {
	char *text[6];                 /* owned copies of the embedded files */
	struct world_name_list male, female, surnames;
	const char **nicks;            /* short forms, grouped per formal name */
	uint32_t nnicks;
	const char **streets;
	uint32_t nstreets;
	struct world_town *towns;
	uint32_t ntowns;
	struct world_district *districts;
	uint32_t ndistricts;
	const char **localities;
	uint32_t nlocalities;
	struct world_sampler town_sampler;
};

enum cg_status world_data_load(struct world_data *d, struct cg_error *err);
void world_data_release(struct world_data *d);

/* ---- the simulated people ---- */

#define WORLD_NONE 0xffffu  /* no name index */

/* An address: street, house number, postcode district and inward code. */
struct world_addr {
	uint16_t street;
	uint16_t number;   /* house number */
	uint16_t district; /* index into data.districts */
	uint16_t inward;   /* digit * 400 + letter * 20 + letter */
};

enum world_role { ROLE_NONE, ROLE_PRINCIPAL, ROLE_SIGNIFICANT, ROLE_PERIPHERAL };
enum world_hh_role { HH_ADULT, HH_CHILD };

/* Person flags. */
enum {
	PF_NOMINAL = 1u << 0,   /* police hold a nominal */
	PF_PRISONER = 1u << 1,  /* has a custody history */
	PF_PROBATION = 1u << 2, /* has a supervision period */
	PF_CONTACT = 1u << 3,   /* recorded as a prison contact (visitor) */
	PF_PNC = 1u << 4,       /* has a PNC ID */
	PF_CRO = 1u << 5,       /* has a CRO number */
	PF_DIALLED = 1u << 6,   /* personal number called from prison */
	PF_COMMUNITY = 1u << 7, /* community order or suspended sentence */
};

struct world_person {
	struct world_addr addr, prev; /* current and previous address */
	int32_t dob;
	int32_t household;  /* index of the household's first member */
	int32_t ocg;        /* group index, -1 for none */
	int32_t joined;     /* day the person joined the group */
	int32_t first_stay; /* index into stays, -1 for none */
	uint16_t nstays;
	uint16_t forename, middle, surname, surname2; /* WORLD_NONE if absent */
	uint8_t sex;        /* 0 male, 1 female */
	uint8_t origin;
	uint8_t hh_size;
	uint8_t hh_role;    /* enum world_hh_role */
	uint8_t role;       /* enum world_role */
	uint8_t cro_yy;
	uint16_t pnc_year;
	uint32_t pnc_serial, cro_serial;
	uint32_t flags;
	/* record numbers (1-based, 0 = none) of primary and duplicate records */
	uint32_t nominal, nominal_dup, prisoner, prisoner_dup;
	uint32_t offender, offender_dup, contact, contact_dup;
};

/* Activities of a group, as a bit mask (see world_activity_names). */
enum { ACTIVITY_COUNT = 9 };
extern const char *const world_activity_names[ACTIVITY_COUNT];

struct world_ocg {
	uint32_t first_member, nmembers; /* into world.members, principals first */
	uint16_t district;  /* home postcode district */
	uint16_t activities;
	int32_t founded;
	int32_t rivals[3], allies[3];
	uint8_t nrivals, nallies;
	uint8_t nphones;
	uint32_t first_phone; /* into world.phones */
	uint32_t name;        /* offset into world.names */
	uint32_t police_no;   /* WMP-OCG number, 0 when the police do not map it */
};

/* A number shared by several people (a group's "line" or handset). */
struct world_phone {
	uint32_t ocg;
	uint32_t first_user, nusers; /* into world.phone_users */
	int32_t from;                /* first in use */
	bool dialled;
};

/* A person who links two or more groups. */
struct world_broker {
	uint32_t person;
	int32_t ocgs[3];
	uint8_t nocgs;
};

/* One stay on one wing: custody is a chain of stays per person. */
enum world_stay_start { STAY_ADM, STAY_RCL, STAY_MOVE };
enum { STAY_RELEASED = 1, STAY_DUP = 2 };
struct world_stay {
	int32_t person;
	int32_t from, to;   /* days; to is the day of leaving (may be after today) */
	uint16_t cell;      /* 0-based cell on the wing, set by world_cells */
	uint8_t est, wing;  /* establishment and wing indexes */
	uint8_t start;      /* enum world_stay_start */
	uint8_t flags;      /* STAY_RELEASED: leaves to licence at `to`;
			     * STAY_DUP: recorded under the duplicate prison number */
};

enum world_period_type { PERIOD_LICENCE, PERIOD_COMMUNITY, PERIOD_SUSPENDED };
struct world_period {
	uint32_t person;
	int32_t start, end; /* end after today: still running */
	uint8_t type;
};

/* Establishments (world_custody.c). */
struct world_establishment {
	const char *code;
	const char *name;
	const char *wings; /* "A;B;C" */
	uint8_t nwings;
	uint8_t kind;      /* EST_LOCAL, EST_CAT_C, EST_FEMALE */
};
enum { EST_LOCAL, EST_CAT_C, EST_FEMALE };
#define WORLD_ESTABLISHMENTS 6
#define WORLD_WINGS_MAX 8
extern const struct world_establishment world_establishments[WORLD_ESTABLISHMENTS];

/* A planted recruitment: `person` shared a wing with `recruiter`, a
 * member of `ocg`, from `from` to `to` (exclusive), then joined. */
struct world_recruit {
	uint32_t person, recruiter, ocg;
	int32_t from, to, joined;
	uint8_t est, wing;
};

/* One record in an agency's system: whose, and whether it is the
 * duplicate. */
struct world_rec {
	uint32_t person;
	uint8_t dup;
};

/* A system's records in record-number order (record k at items[k - 1]). */
struct world_recs {
	struct world_rec *items;
	size_t len, cap;
};

/* ---- output files (world_write.c) ---- */

enum world_file_id {
	WF_NOMINALS, WF_ASSOCIATIONS, WF_OCG_MEMBERS, WF_INTELLIGENCE,
	WF_PRISONERS, WF_CONTACTS, WF_MOVEMENTS, WF_VISITS, WF_CALLS,
	WF_ESTABLISHMENTS, WF_OFFENDERS, WF_SUPERVISION,
	WF_T_RECORDS, WF_T_PEOPLE, WF_T_OCGS, WF_T_LINKS, WF_T_PATTERNS,
	WF_T_NOISE, WF_T_PHONES, WF_COUNT
};

struct world_file {
	const char *path;   /* relative to the output directory */
	const char *header; /* header row, without the line end */
	char *tmp_path;     /* the file being written */
	char *final_path;
	FILE *f;
	char *buf;          /* pending bytes */
	size_t len;
	uint64_t rows, bytes;
	int nfields;        /* fields written in the current row */
	int error;          /* errno of the first failure, 0 if none */
};

/* Opens every file under `dir` (world_write.c); finishes them, renaming
 * the temporary files into place only with `commit` and no error. */
enum cg_status world_files_open(struct world *w, const char *dir,
				struct cg_error *err);
enum cg_status world_files_finish(struct world *w, bool commit,
				  struct cg_error *err);

/* A small string being put together for one field. */
#define WORLD_STR_MAX 2048
struct world_str {
	size_t n;
	char b[WORLD_STR_MAX];
};

void ws_reset(struct world_str *s);
void ws_add(struct world_str *s, const char *t);
void ws_addn(struct world_str *s, const char *t, size_t n);
void ws_addc(struct world_str *s, char c);
void ws_upper(struct world_str *s, const char *t);   /* ASCII upper case */
void ws_uint(struct world_str *s, uint64_t v, int width); /* zero-padded */

/* Date layouts of the three exports and of truth/. */
enum world_date_style { DATE_ISO, DATE_DMY, DATE_DMON };
void ws_date(struct world_str *s, int32_t day, enum world_date_style style);

/* Fields of the current row: separators and RFC 4180 quoting are added. */
void wf_field(struct world_file *w, const char *s);
void wf_fieldn(struct world_file *w, const char *s, size_t n);
void wf_ws(struct world_file *w, const struct world_str *s);
void wf_empty(struct world_file *w);
void wf_uint(struct world_file *w, uint64_t v);
/* prefix followed by v zero-padded to width digits, e.g. "WMP-N0001234". */
void wf_ref(struct world_file *w, const char *prefix, uint64_t v, int width);
void wf_date(struct world_file *w, int32_t day, enum world_date_style style);
/* Ends the row. */
void wf_end(struct world_file *w);

/* ---- the world ---- */

/* Links deduplicated by pair and type (world_links.c). */
struct world_pairset {
	uint64_t *slots; /* 0 = empty */
	size_t cap, len;
};

struct world {
	const struct cg_world_options *opt;
	struct world_data data;
	uint32_t n;
	struct world_person *people;
	int32_t today;        /* the day the exports are taken: 2024-12-31 */
	int32_t history_from; /* custody and intelligence start: 2010-01-01 */

	CG_VEC(struct world_ocg) ocgs;
	CG_VEC(uint32_t) members;
	CG_VEC(char) names;   /* group names, NUL-separated */
	CG_VEC(struct world_phone) phones;
	CG_VEC(uint32_t) phone_users;
	CG_VEC(struct world_broker) brokers;
	CG_VEC(struct world_stay) stays;
	CG_VEC(struct world_period) periods;
	CG_VEC(struct world_recruit) recruits;
	struct world_recs nominals, prisoners, contacts, offenders;
	uint32_t cells[WORLD_ESTABLISHMENTS][WORLD_WINGS_MAX]; /* cells a wing */

	struct world_pairset seen;  /* links already written */
	struct world_file files[WF_COUNT];
	uint64_t next_association, next_call, next_visit, next_intel;
	uint64_t id_salt;     /* seed-derived offset of identifier bijections */
};

/* Phases, in the order world.c runs them. They cannot fail: an I/O error
 * is kept in the file and reported by world_files_finish. */
void world_people_generate(struct world *w);
void world_ocgs_generate(struct world *w);
void world_custody_generate(struct world *w);
void world_patterns_plant(struct world *w);
void world_custody_index(struct world *w);
void world_records_assign(struct world *w);
void world_cells_assign(struct world *w);
void world_patterns_write(struct world *w);
void world_links_generate(struct world *w);
void world_events_generate(struct world *w);
void world_intel_generate(struct world *w);
void world_police_write(struct world *w);
void world_prison_write(struct world *w);
void world_probation_write(struct world *w);
void world_truth_write(struct world *w);

/* ---- shared helpers ---- */

/* Days of a calendar date; the date must be valid. */
int32_t world_day(int year, int month, int day);
/* The same day `years` later (29 February becomes 28 February). */
int32_t world_add_years(int32_t day, int years);
/* Age in whole years on `day`. */
int world_age(int32_t dob, int32_t day);
/* A uniform day in [from, to]; `from` if to < from. */
int32_t world_rng_day(struct world_rng *r, int32_t from, int32_t to);

/* Name texts of a person. */
const char *world_forename(const struct world *w, const struct world_person *p);
const char *world_middle(const struct world *w, const struct world_person *p);
const char *world_surname(const struct world *w, const struct world_person *p);
/* The full surname, double-barrelled with '-' when the person has two. */
void world_full_surname(const struct world *w, const struct world_person *p,
			struct world_str *out);
const char *world_ocg_name(const struct world *w, uint32_t ocg);
const struct world_town *world_town_of(const struct world *w,
				       const struct world_addr *a);

/* Address pieces: "14 Soho Road", "B12 3AB". */
void world_address_line(const struct world *w, const struct world_addr *a,
			struct world_str *out);
void world_postcode(const struct world *w, const struct world_addr *a,
		    struct world_str *out);
/* A fresh address in `district` (or anywhere when district is WORLD_NONE). */
struct world_addr world_new_address(struct world *w, struct world_rng *r,
				    uint16_t district);

/* Identifiers (world_records.c). */
void world_pnc(const struct world_person *p, bool short_form, struct world_str *out);
void world_cro(const struct world_person *p, struct world_str *out);
void world_prison_number(const struct world *w, uint32_t record, struct world_str *out);
void world_crn(const struct world *w, uint32_t record, struct world_str *out);
/* Mobile numbers "07NNNNNNNNN": personal ones for person i, shared ones
 * for phone k, and numbers of nobody in the world for k. */
void world_phone_personal(const struct world *w, uint32_t person, struct world_str *out);
void world_phone_shared(const struct world *w, uint32_t phone, struct world_str *out);
void world_phone_outside(const struct world *w, uint32_t k, struct world_str *out);
/* True person id "P0000123" and group id "G0012". */
void world_person_id(uint32_t person, struct world_str *out);
void world_ocg_id(uint32_t ocg, struct world_str *out);
/* Record ids as the exports print them. */
void world_nominal_ref(uint32_t record, struct world_str *out);
/* Contacts are numbered in the order of first visits; their ids are a
 * bijection of that number, so a duplicate does not sit next to its
 * primary. */
void world_contact_ref(const struct world *w, uint32_t record, struct world_str *out);
uint32_t world_contact_number(const struct world *w, uint32_t record);

/* Adds a supervision period and flags the person (world_custody.c). */
void world_period_add(struct world *w, uint32_t person, int32_t start,
		      int32_t end, uint8_t type);
/* The cell of a stay as "B-2-014" (world_custody.c). */
void world_cell_label(const struct world *w, const struct world_stay *s,
		      struct world_str *out);

/* "drug_supply;firearms" (world_police.c). */
void world_ocg_activities(const struct world_ocg *o, struct world_str *out);

/* Is `b` a rival of group `a`? */
bool world_rivals(const struct world *w, int32_t a, int32_t b);

/* Links (world_links.c): writes a true link once per pair and type
 * (person_a < person_b for symmetric types), and, for family, associate and
 * co_defendant links between two police nominals, a police association with
 * probability `police`. */
enum world_link_type { LINK_FAMILY, LINK_ASSOCIATE, LINK_CO_DEFENDANT,
		       LINK_CELL_MATE, LINK_VISIT, LINK_CALL, LINK_SHARED_PHONE,
		       LINK_FINANCIAL, LINK_TYPE_COUNT };
void world_link(struct world *w, struct world_rng *r, uint32_t a, uint32_t b,
		enum world_link_type type, int32_t day, double police);
/* Writes a link without checking for an earlier one (caller dedupes). */
void world_link_write(struct world *w, uint32_t a, uint32_t b,
		      enum world_link_type type, int32_t day);
void world_pairset_release(struct world_pairset *s);

/* Noise (world_noise.c). A record as one system shows a person. */
struct world_view {
	char forename[96], middle[96], surname[160];
	int32_t dob;                   /* as recorded (maybe swapped) */
	const struct world_addr *addr; /* current or, when stale, previous */
	bool stale;
};
/* Writes truth/records.csv's row for record `record_id` of `agency` (it is
 * person p) and fills `v` for p as the record shows it, applying the name,
 * date and address distortions and writing each to truth/noise.csv; `dup`
 * adds the "duplicate" row. */
void world_noise_view(struct world *w, struct world_rng *r, uint32_t person,
		      const char *agency, const char *record_id, bool dup,
		      struct world_view *v);
/* Writes one truth/noise.csv row. */
void world_noise_note(struct world *w, const char *agency, const char *record_id,
		      const char *noise);
/* Rolls for a missing identifier and notes it as "missing_id:WHAT" if so. */
bool world_noise_missing(struct world *w, struct world_rng *r, const char *agency,
			 const char *record_id, const char *what);
/* A short form of forename index `fi` of `sex`, or NULL if it has none. */
const char *world_nickname(const struct world *w, struct world_rng *r,
			   uint8_t sex, uint16_t fi);

#endif
