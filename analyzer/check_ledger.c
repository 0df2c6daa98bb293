/* check_ledger.c — migrated-call: Python that still reaches, across the cut, a field the
 * migration ledger ([federation]) marks migrated. The fields are those `cutline federate`
 * drafts: an import of the function or class behind a Query or Mutation field, a write
 * that a migrated foreign-write Mutation now serves, or a write that changes an attribute
 * whose entity field is migrated. */
#include "check_p.h"
#include "federate_p.h"

#include <stdlib.h>
#include <string.h>

static void add(struct chk *c, const char *path, int line, int col, const char *from,
		int from_svc, const char *to, int to_svc, char *msg)
{
	struct iv *iv = ck_add(c, CL_K_MIGRATED_CALL, CL_ERROR, path, line, col, from, to, msg);
	if (!iv) return;
	iv->file = path ? ck_file(&c->g, path) : -1;
	iv->stmt_line = line;
	if (from_svc >= 0) iv->v.from_service = xstrdup(c->b->services[from_svc].name);
	if (to_svc >= 0) iv->v.to_service = xstrdup(c->b->services[to_svc].name);
}

/* The callers of each migrated root field: importers of its def, or the writers that a
 * migrated foreign-write mutation stands for. */
static void root_fields(struct chk *c, struct fed *x, const struct fsub *sg)
{
	const char *svc = c->b->services[sg->svc].name;
	for (size_t i = 0; i < sg->fields.n; i++) {
		const struct ffield *f = &sg->fields.v[i];
		const char *root = f->mutation ? "Mutation" : "Query";
		if (fed_ledger(x, root, f->name) != CL_LEDGER_MIGRATED) continue;
		for (size_t k = 0; k < f->callers.n; k++) {
			const struct fcaller *cl = &f->callers.v[k];
			int from = ck_module(&c->g, cl->module);
			char *msg = f->def ?
				xasprintf("%s imports %s, which %s now serves as %s.%s (migrated in the "
					  "ledger)", cl->module, f->py, svc, root, f->name) :
				xasprintf("%s%s%s writes %s (%s), which %s now serves as %s.%s (migrated "
					  "in the ledger)", cl->module, cl->func ? "." : "",
					  cl->func ? cl->func : "", f->py, cl->method ? cl->method : "write",
					  svc, root, f->name);
			add(c, cl->path, cl->line, cl->col, cl->module, from >= 0 ? c->g.svc[from] : -1,
			    f->py, sg->svc, msg);
		}
	}
}

/* Writes by other services that change an attribute whose entity field is migrated. */
static void entity_fields(struct chk *c, struct fed *x)
{
	for (size_t i = 0; i < fed_naccesses(x); i++) {
		const struct faccess *a = fed_access(x, i);
		int owner = fed_owner(x, a->model), svc = fed_module_service(x, a->module);
		if (!a->attrs || strcmp(a->op, "write") || owner < 0 || svc < 0 || svc == owner) continue;
		char *type = fed_type_name(x, a->model), *attrs = xstrdup(a->attrs), *save = NULL;
		for (char *w = strtok_r(attrs, " ", &save); w; w = strtok_r(NULL, " ", &save)) {
			char *field = fed_field_name(w);
			if (fed_ledger(x, type, field) == CL_LEDGER_MIGRATED) {
				const char *mod = fed_module_name(x, a->module);
				char *msg = xasprintf("%s%s%s changes %s.%s of %s, which %s now serves as "
						      "%s.%s (migrated in the ledger)", mod,
						      a->func ? "." : "", a->func ? a->func : "", type, w,
						      fed_dmodel(x, a->model)->name,
						      c->b->services[owner].name, type, field);
				char *to = xasprintf("%s.%s", fed_dmodel(x, a->model)->name, w);
				add(c, a->path, a->line, a->col, mod, svc, to, owner, msg);
				free(to);
			}
			free(field);
		}
		free(attrs);
		free(type);
	}
}

int check_ledger(struct chk *c, struct cl_store *st, struct cl_diags *d)
{
	const struct cl_config *cfg = c->g.cfg;
	size_t migrated = 0;
	for (size_t i = 0; i < cfg->nledger; i++) migrated += cfg->ledger[i].state == CL_LEDGER_MIGRATED;
	if (!migrated || !c->b->nservices) return CL_OK;
	struct fsub *subs;
	struct fed *x = fed_open(cfg, st, &subs, d);
	if (!x) return CL_EINTERNAL;
	for (size_t s = 0; s < c->b->nservices; s++) root_fields(c, x, &subs[s]);
	entity_fields(c, x);
	fed_close(x, subs);
	return CL_OK;
}
