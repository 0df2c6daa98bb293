/* scan.c — `cutline scan`: refresh the store and print what the scan saw. */
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static const char *plural(size_t n, const char *one, const char *many)
{
	return n == 1 ? one : many;
}

static void print_summary(const struct cl_scan_stats *s)
{
	printf("scanned %zu %s, %zu %s: %zu %s, %zu %s, %zu %s with syntax errors, %zu unresolved %s",
	       s->files, plural(s->files, "file", "files"),
	       s->modules, plural(s->modules, "module", "modules"), s->imports,
	       plural(s->imports, "import", "imports"), s->edges, plural(s->edges, "edge", "edges"),
	       s->parse_error_files, plural(s->parse_error_files, "file", "files"), s->unresolved,
	       plural(s->unresolved, "import", "imports"));
	if (s->outside)
		printf(", %zu %s of linked code outside the roots", s->outside,
		       plural(s->outside, "import", "imports"));
	printf(" (%zu parsed, %zu unchanged, %zu removed", s->parsed, s->unchanged, s->removed);
	if (s->unreadable) printf(", %zu not parsed", s->unreadable);
	printf(") in %.2f s\n", s->seconds);
	if (s->models || s->accesses)
		printf("data: %zu %s, %zu %s (%zu %s of an unknown model)\n", s->models,
		       plural(s->models, "model", "models"), s->accesses,
		       plural(s->accesses, "access", "accesses"), s->unknown_writes,
		       plural(s->unknown_writes, "write", "writes"));
}

int cmd_scan(int argc, char **argv)
{
	struct common c = {0};
	int force = 0, no_progress = 0;
	const struct opt opts[] = {
		SCAN_OPTS(c),
		{ OPT_FLAG, "force", 0, &force, NULL, "parse every file again" },
		{ OPT_FLAG, "no-progress", 0, &no_progress, NULL, "no progress bar" },
		OPT_END_ROW,
	};
	char **pos;
	int npos;
	int rc = parse_options("cutline scan [options]",
			       "Parses every .py file under the configured roots (only the files that "
			       "changed since the last scan)\nand stores imports, definitions and the "
			       "resolved import graph in SQLite.", opts, argc, argv, &pos, &npos);
	if (rc < 0 && npos) {
		fprintf(stderr, "cutline: error: scan takes no arguments ('%s')\n", pos[0]);
		rc = CL_EUSAGE;
	}
	if (rc >= 0) {
		free(pos);
		return rc;
	}
	free(pos);
	struct cl_config cfg;
	struct cl_diags d = {0};
	struct cl_store *st = NULL;
	struct cl_scan_stats s = {0};
	rc = load_config(&c, &cfg, &d);
	if (!rc) {
		struct cl_scan_opts o = { c.jobs, c.queries, !no_progress && isatty(2), force, NULL, 0 };
		rc = cl_refresh(&cfg, &o, &s, &st, &d);
	}
	print_diags(&d, c.quiet);
	if (!rc && !c.quiet) print_summary(&s);
	if (!rc && getenv("CUTLINE_TIMES"))
		fprintf(stderr, "times: discover %.3f parse+write %.3f resolve %.3f data %.3f total %.3f s; "
			"slowest file %.3f s %s\n", s.t_discover, s.t_parse, s.t_resolve, s.t_data,
			s.seconds, s.t_slowest, s.slowest);
	cl_store_close(st);
	cl_config_release(&cfg);
	return rc;
}
