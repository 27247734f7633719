/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * csv_read.c - how fast the streaming CSV reader (src/ingest/csv.c) goes.
 *
 * The importer must take 150,000 rows/s end to end, so the reader alone
 * should manage well over 1,000,000 rows/s of ~100-byte rows. This program
 * reads a file with the reader, touches every field, and prints the rate.
 *
 * Usage:
 *   bench_csv_read --make FILE MB   write a synthetic file of about MB
 *                                   megabytes: people-like rows of ~100
 *                                   bytes, one in eight with a quoted
 *                                   field holding the delimiter or "", one
 *                                   in 64 with an embedded newline
 *   bench_csv_read FILE [DELIM]     read it; prints
 *     "<rows> rows (<rejected> rejected), <MB> MB in <s> s: <rows/s> rows/s, <MB/s> MB/s"
 * The data is synthetic: no real personal data.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ingest/csv.h"

static double now_seconds(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static uint32_t rng = 2463534242u;
static uint32_t next_random(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 17;
	rng ^= rng << 5;
	return rng;
}

static const char *pick(const char *const *list, size_t n)
{
	return list[next_random() % n];
}
#define PICK(list) pick(list, sizeof(list) / sizeof(list[0]))

static int make(const char *path, long mb)
{
	static const char *const surnames[] = {
		"Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson",
		"Johnson", "Davies", "Robinson", "Wright", "Thompson", "Evans",
	};
	static const char *const forenames[] = {
		"Oliver", "Amelia", "George", "Isla", "Harry", "Ava", "Noah",
		"Mia", "Jack", "Ivy", "Leo", "Lily",
	};
	static const char *const towns[] = {
		"Leeds", "York", "Hull", "Bradford", "Wakefield", "Harrogate",
	};
	FILE *f = fopen(path, "w");
	long long target = (long long)mb * 1000 * 1000;
	long long written = 0;
	uint64_t id = 0;
	int n;

	if (!f) {
		perror(path);
		return 1;
	}
	n = fprintf(f, "id,surname,forenames,dob,crn,address,town,postcode,note\n");
	written += n;
	while (written < target) {
		uint32_t r = next_random();
		const char *note = "";
		if (r % 64 == 0)
			note = "\"seen twice,\nsee file\"";
		else if (r % 8 == 1)
			note = "\"alias \"\"Red\"\", Leeds\"";
		else if (r % 4 == 2)
			note = "no fixed abode";
		n = fprintf(f, "%" PRIu64 ",%s,%s %s,19%02u-%02u-%02u,X%06u,"
			    "\"%u %s Road, Flat %u\",%s,LS%u %u%c%c,%s\n",
			    ++id, PICK(surnames), PICK(forenames), PICK(forenames),
			    50 + r % 50, 1 + (r >> 8) % 12, 1 + (r >> 12) % 28,
			    (unsigned)(r >> 4) % 1000000, 1 + (r >> 3) % 200,
			    PICK(surnames), 1 + (r >> 9) % 30, PICK(towns),
			    1 + (r >> 14) % 28, (r >> 6) % 10, 'A' + (r >> 16) % 26,
			    'A' + (r >> 21) % 26, note);
		written += n;
	}
	if (fclose(f) != 0) {
		perror(path);
		return 1;
	}
	printf("%" PRIu64 " rows, %.1f MB written to %s\n", id + 1,
	       (double)written / 1e6, path);
	return 0;
}

int main(int argc, char **argv)
{
	struct cg_csv_reader *r = NULL;
	struct cg_error err = CG_ERROR_INIT;
	struct cg_csv_row row;
	uint64_t rows = 0, rejected = 0, bytes = 0, checksum = 0;
	bool eof = false;
	double t0, t1;
	FILE *f;

	if (argc == 4 && strcmp(argv[1], "--make") == 0)
		return make(argv[2], strtol(argv[3], NULL, 10));
	if (argc < 2 || argc > 3) {
		fprintf(stderr, "usage: %s FILE [DELIM] | --make FILE MB\n", argv[0]);
		return 2;
	}
	f = fopen(argv[1], "rb");
	if (!f) {
		perror(argv[1]);
		return 1;
	}
	if (cg_csv_open(f, argv[1], argc == 3 ? argv[2][0] : ',', &r, &err)) {
		fprintf(stderr, "bench: %s\n", err.message);
		return 1;
	}
	t0 = now_seconds();
	for (;;) {
		enum cg_status rc = cg_csv_next(r, &row, &eof, &err);
		if (rc != CG_OK) {
			if (!row.bad) {
				fprintf(stderr, "bench: %s\n", err.message);
				return 1;
			}
			rejected++;
			continue;
		}
		if (eof)
			break;
		rows++;
		for (size_t i = 0; i < row.nfields; i++)
			checksum += row.fields[i].len + (unsigned char)row.fields[i].ptr[0];
	}
	t1 = now_seconds();
	bytes = cg_csv_tell(r);
	cg_csv_close(r);
	fclose(f);
	printf("%" PRIu64 " rows (%" PRIu64 " rejected), %.1f MB in %.3f s: "
	       "%.0f rows/s, %.0f MB/s (checksum %" PRIu64 ")\n",
	       rows, rejected, (double)bytes / 1e6, t1 - t0,
	       (double)rows / (t1 - t0), (double)bytes / 1e6 / (t1 - t0), checksum);
	return 0;
}
