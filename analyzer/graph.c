/* graph.c — `cutline graph`: the stored edges, filtered by category, collapsed to modules
 * or packages, optionally around one focus, written as JSON, DOT or Mermaid. Output is
 * sorted so that it is byte-for-byte deterministic; every name is quoted for its format. */
#include "store_p.h"
#include "util_p.h"

#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>

static const char *const categories[CL_CAT_COUNT] = { "top", "late", "try", "if", "type",
	"dynamic", "parent", "string" };

const char *cl_category_name(int cat) { return categories[cat]; }

int cl_category_parse(const char *name)
{
	for (int i = 0; i < CL_CAT_COUNT; i++) if (!strcmp(categories[i], name)) return i;
	return -1;
}

struct gnode { char *name; const char *kind; int keep; };
struct gedge {
	size_t src, dst;
	size_t count; unsigned cats;     /* imports and their categories */
	size_t naccess; unsigned ops;    /* --data: accesses of a model, by op (bit of data_ops) */
	char *path; int line;            /* the first */
};
static const char *const data_ops[] = { "write", "read", "reference" };
/* Mermaid refuses to draw a diagram of more edges unless its site raises maxEdges. */
enum { MERMAID_MAX_EDGES = 500 };

struct graph {
	VEC(struct gnode) nodes;
	VEC(struct gedge) edges;
	struct smap index;        /* node name -> index */
	struct smap pairs;        /* "src dst" -> edge index */
};

static char *collapse(const char *name, int level)
{
	if (!level) return xstrdup(name);
	const char *p = name;
	for (int i = 0; i < level; i++) {
		p = strchr(p, '.');
		if (!p) return xstrdup(name);
		p++;
	}
	return xstrndup(name, (size_t)(p - name - 1));
}

static size_t node_of(struct graph *g, const char *name, const char *kind)
{
	int64_t *i = smap_get(&g->index, name);
	if (i) return (size_t)*i;
	struct gnode n = { xstrdup(name), kind, 0 };
	smap_put(&g->index, name, (int64_t)g->nodes.n);
	VEC_PUSH(g->nodes, n);
	return g->nodes.n - 1;
}

static void add_edge(struct graph *g, size_t s, size_t d, int cat, const char *path, int line)
{
	char key[64];
	snprintf(key, sizeof(key), "%zu %zu", s, d);
	int64_t *i = smap_get(&g->pairs, key);
	if (!i) {
		struct gedge e = { s, d, 0, 0, 0, 0, path ? xstrdup(path) : NULL, line };
		smap_put(&g->pairs, key, (int64_t)g->edges.n);
		VEC_PUSH(g->edges, e);
		i = smap_get(&g->pairs, key);
	}
	if (cat >= CL_CAT_COUNT) {              /* a data op */
		g->edges.v[*i].naccess++;
		g->edges.v[*i].ops |= 1u << (cat - CL_CAT_COUNT);
		return;
	}
	g->edges.v[*i].count++;
	g->edges.v[*i].cats |= 1u << cat;
}

/* --data: module -> model edges, one per module and model, with their ops. */
static int load_data(struct cl_store *st, const struct cl_graph_opts *o, struct graph *g,
		     struct cl_diags *d)
{
	sqlite3_stmt *q = store_prepare(st, "SELECT module, model, op, path, line FROM data_access "
		"WHERE model IS NOT NULL ORDER BY path, line, col", d);
	if (!q) return -1;
	while (store_row(st, q)) {
		const char *op = (const char *)sqlite3_column_text(q, 2);
		int k = 0;
		while (k < 3 && strcmp(op, data_ops[k])) k++;
		if (k == 3) continue;
		char *s = collapse((const char *)sqlite3_column_text(q, 0), o->package_level);
		size_t si = node_of(g, s, "internal");
		size_t mi = node_of(g, (const char *)sqlite3_column_text(q, 1), "model");
		add_edge(g, si, mi, CL_CAT_COUNT + k, (const char *)sqlite3_column_text(q, 3),
			 sqlite3_column_int(q, 4));
		free(s);
	}
	sqlite3_finalize(q);
	return 0;
}

static int load(struct cl_store *st, const struct cl_graph_opts *o, struct graph *g,
		struct cl_diags *d)
{
	sqlite3_stmt *q = store_prepare(st,
		"SELECT s.name, e.target, e.target_kind, e.category, f.path, e.line FROM edges e "
		"JOIN modules s ON s.id = e.src LEFT JOIN files f ON f.id = e.file_id "
		"ORDER BY f.path, e.line, e.col, e.id", d);
	if (!q) return -1;
	sqlite3_stmt *m = store_prepare(st, "SELECT name FROM modules WHERE importable = 1 OR "
					"file_id IS NOT NULL ORDER BY name", d);
	while (store_row(st, m)) {
		char *n = collapse((const char *)sqlite3_column_text(m, 0), o->package_level);
		node_of(g, n, "internal");
		free(n);
	}
	sqlite3_finalize(m);
	while (store_row(st, q)) {
		int cat = cl_category_parse((const char *)sqlite3_column_text(q, 3));
		const char *tk = (const char *)sqlite3_column_text(q, 2);
		int internal = !strcmp(tk, "internal");
		if (cat < 0 || !(o->kinds & (1u << cat)) || (!internal && !o->external)) continue;
		char *s = collapse((const char *)sqlite3_column_text(q, 0), o->package_level);
		char *t = collapse((const char *)sqlite3_column_text(q, 1), o->package_level);
		size_t si = node_of(g, s, "internal");
		static const char *const kinds[] = { "internal", "stdlib", "third_party", "outside",
						     "unresolved" };
		const char *kind = kinds[4];                 /* a static: tk dies with the row */
		for (int k = 0; k < 4; k++) if (!strcmp(tk, kinds[k])) kind = kinds[k];
		size_t ti = node_of(g, t, kind);
		if (si != ti || !o->package_level)
			add_edge(g, si, ti, cat, (const char *)sqlite3_column_text(q, 4),
				 sqlite3_column_int(q, 5));
		free(s);
		free(t);
	}
	sqlite3_finalize(q);
	return 0;
}

/* Marks the nodes within o->depth hops (either direction) of the focus. */
static int focus(struct graph *g, const struct cl_graph_opts *o, struct cl_diags *d)
{
	size_t flen = strlen(o->focus);
	VEC(size_t) frontier = {0};
	for (size_t i = 0; i < g->nodes.n; i++) {
		const char *n = g->nodes.v[i].name;
		if (!strncmp(n, o->focus, flen) && (!n[flen] || n[flen] == '.')) {
			g->nodes.v[i].keep = 1;
			VEC_PUSH(frontier, i);
		}
	}
	if (!frontier.n) {
		cl_diag_add(d, CL_ERROR, NULL, 0, 0, "--focus %s: no such module or package", o->focus);
		return -1;
	}
	for (int hop = 0; hop < o->depth; hop++) {
		VEC(size_t) next = {0};
		for (size_t e = 0; e < g->edges.n; e++) {
			struct gedge *ed = &g->edges.v[e];
			int sk = g->nodes.v[ed->src].keep == hop + 1;
			int dk = g->nodes.v[ed->dst].keep == hop + 1;
			if (sk && !g->nodes.v[ed->dst].keep) {
				g->nodes.v[ed->dst].keep = hop + 2;
				VEC_PUSH(next, ed->dst);
			}
			if (dk && !g->nodes.v[ed->src].keep) {
				g->nodes.v[ed->src].keep = hop + 2;
				VEC_PUSH(next, ed->src);
			}
		}
		VEC_FREE(frontier);
		frontier.v = next.v;
		frontier.n = next.n;
		frontier.cap = next.cap;
		if (!frontier.n) break;
	}
	VEC_FREE(frontier);
	return 0;
}

static const struct graph *sort_graph;
static int cmp_node(const void *a, const void *b)
{
	return strcmp(sort_graph->nodes.v[*(const size_t *)a].name,
		      sort_graph->nodes.v[*(const size_t *)b].name);
}
static int cmp_edge(const void *a, const void *b)
{
	const struct gedge *x = &sort_graph->edges.v[*(const size_t *)a];
	const struct gedge *y = &sort_graph->edges.v[*(const size_t *)b];
	int c = strcmp(sort_graph->nodes.v[x->src].name, sort_graph->nodes.v[y->src].name);
	return c ? c : strcmp(sort_graph->nodes.v[x->dst].name, sort_graph->nodes.v[y->dst].name);
}

/* The strongest category of an aggregated edge: the first set bit. */
static int main_cat(unsigned cats)
{
	for (int i = 0; i < CL_CAT_COUNT; i++) if (cats & (1u << i)) return i;
	return 0;
}

static void quote_dot(FILE *out, const char *s)
{
	struct strbuf sb = {0};
	sb_dot_quote(&sb, s);
	fputs(sb.buf, out);
	sb_release(&sb);
}

/* Mermaid labels are HTML in most renderers: quotes and angle brackets as entity codes,
 * control characters as spaces. */
static void quote_mermaid(FILE *out, const char *s)
{
	fputc('"', out);
	for (; *s; s++) {
		if (*s == '"') fputs("#quot;", out);
		else if (*s == '<') fputs("#60;", out);
		else if (*s == '>') fputs("#62;", out);
		else if (*s == '#') fputs("#35;", out);
		else if ((unsigned char)*s < 0x20 || *s == 0x7f) fputc(' ', out);
		else fputc(*s, out);
	}
	fputc('"', out);
}

static void write_dot(FILE *out, const struct graph *g, const size_t *nodes, size_t nn,
		      const size_t *edges, size_t ne)
{
	static const char *style[CL_CAT_COUNT] = { "solid", "dashed", "dashed", "dashed", "dotted",
		"bold", "dotted", "dotted" };
	fputs("digraph cutline {\n  rankdir=LR;\n  node [shape=box, fontname=\"Helvetica\"];\n", out);
	for (size_t i = 0; i < nn; i++) {
		const struct gnode *n = &g->nodes.v[nodes[i]];
		fputs("  ", out);
		quote_dot(out, n->name);
		if (!strcmp(n->kind, "model")) fputs(" [shape=cylinder]", out);
		else if (strcmp(n->kind, "internal")) fprintf(out, " [style=dashed, tooltip=\"%s\"]", n->kind);
		fputs(";\n", out);
	}
	for (size_t i = 0; i < ne; i++) {
		const struct gedge *e = &g->edges.v[edges[i]];
		int c = main_cat(e->cats);
		fputs("  ", out);
		quote_dot(out, g->nodes.v[e->src].name);
		fputs(" -> ", out);
		quote_dot(out, g->nodes.v[e->dst].name);
		if (e->ops) {
			int k = main_cat(e->ops);
			static const char *const data_style[] = { "bold, color=red", "solid, color=blue",
								  "dotted, color=gray" };
			fprintf(out, " [style=%s, label=\"%s\", weight=%zu];\n", data_style[k],
				data_ops[k], e->naccess);
			continue;
		}
		fprintf(out, " [style=%s, label=\"%s\", weight=%zu];\n", style[c], cl_category_name(c),
			e->count);
	}
	fputs("}\n", out);
}

static void write_mermaid(FILE *out, const struct graph *g, const size_t *nodes, size_t nn,
			  const size_t *edges, size_t ne)
{
	fputs("graph LR\n", out);
	size_t *id = xcalloc(g->nodes.n + 1, sizeof(size_t));
	for (size_t i = 0; i < nn; i++) {
		id[nodes[i]] = i;
		int model = !strcmp(g->nodes.v[nodes[i]].kind, "model");
		fprintf(out, "  n%zu%s", i, model ? "[(" : "[");
		quote_mermaid(out, g->nodes.v[nodes[i]].name);
		fputs(model ? ")]\n" : "]\n", out);
	}
	for (size_t i = 0; i < ne; i++) {
		const struct gedge *e = &g->edges.v[edges[i]];
		int c = main_cat(e->cats);
		if (e->ops) {
			int k = main_cat(e->ops);
			fprintf(out, "  n%zu %s|%s| n%zu\n", id[e->src], k == 0 ? "==>" : k == 1 ? "-->" :
				"-.->", data_ops[k], id[e->dst]);
			continue;
		}
		fprintf(out, "  n%zu %s|%s| n%zu\n", id[e->src], c == CL_CAT_TOP ? "-->" : "-.->",
			cl_category_name(c), id[e->dst]);
	}
	free(id);
}

static void write_json(FILE *out, const struct graph *g, const struct cl_graph_opts *o,
		       const size_t *nodes, size_t nn, const size_t *edges, size_t ne)
{
	cJSON *root = cJSON_CreateObject();
	cJSON_AddStringToObject(root, "level", o->package_level ? "package" : "module");
	cJSON *jn = cJSON_AddArrayToObject(root, "nodes");
	for (size_t i = 0; i < nn; i++) {
		cJSON *n = cJSON_CreateObject();
		cJSON_AddStringToObject(n, "id", g->nodes.v[nodes[i]].name);
		cJSON_AddStringToObject(n, "kind", g->nodes.v[nodes[i]].kind);
		cJSON_AddItemToArray(jn, n);
	}
	cJSON *je = cJSON_AddArrayToObject(root, "edges");
	for (size_t i = 0; i < ne; i++) {
		const struct gedge *e = &g->edges.v[edges[i]];
		cJSON *x = cJSON_CreateObject();
		cJSON_AddStringToObject(x, "source", g->nodes.v[e->src].name);
		cJSON_AddStringToObject(x, "target", g->nodes.v[e->dst].name);
		if (e->ops) {
			cJSON_AddNumberToObject(x, "accesses", (double)e->naccess);
			cJSON *ops = cJSON_AddArrayToObject(x, "ops");
			for (int k = 0; k < 3; k++)
				if (e->ops & (1u << k)) cJSON_AddItemToArray(ops, cJSON_CreateString(data_ops[k]));
		} else {
			cJSON_AddNumberToObject(x, "imports", (double)e->count);
			cJSON *cats = cJSON_AddArrayToObject(x, "categories");
			for (int c = 0; c < CL_CAT_COUNT; c++)
				if (e->cats & (1u << c)) cJSON_AddItemToArray(cats, cJSON_CreateString(categories[c]));
		}
		if (e->path) {
			cJSON_AddStringToObject(x, "first_path", e->path);
			cJSON_AddNumberToObject(x, "first_line", e->line);
		}
		cJSON_AddItemToArray(je, x);
	}
	char *txt = json_print(root);
	fputs(txt, out);
	fputc('\n', out);
	free(txt);
	cJSON_Delete(root);
}

static int graph_write_answer(struct cl_store *st, const struct cl_graph_opts *o, FILE *out,
		   struct cl_diags *d)
{
	struct graph g = {0};
	int rc = CL_EINTERNAL;
	size_t *nodes = NULL, *edges = NULL;
	if (load(st, o, &g, d) || (o->data && load_data(st, o, &g, d))) goto out;
	if (o->focus && focus(&g, o, d)) {
		rc = CL_EUSAGE;
		goto out;
	}
	nodes = xcalloc(g.nodes.n + 1, sizeof(size_t));
	edges = xcalloc(g.edges.n + 1, sizeof(size_t));
	size_t nn = 0, ne = 0;
	for (size_t i = 0; i < g.nodes.n; i++)
		if (!o->focus || g.nodes.v[i].keep) nodes[nn++] = i;
	for (size_t i = 0; i < g.edges.n; i++)
		if (!o->focus || (g.nodes.v[g.edges.v[i].src].keep && g.nodes.v[g.edges.v[i].dst].keep))
			edges[ne++] = i;
	sort_graph = &g;
	sort_array(nodes, nn, sizeof(size_t), cmp_node);
	sort_array(edges, ne, sizeof(size_t), cmp_edge);
	if (o->format == CL_GRAPH_DOT) write_dot(out, &g, nodes, nn, edges, ne);
	else if (o->format == CL_GRAPH_MERMAID) write_mermaid(out, &g, nodes, nn, edges, ne);
	else write_json(out, &g, o, nodes, nn, edges, ne);
	if (o->format == CL_GRAPH_MERMAID && ne > MERMAID_MAX_EDGES)
		cl_diag_add(d, CL_WARNING, NULL, 0, 0, "%zu edges: past Mermaid's default limit of %d "
			    "(maxEdges) it refuses to draw; raise maxEdges in mermaid.initialize() (a "
			    "diagram's %%%%{init}%%%% cannot), or draw less: --level package, --focus NAME "
			    "--depth N, --kinds top", ne, MERMAID_MAX_EDGES);
	rc = CL_OK;
out:
	free(nodes);
	free(edges);
	for (size_t i = 0; i < g.nodes.n; i++) free(g.nodes.v[i].name);
	for (size_t i = 0; i < g.edges.n; i++) free(g.edges.v[i].path);
	VEC_FREE(g.nodes);
	VEC_FREE(g.edges);
	smap_release(&g.index);
	smap_release(&g.pairs);
	return rc;
}

/* A damaged store gives no answer: a read that failed turns the result into CL_EINTERNAL. */
int cl_graph_write(struct cl_store *st, const struct cl_graph_opts *o, FILE *out,
		   struct cl_diags *d)
{
	return cl_store_failed(st, graph_write_answer(st, o, out, d), d);
}
