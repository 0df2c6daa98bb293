/* discover.c — walks the roots into files and module names (discover_p.h).
 * Iterative (no recursion, so deep trees are safe); directory entries are sorted so the
 * result is deterministic. A symlink to a folder is followed only to a folder not walked
 * yet in this root (a loop, or links that reach one folder many ways, cannot multiply the
 * walk); symlinks that lead out of every root, and names with control characters or
 * malformed UTF-8, are skipped with a warning. */
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
};

/* One way a dotted name is defined in one root: a package folder with __init__.py, a
 * module file, or (Python 3) a folder without __init__.py, a namespace portion. */
enum { C_PKG, C_MOD, C_NS };
struct cand {
	char *name;
	int depth;              /* dots in name: parents sort first */
	int root, kind;
	int64_t file;           /* index into files, -1 for a namespace portion */
	int valid;              /* every part is an identifier (a.b.py or my-dir/x.py are not) */
};

struct walk {
	const struct cl_config *cfg;
	struct discovery *out;
	struct cl_diags *d;
	char *root_rel;         /* the root relative to cfg->dir ("" when it is cfg->dir) */
	int root;
	VEC(struct dnode) dirs;
	VEC(size_t) todo;
	struct smap paths;      /* relpath -> index in out->files (nested roots share files) */
	VEC(struct cand) cands; /* every way a name is defined, from all roots */
	disc_file_fn on_file;
	void *arg;
	char **real_roots;      /* realpath of each root (NULL when it has none) */
	struct smap seen;       /* "dev:ino" of every folder walked in this root */
};

struct entry { char *name; unsigned char type; };

static int cmp_entry(const void *a, const void *b)
{
	return strcmp(((const struct entry *)a)->name, ((const struct entry *)b)->name);
}

/* Control characters or malformed UTF-8: no importable name has them, and they would
 * reach terminals, CI logs and JSON. */
static int bad_name(const char *s)
{
	unsigned cp;
	for (const unsigned char *p = (const unsigned char *)s; *p;) {
		size_t n = utf8_seq(p, &cp);
		if (!n || cp < 0x20 || cp == 0x7f) return 1;
		p += n;
	}
	return 0;
}

/* A symlink is followed only when its target is inside one of the roots. */
static int link_inside_roots(const struct walk *w, const char *abs, char **target)
{
	*target = realpath(abs, NULL);
	if (!*target) return 1;           /* broken: stat says so below */
	for (size_t i = 0; i < w->cfg->nroots; i++)
		if (w->real_roots[i] && (!strcmp(w->real_roots[i], *target) ||
					 path_inside(w->real_roots[i], *target)))
			return 1;
	return 0;
}

/* Marks a folder walked; 0 when it already was (in this root). */
static int first_visit(struct walk *w, const struct stat *st)
{
	char key[64];
	snprintf(key, sizeof(key), "%llx:%llx", (unsigned long long)st->st_dev,
		 (unsigned long long)st->st_ino);
	if (smap_get(&w->seen, key)) return 0;
	smap_put(&w->seen, key, 1);
	return 1;
}

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
	return path_cat(w->root_rel, rel);
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

/* The dotted name of rel, a .py path under the root; valid when every part is an
 * identifier (so Python could find it under that name). */
static char *module_name(const char *rel, int *is_package, int *valid)
{
	struct strbuf sb = {0};
	size_t n = strlen(rel) - 3;                     /* drop ".py" */
	const char *base = strrchr(rel, '/');
	base = base ? base + 1 : rel;
	*is_package = !strcmp(base, "__init__.py");
	if (*is_package) n = base == rel ? 0 : (size_t)(base - rel - 1);
	*valid = 1;
	for (size_t i = 0; i < n; ) {
		size_t j = i;
		while (j < n && rel[j] != '/') j++;
		if (!is_identifier(rel + i, j - i)) *valid = 0;
		if (sb.len) sb_addc(&sb, '.');
		sb_add(&sb, rel + i, j - i);
		i = j + 1;
	}
	return sb_detach(&sb);
}

static void add_cand(struct walk *w, char *name, int kind, int64_t file, int valid)
{
	int depth = 0;
	for (const char *p = name; *p; p++) depth += *p == '.';
	struct cand c = { name, depth, w->root, kind, file, valid };
	VEC_PUSH(w->cands, c);
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
	char *rel = path_cat(dir->rel, fname);
	if (!*dir->rel && !strcmp(fname, "__init__.py")) {
		if (!inside_other_root(w))
			cl_diag_add(w->d, CL_WARNING, *w->root_rel ? w->root_rel : ".", 0, 0,
				    "this root is itself a package; list its parent folder as the "
				    "root (its __init__.py is skipped)");
		free(rel);
		return;
	}
	struct disc_file f = {0};
	f.relpath = rel_to_cfg(w, rel);
	int64_t *known = smap_get(&w->paths, f.relpath);
	f.abspath = path_cat(dir->abs, fname);
	f.python = cl_config_python_for(w->cfg, f.relpath);
	f.size = st->st_size;
	f.mtime_ns = (int64_t)st->st_mtim.tv_sec * 1000000000LL + st->st_mtim.tv_nsec;
	f.dev = st->st_dev;
	f.ino = st->st_ino;
	int is_pkg, valid;
	char *name = module_name(rel, &is_pkg, &valid);
	for (int64_t i = dir - w->dirs.v; i >= 0 && !w->dirs.v[i].has_py; i = w->dirs.v[i].parent)
		w->dirs.v[i].has_py = 1;
	int64_t idx = known ? *known : (int64_t)w->out->files.n;
	if (known) {
		free(f.abspath);
		free(f.relpath);
	} else {
		smap_put(&w->paths, f.relpath, idx);
		VEC_PUSH(w->out->files, f);
		if (w->on_file) w->on_file(w->arg, (size_t)idx, &f);
	}
	add_cand(w, name, is_pkg ? C_PKG : C_MOD, idx, valid);
	free(rel);
}

/* Reads one folder: files become modules, subfolders are queued. */
static void walk_dir(struct walk *w, size_t di)
{
	DIR *dh = opendir(w->dirs.v[di].abs);
	if (!dh) {
		int e = errno;
		char *shown = rel_to_cfg(w, w->dirs.v[di].rel);
		cl_diag_add(w->d, CL_WARNING, *shown ? shown : ".", 0, 0, "cannot read folder: %s",
			    strerror(e));
		free(shown);
		return;
	}
	VEC(struct entry) names = {0};
	struct dirent *e;
	while ((e = readdir(dh))) {
		if (e->d_name[0] == '.' || !strcmp(e->d_name, "__pycache__")) continue;
		size_t n = strlen(e->d_name);
		if (e->d_type == DT_REG && (n < 4 || strcmp(e->d_name + n - 3, ".py")))
			continue;                         /* a plain file that is not Python: no stat */
		struct entry en = { xstrdup(e->d_name), e->d_type };
		VEC_PUSH(names, en);
	}
	closedir(dh);
	sort_array(names.v, names.n, sizeof(struct entry), cmp_entry);
	struct dnode *dir = &w->dirs.v[di];
	for (size_t i = 0; i < names.n; i++)
		if (!strcmp(names.v[i].name, "__init__.py")) dir->package = 1;
	for (size_t i = 0; i < names.n; i++) {
		dir = &w->dirs.v[di];                       /* VEC_PUSH may move it */
		const char *name = names.v[i].name;
		char *abs = path_cat(dir->abs, name);
		char *rel = path_cat(dir->rel, name);
		char *target = NULL;
		size_t len = strlen(name);
		int py = len > 3 && !strcmp(name + len - 3, ".py");
		struct stat st;
		if (excluded(w, rel)) goto next;
		if (bad_name(name)) {
			char *shown = rel_to_cfg(w, rel);
			cl_diag_add(w->d, CL_WARNING, shown, 0, 0, "control characters or malformed UTF-8 "
				    "in the name: skipped");
			free(shown);
			goto next;
		}
		if ((names.v[i].type == DT_LNK || names.v[i].type == DT_UNKNOWN) &&
		    !link_inside_roots(w, abs, &target)) {
			if (py || (!stat(abs, &st) && S_ISDIR(st.st_mode))) {   /* else not ours */
				char *shown = rel_to_cfg(w, rel);
				cl_diag_add(w->d, CL_WARNING, shown, 0, 0, "symlink to %s, outside the "
					    "roots: skipped", target);
				free(shown);
			}
			goto next;
		}
		if (stat(abs, &st)) {
			int e = errno;
			struct stat lst;
			char *shown = rel_to_cfg(w, rel);
			if (!lstat(abs, &lst) && S_ISLNK(lst.st_mode))
				cl_diag_add(w->d, CL_WARNING, shown, 0, 0, "broken symlink: skipped");
			else if (py)
				cl_diag_add(w->d, CL_WARNING, shown, 0, 0, "cannot stat: %s", strerror(e));
			free(shown);
			goto next;
		}
		if (S_ISDIR(st.st_mode)) {
			/* a real folder is walked where it is; a symlinked one only once */
			int link = target != NULL;
			if (!first_visit(w, &st) && link) {
				char *shown = rel_to_cfg(w, rel);
				cl_diag_add(w->d, CL_WARNING, shown, 0, 0, on_path(w, (int64_t)di,
					    st.st_dev, st.st_ino) ?
					    "symlink loop: this folder contains itself; walked once" :
					    "a symlink to a folder walked already: skipped");
				free(shown);
				goto next;
			}
			struct dnode nd = { abs, rel, (int64_t)di, st.st_dev, st.st_ino, 0, 0 };
			VEC_PUSH(w->dirs, nd);
			VEC_PUSH(w->todo, w->dirs.n - 1);
			free(target);
			free(names.v[i].name);
			continue;
		}
		if (py && S_ISREG(st.st_mode)) add_file(w, &w->dirs.v[di], name, &st);
next:
		free(target);
		free(abs);
		free(rel);
		free(names.v[i].name);
	}
	VEC_FREE(names);
}

/* Python 3: folders under the root without __init__.py (and with .py files below) are
 * namespace portions. */
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
		add_cand(w, sb_detach(&sb), C_NS, -1, ok);
	}
}

/* root relative to the config's folder: "" for the folder itself, "a/b" below it,
 * "../x" beside it; absolute when the two share only "/". */
static char *root_relative(const struct cl_config *cfg, const char *root)
{
	char *rr = realpath(root, NULL), *cd = realpath(cfg->dir, NULL);
	char *out = rr && cd ? path_relative(cd, rr) : xstrdup(rr ? rr : root);
	free(rr);
	free(cd);
	return out;
}

char *discover_relpath(const struct cl_config *cfg, const char *path)
{
	char *ra = realpath(path, NULL), *out = NULL;
	for (size_t r = 0; ra && r < cfg->nroots && !out; r++) {
		char *rr = realpath(cfg->roots[r], NULL);
		const char *rest = rr ? path_inside(rr, ra) : NULL;
		if (rest) {
			char *base = root_relative(cfg, cfg->roots[r]);
			out = *base ? path_cat(base, rest) : xstrdup(rest);
			free(base);
		}
		free(rr);
	}
	free(ra);
	return out;
}

static void walk_root(struct walk *w, int r)
{
	w->root = r;
	w->root_rel = root_relative(w->cfg, w->cfg->roots[r]);
	struct stat st;
	stat(w->cfg->roots[r], &st);
	w->dirs.n = w->todo.n = 0;
	struct dnode root = { xstrdup(w->cfg->roots[r]), xstrdup(""), -1, st.st_dev, st.st_ino, 0, 0 };
	smap_release(&w->seen);
	memset(&w->seen, 0, sizeof(w->seen));
	first_visit(w, &st);
	VEC_PUSH(w->dirs, root);
	VEC_PUSH(w->todo, 0);
	/* breadth-first by folder keeps parents before their children */
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

/* Parents before children, then by name, root and kind (package before module). */
static int cmp_cand(const void *a, const void *b)
{
	const struct cand *x = a, *y = b;
	int c = x->depth - y->depth;
	if (!c) c = strcmp(x->name, y->name);
	if (!c) c = x->root - y->root;
	if (!c) c = x->kind - y->kind;
	return c;
}

/* What a name turned out to be, as Python's import system finds it. */
struct winner { int kind; int64_t cand; uint64_t ns_roots; };   /* ns_roots: a bit per root */

/* Picks, among the candidates [lo, hi) of one name, the one Python imports: searching the
 * roots in order (for a submodule, only the folders of its package), the first regular
 * package or module wins; failing those, the namespace portions together (Python 3). */
static int choose(const struct walk *w, size_t lo, size_t hi, uint64_t roots, struct winner *out)
{
	const struct cand *c = w->cands.v;
	for (int r = 0; r < 64; r++) {
		if (!(roots >> r & 1)) continue;
		for (size_t i = lo; i < hi; i++)
			if (c[i].root == r && c[i].valid && c[i].kind != C_NS) {
				*out = (struct winner){ c[i].kind, (int64_t)i, 0 };
				return 1;
			}
	}
	uint64_t ns = 0;
	int64_t first = -1;
	for (size_t i = lo; i < hi; i++)
		if (c[i].kind == C_NS && c[i].valid && (roots >> c[i].root & 1)) {
			ns |= 1ull << c[i].root;
			if (first < 0) first = (int64_t)i;
		}
	if (!ns) return 0;
	*out = (struct winner){ C_NS, first, ns };
	return 1;
}

static void warn_shadowed(struct walk *w, const struct cand *loser, const struct cand *kept)
{
	const struct disc_file *f = &w->out->files.v[loser->file];
	if (kept->root == loser->root && kept->kind == C_PKG && loser->kind == C_MOD)
		cl_diag_add(w->d, CL_WARNING, f->relpath, 0, 0, "shadowed by package %s: not a module",
			    loser->name);
	else
		cl_diag_add(w->d, CL_WARNING, f->relpath, 0, 0,
			    "module %s is already provided by %s: not a module", loser->name,
			    kept->file >= 0 ? w->out->files.v[kept->file].relpath : "a namespace package");
}

/* One module per name: the winner (importable), else the first file defining it (kept
 * for its own imports, not importable); other files of the name get no module. */
static void emit_name(struct walk *w, size_t lo, size_t hi, const struct winner *win, int found)
{
	const struct cand *c = w->cands.v;
	int64_t keep = found ? win->cand : -1;
	for (size_t i = lo; i < hi && keep < 0; i++)
		if (c[i].file >= 0) keep = (int64_t)i;
	if (keep < 0) return;                        /* only folders, and Python cannot see them */
	const struct cand *k = &c[keep];
	struct disc_module m = { xstrdup(k->name), k->kind == C_NS ? -1 : k->file,
				 k->kind != C_MOD, found, k->root };
	VEC_PUSH(w->out->modules, m);
	for (size_t i = lo; i < hi; i++)
		if ((int64_t)i != keep && c[i].file >= 0 && c[i].file != k->file) warn_shadowed(w, &c[i], k);
}

static void choose_modules(struct walk *w)
{
	sort_array(w->cands.v, w->cands.n, sizeof(struct cand), cmp_cand);
	VEC(struct winner) wins = {0};
	struct smap won = {0};                       /* name -> index in wins */
	uint64_t all = w->cfg->nroots >= 64 ? ~0ull : (1ull << w->cfg->nroots) - 1;
	for (size_t lo = 0, hi; lo < w->cands.n; lo = hi) {
		const char *name = w->cands.v[lo].name;
		for (hi = lo + 1; hi < w->cands.n && !strcmp(w->cands.v[hi].name, name); hi++) ;
		const char *dot = strrchr(name, '.');
		uint64_t roots = all;
		if (dot) {
			char *parent = xstrndup(name, (size_t)(dot - name));
			int64_t *pi = smap_get(&won, parent);
			free(parent);
			const struct winner *pw = pi ? &wins.v[*pi] : NULL;
			roots = !pw || pw->kind == C_MOD ? 0
			      : pw->kind == C_PKG ? 1ull << w->cands.v[pw->cand].root : pw->ns_roots;
		}
		struct winner win;
		int found = roots && choose(w, lo, hi, roots, &win);
		if (found) {
			smap_put(&won, name, (int64_t)wins.n);
			VEC_PUSH(wins, win);
		}
		emit_name(w, lo, hi, &win, found);
	}
	VEC_FREE(wins);
	smap_release(&won);
	for (size_t i = 0; i < w->cands.n; i++) free(w->cands.v[i].name);
	VEC_FREE(w->cands);
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

int discover(const struct cl_config *cfg, struct discovery *out, struct cl_diags *d,
	     disc_file_fn on_file, void *arg)
{
	struct walk w = { .cfg = cfg, .out = out, .d = d, .on_file = on_file, .arg = arg };
	memset(out, 0, sizeof(*out));
	int rc = CL_OK;
	w.real_roots = xcalloc(cfg->nroots + 1, sizeof(char *));
	for (size_t r = 0; r < cfg->nroots; r++) w.real_roots[r] = realpath(cfg->roots[r], NULL);
	for (size_t r = 0; r < cfg->nroots; r++) {
		struct stat st;
		int err = stat(cfg->roots[r], &st) ? errno : 0;
		if (err || !S_ISDIR(st.st_mode)) {
			cl_diag_add(d, CL_ERROR, cfg->path ? cfg->path : cfg->roots[r], 0, 0,
				    "root folder %s: %s", cfg->roots[r], err ? strerror(err) : "not a folder");
			rc = CL_EUSAGE;
			continue;
		}
		walk_root(&w, (int)r);
	}
	choose_modules(&w);
	sort_array(out->modules.v, out->modules.n, sizeof(struct disc_module), cmp_module);
	warn_aliases(out, d);
	VEC_FREE(w.dirs);
	VEC_FREE(w.todo);
	smap_release(&w.paths);
	smap_release(&w.seen);
	for (size_t r = 0; r < cfg->nroots; r++) free(w.real_roots[r]);
	free(w.real_roots);
	return rc;
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
