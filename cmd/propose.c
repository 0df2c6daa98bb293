/* propose.c — `cutline propose`: where to cut the monolith into services. */
#include "cli.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* The absolute folder a new file at path would be in; NULL when it does not exist. */
static char *folder_of(const char *path)
{
	char *dir = strdup(path);
	char *slash = strrchr(dir, '/');
	if (slash) *(slash == dir ? slash + 1 : slash) = 0;
	char *abs = realpath(slash ? dir : ".", NULL);
	free(dir);
	return abs;
}

/* "0.5" -> 0.5; -1 when it is not a number >= 0. */
static double weight(const char *s)
{
	char *end;
	double w = strtod(s, &end);
	return *s && !*end && w >= 0 ? w : -1;
}

int cmd_propose(int argc, char **argv)
{
	struct common c = {0};
	const char *format = "text", *method = "leiden", *seed = "1";
	const char *late = "0.5", *type = "0.25", *dynamic = "0.5";
	const char *write = "2", *read = "1", *reference = "0.5", *package = "2";
	int services = -1, pin = 0, no_damp = 0, force = 0, packages = 0, history = 0;
	const char *cochange = "1";
	const char *emit = NULL, *keep = NULL, *apart = NULL;
	const struct opt opts[] = {
		{ OPT_INT, "services", 0, &services, "N", "aim at N services (default: the best "
		  "modularity)" },
		{ OPT_STR, "method", 0, &method, "NAME", "leiden (default) or louvain" },
		{ OPT_INT, "packages", 0, &packages, "N", "no clustering: one service per package of "
		  "N name parts (a baseline, measured the same way)" },
		{ OPT_STR, "seed", 0, &seed, "N", "the first random seed (default 1); the same seed "
		  "gives the same proposal" },
		{ OPT_FLAG, "pin-declared", 0, &pin, NULL, "keep each declared service's modules "
		  "together" },
		{ OPT_STR, "weight-late", 0, &late, "W", "weight of an import inside a function "
		  "(default 0.5; module-level imports weigh 1)" },
		{ OPT_STR, "weight-type", 0, &type, "W", "of an import under TYPE_CHECKING (0.25)" },
		{ OPT_STR, "weight-dynamic", 0, &dynamic, "W", "of a dynamic import (0.5)" },
		{ OPT_STR, "weight-package", 0, &package, "W", "of a module to its package: the "
		  "folders as a hint (2; 0 turns it off)" },
		{ OPT_INT, "history", 0, &history, "N", "also weigh the modules changed together in "
		  "the last N commits (git log)" },
		{ OPT_STR, "weight-cochange", 0, &cochange, "W", "of a commit's modules to one another, "
		  "shared out over them (1)" },
		{ OPT_FLAG, "no-damp-hubs", 0, &no_damp, NULL, "let imports of much-imported "
		  "modules weigh fully (by default each weighs 1/sqrt(importers))" },
		{ OPT_STR, "weight-write", 0, &write, "W", "of a module writing a model (2)" },
		{ OPT_STR, "weight-read", 0, &read, "W", "of a module reading a model (1)" },
		{ OPT_STR, "weight-reference", 0, &reference, "W", "of a module referencing a "
		  "model (0.5)" },
		{ OPT_STR, "keep", 0, &keep, "A,B", "keep the modules of patterns A, B, ... in one "
		  "service (several: A,B;C,D; with [propose] keep)" },
		{ OPT_STR, "apart", 0, &apart, "A,B", "keep the modules of patterns A, B, ... in "
		  "different services (with [propose] apart)" },
		{ OPT_STR, "format", 'f', &format, "FMT", "text (default) or json" },
		{ OPT_STR, "emit-toml", 0, &emit, "FILE", "also write the proposal as a draft "
		  "boundaries.toml (check accepts it)" },
		{ OPT_FLAG, "force", 0, &force, NULL, "let --emit-toml replace an existing file" },
		COMMON_OPTS(c),
		OPT_END_ROW,
	};
	char **pos;
	int npos;
	int rc = parse_options("cutline propose [--services N] [--method leiden|louvain] [--seed N] "
			       "[--pin-declared] [--keep A,B] [--apart A,B] [--format text|json]",
			       "Proposes where to cut: services as clusters of modules over the "
			       "weighted dependency graph\n(imports, and module -> model data edges), "
			       "with module-level import cycles kept whole,\neach model owned by the "
			       "service that writes it most, and the partition's metrics.",
			       opts, argc, argv, &pos, &npos);
	free(pos);
	if (rc >= 0) return rc;
	struct cl_propose_opts o = { CL_LEIDEN, services > 0 ? (size_t)services : 0,
		packages > 0 ? (size_t)packages : 0,
		strtoul(seed, NULL, 10), pin, weight(late), weight(type), weight(dynamic),
		weight(package), !no_damp, NULL, 0, weight(cochange), weight(write), weight(read),
		weight(reference), !strcmp(format, "json"), NULL, keep, apart };
	const char *bad = npos ? "propose takes no arguments" : NULL;
	if (!strcmp(method, "louvain")) o.method = CL_LOUVAIN;
	else if (strcmp(method, "leiden")) bad = "--method: leiden or louvain";
	if (strcmp(format, "text") && strcmp(format, "json")) bad = "--format: text or json";
	if (services == 0 || services < -1) bad = "--services wants N >= 1";
	if (packages < 0) bad = "--packages wants N >= 1";
	if (history < 0) bad = "--history wants N >= 1";
	if (o.w_cochange < 0) bad = "a --weight-* option wants a number >= 0";
	if (o.w_late < 0 || o.w_type < 0 || o.w_dynamic < 0 || o.w_package < 0 || o.w_write < 0 || o.w_read < 0 ||
	    o.w_reference < 0) bad = "a --weight-* option wants a number >= 0";
	if (strspn(seed, "0123456789") != strlen(seed) || !*seed) bad = "--seed wants a number";
	if (bad) {
		fprintf(stderr, "cutline: error: %s\n", bad);
		return CL_EUSAGE;
	}
	struct stat sb;
	if (emit && !force && lstat(emit, &sb) == 0) {
		fprintf(stderr, "cutline: error: %s exists: --force replaces it\n", emit);
		return CL_EUSAGE;
	}
	char *base = emit ? folder_of(emit) : NULL;
	if (emit && !base) {
		fprintf(stderr, "cutline: error: %s: its folder does not exist\n", emit);
		return CL_EUSAGE;
	}
	o.toml_base = base;
	struct cl_config cfg;
	struct cl_store *st = NULL;
	char *toml = NULL;
	rc = open_graph(&c, &cfg, &st);
	char **hist = NULL;
	size_t nhist = 0;
	if (!rc && history > 0 && git_history(cfg.dir, history, &hist, &nhist)) {
		fprintf(stderr, "cutline: error: --history: git log failed in %s (not a git "
			"repository?)\n", cfg.dir);
		rc = CL_EUSAGE;
	}
	o.history = (const char *const *)hist;
	o.nhistory = nhist;
	if (!rc) {
		struct cl_diags d = {0};
		rc = cl_propose(&cfg, st, &o, stdout, emit ? &toml : NULL, &d);
		print_diags(&d, 0);
	}
	for (size_t i = 0; i < nhist; i++) free(hist[i]);
	free(hist);
	if (!rc && toml && cl_write_atomic(emit, toml, strlen(toml))) {
		fprintf(stderr, "cutline: error: %s: %s\n", emit, strerror(errno));
		rc = CL_EUSAGE;
	} else if (!rc && toml) {
		fprintf(stderr, "wrote %s\n", emit);
		if (strcmp(base, cfg.dir) && (cfg.nexclude || cfg.ntests || cfg.noverrides))
			fprintf(stderr, "cutline: warning: %s: its exclude, tests and python_overrides "
				"globs are those of %s, relative to that folder: move the draft there or "
				"adjust them\n", emit, cfg.shown ? cfg.shown : "the config");
	}
	free(toml);
	free(base);
	cl_store_close(st);
	cl_config_release(&cfg);
	return rc;
}
