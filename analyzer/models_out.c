/* models_out.c — `cutline models`: each model with its kind, defining module and owner, and
 * the services and modules that write, read and reference it, with counts (a table or
 * JSON); then the writes whose model is unknown, each with its place. */
#include "check_p.h"
#include "store_p.h"

#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>

static const char *const ops[] = { "write", "read", "reference" };
enum { NOPS = 3 };

struct use { int64_t model; int op, svc; char *module; int count, inferred; };
struct unknown { char *module, *path, *method, *func; int line, col; };

struct mctx {
	const struct cl_config *cfg;
	struct ck_graph g;
	struct dmodels dm;
	VEC(struct use) uses;          /* by model, op, service name, module */
	VEC(struct unknown) unknown;
	int only;                      /* --service: its index, else -1 */
};

static int op_index(const char *op)
{
	for (int i = 0; i < NOPS; i++) if (!strcmp(op, ops[i])) return i;
	return -1;
}

static const char *svc_of(const struct mctx *x, int s)
{
	return s >= 0 ? x->cfg->b->services[s].name : NULL;
}

static int cmp_use(const void *pa, const void *pb, void *arg)
{
	const struct use *a = pa, *b = pb;
	const struct mctx *x = arg;
	if (a->model != b->model) return a->model < b->model ? -1 : 1;
	if (a->op != b->op) return a->op - b->op;
	if (a->svc != b->svc) {                /* no service last */
		if (a->svc < 0 || b->svc < 0) return a->svc < 0 ? 1 : -1;
		int c = strcmp(svc_of(x, a->svc), svc_of(x, b->svc));
		if (c) return c;
	}
	return strcmp(a->module, b->module);
}

static int load_uses(struct mctx *x, struct cl_store *st, struct cl_diags *d)
{
	sqlite3_stmt *q = store_prepare(st, "SELECT a.model_id, mo.name, a.op, count(*), "
		"sum(a.confidence = 'inferred') FROM accesses a JOIN modules mo ON mo.id = a.module_id "
		"WHERE a.model_id IS NOT NULL GROUP BY 1, 2, 3", d);
	if (!q) return CL_EINTERNAL;
	while (store_row(st, q)) {
		int64_t mi = dmodels_find(&x->dm, sqlite3_column_int64(q, 0));
		const char *module = (const char *)sqlite3_column_text(q, 1);
		int op = op_index((const char *)sqlite3_column_text(q, 2));
		if (mi < 0 || op < 0 || !module) continue;
		int m = ck_module(&x->g, module);
		struct use u = { mi, op, m >= 0 ? x->g.svc[m] : -1, xstrdup(module),
				 sqlite3_column_int(q, 3), sqlite3_column_int(q, 4) };
		VEC_PUSH(x->uses, u);
	}
	sqlite3_finalize(q);
	if (x->uses.n) qsort_r(x->uses.v, x->uses.n, sizeof(struct use), cmp_use, x);
	q = store_prepare(st, "SELECT module, path, line, col, method, function FROM data_access "
		"WHERE model_id IS NULL AND confidence = 'unknown' ORDER BY path, line, col", d);
	if (!q) return CL_EINTERNAL;
	while (store_row(st, q)) {
		const char *t[6];
		for (int i = 0; i < 6; i++) t[i] = (const char *)sqlite3_column_text(q, i);
		int m = t[0] ? ck_module(&x->g, t[0]) : -1;
		if (x->only >= 0 && (m < 0 || x->g.svc[m] != x->only)) continue;
		struct unknown u = { xstrdup(t[0] ? t[0] : ""), xstrdup(t[1] ? t[1] : ""),
				     t[4] ? xstrdup(t[4]) : NULL, t[5] ? xstrdup(t[5]) : NULL,
				     sqlite3_column_int(q, 2), sqlite3_column_int(q, 3) + 1 };
		VEC_PUSH(x->unknown, u);
	}
	sqlite3_finalize(q);
	return CL_OK;
}

/* The uses of model i: [*first, *first + n). */
static size_t uses_of(const struct mctx *x, int64_t i, size_t *first)
{
	size_t lo = lower_bound_array(&i, x->uses.v, x->uses.n, sizeof(struct use), cmp_i64_first);
	*first = lo;
	size_t n = 0;
	while (lo + n < x->uses.n && x->uses.v[lo + n].model == i) n++;
	return n;
}

/* --service S: the models S owns or touches. */
static int shown(const struct mctx *x, int64_t i)
{
	if (x->only < 0 || x->dm.v[i].owner == x->only) return 1;
	size_t first, n = uses_of(x, i, &first);
	for (size_t k = first; k < first + n; k++) if (x->uses.v[k].svc == x->only) return 1;
	return 0;
}

/* --- text ------------------------------------------------------------------------------------ */
static void text_model(const struct mctx *x, int64_t i, FILE *out)
{
	const struct dmodel *m = &x->dm.v[i];
	fprint_escaped(out, "%s  kind %s  %s%s  defined in %s (%s:%d)\n", m->name, m->kind,
		m->abstract ? "abstract" : "owner ", m->abstract ? "" : m->owner >= 0 ?
		svc_of(x, m->owner) : "(none)", m->module, m->path ? m->path : "?", m->line);
	size_t first, n = uses_of(x, i, &first);
	for (size_t k = first; k < first + n; ) {
		const struct use *u = &x->uses.v[k];
		size_t end = k, total = 0, inferred = 0;
		for (; end < first + n && x->uses.v[end].op == u->op && x->uses.v[end].svc == u->svc; end++) {
			total += (size_t)x->uses.v[end].count;
			inferred += (size_t)x->uses.v[end].inferred;
		}
		fprint_escaped(out, "  %-10s %s %zu", k == first || x->uses.v[k - 1].op != u->op ? ops[u->op] : "",
			u->svc >= 0 ? svc_of(x, u->svc) : "(no service)", total);
		if (inferred) fprint_escaped(out, " (%zu inferred)", inferred);
		fputc(':', out);
		for (size_t j = k; j < end; j++)
			fprint_escaped(out, "%s %s %d", j > k ? "," : "", x->uses.v[j].module, x->uses.v[j].count);
		fputc('\n', out);
		k = end;
	}
}

/* The text lists this many writes of an unknown model, then says how many more (--all). */
enum { UNKNOWN_SHOWN = 20 };

static void write_text(const struct mctx *x, int all, FILE *out)
{
	size_t models = 0, abstract = 0;
	for (size_t i = 0; i < x->dm.n; i++) {
		if (!shown(x, (int64_t)i)) continue;
		if (models) fputc('\n', out);
		text_model(x, (int64_t)i, out);
		models++;
		abstract += x->dm.v[i].abstract;
	}
	if (models) fputc('\n', out);
	fprint_escaped(out, "%zu %s (%zu abstract); %zu %s of an unknown model%s\n",
		models, models == 1 ? "model" : "models", abstract, x->unknown.n,
		x->unknown.n == 1 ? "write" : "writes", x->unknown.n ? ":" : "");
	size_t shown_n = all || x->unknown.n <= UNKNOWN_SHOWN ? x->unknown.n : UNKNOWN_SHOWN;
	for (size_t k = 0; k < shown_n; k++) {
		const struct unknown *u = &x->unknown.v[k];
		fprint_escaped(out, "  %s:%d:%d  %s%s%s\n", u->path, u->line, u->col, u->method ? u->method : "write",
			u->func ? " in " : "", u->func ? u->func : "");
	}
	if (shown_n < x->unknown.n)
		fprint_escaped(out, "  ... and %zu more (--all lists them)\n", x->unknown.n - shown_n);
}

/* --- JSON ------------------------------------------------------------------------------------ */
static cJSON *json_model(const struct mctx *x, int64_t i)
{
	const struct dmodel *m = &x->dm.v[i];
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "name", m->name);
	cJSON_AddStringToObject(o, "class", m->cls);
	cJSON_AddStringToObject(o, "kind", m->kind);
	cJSON_AddStringToObject(o, "module", m->module);
	if (m->path) cJSON_AddStringToObject(o, "path", m->path);
	else cJSON_AddNullToObject(o, "path");
	cJSON_AddNumberToObject(o, "line", m->line);
	cJSON_AddBoolToObject(o, "abstract", m->abstract);
	cJSON_AddStringToObject(o, "base", m->base ? m->base : "");
	if (m->owner >= 0) cJSON_AddStringToObject(o, "owner", svc_of(x, m->owner));
	else cJSON_AddNullToObject(o, "owner");
	size_t first, n = uses_of(x, i, &first);
	for (int op = 0; op < NOPS; op++) {
		cJSON *oo = cJSON_AddObjectToObject(o, op == 0 ? "writes" : op == 1 ? "reads" : "references");
		cJSON *svcs = cJSON_AddArrayToObject(oo, "services");
		int total = 0;
		for (size_t k = first; k < first + n; ) {
			const struct use *u = &x->uses.v[k];
			size_t end = k;
			while (end < first + n && x->uses.v[end].op == u->op && x->uses.v[end].svc == u->svc) end++;
			if (u->op != op) {
				k = end;
				continue;
			}
			cJSON *so = cJSON_CreateObject();
			if (u->svc >= 0) cJSON_AddStringToObject(so, "service", svc_of(x, u->svc));
			else cJSON_AddNullToObject(so, "service");
			cJSON *mods = cJSON_AddArrayToObject(so, "modules");
			int count = 0, inferred = 0;
			for (size_t j = k; j < end; j++) {
				cJSON *mo = cJSON_CreateObject();
				cJSON_AddStringToObject(mo, "module", x->uses.v[j].module);
				cJSON_AddNumberToObject(mo, "count", x->uses.v[j].count);
				cJSON_AddNumberToObject(mo, "inferred", x->uses.v[j].inferred);
				cJSON_AddItemToArray(mods, mo);
				count += x->uses.v[j].count;
				inferred += x->uses.v[j].inferred;
			}
			cJSON_AddNumberToObject(so, "count", count);
			cJSON_AddNumberToObject(so, "inferred", inferred);
			cJSON_AddItemToArray(svcs, so);
			total += count;
			k = end;
		}
		cJSON_AddNumberToObject(oo, "count", total);
	}
	return o;
}

static void write_json(const struct mctx *x, FILE *out)
{
	cJSON *root = cJSON_CreateObject();
	cJSON *models = cJSON_AddArrayToObject(root, "models");
	for (size_t i = 0; i < x->dm.n; i++)
		if (shown(x, (int64_t)i)) cJSON_AddItemToArray(models, json_model(x, (int64_t)i));
	cJSON *unk = cJSON_AddArrayToObject(root, "unknown_writes");
	for (size_t k = 0; k < x->unknown.n; k++) {
		const struct unknown *u = &x->unknown.v[k];
		cJSON *o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "module", u->module);
		cJSON_AddStringToObject(o, "path", u->path);
		cJSON_AddNumberToObject(o, "line", u->line);
		cJSON_AddNumberToObject(o, "col", u->col);
		if (u->method) cJSON_AddStringToObject(o, "method", u->method);
		if (u->func) cJSON_AddStringToObject(o, "function", u->func);
		else cJSON_AddNullToObject(o, "function");
		cJSON_AddItemToArray(unk, o);
	}
	char *s = json_print(root);
	fprintf(out, "%s\n", s);
	free(s);
	cJSON_Delete(root);
}

static int models_write_answer(const struct cl_config *cfg, struct cl_store *st,
		    const struct cl_models_opts *o, FILE *out, struct cl_diags *d)
{
	struct mctx x = { .cfg = cfg, .only = -1 };
	int rc = ck_load(cfg, st, 1, &x.g, d);
	if (!rc && o->service) {
		const struct cl_boundaries *b = cfg->b;
		size_t s = 0;
		while (s < b->nservices && strcmp(b->services[s].name, o->service)) s++;
		if (s == b->nservices) {
			cl_diag_add(d, CL_ERROR, NULL, 0, 0, "--service: no service named '%s'%s",
				    o->service, b->nservices ? "" : " (boundaries.toml declares none)");
			rc = CL_EUSAGE;
		}
		x.only = (int)s;
	}
	if (!rc) rc = dmodels_load(&x.dm, &x.g, cfg->b, st, d);
	if (!rc) rc = load_uses(&x, st, d);
	if (!rc && o->json) write_json(&x, out);
	else if (!rc) write_text(&x, o->all, out);
	for (size_t k = 0; k < x.uses.n; k++) free(x.uses.v[k].module);
	VEC_FREE(x.uses);
	for (size_t k = 0; k < x.unknown.n; k++) {
		struct unknown *u = &x.unknown.v[k];
		free(u->module);
		free(u->path);
		free(u->method);
		free(u->func);
	}
	VEC_FREE(x.unknown);
	dmodels_free(&x.dm);
	ck_free(&x.g);
	return rc;
}

/* A damaged store gives no answer: a read that failed turns the result into CL_EINTERNAL. */
int cl_models_write(const struct cl_config *cfg, struct cl_store *st,
		    const struct cl_models_opts *o, FILE *out, struct cl_diags *d)
{
	return cl_store_failed(st, models_write_answer(cfg, st, o, out, d), d);
}
