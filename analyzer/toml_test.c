/* toml_test.c — the TOML value tree built from the tree-sitter TOML grammar, and its
 * errors with line and column. */
#include "testing_p.h"
#include "toml_p.h"

#include <stdlib.h>

static struct tval *parse(const char *text, struct cl_diags *d)
{
	return toml_parse("t.toml", text, strlen(text), d);
}

static void test_values(void)
{
	struct cl_diags d = {0};
	struct tval *v = parse("a = \"x\\ty\\u00e9\"\nb = 'c:\\\\raw'\nc = 1_000\nd = 0x1F\n"
			       "e = true\nf = 1.5\ng = [1, [2, 3], {h = \"i\"}]\n"
			       "m = \"\"\"\nline1\\\n   line2\"\"\"\n", &d);
	CHECK(v != NULL);
	if (!v) return;
	CHECK_STR(tval_get(v, "a", NULL)->str, "x\ty\xc3\xa9");
	CHECK_STR(tval_get(v, "b", NULL)->str, "c:\\\\raw");
	CHECK_INT(tval_get(v, "c", NULL)->i, 1000);
	CHECK_INT(tval_get(v, "d", NULL)->i, 31);
	CHECK_INT(tval_get(v, "e", NULL)->i, 1);
	CHECK(tval_get(v, "f", NULL)->f == 1.5);
	struct tval *g = tval_get(v, "g", NULL);
	CHECK_INT(g->nitems, 3);
	CHECK_INT(g->items[1]->nitems, 2);
	CHECK_STR(tval_get(g->items[2], "h", NULL)->str, "i");
	CHECK_STR(tval_get(v, "m", NULL)->str, "line1line2");
	CHECK_INT(tval_get(v, "g", NULL)->line, 7);
	CHECK_INT(tval_get(v, "g", NULL)->col, 5);
	tval_free(v);
	cl_diags_release(&d);
}

static void test_tables(void)
{
	struct cl_diags d = {0};
	struct tval *v = parse("[project]\nname = \"n\"\n[a.b]\nc = 1\n[[svc]]\nname = \"x\"\n"
			       "[[svc]]\nname = \"y\"\n[svc.sub]\nk = 2\n", &d);
	CHECK(v != NULL);
	if (!v) return;
	CHECK_STR(tval_get(tval_get(v, "project", NULL), "name", NULL)->str, "n");
	CHECK_INT(tval_get(tval_get(tval_get(v, "a", NULL), "b", NULL), "c", NULL)->i, 1);
	struct tval *svc = tval_get(v, "svc", NULL);
	CHECK_INT(svc->nitems, 2);
	CHECK_STR(tval_get(svc->items[1], "name", NULL)->str, "y");
	CHECK_INT(tval_get(tval_get(svc->items[1], "sub", NULL), "k", NULL)->i, 2);
	tval_free(v);
	cl_diags_release(&d);
}

static void check_error(const char *text, int line, int col, const char *needle)
{
	struct cl_diags d = {0};
	struct tval *v = parse(text, &d);
	CHECK(v == NULL);
	CHECK(d.n >= 1);
	if (d.n) {
		CHECK_INT(d.v[0].line, line);
		CHECK_INT(d.v[0].col, col);
		if (!strstr(d.v[0].message, needle))
			fprintf(stderr, "  message \"%s\" lacks \"%s\"\n", d.v[0].message, needle);
		CHECK(strstr(d.v[0].message, needle) != NULL);
	}
	tval_free(v);
	cl_diags_release(&d);
}

static void test_errors(void)
{
	check_error("a = 1\na = 2\n", 2, 1, "duplicate key 'a'");
	check_error("[t]\nx = 1\n[t]\n", 3, 2, "defined twice");
	check_error("a = \n", 1, 1, "syntax error");
	check_error("ok = 1\nb = [1,\n", 2, 1, "syntax error");
	check_error("a = \"\\q\"\n", 1, 1, "syntax error");   /* the grammar rejects it */
	check_error("a = 1\n[a]\n", 2, 2, "already defined and is not a table");
	check_error("a = {b = 1}\n[a]\n", 2, 2, "already defined and is not a table");
}

int main(void)
{
	RUN(test_values);
	RUN(test_tables);
	RUN(test_errors);
	return testing_done();
}
