/* sql.c — `cutline sql`: one read-only statement against the store, printed as an aligned
 * table, CSV (RFC 4180) or JSON. Writes are refused twice: the connection is opened
 * read-only, and statements that are not read-only are rejected before they run. */
#include "store_p.h"
#include "util_p.h"

#include <cjson/cJSON.h>
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static void csv_field(FILE *out, const char *s)
{
	if (!strpbrk(s, ",\"\n\r")) {
		fputs(s, out);
		return;
	}
	fputc('"', out);
	for (; *s; s++) {
		if (*s == '"') fputc('"', out);
		fputc(*s, out);
	}
	fputc('"', out);
}

static char *cell(sqlite3_stmt *q, int i)
{
	if (sqlite3_column_type(q, i) == SQLITE_NULL) return xstrdup("");
	const char *t = (const char *)sqlite3_column_text(q, i);
	return xstrdup(t ? t : "");
}

/* A table cell on one line: control characters written as \n, \t, \xNN. */
static char *table_cell(sqlite3_stmt *q, int i)
{
	char *raw = cell(q, i);
	struct strbuf sb = {0};
	for (const unsigned char *p = (const unsigned char *)raw; *p; p++) {
		if (*p == '\n') sb_adds(&sb, "\\n");
		else if (*p == '\t') sb_adds(&sb, "\\t");
		else if (*p < 0x20 || *p == 0x7f) sb_addf(&sb, "\\x%02x", *p);
		else sb_addc(&sb, (char)*p);
	}
	free(raw);
	return sb_detach(&sb);
}

/* Display width in characters (UTF-8 continuation bytes do not count). */
static size_t width(const char *s)
{
	size_t w = 0;
	for (; *s; s++) w += ((unsigned char)*s & 0xC0) != 0x80;
	return w;
}

static cJSON *json_cell(sqlite3_stmt *q, int i)
{
	switch (sqlite3_column_type(q, i)) {
	case SQLITE_NULL: return cJSON_CreateNull();
	case SQLITE_INTEGER: {                 /* exact: a double would round 64-bit values */
		char buf[32];
		snprintf(buf, sizeof(buf), "%lld", (long long)sqlite3_column_int64(q, i));
		return cJSON_CreateRaw(buf);
	}
	case SQLITE_BLOB: {
		const unsigned char *b = sqlite3_column_blob(q, i);
		int n = sqlite3_column_bytes(q, i);
		struct strbuf sb = {0};
		sb_adds(&sb, "x'");
		for (int k = 0; k < n; k++) sb_addf(&sb, "%02x", b[k]);
		sb_addc(&sb, '\'');
		cJSON *v = cJSON_CreateString(sb.buf);
		sb_release(&sb);
		return v;
	}
	case SQLITE_FLOAT: return cJSON_CreateNumber(sqlite3_column_double(q, i));
	default: return cJSON_CreateString((const char *)sqlite3_column_text(q, i));
	}
}

static int only_space(const char *s)
{
	for (; *s; s++) {
		if (s[0] == '-' && s[1] == '-') {
			while (*s && *s != '\n') s++;
			if (!*s) break;
		} else if (!isspace((unsigned char)*s) && *s != ';') return 0;
	}
	return 1;
}

/* One table row: cells padded to their column widths, no trailing blanks. */
static void print_row(FILE *out, const size_t *w, int ncol, const char *const *cells)
{
	struct strbuf sb = {0};
	for (int c = 0; c < ncol; c++) {
		sb_adds(&sb, cells[c]);
		for (size_t k = width(cells[c]); k < w[c]; k++) sb_addc(&sb, ' ');
		if (c + 1 < ncol) sb_adds(&sb, "  ");
	}
	while (sb.len && sb.buf[sb.len - 1] == ' ') sb.buf[--sb.len] = 0;
	fprintf(out, "%s\n", sb_str(&sb));
	sb_release(&sb);
}

static void print_table(FILE *out, sqlite3_stmt *q, int ncol, char **rows, size_t nrows)
{
	size_t *w = xcalloc((size_t)ncol + 1, sizeof(size_t));
	const char **head = xcalloc((size_t)ncol + 1, sizeof(char *));
	char **rule = xcalloc((size_t)ncol + 1, sizeof(char *));
	for (int c = 0; c < ncol; c++) {
		head[c] = sqlite3_column_name(q, c);
		w[c] = width(head[c]);
	}
	for (size_t r = 0; r < nrows; r++)
		for (int c = 0; c < ncol; c++) {
			size_t l = width(rows[r * (size_t)ncol + (size_t)c]);
			if (l > w[c]) w[c] = l;
		}
	for (int c = 0; c < ncol; c++) {
		rule[c] = xmalloc(w[c] + 1);
		memset(rule[c], '-', w[c]);
		rule[c][w[c]] = 0;
	}
	print_row(out, w, ncol, head);
	print_row(out, w, ncol, (const char *const *)rule);
	for (size_t r = 0; r < nrows; r++)
		print_row(out, w, ncol, (const char *const *)rows + r * (size_t)ncol);
	for (int c = 0; c < ncol; c++) free(rule[c]);
	free(rule);
	free(head);
	free(w);
}

/* What a query may do: read tables, call functions (not the one that hands out pointers),
 * recurse, and ask the read-only pragmas about the schema. Attaching files, transactions
 * and everything else are refused when the statement is prepared. */
static int authorize(void *unused, int action, const char *a, const char *b, const char *db,
		     const char *trigger)
{
	(void)unused, (void)b, (void)db, (void)trigger;
	static const char *const pragmas[] = { "table_info", "table_xinfo", "index_list",
		"index_info", "index_xinfo", "foreign_key_list", "table_list", "function_list",
		"collation_list", NULL };
	switch (action) {
	case SQLITE_SELECT: case SQLITE_READ: case SQLITE_RECURSIVE:
		return SQLITE_OK;
	case SQLITE_FUNCTION:
		return b && (!strcmp(b, "fts3_tokenizer") || !strcmp(b, "load_extension")) ?
		       SQLITE_DENY : SQLITE_OK;
	case SQLITE_PRAGMA:
		for (size_t i = 0; pragmas[i]; i++)
			if (a && !strcasecmp(a, pragmas[i])) return SQLITE_OK;
		return SQLITE_DENY;
	default:
		return SQLITE_DENY;
	}
}

/* The query's budget: past the deadline the progress handler interrupts it; the cells kept
 * for a table or JSON (CSV streams) count against the memory limit, as SQLite's heap does. */
struct budget { double deadline; int timed_out; size_t kept, max_kept; };
struct cells { char **v; size_t n, cap; };      /* a VEC(char *) */

static int over_time(void *arg)
{
	struct budget *b = arg;
	if (b->deadline > 0 && now_seconds() > b->deadline) b->timed_out = 1;
	return b->timed_out;
}

/* Cells kept until the end; 0 when the budget is spent. */
static int keep(struct budget *b, sqlite3_stmt *q, int ncol)
{
	for (int c = 0; c < ncol; c++) b->kept += (size_t)sqlite3_column_bytes(q, c) + 16;
	return !b->max_kept || b->kept <= b->max_kept;
}

static int refuse_prepared(struct cl_store *st, sqlite3_stmt *q, int prep, const char *tail,
			   struct cl_diags *d)
{
	if (prep != SQLITE_OK) {
		cl_diag_add(d, CL_ERROR, NULL, 0, 0, "sql: %s%s", sqlite3_errmsg(st->db),
			    prep == SQLITE_AUTH ? " (one read-only query: SELECT or WITH, and the "
			    "pragmas that describe tables)" : "");
		return 1;
	}
	if (!q) {
		cl_diag_add(d, CL_ERROR, NULL, 0, 0, "sql: empty statement");
		return 1;
	}
	if (!sqlite3_stmt_readonly(q) || (tail && !only_space(tail))) {
		cl_diag_add(d, CL_ERROR, NULL, 0, 0, "sql: only one read-only statement is allowed");
		return 1;
	}
	return 0;
}

static void query_failed(struct cl_store *st, int rc, const struct budget *b,
			 const struct cl_sql_limits *lim, struct cl_diags *d)
{
	if (b->timed_out)
		cl_diag_add(d, CL_ERROR, NULL, 0, 0, "sql: stopped after %d s, the time limit "
			    "(--timeout SECONDS raises it, 0 for none)", lim->timeout_s);
	else if (rc == SQLITE_NOMEM || (b->max_kept && b->kept > b->max_kept))
		cl_diag_add(d, CL_ERROR, NULL, 0, 0, "sql: stopped: the query needs more than %d MB, "
			    "the memory limit (--max-memory MB raises it, 0 for none)", lim->memory_mb);
	else
		cl_diag_add(d, CL_ERROR, NULL, 0, 0, "sql: %s", sqlite3_errmsg(st->db));
}

/* Steps q to its end, printing CSV rows as they come and keeping the others. */
static int run_rows(sqlite3_stmt *q, enum cl_sql_format fmt, int ncol, FILE *out,
		    struct budget *b, cJSON *arr, struct cells *cells)
{
	int rc;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		if (fmt != CL_SQL_CSV && !keep(b, q, ncol)) return SQLITE_NOMEM;
		if (fmt == CL_SQL_JSON) {
			cJSON *o = cJSON_CreateObject();
			for (int c = 0; c < ncol; c++)
				cJSON_AddItemToObject(o, sqlite3_column_name(q, c), json_cell(q, c));
			cJSON_AddItemToArray(arr, o);
		} else if (fmt == CL_SQL_CSV) {
			for (int c = 0; c < ncol; c++) {
				char *v = cell(q, c);
				csv_field(out, v);
				free(v);
				fputc(c + 1 < ncol ? ',' : '\n', out);
			}
		} else {
			for (int c = 0; c < ncol; c++) VEC_PUSH(*cells, table_cell(q, c));
		}
	}
	return rc;
}

int cl_sql_run(struct cl_store *st, const char *sql, enum cl_sql_format fmt,
	       const struct cl_sql_limits *lim, FILE *out, struct cl_diags *d)
{
	sqlite3_stmt *q = NULL;
	const char *tail = NULL;
	struct budget b = { lim->timeout_s ? now_seconds() + lim->timeout_s : 0, 0, 0,
			    (size_t)lim->memory_mb << 20 };
	/* the whole process's SQLite heap, for this query only (a refresh ran before it) */
	sqlite3_int64 old_limit = sqlite3_hard_heap_limit64(-1);
	sqlite3_hard_heap_limit64((sqlite3_int64)lim->memory_mb << 20);
	sqlite3_progress_handler(st->db, 1000, over_time, &b);
	sqlite3_set_authorizer(st->db, authorize, NULL);
	int prep = sqlite3_prepare_v2(st->db, sql, -1, &q, &tail);
	sqlite3_set_authorizer(st->db, NULL, NULL);
	int ok = 0, ncol = 0, rc = SQLITE_ERROR;
	struct cells cells = {0};
	cJSON *arr = NULL;
	if (refuse_prepared(st, q, prep, tail, d)) goto out;
	ncol = sqlite3_column_count(q);
	arr = fmt == CL_SQL_JSON ? cJSON_CreateArray() : NULL;
	if (fmt == CL_SQL_CSV)
		for (int c = 0; c < ncol; c++) {
			csv_field(out, sqlite3_column_name(q, c));
			fputc(c + 1 < ncol ? ',' : '\n', out);
		}
	rc = run_rows(q, fmt, ncol, out, &b, arr, &cells);
	ok = rc == SQLITE_DONE;
	if (!ok) query_failed(st, rc, &b, lim, d);
	if (ok && fmt == CL_SQL_TABLE && ncol) print_table(out, q, ncol, cells.v, cells.n / (size_t)ncol);
	if (ok && fmt == CL_SQL_JSON) {
		char *t = json_print(arr);
		fprintf(out, "%s\n", t);
		free(t);
	}
out:
	for (size_t i = 0; i < cells.n; i++) free(cells.v[i]);
	VEC_FREE(cells);
	cJSON_Delete(arr);
	sqlite3_finalize(q);
	sqlite3_progress_handler(st->db, 0, NULL, NULL);
	sqlite3_hard_heap_limit64(old_limit);
	int damaged = !ok && rc != SQLITE_INTERRUPT && rc != SQLITE_NOMEM && rc != SQLITE_ERROR &&
		      rc != SQLITE_AUTH;      /* a read of the store failed, not the query */
	if (damaged) store_read_failed(st, sqlite3_extended_errcode(st->db));
	return ok ? CL_OK : damaged ? CL_EINTERNAL : CL_EUSAGE;
}
