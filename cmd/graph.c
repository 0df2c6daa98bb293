/* graph.c — `cutline graph`: the import graph for other tools (JSON, DOT, Mermaid). */
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int parse_kinds(const char *s, unsigned *mask)
{
	*mask = 0;
	char *copy = strdup(s), *save = NULL;
	for (char *t = strtok_r(copy, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
		int k = !strcmp(t, "all") ? -2 : cl_category_parse(t);
		if (k == -1) {
			fprintf(stderr, "cutline: error: --kinds: unknown kind '%s' (top, late, try, if, "
				"type, dynamic, parent, string, all)\n", t);
			free(copy);
			return -1;
		}
		*mask |= k == -2 ? (1u << CL_CAT_COUNT) - 1 : 1u << k;
	}
	free(copy);
	return 0;
}

int cmd_graph(int argc, char **argv)
{
	struct common c = {0};
	const char *format = "json", *level = "module", *focus = NULL;
	const char *kinds = "top,late,try,if,type,dynamic,string";
	int depth = 1, external = 0, data = 0;
	const struct opt opts[] = {
		{ OPT_STR, "format", 'f', &format, "FMT", "json (default), dot or mermaid" },
		{ OPT_STR, "level", 0, &level, "LEVEL", "module (default), package or package:N "
		  "(names cut to N parts, default 1)" },
		{ OPT_STR, "focus", 0, &focus, "NAME", "only this module or package and its neighbours" },
		{ OPT_INT, "depth", 0, &depth, "N", "hops around --focus (default 1)" },
		{ OPT_STR, "kinds", 0, &kinds, "LIST", "edge kinds: top,late,try,if,type,dynamic,"
		  "parent,string or all (default: all but parent)" },
		{ OPT_FLAG, "external", 0, &external, NULL, "include stdlib, third-party and "
		  "unresolved targets" },
		{ OPT_FLAG, "data", 0, &data, NULL, "add the datastore models and module -> model "
		  "edges (write, read, reference)" },
		COMMON_OPTS(c),
		OPT_END_ROW,
	};
	char **pos;
	int npos;
	int rc = parse_options("cutline graph [--format json|dot|mermaid] [--level module|package] "
			       "[--focus NAME --depth N] [--kinds LIST] [--data]",
			       "Writes the import graph, sorted and deterministic. Every node is named "
			       "by its dotted module\n(or package) name.", opts, argc, argv, &pos, &npos);
	free(pos);
	if (rc >= 0) return rc;
	if (npos) {
		fprintf(stderr, "cutline: error: graph takes no arguments\n");
		return CL_EUSAGE;
	}
	struct cl_graph_opts g = { CL_GRAPH_JSON, 0, focus, depth, 0, external, data };
	if (!strcmp(format, "dot")) g.format = CL_GRAPH_DOT;
	else if (!strcmp(format, "mermaid")) g.format = CL_GRAPH_MERMAID;
	else if (strcmp(format, "json")) {
		fprintf(stderr, "cutline: error: --format: json, dot or mermaid, not '%s'\n", format);
		return CL_EUSAGE;
	}
	if (!strncmp(level, "package", 7) && (!level[7] || level[7] == ':')) {
		g.package_level = level[7] ? atoi(level + 8) : 1;
		if (g.package_level < 1) {
			fprintf(stderr, "cutline: error: --level package:N wants N >= 1\n");
			return CL_EUSAGE;
		}
	} else if (strcmp(level, "module")) {
		fprintf(stderr, "cutline: error: --level: module or package, not '%s'\n", level);
		return CL_EUSAGE;
	}
	if (parse_kinds(kinds, &g.kinds)) return CL_EUSAGE;
	struct cl_config cfg;
	struct cl_store *st = NULL;
	rc = open_graph(&c, &cfg, &st);
	if (!rc) {
		struct cl_diags d = {0};
		rc = cl_graph_write(st, &g, stdout, &d);
		print_diags(&d, 0);
	}
	cl_store_close(st);
	cl_config_release(&cfg);
	return rc;
}
