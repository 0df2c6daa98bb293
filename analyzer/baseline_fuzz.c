/* baseline_fuzz.c — libFuzzer target: arbitrary bytes as a baseline file, read and matched
 * against a small check result (so lookups, counts and stale entries all run).
 * Built by `make fuzz`; replayed over testdata/fuzz/baseline/ in `make test`. */
#include <stdint.h>
#include <stdlib.h>
#include "check_p.h"
#include "util_p.h"
#include "fuzz_p.h"

static void add(struct cl_check_result *r, int kind, const char *from, const char *to)
{
	struct cl_violation v = { kind, CL_ERROR, xstrdup("a.py"), 1, 1, xstrdup(from),
		to ? xstrdup(to) : NULL, NULL, NULL, xstrdup("m"), NULL, 0, 0, NULL };
	r->v[r->n++] = v;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *path = fuzz_write("baseline.json", data, size);
	struct cl_check_result r = {0};
	r.v = xcalloc(4, sizeof(*r.v));
	add(&r, CL_K_PRIVATE, "a", "b");
	add(&r, CL_K_PRIVATE, "a", "b");
	add(&r, CL_K_MODULE_CYCLE, "a", NULL);
	struct cl_diags d = {0};
	int rc = baseline_apply(&r, path, CL_ERROR, &d);
	if (rc != CL_OK && d.n == 0) abort();   /* a refused file must say why */
	cl_check_release(&r);
	cl_diags_release(&d);
	return 0;
}
