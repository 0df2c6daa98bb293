/* sql.c — `cutline sql`: read-only SQL over the store, for questions no command answers. */
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Defaults: a few seconds answer any question about the store of a large monolith; the
 * memory keeps randomblob(5e8) (or a huge result kept for the table) from the machine. */
#define SQL_TIMEOUT_S 5
#define SQL_MEMORY_MB 256
#define STR_(x) #x
#define STR(x) STR_(x)

int cmd_sql(int argc, char **argv)
{
	struct common c = {0};
	const char *format = "table";
	/* a terminal's user can press ^C; CI and scripts get a default limit */
	struct cl_sql_limits lim = { isatty(0) ? 0 : SQL_TIMEOUT_S, SQL_MEMORY_MB };
	const struct opt opts[] = {
		{ OPT_STR, "format", 'f', &format, "FMT", "table (default), csv or json" },
		{ OPT_INT, "timeout", 0, &lim.timeout_s, "SECONDS", "stop the query after SECONDS "
		  "(default: none on a terminal, else " STR(SQL_TIMEOUT_S) "; 0: none)" },
		{ OPT_INT, "max-memory", 0, &lim.memory_mb, "MB", "stop the query past MB of memory "
		  "(default " STR(SQL_MEMORY_MB) "; 0: none)" },
		COMMON_OPTS(c),
		OPT_END_ROW,
	};
	char **pos;
	int npos;
	int rc = parse_options("cutline sql \"SELECT ...\" [--format table|csv|json] [--timeout SECONDS] "
			       "[--max-memory MB]",
			       "Runs one read-only statement on the graph store (schema: README, "
			       "\"The store\").", opts, argc, argv, &pos, &npos);
	const char *sql = npos == 1 ? pos[0] : NULL;
	free(pos);
	if (rc >= 0) return rc;
	if (!sql) {
		fprintf(stderr, "cutline: error: sql wants exactly one statement\n");
		return CL_EUSAGE;
	}
	enum cl_sql_format f = CL_SQL_TABLE;
	if (!strcmp(format, "csv")) f = CL_SQL_CSV;
	else if (!strcmp(format, "json")) f = CL_SQL_JSON;
	else if (strcmp(format, "table")) {
		fprintf(stderr, "cutline: error: --format: table, csv or json, not '%s'\n", format);
		return CL_EUSAGE;
	}
	struct cl_config cfg;
	struct cl_store *st = NULL;
	rc = open_graph(&c, &cfg, &st);
	struct cl_diags d = {0};
	if (!rc && !c.no_refresh) {           /* reopen read-only: the query can never write */
		cl_store_close(st);
		rc = cl_store_open(cfg.db, CL_STORE_READONLY, &st, &d);
	}
	if (!rc) rc = cl_sql_run(st, sql, f, &lim, stdout, &d);
	print_diags(&d, 0);
	cl_store_close(st);
	cl_config_release(&cfg);
	return rc;
}
