/* store.c — the SQLite file behind every command: schema (documented in README "The store"),
 * opening with WAL and a busy timeout, and rebuilding a cache that is corrupt or from another
 * schema version (with a warning). All writes happen inside scan.c's single transaction. */
#include "store_p.h"
#include "util_p.h"

#include <errno.h>
#include <pthread.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/file.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char schema_sql[] =
	"CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT) WITHOUT ROWID;\n"
	"CREATE TABLE files(\n"
	"  id INTEGER PRIMARY KEY, path TEXT NOT NULL UNIQUE, size INTEGER, mtime_ns INTEGER,\n"
	"  hash TEXT, lines INTEGER, python INTEGER, absolute_import INTEGER,\n"
	"  parse_errors INTEGER, error_line INTEGER, error_col INTEGER, read_error TEXT,\n"
	"  data_hash TEXT);\n"
	"CREATE TABLE modules(\n"
	"  id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, file_id INTEGER,\n"
	"  is_package INTEGER, importable INTEGER, root TEXT);\n"
	"CREATE INDEX modules_file ON modules(file_id);\n"
	"CREATE TABLE aliases(name TEXT PRIMARY KEY, target TEXT, link TEXT) WITHOUT ROWID;\n"
	"CREATE TABLE imports(\n"
	"  id INTEGER PRIMARY KEY, file_id INTEGER NOT NULL, kind TEXT NOT NULL, level INTEGER,\n"
	"  module TEXT, name TEXT, alias TEXT, package TEXT, line INTEGER, col INTEGER,\n"
	"  stmt_line INTEGER, stmt_col INTEGER, ctx INTEGER,\n"
	"  late INTEGER GENERATED ALWAYS AS (ctx & 1) VIRTUAL,\n"
	"  in_class INTEGER GENERATED ALWAYS AS ((ctx >> 1) & 1) VIRTUAL,\n"
	"  in_try INTEGER GENERATED ALWAYS AS ((ctx >> 2) & 1) VIRTUAL,\n"
	"  try_catches_importerror INTEGER GENERATED ALWAYS AS ((ctx >> 3) & 1) VIRTUAL,\n"
	"  in_except INTEGER GENERATED ALWAYS AS ((ctx >> 4) & 1) VIRTUAL,\n"
	"  in_if INTEGER GENERATED ALWAYS AS ((ctx >> 5) & 1) VIRTUAL,\n"
	"  type_checking INTEGER GENERATED ALWAYS AS ((ctx >> 6) & 1) VIRTUAL);\n"
	"CREATE INDEX imports_file ON imports(file_id);\n"
	"CREATE TABLE defs(\n"
	"  id INTEGER PRIMARY KEY, file_id INTEGER NOT NULL, kind TEXT NOT NULL, name TEXT,\n"
	"  parent TEXT, bases TEXT, line INTEGER, col INTEGER, value TEXT, fields TEXT,\n"
	"  kind_name TEXT, abstract INTEGER, keys TEXT, members TEXT, props TEXT, params TEXT,\n"
	"  end_line INTEGER);\n"
	"CREATE INDEX defs_file ON defs(file_id);\n"
	"CREATE INDEX defs_data ON defs(file_id) WHERE kind = 'class' OR value IS NOT NULL;\n"
	"CREATE TABLE strings(\n"
	"  id INTEGER PRIMARY KEY, file_id INTEGER NOT NULL, text TEXT, line INTEGER, col INTEGER);\n"
	"CREATE INDEX strings_file ON strings(file_id);\n"
	"CREATE TABLE edges(\n"
	"  id INTEGER PRIMARY KEY, src INTEGER NOT NULL, dst INTEGER, target TEXT NOT NULL,\n"
	"  target_kind TEXT NOT NULL, kind TEXT NOT NULL, category TEXT NOT NULL, ctx INTEGER,\n"
	"  symbol TEXT, file_id INTEGER, line INTEGER, col INTEGER, import_id INTEGER);\n"
	"CREATE INDEX edges_src ON edges(src);\n"
	"CREATE INDEX edges_dst ON edges(dst);\n"
	"CREATE INDEX edges_file ON edges(file_id);\n"
	"CREATE TABLE suppressions(\n"
	"  id INTEGER PRIMARY KEY, file_id INTEGER NOT NULL, line INTEGER, col INTEGER,\n"
	"  alone INTEGER, kinds TEXT, reason TEXT);\n"
	"CREATE INDEX suppressions_file ON suppressions(file_id);\n"
	"CREATE TABLE data_refs(\n"
	"  id INTEGER PRIMARY KEY, file_id INTEGER NOT NULL, ord INTEGER NOT NULL, op TEXT NOT NULL,\n"
	"  method TEXT, target_type TEXT NOT NULL, target TEXT, attrs TEXT, hint TEXT,\n"
	"  function TEXT, class TEXT, api TEXT, line INTEGER, col INTEGER, fallback INTEGER,\n"
	"  caller INTEGER);\n"
	"CREATE INDEX data_refs_file ON data_refs(file_id, ord);\n"
	"CREATE TABLE accesses(\n"
	"  id INTEGER PRIMARY KEY, module_id INTEGER NOT NULL, model_id INTEGER, kind TEXT,\n"
	"  op TEXT NOT NULL, confidence TEXT NOT NULL, file_id INTEGER NOT NULL,\n"
	"  ref_ord INTEGER NOT NULL, basis TEXT);\n"
	"CREATE TABLE history(\n"
	"  id INTEGER PRIMARY KEY, time INTEGER NOT NULL, head TEXT, source TEXT NOT NULL,\n"
	"  files INTEGER, modules INTEGER, edges INTEGER, models INTEGER, accesses INTEGER,\n"
	"  errors INTEGER, warnings INTEGER, infos INTEGER, bad_dependency REAL, config TEXT,\n"
	"  known_errors INTEGER, known_warnings INTEGER);\n"
	"CREATE TABLE models(\n"
	"  id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, class TEXT NOT NULL,\n"
	"  module_id INTEGER NOT NULL, file_id INTEGER, line INTEGER, col INTEGER,\n"
	"  kind TEXT NOT NULL, abstract INTEGER NOT NULL, base TEXT NOT NULL, fields TEXT,\n"
	"  parent TEXT, props TEXT);\n"
	"CREATE VIEW parse_errors AS SELECT path, parse_errors, error_line, error_col, read_error\n"
	"  FROM files WHERE parse_errors > 0 OR read_error IS NOT NULL;\n"
	"CREATE VIEW unresolved AS SELECT f.path, e.line, e.col + 1 AS col, m.name AS module,\n"
	"  e.target, e.symbol, e.kind FROM edges e JOIN modules m ON m.id = e.src\n"
	"  LEFT JOIN files f ON f.id = e.file_id WHERE e.target_kind = 'unresolved';\n"
	"CREATE VIEW module_edges AS SELECT s.name AS src, d.name AS dst, e.kind, e.category,\n"
	"  e.symbol, f.path, e.line, e.col FROM edges e JOIN modules s ON s.id = e.src\n"
	"  JOIN modules d ON d.id = e.dst LEFT JOIN files f ON f.id = e.file_id;\n"
	"CREATE VIEW data_access AS SELECT m.name AS module, d.name AS model, a.kind, a.op,\n"
	"  a.confidence, a.basis, r.method, r.function, f.path, r.line, r.col, a.model_id,\n"
	"  a.module_id,\n"
	"  a.file_id FROM accesses a JOIN files f ON f.id = a.file_id\n"
	"  JOIN data_refs r ON r.file_id = a.file_id AND r.ord = a.ref_ord\n"
	"  LEFT JOIN modules m ON m.id = a.module_id LEFT JOIN models d ON d.id = a.model_id;\n";

int store_exec(struct cl_store *st, const char *sql, struct cl_diags *d)
{
	char *err = NULL;
	if (st->txn_lost) {           /* nothing may run outside the transaction it was in */
		if (d) store_error(st, d);
		return -1;
	}
	if (sqlite3_exec(st->db, sql, NULL, NULL, &err) == SQLITE_OK) return 0;
	if (d) store_error(st, d);
	sqlite3_free(err);
	return -1;
}

void store_bind_text(sqlite3_stmt *q, int i, const char *v)
{
	if (v) sqlite3_bind_text(q, i, v, -1, SQLITE_STATIC);
	else sqlite3_bind_null(q, i);
}

/* The store's last error as a diagnostic. A full disk (or a file size limit) says what
 * became of the cache: the transaction was rolled back, so it is as the last run left it. */
void store_error(struct cl_store *st, struct cl_diags *d)
{
	if (st->txn_lost && st->lost_said++) return;   /* once per lost transaction */
	int code = st->txn_lost && st->lost_code ? st->lost_code : sqlite3_extended_errcode(st->db);
	int e = sqlite3_system_errno(st->db);
	if ((code & 0xff) == SQLITE_FULL || ((code & 0xff) == SQLITE_IOERR &&
					     (e == ENOSPC || e == EDQUOT || e == EFBIG)))
		cl_diag_add(d, CL_ERROR, st->path, 0, 0, "cannot write the cache: %s; nothing of "
			    "this run was saved, the cache is as the last run left it",
			    e ? strerror(e) : "the disk is full");
	else if (e && (code & 0xff) == SQLITE_IOERR)
		cl_diag_add(d, CL_ERROR, st->path, 0, 0, "%s: %s", sqlite3_errmsg(st->db), strerror(e));
	else if (st->txn_lost)
		cl_diag_add(d, CL_ERROR, st->path, 0, 0, "SQLite rolled the transaction back: %s",
			    sqlite3_errstr(code));
	else
		cl_diag_add(d, CL_ERROR, st->path, 0, 0, "%s", sqlite3_errmsg(st->db));
}

/* SQLite's error log has the code of a statement that failed inside a library call we only
 * see the end of (a read that hit a full disk); the first one since store_begin is kept. */
static _Thread_local int first_logged;

static void sqlite_log(void *unused, int code, const char *msg)
{
	(void)unused, (void)msg;
	int c = code & 0xff;
	if (!first_logged && c != SQLITE_NOTICE && c != SQLITE_WARNING && c != SQLITE_SCHEMA)
		first_logged = code;
}

static void on_rollback(void *arg)
{
	struct cl_store *st = arg;
	if (!st->in_txn) return;
	st->txn_lost = 1;
	st->lost_code = first_logged;
}

int store_begin(struct cl_store *st, struct cl_diags *d)
{
	if (store_exec(st, "BEGIN IMMEDIATE", d)) return -1;
	first_logged = 0;
	st->in_txn = 1;
	st->txn_lost = st->lost_said = 0;
	return 0;
}

int store_end(struct cl_store *st, int commit, struct cl_diags *d)
{
	st->in_txn = 0;               /* our own ROLLBACK is no loss */
	if (st->txn_lost) {
		if (d) store_error(st, d);
		st->last_error = st->lost_code & 0xff;
		st->txn_lost = 0;
		return -1;
	}
	if (commit) {
		if (!store_exec(st, "COMMIT", d)) return 0;
		st->last_error = sqlite3_errcode(st->db);   /* before the rollback resets it */
		store_exec(st, "ROLLBACK", NULL);
		return -1;
	}
	return store_exec(st, "ROLLBACK", d);
}

int store_step(struct cl_store *st, sqlite3_stmt *q)
{
	return st->txn_lost ? SQLITE_ABORT : sqlite3_step(q);
}

sqlite3_stmt *store_prepare(struct cl_store *st, const char *sql, struct cl_diags *d)
{
	sqlite3_stmt *s = NULL;
	if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) != SQLITE_OK) {
		store_read_failed(st, sqlite3_extended_errcode(st->db));
		if (d) store_error(st, d);
		sqlite3_finalize(s);
		return NULL;
	}
	return s;
}

void store_read_failed(struct cl_store *st, int code)
{
	if (st->read_error) return;            /* the first failure is the one to tell */
	int sum_failed = 0;                    /* damage that SQLite reported as a plain I/O error */
	if (code == SQLITE_IOERR && st->db &&
	    sqlite3_file_control(st->db, "main", CL_FCNTL_SUM_FAILED, &sum_failed) == SQLITE_OK &&
	    sum_failed)
		code = SQLITE_IOERR_DATA;
	st->read_error = code ? code : SQLITE_ERROR;
	st->read_message = xstrdup(code == SQLITE_IOERR_DATA ? "a page's checksum does not match "
				   "(the file was damaged, or changed by another program)" :
				   code == sqlite3_extended_errcode(st->db) ? sqlite3_errmsg(st->db) :
				   sqlite3_errstr(code));
}

int store_row(struct cl_store *st, sqlite3_stmt *q)
{
	if (!q) return 0;                      /* not prepared: store_prepare recorded why */
	int rc = store_step(st, q);
	if (rc == SQLITE_ROW) return 1;
	if (rc != SQLITE_DONE) store_read_failed(st, rc == SQLITE_ABORT && st->txn_lost ?
						 SQLITE_ABORT : sqlite3_extended_errcode(st->db));
	return 0;
}

/* A damaged store: a page whose checksum does not match, or SQLite finding its structure
 * broken. (Busy and I/O errors are no damage: the store is left as it is.) */
static int is_damage(int code)
{
	return code == SQLITE_IOERR_DATA || (code & 0xff) == SQLITE_CORRUPT ||
	       (code & 0xff) == SQLITE_NOTADB;
}

int store_damaged(const struct cl_store *st)
{
	return st->read_error && is_damage(st->read_error);
}

int store_verify(struct cl_store *st)
{
	sqlite3_stmt *q = NULL;            /* without SQLite's dbstat table, no such check */
	if (sqlite3_prepare_v2(st->db, "SELECT count(*) FROM dbstat", -1, &q, NULL) != SQLITE_OK)
		q = NULL;
	while (store_row(st, q)) ;
	sqlite3_finalize(q);
	return st->read_error ? -1 : 0;
}

int cl_store_failed(struct cl_store *st, int rc, struct cl_diags *d)
{
	if (!st || !st->read_error) return rc;
	if (!st->read_said++)
		cl_diag_add(d, CL_ERROR, st->path, 0, 0, "cannot read the store: %s; no answer "
			    "was given: run `cutline scan --force`, or remove the .cutline folder",
			    st->read_message ? st->read_message : "error");
	return CL_EINTERNAL;
}

char *store_meta_get(struct cl_store *st, const char *key)
{
	sqlite3_stmt *s = store_prepare(st, "SELECT value FROM meta WHERE key = ?", NULL);
	char *v = NULL;
	if (!s) return NULL;
	sqlite3_bind_text(s, 1, key, -1, SQLITE_STATIC);
	if (store_row(st, s) && sqlite3_column_text(s, 0))
		v = xstrdup((const char *)sqlite3_column_text(s, 0));
	sqlite3_finalize(s);
	return v;
}

int store_meta_set(struct cl_store *st, const char *key, const char *value)
{
	sqlite3_stmt *s = store_prepare(st, "INSERT OR REPLACE INTO meta VALUES(?, ?)", NULL);
	if (!s) return -1;
	sqlite3_bind_text(s, 1, key, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, value, -1, SQLITE_STATIC);
	int rc = store_step(st, s) == SQLITE_DONE ? 0 : -1;
	sqlite3_finalize(s);
	return rc;
}

static int mkdirs(const char *path)
{
	char *p = xstrdup(path);
	for (char *s = strchr(p + 1, '/'); s; s = strchr(s + 1, '/')) {
		*s = 0;
		if (mkdir(p, 0777) && errno != EEXIST) {
			free(p);
			return -1;
		}
		*s = '/';
	}
	free(p);
	return 0;
}

static void remove_db(const char *path)
{
	char *w = xasprintf("%s-wal", path), *s = xasprintf("%s-shm", path);
	unlink(path);
	unlink(w);
	unlink(s);
	free(w);
	free(s);
}

enum { S_OK, S_EMPTY, S_OLD, S_FOREIGN, S_GARBAGE, S_ALTERED, S_DAMAGED, S_FAILED };

/* The schema as SQLite stores it, one line per object, from db's sqlite_master. */
static char *schema_text(sqlite3 *db)
{
	sqlite3_stmt *s = NULL;
	struct strbuf sb = {0};
	if (sqlite3_prepare_v2(db, "SELECT type, name, tbl_name, sql FROM sqlite_master "
			       "ORDER BY type, name", -1, &s, NULL) != SQLITE_OK) {
		sqlite3_finalize(s);
		return NULL;
	}
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		for (int i = 0; i < 4; i++) {
			const char *t = (const char *)sqlite3_column_text(s, i);
			sb_adds(&sb, t ? t : "");
			sb_addc(&sb, i == 3 ? '\n' : '\t');
		}
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE) {
		sb_release(&sb);
		return NULL;
	}
	return sb.buf ? sb.buf : xstrdup("");
}

/* The schema this version creates, made once in memory: a store whose own differs (a
 * trigger, a view, a column without NOT NULL added by someone else) is not trusted. */
static char *expected_schema;
static void make_expected(void)
{
	sqlite3 *m = NULL;
	if (sqlite3_open_v2(":memory:", &m, SQLITE_OPEN_READWRITE, NULL) == SQLITE_OK &&
	    sqlite3_exec(m, schema_sql, NULL, NULL, NULL) == SQLITE_OK)
		expected_schema = schema_text(m);
	sqlite3_close(m);
}

static int same_schema(struct cl_store *st)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;
	pthread_once(&once, make_expected);
	char *have = schema_text(st->db);
	if (!have) store_read_failed(st, sqlite3_extended_errcode(st->db));
	int same = have && expected_schema && !strcmp(have, expected_schema);
	free(have);
	return same;
}

static int application_id(struct cl_store *st)
{
	sqlite3_stmt *s = store_prepare(st, "PRAGMA application_id", NULL);
	int id = store_row(st, s) ? sqlite3_column_int(s, 0) : 0;
	sqlite3_finalize(s);
	return id;
}

/* What the file at st->db holds: our current schema, nothing, our older schema, some other
 * SQLite database, bytes that are not a database at all, our version with its schema
 * altered, a damaged store (a page that fails its checksum, a broken b-tree, a store of
 * this version whose pages carry no checksums), or a store that could not be read (busy,
 * an I/O error: st->read_error says which). *ours: the file says cutline made it. */
static int check_schema(struct cl_store *st, int *ours)
{
	*ours = 0;
	sqlite3_stmt *s = store_prepare(st, "SELECT count(*), sum(name = 'meta') FROM "
					"sqlite_master", NULL);
	int row = store_row(st, s), tables = row ? sqlite3_column_int(s, 0) : 0,
	    meta = row ? sqlite3_column_int(s, 1) : 0, state = S_OK;
	sqlite3_finalize(s);
	if (row && !tables) return S_EMPTY;
	if (row) {
		*ours = application_id(st) == CL_APPLICATION_ID;
		char *v = meta ? store_meta_get(st, "schema_version") : NULL;
		state = !meta ? (*ours ? S_ALTERED : S_FOREIGN) : !v ? S_FOREIGN :
			atoi(v) != CL_SCHEMA_VERSION ? S_OLD : !*ours ? S_FOREIGN :
			!same_schema(st) ? S_ALTERED : !store_sum_on(st->db) ? S_DAMAGED : S_OK;
		free(v);
	}
	if (!st->read_error) return state;
	return (st->read_error & 0xff) == SQLITE_NOTADB ? S_GARBAGE :
	       is_damage(st->read_error) ? S_DAMAGED : S_FAILED;
}

static void log_setup(void)
{
	sqlite3_config(SQLITE_CONFIG_LOG, sqlite_log, NULL);   /* fails if SQLite is in use */
}

/* A store this user cannot write, without a WAL to read: opened immutable, since SQLite
 * would otherwise create -wal and -shm files as read-only as the store, and every later
 * scan would fail on them after the store was made writable again. */
static char *immutable_uri(const char *path)
{
	char *wal = xasprintf("%s-wal", path);
	int plain = !access(path, W_OK) || !access(wal, F_OK);
	free(wal);
	if (plain) return NULL;
	struct strbuf sb = {0};
	sb_adds(&sb, "file:");
	for (const char *p = path; *p; p++)
		if (*p == '%' || *p == '?' || *p == '#') sb_addf(&sb, "%%%02X", (unsigned char)*p);
		else sb_addc(&sb, *p);
	sb_adds(&sb, "?immutable=1");
	return sb_detach(&sb);
}

static int open_db(struct cl_store *st, int mode)
{
	st->read_error = st->read_said = 0;
	free(st->read_message);
	st->read_message = NULL;
	int flags = mode == CL_STORE_READONLY ? SQLITE_OPEN_READONLY
					      : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
	static pthread_once_t once = PTHREAD_ONCE_INIT;
	pthread_once(&once, log_setup);
	char *uri = mode == CL_STORE_READONLY ? immutable_uri(st->path) : NULL;
	int rc = sqlite3_open_v2(uri ? uri : st->path, &st->db, flags | SQLITE_OPEN_NOMUTEX |
				 (uri ? SQLITE_OPEN_URI : 0), store_sum_vfs());
	free(uri);
	if (rc != SQLITE_OK) return -1;
	/* a store is data, never code: no schema-borne functions, no writable schema */
	sqlite3_db_config(st->db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
	sqlite3_db_config(st->db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
	sqlite3_busy_timeout(st->db, 60000);
	sqlite3_rollback_hook(st->db, on_rollback, st);
	return 0;
}

static int create_schema(struct cl_store *st, struct cl_diags *d)
{
	if (store_begin(st, d)) return -1;
	int ours;
	if (check_schema(st, &ours) == S_OK) return store_end(st, 1, d);   /* a racing scan made it */
	char *pragma = xasprintf("PRAGMA application_id = %d", CL_APPLICATION_ID);
	int bad = store_exec(st, pragma, d);
	free(pragma);
	if (bad || store_exec(st, schema_sql, d)) {
		store_end(st, 0, NULL);
		return -1;
	}
	char v[16];
	snprintf(v, sizeof(v), "%d", CL_SCHEMA_VERSION);
	int rc = store_meta_set(st, "schema_version", v) ||
		 store_meta_set(st, "tool_version", CUTLINE_VERSION);
	if (rc) store_error(st, d);
	return store_end(st, !rc, d) || rc ? -1 : 0;
}

/* A file is ours to delete and rebuild when it says cutline made it, or when it sits in a
 * real folder named .cutline (not a symbolic link to somewhere else): an older store, or
 * one a crash left as garbage. Anything else is the user's. */
static int ours_to_replace(const char *path, int ours)
{
	if (ours) return 1;
	const char *slash = strrchr(path, '/');
	size_t n = slash ? (size_t)(slash - path) : 0;
	if (n < 8 || strncmp(path + n - 8, ".cutline", 8) || (n > 8 && path[n - 9] != '/'))
		return 0;
	char *dir = xstrndup(path, n);
	struct stat sb;
	int real = !lstat(dir, &sb) && S_ISDIR(sb.st_mode);
	free(dir);
	return real && !lstat(path, &sb) && S_ISREG(sb.st_mode);
}

/* Opening, checking and creating the store is serialised between processes by a lock
 * file beside it: SQLite's own locks can answer "database is locked" at once (without
 * waiting) when several processes switch a new file to WAL at the same time. */
static int lock_store(const char *path)
{
	char *lp = xasprintf("%s.lock", path);
	int fd = open(lp, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0666);
	free(lp);
	if (fd >= 0) while (flock(fd, LOCK_EX) && errno == EINTR) ;
	return fd;
}

int store_remove_corrupt(const char *path)
{
	if (!ours_to_replace(path, 0)) return -1;
	int lock = lock_store(path);
	remove_db(path);
	if (lock >= 0) close(lock);
	return 0;
}

/* Before SQLite opens the store for writing, its folder and files must be writable: a
 * read-only graph.db made SQLite leave read-only -wal and -shm files behind, which kept the
 * next runs failing after the user fixed graph.db. */
static int cannot_write(const char *path, struct cl_diags *d)
{
	const char *slash = strrchr(path, '/');
	char *dir = slash ? xstrndup(path, slash == path ? 1 : (size_t)(slash - path)) : xstrdup(".");
	char *files[] = { dir, xstrdup(path), xasprintf("%s-wal", path), xasprintf("%s-shm", path) };
	int bad = 0;
	struct stat sb;
	if (!stat(dir, &sb) && !S_ISDIR(sb.st_mode)) {
		cl_diag_add(d, CL_ERROR, NULL, 0, 0, "cannot write %s: %s", dir, strerror(ENOTDIR));
		bad = 1;
	}
	for (int i = 0; i < 4 && !bad; i++)
		if ((i == 0 || !access(files[i], F_OK)) && access(files[i], i ? W_OK : W_OK | X_OK)) {
			cl_diag_add(d, CL_ERROR, NULL, 0, 0, "cannot write %s: %s", files[i],
				    strerror(errno));
			bad = 1;
		}
	for (int i = 0; i < 4; i++) free(files[i]);
	return bad;
}

/* The exit code of a store that SQLite failed to open or set up: an I/O error, a full
 * disk, a busy or damaged store is CL_EINTERNAL; a file that cannot be opened, CL_EUSAGE. */
static int open_failure(struct cl_store *st)
{
	int c = st->db ? sqlite3_errcode(st->db) : SQLITE_NOMEM;
	return c == SQLITE_IOERR || c == SQLITE_FULL || c == SQLITE_NOMEM || c == SQLITE_BUSY ||
	       c == SQLITE_LOCKED || c == SQLITE_CORRUPT || c == SQLITE_NOTADB ||
	       c == SQLITE_PROTOCOL ? CL_EINTERNAL : CL_EUSAGE;
}

int cl_store_open(const char *path, int mode, struct cl_store **out, struct cl_diags *d)
{
	int lock = -1, rc = CL_EUSAGE;
	struct cl_store *st = xcalloc(1, sizeof(*st));
	st->path = xstrdup(path);
	*out = NULL;
	struct stat sb;
	if (!lstat(path, &sb) && S_ISLNK(sb.st_mode)) {
		cl_diag_add(d, CL_ERROR, path, 0, 0, "the store is a symbolic link; cutline does not "
			    "follow one (name its target with --db)");
		goto fail;
	}
	if (!stat(path, &sb) && !S_ISREG(sb.st_mode)) {   /* /dev/zero, /dev/full, a folder */
		cl_diag_add(d, CL_ERROR, path, 0, 0, "not a regular file: the store is a file "
			    "cutline creates (choose another --db)");
		goto fail;
	}
	if (mode == CL_STORE_READONLY && stat(path, &sb)) {
		cl_diag_add(d, CL_ERROR, path, 0, 0, "no store yet; run `cutline scan` first");
		goto fail;
	}
	if (mode != CL_STORE_READONLY && mkdirs(path)) {
		cl_diag_add(d, CL_ERROR, path, 0, 0, "cannot create the store's folder: %s",
			    strerror(errno));
		goto fail;
	}
	if (mode != CL_STORE_READONLY && cannot_write(path, d)) goto fail;
	if (mode != CL_STORE_READONLY) lock = lock_store(path);
	for (int attempt = 0; attempt < 2; attempt++) {
		if (open_db(st, mode)) {
			cl_diag_add(d, CL_ERROR, path, 0, 0, "cannot open the store: %s",
				    st->db ? sqlite3_errmsg(st->db) : "out of memory");
			rc = open_failure(st);
			goto fail;
		}
		int ours, state = check_schema(st, &ours);
		if (state == S_OK) break;
		if (state == S_FAILED || (state == S_DAMAGED && !ours_to_replace(path, ours)) ||
		    (mode == CL_STORE_READONLY && (state == S_DAMAGED || (state == S_GARBAGE &&
						   ours_to_replace(path, ours))))) {
			/* an I/O failure, or damage that is not ours to mend here: no answer */
			cl_store_failed(st, 0, d);
			if (!st->read_error)
				cl_diag_add(d, CL_ERROR, path, 0, 0, "cannot read the store: its "
					    "pages carry no checksums; run `cutline scan --force`, "
					    "or remove the .cutline folder");
			rc = CL_EINTERNAL;
			goto fail;
		}
		if (state != S_EMPTY && !ours_to_replace(path, ours)) {
			cl_diag_add(d, CL_ERROR, path, 0, 0, "not a cutline store (%s); refusing to "
				    "replace it: remove it or choose another --db",
				    state == S_FOREIGN ? "an SQLite database of something else" :
				    state == S_GARBAGE ? "not an SQLite database" :
				    state == S_OLD ? "another version's store, outside a .cutline folder" :
				    "cutline's tables without cutline's mark");
			goto fail;
		}
		if (mode == CL_STORE_READONLY) {
			cl_diag_add(d, CL_ERROR, path, 0, 0, "the store is empty, corrupt or from "
				    "another version; run `cutline scan`");
			goto fail;
		}
		if (state == S_EMPTY) {
			int reserve = CL_PAGE_SUM;     /* room for each page's checksum */
			sqlite3_file_control(st->db, "main", SQLITE_FCNTL_RESERVE_BYTES, &reserve);
			if (store_exec(st, "PRAGMA journal_mode=WAL", d) || create_schema(st, d)) {
				rc = open_failure(st);
				goto fail;
			}
			if (!store_sum_on(st->db)) {
				cl_diag_add(d, CL_ERROR, path, 0, 0, "cannot make the store with a "
					    "checksum in every page");
				rc = CL_EINTERNAL;
				goto fail;
			}
			break;
		}
		if (attempt) goto fail;
		cl_diag_add(d, CL_WARNING, path, 0, 0, "the cache is %s%s%s: rebuilding it",
			    state == S_OLD ? "from another schema version" :
			    state == S_ALTERED ? "not as cutline made it (its schema was altered)" :
			    state == S_DAMAGED ? "damaged" : "corrupt",
			    state == S_DAMAGED && st->read_message ? ": " : "",
			    state == S_DAMAGED && st->read_message ? st->read_message : "");
		sqlite3_close(st->db);
		st->db = NULL;
		remove_db(path);
	}
	if (mode != CL_STORE_READONLY &&
	    store_exec(st, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;", d)) {
		rc = open_failure(st);
		goto fail;
	}
	if (lock >= 0) close(lock);
	*out = st;
	return CL_OK;
fail:
	if (lock >= 0) close(lock);
	cl_store_close(st);
	return rc;
}

void cl_store_close(struct cl_store *st)
{
	if (!st) return;
	if (st->db) sqlite3_close(st->db);
	free(st->read_message);
	free(st->path);
	free(st);
}

struct sqlite3 *cl_store_db(struct cl_store *st) { return st->db; }

int cl_store_is_empty(struct cl_store *st)
{
	sqlite3_stmt *q = store_prepare(st, "SELECT NOT EXISTS (SELECT 1 FROM files)", NULL);
	int empty = store_row(st, q) && sqlite3_column_int(q, 0);
	sqlite3_finalize(q);
	return empty;
}
