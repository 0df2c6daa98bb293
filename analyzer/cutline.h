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
/* One field of the migration ledger ([federation] fields, or the file ledger names): its
 * GraphQL coordinate ("Query.findUser", "UserData.points") and which side serves it. */
enum cl_ledger_state { CL_LEDGER_PYTHON, CL_LEDGER_SIDE_BY_SIDE, CL_LEDGER_MIGRATED };
struct cl_ledger_entry {
	char *field; int state;
	char *file; int line, col;           /* where it is written, for messages */
};
const char *cl_ledger_state_name(int state);   /* "python", "side-by-side", "migrated" */

struct cl_config {
	char *path;                  /* the boundaries.toml read, absolute; NULL when none */
	char *dir;                   /* its directory (or the cwd): relative paths start here */
	char *shown;                 /* the path as the user gave it, for messages; NULL when none */
	char *name;
	char **roots; size_t nroots;          /* absolute paths */
	char **exclude; size_t nexclude;      /* globs over paths relative to dir */
	int python;                           /* 2 or 3 */
	struct cl_python_override *overrides; size_t noverrides;
	char *db;                             /* absolute path of the store */
	char *baseline;                       /* [project] baseline, absolute; NULL: the default */
	int baseline_line, baseline_col;      /* where the config names it */
	char **third_party; size_t nthird_party;
	int strict_third_party;               /* third_party was given: others are unresolved */
	char **tests; size_t ntests;          /* globs of test code (paths relative to dir) */
	char **follow_links; size_t nfollow_links; /* symlink targets outside the roots that are
					       walked as if inside (absolute) */
	int implicit_init;                    /* 1: every folder under the roots is a package */
	char **implicit_init_globs; size_t nimplicit_init_globs;  /* or only the folders these
					       globs match (relative to dir) */
	char **model_bases; size_t nmodel_bases;   /* [data]: more bases that make a model */
	char **data_queries; size_t ndata_queries; /* [data]: more query files (absolute) */
	char **keep, **apart; size_t nkeep, napart; /* [propose]: "A,B" module patterns that
						      stay together / apart */
	struct cl_boundaries *b;              /* services, layers, contracts, rules, ignores */
	struct cl_ledger_entry *ledger; size_t nledger;   /* [federation]: the migration ledger */
};
/* Walks up from start_dir to the nearest boundaries.toml; *out is malloc'd or NULL. */
int cl_config_find(const char *start_dir, char **out);
/* Loads path (NULL: defaults, rooted at the cwd). Errors are file:line:col diagnostics. */
int cl_config_load(const char *path, struct cl_config *cfg, struct cl_diags *d);
void cl_config_release(struct cl_config *cfg);
/* The Python version (2 or 3) of a path relative to cfg->dir. */
int cl_config_python_for(const struct cl_config *cfg, const char *relpath);
/* Is relpath (relative to cfg->dir) test code: does one of [project] tests match it? */
int cl_config_is_test(const struct cl_config *cfg, const char *relpath);

/* --- boundaries: [[service]], layers, [[contract]], [rules], [[ignore]] ------------------ */
/* Violation kinds; their ids (cl_kind_name) are stable and documented in the README. */
enum cl_kind { CL_K_UNDECLARED, CL_K_PRIVATE, CL_K_LAYER, CL_K_FORBIDDEN, CL_K_INDEPENDENCE,
	       CL_K_ACYCLIC, CL_K_SERVICE_CYCLE, CL_K_MODULE_CYCLE, CL_K_UNASSIGNED,
	       CL_K_UNUSED_IGNORE, CL_K_UNUSED_DEPENDENCY, CL_K_PARSE_ERROR, CL_K_STALE_BASELINE,
	       CL_K_MISSING_REASON, CL_K_FOREIGN_WRITE, CL_K_FOREIGN_READ, CL_K_SHARED_MODEL,
	       CL_K_UNOWNED_MODEL, CL_K_MIGRATED_CALL, CL_K_COUNT };
const char *cl_kind_name(int kind);
/* The [rules] entries of b that differ from the defaults, as TOML lines; NULL when none. */
char *cl_rules_toml(const struct cl_boundaries *b);
int cl_kind_parse(const char *id);              /* -1 when unknown */
const char *cl_kind_help(int kind);             /* one sentence: what it means, how to fix */
const char *cl_kind_fix(int kind);              /* what to do about it, by default */
/* Edge contexts that [rules] can cap: a violation is never more severe than its edge's
 * context allows ("off" drops the edge from every check). */
enum cl_context { CL_CTX_LATE, CL_CTX_TYPE, CL_CTX_DYNAMIC, CL_CTX_STRING, CL_CTX_PARENT,
		  CL_CTX_TESTS, CL_CTX_COUNT };
const char *cl_context_key(int ctx);            /* its key in [rules] */
/* Rule severities: off, or a cl_severity. */
enum { CL_SEV_OFF = -1 };
const char *cl_severity_name(int sev);          /* "off", "info", "warning", "error" */

struct cl_pat { char *text; int line, col; };
struct cl_pats { struct cl_pat *v; size_t n; int given, line, col; };
struct cl_service {
	char *name; int line, col;
	struct cl_pats modules, depends_on, public_, private_;
	struct cl_pats owns, reads;     /* models (names, classes, kinds; globs) it owns, reads */
	char *layer; int layer_line, layer_col, layer_rank;  /* rank: index in layers, -1 none */
	char *owner;
	char *instructions;             /* what to do about its violations; NULL: the defaults */
};
enum cl_contract_type { CL_FORBIDDEN, CL_INDEPENDENCE, CL_ACYCLIC };
struct cl_contract {
	char *name; enum cl_contract_type type; int line, col;
	struct cl_pats source, forbidden, modules;
	char *instructions;             /* for its violations; NULL: the kind's */
};
struct cl_ignore {
	struct cl_pat from, to; int kind; char *reason; int line, col;
	char *instructions;             /* for its unused-ignore violation; NULL: the kind's */
};
struct cl_boundaries {
	struct cl_service *services; size_t nservices;
	struct cl_pats layers;
	struct cl_contract *contracts; size_t ncontracts;
	struct cl_ignore *ignores; size_t nignores;
	int kind_sev[CL_K_COUNT];
	int ctx_sev[CL_CTX_COUNT];
	int require_reason;                   /* inline suppressions must give a reason */
};
/* Dotted module patterns: `a` exact, `a.*` its children, `a.**` a and all below; `*` and
 * `?` also match within one part. */
int cl_name_match(const char *pattern, const char *name);

/* --- files ------------------------------------------------------------------------------- */
/* Writes path.tmpPID (created new, never through a symlink), syncs it and renames it over
 * path, so a reader sees the old file or the new one, never half of it; a device or FIFO at
 * path is written in place. Returns 0, or -1 with errno set. */
int cl_write_atomic(const char *path, const char *data, size_t len);
/* The absolute path of program name from PATH, skipping relative entries (they would
 * resolve inside the analyzed tree); NULL when none. malloc'd. */
char *cl_which(const char *name);

/* --- the store (SQLite) -------------------------------------------------------------------- */
struct cl_store;
enum { CL_STORE_WRITE = 0, CL_STORE_READONLY = 1 };
/* Opens (creating, or rebuilding a corrupt or old-schema cache, with a warning) the store. */
int cl_store_open(const char *path, int mode, struct cl_store **out, struct cl_diags *d);
void cl_store_close(struct cl_store *st);
struct sqlite3 *cl_store_db(struct cl_store *st);
/* CL_EUSAGE (with an error) when another config's folder scanned the store last: its paths
 * are that folder's until a refresh rewrites them. */
int cl_store_check_base(struct cl_store *st, const struct cl_config *cfg, struct cl_diags *d);
/* 1 when the store holds no file: never scanned, or roots without Python. */
int cl_store_is_empty(struct cl_store *st);
/* rc, or CL_EINTERNAL when a read of the store failed since it was opened (a damaged page,
 * an I/O error, a busy store): then an error with SQLite's message and the remedy is added
 * to d (once). Every command that read the store passes its result through this. */
int cl_store_failed(struct cl_store *st, int rc, struct cl_diags *d);

/* --- scan ---------------------------------------------------------------------------------- */
struct cl_scan_opts {
	int jobs;                 /* parser threads; 0 = all cores */
	const char *queries_dir;  /* NULL: the compiled-in queries */
	int progress;             /* draw a progress bar on stderr when the scan is slow */
	int force;                /* re-parse every file */
	char **only; size_t nonly; /* refresh only these files (paths from the cwd) when the
				      store knows them all and the settings are unchanged */
};
struct cl_scan_stats {
	size_t files, modules, parsed, unchanged, removed;
	size_t unreadable;            /* files not parsed: binary, too large, unreadable */
	size_t imports, edges, parse_error_files, unresolved;
	size_t outside;               /* imports of linked code outside the roots, not walked */
	size_t models, accesses, unknown_writes;   /* the data graph */
	double seconds;
	double t_discover, t_parse, t_resolve;   /* phase times, for benchmarks */
	double t_data;                /* the data graph: models, accesses */
	double t_slowest;             /* the file whose read, parse and extraction took longest */
	char slowest[256];            /* its path (cut), "" when no file was read */
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
	int data;                 /* add models and module -> model edges (write/read/reference) */
};
int cl_graph_write(struct cl_store *st, const struct cl_graph_opts *o, FILE *out,
		   struct cl_diags *d);

/* --- check -------------------------------------------------------------------------------- */
/* One hop of a chain: from imports to at path:line:col (context: "top", "late", ...). */
struct cl_hop { char *from, *to, *path; int line, col; const char *context; };
struct cl_violation {
	int kind;                   /* enum cl_kind */
	int severity;               /* CL_NOTE, CL_WARNING or CL_ERROR */
	char *path;                 /* where it starts, relative to cfg->dir; NULL when nowhere */
	int line, col;              /* 1-based; 0 when unknown */
	char *from, *to;            /* modules (services for service-cycle); to may be NULL */
	char *from_service, *to_service;   /* may be NULL */
	char *message;              /* one sentence, without the [kind] suffix */
	struct cl_hop *chain; size_t nchain;   /* cycles: every hop, the first repeated last */
	int known;                  /* matched by the baseline: reported, not failing */
	char *instructions;         /* what to do, from the config; NULL: cl_kind_fix's */
};
struct cl_check_result {
	struct cl_violation *v; size_t n;      /* sorted by path, line, col, kind */
	size_t errors, warnings, infos;        /* new ones, by severity */
	size_t known, suppressed;              /* matched by the baseline; by an ignore */
	size_t cross_edges, bad_edges;         /* cross-service module pairs; those in violation */
	size_t modules, services, files;
	char *dir;                             /* cfg->dir, for absolute URIs */
	char *top;                             /* the git repository's top folder around dir,
						  or NULL: JSON, SARIF, GitHub and JUnit name
						  files relative to it, as pull requests do */
	char *baseline;                        /* the baseline applied, as violations name files;
						  NULL: none */
};
/* A what-if: the modules a pattern matches, moved to a service. */
struct cl_move { const char *pattern; const char *service; int col; /* in a plan's line */ };
struct cl_check_opts {
	const char *baseline;        /* a baseline file to compare with; NULL: none */
	char **files; size_t nfiles; /* only violations that start in these files; 0: all */
	int require_reason;          /* inline suppressions need a reason (or [rules]) */
	const struct cl_move *moves; size_t nmoves;  /* reassign modules before checking */
};
/* Checks the stored graph against cfg's boundaries. Config errors that need the module list
 * (patterns matching nothing, overlapping services) are diagnostics with CL_EUSAGE. */
int cl_check(const struct cl_config *cfg, struct cl_store *st, const struct cl_check_opts *o,
	     struct cl_check_result *r, struct cl_diags *d);
void cl_check_release(struct cl_check_result *r);
void cl_violation_release(struct cl_violation *v);
enum cl_check_format { CL_FMT_TEXT, CL_FMT_JSON, CL_FMT_SARIF, CL_FMT_GITHUB, CL_FMT_JUNIT };
/* Writes the result; color adds ANSI colours to text. show_known lists baseline matches. */
int cl_check_write(const struct cl_check_result *r, enum cl_check_format f, int color,
		   int show_known, FILE *out);
/* Adds a row to the history table (time, git HEAD, the counts) for a full check. */
int cl_history_check(struct cl_store *st, const struct cl_config *cfg,
		     const struct cl_check_result *r, struct cl_diags *d);
/* The Markdown summary for $GITHUB_STEP_SUMMARY. */
void cl_check_write_summary(const struct cl_check_result *r, FILE *out);

/* Baseline files: the violations keyed by kind, from and to (never lines), with counts.
 * write records every new violation of r at warning or error severity; prune keeps only
 * the entries of path that still match, with their counts lowered to the current ones. */
int cl_baseline_write(const struct cl_check_result *r, const char *path, struct cl_diags *d);
/* The file `baseline write` and `prune` use and `check` applies without --baseline:
 * [project] baseline, else .cutline-baseline.json beside the config. *path is malloc'd.
 * *exists: the file is there. */
void cl_baseline_default(const struct cl_config *cfg, char **path, int *exists);
int cl_baseline_prune(const struct cl_check_result *r, const char *path, size_t *removed,
		      size_t *lowered, struct cl_diags *d);

/* --- explain ------------------------------------------------------------------------------ */
struct cl_explain_opts {
	const char *from, *to;       /* services, modules or packages */
	size_t max;                  /* chains to list (0: 5) */
	int json;
};
/* Writes the shortest import chains from o->from to o->to over the edges check sees. */
int cl_explain(const struct cl_config *cfg, struct cl_store *st, const struct cl_explain_opts *o,
	       FILE *out, struct cl_diags *d);

/* --- models ------------------------------------------------------------------------------- */
struct cl_models_opts {
	const char *service;         /* only the models it owns or touches; NULL: all */
	int json;
	int all;                     /* text: every write of an unknown model, not the first 20 */
};
/* Writes each model with its kind, module and owner, and who writes, reads and references
 * it (services, modules, counts); then the writes of an unknown model. */
int cl_models_write(const struct cl_config *cfg, struct cl_store *st,
		    const struct cl_models_opts *o, FILE *out, struct cl_diags *d);

/* --- propose ------------------------------------------------------------------------------ */
enum { CL_LEIDEN, CL_LOUVAIN };
struct cl_propose_opts {
	int method;                  /* CL_LEIDEN or CL_LOUVAIN */
	size_t services;             /* aim at this many; 0: the best modularity */
	size_t packages;             /* no clustering: the packages of this many name parts */
	unsigned long seed;          /* the first of the seeds tried */
	int pin_declared;            /* modules of a declared service stay together */
	double w_late, w_type, w_dynamic;          /* weights of the weaker imports (top = 1) */
	double w_package;                          /* of a module to its package */
	int damp_hubs;                             /* imports of much-imported modules weigh less */
	const char *const *history; size_t nhistory;  /* files of past commits, NULL after each */
	double w_cochange;                         /* of two modules changed in one commit */
	double w_write, w_read, w_reference;       /* weights of module -> model edges */
	int json;
	const char *toml_base;       /* the folder of the draft config (its paths start there) */
	const char *keep, *apart;    /* --keep, --apart: "A,B[;C,D]" (with the config's) */
};
/* Proposes services: clusters of modules (and the models each writes most), with metrics.
 * With toml, *toml is the proposal as a boundaries.toml draft (malloc'd). */
int cl_propose(const struct cl_config *cfg, struct cl_store *st, const struct cl_propose_opts *o,
	       FILE *out, char **toml, struct cl_diags *d);

/* --- whatif ------------------------------------------------------------------------------- */
/* A plan: steps applied one after the other, each a set of moves. A move to "new:NAME"
 * makes NAME a new service (no depends_on, layer, public or private: not checked; it owns
 * the models its modules define), which later steps name as NAME. */
struct cl_whatif_step {
	struct cl_move *moves; size_t nmoves;
	int line;                    /* its line in the plan file; 0: from --move */
};
struct cl_whatif_plan {
	const char *file;            /* the plan file as given, for messages; NULL: --move */
	struct cl_whatif_step *steps; size_t nsteps;
	char *text;                  /* cl_whatif_plan_read: the file, which the moves point into */
};
/* Reads a plan file: one step per line, `move PATTERN=SERVICE [PATTERN=SERVICE ...]`,
 * blank lines and `#` comments ignored; errors are file:line:col diagnostics (CL_EUSAGE).
 * The plan owns everything it points at; cl_whatif_plan_release frees it. */
int cl_whatif_plan_read(const char *path, struct cl_whatif_plan *p, struct cl_diags *d);
void cl_whatif_plan_release(struct cl_whatif_plan *p);
/* Checks cfg as it is, then after each step of the plan (borrowed): per step, the violations
 * that go, come and change (compared by kind, from and to, as baselines are), the counts and
 * the declared services' metrics before and after, and from the second step on the same
 * against the start. */
int cl_whatif(const struct cl_config *cfg, struct cl_store *st, const struct cl_whatif_plan *p,
	      int json, FILE *out, struct cl_diags *d);

/* --- federate ----------------------------------------------------------------------------- */
/* One draft Apollo Federation 2 subgraph per service (the proposal's when given): its
 * entities, the stubs of other services' models it reads, and the Query and Mutation fields
 * its cut needs (federate.c). A service with nothing to serve gets none (the JSON says so). */
struct cl_federate_opts {
	const struct cl_config *proposal;  /* another config over the same store, or NULL */
	int json;                    /* also the port inventory of each service, in the JSON */
};
struct cl_subgraph { char *service, *sdl; };
struct cl_federation {
	struct cl_subgraph *v; size_t n;
	char *json;                  /* the same as JSON, with what each subgraph holds and why */
};
int cl_federate(const struct cl_config *cfg, struct cl_store *st, const struct cl_federate_opts *o,
		struct cl_federation *out, struct cl_diags *d);
void cl_federation_release(struct cl_federation *f);

/* --- report ------------------------------------------------------------------------------- */
struct cl_report_opts {
	int html;                    /* self-contained HTML; else Markdown */
	const struct cl_config *proposal;  /* another config over the same store, or NULL */
	double dot_timeout;          /* seconds Graphviz may take (0: 10) */
	size_t max_edges;            /* edges drawn in the service graph, the heaviest (0: 60) */
};
/* The planning report for cfg's services, then (when o->proposal) for a proposal's: each
 * proposed service with its cut, and what moves where. Borrows everything. */
int cl_report(const struct cl_config *cfg, struct cl_store *st, const struct cl_report_opts *o,
	      FILE *out, struct cl_diags *d);

/* --- init --------------------------------------------------------------------------------- */
/* The [project] table of cfg as TOML, for a file in folder base (paths relative to it). */
char *cl_config_project_toml(const struct cl_config *cfg, const char *base);
/* [[service]] tables for the stored graph: one per package of up to depth parts (modules
 * outside packages share "toplevel"), depends_on as observed. *out is malloc'd. */
/* What `init` proposes before grouping services: tests globs that match files, excludes for
 * migrations and vendored libraries (only where the config has none), and a line per choice
 * saying why. Released by cl_init_plan_release. */
struct cl_init_plan {
	char **tests; size_t ntests;
	char **exclude; size_t nexclude;
	char **why; size_t nwhy;
};
int cl_init_plan(const struct cl_config *cfg, struct cl_init_plan *p);
void cl_init_plan_release(struct cl_init_plan *p);
int cl_init_services(const struct cl_config *cfg, struct cl_store *st, int depth, char **out,
		     size_t *nservices, struct cl_diags *d);

/* --- sql ----------------------------------------------------------------------------------- */
enum cl_sql_format { CL_SQL_TABLE, CL_SQL_CSV, CL_SQL_JSON };
/* What one query may take: seconds of run time and MB of memory, 0 for no limit. A query
 * stopped by either is CL_EUSAGE, with an error saying which limit and how to raise it. */
struct cl_sql_limits { int timeout_s; int memory_mb; };
int cl_sql_run(struct cl_store *st, const char *sql, enum cl_sql_format fmt,
	       const struct cl_sql_limits *lim, FILE *out, struct cl_diags *d);

#endif
