/* metrics_p.h — how good a partition of modules into services is: modularity and the
 * Mono2Micro-style structural metrics over the dependency graph, and the agreement of two
 * partitions (ARI, MoJoFM). Pure functions over numbers; defined in the README
 * ("Cut lines"), checked on small graphs by hand in metrics_test.c. */
#ifndef CUTLINE_METRICS_P_H
#define CUTLINE_METRICS_P_H

#include <stddef.h>

/* A dependency: u depends on v (imports it, or touches its data), with a weight. */
struct wedge { int u, v; double w; };

struct part_metrics {
	double q;        /* modularity of the weighted undirected graph (resolution 1) */
	double sm;       /* structural modularity (higher is better) */
	double ifn;      /* interface number: modules others depend on, per service */
	double ned;      /* non-extreme distribution: 1 - share in services of 5..20 modules */
	double icp;      /* cut-weight share: weight across services / all weight */
	double turbomq;  /* TurboMQ normalised by the number of services */
};

/* memb[v] in 0..k-1 for the n vertices. Self loops count inside their service. */
void metrics_compute(size_t n, const struct wedge *e, size_t ne, const int *memb, size_t k,
		     struct part_metrics *out);
/* The adjusted Rand index of two partitions of n objects (labels are any ints >= 0). */
double metrics_ari(size_t n, const int *a, const int *b);
/* MoJoFM of a against the reference b, in percent (Wen & Tzerpos 2004): 100 when a
 * equals b, 0 for the partition farthest from b. */
double metrics_mojofm(size_t n, const int *a, const int *b);

/* Services by dependency, for the report's matrices: a service comes after the ones it
 * imports (dsm[a * n + b] > 0: a imports b; its level is one more than theirs), the
 * services of one import cycle share a level and sit together; then by name. comp[s] is
 * s's strongly connected component. */
void metrics_dependency_order(size_t n, const double *dsm, const char *const *names,
			      size_t *order, int *comp);
/* An extraction order of k services, least entangled first: again and again, the one with
 * the least weight to and from the services still left (w[a * k + b]: a's weight towards
 * b), ties to the first in tie (NULL: by number). weight[i] is the i-th's, when not NULL. */
void metrics_extraction_order(size_t k, const double *w, const size_t *tie, size_t *seq,
			      double *weight);

#endif
