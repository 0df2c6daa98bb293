/* extract_fuzz.c — libFuzzer target: arbitrary bytes as a .py file, through extraction
 * (the parse, the import, definition, string and data queries, suppressions), then checks
 * that every fact points inside the file and into the string pool.
 * Built by `make fuzz`; replayed over testdata/fuzz/extract/ in `make test`. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "extract_p.h"
#include "fuzz_p.h"

static struct cl_queries *queries;
static struct extractor *x;

static void fuzz_done(void)
{
	extractor_free(x);
	queries_free(queries);
}

static void setup(void)
{
	struct cl_diags d = {0};
	if (queries_load(NULL, NULL, 0, &queries, &d) || queries_compile(queries, &d)) abort();
	cl_diags_release(&d);
	x = extractor_new(queries);
	atexit(fuzz_done);
}

#define IN_POOL(f, s) ((s) == 0 || (s) < (f)->pool.len)   /* 0: none, even in an empty pool */
#define IN_FILE(f, ln) ((ln) >= 1 && (ln) <= (f)->lines + 1)

/* size: the length of the text parsed, at most twice the input's (a Latin-1 file becomes
 * UTF-8 first). */
static void check_facts(const struct file_facts *f, size_t size)
{
	for (size_t i = 0; i < f->imports.n; i++) {
		const struct fact_import *m = &f->imports.v[i];
		if (!IN_FILE(f, m->line) || !IN_FILE(f, m->stmt_line) || m->end > size ||
		    m->start > m->end || !IN_POOL(f, m->module) || !IN_POOL(f, m->name) ||
		    !IN_POOL(f, m->alias) || !IN_POOL(f, m->package))
			abort();
	}
	for (size_t i = 0; i < f->defs.n; i++) {
		const struct fact_def *e = &f->defs.v[i];
		if (!IN_FILE(f, e->line) || e->end > size || !IN_POOL(f, e->name) ||
		    !IN_POOL(f, e->parent) || !IN_POOL(f, e->bases) || !IN_POOL(f, e->value) ||
		    !IN_POOL(f, e->fields) || !IN_POOL(f, e->kindname))
			abort();
	}
	for (size_t i = 0; i < f->accesses.n; i++) {
		const struct fact_access *a = &f->accesses.v[i];
		if (!IN_FILE(f, a->line) || a->end > size || a->op < ACC_READ ||
		    a->op > ACC_REFERENCE || !IN_POOL(f, a->method) || !IN_POOL(f, a->text) ||
		    !IN_POOL(f, a->api) || !IN_POOL(f, a->attrs) || !IN_POOL(f, a->hint) ||
		    !IN_POOL(f, a->func) || !IN_POOL(f, a->cls))
			abort();
	}
	for (size_t i = 0; i < f->strings.n; i++)
		if (!IN_FILE(f, f->strings.v[i].line) || !IN_POOL(f, f->strings.v[i].text)) abort();
	for (size_t i = 0; i < f->suppressions.n; i++)
		if (!IN_FILE(f, f->suppressions.v[i].line) ||
		    !IN_POOL(f, f->suppressions.v[i].kinds) || !IN_POOL(f, f->suppressions.v[i].reason))
			abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!x) setup();
	char *src = malloc(size + 1);   /* extract_file wants src[len] == 0 */
	if (size) memcpy(src, data, size);
	src[size] = 0;
	struct file_facts f = {0};
	extract_file(x, src, size, &f);
	check_facts(&f, 2 * size);
	(void)facts_data_hash(&f);
	facts_release(&f);
	free(src);
	return 0;
}
