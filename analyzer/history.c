/* history.c — the history table: each scan that changed the store, and each full check,
 * adds a row with the time, the git HEAD, the config it ran with and its counts, for the
 * report's trend (a check that changes nothing since the last one of its config adds none).
 * A check with a baseline records the violations the baseline knows beside the new ones.
 * Rows survive the cache's rebuilds from changed facts (not a schema change or corruption). */
#include "store_p.h"
#include "util_p.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

char *history_config_key(const struct cl_store *st, const struct cl_config *cfg)
{
	if (!cfg->path) return xstrdup("");
	char *db = realpath(st->path, NULL), *conf = realpath(cfg->path, NULL);
	char *key = NULL;
	if (db && conf) {
		char *slash = strrchr(db, '/');
		if (slash) *(slash == db ? slash + 1 : slash) = 0;
		key = path_relative(db, conf);
	}
	if (!key) key = xstrdup(conf ? conf : cfg->path);
	free(db);
	free(conf);
	return key;
}

/* v: files, modules, edges, models, accesses, errors, warnings, infos, known errors, known
 * warnings; -1 for NULL. */
enum { NV = 10 };

static int insert(struct cl_store *st, const struct cl_config *cfg, const char *source,
		  const int64_t *v, double bad, struct cl_diags *d)
{
	sqlite3_stmt *q = store_prepare(st, "INSERT INTO history(time, head, source, files, modules, "
		"edges, models, accesses, errors, warnings, infos, known_errors, known_warnings, "
		"bad_dependency, config) VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", d);
	if (!q) return -1;
	char *head = git_head(cfg->dir), *key = history_config_key(st, cfg);
	sqlite3_bind_int64(q, 1, (int64_t)time(NULL));
	store_bind_text(q, 2, head);
	sqlite3_bind_text(q, 3, source, -1, SQLITE_STATIC);
	for (int i = 0; i < NV; i++) {
		if (v[i] < 0) sqlite3_bind_null(q, 4 + i);
		else sqlite3_bind_int64(q, 4 + i, v[i]);
	}
	if (bad < 0) sqlite3_bind_null(q, 4 + NV);
	else sqlite3_bind_double(q, 4 + NV, bad);
	sqlite3_bind_text(q, 5 + NV, key, -1, SQLITE_STATIC);
	int rc = store_step(st, q) == SQLITE_DONE ? 0 : -1;
	if (rc) store_error(st, d);
	sqlite3_finalize(q);
	free(head);
	free(key);
	return rc;
}

int history_scan(struct cl_store *st, const struct cl_config *cfg, const struct cl_scan_stats *s,
		 struct cl_diags *d)
{
	int64_t v[NV] = { (int64_t)s->files, (int64_t)s->modules, (int64_t)s->edges,
			  (int64_t)s->models, (int64_t)s->accesses, -1, -1, -1, -1, -1 };
	return insert(st, cfg, "scan", v, -1, d);
}

/* Is the last check row of this config the same as this one (same commit, same counts)?
 * Then a check run again adds nothing to the trend, and no write is needed. */
static int same_as_last(struct cl_store *st, const struct cl_config *cfg, const int64_t *v)
{
	sqlite3_stmt *q = store_prepare(st, "SELECT head, files, modules, errors, warnings, infos, "
		"known_errors, known_warnings FROM history WHERE source = 'check' AND config = ? "
		"ORDER BY id DESC LIMIT 1", NULL);
	char *key = history_config_key(st, cfg);
	int same = 0;
	if (q) sqlite3_bind_text(q, 1, key, -1, SQLITE_STATIC);
	if (store_row(st, q)) {
		char *head = git_head(cfg->dir);
		const char *last = (const char *)sqlite3_column_text(q, 0);
		same = (!head && !last) || (head && last && !strcmp(head, last));
		int64_t want[7] = { v[0], v[1], v[5], v[6], v[7], v[8], v[9] };
		for (int i = 0; i < 7 && same; i++) same = sqlite3_column_int64(q, i + 1) == want[i];
		free(head);
	}
	sqlite3_finalize(q);
	free(key);
	return same;
}

static int history_check_answer(struct cl_store *st, const struct cl_config *cfg,
		     const struct cl_check_result *r, struct cl_diags *d)
{
	int64_t ke = 0, kw = 0;
	for (size_t i = 0; i < r->n; i++) {
		if (!r->v[i].known) continue;
		if (r->v[i].severity == CL_ERROR) ke++;
		else if (r->v[i].severity == CL_WARNING) kw++;
	}
	int64_t v[NV] = { (int64_t)r->files, (int64_t)r->modules, -1, -1, -1, (int64_t)r->errors,
			  (int64_t)r->warnings, (int64_t)r->infos, ke, kw };
	double bad = r->cross_edges ? 100.0 * (double)r->bad_edges / (double)r->cross_edges : 0;
	if (same_as_last(st, cfg, v)) return 0;
	if (store_begin(st, d)) return -1;
	int rc = insert(st, cfg, "check", v, bad, d);
	return store_end(st, !rc, d) || rc ? -1 : 0;
}

/* A damaged store gives no answer: a read that failed turns the result into CL_EINTERNAL. */
int cl_history_check(struct cl_store *st, const struct cl_config *cfg,
		     const struct cl_check_result *r, struct cl_diags *d)
{
	return cl_store_failed(st, history_check_answer(st, cfg, r, d), d);
}
