/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * compare.h - field comparators and comparison vectors for entity
 * resolution (link capability layer).
 *
 * Everything here works on values already normalised by base/name.h
 * (names: lower case, marks removed, words separated by one space) and by
 * the importer (postcodes "B12 3AB", dates as numbers YYYYMMDD). It knows
 * nothing of the store: src/link/link.c loads records into the prepared
 * forms below and scores millions of pairs with them, and the unit tests
 * call the same functions on literals.
 *
 * Comparators:
 *  - Jaro-Winkler similarity on Unicode code points (not bytes), so "łukasz"
 *    and "lukasz" differ by one character, not two bytes. Names longer than
 *    CG_JW_MAX code points are compared on their first CG_JW_MAX.
 *  - Double Metaphone (Lawrence Philips, 2000): a primary and an alternate
 *    phonetic key of up to 4 characters. The implementation follows the
 *    published algorithm's rules for English and the common Germanic,
 *    Slavic, Romance, Greek and Chinese spellings it covers (C, G, CH, SCH,
 *    TH, J, W, X, Z, initial GN/KN/PN/WR/PS, silent letters, -ough/-augh).
 *    Letters outside A-Z that normalisation leaves (ł, ø, þ) are skipped.
 *  - forename equivalence: a table of short forms and equivalents
 *    (data/link/forename_equivalents.txt, compiled in): "william bill will
 *    billy liam" is one group; two forenames are equivalent when they share
 *    a group.
 *  - dates of birth: exact, day and month swapped, one of the three fields
 *    different, same year only, different.
 *  - postcodes: full, same district (outward code), different.
 *
 * Thread-safety: everything is reentrant; the equivalence table is built
 * once on first use (pthread_once).
 */
#ifndef CG_LINK_COMPARE_H
#define CG_LINK_COMPARE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Longest name, in code points, that Jaro-Winkler compares in full. */
#define CG_JW_MAX 128
/* Bytes of one Double Metaphone key: up to 4 characters and a NUL. */
#define CG_DM_SIZE 5
/* Most equivalence groups one forename may belong to. */
#define CG_NAME_GROUPS_MAX 4

/*
 * Jaro-Winkler similarity of two UTF-8 strings, in [0, 1]: 1 for equal
 * strings, 0 when either is empty or nothing matches. Winkler's prefix
 * boost (scale 0.1, prefix up to 4) is applied when the Jaro similarity
 * exceeds 0.7. Invalid UTF-8 bytes count as one code point each.
 */
double cg_jaro_winkler(const char *a, const char *b);

/*
 * Double Metaphone keys of `name` (UTF-8, normalised; spaces and anything
 * not A-Z after upper-casing are skipped). Writes the primary key to
 * `primary` and the alternate to `alternate` (equal to the primary when the
 * name has no alternate pronunciation); "" for a name with no letters.
 */
void cg_double_metaphone(const char *name, char primary[CG_DM_SIZE],
			 char alternate[CG_DM_SIZE]);

/*
 * The equivalence groups of a normalised forename (its first word is used):
 * writes up to CG_NAME_GROUPS_MAX group numbers (>= 1) to `groups` and
 * returns how many. 0 for a name in no group.
 */
size_t cg_forename_groups(const char *forename, uint32_t groups[CG_NAME_GROUPS_MAX]);

/* True when the two forenames share an equivalence group. */
bool cg_forenames_equivalent(const char *a, const char *b);

/* ---- prepared values ---- */

/* A name prepared once and compared many times. */
struct cg_name_key {
	const char *text;       /* normalised, NUL-terminated; borrowed */
	uint32_t id;            /* equal ids mean equal text (0: compare text) */
	uint32_t dm[2];         /* Double Metaphone primary, alternate, packed */
	uint32_t groups[CG_NAME_GROUPS_MAX]; /* forename equivalence groups */
	uint8_t ngroups;
};

/* Fills `k` for `text` (borrowed: it must outlive k). `is_forename` looks
 * the name up in the equivalence table. */
void cg_name_key_prepare(struct cg_name_key *k, const char *text, uint32_t id,
			 bool is_forename);

/* Packs a Double Metaphone key (at most 4 characters, NUL-terminated)
 * into 32 bits (0 for ""). */
uint32_t cg_dm_pack(const char *key);

/* ---- comparison levels ---- */

/* The comparisons of a pair, one level each. Level 0 is always "null":
 * a value is missing on one side, and the comparison adds no weight. */
enum cg_cmp {
	CG_CMP_FORENAME,
	CG_CMP_SURNAME,
	CG_CMP_DOB,
	CG_CMP_POSTCODE,
	CG_CMP_SEX,
	CG_CMP_IDENT,
	CG_CMP_COUNT
};

/* Levels of both name comparisons, best first. */
enum cg_name_level {
	CG_NAME_NULL,
	CG_NAME_EXACT,        /* same normalised name */
	CG_NAME_OTHER_EXACT,  /* exact, but through an alias or a forename/surname swap */
	CG_NAME_EQUIVALENT,   /* forename equivalence table (Bill ~ William) */
	CG_NAME_JW_HIGH,      /* Jaro-Winkler >= 0.92 */
	CG_NAME_PART,         /* one double-barrelled name holds the other ("smith" in "smith jones") */
	CG_NAME_PHONETIC,     /* a Double Metaphone key in common */
	CG_NAME_JW_LOW,       /* Jaro-Winkler >= 0.80 */
	CG_NAME_DIFFERENT,
	CG_NAME_LEVELS
};

enum cg_dob_level {
	CG_DOB_NULL,
	CG_DOB_EXACT,
	CG_DOB_SWAPPED,       /* day and month swapped */
	CG_DOB_ONE_FIELD,     /* two of year, month, day equal */
	CG_DOB_YEAR,          /* same year only */
	CG_DOB_DIFFERENT,
	CG_DOB_LEVELS
};

enum cg_postcode_level {
	CG_POSTCODE_NULL,
	CG_POSTCODE_FULL,
	CG_POSTCODE_DISTRICT, /* same outward code ("B12") */
	CG_POSTCODE_DIFFERENT,
	CG_POSTCODE_LEVELS
};

enum cg_sex_level { CG_SEX_NULL, CG_SEX_SAME, CG_SEX_DIFFERENT, CG_SEX_LEVELS };

/* Identifiers of a kind both records hold: some value equal, or all
 * different (soft and hard identifiers alike). */
enum cg_ident_level { CG_IDENT_NULL, CG_IDENT_AGREE, CG_IDENT_DISAGREE, CG_IDENT_LEVELS };

/* Most levels any comparison has. */
#define CG_LEVELS_MAX CG_NAME_LEVELS

/* Number of levels (null included) of comparison `c`. */
int cg_cmp_levels(enum cg_cmp c);
/* Stable names: "forename", "exact", ... (static strings). */
const char *cg_cmp_name(enum cg_cmp c);
const char *cg_cmp_level_name(enum cg_cmp c, int level);

/* Level of two names; `forename` enables the equivalence level. NULL or
 * empty text on either side is CG_NAME_NULL. Never returns OTHER_EXACT. */
enum cg_name_level cg_compare_name(const struct cg_name_key *a, const struct cg_name_key *b,
				   bool forename);

/* Dates as YYYYMMDD numbers; 0 is unknown. */
enum cg_dob_level cg_compare_dob(int32_t a, int32_t b);

/* Normalised postcodes ("B12 3AB"); NULL or "" is unknown. */
enum cg_postcode_level cg_compare_postcode(const char *a, const char *b);

/* 'M', 'F' or 'X'; anything else (U, 0) is unknown. */
enum cg_sex_level cg_compare_sex(char a, char b);

/* ---- records and comparison vectors ---- */

/* One identifier: interned kind and value, and whether it is hard. */
struct cg_link_ident {
	uint32_t kind;
	uint32_t value;
	bool hard;
};

/* One name variant of a record (primary or alias). */
struct cg_link_name {
	const struct cg_name_key *forename; /* NULL when none */
	const struct cg_name_key *surname;  /* NULL when none */
};

/* What a pair comparison reads of a record. All borrowed. */
struct cg_link_subject {
	struct cg_link_name primary;
	const struct cg_link_name *aliases;
	size_t naliases;
	int32_t dob;                     /* YYYYMMDD, 0 unknown */
	const char *postcode;            /* normalised; "" unknown */
	char sex;                        /* 'M', 'F', 'X'; 0 unknown */
	const struct cg_link_ident *idents;
	size_t nidents;
};

/* Which name variant gave the name levels. */
enum cg_name_via { CG_VIA_PRIMARY, CG_VIA_SWAP, CG_VIA_ALIAS };

/* A pair's comparison vector. */
struct cg_gamma {
	uint8_t level[CG_CMP_COUNT];
	uint8_t via;                     /* enum cg_name_via */
};

/*
 * Compares two records field by field. Names: the primary names, the
 * primary names with forename and surname swapped on one side, and every
 * alias on either side are tried, and the variant with the best combined
 * level is kept (exact matches through a swap or an alias become
 * CG_NAME_OTHER_EXACT).
 */
void cg_compare_pair(const struct cg_link_subject *a, const struct cg_link_subject *b,
		     struct cg_gamma *out);

/* Packs a vector into 32 bits (4 bits per comparison) and back. */
uint32_t cg_gamma_pack(const struct cg_gamma *g);
void cg_gamma_unpack(uint32_t packed, struct cg_gamma *g);

#endif
