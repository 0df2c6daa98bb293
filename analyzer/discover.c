/* discover.c — walks the roots into files and module names (discover_p.h).
 * Iterative (no recursion, so deep trees are safe); directory entries are sorted so the
 * result is deterministic; a directory already on the current path is a loop, walked once. */
#include "discover_p.h"
#include "glob_p.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

struct dnode {
	char *abs;              /* folder path as walked */
	char *rel;              /* relative to the root ("" for the root) */
	int64_t parent;         /* dnode index, -1 for the root */
	dev_t dev;
	ino_t ino;
	int package;            /* has __init__.py */
	int has_py;             /* a .py file lives somewhere below */
	int pkg_chain;          /* it and every folder up to the root are packages */
};

struct walk {
	const struct cl_config *cfg;
	struct discovery *out;
	struct cl_diags *d;
	char *root_rel;         /* the root relative to cfg->dir ("" when it is cfg->dir) */
	int root;
	VEC(struct dnode) dirs;
	VEC(size_t) todo;
	struct smap names;      /* module name -> index in out->modules */
	struct smap paths;      /* relpath -> index in out->files (nested roots share files) */
};

static int is_identifier(const char *s, size_t n)
{
	if (!n || (s[0] >= '0' && s[0] <= '9')) return 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (!(c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		      (c >= '0' && c <= '9') || c >= 0x80)) return 0;
	}
	return 1;
}

static char *rel_to_cfg(const struct walk *w, const char *rel)
{
	if (!*w->root_rel) return xstrdup(rel);
	if (!*rel) return xstrdup(w->root_rel);
	return xasprintf("%s/%s", w->root_rel, rel);
}

static int excluded(const struct walk *w, const char *rel)
{
	if (!w->cfg->nexclude) return 0;
	char *p = rel_to_cfg(w, rel);
	int ex = 0;
	for (size_t i = 0; i < w->cfg->nexclude && !ex; i++) ex = glob_match(w->cfg->exclude[i], p);
	free(p);
	return ex;
}

static int on_path(const struct walk *w, int64_t from, dev_t dev, ino_t ino)
{
	for (int64_t i = from; i >= 0; i = w->dirs.v[i].parent)
		if (w->dirs.v[i].dev == dev && w->dirs.v[i].ino == ino) return 1;
	return 0;
}

/* The dotted module name of rel (a .py path under the root); importable tells whether
 * Python could import it under that name. */
static char *module_name(const char *rel, int *is_package, int *importable)
{
	struct strbuf sb = {0};
	size_t n = strlen(rel) - 3;                     /* drop ".py" */
	const char *base = strrchr(rel, '/');
	base = base ? base + 1 : rel;
	*is_package = !strcmp(base, "__init__.py");
	if (*is_package) n = base == rel ? 0 : (size_t)(base - rel - 1);
	*importable = 1;
	for (size_t i = 0; i < n; ) {
		size_t j = i;
		while (j < n && rel[j] != '/') j++;
		if (!is_identifier(rel + i, j - i)) *importable = 0;
		if (sb.len) sb_addc(&sb, '.');
		sb_add(&sb, rel + i, j - i);
		i = j + 1;
	}
	return sb_detach(&sb);
}

static void add_module(struct walk *w, char *name, int64_t file, int is_pkg, int importable)
{
	struct discovery *o = w->out;
	int64_t *prev = smap_get(&w->names, name);
	if (prev) {
		struct disc_module *m = &o->modules.v[*prev];
		/* a package a/b/__init__.py wins over a/b.py; otherwise the first root wins */
		if (is_pkg && !m->is_package && m->root == w->root && file >= 0 && m->file >= 0) {
			cl_diag_add(w->d, CL_WARNING, o->files.v[m->file].relpath, 0, 0,
				    "shadowed by package %s: not a module", name);
			m->file = file;
			m->is_package = 1;
			m->importable = importable;
		} else if (file >= 0 && m->file >= 0) {
			cl_diag_add(w->d, CL_WARNING, o->files.v[file].relpath, 0, 0,
				    "module %s is already provided by %s: not a module", name,
				    o->files.v[m->file].relpath);
		} else if (file >= 0 && m->file < 0) {
			m->file = file;                          /* a package over a namespace */
		}
		free(name);
		return;
	}
	struct disc_module m = { name, file, is_pkg, importable, w->root };
	smap_put(&w->names, name, (int64_t)o->modules.n);
	VEC_PUSH(o->modules, m);
}

/* Is the current root below another root (vendored code put on sys.path)? */
static int inside_other_root(const struct walk *w)
{
	const char *me = w->cfg->roots[w->root];
	for (size_t i = 0; i < w->cfg->nroots; i++) {
		size_t n = strlen(w->cfg->roots[i]);
		if ((int)i != w->root && !strncmp(me, w->cfg->roots[i], n) && me[n] == '/') return 1;
	}
	return 0;
}

static void add_file(struct walk *w, const struct dnode *dir, const char *fname,
		     const struct stat *st)
{
	char *rel = *dir->rel ? xasprintf("%s/%s", dir->rel, fname) : xstrdup(fname);
	if (!*dir->rel && !strcmp(fname, "__init__.py")) {
		if (!inside_other_root(w))
			cl_diag_add(w->d, CL_WARNING, w->cfg->roots[w->root], 0, 0,
				    "this root is itself a package; list its parent folder as the "
				    "root (its __init__.py is skipped)");
		free(rel);
		return;
	}
	struct disc_file f = {0};
	f.relpath = rel_to_cfg(w, rel);
	int64_t *known = smap_get(&w->paths, f.relpath);
	f.abspath = xasprintf("%s/%s", dir->abs, fname);
	f.python = cl_config_python_for(w->cfg, f.relpath);
	f.size = st->st_size;
	f.mtime_ns = (int64_t)st->st_mtim.tv_sec * 1000000000LL + st->st_mtim.tv_nsec;
	f.dev = st->st_dev;
	f.ino = st->st_ino;
	int is_pkg, importable;
	char *name = module_name(rel, &is_pkg, &importable);
	/* Python 2 imports only through packages; Python 3 also through namespace folders */
	if (f.python == 2 && !(is_pkg ? (dir->parent < 0 || w->dirs.v[dir->parent].pkg_chain)
				       : dir->pkg_chain)) importable = 0;
	for (int64_t i = dir - w->dirs.v; i >= 0 && !w->dirs.v[i].has_py; i = w->dirs.v[i].parent)
		w->dirs.v[i].has_py = 1;
	int64_t idx = known ? *known : (int64_t)w->out->files.n;
	if (known) {
		free(f.abspath);
		free(f.relpath);
	} else {
		smap_put(&w->paths, f.relpath, idx);
		VEC_PUSH(w->out->files, f);
	}
	add_module(w, name, idx, is_pkg, importable);
	free(rel);
}

static int cmp_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Reads one folder: files become modules, subfolders are queued. */
static void walk_dir(struct walk *w, size_t di)
{
	DIR *dh = opendir(w->dirs.v[di].abs);
	if (!dh) {
		cl_diag_add(w->d, CL_WARNING, w->dirs.v[di].abs, 0, 0, "cannot read folder: %s",
			    strerror(errno));
		return;
	}
	VEC(char *) names = {0};
	struct dirent *e;
	while ((e = readdir(dh))) {
		if (e->d_name[0] == '.' || !strcmp(e->d_name, "__pycache__")) continue;
		VEC_PUSH(names, xstrdup(e->d_name));
	}
	closedir(dh);
	qsort(names.v, names.n, sizeof(char *), cmp_name);
	struct dnode *dir = &w->dirs.v[di];
	for (size_t i = 0; i < names.n; i++)
		if (!strcmp(names.v[i], "__init__.py")) dir->package = 1;
	dir->pkg_chain = dir->package && (dir->parent < 0 || w->dirs.v[dir->parent].pkg_chain);
	if (dir->parent < 0) dir->pkg_chain = 1;       /* the root itself is sys.path */
	for (size_t i = 0; i < names.n; i++) {
		dir = &w->dirs.v[di];                       /* VEC_PUSH may move it */
		char *abs = xasprintf("%s/%s", dir->abs, names.v[i]);
		char *rel = *dir->rel ? xasprintf("%s/%s", dir->rel, names.v[i]) : xstrdup(names.v[i]);
		size_t len = strlen(names.v[i]);
		int py = len > 3 && !strcmp(names.v[i] + len - 3, ".py");
		struct stat st;
		if (excluded(w, rel)) goto next;
		if (stat(abs, &st)) {
			struct stat lst;
			if (!lstat(abs, &lst) && S_ISLNK(lst.st_mode))
				cl_diag_add(w->d, CL_WARNING, abs, 0, 0, "broken symlink: skipped");
			else if (py)
				cl_diag_add(w->d, CL_WARNING, abs, 0, 0, "cannot stat: %s", strerror(errno));
			goto next;
		}
		if (S_ISDIR(st.st_mode)) {
			if (on_path(w, (int64_t)di, st.st_dev, st.st_ino)) {
				cl_diag_add(w->d, CL_WARNING, abs, 0, 0,
					    "symlink loop: this folder contains itself; walked once");
				goto next;
			}
			struct dnode nd = { abs, rel, (int64_t)di, st.st_dev, st.st_ino, 0, 0, 0 };
			VEC_PUSH(w->dirs, nd);
			VEC_PUSH(w->todo, w->dirs.n - 1);
			free(names.v[i]);
			continue;
		}
		if (py && S_ISREG(st.st_mode)) add_file(w, &w->dirs.v[di], names.v[i], &st);
next:
		free(abs);
		free(rel);
		free(names.v[i]);
	}
	VEC_FREE(names);
}

/* Python 3: folders under the root without __init__.py are namespace packages. */
static void add_namespaces(struct walk *w)
{
	for (size_t i = 0; i < w->dirs.n; i++) {
		struct dnode *dn = &w->dirs.v[i];
		if (dn->package || !dn->has_py || !*dn->rel) continue;
		char *rel = rel_to_cfg(w, dn->rel);
		int py = cl_config_python_for(w->cfg, rel);
		free(rel);
		if (py != 3) continue;
		struct strbuf sb = {0};
		int ok = 1;
		for (const char *p = dn->rel; *p; ) {
			const char *s = strchr(p, '/');
			size_t n = s ? (size_t)(s - p) : strlen(p);
			ok &= is_identifier(p, n);
			if (sb.len) sb_addc(&sb, '.');
			sb_add(&sb, p, n);
			p += n + (s ? 1 : 0);
		}
		if (ok) add_module(w, sb_detach(&sb), -1, 1, 1);
		else sb_release(&sb);
	}
}

static char *root_relative(const struct cl_config *cfg, const char *root)
{
	char *rr = realpath(root, NULL), *cd = realpath(cfg->dir, NULL);
	char *out;
	size_t n = cd ? strlen(cd) : 0;
	if (rr && cd && !strcmp(rr, cd)) out = xstrdup("");
	else if (rr && cd && !strncmp(rr, cd, n) && rr[n] == '/') out = xstrdup(rr + n + 1);
	else out = xstrdup(rr ? rr : root);
	free(rr);
	free(cd);
	return out;
}

static void walk_root(struct walk *w, int r)
{
	w->root = r;
	w->root_rel = root_relative(w->cfg, w->cfg->roots[r]);
	struct stat st;
	stat(w->cfg->roots[r], &st);
	w->dirs.n = w->todo.n = 0;
	struct dnode root = { xstrdup(w->cfg->roots[r]), xstrdup(""), -1, st.st_dev, st.st_ino, 0, 0, 0 };
	VEC_PUSH(w->dirs, root);
	VEC_PUSH(w->todo, 0);
	/* breadth-first by folder keeps parents before children for pkg_chain */
	for (size_t t = 0; t < w->todo.n; t++) walk_dir(w, w->todo.v[t]);
	add_namespaces(w);
	for (size_t i = 0; i < w->dirs.n; i++) {
		free(w->dirs.v[i].abs);
		free(w->dirs.v[i].rel);
	}
	free(w->root_rel);
}

static int cmp_module(const void *a, const void *b)
{
	return strcmp(((const struct disc_module *)a)->name, ((const struct disc_module *)b)->name);
}

/* Warns once per scan when files are reachable under two module names (a symlink, or
 * nested roots such as App Engine's third_party on sys.path): each name is its own module. */
static void warn_aliases(struct discovery *o, struct cl_diags *d)
{
	struct smap seen = {0};
	size_t count = 0;
	const char *ex_path = NULL, *ex_a = NULL, *ex_b = NULL;
	for (size_t i = 0; i < o->modules.n; i++) {
		const struct disc_module *m = &o->modules.v[i];
		if (m->file < 0) continue;
		const struct disc_file *f = &o->files.v[m->file];
		char key[64];
		snprintf(key, sizeof(key), "%llu:%llu", (unsigned long long)f->dev,
			 (unsigned long long)f->ino);
		int64_t *prev = smap_get(&seen, key);
		if (!prev) {
			smap_put(&seen, key, (int64_t)i);
			continue;
		}
		if (!count++) {
			ex_path = f->relpath;
			ex_a = o->modules.v[*prev].name;
			ex_b = m->name;
		}
	}
	if (count)
		cl_diag_add(d, CL_WARNING, NULL, 0, 0,
			    "%zu file%s reachable under two module names (e.g. %s as %s and %s); "
			    "each name is analysed as its own module", count, count == 1 ? " is" : "s are",
			    ex_path, ex_a, ex_b);
	smap_release(&seen);
}

int discover(const struct cl_config *cfg, struct discovery *out, struct cl_diags *d)
{
	struct walk w = { .cfg = cfg, .out = out, .d = d };
	memset(out, 0, sizeof(*out));
	int rc = CL_OK;
	for (size_t r = 0; r < cfg->nroots; r++) {
		struct stat st;
		if (stat(cfg->roots[r], &st) || !S_ISDIR(st.st_mode)) {
			cl_diag_add(d, CL_ERROR, cfg->path ? cfg->path : cfg->roots[r], 0, 0,
				    "root folder %s: %s", cfg->roots[r],
				    errno && !S_ISDIR(st.st_mode) ? strerror(errno) : "not a folder");
			rc = CL_EUSAGE;
			continue;
		}
		walk_root(&w, (int)r);
	}
	qsort(out->modules.v, out->modules.n, sizeof(struct disc_module), cmp_module);
	warn_aliases(out, d);
	VEC_FREE(w.dirs);
	VEC_FREE(w.todo);
	smap_release(&w.names);
	smap_release(&w.paths);
	return rc;
}

int64_t discovery_find(const struct discovery *disc, const char *name)
{
	size_t lo = 0, hi = disc->modules.n;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = strcmp(disc->modules.v[mid].name, name);
		if (!c) return (int64_t)mid;
		if (c < 0) lo = mid + 1;
		else hi = mid;
	}
	return -1;
}

void discovery_release(struct discovery *disc)
{
	for (size_t i = 0; i < disc->files.n; i++) {
		free(disc->files.v[i].abspath);
		free(disc->files.v[i].relpath);
	}
	for (size_t i = 0; i < disc->modules.n; i++) free(disc->modules.v[i].name);
	VEC_FREE(disc->files);
	VEC_FREE(disc->modules);
}
