/* baseline.c — `cutline baseline write|prune`: record today's violations so that `check
 * --baseline` fails only on new ones, and drop the entries that were fixed. */
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int cmd_baseline(int argc, char **argv)
{
	struct common c = {0};
	struct check_args a = {0};
	const char *file = NULL;
	const struct opt opts[] = {
		{ OPT_STR, "file", 0, &file, "FILE", "the baseline (default: [project] baseline, "
		  "or .cutline-baseline.json beside boundaries.toml)" },
		COMMON_OPTS(c),
		OPT_END_ROW,
	};
	char **pos;
	int npos;
	int rc = parse_options("cutline baseline write|prune [--file FILE]",
			       "write: records every current violation (warning or error) by kind, "
			       "from and to, with counts.\nprune: removes the entries that no longer "
			       "match and lowers counts to the current ones.", opts, argc, argv,
			       &pos, &npos);
	int prune = npos == 1 && !strcmp(pos[0], "prune");
	if (rc < 0 && (npos != 1 || (!prune && strcmp(pos[0], "write")))) {
		fprintf(stderr, "cutline: error: baseline wants one action: write or prune\n");
		rc = CL_EUSAGE;
	}
	free(pos);
	if (rc >= 0) return rc;
	struct cl_config cfg;
	struct cl_store *st = NULL;
	struct cl_check_result r = {0};
	rc = run_check(&c, &a, NULL, 0, &cfg, &st, &r);
	if (rc == CL_OK || rc == CL_FOUND) {
		char *path = file ? strdup(file) : NULL;
		int exists;
		if (!path) cl_baseline_default(&cfg, &path, &exists);
		struct cl_diags d = {0};
		size_t removed = 0, lowered = 0;
		rc = prune ? cl_baseline_prune(&r, path, &removed, &lowered, &d) :
			     cl_baseline_write(&r, path, &d);
		print_diags(&d, 0);
		if (!rc && prune)
			printf("pruned %zu %s from %s; lowered %zu %s\n", removed,
			       removed == 1 ? "entry" : "entries", file ? file : path, lowered,
			       lowered == 1 ? "count" : "counts");
		else if (!rc)
			printf("wrote %zu %s to %s\n", r.errors + r.warnings,
			       r.errors + r.warnings == 1 ? "violation" : "violations", file ? file : path);
		free(path);
	}
	cl_check_release(&r);
	cl_store_close(st);
	cl_config_release(&cfg);
	return rc;
}
