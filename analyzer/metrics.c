/* metrics.c — the partition metrics of metrics_p.h. Structural metrics count links: the
 * distinct pairs of modules with a dependency either way (weights do not matter there);
 * modularity and the cut-weight share use the weights. */
#include "metrics_p.h"
#include "util_p.h"

#include <stdlib.h>
#include <string.h>

struct pair { int a, b; };

static int cmp_int(const void *x, const void *y)
{
	int a = *(const int *)x, b = *(const int *)y;
	return (a > b) - (a < b);
}

static int cmp_size(const void *x, const void *y)
{
	size_t a = *(const size_t *)x, b = *(const size_t *)y;
	return (a > b) - (a < b);
}

static int cmp_pair(const void *x, const void *y)
{
	const struct pair *p = x, *q = y;
	if (p->a != q->a) return p->a < q->a ? -1 : 1;
	return (p->b > q->b) - (p->b < q->b);
}

/* The distinct undirected links (a < b) of the edges, sorted; self loops left out. */
static size_t links(const struct wedge *e, size_t ne, struct pair **out)
{
	struct pair *p = xcalloc(ne + 1, sizeof(*p));
	size_t n = 0;
	for (size_t i = 0; i < ne; i++) {
		if (e[i].u == e[i].v) continue;
		p[n].a = e[i].u < e[i].v ? e[i].u : e[i].v;
		p[n].b = e[i].u < e[i].v ? e[i].v : e[i].u;
		n++;
	}
	sort_array(p, n, sizeof(*p), cmp_pair);
	size_t u = 0;
	for (size_t i = 0; i < n; i++)
		if (!u || p[u - 1].a != p[i].a || p[u - 1].b != p[i].b) p[u++] = p[i];
	*out = p;
	return u;
}

static double modularity(size_t n, const struct wedge *e, size_t ne, const int *memb, size_t k)
{
	double *inner = xcalloc(k + 1, sizeof(double)), *deg = xcalloc(k + 1, sizeof(double));
	double m = 0;
	for (size_t i = 0; i < ne; i++) {
		m += e[i].w;
		deg[memb[e[i].u]] += e[i].w;
		deg[memb[e[i].v]] += e[i].w;
		if (memb[e[i].u] == memb[e[i].v]) inner[memb[e[i].u]] += e[i].w;
	}
	double q = 0;
	for (size_t c = 0; c < k && m > 0; c++) q += inner[c] / m - (deg[c] / (2 * m)) * (deg[c] / (2 * m));
	(void)n;
	free(inner);
	free(deg);
	return q;
}

/* Modules that a module of another service depends on, per service. */
static double interface_number(size_t n, const struct wedge *e, size_t ne, const int *memb,
			       size_t k)
{
	char *iface = xcalloc(n + 1, 1);
	for (size_t i = 0; i < ne; i++)
		if (memb[e[i].u] != memb[e[i].v]) iface[e[i].v] = 1;
	size_t count = 0;
	for (size_t v = 0; v < n; v++) count += iface[v];
	free(iface);
	return k ? (double)count / (double)k : 0;
}

void metrics_compute(size_t n, const struct wedge *e, size_t ne, const int *memb, size_t k,
		     struct part_metrics *out)
{
	memset(out, 0, sizeof(*out));
	if (!n || !k) return;
	size_t *size = xcalloc(k + 1, sizeof(size_t));
	for (size_t v = 0; v < n; v++) size[memb[v]]++;
	struct pair *p;
	size_t np = links(e, ne, &p);
	double *mu = xcalloc(k + 1, sizeof(double)), *eps = xcalloc(k + 1, sizeof(double));
	double *sigma = xcalloc(k * k + 1, sizeof(double));
	for (size_t i = 0; i < np; i++) {
		int a = memb[p[i].a], b = memb[p[i].b];
		if (a == b) {
			mu[a]++;
		} else {
			eps[a]++;
			eps[b]++;
			sigma[(size_t)(a < b ? a : b) * k + (size_t)(a < b ? b : a)]++;
		}
	}
	double coh = 0, cop = 0, mq = 0;
	for (size_t i = 0; i < k; i++) {
		if (size[i]) coh += mu[i] / ((double)size[i] * (double)size[i]);
		if (mu[i] > 0) mq += 2 * mu[i] / (2 * mu[i] + eps[i]);
		for (size_t j = i + 1; j < k; j++)
			if (size[i] && size[j]) cop += sigma[i * k + j] / ((double)size[i] * (double)size[j]);
	}
	out->sm = coh / (double)k - (k > 1 ? 2.0 / ((double)k * (double)(k - 1)) * cop : 0);
	out->turbomq = mq / (double)k;
	double all = 0, cross = 0;
	for (size_t i = 0; i < ne; i++) {
		all += e[i].w;
		if (memb[e[i].u] != memb[e[i].v]) cross += e[i].w;
	}
	out->icp = all > 0 ? cross / all : 0;
	size_t mid = 0;
	for (size_t i = 0; i < k; i++) if (size[i] >= 5 && size[i] <= 20) mid += size[i];
	out->ned = 1.0 - (double)mid / (double)n;
	out->ifn = interface_number(n, e, ne, memb, k);
	out->q = modularity(n, e, ne, memb, k);
	free(size);
	free(p);
	free(mu);
	free(eps);
	free(sigma);
}

/* --- comparing partitions ----------------------------------------------------------------- */
/* Relabels x densely (0..k-1, in order of first appearance after sorting the labels). */
static size_t dense(size_t n, const int *x, int *out)
{
	int *s = xmalloc((n + 1) * sizeof(int));
	memcpy(s, x, n * sizeof(int));
	sort_array(s, n, sizeof(int), cmp_int);
	size_t k = 0;
	for (size_t i = 0; i < n; i++) if (!k || s[k - 1] != s[i]) s[k++] = s[i];
	for (size_t i = 0; i < n; i++) out[i] = (int)((int *)search_array(&x[i], s, k, sizeof(int), cmp_int) - s);
	free(s);
	return k;
}

static double choose2(double x)
{
	return x * (x - 1) / 2;
}

/* The (a, b) label pairs of the objects, sorted: runs are the contingency table's cells. */
static struct pair *cells(size_t n, const int *a, const int *b)
{
	struct pair *p = xcalloc(n + 1, sizeof(*p));
	for (size_t i = 0; i < n; i++) p[i] = (struct pair){ a[i], b[i] };
	sort_array(p, n, sizeof(*p), cmp_pair);
	return p;
}

double metrics_ari(size_t n, const int *a0, const int *b0)
{
	if (n < 2) return 1;
	int *a = xmalloc(n * sizeof(int)), *b = xmalloc(n * sizeof(int));
	size_t ka = dense(n, a0, a), kb = dense(n, b0, b);
	double *ca = xcalloc(ka + 1, sizeof(double)), *cb = xcalloc(kb + 1, sizeof(double));
	for (size_t i = 0; i < n; i++) ca[a[i]]++, cb[b[i]]++;
	struct pair *p = cells(n, a, b);
	double index = 0, sa = 0, sb = 0;
	for (size_t i = 0, run = 1; i < n; i++, run++)
		if (i + 1 == n || p[i + 1].a != p[i].a || p[i + 1].b != p[i].b) index += choose2((double)run), run = 0;
	for (size_t i = 0; i < ka; i++) sa += choose2(ca[i]);
	for (size_t i = 0; i < kb; i++) sb += choose2(cb[i]);
	double expected = sa * sb / choose2((double)n), max = (sa + sb) / 2;
	free(a);
	free(b);
	free(ca);
	free(cb);
	free(p);
	return max == expected ? 1 : (index - expected) / (max - expected);
}

/* Kuhn's augmenting path from A-cluster i over its candidate groups. */
static int augment(size_t i, size_t *const *adj, const size_t *nadj, long *match_b, char *seen)
{
	for (size_t k = 0; k < nadj[i]; k++) {
		size_t j = adj[i][k];
		if (seen[j]) continue;
		seen[j] = 1;
		if (match_b[j] < 0 || augment((size_t)match_b[j], adj, nadj, match_b, seen)) {
			match_b[j] = (long)i;
			return 1;
		}
	}
	return 0;
}

/* mno(A, B) = moves + joins: each A-cluster keeps the objects of its largest B-group, and
 * a maximum matching between clusters and their largest groups decides how many distinct
 * groups the clusters end up in (the rest are joined). */
double metrics_mojofm(size_t n, const int *a0, const int *b0)
{
	if (!n) return 100;
	int *a = xmalloc(n * sizeof(int)), *b = xmalloc(n * sizeof(int));
	size_t l = dense(n, a0, a), m = dense(n, b0, b);
	struct pair *p = cells(n, a, b);
	size_t **adj = xcalloc(l + 1, sizeof(size_t *)), *nadj = xcalloc(l + 1, sizeof(size_t));
	size_t *best = xcalloc(l + 1, sizeof(size_t)), *size = xcalloc(l + 1, sizeof(size_t));
	for (size_t i = 0, start = 0; i < n; i++) {
		if (i + 1 < n && p[i + 1].a == p[i].a && p[i + 1].b == p[i].b) continue;
		size_t c = (size_t)p[i].a, run = i + 1 - start, j = (size_t)p[i].b;
		size[c] += run;
		if (run > best[c]) best[c] = run, nadj[c] = 0;
		if (run == best[c]) {
			adj[c] = xrealloc(adj[c], (nadj[c] + 1) * sizeof(size_t));
			adj[c][nadj[c]++] = j;
		}
		start = i + 1;
	}
	long *match_b = xmalloc((m + 1) * sizeof(long));
	for (size_t j = 0; j < m; j++) match_b[j] = -1;
	char *seen = xmalloc(m + 1);
	for (size_t i = 0; i < l; i++) {
		memset(seen, 0, m + 1);
		augment(i, adj, nadj, match_b, seen);
	}
	char *used = xcalloc(m + 1, 1);           /* groups the clusters end up in */
	for (size_t j = 0; j < m; j++) if (match_b[j] >= 0) used[j] = 1;
	for (size_t i = 0; i < l; i++) {
		int matched = 0;
		for (size_t k = 0; k < nadj[i] && !matched; k++) matched = match_b[adj[i][k]] == (long)i;
		if (!matched && nadj[i]) used[adj[i][0]] = 1;
	}
	size_t moves = 0, groups = 0;
	for (size_t i = 0; i < l; i++) moves += size[i] - best[i];
	for (size_t j = 0; j < m; j++) groups += used[j];
	double cost = (double)(moves + l - groups);
	/* the farthest partition from B: n - g, g counted over B's sizes in ascending order */
	size_t *bs = xcalloc(m + 1, sizeof(size_t));
	for (size_t i = 0; i < n; i++) bs[b[i]]++;
	sort_array(bs, m, sizeof(size_t), cmp_size);
	size_t g = 0;
	for (size_t j = 0; j < m; j++) if (g < bs[j]) g++;
	double max = (double)(n - g);
	for (size_t i = 0; i < l; i++) free(adj[i]);
	free(adj);
	free(nadj);
	free(best);
	free(size);
	free(match_b);
	free(seen);
	free(used);
	free(bs);
	free(a);
	free(b);
	free(p);
	return max > 0 ? (1 - cost / max) * 100 : 100;
}

void metrics_extraction_order(size_t k, const double *w, const size_t *tie, size_t *seq,
			      double *weight)
{
	char *gone = xcalloc(k + 1, 1);
	for (size_t step = 0; step < k; step++) {
		size_t pick = k;
		double least = 0;
		for (size_t i = 0; i < k; i++) {
			size_t c = tie ? tie[i] : i;
			if (gone[c]) continue;
			double t = 0;
			for (size_t o = 0; o < k; o++)
				if (!gone[o] && o != c) t += w[c * k + o] + w[o * k + c];
			if (pick == k || t < least - 1e-12) pick = c, least = t;
		}
		gone[pick] = 1;
		seq[step] = pick;
		if (weight) weight[step] = least;
	}
	free(gone);
}

/* --- the dependency order (Tarjan's components, then levels) --------------------------------- */
struct tarjan { size_t n; const double *dsm; int *comp; size_t *index, *low, *stack, sp, next, ncomp; char *on; };

static void strong(struct tarjan *t, size_t v)
{
	const size_t n = t->n;
	t->index[v] = t->low[v] = ++t->next;
	t->stack[t->sp++] = v;
	t->on[v] = 1;
	for (size_t w = 0; w < n; w++) {
		if (w == v || !(t->dsm[v * n + w] > 0)) continue;
		if (!t->index[w]) {
			strong(t, w);
			if (t->low[w] < t->low[v]) t->low[v] = t->low[w];
		} else if (t->on[w] && t->index[w] < t->low[v]) {
			t->low[v] = t->index[w];
		}
	}
	if (t->low[v] != t->index[v]) return;
	size_t w;
	do {
		w = t->stack[--t->sp];
		t->on[w] = 0;
		t->comp[w] = (int)t->ncomp;
	} while (w != v);
	t->ncomp++;
}

struct order_key { size_t level; int comp; const char *name; size_t s; };

static int cmp_order_key(const void *pa, const void *pb)
{
	const struct order_key *a = pa, *b = pb;
	if (a->level != b->level) return a->level < b->level ? -1 : 1;
	if (a->comp != b->comp) return a->comp < b->comp ? -1 : 1;
	return strcmp(a->name, b->name);
}

void metrics_dependency_order(size_t n, const double *dsm, const char *const *names,
			      size_t *order, int *comp)
{
	struct tarjan t = { n, dsm, comp, xcalloc(n + 1, sizeof(size_t)), xcalloc(n + 1, sizeof(size_t)),
			    xcalloc(n + 1, sizeof(size_t)), 0, 0, 0, xcalloc(n + 1, 1) };
	for (size_t v = 0; v < n; v++) if (!t.index[v]) strong(&t, v);
	/* Tarjan numbers a component after every component it reaches: levels in that order */
	size_t *level = xcalloc(t.ncomp + 1, sizeof(size_t));
	for (size_t c = 0; c < t.ncomp; c++)
		for (size_t a = 0; a < n; a++) {
			if ((size_t)comp[a] != c) continue;
			for (size_t b = 0; b < n; b++)
				if (dsm[a * n + b] > 0 && (size_t)comp[b] != c && level[comp[b]] + 1 > level[c])
					level[c] = level[comp[b]] + 1;
		}
	struct order_key *k = xcalloc(n + 1, sizeof(*k));
	for (size_t s = 0; s < n; s++) k[s] = (struct order_key){ level[comp[s]], comp[s], names[s], s };
	sort_array(k, n, sizeof(*k), cmp_order_key);
	for (size_t i = 0; i < n; i++) order[i] = k[i].s;
	free(k);
	free(level);
	free(t.index);
	free(t.low);
	free(t.stack);
	free(t.on);
}
