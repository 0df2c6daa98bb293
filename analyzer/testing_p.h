/* testing_p.h — the unit-test harness of analyzer/NAME_test.c files: CHECK macros that
 * record a failure with file:line and go on, and a main that runs each test and ends with
 * the "N passed, N failed" line tests/run.sh adds up. */
#ifndef CUTLINE_TESTING_P_H
#define CUTLINE_TESTING_P_H

#include <stdio.h>
#include <string.h>

static int t_failed_checks, t_passed, t_failed;

#define CHECK(cond) do { if (!(cond)) { \
	fprintf(stderr, "  %s:%d: CHECK(%s) failed\n", __FILE__, __LINE__, #cond); \
	t_failed_checks++; } } while (0)
#define CHECK_STR(got, want) do { const char *g_ = (got), *w_ = (want); \
	if (!g_ || !w_ || strcmp(g_, w_)) { \
		fprintf(stderr, "  %s:%d: %s is \"%s\", want \"%s\"\n", __FILE__, __LINE__, #got, \
			g_ ? g_ : "(null)", w_ ? w_ : "(null)"); \
		t_failed_checks++; } } while (0)
#define CHECK_INT(got, want) do { long long g_ = (long long)(got), w_ = (long long)(want); \
	if (g_ != w_) { \
		fprintf(stderr, "  %s:%d: %s is %lld, want %lld\n", __FILE__, __LINE__, #got, g_, w_); \
		t_failed_checks++; } } while (0)

#define RUN(fn) do { int before_ = t_failed_checks; fn(); \
	if (t_failed_checks == before_) { t_passed++; printf("ok   %s\n", #fn); } \
	else { t_failed++; printf("FAIL %s\n", #fn); } } while (0)

static inline int testing_done(void)
{
	printf("%d passed, %d failed\n", t_passed, t_failed);
	return t_failed ? 1 : 0;
}

#endif
