/* check.c — `cutline check`: the stored graph against boundaries.toml. Loads the graph
 * (check_p.h), finds every violation kind, applies [[ignore]] entries, inline suppressions
 * and the baseline, and returns the violations sorted by place, so output is deterministic.
 * Cycles come from igraph (digraph.c); each is reported once, with its shortest chain. */
#include "check_p.h"
#include "digraph_p.h"
#include "discover_p.h"
#include "glob_p.h"
#include "store_p.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* --- loading ----------------------------------------------------------------------------- */

int ck_module(const struct ck_graph *g, const char *name)
{
	char **at = search_array(&name, g->names, g->nmods, sizeof(char *), cmp_str);
	return at ? (int)(at - g->names) : -1;
}

const char *ck_context(const struct ck_edge *e) { return cl_category_name(e->cat); }


/* An array from the table's row ids to positions (-1: none). NULL when the ids are not
 * what a scan makes (a store someone else wrote: ids far beyond the row count). */
static int *id_map(struct cl_store *st, const char *table, size_t *n)
{
	char sql[64];
	snprintf(sql, sizeof(sql), "SELECT max(id), count(*) FROM %s", table);
	sqlite3_stmt *q = store_prepare(st, sql, NULL);
	sqlite3_int64 max = 0, rows = 0;
	if (store_row(st, q)) {
		max = sqlite3_column_int64(q, 0);
		rows = sqlite3_column_int64(q, 1);
	}
	sqlite3_finalize(q);
	if (max < 0 || max > 4 * rows + (1 << 20)) return NULL;
	*n = (size_t)max + 1;
	int *m = xmalloc(*n * sizeof(int));
	for (size_t i = 0; i < *n; i++) m[i] = -1;
	return m;
}

static const char *col_text(sqlite3_stmt *q, int i)
{
	return (const char *)sqlite3_column_text(q, i);
}

static const char *col_str(sqlite3_stmt *q, int i)    /* "" for NULL */
{
	const char *t = col_text(q, i);
	return t ? t : "";
}

static int corrupt(struct cl_store *st, const char *table, struct cl_diags *d)
{
	cl_diag_add(d, CL_ERROR, st->path, 0, 0, "the store is corrupt (%s: row ids out "
		    "of range); delete it and run `cutline scan`", table);
	return -1;
}

static int load_files(struct ck_graph *g, struct cl_store *st, int **map, size_t *nmap,
		      struct cl_diags *d)
{
	*map = id_map(st, "files", nmap);
	if (!*map) return corrupt(st, "files", d);
	sqlite3_stmt *q = store_prepare(st, "SELECT id, path, parse_errors, error_line, error_col, "
					"read_error FROM files ORDER BY path", d);
	if (!q) return -1;
	VEC(struct ck_file) v = {0};
	while (store_row(st, q)) {
		sqlite3_int64 id = sqlite3_column_int64(q, 0);
		struct ck_file f = { xstrdup(col_str(q, 1)), 0, sqlite3_column_int(q, 2),
				     sqlite3_column_int(q, 3), sqlite3_column_int(q, 4), NULL };
		if (col_text(q, 5)) f.read_error = xstrdup(col_str(q, 5));
		f.is_test = cl_config_is_test(g->cfg, f.path);
		if (id >= 0 && (size_t)id < *nmap) (*map)[id] = (int)v.n;
		VEC_PUSH(v, f);
	}
	sqlite3_finalize(q);
	g->files = v.v;
	g->nfiles = v.n;
	return 0;
}

static int load_modules(struct ck_graph *g, struct cl_store *st, const int *fmap, size_t nfmap,
			int **map, size_t *nmap, struct cl_diags *d)
{
	*map = id_map(st, "modules", nmap);
	if (!*map) return corrupt(st, "modules", d);
	sqlite3_stmt *q = store_prepare(st, "SELECT id, name, file_id FROM modules ORDER BY name", d);
	if (!q) return -1;
	VEC(char *) names = {0};
	VEC(int) files = {0};
	while (store_row(st, q)) {
		sqlite3_int64 id = sqlite3_column_int64(q, 0), fid = sqlite3_column_int64(q, 2);
		int f = sqlite3_column_type(q, 2) != SQLITE_NULL && fid >= 0 && (size_t)fid < nfmap ?
			fmap[fid] : -1;
		if (id >= 0 && (size_t)id < *nmap) (*map)[id] = (int)names.n;
		VEC_PUSH(names, xstrdup(col_str(q, 1)));
		VEC_PUSH(files, f);
	}
	sqlite3_finalize(q);
	g->names = names.v;
	g->nmods = names.n;
	g->mod_file = files.v;
	g->svc = xmalloc((g->nmods + 1) * sizeof(int));
	for (size_t i = 0; i < g->nmods; i++) g->svc[i] = -1;
	return 0;
}

static int edge_cap(const struct cl_boundaries *b, int cat, int is_test)
{
	static const int ctx_of[CL_CAT_COUNT] = { -1, CL_CTX_LATE, -1, -1, CL_CTX_TYPE,
		CL_CTX_DYNAMIC, CL_CTX_PARENT, CL_CTX_STRING };
	int cap = CL_ERROR;
	if (ctx_of[cat] >= 0 && b->ctx_sev[ctx_of[cat]] < cap) cap = b->ctx_sev[ctx_of[cat]];
	if (is_test && b->ctx_sev[CL_CTX_TESTS] < cap) cap = b->ctx_sev[CL_CTX_TESTS];
	return cap;
}

static int cmp_edge(const void *a, const void *b)
{
	const struct ck_edge *x = a, *y = b;
	if (x->file != y->file) return x->file < y->file ? -1 : 1;
	if (x->line != y->line) return x->line < y->line ? -1 : 1;
	if (x->col != y->col) return x->col < y->col ? -1 : 1;
	if (x->src != y->src) return x->src < y->src ? -1 : 1;
	return x->dst < y->dst ? -1 : x->dst > y->dst;
}

static int load_edges(struct ck_graph *g, struct cl_store *st, const int *fmap, size_t nfmap,
		      const int *mmap, size_t nmmap, struct cl_diags *d)
{
	sqlite3_stmt *q = store_prepare(st, "SELECT e.src, e.dst, e.category, e.file_id, e.line, "
		"e.col, i.stmt_line FROM edges e LEFT JOIN imports i ON i.id = e.import_id "
		"WHERE e.dst IS NOT NULL AND e.dst <> e.src", d);
	if (!q) return -1;
	while (store_row(st, q)) {
		sqlite3_int64 s = sqlite3_column_int64(q, 0), t = sqlite3_column_int64(q, 1);
		sqlite3_int64 f = sqlite3_column_int64(q, 3);
		if (s < 0 || t < 0 || (size_t)s >= nmmap || (size_t)t >= nmmap) continue;
		struct ck_edge e = { mmap[s], mmap[t], cl_category_parse(col_text(q, 2)),
			f >= 0 && (size_t)f < nfmap ? fmap[f] : -1, sqlite3_column_int(q, 4),
			sqlite3_column_int(q, 5) + 1, sqlite3_column_int(q, 6), 0 };
		if (e.src < 0 || e.dst < 0 || e.cat < 0) continue;
		e.cap = edge_cap(g->cfg->b, e.cat, e.file >= 0 && g->files[e.file].is_test);
		VEC_PUSH(g->edges, e);
	}
	sqlite3_finalize(q);
	sort_array(g->edges.v, g->edges.n, sizeof(struct ck_edge), cmp_edge);
	return 0;
}

static void overlap(const struct ck_graph *g, struct smap *seen, const char *module,
		    size_t s1, size_t k1, size_t s2, size_t k2, struct cl_diags *d)
{
	const struct cl_service *a = &g->cfg->b->services[s1], *b = &g->cfg->b->services[s2];
	char key[80];
	snprintf(key, sizeof(key), "%zu %zu %zu %zu", s1, k1, s2, k2);
	if (smap_put(seen, key, 1))
		cl_diag_add(d, CL_ERROR, g->cfg->shown ? g->cfg->shown : "boundaries.toml",
			    b->modules.v[k2].line, b->modules.v[k2].col, "module %s is matched by "
			    "service '%s' ('%s', line %d) and by service '%s' ('%s'); a module belongs "
			    "to one service", module, a->name, a->modules.v[k1].text,
			    a->modules.v[k1].line, b->name, b->modules.v[k2].text);
}

struct svc_pat { size_t s, k; };

/* Every module gets the one service whose modules patterns match it; a module matched by
 * two services is a config error naming both patterns (once per pair of patterns). Exact
 * names go through a hash map: services often list hundreds of them. */
static int assign_services(struct ck_graph *g, struct cl_diags *d)
{
	const struct cl_boundaries *b = g->cfg->b;
	struct smap exact = {0}, seen = {0};
	VEC(struct svc_pat) globs = {0};
	for (size_t s = 0; s < b->nservices; s++)
		for (size_t k = 0; k < b->services[s].modules.n; k++) {
			const char *t = b->services[s].modules.v[k].text;
			struct svc_pat sp = { s, k };
			int64_t *old = glob_literal(t, strlen(t)) ? smap_get(&exact, t) : NULL;
			if (!glob_literal(t, strlen(t))) VEC_PUSH(globs, sp);
			else if (!old) smap_put(&exact, t, (int64_t)(s << 20 | k));
			else if ((size_t)(*old >> 20) != s && ck_module(g, t) >= 0)
				overlap(g, &seen, t, (size_t)(*old >> 20), (size_t)(*old & 0xfffff), s, k, d);
		}
	for (size_t m = 0; m < g->nmods; m++) {
		int64_t *e = smap_get(&exact, g->names[m]);
		int first = e ? (int)(*e >> 20) : -1;
		size_t fp = e ? (size_t)(*e & 0xfffff) : 0;
		for (size_t i = 0; i < globs.n; i++) {
			struct svc_pat *p = &globs.v[i];
			if ((int)p->s == first ||
			    !cl_name_match(b->services[p->s].modules.v[p->k].text, g->names[m])) continue;
			if (first < 0) {
				first = (int)p->s;
				fp = p->k;
			} else if (p->s < (size_t)first) {       /* name them in config order */
				overlap(g, &seen, g->names[m], p->s, p->k, (size_t)first, fp, d);
			} else {
				overlap(g, &seen, g->names[m], (size_t)first, fp, p->s, p->k, d);
			}
		}
		g->svc[m] = first;
	}
	int rc = seen.n ? -1 : 0;
	smap_release(&exact);
	smap_release(&seen);
	VEC_FREE(globs);
	return rc;
}

/* The module a literal pattern is another name of (an alias), or NULL. */
static char *alias_target(struct cl_store *st, const char *name)
{
	sqlite3_stmt *q = store_prepare(st, "SELECT target FROM aliases WHERE name = ?", NULL);
	char *t = NULL;
	if (q) sqlite3_bind_text(q, 1, name, -1, SQLITE_STATIC);
	if (store_row(st, q) && sqlite3_column_text(q, 0))
		t = xstrdup((const char *)sqlite3_column_text(q, 0));
	sqlite3_finalize(q);
	return t;
}

/* A pattern that matches no module is a config error: it is a typo or a stale entry, or
 * the other name of a module (then the error names the module). */
static int check_matches(const struct ck_graph *g, struct cl_store *st, const struct cl_pats *p,
			 const char *key, struct cl_diags *d)
{
	const char *file = g->cfg->shown ? g->cfg->shown : "boundaries.toml";
	int rc = 0;
	for (size_t k = 0; k < p->n; k++) {
		const char *t = p->v[k].text;
		if (glob_literal(t, strlen(t)) && ck_module(g, t) >= 0) continue;
		size_t m = 0;
		while (m < g->nmods && !cl_name_match(t, g->names[m])) m++;
		if (m < g->nmods) continue;
		size_t n = strlen(t), tail = n > 3 && !strcmp(t + n - 3, ".**") ? 3 :
					     n > 2 && !strcmp(t + n - 2, ".*") ? 2 : 0;
		char *head = xstrndup(t, n - tail);      /* a.** names what is below a */
		char *alias = glob_literal(head, n - tail) ? alias_target(st, head) : NULL;
		free(head);
		if (alias)
			cl_diag_add(d, CL_ERROR, file, p->v[k].line, p->v[k].col, "%s pattern '%s' "
				    "matches no module: %.*s is another name of %s (the same files, "
				    "reached from another root or through a symlink); write '%s%s'",
				    key, t, (int)(n - tail), t, alias, alias, t + n - tail);
		else
			cl_diag_add(d, CL_ERROR, file, p->v[k].line, p->v[k].col,
				    "%s pattern '%s' matches no module", key, t);
		free(alias);
		rc = -1;
	}
	return rc;
}

static int check_patterns(const struct ck_graph *g, struct cl_store *st, struct cl_diags *d)
{
	const struct cl_boundaries *b = g->cfg->b;
	int rc = 0;
	for (size_t s = 0; s < b->nservices; s++) {
		rc |= check_matches(g, st, &b->services[s].modules, "modules", d);
		rc |= check_matches(g, st, &b->services[s].public_, "public", d);
		rc |= check_matches(g, st, &b->services[s].private_, "private", d);
	}
	for (size_t k = 0; k < b->ncontracts; k++) {
		rc |= check_matches(g, st, &b->contracts[k].source, "source_modules", d);
		rc |= check_matches(g, st, &b->contracts[k].forbidden, "forbidden_modules", d);
		rc |= check_matches(g, st, &b->contracts[k].modules, "modules", d);
	}
	return rc;
}

int ck_move(struct ck_graph *g, const struct cl_boundaries *b, const struct cl_move *mv,
	    size_t n, struct cl_diags *d)
{
	int rc = CL_OK;
	for (size_t k = 0; k < n; k++) {
		size_t s = 0;
		while (s < b->nservices && strcmp(b->services[s].name, mv[k].service)) s++;
		if (s == b->nservices) {
			cl_diag_add(d, CL_ERROR, NULL, 0, 0, "--move %s=%s: no service named '%s'",
				    mv[k].pattern, mv[k].service, mv[k].service);
			rc = CL_EUSAGE;
			continue;
		}
		size_t hits = 0;
		for (size_t m = 0; m < g->nmods; m++)
			if (cl_name_match(mv[k].pattern, g->names[m])) g->svc[m] = (int)s, hits++;
		if (!hits) {
			cl_diag_add(d, CL_ERROR, NULL, 0, 0, "--move %s=%s: '%s' matches no module",
				    mv[k].pattern, mv[k].service, mv[k].pattern);
			rc = CL_EUSAGE;
		}
	}
	return rc;
}

int ck_load(const struct cl_config *cfg, struct cl_store *st, int services, struct ck_graph *g,
	    struct cl_diags *d)
{
	memset(g, 0, sizeof(*g));
	g->cfg = cfg;
	int *fmap = NULL, *mmap = NULL;
	size_t nf = 0, nm = 0;
	int rc = load_files(g, st, &fmap, &nf, d) || load_modules(g, st, fmap, nf, &mmap, &nm, d) ||
		 load_edges(g, st, fmap, nf, mmap, nm, d) ? CL_EINTERNAL : CL_OK;
	free(fmap);
	free(mmap);
	if (!rc && services && (assign_services(g, d) | check_patterns(g, st, d))) rc = CL_EUSAGE;
	return rc;
}

void ck_free(struct ck_graph *g)
{
	for (size_t i = 0; i < g->nmods; i++) free(g->names[i]);
	free(g->names);
	free(g->mod_file);
	free(g->svc);
	for (size_t i = 0; i < g->nfiles; i++) {
		free(g->files[i].path);
		free(g->files[i].read_error);
	}
	free(g->files);
	VEC_FREE(g->edges);
}

/* --- violations ----------------------------------------------------------------------------- */

static const char *svc_name(const struct chk *c, int m)
{
	int s = c->g.svc[m];
	return s >= 0 ? c->b->services[s].name : NULL;
}

struct iv *ck_add(struct chk *c, int kind, int cap, const char *path, int line, int col,
		      const char *from, const char *to, char *message)
{
	int sev = c->b->kind_sev[kind] < cap ? c->b->kind_sev[kind] : cap;
	if (sev == CL_SEV_OFF) {
		free(message);
		return NULL;
	}
	struct iv iv = {0};
	iv.v.kind = kind;
	iv.v.severity = sev;
	iv.v.path = path ? xstrdup(path) : NULL;
	iv.v.line = line;
	iv.v.col = col;
	iv.v.from = from ? xstrdup(from) : NULL;
	iv.v.to = to ? xstrdup(to) : NULL;
	iv.v.message = message;
	iv.pair = -1;
	iv.file = -1;
	VEC_PUSH(c->out, iv);
	return &c->out.v[c->out.n - 1];
}

static const char *edge_path(const struct chk *c, const struct ck_edge *e)
{
	return e->file >= 0 ? c->g.files[e->file].path : NULL;
}

/* "a imports b (late import)": the start of every edge violation's message. */
static void describe_edge(const struct chk *c, const struct ck_edge *e, struct strbuf *sb)
{
	static const char *const what[CL_CAT_COUNT] = { NULL, "late import", "in try", "in if",
		"TYPE_CHECKING import", "dynamic import", "parent package", "string reference" };
	sb_addf(sb, "%s %s %s", c->g.names[e->src], e->cat == CL_CAT_STRING ? "names" : "imports",
		c->g.names[e->dst]);
	int test = e->file >= 0 && c->g.files[e->file].is_test;
	if (what[e->cat] || test)
		sb_addf(sb, " (%s%s%s)", what[e->cat] ? what[e->cat] : "",
			what[e->cat] && test ? ", " : "", test ? "test code" : "");
	sb_adds(sb, " \xe2\x80\x94 ");
}

static struct iv *add_edge_v(struct chk *c, int kind, const struct ck_edge *e, struct strbuf *sb)
{
	struct iv *iv = ck_add(c, kind, e->cap, edge_path(c, e), e->line, e->col, c->g.names[e->src],
			    c->g.names[e->dst], sb_detach(sb));
	if (!iv) return NULL;
	const char *fs = svc_name(c, e->src), *ts = svc_name(c, e->dst);
	iv->v.from_service = fs ? xstrdup(fs) : NULL;
	iv->v.to_service = ts ? xstrdup(ts) : NULL;
	iv->stmt_line = e->stmt_line;
	iv->file = e->file;
	return iv;
}

static int any_match(const struct cl_pats *p, const char *name, const char **which)
{
	for (size_t k = 0; k < p->n; k++)
		if (cl_name_match(p->v[k].text, name)) {
			if (which) *which = p->v[k].text;
			return 1;
		}
	return 0;
}

static int depends(const struct cl_service *s, const char *name)
{
	for (size_t k = 0; k < s->depends_on.n; k++)
		if (!strcmp(s->depends_on.v[k].text, name)) return 1;
	return 0;
}

static void service_rules(struct chk *c, const struct ck_edge *e, long pair)
{
	const struct cl_service *a = &c->b->services[c->g.svc[e->src]];
	const struct cl_service *b = &c->b->services[c->g.svc[e->dst]];
	const char *dst = c->g.names[e->dst], *pat = NULL;
	struct strbuf sb = {0};
	struct iv *iv;
	if (a->depends_on.given && !depends(a, b->name)) {
		describe_edge(c, e, &sb);
		sb_addf(&sb, "%s does not declare %s in depends_on", a->name, b->name);
		if ((iv = add_edge_v(c, CL_K_UNDECLARED, e, &sb))) iv->pair = pair;
	}
	int private_ = b->public_.given ? !any_match(&b->public_, dst, NULL) :
		       any_match(&b->private_, dst, &pat);
	if (private_) {
		describe_edge(c, e, &sb);
		sb_addf(&sb, "%s is private to %s ", dst, b->name);
		if (pat) sb_addf(&sb, "(it matches private '%s')", pat);
		else sb_adds(&sb, "(it is not in its public list)");
		if ((iv = add_edge_v(c, CL_K_PRIVATE, e, &sb))) iv->pair = pair;
	}
	if (a->layer_rank >= 0 && b->layer_rank >= 0 && a->layer_rank > b->layer_rank) {
		describe_edge(c, e, &sb);
		sb_addf(&sb, "%s (layer %s) may not import %s (layer %s, higher)", a->name, a->layer,
			b->name, b->layer);
		if ((iv = add_edge_v(c, CL_K_LAYER, e, &sb))) iv->pair = pair;
	}
	sb_release(&sb);
}

/* A contract member: for a pattern ending in ".*", each child with everything below it;
 * otherwise the whole pattern. Returns the member name (malloc'd) or NULL. */
static char *member_of(const struct cl_pats *p, const char *name)
{
	for (size_t k = 0; k < p->n; k++) {
		const char *t = p->v[k].text;
		size_t tl = strlen(t);
		if (tl > 2 && !strcmp(t + tl - 2, ".*")) {
			size_t parts = 1;
			for (const char *q = t; *q; q++) parts += *q == '.';
			const char *end = name;
			for (size_t i = 0; i < parts && end; i++) {
				end = strchr(end + (i > 0), '.');
			}
			char *prefix = end ? xstrndup(name, (size_t)(end - name)) : xstrdup(name);
			if (cl_name_match(t, prefix)) return prefix;
			free(prefix);
		} else if (cl_name_match(t, name)) {
			if (tl > 3 && !strcmp(t + tl - 3, ".**")) return xstrndup(t, tl - 3);
			return xstrdup(t);
		}
	}
	return NULL;
}

static long pair_id(struct chk *c, const struct ck_edge *e)
{
	char key[48];
	snprintf(key, sizeof(key), "%d %d", e->src, e->dst);
	int64_t *p = smap_get(&c->pairs, key);
	if (p) return (long)*p;
	smap_put(&c->pairs, key, (int64_t)c->npairs);
	return (long)c->npairs++;
}

/* A config's instructions for the violation (a copy; none: the kind's default stays). */
static void set_instructions(struct iv *iv, const char *text)
{
	if (!text || iv->v.instructions) return;
	iv->v.instructions = xstrdup(text);
}

static void contract_rules(struct chk *c, const struct ck_edge *e, long pair)
{
	const char *src = c->g.names[e->src], *dst = c->g.names[e->dst];
	struct strbuf sb = {0};
	struct iv *iv;
	for (size_t k = 0; k < c->b->ncontracts; k++) {
		const struct cl_contract *ct = &c->b->contracts[k];
		if (ct->type == CL_FORBIDDEN && any_match(&ct->source, src, NULL) &&
		    any_match(&ct->forbidden, dst, NULL) && !any_match(&ct->forbidden, src, NULL)) {
			describe_edge(c, e, &sb);
			sb_addf(&sb, "forbidden by contract '%s'", ct->name);
			if ((iv = add_edge_v(c, CL_K_FORBIDDEN, e, &sb))) iv->pair = pair;
			if (iv) set_instructions(iv, ct->instructions);
		} else if (ct->type == CL_INDEPENDENCE) {
			char *ms = member_of(&ct->modules, src), *md = member_of(&ct->modules, dst);
			if (ms && md && strcmp(ms, md)) {
				describe_edge(c, e, &sb);
				sb_addf(&sb, "contract '%s' keeps %s and %s independent", ct->name, ms, md);
				if ((iv = add_edge_v(c, CL_K_INDEPENDENCE, e, &sb))) iv->pair = pair;
				if (iv) set_instructions(iv, ct->instructions);
			}
			free(ms);
			free(md);
		}
	}
	sb_release(&sb);
}

/* Names imported from one module in one statement are one dependency: the first stands
 * for the rest (`from a import b, c`). */
static int repeated(struct smap *seen, const struct ck_edge *e)
{
	char key[64];
	snprintf(key, sizeof(key), "%d %d %d %d %d", e->src, e->dst, e->file,
		 e->stmt_line ? e->stmt_line : e->line, e->cat);
	return !smap_put(seen, key, 1);
}

static void edge_rules(struct chk *c)
{
	struct smap seen = {0};
	for (size_t i = 0; i < c->g.edges.n; i++) {
		const struct ck_edge *e = &c->g.edges.v[i];
		if (e->cap == CL_SEV_OFF || repeated(&seen, e)) continue;
		long pair = -1;
		int a = c->g.svc[e->src], b = c->g.svc[e->dst];
		if (a >= 0 && b >= 0 && a != b) {
			pair = pair_id(c, e);
			service_rules(c, e, pair);
		}
		if (c->b->ncontracts) contract_rules(c, e, pair);
	}
	smap_release(&seen);
}

/* --- cycles ----------------------------------------------------------------------------------- */

static int cmp_triple(const void *a, const void *b)
{
	const struct ck_triple *x = a, *y = b;
	if (x->u != y->u) return x->u < y->u ? -1 : 1;
	if (x->v != y->v) return x->v < y->v ? -1 : 1;
	if (x->cap != y->cap) return x->cap > y->cap ? -1 : 1;     /* most severe first */
	return x->e < y->e ? -1 : x->e > y->e;
}

void pairgraph_build(struct pairgraph *pg, size_t n, struct ck_triple *t, size_t nt)
{
	sort_array(t, nt, sizeof(*t), cmp_triple);
	pg->n = n;
	pg->uv = xmalloc((2 * nt + 2) * sizeof(int));
	pg->rep = xmalloc((nt + 1) * sizeof(int));
	pg->count = xcalloc(nt + 1, sizeof(size_t));
	pg->m = 0;
	for (size_t i = 0; i < nt; i++) {
		if (!i || t[i].u != t[i - 1].u || t[i].v != t[i - 1].v) {
			pg->uv[2 * pg->m] = t[i].u;
			pg->uv[2 * pg->m + 1] = t[i].v;
			pg->rep[pg->m++] = t[i].e;
		}
		pg->count[pg->m - 1]++;
	}
}

static int cmp_pair(const void *a, const void *b)
{
	const int *x = a, *y = b;
	if (x[0] != y[0]) return x[0] < y[0] ? -1 : 1;
	return (x[1] > y[1]) - (x[1] < y[1]);
}

long pairgraph_find(const struct pairgraph *pg, int u, int v)
{
	int key[2] = { u, v };
	const int *at = search_array(key, pg->uv, pg->m, 2 * sizeof(int), cmp_pair);
	return at ? (long)((at - pg->uv) / 2) : -1;
}

static int pairgraph_rep(const struct pairgraph *pg, int u, int v)
{
	return pg->rep[pairgraph_find(pg, u, v)];
}

void pairgraph_free(struct pairgraph *pg)
{
	free(pg->uv);
	free(pg->rep);
	free(pg->count);
}

static void set_hop(const struct chk *c, struct cl_hop *h, const struct ck_edge *e)
{
	h->from = xstrdup(c->g.names[e->src]);
	h->to = xstrdup(c->g.names[e->dst]);
	h->path = edge_path(c, e) ? xstrdup(edge_path(c, e)) : NULL;
	h->line = e->line;
	h->col = e->col;
	h->context = ck_context(e);
}

static void free_hops(struct cl_hop *hops, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(hops[i].from);
		free(hops[i].to);
		free(hops[i].path);
	}
	free(hops);
}

/* For a cycle of services path[0] -> ... -> path[len-1] -> path[0] (vertices: service
 * ranks), the shortest connected walk of imports: from a module of path[0], through imports
 * inside each service and one import into the next, back into path[0]; each hop starts in
 * the module where the previous one ended. With comp (vertex -> strongly connected
 * component) and len 2, the walk may run through any services of path[0]'s component before
 * it comes back. Only edges capped at tier or above count. Returns the number of hops (edge
 * indexes in *out, malloc'd), or 0 when no such walk exists: the modules a service is
 * entered by may not reach the ones it leaves by. */
enum { WALK_MAX_STATES = 1 << 24 };

static size_t service_walk(const struct chk *c, const int *path, size_t len, const int *comp,
			   int tier, int **out)
{
	size_t nm = c->g.nmods, np = len + 1, ns = nm * np, nsvc = c->b->nservices;
	*out = NULL;
	if (!nm || ns / np != nm || ns > WALK_MAX_STATES) return 0;
	int *pos = xmalloc((nsvc + 1) * sizeof(int)), *mpos = xmalloc((nm + 1) * sizeof(int));
	for (size_t s = 0; s < nsvc; s++) {
		int v = c->svc_rank[s];
		pos[s] = -1;
		if (comp) pos[s] = v == path[0] ? 0 : comp[v] == comp[path[0]] ? 1 : -1;
		else for (size_t i = 0; i < len; i++) if (v == path[i]) pos[s] = (int)i;
	}
	for (size_t m = 0; m < nm; m++) mpos[m] = c->g.svc[m] >= 0 ? pos[c->g.svc[m]] : -1;
	/* the edges among the cycle's services, by source module, in place order */
	size_t *start = xcalloc(nm + 2, sizeof(size_t));
	int *adj = xmalloc((c->g.edges.n + 1) * sizeof(int));
	for (size_t i = 0; i < c->g.edges.n; i++) {
		const struct ck_edge *e = &c->g.edges.v[i];
		if (e->cap >= tier && mpos[e->src] >= 0 && mpos[e->dst] >= 0) start[e->src + 1]++;
	}
	for (size_t m = 0; m < nm; m++) start[m + 1] += start[m];
	size_t *fill = xmalloc((nm + 1) * sizeof(size_t));
	memcpy(fill, start, nm * sizeof(size_t));
	for (size_t i = 0; i < c->g.edges.n; i++) {
		const struct ck_edge *e = &c->g.edges.v[i];
		if (e->cap >= tier && mpos[e->src] >= 0 && mpos[e->dst] >= 0) adj[fill[e->src]++] = (int)i;
	}
	/* breadth first over (module, phase): phase p < len is inside path[p]; phase len is
	 * path[0] reached again */
	int *via = xmalloc((ns + 1) * sizeof(int));        /* edge that reached a state; -2 unseen */
	size_t *queue = xmalloc((ns + 1) * sizeof(size_t)), qh = 0, qt = 0;
	for (size_t k = 0; k < ns; k++) via[k] = -2;
	for (size_t m = 0; m < nm; m++)
		if (mpos[m] == 0) via[m * np] = -1, queue[qt++] = m * np;
	size_t found = (size_t)-1;
	while (qh < qt && found == (size_t)-1) {
		size_t st = queue[qh++], m = st / np, p = st % np;
		for (size_t k = start[m]; k < start[m + 1]; k++) {
			const struct ck_edge *e = &c->g.edges.v[adj[k]];
			int tp = mpos[e->dst];
			size_t q;
			if ((size_t)tp == p) q = p;                           /* inside the service */
			else if ((size_t)tp == (p + 1) % len) q = p + 1;      /* into the next one */
			else continue;
			size_t to = (size_t)e->dst * np + q;
			if (via[to] != -2) continue;
			via[to] = adj[k];
			if (q == len) {
				found = to;
				break;
			}
			queue[qt++] = to;
		}
	}
	size_t n = 0;
	if (found != (size_t)-1) {
		for (size_t st = found; via[st] >= 0; n++) {
			const struct ck_edge *e = &c->g.edges.v[via[st]];
			size_t p = st % np;     /* an import inside a service keeps the phase */
			st = (size_t)e->src * np + (mpos[e->src] == mpos[e->dst] ? p : p - 1);
		}
		*out = xmalloc((n + 1) * sizeof(int));
		size_t i = n;
		for (size_t st = found; via[st] >= 0;) {
			const struct ck_edge *e = &c->g.edges.v[via[st]];
			size_t p = st % np;
			(*out)[--i] = via[st];
			st = (size_t)e->src * np + (mpos[e->src] == mpos[e->dst] ? p : p - 1);
		}
	}
	free(via);
	free(queue);
	free(fill);
	free(adj);
	free(start);
	free(mpos);
	free(pos);
	return n;
}

/* The violation for one cycle (path[0] -> ... -> path[len-1] -> path[0]), unless it runs
 * only through edges above tier: then a stronger tier reported its component. */
static void cycle_violation(struct chk *c, const struct pairgraph *pg, char **vnames,
			    const int *path, size_t len, const int *comp, size_t comp_size, int kind,
			    const char *what, const char *nouns, int tier)
{
	int cap = CL_ERROR;
	for (size_t i = 0; i < len; i++) {
		int e = pairgraph_rep(pg, path[i], path[(i + 1) % len]);
		if (c->g.edges.v[e].cap < cap) cap = c->g.edges.v[e].cap;
	}
	if (cap > tier) return;
	struct strbuf sb = {0};
	int *walk = NULL, *wpath = NULL;
	size_t nhops = kind == CL_K_SERVICE_CYCLE && c->svc_rank ?
		       service_walk(c, path, len, NULL, tier, &walk) : 0;
	if (!nhops && kind == CL_K_SERVICE_CYCLE && c->svc_rank && comp &&
	    (nhops = service_walk(c, path, 2, comp, tier, &walk))) {
		/* no walk follows the shortest cycle: name the services the walk runs through */
		wpath = xmalloc((nhops + 1) * sizeof(int));
		len = 0;
		for (size_t i = 0; i < nhops; i++) {
			const struct ck_edge *e = &c->g.edges.v[walk[i]];
			int a = c->svc_rank[c->g.svc[e->src]], b = c->svc_rank[c->g.svc[e->dst]];
			if (!len) wpath[len++] = a;
			if (b != wpath[len - 1] && i + 1 < nhops) wpath[len++] = b;
		}
		path = wpath;
	}
	int loose = !nhops && kind == CL_K_SERVICE_CYCLE && c->svc_rank;
	if (!nhops) {
		nhops = len;
		walk = xmalloc((len + 1) * sizeof(int));
		for (size_t i = 0; i < len; i++) walk[i] = pairgraph_rep(pg, path[i], path[(i + 1) % len]);
	}
	struct cl_hop *hops = xcalloc(nhops, sizeof(*hops));
	for (size_t i = 0; i < nhops; i++) set_hop(c, &hops[i], &c->g.edges.v[walk[i]]);
	const struct ck_edge *first = &c->g.edges.v[walk[0]];
	free(walk);
	sb_addf(&sb, "%s: ", what);
	for (size_t i = 0; i < len; i++) sb_addf(&sb, "%s -> ", vnames[path[i]]);
	sb_adds(&sb, vnames[path[0]]);
	if (comp_size > len) sb_addf(&sb, " (one of the cycles among %zu %s)", comp_size, nouns);
	if (loose) sb_adds(&sb, " (no chain of imports connects them in turn: one import a pair)");
	struct iv *iv = ck_add(c, kind, cap, hops[0].path, hops[0].line, hops[0].col,
			    vnames[path[0]], vnames[path[1]], sb_detach(&sb));
	free(wpath);
	if (!iv) {
		free_hops(hops, nhops);
		return;
	}
	iv->v.chain = hops;
	iv->v.nchain = nhops;
	iv->stmt_line = first->stmt_line;
	iv->file = first->file;
}

/* One tier of report_tiers: one violation per strongly connected component among the edges
 * capped at tier or above, its shortest cycle through the first vertex (in name order).
 * strong[v] is the size of v's component in the stronger tiers (0: none); a component no
 * larger was reported there already. */
static void report_cycles(struct chk *c, const struct pairgraph *pg, char **vnames, int kind,
			  const char *what, const char *nouns, int tier, size_t *strong)
{
	struct digraph *dg = digraph_new(pg->n, pg->uv, pg->m);
	int *comp = xmalloc((pg->n + 1) * sizeof(int));
	size_t ncomp = digraph_scc(dg, comp);
	size_t *size = xcalloc(ncomp + 1, sizeof(size_t));
	char *done = xcalloc(ncomp + 1, 1);
	for (size_t v = 0; v < pg->n; v++) size[comp[v]]++;
	for (size_t v = 0; v < pg->n; v++) {
		if (size[comp[v]] < 2 || done[comp[v]] || strong[v] == size[comp[v]]) continue;
		done[comp[v]] = 1;
		int *path;
		size_t len = digraph_cycle(dg, (int)v, comp, &path);
		if (len >= 2)
			cycle_violation(c, pg, vnames, path, len, comp, size[comp[v]], kind, what,
					nouns, tier);
		free(path);
	}
	for (size_t v = 0; v < pg->n; v++)
		if (size[comp[v]] >= 2) strong[v] = size[comp[v]];
	free(done);
	free(size);
	free(comp);
	digraph_free(dg);
}

/* Cycles tier by tier, errors first: a component whose shortest cycle runs through a
 * weaker edge (a string reference, test code) must not hide an error-level cycle in it. */
static void report_tiers(struct chk *c, size_t n, struct ck_triple *t, size_t nt, char **vnames,
			 int kind, const char *what, const char *nouns)
{
	static const int tiers[] = { CL_ERROR, CL_WARNING, CL_NOTE };
	size_t *strong = xcalloc(n + 1, sizeof(size_t));
	struct ck_triple *sel = xmalloc((nt + 1) * sizeof(*sel));
	for (size_t k = 0; k < 3; k++) {
		size_t ns = 0;
		for (size_t i = 0; i < nt; i++) if (t[i].cap >= tiers[k]) sel[ns++] = t[i];
		struct pairgraph pg;
		pairgraph_build(&pg, n, sel, ns);
		report_cycles(c, &pg, vnames, kind, what, nouns, tiers[k], strong);
		pairgraph_free(&pg);
	}
	free(sel);
	free(strong);
}

static int module_level(int cat)
{
	return cat == CL_CAT_TOP || cat == CL_CAT_TRY || cat == CL_CAT_IF;
}

static void module_cycles(struct chk *c)
{
	struct ck_triple *t = xmalloc((c->g.edges.n + 1) * sizeof(*t));
	size_t nt = 0;
	for (size_t i = 0; i < c->g.edges.n; i++) {
		const struct ck_edge *e = &c->g.edges.v[i];
		if (module_level(e->cat) && e->cap != CL_SEV_OFF)
			t[nt++] = (struct ck_triple){ e->src, e->dst, (int)i, e->cap };
	}
	report_tiers(c, c->g.nmods, t, nt, c->g.names, CL_K_MODULE_CYCLE, "module-level import "
		     "cycle", "modules that import one another at module level");
	free(t);
}

static int cmp_svc(const void *a, const void *b, void *arg)
{
	const struct cl_service *s = arg;
	return strcmp(s[*(const int *)a].name, s[*(const int *)b].name);
}

static void service_cycles(struct chk *c)
{
	size_t ns = c->b->nservices;
	int *order = xmalloc((ns + 1) * sizeof(int)), *rank = xmalloc((ns + 1) * sizeof(int));
	char **names = xmalloc((ns + 1) * sizeof(char *));
	for (size_t i = 0; i < ns; i++) order[i] = (int)i;
	if (ns > 1) qsort_r(order, ns, sizeof(int), cmp_svc, c->b->services);
	for (size_t i = 0; i < ns; i++) {
		rank[order[i]] = (int)i;
		names[i] = c->b->services[order[i]].name;
	}
	struct ck_triple *t = xmalloc((c->g.edges.n + 1) * sizeof(*t));
	size_t nt = 0;
	for (size_t i = 0; i < c->g.edges.n; i++) {
		const struct ck_edge *e = &c->g.edges.v[i];
		int a = c->g.svc[e->src], b = c->g.svc[e->dst];
		if (a >= 0 && b >= 0 && a != b && e->cap != CL_SEV_OFF)
			t[nt++] = (struct ck_triple){ rank[a], rank[b], (int)i, e->cap };
	}
	size_t before = c->out.n;
	c->svc_rank = rank;
	report_tiers(c, ns, t, nt, names, CL_K_SERVICE_CYCLE, "services depend on one another in "
		     "a cycle", "services that depend on one another");
	c->svc_rank = NULL;
	free(t);
	for (size_t i = before; i < c->out.n; i++) {
		c->out.v[i].v.from_service = xstrdup(c->out.v[i].v.from);
		c->out.v[i].v.to_service = xstrdup(c->out.v[i].v.to);
	}
	free(names);
	free(order);
	free(rank);
}

static void acyclic_contract(struct chk *c, const struct cl_contract *ct)
{
	char **mem = xcalloc(c->g.nmods + 1, sizeof(char *));
	VEC(char *) names = {0};
	for (size_t m = 0; m < c->g.nmods; m++)
		if ((mem[m] = member_of(&ct->modules, c->g.names[m]))) VEC_PUSH(names, mem[m]);
	sort_array(names.v, names.n, sizeof(char *), cmp_str);
	size_t nu = 0;
	for (size_t i = 0; i < names.n; i++)
		if (!nu || strcmp(names.v[nu - 1], names.v[i])) names.v[nu++] = names.v[i];
	struct smap idx = {0};
	for (size_t i = 0; i < nu; i++) smap_put(&idx, names.v[i], (int64_t)i);
	struct ck_triple *t = xmalloc((c->g.edges.n + 1) * sizeof(*t));
	size_t nt = 0;
	for (size_t i = 0; i < c->g.edges.n; i++) {
		const struct ck_edge *e = &c->g.edges.v[i];
		if (e->cap == CL_SEV_OFF || !mem[e->src] || !mem[e->dst] ||
		    !strcmp(mem[e->src], mem[e->dst])) continue;
		t[nt++] = (struct ck_triple){ (int)*smap_get(&idx, mem[e->src]),
					   (int)*smap_get(&idx, mem[e->dst]), (int)i, e->cap };
	}
	char *what = xasprintf("members of contract '%s' import one another in a cycle", ct->name);
	size_t before = c->out.n;
	report_tiers(c, nu, t, nt, names.v, CL_K_ACYCLIC, what, "members that import one another");
	for (size_t i = before; i < c->out.n; i++) set_instructions(&c->out.v[i], ct->instructions);
	free(what);
	free(t);
	smap_release(&idx);
	VEC_FREE(names);
	for (size_t m = 0; m < c->g.nmods; m++) free(mem[m]);
	free(mem);
}

/* --- per-module and per-config checks ---------------------------------------------------- */

static void unassigned(struct chk *c)
{
	if (!c->b->nservices) return;
	for (size_t m = 0; m < c->g.nmods; m++) {
		int f = c->g.mod_file[m];
		if (c->g.svc[m] >= 0 || f < 0) continue;
		int cap = c->g.files[f].is_test ? c->b->ctx_sev[CL_CTX_TESTS] : CL_ERROR;
		struct iv *iv = ck_add(c, CL_K_UNASSIGNED, cap, c->g.files[f].path, 1, 1, c->g.names[m],
				    NULL, xasprintf("module %s belongs to no service", c->g.names[m]));
		if (iv) iv->file = f;
	}
}

/* The service pairs an edge uses, and the services by name, are hashed: 10,000 services of
 * 50 depends_on each took 37 s (a strcmp with every service) and a 100 MB matrix. */
static void unused_dependencies(struct chk *c)
{
	size_t ns = c->b->nservices;
	struct smap used = {0}, by_name = {0};
	char pair[48];
	for (size_t i = 0; i < c->g.edges.n; i++) {
		const struct ck_edge *e = &c->g.edges.v[i];
		int a = c->g.svc[e->src], b = c->g.svc[e->dst];
		if (a < 0 || b < 0 || e->cap == CL_SEV_OFF) continue;
		snprintf(pair, sizeof(pair), "%d %d", a, b);
		smap_put(&used, pair, 1);
	}
	for (size_t b = ns; b-- > 0; ) smap_put(&by_name, c->b->services[b].name, (int64_t)b);
	for (size_t a = 0; a < ns; a++) {
		const struct cl_service *s = &c->b->services[a];
		for (size_t k = 0; k < s->depends_on.n; k++) {
			const struct cl_pat *p = &s->depends_on.v[k];
			int64_t *b = smap_get(&by_name, p->text);
			if (b) snprintf(pair, sizeof(pair), "%zu %lld", a, (long long)*b);
			if (!b || smap_get(&used, pair)) continue;
			struct iv *iv = ck_add(c, CL_K_UNUSED_DEPENDENCY, CL_ERROR, c->cfgfile, p->line,
					    p->col, s->name, p->text, xasprintf("service %s declares "
					    "%s in depends_on but never imports it", s->name, p->text));
			if (iv) {
				iv->v.from_service = xstrdup(s->name);
				iv->v.to_service = xstrdup(p->text);
			}
		}
	}
	smap_release(&used);
	smap_release(&by_name);
}

static void parse_errors(struct chk *c)
{
	for (size_t f = 0; f < c->g.nfiles; f++) {
		const struct ck_file *cf = &c->g.files[f];
		if (cf->read_error)
			ck_add(c, CL_K_PARSE_ERROR, CL_ERROR, cf->path, 0, 0, cf->path, NULL,
			    xstrdup(cf->read_error));
		else if (cf->parse_errors)
			ck_add(c, CL_K_PARSE_ERROR, CL_ERROR, cf->path, cf->error_line,
			    cf->error_col + 1, cf->path, NULL, xasprintf("syntax error (%d in the "
			    "file); imports after it may be missing", cf->parse_errors));
	}
}

/* --- inline suppressions: `# cutline: ignore[kind, ...] reason` ------------------------------ */

struct sup { int file, line, col, alone, used; char *kinds, *reason; };

static int cmp_sup(const void *a, const void *b)
{
	const struct sup *x = a, *y = b;
	if (x->file != y->file) return x->file < y->file ? -1 : 1;
	return x->line < y->line ? -1 : x->line > y->line;
}

/* files are sorted by path, their first member: cmp_str compares them as strings. */
int ck_file(const struct ck_graph *g, const char *path)
{
	struct ck_file *at = path ? search_array(&path, g->files, g->nfiles, sizeof(struct ck_file),
					    cmp_str) : NULL;
	return at ? (int)(at - g->files) : -1;
}

static void load_sups(struct chk *c, struct cl_store *st, struct sup **out, size_t *n)
{
	VEC(struct sup) v = {0};
	sqlite3_stmt *q = store_prepare(st, "SELECT f.path, s.line, s.col, s.alone, s.kinds, s.reason "
					"FROM suppressions s JOIN files f ON f.id = s.file_id", NULL);
	while (store_row(st, q)) {
		struct sup sp = { ck_file(&c->g, col_text(q, 0)), sqlite3_column_int(q, 1),
				  sqlite3_column_int(q, 2) + 1, sqlite3_column_int(q, 3), 0,
				  col_text(q, 4) ? xstrdup(col_str(q, 4)) : NULL,
				  col_text(q, 5) ? xstrdup(col_str(q, 5)) : NULL };
		if (sp.file >= 0) VEC_PUSH(v, sp);
		else { free(sp.kinds); free(sp.reason); }
	}
	sqlite3_finalize(q);
	sort_array(v.v, v.n, sizeof(struct sup), cmp_sup);
	*out = v.v;
	*n = v.n;
}

/* Whether kinds (as written between the brackets; NULL: all) names kind. */
static int names_kind(const char *kinds, int kind)
{
	if (!kinds) return 1;
	const char *id = cl_kind_name(kind);
	size_t il = strlen(id);
	for (const char *p = kinds; *p;) {
		while (*p == ' ' || *p == ',') p++;
		const char *e = p;
		while (*e && *e != ',' && *e != ' ') e++;
		if ((size_t)(e - p) == il && !strncmp(p, id, il)) return 1;
		p = e;
	}
	return 0;
}

/* The first kind named in kinds that is not a violation kind, as a malloc'd string. */
static char *unknown_kind(const char *kinds)
{
	for (const char *p = kinds ? kinds : ""; *p;) {
		while (*p == ' ' || *p == ',') p++;
		const char *e = p;
		while (*e && *e != ',' && *e != ' ') e++;
		char *k = xstrndup(p, (size_t)(e - p));
		if (*k && cl_kind_parse(k) < 0) return k;
		free(k);
		p = e;
	}
	return kinds && !kinds[strspn(kinds, " ,")] ? xstrdup("") : NULL;
}

static struct sup *sup_at(struct sup *v, size_t n, int file, int line)
{
	struct sup key = { file, line, 0, 0, 0, NULL, NULL };
	return search_array(&key, v, n, sizeof(struct sup), cmp_sup);
}

/* A comment on the violation's line or the statement's first line, or alone on the line
 * above either, suppresses it. */
static struct sup *suppressor(struct sup *v, size_t n, const struct iv *iv)
{
	int lines[4] = { iv->v.line, iv->stmt_line, iv->v.line - 1, iv->stmt_line - 1 };
	for (int i = 0; i < 4; i++) {
		if (lines[i] <= 0) continue;
		struct sup *s = sup_at(v, n, iv->file, lines[i]);
		if (s && (i < 2 || s->alone) && names_kind(s->kinds, iv->v.kind)) return s;
	}
	return NULL;
}

static void sup_findings(struct chk *c, struct sup *s, int require_reason)
{
	const char *path = c->g.files[s->file].path;
	char *bad = unknown_kind(s->kinds);
	struct iv *iv = NULL;
	if (bad)
		iv = ck_add(c, CL_K_UNUSED_IGNORE, CL_ERROR, path, s->line, s->col, path, s->kinds,
			 xasprintf(*bad ? "`# cutline: ignore[%s]` names '%s', which is no violation "
				   "kind" : "`# cutline: ignore[%s]` names no violation kind%s",
				   s->kinds, bad));
	else if (!s->used)
		iv = ck_add(c, CL_K_UNUSED_IGNORE, CL_ERROR, path, s->line, s->col, path, s->kinds,
			 xasprintf("`# cutline: ignore%s%s%s` suppresses nothing on %s",
				   s->kinds ? "[" : "", s->kinds ? s->kinds : "", s->kinds ? "]" : "",
				   s->alone ? "the next line" : "its line"));
	if (iv) iv->file = s->file;
	if (require_reason && !s->reason && (iv = ck_add(c, CL_K_MISSING_REASON, CL_ERROR, path, s->line,
	    s->col, path, s->kinds, xstrdup("inline suppression without a reason: say why after "
	    "the brackets"))))
		iv->file = s->file;
	free(bad);
}

static void apply_suppressions(struct chk *c, struct cl_store *st, int require_reason)
{
	struct sup *v;
	size_t n;
	load_sups(c, st, &v, &n);
	if (n) {
		for (size_t i = 0; i < c->out.n; i++) {
			struct iv *iv = &c->out.v[i];
			if (iv->file < 0 || iv->drop) continue;
			struct sup *s = suppressor(v, n, iv);
			if (s) {
				iv->drop = 1;
				s->used = 1;
			}
		}
	}
	for (size_t i = 0; i < n; i++) {
		sup_findings(c, &v[i], require_reason);
		free(v[i].kinds);
		free(v[i].reason);
	}
	free(v);
}

/* [[ignore]] entries drop the violations whose from and to they match; an entry that drops
 * nothing is reported. */
static void apply_ignores(struct chk *c)
{
	for (size_t k = 0; k < c->b->nignores; k++) {
		const struct cl_ignore *g = &c->b->ignores[k];
		int used = 0;
		for (size_t i = 0; i < c->out.n; i++) {
			struct iv *iv = &c->out.v[i];
			if (iv->drop || (g->kind >= 0 && g->kind != iv->v.kind) || !iv->v.from ||
			    iv->v.kind == CL_K_UNUSED_IGNORE) continue;
			if (!cl_name_match(g->from.text, iv->v.from)) continue;
			if (!(iv->v.to ? cl_name_match(g->to.text, iv->v.to) : !strcmp(g->to.text, "**")))
				continue;
			iv->drop = 1;
			used = 1;
		}
		struct iv *iv = used ? NULL :
			ck_add(c, CL_K_UNUSED_IGNORE, CL_ERROR, c->cfgfile, g->line, g->col, g->from.text,
			    g->to.text, xasprintf("[[ignore]] from '%s' to '%s'%s%s matches no "
			    "violation", g->from.text, g->to.text, g->kind >= 0 ? " of kind " : "",
			    g->kind >= 0 ? cl_kind_name(g->kind) : ""));
		if (iv) set_instructions(iv, g->instructions);
	}
}

/* A service's instructions, for the violations that reach it in a way it may answer: an
 * undeclared or private import of it, a write or read of its model. (A layer, a cycle or a
 * contract is no question of how to use the service: the kind's default stays.) */
static void service_instructions(struct chk *c)
{
	struct smap by_name = {0};
	for (size_t k = 0; k < c->b->nservices; k++)
		if (c->b->services[k].instructions) smap_put(&by_name, c->b->services[k].name, (int64_t)k);
	for (size_t i = 0; i < c->out.n && by_name.n; i++) {
		struct iv *iv = &c->out.v[i];
		int kind = iv->v.kind;
		if (kind != CL_K_UNDECLARED && kind != CL_K_PRIVATE && kind != CL_K_FOREIGN_WRITE &&
		    kind != CL_K_FOREIGN_READ) continue;
		int64_t *k = iv->v.to_service ? smap_get(&by_name, iv->v.to_service) : NULL;
		if (k) set_instructions(iv, c->b->services[*k].instructions);
	}
	smap_release(&by_name);
}

/* --- finishing ------------------------------------------------------------------------------ */

static int cmp_opt(const char *a, const char *b)
{
	if (!a || !b) return a ? -1 : b ? 1 : 0;     /* located ones first */
	return strcmp(a, b);
}

int check_cmp_violation(const void *pa, const void *pb)
{
	const struct cl_violation *a = pa, *b = pb;
	int r = cmp_opt(a->path, b->path);
	if (r) return r;
	if (a->line != b->line) return a->line < b->line ? -1 : 1;
	if (a->col != b->col) return a->col < b->col ? -1 : 1;
	if (a->kind != b->kind) return a->kind < b->kind ? -1 : 1;
	if ((r = cmp_opt(a->from, b->from))) return r;
	return cmp_opt(a->to, b->to);
}

void cl_violation_release(struct cl_violation *v)
{
	free(v->path);
	free(v->from);
	free(v->to);
	free(v->from_service);
	free(v->to_service);
	free(v->message);
	free_hops(v->chain, v->nchain);
	free(v->instructions);
}

void cl_check_release(struct cl_check_result *r)
{
	for (size_t i = 0; i < r->n; i++) cl_violation_release(&r->v[i]);
	free(r->v);
	free(r->dir);
	free(r->top);
	free(r->baseline);
	memset(r, 0, sizeof(*r));
}

/* Moves the kept violations into r, sorted, and counts them. */
static void finish(struct chk *c, struct cl_check_result *r)
{
	char *bad = xcalloc(c->npairs + 1, 1);
	r->v = xcalloc(c->out.n + 1, sizeof(*r->v));
	for (size_t i = 0; i < c->out.n; i++) {
		struct iv *iv = &c->out.v[i];
		if (iv->drop) {
			r->suppressed++;
			cl_violation_release(&iv->v);
			continue;
		}
		if (iv->pair >= 0) bad[iv->pair] = 1;
		r->v[r->n++] = iv->v;
	}
	for (size_t i = 0; i < c->npairs; i++) r->bad_edges += bad[i];
	r->cross_edges = c->npairs;
	free(bad);
	sort_array(r->v, r->n, sizeof(*r->v), check_cmp_violation);
}

static void check_count(struct cl_check_result *r)
{
	r->errors = r->warnings = r->infos = r->known = 0;
	for (size_t i = 0; i < r->n; i++) {
		const struct cl_violation *v = &r->v[i];
		if (v->known) r->known++;
		else if (v->severity == CL_ERROR) r->errors++;
		else if (v->severity == CL_WARNING) r->warnings++;
		else r->infos++;
	}
}

/* A path given on the command line, relative to cfg->dir as the store keeps it. */
static char *store_path(const struct cl_config *cfg, const char *p)
{
	char *name = discover_relpath(cfg, p);
	if (name) return name;
	char *abs = realpath(p, NULL);
	if (!abs) return xstrdup(p);
	const char *in = path_inside(cfg->dir, abs);
	char *rel = xstrdup(in ? in : abs);
	free(abs);
	return rel;
}

static int starts_in(const struct cl_violation *v, const struct smap *set)
{
	if (v->path && smap_get(set, v->path)) return 1;
	for (size_t i = 0; i < v->nchain; i++)
		if (v->chain[i].path && smap_get(set, v->chain[i].path)) return 1;
	return 0;
}

/* Keeps the violations that start in one of files (for cycles: any hop). */
static void only_files(struct cl_check_result *r, const struct cl_config *cfg, char **files,
		       size_t nfiles)
{
	struct smap set = {0};
	for (size_t i = 0; i < nfiles; i++) {
		char *rel = store_path(cfg, files[i]);
		smap_put(&set, rel, 1);
		free(rel);
	}
	size_t kept = 0;
	for (size_t i = 0; i < r->n; i++) {
		if (starts_in(&r->v[i], &set)) r->v[kept++] = r->v[i];
		else cl_violation_release(&r->v[i]);
	}
	r->n = kept;
	smap_release(&set);
}

static char *relative_config(const struct cl_config *cfg)
{
	if (!cfg->path) return xstrdup("boundaries.toml");
	const char *in = path_inside(cfg->dir, cfg->path);
	return xstrdup(in ? in : cfg->path);
}

static int check_answer(const struct cl_config *cfg, struct cl_store *st, const struct cl_check_opts *o,
	     struct cl_check_result *r, struct cl_diags *d)
{
	memset(r, 0, sizeof(*r));
	struct chk c = {0};
	c.b = cfg->b;
	int rc = ck_load(cfg, st, 1, &c.g, d);
	if (!rc && o->nmoves) rc = ck_move(&c.g, cfg->b, o->moves, o->nmoves, d);
	if (rc) {
		ck_free(&c.g);
		return rc;
	}
	char *cfgfile = relative_config(cfg);
	c.cfgfile = cfgfile;
	edge_rules(&c);
	module_cycles(&c);
	if (c.b->nservices) service_cycles(&c);
	if (!rc) rc = check_data(&c, st, d);
	if (!rc && !o->nmoves) rc = check_ledger(&c, st, d);
	for (size_t k = 0; k < c.b->ncontracts; k++)
		if (c.b->contracts[k].type == CL_ACYCLIC) acyclic_contract(&c, &c.b->contracts[k]);
	unassigned(&c);
	unused_dependencies(&c);
	parse_errors(&c);
	apply_suppressions(&c, st, o->require_reason || c.b->require_reason);
	apply_ignores(&c);
	service_instructions(&c);
	finish(&c, r);
	r->modules = c.g.nmods;
	r->services = c.b->nservices;
	r->files = c.g.nfiles;
	r->dir = xstrdup(cfg->dir);
	r->top = git_top(cfg->dir);
	if (o->baseline) rc = baseline_apply(r, o->baseline, c.b->kind_sev[CL_K_STALE_BASELINE], d);
	if (!rc && o->nfiles) only_files(r, cfg, o->files, o->nfiles);
	check_count(r);
	VEC_FREE(c.out);
	smap_release(&c.pairs);
	ck_free(&c.g);
	free(cfgfile);
	return rc;
}

/* A damaged store gives no answer: a read that failed turns the result into CL_EINTERNAL. */
int cl_check(const struct cl_config *cfg, struct cl_store *st, const struct cl_check_opts *o,
	     struct cl_check_result *r, struct cl_diags *d)
{
	return cl_store_failed(st, check_answer(cfg, st, o, r, d), d);
}
