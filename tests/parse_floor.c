/* parse_floor.c — the benchmark's floor: tree-sitter parse time alone for the files listed
 * on stdin (one path a line), on -j N threads, with every file read into memory first.
 * Prints "files bytes seconds". Not part of cutline; built by `make bench`. */
#include "extract_p.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

struct src { char *text; size_t len; };
static struct src *srcs;
static size_t nsrcs;
static atomic_size_t next_src;
static struct cl_queries *queries;
static int full_extract;

static void *work(void *arg)
{
	(void)arg;
	struct extractor *x = extractor_new(queries);
	for (size_t i; (i = atomic_fetch_add(&next_src, 1)) < nsrcs; )
	{
		if (!full_extract) {
			parse_only(x, srcs[i].text, srcs[i].len);
			continue;
		}
		struct file_facts f = {0};
		extract_file(x, srcs[i].text, srcs[i].len, &f);
		facts_release(&f);
	}
	extractor_free(x);
	return NULL;
}

int main(int argc, char **argv)
{
	int jobs = argc > 2 && !strcmp(argv[1], "-j") ? atoi(argv[2]) : 1;
	full_extract = argc > 3 && !strcmp(argv[3], "-x");
	struct cl_diags d = {0};
	if (queries_load(getenv("QDIR"), NULL, 0, &queries, &d) ||
	    (full_extract && queries_compile(queries, &d))) { cl_diags_print(&d, stderr, 0); return 3; }
	char line[8192];
	size_t bytes = 0, cap = 0;
	while (fgets(line, sizeof(line), stdin)) {
		line[strcspn(line, "\n")] = 0;
		if (nsrcs == cap) srcs = realloc(srcs, (cap = cap ? cap * 2 : 1024) * sizeof(*srcs));
		if (read_file(line, &srcs[nsrcs].text, &srcs[nsrcs].len)) continue;
		bytes += srcs[nsrcs++].len;
	}
	pthread_t th[64];
	if (jobs < 1 || jobs > 64) jobs = 1;
	double t0 = now_seconds();
	for (int i = 0; i < jobs; i++) pthread_create(&th[i], NULL, work, NULL);
	for (int i = 0; i < jobs; i++) pthread_join(th[i], NULL);
	printf("%zu %zu %.3f\n", nsrcs, bytes, now_seconds() - t0);
	for (size_t i = 0; i < nsrcs; i++) free(srcs[i].text);
	free(srcs);
	queries_free(queries);
	return 0;
}
