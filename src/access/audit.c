/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * audit.c - the append-only, hash-chained audit log (access layer).
 *
 * Every entry's hash is BLAKE2b-256 over the previous entry's hash (as 64
 * lowercase hex digits) followed by the entry's canonical content: each
 * field, in a fixed order, as a netstring "<decimal length>:<bytes>," or
 * "~" for SQL NULL. docs/security.md gives the encoding byte for byte, so
 * that an auditor can re-verify the chain with another tool; change nothing
 * here without changing it there, and never change it for a store that
 * already holds entries.
 *
 * Security decisions, in one place:
 *
 *  - Appending reads the head and inserts the next entry inside one
 *    transaction (a savepoint when the caller already holds one). The
 *    outermost transaction is BEGIN IMMEDIATE, so two writers can never read
 *    the same head; seq's primary key is a
 *    second line of defence against a forked chain. The caller's data write
 *    and its audit entry commit or roll back together.
 *  - Refusing to append after a damaged head (a hash that is not 64 hex
 *    digits) fails closed: nothing that must be logged can proceed while
 *    the log is known to be broken.
 *  - Verification trusts nothing in the store but the genesis value and,
 *    when given, an exported head: it recomputes every hash, checks the
 *    links and the numbering, and checks that the audit_record index rows
 *    (which the hash does not cover) say exactly what each entry's records
 *    list says, since reports of "who saw this record" read that index.
 *  - Removal of the newest entries cannot be seen from inside the store;
 *    only an exported, countersigned head (expect_seq) catches it.
 *
 * Memory stays flat whatever the length of the log: verification streams
 * the entries and the audit_record rows side by side (both in seq order) and
 * holds one entry's records list at a time.
 */
#include "access/audit.h"

#include <errno.h>
#include <inttypes.h>
#include <jansson.h>
#include <sodium.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/date.h"
#include "base/vec.h"
#include "base/xalloc.h"
#include "store/queries.h"
#include "base/banned.h"

/* Hex digits of a BLAKE2b-256 hash. */
#define HASH_HEX 64
#define HASH_BYTES 32

/* Size caps on what one entry may hold (bytes). The context already caps
 * justifications at CG_JUSTIFICATION_MAX; these bound cg_audit_append_as,
 * whose strings may come from elsewhere (a username typed at a login). */
#define AUDIT_USERNAME_MAX 256
#define AUDIT_AGENCY_CODE_MAX 64
#define AUDIT_TEXT_MAX 4096           /* justification, recipients */
#define AUDIT_DETAIL_MAX 65536
#define AUDIT_KIND_MAX 64

static const char *const op_names[CG_AUDIT_OP_COUNT] = {
	[CG_AUDIT_COLLECTION] = "collection",
	[CG_AUDIT_ALTERATION] = "alteration",
	[CG_AUDIT_CONSULTATION] = "consultation",
	[CG_AUDIT_DISCLOSURE] = "disclosure",
	[CG_AUDIT_COMBINATION] = "combination",
	[CG_AUDIT_ERASURE] = "erasure",
	[CG_AUDIT_ADMINISTRATION] = "administration",
	[CG_AUDIT_AUTHENTICATION] = "authentication",
};

const char *cg_audit_op_name(enum cg_audit_op op)
{
	CG_ASSERT((unsigned)op < CG_AUDIT_OP_COUNT);
	return op_names[op];
}

/* ---- the canonical content and its hash ---- */

/*
 * The fields the hash covers, in hashing order. A cg_str whose ptr is NULL
 * is SQL NULL; the bytes need not be NUL-terminated.
 */
struct audit_fields {
	int64_t seq;
	struct cg_str at;
	bool has_user;         /* false: user_id is NULL (no user) */
	int64_t user_id;
	struct cg_str username;
	struct cg_str agency_code;
	struct cg_str operation;
	struct cg_str justification;
	struct cg_str recipients;
	struct cg_str records;
	struct cg_str detail;
};

static const struct cg_str null_str = { NULL, 0 };

static struct cg_str str_of(const char *s)
{
	struct cg_str v = { s, s ? strlen(s) : 0 };
	return v;
}

static void hash_bytes(crypto_generichash_state *h, const void *p, size_t len)
{
	crypto_generichash_update(h, p, (unsigned long long)len);
}

/* One field: "~" for NULL, else "<decimal length>:<bytes>,". */
static void hash_field(crypto_generichash_state *h, struct cg_str v)
{
	char len[32];
	int n;

	if (!v.ptr) {
		hash_bytes(h, "~", 1);
		return;
	}
	n = snprintf(len, sizeof(len), "%zu:", v.len);
	hash_bytes(h, len, (size_t)n);
	hash_bytes(h, v.ptr, v.len);
	hash_bytes(h, ",", 1);
}

/* An integer field: its decimal form ("-" for negatives, no leading zeros)
 * as a netstring. */
static void hash_int_field(crypto_generichash_state *h, int64_t v)
{
	char num[32];
	int n = snprintf(num, sizeof(num), "%" PRId64, v);
	struct cg_str s = { num, (size_t)n };
	hash_field(h, s);
}

/*
 * Writes into out (65 bytes) the lowercase hex of
 * BLAKE2b-256(prev_hex || canonical content of f); prev_hex is 64 bytes.
 */
static void entry_hash(const char *prev_hex, const struct audit_fields *f,
		       char out[HASH_HEX + 1])
{
	crypto_generichash_state h;
	unsigned char digest[HASH_BYTES];

	crypto_generichash_init(&h, NULL, 0, sizeof(digest));
	hash_bytes(&h, prev_hex, HASH_HEX);
	hash_int_field(&h, f->seq);
	hash_field(&h, f->at);
	if (f->has_user)
		hash_int_field(&h, f->user_id);
	else
		hash_field(&h, null_str);
	hash_field(&h, f->username);
	hash_field(&h, f->agency_code);
	hash_field(&h, f->operation);
	hash_field(&h, f->justification);
	hash_field(&h, f->recipients);
	hash_field(&h, f->records);
	hash_field(&h, f->detail);
	crypto_generichash_final(&h, digest, sizeof(digest));
	sodium_bin2hex(out, HASH_HEX + 1, digest, sizeof(digest));
}

static void genesis(char out[HASH_HEX + 1])
{
	memset(out, '0', HASH_HEX);
	out[HASH_HEX] = '\0';
}

/* Is v exactly 64 lowercase hex digits? */
static bool is_hash_hex(struct cg_str v)
{
	if (!v.ptr || v.len != HASH_HEX)
		return false;
	for (size_t i = 0; i < HASH_HEX; i++) {
		char c = v.ptr[i];
		if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')))
			return false;
	}
	return true;
}

static bool str_eq(struct cg_str a, const char *b)
{
	size_t n = strlen(b);
	return a.ptr && a.len == n && memcmp(a.ptr, b, n) == 0;
}

static enum cg_status ensure_sodium(struct cg_error *err)
{
	/* Idempotent and thread-safe; cheap after the first call. */
	if (sodium_init() < 0)
		return cg_fail(err, CG_INTERNAL, "audit log: libsodium could not be initialised");
	return CG_OK;
}

/* Column `col` of the current row as bytes with their length; ptr NULL for
 * SQL NULL. Uses the blob accessor so that a length is known even for text
 * an intruder wrote with embedded NULs. Borrowed until the next step. */
static struct cg_str col_str(struct cg_stmt *s, int col)
{
	struct cg_str v = { NULL, 0 };
	if (cg_stmt_is_null(s, col))
		return v;
	v.ptr = cg_stmt_blob(s, col, &v.len);
	if (!v.ptr)
		v.ptr = ""; /* an empty value, not NULL */
	return v;
}

/*
 * Reads the newest entry: *seq (0 when the log is empty) and, when `hash`
 * is not NULL, its hash (the genesis value when empty). CG_TAMPERED when the
 * stored head hash is not 64 lowercase hex digits.
 */
static enum cg_status read_head(struct cg_store *st, int64_t *seq, char *hash,
				struct cg_error *err)
{
	struct cg_stmt *s = NULL;
	bool row = false;
	enum cg_status rc = cg_store_prepare_query(st, CG_Q_AUDIT_HEAD, &s, err);

	if (rc == CG_OK)
		rc = cg_stmt_step(s, &row, err);
	if (rc == CG_OK && !row) {
		*seq = 0;
		if (hash)
			genesis(hash);
	} else if (rc == CG_OK) {
		struct cg_str h = col_str(s, 1);
		*seq = cg_stmt_int64(s, 0);
		if (hash && !is_hash_hex(h))
			rc = cg_fail(err, CG_TAMPERED,
				     "audit log: entry %" PRId64 ": its stored hash is malformed", *seq);
		else if (hash) {
			memcpy(hash, h.ptr, HASH_HEX);
			hash[HASH_HEX] = '\0';
		}
	}
	cg_stmt_done(s);
	return rc;
}

enum cg_status cg_audit_head(struct cg_store *st, int64_t *seq, char hash_hex[65],
			     struct cg_error *err)
{
	int64_t n = 0;
	char h[HASH_HEX + 1];
	enum cg_status rc = read_head(st, &n, h, err);

	if (rc == CG_OK) {
		*seq = n;
		memcpy(hash_hex, h, sizeof(h));
	}
	return rc;
}

/* ---- appending ---- */

/* Kinds are table names: 1..64 of [a-z0-9_]. That keeps "kind:id" free of
 * separators and the records list free of JSON escapes. */
static enum cg_status check_kind(const char *kind, struct cg_error *err)
{
	size_t n = kind ? strnlen(kind, AUDIT_KIND_MAX + 1) : 0;

	if (n == 0 || n > AUDIT_KIND_MAX)
		return cg_fail(err, CG_INVALID,
			       "audit entry: a record kind must be 1 to %d characters",
			       AUDIT_KIND_MAX);
	for (size_t i = 0; i < n; i++) {
		char c = kind[i];
		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'))
			return cg_fail(err, CG_INVALID,
				       "audit entry: record kind '%.64s' is not a table name", kind);
	}
	return CG_OK;
}

static enum cg_status check_len(const char *what, const char *s, size_t max,
				struct cg_error *err)
{
	if (s && strnlen(s, max + 1) > max)
		return cg_fail(err, CG_LIMIT, "audit entry: %s is longer than %zu bytes",
			       what, max);
	return CG_OK;
}

/* Absent and empty optional text are one thing: NULL. */
static const char *optional(const char *s)
{
	return s && *s ? s : NULL;
}

static int ref_cmp(const void *a, const void *b)
{
	const struct cg_audit_ref *x = a, *y = b;
	int c = strcmp(x->kind, y->kind);
	if (c)
		return c;
	return (x->id > y->id) - (x->id < y->id);
}

/*
 * Copies ev's records into *out (caller frees), sorted by kind (bytewise)
 * then id, duplicates dropped: the order the records list is written in and
 * audit_record is walked in, so the two can be compared row by row.
 */
static enum cg_status sorted_refs(const struct cg_audit_event *ev,
				  struct cg_audit_ref **out, size_t *n,
				  struct cg_error *err)
{
	struct cg_audit_ref *refs;
	size_t k = 0;

	*out = NULL;
	*n = 0;
	for (size_t i = 0; i < ev->nrecords; i++) {
		enum cg_status rc = check_kind(ev->records[i].kind, err);
		if (rc)
			return rc;
	}
	if (ev->nrecords == 0)
		return CG_OK;
	refs = cg_xcalloc(ev->nrecords, sizeof(*refs));
	memcpy(refs, ev->records, ev->nrecords * sizeof(*refs));
	qsort(refs, ev->nrecords, sizeof(*refs), ref_cmp);
	for (size_t i = 0; i < ev->nrecords; i++)
		if (k == 0 || ref_cmp(&refs[k - 1], &refs[i]) != 0)
			refs[k++] = refs[i];
	*out = refs;
	*n = k;
	return CG_OK;
}

/* The records list as stored and hashed: ["kind:id","kind:id"], compact. */
static enum cg_status records_json(const struct cg_audit_ref *refs, size_t n,
				   struct cg_buf *b, struct cg_error *err)
{
	enum cg_status rc = cg_buf_addch(b, '[', err);

	for (size_t i = 0; rc == CG_OK && i < n; i++)
		rc = cg_buf_printf(b, err, "%s\"%s:%" PRId64 "\"", i ? "," : "",
				   refs[i].kind, refs[i].id);
	if (rc == CG_OK)
		rc = cg_buf_addch(b, ']', err);
	if (rc == CG_LIMIT)
		rc = cg_fail(err, CG_LIMIT, "audit entry: too many records in one entry");
	return rc;
}

static enum cg_status bind_str(struct cg_stmt *s, int idx, struct cg_str v)
{
	return v.ptr ? cg_stmt_bind_text(s, idx, v.ptr, v.len) : cg_stmt_bind_null(s, idx);
}

static enum cg_status insert_entry(struct cg_store *st, const struct audit_fields *f,
				   const char *prev, const char *hash,
				   struct cg_error *err)
{
	struct cg_stmt *s = NULL;
	bool row = false;
	enum cg_status rc = cg_store_prepare_query(st, CG_Q_AUDIT_INSERT, &s, err);
	unsigned b = 0; /* any failed bind */

	if (rc)
		return rc;
	b |= cg_stmt_bind_int64(s, 1, f->seq);
	b |= bind_str(s, 2, f->at);
	b |= f->has_user ? cg_stmt_bind_int64(s, 3, f->user_id) : cg_stmt_bind_null(s, 3);
	b |= bind_str(s, 4, f->username);
	b |= bind_str(s, 5, f->agency_code);
	b |= bind_str(s, 6, f->operation);
	b |= bind_str(s, 7, f->justification);
	b |= bind_str(s, 8, f->recipients);
	b |= bind_str(s, 9, f->records);
	b |= bind_str(s, 10, f->detail);
	b |= cg_stmt_bind_text(s, 11, prev, HASH_HEX);
	b |= cg_stmt_bind_text(s, 12, hash, HASH_HEX);
	if (b != 0)
		rc = cg_fail(err, CG_STORE, "audit log: could not bind an entry's fields");
	else
		rc = cg_stmt_step(s, &row, err);
	cg_stmt_done(s);
	return rc;
}

static enum cg_status insert_record(struct cg_store *st, int64_t seq,
				    const struct cg_audit_ref *ref, struct cg_error *err)
{
	struct cg_stmt *s = NULL;
	bool row = false;
	enum cg_status rc = cg_store_prepare_query(st, CG_Q_AUDIT_RECORD_INSERT, &s, err);
	unsigned b = 0; /* any failed bind */

	if (rc)
		return rc;
	b |= cg_stmt_bind_int64(s, 1, seq);
	b |= cg_stmt_bind_str(s, 2, ref->kind);
	b |= cg_stmt_bind_int64(s, 3, ref->id);
	if (b != 0)
		rc = cg_fail(err, CG_STORE, "audit log: could not bind a record reference");
	else
		rc = cg_stmt_step(s, &row, err);
	cg_stmt_done(s);
	return rc;
}

enum cg_status cg_audit_append_as(struct cg_store *st, int64_t user_id,
				  const char *username, const char *agency_code,
				  const char *justification,
				  const struct cg_audit_event *ev, int64_t *seq,
				  struct cg_error *err)
{
	struct cg_audit_ref *refs = NULL;
	size_t nrefs = 0;
	struct cg_buf records = CG_BUF_INIT;
	struct audit_fields f;
	char at[CG_TIMESTAMP_ISO_SIZE];
	char prev[HASH_HEX + 1], hash[HASH_HEX + 1];
	int64_t head = 0;
	bool in_tx = false;
	enum cg_status rc;

	memset(&f, 0, sizeof(f));
	CG_ASSERT(st && ev && username);
	CG_ASSERT((unsigned)ev->op < CG_AUDIT_OP_COUNT);
	CG_ASSERT(ev->records || ev->nrecords == 0);
	if (!agency_code || !*agency_code)
		agency_code = "-";
	justification = optional(justification);

	rc = ensure_sodium(err);
	if (rc == CG_OK)
		rc = check_len("username", username, AUDIT_USERNAME_MAX, err);
	if (rc == CG_OK)
		rc = check_len("agency code", agency_code, AUDIT_AGENCY_CODE_MAX, err);
	if (rc == CG_OK)
		rc = check_len("justification", justification, AUDIT_TEXT_MAX, err);
	if (rc == CG_OK)
		rc = check_len("recipients", ev->recipients, AUDIT_TEXT_MAX, err);
	if (rc == CG_OK)
		rc = check_len("detail", ev->detail, AUDIT_DETAIL_MAX, err);
	if (rc == CG_OK)
		rc = sorted_refs(ev, &refs, &nrefs, err);
	if (rc == CG_OK)
		rc = records_json(refs, nrefs, &records, err);
	if (rc == CG_OK && cg_timestamp_format_iso(cg_now(), at) != CG_OK)
		rc = cg_fail(err, CG_INTERNAL, "audit log: the clock is outside years 1 to 9999");

	/* A consultation changes no data: its entry is committed without
	 * waiting for the disk (docs/security.md, "Durability of consultation entries"), which keeps
	 * the log's cost on reads small. Everything else waits for the disk. */
	if (rc == CG_OK) {
		rc = ev->op == CG_AUDIT_CONSULTATION ? cg_store_begin_relaxed(st, err)
						      : cg_store_begin(st, err);
		in_tx = rc == CG_OK;
	}
	if (rc == CG_OK)
		rc = read_head(st, &head, prev, err);
	if (rc == CG_OK && head == INT64_MAX)
		rc = cg_fail(err, CG_LIMIT, "audit log: sequence numbers exhausted");
	if (rc == CG_OK) {
		f.seq = head + 1;
		f.at = str_of(at);
		/* user id 0 is "no user" (failed login, bootstrap): stored NULL. */
		f.has_user = user_id != 0;
		f.user_id = user_id;
		f.username = str_of(username);
		f.agency_code = str_of(agency_code);
		f.operation = str_of(cg_audit_op_name(ev->op));
		f.justification = str_of(justification);
		f.recipients = str_of(optional(ev->recipients));
		f.records.ptr = records.data;
		f.records.len = records.len;
		f.detail = str_of(optional(ev->detail));
		entry_hash(prev, &f, hash);
		rc = insert_entry(st, &f, prev, hash, err);
	}
	for (size_t i = 0; rc == CG_OK && i < nrefs; i++)
		rc = insert_record(st, f.seq, &refs[i], err);
	if (rc == CG_OK)
		rc = cg_store_commit(st, err);
	if (rc != CG_OK && in_tx)
		cg_store_rollback(st);
	if (rc == CG_OK && seq)
		*seq = f.seq;
	free(refs);
	cg_buf_release(&records);
	return rc;
}

enum cg_status cg_audit_append(struct cg_ctx *ctx, const struct cg_audit_event *ev,
			       int64_t *seq, struct cg_error *err)
{
	CG_ASSERT(ctx && ctx->store);
	return cg_audit_append_as(ctx->store, ctx->who.user_id, ctx->who.username,
				  ctx->who.agency_code, ctx->justification, ev, seq, err);
}

enum cg_status cg_audit_commit(struct cg_ctx *ctx, const struct cg_audit_event *ev,
			       enum cg_status rc, struct cg_error *err)
{
	if (rc == CG_OK)
		rc = cg_audit_append(ctx, ev, NULL, err);
	if (rc == CG_OK)
		rc = cg_store_commit(ctx->store, err);
	if (rc)
		cg_store_rollback(ctx->store);
	return rc;
}

/* ---- verifying ---- */

/* One "kind:id" of an entry's records list, pointing into its parsed JSON. */
struct parsed_ref {
	const char *kind;
	size_t kind_len;
	int64_t id;
};

typedef CG_VEC(struct parsed_ref) parsed_refs;

static int parsed_cmp(const void *a, const void *b)
{
	const struct parsed_ref *x = a, *y = b;
	size_t n = x->kind_len < y->kind_len ? x->kind_len : y->kind_len;
	int c = memcmp(x->kind, y->kind, n);
	if (c)
		return c;
	if (x->kind_len != y->kind_len)
		return x->kind_len < y->kind_len ? -1 : 1;
	return (x->id > y->id) - (x->id < y->id);
}

/* Parses "kind:id" (kind non-empty, id a decimal int64). */
static bool parse_ref(const char *s, size_t len, struct parsed_ref *out)
{
	const char *colon = memchr(s, ':', len);
	const char *num;
	char *end = NULL;
	long long id;

	if (!colon || colon == s)
		return false;
	num = colon + 1;
	if (num == s + len || !(num[0] == '-' || (num[0] >= '0' && num[0] <= '9')))
		return false;
	errno = 0;
	id = strtoll(num, &end, 10);
	if (errno || end != s + len)
		return false;
	out->kind = s;
	out->kind_len = (size_t)(colon - s);
	out->id = (int64_t)id;
	return true;
}

/*
 * Parses an entry's records list into refs (emptied first), sorted like the
 * audit_record walk. *root receives the JSON (json_decref it; refs point
 * into it). False when it is not a JSON array of "kind:id" strings.
 */
static bool parse_records(struct cg_str text, json_t **root, parsed_refs *refs)
{
	json_error_t jerr;
	size_t i;
	json_t *v;

	refs->len = 0;
	*root = text.ptr ? json_loadb(text.ptr, text.len, 0, &jerr) : NULL;
	if (!*root || !json_is_array(*root))
		return false;
	json_array_foreach(*root, i, v) {
		struct parsed_ref r;
		if (!json_is_string(v) ||
		    !parse_ref(json_string_value(v), json_string_length(v), &r))
			return false;
		cg_vec_push(refs, r);
	}
	if (refs->len > 1)
		qsort(refs->items, refs->len, sizeof(*refs->items), parsed_cmp);
	return true;
}

/* The audit_record walk, one row ahead. */
struct rec_cursor {
	struct cg_stmt *s;
	bool has;    /* a row is pending */
	int64_t seq; /* its entry */
};

static enum cg_status rec_next(struct rec_cursor *c, struct cg_error *err)
{
	enum cg_status rc = cg_stmt_step(c->s, &c->has, err);
	if (rc == CG_OK && c->has)
		c->seq = cg_stmt_int64(c->s, 0);
	else
		c->has = false;
	return rc;
}

/*
 * Compares the audit_record rows of entry `seq` (the cursor's pending rows)
 * with its records list, consuming them. *why is set to the reason when
 * they differ and left NULL when they agree.
 */
static enum cg_status check_records(struct rec_cursor *c, int64_t seq,
				    struct cg_str records, parsed_refs *refs,
				    const char **why, struct cg_error *err)
{
	json_t *root = NULL;
	size_t i = 0;
	enum cg_status rc = CG_OK;

	*why = NULL;
	if (!parse_records(records, &root, refs)) {
		*why = "its records list is not a JSON array of \"kind:id\" strings";
		goto out;
	}
	while (c->has && c->seq == seq) {
		struct parsed_ref row;
		struct cg_str kind = col_str(c->s, 1);
		if (i >= refs->len || !kind.ptr || cg_stmt_is_null(c->s, 2))
			break;
		row.kind = kind.ptr;
		row.kind_len = kind.len;
		row.id = cg_stmt_int64(c->s, 2);
		if (parsed_cmp(&row, &refs->items[i]) != 0)
			break;
		i++;
		rc = rec_next(c, err);
		if (rc)
			goto out;
	}
	if (i != refs->len || (c->has && c->seq == seq))
		*why = "its audit_record rows do not match its records list:"
		       " an audit_record row was altered, added or removed";
out:
	json_decref(root);
	return rc;
}

/* Records the first bad entry in res and err. */
static enum cg_status tampered(struct cg_audit_verify_result *res, int64_t seq,
			       struct cg_error *err, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static enum cg_status tampered(struct cg_audit_verify_result *res, int64_t seq,
			       struct cg_error *err, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(res->reason, sizeof(res->reason), fmt, ap);
	va_end(ap);
	res->first_bad = seq;
	return cg_fail(err, CG_TAMPERED, "entry %" PRId64 ": %s", seq, res->reason);
}

/* Lowercases a 64-digit hex hash into out; false when it is not one. */
static bool normalise_hash(const char *in, char out[HASH_HEX + 1])
{
	if (!in || strlen(in) != HASH_HEX)
		return false;
	for (size_t i = 0; i < HASH_HEX; i++) {
		char ch = in[i];
		if (ch >= 'A' && ch <= 'F')
			ch = (char)(ch - 'A' + 'a');
		if (!((ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'f')))
			return false;
		out[i] = ch;
	}
	out[HASH_HEX] = '\0';
	return true;
}

/* Checks one entry (the walk's current row) against the chain so far. */
static enum cg_status check_entry(struct cg_stmt *w, int64_t prev_seq,
				  char prev_hash[HASH_HEX + 1], struct rec_cursor *rec,
				  parsed_refs *refs, int64_t expect_seq,
				  const char *want, bool *bad,
				  struct cg_audit_verify_result *res, struct cg_error *err)
{
	struct audit_fields f;
	struct cg_str stored_prev, stored_hash;
	char computed[HASH_HEX + 1];
	const char *why = NULL;
	enum cg_status rc;

	f.seq = cg_stmt_int64(w, 0);
	f.at = col_str(w, 1);
	f.has_user = !cg_stmt_is_null(w, 2);
	f.user_id = f.has_user ? cg_stmt_int64(w, 2) : 0;
	f.username = col_str(w, 3);
	f.agency_code = col_str(w, 4);
	f.operation = col_str(w, 5);
	f.justification = col_str(w, 6);
	f.recipients = col_str(w, 7);
	f.records = col_str(w, 8);
	f.detail = col_str(w, 9);
	stored_prev = col_str(w, 10);
	stored_hash = col_str(w, 11);
	*bad = true;

	/* Numbering: 1, 2, 3, ... without gaps. seq is the primary key, so
	 * the walk is strictly ascending; prev_seq >= 0 keeps f.seq - prev_seq
	 * from overflowing. */
	if (f.seq <= prev_seq)
		return tampered(res, f.seq, err,
				"sequence numbers start at 1: this entry was inserted");
	if (f.seq - prev_seq > 1) {
		if (f.seq - prev_seq == 2)
			return tampered(res, f.seq, err, "entry %" PRId64 " is missing (removed)",
					prev_seq + 1);
		return tampered(res, f.seq, err,
				"entries %" PRId64 " to %" PRId64 " are missing (removed)",
				prev_seq + 1, f.seq - 1);
	}
	/* The link to the previous entry. */
	if (!str_eq(stored_prev, prev_hash)) {
		if (prev_seq == 0)
			return tampered(res, f.seq, err,
					"does not start the chain (its previous hash is not"
					" the genesis value): entries were removed, inserted"
					" or reordered");
		return tampered(res, f.seq, err,
				"does not follow entry %" PRId64 ": entries were removed,"
				" inserted or reordered", prev_seq);
	}
	/* The content. */
	entry_hash(prev_hash, &f, computed);
	if (!str_eq(stored_hash, computed))
		return tampered(res, f.seq, err,
				"was altered: its content does not match its hash");
	/* The index rows. Rows left over from before this entry name no
	 * existing entry (gaps were reported above, so only numbers below 1
	 * can remain here). */
	if (rec->has && rec->seq < f.seq)
		return tampered(res, rec->seq, err,
				"audit_record rows name this entry, which does not exist");
	rc = check_records(rec, f.seq, f.records, refs, &why, err);
	if (rc)
		return rc;
	if (why)
		return tampered(res, f.seq, err, "%s", why);
	/* The exported head, when this is its entry. */
	if (f.seq == expect_seq && strcmp(computed, want) != 0)
		return tampered(res, f.seq, err,
				"the chain was cut off or rewritten at or before entry %" PRId64
				" (its hash differs from the exported head)", f.seq);
	memcpy(prev_hash, computed, sizeof(computed));
	*bad = false;
	return CG_OK;
}

enum cg_status cg_audit_verify(struct cg_store *st, int64_t expect_seq,
			       const char *expect_hash,
			       struct cg_audit_verify_result *res, struct cg_error *err)
{
	struct cg_audit_verify_result local;
	struct rec_cursor rec = { NULL, false, 0 };
	struct cg_stmt *w = NULL;
	parsed_refs refs = CG_VEC_INIT;
	char want[HASH_HEX + 1] = "";
	char prev_hash[HASH_HEX + 1];
	int64_t head = 0, prev_seq = 0;
	bool row = false, bad = false;
	enum cg_status rc;

	if (!res)
		res = &local;
	memset(res, 0, sizeof(*res));
	if (expect_seq < 0)
		return cg_fail(err, CG_INVALID, "expected head: sequence number %" PRId64
			       " is negative", expect_seq);
	if (expect_seq > 0 && !normalise_hash(expect_hash, want))
		return cg_fail(err, CG_INVALID,
			       "expected head: the hash must be 64 hexadecimal digits");
	rc = ensure_sodium(err);
	if (rc)
		return rc;
	genesis(prev_hash);

	/*
	 * Verify up to the head as it stands now. Entries are immutable and
	 * the newest one commits together with its audit_record rows, so
	 * everything up to this head is stable while entries appended during
	 * the walk (with higher numbers) are left for the next verification.
	 */
	rc = read_head(st, &head, NULL, err);
	if (rc == CG_OK)
		rc = cg_store_prepare_query(st, CG_Q_AUDIT_WALK, &w, err);
	if (rc == CG_OK)
		rc = cg_store_prepare_query(st, CG_Q_AUDIT_RECORD_WALK, &rec.s, err);
	if (rc == CG_OK)
		cg_stmt_bind_int64(w, 1, head);
	if (rc == CG_OK)
		rc = rec_next(&rec, err);

	while (rc == CG_OK && (rc = cg_stmt_step(w, &row, err)) == CG_OK && row) {
		res->entries++;
		rc = check_entry(w, prev_seq, prev_hash, &rec, &refs, expect_seq, want,
				 &bad, res, err);
		if (bad || rc)
			break;
		prev_seq = cg_stmt_int64(w, 0);
	}

	/* audit_record rows beyond the last entry name entries that do not
	 * exist, unless they belong to entries appended since the walk began
	 * (heads only grow, so re-reading it tells them apart). */
	if (rc == CG_OK && !bad && rec.has) {
		int64_t now = 0;
		rc = read_head(st, &now, NULL, err);
		while (rc == CG_OK && rec.has && rec.seq <= now)
			rc = rec_next(&rec, err);
		if (rc == CG_OK && rec.has)
			rc = tampered(res, rec.seq, err,
				      "audit_record rows name this entry, which does not exist");
	}
	/* The exported head must be in the chain. */
	if (rc == CG_OK && expect_seq > prev_seq)
		rc = tampered(res, expect_seq, err,
			      "the chain was cut off or rewritten at or before entry %" PRId64
			      " (the log ends at entry %" PRId64 ")", expect_seq, prev_seq);

	cg_stmt_done(rec.s);
	cg_stmt_done(w);
	cg_vec_release(&refs);
	return rc;
}
