/* whatif.c — `cutline whatif --move MODULE=SERVICE [--move ...] | --plan FILE`: the current
 * boundaries with some modules moved (in one step, or in a plan's steps), without editing
 * the file. */
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Takes every --move X (or --move=X) out of argv, since it repeats; the rest is parsed as
 * usual. Returns the number of moves, or -1 after an error. */
static int take_moves(int *argc, char **argv, struct cl_move *mv, char **owned)
{
	int n = 0, out = 1;
	for (int i = 1; i < *argc; i++) {
		const char *v = NULL;
		if (!strcmp(argv[i], "--move")) {
			if (i + 1 == *argc) {
				fprintf(stderr, "cutline: error: --move wants MODULE=SERVICE\n");
				return -1;
			}
			v = argv[++i];
		} else if (!strncmp(argv[i], "--move=", 7)) {
			v = argv[i] + 7;
		} else {
			argv[out++] = argv[i];
			continue;
		}
		const char *eq = strchr(v, '=');
		if (!eq || eq == v || !eq[1]) {
			fprintf(stderr, "cutline: error: --move %s: want MODULE=SERVICE\n", v);
			return -1;
		}
		owned[n] = strdup(v);
		owned[n][eq - v] = 0;
		mv[n] = (struct cl_move){ owned[n], owned[n] + (eq - v) + 1, 0 };
		n++;
	}
	*argc = out;
	argv[out] = NULL;
	return n;
}

int cmd_whatif(int argc, char **argv)
{
	struct common c = {0};
	const char *format = "text", *plan_file = NULL;
	const struct opt opts[] = {
		{ OPT_STR, "plan", 0, &plan_file, "FILE", "the steps of a plan, one a line: move "
		  "PATTERN=SERVICE ..." },
		{ OPT_STR, "format", 'f', &format, "FMT", "text (default) or json" },
		COMMON_OPTS(c),
		OPT_END_ROW,
	};
	struct cl_move *mv = calloc((size_t)argc + 1, sizeof(*mv));
	char **owned = calloc((size_t)argc + 1, sizeof(char *));
	int nmv = take_moves(&argc, argv, mv, owned);
	char **pos = NULL;
	int npos = 0;
	int rc = nmv < 0 ? CL_EUSAGE :
		 parse_options("cutline whatif --move MODULE=SERVICE [--move ...] | --plan FILE "
			       "[--format text|json]",
			       "Checks the current boundaries.toml as if the modules matching each "
			       "MODULE pattern (a.b,\na.**) belonged to SERVICE (new:NAME: a new service "
			       "NAME), without editing it: the\nviolations that go, come and change, the "
			       "counts, and the declared services' metrics\nbefore and after (see "
			       "`cutline propose`). --plan FILE does so step by step, each step\nwith its "
			       "own cost and the total since the start.",
			       opts, argc, argv, &pos, &npos);
	free(pos);
	if (rc < 0 && !nmv && !plan_file) {
		fprintf(stderr, "cutline: error: whatif wants at least one --move MODULE=SERVICE, or "
			"--plan FILE\n");
		rc = CL_EUSAGE;
	}
	if (rc < 0 && nmv && plan_file) {
		fprintf(stderr, "cutline: error: whatif takes --move or --plan, not both (a plan's "
			"first step can be the move)\n");
		rc = CL_EUSAGE;
	}
	if (rc < 0 && npos) {
		fprintf(stderr, "cutline: error: whatif takes no arguments\n");
		rc = CL_EUSAGE;
	}
	if (rc < 0 && strcmp(format, "text") && strcmp(format, "json")) {
		fprintf(stderr, "cutline: error: --format: text or json, not '%s'\n", format);
		rc = CL_EUSAGE;
	}
	struct cl_whatif_plan plan = {0};
	struct cl_whatif_step one = { mv, (size_t)(nmv > 0 ? nmv : 0), 0 };
	if (rc < 0 && plan_file) {
		struct cl_diags d = {0};
		if (cl_whatif_plan_read(plan_file, &plan, &d)) rc = CL_EUSAGE;
		print_diags(&d, 0);
	} else if (rc < 0) {
		plan.steps = &one;
		plan.nsteps = 1;
	}
	if (rc < 0) {
		struct cl_config cfg;
		struct cl_store *st = NULL;
		rc = open_graph(&c, &cfg, &st);
		if (!rc) {
			struct cl_diags d = {0};
			rc = cl_whatif(&cfg, st, &plan, !strcmp(format, "json"), stdout, &d);
			print_diags(&d, 0);
		}
		cl_store_close(st);
		cl_config_release(&cfg);
	}
	if (plan_file) cl_whatif_plan_release(&plan);
	for (int i = 0; i < nmv; i++) free(owned[i]);
	free(owned);
	free(mv);
	return rc;
}
