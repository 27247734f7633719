/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * metaphone.c - Double Metaphone phonetic keys for names (link capability
 * layer): Lawrence Philips' algorithm, a primary and an alternate key per
 * name, so that spellings that sound alike share a blocking key and a
 * comparison level. See compare.h (cg_double_metaphone) for what it covers.
 */
#include <stdarg.h>
#include <stdbool.h>
#include <string.h>

#include "base/error.h"
#include "link/compare.h"
#include "base/banned.h"

#define DM_BUF (CG_JW_MAX + 8)

struct dm {
	char s[DM_BUF];   /* upper-case A-Z and spaces, padded with spaces */
	int len;          /* characters before the padding */
	int last;         /* len - 1 */
	char p[16], a[16];/* keys being built */
	int np, na;
	bool slavo;       /* Slavic or Germanic spelling (W, K, CZ, WITZ) */
};

static char at(const struct dm *d, int i)
{
	return i < 0 || i >= d->len + 5 ? '\0' : d->s[i];
}

static bool vowel(const struct dm *d, int i)
{
	char c = at(d, i);
	return c && strchr("AEIOUY", c) != NULL;
}

/* True when one of the NULL-terminated strings (all `n` long) stands at
 * `start`. */
static bool str_at(const struct dm *d, int start, int n, ...)
{
	va_list ap;
	const char *w;
	bool hit = false;

	if (start < 0 || start + n > d->len + 5)
		return false;
	va_start(ap, n);
	while (!hit && (w = va_arg(ap, const char *)) != NULL)
		hit = memcmp(d->s + start, w, (size_t)n) == 0;
	va_end(ap);
	return hit;
}

/* Appends to the primary and the alternate key (alt NULL: same as main). */
static void add(struct dm *d, const char *main, const char *alt)
{
	if (!alt)
		alt = main;
	for (const char *c = main; *c && d->np < 8; c++)
		d->p[d->np++] = *c;
	for (const char *c = alt; *c && d->na < 8; c++)
		d->a[d->na++] = *c;
}

static void dm_c(struct dm *d, int *cur)
{
	int c = *cur;

	if (c > 1 && !vowel(d, c - 2) && str_at(d, c - 1, 3, "ACH", NULL) &&
	    at(d, c + 2) != 'I' && (at(d, c + 2) != 'E' || str_at(d, c - 2, 6, "BACHER", "MACHER", NULL))) {
		add(d, "K", NULL);
		*cur += 2;
		return;
	}
	if (c == 0 && str_at(d, c, 6, "CAESAR", NULL)) {
		add(d, "S", NULL);
		*cur += 2;
		return;
	}
	if (str_at(d, c, 4, "CHIA", NULL)) {
		add(d, "K", NULL);
		*cur += 2;
		return;
	}
	if (str_at(d, c, 2, "CH", NULL)) {
		if (c > 0 && str_at(d, c, 4, "CHAE", NULL)) {
			add(d, "K", "X");
		} else if (c == 0 && (str_at(d, c + 1, 5, "HARAC", "HARIS", NULL) ||
				      str_at(d, c + 1, 3, "HOR", "HYM", "HIA", "HEM", NULL)) &&
			   !str_at(d, 0, 5, "CHORE", NULL)) {
			add(d, "K", NULL);
		} else if (str_at(d, 0, 4, "VAN ", "VON ", NULL) || str_at(d, 0, 3, "SCH", NULL) ||
			   str_at(d, c - 2, 6, "ORCHES", "ARCHIT", "ORCHID", NULL) ||
			   str_at(d, c + 2, 1, "T", "S", NULL) ||
			   ((str_at(d, c - 1, 1, "A", "O", "U", "E", NULL) || c == 0) &&
			    str_at(d, c + 2, 1, "L", "R", "N", "M", "B", "H", "F", "V", "W", " ", NULL))) {
			add(d, "K", NULL);
		} else if (c > 0) {
			if (str_at(d, 0, 2, "MC", NULL))
				add(d, "K", NULL);
			else
				add(d, "X", "K");
		} else {
			add(d, "X", NULL);
		}
		*cur += 2;
		return;
	}
	if (str_at(d, c, 2, "CZ", NULL) && !str_at(d, c - 2, 4, "WICZ", NULL)) {
		add(d, "S", "X");
		*cur += 2;
		return;
	}
	if (str_at(d, c + 1, 3, "CIA", NULL)) {
		add(d, "X", NULL);
		*cur += 3;
		return;
	}
	if (str_at(d, c, 2, "CC", NULL) && !(c == 1 && at(d, 0) == 'M')) {
		if (str_at(d, c + 2, 1, "I", "E", "H", NULL) && !str_at(d, c + 2, 2, "HU", NULL)) {
			if ((c == 1 && at(d, c - 1) == 'A') || str_at(d, c - 1, 5, "UCCEE", "UCCES", NULL))
				add(d, "KS", NULL);
			else
				add(d, "X", NULL);
			*cur += 3;
		} else {
			add(d, "K", NULL);
			*cur += 2;
		}
		return;
	}
	if (str_at(d, c, 2, "CK", "CG", "CQ", NULL)) {
		add(d, "K", NULL);
		*cur += 2;
		return;
	}
	if (str_at(d, c, 2, "CI", "CE", "CY", NULL)) {
		if (str_at(d, c, 3, "CIO", "CIE", "CIA", NULL))
			add(d, "S", "X");
		else
			add(d, "S", NULL);
		*cur += 2;
		return;
	}
	add(d, "K", NULL);
	if (str_at(d, c + 1, 2, " C", " Q", " G", NULL))
		*cur += 3;
	else if (str_at(d, c + 1, 1, "C", "K", "Q", NULL) && !str_at(d, c + 1, 2, "CE", "CI", NULL))
		*cur += 2;
	else
		*cur += 1;
}

static void dm_g(struct dm *d, int *cur)
{
	int c = *cur;

	if (at(d, c + 1) == 'H') {
		if (c > 0 && !vowel(d, c - 1)) {
			add(d, "K", NULL);
		} else if (c == 0) {
			add(d, at(d, c + 2) == 'I' ? "J" : "K", NULL);
		} else if ((c > 1 && str_at(d, c - 2, 1, "B", "H", "D", NULL)) ||
			   (c > 2 && str_at(d, c - 3, 1, "B", "H", "D", NULL)) ||
			   (c > 3 && str_at(d, c - 4, 1, "B", "H", NULL))) {
			/* silent: "hugh", "bough", "broughton" */
		} else if (c > 2 && at(d, c - 1) == 'U' && str_at(d, c - 3, 1, "C", "G", "L", "R", "T", NULL)) {
			add(d, "F", NULL); /* "laugh", "tough" */
		} else if (c > 0 && at(d, c - 1) != 'I') {
			add(d, "K", NULL);
		}
		*cur += 2;
		return;
	}
	if (at(d, c + 1) == 'N') {
		if (c == 1 && vowel(d, 0) && !d->slavo)
			add(d, "KN", "N");
		else if (!str_at(d, c + 2, 2, "EY", NULL) && at(d, c + 1) != 'Y' && !d->slavo)
			add(d, "N", "KN");
		else
			add(d, "KN", NULL);
		*cur += 2;
		return;
	}
	if (str_at(d, c + 1, 2, "LI", NULL) && !d->slavo) {
		add(d, "KL", "L");
		*cur += 2;
		return;
	}
	if (c == 0 && (at(d, c + 1) == 'Y' ||
		       str_at(d, c + 1, 2, "ES", "EP", "EB", "EL", "EY", "IB", "IL", "IN", "IE",
			      "EI", "ER", NULL))) {
		add(d, "K", "J");
		*cur += 2;
		return;
	}
	if ((str_at(d, c + 1, 2, "ER", NULL) || at(d, c + 1) == 'Y') &&
	    !str_at(d, 0, 6, "DANGER", "RANGER", "MANGER", NULL) &&
	    !str_at(d, c - 1, 1, "E", "I", NULL) && !str_at(d, c - 1, 3, "RGY", "OGY", NULL)) {
		add(d, "K", "J");
		*cur += 2;
		return;
	}
	if (str_at(d, c + 1, 1, "E", "I", "Y", NULL) || str_at(d, c - 1, 4, "AGGI", "OGGI", NULL)) {
		if (str_at(d, 0, 4, "VAN ", "VON ", NULL) || str_at(d, 0, 3, "SCH", NULL) ||
		    str_at(d, c + 1, 2, "ET", NULL))
			add(d, "K", NULL);
		else if (str_at(d, c + 1, 4, "IER ", NULL))
			add(d, "J", NULL);
		else
			add(d, "J", "K");
		*cur += 2;
		return;
	}
	*cur += at(d, c + 1) == 'G' ? 2 : 1;
	add(d, "K", NULL);
}

static void dm_s(struct dm *d, int *cur)
{
	int c = *cur;

	if (str_at(d, c - 1, 3, "ISL", "YSL", NULL)) {
		*cur += 1; /* "island", "carlisle" */
		return;
	}
	if (c == 0 && str_at(d, c, 5, "SUGAR", NULL)) {
		add(d, "X", "S");
		*cur += 1;
		return;
	}
	if (str_at(d, c, 2, "SH", NULL)) {
		add(d, str_at(d, c + 1, 4, "HEIM", "HOEK", "HOLM", "HOLZ", NULL) ? "S" : "X", NULL);
		*cur += 2;
		return;
	}
	if (str_at(d, c, 3, "SIO", "SIA", NULL) || str_at(d, c, 4, "SIAN", NULL)) {
		add(d, "S", d->slavo ? NULL : "X");
		*cur += 3;
		return;
	}
	if ((c == 0 && str_at(d, c + 1, 1, "M", "N", "L", "W", NULL)) || str_at(d, c + 1, 1, "Z", NULL)) {
		add(d, "S", "X");
		*cur += str_at(d, c + 1, 1, "Z", NULL) ? 2 : 1;
		return;
	}
	if (str_at(d, c, 2, "SC", NULL)) {
		if (at(d, c + 2) == 'H') {
			if (str_at(d, c + 3, 2, "OO", "ER", "EN", "UY", "ED", "EM", NULL))
				add(d, str_at(d, c + 3, 2, "ER", "EN", NULL) ? "X" : "SK",
				    str_at(d, c + 3, 2, "ER", "EN", NULL) ? "SK" : NULL);
			else if (c == 0 && !vowel(d, 3) && at(d, 3) != 'W')
				add(d, "X", "S");
			else
				add(d, "X", NULL);
		} else if (str_at(d, c + 2, 1, "I", "E", "Y", NULL)) {
			add(d, "S", NULL);
		} else {
			add(d, "SK", NULL);
		}
		*cur += 3;
		return;
	}
	if (c == d->last && str_at(d, c - 2, 2, "AI", "OI", NULL))
		add(d, "", "S"); /* French "-ois" */
	else
		add(d, "S", NULL);
	*cur += str_at(d, c + 1, 1, "S", "Z", NULL) ? 2 : 1;
}

static void dm_w(struct dm *d, int *cur)
{
	int c = *cur;

	if (str_at(d, c, 2, "WR", NULL)) {
		add(d, "R", NULL);
		*cur += 2;
		return;
	}
	if (c == 0 && (vowel(d, c + 1) || str_at(d, c, 2, "WH", NULL)))
		add(d, "A", vowel(d, c + 1) ? "F" : NULL);
	if ((c == d->last && vowel(d, c - 1)) ||
	    str_at(d, c - 1, 5, "EWSKI", "EWSKY", "OWSKI", "OWSKY", NULL) || str_at(d, 0, 3, "SCH", NULL)) {
		add(d, "", "F");
		*cur += 1;
		return;
	}
	if (str_at(d, c, 4, "WICZ", "WITZ", NULL)) {
		add(d, "TS", "FX");
		*cur += 4;
		return;
	}
	*cur += 1;
}

static void dm_step(struct dm *d, int *cur)
{
	int c = *cur;
	char ch = at(d, c);

	switch (ch) {
	case 'A': case 'E': case 'I': case 'O': case 'U': case 'Y':
		if (c == 0)
			add(d, "A", NULL);
		*cur += 1;
		break;
	case 'B':
		add(d, "P", NULL);
		*cur += at(d, c + 1) == 'B' ? 2 : 1;
		break;
	case 'C':
		dm_c(d, cur);
		break;
	case 'D':
		if (str_at(d, c, 2, "DG", NULL)) {
			if (str_at(d, c + 2, 1, "I", "E", "Y", NULL)) {
				add(d, "J", NULL);
				*cur += 3;
			} else {
				add(d, "TK", NULL);
				*cur += 2;
			}
		} else {
			add(d, "T", NULL);
			*cur += str_at(d, c, 2, "DT", "DD", NULL) ? 2 : 1;
		}
		break;
	case 'F':
		add(d, "F", NULL);
		*cur += at(d, c + 1) == 'F' ? 2 : 1;
		break;
	case 'G':
		dm_g(d, cur);
		break;
	case 'H':
		if ((c == 0 || vowel(d, c - 1)) && vowel(d, c + 1)) {
			add(d, "H", NULL);
			*cur += 2;
		} else {
			*cur += 1;
		}
		break;
	case 'J':
		if (str_at(d, c, 4, "JOSE", NULL) || str_at(d, 0, 4, "SAN ", NULL)) {
			if ((c == 0 && at(d, c + 4) == ' ') || str_at(d, 0, 4, "SAN ", NULL))
				add(d, "H", NULL);
			else
				add(d, "J", "H");
			*cur += 1;
			break;
		}
		if (c == 0)
			add(d, "J", "A");
		else if (vowel(d, c - 1) && !d->slavo && (at(d, c + 1) == 'A' || at(d, c + 1) == 'O'))
			add(d, "J", "H");
		else if (c == d->last)
			add(d, "J", "");
		else if (!str_at(d, c + 1, 1, "L", "T", "K", "S", "N", "M", "B", "Z", NULL) &&
			 !str_at(d, c - 1, 1, "S", "K", "L", NULL))
			add(d, "J", NULL);
		*cur += at(d, c + 1) == 'J' ? 2 : 1;
		break;
	case 'K':
		add(d, "K", NULL);
		*cur += at(d, c + 1) == 'K' ? 2 : 1;
		break;
	case 'L':
		if (at(d, c + 1) == 'L') {
			if ((c == d->len - 3 && str_at(d, c - 1, 4, "ILLO", "ILLA", "ALLE", NULL)) ||
			    ((str_at(d, d->last - 1, 2, "AS", "OS", NULL) ||
			      str_at(d, d->last, 1, "A", "O", NULL)) &&
			     str_at(d, c - 1, 4, "ALLE", NULL))) {
				add(d, "L", ""); /* Spanish "-illo", "-illa" */
				*cur += 2;
				break;
			}
			*cur += 2;
		} else {
			*cur += 1;
		}
		add(d, "L", NULL);
		break;
	case 'M':
		if ((str_at(d, c - 1, 3, "UMB", NULL) &&
		     (c + 1 == d->last || str_at(d, c + 2, 2, "ER", NULL))) || at(d, c + 1) == 'M')
			*cur += 2;
		else
			*cur += 1;
		add(d, "M", NULL);
		break;
	case 'N':
		add(d, "N", NULL);
		*cur += at(d, c + 1) == 'N' ? 2 : 1;
		break;
	case 'P':
		if (at(d, c + 1) == 'H') {
			add(d, "F", NULL);
			*cur += 2;
		} else {
			add(d, "P", NULL);
			*cur += str_at(d, c + 1, 1, "P", "B", NULL) ? 2 : 1;
		}
		break;
	case 'Q':
		add(d, "K", NULL);
		*cur += at(d, c + 1) == 'Q' ? 2 : 1;
		break;
	case 'R':
		if (c == d->last && !d->slavo && str_at(d, c - 2, 2, "IE", NULL) &&
		    !str_at(d, c - 4, 2, "ME", "MA", NULL))
			add(d, "", "R"); /* French "-ier" */
		else
			add(d, "R", NULL);
		*cur += at(d, c + 1) == 'R' ? 2 : 1;
		break;
	case 'S':
		dm_s(d, cur);
		break;
	case 'T':
		if (str_at(d, c, 4, "TION", NULL)) {
			add(d, "X", NULL);
			*cur += 3;
		} else if (str_at(d, c, 3, "TIA", "TCH", NULL)) {
			add(d, "X", NULL);
			*cur += 3;
		} else if (str_at(d, c, 2, "TH", NULL) || str_at(d, c, 3, "TTH", NULL)) {
			if (str_at(d, c + 2, 2, "OM", "AM", NULL) || str_at(d, 0, 4, "VAN ", "VON ", NULL) ||
			    str_at(d, 0, 3, "SCH", NULL))
				add(d, "T", NULL);
			else
				add(d, "0", "T"); /* '0' is "th" */
			*cur += 2;
		} else {
			add(d, "T", NULL);
			*cur += str_at(d, c + 1, 1, "T", "D", NULL) ? 2 : 1;
		}
		break;
	case 'V':
		add(d, "F", NULL);
		*cur += at(d, c + 1) == 'V' ? 2 : 1;
		break;
	case 'W':
		dm_w(d, cur);
		break;
	case 'X':
		if (!(c == d->last && (str_at(d, c - 3, 3, "IAU", "EAU", NULL) ||
				       str_at(d, c - 2, 2, "AU", "OU", NULL))))
			add(d, "KS", NULL);
		*cur += str_at(d, c + 1, 1, "C", "X", NULL) ? 2 : 1;
		break;
	case 'Z':
		if (at(d, c + 1) == 'H') {
			add(d, "J", NULL);
			*cur += 2;
			break;
		}
		if (str_at(d, c + 1, 2, "ZO", "ZI", "ZA", NULL) ||
		    (d->slavo && c > 0 && at(d, c - 1) != 'T'))
			add(d, "S", "TS");
		else
			add(d, "S", NULL);
		*cur += at(d, c + 1) == 'Z' ? 2 : 1;
		break;
	default:
		*cur += 1;
	}
}

void cg_double_metaphone(const char *name, char primary[CG_DM_SIZE], char alternate[CG_DM_SIZE])
{
	struct dm d;
	int cur = 0;

	memset(&d, 0, sizeof(d));
	/* Upper-case A-Z, single spaces between words; other bytes dropped. */
	for (const char *s = name ? name : ""; *s && d.len < DM_BUF - 6; s++) {
		char ch = *s;
		if (ch >= 'a' && ch <= 'z')
			ch = (char)(ch - 'a' + 'A');
		if (ch >= 'A' && ch <= 'Z')
			d.s[d.len++] = ch;
		else if (ch == ' ' && d.len > 0 && d.s[d.len - 1] != ' ')
			d.s[d.len++] = ' ';
	}
	while (d.len > 0 && d.s[d.len - 1] == ' ')
		d.len--;
	memset(d.s + d.len, ' ', 5);
	d.last = d.len - 1;
	d.slavo = strchr(d.s, 'W') || strchr(d.s, 'K') || strstr(d.s, "CZ") || strstr(d.s, "WITZ");
	if (d.len > 0) {
		if (str_at(&d, 0, 2, "GN", "KN", "PN", "WR", "PS", NULL))
			cur = 1;
		if (d.s[0] == 'X') {
			add(&d, "S", NULL); /* "Xavier" */
			cur = 1;
		}
		while ((d.np < 4 || d.na < 4) && cur < d.len)
			dm_step(&d, &cur);
	}
	d.p[d.np < 4 ? d.np : 4] = '\0';
	d.a[d.na < 4 ? d.na : 4] = '\0';
	memcpy(primary, d.p, CG_DM_SIZE);
	memcpy(alternate, d.a, CG_DM_SIZE);
}

uint32_t cg_dm_pack(const char *key)
{
	uint32_t v = 0;
	for (int i = 0; i < 4 && key[i]; i++)
		v |= (uint32_t)(unsigned char)key[i] << (8 * i);
	return v;
}
