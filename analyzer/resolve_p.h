/* resolve_p.h — Python 2/3 import resolution: raw imports and dotted strings of one module
 * become edges to internal modules, or to stdlib / third-party / unresolved names, or to
 * `outside` ones (linked code the scan did not walk).
 * Pure: it knows only the module names it was given; no file system, no SQLite. */
#ifndef CUTLINE_RESOLVE_P_H
#define CUTLINE_RESOLVE_P_H

#include <stdint.h>
#include "cutline.h"

enum edge_kind { EDGE_IMPORT, EDGE_PARENT, EDGE_DYNAMIC, EDGE_STRING };
enum target_kind { T_INTERNAL, T_STDLIB, T_THIRD_PARTY, T_UNRESOLVED, T_OUTSIDE };
const char *edge_kind_name(int k);
const char *target_kind_name(int k);

struct resolver;
struct resolver *resolver_new(const struct cl_config *cfg);
void resolver_free(struct resolver *r);
/* Registers an internal module; only importable ones can be targets. */
void resolver_add_module(struct resolver *r, const char *name, int64_t id, int is_package,
			 int has_file, int importable);
/* Another name of a module (and, as a prefix, of what is below it); target NULL: the name
 * of a symlink out of the roots, whose imports are `outside`. */
void resolver_add_alias(struct resolver *r, const char *name, const char *target);

struct src_module {
	const char *name;
	int64_t id;
	int is_package, python, absolute_import;
};
struct raw_import {            /* one row of the imports table */
	int kind, level, ctx;      /* enum imp_kind, CTX_* flags */
	const char *module, *name, *package;
};
struct edge {
	int64_t dst;               /* module id, or -1 when not internal */
	const char *target;        /* dotted name of the target */
	int target_kind, kind, category;
	const char *symbol;        /* imported name inside the target, or NULL */
	int ctx;
};
typedef void (*edge_fn)(void *arg, const struct edge *e);

void resolve_import(struct resolver *r, const struct src_module *src, const struct raw_import *im,
		    edge_fn fn, void *arg);
/* A dotted string literal: an edge when it names an internal module or module.attribute. */
void resolve_string(struct resolver *r, const struct src_module *src, const char *text,
		    edge_fn fn, void *arg);

#endif
