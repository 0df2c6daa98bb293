/* store_p.h — internals of the SQLite store shared by scan.c, graph.c and sql.c. */
#ifndef CUTLINE_STORE_P_H
#define CUTLINE_STORE_P_H

#include <sqlite3.h>
#include "cutline.h"

#define CL_SCHEMA_VERSION 7

struct cl_store {
	sqlite3 *db;
	char *path;
	int last_error;               /* SQLite's code for the last failed scan, before rollback */
};

/* Deletes a corrupt store (and its WAL files) under the store's lock, when it is ours to
 * replace: in a .cutline folder. Returns 0 when deleted. */
int store_remove_corrupt(const char *path);

/* Runs sql (no results); on failure adds a diagnostic naming the store. */
int store_exec(struct cl_store *st, const char *sql, struct cl_diags *d);
/* meta table access; the result of store_meta_get is malloc'd or NULL. */
char *store_meta_get(struct cl_store *st, const char *key);
int store_meta_set(struct cl_store *st, const char *key, const char *value);
/* Binds v as text, or NULL when v is NULL (SQLITE_STATIC: v must outlive the step). */
void store_bind_text(sqlite3_stmt *q, int i, const char *v);
/* Prepares sql or adds a diagnostic. */
sqlite3_stmt *store_prepare(struct cl_store *st, const char *sql, struct cl_diags *d);

/* history.c: a row for a scan that changed the store (inside its transaction). */
int history_scan(struct cl_store *st, const struct cl_config *cfg, const struct cl_scan_stats *s,
		 struct cl_diags *d);

#endif
