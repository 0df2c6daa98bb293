/* glob_test.c — path globs (exclude, python_overrides) and the "did you mean" distance. */
#include "cutline.h"
#include "glob_p.h"
#include "testing_p.h"

static void test_segments(void)
{
	CHECK(glob_match("a/*.py", "a/b.py"));
	CHECK(!glob_match("a/*.py", "a/b/c.py"));
	CHECK(glob_match("a/?.py", "a/b.py"));
	CHECK(!glob_match("a/?.py", "a/bc.py"));
	CHECK(glob_match("a/[bc].py", "a/c.py"));
	CHECK(!glob_match("b/*.py", "a/b.py"));
}

static void test_double_star(void)
{
	CHECK(glob_match("**/test_*.py", "test_a.py"));
	CHECK(glob_match("**/test_*.py", "x/y/test_a.py"));
	CHECK(!glob_match("**/test_*.py", "x/y/a_test.py"));
	CHECK(glob_match("a/**/c.py", "a/c.py"));
	CHECK(glob_match("a/**/c.py", "a/b/d/c.py"));
	CHECK(glob_match("a/**", "a/b/c.py"));
	CHECK(!glob_match("a/**", "ab/c.py"));
	CHECK(glob_match("**/**/c.py", "c.py"));
	CHECK(glob_match("a/**/b/**/c.py", "a/x/b/y/z/c.py"));
	CHECK(!glob_match("a/**/b/**/c.py", "a/x/y/z/c.py"));
	CHECK(glob_match_exact("a/**/c.py", "a/c.py"));
	CHECK(!glob_match_exact("a/*", "a/b/c.py"));
}

/* Twelve `**` against a path forty folders deep: with a memo this ends at once (it took
 * over a minute before); the answer is what matters here, not the time. */
static void test_double_star_many(void)
{
	char pat[128] = "", path[256] = "";
	for (int i = 0; i < 12; i++) strcat(pat, "**/");
	strcat(pat, "zz");
	for (int i = 0; i < 40; i++) strcat(path, "d/");
	strcat(path, "x.py");
	CHECK(!glob_match(pat, path));
	path[strlen(path) - 4] = 0;
	strcat(path, "zz");
	CHECK(glob_match(pat, path));
}

static void test_folder_prefix(void)
{
	CHECK(glob_match("vendor", "vendor/x/y.py"));
	CHECK(glob_match("./vendor", "vendor/y.py"));
	CHECK(!glob_match("vendor", "vendored/y.py"));
	CHECK(glob_match("src/*", "src/pkg/a.py"));
}

/* The fast paths of cl_name_match must agree with the general matcher on every shape. */
static void test_name_match(void)
{
	static const char *const pats[] = { "a", "a.b", "a.*", "a.**", "a.b.*", "a.b.**", "a*",
		"a.?", "*.models", "**.x", NULL };
	static const char *const names[] = { "a", "ab", "a.b", "a.bc", "a.b.c", "a.b.c.d", "b",
		"x.models", "a.x", "b.a.x", NULL };
	for (int i = 0; pats[i]; i++)
		for (int j = 0; names[j]; j++) {
			char p[64], n[64];
			size_t k;
			for (k = 0; pats[i][k]; k++) p[k] = pats[i][k] == '.' ? '/' : pats[i][k];
			p[k] = 0;
			for (k = 0; names[j][k]; k++) n[k] = names[j][k] == '.' ? '/' : names[j][k];
			n[k] = 0;
			if (cl_name_match(pats[i], names[j]) != glob_match_exact(p, n))
				fprintf(stderr, "  %s vs %s\n", pats[i], names[j]);
			CHECK(cl_name_match(pats[i], names[j]) == glob_match_exact(p, n));
		}
	CHECK(cl_name_match("a.**", "a"));
	CHECK(!cl_name_match("a.*", "a"));
	CHECK(cl_name_match("a.*", "a.b"));
	CHECK(!cl_name_match("a.*", "a.b.c"));
	CHECK(!cl_name_match("a.**", "ab.c"));
}

static void test_edit_distance(void)
{
	CHECK_INT(edit_distance("roots", "roots"), 0);
	CHECK_INT(edit_distance("root", "roots"), 1);
	CHECK_INT(edit_distance("exlcude", "exclude"), 2);
	CHECK_INT(edit_distance("", "abc"), 3);
}

int main(void)
{
	RUN(test_segments);
	RUN(test_double_star);
	RUN(test_double_star_many);
	RUN(test_folder_prefix);
	RUN(test_name_match);
	RUN(test_edit_distance);
	return testing_done();
}
