/* link.c — stores the edges of a file (link_p.h). Modules are looked up by file id in an
 * array sorted by it; the resolver holds every importable module name. */
#include "extract_p.h"
#include "link_p.h"
#include "util_p.h"

#include <stdlib.h>
#include <string.h>

struct fmod { int64_t file, id; char *name; int is_package; };

struct linker {
	struct cl_store *st;
	struct cl_diags *d;
	struct resolver *r;
	struct fmod *mods;            /* sorted by file */
	size_t nmods;
	sqlite3_stmt *ins, *del, *file, *imports, *strings;
	/* the edge being stored comes from here */
	const char *path;
	int64_t src, file_id, import_id;
	int line, col, failed;
};

static int cmp_fmod(const void *a, const void *b)
{
	const struct fmod *x = a, *y = b;
	if (x->file != y->file) return x->file < y->file ? -1 : 1;
	return strcmp(x->name, y->name);
}

struct linker *linker_new(const struct cl_config *cfg, struct cl_store *st, struct cl_diags *d)
{
	struct linker *l = xcalloc(1, sizeof(*l));
	l->st = st;
	l->d = d;
	l->r = resolver_new(cfg);
	sqlite3_stmt *q = store_prepare(st, "SELECT id, name, is_package, file_id, importable "
					"FROM modules", d);
	VEC(struct fmod) mods = {0};
	while (store_row(l->st, q)) {
		const char *name = (const char *)sqlite3_column_text(q, 1);
		int has_file = sqlite3_column_type(q, 3) != SQLITE_NULL;
		resolver_add_module(l->r, name, sqlite3_column_int64(q, 0), sqlite3_column_int(q, 2),
				    has_file, sqlite3_column_int(q, 4));
		if (!has_file) continue;
		struct fmod m = { sqlite3_column_int64(q, 3), sqlite3_column_int64(q, 0),
				  xstrdup(name), sqlite3_column_int(q, 2) };
		VEC_PUSH(mods, m);
	}
	sqlite3_finalize(q);
	sqlite3_stmt *a = q ? store_prepare(st, "SELECT name, target FROM aliases", d) : NULL;
	while (store_row(l->st, a))
		resolver_add_alias(l->r, (const char *)sqlite3_column_text(a, 0),
				   (const char *)sqlite3_column_text(a, 1));
	sqlite3_finalize(a);
	if (!a) q = NULL;
	sort_array(mods.v, mods.n, sizeof(struct fmod), cmp_fmod);
	l->mods = mods.v;
	l->nmods = mods.n;
	l->ins = store_prepare(st, "INSERT INTO edges(src, dst, target, target_kind, kind, category, "
			       "ctx, symbol, file_id, line, col, import_id) "
			       "VALUES(?,?,?,?,?,?,?,?,?,?,?,?)", d);
	l->del = store_prepare(st, "DELETE FROM edges WHERE file_id=?", d);
	l->file = store_prepare(st, "SELECT path, python, absolute_import FROM files WHERE id=?", d);
	l->imports = store_prepare(st, "SELECT id, kind, level, module, name, package, ctx, line, "
				   "col FROM imports WHERE file_id=? ORDER BY id", d);
	l->strings = store_prepare(st, "SELECT text, line, col FROM strings WHERE file_id=? "
				   "ORDER BY id", d);
	if (!q || !l->ins || !l->del || !l->file || !l->imports || !l->strings) {
		linker_free(l);
		return NULL;
	}
	return l;
}

void linker_free(struct linker *l)
{
	if (!l) return;
	for (size_t i = 0; i < l->nmods; i++) free(l->mods[i].name);
	free(l->mods);
	sqlite3_finalize(l->ins);
	sqlite3_finalize(l->del);
	sqlite3_finalize(l->file);
	sqlite3_finalize(l->imports);
	sqlite3_finalize(l->strings);
	resolver_free(l->r);
	free(l);
}

static void on_edge(void *arg, const struct edge *e)
{
	struct linker *l = arg;
	sqlite3_stmt *q = l->ins;
	sqlite3_bind_int64(q, 1, l->src);
	if (e->dst >= 0) sqlite3_bind_int64(q, 2, e->dst);
	else sqlite3_bind_null(q, 2);
	sqlite3_bind_text(q, 3, e->target, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 4, target_kind_name(e->target_kind), -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 5, edge_kind_name(e->kind), -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 6, cl_category_name(e->category), -1, SQLITE_STATIC);
	sqlite3_bind_int(q, 7, e->ctx);
	store_bind_text(q, 8, e->symbol);
	sqlite3_bind_int64(q, 9, l->file_id);
	sqlite3_bind_int(q, 10, l->line);
	sqlite3_bind_int(q, 11, l->col);
	if (l->import_id) sqlite3_bind_int64(q, 12, l->import_id);
	else sqlite3_bind_null(q, 12);
	int rc = store_step(l->st, q);
	sqlite3_reset(q);
	if (rc != SQLITE_DONE) {
		store_error(l->st, l->d);
		l->failed = 1;
	}
	if (e->target_kind != T_UNRESOLVED || e->kind == EDGE_PARENT) return;
	if (e->symbol)
		cl_diag_add(l->d, CL_WARNING, l->path, l->line, l->col + 1,
			    "cannot resolve import of '%s' from '%s'", e->symbol, e->target);
	else
		cl_diag_add(l->d, CL_WARNING, l->path, l->line, l->col + 1,
			    "cannot resolve import '%s'", e->target);
}

int linker_file(struct linker *l, int64_t file, const char *path, int python, int absimp,
		const struct link_import *ims, size_t nims, const struct link_string *strs,
		size_t nstrs)
{
	size_t lo = lower_bound_array(&file, l->mods, l->nmods, sizeof(struct fmod),
				      cmp_i64_first);    /* the first module of this file */
	l->path = path;
	l->file_id = file;
	size_t ndyn = 0, *dyn = xcalloc(nims + 1, sizeof(size_t));
	for (size_t i = 0; i < nims; i++)
		if (ims[i].im.kind == IMP_DYNAMIC) dyn[ndyn++] = i;
	for (size_t m = lo; m < l->nmods && l->mods[m].file == file; m++) {
		struct src_module src = { l->mods[m].name, l->mods[m].id, l->mods[m].is_package,
					  python, absimp };
		l->src = src.id;
		for (size_t i = 0; i < nims; i++) {
			l->import_id = ims[i].id;
			l->line = ims[i].line;
			l->col = ims[i].col;
			resolve_import(l->r, &src, &ims[i].im, on_edge, l);
		}
		l->import_id = 0;
		for (size_t i = 0; i < nstrs; i++) {
			size_t k = 0;              /* a dynamic import's name is not a string edge */
			while (k < ndyn && !(ims[dyn[k]].line == strs[i].line && ims[dyn[k]].col == strs[i].col))
				k++;
			if (k < ndyn) continue;
			l->line = strs[i].line;
			l->col = strs[i].col;
			resolve_string(l->r, &src, strs[i].text, on_edge, l);
		}
	}
	free(dyn);
	return l->failed ? -1 : 0;
}

static char *col_dup(sqlite3_stmt *q, int i)
{
	const char *t = (const char *)sqlite3_column_text(q, i);
	return t ? xstrdup(t) : NULL;
}

int linker_file_from_store(struct linker *l, int64_t file)
{
	sqlite3_bind_int64(l->del, 1, file);
	int rc = store_step(l->st, l->del);
	sqlite3_reset(l->del);
	if (rc != SQLITE_DONE) return -1;
	sqlite3_bind_int64(l->file, 1, file);
	if (!store_row(l->st, l->file)) {
		sqlite3_reset(l->file);
		return l->st->read_error ? -1 : 0;
	}
	char *path = col_dup(l->file, 0);
	int python = sqlite3_column_int(l->file, 1), absimp = sqlite3_column_int(l->file, 2);
	sqlite3_reset(l->file);
	VEC(struct link_import) ims = {0};
	VEC(struct link_string) strs = {0};
	sqlite3_bind_int64(l->imports, 1, file);
	while (store_row(l->st, l->imports)) {
		sqlite3_stmt *q = l->imports;
		struct link_import li = { { imp_kind_parse((const char *)sqlite3_column_text(q, 1)),
			sqlite3_column_int(q, 2), sqlite3_column_int(q, 6), col_dup(q, 3), col_dup(q, 4),
			col_dup(q, 5) }, sqlite3_column_int64(q, 0), sqlite3_column_int(q, 7),
			sqlite3_column_int(q, 8) };
		if (li.im.name && li.im.kind >= 0) {
			VEC_PUSH(ims, li);
		} else {
			free((char *)li.im.module);
			free((char *)li.im.name);
			free((char *)li.im.package);
		}
	}
	sqlite3_reset(l->imports);
	sqlite3_bind_int64(l->strings, 1, file);
	while (store_row(l->st, l->strings)) {
		struct link_string ls = { col_dup(l->strings, 0), sqlite3_column_int(l->strings, 1),
					  sqlite3_column_int(l->strings, 2) };
		if (ls.text) VEC_PUSH(strs, ls);
	}
	sqlite3_reset(l->strings);
	rc = linker_file(l, file, path, python, absimp, ims.v, ims.n, strs.v, strs.n);
	for (size_t i = 0; i < ims.n; i++) {
		free((char *)ims.v[i].im.module);
		free((char *)ims.v[i].im.name);
		free((char *)ims.v[i].im.package);
	}
	for (size_t i = 0; i < strs.n; i++) free((char *)strs.v[i].text);
	VEC_FREE(ims);
	VEC_FREE(strs);
	free(path);
	return rc;
}
