/* query_fuzz.c — libFuzzer target: arbitrary bytes as a user's query file (the built-in
 * queries left empty), through loading, splitting into families, compiling with its
 * predicates (#eq?, #any-of?, #match? with its regex limits, cutline's own), then a run over
 * a fixed Python file that each family's patterns can match. A rejected query must say why;
 * one whose compile does not end is cut off after 1 s (CUTLINE_QUERY_TIMEOUT).
 * Built by `make fuzz`; replayed over testdata/fuzz/query/ in `make test`. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "extract_p.h"
#include "fuzz_p.h"

static char empty_dir[4096];
static const char *const builtin[] = { "imports.scm", "definitions.scm", "strings.scm",
				       "data.scm" };

static const char sample[] =
	"import os, a.b as c\nfrom .x import (y, z)\nfrom __future__ import absolute_import\n"
	"import importlib\nm = importlib.import_module('pkg.mod')\n__import__('q')\n"
	"class Account(ndb.Model):\n    name = ndb.StringProperty()\n"
	"    owner = ndb.KeyProperty(kind='User')\n\n"
	"def f(k, items):\n    a = Account(name='x')\n    a.put()\n    k.get()\n"
	"    ndb.put_multi([e for e in items])\n    Account.query(Account.name == 'x').fetch()\n"
	"    User.objects.filter(id=1).update(x=2)  # cutline: ignore[undeclared] why\n"
	"    db.session.query(Order).delete()\n    return 'some.module'\n";

static void remove_empty_dir(void)
{
	char p[4200];
	for (size_t i = 0; i < sizeof(builtin) / sizeof(builtin[0]); i++) {
		snprintf(p, sizeof(p), "%s/%s", empty_dir, builtin[i]);
		unlink(p);
	}
	rmdir(empty_dir);
}

/* A folder whose built-in query files are empty: only the input is compiled. */
static void make_empty_dir(void)
{
	const char *tmp = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";
	snprintf(empty_dir, sizeof(empty_dir), "%s/cutline-fuzz-q-XXXXXX", tmp);
	if (!mkdtemp(empty_dir)) abort();
	char p[4200];
	for (size_t i = 0; i < sizeof(builtin) / sizeof(builtin[0]); i++) {
		snprintf(p, sizeof(p), "%s/%s", empty_dir, builtin[i]);
		FILE *f = fopen(p, "wb");
		if (!f || fclose(f)) abort();
	}
	atexit(remove_empty_dir);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!empty_dir[0]) {
		make_empty_dir();
		setenv("CUTLINE_QUERY_TIMEOUT", "1", 0);   /* a pattern whose analysis never ends */
	}
	char *extra = (char *)fuzz_write("user.scm", data, size);
	struct cl_queries *q = NULL;
	struct cl_diags d = {0};
	int rc = queries_load(empty_dir, &extra, 1, &q, &d);
	if (!rc) rc = queries_compile(q, &d);
	if (rc != CL_OK && d.n == 0) abort();     /* a refusal with no reason is a bug */
	if (!rc) {
		struct extractor *x = extractor_new(q);
		struct file_facts f = {0};
		extract_file(x, sample, sizeof(sample) - 1, &f);
		facts_release(&f);
		extractor_free(x);
	}
	queries_free(q);
	cl_diags_release(&d);
	return 0;
}
