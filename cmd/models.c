/* models.c — `cutline models`: the datastore models, their owners, and who writes, reads
 * and references them. */
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int cmd_models(int argc, char **argv)
{
	struct common c = {0};
	const char *format = "table", *service = NULL;
	int all = 0;
	const struct opt opts[] = {
		{ OPT_STR, "service", 's', &service, "NAME", "only the models this service owns or "
		  "touches" },
		{ OPT_STR, "format", 'f', &format, "FMT", "table (default) or json" },
		{ OPT_FLAG, "all", 0, &all, NULL, "list every write of an unknown model (the table "
		  "shows 20)" },
		COMMON_OPTS(c),
		OPT_END_ROW,
	};
	char **pos;
	int npos;
	int rc = parse_options("cutline models [--service NAME] [--format table|json] [--all]",
			       "Lists every datastore model (a class deriving from a model base: App "
			       "Engine ndb or db,\nDjango, SQLAlchemy, or [data] model_bases) with "
			       "its kind, module and owning service, and the\nservices and modules "
			       "that write, read and reference it, with counts; then every write\n"
			       "whose model could not be told (the first 20 in a table; --all: all).",
			       opts, argc, argv, &pos, &npos);
	free(pos);
	if (rc >= 0) return rc;
	if (npos) {
		fprintf(stderr, "cutline: error: models takes no arguments\n");
		return CL_EUSAGE;
	}
	if (strcmp(format, "table") && strcmp(format, "json")) {
		fprintf(stderr, "cutline: error: --format: table or json, not '%s'\n", format);
		return CL_EUSAGE;
	}
	struct cl_config cfg;
	struct cl_store *st = NULL;
	rc = open_graph(&c, &cfg, &st);
	if (!rc) {
		struct cl_diags d = {0};
		struct cl_models_opts o = { service, !strcmp(format, "json"), all };
		rc = cl_models_write(&cfg, st, &o, stdout, &d);
		print_diags(&d, 0);
	}
	cl_store_close(st);
	cl_config_release(&cfg);
	return rc;
}
