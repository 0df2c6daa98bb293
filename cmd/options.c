/* options.c — the one option parser and help printer of the CLI, driven by each command's
 * table; and the shared steps from options to a loaded config and a refreshed store. */
#include "cli.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void help(const char *usage, const char *about, const struct opt *opts)
{
	printf("usage: %s\n\n%s\n\noptions:\n", usage, about);
	for (const struct opt *o = opts; o->type != OPT_END; o++) {
		char left[64];
		int n = 0;
		if (o->short_name) n = snprintf(left, sizeof(left), "-%c, ", o->short_name);
		snprintf(left + n, sizeof(left) - (size_t)n, "--%s%s%s", o->name, o->arg ? " " : "",
			 o->arg ? o->arg : "");
		printf("  %-26s %s\n", left, o->help);
	}
	printf("  %-26s %s\n", "-h, --help", "show this help");
}

static const struct opt *find(const struct opt *opts, const char *name, size_t len, char sh)
{
	for (const struct opt *o = opts; o->type != OPT_END; o++) {
		if (sh && o->short_name == sh) return o;
		if (!sh && strlen(o->name) == len && !strncmp(o->name, name, len)) return o;
	}
	return NULL;
}

static int set_value(const struct opt *o, const char *v, const char *spelled)
{
	if (o->type == OPT_STR) {
		*(const char **)o->value = v;
		return 0;
	}
	char *end;
	errno = 0;
	long n = strtol(v, &end, 10);
	if (errno || *end || !*v || n < 0 || n > INT_MAX) {
		fprintf(stderr, "cutline: error: %s wants a number, not '%s'\n", spelled, v);
		return -1;
	}
	*(int *)o->value = (int)n;
	return 0;
}

/* An argument with blanks before any '=' is text (SQL starting with a -- comment), not
 * an option. */
static int looks_like_text(const char *a)
{
	for (; *a && *a != '='; a++)
		if (*a == ' ' || *a == '\n' || *a == '\t') return 1;
	return 0;
}

int parse_options(const char *usage, const char *about, const struct opt *opts, int argc,
		  char **argv, char ***pos, int *npos)
{
	*pos = calloc((size_t)argc + 1, sizeof(char *));
	*npos = 0;
	int only_pos = 0;
	for (int i = 1; i < argc; i++) {
		char *a = argv[i];
		if (only_pos || a[0] != '-' || !a[1] || looks_like_text(a)) {
			(*pos)[(*npos)++] = a;
			continue;
		}
		if (!strcmp(a, "--")) { only_pos = 1; continue; }
		if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
			help(usage, about, opts);
			return 0;
		}
		const char *eq = NULL;
		const struct opt *o;
		if (a[1] == '-') {
			eq = strchr(a + 2, '=');
			o = find(opts, a + 2, eq ? (size_t)(eq - a - 2) : strlen(a + 2), 0);
		} else {
			o = a[2] ? NULL : find(opts, NULL, 0, a[1]);
			if (!o && a[2] && (o = find(opts, NULL, 0, a[1])) && o->type != OPT_FLAG)
				eq = a + 1;                    /* -j4 */
			else if (a[2]) o = NULL;
		}
		if (!o) {
			fprintf(stderr, "cutline: error: unknown option '%s'\nusage: %s\n", a, usage);
			return 2;
		}
		if (o->type == OPT_FLAG) {
			if (eq) {
				fprintf(stderr, "cutline: error: %s takes no value\n", a);
				return 2;
			}
			*(int *)o->value = 1;
			continue;
		}
		const char *v = eq ? eq + 1 : (i + 1 < argc ? argv[++i] : NULL);
		if (!v) {
			fprintf(stderr, "cutline: error: %s needs a value (%s)\n", a, o->arg);
			return 2;
		}
		if (set_value(o, v, a)) return 2;
	}
	return -1;
}

void print_diags(struct cl_diags *d, int quiet)
{
	if (quiet) {
		for (size_t i = 0; i < d->n; i++) {
			if (d->v[i].severity != CL_ERROR) continue;
			struct cl_diags one = { &d->v[i], 1, 1, 1 };
			cl_diags_print(&one, stderr, 0);
		}
	} else {
		cl_diags_print(d, stderr, 50);
	}
	cl_diags_release(d);
}

int load_config(const struct common *c, struct cl_config *cfg, struct cl_diags *d)
{
	char *found = NULL;
	const char *path = c->config;
	if (!path && cl_config_find(".", &found) == 0) path = found;
	int rc = cl_config_load(path, cfg, d);
	free(found);
	if (rc) return rc;
	apply_db(c, cfg);
	return CL_OK;
}

void apply_db(const struct common *c, struct cl_config *cfg)
{
	if (!c->db) return;                   /* --db is relative to the current folder */
	char cwd[PATH_MAX], *db = NULL;
	if (c->db[0] != '/' && getcwd(cwd, sizeof(cwd))) {
		size_t n = strlen(cwd) + strlen(c->db) + 2;
		db = malloc(n);
		if (db) snprintf(db, n, "%s/%s", cwd, c->db);
	}
	free(cfg->db);
	cfg->db = db ? db : strdup(c->db);
}

int open_store(const struct common *c, const struct cl_config *cfg, char **only,
		      size_t nonly, struct cl_store **st, struct cl_diags *d)
{
	if (c->no_refresh) {
		int rc = cl_store_open(cfg->db, CL_STORE_READONLY, st, d);
		return rc ? rc : cl_store_check_base(*st, cfg, d);
	}
	struct cl_scan_opts o = { c->jobs, c->queries, 0, 0, only, nonly };
	struct cl_scan_stats stats;
	int rc = cl_refresh(cfg, &o, &stats, st, d);
	if (rc) {
		cl_store_close(*st);
		*st = NULL;
	}
	return rc;
}

int write_output(const char *path, const char *text, size_t len)
{
	if (!cl_write_atomic(path, text, len)) return 0;
	int e = errno;
	fprintf(stderr, "cutline: error: cannot write %s: %s\n", path, strerror(e));
	switch (e) {
	case ENOENT: case ENOTDIR: case EISDIR: case EACCES: case EPERM: case EROFS:
	case ELOOP: case ENAMETOOLONG: case EEXIST:
		return CL_EUSAGE;
	default:
		return CL_EINTERNAL;
	}
}

int open_graph(const struct common *c, struct cl_config *cfg, struct cl_store **st)
{
	struct cl_diags d = {0};
	int rc = load_config(c, cfg, &d);
	if (!rc) rc = open_store(c, cfg, NULL, 0, st, &d);
	print_diags(&d, 1);   /* errors only: warnings are `cutline scan`'s to show */
	return rc;
}

int open_graph_proposal(const struct common *c, const char *proposal, struct cl_config *cfg,
			struct cl_config *prop, struct cl_store **st)
{
	memset(prop, 0, sizeof(*prop));
	int rc = open_graph(c, cfg, st);
	if (!rc && proposal) {
		struct cl_diags d = {0};
		rc = cl_config_load(proposal, prop, &d);
		print_diags(&d, 0);
	}
	return rc;
}

static int is_python(const char *p)
{
	size_t n = strlen(p);
	return n > 3 && !strcmp(p + n - 3, ".py");
}

/* The .py files to check: the arguments (--files) or git's changed files (--since). */
static int same_file(const char *a, const char *b)
{
	char *ra = a ? realpath(a, NULL) : NULL, *rb = b ? realpath(b, NULL) : NULL;
	int same = ra && rb && !strcmp(ra, rb);
	free(ra);
	free(rb);
	return same;
}

/* The .py files to check: the arguments (--files) or git's changed files (--since). When
 * the config or the baseline changed too, *all is set: every violation may have changed. */
static int changed_files(const struct check_args *a, const char *baseline,
			 const struct cl_config *cfg, char **args, int nargs, char ***out, size_t *n,
			 int *all)
{
	char **names = NULL;
	size_t nn = 0;
	*out = NULL;
	*n = 0;
	if (a->since && git_changed(cfg->dir, a->since, &names, &nn)) return CL_EUSAGE;
	if (!a->since) {
		names = calloc((size_t)nargs + 1, sizeof(char *));
		for (int i = 0; i < nargs; i++) names[nn++] = strdup(args[i]);
	}
	*out = calloc(nn + 1, sizeof(char *));
	for (size_t i = 0; i < nn; i++) {
		if (same_file(names[i], cfg->path) || same_file(names[i], baseline)) *all = 1;
		if (is_python(names[i])) (*out)[(*n)++] = names[i];
		else free(names[i]);
	}
	free(names);
	return CL_OK;
}

int run_check(const struct common *c, const struct check_args *a, char **files, int nfiles,
	      struct cl_config *cfg, struct cl_store **st, struct cl_check_result *r)
{
	memset(cfg, 0, sizeof(*cfg));
	*st = NULL;
	if (nfiles && !a->files) {
		fprintf(stderr, "cutline: error: file arguments need --files ('%s')\n", files[0]);
		return CL_EUSAGE;
	}
	if (a->files && a->since) {
		fprintf(stderr, "cutline: error: --files and --since do not go together\n");
		return CL_EUSAGE;
	}
	struct cl_diags d = {0};
	int rc = load_config(c, cfg, &d);
	char **only = NULL, *dflt = NULL;
	size_t nonly = 0;
	int all = 0, exists = 0;
	const char *baseline = a->baseline;
	if (!rc && !baseline && a->default_baseline) {
		cl_baseline_default(cfg, &dflt, &exists);
		if (exists) baseline = dflt;
		else if (cfg->baseline) {           /* named in the config: never ignored silently */
			cl_diag_add(&d, CL_ERROR, cfg->shown, cfg->baseline_line, cfg->baseline_col,
				    "the baseline %s does not exist: write it with `cutline baseline "
				    "write` (or check with --no-baseline)", cfg->baseline);
			rc = CL_EUSAGE;
		}
	}
	if (!rc && (a->files || a->since))
		rc = changed_files(a, baseline, cfg, files, nfiles, &only, &nonly, &all);
	if (!rc) rc = open_store(c, cfg, only, nonly, st, &d);
	if (!rc && c->no_refresh && cl_store_is_empty(*st)) {   /* not "matches no module" */
		cl_diag_add(&d, CL_ERROR, cfg->db, 0, 0, "the store is empty: run `cutline scan` "
			    "first (or check without --no-refresh)");
		rc = CL_EUSAGE;
	}
	char *none[] = { "", NULL };          /* no Python file changed: a report of nothing */
	if (!rc) {
		struct cl_check_opts o = { .baseline = baseline, .require_reason = a->require_reason };
		if ((a->files || a->since) && !all) {
			o.files = nonly ? only : none;
			o.nfiles = nonly ? nonly : 1;
		}
		rc = cl_check(cfg, *st, &o, r, &d);
		if (!rc && !o.nfiles && !c->no_refresh) cl_history_check(*st, cfg, r, &d);
		rc = cl_store_failed(*st, rc, &d);
	}
	print_diags(&d, rc == CL_OK ? 1 : 0);
	for (size_t i = 0; i < nonly; i++) free(only[i]);
	free(only);
	free(dflt);
	if (rc) return rc;
	return r->errors ? CL_FOUND : CL_OK;
}
