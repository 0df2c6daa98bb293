/* propose.c — `cutline propose`: where to cut. The weighted dependency graph (module-level
 * imports, weaker late / TYPE_CHECKING / dynamic ones, module -> model data edges) is
 * contracted by the hard constraints (a module-level import cycle stays in one piece, so do
 * the names of one file, and with --pin-declared a declared service), clustered with
 * igraph's Leiden (or Louvain) over a sweep of resolutions and seeds, and the best
 * partition by modularity (or the one nearest --services N) is written with its metrics.
 * Deterministic for a given seed. */
#include "check_p.h"
#include "digraph_p.h"
#include "layout_p.h"
#include "metrics_p.h"
#include "store_p.h"

#include <cjson/cJSON.h>
#include <igraph/igraph.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

static const double gammas[] = { 0.1, 0.25, 0.5, 0.75, 1.0, 1.25, 1.5, 2.0, 3.0, 4.0, 6.0 };
enum { NGAMMAS = sizeof(gammas) / sizeof(gammas[0]), SEEDS = 4, LEIDEN_ITERATIONS = 20 };

/* A module's role: clustered (core); attached to the service it imports most (tests,
 * migrations: never a service, never an owner of data); a library (vendored code, or a
 * cluster most services import): listed, never a service, not a cut. */
enum { ROLE_CORE, ROLE_ATTACHED, ROLE_VENDORED, ROLE_LIBRARY };
struct vert { char *name; int module; int model; long lines; int group; int cluster; int role; };

struct prop {
	const struct cl_config *cfg;
	const struct cl_propose_opts *o;
	struct ck_graph g;
	VEC(struct vert) v;            /* modules (with a file), then models */
	size_t nmods;                  /* v[0..nmods) are modules */
	VEC(struct wedge) e;           /* all dependencies, weighted */
	VEC(char) op;                  /* by edge: 0 an import, 1 write, 2 read, 3 reference, 4 a
					  module's tie to its package (a hint, not a dependency),
					  5 a change in one commit */
	size_t nimports;               /* e[0..nimports) are imports between modules */
	struct wedge *plain;           /* those imports before damping: the metrics' graph */
	int *vert_of;                  /* vertex of each module of g, or -1 */
	int *comp;                     /* module-level import cycle (SCC) of each module of g */
	int *group;                    /* constraint group of each vertex */
	size_t ngroups;
	int *best;                     /* cluster of each vertex */
	size_t k;
	double gamma; unsigned long seed;
	VEC(size_t) lib_in;            /* by library: the services that imported it */
	size_t napart;                 /* keep-apart constraints */
	unsigned char *side;           /* napart x nmods: the pattern (1-based) a module
					  matches in each, or 0 */
};

/* --- the graph -------------------------------------------------------------------------- */
static double import_weight(const struct cl_propose_opts *o, int cat)
{
	switch (cat) {
	case CL_CAT_TOP: case CL_CAT_TRY: case CL_CAT_IF: return 1;
	case CL_CAT_LATE: return o->w_late;
	case CL_CAT_TYPE: return o->w_type;
	case CL_CAT_DYNAMIC: return o->w_dynamic;
	default: return 0;                       /* string references, parent packages */
	}
}

/* A module many modules import (a utility like shared.common) says little about where any
 * of them belongs: each import of it weighs 1/sqrt(its importers). */
static void damp_hubs(struct prop *p)
{
	if (!p->o->damp_hubs) return;
	size_t *in = xcalloc(p->v.n + 1, sizeof(size_t));
	struct smap seen = {0};
	char key[48];
	for (size_t i = 0; i < p->e.n; i++) {
		snprintf(key, sizeof(key), "%d %d", p->e.v[i].u, p->e.v[i].v);
		if (smap_put(&seen, key, 1)) in[p->e.v[i].v]++;
	}
	for (size_t i = 0; i < p->e.n; i++)
		p->e.v[i].w /= sqrt((double)(in[p->e.v[i].v] ? in[p->e.v[i].v] : 1));
	smap_release(&seen);
	free(in);
}

/* Each module to the nearest package above it (a.b.c to a.b, else a): the folders say what
 * was meant to live together, as long as the imports do not say otherwise. */
static void package_edges(struct prop *p, const int *vert_of)
{
	if (p->o->w_package <= 0) return;
	for (size_t i = 0; i < p->v.n; i++) {
		char *up = xstrdup(p->v.v[i].name);
		for (char *dot = strrchr(up, '.'); dot; dot = strrchr(up, '.')) {
			*dot = 0;
			int m = ck_module(&p->g, up);
			if (m < 0 || vert_of[m] < 0) continue;
			struct wedge e = { (int)i, vert_of[m], p->o->w_package };
			VEC_PUSH(p->e, e);
			VEC_PUSH(p->op, 4);
			break;
		}
		free(up);
	}
}

/* --history N: files changed in one commit tie their modules, each pair by w/(k-1) for a
 * commit of k modules (a sweeping commit says little); commits of more than 50 are left
 * out. */
static void cochange_edges(struct prop *p, const int *vert_of)
{
	if (!p->o->nhistory || p->o->w_cochange <= 0) return;
	int *of_file = xmalloc((p->g.nfiles + 1) * sizeof(int));
	for (size_t f = 0; f < p->g.nfiles; f++) of_file[f] = -1;
	for (size_t m = 0; m < p->g.nmods; m++) {
		int f = p->g.mod_file[m];
		if (f >= 0 && vert_of[m] >= 0 && of_file[f] < 0) of_file[f] = vert_of[m];
	}
	VEC(int) c = {0};
	for (size_t i = 0; i <= p->o->nhistory; i++) {
		const char *path = i < p->o->nhistory ? p->o->history[i] : NULL;
		if (path) {
			int f = ck_file(&p->g, path);
			int v = f >= 0 ? of_file[f] : -1;
			size_t k = 0;
			while (k < c.n && c.v[k] != v) k++;
			if (v >= 0 && k == c.n) VEC_PUSH(c, v);
			continue;
		}
		for (size_t a = 0; c.n > 1 && c.n <= 50 && a < c.n; a++) {
			for (size_t b = a + 1; b < c.n; b++) {
				struct wedge e = { c.v[a], c.v[b], p->o->w_cochange / (double)(c.n - 1) };
				VEC_PUSH(p->e, e);
				VEC_PUSH(p->op, 5);
			}
		}
		c.n = 0;
	}
	VEC_FREE(c);
	free(of_file);
}

static int load_graph(struct prop *p, struct cl_store *st, struct cl_diags *d)
{
	int *vert_of = p->vert_of = xmalloc((p->g.nmods + 1) * sizeof(int));
	for (size_t m = 0; m < p->g.nmods; m++) {
		vert_of[m] = -1;
		if (p->g.mod_file[m] < 0) continue;
		vert_of[m] = (int)p->v.n;
		struct vert x = { xstrdup(p->g.names[m]), (int)m, -1, 0, 0, 0, ROLE_CORE };
		VEC_PUSH(p->v, x);
	}
	p->nmods = p->v.n;
	for (size_t i = 0; i < p->g.edges.n; i++) {
		const struct ck_edge *ce = &p->g.edges.v[i];
		double w = import_weight(p->o, ce->cat);
		if (w <= 0 || vert_of[ce->src] < 0 || vert_of[ce->dst] < 0) continue;
		struct wedge e = { vert_of[ce->src], vert_of[ce->dst], w };
		VEC_PUSH(p->e, e);
		VEC_PUSH(p->op, 0);
	}
	p->nimports = p->e.n;
	p->plain = xmalloc((p->e.n + 1) * sizeof(struct wedge));    /* what the metrics weigh */
	if (p->e.n) memcpy(p->plain, p->e.v, p->e.n * sizeof(struct wedge));
	damp_hubs(p);
	package_edges(p, vert_of);
	cochange_edges(p, vert_of);
	sqlite3_stmt *q = store_prepare(st, "SELECT m.name, f.lines FROM modules m JOIN files f "
					"ON f.id = m.file_id", d);
	while (store_row(st, q)) {
		int m = ck_module(&p->g, (const char *)sqlite3_column_text(q, 0));
		if (m >= 0 && vert_of[m] >= 0) p->v.v[vert_of[m]].lines = sqlite3_column_int64(q, 1);
	}
	sqlite3_finalize(q);
	sqlite3_stmt *mq = q ? store_prepare(st, "SELECT d.name, m.name, a.op, count(*) FROM "
		"models d JOIN modules m ON m.id = d.module_id LEFT JOIN data_access a ON "
		"a.model_id = d.id WHERE d.abstract = 0 GROUP BY 1, 2, 3 ORDER BY 1, 2, 3", d) : NULL;
	struct smap models = {0};
	while (store_row(st, mq)) {
		const char *name = (const char *)sqlite3_column_text(mq, 0);
		int64_t *vi = smap_get(&models, name);
		if (!vi) {
			int home = ck_module(&p->g, (const char *)sqlite3_column_text(mq, 1));
			struct vert x = { xstrdup(name), home >= 0 ? vert_of[home] : -1, 1, 0, 0, 0, ROLE_CORE };
			smap_put(&models, name, (int64_t)p->v.n);
			VEC_PUSH(p->v, x);
			vi = smap_get(&models, name);
		}
		(void)vi;
	}
	sqlite3_finalize(mq);
	sqlite3_stmt *aq = mq ? store_prepare(st, "SELECT module, model, op FROM data_access WHERE "
					      "model IS NOT NULL", d) : NULL;
	while (store_row(st, aq)) {
		int m = ck_module(&p->g, (const char *)sqlite3_column_text(aq, 0));
		int64_t *vi = smap_get(&models, (const char *)sqlite3_column_text(aq, 1));
		const char *op = (const char *)sqlite3_column_text(aq, 2);
		double w = !strcmp(op, "write") ? p->o->w_write : !strcmp(op, "read") ? p->o->w_read
			 : p->o->w_reference;
		if (m < 0 || vert_of[m] < 0 || !vi || w <= 0) continue;
		struct wedge e = { vert_of[m], (int)*vi, w };
		VEC_PUSH(p->e, e);
		VEC_PUSH(p->op, (char)(!strcmp(op, "write") ? 1 : !strcmp(op, "read") ? 2 : 3));
	}
	sqlite3_finalize(aq);
	smap_release(&models);
	return q && mq && aq ? 0 : -1;
}

/* --- roles: tests, migrations and vendored code ------------------------------------------- */
static int has_path(void *arg, const char *path)
{
	return smap_get(arg, path) != NULL;
}

/* Is a folder of path (relative to the config, or absolute) a vendored copy of a library?
 * cache: folder -> 1 no, 2 yes. */
static int vendored_path(const struct prop *p, const char *path, struct smap *cache)
{
	for (const char *s = path, *e; (e = strchr(s, '/')); s = e + 1) {
		if (e == s) continue;
		char *dir = xstrndup(path, (size_t)(e - path));
		int64_t *was = smap_get(cache, dir);
		int yes = was ? *was == 2 : 0;
		if (!was) {
			char rec[256], *abs = dir[0] == '/' ? xstrdup(dir) : path_join(p->cfg->dir, dir);
			yes = layout_vendored(s, (size_t)(e - s), abs, rec, sizeof(rec)) != NULL;
			smap_put(cache, dir, yes ? 2 : 1);
			free(abs);
		}
		free(dir);
		if (yes) return 1;
	}
	return 0;
}

static void set_roles(struct prop *p)
{
	struct smap files = {0}, cache = {0};
	for (size_t f = 0; f < p->g.nfiles; f++) smap_put(&files, p->g.files[f].path, 1);
	for (size_t i = 0; i < p->nmods; i++) {
		const struct ck_file *cf = &p->g.files[p->g.mod_file[p->v.v[i].module]];
		if (vendored_path(p, cf->path, &cache)) p->v.v[i].role = ROLE_VENDORED;
		else if (cf->is_test || layout_is_test(p->cfg, cf->path) ||
			 layout_migration(cf->path, has_path, &files)) p->v.v[i].role = ROLE_ATTACHED;
	}
	smap_release(&files);
	smap_release(&cache);
}

static int core(const struct prop *p, int v)
{
	return p->v.v[v].role == ROLE_CORE;
}

/* --- keep and apart ------------------------------------------------------------------------ */
/* The constraints of one kind: the config's ("A,B" each), then the option's ("A,B;C,D"). */
static size_t constraints(char *const *cfg, size_t n, const char *opt, char ***out)
{
	VEC(char *) v = {0};
	for (size_t i = 0; i < n; i++) VEC_PUSH(v, xstrdup(cfg[i]));
	for (const char *s = opt, *e; s && *s; s = *e ? e + 1 : e) {
		e = s + strcspn(s, ";");
		if (e > s) VEC_PUSH(v, xstrndup(s, (size_t)(e - s)));
	}
	*out = v.v;
	return v.n;
}

/* The pattern (1-based) of constraint c (patterns by commas) that name matches, or 0. */
static int side_of(const char *c, const char *name)
{
	int k = 1;
	for (const char *s = c, *e; *s; s = *e ? e + 1 : e, k++) {
		e = s + strcspn(s, ",");
		char *pat = xstrndup(s, (size_t)(e - s));
		int hit = cl_name_match(pat, name);
		free(pat);
		if (hit) return k;
	}
	return 0;
}

static void load_apart(struct prop *p)
{
	char **c;
	p->napart = constraints(p->cfg->apart, p->cfg->napart, p->o->apart, &c);
	p->side = xcalloc(p->napart * p->nmods + 1, 1);
	for (size_t t = 0; t < p->napart; t++) {
		for (size_t i = 0; i < p->nmods; i++)
			p->side[t * p->nmods + i] = (unsigned char)side_of(c[t], p->v.v[i].name);
		free(c[t]);
	}
	free(c);
}

/* Would services a and b together hold two sides of a keep-apart constraint? */
static int conflict(const struct prop *p, int a, int b)
{
	for (size_t t = 0; t < p->napart; t++) {
		int seen = 0;
		for (size_t i = 0; i < p->nmods && !seen; i++) {
			int s = p->side[t * p->nmods + i];
			if (s && (p->best[i] == a || p->best[i] == b)) seen = s;
		}
		for (size_t i = 0; i < p->nmods && seen; i++) {
			int s = p->side[t * p->nmods + i];
			if (s && s != seen && (p->best[i] == a || p->best[i] == b)) return 1;
		}
	}
	return 0;
}

/* Each service holding two sides of a keep-apart constraint keeps its largest side; each
 * other side becomes a service of its own. */
static void split_apart(struct prop *p)
{
	size_t *count = xcalloc(256, sizeof(size_t));
	for (size_t t = 0; t < p->napart; t++) {
		for (size_t c = 0; c < p->k; c++) {
			memset(count, 0, 256 * sizeof(size_t));
			for (size_t i = 0; i < p->nmods; i++)
				if (p->best[i] == (int)c) count[p->side[t * p->nmods + i]]++;
			int keep = 0, sides = 0;
			for (int s = 1; s < 256; s++)
				if (count[s]) sides++, keep = !keep || count[s] > count[keep] ? s : keep;
			for (int s = 1; s < 256 && sides > 1; s++) {
				if (!count[s] || s == keep) continue;
				for (size_t i = 0; i < p->nmods; i++)
					if (p->best[i] == (int)c && p->side[t * p->nmods + i] == s) p->best[i] = (int)p->k;
				p->k++;
			}
		}
	}
	free(count);
}

/* A pattern of a keep or apart constraint that matches no module is a typo to point out. */
static void check_constraints(const struct prop *p, struct cl_diags *d)
{
	char **c[2];
	size_t n[2] = { constraints(p->cfg->keep, p->cfg->nkeep, p->o->keep, &c[0]),
			constraints(p->cfg->apart, p->cfg->napart, p->o->apart, &c[1]) };
	for (int k = 0; k < 2; k++) {
		for (size_t t = 0; t < n[k]; t++) {
			if (!strchr(c[k][t], ','))
				cl_diag_add(d, CL_ERROR, NULL, 0, 0, "propose: %s '%s' wants two module "
					    "patterns or more, by commas", k ? "apart" : "keep", c[k][t]);
			for (const char *s = c[k][t], *e; *s; s = *e ? e + 1 : e) {
				e = s + strcspn(s, ",");
				char *pat = xstrndup(s, (size_t)(e - s));
				size_t i = 0;
				while (i < p->nmods && !cl_name_match(pat, p->v.v[i].name)) i++;
				if (i == p->nmods)
					cl_diag_add(d, CL_WARNING, NULL, 0, 0, "propose: %s pattern '%s' matches "
						    "no module", k ? "apart" : "keep", pat);
				free(pat);
			}
			free(c[k][t]);
		}
		free(c[k]);
	}
}

/* --- the hard constraints: groups that stay together -------------------------------------- */
static int find(int *parent, int x)
{
	while (parent[x] != x) x = parent[x] = parent[parent[x]];
	return x;
}

static void unite(int *parent, int a, int b)
{
	a = find(parent, a);
	b = find(parent, b);
	if (a != b) parent[a > b ? a : b] = a < b ? a : b;   /* the smaller index leads */
}

static void constrain(struct prop *p)
{
	size_t n = p->v.n;
	int *parent = xmalloc((n + 1) * sizeof(int));
	for (size_t i = 0; i < n; i++) parent[i] = (int)i;
	VEC(int) cyc = {0};                       /* module-level import edges */
	for (size_t i = 0; i < p->g.edges.n; i++) {
		const struct ck_edge *ce = &p->g.edges.v[i];
		if (ce->cat != CL_CAT_TOP && ce->cat != CL_CAT_TRY && ce->cat != CL_CAT_IF) continue;
		VEC_PUSH(cyc, ce->src);
		VEC_PUSH(cyc, ce->dst);
	}
	struct digraph *dg = digraph_new(p->g.nmods, cyc.v, cyc.n / 2);
	int *comp = p->comp = xmalloc((p->g.nmods + 1) * sizeof(int));
	int *lead = xmalloc((p->g.nmods + 1) * sizeof(int));
	digraph_scc(dg, comp);
	for (size_t m = 0; m < p->g.nmods; m++) lead[m] = -1;
	for (size_t i = 0; i < p->nmods; i++) {
		int c = comp[p->v.v[i].module];
		if (lead[c] < 0) lead[c] = (int)i;
		else unite(parent, lead[c], (int)i);
	}
	int *file_lead = xmalloc((p->g.nfiles + 1) * sizeof(int));   /* one file, two names */
	for (size_t f = 0; f < p->g.nfiles; f++) file_lead[f] = -1;
	for (size_t i = 0; i < p->nmods; i++) {
		int f = p->g.mod_file[p->v.v[i].module];
		if (file_lead[f] < 0) file_lead[f] = (int)i;
		else unite(parent, file_lead[f], (int)i);
	}
	free(file_lead);
	char **keep;                              /* --keep, [propose] keep: one group each */
	size_t nkeep = constraints(p->cfg->keep, p->cfg->nkeep, p->o->keep, &keep);
	for (size_t t = 0; t < nkeep; t++) {
		int lead_k = -1;
		for (size_t i = 0; i < p->nmods; i++) {
			if (!side_of(keep[t], p->v.v[i].name)) continue;
			if (lead_k < 0) lead_k = (int)i;
			else unite(parent, lead_k, (int)i);
		}
		free(keep[t]);
	}
	free(keep);
	if (p->o->pin_declared) {
		int *svc_lead = xmalloc((p->cfg->b->nservices + 1) * sizeof(int));
		for (size_t s = 0; s < p->cfg->b->nservices; s++) svc_lead[s] = -1;
		for (size_t i = 0; i < p->nmods; i++) {
			int s = p->g.svc[p->v.v[i].module];
			if (s < 0) continue;
			if (svc_lead[s] < 0) svc_lead[s] = (int)i;
			else unite(parent, svc_lead[s], (int)i);
		}
		free(svc_lead);
	}
	p->group = xmalloc((n + 1) * sizeof(int));
	int *id = xmalloc((n + 1) * sizeof(int));
	for (size_t i = 0; i < n; i++) id[i] = -1;
	p->ngroups = 0;
	for (size_t i = 0; i < n; i++) {
		int r = find(parent, (int)i);
		if (id[r] < 0) id[r] = (int)p->ngroups++;
		p->group[i] = id[r];
	}
	free(id);
	free(parent);
	free(lead);
	digraph_free(dg);
	VEC_FREE(cyc);
}

/* --- clustering -------------------------------------------------------------------------- */
/* The groups' undirected weighted graph, for igraph. */
static void group_graph(const struct prop *p, igraph_t *ig, igraph_vector_t *w)
{
	igraph_vector_int_t ev;
	igraph_vector_int_init(&ev, 0);
	igraph_vector_init(w, 0);
	for (size_t i = 0; i < p->e.n; i++) {
		if (!core(p, p->e.v[i].u) || !core(p, p->e.v[i].v)) continue;
		igraph_vector_int_push_back(&ev, p->group[p->e.v[i].u]);
		igraph_vector_int_push_back(&ev, p->group[p->e.v[i].v]);
		igraph_vector_push_back(w, p->e.v[i].w);
	}
	igraph_create(ig, &ev, (igraph_integer_t)p->ngroups, IGRAPH_UNDIRECTED);
	igraph_vector_int_destroy(&ev);
}

/* One clustering of the groups: memb[group]. Returns the number of clusters. */
static size_t cluster_once(const struct prop *p, igraph_t *ig, const igraph_vector_t *w,
			   double gamma, unsigned long seed, int *memb)
{
	igraph_vector_int_t m;
	igraph_vector_int_init(&m, 0);
	igraph_rng_seed(igraph_rng_default(), seed);
	if (p->o->method == CL_LOUVAIN) {
		igraph_community_multilevel(ig, w, gamma, &m, NULL, NULL);
	} else {
		igraph_vector_t strength;
		igraph_vector_init(&strength, 0);
		igraph_strength(ig, &strength, igraph_vss_all(), IGRAPH_ALL, IGRAPH_LOOPS, w);
		double total = igraph_vector_sum(w);
		igraph_integer_t nb = 0;
		igraph_real_t quality = 0;
		igraph_vector_int_t last;
		igraph_vector_int_init(&last, 0);
		/* one iteration at a time from the last, until nothing moves: most runs settle in
		 * two or three, and 20 at most, since "until stable" can cycle at a high resolution */
		for (int it = 0; it < LEIDEN_ITERATIONS; it++) {
			igraph_community_leiden(ig, w, &strength, total > 0 ? gamma / (2 * total) : gamma,
						0.01, it > 0, 1, &m, &nb, &quality);
			if (it > 0 && igraph_vector_int_all_e(&m, &last)) break;
			igraph_vector_int_update(&last, &m);
		}
		igraph_vector_int_destroy(&last);
		igraph_vector_destroy(&strength);
	}
	size_t k = 0;
	for (size_t i = 0; i < p->ngroups; i++) {
		memb[i] = (int)VECTOR(m)[i];
		if ((size_t)memb[i] + 1 > k) k = (size_t)memb[i] + 1;
	}
	igraph_vector_int_destroy(&m);
	return k;
}

/* Clusters numbered by their first vertex, so that names and order do not depend on
 * igraph's numbering. Returns the number of clusters. */
static size_t renumber(size_t n, int *memb)
{
	size_t ids = 0;                          /* igraph's labels: up to the groups' count */
	for (size_t i = 0; i < n; i++) if (memb[i] >= 0 && (size_t)memb[i] + 1 > ids) ids = (size_t)memb[i] + 1;
	int *map = xmalloc((ids + 1) * sizeof(int));
	for (size_t i = 0; i < ids; i++) map[i] = -1;
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		if (memb[i] < 0) continue;           /* in no service */
		if (map[memb[i]] < 0) map[memb[i]] = (int)k++;
		memb[i] = map[memb[i]];
	}
	free(map);
	return k;
}

/* The metrics over the edges e[0..ne) among the modules in a service (memb >= 0): metrics
 * know no vertex outside every cluster. */
static void metrics_of(const struct prop *p, const struct wedge *e, size_t ne, const int *memb,
		       size_t k, struct part_metrics *m)
{
	int *at = xmalloc((p->nmods + 1) * sizeof(int)), *cm = xmalloc((p->nmods + 1) * sizeof(int));
	size_t n = 0;
	for (size_t i = 0; i < p->nmods; i++) {
		at[i] = memb[i] >= 0 ? (int)n : -1;
		if (memb[i] >= 0) cm[n++] = memb[i];
	}
	VEC(struct wedge) in = {0};
	for (size_t i = 0; i < ne; i++) {
		if ((size_t)e[i].u >= p->nmods || (size_t)e[i].v >= p->nmods) continue;
		if (at[e[i].u] < 0 || at[e[i].v] < 0) continue;
		struct wedge w = { at[e[i].u], at[e[i].v], e[i].w };
		VEC_PUSH(in, w);
	}
	metrics_compute(n, in.v, in.n, cm, k, m);
	VEC_FREE(in);
	free(at);
	free(cm);
}

/* Modularity (at resolution 1) of the graph being clustered, among the modules: what
 * chooses between the candidates. */
static double score(const struct prop *p, const int *vmemb, size_t k)
{
	struct part_metrics m;
	metrics_of(p, p->e.v, p->e.n, vmemb, k, &m);
	return m.q;
}

/* Keeps the clustering gm of the groups (at gamma, seed) when it is nearer --services N
 * than the best so far, or as near with a higher modularity. */
static void consider(struct prop *p, const int *gm, int *vm, double gamma, unsigned long seed,
		     double *best_q, size_t *best_gap)
{
	for (size_t i = 0; i < p->nmods; i++) vm[i] = core(p, (int)i) ? gm[p->group[i]] : -1;
	size_t k = renumber(p->nmods, vm);   /* modules first: models follow */
	double q = score(p, vm, k);
	size_t want = p->o->services, big = 0;    /* the fewest at or above N: merges reach N */
	if (want) {                               /* counting the services of two modules or
						     more: single ones join their neighbours */
		size_t *size = xcalloc(k + 1, sizeof(size_t));
		for (size_t i = 0; i < p->nmods; i++) if (vm[i] >= 0 && size[vm[i]]++ == 1) big++;
		free(size);
	}
	size_t gap = !want ? 0 : big >= want ? big - want : 1000000 + want - big;
	if (gap < *best_gap || (gap == *best_gap && q > *best_q + 1e-12)) {
		*best_gap = gap;
		*best_q = q;
		p->k = k;
		p->gamma = gamma;
		p->seed = seed;
		memcpy(p->best, vm, p->nmods * sizeof(int));
	}
}

/* The sweep: each resolution with the first seed, then the other seeds at the best one
 * (seeds move modularity far less than the resolution does: 14 runs, not 44). */
static void cluster(struct prop *p)
{
	igraph_t ig;
	igraph_vector_t w;
	group_graph(p, &ig, &w);
	int *gm = xmalloc((p->ngroups + 1) * sizeof(int));
	int *vm = xmalloc((p->v.n + 1) * sizeof(int));
	p->best = xmalloc((p->v.n + 1) * sizeof(int));
	double best_q = -2;
	size_t best_gap = (size_t)-1;
	for (size_t gi = 0; gi < NGAMMAS; gi++) {
		cluster_once(p, &ig, &w, gammas[gi], p->o->seed, gm);
		consider(p, gm, vm, gammas[gi], p->o->seed, &best_q, &best_gap);
	}
	double gamma = p->gamma;
	for (unsigned long s = 1; s < SEEDS; s++) {
		cluster_once(p, &ig, &w, gamma, p->o->seed + s, gm);
		consider(p, gm, vm, gamma, p->o->seed + s, &best_q, &best_gap);
	}
	free(gm);
	free(vm);
	igraph_vector_destroy(&w);
	igraph_destroy(&ig);
}

/* --packages N: no clustering, the modules cut by their first N name parts (a baseline
 * to compare a proposal with, measured the same way). */
static void by_packages(struct prop *p)
{
	struct smap ids = {0};
	p->best = xmalloc((p->v.n + 1) * sizeof(int));
	p->k = 0;
	for (size_t i = 0; i < p->nmods; i++) {
		const char *n = p->v.v[i].name;
		size_t cut = 0, parts = 0;
		while (n[cut] && !(n[cut] == '.' && ++parts == p->o->packages)) cut++;
		char *key = xstrndup(n, cut);
		int64_t *id = smap_get(&ids, key);
		if (!id) smap_put(&ids, key, (int64_t)p->k++), id = smap_get(&ids, key);
		p->best[i] = (int)*id;
		free(key);
	}
	smap_release(&ids);
	p->gamma = 0;
	p->seed = 0;
}

/* --- after the clustering: single modules, libraries, the count asked for, attachments ----- */
/* The weight between each two services (imports and data among clustered modules), k x k. */
static double *service_weights(const struct prop *p)
{
	double *w = xcalloc(p->k * p->k + 1, sizeof(double));
	for (size_t i = 0; i < p->e.n; i++) {
		int u = p->e.v[i].u, v = p->e.v[i].v;
		if ((size_t)u >= p->nmods || (size_t)v >= p->nmods || !core(p, u) || !core(p, v)) continue;
		int a = p->best[u], b = p->best[v];
		if (a < 0 || b < 0 || a == b) continue;
		w[(size_t)a * p->k + (size_t)b] += p->e.v[i].w;
		w[(size_t)b * p->k + (size_t)a] += p->e.v[i].w;
	}
	return w;
}

/* Service b joins service a; the last service takes b's number. */
static void merge(struct prop *p, int a, int b)
{
	int last = (int)p->k - 1;
	for (size_t i = 0; i < p->nmods; i++) {
		if (p->best[i] == b) p->best[i] = a;
		if (p->best[i] == last) p->best[i] = b;
	}
	p->k--;
}

/* The service most of the clustered modules of name's packages are in (the deepest package
 * that has any), or -1. */
static int nearest_by_name(const struct prop *p, const char *full, int except)
{
	char *name = xstrdup(full);
	int c = -1;
	size_t *count = xcalloc(p->k + 1, sizeof(size_t));
	for (char *dot = strrchr(name, '.'); dot && c < 0; dot = strrchr(name, '.')) {
		*dot = 0;
		size_t n = strlen(name);
		memset(count, 0, (p->k + 1) * sizeof(size_t));
		for (size_t j = 0; j < p->nmods; j++) {
			const char *o = p->v.v[j].name;
			if (p->best[j] < 0 || p->best[j] == except || !core(p, (int)j) || strncmp(o, name, n) ||
			    (o[n] && o[n] != '.')) continue;
			count[p->best[j]]++;
		}
		for (size_t k = 0; k < p->k; k++) if (count[k] && (c < 0 || count[k] > count[c])) c = (int)k;
	}
	free(count);
	free(name);
	return c;
}

/* A service of one module joins the one it shares most weight with, else the one its
 * package is in: a proposal of single modules is no plan. Those with neither (top-level
 * scripts) share one service, as init's "toplevel" does. */
static void merge_singles(struct prop *p)
{
	int lone = -1;                            /* the service of the lone modules */
	for (int again = 1; again && p->k > 1; ) {
		again = 0;
		size_t *size = xcalloc(p->k + 1, sizeof(size_t));
		int *one = xcalloc(p->k + 1, sizeof(int));
		for (size_t i = 0; i < p->nmods; i++)
			if (p->best[i] >= 0 && core(p, (int)i) && !size[p->best[i]]++) one[p->best[i]] = (int)i;
		double *w = service_weights(p);
		for (size_t c = 0; c < p->k && !again; c++) {
			if (size[c] != 1 || (int)c == lone) continue;
			int to = -1;
			for (size_t o = 0; o < p->k; o++)
				if (o != c && w[c * p->k + o] > 0 && (to < 0 || w[c * p->k + o] > w[c * p->k + (size_t)to]) &&
				    !conflict(p, (int)c, (int)o)) to = (int)o;
			if (to < 0) to = nearest_by_name(p, p->v.v[one[c]].name, (int)c);
			if (to >= 0 && conflict(p, (int)c, to)) to = -1;
			if (to < 0 && lone >= 0 && conflict(p, (int)c, lone)) continue;   /* stays alone */
			if (to < 0 && lone < 0) {
				lone = (int)c;            /* the first: the others join it */
				continue;
			}
			if (to < 0) to = lone;
			if (lone == (int)p->k - 1) lone = (int)c;   /* merge renumbers the last */
			merge(p, to, (int)c);
			again = 1;
		}
		free(w);
		free(size);
		free(one);
	}
}

/* Modularity gain of joining a and b (w: service_weights, deg: each service's weight, m
 * the total), the merge that --services N makes first. */
static double gain(const double *w, const double *deg, double m, size_t k, size_t a, size_t b)
{
	return m > 0 ? w[a * k + b] / m - deg[a] * deg[b] / (2 * m * m) : 0;
}

/* --services N: merges the two services whose joining gains most modularity until N are
 * left; fewer cannot be split further here, which stderr says. */
static void merge_to(struct prop *p, struct cl_diags *d)
{
	size_t want = p->o->services;
	while (want && p->k > want) {
		double *w = service_weights(p), *deg = xcalloc(p->k + 1, sizeof(double)), m = 0;
		for (size_t a = 0; a < p->k; a++)
			for (size_t b = 0; b < p->k; b++) deg[a] += w[a * p->k + b], m += w[a * p->k + b] / 2;
		size_t ba = 0, bb = 0;
		double best = -1e300;
		for (size_t a = 0; a < p->k; a++)
			for (size_t b = a + 1; b < p->k; b++) {
				double g = gain(w, deg, m, p->k, a, b);
				if (g > best + 1e-15 && !conflict(p, (int)a, (int)b)) best = g, ba = a, bb = b;
			}
		free(w);
		free(deg);
		if (ba == bb) break;                      /* every merge would join two kept apart */
		merge(p, (int)ba, (int)bb);
	}
	if (want && p->k > want)
		cl_diag_add(d, CL_WARNING, NULL, 0, 0, "propose: %zu services, not %zu: fewer would join "
			    "modules kept apart (--apart, [propose] apart)", p->k, want);
	if (want && p->k < want)
		cl_diag_add(d, CL_WARNING, NULL, 0, 0, "propose: %zu services, not %zu: the clustering "
			    "splits the code no further (%zu groups stay together after the constraints, "
			    "and a service of one module joins its neighbour)", p->k, want, p->ngroups);
}

/* A service most others import and that imports at most one other (a utility like
 * shared.common, a base package) is a library: listed as such, not proposed as a service. */
static void find_libraries(struct prop *p)
{
	if (p->k < 4) return;
	unsigned char *dep = xcalloc(p->k * p->k + 1, 1);
	for (size_t i = 0; i < p->nimports; i++) {
		int u = p->plain[i].u, v = p->plain[i].v, a = p->best[u], b = p->best[v];
		if (core(p, u) && core(p, v) && a >= 0 && b >= 0 && a != b) dep[(size_t)a * p->k + (size_t)b] = 1;
	}
	for (size_t c = p->k; c-- > 0; ) {
		size_t in = 0, out = 0;
		for (size_t o = 0; o < p->k; o++) in += dep[o * p->k + c], out += dep[c * p->k + o];
		if (3 * in < 2 * (p->k - 1) || out > 1) continue;
		for (size_t i = 0; i < p->nmods; i++) {
			if (p->best[i] != (int)c) continue;
			p->v.v[i].role = ROLE_LIBRARY;
			p->v.v[i].cluster = (int)p->lib_in.n;   /* its library */
			p->best[i] = -1;
		}
		VEC_PUSH(p->lib_in, in);
		int last = (int)p->k - 1;                /* the last service takes c's number */
		for (size_t i = 0; i < p->nmods; i++) if (p->best[i] == last) p->best[i] = (int)c;
		for (size_t a = 0; a < p->k; a++) dep[a * p->k + c] = dep[a * p->k + (size_t)last],
						    dep[c * p->k + a] = dep[(size_t)last * p->k + a];
		p->k--;
	}
	free(dep);
}

struct attach_edge { int module, service; double w; };

static int cmp_attach(const void *x, const void *y)
{
	const struct attach_edge *a = x, *b = y;
	if (a->module != b->module) return a->module - b->module;
	return a->service - b->service;
}

/* Tests and migrations join the service they import most (then the one their package is
 * in); vendored code stays a library. */
static void attach(struct prop *p)
{
	VEC(struct attach_edge) ae = {0};
	for (size_t i = 0; i < p->nimports; i++) {
		int u = p->plain[i].u, v = p->plain[i].v;
		if (p->v.v[u].role != ROLE_ATTACHED || !core(p, v) || p->best[v] < 0) continue;
		struct attach_edge a = { u, p->best[v], p->plain[i].w };
		VEC_PUSH(ae, a);
	}
	if (ae.n) sort_array(ae.v, ae.n, sizeof(struct attach_edge), cmp_attach);
	VEC(struct attach_edge) tot = {0};          /* one module's weight to each service */
	for (size_t j = 0; j < ae.n; ) {
		int m = ae.v[j].module, c = -1, ties = 0;
		tot.n = 0;
		while (j < ae.n && ae.v[j].module == m) {
			struct attach_edge t = { m, ae.v[j].service, 0 };
			for (; j < ae.n && ae.v[j].module == m && ae.v[j].service == t.service; j++) t.w += ae.v[j].w;
			VEC_PUSH(tot, t);
			if (c < 0 || t.w > tot.v[c].w + 1e-12) c = (int)tot.n - 1, ties = 1;
			else if (t.w > tot.v[c].w - 1e-12) ties++;
		}
		int home = ties > 1 ? nearest_by_name(p, p->v.v[m].name, -1) : -1;
		p->best[m] = tot.v[c].service;    /* a tie goes to the service of its package */
		for (size_t k = 0; k < tot.n; k++)
			if (tot.v[k].service == home && tot.v[k].w > tot.v[c].w - 1e-12) p->best[m] = home;
	}
	VEC_FREE(tot);
	VEC_FREE(ae);
	for (size_t i = 0; i < p->nmods; i++)
		if (p->v.v[i].role == ROLE_ATTACHED && p->best[i] < 0)
			p->best[i] = nearest_by_name(p, p->v.v[i].name, -1);
}

/* Each model goes to the proposed service that writes it most (then reads it most), else
 * to its defining module's; -1 when neither tells. */
static void assign_models(struct prop *p)
{
	double *score = xmalloc((2 * p->k + 2) * sizeof(double));
	for (size_t i = p->nmods; i < p->v.n; i++) {
		memset(score, 0, (2 * p->k + 2) * sizeof(double));
		int any = 0;
		for (size_t e = p->nimports; e < p->e.n; e++) {
			if ((size_t)p->e.v[e].v != i || p->op.v[e] < 1 || p->op.v[e] > 2) continue;
			int u = p->e.v[e].u;         /* tests and migrations name every model: no say */
			if (!core(p, u) || p->best[u] < 0) continue;
			score[2 * p->best[u] + (p->op.v[e] == 1 ? 0 : 1)] += 1;
			any = 1;
		}
		int c = -1;
		for (size_t k = 0; k < p->k && any; k++)
			if (c < 0 || score[2 * k] > score[2 * c] ||
			    (score[2 * k] == score[2 * c] && score[2 * k + 1] > score[2 * c + 1])) c = (int)k;
		if (c < 0 && p->v.v[i].module >= 0) c = p->best[p->v.v[i].module];
		if (c >= 0 && (size_t)c >= p->k) c = -1;   /* a library's model: no service owns it */
		p->best[i] = c;
	}
	free(score);
}

/* --- what the cut means: the new APIs, shared data, cycle breaks, an order ------------------ */
struct use_edge { int a, b; char *item; };     /* service a uses item of service b */

static int cmp_use_edge(const void *x, const void *y)
{
	const struct use_edge *p = x, *q = y;
	if (p->a != q->a) return p->a - q->a;
	if (p->b != q->b) return p->b - q->b;
	return strcmp(p->item, q->item);
}

struct plan {
	VEC(struct use_edge) uses;     /* sorted; one per import across services */
	VEC(char *) breaks;            /* late imports across services: "a -> b (path:line)" */
	VEC(int) order;                /* services, least entangled first */
	double *entangled;             /* by position in order: cut weight to those after it */
};

/* Module-level import cycles whose modules the config puts in different services: propose
 * keeps each whole, so one import of it must become late (or go) for that split. */
static void straddling_cycles(const struct prop *p, struct plan *pl)
{
	if (!p->comp || !p->cfg->b->nservices) return;
	size_t n = p->g.nmods;
	int *first_svc = xmalloc((n + 1) * sizeof(int));
	char *mixed = xcalloc(n + 1, 1), *done = xcalloc(n + 1, 1);
	for (size_t c = 0; c < n; c++) first_svc[c] = -2;
	for (size_t m = 0; m < n; m++) {
		int c = p->comp[m], s = p->g.svc[m];
		if (s < 0) continue;
		if (first_svc[c] == -2) first_svc[c] = s;
		else if (first_svc[c] != s) mixed[c] = 1;
	}
	for (size_t m = 0; m < n; m++) {
		int c = p->comp[m];
		if (!mixed[c] || done[c]) continue;
		done[c] = 1;
		struct strbuf sb = {0};
		sb_adds(&sb, "module-level cycle across declared services:");
		for (size_t k = m; k < n; k++) {
			if (p->comp[k] != c) continue;
			int s = p->g.svc[k];
			sb_addf(&sb, " %s (%s)", p->g.names[k], s >= 0 ? p->cfg->b->services[s].name : "no service");
		}
		VEC_PUSH(pl->breaks, sb_detach(&sb));
	}
	free(first_svc);
	free(mixed);
	free(done);
}

/* The imports across services, as callee module.symbol: each service's would-be API. */
static int load_uses(struct prop *p, struct cl_store *st, struct plan *pl, struct cl_diags *d)
{
	sqlite3_stmt *q = store_prepare(st, "SELECT s.name, t.name, e.symbol, e.category, f.path, "
		"e.line FROM edges e JOIN modules s ON s.id = e.src JOIN modules t ON t.id = e.dst "
		"LEFT JOIN files f ON f.id = e.file_id WHERE e.kind <> 'parent' AND e.category <> "
		"'string' ORDER BY f.path, e.line, e.col", d);
	if (!q) return -1;
	while (store_row(st, q)) {
		int ms = ck_module(&p->g, (const char *)sqlite3_column_text(q, 0));
		int mt = ck_module(&p->g, (const char *)sqlite3_column_text(q, 1));
		if (ms < 0 || mt < 0 || p->vert_of[ms] < 0 || p->vert_of[mt] < 0) continue;
		int a = p->best[p->vert_of[ms]], b = p->best[p->vert_of[mt]];
		if (a == b || a < 0 || b < 0 || !core(p, p->vert_of[ms])) continue;   /* libraries, tests */
		const char *sym = (const char *)sqlite3_column_text(q, 2);
		struct use_edge u = { a, b, sym ? xasprintf("%s.%s", p->g.names[mt], sym)
					    : xstrdup(p->g.names[mt]) };
		VEC_PUSH(pl->uses, u);
		const char *cat = (const char *)sqlite3_column_text(q, 3);
		const char *path = (const char *)sqlite3_column_text(q, 4);
		if (cat && !strcmp(cat, "late"))
			VEC_PUSH(pl->breaks, xasprintf("%s -> %s  (%s:%d)", p->g.names[ms], p->g.names[mt],
						       path ? path : "?", sqlite3_column_int(q, 5)));
	}
	sqlite3_finalize(q);
	if (pl->uses.n) sort_array(pl->uses.v, pl->uses.n, sizeof(struct use_edge), cmp_use_edge);
	straddling_cycles(p, pl);
	return 0;
}

/* Least entangled first: again and again, the service with the least import and data
 * weight to and from the services still left (then the first by number). */
static void extraction_order(const struct prop *p, struct plan *pl)
{
	double *w = xcalloc(p->k * p->k + 1, sizeof(double));
	for (size_t i = 0; i < p->e.n; i++) {
		int a = p->best[p->e.v[i].u], b = p->best[p->e.v[i].v];
		if (a >= 0 && b >= 0 && a != b && p->op.v[i] != 4 && core(p, p->e.v[i].u))
			w[(size_t)a * p->k + (size_t)b] += p->e.v[i].w;
	}
	pl->entangled = xcalloc(p->k + 1, sizeof(double));
	size_t *seq = xcalloc(p->k + 1, sizeof(size_t));
	metrics_extraction_order(p->k, w, NULL, seq, pl->entangled);
	for (size_t step = 0; step < p->k; step++) VEC_PUSH(pl->order, (int)seq[step]);
	free(seq);
	free(w);
}

static void plan_free(struct plan *pl)
{
	for (size_t i = 0; i < pl->uses.n; i++) free(pl->uses.v[i].item);
	VEC_FREE(pl->uses);
	for (size_t i = 0; i < pl->breaks.n; i++) free(pl->breaks.v[i]);
	VEC_FREE(pl->breaks);
	VEC_FREE(pl->order);
	free(pl->entangled);
}

/* --- writing the proposal ------------------------------------------------------------------- */
/* A service's modules as patterns: `a.**` where every module under a is in it. */
static void collapse_as(const struct prop *p, const int *memb, size_t c, cJSON *arr, struct strbuf *text,
			int clustered)
{
	struct smap total = {0}, mine = {0};
	for (size_t i = 0; i < p->nmods; i++) {
		if (clustered && p->v.v[i].role == ROLE_ATTACHED) continue;
		char *name = xstrdup(p->v.v[i].name);
		for (char *dot = name + strlen(name); ; ) {
			int64_t *t = smap_get(&total, name);
			smap_put(&total, name, t ? *t + 1 : 1);
			if (memb[i] == (int)c) {
				int64_t *mm = smap_get(&mine, name);
				smap_put(&mine, name, mm ? *mm + 1 : 1);
			}
			dot = strrchr(name, '.');
			if (!dot) break;
			*dot = 0;
		}
		free(name);
	}
	struct smap shown = {0};
	for (size_t i = 0; i < p->nmods; i++) {
		if (memb[i] != (int)c || (clustered && p->v.v[i].role == ROLE_ATTACHED)) continue;
		const char *full = p->v.v[i].name;
		char *pat = NULL;
		size_t len = strlen(full);
		for (size_t cut = 1; cut <= len && !pat; cut++) {   /* shortest prefix first */
			if (cut < len && full[cut] != '.') continue;
			char *prefix = xstrndup(full, cut);
			int64_t *t = smap_get(&total, prefix), *mm = smap_get(&mine, prefix);
			if (t && mm && *t == *mm) pat = *t > 1 ? xasprintf("%s.**", prefix) : xstrdup(full);
			free(prefix);
		}
		if (!pat) pat = xstrdup(full);
		if (!smap_get(&shown, pat)) {
			smap_put(&shown, pat, 1);
			if (arr) cJSON_AddItemToArray(arr, cJSON_CreateString(pat));
			if (text) sb_addf(text, "%s%s", text->len ? ", " : "", pat);
		}
		free(pat);
	}
	smap_release(&total);
	smap_release(&mine);
	smap_release(&shown);
}

/* A service's modules as patterns: `a.**` where every module under a is in it. */
static void collapse(const struct prop *p, const int *memb, size_t c, cJSON *arr, struct strbuf *text)
{
	collapse_as(p, memb, c, arr, text, 0);
}

/* --- names ---------------------------------------------------------------------------------- */
struct prefix_lines { char *prefix; long lines; };

static int cmp_prefix_lines(const void *x, const void *y)
{
	const struct prefix_lines *a = x, *b = y;
	if (a->lines != b->lines) return a->lines > b->lines ? -1 : 1;
	return strcmp(a->prefix, b->prefix);
}

/* The first top-level package when it holds nine tenths of the lines (saleor in saleor.*):
 * every name would start with it, so none does. */
static char *shared_top(const struct prop *p, const int *memb)
{
	struct smap lines = {0};
	long all = 0, best = 0;
	const char *top = NULL;
	for (size_t i = 0; i < p->nmods; i++) {
		if (memb[i] < 0) continue;
		char *t = xstrndup(p->v.v[i].name, strcspn(p->v.v[i].name, "."));
		int64_t *n = smap_get(&lines, t);
		smap_put(&lines, t, (n ? *n : 0) + p->v.v[i].lines + 1);
		all += p->v.v[i].lines + 1;
		free(t);
	}
	for (size_t k = 0; k < lines.cap; k++)
		if (lines.keys[k] && lines.vals[k] > best) best = lines.vals[k], top = lines.keys[k];
	char *out = top && best * 10 >= all * 9 ? xstrdup(top) : NULL;
	smap_release(&lines);
	return out;
}

/* The part of a module's name that names its domain: after the shared top, past a layer
 * of layers when given (graphql in saleor.graphql.order), depth parts of it; NULL for the
 * top itself. */
static char *domain_of(const char *name, const char *top, const struct smap *layers, size_t depth)
{
	size_t tl = top ? strlen(top) : 0;
	if (top && !strncmp(name, top, tl) && name[tl] == '.') name += tl + 1;
	else if (top && !strcmp(name, top)) return NULL;
	size_t first = strcspn(name, ".");
	char *head = xstrndup(name, first);
	if (name[first] && layers && smap_get(layers, head)) name += first + 1;
	free(head);
	size_t cut = 0, parts = 0;
	while (name[cut] && !(name[cut] == '.' && ++parts == depth)) cut++;
	return xstrndup(name, cut);
}

/* Service c's name: the domains of that many name parts that hold most of its clustered
 * lines (one, or two when one holds less than three fifths), joined by '+' (order+invoice). */
static char *name_at(const struct prop *p, const int *memb, int c, size_t depth, const char *top,
		     const struct smap *layers)
{
	struct smap lines = {0};
	long all = 0;
	for (size_t i = 0; i < p->nmods; i++) {
		if (memb[i] != c || p->v.v[i].role == ROLE_ATTACHED) continue;
		char *pre = domain_of(p->v.v[i].name, top, layers, depth);
		if (!pre) continue;
		int64_t *l = smap_get(&lines, pre);
		smap_put(&lines, pre, (l ? *l : 0) + p->v.v[i].lines + 1);
		all += p->v.v[i].lines + 1;
		free(pre);
	}
	VEC(struct prefix_lines) v = {0};
	for (size_t k = 0; k < lines.cap; k++) {
		if (!lines.keys[k]) continue;
		struct prefix_lines pl = { lines.keys[k], (long)lines.vals[k] };
		VEC_PUSH(v, pl);
	}
	if (v.n) sort_array(v.v, v.n, sizeof(v.v[0]), cmp_prefix_lines);
	struct strbuf sb = {0};
	for (size_t k = 0; k < v.n && k < 2; k++) {
		if (k && v.v[0].lines * 5 >= all * 3) break;
		if (sb.len) sb_addc(&sb, '+');
		sb_adds(&sb, v.v[k].prefix);
	}
	VEC_FREE(v);
	smap_release(&lines);
	if (!sb.len) sb_adds(&sb, top ? top : "service");
	return sb_detach(&sb);
}

/* Layers: first name parts (after the shared top) that hold a tenth of the lines of at
 * least a third of the clusters (and three): graphql, api, views cut across domains. */
static void find_layers(const struct prop *p, const int *memb, size_t k, const char *top,
			struct smap *layers)
{
	struct smap lines = {0};
	long *all = xcalloc(k + 1, sizeof(long));
	for (size_t i = 0; i < p->nmods; i++)
		if (memb[i] >= 0 && p->v.v[i].role != ROLE_ATTACHED) all[memb[i]] += p->v.v[i].lines + 1;
	for (size_t c = 0; c < k; c++) {
		smap_release(&lines);
		for (size_t i = 0; i < p->nmods; i++) {
			if (memb[i] != (int)c || p->v.v[i].role == ROLE_ATTACHED) continue;
			char *d = domain_of(p->v.v[i].name, top, NULL, 1);
			if (!d) continue;
			int64_t *l = smap_get(&lines, d);
			smap_put(&lines, d, (l ? *l : 0) + p->v.v[i].lines + 1);
			free(d);
		}
		for (size_t j = 0; j < lines.cap; j++) {
			if (!lines.keys[j] || lines.vals[j] * 10 < all[c]) continue;
			int64_t *n = smap_get(layers, lines.keys[j]);
			smap_put(layers, lines.keys[j], (n ? *n : 0) + 1);
		}
	}
	for (size_t j = 0; j < layers->cap; j++)       /* keep those counted often enough */
		if (layers->keys[j] && (layers->vals[j] < 3 || (size_t)layers->vals[j] * 3 < k))
			layers->vals[j] = -1;
	smap_release(&lines);
	free(all);
}

/* Names for the k clusters of memb: each after its dominant domains, one name part deeper
 * for those that would share a name (four at most), then -2, -3 in cluster order. Stable:
 * the names depend on the modules, not on how the clustering numbered them. */
static char **name_clusters(const struct prop *p, const int *memb, size_t k, char **taken, size_t ntaken)
{
	char **names = xcalloc(k + 1, sizeof(char *));
	size_t *depth = xcalloc(k + 1, sizeof(size_t));
	char *top = shared_top(p, memb);
	struct smap counted = {0}, layers = {0};
	find_layers(p, memb, k, top, &counted);
	for (size_t j = 0; j < counted.cap; j++)
		if (counted.keys[j] && counted.vals[j] > 0) smap_put(&layers, counted.keys[j], 1);
	smap_release(&counted);
	long *lines = xcalloc(k + 1, sizeof(long));
	for (size_t i = 0; i < p->nmods; i++) if (memb[i] >= 0) lines[memb[i]] += p->v.v[i].lines;
	for (size_t c = 0; c < k; c++) depth[c] = 1;
	for (int round = 0; round < 4; round++) {
		for (size_t c = 0; c < k; c++) {
			free(names[c]);
			names[c] = name_at(p, memb, (int)c, depth[c], top, &layers);
		}
		int clash = 0;                    /* the one of more lines keeps the name */
		for (size_t c = 0; c < k; c++) {
			int yield = 0;
			for (size_t o = 0; o < k; o++)
				yield |= o != c && !strcmp(names[c], names[o]) &&
					 (lines[o] > lines[c] || (lines[o] == lines[c] && o < c));
			if (yield && depth[c] < 4) depth[c]++, clash = 1;
		}
		if (!clash) break;
	}
	smap_release(&layers);
	free(lines);
	struct smap used = {0};
	for (size_t i = 0; i < ntaken; i++) smap_put(&used, taken[i], 1);
	for (size_t c = 0; c < k; c++) {
		char *base = names[c];
		for (int n = 2; smap_get(&used, names[c]); n++) {
			if (names[c] != base) free(names[c]);
			names[c] = xasprintf("%s-%d", base, n);
		}
		if (names[c] != base) free(base);
		smap_put(&used, names[c], 1);
	}
	smap_release(&used);
	free(top);
	free(depth);
	return names;
}

static char **name_services(const struct prop *p)
{
	return name_clusters(p, p->best, p->k, NULL, 0);
}

/* The metrics over the modules' import graph, and the agreement with the declared
 * services over the modules they claim. */
static void measure(const struct prop *p, struct part_metrics *m, double *ari, double *mojo,
		    size_t *compared)
{
	metrics_of(p, p->plain, p->nimports, p->best, p->k, m);
	int *a = xmalloc((p->nmods + 1) * sizeof(int)), *b = xmalloc((p->nmods + 1) * sizeof(int));
	size_t n = 0;
	for (size_t i = 0; i < p->nmods; i++) {
		int s = p->g.svc[p->v.v[i].module];
		if (s < 0 || p->best[i] < 0) continue;
		a[n] = p->best[i];
		b[n++] = s;
	}
	*compared = n;
	*ari = n ? metrics_ari(n, a, b) : 0;
	*mojo = n ? metrics_mojofm(n, a, b) : 0;
	free(a);
	free(b);
}

/* The lines, modules and models of cluster c of memb (over its first n vertices). */
static long cluster_lines(const struct prop *p, const int *memb, size_t n, size_t c,
			  size_t *mods, size_t *models)
{
	long lines = 0;
	*mods = *models = 0;
	for (size_t i = 0; i < n; i++) {
		if (memb[i] != (int)c) continue;
		if (i < p->nmods) (*mods)++, lines += p->v.v[i].lines;
		else (*models)++;
	}
	return lines;
}

static const char *method_name(const struct prop *p)
{
	return p->o->packages ? "packages" : p->o->method == CL_LOUVAIN ? "louvain" : "leiden";
}

struct item_count { const char *item; size_t n; };

static int cmp_item_count(const void *x, const void *y)
{
	const struct item_count *a = x, *b = y;
	if (a->n != b->n) return a->n > b->n ? -1 : 1;
	return strcmp(a->item, b->item);
}

/* The uses of service b by service a, from uses[*i] on: items with counts, most used first.
 * Advances *i past them; returns how many there are. */
static size_t pair_items(const struct plan *pl, size_t *i, struct item_count **out, size_t *total)
{
	size_t start = *i, n = 0;
	*total = 0;
	*out = NULL;
	while (*i < pl->uses.n && pl->uses.v[*i].a == pl->uses.v[start].a &&
	       pl->uses.v[*i].b == pl->uses.v[start].b) {
		if (!n || strcmp((*out)[n - 1].item, pl->uses.v[*i].item)) {
			*out = xrealloc(*out, (n + 1) * sizeof(**out));
			(*out)[n++] = (struct item_count){ pl->uses.v[*i].item, 0 };
		}
		(*out)[n - 1].n++;
		(*total)++;
		(*i)++;
	}
	sort_array(*out, n, sizeof(**out), cmp_item_count);
	return n;
}

/* Models written by more than one proposed service: writes per service, in f(model, c). */
static void hotspots(const struct prop *p, void (*f)(void *, const struct prop *, size_t, size_t *),
		     void *arg)
{
	size_t *writes = xcalloc(p->k + 1, sizeof(size_t));
	for (size_t i = p->nmods; i < p->v.n; i++) {
		memset(writes, 0, (p->k + 1) * sizeof(size_t));
		size_t writers = 0;
		for (size_t e = p->nimports; e < p->e.n; e++)
			if ((size_t)p->e.v[e].v == i && p->op.v[e] == 1 && core(p, p->e.v[e].u) &&
			    p->best[p->e.v[e].u] >= 0 && !writes[p->best[p->e.v[e].u]]++) writers++;
		if (writers >= 2) f(arg, p, i, writes);
	}
	free(writes);
}

struct text_ctx { FILE *out; char **names; int any; };

static void text_hotspot(void *arg, const struct prop *p, size_t i, size_t *writes)
{
	struct text_ctx *t = arg;
	if (!t->any++) fprint_escaped(t->out, "\nshared data (models written by more than one proposed service):\n");
	fprint_escaped(t->out, "  %s:", p->v.v[i].name);
	for (size_t c = 0, n = 0; c < p->k; c++)
		if (writes[c]) fprint_escaped(t->out, "%s %s %zu", n++ ? "," : "", t->names[c], writes[c]);
	fputc('\n', t->out);
}

static void text_plan(const struct prop *p, const struct plan *pl, char **names, FILE *out)
{
	if (pl->uses.n) fprint_escaped(out, "\nthe cut (what each service would call of another: its API):\n");
	for (size_t i = 0; i < pl->uses.n; ) {
		int a = pl->uses.v[i].a, b = pl->uses.v[i].b;
		struct item_count *items;
		size_t total, n = pair_items(pl, &i, &items, &total);
		fprint_escaped(out, "  %s -> %s: %zu %s of %zu %s\n", names[a], names[b], total,
			total == 1 ? "import" : "imports", n, n == 1 ? "name" : "names");
		for (size_t k = 0; k < n && k < 5; k++) fprint_escaped(out, "    %s (%zu)\n", items[k].item, items[k].n);
		if (n > 5) fprint_escaped(out, "    ... %zu more\n", n - 5);
		free(items);
	}
	struct text_ctx t = { out, names, 0 };
	hotspots(p, text_hotspot, &t);
	if (pl->breaks.n) fprint_escaped(out, "\ncycle breaks (late imports across services, calls to "
				  "another service after the split):\n");
	for (size_t i = 0; i < pl->breaks.n; i++) fprint_escaped(out, "  %s\n", pl->breaks.v[i]);
	fprint_escaped(out, "\nextraction order (least entangled first; weight to the services left):\n");
	for (size_t i = 0; i < pl->order.n; i++)
		fprint_escaped(out, "  %zu. %s (%.2f)\n", i + 1, names[pl->order.v[i]], pl->entangled[i]);
}

/* --- libraries ------------------------------------------------------------------------------ */
/* Each module's library (find_libraries' clusters, then one for all vendored code), or -1:
 * in lib (malloc'd); how many. */
static size_t library_members(const struct prop *p, int **lib)
{
	size_t n = p->lib_in.n;
	int vendored = 0;
	*lib = xmalloc((p->nmods + 1) * sizeof(int));
	for (size_t i = 0; i < p->nmods; i++) {
		int r = p->v.v[i].role;
		(*lib)[i] = r == ROLE_LIBRARY ? p->v.v[i].cluster : r == ROLE_VENDORED ? (int)n : -1;
		vendored |= r == ROLE_VENDORED;
	}
	return n + (size_t)vendored;
}

/* How many services import library l (lib: library_members). */
static size_t importers(const struct prop *p, const int *lib, int l)
{
	char *seen = xcalloc(p->k + 1, 1);
	size_t n = 0;
	for (size_t i = 0; i < p->nimports; i++) {
		int u = p->plain[i].u, v = p->plain[i].v;
		if (lib[v] == l && core(p, u) && p->best[u] >= 0 && !seen[p->best[u]]++) n++;
	}
	free(seen);
	return n;
}

static void text_libraries(const struct prop *p, char **names, FILE *out)
{
	int *lib;
	size_t n = library_members(p, &lib);
	char **ln = name_clusters(p, lib, n, names, p->k);
	if (n) fprint_escaped(out, "\nlibraries (no services: vendored copies, and code most services "
		       "import; their imports are no cut):\n");
	for (size_t l = 0; l < n; l++) {
		size_t mods, none;
		long lines = cluster_lines(p, lib, p->nmods, l, &mods, &none);
		struct strbuf sb = {0};
		collapse(p, lib, l, NULL, &sb);
		fprint_escaped(out, "  %s: %zu modules, %ld lines, imported by %zu of %zu services%s\n    modules: %s\n",
			ln[l], mods, lines, importers(p, lib, (int)l), p->k,
			l == p->lib_in.n ? " (vendored)" : "", sb.buf);
		sb_release(&sb);
		free(ln[l]);
	}
	free(ln);
	free(lib);
}

static void write_text(const struct prop *p, const struct plan *pl, char **names, FILE *out)
{
	struct part_metrics m;
	double ari, mojo;
	size_t compared;
	measure(p, &m, &ari, &mojo, &compared);
	if (p->o->packages)
		fprint_escaped(out, "propose: %zu services from %zu modules and %zu models (the packages of "
			"%zu name parts, not clustered)\n", p->k, p->nmods, p->v.n - p->nmods, p->o->packages);
	else
		fprint_escaped(out, "propose: %zu services from %zu modules and %zu models (%s, resolution %.2f, "
			"seed %lu; %zu groups after the constraints)\n", p->k, p->nmods, p->v.n - p->nmods,
			method_name(p), p->gamma, p->seed, p->ngroups);
	for (size_t c = 0; c < p->k; c++) {
		size_t mods, models;
		long lines = cluster_lines(p, p->best, p->v.n, c, &mods, &models);
		struct strbuf sb = {0};
		collapse_as(p, p->best, c, NULL, &sb, 1);   /* tests are counted, not listed */
		size_t attached = 0;
		for (size_t i = 0; i < p->nmods; i++) attached += p->best[i] == (int)c && p->v.v[i].role == ROLE_ATTACHED;
		fprint_escaped(out, "\nservice %s: %zu modules, %ld lines, %zu models\n  modules: %s\n",
			names[c], mods, lines, models, sb.len ? sb.buf : "(tests and migrations only)");
		if (attached) fprint_escaped(out, "  tests and migrations attached: %zu\n", attached);
		sb_reset(&sb);
		for (size_t i = p->nmods; i < p->v.n; i++)
			if (p->best[i] == (int)c) sb_addf(&sb, "%s%s", sb.len ? ", " : "", p->v.v[i].name);
		if (models) fprint_escaped(out, "  models: %s\n", sb.buf);
		sb_release(&sb);
	}
	text_libraries(p, names, out);
	text_plan(p, pl, names, out);
	fprint_escaped(out, "\nmetrics: Q %.3f, SM %.3f, IFN %.2f, NED %.3f, ICP %.1f%%, TurboMQ %.3f",
		m.q, m.sm, m.ifn, m.ned, 100 * m.icp, m.turbomq);
	if (compared) fprint_escaped(out, "; against the declared services (%zu modules) ARI %.3f, MoJoFM %.1f%%",
			      compared, ari, mojo);
	fputc('\n', out);
}

static void json_hotspot(void *arg, const struct prop *p, size_t i, size_t *writes)
{
	cJSON *h = cJSON_CreateObject();
	char **names = ((void **)arg)[1];
	cJSON_AddStringToObject(h, "model", p->v.v[i].name);
	cJSON *w = cJSON_AddArrayToObject(h, "writers");
	for (size_t c = 0; c < p->k; c++) {
		if (!writes[c]) continue;
		cJSON *o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "service", names[c]);
		cJSON_AddNumberToObject(o, "writes", (double)writes[c]);
		cJSON_AddItemToArray(w, o);
	}
	cJSON_AddItemToArray(((void **)arg)[0], h);
}

static void json_plan(const struct prop *p, const struct plan *pl, char **names, cJSON *root)
{
	cJSON *cut = cJSON_AddArrayToObject(root, "cut");
	for (size_t i = 0; i < pl->uses.n; ) {
		int a = pl->uses.v[i].a, b = pl->uses.v[i].b;
		struct item_count *items;
		size_t total, n = pair_items(pl, &i, &items, &total);
		cJSON *c = cJSON_CreateObject();
		cJSON_AddStringToObject(c, "from", names[a]);
		cJSON_AddStringToObject(c, "to", names[b]);
		cJSON_AddNumberToObject(c, "imports", (double)total);
		cJSON *api = cJSON_AddArrayToObject(c, "api");
		for (size_t k = 0; k < n; k++) {
			cJSON *o = cJSON_CreateObject();
			cJSON_AddStringToObject(o, "name", items[k].item);
			cJSON_AddNumberToObject(o, "imports", (double)items[k].n);
			cJSON_AddItemToArray(api, o);
		}
		cJSON_AddItemToArray(cut, c);
		free(items);
	}
	void *ctx[2] = { cJSON_AddArrayToObject(root, "shared_data"), names };
	hotspots(p, json_hotspot, ctx);
	cJSON *br = cJSON_AddArrayToObject(root, "cycle_breaks");
	for (size_t i = 0; i < pl->breaks.n; i++) cJSON_AddItemToArray(br, cJSON_CreateString(pl->breaks.v[i]));
	cJSON *ord = cJSON_AddArrayToObject(root, "extraction_order");
	for (size_t i = 0; i < pl->order.n; i++) {
		cJSON *o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "service", names[pl->order.v[i]]);
		cJSON_AddNumberToObject(o, "weight_to_the_rest", pl->entangled[i]);
		cJSON_AddItemToArray(ord, o);
	}
}

static void json_libraries(const struct prop *p, char **names, cJSON *root)
{
	int *lib;
	size_t n = library_members(p, &lib);
	char **ln = name_clusters(p, lib, n, names, p->k);
	cJSON *arr = cJSON_AddArrayToObject(root, "libraries");
	for (size_t l = 0; l < n; l++) {
		size_t mods, none;
		long lines = cluster_lines(p, lib, p->nmods, l, &mods, &none);
		cJSON *o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "name", ln[l]);
		cJSON_AddBoolToObject(o, "vendored", l == p->lib_in.n);
		cJSON_AddNumberToObject(o, "lines", (double)lines);
		cJSON_AddNumberToObject(o, "module_count", (double)mods);
		cJSON_AddNumberToObject(o, "imported_by", (double)importers(p, lib, (int)l));
		collapse(p, lib, l, cJSON_AddArrayToObject(o, "modules"), NULL);
		cJSON_AddItemToArray(arr, o);
		free(ln[l]);
	}
	free(ln);
	free(lib);
}

static void write_json(const struct prop *p, const struct plan *pl, char **names, FILE *out)
{
	struct part_metrics m;
	double ari, mojo;
	size_t compared;
	measure(p, &m, &ari, &mojo, &compared);
	cJSON *root = cJSON_CreateObject();
	cJSON_AddStringToObject(root, "method", method_name(p));
	cJSON_AddNumberToObject(root, "resolution", p->gamma);
	cJSON_AddNumberToObject(root, "seed", (double)p->seed);
	cJSON_AddNumberToObject(root, "groups", (double)p->ngroups);
	cJSON *svcs = cJSON_AddArrayToObject(root, "services");
	for (size_t c = 0; c < p->k; c++) {
		size_t mods, models;
		cJSON *s = cJSON_CreateObject();
		cJSON_AddStringToObject(s, "name", names[c]);
		cJSON_AddNumberToObject(s, "lines", (double)cluster_lines(p, p->best, p->v.n, c, &mods, &models));
		cJSON_AddNumberToObject(s, "module_count", (double)mods);
		collapse(p, p->best, c, cJSON_AddArrayToObject(s, "modules"), NULL);
		cJSON *ms = cJSON_AddArrayToObject(s, "models");
		for (size_t i = p->nmods; i < p->v.n; i++)
			if (p->best[i] == (int)c) cJSON_AddItemToArray(ms, cJSON_CreateString(p->v.v[i].name));
		cJSON_AddItemToArray(svcs, s);
	}
	json_libraries(p, names, root);
	json_plan(p, pl, names, root);
	cJSON *mj = cJSON_AddObjectToObject(root, "metrics");
	cJSON_AddNumberToObject(mj, "modularity", m.q);
	cJSON_AddNumberToObject(mj, "structural_modularity", m.sm);
	cJSON_AddNumberToObject(mj, "interface_number", m.ifn);
	cJSON_AddNumberToObject(mj, "non_extreme_distribution", m.ned);
	cJSON_AddNumberToObject(mj, "cut_weight_share", m.icp);
	cJSON_AddNumberToObject(mj, "turbomq", m.turbomq);
	if (compared) {
		cJSON_AddNumberToObject(mj, "ari", ari);
		cJSON_AddNumberToObject(mj, "mojofm", mojo);
	} else {
		cJSON_AddNullToObject(mj, "ari");
		cJSON_AddNullToObject(mj, "mojofm");
	}
	char *txt = json_print(root);
	fprintf(out, "%s\n", txt);
	free(txt);
	cJSON_Delete(root);
}

/* modules = [...] of cluster c of memb, into a draft. */
static void draft_modules(struct strbuf *sb, const struct prop *p, const int *memb, size_t c)
{
	cJSON *mods = cJSON_CreateArray();
	collapse(p, memb, c, mods, NULL);
	sb_adds(sb, "\nmodules = [");
	for (int i = 0; i < cJSON_GetArraySize(mods); i++) {
		if (i) sb_adds(sb, ", ");
		toml_quote(sb, cJSON_GetArrayItem(mods, i)->valuestring);
	}
	sb_adds(sb, "]");
	cJSON_Delete(mods);
}

/* The proposal as boundaries.toml: the [project] of cfg (paths relative to base), and one
 * [[service]] per proposed service with its modules, the models it owns, and depends_on as
 * the imports between them are today. */
static char *draft_toml(const struct prop *p, char **names, const char *base)
{
	struct strbuf sb = {0};
	char *project = cl_config_project_toml(p->cfg, base);
	sb_adds(&sb, "# A draft by `cutline propose`: the proposed services, with depends_on as\n"
		"# the imports between them are today. Review it before it replaces a config.\n");
	sb_adds(&sb, project);
	free(project);
	if (p->cfg->nmodel_bases || p->cfg->ndata_queries) {  /* the same models, or owns fails */
		sb_adds(&sb, "\n[data]\nmodel_bases = ");
		toml_list(&sb, p->cfg->model_bases, p->cfg->nmodel_bases);
		char **q = xcalloc(p->cfg->ndata_queries + 1, sizeof(char *));
		for (size_t i = 0; i < p->cfg->ndata_queries; i++) q[i] = path_relative(base, p->cfg->data_queries[i]);
		sb_adds(&sb, "\nqueries = ");
		toml_list(&sb, q, p->cfg->ndata_queries);
		sb_addc(&sb, '\n');
		for (size_t i = 0; i < p->cfg->ndata_queries; i++) free(q[i]);
		free(q);
	}
	int *lib;
	size_t nlib = library_members(p, &lib);
	char **ln = name_clusters(p, lib, nlib, names, p->k);
	unsigned char *dep = xcalloc(p->k * p->k + 1, 1), *libdep = xcalloc(p->k * (nlib + 1) + 1, 1);
	unsigned char *libuse = xcalloc((nlib + 1) * (p->k + nlib + 1) + 1, 1);   /* what a library imports */
	for (size_t i = 0; i < p->g.edges.n; i++) {     /* every import and string reference */
		const struct ck_edge *ce = &p->g.edges.v[i];
		int u = p->vert_of[ce->src], v = p->vert_of[ce->dst];
		if (ce->cat == CL_CAT_PARENT || u < 0 || v < 0) continue;
		int a = p->best[u], b = p->best[v], l = lib[v];
		if (a != b && a >= 0 && b >= 0) dep[(size_t)a * p->k + (size_t)b] = 1;
		if (a >= 0 && l >= 0) libdep[(size_t)a * (nlib + 1) + (size_t)l] = 1;
		int la = lib[u];
		if (la >= 0 && (b >= 0 || (l >= 0 && l != la)))
			libuse[(size_t)la * (p->k + nlib + 1) + (size_t)(b >= 0 ? b : (int)p->k + l)] = 1;
	}
	for (size_t c = 0; c < p->k; c++) {
		sb_adds(&sb, "\n[[service]]\nname = ");
		toml_quote(&sb, names[c]);
		draft_modules(&sb, p, p->best, c);
		sb_adds(&sb, "\ndepends_on = [");
		size_t n = 0;
		for (size_t t = 0; t < p->k; t++) {
			if (!dep[c * p->k + t]) continue;
			if (n++) sb_adds(&sb, ", ");
			toml_quote(&sb, names[t]);
		}
		for (size_t l = 0; l < nlib; l++) {        /* the libraries it imports */
			if (!libdep[c * (nlib + 1) + l]) continue;
			if (n++) sb_adds(&sb, ", ");
			toml_quote(&sb, ln[l]);
		}
		sb_adds(&sb, "]\n");
		n = 0;
		for (size_t i = p->nmods; i < p->v.n; i++) {
			if (p->best[i] != (int)c) continue;
			sb_adds(&sb, n++ ? ", " : "owns = [");
			toml_quote(&sb, p->v.v[i].name);
		}
		if (n) sb_adds(&sb, "]\n");
	}
	for (size_t l = 0; l < nlib; l++) {
		sb_adds(&sb, l == p->lib_in.n ? "\n# a library: a vendored copy of third-party code\n"
			     : "\n# a library: most services import it, and it imports at most one\n");
		sb_adds(&sb, "[[service]]\nname = ");
		toml_quote(&sb, ln[l]);
		draft_modules(&sb, p, lib, l);
		sb_adds(&sb, "\ndepends_on = [");
		for (size_t t = 0, n = 0; t < p->k + nlib; t++) {
			if (!libuse[l * (p->k + nlib + 1) + t]) continue;
			if (n++) sb_adds(&sb, ", ");
			toml_quote(&sb, t < p->k ? names[t] : ln[t - p->k]);
		}
		sb_adds(&sb, "]\n");
	}
	for (size_t l = 0; l < nlib; l++) free(ln[l]);
	if (p->cfg->nkeep || p->cfg->napart) {        /* so do the constraints */
		sb_adds(&sb, "\n[propose]\n");
		if (p->cfg->nkeep) sb_adds(&sb, "keep = "), toml_list(&sb, p->cfg->keep, p->cfg->nkeep), sb_addc(&sb, '\n');
		if (p->cfg->napart) sb_adds(&sb, "apart = "), toml_list(&sb, p->cfg->apart, p->cfg->napart), sb_addc(&sb, '\n');
	}
	char *rules = cl_rules_toml(p->cfg->b);      /* the current policy carries over */
	if (rules) {
		sb_adds(&sb, "\n[rules]\n");
		sb_adds(&sb, rules);
		free(rules);
	}
	free(ln);
	free(lib);
	free(libdep);
	free(libuse);
	free(dep);
	return sb_detach(&sb);
}

static int propose_answer(const struct cl_config *cfg, struct cl_store *st, const struct cl_propose_opts *o,
	       FILE *out, char **toml, struct cl_diags *d)
{
	struct prop p = { .cfg = cfg, .o = o };
	int rc = ck_load(cfg, st, cfg->b->nservices > 0, &p.g, d);
	if (!rc && load_graph(&p, st, d)) rc = CL_EINTERNAL;
	if (!rc && !p.nmods) {
		cl_diag_add(d, CL_ERROR, NULL, 0, 0, "propose: no modules to cut (run `cutline scan`)");
		rc = CL_EUSAGE;
	}
	if (!rc) check_constraints(&p, d);
	if (!rc && d->errors) rc = CL_EUSAGE;
	if (!rc) {
		constrain(&p);
		set_roles(&p);
		if (o->packages) {
			by_packages(&p);
		} else {
			cluster(&p);
			load_apart(&p);
			split_apart(&p);
			merge_singles(&p);
			find_libraries(&p);
			merge_to(&p, d);
			attach(&p);
		}
		assign_models(&p);
		char **names = name_services(&p);
		struct plan pl = {0};
		if (load_uses(&p, st, &pl, d)) rc = CL_EINTERNAL;
		extraction_order(&p, &pl);
		if (!rc && o->json) write_json(&p, &pl, names, out);
		else if (!rc) write_text(&p, &pl, names, out);
		plan_free(&pl);
		if (toml) *toml = draft_toml(&p, names, o->toml_base ? o->toml_base : cfg->dir);
		for (size_t c = 0; c < p.k; c++) free(names[c]);
		free(names);
	}
	for (size_t i = 0; i < p.v.n; i++) free(p.v.v[i].name);
	VEC_FREE(p.v);
	VEC_FREE(p.e);
	VEC_FREE(p.op);
	free(p.plain);
	free(p.vert_of);
	free(p.comp);
	free(p.group);
	free(p.best);
	VEC_FREE(p.lib_in);
	free(p.side);
	ck_free(&p.g);
	return rc;
}

/* A damaged store gives no answer: a read that failed turns the result into CL_EINTERNAL. */
int cl_propose(const struct cl_config *cfg, struct cl_store *st, const struct cl_propose_opts *o,
	       FILE *out, char **toml, struct cl_diags *d)
{
	return cl_store_failed(st, propose_answer(cfg, st, o, out, toml, d), d);
}
