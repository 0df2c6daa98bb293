/* inventory.c — the port inventory of each service: what a team porting it out of the
 * Python monolith must carry over: files, lines, functions, classes and methods, the
 * third-party packages it imports (with counts), and the Python-2-only constructs its code
 * holds. The counts come from the store; the constructs from parsing the service's
 * Python 2 files again (never running them), since the scan does not keep them. Test code
 * is left out, as federate leaves it out. */
#include "extractor_p.h"
#include "inventory_p.h"
#include "metrics_p.h"
#include "store_p.h"

#include <stdlib.h>
#include <string.h>
#include <tree_sitter/api.h>

const TSLanguage *tree_sitter_python(void);

static const char *const py2_names[PY2_COUNT] = {
	"print statement", "except X, e", "backticks", "exec statement", "Python 2 builtins",
	"dict.iter*/has_key", "long literals", "<>", "raise E, value", "implicit relative imports",
};
const char *inventory_py2_name(int k) { return py2_names[k]; }

static const char *const py2_short[PY2_COUNT] = {
	"print", "except_comma", "backticks", "exec", "py2_builtins", "dict_iter", "long_literal",
	"not_equal_diamond", "raise_comma", "implicit_relative_import",
};
const char *inventory_py2_key(int k) { return py2_short[k]; }

static int text_in(const char *s, size_t n, const char *const *words)
{
	for (; *words; words++) if (strlen(*words) == n && !memcmp(*words, s, n)) return 1;
	return 0;
}

/* Does node n have an anonymous child whose text is tok? */
static int has_token(TSNode n, const char *src, const char *tok)
{
	size_t len = strlen(tok);
	for (uint32_t i = 0, k = ts_node_child_count(n); i < k; i++) {
		TSNode c = ts_node_child(n, i);
		uint32_t a = ts_node_start_byte(c), b = ts_node_end_byte(c);
		if (!ts_node_is_named(c) && b - a == len && !memcmp(src + a, tok, len)) return 1;
	}
	return 0;
}

/* The construct node n is, or -1. *attr holds where the name of the last attribute node
 * seen is (x.name: that identifier is an attribute's name, never a builtin). */
static int construct(TSNode n, const char *src, uint32_t attr[2])
{
	static const char *const builtins[] = { "unicode", "basestring", "long", "xrange", "unichr",
						"raw_input", "execfile", NULL };
	static const char *const iters[] = { "iteritems", "itervalues", "iterkeys", "has_key", NULL };
	const char *t = ts_node_type(n);
	uint32_t a = ts_node_start_byte(n), b = ts_node_end_byte(n);
	if (!strcmp(t, "print_statement")) return PY2_PRINT;
	if (!strcmp(t, "exec_statement")) return PY2_EXEC;
	if (!strcmp(t, "except_clause")) return has_token(n, src, ",") ? PY2_EXCEPT_COMMA : -1;
	if (!strcmp(t, "string")) return b > a && src[a] == '`' ? PY2_BACKTICK : -1;
	if (!strcmp(t, "integer")) return b > a && (src[b - 1] == 'L' || src[b - 1] == 'l') ? PY2_LONG : -1;
	if (!strcmp(t, "comparison_operator")) return has_token(n, src, "<>") ? PY2_DIAMOND : -1;
	if (!strcmp(t, "raise_statement")) {
		TSNode c = ts_node_named_child(n, 0);
		return !ts_node_is_null(c) && !strcmp(ts_node_type(c), "expression_list") ? PY2_RAISE_COMMA : -1;
	}
	if (!strcmp(t, "attribute")) {
		TSNode name = ts_node_child_by_field_name(n, "attribute", 9);
		if (ts_node_is_null(name)) return -1;
		attr[0] = ts_node_start_byte(name);
		attr[1] = ts_node_end_byte(name);
		return text_in(src + attr[0], attr[1] - attr[0], iters) ? PY2_DICT_ITER : -1;
	}
	if (!strcmp(t, "identifier") && !(a == attr[0] && b == attr[1]))
		return text_in(src + a, b - a, builtins) ? PY2_BUILTIN : -1;
	return -1;
}

static void count_constructs(struct inv_service *s, const char *path, const char *src, size_t len,
			     TSParser *p)
{
	if (len > UINT32_MAX / 2 || bracket_depth(src, len, 0) > MAX_BRACKET_DEPTH) return;
	TSTree *t = ts_parser_parse_string(p, NULL, src, (uint32_t)len);
	if (!t) return;
	TSNode root = ts_tree_root_node(t);
	TSTreeCursor c = ts_tree_cursor_new(root);
	uint32_t attr[2] = { UINT32_MAX, UINT32_MAX };
	for (int more = 1; more; more = walk_next(&c, 1, root)) {
		TSNode n = ts_tree_cursor_current_node(&c);
		int k = construct(n, src, attr);
		if (k >= 0) {
			if (!s->py2[k]++) {
				s->first[k].path = xstrdup(path);
				s->first[k].line = (int)ts_node_start_point(n).row + 1;
			}
		}
	}
	ts_tree_cursor_delete(&c);
	ts_tree_delete(t);
}

/* The service of the module file path holds, or -1 (test code: -1 too). */
static int service_of_file(const struct ck_graph *g, const int *file_svc, const char *path)
{
	int f = path ? ck_file(g, path) : -1;
	return f >= 0 ? file_svc[f] : -1;
}

static int files_pass(const struct ck_graph *g, const char *dir, const int *file_svc,
		      struct inv_service *v, struct cl_store *st, struct cl_diags *d)
{
	sqlite3_stmt *q = store_prepare(st, "SELECT path, lines, python FROM files "
		"WHERE read_error IS NULL ORDER BY path", d);
	if (!q) return CL_EINTERNAL;
	TSParser *p = ts_parser_new();
	ts_parser_set_language(p, tree_sitter_python());
	ts_parser_set_timeout_micros(p, PARSE_TIMEOUT_US);
	while (store_row(st, q)) {
		const char *path = (const char *)sqlite3_column_text(q, 0);
		int s = service_of_file(g, file_svc, path);
		if (s < 0) continue;
		v[s].files++;
		v[s].lines += (size_t)sqlite3_column_int64(q, 1);
		if (sqlite3_column_int(q, 2) != 2) continue;
		char *abs = path_join(dir, path), *src = NULL;
		size_t len;
		if (!read_file(abs, &src, &len)) count_constructs(&v[s], path, src, len, p);
		free(src);
		free(abs);
	}
	ts_parser_delete(p);
	sqlite3_finalize(q);
	return CL_OK;
}

static int defs_pass(const struct ck_graph *g, const int *file_svc, struct inv_service *v,
		     struct cl_store *st, struct cl_diags *d)
{
	sqlite3_stmt *q = store_prepare(st, "SELECT f.path, d.kind, count(*) FROM defs d JOIN "
		"files f ON f.id = d.file_id WHERE d.kind IN ('function', 'class', 'method') "
		"GROUP BY 1, 2", d);
	if (!q) return CL_EINTERNAL;
	while (store_row(st, q)) {
		int s = service_of_file(g, file_svc, (const char *)sqlite3_column_text(q, 0));
		if (s < 0) continue;
		const char *kind = (const char *)sqlite3_column_text(q, 1);
		size_t n = (size_t)sqlite3_column_int64(q, 2);
		if (!strcmp(kind, "function")) v[s].functions += n;
		else if (!strcmp(kind, "class")) v[s].classes += n;
		else v[s].methods += n;
	}
	sqlite3_finalize(q);
	return CL_OK;
}

static void add_package(struct inv_service *s, const char *target)
{
	size_t n = strcspn(target, ".");
	for (size_t i = 0; i < s->ntp; i++)
		if (strlen(s->tp[i].name) == n && !strncmp(s->tp[i].name, target, n)) {
			s->tp[i].count++;
			return;
		}
	s->tp = xrealloc(s->tp, (s->ntp + 1) * sizeof(*s->tp));
	s->tp[s->ntp].name = xstrndup(target, n);
	s->tp[s->ntp++].count = 1;
}

/* Third-party imports by top-level package; and Python 2's implicit relative imports: an
 * import at level 0 of a Python 2 file that resolved to a module of its own package, not
 * to the name as written. */
static int imports_pass(const struct ck_graph *g, const int *file_svc, struct inv_service *v,
			struct cl_store *st, struct cl_diags *d)
{
	sqlite3_stmt *q = store_prepare(st, "SELECT f.path, e.target FROM edges e JOIN files f "
		"ON f.id = e.file_id WHERE e.kind = 'import' AND e.target_kind = 'third_party' "
		"ORDER BY f.path, e.line, e.col", d);
	if (!q) return CL_EINTERNAL;
	while (store_row(st, q)) {
		int s = service_of_file(g, file_svc, (const char *)sqlite3_column_text(q, 0));
		if (s >= 0) add_package(&v[s], (const char *)sqlite3_column_text(q, 1));
	}
	sqlite3_finalize(q);
	q = store_prepare(st, "SELECT f.path, e.line, coalesce(i.module, i.name), t.name FROM edges e "
		"JOIN imports i ON i.id = e.import_id JOIN files f ON f.id = e.file_id JOIN modules t "
		"ON t.id = e.dst WHERE e.kind = 'import' AND i.level = 0 AND f.python = 2 AND "
		"f.absolute_import = 0 ORDER BY f.path, e.line", d);
	if (!q) return CL_EINTERNAL;
	while (store_row(st, q)) {
		const char *path = (const char *)sqlite3_column_text(q, 0);
		const char *written = (const char *)sqlite3_column_text(q, 2);
		const char *target = (const char *)sqlite3_column_text(q, 3);
		int s = service_of_file(g, file_svc, path);
		size_t w = written ? strlen(written) : 0;
		if (s < 0 || !w || !strncmp(target, written, w)) continue;   /* as written: absolute */
		const char *in = strstr(target, written);
		if (!in || in == target || in[-1] != '.' || (in[w] && in[w] != '.')) continue;
		if (!v[s].py2[PY2_IMPLICIT]++) {
			v[s].first[PY2_IMPLICIT].path = xstrdup(path);
			v[s].first[PY2_IMPLICIT].line = sqlite3_column_int(q, 1);
		}
	}
	sqlite3_finalize(q);
	return CL_OK;
}

static int cmp_tp(const void *pa, const void *pb)
{
	const struct inv_tp *a = pa, *b = pb;
	if (a->count != b->count) return a->count > b->count ? -1 : 1;
	return strcmp(a->name, b->name);
}

int inventory_load(const struct ck_graph *g, size_t nservices, struct cl_store *st,
		   struct inv_service **out, struct cl_diags *d)
{
	struct inv_service *v = xcalloc(nservices + 1, sizeof(*v));
	int *file_svc = xmalloc((g->nfiles + 1) * sizeof(int));
	for (size_t i = 0; i < g->nfiles; i++) file_svc[i] = -1;
	for (size_t k = 0; k < g->nmods; k++) {
		int f = g->mod_file[k];
		if (f >= 0 && !g->files[f].is_test && file_svc[f] < 0) file_svc[f] = g->svc[k];
	}
	int rc = files_pass(g, g->cfg->dir, file_svc, v, st, d);
	if (!rc) rc = defs_pass(g, file_svc, v, st, d);
	if (!rc) rc = imports_pass(g, file_svc, v, st, d);
	for (size_t s = 0; s < nservices; s++) sort_array(v[s].tp, v[s].ntp, sizeof(*v[s].tp), cmp_tp);
	free(file_svc);
	if (rc) {
		inventory_free(v, nservices);
		v = NULL;
	}
	*out = v;
	return rc;
}

void inventory_free(struct inv_service *v, size_t n)
{
	for (size_t s = 0; v && s < n; s++) {
		for (size_t i = 0; i < v[s].ntp; i++) free(v[s].tp[i].name);
		free(v[s].tp);
		for (int k = 0; k < PY2_COUNT; k++) free(v[s].first[k].path);
	}
	free(v);
}

size_t inventory_py2_total(const struct inv_service *s)
{
	size_t n = 0;
	for (int k = 0; k < PY2_COUNT; k++) n += s->py2[k];
	return n;
}

int inventory_order(const struct ck_graph *g, const struct dmodels *dm, size_t k,
		    struct cl_store *st, size_t *seq, double *weight, struct cl_diags *d)
{
	double *imports = xcalloc(k * k + 1, sizeof(double)), *w = xcalloc(k * k + 1, sizeof(double));
	for (size_t i = 0; i < g->edges.n; i++) {
		const struct ck_edge *e = &g->edges.v[i];
		int a = g->svc[e->src], b = g->svc[e->dst];
		if (a >= 0 && b >= 0 && a != b && e->cap != CL_SEV_OFF) imports[(size_t)a * k + (size_t)b] += 1;
	}
	memcpy(w, imports, k * k * sizeof(double));
	sqlite3_stmt *q = store_prepare(st, "SELECT model_id, module, count(*) FROM data_access "
		"WHERE op <> 'reference' AND model_id IS NOT NULL GROUP BY 1, 2", d);
	while (q && store_row(st, q)) {
		int m = ck_module(g, (const char *)sqlite3_column_text(q, 1));
		int64_t mi = dmodels_find(dm, sqlite3_column_int64(q, 0));
		int a = m >= 0 ? g->svc[m] : -1, b = mi >= 0 ? dm->v[mi].owner : -1;
		if (a >= 0 && b >= 0 && a != b) w[(size_t)a * k + (size_t)b] += (double)sqlite3_column_int64(q, 2);
	}
	sqlite3_finalize(q);
	if (q) {
		const char **names = xcalloc(k + 1, sizeof(char *));
		size_t *order = xcalloc(k + 1, sizeof(size_t));
		int *comp = xcalloc(k + 1, sizeof(int));
		for (size_t s = 0; s < k; s++) names[s] = g->cfg->b->services[s].name;
		metrics_dependency_order(k, imports, names, order, comp);
		metrics_extraction_order(k, w, order, seq, weight);
		free(names);
		free(order);
		free(comp);
	}
	free(imports);
	free(w);
	return q ? CL_OK : CL_EINTERNAL;
}
