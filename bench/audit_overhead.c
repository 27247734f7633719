/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * audit_overhead.c - what the audit log costs a read-heavy workload.
 *
 * Issue 3's target: audit writes must not halve throughput; under 15%
 * overhead on a read-heavy workload. This program is built twice from the
 * same source (bench/CMakeLists.txt): `bench_audit_on` links the real
 * library; `bench_audit_off` links null_audit.c first, which replaces
 * cg_audit_append with a function that does nothing, so the two binaries
 * run exactly the same reads and differ only in the audit write. The
 * product itself has no switch to turn auditing off.
 *
 * Usage: bench_audit_{on,off} STORE OPS SEED [MIX]
 *   STORE  a store prepared by bench/audit_overhead.sh
 *   OPS    operations to run
 *   MIX    "mixed" (default): 80% record get, 10% name search, 10% list of
 *          20; "get": record gets only, the cheapest read and so the worst
 *          case for the log's relative cost
 * Prints: "<ops> ops in <seconds> s: <ops/s> ops/s".
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "access/context.h"
#include "model/record.h"
#include "store/store.h"

static double now_seconds(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
	struct cg_store *st = NULL;
	struct cg_error err = CG_ERROR_INIT;
	struct cg_ctx ctx;
	int64_t nrec = 0;
	long ops;
	unsigned seed;
	double t0, t1;

	if (argc != 4 && argc != 5) {
		fprintf(stderr, "usage: %s STORE OPS SEED [mixed|get]\n", argv[0]);
		return 2;
	}
	int gets_only = argc == 5 && strcmp(argv[4], "get") == 0;
	ops = strtol(argv[2], NULL, 10);
	seed = (unsigned)strtoul(argv[3], NULL, 10);
	if (cg_store_open(argv[1], CG_STORE_OPEN_EXISTING, &st, &err) ||
	    cg_ctx_init(&ctx, st, "analyst", "audit overhead benchmark", &err) ||
	    cg_store_query_int64(st, "SELECT max(id) FROM source_record", &nrec, &err)) {
		fprintf(stderr, "bench: %s\n", err.message);
		return 1;
	}
	srand(seed);
	t0 = now_seconds();
	for (long i = 0; i < ops; i++) {
		int kind = gets_only ? 0 : rand() % 10;
		enum cg_status rc;
		if (kind < 8) {
			struct cg_record r;
			rc = cg_record_get(&ctx, 1 + rand() % nrec, &r, &err);
			if (rc == CG_OK)
				cg_record_release(&r);
			else if (rc == CG_NOT_FOUND)
				rc = CG_OK;
		} else {
			char name[32];
			struct cg_record_set set;
			struct cg_record_filter f = { .limit = 20 };
			snprintf(name, sizeof(name), "surname%d", rand() % 1000);
			f.name = name;
			f.offset = kind == 9 ? (size_t)(rand() % 1000) : 0;
			rc = kind == 8 ? cg_record_search(&ctx, &f, &set, &err)
				       : cg_record_list(&ctx, &f, &set, &err);
			if (rc == CG_OK)
				cg_record_set_release(&set);
		}
		if (rc) {
			fprintf(stderr, "bench: %s\n", err.message);
			return 1;
		}
	}
	t1 = now_seconds();
	printf("%ld ops in %.3f s: %.0f ops/s\n", ops, t1 - t0, (double)ops / (t1 - t0));
	cg_ctx_release(&ctx);
	cg_store_close(st);
	return 0;
}
