/* scan.c — the incremental refresh of the store: discover → (read, hash, parse, extract on
 * a thread pool) → write facts and resolve each file as it arrives (link.c) → commit, all
 * in one transaction so a killed or concurrent scan never leaves a half-written cache.
 * Unchanged files (size and mtime, then content hash) are not parsed again; unchanged files
 * are resolved again only when the module set or the resolution settings changed, or their
 * Python version did. */
#include "discover_p.h"
#include "extract_p.h"
#include "link_p.h"
#include "models_p.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <xxhash.h>

enum { MAX_FILE_BYTES = 10 * 1000 * 1000, AHEAD = 512, MAX_THREADS = 256 };
enum job_status { J_PARSED, J_SAME, J_ERROR };

struct known { int64_t id, size, mtime_ns; uint64_t hash, data_hash; int python, seen, failed; };

struct job {
	size_t file;                  /* index in discovery files */
	char *path;                   /* to read (owned): workers never look at the discovery */
	int64_t size;
	int nofollow;                 /* the discovery saw no symlink at path: none is read */
	const struct known *old;      /* NULL for a new file (fresh jobs parse whatever its hash) */
	int fresh;                    /* parse whatever the hash (a job started before planning) */
	enum job_status status;
	uint64_t hash;
	uint64_t data_hash;           /* facts_data_hash: what the data graph reads of the file */
	char *error;
	struct file_facts facts;
	double seconds;               /* the read, parse and extraction took */
	int done;
};

/* The parser threads and their queue. Jobs arrive in file order, from the plan or, on an
 * empty store, from the discovery as it walks; the queue stays open until pool_close. */
struct pool {
	struct cl_queries *q;
	struct job **jobs;
	size_t njobs, cap, next, written;
	int closed;
	int abandoned;                /* the writer stopped: jobs left are not to be run */
	int compile_state;            /* 0 to do, 1 under way, 2 done */
	int compile_rc;
	struct cl_diags compile_diags;
	pthread_t *threads;
	int nthreads;
	pthread_mutex_t mu;
	pthread_cond_t cv_work, cv_done, cv_room;
};

struct scan {
	const struct cl_config *cfg;
	struct cl_store *st;
	struct cl_diags *d;
	struct discovery disc;
	struct known *known;          /* the store's files, as load_known read them */
	int64_t *file_ids;            /* store id by discovery file index */
	char *linked;                 /* by discovery file index: edges redone in this scan */
	VEC(size_t) dirty;            /* discovery indexes of unparsed files to resolve again */
	int full_resolve;
	struct linker *link;
	struct cl_scan_stats *stats;
	struct pool *pool;
	int changed;                  /* this scan writes something */
	int data_dirty;               /* what the data graph reads changed: rebuild it */
	int partial;                  /* only the files of opts->only (the module set is known) */
	int force;                    /* --force: every file parsed, every graph rebuilt */
};

/* --- workers --------------------------------------------------------------------------------- */

/* Tests only: with CUTLINE_TEST_READ_GATE=DIR each read first creates DIR/reading and waits
 * (20 s at most) for DIR/go, so a test can swap a file between discovery and reading. */
static void test_read_gate(void)
{
	const char *dir = getenv("CUTLINE_TEST_READ_GATE");
	if (!dir) return;
	char *ready = path_cat(dir, "reading"), *go = path_cat(dir, "go");
	int fd = open(ready, O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
	if (fd >= 0) close(fd);
	for (int i = 0; i < 2000 && access(go, F_OK); i++) usleep(10000);
	free(ready);
	free(go);
}

/* A file that was regular when discovered may be something else by now. */
static char *read_error(int e, int nofollow)
{
	if (e == ENOTREG_) return xstrdup("no longer a regular file (changed during the scan): not read");
	if (e == ELOOP && nofollow) return xstrdup("now a symlink (changed during the scan): not read");
	return xasprintf("cannot read: %s", strerror(e));
}

static void run_job_timed(struct extractor *x, struct strbuf *buf, struct job *j);

static void run_job(struct extractor *x, struct strbuf *buf, struct job *j)
{
	double t0 = now_seconds();
	run_job_timed(x, buf, j);
	j->seconds = now_seconds() - t0;
}

static void run_job_timed(struct extractor *x, struct strbuf *buf, struct job *j)
{
	if (j->size > MAX_FILE_BYTES) {
		j->status = J_ERROR;
		j->error = xasprintf("larger than %d MB: not parsed", MAX_FILE_BYTES / 1000000);
		return;
	}
	test_read_gate();
	if (read_file_into(j->path, buf, MAX_FILE_BYTES, j->nofollow ? RD_NOFOLLOW : 0)) {
		j->status = J_ERROR;
		j->error = read_error(errno, j->nofollow);
		return;
	}
	const char *src = buf->buf;
	size_t len = buf->len;
	if (len > MAX_FILE_BYTES) {        /* it grew after discovery looked */
		j->status = J_ERROR;
		j->error = xasprintf("larger than %d MB: not parsed", MAX_FILE_BYTES / 1000000);
		return;
	}
	j->hash = XXH3_64bits(src, len);
	if (!j->fresh && j->old && j->old->hash == j->hash) {
		j->status = J_SAME;
	} else {
		j->status = J_PARSED;
		extract_file(x, src, len, &j->facts);
		j->data_hash = facts_data_hash(&j->facts);
		if (j->facts.not_parsed) {
			j->status = J_ERROR;
			j->error = j->facts.not_parsed == NP_DEEP ?
				xasprintf("brackets nested %u deep (more than %d): not parsed",
					  j->facts.depth, MAX_BRACKET_DEPTH) :
				xasprintf("took more than %d s to parse: not parsed",
					  PARSE_TIMEOUT_US / 1000000);
			facts_release(&j->facts);
			memset(&j->facts, 0, sizeof(j->facts));
		}
	}
}

/* The first worker compiles the queries (when that is not done yet), the others wait. */
static int worker_compile(struct pool *p)
{
	if (p->compile_state == 0) {
		p->compile_state = 1;
		pthread_mutex_unlock(&p->mu);
		int rc = queries_compile(p->q, &p->compile_diags);
		pthread_mutex_lock(&p->mu);
		p->compile_rc = rc;
		p->compile_state = 2;
		pthread_cond_broadcast(&p->cv_work);
		pthread_cond_broadcast(&p->cv_done);
	}
	while (p->compile_state != 2) pthread_cond_wait(&p->cv_work, &p->mu);
	return p->compile_rc;
}

static void *worker(void *arg)
{
	struct pool *p = arg;
	struct extractor *x = NULL;
	struct strbuf buf = {0};                  /* each file's text, read in turn */
	pthread_mutex_lock(&p->mu);
	if (worker_compile(p)) goto out;
	pthread_mutex_unlock(&p->mu);
	x = extractor_new(p->q);
	pthread_mutex_lock(&p->mu);
	for (;;) {
		while (!p->abandoned && ((p->next >= p->njobs && !p->closed) ||
					 (p->next < p->njobs && p->next >= p->written + AHEAD)))
			pthread_cond_wait(p->next >= p->njobs ? &p->cv_work : &p->cv_room, &p->mu);
		if (p->next >= p->njobs || p->abandoned) break;
		struct job *j = p->jobs[p->next++];
		pthread_mutex_unlock(&p->mu);
		run_job(x, &buf, j);
		pthread_mutex_lock(&p->mu);
		j->done = 1;
		pthread_cond_broadcast(&p->cv_done);
	}
out:
	pthread_mutex_unlock(&p->mu);
	extractor_free(x);
	sb_release(&buf);
	return NULL;
}

static void pool_add(struct pool *p, struct job *j)
{
	pthread_mutex_lock(&p->mu);
	if (p->njobs == p->cap) {
		p->cap = p->cap ? p->cap * 2 : 256;
		p->jobs = xrealloc(p->jobs, p->cap * sizeof(*p->jobs));
	}
	p->jobs[p->njobs++] = j;
	pthread_cond_broadcast(&p->cv_work);
	pthread_mutex_unlock(&p->mu);
}

static void pool_close(struct pool *p)
{
	pthread_mutex_lock(&p->mu);
	p->closed = 1;
	pthread_cond_broadcast(&p->cv_work);
	pthread_mutex_unlock(&p->mu);
}

/* Starts nthreads workers (jobs <= 0: one per core). compiled says whether the queries
 * are ready; if not, the workers compile them first. */
static struct pool *pool_start(struct cl_queries *q, int jobs, int compiled)
{
	struct pool *p = xcalloc(1, sizeof(*p));
	p->q = q;
	p->compile_state = compiled ? 2 : 0;
	pthread_mutex_init(&p->mu, NULL);
	pthread_cond_init(&p->cv_work, NULL);
	pthread_cond_init(&p->cv_done, NULL);
	pthread_cond_init(&p->cv_room, NULL);
	int cores = (int)sysconf(_SC_NPROCESSORS_ONLN);
	int nt = jobs > 0 ? jobs : cores;
	if (nt < 1) nt = 1;
	if (nt > MAX_THREADS) nt = MAX_THREADS;   /* -j 2147483647 must not exhaust the machine */
	p->threads = xcalloc((size_t)nt, sizeof(pthread_t));
	for (int i = 0; i < nt; i++)
		if (!pthread_create(&p->threads[p->nthreads], NULL, worker, p)) p->nthreads++;
	return p;
}

/* Closes the queue, joins the workers, frees what is left. Returns the compile's result
 * and moves its diagnostics to d. */
static int pool_finish(struct pool *p, struct cl_diags *d)
{
	if (!p) return 0;
	pthread_mutex_lock(&p->mu);
	p->closed = p->abandoned = 1;           /* after an error, workers may wait for room */
	pthread_cond_broadcast(&p->cv_work);
	pthread_cond_broadcast(&p->cv_room);
	pthread_mutex_unlock(&p->mu);
	for (int i = 0; i < p->nthreads; i++) pthread_join(p->threads[i], NULL);
	for (size_t i = 0; i < p->compile_diags.n; i++) {
		const struct cl_diag *g = &p->compile_diags.v[i];
		cl_diag_add(d, g->severity, g->file, g->line, g->col, "%s", g->message);
	}
	int rc = p->compile_state == 2 ? p->compile_rc : 0;
	for (size_t i = 0; i < p->njobs; i++) {
		facts_release(&p->jobs[i]->facts);
		free(p->jobs[i]->error);
		free(p->jobs[i]->path);
		free(p->jobs[i]);
	}
	cl_diags_release(&p->compile_diags);
	pthread_mutex_destroy(&p->mu);
	pthread_cond_destroy(&p->cv_work);
	pthread_cond_destroy(&p->cv_done);
	pthread_cond_destroy(&p->cv_room);
	free(p->jobs);
	free(p->threads);
	free(p);
	return rc;
}

static struct job *new_job(size_t file, const struct disc_file *f, const struct known *old, int fresh)
{
	struct job *j = xcalloc(1, sizeof(*j));
	j->file = file;
	j->path = xstrdup(f->abspath);
	j->size = f->size;
	j->nofollow = !f->link;
	j->old = old;
	j->fresh = fresh;
	return j;
}

/* --- loading what the store knows ------------------------------------------------------------- */
static int load_known(struct scan *s, struct smap *by_path)
{
	sqlite3_stmt *q = store_prepare(s->st, "SELECT id, path, size, mtime_ns, hash, python, "
					"data_hash, read_error IS NOT NULL FROM files", s->d);
	if (!q) return -1;
	VEC(struct known) all = {0};
	while (store_row(s->st, q)) {
		struct known k = { sqlite3_column_int64(q, 0), sqlite3_column_int64(q, 2),
				   sqlite3_column_int64(q, 3), 0, 0, sqlite3_column_int(q, 5), 0,
				   sqlite3_column_int(q, 7) };
		const char *h = (const char *)sqlite3_column_text(q, 4);
		k.hash = h ? strtoull(h, NULL, 16) : 0;
		h = (const char *)sqlite3_column_text(q, 6);
		k.data_hash = h ? strtoull(h, NULL, 16) : 0;
		smap_put(by_path, (const char *)sqlite3_column_text(q, 1), (int64_t)all.n);
		VEC_PUSH(all, k);
	}
	sqlite3_finalize(q);
	s->known = all.v ? all.v : xcalloc(1, sizeof(struct known));
	return (int)all.n;
}

/* --- writing facts --------------------------------------------------------------------------- */
struct writer {
	sqlite3_stmt *upd_file, *touch_file, *del_imports, *del_defs, *del_strings,
		*del_edges, *del_sups, *del_refs, *ins_import, *ins_def, *ins_string, *ins_sup,
		*ins_ref;
};

static const char *const def_kind[] = { "class", "function", "method", "name", "all" };
static const char *const acc_op[] = { "", "read", "write", "reference" };
static const char *const acc_target[] = { "name", "chain", "kind", "self", "attrs", "unknown" };

static int writer_init(struct writer *w, struct scan *s)
{
	struct cl_store *st = s->st;
	struct cl_diags *d = s->d;
	w->upd_file = store_prepare(st, "UPDATE files SET size=?2, mtime_ns=?3, hash=?4, lines=?5, "
		"python=?6, absolute_import=?7, parse_errors=?8, error_line=?9, error_col=?10, "
		"read_error=?11, data_hash=?12 WHERE id=?1", d);
	w->touch_file = store_prepare(st, "UPDATE files SET size=?2, mtime_ns=?3, python=?4 "
		"WHERE id=?1", d);
	w->del_imports = store_prepare(st, "DELETE FROM imports WHERE file_id=?", d);
	w->del_defs = store_prepare(st, "DELETE FROM defs WHERE file_id=?", d);
	w->del_strings = store_prepare(st, "DELETE FROM strings WHERE file_id=?", d);
	w->del_edges = store_prepare(st, "DELETE FROM edges WHERE file_id=?", d);
	w->del_sups = store_prepare(st, "DELETE FROM suppressions WHERE file_id=?", d);
	w->del_refs = store_prepare(st, "DELETE FROM data_refs WHERE file_id=?", d);
	w->ins_ref = store_prepare(st, "INSERT INTO data_refs(file_id, op, method, target_type, "
		"target, attrs, hint, function, class, line, col, api, ord, fallback, caller) "
		"VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", d);
	w->ins_sup = store_prepare(st, "INSERT INTO suppressions(file_id, line, col, alone, kinds, "
		"reason) VALUES(?,?,?,?,?,?)", d);
	w->ins_import = store_prepare(st, "INSERT INTO imports(file_id, kind, level, module, name, "
		"alias, package, line, col, stmt_line, stmt_col, ctx) "
		"VALUES(?,?,?,?,?,?,?,?,?,?,?,?)", d);
	w->ins_def = store_prepare(st, "INSERT INTO defs(file_id, kind, name, parent, bases, line, "
		"col, value, fields, kind_name, abstract, keys, members, props, params, end_line) "
		"VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", d);
	w->ins_string = store_prepare(st, "INSERT INTO strings(file_id, text, line, col) "
		"VALUES(?,?,?,?)", d);
	return w->upd_file && w->touch_file && w->del_imports && w->del_defs &&
	       w->del_strings && w->del_edges && w->ins_import && w->ins_def && w->ins_string &&
	       w->del_sups && w->ins_sup && w->del_refs && w->ins_ref ? 0 : -1;
}

static void writer_release(struct writer *w)
{
	sqlite3_stmt **all = (sqlite3_stmt **)w;
	for (size_t i = 0; i < sizeof(*w) / sizeof(sqlite3_stmt *); i++) sqlite3_finalize(all[i]);
}

static int step(struct scan *s, sqlite3_stmt *q)
{
	int rc = store_step(s->st, q);
	sqlite3_reset(q);
	if (rc == SQLITE_DONE || rc == SQLITE_ROW) return 0;
	store_error(s->st, s->d);
	return -1;
}

static int delete_facts(struct scan *s, struct writer *w, int64_t id)
{
	sqlite3_stmt *del[] = { w->del_imports, w->del_defs, w->del_strings, w->del_edges,
				w->del_sups, w->del_refs };
	for (int i = 0; i < 6; i++) {
		sqlite3_bind_int64(del[i], 1, id);
		if (step(s, del[i])) return -1;
	}
	return 0;
}

static int insert_refs(struct scan *s, struct writer *w, int64_t id, const struct file_facts *f)
{
	for (size_t i = 0; i < f->accesses.n; i++) {
		const struct fact_access *a = &f->accesses.v[i];
		sqlite3_stmt *q = w->ins_ref;
		sqlite3_bind_int64(q, 1, id);
		sqlite3_bind_text(q, 2, acc_op[a->op], -1, SQLITE_STATIC);
		store_bind_text(q, 3, facts_str(f, a->method));
		sqlite3_bind_text(q, 4, acc_target[a->target], -1, SQLITE_STATIC);
		store_bind_text(q, 5, facts_str(f, a->text));
		store_bind_text(q, 6, facts_str(f, a->attrs));
		store_bind_text(q, 7, facts_str(f, a->hint));
		store_bind_text(q, 8, facts_str(f, a->func));
		store_bind_text(q, 9, facts_str(f, a->cls));
		sqlite3_bind_int(q, 10, (int)a->line);
		sqlite3_bind_int(q, 11, (int)a->col);
		store_bind_text(q, 12, facts_str(f, a->api));
		sqlite3_bind_int64(q, 13, (int64_t)i);
		sqlite3_bind_int(q, 14, a->fallback);
		sqlite3_bind_int(q, 15, a->caller);
		if (step(s, q)) return -1;
	}
	return 0;
}

static int insert_facts(struct scan *s, struct writer *w, int64_t id, const struct file_facts *f,
			int64_t *import_ids)
{
	for (size_t i = 0; i < f->imports.n; i++) {
		const struct fact_import *im = &f->imports.v[i];
		sqlite3_stmt *q = w->ins_import;
		sqlite3_bind_int64(q, 1, id);
		sqlite3_bind_text(q, 2, imp_kind_name(im->kind), -1, SQLITE_STATIC);
		sqlite3_bind_int(q, 3, im->level);
		store_bind_text(q, 4, facts_str(f, im->module));
		store_bind_text(q, 5, facts_str(f, im->name));
		store_bind_text(q, 6, facts_str(f, im->alias));
		store_bind_text(q, 7, facts_str(f, im->package));
		sqlite3_bind_int(q, 8, (int)im->line);
		sqlite3_bind_int(q, 9, (int)im->col);
		sqlite3_bind_int(q, 10, (int)im->stmt_line);
		sqlite3_bind_int(q, 11, (int)im->stmt_col);
		sqlite3_bind_int(q, 12, im->ctx);
		if (step(s, q)) return -1;
		import_ids[i] = sqlite3_last_insert_rowid(s->st->db);
	}
	for (size_t i = 0; i < f->defs.n; i++) {
		const struct fact_def *df = &f->defs.v[i];
		sqlite3_stmt *q = w->ins_def;
		sqlite3_bind_int64(q, 1, id);
		sqlite3_bind_text(q, 2, def_kind[df->kind], -1, SQLITE_STATIC);
		store_bind_text(q, 3, facts_str(f, df->name));
		store_bind_text(q, 4, facts_str(f, df->parent));
		store_bind_text(q, 5, facts_str(f, df->bases));
		sqlite3_bind_int(q, 6, (int)df->line);
		sqlite3_bind_int(q, 7, (int)df->col);
		store_bind_text(q, 8, facts_str(f, df->value));
		store_bind_text(q, 9, facts_str(f, df->fields));
		store_bind_text(q, 10, facts_str(f, df->kindname));
		sqlite3_bind_int(q, 11, df->abstract);
		store_bind_text(q, 12, facts_str(f, df->keys));
		store_bind_text(q, 13, facts_str(f, df->members));
		store_bind_text(q, 14, facts_str(f, df->props));
		store_bind_text(q, 15, facts_str(f, df->params));
		sqlite3_bind_int(q, 16, (int)df->end_line);
		if (step(s, q)) return -1;
	}
	if (insert_refs(s, w, id, f)) return -1;
	for (size_t i = 0; i < f->strings.n; i++) {
		sqlite3_stmt *q = w->ins_string;
		sqlite3_bind_int64(q, 1, id);
		store_bind_text(q, 2, facts_str(f, f->strings.v[i].text));
		sqlite3_bind_int(q, 3, (int)f->strings.v[i].line);
		sqlite3_bind_int(q, 4, (int)f->strings.v[i].col);
		if (step(s, q)) return -1;
	}
	for (size_t i = 0; i < f->suppressions.n; i++) {
		const struct fact_suppression *sp = &f->suppressions.v[i];
		sqlite3_stmt *q = w->ins_sup;
		sqlite3_bind_int64(q, 1, id);
		sqlite3_bind_int(q, 2, (int)sp->line);
		sqlite3_bind_int(q, 3, (int)sp->col);
		sqlite3_bind_int(q, 4, sp->alone);
		store_bind_text(q, 5, facts_str(f, sp->kinds));
		store_bind_text(q, 6, facts_str(f, sp->reason));
		if (step(s, q)) return -1;
	}
	return 0;
}

/* Stores the edges of a file just written, from its facts in memory. */
static int link_facts(struct scan *s, const struct job *j, const int64_t *import_ids)
{
	const struct file_facts *f = &j->facts;
	const struct disc_file *df = &s->disc.files.v[j->file];
	struct link_import *ims = xcalloc(f->imports.n + 1, sizeof(*ims));
	struct link_string *strs = xcalloc(f->strings.n + 1, sizeof(*strs));
	for (size_t i = 0; i < f->imports.n; i++) {
		const struct fact_import *im = &f->imports.v[i];
		ims[i] = (struct link_import){ { im->kind, im->level, im->ctx, facts_str(f, im->module),
			facts_str(f, im->name), facts_str(f, im->package) }, import_ids[i],
			(int)im->line, (int)im->col };
	}
	for (size_t i = 0; i < f->strings.n; i++)
		strs[i] = (struct link_string){ facts_str(f, f->strings.v[i].text),
			(int)f->strings.v[i].line, (int)f->strings.v[i].col };
	int rc = linker_file(s->link, s->file_ids[j->file], df->relpath, df->python,
			     f->absolute_import, ims, f->imports.n, strs, f->strings.n);
	free(ims);
	free(strs);
	s->linked[j->file] = 1;
	return rc;
}

/* Writes one finished job: the file's row, its facts and its edges. */
static int write_job(struct scan *s, struct writer *w, struct job *j)
{
	const struct disc_file *df = &s->disc.files.v[j->file];
	int64_t id = s->file_ids[j->file];
	char hash[17];
	snprintf(hash, sizeof(hash), "%016llx", (unsigned long long)j->hash);
	if (j->seconds > s->stats->t_slowest) {
		s->stats->t_slowest = j->seconds;
		snprintf(s->stats->slowest, sizeof(s->stats->slowest), "%s", df->relpath);
	}
	if (j->status == J_SAME) {
		sqlite3_bind_int64(w->touch_file, 1, id);
		sqlite3_bind_int64(w->touch_file, 2, df->size);
		sqlite3_bind_int64(w->touch_file, 3, df->mtime_ns);
		sqlite3_bind_int(w->touch_file, 4, df->python);
		if (step(s, w->touch_file)) return -1;
		if (j->old->python != df->python) VEC_PUSH(s->dirty, j->file);
		s->stats->unchanged++;
		return 0;
	}
	if (j->status == J_ERROR)
		cl_diag_add(s->d, CL_WARNING, df->relpath, 0, 0, "%s", j->error);
	if (j->status == J_PARSED && j->facts.nuls)
		cl_diag_add(s->d, CL_WARNING, df->relpath, (int)j->facts.nul_line, (int)j->facts.nul_col + 1,
			    "NUL byte%s (%u in this file), read as spaces: Python refuses such a file",
			    j->facts.nuls == 1 ? "" : "s", j->facts.nuls);
	if (j->status == J_PARSED && j->facts.deep_line)
		cl_diag_add(s->d, CL_WARNING, df->relpath, (int)j->facts.deep_line, (int)j->facts.deep_col + 1,
			    "brackets nested %u deep (more than %d): what is deeper than %d levels is "
			    "read as spaces, the rest parsed", j->facts.depth, MAX_BRACKET_DEPTH, SHALLOW_DEPTH);
	if (j->status == J_PARSED &&
	    j->facts.parse_errors > (j->facts.nuls ? 1u : 0u) + (j->facts.deep_line ? 1u : 0u))
		cl_diag_add(s->d, CL_WARNING, df->relpath, (int)j->facts.err_line, (int)j->facts.err_col + 1,
			    "syntax error (%u in this file); what parsed is kept", j->facts.parse_errors);
	sqlite3_stmt *q = w->upd_file;
	const struct file_facts *f = &j->facts;
	sqlite3_bind_int64(q, 1, id);
	sqlite3_bind_int64(q, 2, df->size);
	sqlite3_bind_int64(q, 3, df->mtime_ns);
	if (j->status == J_ERROR && !j->hash) sqlite3_bind_null(q, 4);
	else sqlite3_bind_text(q, 4, hash, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(q, 5, (int)f->lines);
	sqlite3_bind_int(q, 6, df->python);
	sqlite3_bind_int(q, 7, f->absolute_import);
	sqlite3_bind_int(q, 8, (int)f->parse_errors);
	sqlite3_bind_int(q, 9, (int)f->err_line);
	sqlite3_bind_int(q, 10, (int)f->err_col);
	store_bind_text(q, 11, j->error);
	char dh[17];
	snprintf(dh, sizeof(dh), "%016llx", (unsigned long long)j->data_hash);
	sqlite3_bind_text(q, 12, dh, -1, SQLITE_TRANSIENT);
	if (!j->old || j->old->data_hash != j->data_hash) s->data_dirty = 1;
	if (step(s, q)) return -1;
	if (j->old && delete_facts(s, w, id)) return -1;
	if (j->status == J_PARSED) s->stats->parsed++;
	int64_t *ids = xcalloc(f->imports.n + 1, sizeof(int64_t));
	int rc = insert_facts(s, w, id, f, ids);
	if (!rc) rc = link_facts(s, j, ids);
	free(ids);
	return rc;
}

/* --- the parse phase ------------------------------------------------------------------------- */
static void progress(size_t done, size_t total, double t0, int *shown)
{
	double el = now_seconds() - t0;
	if (el < 1.0 && !*shown) return;
	fprintf(stderr, "\rscanning: %zu/%zu files (%.0f%%) %.1f s", done, total,
		total ? 100.0 * (double)done / (double)total : 100.0, el);
	*shown = 1;
}

static int prepare_links(struct scan *s, size_t njobs);
static int remove_deleted(struct scan *s, size_t nknown);
static int register_files(struct scan *s);

/* Waits for job i; NULL when the workers cannot run it (the queries did not compile, or
 * no thread started: then the caller runs it). */
static struct job *wait_job(struct pool *p, size_t i, const struct cl_scan_opts *o, size_t n,
			    double t0, int *shown)
{
	struct job *j = NULL;
	pthread_mutex_lock(&p->mu);
	for (;;) {
		if (i < p->njobs && p->jobs[i]->done) { j = p->jobs[i]; break; }
		if (!p->nthreads || (p->compile_state == 2 && p->compile_rc)) break;
		struct timespec ts;
		clock_gettime(CLOCK_REALTIME, &ts);
		ts.tv_nsec += 200000000;
		if (ts.tv_nsec >= 1000000000) { ts.tv_sec++; ts.tv_nsec -= 1000000000; }
		pthread_cond_timedwait(&p->cv_done, &p->mu, &ts);
		if (o->progress) progress(i, n, t0, shown);
	}
	pthread_mutex_unlock(&p->mu);
	return j;
}

/* Brings the store's other tables up to date while the workers parse (new and deleted
 * files, modules, links: SQLite work that needs no parsed file), then writes each file's
 * results in order as they come. */
static int drain(struct scan *s, const struct cl_scan_opts *o, struct pool *p, size_t n,
		 size_t nknown)
{
	int rc = s->partial ? 0 : register_files(s);
	if (!rc && !s->partial) rc = remove_deleted(s, nknown);
	if (!rc && !s->partial) rc = prepare_links(s, n);
	if (!rc && s->partial && n && !(s->link = linker_new(s->cfg, s->st, s->d))) rc = -1;
	s->changed = n || s->full_resolve || s->dirty.n || s->stats->removed;
	struct writer w = {0};
	if (!rc) rc = writer_init(&w, s);
	double t0 = now_seconds();
	int shown = 0;
	struct extractor *x = NULL;               /* when no thread started: parse here */
	struct strbuf buf = {0};
	for (size_t i = 0; i < n && !rc; i++) {
		struct job *j = wait_job(p, i, o, n, t0, &shown);
		if (!j && !p->nthreads) {
			rc = queries_compile(p->q, s->d);
			j = p->jobs[i];
			if (!rc && !x) x = extractor_new(p->q);
			if (!rc) run_job(x, &buf, j);
		}
		if (!j) rc = CL_EUSAGE;                /* the queries did not compile */
		if (!rc && write_job(s, &w, j)) rc = -1;
		if (j) {
			facts_release(&j->facts);
			free(j->error);
			j->error = NULL;
		}
		pthread_mutex_lock(&p->mu);
		p->written = i + 1;
		pthread_cond_broadcast(&p->cv_room);
		pthread_mutex_unlock(&p->mu);
	}
	if (shown) fprintf(stderr, "\r%*s\r", 60, "");
	extractor_free(x);
	sb_release(&buf);
	writer_release(&w);
	return rc;
}

/* --- modules --------------------------------------------------------------------------------- */
static uint64_t modules_hash(const struct scan *s)
{
	XXH3_state_t *h = XXH3_createState();
	XXH3_64bits_reset(h);
	for (size_t i = 0; i < s->disc.modules.n; i++) {
		const struct disc_module *m = &s->disc.modules.v[i];
		const char *path = m->file >= 0 ? s->disc.files.v[m->file].relpath : "";
		char flags[24];
		snprintf(flags, sizeof(flags), "|%d%d|%d\n", m->is_package, m->importable, m->root);
		XXH3_64bits_update(h, m->name, strlen(m->name) + 1);
		XXH3_64bits_update(h, path, strlen(path) + 1);
		XXH3_64bits_update(h, flags, strlen(flags));
	}
	for (size_t i = 0; i < s->disc.aliases.n; i++) {
		const struct disc_alias *a = &s->disc.aliases.v[i];
		XXH3_64bits_update(h, "=", 1);
		XXH3_64bits_update(h, a->name, strlen(a->name) + 1);
		XXH3_64bits_update(h, a->target ? a->target : "", strlen(a->target ? a->target : "") + 1);
	}
	uint64_t v = XXH3_64bits_digest(h);
	XXH3_freeState(h);
	return v;
}

static int write_aliases(struct scan *s)
{
	if (store_exec(s->st, "DELETE FROM aliases", s->d)) return -1;
	sqlite3_stmt *q = store_prepare(s->st, "INSERT INTO aliases(name, target, link) "
					"VALUES(?,?,?)", s->d);
	int rc = q ? 0 : -1;
	for (size_t i = 0; i < s->disc.aliases.n && !rc; i++) {
		const struct disc_alias *a = &s->disc.aliases.v[i];
		sqlite3_bind_text(q, 1, a->name, -1, SQLITE_STATIC);
		store_bind_text(q, 2, a->target);
		store_bind_text(q, 3, a->link);
		rc = step(s, q);
	}
	sqlite3_finalize(q);
	return rc;
}

static int write_modules(struct scan *s)
{
	if (store_exec(s->st, "DELETE FROM modules", s->d)) return -1;
	sqlite3_stmt *q = store_prepare(s->st, "INSERT INTO modules(name, file_id, is_package, "
					"importable, root) VALUES(?,?,?,?,?)", s->d);
	if (!q) return -1;
	int rc = 0;
	for (size_t i = 0; i < s->disc.modules.n && !rc; i++) {
		const struct disc_module *m = &s->disc.modules.v[i];
		sqlite3_bind_text(q, 1, m->name, -1, SQLITE_STATIC);
		if (m->file >= 0) sqlite3_bind_int64(q, 2, s->file_ids[m->file]);
		else sqlite3_bind_null(q, 2);
		sqlite3_bind_int(q, 3, m->is_package);
		sqlite3_bind_int(q, 4, m->importable);
		sqlite3_bind_text(q, 5, s->cfg->roots[m->root], -1, SQLITE_STATIC);
		rc = step(s, q);
	}
	sqlite3_finalize(q);
	return rc || write_aliases(s) ? -1 : 0;
}

/* --- resolution of the files not parsed in this scan --------------------------------------- */
static int link_rest(struct scan *s)
{
	int rc = 0;
	if (s->full_resolve) {
		for (size_t i = 0; i < s->disc.files.n && !rc; i++)
			if (!s->linked[i]) rc = linker_file_from_store(s->link, s->file_ids[i]);
	} else {
		for (size_t k = 0; k < s->dirty.n && !rc; k++)
			if (!s->linked[s->dirty.v[k]]) rc = linker_file_from_store(s->link, s->file_ids[s->dirty.v[k]]);
	}
	return rc;
}

/* --- the whole refresh ------------------------------------------------------------------------ */
static char *settings_key(const struct cl_config *cfg, const char *what, uint64_t extra)
{
	struct strbuf sb = {0};
	sb_addf(&sb, "%s|%s|%016llx", CUTLINE_VERSION, what, (unsigned long long)extra);
	if (!strcmp(what, "resolve")) {
		sb_addf(&sb, "|%d", cfg->strict_third_party);
		for (size_t i = 0; i < cfg->nthird_party; i++) sb_addf(&sb, "|%s", cfg->third_party[i]);
	}
	return sb_detach(&sb);
}

/* Returns 1 when the stored value differs (and records the new one), 0 when it is the
 * same, -1 when it cannot be recorded. */
static int meta_changed(struct scan *s, const char *key, const char *value)
{
	char *old = store_meta_get(s->st, key);
	int changed = !old || strcmp(old, value);
	free(old);
	if (changed && store_meta_set(s->st, key, value)) {
		store_error(s->st, s->d);
		return -1;
	}
	return changed;
}

static int remove_deleted(struct scan *s, size_t nknown)
{
	struct writer w = {0};
	if (writer_init(&w, s)) {
		writer_release(&w);
		return -1;
	}
	sqlite3_stmt *del = store_prepare(s->st, "DELETE FROM files WHERE id=?", s->d);
	int rc = del ? 0 : -1;
	for (size_t i = 0; i < nknown && !rc; i++) {
		if (s->known[i].seen) continue;
		rc = delete_facts(s, &w, s->known[i].id);
		sqlite3_bind_int64(del, 1, s->known[i].id);
		if (!rc) rc = step(s, del);
		s->stats->removed++;
	}
	sqlite3_finalize(del);
	writer_release(&w);
	return rc;
}

static size_t count_of(struct scan *s, const char *sql)
{
	sqlite3_stmt *q = store_prepare(s->st, sql, NULL);
	size_t n = store_row(s->st, q) ? (size_t)sqlite3_column_int64(q, 0) : 0;
	sqlite3_finalize(q);
	return n;
}

/* The summary's counts. They take a few table scans, so a scan that changed the store
 * records them in meta, and one that changed nothing reads them back. */
static int final_counts(struct scan *s, int changed)
{
	struct cl_scan_stats *t = s->stats;
	t->files = s->partial ? count_of(s, "SELECT count(*) FROM files") : s->disc.files.n;
	t->modules = s->partial ? count_of(s, "SELECT count(*) FROM modules") : s->disc.modules.n;
	char *saved = changed ? NULL : store_meta_get(s->st, "counts");
	if (saved && sscanf(saved, "%zu %zu %zu %zu %zu %zu", &t->imports, &t->edges,
			    &t->parse_error_files, &t->unreadable, &t->unresolved, &t->outside) == 6) {
		free(saved);
		return 0;
	}
	free(saved);
	t->imports = count_of(s, "SELECT count(*) FROM imports");
	t->edges = count_of(s, "SELECT count(*) FROM edges");
	t->parse_error_files = count_of(s, "SELECT count(*) FROM files WHERE parse_errors > 0");
	t->unreadable = count_of(s, "SELECT count(*) FROM files WHERE read_error IS NOT NULL");
	t->unresolved = count_of(s, "SELECT count(*) FROM edges WHERE target_kind='unresolved' "
				 "AND kind <> 'parent'");
	t->outside = count_of(s, "SELECT count(*) FROM edges WHERE target_kind='outside' "
			      "AND kind <> 'parent'");
	char buf[160];
	snprintf(buf, sizeof(buf), "%zu %zu %zu %zu %zu %zu", t->imports, t->edges,
		 t->parse_error_files, t->unreadable, t->unresolved, t->outside);
	return store_meta_set(s->st, "counts", buf);
}

/* Plans the jobs: files whose size or mtime changed, that are new, or that could not be read
 * last time (a chmod changes neither size nor mtime). With a pool that the
 * discovery already fed (an empty store), every file is a job already; only what the
 * store knows is filled in. No writes here: the workers start on the plan. */
static size_t plan_jobs(struct scan *s, struct smap *by_path, int force, struct pool *pool,
			struct job ***out)
{
	struct job **jobs = xcalloc(s->disc.files.n + 1, sizeof(*jobs));
	size_t n = 0;
	for (size_t i = 0; i < s->disc.files.n; i++) {
		const struct disc_file *f = &s->disc.files.v[i];
		int64_t *ki = smap_get(by_path, f->relpath);
		struct known *k = ki ? &s->known[*ki] : NULL;
		if (k) {
			k->seen = 1;
			s->file_ids[i] = k->id;
		}
		if (pool) {                          /* pool->jobs[i] is file i: set its old row */
			pthread_mutex_lock(&pool->mu);
			pool->jobs[i]->old = k;
			pthread_mutex_unlock(&pool->mu);
			continue;
		}
		if (k && !force && !k->failed && k->size == f->size && k->mtime_ns == f->mtime_ns) {
			if (k->python != f->python) VEC_PUSH(s->dirty, i);
			s->stats->unchanged++;
			continue;
		}
		if (k && force) k->hash = 0;
		jobs[n++] = new_job(i, f, k, 0);
	}
	*out = jobs;
	return pool ? s->disc.files.n : n;
}

/* Gives each new file its row (so every file has its id before any is written) and
 * records a changed Python version of unparsed files. */
static int register_files(struct scan *s)
{
	sqlite3_stmt *ins = store_prepare(s->st, "INSERT INTO files(path, python) VALUES(?, ?)", s->d);
	sqlite3_stmt *py = store_prepare(s->st, "UPDATE files SET python=? WHERE id=?", s->d);
	int rc = ins && py ? 0 : -1;
	for (size_t i = 0; i < s->disc.files.n && !rc; i++) {
		if (s->file_ids[i]) continue;
		sqlite3_bind_text(ins, 1, s->disc.files.v[i].relpath, -1, SQLITE_STATIC);
		sqlite3_bind_int(ins, 2, s->disc.files.v[i].python);
		rc = step(s, ins);
		s->file_ids[i] = sqlite3_last_insert_rowid(s->st->db);
	}
	for (size_t k = 0; k < s->dirty.n && !rc; k++) {
		sqlite3_bind_int(py, 1, s->disc.files.v[s->dirty.v[k]].python);
		sqlite3_bind_int64(py, 2, s->file_ids[s->dirty.v[k]]);
		rc = step(s, py);
	}
	sqlite3_finalize(ins);
	sqlite3_finalize(py);
	return rc;
}

/* Brings modules and settings up to date; decides whether every file needs resolving. */
static int prepare_links(struct scan *s, size_t njobs)
{
	char mh[32];
	snprintf(mh, sizeof(mh), "%016llx", (unsigned long long)modules_hash(s));
	int mc = meta_changed(s, "modules_hash", mh);
	if (mc < 0) return -1;
	if (mc) {
		s->full_resolve = 1;
		if (write_modules(s)) return -1;
	}
	char *rk = settings_key(s->cfg, "resolve", 0);
	mc = meta_changed(s, "resolve_key", rk);
	free(rk);
	if (mc < 0) return -1;
	if (mc) s->full_resolve = 1;
	if (s->full_resolve && store_exec(s->st, "DELETE FROM edges", s->d)) return -1;
	if (!njobs && !s->full_resolve && !s->dirty.n) return 0;    /* nothing to link */
	s->link = linker_new(s->cfg, s->st, s->d);
	return s->link ? 0 : -1;
}

/* What decides the module set besides the files themselves: a partial scan needs it
 * unchanged since the last full one. */
static char *discovery_key(const struct cl_config *cfg)
{
	XXH3_state_t *h = XXH3_createState();
	XXH3_64bits_reset(h);
	char py[16];
	snprintf(py, sizeof(py), "%d", cfg->python);
	XXH3_64bits_update(h, py, strlen(py) + 1);
	for (size_t i = 0; i < cfg->nroots; i++) XXH3_64bits_update(h, cfg->roots[i], strlen(cfg->roots[i]) + 1);
	XXH3_64bits_update(h, "|", 1);
	for (size_t i = 0; i < cfg->nexclude; i++)
		XXH3_64bits_update(h, cfg->exclude[i], strlen(cfg->exclude[i]) + 1);
	for (size_t i = 0; i < cfg->noverrides; i++) {
		snprintf(py, sizeof(py), "=%d", cfg->overrides[i].python);
		XXH3_64bits_update(h, cfg->overrides[i].glob, strlen(cfg->overrides[i].glob) + 1);
		XXH3_64bits_update(h, py, strlen(py) + 1);
	}
	XXH3_64bits_update(h, cfg->implicit_init ? "|I" : "|", 2);
	for (size_t i = 0; i < cfg->nimplicit_init_globs; i++)
		XXH3_64bits_update(h, cfg->implicit_init_globs[i], strlen(cfg->implicit_init_globs[i]) + 1);
	XXH3_64bits_update(h, "|", 1);
	for (size_t i = 0; i < cfg->nfollow_links; i++)
		XXH3_64bits_update(h, cfg->follow_links[i], strlen(cfg->follow_links[i]) + 1);
	uint64_t v = XXH3_64bits_digest(h);
	XXH3_freeState(h);
	return settings_key(cfg, "discovery", v);
}

/* The data graph (models.c) is rebuilt whenever the facts or the [data] settings changed;
 * otherwise its counts are read back. */
static int refresh_data(struct scan *s)
{
	XXH3_state_t *h = XXH3_createState();
	XXH3_64bits_reset(h);
	for (size_t i = 0; i < s->cfg->nmodel_bases; i++)
		XXH3_64bits_update(h, s->cfg->model_bases[i], strlen(s->cfg->model_bases[i]) + 1);
	char *key = settings_key(s->cfg, "data", XXH3_64bits_digest(h));
	XXH3_freeState(h);
	int mc = meta_changed(s, "data_key", key);
	free(key);
	if (mc < 0) return -1;
	struct cl_scan_stats *t = s->stats;
	int rebuild = mc || s->force || s->data_dirty || s->full_resolve || s->dirty.n || t->removed;
	char *saved = rebuild ? NULL : store_meta_get(s->st, "data_counts");
	if (saved && sscanf(saved, "%zu %zu %zu", &t->models, &t->accesses, &t->unknown_writes) == 3) {
		free(saved);          /* accesses point at data_refs by order: only classes move */
		return s->changed ? models_moved(s->st, s->d) : 0;
	}
	free(saved);
	struct models_stats ms = {0};
	if (!getenv("CUTLINE_NO_DATA") && models_refresh(s->cfg, s->st, &ms, s->d)) return -1;
	t->models = ms.models;
	t->accesses = ms.accesses;
	t->unknown_writes = ms.unknown_writes;
	char buf[96];
	snprintf(buf, sizeof(buf), "%zu %zu %zu", t->models, t->accesses, t->unknown_writes);
	return store_meta_set(s->st, "data_counts", buf);
}

/* base/rel with "." and ".." resolved by name (rel as the store has it: the folders from a
 * config to its roots, realpath'd when written, then names inside them). */
static char *normalized(const char *base, const char *rel)
{
	char *all = xasprintf("%s/%s", base, rel);
	VEC(char *) parts = {0};
	for (char *t = strtok(all, "/"); t; t = strtok(NULL, "/")) {
		if (!strcmp(t, ".")) continue;
		if (!strcmp(t, "..")) {
			if (parts.n) parts.n--;
			continue;
		}
		VEC_PUSH(parts, t);
	}
	struct strbuf sb = {0};
	for (size_t i = 0; i < parts.n; i++) sb_addf(&sb, "/%s", parts.v[i]);
	VEC_FREE(parts);
	free(all);
	return sb.len ? sb_detach(&sb) : xstrdup("/");
}

/* The store's paths are relative to the folder of the config that last scanned it. Another
 * config over the same store (a propose draft in another folder) sees the same files from
 * its own folder: their paths are rewritten, not the files parsed again. */
static int rebase_paths(struct scan *s)
{
	char *here = realpath(s->cfg->dir, NULL), *was = here ? store_meta_get(s->st, "files_base") : NULL;
	int rc = 0;
	if (was && strcmp(was, here)) {
		sqlite3_stmt *q = store_prepare(s->st, "SELECT id, path FROM files", s->d);
		VEC(int64_t) ids = {0};
		VEC(char *) paths = {0};
		while (store_row(s->st, q)) {
			const char *p = (const char *)sqlite3_column_text(q, 1);
			if (!p || p[0] == '/') continue;
			char *abs = normalized(was, p);
			VEC_PUSH(ids, sqlite3_column_int64(q, 0));
			VEC_PUSH(paths, path_relative(here, abs));
			free(abs);
		}
		sqlite3_finalize(q);
		rc = !q || store_exec(s->st, "UPDATE files SET path = char(1) || id WHERE path NOT LIKE '/%'", s->d);
		sqlite3_stmt *u = rc ? NULL : store_prepare(s->st, "UPDATE files SET path = ?2 WHERE id = ?1", s->d);
		for (size_t i = 0; u && !rc && i < ids.n; i++) {
			sqlite3_bind_int64(u, 1, ids.v[i]);
			store_bind_text(u, 2, paths.v[i]);
			rc = step(s, u);
		}
		if (u) sqlite3_finalize(u);
		else rc = -1;
		for (size_t i = 0; i < paths.n; i++) free(paths.v[i]);
		VEC_FREE(paths);
		VEC_FREE(ids);
	}
	if (!rc && here && (!was || strcmp(was, here)) && store_meta_set(s->st, "files_base", here)) {
		store_error(s->st, s->d);
		rc = -1;
	}
	free(was);
	free(here);
	return rc ? -1 : 0;
}

static int scan_locked(struct scan *s, const struct cl_scan_opts *o, struct cl_queries *q)
{
	char *facts_key = settings_key(s->cfg, "facts", queries_hash(q));
	int mc = meta_changed(s, "facts_key", facts_key);
	free(facts_key);
	if (mc < 0) return -1;
	if (!s->partial) {
		char *dk = discovery_key(s->cfg);
		int dc = meta_changed(s, "discovery_key", dk);
		free(dk);
		if (dc < 0) return -1;
	}
	if (mc) {
		s->full_resolve = 1;
		if (store_exec(s->st, "DELETE FROM edges; DELETE FROM strings; DELETE FROM suppressions; DELETE FROM defs; "
			       "DELETE FROM data_refs; DELETE FROM accesses; DELETE FROM models; "
			       "DELETE FROM imports; DELETE FROM files; DELETE FROM modules; "
			       "DELETE FROM meta WHERE key = 'modules_hash';", s->d))
			return -1;
	}
	if (rebase_paths(s)) return -1;
	struct smap by_path = {0};
	int nknown = load_known(s, &by_path);
	if (nknown < 0) return -1;
	s->file_ids = xcalloc(s->disc.files.n + 1, sizeof(int64_t));
	s->linked = xcalloc(s->disc.files.n + 1, 1);
	struct job **jobs;
	size_t njobs = plan_jobs(s, &by_path, o->force, s->pool, &jobs);
	smap_release(&by_path);
	double t0 = now_seconds();
	int rc = 0;
	if (!s->pool && njobs) {                  /* the plan's jobs go to a new pool */
		rc = queries_compile(q, s->d);
		if (!rc) s->pool = pool_start(q, o->jobs, 1);
		for (size_t i = 0; i < njobs; i++) {
			if (s->pool) {
				pool_add(s->pool, jobs[i]);
			} else {
				free(jobs[i]->path);
				free(jobs[i]);
			}
		}
	}
	free(jobs);
	if (s->pool) pool_close(s->pool);
	if (!rc) rc = drain(s, o, s->pool, njobs, (size_t)nknown);
	s->stats->t_parse = now_seconds() - t0;
	t0 = now_seconds();
	if (!rc) rc = link_rest(s);
	s->stats->t_resolve = now_seconds() - t0;
	return rc;
}

/* On an empty store every file will be parsed: the workers start at once (compiling the
 * queries first) and parse the files as the discovery finds them. */
static void prefetch(void *arg, size_t index, const struct disc_file *f)
{
	struct scan *s = arg;
	pool_add(s->pool, new_job(index, f, NULL, 1));
}

static int store_is_empty(struct cl_store *st)
{
	sqlite3_stmt *c = store_prepare(st, "SELECT EXISTS (SELECT 1 FROM files)", NULL);
	int empty = store_row(st, c) && !sqlite3_column_int(c, 0);
	sqlite3_finalize(c);
	return empty;
}

static int meta_is(struct cl_store *st, const char *key, char *want)
{
	char *have = store_meta_get(st, key);
	int same = have && !strcmp(have, want);
	free(have);
	free(want);
	return same;
}

/* A file of opts->only as the discovery would list it, if the store knows it with the same
 * Python version; else -1. */
static int known_file(const struct cl_config *cfg, struct cl_store *st, sqlite3_stmt *q,
		      const char *path, struct disc_file *f)
{
	struct stat sb;
	char *abs = realpath(path, NULL), *rel = discover_relpath(cfg, path);
	if (!abs || !rel || stat(abs, &sb) || !S_ISREG(sb.st_mode)) {
		free(abs);
		free(rel);
		return -1;
	}
	memset(f, 0, sizeof(*f));
	f->abspath = abs;
	f->relpath = rel;
	f->python = cl_config_python_for(cfg, f->relpath);
	f->size = sb.st_size;
	f->mtime_ns = (int64_t)sb.st_mtim.tv_sec * 1000000000 + sb.st_mtim.tv_nsec;
	sqlite3_bind_text(q, 1, f->relpath, -1, SQLITE_STATIC);
	int ok = store_row(st, q) && sqlite3_column_int(q, 0) == f->python;
	sqlite3_reset(q);
	if (!ok) {
		free(f->abspath);
		free(f->relpath);
	}
	return ok ? 0 : -1;
}

/* The discovery of a partial scan: only opts->only, when the store knows every one of them
 * and the settings that decide the module set are unchanged. Returns 0, or -1 when a full
 * scan is needed. */
static int partial_discovery(struct scan *s, const struct cl_scan_opts *o, struct cl_queries *q)
{
	if (store_is_empty(s->st) ||
	    !meta_is(s->st, "facts_key", settings_key(s->cfg, "facts", queries_hash(q))) ||
	    !meta_is(s->st, "resolve_key", settings_key(s->cfg, "resolve", 0)) ||
	    !meta_is(s->st, "discovery_key", discovery_key(s->cfg)))
		return -1;
	sqlite3_stmt *k = store_prepare(s->st, "SELECT python FROM files WHERE path = ?", NULL);
	int rc = k ? 0 : -1;
	for (size_t i = 0; i < o->nonly && !rc; i++) {
		struct disc_file f;
		rc = known_file(s->cfg, s->st, k, o->only[i], &f);
		if (!rc) VEC_PUSH(s->disc.files, f);
	}
	sqlite3_finalize(k);
	if (rc) {
		discovery_release(&s->disc);
		memset(&s->disc, 0, sizeof(s->disc));
	}
	return rc;
}

int cl_scan(const struct cl_config *cfg, struct cl_store *st, const struct cl_scan_opts *o,
	    struct cl_scan_stats *stats, struct cl_diags *d)
{
	struct scan s = { .cfg = cfg, .st = st, .d = d, .stats = stats };
	struct cl_queries *q = NULL;
	double t0 = now_seconds();
	memset(stats, 0, sizeof(*stats));
	if (getenv("CUTLINE_NO_DATA"))      /* make bench's switch; never silently on */
		cl_diag_add(d, CL_WARNING, NULL, 0, 0, "CUTLINE_NO_DATA is set: no data access is "
			    "extracted, and data checks find nothing (a benchmark switch)");
	int rc = queries_load(o->queries_dir, cfg->data_queries, cfg->ndata_queries, &q, d);
	if (rc) return rc;
	s.force = o->force;
	s.partial = o->nonly && !o->force && !partial_discovery(&s, o, q);
	if (!s.partial && store_is_empty(st)) s.pool = pool_start(q, o->jobs, 0);
	if (!s.partial) rc = discover(cfg, &s.disc, d, s.pool ? prefetch : NULL, &s);
	stats->t_discover = now_seconds() - t0;
	if (rc) goto out;
	if (store_begin(st, d)) {
		rc = CL_EINTERNAL;
		goto out;
	}
	rc = scan_locked(&s, o, q);
	double td = now_seconds();
	if (!rc && refresh_data(&s)) rc = CL_EINTERNAL;
	stats->t_data = now_seconds() - td;
	if (!rc && final_counts(&s, s.changed)) rc = CL_EINTERNAL;
	if (!rc && s.changed && history_scan(st, cfg, stats, d)) rc = CL_EINTERNAL;
	if (!rc && st->read_error) rc = CL_EINTERNAL;        /* a read failed: nothing is saved */
	if (rc) st->last_error = sqlite3_errcode(st->db);   /* before the rollback resets it */
	if (store_end(st, !rc, d) || rc) {
		rc = rc == CL_EUSAGE ? CL_EUSAGE : CL_EINTERNAL;
		goto out;
	}
	stats->seconds = now_seconds() - t0;
out:
	if (pool_finish(s.pool, d) && !rc) rc = CL_EUSAGE;
	discovery_release(&s.disc);
	free(s.known);
	free(s.file_ids);
	free(s.linked);
	linker_free(s.link);
	VEC_FREE(s.dirty);
	queries_free(q);
	return rc;
}

int cl_store_check_base(struct cl_store *st, const struct cl_config *cfg, struct cl_diags *d)
{
	char *here = realpath(cfg->dir, NULL), *was = store_meta_get(st, "files_base");
	int other = here && was && strcmp(here, was);
	if (other)
		cl_diag_add(d, CL_ERROR, NULL, 0, 0, "the store was last scanned with a config in %s: "
			    "its paths are relative to that folder; run without --no-refresh (a "
			    "refresh rewrites them, it parses nothing again)", was);
	free(here);
	free(was);
	return other ? CL_EUSAGE : CL_OK;
}

int cl_refresh(const struct cl_config *cfg, const struct cl_scan_opts *o,
	       struct cl_scan_stats *stats, struct cl_store **out, struct cl_diags *d)
{
	int rc = cl_store_open(cfg->db, CL_STORE_WRITE, out, d);
	if (rc) return rc;
	size_t before = d->n;
	if (store_verify(*out)) rc = CL_EINTERNAL;       /* a damaged page: rebuilt, not trusted */
	else rc = cl_scan(cfg, *out, o, stats, d);
	int err = (*out)->last_error, damaged = store_damaged(*out);
	if (rc != CL_EINTERNAL || (err != SQLITE_CORRUPT && err != SQLITE_NOTADB && !damaged))
		return cl_store_failed(*out, rc, d);
	char *why = damaged && d->n == before ? xstrdup((*out)->read_message) : NULL;
	cl_store_close(*out);
	*out = NULL;
	if (!store_remove_corrupt(cfg->db)) {       /* the failed attempt's messages go */
		while (d->n > before) {
			struct cl_diag *g = &d->v[--d->n];
			if (g->severity == CL_ERROR) d->errors--;
			free(g->file);
			free(g->message);
		}
	} else {
		if (why) cl_diag_add(d, CL_ERROR, cfg->db, 0, 0, "%s", why);
		free(why);
		cl_diag_add(d, CL_ERROR, cfg->db, 0, 0, "the store is corrupt; it is not in a "
			    ".cutline folder, so it is left as it is: remove it or choose another --db");
		return CL_EINTERNAL;
	}
	free(why);
	cl_diag_add(d, CL_WARNING, cfg->db, 0, 0, "the cache is %s: rebuilding it",
		    damaged ? "damaged" : "corrupt");
	rc = cl_store_open(cfg->db, CL_STORE_WRITE, out, d);
	if (!rc) rc = cl_scan(cfg, *out, o, stats, d);
	return rc;
}
