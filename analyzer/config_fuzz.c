/* config_fuzz.c — libFuzzer target: arbitrary bytes as boundaries.toml, through the whole
 * loader (the TOML grammar, [project], [data], services, contracts, rules, ignores).
 * The loader reads a path, so each input is written to a private temporary folder first.
 * Built by `make fuzz`; replayed over testdata/fuzz/config/ in `make test`. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "cutline.h"
#include "fuzz_p.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *path = fuzz_write("boundaries.toml", data, size);
	struct cl_config cfg;
	struct cl_diags d = {0};
	int rc = cl_config_load(path, &cfg, &d);
	/* an error must say why: a failed load with no diagnostic is a bug */
	if (rc != CL_OK && d.n == 0) abort();
	cl_config_release(&cfg);
	cl_diags_release(&d);
	return 0;
}
