/* check_data.c — the single-writer rule. Each model's owner is the service whose owns = [...]
 * names it (its qualified name, class or kind; globs), else the service of the module that
 * defines it. Writes from other services are foreign-write, reads not declared in reads =
 * [...] are foreign-read; a model written by two or more services is a shared-model (writes
 * from test code do not count), one no service owns an unowned-model. Abstract models have
 * no owner and are not checked. */
#include "check_p.h"
#include "store_p.h"

#include <stdlib.h>
#include <string.h>

struct dctx {
	struct chk *c;
	struct dmodels dm;
	struct cl_diags *d;
};

static char *text(sqlite3_stmt *q, int i)
{
	const char *t = (const char *)sqlite3_column_text(q, i);
	return t ? xstrdup(t) : NULL;
}

static int model_matches(const struct cl_pat *p, const struct dmodel *m)
{
	return cl_name_match(p->text, m->name) || cl_name_match(p->text, m->cls) ||
	       cl_name_match(p->text, m->kind);
}

static int load_models(struct dmodels *dm, size_t nservices, struct cl_store *st,
		       struct cl_diags *d)
{
	sqlite3_stmt *q = store_prepare(st, "SELECT m.id, m.name, m.class, m.kind, m.abstract, "
		"mo.name, f.path, m.line, m.col, m.base FROM models m JOIN modules mo ON "
		"mo.id = m.module_id LEFT JOIN files f ON f.id = m.file_id ORDER BY m.name", d);
	if (!q) return CL_EINTERNAL;
	VEC(struct dmodel) v = {0};
	while (store_row(st, q)) {
		struct dmodel m = { sqlite3_column_int64(q, 0), text(q, 1), text(q, 2), text(q, 3),
				    text(q, 5), text(q, 6), text(q, 9), sqlite3_column_int(q, 7),
				    sqlite3_column_int(q, 8) + 1, sqlite3_column_int(q, 4), -1, 0,
				    xcalloc(nservices + 1, 1) };
		char id[24];
		snprintf(id, sizeof(id), "%lld", (long long)m.id);
		smap_put(&dm->by_id, id, (int64_t)v.n);
		VEC_PUSH(v, m);
	}
	sqlite3_finalize(q);
	dm->v = v.v;
	dm->n = v.n;
	return CL_OK;
}

/* owns = [...] first (two services naming one model is a config error), then the service
 * of the defining module. Patterns of owns and reads that name no model are errors too. */
static int assign_owners(struct dmodels *x, const struct ck_graph *g,
			 const struct cl_boundaries *b, struct cl_diags *d)
{
	const char *file = g->cfg->shown ? g->cfg->shown : "boundaries.toml";
	int rc = CL_OK;
	for (size_t s = 0; s < b->nservices; s++) {
		const struct cl_service *sv = &b->services[s];
		const struct cl_pats *lists[2] = { &sv->owns, &sv->reads };
		for (int l = 0; l < 2; l++) {
			for (size_t k = 0; k < lists[l]->n; k++) {
				const struct cl_pat *p = &lists[l]->v[k];
				size_t hits = 0;
				for (size_t i = 0; i < x->n; i++) {
					struct dmodel *m = &x->v[i];
					if (!model_matches(p, m)) continue;
					hits++;
					if (l || m->abstract) continue;
					if (m->explicit_owner && m->owner != (int)s) {
						cl_diag_add(d, CL_ERROR, file, p->line, p->col, "model %s "
							    "is owned by both %s and %s (owns)", m->name,
							    b->services[m->owner].name, sv->name);
						rc = CL_EUSAGE;
					}
					m->owner = (int)s;
					m->explicit_owner = 1;
				}
				if (!hits) {
					cl_diag_add(d, CL_ERROR, file, p->line, p->col, "%s: '%s' names "
						    "no model (models are named by module.Class, class or "
						    "kind; see `cutline models`)", l ? "reads" : "owns", p->text);
					rc = CL_EUSAGE;
				}
			}
		}
	}
	for (size_t i = 0; i < x->n; i++) {
		struct dmodel *m = &x->v[i];
		if (m->explicit_owner || m->abstract) continue;
		int mod = ck_module(g, m->module);
		m->owner = mod >= 0 ? g->svc[mod] : -1;
	}
	return rc;
}

int dmodels_load(struct dmodels *dm, const struct ck_graph *g, const struct cl_boundaries *b,
		 struct cl_store *st, struct cl_diags *d)
{
	memset(dm, 0, sizeof(*dm));
	int rc = load_models(dm, b->nservices, st, d);
	return rc ? rc : assign_owners(dm, g, b, d);
}

int64_t dmodels_find(const struct dmodels *dm, int64_t id)
{
	char key[24];
	snprintf(key, sizeof(key), "%lld", (long long)id);
	int64_t *i = smap_get(&dm->by_id, key);
	return i ? *i : -1;
}

void dmodels_free(struct dmodels *dm)
{
	for (size_t i = 0; i < dm->n; i++) {
		struct dmodel *m = &dm->v[i];
		free(m->name);
		free(m->cls);
		free(m->kind);
		free(m->module);
		free(m->path);
		free(m->base);
		free(m->writers);
	}
	free(dm->v);
	smap_release(&dm->by_id);
	memset(dm, 0, sizeof(*dm));
}

static int reads_allowed(const struct cl_service *s, const struct dmodel *m)
{
	for (size_t k = 0; k < s->reads.n; k++) if (model_matches(&s->reads.v[k], m)) return 1;
	return 0;
}

/* One access of a model by module (service sv) at path:line:col. */
static const char *basis_words(const char *basis)
{
	if (!basis) return "";
	if (!strcmp(basis, "fields")) return " (the model is inferred from the fields the code changes)";
	if (!strcmp(basis, "name")) return " (the model is inferred from the variable's name)";
	if (!strcmp(basis, "method")) return " (the model is inferred: one of its methods gives the entity)";
	if (!strcmp(basis, "member"))
		return " (the model is inferred: the class's own attribute holds it)";
	if (!strcmp(basis, "property"))
		return " (the model is inferred: a key or reference property of that name holds it)";
	return " (the model is inferred: the function the entity comes from returns one)";
}

static void access_rule(struct dctx *x, struct dmodel *m, const char *module, int sv,
			const char *op, const char *basis, const char *method, const char *func,
			const char *path, int line, int col)
{
	struct chk *c = x->c;
	int write = !strcmp(op, "write");
	int fi = ck_file(&c->g, path);
	int test = fi >= 0 && c->g.files[fi].is_test;
	if (write && sv >= 0 && !test) m->writers[sv] = 1;   /* test code shares no model */
	if (sv < 0 || m->owner < 0 || sv == m->owner || m->abstract || strcmp(op, "reference") == 0) return;
	const struct cl_service *s = &c->b->services[sv];
	if (!write && reads_allowed(s, m)) return;
	int cap = test ? c->b->ctx_sev[CL_CTX_TESTS] : CL_ERROR;
	const char *owner = c->b->services[m->owner].name;
	char *msg = xasprintf("%s %s %s (%s%s%s), a model %s owns%s", module,
			      write ? "writes" : "reads", m->name, method ? method : op,
			      func ? " in " : "", func ? func : "", owner, basis_words(basis));
	struct iv *iv = ck_add(c, write ? CL_K_FOREIGN_WRITE : CL_K_FOREIGN_READ, cap, path, line,
			       col, module, m->name, msg);
	if (!iv) return;
	iv->file = fi;
	iv->stmt_line = line;
	iv->v.from_service = xstrdup(s->name);
	iv->v.to_service = xstrdup(owner);
}

static int access_rules(struct dctx *x, struct cl_store *st)
{
	sqlite3_stmt *q = store_prepare(st, "SELECT model_id, module, op, basis, method, "
		"function, path, line, col FROM data_access WHERE model_id IS NOT NULL "
		"ORDER BY path, line, col", x->d);
	if (!q) return CL_EINTERNAL;
	while (store_row(st, q)) {
		int64_t mi = dmodels_find(&x->dm, sqlite3_column_int64(q, 0));
		const char *module = (const char *)sqlite3_column_text(q, 1);
		int mod = module ? ck_module(&x->c->g, module) : -1;
		if (mi < 0 || mod < 0) continue;
		access_rule(x, &x->dm.v[mi], module, x->c->g.svc[mod],
			    (const char *)sqlite3_column_text(q, 2), (const char *)sqlite3_column_text(q, 3),
			    (const char *)sqlite3_column_text(q, 4), (const char *)sqlite3_column_text(q, 5),
			    (const char *)sqlite3_column_text(q, 6), sqlite3_column_int(q, 7),
			    sqlite3_column_int(q, 8) + 1);
	}
	sqlite3_finalize(q);
	return CL_OK;
}

static void model_rules(struct dctx *x)
{
	struct chk *c = x->c;
	for (size_t i = 0; i < x->dm.n; i++) {
		const struct dmodel *m = &x->dm.v[i];
		if (m->abstract) continue;
		int fi = m->path ? ck_file(&c->g, m->path) : -1;
		if (m->owner < 0) {
			struct iv *iv = ck_add(c, CL_K_UNOWNED_MODEL, CL_ERROR, m->path, m->line, m->col,
					       m->name, NULL, xasprintf("model %s belongs to no service",
					       m->name));
			if (iv) iv->file = fi, iv->stmt_line = m->line;
			continue;
		}
		struct strbuf sb = {0};
		const char **names = xcalloc(c->b->nservices + 1, sizeof(char *));
		size_t n = 0;
		for (size_t s = 0; s < c->b->nservices; s++)
			if (m->writers[s]) names[n++] = c->b->services[s].name;
		sort_array(names, n, sizeof(char *), cmp_str);
		for (size_t k = 0; k < n; k++) sb_addf(&sb, "%s%s", k ? ", " : "", names[k]);
		free(names);
		if (n >= 2) {
			struct iv *iv = ck_add(c, CL_K_SHARED_MODEL, CL_ERROR, m->path, m->line, m->col,
					       m->name, NULL, xasprintf("model %s is written by %zu "
					       "services: %s", m->name, n, sb.buf));
			if (iv) {
				iv->file = fi;
				iv->stmt_line = m->line;
				iv->v.to_service = xstrdup(c->b->services[m->owner].name);
			}
		}
		sb_release(&sb);
	}
}

int check_data(struct chk *c, struct cl_store *st, struct cl_diags *d)
{
	if (!c->b->nservices) return CL_OK;
	struct dctx x = { .c = c, .d = d };
	int rc = dmodels_load(&x.dm, &c->g, c->b, st, d);
	if (!rc) rc = access_rules(&x, st);
	if (!rc) model_rules(&x);
	dmodels_free(&x.dm);
	return rc;
}
