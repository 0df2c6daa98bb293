/* models.c — after a scan, the data graph: which classes are datastore models (a chain of
 * bases, resolved through imports, aliases and re-exports across modules, reaching a
 * configured base), their kinds, and what each data reference of the scan (data_refs)
 * reads, writes or references. Rewrites the models and accesses tables; the scan calls it
 * inside its transaction whenever the facts or the [data] settings changed. */
#include "models_p.h"
#include "store_p.h"
#include "util_p.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

/* The bases a model derives from when [data] model_bases adds none. "()" marks a call's
 * result (SQLAlchemy's Base = declarative_base()). */
static const char *const default_bases[] = {
	"google.appengine.ext.ndb.Model", "google.appengine.ext.ndb.Expando",
	"google.appengine.ext.ndb.model.Model", "google.appengine.ext.ndb.model.Expando",
	"google.appengine.ext.ndb.polymodel.PolyModel",
	"google.appengine.ext.db.Model", "google.appengine.ext.db.Expando",
	"google.appengine.ext.db.polymodel.PolyModel",
	"google.cloud.ndb.Model", "google.cloud.ndb.Expando", "google.cloud.ndb.model.Model",
	"google.cloud.ndb.model.Expando", "google.cloud.ndb.polymodel.PolyModel",
	"django.db.models.Model", "django.db.models.base.Model",
	"sqlalchemy.orm.DeclarativeBase", "sqlalchemy.orm.DeclarativeBaseNoMeta",
	"sqlalchemy.orm.decl_api.DeclarativeBase",
	"sqlalchemy.ext.declarative.declarative_base()", "sqlalchemy.orm.declarative_base()",
	"sqlalchemy.ext.declarative.api.declarative_base()",
	"sqlalchemy.orm.decl_api.declarative_base()",
	NULL
};

/* Methods that return an entity of the class they are called on (or a query of them). */
static const char *const entity_methods[] = { "get_by_id", "get_by_id_async", "get_by_key_name",
	"get_by_key_name_async", "get", "get_or_insert", "get_or_insert_async", "query", "all",
	"gql", NULL };

enum sym_type { S_CLASS, S_ALIAS, S_IMPORT, S_WILD, S_FUNC };
struct sym { uint8_t type; char *value; int64_t next; };   /* next: the module's next wildcard */

struct cls {
	char *key;                  /* module.Outer.Name */
	const char *module;         /* its module's name (in the modules map) */
	const char *name;           /* the class's own name, inside key */
	int64_t module_id, file_id;
	char *bases, *fields, *kindname;
	char *keys;                 /* "field=M field2='Kind'": its key and reference properties */
	char *members;              /* "x=f() y=a.b": what its methods assign to self.x, self.y */
	char *props;                /* "name:ctor:arg:flags:line:annotation ...", as in defs */
	int line, col, declared_abstract;
	int test;                   /* defined in test code: never a guess for other code */
	int state;                  /* 0 unknown, 1 being looked at, 2 model, 3 not a model */
	const char *base;           /* the configured base reached */
	int64_t base_cls;           /* the model class it derives from, or -1 */
	int64_t poly_root;          /* the class deriving directly from a PolyModel, or -1 */
	int subclassed, named, abstract;
	char *all_fields;           /* " a b c ": its fields and those of its bases */
	int64_t id;                 /* models.id */
};

struct filemod { int64_t file, module; char *name; int importable; };
struct refs { struct ref *v; size_t n, cap; };

struct ivec { int64_t *v; size_t n, cap; };    /* ascending class indexes */

/* Is i in v? A binary search: v ascends. */
static int ivec_has(const struct ivec *v, int64_t i)
{
	size_t lo = lower_bound_array(&i, v->v, v->n, sizeof(int64_t), cmp_i64_first);
	return lo < v->n && v->v[lo] == i;
}

struct res {
	const struct cl_config *cfg;
	struct cl_store *st;
	struct cl_diags *d;
	struct smap modules;        /* name -> module id */
	size_t module_parts;        /* the most parts of a module's name */
	VEC(struct filemod) files;  /* sorted by file: each file's first module */
	struct smap syms;           /* "module.name" -> index in symv */
	VEC(struct sym) symv;
	struct smap wild;           /* module -> its first wildcard import in symv */
	VEC(struct cls) classes;
	struct smap class_by_key;   /* key -> index in classes */
	struct smap bases;          /* configured base -> index in base_names */
	char **base_names; size_t nbase_names;
	struct smap field_names;    /* every model field name -> 1 */
	struct ivec test_files;     /* the ids of the files in test code ([project] tests) */
	struct smap kinds;          /* kind, and Django's label.Class -> index in classes */
	struct smap names;          /* class name -> index in classes, -1 when several */
	struct smap canon_memo;     /* name -> index in canon_vals; -1 while being followed */
	VEC(char *) canon_vals;
	struct smap key_fields;     /* key or reference property name -> the model it holds,
				       -1 when models disagree */
	struct smap attrs_memo;     /* "attrs\037hint" -> model_of_attrs's answer (after the
				       abstract marks, when classes no longer change) */
	char **squeezed;            /* per class, its squeezed name; NULL where model_by_name
				       leaves the class out (built on its first use) */
	size_t nsqueezed;
	struct smap field_at;       /* field name -> index in field_classes (built on first use) */
	VEC(struct ivec) field_classes;  /* the concrete models with that field, in class order */
	int fields_indexed;
	struct strbuf sb;
};

/* a + b, a + "." + b: this runs for every import and class, where xasprintf's cost shows */
static char *cat(const char *a, size_t an, const char *b, size_t bn)
{
	char *s = xmalloc(an + bn + 1);
	memcpy(s, a, an);
	memcpy(s + an, b, bn);
	s[an + bn] = 0;
	return s;
}

static char *dot_join(const char *a, const char *b, size_t bn)
{
	size_t an = strlen(a);
	char *s = xmalloc(an + bn + 2);
	memcpy(s, a, an);
	s[an] = '.';
	memcpy(s + an + 1, b, bn);
	s[an + 1 + bn] = 0;
	return s;
}

/* --- the module-level names of every module --------------------------------------------------- */
static void add_sym(struct res *r, const char *module, const char *name, int type, const char *value)
{
	if (type == S_ALIAS && value && !strcmp(value, name)) return;   /* ndb = ndb: no change */
	if (type == S_WILD && (!value || !smap_get(&r->modules, value))) return;  /* nothing known */
	char *key = dot_join(module, name, strlen(name));
	struct sym s = { (uint8_t)type, value ? xstrdup(value) : NULL, -1 };
	if (type == S_WILD) {
		int64_t *first = smap_get(&r->wild, module);
		s.next = first ? *first : -1;
		smap_put(&r->wild, module, (int64_t)r->symv.n);
	} else if (type == S_IMPORT || !smap_get(&r->syms, key) ||
		   r->symv.v[*smap_get(&r->syms, key)].type != S_CLASS) {
		smap_put(&r->syms, key, (int64_t)r->symv.n);   /* a class wins over a name */
	}
	VEC_PUSH(r->symv, s);
	free(key);
}

static int cmp_filemod(const void *a, const void *b)
{
	const struct filemod *x = a, *y = b;
	return (x->file > y->file) - (x->file < y->file);
}

/* The modules of a file: files[*first .. *first + n). */
static size_t file_modules(const struct res *r, int64_t file, size_t *first)
{
	size_t lo = lower_bound_array(&file, r->files.v, r->files.n, sizeof(struct filemod),
				      cmp_i64_first);
	*first = lo;
	size_t n = 0;
	while (lo + n < r->files.n && r->files.v[lo + n].file == file) n++;
	return n;
}

static int load_modules(struct res *r)
{
	sqlite3_stmt *q = store_prepare(r->st, "SELECT id, name, file_id, importable FROM modules", r->d);
	if (!q) return -1;
	while (store_row(r->st, q)) {
		const char *name = (const char *)sqlite3_column_text(q, 1);
		smap_put(&r->modules, name, sqlite3_column_int64(q, 0));
		size_t parts = 1;
		for (const char *c = name; *c; c++) parts += *c == '.';
		if (parts > r->module_parts) r->module_parts = parts;
		if (sqlite3_column_type(q, 2) == SQLITE_NULL) continue;
		struct filemod fm = { sqlite3_column_int64(q, 2), sqlite3_column_int64(q, 0), xstrdup(name),
				      sqlite3_column_int(q, 3) };
		VEC_PUSH(r->files, fm);
	}
	sqlite3_finalize(q);
	sort_array(r->files.v, r->files.n, sizeof(struct filemod), cmp_filemod);
	return 0;
}

/* The file's main module: an importable one first, then the lowest id. */
static const struct filemod *first_module(const struct res *r, int64_t file)
{
	size_t first, n = file_modules(r, file, &first);
	const struct filemod *best = NULL;
	for (size_t i = first; i < first + n; i++) {
		const struct filemod *m = &r->files.v[i];
		if (!best || m->importable > best->importable ||
		    (m->importable == best->importable && m->module < best->module)) best = m;
	}
	return best;
}

/* The name an import binds and what it stands for: `import a.b.c` binds a (the target cut
 * to as many parts); `import a.b as x` and `from m import n as x` bind x. */
static void add_import(struct res *r, const char *module, const char *kind, const char *name,
		       const char *alias, const char *target, const char *symbol)
{
	struct strbuf *sb = &r->sb;
	sb_reset(sb);
	if (!strcmp(kind, "from") && name && !strcmp(name, "*")) {
		add_sym(r, module, "*", S_WILD, target);
		return;
	}
	sb_adds(sb, target);
	if (symbol) {
		sb_addc(sb, '.');
		sb_adds(sb, symbol);
	}
	if (!strcmp(kind, "import") && !alias && name) {
		size_t drop = 0;                     /* parts of name after the first */
		for (const char *p = name; *p; p++) drop += *p == '.';
		while (drop-- && sb->len) {
			char *dot = strrchr(sb->buf, '.');
			if (!dot) break;
			*dot = 0;
			sb->len = (size_t)(dot - sb->buf);
		}
		char first[256];
		snprintf(first, sizeof(first), "%.*s", (int)strcspn(name, "."), name);
		add_sym(r, module, first, S_IMPORT, sb->buf);
		return;
	}
	const char *bound = alias ? alias : name;
	if (bound) add_sym(r, module, bound, S_IMPORT, sb->buf);
}

static char *dup_col(sqlite3_stmt *q, int i)
{
	const char *t = (const char *)sqlite3_column_text(q, i);
	return t ? xstrdup(t) : NULL;
}

struct imp { int64_t id; char *kind, *name, *alias; };

static int cmp_imp(const void *a, const void *b)
{
	const struct imp *x = a, *y = b;
	return (x->id > y->id) - (x->id < y->id);
}

static int cmp_modname(const void *a, const void *b)
{
	const struct filemod *x = a, *y = b;
	return (x->module > y->module) - (x->module < y->module);
}

/* Every import's binding, from the edges that resolved it. The imports and the edges are
 * read in two plain scans and matched in memory: a join costs two B-tree seeks a row. */
static int load_imports(struct res *r)
{
	VEC(struct imp) imps = {0};
	VEC(struct filemod) mods = {0};             /* module id -> name */
	sqlite3_stmt *q = store_prepare(r->st, "SELECT id, kind, name, alias FROM imports "
					"WHERE kind IN ('import', 'from')", r->d);
	while (store_row(r->st, q)) {
		struct imp im = { sqlite3_column_int64(q, 0), dup_col(q, 1), dup_col(q, 2), dup_col(q, 3) };
		VEC_PUSH(imps, im);
	}
	sqlite3_finalize(q);
	sort_array(imps.v, imps.n, sizeof(struct imp), cmp_imp);
	for (size_t i = 0; i < r->modules.cap; i++) {
		if (!r->modules.keys[i]) continue;
		struct filemod m = { 0, r->modules.vals[i], r->modules.keys[i], 0 };
		VEC_PUSH(mods, m);
	}
	sort_array(mods.v, mods.n, sizeof(struct filemod), cmp_modname);
	sqlite3_stmt *e = q ? store_prepare(r->st, "SELECT src, import_id, target, symbol FROM edges "
					    "WHERE import_id IS NOT NULL AND kind <> 'parent'", r->d) : NULL;
	while (store_row(r->st, e)) {
		struct imp key = { sqlite3_column_int64(e, 1), NULL, NULL, NULL };
		struct filemod mkey = { 0, sqlite3_column_int64(e, 0), NULL, 0 };
		const struct imp *im = search_array(&key, imps.v, imps.n, sizeof(struct imp), cmp_imp);
		const struct filemod *m = search_array(&mkey, mods.v, mods.n, sizeof(struct filemod), cmp_modname);
		const char *target = (const char *)sqlite3_column_text(e, 2);
		if (im && m && im->kind && target)
			add_import(r, m->name, im->kind, im->name, im->alias, target,
				   (const char *)sqlite3_column_text(e, 3));
	}
	sqlite3_finalize(e);
	for (size_t i = 0; i < imps.n; i++) {
		free(imps.v[i].kind);
		free(imps.v[i].name);
		free(imps.v[i].alias);
	}
	VEC_FREE(imps);
	VEC_FREE(mods);
	return q && e ? 0 : -1;
}


static void cls_release(struct cls *c)
{
	free(c->key);
	free(c->bases);
	free(c->fields);
	free(c->kindname);
	free(c->keys);
	free(c->members);
	free(c->props);
	free(c->all_fields);
}

/* A class under a key already taken replaces the earlier one, as a later `class` statement
 * rebinds the name in Python (tests define one model twice); so does a class of another
 * file that comes out under the same dotted key (a class `b` in a/__init__.py holding a
 * class X, beside module a/b.py defining X), the file read later winning. */
static void add_class(struct res *r, struct cls *c)
{
	int64_t *known = smap_get(&r->class_by_key, c->key);
	if (!known) {
		smap_put(&r->class_by_key, c->key, (int64_t)r->classes.n);
		VEC_PUSH(r->classes, *c);
		return;
	}
	struct cls *old = &r->classes.v[*known];
	cls_release(old);
	*old = *c;
}

/* The files in test code: a model a test defines (FakeUser) is no guess for the entity names
 * of other code (a `user` there once read as a FakeUser). */
static int load_test_files(struct res *r)
{
	if (!r->cfg->ntests) return 0;
	sqlite3_stmt *q = store_prepare(r->st, "SELECT id, path FROM files ORDER BY id", r->d);
	if (!q) return -1;
	while (store_row(r->st, q)) {
		const char *path = (const char *)sqlite3_column_text(q, 1);
		if (path && cl_config_is_test(r->cfg, path)) VEC_PUSH(r->test_files, sqlite3_column_int64(q, 0));
	}
	sqlite3_finalize(q);
	return 0;
}

/* Classes (also nested ones, by their qualified key) and module-level names with a value. */
static int load_defs(struct res *r)
{
	sqlite3_stmt *q = store_prepare(r->st, "SELECT file_id, kind, name, parent, bases, line, "
		"col, value, fields, kind_name, abstract, keys, members, props FROM defs WHERE kind = 'class' OR "
		"value IS NOT NULL ORDER BY file_id, id", r->d);          /* index defs_data */
	if (!q) return -1;
	while (store_row(r->st, q)) {
		int64_t file = sqlite3_column_int64(q, 0);
		const char *kind = (const char *)sqlite3_column_text(q, 1);
		const char *name = (const char *)sqlite3_column_text(q, 2);
		const char *parent = (const char *)sqlite3_column_text(q, 3);
		size_t first, n = file_modules(r, file, &first);
		for (size_t k = first; k < first + n && name; k++) {
			const char *mod = r->files.v[k].name;
			if (strcmp(kind, "class")) {          /* a name's value, a function's return */
				const char *value = (const char *)sqlite3_column_text(q, 7);
				if (!strcmp(kind, "name") || !parent) {
					add_sym(r, mod, name, !strcmp(kind, "name") ? S_ALIAS : S_FUNC, value);
				} else if (value) {           /* a method's: "module.Class.method" */
					char *qual = dot_join(parent, name, strlen(name));
					add_sym(r, mod, qual, S_FUNC, value);
					free(qual);
				}
				continue;
			}
			struct cls c = {0};
			char *outer = parent ? dot_join(mod, parent, strlen(parent)) : NULL;
			c.key = dot_join(outer ? outer : mod, name, strlen(name));
			free(outer);
			c.module = mod;
			c.name = c.key + strlen(c.key) - strlen(name);
			c.module_id = r->files.v[k].module;
			c.file_id = file;
			c.bases = dup_col(q, 4);
			c.line = sqlite3_column_int(q, 5);
			c.col = sqlite3_column_int(q, 6);
			c.fields = dup_col(q, 8);
			c.kindname = dup_col(q, 9);
			c.declared_abstract = sqlite3_column_int(q, 10);
			c.keys = dup_col(q, 11);
			c.members = dup_col(q, 12);
			c.props = dup_col(q, 13);
			c.test = ivec_has(&r->test_files, file);
			c.base_cls = c.poly_root = -1;
			if (!parent) add_sym(r, mod, name, S_CLASS, NULL);
			add_class(r, &c);
		}
	}
	sqlite3_finalize(q);
	return 0;
}

/* --- names -> what they stand for -------------------------------------------------------------- */
/* A dotted name longer than this is not followed: it stands for itself. An alias chain
 * (X1 = m.X2.Y, X2 = m.X3.Y, ...) grows the name it follows by a part a link, so without
 * a bound the names remembered grew with the chain (8,000 links: 12 s). */
enum { MAX_NAME = 512, MAX_WILDCARDS = 256 };

/* The length of the longest prefix of q (ending at a '.' or its end) naming a module; 0.
 * Only the prefixes of at most module_parts parts are looked up: a name of 50,000 parts
 * (a.a.a...) once cost a hash of the rest for each of them (42 s for one base). */
static size_t module_prefix(struct res *r, const char *q)
{
	size_t len = 0, parts = 0;
	while (q[len] && (q[len] != '.' || ++parts < r->module_parts)) len++;
	char buf[MAX_NAME + 1];
	if (len > MAX_NAME) return 0;
	memcpy(buf, q, len);
	buf[len] = 0;
	for (;;) {
		if (smap_get(&r->modules, buf)) break;
		char *dot = strrchr(buf, '.');
		if (!dot) {
			len = 0;
			break;
		}
		*dot = 0;
		len = (size_t)(dot - buf);
	}
	return len;
}

static char *qualify(struct res *r, const char *module, const char *dotted, int depth);

/* name (its first part n bytes long) as one of module's `from m import *` brings it:
 * "m.name", or NULL. Only the last MAX_WILDCARDS of them are looked in (a file of 20,000
 * wildcard imports and as many names cost each name 20,000 lookups). */
static char *through_wildcards(struct res *r, const char *module, const char *name, size_t n)
{
	int64_t *w = smap_get(&r->wild, module);
	char *found = NULL;
	int seen = 0;
	for (int64_t k = w ? *w : -1; k >= 0 && !found && seen++ < MAX_WILDCARDS; k = r->symv.v[k].next) {
		char *alt = dot_join(r->symv.v[k].value, name, n);
		if (smap_get(&r->syms, alt) || smap_get(&r->modules, alt))
			found = dot_join(r->symv.v[k].value, name, strlen(name));
		free(alt);
	}
	return found;
}

/* An absolute dotted name, followed through the bindings of the modules it passes (a
 * re-export, an alias) to what it stands for: a class key (with any rest), or a name
 * outside the project. */
static char *canon_walk(struct res *r, const char *q, int depth);

/* canon_walk, remembered: each name is followed once, and a name met again while it is
 * being followed (X = Y; Y = X, or W = W across modules) stands for itself. Without this
 * an alias cycle took time exponential in the depth (a three-line file: 25 minutes). */
static char *canon(struct res *r, const char *q, int depth)
{
	if (strlen(q) > MAX_NAME) return xstrdup(q);
	int64_t *m = smap_get(&r->canon_memo, q);
	if (m) return xstrdup(*m < 0 ? q : r->canon_vals.v[*m]);
	smap_put(&r->canon_memo, q, -1);
	char *out = canon_walk(r, q, depth);
	smap_put(&r->canon_memo, q, (int64_t)r->canon_vals.n);
	VEC_PUSH(r->canon_vals, xstrdup(out));
	return out;
}

static char *canon_walk(struct res *r, const char *q, int depth)
{
	char *cur = xstrdup(q);
	for (int step = 0; step < 16 && depth < 8; step++) {
		size_t m = module_prefix(r, cur);
		if (!m || !cur[m]) return cur;
		const char *part = cur + m + 1;
		size_t plen = strcspn(part, ".");
		char *key = xstrndup(cur, m + 1 + plen);
		int64_t *si = smap_get(&r->syms, key);
		char *next = NULL;
		if (!si) {                              /* from m import *: the name may be there */
			char *mod = xstrndup(cur, m);
			next = through_wildcards(r, mod, part, plen);
			free(mod);
		} else if (r->symv.v[*si].type == S_IMPORT) {
			const char *v = r->symv.v[*si].value;
			next = cat(v, strlen(v), part + plen, strlen(part + plen));
		} else if (r->symv.v[*si].type == S_ALIAS) {
			char *mod = xstrndup(cur, m);
			char *v = qualify(r, mod, r->symv.v[*si].value, depth + 1);
			if (v) next = cat(v, strlen(v), part + plen, strlen(part + plen));
			free(v);
			free(mod);
		}
		free(key);
		if (!next || !strcmp(next, cur) || strlen(next) > MAX_NAME) {
			free(next);
			return cur;
		}
		free(cur);
		cur = next;
	}
	return cur;
}

/* What a dotted name written in module stands for (canon'd), or NULL when its first part
 * is no module-level name there (a local, a builtin). "a.b()" keeps its "()". */
static char *qualify(struct res *r, const char *module, const char *dotted, int depth)
{
	size_t len = strlen(dotted), call = len > 2 && !strcmp(dotted + len - 2, "()");
	char *d = xstrndup(dotted, len - (call ? 2 : 0));
	size_t flen = strcspn(d, ".");
	char *key = dot_join(module, d, flen);
	char *abs = NULL;
	if (smap_get(&r->syms, key)) abs = dot_join(module, d, strlen(d));
	else abs = through_wildcards(r, module, d, flen);
	free(key);
	free(d);
	if (!abs) return NULL;
	char *c = canon(r, abs, depth);
	free(abs);
	if (call) {
		char *withcall = cat(c, strlen(c), "()", 2);
		free(c);
		c = withcall;
	}
	return c;
}

/* --- models -------------------------------------------------------------------------------------- */
static int64_t class_of(struct res *r, const char *key)
{
	int64_t *i = key ? smap_get(&r->class_by_key, key) : NULL;
	return i ? *i : -1;
}

static int is_model(struct res *r, int64_t i, int depth);

/* One base as written ("ndb.Model", "mixins.Audited", "Base"): does it make class i a
 * model? (A configured base, or a model class.) */
static int model_base(struct res *r, int64_t i, const char *base, int depth)
{
	struct cls *c = &r->classes.v[i];
	char *q = qualify(r, c->module, base, 0);
	int found = 0;
	int64_t *bk = q ? smap_get(&r->bases, q) : NULL;
	if (bk) {
		c->base = r->base_names[*bk];
		if (strstr(c->base, "PolyModel")) c->poly_root = i;
		found = 1;
	} else {
		int64_t j = class_of(r, q);
		if (j >= 0 && j != i && is_model(r, j, depth + 1)) {
			c = &r->classes.v[i];         /* is_model does not grow classes, but be plain */
			c->base = r->classes.v[j].base;
			c->poly_root = r->classes.v[j].poly_root;
			c->base_cls = j;
			r->classes.v[j].subclassed = 1;
			found = 1;
		}
	}
	free(q);
	return found;
}

static int is_model(struct res *r, int64_t i, int depth)
{
	struct cls *c = &r->classes.v[i];
	if (c->state) return c->state == 2;
	if (depth > 256) return 0;               /* a chain of bases this long is no model's */
	c->state = 1;
	int found = 0;
	char *bases = c->bases ? xstrdup(c->bases) : NULL;
	for (char *b = bases, *next; b && *b && !found; b = next) {
		next = strstr(b, ", ");
		if (next) *next = 0, next += 2;
		else next = b + strlen(b);
		b[strcspn(b, "[")] = 0;                 /* Generic[T] */
		if (!strchr(b, '=') && *b) found = model_base(r, i, b, depth);
	}
	free(bases);
	r->classes.v[i].state = found ? 2 : 3;
	return found;
}

/* " a b c ": the fields of class i and of every class it derives from in the project. */
static const char *all_fields(struct res *r, int64_t i, int depth)
{
	struct cls *c = &r->classes.v[i];
	if (c->all_fields) return c->all_fields;    /* done, or under way (a cycle of bases) */
	c->all_fields = xstrdup(" ");
	struct strbuf sb = {0};
	sb_addc(&sb, ' ');
	if (c->fields) sb_addf(&sb, "%s ", c->fields);
	char *bases = c->bases ? xstrdup(c->bases) : NULL;
	for (char *b = bases, *next; b && *b && depth < 16; b = next) {
		next = strstr(b, ", ");
		if (next) *next = 0, next += 2;
		else next = b + strlen(b);
		char *q = strchr(b, '=') ? NULL : qualify(r, r->classes.v[i].module, b, 0);
		int64_t j = class_of(r, q);
		free(q);
		if (j >= 0 && j != i) sb_adds(&sb, all_fields(r, j, depth + 1) + 1);
	}
	free(bases);
	free(r->classes.v[i].all_fields);
	r->classes.v[i].all_fields = sb_detach(&sb);
	return r->classes.v[i].all_fields;
}

static const char *kind_of(const struct res *r, const struct cls *c)
{
	if (c->kindname) return c->kindname;
	if (c->poly_root >= 0 && r->classes.v[c->poly_root].kindname) return r->classes.v[c->poly_root].kindname;
	return c->poly_root >= 0 ? r->classes.v[c->poly_root].name : c->name;
}

/* The concrete models that have the field, in class order (every field of every concrete
 * model indexed on first use: a scan of all classes per entity cost most of the data pass). */
static const struct ivec *models_with_field(struct res *r, const char *field)
{
	if (!r->fields_indexed) {
		r->fields_indexed = 1;
		for (size_t i = 0; i < r->classes.n; i++) {
			const struct cls *c = &r->classes.v[i];
			if (c->state != 2 || c->abstract || c->test) continue;
			char *fields = xstrdup(all_fields(r, (int64_t)i, 0)), *save = NULL;
			for (char *w = strtok_r(fields, " ", &save); w; w = strtok_r(NULL, " ", &save)) {
				int64_t *at = smap_get(&r->field_at, w);
				if (!at) {
					struct ivec none = {0};
					smap_put(&r->field_at, w, (int64_t)r->field_classes.n);
					VEC_PUSH(r->field_classes, none);
					at = smap_get(&r->field_at, w);
				}
				struct ivec *v = &r->field_classes.v[*at];
				if (!v->n || v->v[v->n - 1] != (int64_t)i) VEC_PUSH(*v, (int64_t)i);
			}
			free(fields);
		}
	}
	static const struct ivec none;
	int64_t *at = smap_get(&r->field_at, field);
	return at ? &r->field_classes.v[*at] : &none;
}

/* --- data references -> accesses ------------------------------------------------------------------ */
struct ref {
	int64_t file, module, model;
	char *op, *method, *type, *target, *attrs, *hint, *func, *cls, *api, *kind;
	int line, col, ord;
	const char *confidence;     /* "exact", "inferred", "unknown"; NULL: not an access */
	const char *basis;          /* what an inferred model rests on: fields, name, method,
				       function, property, member, caller */
	int pending;                /* waits for the attributes and the name (after abstract) */
	int fallback;               /* counts only when the others of its place name no model */
	int caller;                 /* named by what a call of its function passes */
};

static int64_t model_class(struct res *r, const char *key)
{
	int64_t i = class_of(r, key);
	return i >= 0 && r->classes.v[i].state == 2 ? i : -1;
}

/* A class defined in the function func (or a function around it) whose name starts text:
 * its key with the rest of text ("mod.T.test_a.A.query"), or NULL. Such a name shadows the
 * module's names, as a local binding does in Python. */
static char *local_class(struct res *r, const char *module, const char *func, const char *text)
{
	size_t flen = strcspn(text, ".");
	char *scope = func ? xstrdup(func) : NULL, *found = NULL;
	struct strbuf key = {0};                  /* xasprintf's cost showed here */
	while (scope && !found) {
		sb_reset(&key);
		sb_adds(&key, module);
		sb_addc(&key, '.');
		sb_adds(&key, scope);
		sb_addc(&key, '.');
		sb_add(&key, text, flen);
		if (class_of(r, key.buf) >= 0) {
			sb_adds(&key, text + flen);
			found = sb_detach(&key);
		}
		char *dot = strrchr(scope, '.');
		if (dot) *dot = 0;
		else break;
	}
	sb_release(&key);
	free(scope);
	return found;
}

/* What text means in module, seen from inside func: a local class, else qualify's answer. */
static char *qualify_in(struct res *r, const char *module, const char *func, const char *text)
{
	char *q = local_class(r, module, func, text);
	return q ? q : qualify(r, module, text, 0);
}

/* A dotted name written in module that must be a model. */
static int64_t model_named(struct res *r, const char *module, const char *func, const char *text)
{
	char *q = qualify_in(r, module, func, text);
	int64_t i = model_class(r, q);
	free(q);
	return i;
}

static int is_entity_method(const char *m)
{
	for (int i = 0; entity_methods[i]; i++) if (!strcmp(m, entity_methods[i])) return 1;
	return 0;
}

static int64_t model_of_kind(struct res *r, const char *text);

/* The start of a call chain: M (a constructor), M.get_by_id, mod.M.query, M.objects.get;
 * or a function of the project that returns such a chain (then inferred). */
static int64_t model_of_chain(struct res *r, const char *module, const char *func,
			      const char *text, const char **basis, int depth)
{
	char *q = qualify_in(r, module, func, text);
	int64_t i = model_class(r, q);
	*basis = NULL;
	int64_t *si = q ? smap_get(&r->syms, q) : NULL;
	if (i < 0 && si && r->symv.v[*si].type == S_FUNC && r->symv.v[*si].value && depth < 3) {
		const char *v = r->symv.v[*si].value;
		char *mod = xstrndup(q, module_prefix(r, q));      /* a method's too */
		i = !strncmp(v, "kind:", 5) ? model_of_kind(r, v + 5)
		  : model_of_chain(r, mod, NULL, v, basis, depth + 1);
		*basis = "function";
		free(mod);
		if (i >= 0) {
			free(q);
			return i;
		}
	}
	for (int strip = 1; strip <= 2 && i < 0 && q; strip++) {
		char *dot = strrchr(q, '.');
		if (!dot) break;
		*dot = 0;
		i = model_class(r, q);
		const char *method = dot + 1;
		int known = strip == 1 ? is_entity_method(method) : !strcmp(method, "objects");
		*basis = known ? NULL : "method";
	}
	free(q);
	return i;
}

/* Django's app label of a model's module: the package above "models" (app/models.py,
 * app/models/user.py), else the module's parent's last part. */
static char *app_label(const char *module)
{
	char *m = xstrdup(module);
	char *cut = strstr(m, ".models");
	while (cut && cut[7] && cut[7] != '.') cut = strstr(cut + 1, ".models");
	if (cut) *cut = 0;
	else if (strrchr(m, '.')) *strrchr(m, '.') = 0;
	char *label = xstrdup(strrchr(m, '.') ? strrchr(m, '.') + 1 : m);
	free(m);
	return label;
}

/* Models by kind, and by Django's "label.Class". Several classes share a PolyModel's
 * kind: its root stands for them. */
static void index_kinds(struct res *r)
{
	for (size_t i = 0; i < r->classes.n; i++) {
		const struct cls *c = &r->classes.v[i];
		if (c->state != 2) continue;
		int64_t *old = smap_get(&r->kinds, kind_of(r, c));
		if (!old || c->poly_root == (int64_t)i) smap_put(&r->kinds, kind_of(r, c), (int64_t)i);
		smap_put(&r->names, c->name, smap_get(&r->names, c->name) ? -1 : (int64_t)i);
		char *label = app_label(c->module);
		char *key = xasprintf("%s.%s", label, c->name);
		if (!smap_get(&r->kinds, key)) smap_put(&r->kinds, key, (int64_t)i);
		free(key);
		free(label);
	}
}

static int64_t model_of_kind(struct res *r, const char *text);

/* Every model's key and reference properties (issue_key = ndb.KeyProperty(kind=Issue)):
 * name -> the model they hold, when all models that declare the name agree. */
static void index_key_fields(struct res *r)
{
	for (size_t i = 0; i < r->classes.n; i++) {
		const struct cls *c = &r->classes.v[i];
		if (c->state != 2 || !c->keys || c->test) continue;
		char *keys = xstrdup(c->keys), *save = NULL;
		for (char *w = strtok_r(keys, " ", &save); w; w = strtok_r(NULL, " ", &save)) {
			char *eq = strchr(w, '=');
			if (!eq) continue;
			*eq = 0;
			const char *t = eq + 1;
			size_t tl = strlen(t);
			int64_t m;
			if (t[0] == '\'' && tl > 2) {
				char *kind = xstrndup(t + 1, tl - 2);
				m = model_of_kind(r, kind);
				free(kind);
			} else {
				m = model_named(r, c->module, NULL, t);
			}
			if (m < 0) continue;
			int64_t *old = smap_get(&r->key_fields, w);
			smap_put(&r->key_fields, w, old && *old != m ? -1 : m);
		}
		free(keys);
	}
}

/* The model a property name holds (issue_key, patchset), or -1. */
static int64_t model_of_key_field(struct res *r, const char *name)
{
	int64_t *m = name ? smap_get(&r->key_fields, name) : NULL;
	return m ? *m : -1;
}

/* A kind, a class name (SQLAlchemy's relationship("Order")), Django's "app.Model", or
 * SQLAlchemy's "table.column". */
static int64_t model_of_kind(struct res *r, const char *text)
{
	int64_t *i = smap_get(&r->kinds, text);
	if (i) return *i;
	if ((i = smap_get(&r->names, text)) && *i >= 0) return *i;
	const char *dot = strchr(text, '.');
	if (!dot) return -1;
	char *table = xstrndup(text, (size_t)(dot - text));
	i = smap_get(&r->kinds, table);
	free(table);
	return i ? *i : -1;
}

/* Squeezed lower case without underscores: user_data and UserData meet as "userdata". */
static void squeeze(const char *s, char *out, size_t n)
{
	size_t k = 0;
	for (; *s && k + 1 < n; s++) if (*s != '_') out[k++] = (char)tolower((unsigned char)*s);
	out[k] = 0;
}

/* The one concrete model whose squeezed class name is h (suffix: ends with h, as TaskToRun
 * for to_run); -1 when none, -2 when several. Private classes (_Root) are left out: code
 * elsewhere does not name them, so a name like root says nothing of them. */
static int64_t model_by_name(struct res *r, const char *h, int suffix)
{
	if (!r->squeezed) {                      /* each class's squeezed once, not per lookup */
		r->squeezed = xcalloc(r->classes.n + 1, sizeof(char *));
		r->nsqueezed = r->classes.n;
		for (size_t i = 0; i < r->classes.n; i++) {
			const struct cls *c = &r->classes.v[i];
			if (c->state != 2 || c->abstract || c->name[0] == '_' || c->test) continue;
			char n[128];
			squeeze(c->name, n, sizeof(n));
			r->squeezed[i] = xstrdup(n);
		}
	}
	size_t hl = strlen(h);
	int64_t found = -1;
	for (size_t i = 0; i < r->classes.n; i++) {
		const char *n = r->squeezed[i];
		if (!n) continue;
		size_t nl = strlen(n);
		if (suffix ? nl <= hl || strcmp(n + nl - hl, h) : strcmp(h, n)) continue;
		if (found >= 0) return -2;
		found = (int64_t)i;
	}
	return found;
}

/* Two words or more before any _key or _future (to_run_key, result_summary): specific
 * enough to name the model that ends with them; entity or root alone are not. */
static int compound(const char *hint)
{
	char buf[128];
	snprintf(buf, sizeof(buf), "%s", hint);
	static const char *const tails[] = { "_keys", "_key", "_futures", "_future", NULL };
	for (size_t i = 0; tails[i]; i++) {
		size_t bl = strlen(buf), tl = strlen(tails[i]);
		if (bl > tl && !strcmp(buf + bl - tl, tails[i])) buf[bl - tl] = 0;
	}
	const char *u = strchr(buf + (buf[0] == '_'), '_');
	return u && u[1] && u > buf + 1;
}

/* request_key, task_keys: a name that says it holds a key of one model. */
static int key_name(const char *hint)
{
	size_t n = strlen(hint);
	return (n > 4 && !strcmp(hint + n - 4, "_key")) || (n > 5 && !strcmp(hint + n - 5, "_keys"));
}

/* A name without what says it holds a key, a future or several (result_summary_key,
 * run_result_future, patches -> resultsummary, runresult, patch), squeezed. */
static void bare_name(const char *hint, char *out, size_t n)
{
	static const char *const tails[] = { "_keys", "_key", "_futures", "_future", "_async",
		"_entities", "_entity", "_ent", "_obj", "_model", "_fut", NULL };
	char buf[128];
	snprintf(buf, sizeof(buf), "%s", hint);
	for (int again = 1; again; ) {
		again = 0;
		for (size_t i = 0; tails[i]; i++) {
			size_t bl = strlen(buf), tl = strlen(tails[i]);
			if (bl > tl && !strcmp(buf + bl - tl, tails[i])) {
				buf[bl - tl] = 0;
				again = 1;
			}
		}
	}
	squeeze(buf, out, n);
}

/* An entity known only by the attributes used on it and its name: the one concrete model
 * that has every one of those attributes that is some model's field; else the one whose
 * class name is the entity's name (user_data: UserData). */
static int64_t attrs_model(struct res *r, const char *attrs, const char *hint,
			   const char **basis)
{
	*basis = "fields";
	VEC(const struct ivec *) ev = {0};        /* per field of attrs that is some model's */
	char *a = attrs ? xstrdup(attrs) : NULL;
	for (char *w = a ? strtok(a, " ") : NULL; w; w = strtok(NULL, " "))
		if (smap_get(&r->field_names, w)) VEC_PUSH(ev, models_with_field(r, w));
	free(a);
	size_t fewest = 0;                        /* the field fewest models have */
	for (size_t k = 1; k < ev.n; k++) if (ev.v[k]->n < ev.v[fewest]->n) fewest = k;
	int64_t found = -1;
	int many = 0;
	for (size_t j = 0; ev.n && j < ev.v[fewest]->n && !many; j++) {
		int64_t i = ev.v[fewest]->v[j];
		size_t k = 0;
		while (k < ev.n && ivec_has(ev.v[k], i)) k++;
		if (k < ev.n) continue;
		if (found >= 0) many = 1;
		found = i;
	}
	VEC_FREE(ev);
	if (found >= 0 && !many) return found;
	if (!hint) return -1;
	*basis = "property";
	if ((found = model_of_key_field(r, hint)) >= 0) return found;
	*basis = "name";
	char h[128], bare[128];
	squeeze(hint, h, sizeof(h));
	bare_name(hint, bare, sizeof(bare));
	int suffix = compound(hint) || key_name(hint);
	found = model_by_name(r, h, 0);
	/* the bare name as it is (task_dimensions: TaskDimensions), then as a plural
	 * (patches: patch, keys: key), each whole, then as the end of a model's name */
	for (int pass = 0; pass < 2 && found == -1; pass++) {
		char v[3][128];
		size_t bl = strlen(bare), nv = 0;
		snprintf(v[nv++], sizeof(v[0]), "%s", bare);
		if (bl > 3 && bare[bl - 1] == 's' && bare[bl - 2] != 's')
			snprintf(v[nv++], sizeof(v[0]), "%.*s", (int)(bl - 1), bare);
		if (bl > 4 && !strcmp(bare + bl - 2, "es"))
			snprintf(v[nv++], sizeof(v[0]), "%.*s", (int)(bl - 2), bare);
		for (size_t k = 0; k < nv && found == -1; k++)
			if (pass == 0 ? strcmp(v[k], h) != 0 : suffix && strlen(v[k]) >= 4)
				found = model_by_name(r, v[k], pass);
	}
	/* a converter's name says what it gives after its last _to_ (run_result_key_to_
	 * result_summary_key: result_summary_key), when the whole name tells nothing */
	const char *to = NULL;
	for (const char *p = strstr(hint, "_to_"); p; p = strstr(p + 1, "_to_")) to = p;
	if (found == -1 && to && to > hint && to[4]) return attrs_model(r, NULL, to + 4, basis);
	return found >= 0 ? found : -1;
}

/* attrs_model, remembered: many entities of a tree share their attributes and name (each
 * answer is a scan of every class). */
static int64_t model_of_attrs(struct res *r, const char *attrs, const char *hint,
			      const char **basis)
{
	static const char *const bases[] = { "fields", "property", "name" };
	sb_reset(&r->sb);
	sb_adds(&r->sb, attrs ? attrs : "");
	sb_addc(&r->sb, '\037');
	sb_adds(&r->sb, hint ? hint : "\037");
	int64_t *m = smap_get(&r->attrs_memo, r->sb.buf);
	if (m) {
		*basis = bases[*m % 4];
		return *m / 4 - 2;
	}
	char *key = sb_detach(&r->sb);
	int64_t i = attrs_model(r, attrs, hint, basis);
	int64_t b = 0;
	while (b < 2 && strcmp(*basis, bases[b])) b++;
	smap_put(&r->attrs_memo, key, (i + 2) * 4 + b);     /* i >= -2 */
	free(key);
	return i;
}

/* Is text (Cart in Cart().save()) a class of the project that is no model? Its instances
 * are no entities. (Cart.load().save() stays unknown: load may return one.) */
static int plain_class(struct res *r, const char *module, const char *func, const char *text)
{
	char *q = qualify_in(r, module, func, text);
	int64_t i = class_of(r, q);
	free(q);
	return i >= 0 && r->classes.v[i].state != 2;
}

/* Does api (ndb in ndb.put_multi) name a datastore API module? */
static int datastore_api(struct res *r, const char *module, const char *api)
{
	static const char *const apis[] = { "google.appengine.ext.ndb", "google.appengine.ext.db",
					    "google.cloud.ndb", NULL };
	char *q = qualify(r, module, api, 0);
	int ok = 0;
	for (int i = 0; q && apis[i] && !ok; i++) ok = !strcmp(q, apis[i]);
	free(q);
	return ok;
}

/* self.stats_day_cls.get_or_insert() in a method of C, where a method of C assigned
 * self.stats_day_cls = make_day_cls(...): the model that what was assigned stands for
 * (a class a factory returns, a class, an entity); -1 when C assigns no such member. */
static int64_t self_member(struct res *r, const char *mod, const struct ref *f, const char **basis)
{
	const char *t = f->target;
	if (!f->cls || strncmp(t, "self.", 5)) return -1;
	char *key = xasprintf("%s.%s", mod, f->cls);
	int64_t c = class_of(r, key);
	free(key);
	const char *m = c >= 0 ? r->classes.v[c].members : NULL;
	if (!m) return -1;
	size_t xl = strcspn(t + 5, ".");
	int64_t i = -1;
	for (const char *p = m; *p && i < 0; ) {
		size_t wl = strcspn(p, " ");
		if (wl > xl && !strncmp(p, t + 5, xl) && p[xl] == '=') {
			char *v = xstrndup(p + xl + 1, wl - xl - 1);
			size_t vl = strlen(v);
			if (vl > 2 && !strcmp(v + vl - 2, "()")) v[vl - 2] = 0;
			i = model_of_chain(r, mod, NULL, v, basis, 1);
			free(v);
			*basis = "member";
		}
		p += wl + (p[wl] == ' ');
	}
	return i;
}

/* An entity a method of C is given and nothing else tells (do_create(cls, entity)), when
 * C names exactly one model among its members (entity_kind = model.AuthGroup): that one. */
static int64_t only_model_member(struct res *r, const struct ref *f)
{
	const struct filemod *fm = f->cls ? first_module(r, f->file) : NULL;
	if (!fm || strcmp(f->op, "write")) return -1;
	char *key = xasprintf("%s.%s", fm->name, f->cls);
	int64_t c = class_of(r, key), found = -1;
	free(key);
	const char *m = c >= 0 ? r->classes.v[c].members : NULL;
	for (const char *p = m; p && *p; ) {
		size_t wl = strcspn(p, " ");
		const char *eq = memchr(p, '=', wl);
		if (eq && p[wl - 1] != ')') {
			char *v = xstrndup(eq + 1, wl - (size_t)(eq + 1 - p));
			int64_t i = model_named(r, fm->name, NULL, v);
			free(v);
			if (i >= 0 && found >= 0 && i != found) return -1;
			if (i >= 0) found = i;
		}
		p += wl + (p[wl] == ' ');
	}
	return found;
}

/* self.fetch_base() in a method of C: "C.fetch_base", when C has that method and it tells
 * what it returns; else NULL (the class itself is no answer: the method may return another
 * model's entity). */
static char *own_method(struct res *r, const char *mod, const struct ref *f)
{
	const char *t = f->target, *dot = strchr(t, '.');
	if (!f->cls || !dot || (strncmp(t, "self.", 5) && strncmp(t, "cls.", 4))) return NULL;
	size_t mlen = strcspn(dot + 1, ".");
	char *key = xasprintf("%s.%s.%.*s", mod, f->cls, (int)mlen, dot + 1);
	int64_t *si = smap_get(&r->syms, key);
	free(key);
	if (!si || r->symv.v[*si].type != S_FUNC || !r->symv.v[*si].value) return NULL;
	return xasprintf("%s%s", f->cls, dot);
}

/* self.issue_key.get(), patch.patchset.put(): the model a property of that name holds
 * (issue_key = ndb.KeyProperty(kind=Issue)); else, for a key's name (run_result_key), that
 * name is kept as the hint for the second pass. -1 when neither. */
static int64_t through_property(struct res *r, struct ref *f, const char **basis)
{
	char *t = xstrdup(f->target);
	int64_t i = -1;
	for (char *end = t + strlen(t); i < 0 && end > t; ) {      /* parts from the last */
		char *start = end;
		while (start > t && start[-1] != '.') start--;
		*end = 0;                            /* end is the dot after the part, or its NUL */
		const char *part = start;
		end = start > t ? start - 1 : t;
		if (is_entity_method(part) || !strcmp(part, "get_async") || !strcmp(part, "key") ||
		    !strcmp(part, "get_result"))
			continue;
		if ((i = model_of_key_field(r, part)) >= 0) {
			*basis = "property";
			break;
		}
		if (key_name(part)) {             /* config_key says more than current, and
						     x_to_result_summary_key more than result_key */
			if (!f->hint || !key_name(f->hint) || (compound(part) && !compound(f->hint))) {
				free(f->hint);
				f->hint = xstrdup(part);
			}
			f->pending = 1;
		}
		break;
	}
	free(t);
	return i;
}

/* First pass: everything but the entities known by attributes (those need the abstract
 * marks, which need the first pass). */
static void resolve_ref(struct res *r, struct ref *f)
{
	const struct filemod *fm = first_module(r, f->file);
	const char *basis = NULL;
	int64_t i = -1;
	if (!fm || (f->api && !datastore_api(r, fm->name, f->api))) return;
	f->module = fm->module;
	const char *mod = fm->name, *t = f->type;
	if (!strcmp(t, "name") && strcmp(f->op, "write")) {
		i = model_named(r, mod, f->func, f->target);
		if (i < 0) i = self_member(r, mod, f, &basis);
		if (i < 0) i = through_property(r, f, &basis);
	} else if (!strcmp(t, "name") || !strcmp(t, "chain")) {   /* M.get_by_id(1).put() too */
		if (plain_class(r, mod, f->func, f->target)) return;            /* Cart().save(): no model */
		char *own = own_method(r, mod, f);
		i = self_member(r, mod, f, &basis);
		if (i < 0) i = model_of_chain(r, mod, f->func, own ? own : f->target, &basis, 0);
		free(own);
		if (i < 0) i = through_property(r, f, &basis);
		if (i < 0) f->pending = 1;
	} else if (!strcmp(t, "kind")) {
		i = model_of_kind(r, f->target);
		if (i < 0 && strcmp(f->op, "write")) {        /* a kind no model has: kept by name */
			f->kind = xstrdup(f->target);
			f->confidence = "exact";
			f->model = -1;
			return;
		}
	} else if (!strcmp(t, "self")) {
		char *key = f->cls ? xasprintf("%s.%s", mod, f->cls) : NULL;
		i = model_class(r, key);
		free(key);
	} else if (!strcmp(t, "attrs")) {
		f->pending = 1;
	}
	if (i >= 0 && !basis && f->caller) basis = "caller";   /* a parameter's: from one call */
	if (i >= 0) {
		f->model = i;
		f->confidence = basis ? "inferred" : "exact";
		f->basis = basis;
		if (strcmp(t, "self") && strcmp(t, "attrs")) r->classes.v[i].named = 1;
	} else if (!f->pending && !strcmp(f->op, "write")) {
		f->model = -1;
		f->confidence = "unknown";
	}
}

static int64_t only_model_member(struct res *r, const struct ref *f);

static void resolve_pending(struct res *r, struct ref *f)
{
	const char *basis;
	int64_t i = model_of_attrs(r, f->attrs, f->hint, &basis);
	if (i < 0 && (i = only_model_member(r, f)) >= 0) basis = "member";
	f->model = i;
	f->confidence = i >= 0 ? "inferred" : !strcmp(f->op, "write") ? "unknown" : NULL;
	f->basis = i >= 0 ? basis : NULL;
}

/* ndb and db have no abstract flag: a model that others derive from and that no code names
 * (only self and cls in its own methods) is taken as an abstract base. */
static void mark_abstract(struct res *r)
{
	for (size_t i = 0; i < r->classes.n; i++) {
		struct cls *c = &r->classes.v[i];
		if (c->state != 2) continue;
		int sqla = c->base && strstr(c->base, "DeclarativeBase") && c->base_cls < 0;
		int gae = c->base && (!strncmp(c->base, "google.", 7));
		c->abstract = c->declared_abstract || sqla || (gae && c->subclassed && !c->named);
	}
}

/* --- loading and writing ------------------------------------------------------------------------ */
static int load_refs(struct res *r, struct refs *out)
{
	sqlite3_stmt *q = store_prepare(r->st, "SELECT file_id, op, method, target_type, target, "
		"attrs, hint, function, class, line, col, api, ord, fallback, caller FROM data_refs "
		"ORDER BY file_id, ord", r->d);
	if (!q) return -1;
	while (store_row(r->st, q)) {
		struct ref f = { sqlite3_column_int64(q, 0), -1, -1, dup_col(q, 1), dup_col(q, 2),
			dup_col(q, 3), dup_col(q, 4), dup_col(q, 5), dup_col(q, 6), dup_col(q, 7),
			dup_col(q, 8), dup_col(q, 11), NULL, sqlite3_column_int(q, 9),
			sqlite3_column_int(q, 10), sqlite3_column_int(q, 12), NULL, NULL, 0,
			sqlite3_column_int(q, 13), sqlite3_column_int(q, 14) };
		if (!f.op || !f.type) {
			free(f.op);
			free(f.type);
			continue;
		}
		VEC_PUSH(*out, f);
	}
	sqlite3_finalize(q);
	return 0;
}

static void ref_free(struct ref *f)
{
	char *all[] = { f->op, f->method, f->type, f->target, f->attrs, f->hint, f->func, f->cls,
			f->api, f->kind };
	for (size_t i = 0; i < sizeof(all) / sizeof(all[0]); i++) free(all[i]);
}

static int cmp_class_key(const void *a, const void *b, void *arg)
{
	const struct res *r = arg;
	return strcmp(r->classes.v[*(const int64_t *)a].key, r->classes.v[*(const int64_t *)b].key);
}

/* c's props with each argument that names a model class (StructuredProperty(Address),
 * ForeignKey(User), KeyProperty(kind=m.Topic)) replaced by "@" and the model's key. */
static char *resolved_props(struct res *r, const struct cls *c)
{
	if (!c->props) return NULL;
	struct strbuf sb = {0};
	char *props = xstrdup(c->props), *save = NULL;
	for (char *p = strtok_r(props, " ", &save); p; p = strtok_r(NULL, " ", &save)) {
		char *ctor = strchr(p, ':');              /* name:ctor:arg:flags:line:annotation */
		char *arg = ctor ? strchr(ctor + 1, ':') : NULL;
		char *flags = arg ? strchr(arg + 1, ':') : NULL;
		if (sb.len) sb_addc(&sb, ' ');
		int64_t j = -1;
		if (flags && flags > arg + 1 && arg[1] != '\'') {
			char *name = xstrndup(arg + 1, (size_t)(flags - arg - 1));
			char *q = qualify(r, c->module, name, 0);
			j = class_of(r, q);
			free(q);
			free(name);
		}
		if (j >= 0 && r->classes.v[j].state == 2)
			sb_addf(&sb, "%.*s@%s%s", (int)(arg + 1 - p), p, r->classes.v[j].key, flags);
		else
			sb_adds(&sb, p);
	}
	free(props);
	return sb_detach(&sb);
}

static int write_models(struct res *r, size_t *nmodels)
{
	VEC(int64_t) order = {0};
	for (size_t i = 0; i < r->classes.n; i++) if (r->classes.v[i].state == 2) VEC_PUSH(order, (int64_t)i);
	if (order.n) qsort_r(order.v, order.n, sizeof(int64_t), cmp_class_key, r);
	sqlite3_stmt *q = store_prepare(r->st, "INSERT INTO models(id, name, class, module_id, "
		"file_id, line, col, kind, abstract, base, fields, parent, props) "
		"VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?)", r->d);
	int rc = q ? 0 : -1;
	for (size_t k = 0; k < order.n && !rc; k++) {
		struct cls *c = &r->classes.v[order.v[k]];
		c->id = (int64_t)k + 1;
		sqlite3_bind_int64(q, 1, c->id);
		sqlite3_bind_text(q, 2, c->key, -1, SQLITE_STATIC);
		sqlite3_bind_text(q, 3, c->key + strlen(c->module) + 1, -1, SQLITE_STATIC);
		sqlite3_bind_int64(q, 4, c->module_id);
		sqlite3_bind_int64(q, 5, c->file_id);
		sqlite3_bind_int(q, 6, c->line);
		sqlite3_bind_int(q, 7, c->col);
		sqlite3_bind_text(q, 8, kind_of(r, c), -1, SQLITE_STATIC);
		sqlite3_bind_int(q, 9, c->abstract);
		sqlite3_bind_text(q, 10, c->base ? c->base : "", -1, SQLITE_STATIC);
		store_bind_text(q, 11, c->fields);
		store_bind_text(q, 12, c->base_cls >= 0 ? r->classes.v[c->base_cls].key : NULL);
		char *props = resolved_props(r, c);
		sqlite3_bind_text(q, 13, props, -1, free);
		rc = store_step(r->st, q) == SQLITE_DONE ? 0 : -1;
		sqlite3_reset(q);
	}
	if (rc) store_error(r->st, r->d);
	sqlite3_finalize(q);
	*nmodels = order.n;
	VEC_FREE(order);
	return rc;
}

/* Same place, same op, same model: one access (two patterns can find one call). */
static int same_access(const struct ref *a, const struct ref *b)
{
	return a->file == b->file && a->line == b->line && a->col == b->col && a->model == b->model &&
	       !strcmp(a->op, b->op) && !strcmp(a->kind ? a->kind : "", b->kind ? b->kind : "");
}

/* Of the guesses of one place (consecutive, same file, line and column): fallbacks are a
 * second reading of the same entities (`[n for n in get_multi(keys)]`: then what the code
 * does to n). They count only when no other guess names a model; and where they name one,
 * the unknown writes of the first reading go. A place without fallbacks keeps all. */
static void settle_places(struct ref *v, size_t n)
{
	for (size_t lo = 0, hi; lo < n; lo = hi) {
		int named = 0, named_firm = 0, alternatives = 0;
		for (hi = lo; hi < n && v[hi].file == v[lo].file && v[hi].line == v[lo].line &&
		     v[hi].col == v[lo].col; hi++) {
			alternatives |= v[hi].fallback;
			if (!v[hi].confidence || v[hi].model < 0) continue;
			named = 1;
			named_firm |= !v[hi].fallback;
		}
		for (size_t i = lo; i < hi && alternatives; i++) {
			struct ref *f = &v[i];
			if (!f->confidence) continue;
			if ((f->fallback && named_firm) || (f->model < 0 && named)) f->confidence = NULL;
		}
	}
}

static int write_accesses(struct res *r, struct ref *v, size_t n, size_t *nacc, size_t *unknown)
{
	sqlite3_stmt *q = store_prepare(r->st, "INSERT INTO accesses(module_id, model_id, kind, op, "
		"confidence, file_id, ref_ord, basis) VALUES(?,?,?,?,?,?,?,?)", r->d);
	int rc = q ? 0 : -1;
	const struct ref *last = NULL;
	for (size_t i = 0; i < n && !rc; i++) {
		struct ref *f = &v[i];
		if (!f->confidence || (last && same_access(last, f))) continue;
		last = f;
		const struct cls *c = f->model >= 0 ? &r->classes.v[f->model] : NULL;
		sqlite3_bind_int64(q, 1, f->module);
		if (c) sqlite3_bind_int64(q, 2, c->id);
		else sqlite3_bind_null(q, 2);
		store_bind_text(q, 3, c ? kind_of(r, c) : f->kind);
		sqlite3_bind_text(q, 4, f->op, -1, SQLITE_STATIC);
		sqlite3_bind_text(q, 5, f->confidence, -1, SQLITE_STATIC);
		sqlite3_bind_int64(q, 6, f->file);
		sqlite3_bind_int(q, 7, f->ord);
		store_bind_text(q, 8, f->basis);
		rc = store_step(r->st, q) == SQLITE_DONE ? 0 : -1;
		sqlite3_reset(q);
		(*nacc)++;
		*unknown += !c && !strcmp(f->confidence, "unknown");
	}
	if (rc) store_error(r->st, r->d);
	sqlite3_finalize(q);
	return rc;
}

static void load_bases(struct res *r)
{
	size_t n = 0;
	while (default_bases[n]) n++;
	r->base_names = xcalloc(n + r->cfg->nmodel_bases + 1, sizeof(char *));
	for (size_t i = 0; i < n + r->cfg->nmodel_bases; i++) {
		const char *b = i < n ? default_bases[i] : r->cfg->model_bases[i - n];
		if (smap_get(&r->bases, b)) continue;
		r->base_names[r->nbase_names] = xstrdup(b);
		smap_put(&r->bases, b, (int64_t)r->nbase_names++);
	}
}

static void res_release(struct res *r)
{
	smap_release(&r->modules);
	for (size_t i = 0; i < r->files.n; i++) free(r->files.v[i].name);
	VEC_FREE(r->files);
	smap_release(&r->syms);
	for (size_t i = 0; i < r->symv.n; i++) free(r->symv.v[i].value);
	VEC_FREE(r->symv);
	smap_release(&r->wild);
	for (size_t i = 0; i < r->classes.n; i++) cls_release(&r->classes.v[i]);
	VEC_FREE(r->classes);
	smap_release(&r->class_by_key);
	smap_release(&r->bases);
	for (size_t i = 0; i < r->nbase_names; i++) free(r->base_names[i]);
	free(r->base_names);
	smap_release(&r->field_names);
	VEC_FREE(r->test_files);
	smap_release(&r->kinds);
	smap_release(&r->names);
	smap_release(&r->key_fields);
	smap_release(&r->attrs_memo);
	smap_release(&r->field_at);
	for (size_t i = 0; i < r->field_classes.n; i++) VEC_FREE(r->field_classes.v[i]);
	VEC_FREE(r->field_classes);
	for (size_t i = 0; i < r->nsqueezed; i++) free(r->squeezed[i]);
	free(r->squeezed);
	smap_release(&r->canon_memo);
	for (size_t i = 0; i < r->canon_vals.n; i++) free(r->canon_vals.v[i]);
	VEC_FREE(r->canon_vals);
	sb_release(&r->sb);
}

static void find_models(struct res *r)
{
	for (size_t i = 0; i < r->classes.n; i++) is_model(r, (int64_t)i, 0);
	for (size_t i = 0; i < r->classes.n; i++) {
		struct cls *c = &r->classes.v[i];
		if (c->state != 2 || !c->fields || c->test) continue;
		char *f = xstrdup(c->fields);
		for (char *w = strtok(f, " "); w; w = strtok(NULL, " ")) smap_put(&r->field_names, w, 1);
		free(f);
	}
	index_kinds(r);
	index_key_fields(r);
}

int models_refresh(const struct cl_config *cfg, struct cl_store *st, struct models_stats *out,
		   struct cl_diags *d)
{
	struct res r = { .cfg = cfg, .st = st, .d = d };
	struct refs refs = {0};
	memset(out, 0, sizeof(*out));
	load_bases(&r);
	int rc = load_modules(&r) || load_imports(&r) || load_test_files(&r) || load_defs(&r) ||
		 load_refs(&r, &refs);
	if (!rc) {
		find_models(&r);
		for (size_t i = 0; i < refs.n; i++) resolve_ref(&r, &refs.v[i]);
		mark_abstract(&r);
		for (size_t i = 0; i < refs.n; i++) if (refs.v[i].pending) resolve_pending(&r, &refs.v[i]);
		settle_places(refs.v, refs.n);
		rc = store_exec(st, "DELETE FROM models; DELETE FROM accesses;", d) ||
		     write_models(&r, &out->models) ||
		     write_accesses(&r, refs.v, refs.n, &out->accesses, &out->unknown_writes);
	}
	for (size_t i = 0; i < refs.n; i++) ref_free(&refs.v[i]);
	VEC_FREE(refs);
	res_release(&r);
	return rc ? -1 : 0;
}

int models_moved(struct cl_store *st, struct cl_diags *d)
{
	return store_exec(st, "UPDATE models SET (line, col) = (SELECT d.line, d.col FROM defs d "
		"WHERE d.file_id = models.file_id AND d.kind = 'class' AND "
		"coalesce(d.parent || '.', '') || d.name = models.class)", d) ? -1 : 0;
}
