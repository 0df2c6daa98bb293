/* init.c — `cutline init`: writes a starter boundaries.toml that `check` passes today.
 * Services and depends_on come from the observed graph; violation kinds that still fail
 * (cycles, mostly) are set to "warn" with a comment saying how many there are. The file is
 * never overwritten without --force, and never written through a symlink. */
#include "cli.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int write_file(const char *path, const char *text)
{
	if (!cl_write_atomic(path, text, strlen(text))) return 0;
	fprintf(stderr, "cutline: error: cannot write %s: %s\n", path, strerror(errno));
	return -1;
}

/* The [rules] that make the draft pass: every kind that still has errors, as "warn". The
 * draft is checked from a file beside the target (so relative paths mean the same), never
 * over it: an existing config stays as it is until the final rename. */
static char *rules_for(const char *target, const char *draft, struct cl_store *st)
{
	char path[PATH_MAX];
	snprintf(path, sizeof(path), "%s.draft%ld", target, (long)getpid());
	size_t plen = strlen(draft) + 64;
	char *probe = malloc(plen);
	if (!probe) return NULL;
	snprintf(probe, plen, "%s\n[rules]\nparse-error = \"error\"\n", draft);
	int wrc = write_file(path, probe);
	free(probe);
	if (wrc) return NULL;
	struct cl_config cfg;
	struct cl_diags d = {0};
	struct cl_check_result r = {0};
	size_t count[CL_K_COUNT] = {0};
	int rc = cl_config_load(path, &cfg, &d);
	struct cl_check_opts o = { .baseline = NULL };
	if (!rc) rc = cl_check(&cfg, st, &o, &r, &d);
	print_diags(&d, 1);
	unlink(path);
	if (rc) {
		cl_config_release(&cfg);
		return NULL;
	}
	for (size_t i = 0; i < r.n; i++)
		if (r.v[i].severity == CL_ERROR) count[r.v[i].kind]++;
	char *out = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&out, &len);
	/* parse-error is an error here, not a warning as by default: a file that does not
	 * parse (a NUL byte, a syntax error) can hide the imports after its error */
	fprintf(f, "\n[rules]\n");
	if (!count[CL_K_PARSE_ERROR])
		fprintf(f, "# a file that does not parse can hide the imports after its error\n"
			"parse-error = \"error\"\n");
	int any = 0;
	for (int k = 0; k < CL_K_COUNT; k++) {
		if (!count[k]) continue;
		if (!any++)
			fprintf(f, "# Found by `cutline init`: fix these, then raise them to \"error\".\n");
		fprintf(f, "%s = \"warn\"    # %zu today\n", cl_kind_name(k), count[k]);
	}
	fclose(f);
	cl_check_release(&r);
	cl_config_release(&cfg);
	return out;
}

static int folder_missing(const char *path)
{
	char *dir = strdup(path), *slash = strrchr(dir, '/');
	struct stat sb;
	int missing = 0;
	if (slash) {
		*slash = 0;
		missing = stat(*dir ? dir : "/", &sb) || !S_ISDIR(sb.st_mode);
		if (missing) fprintf(stderr, "cutline: error: -o %s: no folder %s\n", path, dir);
	}
	free(dir);
	return missing;
}

static int set_roots(struct cl_config *cfg, const char *list)
{
	for (size_t i = 0; i < cfg->nroots; i++) free(cfg->roots[i]);
	free(cfg->roots);
	cfg->roots = calloc(65, sizeof(char *));
	cfg->nroots = 0;
	char *copy = strdup(list), *save = NULL;
	for (char *t = strtok_r(copy, ",", &save); t && cfg->nroots < 64;
	     t = strtok_r(NULL, ",", &save)) {
		char *abs = realpath(t, NULL);
		if (!abs) {
			fprintf(stderr, "cutline: error: --roots: %s: %s\n", t, strerror(errno));
			free(copy);
			return -1;
		}
		cfg->roots[cfg->nroots++] = abs;
	}
	free(copy);
	return cfg->nroots ? 0 : -1;
}

/* The tests and excludes init proposes (cl_init_plan), put into cfg before the scan, and
 * what it chose and why: printed, and kept in *why as comment lines for the file. */
static int apply_plan(struct cl_config *cfg, char **why, int quiet)
{
	struct cl_init_plan p;
	int rc = cl_init_plan(cfg, &p);
	size_t len = 0;
	FILE *f = open_memstream(why, &len);
	for (size_t i = 0; !rc && i < p.nwhy; i++) {
		if (!quiet) printf("init: %s\n", p.why[i]);
		fprintf(f, "# init: %s\n", p.why[i]);
	}
	fclose(f);
	if (!rc && p.nexclude) {
		cfg->exclude = p.exclude;
		cfg->nexclude = p.nexclude;
		p.exclude = NULL;
		p.nexclude = 0;
	}
	if (!rc && p.ntests) {
		cfg->tests = p.tests;
		cfg->ntests = p.ntests;
		p.tests = NULL;
		p.ntests = 0;
	}
	cl_init_plan_release(&p);
	return rc;
}

static int draft(const struct common *c, const char *target, int depth, const char *python,
		 const char *roots, struct cl_config *cfg, struct cl_store **st, char **text)
{
	struct cl_diags d = {0};
	struct common cc = *c;
	struct stat sb;
	if (!cc.config && lstat(target, &sb) == 0) cc.config = target;   /* --force: keep [project] */
	int rc = cc.config ? load_config(&cc, cfg, &d) : cl_config_load(NULL, cfg, &d);
	if (!rc && !cc.config) apply_db(c, cfg);     /* load_config applies it otherwise */
	if (!rc && python) {
		if (strcmp(python, "2") && strcmp(python, "3")) {
			fprintf(stderr, "cutline: error: --python: 2 or 3, not '%s'\n", python);
			rc = CL_EUSAGE;
		}
		cfg->python = python[0] - '0';
	}
	if (!rc && roots && set_roots(cfg, roots)) rc = CL_EUSAGE;
	char *why = NULL;
	if (!rc) rc = apply_plan(cfg, &why, c->quiet);
	if (!rc) rc = open_store(c, cfg, NULL, 0, st, &d);
	size_t n = 0;
	char *services = NULL;
	if (!rc) rc = cl_init_services(cfg, *st, depth, &services, &n, &d);
	print_diags(&d, c->quiet);
	if (rc) {
		free(why);
		return rc;
	}
	char *dir = strdup(target), *slash = strrchr(dir, '/');
	if (slash) *slash = 0;
	char *base = realpath(slash ? (*dir ? dir : "/") : ".", NULL);
	char *project = cl_config_project_toml(cfg, base ? base : cfg->dir);
	free(base);
	free(dir);
	size_t len = strlen(project) + strlen(services) + strlen(why) + 512;
	*text = malloc(len);
	snprintf(*text, len, "# boundaries.toml — written by `cutline init` from the import graph "
		 "as it is today.\n# %zu %s, each allowed exactly the dependencies it has now. "
		 "Rename and merge them,\n# then see the reference of every key in cutline's "
		 "README.\n%s\n%s%s", n, n == 1 ? "service" : "services", why, project, services);
	free(why);
	free(project);
	free(services);
	return CL_OK;
}

int cmd_init(int argc, char **argv)
{
	struct common c = {0};
	int depth = 1, force = 0;
	const char *output = "boundaries.toml", *python = NULL, *roots = NULL;
	const struct opt opts[] = {
		{ OPT_INT, "depth", 0, &depth, "N", "one service per package of N name parts "
		  "(default 1: top-level packages)" },
		{ OPT_FLAG, "force", 0, &force, NULL, "replace an existing file (its [project] is kept)" },
		{ OPT_STR, "output", 'o', &output, "FILE", "where to write (default: ./boundaries.toml)" },
		{ OPT_STR, "python", 0, &python, "2|3", "the code's Python version (default 3)" },
		{ OPT_STR, "roots", 0, &roots, "DIRS", "comma-separated source roots (default: .)" },
		COMMON_OPTS(c),
		OPT_END_ROW,
	};
	char **pos;
	int npos;
	int rc = parse_options("cutline init [--depth N] [--force] [-o FILE] [--python 2|3] [--roots DIRS]",
			       "Writes a starter boundaries.toml from the observed import graph: one "
			       "service per package,\ndepends_on as observed, and cycles found today "
			       "as warnings, so that `cutline check` passes.", opts, argc, argv,
			       &pos, &npos);
	free(pos);
	if (rc < 0 && npos) {
		fprintf(stderr, "cutline: error: init takes no arguments\n");
		rc = CL_EUSAGE;
	}
	if (rc < 0 && depth < 1) {
		fprintf(stderr, "cutline: error: --depth wants N >= 1\n");
		rc = CL_EUSAGE;
	}
	struct stat sb;
	if (rc < 0 && !force && lstat(output, &sb) == 0) {
		fprintf(stderr, "cutline: error: %s exists; use --force to replace it\n", output);
		rc = CL_EUSAGE;
	}
	if (rc < 0 && folder_missing(output)) rc = CL_EUSAGE;
	if (rc >= 0) return rc;
	struct cl_config cfg = {0};
	struct cl_store *st = NULL;
	char *text = NULL, *rules = NULL;
	rc = draft(&c, output, depth, python, roots, &cfg, &st, &text);
	if (!rc && !(rules = rules_for(output, text, st))) rc = CL_EINTERNAL;
	if (!rc) {
		size_t n = strlen(text) + strlen(rules) + 1;
		char *all = malloc(n);
		snprintf(all, n, "%s%s", text, rules);
		rc = write_file(output, all) ? CL_EINTERNAL : CL_OK;
		if (!rc && !c.quiet)
			printf("wrote %s; `cutline check` passes with it%s\n", output,
			       strstr(rules, "today") ? " (the kinds listed in its [rules] as \"warn\" are "
			       "warnings for now)" : "");
		free(all);
	}
	free(text);
	free(rules);
	cl_store_close(st);
	cl_config_release(&cfg);
	return rc;
}
