/* federate.c — `cutline federate`: one draft Apollo Federation 2 subgraph per service, from
 * what the store knows (federate_sdl.c maps the types and writes the text). Each model a
 * service owns is an entity keyed by "id", with fields from its properties; a model of
 * another service it reads or references is a stub (resolvable: false); each function or
 * class that other services import from it is a Query field, or a Mutation field when its
 * body writes a model; each write of its models by another service (a foreign write) is a
 * Mutation field listing those callers. Every type and field cites its Python source. */
#include "check_p.h"
#include "federate_p.h"
#include "inventory_p.h"
#include "store_p.h"

#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>

/* --- what is loaded ------------------------------------------------------------------------ */
struct fuse {                  /* an import of a def across the cut */
	int src, dst;              /* modules */
	char *symbol, *path;
	int line, col;             /* 1-based */
};

struct fed {
	const struct cl_config *cfg;
	struct ck_graph g;
	struct dmodels dm;
	struct fmodel *models;     /* by dmodels index */
	int *file_mod;             /* ck_graph file index -> its module (the first), or -1 */
	VEC(struct fdef) defs;
	struct smap def_at;        /* "file name" -> defs index */
	VEC(struct fuse) uses;
	VEC(struct faccess) acc;
	struct smap by_kind;       /* kind -> first dmodels index */
	struct smap by_class;      /* class name -> dmodels index, -1 when two share it */
	struct smap by_key;        /* module.Class -> dmodels index */
	struct smap class_at;      /* a class's name -> defs index, -1 when two share it */
	struct smap svc_def_at;    /* "service name" -> its one top-level def of the name, or -1 */
	size_t *file_defs;         /* ck file index -> where its defs start (they are together) */
	size_t *file_ndefs;        /* ... and how many */
	unsigned char *model_test; /* by dmodels index: defined in test code */
	const struct cl_config *main_cfg;   /* the config checked: the ledger is its */
	struct smap ledger_at;     /* coordinate -> ledger index */
	unsigned char *ledger_used;
	cJSON *json;
};

/* Test code is not served: its models, its imports and its accesses stay out. */
static int test_module(const struct fed *x, int mod)
{
	int f = mod >= 0 ? x->g.mod_file[mod] : -1;
	return f >= 0 && x->g.files[f].is_test;
}

static char *col_dup(sqlite3_stmt *q, int i)
{
	const unsigned char *t = sqlite3_column_text(q, i);
	return t ? xstrdup((const char *)t) : NULL;
}

static int load_models(struct fed *x, struct cl_store *st, struct cl_diags *d)
{
	x->models = xcalloc(x->dm.n + 1, sizeof(*x->models));
	sqlite3_stmt *q = store_prepare(st, "SELECT id, parent, props FROM models", d);
	if (!q) return CL_EINTERNAL;
	while (store_row(st, q)) {
		int64_t i = dmodels_find(&x->dm, sqlite3_column_int64(q, 0));
		if (i < 0) continue;
		x->models[i].parent = col_dup(q, 1);
		fed_props_parse(&x->models[i], (const char *)sqlite3_column_text(q, 2));
	}
	sqlite3_finalize(q);
	x->model_test = xcalloc(x->dm.n + 1, 1);
	for (size_t i = 0; i < x->dm.n; i++) {
		const struct dmodel *m = &x->dm.v[i];
		int f = m->path ? ck_file(&x->g, m->path) : -1;
		x->model_test[i] = f >= 0 && x->g.files[f].is_test;
		if (x->model_test[i]) continue;
		smap_put(&x->by_key, m->name, (int64_t)i);
		if (!smap_get(&x->by_kind, m->kind)) smap_put(&x->by_kind, m->kind, (int64_t)i);
		int64_t *c = smap_get(&x->by_class, m->cls);
		if (c) *c = -1;
		else smap_put(&x->by_class, m->cls, (int64_t)i);
	}
	return 0;
}

static void def_key(struct strbuf *sb, int file, const char *name)
{
	sb_reset(sb);
	sb_addf(sb, "%d %s", file, name);
}

/* What root_fields asks of each def, once: is it a model class (an entity already), and is
 * it the one top-level def of its name in its service (what a re-export names)? */
static void index_defs(struct fed *x, struct strbuf *key)
{
	struct smap model_at = {0};                  /* "path line" of every model class */
	for (size_t i = 0; i < x->dm.n; i++) {
		if (!x->dm.v[i].path) continue;
		sb_reset(key);
		sb_addf(key, "%s %d", x->dm.v[i].path, x->dm.v[i].line);
		smap_put(&model_at, key->buf, 1);
	}
	for (size_t i = 0; i < x->defs.n; i++) {
		struct fdef *df = &x->defs.v[i];
		sb_reset(key);
		sb_addf(key, "%s %d", x->g.files[df->file].path, df->line);
		df->is_model = smap_get(&model_at, key->buf) != NULL;
		int mod = x->file_mod[df->file], s = mod >= 0 ? x->g.svc[mod] : -1;
		if (s < 0) continue;
		sb_reset(key);
		sb_addf(key, "%d %s", s, df->name);
		int64_t *at = smap_get(&x->svc_def_at, key->buf);
		if (at) *at = -1;
		else smap_put(&x->svc_def_at, key->buf, (int64_t)i);
	}
	smap_release(&model_at);
}

static int load_defs(struct fed *x, struct cl_store *st, struct cl_diags *d)
{
	sqlite3_stmt *q = store_prepare(st, "SELECT f.path, d.kind, d.name, d.parent, d.params, "
		"d.line, d.bases, d.end_line FROM defs d JOIN files f ON f.id = d.file_id WHERE (d.parent IS NULL "
		"AND d.kind IN ('function', 'class')) OR (d.kind = 'method' AND d.name = '__init__') "
		"ORDER BY d.file_id, d.id", d);
	if (!q) return CL_EINTERNAL;
	struct strbuf key = {0};
	x->file_defs = xcalloc(x->g.nfiles + 1, sizeof(size_t));
	x->file_ndefs = xcalloc(x->g.nfiles + 1, sizeof(size_t));
	while (store_row(st, q)) {
		int file = ck_file(&x->g, (const char *)sqlite3_column_text(q, 0));
		const char *kind = (const char *)sqlite3_column_text(q, 1);
		const char *name = (const char *)sqlite3_column_text(q, 2);
		if (file < 0 || !name) continue;
		if (!strcmp(kind, "method")) {              /* __init__: its class's signature */
			const char *cls = (const char *)sqlite3_column_text(q, 3);
			def_key(&key, file, cls ? cls : "");
			int64_t *at = smap_get(&x->def_at, key.buf);
			if (at && x->defs.v[*at].is_class && !x->defs.v[*at].init_params)
				x->defs.v[*at].init_params = col_dup(q, 4);
			continue;
		}
		struct fdef df = { .file = file, .name = xstrdup(name), .params = col_dup(q, 4),
				   .bases = col_dup(q, 6), .line = sqlite3_column_int(q, 5),
				   .end_line = sqlite3_column_int(q, 7), .is_class = !strcmp(kind, "class") };
		def_key(&key, file, name);
		int64_t *at = smap_get(&x->def_at, key.buf);
		if (at) {                                   /* a later def rebinds the name */
			struct fdef *old = &x->defs.v[*at];
			free(old->name);
			free(old->params);
			free(old->bases);
			free(old->init_params);
			*old = df;
		} else {
			if (!x->file_ndefs[file]++) x->file_defs[file] = x->defs.n;
			smap_put(&x->def_at, key.buf, (int64_t)x->defs.n);
			if (df.is_class) {
				int64_t *c = smap_get(&x->class_at, name);
				if (c) *c = -1;
				else smap_put(&x->class_at, name, (int64_t)x->defs.n);
			}
			VEC_PUSH(x->defs, df);
		}
	}
	sqlite3_finalize(q);
	index_defs(x, &key);
	sb_release(&key);
	return 0;
}

/* Which defs write a model in their own body (a class: in any of its methods). */
static int load_writes(struct fed *x, struct cl_store *st, struct cl_diags *d)
{
	sqlite3_stmt *q = store_prepare(st, "SELECT DISTINCT f.path, r.function FROM data_refs r "
		"JOIN files f ON f.id = r.file_id WHERE r.op = 'write' AND r.function IS NOT NULL", d);
	if (!q) return CL_EINTERNAL;
	struct strbuf key = {0};
	while (store_row(st, q)) {
		int file = ck_file(&x->g, (const char *)sqlite3_column_text(q, 0));
		const char *fn = (const char *)sqlite3_column_text(q, 1);
		size_t top = strcspn(fn, ".");               /* Class.method: the class */
		char *name = xstrndup(fn, top);
		def_key(&key, file, name);
		int64_t *at = smap_get(&x->def_at, key.buf);
		if (at) x->defs.v[*at].writes = 1;
		free(name);
	}
	sb_release(&key);
	sqlite3_finalize(q);
	return 0;
}

static int load_uses(struct fed *x, struct cl_store *st, struct cl_diags *d)
{
	sqlite3_stmt *q = store_prepare(st, "SELECT s.name, t.name, e.symbol, f.path, e.line, e.col "
		"FROM edges e JOIN modules s ON s.id = e.src JOIN modules t ON t.id = e.dst "
		"LEFT JOIN files f ON f.id = e.file_id WHERE e.kind = 'import' AND "
		"e.symbol IS NOT NULL ORDER BY f.path, e.line, e.col", d);
	if (!q) return CL_EINTERNAL;
	while (store_row(st, q)) {
		int src = ck_module(&x->g, (const char *)sqlite3_column_text(q, 0));
		int dst = ck_module(&x->g, (const char *)sqlite3_column_text(q, 1));
		if (!fed_crosses(x, src, dst)) continue;
		struct fuse u = { src, dst, col_dup(q, 2), col_dup(q, 3), sqlite3_column_int(q, 4),
				  sqlite3_column_int(q, 5) + 1 };
		VEC_PUSH(x->uses, u);
	}
	sqlite3_finalize(q);
	return 0;
}

static int load_accesses(struct fed *x, struct cl_store *st, struct cl_diags *d)
{
	sqlite3_stmt *q = store_prepare(st, "SELECT mo.name, a.model_id, a.op, r.method, "
		"r.function, f.path, r.line, r.col, r.attrs FROM accesses a JOIN files f ON "
		"f.id = a.file_id JOIN data_refs r ON r.file_id = a.file_id AND r.ord = a.ref_ord "
		"LEFT JOIN modules mo ON mo.id = a.module_id WHERE a.model_id IS NOT NULL "
		"ORDER BY f.path, r.line, r.col", d);
	if (!q) return CL_EINTERNAL;
	while (store_row(st, q)) {
		int mod = fed_module(x, (const char *)sqlite3_column_text(q, 0));
		int64_t m = dmodels_find(&x->dm, sqlite3_column_int64(q, 1));
		if (mod < 0 || m < 0 || test_module(x, mod) || x->model_test[m]) continue;
		struct faccess a = { mod, (int)m, sqlite3_column_int(q, 6), sqlite3_column_int(q, 7) + 1,
				     col_dup(q, 2), col_dup(q, 3), col_dup(q, 4), col_dup(q, 5),
				     col_dup(q, 8) };
		VEC_PUSH(x->acc, a);
	}
	sqlite3_finalize(q);
	return 0;
}

/* --- the migration ledger ------------------------------------------------------------------ */
int fed_ledger(struct fed *x, const char *type, const char *field)
{
	char *key = xasprintf("%s.%s", type, field);
	int64_t *i = smap_get(&x->ledger_at, key);
	free(key);
	if (!i) return -1;
	x->ledger_used[*i] = 1;
	return x->main_cfg->ledger[*i].state;
}

static void ledger_open(struct fed *x, const struct cl_config *cfg)
{
	x->main_cfg = cfg;
	x->ledger_used = xcalloc(cfg->nledger + 1, 1);
	for (size_t i = 0; i < cfg->nledger; i++) smap_put(&x->ledger_at, cfg->ledger[i].field, (int64_t)i);
}

/* Entries that name no field: a field renamed, or a typo (a warning: the ledger is a
 * team's record, and the draft's names can change under it). */
static void ledger_unused(const struct fed *x, struct cl_diags *d)
{
	for (size_t i = 0; i < x->main_cfg->nledger; i++) {
		const struct cl_ledger_entry *e = &x->main_cfg->ledger[i];
		if (!x->ledger_used[i])
			cl_diag_add(d, CL_WARNING, e->file, e->line, e->col, "federation: %s names no "
				    "field of the drafted subgraphs", e->field);
	}
}

/* --- what federate_uses.c asks ----------------------------------------------------------- */
const struct cl_config *fed_config(const struct fed *x) { return x->cfg; }
int fed_module(const struct fed *x, const char *name) { return name ? ck_module(&x->g, name) : -1; }

int fed_crosses(const struct fed *x, int src, int dst)
{
	return src >= 0 && dst >= 0 && x->g.svc[src] >= 0 && x->g.svc[dst] >= 0 &&
	       x->g.svc[src] != x->g.svc[dst] && !test_module(x, src) && !test_module(x, dst);
}

int fed_add_use(struct fed *x, int src, int dst, const char *name, const char *path, int line,
		int col)
{
	struct strbuf key = {0};
	def_key(&key, x->g.mod_file[dst], name);
	int found = x->g.mod_file[dst] >= 0 && smap_get(&x->def_at, key.buf);
	sb_release(&key);
	if (!found) return 0;
	struct fuse u = { src, dst, xstrdup(name), xstrdup(path), line, col };
	VEC_PUSH(x->uses, u);
	return 1;
}

/* --- one subgraph ---------------------------------------------------------------------- */
const char *fed_service(const struct fed *x, int s)
{
	return x->cfg->b->services[s].name;
}

int fed_owner(const struct fed *x, int m)
{
	return x->dm.v[m].owner;
}

/* The def an import names: the symbol in the imported module, else the one top-level def
 * of that name in the imported module's service (a re-export from a package), else NULL. */
static struct fdef *def_of(struct fed *x, const struct fuse *u)
{
	struct strbuf key = {0};
	int file = x->g.mod_file[u->dst];
	def_key(&key, file, u->symbol);
	int64_t *at = file >= 0 ? smap_get(&x->def_at, key.buf) : NULL;
	sb_release(&key);
	if (at) return &x->defs.v[*at];
	def_key(&key, x->g.svc[u->dst], u->symbol);          /* "service name" */
	at = smap_get(&x->svc_def_at, key.buf);
	sb_release(&key);
	return at && *at >= 0 ? &x->defs.v[*at] : NULL;
}

/* Does the importing module subclass the def (a base class: a library, not an API)? */
static int subclassed(const struct fed *x, const struct fuse *u)
{
	int file = x->g.mod_file[u->src];
	size_t n = strlen(u->symbol);
	for (size_t i = 0; file >= 0 && i < x->file_ndefs[file]; i++) {
		const struct fdef *df = &x->defs.v[x->file_defs[file] + i];
		if (!df->is_class || !df->bases) continue;
		for (const char *b = df->bases; (b = strstr(b, u->symbol)); b += n)
			if ((b == df->bases || b[-1] == ' ' || b[-1] == '.') &&
			    (b[n] == 0 || b[n] == ','))
				return 1;
	}
	return 0;
}

/* The root fields of service s: its defs imported across the cut, and the foreign writes
 * of its models, grouped by what they do. */
static void root_fields(struct fed *x, int s, struct fsub *sg)
{
	for (size_t i = 0; i < x->uses.n; i++) {
		const struct fuse *u = &x->uses.v[i];
		if (x->g.svc[u->dst] != s) continue;
		struct fdef *df = def_of(x, u);
		const char *why = !strcmp(u->symbol, "*") ? "a wildcard import: what it uses is not "
			"known" : !df ? "not a function or class of the service (a module, a name, "
			"or a re-export cutline could not follow)" : df->is_model ? NULL :
			subclassed(x, u) ? "subclassed across the cut (a base class: shared code, not "
			"an API)" : NULL;
		if (df && df->is_model) continue;
		fsub_use(x, sg, df, x->g.names[u->src], u->symbol, u->path, u->line, u->col, why);
	}
	for (size_t i = 0; i < x->acc.n; i++) {
		const struct faccess *a = &x->acc.v[i];
		int w = x->g.svc[a->module];
		if (strcmp(a->op, "write") || fed_owner(x, a->model) != s || w < 0 || w == s) continue;
		fsub_foreign_write(x, sg, a->model, x->g.names[a->module], a->func, a->method,
				   a->path, a->line, a->col);
	}
}

/* The models of other services that service s reads or references. */
static void foreign_reads(struct fed *x, int s, struct fsub *sg)
{
	for (size_t i = 0; i < x->acc.n; i++) {
		const struct faccess *a = &x->acc.v[i];
		if (x->g.svc[a->module] != s || !strcmp(a->op, "write")) continue;
		int o = fed_owner(x, a->model);
		if (o == s || x->dm.v[a->model].abstract) continue;
		fsub_stub(sg, a->model, x->g.names[a->module], a->path, a->line);
	}
}

/* Every service's subgraph, its root fields named. */
static struct fsub *make_subs(struct fed *x)
{
	const struct cl_boundaries *b = x->cfg->b;
	struct fsub *subs = xcalloc(b->nservices + 1, sizeof(*subs));
	for (size_t s = 0; s < b->nservices; s++) {
		fsub_init(&subs[s], (int)s);
		for (size_t m = 0; m < x->dm.n; m++)
			if (fed_owner(x, (int)m) == (int)s && !x->dm.v[m].abstract && !x->model_test[m])
				VEC_PUSH(subs[s].entities, (int)m);
		root_fields(x, (int)s, &subs[s]);
		foreign_reads(x, (int)s, &subs[s]);
	}
	fsub_name_fields(x, subs, b->nservices);
	return subs;
}

static cJSON *inventory_json(const struct inv_service *v)
{
	cJSON *j = cJSON_CreateObject();
	cJSON_AddNumberToObject(j, "files", (double)v->files);
	cJSON_AddNumberToObject(j, "lines", (double)v->lines);
	cJSON_AddNumberToObject(j, "functions", (double)v->functions);
	cJSON_AddNumberToObject(j, "classes", (double)v->classes);
	cJSON_AddNumberToObject(j, "methods", (double)v->methods);
	cJSON *tp = cJSON_AddObjectToObject(j, "third_party");
	for (size_t i = 0; i < v->ntp; i++) cJSON_AddNumberToObject(tp, v->tp[i].name, (double)v->tp[i].count);
	cJSON *py = cJSON_AddObjectToObject(j, "python2");
	for (int k = 0; k < PY2_COUNT; k++) {
		if (!v->py2[k]) continue;
		cJSON *e = cJSON_AddObjectToObject(py, inventory_py2_key(k));
		cJSON_AddNumberToObject(e, "count", (double)v->py2[k]);
		cJSON_AddStringToObject(e, "first", v->first[k].path);
		cJSON_AddNumberToObject(e, "line", v->first[k].line);
	}
	return j;
}

/* The services least entangled first, as the report orders its port inventory. */
static int extraction_json(struct fed *x, struct cl_store *st, struct cl_diags *d)
{
	size_t k = x->cfg->b->nservices, *seq = xcalloc(k + 1, sizeof(size_t));
	double *wt = xcalloc(k + 1, sizeof(double));
	int rc = inventory_order(&x->g, &x->dm, k, st, seq, wt, d);
	cJSON *arr = cJSON_AddArrayToObject(x->json, "extraction_order");
	for (size_t i = 0; !rc && i < k; i++) {
		cJSON *e = cJSON_CreateObject();
		cJSON_AddStringToObject(e, "service", x->cfg->b->services[seq[i]].name);
		cJSON_AddNumberToObject(e, "weight", wt[i]);
		cJSON_AddItemToArray(arr, e);
	}
	free(seq);
	free(wt);
	return rc;
}

static void write_subs(struct fed *x, const struct fsub *subs, const struct inv_service *inv,
		       struct cl_federation *out)
{
	const struct cl_boundaries *b = x->cfg->b;
	out->v = xcalloc(b->nservices + 1, sizeof(*out->v));
	cJSON *arr = cJSON_AddArrayToObject(x->json, "subgraphs");
	for (size_t s = 0; s < b->nservices; s++) {
		struct cl_subgraph *o = &out->v[out->n];
		o->service = xstrdup(b->services[s].name);
		o->sdl = fsub_sdl(x, &subs[s]);
		cJSON *j = fsub_json(x, &subs[s]);
		if (inv) cJSON_AddItemToObject(j, "inventory", inventory_json(&inv[s]));
		if (o->sdl) {
			cJSON_AddStringToObject(j, "sdl", o->sdl);
			out->n++;
		} else {
			free(o->service);
			cJSON_AddStringToObject(j, "skipped", "it owns no models, serves nothing across "
						"the cut and reads no other service's models");
		}
		cJSON_AddItemToArray(arr, j);
	}
}

size_t fed_naccesses(const struct fed *x) { return x->acc.n; }
const struct faccess *fed_access(const struct fed *x, size_t i) { return &x->acc.v[i]; }
const char *fed_module_name(const struct fed *x, int mod) { return x->g.names[mod]; }
int fed_module_service(const struct fed *x, int mod) { return x->g.svc[mod]; }

const char *fed_file_path(const struct fed *x, int file)
{
	return file >= 0 ? x->g.files[file].path : NULL;
}

const char *fed_def_module(const struct fed *x, const struct fdef *df)
{
	int m = x->file_mod[df->file];
	return m >= 0 ? x->g.names[m] : "?";
}

const struct fmodel *fed_model(const struct fed *x, int m) { return &x->models[m]; }
const struct dmodel *fed_dmodel(const struct fed *x, int m) { return &x->dm.v[m]; }
size_t fed_nmodels(const struct fed *x) { return x->dm.n; }

int fed_model_of_kind(const struct fed *x, const char *kind)
{
	int64_t *i = smap_get(&x->by_kind, kind);
	return i ? (int)*i : -1;
}

int fed_model_of_class(const struct fed *x, const char *cls)
{
	int64_t *i = smap_get(&x->by_class, cls);
	return i ? (int)*i : -1;
}

int fed_model_of_key(const struct fed *x, const char *key)
{
	int64_t *i = smap_get(&x->by_key, key);
	return i ? (int)*i : -1;
}

/* The last part of the first base of the project's class named cls (a property class of
 * its own: `class _ReadOnlyStringProperty(db.StringProperty)`), or NULL. */
char *fed_class_base(const struct fed *x, const char *cls)
{
	int64_t *i = smap_get(&x->class_at, cls);
	const char *b = i && *i >= 0 ? x->defs.v[*i].bases : NULL;
	if (!b) return NULL;
	size_t n = strcspn(b, ",");
	char *first = xstrndup(b, n), *dot = strrchr(first, '.');
	char *out = xstrdup(dot ? dot + 1 : first);
	free(first);
	return out;
}

static void fed_free(struct fed *x)
{
	for (size_t i = 0; x->models && i < x->dm.n; i++) fed_model_release(&x->models[i]);
	free(x->models);
	free(x->file_mod);
	for (size_t i = 0; i < x->defs.n; i++) {
		free(x->defs.v[i].name);
		free(x->defs.v[i].params);
		free(x->defs.v[i].bases);
		free(x->defs.v[i].init_params);
	}
	VEC_FREE(x->defs);
	for (size_t i = 0; i < x->uses.n; i++) {
		free(x->uses.v[i].symbol);
		free(x->uses.v[i].path);
	}
	VEC_FREE(x->uses);
	for (size_t i = 0; i < x->acc.n; i++) {
		struct faccess *a = &x->acc.v[i];
		free(a->op);
		free(a->method);
		free(a->func);
		free(a->path);
		free(a->attrs);
	}
	VEC_FREE(x->acc);
	smap_release(&x->def_at);
	smap_release(&x->class_at);
	smap_release(&x->svc_def_at);
	free(x->file_defs);
	free(x->file_ndefs);
	smap_release(&x->ledger_at);
	free(x->ledger_used);
	free(x->model_test);
	smap_release(&x->by_kind);
	smap_release(&x->by_class);
	smap_release(&x->by_key);
	dmodels_free(&x->dm);
	ck_free(&x->g);
}

/* Composition needs a Query root in some subgraph; drafts whose cut is only models and
 * modules have none (Rietveld's, split as `init` splits it): say so, rather than hand over
 * subgraphs that do not compose without a word. */
static void no_query_warning(const struct fed *x, const struct fsub *subs,
			     const struct cl_federation *out, struct cl_diags *d)
{
	for (size_t s = 0; s < x->cfg->b->nservices; s++)
		for (size_t i = 0; i < subs[s].fields.n; i++)
			if (!subs[s].fields.v[i].mutation) return;
	if (!out->n) return;
	cl_diag_add(d, CL_WARNING, NULL, 0, 0, "federate: no subgraph has a Query field (no function "
		    "or class is imported across the cut, only models and modules), and Apollo's "
		    "composition needs one: these drafts do not compose until a service serves a query");
}

/* Loads what the subgraphs of svc's services need (the ledger is cfg's). */
static int fed_load(struct fed *x, const struct cl_config *cfg, const struct cl_config *svc,
		    struct cl_store *st, struct cl_diags *d)
{
	memset(x, 0, sizeof(*x));
	x->cfg = svc;
	ledger_open(x, cfg);
	int rc = ck_load(x->cfg, st, 1, &x->g, d);
	if (!rc) {
		x->file_mod = xmalloc((x->g.nfiles + 1) * sizeof(int));
		for (size_t i = 0; i < x->g.nfiles; i++) x->file_mod[i] = -1;
		for (size_t k = x->g.nmods; k-- > 0; )
			if (x->g.mod_file[k] >= 0) x->file_mod[x->g.mod_file[k]] = (int)k;
	}
	if (!rc) rc = dmodels_load(&x->dm, &x->g, x->cfg->b, st, d);
	if (!rc) rc = load_models(x, st, d);
	if (!rc) rc = load_defs(x, st, d);
	if (!rc) rc = load_writes(x, st, d);
	if (!rc) rc = load_uses(x, st, d);
	if (!rc) rc = fed_module_uses(x, st, d);
	if (!rc) rc = load_accesses(x, st, d);
	return rc;
}

static void subs_free(struct fed *x, struct fsub *subs)
{
	for (size_t s = 0; subs && s < x->cfg->b->nservices; s++) fsub_release(&subs[s]);
	free(subs);
}

struct fed *fed_open(const struct cl_config *cfg, struct cl_store *st, struct fsub **subs,
		     struct cl_diags *d)
{
	struct fed *x = xmalloc(sizeof(*x));
	*subs = NULL;
	if (fed_load(x, cfg, cfg, st, d)) {
		fed_free(x);
		free(x);
		return NULL;
	}
	*subs = make_subs(x);
	return x;
}

void fed_close(struct fed *x, struct fsub *subs)
{
	if (!x) return;
	subs_free(x, subs);
	fed_free(x);
	free(x);
}

static int federate_answer(const struct cl_config *cfg, struct cl_store *st,
			   const struct cl_federate_opts *o, struct cl_federation *out,
			   struct cl_diags *d)
{
	const struct cl_config *svc = o->proposal ? o->proposal : cfg;
	if (!svc->b || !svc->b->nservices) {
		cl_diag_add(d, CL_ERROR, svc->shown, 0, 0, "federate: the config declares no "
			    "[[service]]: a subgraph is a service's (declare them, or pass --proposal "
			    "FILE from `cutline propose --emit-toml`)");
		return CL_EUSAGE;
	}
	struct fed x;
	int rc = fed_load(&x, cfg, svc, st, d);
	if (!rc) {
		struct fsub *subs = make_subs(&x);
		struct inv_service *inv = NULL;
		if (o->json) rc = inventory_load(&x.g, svc->b->nservices, st, &inv, d);
		x.json = cJSON_CreateObject();
		cJSON_AddStringToObject(x.json, "federation", "https://specs.apollo.dev/federation/v2.3");
		if (o->json && !rc) rc = extraction_json(&x, st, d);
		write_subs(&x, subs, inv, out);
		inventory_free(inv, svc->b->nservices);
		ledger_unused(&x, d);
		no_query_warning(&x, subs, out, d);
		out->json = json_print(x.json);
		cJSON_Delete(x.json);
		subs_free(&x, subs);
	}
	fed_free(&x);
	return rc;
}

int cl_federate(const struct cl_config *cfg, struct cl_store *st, const struct cl_federate_opts *o,
		struct cl_federation *out, struct cl_diags *d)
{
	memset(out, 0, sizeof(*out));
	int rc = cl_store_failed(st, federate_answer(cfg, st, o, out, d), d);
	if (rc) cl_federation_release(out);
	return rc;
}

void cl_federation_release(struct cl_federation *f)
{
	for (size_t i = 0; i < f->n; i++) {
		free(f->v[i].service);
		free(f->v[i].sdl);
	}
	free(f->v);
	free(f->json);
	memset(f, 0, sizeof(*f));
}
