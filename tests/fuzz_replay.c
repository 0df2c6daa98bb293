/* fuzz_replay.c — runs a libFuzzer target without libFuzzer: each file named (or each file
 * in each folder named) is one input. `make test` replays the committed seeds and every
 * input that once crashed (testdata/fuzz/TARGET/) under ASan+UBSan this way. */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int run_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f) { printf("FAIL %s: cannot open\n", path); return 1; }
	size_t cap = 1 << 16, n = 0, r;
	uint8_t *buf = malloc(cap);
	while ((r = fread(buf + n, 1, cap - n, f)) > 0)
		if ((n += r) == cap) buf = realloc(buf, cap *= 2);
	fclose(f);
	uint8_t *exact = malloc(n ? n : 1);   /* exactly n bytes, so ASan sees overreads */
	memcpy(exact, buf, n);
	free(buf);
	LLVMFuzzerTestOneInput(exact, n);
	free(exact);
	printf("ok   %s\n", path);
	fflush(stdout);
	return 0;
}

static int run_dir(const char *dir)
{
	DIR *d = opendir(dir);
	if (!d) return run_file(dir);
	char **names = NULL;
	size_t n = 0;
	struct dirent *e;
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.') continue;
		names = realloc(names, (n + 1) * sizeof(*names));
		names[n] = malloc(strlen(dir) + strlen(e->d_name) + 2);
		sprintf(names[n++], "%s/%s", dir, e->d_name);
	}
	closedir(d);
	qsort(names, n, sizeof(*names), cmp);
	int fails = 0;
	for (size_t i = 0; i < n; i++) {
		fails += run_file(names[i]);
		free(names[i]);
	}
	free(names);
	return fails;
}

int main(int argc, char **argv)
{
	int fails = 0;
	for (int i = 1; i < argc; i++) fails += run_dir(argv[i]);
	return fails ? 1 : 0;
}
