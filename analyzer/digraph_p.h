/* digraph_p.h — the few graph algorithms check and explain need, on igraph: strongly
 * connected components, the shortest cycle through a vertex, and breadth-first distances
 * from a set of vertices. Vertices are 0..n-1; callers number them in name order, so that
 * igraph's neighbour order (by vertex id) makes every answer deterministic. */
#ifndef CUTLINE_DIGRAPH_P_H
#define CUTLINE_DIGRAPH_P_H

#include <stddef.h>

struct digraph;
/* edges holds m (from, to) pairs; parallel edges are fine. */
struct digraph *digraph_new(size_t n, const int *edges, size_t m);
void digraph_free(struct digraph *g);
/* comp[v] = component id; returns the number of components. */
size_t digraph_scc(struct digraph *g, int *comp);
/* The shortest cycle through v inside v's component: path[0] = v, ..., path[len-1] has an
 * edge back to v. *path is malloc'd. Returns len, 0 when v is on no cycle. */
size_t digraph_cycle(struct digraph *g, int v, const int *comp, int **path);
/* dist[u] = hops from root (reverse: to root), -1 when none. For several roots, add a
 * vertex linked to all of them: igraph's BFS from several roots searches them one after
 * the other, which gives no shortest distances. */
void digraph_distances(struct digraph *g, int root, int reverse, int *dist);
/* The out-neighbours (reverse: in-neighbours) of v, sorted; *out is malloc'd. */
size_t digraph_neighbours(struct digraph *g, int v, int reverse, int **out);

#endif
