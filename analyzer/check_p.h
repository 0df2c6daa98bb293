/* check_p.h — the graph as check.c and explain.c read it from the store: modules numbered
 * in name order, each with its file and service; internal edges with their category,
 * location and the severity cap of their context ([rules] late, tests, ...). */
#ifndef CUTLINE_CHECK_P_H
#define CUTLINE_CHECK_P_H

#include "cutline.h"
#include "util_p.h"

struct ck_edge {
	int src, dst;               /* module indexes */
	int cat;                    /* enum cl_category */
	int file, line, col;        /* file index (-1: none); 1-based line and col */
	int stmt_line;              /* the import statement's first line (0: not an import) */
	int cap;                    /* the most severe a violation on it may be (CL_SEV_OFF..) */
};
struct ck_file { char *path; int is_test, parse_errors, error_line, error_col; char *read_error; };
struct ck_graph {
	const struct cl_config *cfg;
	char **names; size_t nmods;          /* sorted */
	int *mod_file;                       /* file index or -1 (namespace packages) */
	int *svc;                            /* service index or -1 */
	struct ck_file *files; size_t nfiles;
	VEC(struct ck_edge) edges;           /* sorted by file path, line, col */
};

/* A graph over some grouping of modules (modules, services, contract members): the unique
 * (u, v) pairs of the triples, sorted, each with the edge e that stands for it (the highest
 * cap, then the first by place) and the number of triples behind it. Vertices are 0..n-1. */
struct ck_triple { int u, v, e, cap; };
struct pairgraph { size_t n, m; int *uv, *rep; size_t *count; };
void pairgraph_build(struct pairgraph *pg, size_t n, struct ck_triple *t, size_t nt);
long pairgraph_find(const struct pairgraph *pg, int u, int v);     /* pair index, or -1 */
void pairgraph_free(struct pairgraph *pg);

/* Loads modules, files and internal edges; with services, assigns them (config errors on
 * overlaps and on patterns that match nothing). */
int ck_load(const struct cl_config *cfg, struct cl_store *st, int services, struct ck_graph *g,
	    struct cl_diags *d);
void ck_free(struct ck_graph *g);
/* Moves the modules each pattern matches to its service (a what-if), after ck_load. */
int ck_move(struct ck_graph *g, const struct cl_boundaries *b, const struct cl_move *mv,
	    size_t n, struct cl_diags *d);
/* The module index of name, or -1; the file index of a path, or -1. */
int ck_module(const struct ck_graph *g, const char *name);
int ck_file(const struct ck_graph *g, const char *path);
/* Words for an edge's context in messages and chains: "top", "late", "try", ... */
const char *ck_context(const struct ck_edge *e);

struct iv {
	struct cl_violation v;
	long pair;                /* cross-service module pair, for bad dependency %; -1 */
	int file;                 /* file index of path, or -1, for inline suppressions */
	int stmt_line;            /* the import statement's line, for inline suppressions */
	int drop;                 /* suppressed by an ignore */
};

struct chk {
	struct ck_graph g;
	const struct cl_boundaries *b;
	const char *cfgfile;      /* boundaries.toml, relative to cfg->dir */
	VEC(struct iv) out;
	struct smap pairs;        /* "src dst" -> pair id */
	size_t npairs;
	const int *svc_rank;      /* while service cycles are found: service -> its vertex */
};

/* Adds a violation unless its rule (or the context's cap) is off; NULL when off. */
struct iv *ck_add(struct chk *c, int kind, int cap, const char *path, int line, int col,
		  const char *from, const char *to, char *message);
/* check_ledger.c: migrated-call, when the ledger marks a field migrated. */
int check_ledger(struct chk *c, struct cl_store *st, struct cl_diags *d);
/* check_data.c: foreign-write, foreign-read, shared-model, unowned-model. */
int check_data(struct chk *c, struct cl_store *st, struct cl_diags *d);
/* The models with their owners (owns = [...], else the service of the defining module);
 * config errors for owns and reads patterns that name no model, or a model twice. */
struct dmodel {
	int64_t id;                /* models.id */
	char *name, *cls, *kind, *module, *path, *base;
	int line, col, abstract;
	int owner;                 /* service index, or -1 */
	int explicit_owner;        /* owns = [...] names it */
	unsigned char *writers;    /* by service: check's shared-model */
};
struct dmodels { struct dmodel *v; size_t n; struct smap by_id; };
int dmodels_load(struct dmodels *dm, const struct ck_graph *g, const struct cl_boundaries *b,
		 struct cl_store *st, struct cl_diags *d);
int64_t dmodels_find(const struct dmodels *dm, int64_t id);    /* index, or -1 */
void dmodels_free(struct dmodels *dm);

/* A helper check.c shares with baseline.c. */
int check_cmp_violation(const void *a, const void *b);
/* Marks the violations the baseline at path knows; adds stale-baseline violations (at sev,
 * unless off) for entries that match nothing. */
int baseline_apply(struct cl_check_result *r, const char *path, int sev, struct cl_diags *d);

#endif
