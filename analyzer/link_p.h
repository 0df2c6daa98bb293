/* link_p.h — from a file's raw imports and dotted strings to stored edges: resolve_p.h's
 * rules applied to every module the file is (a file can be two modules), with the edges
 * written to the store and unresolved imports reported as warnings. */
#ifndef CUTLINE_LINK_P_H
#define CUTLINE_LINK_P_H

#include "resolve_p.h"
#include "store_p.h"

struct link_import {
	struct raw_import im;
	int64_t id;                   /* imports.id */
	int line, col;                /* of the imported name */
};
struct link_string { const char *text; int line, col; };

struct linker;
/* Reads the modules table (it must be current) and prepares the edge insert. */
struct linker *linker_new(const struct cl_config *cfg, struct cl_store *st, struct cl_diags *d);
void linker_free(struct linker *l);
/* Resolves one file's imports and strings for each of its modules and stores the edges
 * (the caller has deleted the file's old edges). */
int linker_file(struct linker *l, int64_t file, const char *path, int python, int absimp,
		const struct link_import *ims, size_t nims, const struct link_string *strs,
		size_t nstrs);
/* The same, reading the file's imports and strings from the store; also deletes its
 * old edges first. */
int linker_file_from_store(struct linker *l, int64_t file);

#endif
