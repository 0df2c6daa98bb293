/* main.c — the cutline command: global options (--version, -h) and the dispatch table.
 * Exit codes: 0 clean, 1 violations found, 2 usage or config error, 3 internal error. */
#include "cli.h"

#include <stdio.h>
#include <string.h>

static const struct command {
	const char *name;
	int (*fn)(int argc, char **argv);
	const char *summary;
} commands[] = {
	{ "scan", cmd_scan, "parse the monolith into the import graph (incremental)" },
	{ "check", cmd_check, "check the graph against boundaries.toml (the CI gate)" },
	{ "baseline", cmd_baseline, "record current violations so check fails only on new ones" },
	{ "explain", cmd_explain, "show the shortest import chains from one module or service to another" },
	{ "init", cmd_init, "write a starter boundaries.toml from the observed graph" },
	{ "models", cmd_models, "list the datastore models, their owners and who writes them" },
	{ "propose", cmd_propose, "propose where to cut the monolith into services" },
	{ "whatif", cmd_whatif, "check the config as if some modules were moved" },
	{ "report", cmd_report, "write the planning report (HTML or Markdown)" },
	{ "federate", cmd_federate, "draft a federated GraphQL subgraph per service" },
	{ "graph", cmd_graph, "write the import graph as JSON, DOT or Mermaid" },
	{ "sql", cmd_sql, "run a read-only SQL query on the graph store" },
	{ NULL, NULL, NULL },
};

static void usage(FILE *out)
{
	fputs("usage: cutline [--version] [-h] COMMAND [options]\n\n"
	      "cutline finds the service boundaries of a Python 2/3 monolith.\n\ncommands:\n", out);
	for (const struct command *c = commands; c->name; c++)
		fprintf(out, "  %-9s %s\n", c->name, c->summary);
	fputs("\n`cutline COMMAND -h` describes a command.\n", out);
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		usage(stderr);
		return CL_EUSAGE;
	}
	if (!strcmp(argv[1], "--version")) {
		printf("cutline %s\n", CUTLINE_VERSION);
		return CL_OK;
	}
	if (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help") || !strcmp(argv[1], "help")) {
		usage(stdout);
		return CL_OK;
	}
	for (const struct command *c = commands; c->name; c++)
		if (!strcmp(argv[1], c->name)) return c->fn(argc - 1, argv + 1);
	fprintf(stderr, "cutline: error: unknown command '%s'\n", argv[1]);
	usage(stderr);
	return CL_EUSAGE;
}
