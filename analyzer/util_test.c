/* util_test.c — the file reader a scan uses on paths the tree may swap under it (a FIFO, a
 * device behind a symlink, a file larger than the limit; alarm() turns a hang into a fail),
 * and the output writer on a device and on a write cut short. */
#include "cutline.h"
#include "util_p.h"
#include "testing_p.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

static char dir[] = "/tmp/cutline-util-test-XXXXXX";

static char *in_dir(const char *name) { return path_cat(dir, name); }

/* A FIFO with no writer: open(O_RDONLY) would block forever. */
static void test_fifo_does_not_block(void)
{
	char *p = in_dir("pipe.py");
	struct strbuf sb = {0};
	CHECK_INT(mkfifo(p, 0600), 0);
	alarm(5);
	CHECK_INT(read_file_into(p, &sb, 100, 0), -1);
	alarm(0);
	CHECK_INT(errno, ENOTREG_);
	CHECK_INT(sb.len, 0);
	sb_release(&sb);
	free(p);
}

/* /dev/zero never ends: followed, it is refused before a byte is read. */
static void test_link_to_dev_zero(void)
{
	char *p = in_dir("zero.py");
	struct strbuf sb = {0};
	CHECK_INT(symlink("/dev/zero", p), 0);
	alarm(5);
	CHECK_INT(read_file_into(p, &sb, 100, 0), -1);
	CHECK_INT(errno, ENOTREG_);
	CHECK_INT(read_file_into(p, &sb, 100, RD_NOFOLLOW), -1);
	CHECK_INT(errno, ELOOP);
	alarm(0);
	sb_release(&sb);
	free(p);
}

/* A file over the limit is read only to the limit plus one byte. */
static void test_read_capped(void)
{
	char *p = in_dir("big.py");
	struct strbuf sb = {0};
	int fd = open(p, O_WRONLY | O_CREAT, 0600);
	char block[4096];
	memset(block, 'x', sizeof(block));
	for (int i = 0; i < 64; i++) CHECK_INT(write(fd, block, sizeof(block)), sizeof(block));
	close(fd);
	CHECK_INT(read_file_into(p, &sb, 1000, RD_NOFOLLOW), 0);
	CHECK_INT(sb.len, 1001);
	CHECK_INT(sb.buf[1001], 0);
	CHECK_INT(read_file_into(p, &sb, SIZE_MAX - 1, RD_NOFOLLOW), 0);
	CHECK_INT(sb.len, 64 * 4096);
	sb_release(&sb);
	free(p);
}

static void test_empty_file(void)
{
	char *p = in_dir("empty.py");
	struct strbuf sb = {0};
	close(open(p, O_WRONLY | O_CREAT, 0600));
	CHECK_INT(read_file_into(p, &sb, 1000, RD_NOFOLLOW), 0);
	CHECK_INT(sb.len, 0);
	sb_release(&sb);
	free(p);
}

/* A device as the output is written in place (a rename would replace the node) and its
 * error comes back; /dev/full stays a device. */
static void test_write_to_device(void)
{
	struct stat st;
	CHECK_INT(cl_write_atomic("/dev/full", "x", 1), -1);
	CHECK_INT(errno, ENOSPC);
	CHECK(!stat("/dev/full", &st) && S_ISCHR(st.st_mode));
	CHECK_INT(cl_write_atomic("/dev/null", "x", 1), 0);
}

/* A write cut short (the file size limit, like a full disk): the old file stays whole and
 * no temporary is left. */
static void test_write_cut_short(void)
{
	char *p = in_dir("out.txt"), *tmp = xasprintf("%s.tmp%ld", p, (long)getpid());
	static char big[65536];
	CHECK_INT(cl_write_atomic(p, "old", 3), 0);
	struct rlimit old, lim = { 4096, RLIM_INFINITY };
	getrlimit(RLIMIT_FSIZE, &old);
	lim.rlim_max = old.rlim_max;
	signal(SIGXFSZ, SIG_IGN);
	CHECK_INT(setrlimit(RLIMIT_FSIZE, &lim), 0);
	CHECK_INT(cl_write_atomic(p, big, sizeof(big)), -1);
	CHECK_INT(errno, EFBIG);
	setrlimit(RLIMIT_FSIZE, &old);
	char *text = NULL;
	size_t len = 0;
	CHECK_INT(read_file(p, &text, &len), 0);
	CHECK_INT(len, 3);
	CHECK(access(tmp, F_OK) != 0);
	free(text);
	free(tmp);
	free(p);
}

/* Text writers print names and paths from the store through fprint_escaped: a control
 * character there reaches the terminal as \xNN, and the other conversions print as usual. */
static void test_fprint_escaped(void)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	fprint_escaped(f, "%-4s|%s|%zu|%ld|%.2f|%d%%|%s\n", "ab", "x\033[31m\a", (size_t)3, 4L, 1.5,
		       7, "line\nbreak");
	fclose(f);
	CHECK(buf && !strcmp(buf, "ab  |x\\x1b[31m\\x07|3|4|1.50|7%|line\\x0abreak\n"));
	free(buf);
}

/* DOT: quotes escaped, controls (C0 and C1) dropped, a malformed byte as U+FFFD. */
/* One formatter under xasprintf, sb_addf and the diagnostics: empty results, appends past
 * the buffer's first size, and a message escaped once. */
static void test_formatting(void)
{
	char *e = xasprintf("%s", "");
	CHECK(e && !strcmp(e, ""));
	free(e);
	struct strbuf sb = {0};
	sb_addf(&sb, "%s-%d", "a", 5);
	for (int i = 0; i < 100; i++) sb_addf(&sb, "%c", 'x');
	CHECK(sb.len == 103 && !strncmp(sb.buf, "a-5xx", 5) && sb.buf[103] == 0);
	sb_release(&sb);
	struct cl_diags d = {0};
	cl_diag_add(&d, CL_ERROR, "f\x1b.py", 3, 4, "bad %s at %d", "\x07x", 7);
	CHECK(d.n == 1 && d.errors == 1 && !strcmp(d.v[0].message, "bad \\x07x at 7") &&
	      !strcmp(d.v[0].file, "f\\x1b.py"));
	cl_diags_release(&d);
}

static void test_dot_quote(void)
{
	struct strbuf sb = {0};
	sb_dot_quote(&sb, "a\"b\x1b\xc2\x85" "c\xff" "d\xc3\xbc");
	CHECK(!strcmp(sb_str(&sb), "\"a\\\"bc\xef\xbf\xbd" "d\xc3\xbc\""));
	sb_release(&sb);
}

int main(void)
{
	if (!mkdtemp(dir)) return 3;
	RUN(test_fifo_does_not_block);
	RUN(test_link_to_dev_zero);
	RUN(test_read_capped);
	RUN(test_empty_file);
	RUN(test_write_to_device);
	RUN(test_write_cut_short);
	RUN(test_fprint_escaped);
	RUN(test_dot_quote);
	RUN(test_formatting);
	const char *names[] = { "pipe.py", "zero.py", "big.py", "empty.py", "out.txt" };
	for (size_t i = 0; i < 5; i++) {
		char *p = in_dir(names[i]);
		unlink(p);
		free(p);
	}
	rmdir(dir);
	return testing_done();
}
