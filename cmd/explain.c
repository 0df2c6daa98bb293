/* explain.c — `cutline explain FROM TO`: why FROM depends on TO, as import chains. */
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int cmd_explain(int argc, char **argv)
{
	struct common c = {0};
	const char *format = "text";
	int max = 5;
	const struct opt opts[] = {
		{ OPT_STR, "format", 'f', &format, "FMT", "text (default) or json" },
		{ OPT_INT, "max", 0, &max, "N", "list at most N shortest chains (default 5)" },
		COMMON_OPTS(c),
		OPT_END_ROW,
	};
	char **pos;
	int npos;
	int rc = parse_options("cutline explain FROM TO [--max N] [--format text|json]",
			       "Shows the shortest import chains from FROM to TO (each a service, "
			       "module or package), every hop\nwith the import behind it: "
			       "file:line:col and its context (top, late, try, if, type, dynamic,\n"
			       "string). Edges whose context [rules] turns off are left out, as in "
			       "check.", opts, argc, argv, &pos, &npos);
	if (rc < 0 && npos != 2) {
		fprintf(stderr, "cutline: error: explain wants FROM and TO\n");
		rc = CL_EUSAGE;
	}
	if (rc < 0 && strcmp(format, "text") && strcmp(format, "json")) {
		fprintf(stderr, "cutline: error: --format: text or json, not '%s'\n", format);
		rc = CL_EUSAGE;
	}
	if (rc < 0 && max < 1) {
		fprintf(stderr, "cutline: error: --max wants N >= 1\n");
		rc = CL_EUSAGE;
	}
	if (rc >= 0) {
		free(pos);
		return rc;
	}
	struct cl_config cfg;
	struct cl_store *st = NULL;
	rc = open_graph(&c, &cfg, &st);
	if (!rc) {
		struct cl_diags d = {0};
		struct cl_explain_opts o = { pos[0], pos[1], (size_t)max, !strcmp(format, "json") };
		rc = cl_explain(&cfg, st, &o, stdout, &d);
		print_diags(&d, 0);
	}
	free(pos);
	cl_store_close(st);
	cl_config_release(&cfg);
	return rc;
}
