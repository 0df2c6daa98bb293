/* resolve.c — turns raw imports into module→module edges (resolve_p.h). The rules:
 * `import a.b.c` targets a.b.c and adds parent edges to a and a.b; `from a import b` targets
 * a.b when that module exists, else a with symbol b; relative imports go up by level;
 * Python 2 tries the sibling first unless the file has absolute_import. External names are
 * stdlib (by the file's Python version), third-party, or unresolved. */
#include "resolve_p.h"
#include "extract_p.h"
#include "util_p.h"

#include <stdlib.h>
#include <string.h>

enum { M_PACKAGE = 1, M_FILE = 2, M_IMPORTABLE = 4 };

struct resolver {
	struct smap modules;        /* name -> id << 3 | M_* */
	struct smap stdlib[2];      /* [0] Python 2, [1] Python 3 top-level names */
	struct smap builtin[2];     /* names a local file cannot shadow, by version */
	struct smap third_party;
	struct smap tops;           /* first parts of every internal name, importable or not */
	struct smap aliases;        /* another name -> index in alias_targets */
	char **alias_targets;       /* the module it stands for; NULL: outside the roots */
	size_t naliases;
	int strict;
	struct strbuf a, b, c;      /* scratch names */
};

const char *edge_kind_name(int k)
{
	static const char *n[] = { "import", "parent", "dynamic", "string" };
	return n[k];
}

const char *target_kind_name(int k)
{
	static const char *n[] = { "internal", "stdlib", "third_party", "unresolved", "outside" };
	return n[k];
}

static void load_list(struct smap *m, const char *text)
{
	while (text && *text) {
		const char *e = strchr(text, '\n');
		size_t n = e ? (size_t)(e - text) : strlen(text);
		if (n && text[0] != '#') {
			char *w = xstrndup(text, n);
			smap_put(m, w, 1);
			free(w);
		}
		text += n + (e ? 1 : 0);
	}
}

struct resolver *resolver_new(const struct cl_config *cfg)
{
	struct resolver *r = xcalloc(1, sizeof(*r));
	load_list(&r->stdlib[0], embedded_text("stdlib2.txt"));
	load_list(&r->stdlib[1], embedded_text("stdlib3.txt"));
	load_list(&r->builtin[0], embedded_text("builtin2.txt"));
	load_list(&r->builtin[1], embedded_text("builtin3.txt"));
	for (size_t i = 0; i < cfg->nthird_party; i++) smap_put(&r->third_party, cfg->third_party[i], 1);
	r->strict = cfg->strict_third_party;
	return r;
}

void resolver_free(struct resolver *r)
{
	if (!r) return;
	smap_release(&r->modules);
	smap_release(&r->stdlib[0]);
	smap_release(&r->stdlib[1]);
	smap_release(&r->builtin[0]);
	smap_release(&r->builtin[1]);
	smap_release(&r->tops);
	smap_release(&r->third_party);
	smap_release(&r->aliases);
	for (size_t i = 0; i < r->naliases; i++) free(r->alias_targets[i]);
	free(r->alias_targets);
	sb_release(&r->a);
	sb_release(&r->b);
	sb_release(&r->c);
	free(r);
}

void resolver_add_module(struct resolver *r, const char *name, int64_t id, int is_package,
			 int has_file, int importable)
{
	int64_t v = id << 3 | (is_package ? M_PACKAGE : 0) | (has_file ? M_FILE : 0) |
		    (importable ? M_IMPORTABLE : 0);
	smap_put(&r->modules, name, v);
	const char *dot = strchr(name, '.');
	char *top = xstrndup(name, dot ? (size_t)(dot - name) : strlen(name));
	smap_put(&r->tops, top, 1);
	free(top);
}

void resolver_add_alias(struct resolver *r, const char *name, const char *target)
{
	if (!(r->naliases & (r->naliases + 1)) || !r->alias_targets)
		r->alias_targets = xrealloc(r->alias_targets, (r->naliases * 2 + 2) * sizeof(char *));
	r->alias_targets[r->naliases] = target ? xstrdup(target) : NULL;
	smap_put(&r->aliases, name, (int64_t)r->naliases++);
	const char *dot = strchr(name, '.');
	char *top = xstrndup(name, dot ? (size_t)(dot - name) : strlen(name));
	smap_put(&r->tops, top, 1);
	free(top);
}

/* The alias that is name or a package above it, the longest: its index, and in *len the
 * length of the prefix it covers; -1 when none. */
static int64_t alias_of(struct resolver *r, const char *name, size_t *len)
{
	if (!r->naliases) return -1;
	struct strbuf *sb = &r->c;
	sb_reset(sb);
	sb_adds(sb, name);
	for (;;) {
		int64_t *i = smap_get(&r->aliases, sb->buf);
		if (i) {
			*len = sb->len;
			return *i;
		}
		char *dot = strrchr(sb->buf, '.');
		if (!dot) return -1;
		*dot = 0;
		sb->len = (size_t)(dot - sb->buf);
	}
}

/* name with an alias prefix replaced by the module it stands for, into out; 0 when name
 * has no alias (or one outside the roots). Aliases of aliases are followed a few times. */
static int unalias(struct resolver *r, const char *name, struct strbuf *out)
{
	struct strbuf tmp = {0};
	int found = 0;
	sb_reset(out);
	sb_adds(out, name);
	for (int hop = 0; hop < 4; hop++) {
		size_t len;
		int64_t i = alias_of(r, out->buf, &len);
		if (i < 0 || !r->alias_targets[i]) break;
		sb_reset(&tmp);
		sb_adds(&tmp, r->alias_targets[i]);
		sb_adds(&tmp, out->buf + len);
		sb_reset(out);
		sb_adds(out, tmp.buf);
		found = 1;
	}
	sb_release(&tmp);
	return found;
}

/* Is name, or a package above it, a symlink out of the roots? */
static int outside(struct resolver *r, const char *name)
{
	size_t len;
	int64_t i = alias_of(r, name, &len);
	return i >= 0 && !r->alias_targets[i];
}

static int64_t lookup_name(const struct resolver *r, const char *name, int *flags)
{
	int64_t *v = smap_get(&r->modules, name);
	if (!v || !(*v & M_IMPORTABLE)) return -1;
	if (flags) *flags = (int)(*v & 7);
	return *v >> 3;
}

/* The module id of name when it is an importable internal module (itself, or through an
 * alias), else -1. */
static int64_t lookup(struct resolver *r, const char *name, int *flags)
{
	int64_t id = lookup_name(r, name, flags);
	if (id >= 0 || !r->naliases) return id;
	struct strbuf real = {0};
	if (unalias(r, name, &real)) id = lookup_name(r, real.buf, flags);
	sb_release(&real);
	return id;
}

static int category_of(int kind, int ctx)
{
	if (kind == EDGE_PARENT) return CL_CAT_PARENT;
	if (kind == EDGE_STRING) return CL_CAT_STRING;
	if (kind == EDGE_DYNAMIC) return CL_CAT_DYNAMIC;
	if (ctx & CTX_TYPE) return CL_CAT_TYPE;
	if (ctx & CTX_LATE) return CL_CAT_LATE;
	if (ctx & (CTX_TRY | CTX_EXCEPT)) return CL_CAT_TRY;
	if (ctx & CTX_IF) return CL_CAT_IF;
	return CL_CAT_TOP;
}

/* The package a module's relative imports start from. */
static size_t package_len(const struct src_module *src)
{
	if (src->is_package) return strlen(src->name);
	const char *dot = strrchr(src->name, '.');
	return dot ? (size_t)(dot - src->name) : 0;
}

/* Is name (n bytes) the source module or one of its enclosing packages? */
static int is_own_ancestor(const struct src_module *src, const char *name, size_t n)
{
	return !strncmp(src->name, name, n) && (src->name[n] == 0 || src->name[n] == '.');
}

/* An edge to an alias names the module it stands for: one module, one name. */
static void emit(struct resolver *r, const struct src_module *src, int64_t dst,
		 const char *target, int tkind, int kind, const char *symbol, int ctx,
		 edge_fn fn, void *arg)
{
	if (dst == src->id && kind != EDGE_IMPORT && kind != EDGE_DYNAMIC) return;
	struct strbuf real = {0};
	if (tkind == T_INTERNAL && r->naliases && !smap_get(&r->modules, target) &&
	    unalias(r, target, &real))
		target = real.buf;
	struct edge e = { dst, target, tkind, kind, category_of(kind, ctx), symbol, ctx };
	fn(arg, &e);
	sb_release(&real);
}

/* Parent edges: packages executed on the way to target, except the source's own. */
static void parents(struct resolver *r, const struct src_module *src, const char *target,
		    int ctx, edge_fn fn, void *arg)
{
	for (const char *p = strchr(target, '.'); p; p = strchr(p + 1, '.')) {
		size_t n = (size_t)(p - target);
		if (is_own_ancestor(src, target, n)) continue;
		int flags = 0;
		struct strbuf *name = &r->a;        /* scratch: target is never r->a here */
		sb_reset(name);
		sb_add(name, target, n);
		int64_t id = lookup(r, name->buf, &flags);
		if (id >= 0 && (flags & M_FILE))
			emit(r, src, id, name->buf, T_INTERNAL, EDGE_PARENT, NULL, ctx, fn, arg);
	}
}

static int external_kind(struct resolver *r, const struct src_module *src, const char *name)
{
	const char *dot = strchr(name, '.');
	size_t n = dot ? (size_t)(dot - name) : strlen(name);
	struct strbuf *sb = &r->b;
	sb_reset(sb);
	sb_add(sb, name, n);
	if (smap_get(&r->stdlib[src->python == 2 ? 0 : 1], sb->buf)) return T_STDLIB;
	if (smap_get(&r->third_party, sb->buf)) return T_THIRD_PARTY;
	return r->strict ? T_UNRESOLVED : T_THIRD_PARTY;
}

/* Is the first part of name an internal top-level module? */
static int first_part_in(struct resolver *r, const struct smap *set, const char *name)
{
	const char *dot = strchr(name, '.');
	struct strbuf *sb = &r->b;
	sb_reset(sb);
	sb_add(sb, name, dot ? (size_t)(dot - name) : strlen(name));
	return smap_get(set, sb->buf) != NULL;
}

/* Is the first part of name the first part of an internal module (importable or not)?
 * Then a missing module is an error in the tree, not a third-party package. */
static int top_is_internal(struct resolver *r, const char *name)
{
	return first_part_in(r, &r->tops, name);
}

/* An absolute module name: an edge to it (or to the longest existing prefix, with the
 * rest as symbol when symbol_ok), plus its parents. */
static void to_module(struct resolver *r, const struct src_module *src, const char *full,
		      const char *symbol, int kind, int ctx, edge_fn fn, void *arg)
{
	if (first_part_in(r, &r->builtin[src->python == 2 ? 0 : 1], full)) {
		emit(r, src, -1, full, T_STDLIB, kind, symbol, ctx, fn, arg);
		return;
	}
	int64_t id = lookup(r, full, NULL);
	if (id >= 0) {
		emit(r, src, id, full, T_INTERNAL, kind, symbol, ctx, fn, arg);
		parents(r, src, full, ctx, fn, arg);
		return;
	}
	if (outside(r, full)) {
		emit(r, src, -1, full, T_OUTSIDE, kind, symbol, ctx, fn, arg);
		parents(r, src, full, ctx, fn, arg);
		return;
	}
	if (top_is_internal(r, full)) {
		emit(r, src, -1, full, T_UNRESOLVED, kind, symbol, ctx, fn, arg);
		parents(r, src, full, ctx, fn, arg);
		return;
	}
	emit(r, src, -1, full, external_kind(r, src, full), kind, symbol, ctx, fn, arg);
}

/* Python 2 implicit relative import: pkg.first exists, so name means pkg.name. */
static int implicit_relative(struct resolver *r, const struct src_module *src, const char *name,
			     struct strbuf *out)
{
	size_t pl = package_len(src);
	if (src->python != 2 || src->absolute_import || !pl) return 0;
	const char *dot = strchr(name, '.');
	size_t fl = dot ? (size_t)(dot - name) : strlen(name);
	sb_reset(out);
	sb_add(out, src->name, pl);
	sb_addc(out, '.');
	sb_add(out, name, fl);
	if (lookup(r, out->buf, NULL) < 0 && !outside(r, out->buf)) {
		sb_reset(out);
		return 0;
	}
	sb_reset(out);
	sb_add(out, src->name, pl);
	sb_addc(out, '.');
	sb_adds(out, name);
	return 1;
}

/* Anchor of a relative import: the package `level` steps up. -1 when above the top. */
static int relative_base(const char *anchor, size_t anchor_len, int level, const char *rest,
			 struct strbuf *out)
{
	size_t n = anchor_len;
	if (!n) return -1;
	for (int l = 1; l < level; l++) {
		while (n && anchor[n - 1] != '.') n--;
		if (!n) return -1;
		n--;
	}
	sb_reset(out);
	sb_add(out, anchor, n);
	if (rest && *rest) {
		sb_addc(out, '.');
		sb_adds(out, rest);
	}
	return 0;
}

static void resolve_from(struct resolver *r, const struct src_module *src,
			 const struct raw_import *im, edge_fn fn, void *arg)
{
	struct strbuf base = {0}, full = {0};
	const char *mod = im->module ? im->module : "";
	if (im->level > 0) {
		if (relative_base(src->name, package_len(src), im->level, mod, &base)) {
			for (int l = 0; l < im->level; l++) sb_addc(&full, '.');
			sb_adds(&full, mod);
			emit(r, src, -1, full.buf, T_UNRESOLVED, EDGE_IMPORT, im->name, im->ctx, fn, arg);
			goto out;
		}
	} else if (!implicit_relative(r, src, mod, &base)) {
		sb_reset(&base);
		sb_adds(&base, mod);
	}
	if (lookup(r, base.buf, NULL) < 0) {
		to_module(r, src, base.buf, im->name, EDGE_IMPORT, im->ctx, fn, arg);
		goto out;
	}
	if (strcmp(im->name, "*")) {
		sb_addf(&full, "%s.%s", base.buf, im->name);
		int64_t id = lookup(r, full.buf, NULL);
		if (id >= 0) {
			emit(r, src, id, full.buf, T_INTERNAL, EDGE_IMPORT, NULL, im->ctx, fn, arg);
			int flags = 0;
			int64_t bid = lookup(r, base.buf, &flags);
			if (!is_own_ancestor(src, base.buf, base.len) && (flags & M_FILE))
				emit(r, src, bid, base.buf, T_INTERNAL, EDGE_PARENT, NULL, im->ctx, fn, arg);
			parents(r, src, base.buf, im->ctx, fn, arg);
			goto out;
		}
		if (outside(r, full.buf)) {            /* a link in the package, not walked */
			to_module(r, src, full.buf, NULL, EDGE_IMPORT, im->ctx, fn, arg);
			goto out;
		}
	}
	to_module(r, src, base.buf, im->name, EDGE_IMPORT, im->ctx, fn, arg);
out:
	sb_release(&base);
	sb_release(&full);
}

static void resolve_dynamic(struct resolver *r, const struct src_module *src,
			    const struct raw_import *im, edge_fn fn, void *arg)
{
	struct strbuf full = {0};
	if (im->module && !strcmp(im->module, "__import__")) {
		/* level > 0: relative to the caller's package; 0: absolute; -1 (no level given,
		 * Python 2's default): the sibling first, whatever the file's __future__ says */
		if (im->level > 0 ? relative_base(src->name, package_len(src), im->level,
						  im->name, &full) : 0) {
			emit(r, src, -1, im->name, T_UNRESOLVED, EDGE_DYNAMIC, NULL, im->ctx, fn, arg);
			goto out;
		}
		struct src_module s2 = *src;
		s2.absolute_import = 0;
		if (im->level <= 0 && !(im->level < 0 && implicit_relative(r, &s2, im->name, &full)))
			sb_adds(&full, im->name);
		to_module(r, src, full.buf, NULL, EDGE_DYNAMIC, im->ctx, fn, arg);
		goto out;
	}
	const char *name = im->name + im->level;
	if (im->level > 0) {
		const char *anchor = NULL;
		size_t alen = 0;
		if (im->package && !strcmp(im->package, "__package__")) {
			anchor = src->name;
			alen = package_len(src);
		} else if (im->package && !strcmp(im->package, "__name__")) {
			anchor = src->name;
			alen = strlen(src->name);
		} else if (im->package) {
			anchor = im->package;
			alen = strlen(anchor);
		}
		if (!anchor || relative_base(anchor, alen, im->level, name, &full)) {
			emit(r, src, -1, im->name, T_UNRESOLVED, EDGE_DYNAMIC, NULL, im->ctx, fn, arg);
			goto out;
		}
	} else {
		sb_adds(&full, name);
	}
	to_module(r, src, full.buf, NULL, EDGE_DYNAMIC, im->ctx, fn, arg);
out:
	sb_release(&full);
}

void resolve_import(struct resolver *r, const struct src_module *src, const struct raw_import *im,
		    edge_fn fn, void *arg)
{
	struct strbuf full = {0};
	switch (im->kind) {
	case IMP_FUTURE:
		break;
	case IMP_IMPORT:
		if (!implicit_relative(r, src, im->name, &full)) sb_adds(&full, im->name);
		to_module(r, src, full.buf, NULL, EDGE_IMPORT, im->ctx, fn, arg);
		break;
	case IMP_FROM:
		resolve_from(r, src, im, fn, arg);
		break;
	case IMP_DYNAMIC:
		resolve_dynamic(r, src, im, fn, arg);
		break;
	}
	sb_release(&full);
}

/* Is a string's last part the extension of a file name ('config.json', '__main__.py')?
 * Lower case only; such a string still counts when it names a module (asyncio.log,
 * django.utils.html, app.json), never as a module plus that attribute. */
static int file_extension(const char *ext)
{
	static const char *const exts[] = {
		"cfg", "css", "csv", "db", "gif", "gz", "htm", "html", "ini", "jpeg", "jpg", "js",
		"json", "jsonl", "log", "md", "pdf", "pem", "pickle", "pkl", "png", "proto", "py",
		"pyc", "pyi", "pyo", "pyx", "rst", "so", "sql", "sqlite", "sqlite3", "svg", "tar",
		"toml", "tsv", "txt", "xml", "yaml", "yml", "zip", NULL,
	};
	for (size_t i = 0; exts[i]; i++)
		if (!strcmp(exts[i], ext)) return 1;
	return 0;
}

void resolve_string(struct resolver *r, const struct src_module *src, const char *text,
		    edge_fn fn, void *arg)
{
	int64_t id = lookup(r, text, NULL);
	if (id >= 0) {
		if (id != src->id) emit(r, src, id, text, T_INTERNAL, EDGE_STRING, NULL, 0, fn, arg);
		return;
	}
	const char *dot = strrchr(text, '.');
	if (!dot || file_extension(dot + 1)) return;
	struct strbuf *sb = &r->a;
	sb_reset(sb);
	sb_add(sb, text, (size_t)(dot - text));
	id = lookup(r, sb->buf, NULL);
	if (id >= 0 && id != src->id) {
		char *mod = xstrdup(sb->buf);
		emit(r, src, id, mod, T_INTERNAL, EDGE_STRING, dot + 1, 0, fn, arg);
		free(mod);
	}
}
