/* init.c — `cutline init`: a starter boundaries.toml from the observed graph. One service
 * per package at the chosen depth (top-level modules share one), each depending on exactly
 * the services it imports today, so that `check` passes on day one and every new
 * cross-service import needs a deliberate config change. Before that, the plan: the test
 * globs that match, and excludes for migrations and vendored copies of libraries. */
#include "check_p.h"
#include "discover_p.h"
#include "glob_p.h"
#include "layout_p.h"
#include "store_p.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>

/* path relative to the folder base, with ".." where needed: the file is meant to be
 * committed, so no absolute paths unless the two share nothing but "/". */
static char *rel(const char *base, const char *path)
{
	char *r = path_relative(base, path);
	if (*r) return r;
	free(r);
	return xstrdup(".");
}

char *cl_config_project_toml(const struct cl_config *cfg, const char *base)
{
	struct strbuf sb = {0};
	sb_adds(&sb, "[project]\n");
	if (cfg->name) {
		sb_adds(&sb, "name = ");
		toml_quote(&sb, cfg->name);
		sb_addc(&sb, '\n');
	}
	char **roots = xcalloc(cfg->nroots + 1, sizeof(char *));
	for (size_t i = 0; i < cfg->nroots; i++) roots[i] = rel(base, cfg->roots[i]);
	sb_adds(&sb, "roots = ");
	toml_list(&sb, roots, cfg->nroots);
	for (size_t i = 0; i < cfg->nroots; i++) free(roots[i]);
	free(roots);
	sb_addf(&sb, "\npython = \"%d\"\n", cfg->python);
	if (cfg->nexclude) {
		sb_adds(&sb, "exclude = ");
		toml_list(&sb, cfg->exclude, cfg->nexclude);
		sb_addc(&sb, '\n');
	}
	if (cfg->noverrides) {
		sb_adds(&sb, "python_overrides = {");
		for (size_t i = 0; i < cfg->noverrides; i++) {
			sb_adds(&sb, i ? ", " : " ");
			toml_quote(&sb, cfg->overrides[i].glob);
			sb_addf(&sb, " = \"%d\"", cfg->overrides[i].python);
		}
		sb_adds(&sb, " }\n");
	}
	char *db = rel(base, cfg->db);
	if (strcmp(db, ".cutline/graph.db")) {
		sb_adds(&sb, "db = ");
		toml_quote(&sb, db);
		sb_addc(&sb, '\n');
	}
	free(db);
	if (cfg->strict_third_party) {
		sb_adds(&sb, "third_party = ");
		toml_list(&sb, cfg->third_party, cfg->nthird_party);
		sb_addc(&sb, '\n');
	}
	if (cfg->ntests) {
		sb_adds(&sb, "tests = ");
		toml_list(&sb, cfg->tests, cfg->ntests);
		sb_addc(&sb, '\n');
	}
	if (cfg->nfollow_links) {                 /* absolute in cfg: relative to base again */
		char **links = xcalloc(cfg->nfollow_links + 1, sizeof(char *));
		for (size_t i = 0; i < cfg->nfollow_links; i++) links[i] = rel(base, cfg->follow_links[i]);
		sb_adds(&sb, "follow_links = ");
		toml_list(&sb, links, cfg->nfollow_links);
		sb_addc(&sb, '\n');
		for (size_t i = 0; i < cfg->nfollow_links; i++) free(links[i]);
		free(links);
	}
	if (cfg->implicit_init) {
		sb_adds(&sb, "implicit_init = true\n");
	} else if (cfg->nimplicit_init_globs) {
		sb_adds(&sb, "implicit_init = ");
		toml_list(&sb, cfg->implicit_init_globs, cfg->nimplicit_init_globs);
		sb_addc(&sb, '\n');
	}
	return sb_detach(&sb);
}

/* --- services ------------------------------------------------------------------------------ */

struct group { char *name; VEC(char *) patterns; VEC(int) deps; };

/* The service a module starts in: its longest package prefix of at most depth parts, or
 * the top-level group for modules outside any package. */
static char *group_key(const char *name, int depth, struct smap *pkgs)
{
	char *best = NULL;
	const char *p = name;
	for (int parts = 1; parts <= depth; parts++) {
		const char *dot = strchr(p, '.');
		char *prefix = dot ? xstrndup(name, (size_t)(dot - name)) : xstrdup(name);
		if (!smap_get(pkgs, prefix)) {
			free(prefix);
			break;
		}
		free(best);
		best = prefix;
		if (!dot) break;
		p = dot + 1;
	}
	return best ? best : xstrdup("toplevel");
}

static void load_packages(struct cl_store *st, struct smap *pkgs)
{
	sqlite3_stmt *q = store_prepare(st, "SELECT name FROM modules WHERE is_package = 1", NULL);
	while (store_row(st, q))
		smap_put(pkgs, (const char *)sqlite3_column_text(q, 0), 1);
	sqlite3_finalize(q);
}

/* Whether every module under key (key itself and below) is in group key. */
static int whole_subtree(const struct ck_graph *g, char **keys, const char *key)
{
	size_t n = strlen(key);
	for (size_t m = 0; m < g->nmods; m++) {
		const char *name = g->names[m];
		if (!strncmp(name, key, n) && (!name[n] || name[n] == '.') && strcmp(keys[m], key))
			return 0;
	}
	return 1;
}

static void add_dep(struct group *gr, int to)
{
	for (size_t i = 0; i < gr->deps.n; i++) if (gr->deps.v[i] == to) return;
	VEC_PUSH(gr->deps, to);
}

static int cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;
	return x < y ? -1 : x > y;
}

static void write_groups(struct strbuf *sb, struct group *gr, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		sb_adds(sb, "\n[[service]]\nname = ");
		toml_quote(sb, gr[i].name);
		sb_adds(sb, "\nmodules = ");
		toml_list(sb, gr[i].patterns.v, gr[i].patterns.n);
		sort_array(gr[i].deps.v, gr[i].deps.n, sizeof(int), cmp_int);
		sb_adds(sb, "\ndepends_on = [");
		for (size_t k = 0; k < gr[i].deps.n; k++) {
			if (k) sb_adds(sb, ", ");
			toml_quote(sb, gr[gr[i].deps.v[k]].name);
		}
		sb_adds(sb, "]\n");
	}
}

static int init_services_answer(const struct cl_config *cfg, struct cl_store *st, int depth, char **out,
		     size_t *nservices, struct cl_diags *d)
{
	struct ck_graph g;
	*out = NULL;
	int rc = ck_load(cfg, st, 0, &g, d);
	if (rc) {
		ck_free(&g);
		return rc;
	}
	struct smap pkgs = {0}, index = {0};
	load_packages(st, &pkgs);
	char **keys = xcalloc(g.nmods + 1, sizeof(char *));
	VEC(struct group) groups = {0};
	for (size_t m = 0; m < g.nmods; m++) {        /* names are sorted: groups come sorted */
		keys[m] = group_key(g.names[m], depth, &pkgs);
		if (g.mod_file[m] < 0 && !smap_get(&index, keys[m])) continue;
		if (!smap_get(&index, keys[m])) {
			struct group gr = { xstrdup(keys[m]), {0}, {0} };
			smap_put(&index, keys[m], (int64_t)groups.n);
			VEC_PUSH(groups, gr);
		}
	}
	for (size_t i = 0; i < groups.n; i++) {
		struct group *gr = &groups.v[i];
		if (strcmp(gr->name, "toplevel") && whole_subtree(&g, keys, gr->name)) {
			VEC_PUSH(gr->patterns, xasprintf("%s.**", gr->name));
			continue;
		}
		for (size_t m = 0; m < g.nmods; m++)
			if (!strcmp(keys[m], gr->name) && g.mod_file[m] >= 0)
				VEC_PUSH(gr->patterns, xstrdup(g.names[m]));
	}
	for (size_t i = 0; i < g.edges.n; i++) {
		const struct ck_edge *e = &g.edges.v[i];
		int64_t *a = smap_get(&index, keys[e->src]), *b = smap_get(&index, keys[e->dst]);
		if (a && b && *a != *b && e->cap != CL_SEV_OFF) add_dep(&groups.v[*a], (int)*b);
	}
	struct strbuf sb = {0};
	write_groups(&sb, groups.v, groups.n);
	*out = sb_detach(&sb);
	*nservices = groups.n;
	for (size_t i = 0; i < groups.n; i++) {
		free(groups.v[i].name);
		for (size_t k = 0; k < groups.v[i].patterns.n; k++) free(groups.v[i].patterns.v[k]);
		VEC_FREE(groups.v[i].patterns);
		VEC_FREE(groups.v[i].deps);
	}
	VEC_FREE(groups);
	for (size_t m = 0; m < g.nmods; m++) free(keys[m]);
	free(keys);
	smap_release(&pkgs);
	smap_release(&index);
	ck_free(&g);
	return CL_OK;
}

/* --- what init leaves out, and what it marks as tests ---------------------------------------- */

static void plan_add(char ***v, size_t *n, char *s)
{
	*v = xrealloc(*v, (*n + 2) * sizeof(char *));
	(*v)[(*n)++] = s;
	(*v)[*n] = NULL;
}

static int listed(char **v, size_t n, const char *s)
{
	for (size_t i = 0; i < n; i++) if (!strcmp(v[i], s)) return 1;
	return 0;
}

/* The files glob matches that no exclude of the plan leaves out; the first in *example. */
static size_t count_matching(const struct discovery *disc, const char *glob,
			     const struct cl_init_plan *p, const char **example)
{
	size_t n = 0;
	*example = NULL;
	for (size_t i = 0; i < disc->files.n; i++) {
		const char *path = disc->files.v[i].relpath;
		size_t k = 0;
		while (k < p->nexclude && !glob_match(p->exclude[k], path)) k++;
		if (k < p->nexclude || !glob_match(glob, path)) continue;
		if (!n++) *example = path;
	}
	return n;
}

/* Django migrations (NNNN_name.py in a migrations folder) and Alembic versions (a versions
 * folder beside env.py): generated, and they name every model. */
static int has_file(void *arg, const char *path)
{
	const struct discovery *disc = arg;
	for (size_t k = 0; k < disc->files.n; k++) if (!strcmp(disc->files.v[k].relpath, path)) return 1;
	return 0;
}

static void find_migrations(const struct discovery *disc, struct cl_init_plan *p)
{
	for (size_t i = 0; i < disc->files.n; i++) {
		const char *path = disc->files.v[i].relpath, *base = strrchr(path, '/');
		int kind = layout_migration(path, has_file, (void *)disc);
		int django = kind == LAYOUT_DJANGO, alembic = kind == LAYOUT_ALEMBIC;
		if (!django && !alembic) continue;
		char *glob = django ? xstrdup("**/migrations/[0-9]*.py") : xasprintf("%.*s/**", (int)(base - path), path);
		if (listed(p->exclude, p->nexclude, glob)) {
			free(glob);
			continue;
		}
		const char *ex;
		size_t n = count_matching(disc, glob, p, &ex);
		plan_add(&p->why, &p->nwhy, xasprintf("exclude %s (%zu file%s, e.g. %s): %s migrations: "
			 "generated code that names every model", glob, n, n == 1 ? "" : "s", ex,
			 django ? "Django" : "Alembic"));
		plan_add(&p->exclude, &p->nexclude, glob);
	}
}

/* Folders of vendored code: named like one (third_party, vendor, ...), or holding pip's
 * *.dist-info records (App Engine's lib/). The outermost such folder of each path. */
static void find_vendored(const struct cl_config *cfg, const struct discovery *disc,
			  struct cl_init_plan *p)
{
	struct smap looked = {0};
	for (size_t i = 0; i < disc->files.n; i++) {
		const char *path = disc->files.v[i].relpath;
		for (const char *s = path, *e; (e = strchr(s, '/')); s = e + 1) {
			char *dir = xstrndup(path, (size_t)(e - path));
			if (smap_get(&looked, dir)) {
				int was = *smap_get(&looked, dir) == 2;
				free(dir);
				if (was) break;
				continue;
			}
			char rec[256];
			char *abs = path_join(cfg->dir, dir);
			const char *why = layout_vendored(s, (size_t)(e - s), abs, rec, sizeof(rec));
			free(abs);
			smap_put(&looked, dir, why ? 2 : 1);
			if (!why) {
				free(dir);
				continue;
			}
			char *glob = xasprintf("%s/**", dir);
			const char *ex;
			size_t n = count_matching(disc, glob, p, &ex);
			plan_add(&p->why, &p->nwhy, xasprintf("exclude %s (%zu file%s): a vendored copy of "
				 "third-party code (%s%s); imports of it count as third-party", glob, n,
				 n == 1 ? "" : "s", why == rec ? "it holds " : "", why));
			plan_add(&p->exclude, &p->nexclude, glob);
			free(dir);
			break;
		}
	}
	smap_release(&looked);
}

/* Symlinks out of the roots, not walked: said once, with a few of them and their targets,
 * since imports of them count as outside until follow_links lists them. */
static void find_outside_links(const struct cl_config *cfg, const struct discovery *disc,
			       struct cl_init_plan *p)
{
	size_t n = 0;
	struct strbuf ex = {0};
	char *cd = realpath(cfg->dir, NULL);
	for (size_t i = 0; i < disc->aliases.n; i++) {
		const struct disc_alias *a = &disc->aliases.v[i];
		if (a->target || !a->link || n++ >= 3) continue;
		char *abs = path_join(cfg->dir, a->link), *real = realpath(abs, NULL);
		char *rel = real && cd ? path_relative(cd, real) : NULL;
		sb_addf(&ex, "%s%s -> %s", ex.len ? ", " : "", a->link, rel ? rel : "?");
		free(rel);
		free(real);
		free(abs);
	}
	free(cd);
	if (n)
		plan_add(&p->why, &p->nwhy, xasprintf("follow_links: %zu symlink%s lead%s out of the "
			 "roots and %s not walked (%s%s): imports of %s count as outside; list the "
			 "targets to walk in [project] follow_links", n, n == 1 ? "" : "s",
			 n == 1 ? "s" : "", n == 1 ? "is" : "are", ex.buf, n > 3 ? ", ..." : "",
			 n == 1 ? "it" : "them"));
	sb_release(&ex);
}

int cl_init_plan(const struct cl_config *cfg, struct cl_init_plan *p)
{
	memset(p, 0, sizeof(*p));
	struct discovery disc;
	struct cl_diags quiet = {0};                 /* the scan that follows reports them */
	int rc = discover(cfg, &disc, &quiet, NULL, NULL);
	cl_diags_release(&quiet);
	if (rc) {
		discovery_release(&disc);
		return rc;
	}
	if (cfg->nexclude) {
		plan_add(&p->why, &p->nwhy, xstrdup("exclude: kept as the current config has it"));
	} else {
		find_migrations(&disc, p);
		find_vendored(cfg, &disc, p);
	}
	if (!cfg->nfollow_links) find_outside_links(cfg, &disc, p);
	if (cfg->ntests) {
		plan_add(&p->why, &p->nwhy, xstrdup("tests: kept as the current config has it"));
	} else {
		for (size_t i = 0; layout_test_globs[i]; i++) {
			const char *ex;
			size_t n = count_matching(&disc, layout_test_globs[i], p, &ex);
			if (!n) continue;
			plan_add(&p->why, &p->nwhy, xasprintf("tests %s (%zu file%s, e.g. %s): test code; its "
				 "violations are capped by the tests rule (warnings)", layout_test_globs[i], n,
				 n == 1 ? "" : "s", ex));
			plan_add(&p->tests, &p->ntests, xstrdup(layout_test_globs[i]));
		}
	}
	discovery_release(&disc);
	return CL_OK;
}

void cl_init_plan_release(struct cl_init_plan *p)
{
	for (size_t i = 0; i < p->ntests; i++) free(p->tests[i]);
	for (size_t i = 0; i < p->nexclude; i++) free(p->exclude[i]);
	for (size_t i = 0; i < p->nwhy; i++) free(p->why[i]);
	free(p->tests);
	free(p->exclude);
	free(p->why);
	memset(p, 0, sizeof(*p));
}

/* A damaged store gives no answer: a read that failed turns the result into CL_EINTERNAL. */
int cl_init_services(const struct cl_config *cfg, struct cl_store *st, int depth, char **out,
		     size_t *nservices, struct cl_diags *d)
{
	return cl_store_failed(st, init_services_answer(cfg, st, depth, out, nservices, d), d);
}
