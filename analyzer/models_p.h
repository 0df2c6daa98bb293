/* models_p.h — the data graph, built after each scan that changed something: the models
 * table (classes deriving from a configured model base) and the accesses table (each read,
 * write or reference of a model, resolved from the scan's data_refs). See models.c. */
#ifndef CUTLINE_MODELS_P_H
#define CUTLINE_MODELS_P_H

#include "cutline.h"

struct models_stats { size_t models, accesses, unknown_writes; };
/* Rewrites models and accesses from defs, imports, edges and data_refs. Runs inside the
 * caller's transaction. Returns 0, or -1 with a diagnostic. */
int models_refresh(const struct cl_config *cfg, struct cl_store *st, struct models_stats *out,
		   struct cl_diags *d);

/* After a scan that changed no data fact, only lines moved: puts each model at its class's
 * current line (accesses point at data_refs by order and move with them). */
int models_moved(struct cl_store *st, struct cl_diags *d);

#endif
