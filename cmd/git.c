/* git.c — the files git says changed since a revision, for `check --since`, and the files
 * of recent commits, for `propose --history`. git runs from an argv array (never a shell),
 * found on PATH's absolute folders, in the config's folder, with paths relative to it, and
 * with the repository's own config kept from running anything (fsmonitor, hooks, external
 * diff, textconv and filter drivers). */
#include "cli.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

/* Options before git's command: nothing in the analyzed repository's config runs. */
#define SAFE_GIT "-c", "core.fsmonitor=false", "-c", "core.hooksPath=/dev/null", \
	"-c", "diff.external=", "-c", "core.pager=cat"

/* Starts argv in dir, its stdout on a pipe (*out, to read), its stderr to /dev/null (git's
 * usage text says nothing useful here). Returns the pid, or -1. */
static pid_t spawn_in(const char *dir, char *const argv[], int *out)
{
	int fd[2];
	if (!argv[0] || pipe(fd)) return -1;
	pid_t pid = fork();
	if (pid < 0) {
		close(fd[0]);
		close(fd[1]);
		return -1;
	}
	if (pid == 0) {
		int null = open("/dev/null", O_WRONLY);
		dup2(fd[1], 1);
		if (null >= 0) dup2(null, 2);
		close(fd[0]);
		close(fd[1]);
		if (chdir(dir)) _exit(127);
		execv(argv[0], argv);
		_exit(127);
	}
	close(fd[1]);
	*out = fd[0];
	return pid;
}

/* Runs argv in dir and appends each NUL-separated name of its output (as dir/name). */
static int run_lines(const char *dir, char *const argv[], char ***out, size_t *n, size_t *cap)
{
	int fd;
	pid_t pid = spawn_in(dir, argv, &fd);
	if (pid < 0) return -1;
	FILE *f = fdopen(fd, "r");
	if (!f) close(fd);
	char *line = NULL;
	size_t lcap = 0;
	ssize_t len;
	while (f && (len = getdelim(&line, &lcap, 0, f)) > 0) {   /* -z: NUL-separated, unquoted */
		if (line[len - 1] == 0) len--;
		if (*n + 1 >= *cap) {
			*cap = *cap ? *cap * 2 : 64;
			*out = realloc(*out, *cap * sizeof(char *));
		}
		size_t m = strlen(dir) + (size_t)len + 2;
		(*out)[*n] = malloc(m);
		snprintf((*out)[(*n)++], m, "%s/%s", dir, line);
	}
	free(line);
	if (f) fclose(f);
	int status = -1;
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {}
	return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : -1;
}

/* git diff against the working tree runs the clean filter (or filter process) that
 * .gitattributes names for a file it re-reads, and the command comes from the repository's
 * config: each is turned off (set empty) and made optional (a required filter that does not
 * run is an error). A file it would have changed may then look changed: harmless here.
 * Returns the "-c" arguments, NULL-ended and owned by the array; NULL for a filter named
 * with '=', which "-c" cannot name (git splits at the first '='). */
static char **filters_off(const char *git, const char *dir, size_t *n)
{
	char *list[] = { (char *)git, SAFE_GIT, "config", "-z", "--name-only", "--get-regexp",
			 "^filter\\.", NULL };
	char **keys = NULL;
	size_t nkeys = 0, cap = 0;
	*n = 0;
	run_lines(dir, list, &keys, &nkeys, &cap);      /* exits 1 when there is none */
	char **args = calloc(2 * nkeys + 1, sizeof(char *));
	for (size_t i = 0; i < nkeys; i++) {
		const char *key = keys[i] + strlen(dir) + 1, *dot = strrchr(key, '.');
		if (strchr(key, '=')) {
			fprintf(stderr, "cutline: error: the repository's git config names a filter "
				"with '=' in it, which cutline cannot turn off: not running git diff\n");
			for (size_t k = i; k < nkeys; k++) free(keys[k]);
			free(keys);
			for (size_t k = 0; k < *n; k++) free(args[k]);
			free(args);
			*n = 0;
			return NULL;
		}
		const char *value = !dot ? NULL : !strcmp(dot, ".required") ? "false" :
			!strcmp(dot, ".clean") || !strcmp(dot, ".smudge") || !strcmp(dot, ".process") ? "" : NULL;
		if (value) {
			size_t m = strlen(key) + strlen(value) + 2;
			args[(*n)++] = strdup("-c");
			args[*n] = malloc(m);
			snprintf(args[(*n)++], m, "%s=%s", key, value);
		}
		free(keys[i]);
	}
	free(keys);
	return args;
}

/* Runs git (SAFE_GIT, then args) in dir and keeps the first line of its output in line.
 * Returns git's exit status, or -1 when it did not run to an exit. */
static int git_says(const char *git, const char *dir, const char *const *args, char *line,
		    size_t cap)
{
	char *argv[24] = { (char *)git, SAFE_GIT };
	size_t k = 0;
	while (argv[k]) k++;
	for (size_t i = 0; args[i] && k + 1 < sizeof(argv) / sizeof(*argv); i++) argv[k++] = (char *)args[i];
	argv[k] = NULL;
	int fd;
	pid_t pid = spawn_in(dir, argv, &fd);
	if (pid < 0) return -1;
	FILE *f = fdopen(fd, "r");
	if (!f) close(fd);
	if (line && cap) line[0] = 0;
	if (f && line && cap && fgets(line, (int)cap, f)) line[strcspn(line, "\n")] = 0;
	char drain[256];
	while (f && fread(drain, 1, sizeof(drain), f) > 0) {}
	if (f) fclose(f);
	int status = -1;
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {}
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/* Says why rev names no commit in dir's repository, in the terms of a CI checkout: not a
 * repository, a shallow clone, a detached HEAD without the branch. Returns -1 when it did
 * (an error printed), 0 when rev is a commit. */
static int since_unusable(const char *git, const char *dir, const char *rev)
{
	char line[4096];
	static const char *const gitdir[] = { "rev-parse", "--git-dir", NULL };
	if (git_says(git, dir, gitdir, line, sizeof(line))) {
		fprintf(stderr, "cutline: error: --since %s: %s is not in a git repository\n", rev, dir);
		return -1;
	}
	char *commit = malloc(strlen(rev) + 10);
	sprintf(commit, "%s^{commit}", rev);
	const char *verify[] = { "rev-parse", "--verify", "--quiet", "--end-of-options", commit, NULL };
	int bad = git_says(git, dir, verify, line, sizeof(line)) != 0;
	free(commit);
	if (!bad) return 0;
	static const char *const shallow[] = { "rev-parse", "--is-shallow-repository", NULL };
	static const char *const branch[] = { "symbolic-ref", "-q", "HEAD", NULL };
	int is_shallow = !git_says(git, dir, shallow, line, sizeof(line)) && !strcmp(line, "true");
	int detached = git_says(git, dir, branch, line, sizeof(line)) != 0;
	fprintf(stderr, "cutline: error: --since %s: no such revision in this repository", rev);
	if (is_shallow)
		fprintf(stderr, "; the clone is shallow, so the base may lie beyond the history it "
			"fetched: fetch it (`git fetch --unshallow`, or `fetch-depth: 0` with "
			"actions/checkout)");
	char *remote = malloc(strlen(rev) + 20);
	sprintf(remote, "origin/%s^{commit}", rev);
	const char *verify_remote[] = { "rev-parse", "--verify", "--quiet", "--end-of-options",
					remote, NULL };
	if (detached && !git_says(git, dir, verify_remote, line, sizeof(line)))
		fprintf(stderr, "; HEAD is detached (as CI checks out a pull request) and there is "
			"no local branch %s: name the remote's, origin/%s", rev, rev);
	else if (detached)
		fprintf(stderr, "; HEAD is detached (as CI checks out a pull request): fetch the "
			"base first (`git fetch origin BRANCH`) and name it origin/BRANCH");
	free(remote);
	fputc('\n', stderr);
	return -1;
}

int git_changed(const char *dir, const char *rev, char ***out, size_t *n)
{
	size_t cap = 0;
	*out = NULL;
	*n = 0;
	if (rev[0] == '-') {                  /* git would read it as an option */
		fprintf(stderr, "cutline: error: --since: '%s' is not a revision\n", rev);
		return -1;
	}
	char *git = cl_which("git");
	if (!git) {
		fprintf(stderr, "cutline: error: --since %s: git is not on PATH\n", rev);
		return -1;
	}
	if (since_unusable(git, dir, rev)) {
		free(git);
		return -1;
	}
	size_t noff = 0;
	char **off = filters_off(git, dir, &noff);
	if (!off) {
		free(git);
		return -1;
	}
	char *head[] = { git, SAFE_GIT }, *tail[] = { "diff", "--no-ext-diff", "--no-textconv", "-z",
		"--name-only", "--relative", "--no-renames", (char *)rev, "--", NULL };
	size_t nhead = sizeof(head) / sizeof(*head), ntail = sizeof(tail) / sizeof(*tail);
	char **diff = calloc(nhead + noff + ntail, sizeof(char *));
	memcpy(diff, head, sizeof(head));
	if (noff) memcpy(diff + nhead, off, noff * sizeof(char *));
	memcpy(diff + nhead + noff, tail, sizeof(tail));
	char *untracked[] = { git, SAFE_GIT, "ls-files", "-z", "--others", "--exclude-standard",
			      NULL };
	int failed = run_lines(dir, diff, out, n, &cap) || run_lines(dir, untracked, out, n, &cap);
	for (size_t i = 0; i < noff; i++) free(off[i]);
	free(off);
	free(diff);
	free(git);
	if (failed) {
		fprintf(stderr, "cutline: error: --since %s: `git diff --name-only %s` failed in %s "
			"(not a git repository, or no such revision)\n", rev, rev, dir);
		for (size_t i = 0; i < *n; i++) free((*out)[i]);
		free(*out);
		*out = NULL;
		*n = 0;
		return -1;
	}
	return 0;
}

/* The Python files of the last n commits (git log, from an argv, in dir), as one list with
 * a NULL after each commit's files: `propose --history N` weighs files changed together. */
int git_history(const char *dir, int n, char ***out, size_t *count)
{
	char num[24];
	snprintf(num, sizeof(num), "-n%d", n);
	char *git = cl_which("git");
	char *argv[] = { git, SAFE_GIT, "log", "--no-ext-diff", "--no-textconv", "-z",
			 "--name-only", "--no-renames", "--relative", "--pretty=format:@@commit", num,
			 "--", "*.py", NULL };
	char **raw = NULL;
	size_t nraw = 0, cap = 0;
	int rc = run_lines(dir, argv, &raw, &nraw, &cap);
	free(git);
	size_t prefix = strlen(dir) + 1, m = 0;
	*out = calloc(2 * nraw + 2, sizeof(char *));
	for (size_t i = 0; i < nraw; i++) {
		char *name = raw[i] + prefix;
		if (!strncmp(name, "@@commit", 8)) {
			if (m && (*out)[m - 1]) (*out)[m++] = NULL;     /* the previous commit ends */
			name += 8 + (name[8] == '\n');
		}
		if (*name) (*out)[m++] = strdup(name);
		free(raw[i]);
	}
	if (m && (*out)[m - 1]) (*out)[m++] = NULL;
	free(raw);
	*count = m;
	return rc;
}
