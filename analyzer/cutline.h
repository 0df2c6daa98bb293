/* cutline.h — the one public header of the analyzer library, the only one cmd/ includes.
 * The library never prints and never exits: it returns CL_OK or an error code and collects
 * diagnostics (with file:line:col) in a struct cl_diags that the caller prints.
 * Ownership: every struct a cl_*_load/open fills is released by its cl_*_release/close. */
#ifndef CUTLINE_H
#define CUTLINE_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* Return codes; they map one to one onto the CLI's exit codes. */
enum { CL_OK = 0, CL_FOUND = 1, CL_EUSAGE = 2, CL_EINTERNAL = 3 };

/* --- diagnostics ------------------------------------------------------------------------ */
enum cl_severity { CL_NOTE, CL_WARNING, CL_ERROR };
struct cl_diag {
	enum cl_severity severity;
	char *file;          /* may be NULL; owned */
	int line, col;       /* 1-based; 0 when unknown */
	char *message;       /* owned */
};
struct cl_diags { struct cl_diag *v; size_t n, cap; size_t errors; };
void cl_diag_add(struct cl_diags *d, enum cl_severity sev, const char *file, int line, int col,
		 const char *fmt, ...) __attribute__((format(printf, 6, 7)));
/* Prints "file:line:col: severity: message" lines; limit 0 prints all. */
void cl_diags_print(const struct cl_diags *d, FILE *out, size_t limit);
void cl_diags_release(struct cl_diags *d);

/* --- configuration (boundaries.toml, [project]) ------------------------------------------- */
struct cl_python_override { char *glob; int python; };
struct cl_config {
	char *path;                  /* the boundaries.toml read, absolute; NULL when none */
	char *dir;                   /* its directory (or the cwd): relative paths start here */
	char *name;
	char **roots; size_t nroots;          /* absolute paths */
	char **exclude; size_t nexclude;      /* globs over paths relative to dir */
	int python;                           /* 2 or 3 */
	struct cl_python_override *overrides; size_t noverrides;
	char *db;                             /* absolute path of the store */
	char **third_party; size_t nthird_party;
	int strict_third_party;               /* third_party was given: others are unresolved */
};
/* Walks up from start_dir to the nearest boundaries.toml; *out is malloc'd or NULL. */
int cl_config_find(const char *start_dir, char **out);
/* Loads path (NULL: defaults, rooted at the cwd). Errors are file:line:col diagnostics. */
int cl_config_load(const char *path, struct cl_config *cfg, struct cl_diags *d);
void cl_config_release(struct cl_config *cfg);
/* The Python version (2 or 3) of a path relative to cfg->dir. */
int cl_config_python_for(const struct cl_config *cfg, const char *relpath);

/* --- the store (SQLite) -------------------------------------------------------------------- */
struct cl_store;
enum { CL_STORE_WRITE = 0, CL_STORE_READONLY = 1 };
/* Opens (creating, or rebuilding a corrupt or old-schema cache, with a warning) the store. */
int cl_store_open(const char *path, int mode, struct cl_store **out, struct cl_diags *d);
void cl_store_close(struct cl_store *st);
struct sqlite3 *cl_store_db(struct cl_store *st);

/* --- scan ---------------------------------------------------------------------------------- */
struct cl_scan_opts {
	int jobs;                 /* parser threads; 0 = all cores */
	const char *queries_dir;  /* NULL: the compiled-in queries */
	int progress;             /* draw a progress bar on stderr when the scan is slow */
	int force;                /* re-parse every file */
};
struct cl_scan_stats {
	size_t files, modules, parsed, unchanged, removed;
	size_t unreadable;            /* files not parsed: binary, too large, unreadable */
	size_t imports, edges, parse_error_files, unresolved;
	double seconds;
	double t_discover, t_parse, t_resolve;   /* phase times, for benchmarks */
};
int cl_scan(const struct cl_config *cfg, struct cl_store *st, const struct cl_scan_opts *o,
	    struct cl_scan_stats *stats, struct cl_diags *d);
/* Opens cfg->db and scans; a cache found corrupt mid-scan is rebuilt once, with a warning.
 * On success *out is the open store (the caller closes it). */
int cl_refresh(const struct cl_config *cfg, const struct cl_scan_opts *o,
	       struct cl_scan_stats *stats, struct cl_store **out, struct cl_diags *d);

/* --- graph export -------------------------------------------------------------------------- */
enum cl_graph_format { CL_GRAPH_JSON, CL_GRAPH_DOT, CL_GRAPH_MERMAID };
/* Edge categories; --kinds selects a set of them (bit i = category i). */
enum cl_category { CL_CAT_TOP, CL_CAT_LATE, CL_CAT_TRY, CL_CAT_IF, CL_CAT_TYPE, CL_CAT_DYNAMIC,
		   CL_CAT_PARENT, CL_CAT_STRING, CL_CAT_COUNT };
const char *cl_category_name(int cat);
int cl_category_parse(const char *name);      /* -1 when unknown */
struct cl_graph_opts {
	enum cl_graph_format format;
	int package_level;        /* 0: modules; else collapse names to their first N parts */
	const char *focus;        /* NULL or a module/package name */
	int depth;                /* hops around focus */
	unsigned kinds;           /* category mask */
	int external;             /* include stdlib / third-party / unresolved targets */
};
int cl_graph_write(struct cl_store *st, const struct cl_graph_opts *o, FILE *out,
		   struct cl_diags *d);

/* --- sql ----------------------------------------------------------------------------------- */
enum cl_sql_format { CL_SQL_TABLE, CL_SQL_CSV, CL_SQL_JSON };
int cl_sql_run(struct cl_store *st, const char *sql, enum cl_sql_format fmt, FILE *out,
	       struct cl_diags *d);

#endif
