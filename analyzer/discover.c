/* discover.c — walks the roots into files and module names (discover_p.h).
 * Iterative (no recursion, so deep trees are safe); directory entries are sorted so the
 * result is deterministic. Symlinked folders are walked after the real ones of their root,
 * and only to a folder not walked yet (a loop, or links that reach one folder many ways,
 * cannot multiply the walk): a link to a folder walked already is an alias of its name. A
 * file reached twice (nested roots, links) is one file. Symlinks that lead out of every root
 * and of [project] follow_links are skipped with a warning, their names kept as `outside`;
 * names with control characters or malformed UTF-8 are skipped with a warning. */
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
	int link;               /* reached through a symlink: walked after the real folders */
};

/* A folder walked: where, for the aliases of links that reach it again. */
struct seen_dir { int root; char *name; };     /* name: dotted, NULL when not a valid one */

/* One way a dotted name is defined in one root: a package folder with __init__.py, a
 * module file, or (Python 3) a folder without __init__.py, a namespace portion. */
enum { C_PKG, C_MOD, C_NS };
struct cand {
	char *name;
	int depth;              /* dots in name: parents sort first */
	int root, kind;
	int64_t file;           /* index into files, -1 for a namespace portion */
	int valid;              /* every part is an identifier (a.b.py or my-dir/x.py are not) */
	int first_path;         /* the file's first path (the others reach it again) */
};

struct walk {
	const struct cl_config *cfg;
	struct discovery *out;
	struct cl_diags *d;
	char *root_rel;         /* the root relative to cfg->dir ("" when it is cfg->dir) */
	int root;
	VEC(struct dnode) dirs;
	VEC(size_t) todo;
	struct smap inodes;     /* "dev:ino" -> index in out->files (a file reached twice) */
	VEC(struct cand) cands; /* every way a name is defined, from all roots */
	disc_file_fn on_file;
	void *arg;
	char **real_roots;      /* realpath of each root (NULL when it has none) */
	struct smap seen;       /* "dev:ino" of every folder walked -> index in seen_dirs */
	VEC(struct seen_dir) seen_dirs;
	VEC(size_t) links;      /* symlinked folders (dnodes) waiting for the real ones */
	struct smap ex_lit;     /* exclude patterns without a wildcard -> 1 */
	struct smap ex_pre;     /* the literal folders a wildcard pattern starts with (""
				   for none) -> its first pattern in ex_next */
	int64_t *ex_next;       /* cfg->exclude index -> the next of its prefix, -1 */
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

static int same_or_inside(const char *dir, const char *path)
{
	return dir && (!strcmp(dir, path) || path_inside(dir, path));
}

/* A symlink is followed only when its target is inside one of the roots, or is (or is
 * inside) one of [project] follow_links. */
static int link_allowed(const struct walk *w, const char *abs, char **target)
{
	*target = realpath(abs, NULL);
	if (!*target) return 1;           /* broken: stat says so below */
	for (size_t i = 0; i < w->cfg->nroots; i++)
		if (same_or_inside(w->real_roots[i], *target)) return 1;
	for (size_t i = 0; i < w->cfg->nfollow_links; i++)
		if (same_or_inside(w->cfg->follow_links[i], *target)) return 1;
	return 0;
}

static void inode_key(char *key, size_t n, dev_t dev, ino_t ino)
{
	snprintf(key, n, "%llx:%llx", (unsigned long long)dev, (unsigned long long)ino);
}

static char *dotted(const char *rel, int *valid);

/* Marks a folder walked (in any root), under its dotted name rel; returns -1 the first
 * time, else the index of the earlier visit in seen_dirs. */
static int64_t first_visit(struct walk *w, dev_t dev, ino_t ino, const char *rel)
{
	char key[64];
	inode_key(key, sizeof(key), dev, ino);
	int64_t *old = smap_get(&w->seen, key);
	if (old) return *old;
	int valid;
	char *name = dotted(rel, &valid);
	if (!valid || !*name) {
		free(name);
		name = NULL;
	}
	struct seen_dir sd = { w->root, name };
	smap_put(&w->seen, key, (int64_t)w->seen_dirs.n);
	VEC_PUSH(w->seen_dirs, sd);
	return -1;
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

/* The excludes, hashed: a pattern without a wildcard is looked up with the path and each
 * of its leading folders; a pattern with one is matched only against the paths under the
 * literal folders it starts with. 20,000 excludes matched one by one against 30,000 files
 * took more than 120 s. */
static const char *strip_dot_slash(const char *s)
{
	while (s[0] == '.' && s[1] == '/') s += 2;
	return s;
}

static int plain_literal(const char *p)
{
	size_t n = strlen(p);
	return n && p[0] != '/' && p[n - 1] != '/' && !strstr(p, "//") && !strchr(p, '\\') &&
	       glob_literal(p, n);
}

static void excludes_index(struct walk *w)
{
	size_t n = w->cfg->nexclude;
	w->ex_next = xcalloc(n + 1, sizeof(int64_t));
	struct strbuf pre = {0};
	for (size_t i = n; i-- > 0; ) {           /* chains in the config's order */
		const char *p = strip_dot_slash(w->cfg->exclude[i]);
		w->ex_next[i] = -1;
		if (plain_literal(p)) {
			smap_put(&w->ex_lit, p, 1);
			continue;
		}
		sb_reset(&pre);                   /* its leading literal segments */
		for (const char *seg = p, *e; (e = strchr(seg, '/')); seg = e + 1) {
			if (e == seg || !glob_literal(seg, (size_t)(e - seg)) ||
			    memchr(seg, '\\', (size_t)(e - seg))) break;
			if (pre.len) sb_addc(&pre, '/');
			sb_add(&pre, seg, (size_t)(e - seg));
		}
		const char *key = pre.len ? pre.buf : "";
		int64_t *first = smap_get(&w->ex_pre, key);
		w->ex_next[i] = first ? *first : -1;
		smap_put(&w->ex_pre, key, (int64_t)i);
	}
	sb_release(&pre);
}

/* Is one of the wildcard patterns starting with the literal folders p[0, n) matching path? */
static int excluded_under(const struct walk *w, const char *p, size_t n, const char *path)
{
	char buf[512];
	char *key = n < sizeof(buf) ? buf : xmalloc(n + 1);
	memcpy(key, p, n);
	key[n] = 0;
	int64_t *first = smap_get(&w->ex_pre, key);
	int ex = 0;
	for (int64_t i = first ? *first : -1; i >= 0 && !ex; i = w->ex_next[i])
		ex = glob_match(w->cfg->exclude[i], path);
	if (key != buf) free(key);
	return ex;
}

static int excluded(const struct walk *w, const char *rel)
{
	if (!w->cfg->nexclude) return 0;
	char *full = rel_to_cfg(w, rel);
	char *p = full + (strip_dot_slash(full) - full);
	int ex = excluded_under(w, p, 0, full);
	for (size_t i = 0; !ex; i++) {        /* p and each folder it is in */
		if (p[i] && p[i] != '/') continue;
		if (i) ex = excluded_under(w, p, i, full);
		if (!ex && i) {
			char c = p[i];
			p[i] = 0;
			ex = smap_get(&w->ex_lit, p) != NULL;
			p[i] = c;
		}
		if (!p[i]) break;
	}
	free(full);
	return ex;
}

static int on_path(const struct walk *w, int64_t from, dev_t dev, ino_t ino)
{
	for (int64_t i = from; i >= 0; i = w->dirs.v[i].parent)
		if (w->dirs.v[i].dev == dev && w->dirs.v[i].ino == ino) return 1;
	return 0;
}

/* The dotted name of the first n bytes of rel, a path under the root; valid when every
 * part is an identifier (so Python could find it under that name). */
static char *dotted_n(const char *rel, size_t n, int *valid)
{
	struct strbuf sb = {0};
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

static char *dotted(const char *rel, int *valid)
{
	return dotted_n(rel, strlen(rel), valid);
}

/* The module name of rel, a .py path under the root. */
static char *module_name(const char *rel, int *is_package, int *valid)
{
	size_t n = strlen(rel) - 3;                     /* drop ".py" */
	const char *base = strrchr(rel, '/');
	base = base ? base + 1 : rel;
	*is_package = !strcmp(base, "__init__.py");
	if (*is_package) n = base == rel ? 0 : (size_t)(base - rel - 1);
	return dotted_n(rel, n, valid);
}

static void add_cand(struct walk *w, char *name, int kind, int64_t file, int valid)
{
	int depth = 0;
	for (const char *p = name; *p; p++) depth += *p == '.';
	struct cand c = { name, depth, w->root, kind, file, valid, 0 };
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
		     const struct stat *st, int link)
{
	char *rel = path_cat(dir->rel, fname);
	if (!*dir->rel && !strcmp(fname, "__init__.py")) {
		if (!inside_other_root(w))
			cl_diag_add(w->d, CL_WARNING, *w->root_rel ? w->root_rel : ".", 0, 0,
				    "this root holds an __init__.py, which is skipped: a root is a "
				    "sys.path folder, not a package (if the code imports it as a "
				    "package, list its parent folder instead)");
		free(rel);
		return;
	}
	struct disc_file f = {0};
	char key[64];
	inode_key(key, sizeof(key), st->st_dev, st->st_ino);
	int64_t *known = smap_get(&w->inodes, key);
	f.relpath = rel_to_cfg(w, rel);
	f.abspath = path_cat(dir->abs, fname);
	f.link = link;
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
		smap_put(&w->inodes, key, idx);
		VEC_PUSH(w->out->files, f);
		if (w->on_file) w->on_file(w->arg, (size_t)idx, &f);
	}
	add_cand(w, name, is_pkg ? C_PKG : C_MOD, idx, valid);
	w->cands.v[w->cands.n - 1].first_path = !known;
	free(rel);
}

static void add_alias(struct discovery *o, char *name, const char *target, const char *link)
{
	struct disc_alias a = { name, target ? xstrdup(target) : NULL, link ? xstrdup(link) : NULL };
	VEC_PUSH(o->aliases, a);
}

/* A symlink (a folder, or a .py) that leads out of the roots and of follow_links: skipped,
 * and its name kept so that imports of it count as outside rather than third-party. */
static void skip_outside(struct walk *w, const char *rel, const char *target, int py)
{
	char *shown = rel_to_cfg(w, rel);
	int valid, pkg;
	char *name = py ? module_name(rel, &pkg, &valid) : dotted(rel, &valid);
	char *cd = realpath(w->cfg->dir, NULL);
	char *hint = cd && target ? path_relative(cd, target) : NULL;
	cl_diag_add(w->d, CL_WARNING, shown, 0, 0, "symlink to %s, outside the roots: skipped; "
		    "imports of %s count as outside (to walk it, add \"%s\" to [project] "
		    "follow_links)", target ? target : "?", valid ? name : "it",
		    hint ? hint : target ? target : "?");
	if (valid && *name) add_alias(w->out, name, NULL, shown);
	else free(name);
	free(hint);
	free(cd);
	free(shown);
}

static int is_link(const char *abs, unsigned char type)
{
	struct stat lst;
	return type == DT_LNK || (type == DT_UNKNOWN && !lstat(abs, &lst) && S_ISLNK(lst.st_mode));
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
		    !link_allowed(w, abs, &target)) {
			int dir = !py && !stat(abs, &st) && S_ISDIR(st.st_mode);
			if (py || dir) skip_outside(w, rel, target, py);      /* else not ours */
			goto next;
		}
		if (stat(abs, &st)) {
			int e = errno;
			struct stat lst;
			char *shown = rel_to_cfg(w, rel);
			if (!lstat(abs, &lst) && S_ISLNK(lst.st_mode))
				cl_diag_add(w->d, CL_WARNING, shown, 0, 0, e == ELOOP ?
					    "symlink loop (its links lead back to it): skipped" :
					    "broken symlink: skipped");
			else if (py)
				cl_diag_add(w->d, CL_WARNING, shown, 0, 0, "cannot stat: %s", strerror(e));
			free(shown);
			goto next;
		}
		if (S_ISDIR(st.st_mode)) {
			/* a real folder is walked where it is; a symlinked one after them, once */
			int link = target && is_link(abs, names.v[i].type);
			struct dnode nd = { abs, rel, (int64_t)di, st.st_dev, st.st_ino, 0, 0, link };
			VEC_PUSH(w->dirs, nd);
			if (link) {
				VEC_PUSH(w->links, w->dirs.n - 1);
			} else {
				first_visit(w, st.st_dev, st.st_ino, rel);
				VEC_PUSH(w->todo, w->dirs.n - 1);
			}
			free(target);
			free(names.v[i].name);
			continue;
		}
		if (py && S_ISREG(st.st_mode))
			add_file(w, &w->dirs.v[di], name, &st, is_link(abs, names.v[i].type));
next:
		free(target);
		free(abs);
		free(rel);
		free(names.v[i].name);
	}
	VEC_FREE(names);
}

/* Does [project] implicit_init make the folder rel (relative to the config) a package? */
static int implicit_package(const struct cl_config *cfg, const char *rel)
{
	if (cfg->implicit_init) return 1;
	for (size_t i = 0; i < cfg->nimplicit_init_globs; i++)
		if (glob_match(cfg->implicit_init_globs[i], rel)) return 1;
	return 0;
}

/* Python 3: folders under the root without __init__.py (and with .py files below) are
 * namespace portions; so are Python 2 folders that implicit_init makes packages (trees
 * whose build writes the __init__.py files, such as Bazel's). */
static void add_namespaces(struct walk *w)
{
	for (size_t i = 0; i < w->dirs.n; i++) {
		struct dnode *dn = &w->dirs.v[i];
		if (dn->package || !dn->has_py || !*dn->rel) continue;
		char *rel = rel_to_cfg(w, dn->rel);
		int py = cl_config_python_for(w->cfg, rel);
		int implicit = py != 3 && implicit_package(w->cfg, rel);
		free(rel);
		if (py != 3 && !implicit) continue;
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

/* A symlinked folder, once the real folders are walked: walked when its target is new,
 * else an alias of the name the target was walked under. */
/* The dotted name a folder has in another root that holds it (a root later in the list:
 * it is walked there, under that name), or NULL. */
static char *name_in_other_root(const struct walk *w, const char *abs)
{
	char *real = realpath(abs, NULL), *name = NULL;
	for (size_t r = 0; real && r < w->cfg->nroots && !name; r++) {
		const char *rest = (int)r != w->root && w->real_roots[r] ?
				   path_inside(w->real_roots[r], real) : NULL;
		int valid;
		if (rest && *rest) name = dotted(rest, &valid);
		if (name && !valid) {
			free(name);
			name = NULL;
		}
	}
	free(real);
	return name;
}

static void follow_link(struct walk *w, size_t di)
{
	struct dnode *dn = &w->dirs.v[di];
	char *other = name_in_other_root(w, dn->abs);
	int64_t prev = other ? -1 : first_visit(w, dn->dev, dn->ino, dn->rel);
	if (other) {                 /* walked in its own root: the link is another name */
		int valid;
		char *name = dotted(dn->rel, &valid);
		if (valid && strcmp(name, other)) {
			char *shown = rel_to_cfg(w, dn->rel);
			add_alias(w->out, name, other, shown);
			free(shown);
		} else {
			free(name);
		}
		free(other);
		return;
	}
	if (prev < 0) {
		VEC_PUSH(w->todo, di);
		return;
	}
	if (on_path(w, dn->parent, dn->dev, dn->ino)) {
		char *shown = rel_to_cfg(w, dn->rel);
		cl_diag_add(w->d, CL_WARNING, shown, 0, 0, "symlink loop: this folder contains "
			    "itself; walked once");
		free(shown);
		return;
	}
	int valid;
	char *name = dotted(dn->rel, &valid);
	const char *target = w->seen_dirs.v[prev].name;
	if (valid && target && strcmp(name, target)) {
		char *shown = rel_to_cfg(w, dn->rel);
		add_alias(w->out, name, target, shown);
		free(shown);
	} else {
		free(name);
	}
}

static void walk_root(struct walk *w, int r)
{
	w->root = r;
	w->root_rel = root_relative(w->cfg, w->cfg->roots[r]);
	struct stat st;
	stat(w->cfg->roots[r], &st);
	w->dirs.n = w->todo.n = w->links.n = 0;
	struct dnode root = { xstrdup(w->cfg->roots[r]), xstrdup(""), -1, st.st_dev, st.st_ino, 0, 0, 0 };
	first_visit(w, st.st_dev, st.st_ino, "");
	VEC_PUSH(w->dirs, root);
	VEC_PUSH(w->todo, 0);
	/* breadth-first by folder keeps parents before their children; the real folders
	 * first, so that a link to one of them is its alias */
	for (size_t t = 0, l = 0;;) {
		for (; t < w->todo.n; t++) walk_dir(w, w->todo.v[t]);
		if (l == w->links.n) break;
		follow_link(w, w->links.v[l++]);
	}
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
				 k->kind != C_MOD, found, k->root, k->first_path };
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

/* A file is one module: of its names, the importable one first, then the earliest root
 * (sys.path order), then the one of its first path. Its other importable names become
 * aliases of it, and their modules go. */
static int cmp_by_file(const void *a, const void *b)
{
	const struct disc_module *x = a, *y = b;
	if (x->file != y->file) return x->file < y->file ? -1 : 1;
	if (x->importable != y->importable) return y->importable - x->importable;
	if (x->root != y->root) return x->root - y->root;
	if (x->first_path != y->first_path) return y->first_path - x->first_path;
	return strcmp(x->name, y->name);
}

static void alias_duplicates(struct discovery *o)
{
	sort_array(o->modules.v, o->modules.n, sizeof(struct disc_module), cmp_by_file);
	size_t keep = 0;
	for (size_t i = 0; i < o->modules.n; i++) {
		struct disc_module *m = &o->modules.v[i];
		const struct disc_module *first = keep ? &o->modules.v[keep - 1] : NULL;
		if (m->file < 0 || !first || first->file != m->file) {
			o->modules.v[keep++] = *m;
			continue;
		}
		if (m->importable) add_alias(o, m->name, first->name, NULL);
		else free(m->name);
	}
	o->modules.n = keep;
}

static int cmp_alias(const void *a, const void *b)
{
	return strcmp(((const struct disc_alias *)a)->name, ((const struct disc_alias *)b)->name);
}

/* One entry per alias name: the first kept (a name can be both outside and walked twice). */
static void sort_aliases(struct discovery *o)
{
	sort_array(o->aliases.v, o->aliases.n, sizeof(struct disc_alias), cmp_alias);
	size_t keep = 0;
	for (size_t i = 0; i < o->aliases.n; i++) {
		struct disc_alias *a = &o->aliases.v[i];
		int dup = keep && !strcmp(o->aliases.v[keep - 1].name, a->name);
		struct disc_module key = { .name = a->name };         /* a module's own name wins */
		int is_module = search_array(&key, o->modules.v, o->modules.n, sizeof(struct disc_module),
					     cmp_module) != NULL;
		if (dup || is_module) {
			free(a->name);
			free(a->target);
			free(a->link);
			continue;
		}
		o->aliases.v[keep++] = *a;
	}
	o->aliases.n = keep;
}

int discover(const struct cl_config *cfg, struct discovery *out, struct cl_diags *d,
	     disc_file_fn on_file, void *arg)
{
	struct walk w = { .cfg = cfg, .out = out, .d = d, .on_file = on_file, .arg = arg };
	memset(out, 0, sizeof(*out));
	int rc = CL_OK;
	excludes_index(&w);
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
	alias_duplicates(out);
	sort_array(out->modules.v, out->modules.n, sizeof(struct disc_module), cmp_module);
	sort_aliases(out);
	VEC_FREE(w.dirs);
	VEC_FREE(w.todo);
	VEC_FREE(w.links);
	smap_release(&w.inodes);
	smap_release(&w.seen);
	smap_release(&w.ex_lit);
	smap_release(&w.ex_pre);
	free(w.ex_next);
	for (size_t i = 0; i < w.seen_dirs.n; i++) free(w.seen_dirs.v[i].name);
	VEC_FREE(w.seen_dirs);
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
	for (size_t i = 0; i < disc->aliases.n; i++) {
		free(disc->aliases.v[i].name);
		free(disc->aliases.v[i].target);
		free(disc->aliases.v[i].link);
	}
	VEC_FREE(disc->files);
	VEC_FREE(disc->modules);
	VEC_FREE(disc->aliases);
}
