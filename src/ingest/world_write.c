/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * world_write.c - buffered CSV writers for the synthetic world's files
 * (ingest layer).
 *
 * A world writes millions of rows, so fields go straight into a large
 * buffer per file (no printf on the hot path) and reach the file in big
 * blocks. Quoting follows RFC 4180: a field holding a comma, a double
 * quote or a line break is enclosed in double quotes with each double
 * quote doubled; other fields are written as they are. Lines end in "\n".
 *
 * Each file is written as PATH.tmp and renamed to PATH only when every
 * file of the world is complete (world_files_finish), so an interrupted or
 * failed generation leaves the previous files as they were. An I/O error
 * is remembered in the file (the first errno) and reported when the files
 * are finished, so the generators need not check every write.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/buf.h"
#include "base/xalloc.h"
#include "ingest/world_internal.h"
#include "base/banned.h"

#define BUF_SIZE ((size_t)1 << 18)

/* Paths and header rows of the files, in enum world_file_id order. */
static const struct {
	const char *path;
	const char *header;
} file_table[WF_COUNT] = {
	[WF_NOMINALS] = { "police/nominals.csv",
		"nominal_ref,pnc_id,cro_number,surname,forenames,date_of_birth,sex,"
		"address,postcode,aliases,classification,handling_code,"
		"handling_conditions" },
	[WF_ASSOCIATIONS] = { "police/associations.csv",
		"association_ref,nominal_ref_a,nominal_ref_b,association_type,"
		"first_seen" },
	[WF_OCG_MEMBERS] = { "police/ocg_members.csv",
		"ocg_ref,ocg_name,activities,nominal_ref,role" },
	[WF_INTELLIGENCE] = { "police/intelligence.csv",
		"report_ref,report_date,source_evaluation,intelligence_assessment,"
		"handling_code,handling_conditions,classification,subjects,text" },
	[WF_PRISONERS] = { "prison/prisoners.csv",
		"NOMS_ID,LAST_NAME,FIRST_NAME,MIDDLE_NAMES,BIRTH_DATE,GENDER,"
		"PNC_NUMBER,CRO_NUMBER" },
	[WF_CONTACTS] = { "prison/contacts.csv",
		"CONTACT_ID,LAST_NAME,FIRST_NAME,BIRTH_DATE,ADDRESS,POSTCODE" },
	[WF_MOVEMENTS] = { "prison/movements.csv",
		"MOVEMENT_ID,NOMS_ID,MOVEMENT_DATE,MOVEMENT_TYPE,ESTABLISHMENT,"
		"WING,CELL" },
	[WF_VISITS] = { "prison/visits.csv",
		"VISIT_ID,NOMS_ID,CONTACT_ID,VISIT_DATE,ESTABLISHMENT,RELATIONSHIP" },
	[WF_CALLS] = { "prison/calls.csv",
		"CALL_ID,NOMS_ID,CALL_DATE,DIALLED_NUMBER,DURATION_SECONDS" },
	[WF_ESTABLISHMENTS] = { "prison/establishments.csv",
		"ESTABLISHMENT,NAME,WINGS" },
	[WF_OFFENDERS] = { "probation/offenders.csv",
		"CRN,Forename,Second Name,Surname,Date of Birth,Gender,PNC Number,"
		"NOMS Number,Address Line 1,Town,Postcode,Previous Postcode" },
	[WF_SUPERVISION] = { "probation/supervision.csv",
		"EVENT_ID,CRN,Start Date,End Date,Type,Office" },
	[WF_T_RECORDS] = { "truth/records.csv",
		"source_agency,source_record_id,true_person_id" },
	[WF_T_PEOPLE] = { "truth/people.csv",
		"true_person_id,forenames,surname,sex,dob,postcode,ocg_id,role" },
	[WF_T_OCGS] = { "truth/ocgs.csv", "ocg_id,name,activities,rivals,allies" },
	[WF_T_LINKS] = { "truth/links.csv", "person_a,person_b,type,first_seen" },
	[WF_T_PATTERNS] = { "truth/patterns.csv", "pattern,detail" },
	[WF_T_NOISE] = { "truth/noise.csv", "source_agency,source_record_id,noise" },
	[WF_T_PHONES] = { "truth/phones.csv", "number,true_person_id,kind" },
};

static const char *const subdirs[] = { "police", "prison", "probation", "truth" };

/* Writes out the buffer; remembers the first error. */
static void flush(struct world_file *w)
{
	if (w->len && !w->error && w->f &&
	    fwrite(w->buf, 1, w->len, w->f) != w->len)
		w->error = errno ? errno : EIO;
	w->bytes += w->len;
	w->len = 0;
}

/* Makes room for `need` more bytes. */
static inline char *reserve(struct world_file *w, size_t need)
{
	if (w->len + need > BUF_SIZE)
		flush(w);
	CG_ASSERT(need <= BUF_SIZE);
	return w->buf + w->len;
}

/* Creates a directory, or accepts an existing one; CG_IO otherwise. */
static enum cg_status make_dir(const char *path, struct cg_error *err)
{
	struct stat st;
	if (mkdir(path, 0777) == 0)
		return CG_OK;
	if (errno == EEXIST && stat(path, &st) == 0 && S_ISDIR(st.st_mode))
		return CG_OK;
	return cg_fail(err, CG_IO, "cannot create directory %s: %s", path,
		       strerror(errno == EEXIST ? ENOTDIR : errno));
}

/*
 * Creates `dir` and its police/, prison/, probation/ and truth/
 * subdirectories, and opens every file as PATH.tmp with its header row.
 * On failure the files opened so far stay open; world_files_finish(w,
 * false) closes and removes them.
 */
enum cg_status world_files_open(struct world *w, const char *dir,
				struct cg_error *err)
{
	struct cg_buf path = CG_BUF_INIT;
	enum cg_status rc = make_dir(dir, err);

	for (size_t i = 0; rc == CG_OK && i < sizeof(subdirs) / sizeof(subdirs[0]); i++) {
		cg_buf_reset(&path);
		cg_buf_printf(&path, NULL, "%s/%s", dir, subdirs[i]);
		rc = make_dir(path.data, err);
	}
	for (int i = 0; rc == CG_OK && i < WF_COUNT; i++) {
		struct world_file *f = &w->files[i];
		f->path = file_table[i].path;
		f->header = file_table[i].header;
		cg_buf_reset(&path);
		cg_buf_printf(&path, NULL, "%s/%s", dir, f->path);
		f->final_path = cg_xstrdup(path.data);
		cg_buf_addstr(&path, ".tmp", NULL);
		f->tmp_path = cg_xstrdup(path.data);
		f->f = fopen(f->tmp_path, "wb");
		if (!f->f) {
			rc = cg_fail(err, CG_IO, "cannot create %s: %s", f->tmp_path,
				     strerror(errno));
			break;
		}
		f->buf = cg_xmalloc(BUF_SIZE);
		memcpy(reserve(f, strlen(f->header) + 1), f->header, strlen(f->header));
		f->len += strlen(f->header);
		f->buf[f->len++] = '\n';
	}
	cg_buf_release(&path);
	return rc;
}

/*
 * Flushes and closes every file. With `commit` and no error, renames each
 * PATH.tmp to PATH; otherwise removes the temporary files. Errors: CG_IO
 * naming the first file that failed and why.
 */
enum cg_status world_files_finish(struct world *w, bool commit,
				  struct cg_error *err)
{
	enum cg_status rc = CG_OK;

	for (int i = 0; i < WF_COUNT; i++) {
		struct world_file *f = &w->files[i];
		if (!f->f)
			continue;
		flush(f);
		if (fclose(f->f) != 0 && !f->error)
			f->error = errno ? errno : EIO;
		f->f = NULL;
		if (f->error && rc == CG_OK)
			rc = cg_fail(err, CG_IO, "cannot write %s: %s", f->tmp_path,
				     strerror(f->error));
	}
	for (int i = 0; i < WF_COUNT; i++) {
		struct world_file *f = &w->files[i];
		if (f->tmp_path) {
			if (commit && rc == CG_OK) {
				if (rename(f->tmp_path, f->final_path) != 0)
					rc = cg_fail(err, CG_IO, "cannot rename %s: %s",
						     f->tmp_path, strerror(errno));
			} else {
				unlink(f->tmp_path);
			}
		}
	}
	for (int i = 0; i < WF_COUNT; i++) {
		struct world_file *f = &w->files[i];
		free(f->buf);
		free(f->tmp_path);
		free(f->final_path);
		f->buf = f->tmp_path = f->final_path = NULL;
	}
	return rc;
}

/* ---- strings ---- */

void ws_reset(struct world_str *s)
{
	s->n = 0;
	s->b[0] = '\0';
}

/* Appends n bytes; silently cut at WORLD_STR_MAX - 1 (the generators'
 * strings are far shorter). */
void ws_addn(struct world_str *s, const char *t, size_t n)
{
	if (n > WORLD_STR_MAX - 1 - s->n)
		n = WORLD_STR_MAX - 1 - s->n;
	memcpy(s->b + s->n, t, n);
	s->n += n;
	s->b[s->n] = '\0';
}

void ws_add(struct world_str *s, const char *t)
{
	ws_addn(s, t, strlen(t));
}

void ws_addc(struct world_str *s, char c)
{
	ws_addn(s, &c, 1);
}

void ws_upper(struct world_str *s, const char *t)
{
	size_t start = s->n;
	ws_add(s, t);
	for (size_t i = start; i < s->n; i++)
		if (s->b[i] >= 'a' && s->b[i] <= 'z')
			s->b[i] = (char)(s->b[i] - 'a' + 'A');
}

/* Decimal digits of v, zero-padded to at least `width`. */
void ws_uint(struct world_str *s, uint64_t v, int width)
{
	char tmp[24];
	int n = 0;
	do {
		tmp[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	while (n < width && n < (int)sizeof(tmp))
		tmp[n++] = '0';
	while (n > 0)
		ws_addc(s, tmp[--n]);
}

static const char months[12][4] = { "JAN", "FEB", "MAR", "APR", "MAY", "JUN",
				    "JUL", "AUG", "SEP", "OCT", "NOV", "DEC" };

/* A day in one of the exports' layouts: "YYYY-MM-DD", "DD/MM/YYYY" or
 * "DD-MON-YYYY". */
void ws_date(struct world_str *s, int32_t day, enum world_date_style style)
{
	struct cg_date d = cg_date_from_days(day);
	switch (style) {
	case DATE_ISO:
		ws_uint(s, (uint64_t)d.year, 4);
		ws_addc(s, '-');
		ws_uint(s, (uint64_t)d.month, 2);
		ws_addc(s, '-');
		ws_uint(s, (uint64_t)d.day, 2);
		break;
	case DATE_DMY:
		ws_uint(s, (uint64_t)d.day, 2);
		ws_addc(s, '/');
		ws_uint(s, (uint64_t)d.month, 2);
		ws_addc(s, '/');
		ws_uint(s, (uint64_t)d.year, 4);
		break;
	case DATE_DMON:
		ws_uint(s, (uint64_t)d.day, 2);
		ws_addc(s, '-');
		ws_add(s, months[d.month - 1]);
		ws_addc(s, '-');
		ws_uint(s, (uint64_t)d.year, 4);
		break;
	}
}

/* ---- fields ---- */

void wf_fieldn(struct world_file *w, const char *s, size_t n)
{
	bool quote = false;
	char *p;

	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (c == ',' || c == '"' || c == '\n' || c == '\r') {
			quote = true;
			break;
		}
	}
	p = reserve(w, 2 * n + 3);
	if (w->nfields++)
		*p++ = ',';
	if (!quote) {
		memcpy(p, s, n);
		p += n;
	} else {
		*p++ = '"';
		for (size_t i = 0; i < n; i++) {
			if (s[i] == '"')
				*p++ = '"';
			*p++ = s[i];
		}
		*p++ = '"';
	}
	w->len = (size_t)(p - w->buf);
}

void wf_field(struct world_file *w, const char *s)
{
	wf_fieldn(w, s, strlen(s));
}

void wf_ws(struct world_file *w, const struct world_str *s)
{
	wf_fieldn(w, s->b, s->n);
}

void wf_empty(struct world_file *w)
{
	wf_fieldn(w, "", 0);
}

void wf_uint(struct world_file *w, uint64_t v)
{
	struct world_str s;
	ws_reset(&s);
	ws_uint(&s, v, 1);
	wf_ws(w, &s);
}

void wf_ref(struct world_file *w, const char *prefix, uint64_t v, int width)
{
	struct world_str s;
	ws_reset(&s);
	ws_add(&s, prefix);
	ws_uint(&s, v, width);
	wf_ws(w, &s);
}

void wf_date(struct world_file *w, int32_t day, enum world_date_style style)
{
	struct world_str s;
	ws_reset(&s);
	ws_date(&s, day, style);
	wf_ws(w, &s);
}

void wf_end(struct world_file *w)
{
	char *p = reserve(w, 1);
	*p = '\n';
	w->len++;
	w->rows++;
	w->nfields = 0;
}
