/* report.c — `cutline report`: the planning report, HTML or Markdown. */
#include "cli.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int cmd_report(int argc, char **argv)
{
	struct common c = {0};
	const char *format = "html", *output = NULL, *proposal = NULL;
	const char *env = getenv("CUTLINE_DOT_TIMEOUT"), *dot_timeout = env;
	int max_edges = 60;
	const struct opt opts[] = {
		{ OPT_STR, "format", 'f', &format, "FMT", "html (default) or md" },
		{ OPT_STR, "output", 'o', &output, "FILE", "write the report to FILE (default: "
		  "standard output)" },
		{ OPT_STR, "proposal", 0, &proposal, "FILE", "also report on a proposal: a draft "
		  "boundaries.toml (`cutline propose --emit-toml`), over the same graph" },
		{ OPT_STR, "dot-timeout", 0, &dot_timeout, "SECONDS", "how long Graphviz may lay out "
		  "the service graph (default 10, or $CUTLINE_DOT_TIMEOUT)" },
		{ OPT_INT, "max-edges", 0, &max_edges, "N", "draw the N heaviest edges of the service "
		  "graph (default 60; the matrix has them all)" },
		COMMON_OPTS(c),
		OPT_END_ROW,
	};
	char **pos;
	int npos;
	int rc = parse_options("cutline report [--format html|md] [-o FILE] [--proposal FILE] "
			       "[--dot-timeout SECONDS] [--max-edges N]",
			       "Writes the planning report for the current boundaries.toml: the "
			       "services (size, models,\nfan-in / fan-out, violations, bad-dependency "
			       "share), the dependency-structure matrix\nordered by dependency, the "
			       "service graph (Graphviz, its heaviest edges, within --dot-timeout),\n"
			       "cross-service data access as a matrix with the unknown-write share, "
			       "cycles, the most\nentangling modules and the trend of this config's "
			       "past checks. With --proposal, each\nproposed service (modules, the API "
			       "of its cut, shared data, cycle breaks) in extraction\norder, and what "
			       "moves where. The HTML file is self-contained.", opts, argc, argv, &pos, &npos);
	free(pos);
	if (rc >= 0) return rc;
	if (npos) {
		fprintf(stderr, "cutline: error: report takes no arguments\n");
		return CL_EUSAGE;
	}
	char *end = NULL;
	double timeout = dot_timeout ? strtod(dot_timeout, &end) : 10;
	if (dot_timeout && (end == dot_timeout || *end || !(timeout > 0) || timeout > 86400)) {
		fprintf(stderr, "cutline: error: %s: seconds above 0, not '%s'\n",
			dot_timeout == env ? "CUTLINE_DOT_TIMEOUT" : "--dot-timeout", dot_timeout);
		return CL_EUSAGE;
	}
	if (max_edges < 1) {
		fprintf(stderr, "cutline: error: --max-edges wants N >= 1\n");
		return CL_EUSAGE;
	}
	if (strcmp(format, "html") && strcmp(format, "md")) {
		fprintf(stderr, "cutline: error: --format: html or md, not '%s'\n", format);
		return CL_EUSAGE;
	}
	struct cl_config cfg, prop;
	struct cl_store *st = NULL;
	rc = open_graph_proposal(&c, proposal, &cfg, &prop, &st);
	if (!rc) {
		struct cl_diags d = {0};
		char *text = NULL;
		size_t len = 0;
		FILE *mem = open_memstream(&text, &len);
		struct cl_report_opts o = { .html = !strcmp(format, "html"),
			.proposal = proposal ? &prop : NULL, .dot_timeout = timeout,
			.max_edges = (size_t)max_edges };
		rc = cl_report(&cfg, st, &o, mem, &d);
		fclose(mem);
		print_diags(&d, 0);
		if (!rc && output) {
			rc = write_output(output, text, len);
		} else if (!rc) {
			fwrite(text, 1, len, stdout);
		}
		free(text);
	}
	cl_store_close(st);
	cl_config_release(&cfg);
	if (proposal) cl_config_release(&prop);
	return rc;
}
