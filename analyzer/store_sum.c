/* store_sum.c — a checksum in every page of the store, so that a damaged page is an error
 * (SQLITE_IOERR_DATA) and never data: SQLite checks the structure of its b-trees, not the
 * bytes of a row, and a changed byte in a row gave a different answer with exit 0.
 * A VFS over the default one. The store is made with 8 reserved bytes at the end of each
 * page (CL_PAGE_SUM); when the header of a main database file says so, a write of a whole
 * page puts an XXH3 hash of the rest of the page there, and a read of a whole page checks
 * it. Journals and WAL frames pass as they are (the WAL has its own checksums, and every
 * page reaches the database file through a write). Memory mapping is off (no xFetch), so
 * every page is read through here. Never prints; keeps no state but each file's. */
#include "store_p.h"

#include <pthread.h>
#include <stdint.h>
#include <string.h>
#include <xxhash.h>

struct sum_file {
	sqlite3_file base;
	sqlite3_file *real;      /* the default VFS's file, allocated right after this one */
	int main_db;
	int page;                /* the page size when the file carries sums, else 0 */
	int failed;              /* a page read here failed its checksum */
	int64_t pad;             /* keeps the real file 8-byte aligned */
};

static sqlite3_vfs *real_vfs;

static void put_sum(const unsigned char *p, int n, unsigned char out[CL_PAGE_SUM])
{
	uint64_t h = XXH3_64bits(p, (size_t)n - CL_PAGE_SUM);
	for (int i = 0; i < CL_PAGE_SUM; i++) out[i] = (unsigned char)(h >> (8 * i));
}

/* What a header says: the page size when the file is SQLite's with our reserved bytes. */
static void read_header(struct sum_file *f, const unsigned char *b)
{
	int page = b[16] << 8 | b[17];
	if (page == 1) page = 65536;
	int valid = !memcmp(b, "SQLite format 3", 16) && page >= 512 && !(page & (page - 1));
	f->page = valid && b[20] == CL_PAGE_SUM ? page : 0;
}

static int is_page(const struct sum_file *f, int amt, sqlite3_int64 off)
{
	return f->main_db && f->page && amt == f->page && off % f->page == 0;
}

static int sum_close(sqlite3_file *file)
{
	struct sum_file *f = (struct sum_file *)file;
	return f->real->pMethods->xClose(f->real);
}

static int sum_read(sqlite3_file *file, void *buf, int amt, sqlite3_int64 off)
{
	struct sum_file *f = (struct sum_file *)file;
	int rc = f->real->pMethods->xRead(f->real, buf, amt, off);
	if (rc != SQLITE_OK) return rc;
	if (f->main_db && off == 0 && amt >= 100) read_header(f, buf);
	if (is_page(f, amt, off)) {
		unsigned char want[CL_PAGE_SUM];
		put_sum(buf, amt, want);
		if (memcmp(want, (unsigned char *)buf + amt - CL_PAGE_SUM, CL_PAGE_SUM)) {
			sqlite3_log(SQLITE_IOERR_DATA, "page checksum mismatch at offset %lld", off);
			f->failed = 1;
			return SQLITE_IOERR_DATA;
		}
	}
	return SQLITE_OK;
}

static int sum_write(sqlite3_file *file, const void *buf, int amt, sqlite3_int64 off)
{
	struct sum_file *f = (struct sum_file *)file;
	if (f->main_db && off == 0 && amt >= 100) read_header(f, buf);
	if (!is_page(f, amt, off)) return f->real->pMethods->xWrite(f->real, buf, amt, off);
	unsigned char *copy = sqlite3_malloc(amt);
	if (!copy) return SQLITE_IOERR_NOMEM;
	memcpy(copy, buf, (size_t)amt);
	put_sum(copy, amt, copy + amt - CL_PAGE_SUM);
	int rc = f->real->pMethods->xWrite(f->real, copy, amt, off);
	sqlite3_free(copy);
	return rc;
}

#define REAL(f) (((struct sum_file *)(f))->real)
static int sum_truncate(sqlite3_file *f, sqlite3_int64 n) { return REAL(f)->pMethods->xTruncate(REAL(f), n); }
static int sum_sync(sqlite3_file *f, int flags) { return REAL(f)->pMethods->xSync(REAL(f), flags); }
static int sum_size(sqlite3_file *f, sqlite3_int64 *n) { return REAL(f)->pMethods->xFileSize(REAL(f), n); }
static int sum_lock(sqlite3_file *f, int l) { return REAL(f)->pMethods->xLock(REAL(f), l); }
static int sum_unlock(sqlite3_file *f, int l) { return REAL(f)->pMethods->xUnlock(REAL(f), l); }
static int sum_check_lock(sqlite3_file *f, int *out) { return REAL(f)->pMethods->xCheckReservedLock(REAL(f), out); }
/* CL_FCNTL_SUM_FAILED: did a page fail its checksum (SQLite's schema load reports that as a
 * plain SQLITE_IOERR, without the extended code that tells damage from a failing disk)? */
static int sum_control(sqlite3_file *f, int op, void *arg)
{
	if (op == CL_FCNTL_SUM_FAILED) {
		*(int *)arg = ((struct sum_file *)f)->failed;
		return SQLITE_OK;
	}
	return REAL(f)->pMethods->xFileControl(REAL(f), op, arg);
}
static int sum_sector(sqlite3_file *f) { return REAL(f)->pMethods->xSectorSize(REAL(f)); }
static int sum_device(sqlite3_file *f) { return REAL(f)->pMethods->xDeviceCharacteristics(REAL(f)); }
static int sum_shm_map(sqlite3_file *f, int i, int n, int ext, void volatile **p) { return REAL(f)->pMethods->xShmMap(REAL(f), i, n, ext, p); }
static int sum_shm_lock(sqlite3_file *f, int ofs, int n, int flags) { return REAL(f)->pMethods->xShmLock(REAL(f), ofs, n, flags); }
static void sum_shm_barrier(sqlite3_file *f) { REAL(f)->pMethods->xShmBarrier(REAL(f)); }
static int sum_shm_unmap(sqlite3_file *f, int del) { return REAL(f)->pMethods->xShmUnmap(REAL(f), del); }

static const sqlite3_io_methods sum_methods = {
	2,                       /* no xFetch: SQLite maps no page around the checks */
	sum_close, sum_read, sum_write, sum_truncate, sum_sync, sum_size, sum_lock, sum_unlock,
	sum_check_lock, sum_control, sum_sector, sum_device, sum_shm_map, sum_shm_lock,
	sum_shm_barrier, sum_shm_unmap, NULL, NULL
};

static int sum_open(sqlite3_vfs *vfs, sqlite3_filename name, sqlite3_file *file, int flags,
		    int *out_flags)
{
	(void)vfs;
	struct sum_file *f = (struct sum_file *)file;
	memset(f, 0, sizeof(*f));
	f->real = (sqlite3_file *)(f + 1);
	f->main_db = !!(flags & SQLITE_OPEN_MAIN_DB);
	int rc = real_vfs->xOpen(real_vfs, name, f->real, flags, out_flags);
	file->pMethods = f->real->pMethods ? &sum_methods : NULL;
	return rc;
}

static int sum_delete(sqlite3_vfs *v, const char *n, int sync) { (void)v; return real_vfs->xDelete(real_vfs, n, sync); }
static int sum_access(sqlite3_vfs *v, const char *n, int flags, int *out) { (void)v; return real_vfs->xAccess(real_vfs, n, flags, out); }
static int sum_full(sqlite3_vfs *v, const char *n, int size, char *out) { (void)v; return real_vfs->xFullPathname(real_vfs, n, size, out); }
static void *sum_dlopen(sqlite3_vfs *v, const char *n) { (void)v; return real_vfs->xDlOpen(real_vfs, n); }
static void sum_dlerror(sqlite3_vfs *v, int n, char *out) { (void)v; real_vfs->xDlError(real_vfs, n, out); }
static void (*sum_dlsym(sqlite3_vfs *v, void *h, const char *s))(void) { (void)v; return real_vfs->xDlSym(real_vfs, h, s); }
static void sum_dlclose(sqlite3_vfs *v, void *h) { (void)v; real_vfs->xDlClose(real_vfs, h); }
static int sum_random(sqlite3_vfs *v, int n, char *out) { (void)v; return real_vfs->xRandomness(real_vfs, n, out); }
static int sum_sleep(sqlite3_vfs *v, int us) { (void)v; return real_vfs->xSleep(real_vfs, us); }
static int sum_time(sqlite3_vfs *v, double *t) { (void)v; return real_vfs->xCurrentTime(real_vfs, t); }
static int sum_last_error(sqlite3_vfs *v, int n, char *out) { (void)v; return real_vfs->xGetLastError(real_vfs, n, out); }
static int sum_time64(sqlite3_vfs *v, sqlite3_int64 *t) { (void)v; return real_vfs->xCurrentTimeInt64(real_vfs, t); }

static sqlite3_vfs sum_vfs = {
	2, 0, 1024, NULL, "cutline-sum", NULL, sum_open, sum_delete, sum_access, sum_full,
	sum_dlopen, sum_dlerror, sum_dlsym, sum_dlclose, sum_random, sum_sleep, sum_time,
	sum_last_error, sum_time64, NULL, NULL, NULL
};

static void sum_register(void)
{
	real_vfs = sqlite3_vfs_find(NULL);
	if (!real_vfs || real_vfs->iVersion < 2) return;
	sum_vfs.szOsFile = (int)sizeof(struct sum_file) + real_vfs->szOsFile;
	sum_vfs.mxPathname = real_vfs->mxPathname;
	if (sqlite3_vfs_register(&sum_vfs, 0) != SQLITE_OK) real_vfs = NULL;
}

const char *store_sum_vfs(void)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;
	pthread_once(&once, sum_register);
	return real_vfs ? sum_vfs.zName : NULL;
}

int store_sum_on(sqlite3 *db)
{
	sqlite3_file *file = NULL;
	if (sqlite3_file_control(db, "main", SQLITE_FCNTL_FILE_POINTER, &file) != SQLITE_OK ||
	    !file || file->pMethods != &sum_methods)
		return 0;
	return ((struct sum_file *)file)->page != 0;
}
