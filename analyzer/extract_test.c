/* extract_test.c — the queries against annotated fixtures (testdata/queries/NAME.py).
 * An annotation is a comment line under the code line it describes:
 *     import a.b as c
 *     #      ^ import a.b alias=c ctx=late
 * `^` marks the column of the fact (`# <-` marks the column of the `#`). Facts: import,
 * from, future, dynamic (name plus module= level= alias= package= ctx=), class, function,
 * method (name plus parent= bases=), name, all, string. The test fails on any expected
 * fact not extracted and on any extracted fact not annotated. */
#include "extract_p.h"
#include "testing_p.h"

#include <dirent.h>
#include <stdlib.h>

#ifndef FIXTURES
#define FIXTURES "testdata/queries"
#endif

struct lines { char **v; size_t n, cap; };

static const char *const kinds[] = { "import", "from", "future", "dynamic" };
static const char *const defkinds[] = { "class", "function", "method", "name", "all" };

static void ctx_names(struct strbuf *sb, unsigned ctx)
{
	static const char *const n[] = { "late", "class", "try", "importerror", "except", "if", "type" };
	int first = 1;
	for (int i = 0; i < 7; i++) {
		if (!(ctx & (1u << i))) continue;
		sb_addf(sb, "%s%s", first ? " ctx=" : ",", n[i]);
		first = 0;
	}
}

/* Canonical lines "LINE:COL kind name attrs", one per fact. */
static void facts_lines(const struct file_facts *f, struct lines *out)
{
	struct strbuf sb = {0};
	for (size_t i = 0; i < f->imports.n; i++) {
		const struct fact_import *im = &f->imports.v[i];
		sb_reset(&sb);
		sb_addf(&sb, "%u:%u %s %s", im->line, im->col, kinds[im->kind], facts_str(f, im->name));
		if (im->module && im->kind != IMP_FUTURE) sb_addf(&sb, " module=%s", facts_str(f, im->module));
		if (im->level) sb_addf(&sb, " level=%d", im->level);
		if (im->alias) sb_addf(&sb, " alias=%s", facts_str(f, im->alias));
		if (im->package) sb_addf(&sb, " package=%s", facts_str(f, im->package));
		ctx_names(&sb, im->ctx);
		VEC_PUSH(*out, xstrdup(sb.buf));
	}
	for (size_t i = 0; i < f->defs.n; i++) {
		const struct fact_def *d = &f->defs.v[i];
		sb_reset(&sb);
		sb_addf(&sb, "%u:%u %s %s", d->line, d->col, defkinds[d->kind], facts_str(f, d->name));
		if (d->parent) sb_addf(&sb, " parent=%s", facts_str(f, d->parent));
		if (d->bases) sb_addf(&sb, " bases=%s", facts_str(f, d->bases));
		VEC_PUSH(*out, xstrdup(sb.buf));
	}
	for (size_t i = 0; i < f->strings.n; i++) {
		sb_reset(&sb);
		sb_addf(&sb, "%u:%u string %s", f->strings.v[i].line, f->strings.v[i].col,
			facts_str(f, f->strings.v[i].text));
		VEC_PUSH(*out, xstrdup(sb.buf));
	}
	sb_release(&sb);
}

/* The annotations of a fixture, as canonical lines. Attributes keep their order of
 * writing, so annotations list them in the order facts_lines prints them. */
static void annotation_lines(const char *src, struct lines *out)
{
	unsigned line = 0, code_line = 0;
	for (const char *p = src; *p; ) {
		const char *e = strchr(p, '\n');
		size_t n = e ? (size_t)(e - p) : strlen(p);
		line++;
		size_t i = 0;
		while (i < n && (p[i] == ' ' || p[i] == '\t')) i++;
		size_t hash = i;
		int is_ann = 0;
		if (i < n && p[i] == '#') {
			size_t j = i + 1;
			while (j < n && p[j] == ' ') j++;
			size_t col = 0;
			if (j < n && p[j] == '^') { col = j; j++; is_ann = 1; }
			else if (j + 1 < n && p[j] == '<' && p[j + 1] == '-') { col = hash; j += 2; is_ann = 1; }
			if (is_ann) {
				while (j < n && p[j] == ' ') j++;
				char *a = xasprintf("%u:%zu %.*s", code_line, col, (int)(n - j), p + j);
				VEC_PUSH(*out, a);
			}
		}
		if (!is_ann) code_line = line;
		p += n + (e ? 1 : 0);
	}
}

static void check_fixture(struct cl_queries *q, const char *path)
{
	char *src;
	size_t len;
	if (read_file(path, &src, &len)) {
		fprintf(stderr, "  cannot read %s\n", path);
		t_failed_checks++;
		return;
	}
	struct extractor *x = extractor_new(q);
	struct file_facts f = {0};
	extract_file(x, src, len, &f);
	struct lines got = {0}, want = {0};
	facts_lines(&f, &got);
	annotation_lines(src, &want);
	qsort(got.v, got.n, sizeof(char *), cmp_str);
	qsort(want.v, want.n, sizeof(char *), cmp_str);
	size_t i = 0, j = 0;
	while (i < got.n || j < want.n) {
		int c = i == got.n ? 1 : j == want.n ? -1 : strcmp(got.v[i], want.v[j]);
		if (c == 0) { i++; j++; continue; }
		fprintf(stderr, "  %s: %s %s\n", path, c < 0 ? "extracted, not annotated:" :
			"annotated, not extracted:", c < 0 ? got.v[i] : want.v[j]);
		t_failed_checks++;
		if (c < 0) i++; else j++;
	}
	if (f.parse_errors) {
		fprintf(stderr, "  %s: %u syntax errors (first at %u:%u)\n", path, f.parse_errors,
			f.err_line, f.err_col);
		t_failed_checks++;
	}
	CHECK(want.n > 0);
	for (size_t k = 0; k < got.n; k++) free(got.v[k]);
	for (size_t k = 0; k < want.n; k++) free(want.v[k]);
	VEC_FREE(got);
	VEC_FREE(want);
	facts_release(&f);
	extractor_free(x);
	free(src);
}

static struct cl_queries *queries;

static void test_fixtures(void)
{
	DIR *d = opendir(FIXTURES);
	CHECK(d != NULL);
	if (!d) return;
	VEC(char *) names = {0};
	struct dirent *e;
	while ((e = readdir(d)))
		if (strlen(e->d_name) > 3 && !strcmp(e->d_name + strlen(e->d_name) - 3, ".py"))
			VEC_PUSH(names, xasprintf("%s/%s", FIXTURES, e->d_name));
	closedir(d);
	qsort(names.v, names.n, sizeof(char *), cmp_str);
	CHECK(names.n >= 4);
	for (size_t i = 0; i < names.n; i++) {
		check_fixture(queries, names.v[i]);
		free(names.v[i]);
	}
	VEC_FREE(names);
}

/* A syntax error keeps what parsed and records the first error's position. */
static void test_syntax_error(void)
{
	const char *src = "import a\ndef f(:\n    pass\nimport b\n";
	struct extractor *x = extractor_new(queries);
	struct file_facts f = {0};
	extract_file(x, src, strlen(src), &f);
	CHECK(f.parse_errors >= 1);
	CHECK_INT(f.err_line, 2);
	CHECK(f.imports.n == 2);
	facts_release(&f);
	extractor_free(x);
}

/* A BOM is skipped; CRLF and tabs do not move positions. */
static void test_bytes(void)
{
	const char *src = "\xEF\xBB\xBFimport a\r\nif x:\r\n\timport b\r\n";
	struct extractor *x = extractor_new(queries);
	struct file_facts f = {0};
	extract_file(x, src, strlen(src), &f);
	CHECK_INT(f.parse_errors, 0);
	CHECK_INT(f.imports.n, 2);
	if (f.imports.n == 2) {
		CHECK_INT(f.imports.v[0].col, 7);
		CHECK_INT(f.imports.v[1].line, 3);
		CHECK_INT(f.imports.v[1].col, 8);
		CHECK_INT(f.imports.v[1].ctx, CTX_IF);
	}
	CHECK_INT(f.lines, 3);
	facts_release(&f);
	extractor_free(x);
}

int main(void)
{
	struct cl_diags d = {0};
	if (queries_load(NULL, NULL, 0, &queries, &d) || queries_compile(queries, &d)) {
		cl_diags_print(&d, stderr, 0);
		return 1;
	}
	RUN(test_fixtures);
	RUN(test_syntax_error);
	RUN(test_bytes);
	queries_free(queries);
	return testing_done();
}
