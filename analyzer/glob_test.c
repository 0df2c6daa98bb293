/* glob_test.c — path globs (exclude, python_overrides) and the "did you mean" distance. */
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
}

static void test_folder_prefix(void)
{
	CHECK(glob_match("vendor", "vendor/x/y.py"));
	CHECK(glob_match("./vendor", "vendor/y.py"));
	CHECK(!glob_match("vendor", "vendored/y.py"));
	CHECK(glob_match("src/*", "src/pkg/a.py"));
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
	RUN(test_folder_prefix);
	RUN(test_edit_distance);
	return testing_done();
}
