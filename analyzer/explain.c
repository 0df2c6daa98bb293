/* explain.c — `cutline explain FROM TO`: the shortest import chains from one module, package
 * or service to another, each hop with the import behind it (file:line:col and context).
 * Breadth-first distances come from igraph; the chains are enumerated in name order along
 * the shortest-path DAG, so the answer is the same on every run. */
#include "check_p.h"
#include "digraph_p.h"

#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>

struct ex {
	struct ck_graph g;
	struct pairgraph pg;             /* module pairs, each with its first import by place */
	struct digraph *dg;
	int *from_d, *to_d;
};

/* The modules an argument names: a service, a module, or a package with all below it. */
static size_t resolve_set(const struct ex *x, const char *arg, int *set, const char **what)
{
	const struct cl_boundaries *b = x->g.cfg->b;
	size_t n = 0;
	for (size_t s = 0; s < b->nservices; s++) {
		if (strcmp(b->services[s].name, arg)) continue;
		for (size_t m = 0; m < x->g.nmods; m++) if (x->g.svc[m] == (int)s) set[n++] = (int)m;
		*what = "service";
		return n;
	}
	size_t len = strlen(arg);
	for (size_t m = 0; m < x->g.nmods; m++) {
		const char *name = x->g.names[m];
		if (!strncmp(name, arg, len) && (!name[len] || name[len] == '.')) set[n++] = (int)m;
	}
	*what = n == 1 ? "module" : "package";
	return n;
}

/* The pair graph plus two extra vertices: a source with an edge to each of fs and a sink
 * with an edge from each of ts, so that one BFS from each gives multi-source distances. */
static void build(struct ex *x, const int *fs, size_t nf, const int *ts, size_t nt)
{
	struct ck_triple *t = xmalloc((x->g.edges.n + 1) * sizeof(*t));
	size_t k = 0;
	for (size_t i = 0; i < x->g.edges.n; i++) {        /* cap 0: the first import stands */
		const struct ck_edge *e = &x->g.edges.v[i];
		if (e->cap != CL_SEV_OFF) t[k++] = (struct ck_triple){ e->src, e->dst, (int)i, 0 };
	}
	pairgraph_build(&x->pg, x->g.nmods, t, k);
	free(t);
	int src = (int)x->g.nmods, sink = src + 1;
	size_t m = x->pg.m;
	int *all = xmalloc((2 * (m + nf + nt) + 2) * sizeof(int));
	memcpy(all, x->pg.uv, 2 * m * sizeof(int));
	for (size_t i = 0; i < nf; i++, m++) { all[2 * m] = src; all[2 * m + 1] = fs[i]; }
	for (size_t i = 0; i < nt; i++, m++) { all[2 * m] = ts[i]; all[2 * m + 1] = sink; }
	x->dg = digraph_new(x->g.nmods + 2, all, m);
	free(all);
}

struct chains { VEC(int *) v; size_t len, max; };

/* Depth-first along the DAG of shortest paths: from u (at distance d) to any target. */
static void enumerate(struct ex *x, int *path, size_t d, struct chains *out)
{
	int u = path[d];
	if (d == out->len) {
		int *copy = xmalloc((d + 1) * sizeof(int));
		memcpy(copy, path, (d + 1) * sizeof(int));
		VEC_PUSH(out->v, copy);
		return;
	}
	int *nb;
	size_t n = digraph_neighbours(x->dg, u, 0, &nb);
	for (size_t i = 0; i < n && out->v.n < out->max; i++) {
		int w = nb[i];
		if ((i && nb[i - 1] == w) || w >= (int)x->g.nmods) continue;
		if (x->from_d[w] != (int)d + 1 || x->to_d[w] != (int)(out->len - d - 1)) continue;
		path[d + 1] = w;
		enumerate(x, path, d + 1, out);
	}
	free(nb);
}

static void hop_json(const struct ex *x, cJSON *arr, int u, int v)
{
	long p = pairgraph_find(&x->pg, u, v);
	const struct ck_edge *e = &x->g.edges.v[x->pg.rep[p]];
	cJSON *h = cJSON_CreateObject();
	cJSON_AddStringToObject(h, "from", x->g.names[u]);
	cJSON_AddStringToObject(h, "to", x->g.names[v]);
	if (e->file >= 0) cJSON_AddStringToObject(h, "path", x->g.files[e->file].path);
	else cJSON_AddNullToObject(h, "path");
	cJSON_AddNumberToObject(h, "line", e->line);
	cJSON_AddNumberToObject(h, "col", e->col);
	cJSON_AddStringToObject(h, "context", ck_context(e));
	cJSON_AddBoolToObject(h, "test_code", e->file >= 0 && x->g.files[e->file].is_test);
	cJSON_AddNumberToObject(h, "imports", (double)x->pg.count[p]);
	cJSON_AddItemToArray(arr, h);
}

static void hop_text(const struct ex *x, FILE *out, int u, int v)
{
	long p = pairgraph_find(&x->pg, u, v);
	const struct ck_edge *e = &x->g.edges.v[x->pg.rep[p]];
	fprint_escaped(out, "  %s -> %s  (%s:%d:%d, %s%s", x->g.names[u], x->g.names[v],
		e->file >= 0 ? x->g.files[e->file].path : "?", e->line, e->col, ck_context(e),
		e->file >= 0 && x->g.files[e->file].is_test ? ", test code" : "");
	if (x->pg.count[p] > 1) fprint_escaped(out, "; %zu imports", x->pg.count[p]);
	fputs(")\n", out);
}

static void write_chains(struct ex *x, const struct cl_explain_opts *o, const char *fw,
			 const char *tw, struct chains *c, FILE *out)
{
	if (o->json) {
		cJSON *doc = cJSON_CreateObject(), *arr = cJSON_AddArrayToObject(doc, "chains");
		cJSON_AddStringToObject(doc, "from", o->from);
		cJSON_AddStringToObject(doc, "to", o->to);
		cJSON_AddNumberToObject(doc, "hops", c->v.n ? (double)c->len : 0);
		cJSON_AddBoolToObject(doc, "more", c->v.n == c->max);
		for (size_t i = 0; i < c->v.n && i + 1 < c->max; i++) {
			cJSON *hops = cJSON_CreateArray();
			for (size_t k = 0; k < c->len; k++) hop_json(x, hops, c->v.v[i][k], c->v.v[i][k + 1]);
			cJSON_AddItemToArray(arr, hops);
		}
		char *s = json_print(doc);
		fprintf(out, "%s\n", s);
		cJSON_free(s);
		cJSON_Delete(doc);
		return;
	}
	if (!c->v.n) {
		fprint_escaped(out, "no import chain from %s %s to %s %s\n", fw, o->from, tw, o->to);
		return;
	}
	size_t shown = c->v.n < c->max ? c->v.n : c->max - 1;
	fprint_escaped(out, "%s %s reaches %s %s in %zu %s; %s%zu shortest %s:\n", fw, o->from, tw, o->to,
		c->len, c->len == 1 ? "hop" : "hops", shown < c->v.n ? "more than " : "", shown,
		shown == 1 ? "chain" : "chains");
	for (size_t i = 0; i < shown; i++) {
		fprintf(out, "chain %zu:\n", i + 1);
		for (size_t k = 0; k < c->len; k++) hop_text(x, out, c->v.v[i][k], c->v.v[i][k + 1]);
	}
}

static int find_chains(struct ex *x, const struct cl_explain_opts *o, FILE *out,
		       struct cl_diags *d)
{
	int *fs = xmalloc((x->g.nmods + 1) * sizeof(int)), *ts = xmalloc((x->g.nmods + 1) * sizeof(int));
	const char *fw = "", *tw = "";
	size_t nf = resolve_set(x, o->from, fs, &fw), nt = resolve_set(x, o->to, ts, &tw);
	int rc = CL_OK;
	if (!nf || !nt) {
		cl_diag_add(d, CL_ERROR, NULL, 0, 0, "explain: no service, module or package named "
			    "'%s'", nf ? o->to : o->from);
		rc = CL_EUSAGE;
	}
	x->from_d = xmalloc((x->g.nmods + 2) * sizeof(int));
	x->to_d = xmalloc((x->g.nmods + 2) * sizeof(int));
	if (!rc) {
		build(x, fs, nf, ts, nt);
		int src = (int)x->g.nmods, sink = src + 1;
		digraph_distances(x->dg, src, 0, x->from_d);
		digraph_distances(x->dg, sink, 1, x->to_d);
		for (size_t v = 0; v < x->g.nmods; v++) {     /* hops from the extra vertices */
			if (x->from_d[v] > 0) x->from_d[v]--;
			if (x->to_d[v] > 0) x->to_d[v]--;
		}
		struct chains c = { {0}, 0, (o->max ? o->max : 5) + 1 };   /* one more: are there more? */
		int best = -1;
		for (size_t i = 0; i < nt; i++)
			if (x->from_d[ts[i]] > 0 && (best < 0 || x->from_d[ts[i]] < best))
				best = x->from_d[ts[i]];
		int *path = xmalloc((x->g.nmods + 1) * sizeof(int));
		for (size_t i = 0; best > 0 && i < nf && c.v.n < c.max; i++) {
			c.len = (size_t)best;
			if (x->to_d[fs[i]] != best) continue;
			path[0] = fs[i];
			enumerate(x, path, 0, &c);
		}
		write_chains(x, o, fw, tw, &c, out);
		for (size_t i = 0; i < c.v.n; i++) free(c.v.v[i]);
		VEC_FREE(c.v);
		free(path);
	}
	free(fs);
	free(ts);
	return rc;
}

static int explain_answer(const struct cl_config *cfg, struct cl_store *st, const struct cl_explain_opts *o,
	       FILE *out, struct cl_diags *d)
{
	struct ex x = {0};
	int rc = ck_load(cfg, st, 1, &x.g, d);
	if (!rc) rc = find_chains(&x, o, out, d);
	digraph_free(x.dg);
	pairgraph_free(&x.pg);
	free(x.from_d);
	free(x.to_d);
	ck_free(&x.g);
	return rc;
}

/* A damaged store gives no answer: a read that failed turns the result into CL_EINTERNAL. */
int cl_explain(const struct cl_config *cfg, struct cl_store *st, const struct cl_explain_opts *o,
	       FILE *out, struct cl_diags *d)
{
	return cl_store_failed(st, explain_answer(cfg, st, o, out, d), d);
}
