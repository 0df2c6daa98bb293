/* fuzz_p.h — shared by the libFuzzer targets analyzer/NAME_fuzz.c: a private temporary
 * folder for loaders that read a path (made once, removed at exit). */
#ifndef CUTLINE_FUZZ_P_H
#define CUTLINE_FUZZ_P_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char fuzz_dir[4096], fuzz_path[4200];

static void fuzz_cleanup(void)
{
	if (!fuzz_path[0]) return;
	unlink(fuzz_path);
	rmdir(fuzz_dir);
}

/* Writes data to DIR/name (DIR private to this process) and returns the path. */
static inline const char *fuzz_write(const char *name, const uint8_t *data, size_t size)
{
	if (!fuzz_dir[0]) {
		const char *tmp = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";
		snprintf(fuzz_dir, sizeof(fuzz_dir), "%s/cutline-fuzz-XXXXXX", tmp);
		if (!mkdtemp(fuzz_dir)) abort();
		snprintf(fuzz_path, sizeof(fuzz_path), "%s/%s", fuzz_dir, name);
		atexit(fuzz_cleanup);
	}
	FILE *f = fopen(fuzz_path, "wb");
	if (!f || (size && fwrite(data, 1, size, f) != size) || fclose(f)) abort();
	return fuzz_path;
}

#endif
