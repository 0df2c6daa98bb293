/* inventory_p.h — the port inventory (inventory.c), which report.c and federate.c show. */
#ifndef CUTLINE_INVENTORY_P_H
#define CUTLINE_INVENTORY_P_H

#include "check_p.h"

/* The Python-2-only constructs a port must handle. */
enum { PY2_PRINT, PY2_EXCEPT_COMMA, PY2_BACKTICK, PY2_EXEC, PY2_BUILTIN, PY2_DICT_ITER,
       PY2_LONG, PY2_DIAMOND, PY2_RAISE_COMMA, PY2_IMPLICIT, PY2_COUNT };
const char *inventory_py2_name(int k);    /* words for a report */
const char *inventory_py2_key(int k);     /* a JSON key */

struct inv_tp { char *name; size_t count; };
struct inv_service {
	size_t files, lines, functions, classes, methods;   /* test code left out */
	struct inv_tp *tp; size_t ntp;                      /* third-party packages, most used first */
	size_t py2[PY2_COUNT];
	struct { char *path; int line; } first[PY2_COUNT];  /* where each is first met */
};
/* One per service of g (its config's), by index. */
int inventory_load(const struct ck_graph *g, size_t nservices, struct cl_store *st,
		   struct inv_service **out, struct cl_diags *d);
void inventory_free(struct inv_service *v, size_t n);
size_t inventory_py2_total(const struct inv_service *s);
/* The extraction order of g's k services, as the report orders them: least entangled first
 * over the imports between them (of edges not off) and their reads and writes of each
 * other's models (metrics_extraction_order), ties in dependency order
 * (metrics_dependency_order over the imports), test code included as the report's matrices
 * include it. seq and weight get k entries. */
int inventory_order(const struct ck_graph *g, const struct dmodels *dm, size_t k,
		    struct cl_store *st, size_t *seq, double *weight, struct cl_diags *d);

#endif
