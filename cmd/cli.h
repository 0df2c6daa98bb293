/* cli.h — what every command in cmd/ shares: one signature, one option table format, and
 * the steps from options to an up-to-date store.
 * To add a command: write cmd/NAME.c with `int cmd_NAME(int argc, char **argv)`, declare
 * it here, add a row to the table in main.c, and a line to the Makefile's CMD_SRCS. */
#ifndef CUTLINE_CLI_H
#define CUTLINE_CLI_H

#include "cutline.h"

int cmd_scan(int argc, char **argv);
int cmd_graph(int argc, char **argv);
int cmd_models(int argc, char **argv);
int cmd_propose(int argc, char **argv);
int cmd_whatif(int argc, char **argv);
int cmd_report(int argc, char **argv);
int cmd_federate(int argc, char **argv);
int cmd_sql(int argc, char **argv);
int cmd_check(int argc, char **argv);
int cmd_baseline(int argc, char **argv);
int cmd_init(int argc, char **argv);
int cmd_explain(int argc, char **argv);

enum opt_type { OPT_END, OPT_FLAG, OPT_INT, OPT_STR };
struct opt {
	enum opt_type type;
	const char *name;          /* long name, without "--" */
	char short_name;           /* 0 when none */
	void *value;               /* int * for FLAG and INT, const char ** for STR */
	const char *arg;           /* argument name in help, e.g. "FILE" */
	const char *help;
};
#define OPT_END_ROW { OPT_END, NULL, 0, NULL, NULL, NULL }

/* Parses argv[1..] against opts; positional arguments are left in pos (argv order).
 * Returns -1 on success, else the exit code to return (0 after -h, 2 on a usage error). */
int parse_options(const char *usage, const char *about, const struct opt *opts, int argc,
		  char **argv, char ***pos, int *npos);

/* Options every command that reads the graph takes. */
struct common {
	const char *config, *db, *queries;
	int jobs, no_refresh, quiet;
};
#define SCAN_OPTS(c) \
	{ OPT_STR, "config", 0, &(c).config, "FILE", "boundaries.toml to use (default: the nearest one)" }, \
	{ OPT_STR, "db", 0, &(c).db, "FILE", "the graph store (default: .cutline/graph.db beside the config)" }, \
	{ OPT_INT, "jobs", 'j', &(c).jobs, "N", "parser threads (default: all cores)" }, \
	{ OPT_STR, "queries", 0, &(c).queries, "DIR", "tree-sitter queries overriding the built-in ones" }, \
	{ OPT_FLAG, "quiet", 'q', &(c).quiet, NULL, "print errors only" }
#define COMMON_OPTS(c) \
	SCAN_OPTS(c), \
	{ OPT_FLAG, "no-refresh", 0, &(c).no_refresh, NULL, "use the store as it is, without a scan" }

/* Options of the commands that run a check. */
struct check_args {
	const char *baseline, *since;
	int files, require_reason;
	int default_baseline;        /* without --baseline, apply cl_baseline_default's file */
};
#define CHECK_OPTS(a) \
	{ OPT_STR, "baseline", 0, &(a).baseline, "FILE", "fail only on violations this baseline does not know" }, \
	{ OPT_FLAG, "files", 0, &(a).files, NULL, "refresh and report only the files given as arguments" }, \
	{ OPT_STR, "since", 0, &(a).since, "REV", "refresh and report only the files changed since REV" }, \
	{ OPT_FLAG, "require-reason", 0, &(a).require_reason, NULL, "inline suppressions must give a reason" }

/* Config, refreshed store and check result; prints diagnostics. Returns CL_OK, CL_FOUND
 * (errors among the new violations) or the exit code of a failure. */
int run_check(const struct common *c, const struct check_args *a, char **files, int nfiles,
	      struct cl_config *cfg, struct cl_store **st, struct cl_check_result *r);

/* The files changed since rev (git diff, plus untracked files), as dir/path. */
int git_changed(const char *dir, const char *rev, char ***out, size_t *n);
/* The Python files of the last n commits, a NULL after each commit's (names relative to dir). */
int git_history(const char *dir, int n, char ***out, size_t *count);

/* Sets cfg->db from --db, which is relative to the current folder. */
void apply_db(const struct common *c, struct cl_config *cfg);
/* Loads the config (exit code on failure). */
int load_config(const struct common *c, struct cl_config *cfg, struct cl_diags *d);
/* The store as it is (--no-refresh), or refreshed (only those files, when given). */
int open_store(const struct common *c, const struct cl_config *cfg, char **only, size_t nonly,
	       struct cl_store **st, struct cl_diags *d);
/* Config + refreshed store, ready to read. Prints diagnostics; returns an exit code. */
int open_graph(const struct common *c, struct cl_config *cfg, struct cl_store **st);
/* open_graph, then the config at proposal (a draft over the same store) when it is given;
 * *prop is zeroed either way first, so cl_config_release can always take it. */
int open_graph_proposal(const struct common *c, const char *proposal, struct cl_config *cfg,
			struct cl_config *prop, struct cl_store **st);
/* cl_write_atomic, and on failure "cannot write PATH: REASON" on stderr. Returns 0, or the
 * exit code: 2 when the path cannot be written as named (no such folder, no permission), 3
 * when writing failed (a full disk, an I/O error). */
int write_output(const char *path, const char *text, size_t len);
/* Prints diags to stderr (warnings capped) and empties the list. */
void print_diags(struct cl_diags *d, int quiet);

#endif
