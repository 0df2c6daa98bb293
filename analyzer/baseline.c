/* baseline.c — the baseline file that lets an old monolith adopt the gate: the current
 * violations keyed by kind, from and to (never line numbers, so edits that move code keep
 * their entries), with counts; sorted, one entry per line, written atomically.
 *   {"version": 1, "tool": "cutline", "violations": [
 *     {"kind": "private-import", "from": "a.b", "to": "c.d", "count": 2}, ... ]} */
#include "check_p.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

struct entry { char *kind, *from, *to; long count, left; int line; };
struct baseline { VEC(struct entry) e; struct smap idx; /* "kind\nfrom\nto" -> index */ };

static char *entry_key(const char *kind, const char *from, const char *to)
{
	return xasprintf("%s\n%s\n%s%s", kind, from, to ? "=" : "-", to ? to : "");
}

static struct entry *lookup(struct baseline *b, const char *kind, const char *from, const char *to)
{
	char *key = entry_key(kind, from, to);
	int64_t *i = smap_get(&b->idx, key);
	free(key);
	return i ? &b->e.v[*i] : NULL;
}

/* Adds count to the entry of that key, creating it. */
static void add_entry(struct baseline *b, const char *kind, const char *from, const char *to,
		      long count, int line)
{
	struct entry *e = lookup(b, kind, from, to);
	if (e) {
		e->count += count;
		e->left = e->count;
		return;
	}
	char *key = entry_key(kind, from, to);
	smap_put(&b->idx, key, (int64_t)b->e.n);
	free(key);
	struct entry n = { xstrdup(kind), xstrdup(from), to ? xstrdup(to) : NULL, count, count, line };
	VEC_PUSH(b->e, n);
}

static void baseline_free(struct baseline *b)
{
	smap_release(&b->idx);
	for (size_t i = 0; i < b->e.n; i++) {
		free(b->e.v[i].kind);
		free(b->e.v[i].from);
		free(b->e.v[i].to);
	}
	VEC_FREE(b->e);
}

static void line_col(const char *text, size_t off, int *line, int *col)
{
	*line = 1;
	*col = 1;
	for (size_t i = 0; i < off && text[i]; i++) {
		if (text[i] == '\n') { (*line)++; *col = 1; }
		else (*col)++;
	}
}

/* The line of each "kind" key in order, in one pass, so that errors and stale entries
 * point at their line. *out is malloc'd. */
static size_t entry_lines(const char *text, int **out)
{
	VEC(int) v = {0};
	int line = 1;
	const char *from = text;
	for (const char *p = text; (p = strstr(p, "\"kind\"")); p += 6) {
		const char *q = p + 6;
		while (*q == ' ' || *q == '\t' || *q == '\n' || *q == '\r') q++;
		if (*q != ':') continue;
		for (; from < p; from++) line += *from == '\n';
		VEC_PUSH(v, line);
	}
	*out = v.v;
	return v.n;
}

static const char *str_field(const cJSON *o, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
	return cJSON_IsString(v) ? v->valuestring : NULL;
}

static int read_entry(const cJSON *o, const char *path, int line, struct baseline *b,
		      struct cl_diags *d)
{
	const char *kind = str_field(o, "kind"), *from = str_field(o, "from");
	const cJSON *to = cJSON_GetObjectItemCaseSensitive(o, "to");
	const cJSON *count = cJSON_GetObjectItemCaseSensitive(o, "count");
	if (!cJSON_IsObject(o) || !kind || !from || !(cJSON_IsString(to) || cJSON_IsNull(to)) ||
	    !cJSON_IsNumber(count) || count->valuedouble < 1 || count->valuedouble > 1e9 ||
	    count->valuedouble != (double)(long)count->valuedouble) {
		cl_diag_add(d, CL_ERROR, path, line, 0, "a baseline entry needs \"kind\", \"from\" "
			    "and \"to\" strings (\"to\" may be null) and a positive whole \"count\"");
		return -1;
	}
	if (cl_kind_parse(kind) < 0) {
		cl_diag_add(d, CL_ERROR, path, line, 0, "unknown violation kind '%s'", kind);
		return -1;
	}
	/* two entries of one key (merged baselines) add up */
	add_entry(b, kind, from, cJSON_IsString(to) ? to->valuestring : NULL,
		  (long)count->valuedouble, line);
	return 0;
}

static int baseline_read(const char *path, struct baseline *b, struct cl_diags *d)
{
	char *text;
	size_t len;
	memset(b, 0, sizeof(*b));
	if (read_plain_file(path, &text, &len)) {
		cl_diag_add(d, CL_ERROR, path, 0, 0, "cannot read the baseline: %s",
			    plain_file_error(errno));
		return CL_EUSAGE;
	}
	const char *end = NULL;
	cJSON *doc = cJSON_ParseWithLengthOpts(text, len, &end, 0);
	int rc = CL_OK;
	if (!doc) {
		int line, col;
		line_col(text, end ? (size_t)(end - text) : 0, &line, &col);
		cl_diag_add(d, CL_ERROR, path, line, col, "not a baseline file: invalid JSON");
		rc = CL_EUSAGE;
	} else {
		const cJSON *ver = cJSON_GetObjectItemCaseSensitive(doc, "version");
		const cJSON *list = cJSON_GetObjectItemCaseSensitive(doc, "violations");
		if (!cJSON_IsNumber(ver) || ver->valueint != 1 || !cJSON_IsArray(list)) {
			cl_diag_add(d, CL_ERROR, path, 1, 1, "not a cutline baseline (version 1 with a "
				    "\"violations\" list)");
			rc = CL_EUSAGE;
		}
		int *lines;
		size_t nlines = entry_lines(text, &lines), i = 0;
		for (const cJSON *o = list ? list->child : NULL; !rc && o; o = o->next, i++)
			if (read_entry(o, path, i < nlines ? lines[i] : 0, b, d)) rc = CL_EUSAGE;
		free(lines);
	}
	cJSON_Delete(doc);
	free(text);
	if (rc) baseline_free(b);
	return rc;
}


/* path as violations name files: relative to the config's folder when inside it. */
static char *shown_path(const struct cl_check_result *r, const char *path)
{
	char *abs = realpath(path, NULL);
	const char *in = abs && r->dir ? path_inside(r->dir, abs) : NULL;
	char *out = xstrdup(in ? in : path);
	free(abs);
	return out;
}

int baseline_apply(struct cl_check_result *r, const char *path, int sev, struct cl_diags *d)
{
	struct baseline b;
	int rc = baseline_read(path, &b, d);
	if (rc) return rc;
	free(r->baseline);
	r->baseline = shown_path(r, path);
	for (size_t i = 0; i < r->n; i++) {
		struct cl_violation *v = &r->v[i];
		struct entry *e = v->from ? lookup(&b, cl_kind_name(v->kind), v->from, v->to) : NULL;
		if (e && e->left > 0) {
			e->left--;
			v->known = 1;
		}
	}
	size_t extra = 0;
	for (size_t i = 0; i < b.e.n; i++) extra += b.e.v[i].left == b.e.v[i].count;
	if (sev != CL_SEV_OFF && extra) {
		r->v = xrealloc(r->v, (r->n + extra + 1) * sizeof(*r->v));
		for (size_t i = 0; i < b.e.n; i++) {
			struct entry *e = &b.e.v[i];
			if (e->left != e->count) continue;
			struct cl_violation s = { CL_K_STALE_BASELINE, sev, shown_path(r, path), e->line, 0,
				xstrdup(e->from), e->to ? xstrdup(e->to) : NULL, NULL, NULL,
				xasprintf("baseline entry %s %s -> %s matches no violation any more; "
					  "run `cutline baseline prune`", e->kind, e->from,
					  e->to ? e->to : "(none)"), NULL, 0, 0, NULL };
			r->v[r->n++] = s;
		}
		sort_array(r->v, r->n, sizeof(*r->v), check_cmp_violation);
	}
	baseline_free(&b);
	return CL_OK;
}

/* --- writing ----------------------------------------------------------------------------------- */

static int cmp_entry(const void *pa, const void *pb)
{
	const struct entry *a = pa, *b = pb;
	int r = strcmp(a->kind, b->kind);
	if (!r) r = strcmp(a->from, b->from);
	if (!r) r = a->to && b->to ? strcmp(a->to, b->to) : (a->to ? 1 : b->to ? -1 : 0);
	return r;
}

static void json_str(struct strbuf *sb, const char *s)
{
	if (!s) {
		sb_adds(sb, "null");
		return;
	}
	char *clean = utf8_clean(s);
	cJSON *item = cJSON_CreateStringReference(clean);
	char *q = cJSON_PrintUnformatted(item);
	sb_adds(sb, q);
	cJSON_free(q);
	cJSON_Delete(item);
	free(clean);
}

static int write_entries(struct baseline *b, const char *path, struct cl_diags *d)
{
	sort_array(b->e.v, b->e.n, sizeof(struct entry), cmp_entry);
	struct strbuf sb = {0};
	sb_adds(&sb, "{\n  \"version\": 1,\n  \"tool\": \"cutline\",\n  \"violations\": [");
	for (size_t i = 0; i < b->e.n; i++) {
		struct entry *e = &b->e.v[i];
		sb_adds(&sb, i ? ",\n    {\"kind\": " : "\n    {\"kind\": ");
		json_str(&sb, e->kind);
		sb_adds(&sb, ", \"from\": ");
		json_str(&sb, e->from);
		sb_adds(&sb, ", \"to\": ");
		json_str(&sb, e->to);
		sb_addf(&sb, ", \"count\": %ld}", e->count);
	}
	sb_adds(&sb, b->e.n ? "\n  ]\n}\n" : "]\n}\n");
	int rc = CL_OK;
	if (cl_write_atomic(path, sb_str(&sb), sb.len)) {
		cl_diag_add(d, CL_ERROR, path, 0, 0, "cannot write the baseline: %s", strerror(errno));
		rc = CL_EINTERNAL;
	}
	sb_release(&sb);
	return rc;
}

/* The current counts per key: every violation that can fail a check. */
static void current(const struct cl_check_result *r, struct baseline *cur)
{
	memset(cur, 0, sizeof(*cur));
	for (size_t i = 0; i < r->n; i++) {
		const struct cl_violation *v = &r->v[i];
		if (v->severity < CL_WARNING || v->kind == CL_K_STALE_BASELINE || !v->from) continue;
		add_entry(cur, cl_kind_name(v->kind), v->from, v->to, 1, 0);
	}
}

int cl_baseline_write(const struct cl_check_result *r, const char *path, struct cl_diags *d)
{
	struct baseline cur;
	current(r, &cur);
	int rc = write_entries(&cur, path, d);
	baseline_free(&cur);
	return rc;
}

int cl_baseline_prune(const struct cl_check_result *r, const char *path, size_t *removed,
		      size_t *lowered, struct cl_diags *d)
{
	struct baseline old, cur;
	int rc = baseline_read(path, &old, d);
	if (rc) return rc;
	current(r, &cur);
	size_t kept = 0;
	*removed = *lowered = 0;
	for (size_t i = 0; i < old.e.n; i++) {
		struct entry *e = &old.e.v[i];
		struct entry *now = lookup(&cur, e->kind, e->from, e->to);
		if (now && now->count < e->count) {
			e->count = now->count;
			(*lowered)++;
		}
		if (now) {
			old.e.v[kept++] = *e;
			continue;
		}
		(*removed)++;
		free(e->kind);
		free(e->from);
		free(e->to);
	}
	old.e.n = kept;
	rc = write_entries(&old, path, d);
	baseline_free(&old);
	baseline_free(&cur);
	return rc;
}

void cl_baseline_default(const struct cl_config *cfg, char **path, int *exists)
{
	*path = cfg->baseline ? xstrdup(cfg->baseline) : path_join(cfg->dir, ".cutline-baseline.json");
	struct stat st;
	*exists = !stat(*path, &st);
}
