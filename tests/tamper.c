/* tamper.c — a test helper, not part of cutline: runs SQL on a cutline store through
 * cutline's own store layer, so every page keeps a valid checksum (as someone who knows the
 * checksum would tamper with it; an edit through plain sqlite3 is refused as damage).
 * hostile.sh plants control characters in names with it, to see every writer escape them.
 *   tamper STORE SQL        exits 0, or 1 with SQLite's message */
#include "cutline.h"

#include <sqlite3.h>
#include <stdio.h>

int main(int argc, char **argv)
{
	if (argc != 3) {
		fprintf(stderr, "usage: tamper STORE SQL\n");
		return 2;
	}
	struct cl_diags d = {0};
	struct cl_store *st = NULL;
	if (cl_store_open(argv[1], CL_STORE_WRITE, &st, &d)) {
		cl_diags_print(&d, stderr, 0);
		return 1;
	}
	char *err = NULL;
	int rc = sqlite3_exec(cl_store_db(st), argv[2], NULL, NULL, &err);
	if (rc != SQLITE_OK) fprintf(stderr, "tamper: %s\n", err ? err : sqlite3_errstr(rc));
	sqlite3_free(err);
	cl_store_close(st);
	cl_diags_release(&d);
	return rc != SQLITE_OK;
}
