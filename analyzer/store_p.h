/* store_p.h — internals of the SQLite store shared by scan.c, graph.c and sql.c. */
#ifndef CUTLINE_STORE_P_H
#define CUTLINE_STORE_P_H

#include <sqlite3.h>
#include "cutline.h"

#define CL_SCHEMA_VERSION 15          /* 15: properties and signatures (federate) */
#define CL_PAGE_SUM 8                  /* reserved bytes at the end of a page: its checksum */
#define CL_APPLICATION_ID 0x63746c6e     /* "ctln" in the file's header: made by cutline */

struct cl_store {
	sqlite3 *db;
	char *path;
	int last_error;               /* SQLite's code for the last failed scan, before rollback */
	int in_txn;                   /* between store_begin and store_end */
	int txn_lost;                 /* SQLite rolled that transaction back by itself */
	int lost_code;                /* the error that made it (from SQLite's error log) */
	int lost_said;                /* ... and it has been reported */
	int read_error;               /* SQLite's extended code for the first failed read, or 0 */
	char *read_message;           /* ... and its message (malloc'd) */
	int read_said;                /* ... and it has been reported */
};

/* store_sum.c: the name of the VFS that keeps a checksum in every page (NULL when it
 * cannot be registered), and whether db's main file carries checksums. */
const char *store_sum_vfs(void);
/* sqlite3_file_control op: *(int *)arg = whether a page of the file failed its checksum. */
enum { CL_FCNTL_SUM_FAILED = 0x63746c31 };
int store_sum_on(sqlite3 *db);

/* Deletes a corrupt store (and its WAL files) under the store's lock, when it is ours to
 * replace: in a .cutline folder. Returns 0 when deleted. */
int store_remove_corrupt(const char *path);

/* The store's last error (a full disk said as such) as a diagnostic on d. */
void store_error(struct cl_store *st, struct cl_diags *d);
/* Runs sql (no results); on failure adds a diagnostic naming the store. */
int store_exec(struct cl_store *st, const char *sql, struct cl_diags *d);
/* meta table access; the result of store_meta_get is malloc'd or NULL. */
char *store_meta_get(struct cl_store *st, const char *key);
int store_meta_set(struct cl_store *st, const char *key, const char *value);
/* Binds v as text, or NULL when v is NULL (SQLITE_STATIC: v must outlive the step). */
void store_bind_text(sqlite3_stmt *q, int i, const char *v);
/* Prepares sql or adds a diagnostic. */
/* A write transaction. SQLite rolls one back by itself on some errors (a full disk met
 * while a read spills the cache): store_step then refuses every further step, so nothing
 * runs outside it, and store_end reports the first error and fails. store_end commits
 * (commit != 0) or rolls back. */
int store_begin(struct cl_store *st, struct cl_diags *d);
int store_end(struct cl_store *st, int commit, struct cl_diags *d);
/* sqlite3_step, or SQLITE_ABORT when the transaction is lost. Writes go through it. */
int store_step(struct cl_store *st, sqlite3_stmt *q);
/* Prepares sql; on failure records it as a failed read (see store_row) and, when d is
 * given, adds a diagnostic. */
sqlite3_stmt *store_prepare(struct cl_store *st, const char *sql, struct cl_diags *d);
/* Every read steps through this: 1 while q (which may be NULL) gives a row, 0 at the end.
 * A step that neither gives a row nor finishes (a damaged page, an I/O error, a busy
 * store) also gives 0, and is recorded on st: the command's answer is then no answer,
 * and cl_store_failed turns it into CL_EINTERNAL. */
int store_row(struct cl_store *st, sqlite3_stmt *q);
/* Records a failed read of st by hand (code: SQLite's). */
void store_read_failed(struct cl_store *st, int code);
/* Reads every page of every table and index (which checks each page's checksum); -1 and a
 * recorded failure when one fails. */
int store_verify(struct cl_store *st);
/* 1 when the failed read of st was damage (a checksum, a broken b-tree), not I/O or busy. */
int store_damaged(const struct cl_store *st);

/* history.c: what the history keys a config's rows by: its path relative to the store's
 * folder ("" without a config). Malloc'd. */
char *history_config_key(const struct cl_store *st, const struct cl_config *cfg);
/* history.c: a row for a scan that changed the store (inside its transaction). */
int history_scan(struct cl_store *st, const struct cl_config *cfg, const struct cl_scan_stats *s,
		 struct cl_diags *d);

#endif
