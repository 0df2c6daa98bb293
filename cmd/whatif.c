/* whatif.c — `cutline whatif --move MODULE=SERVICE [--move ...]`: the current boundaries
 * with some modules moved, without editing the file. */
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
		mv[n] = (struct cl_move){ owned[n], owned[n] + (eq - v) + 1 };
		n++;
	}
	*argc = out;
	argv[out] = NULL;
	return n;
}

int cmd_whatif(int argc, char **argv)
{
	struct common c = {0};
	const char *format = "text";
	const struct opt opts[] = {
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
		 parse_options("cutline whatif --move MODULE=SERVICE [--move ...] [--format text|json]",
			       "Checks the current boundaries.toml as if the modules matching each "
			       "MODULE pattern (a.b,\na.**) belonged to SERVICE, without editing it: "
			       "the violations that go and come,\nthe counts, and the declared "
			       "services' metrics before and after (see `cutline propose`).",
			       opts, argc, argv, &pos, &npos);
	free(pos);
	if (rc < 0 && !nmv) {
		fprintf(stderr, "cutline: error: whatif wants at least one --move MODULE=SERVICE\n");
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
	if (rc < 0) {
		struct cl_config cfg;
		struct cl_store *st = NULL;
		rc = open_graph(&c, &cfg, &st);
		if (!rc) {
			struct cl_diags d = {0};
			rc = cl_whatif(&cfg, st, mv, (size_t)nmv, !strcmp(format, "json"), stdout, &d);
			print_diags(&d, 0);
		}
		cl_store_close(st);
		cl_config_release(&cfg);
	}
	for (int i = 0; i < nmv; i++) free(owned[i]);
	free(owned);
	free(mv);
	return rc;
}
