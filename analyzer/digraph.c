/* digraph.c — igraph behind digraph_p.h: components, shortest cycles, BFS distances. */
#include "digraph_p.h"
#include "util_p.h"

#include <igraph/igraph.h>
#include <stdlib.h>

struct digraph { igraph_t g; size_t n; };

struct digraph *digraph_new(size_t n, const int *edges, size_t m)
{
	struct digraph *g = xcalloc(1, sizeof(*g));
	igraph_vector_int_t ev;
	igraph_vector_int_init(&ev, (igraph_integer_t)(2 * m));
	for (size_t i = 0; i < 2 * m; i++) VECTOR(ev)[i] = edges[i];
	igraph_create(&g->g, &ev, (igraph_integer_t)n, IGRAPH_DIRECTED);
	igraph_vector_int_destroy(&ev);
	g->n = n;
	return g;
}

void digraph_free(struct digraph *g)
{
	if (!g) return;
	igraph_destroy(&g->g);
	free(g);
}

size_t digraph_scc(struct digraph *g, int *comp)
{
	igraph_vector_int_t mem;
	igraph_integer_t no = 0;
	igraph_vector_int_init(&mem, 0);
	igraph_connected_components(&g->g, &mem, NULL, &no, IGRAPH_STRONG);
	for (size_t i = 0; i < g->n; i++) comp[i] = (int)VECTOR(mem)[i];
	igraph_vector_int_destroy(&mem);
	return (size_t)no;
}

size_t digraph_neighbours(struct digraph *g, int v, int reverse, int **out)
{
	igraph_vector_int_t nb;
	igraph_vector_int_init(&nb, 0);
	igraph_neighbors(&g->g, &nb, v, reverse ? IGRAPH_IN : IGRAPH_OUT);
	size_t n = (size_t)igraph_vector_int_size(&nb);
	*out = xmalloc((n + 1) * sizeof(int));
	for (size_t i = 0; i < n; i++) (*out)[i] = (int)VECTOR(nb)[i];
	igraph_vector_int_destroy(&nb);
	return n;
}

/* BFS from v over v's component; picks the nearest in-neighbour of v (smallest id on a
 * tie) and walks the BFS parents back to v. */
size_t digraph_cycle(struct digraph *g, int v, const int *comp, int **path)
{
	igraph_vector_int_t restricted, parents, dist;
	igraph_vector_int_init(&restricted, 0);
	for (size_t i = 0; i < g->n; i++)
		if (comp[i] == comp[v]) igraph_vector_int_push_back(&restricted, (igraph_integer_t)i);
	igraph_vector_int_init(&parents, 0);
	igraph_vector_int_init(&dist, 0);
	igraph_bfs(&g->g, v, NULL, IGRAPH_OUT, 0, &restricted, NULL, NULL, &parents, NULL, NULL,
		   &dist, NULL, NULL);
	int *in;
	size_t nin = digraph_neighbours(g, v, 1, &in);
	int best = -1;
	for (size_t i = 0; i < nin; i++) {
		int p = in[i];
		if (comp[p] != comp[v] || VECTOR(parents)[p] == -2) continue;
		if (best < 0 || VECTOR(dist)[p] < VECTOR(dist)[best]) best = p;
	}
	free(in);
	size_t len = 0;
	*path = NULL;
	if (best >= 0) {
		len = (size_t)VECTOR(dist)[best] + 1;
		*path = xmalloc(len * sizeof(int));
		int u = best;
		for (size_t i = len; i-- > 0;) {
			(*path)[i] = u;
			u = (int)VECTOR(parents)[u];
		}
	}
	igraph_vector_int_destroy(&restricted);
	igraph_vector_int_destroy(&parents);
	igraph_vector_int_destroy(&dist);
	return len;
}

void digraph_distances(struct digraph *g, int root, int reverse, int *dist)
{
	igraph_vector_int_t d;
	igraph_vector_int_init(&d, 0);
	igraph_bfs(&g->g, root, NULL, reverse ? IGRAPH_IN : IGRAPH_OUT, 0, NULL, NULL, NULL, NULL,
		   NULL, NULL, &d, NULL, NULL);
	for (size_t i = 0; i < g->n; i++) dist[i] = (int)VECTOR(d)[i];     /* -1: unreached */
	igraph_vector_int_destroy(&d);
}
