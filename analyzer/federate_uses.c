/* federate_uses.c — what other services reach through a module they import whole
 * (`from users import api`, then `api.get_user(...)`; `import users.api`, then
 * `users.api.get_user(...)`): the store keeps the import, not the names used through it,
 * so each file that imports a module of another service is parsed again (never run), and
 * each attribute over the module's bound name that names a function or class of it counts
 * as an import of that name, at the attribute's line (once per file and name). */
#include "extractor_p.h"
#include "federate_p.h"
#include "store_p.h"

#include <stdlib.h>
#include <string.h>
#include <tree_sitter/api.h>

const TSLanguage *tree_sitter_python(void);

struct binding { char *prefix; int src, dst; };   /* "api" or "users.api": names dst in src */
struct ufile { char *path; VEC(struct binding) b; };
struct ufiles { struct ufile *v; size_t n, cap; };

/* n's text as "a.b.c" for an identifier or a chain of attributes over one; 0 for others. */
static int dotted_text(const char *src, TSNode n, TSFieldId f_obj, TSFieldId f_attr,
		       struct strbuf *sb)
{
	TSNode parts[32];
	size_t np = 0;
	while (!strcmp(ts_node_type(n), "attribute")) {
		if (np == 31) return 0;
		parts[np++] = ts_node_child_by_field_id(n, f_attr);
		n = ts_node_child_by_field_id(n, f_obj);
		if (ts_node_is_null(n) || ts_node_is_null(parts[np - 1])) return 0;
	}
	if (strcmp(ts_node_type(n), "identifier")) return 0;
	parts[np++] = n;
	sb_reset(sb);
	for (size_t i = np; i-- > 0; ) {
		uint32_t a = ts_node_start_byte(parts[i]), b = ts_node_end_byte(parts[i]);
		if (i + 1 < np) sb_addc(sb, '.');
		sb_add(sb, src + a, b - a);
	}
	return 1;
}

/* Each attribute of the file over one of its bindings: a use of that name of the module. */
static void scan_file(struct fed *x, TSParser *p, const struct ufile *u)
{
	char *abs = path_join(fed_config(x)->dir, u->path), *src = NULL;
	size_t len = 0;
	int rc = read_file(abs, &src, &len);
	free(abs);
	/* the scan's guard: the 0.20 runtime corrupts its heap on brackets nested 65,000 deep */
	if (rc || len > UINT32_MAX / 2 || bracket_depth(src, len, 0) > MAX_BRACKET_DEPTH) {
		free(src);
		return;
	}
	TSTree *t = ts_parser_parse_string(p, NULL, src, (uint32_t)len);
	if (!t) {
		free(src);
		return;
	}
	const TSLanguage *lang = tree_sitter_python();
	TSFieldId f_obj = ts_language_field_id_for_name(lang, "object", 6);
	TSFieldId f_attr = ts_language_field_id_for_name(lang, "attribute", 9);
	struct strbuf sb = {0};
	struct smap seen = {0};
	TSNode root = ts_tree_root_node(t);
	TSTreeCursor c = ts_tree_cursor_new(root);
	for (int more = 1; more; more = walk_next(&c, 1, root)) {
		TSNode n = ts_tree_cursor_current_node(&c);
		if (!strcmp(ts_node_type(n), "attribute") &&
		    dotted_text(src, ts_node_child_by_field_id(n, f_obj), f_obj, f_attr, &sb)) {
			for (size_t i = 0; i < u->b.n; i++) {
				if (strcmp(sb.buf, u->b.v[i].prefix)) continue;
				TSNode a = ts_node_child_by_field_id(n, f_attr);
				char *name = xstrndup(src + ts_node_start_byte(a),
						      ts_node_end_byte(a) - ts_node_start_byte(a));
				char *key = xasprintf("%d %s", u->b.v[i].dst, name);
				TSPoint pt = ts_node_start_point(n);
				if (!smap_get(&seen, key) && fed_add_use(x, u->b.v[i].src, u->b.v[i].dst, name,
									 u->path, (int)pt.row + 1, (int)pt.column + 1))
					smap_put(&seen, key, 1);
				free(key);
				free(name);
			}
		}
	}
	ts_tree_cursor_delete(&c);
	smap_release(&seen);
	sb_release(&sb);
	ts_tree_delete(t);
	free(src);
}

/* The name an import binds the module to, as code writes it before the dot: `import a.b`
 * and `import a.b as c` give "a.b" and "c"; `from a import b` and `... as c` give "b", "c". */
static char *bound_prefix(const char *name, const char *alias)
{
	if (alias) return xstrdup(alias);
	if (!name || !strcmp(name, "*")) return NULL;
	return xstrdup(name);
}

static struct ufile *file_of(struct ufiles *files, const char *path)
{
	if (files->n && !strcmp(files->v[files->n - 1].path, path)) return &files->v[files->n - 1];
	struct ufile u = { xstrdup(path), {0} };
	VEC_PUSH(*files, u);
	return &files->v[files->n - 1];
}

int fed_module_uses(struct fed *x, struct cl_store *st, struct cl_diags *d)
{
	sqlite3_stmt *q = store_prepare(st, "SELECT s.name, t.name, f.path, i.name, i.alias FROM edges e JOIN imports i ON i.id = e.import_id JOIN modules s ON "
		"s.id = e.src JOIN modules t ON t.id = e.dst JOIN files f ON f.id = e.file_id "
		"WHERE e.kind = 'import' AND e.symbol IS NULL AND t.file_id IS NOT NULL "
		"ORDER BY f.path, e.line, e.col", d);
	if (!q) return CL_EINTERNAL;
	struct ufiles files = {0};
	while (store_row(st, q)) {
		int src = fed_module(x, (const char *)sqlite3_column_text(q, 0));
		int dst = fed_module(x, (const char *)sqlite3_column_text(q, 1));
		if (!fed_crosses(x, src, dst)) continue;
		char *prefix = bound_prefix((const char *)sqlite3_column_text(q, 3),
					    (const char *)sqlite3_column_text(q, 4));
		if (!prefix) continue;
		struct ufile *u = file_of(&files, (const char *)sqlite3_column_text(q, 2));
		struct binding b = { prefix, src, dst };
		VEC_PUSH(u->b, b);
	}
	sqlite3_finalize(q);
	TSParser *p = ts_parser_new();
	ts_parser_set_language(p, tree_sitter_python());
	ts_parser_set_timeout_micros(p, PARSE_TIMEOUT_US);
	for (size_t i = 0; i < files.n; i++) {
		scan_file(x, p, &files.v[i]);
		for (size_t k = 0; k < files.v[i].b.n; k++) free(files.v[i].b.v[k].prefix);
		VEC_FREE(files.v[i].b);
		free(files.v[i].path);
	}
	ts_parser_delete(p);
	VEC_FREE(files);
	return 0;
}
