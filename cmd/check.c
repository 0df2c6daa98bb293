/* check.c — `cutline check`: the gate. Refreshes the store, checks it against
 * boundaries.toml and writes the violations as text, JSON, SARIF, GitHub commands or JUnit.
 * Exit 0 clean, 1 violations at error severity, 2 usage or config error, 3 internal. */
#include "cli.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int parse_format(const char *s, enum cl_check_format *f)
{
	static const char *const names[] = { "text", "json", "sarif", "github", "junit", NULL };
	for (int i = 0; names[i]; i++)
		if (!strcmp(names[i], s)) { *f = (enum cl_check_format)i; return 0; }
	fprintf(stderr, "cutline: error: --format: text, json, sarif, github or junit, not '%s'\n", s);
	return -1;
}

static int use_color(const char *when, FILE *out)
{
	if (!strcmp(when, "always")) return 1;
	if (!strcmp(when, "never")) return 0;
	const char *no = getenv("NO_COLOR");          /* no-color.org: set and not empty */
	return isatty(fileno(out)) && !(no && *no);
}

/* -q in text: only the violations that fail the check. */
static void drop_non_errors(struct cl_check_result *r)
{
	size_t kept = 0;
	for (size_t i = 0; i < r->n; i++) {
		if (r->v[i].severity == CL_ERROR || r->v[i].known) {
			r->v[kept++] = r->v[i];
			continue;
		}
		cl_violation_release(&r->v[i]);
	}
	r->n = kept;
}

static void github_summary(const struct cl_check_result *r)
{
	const char *path = getenv("GITHUB_STEP_SUMMARY");
	if (!path || !*path) return;
	FILE *f = fopen(path, "a");
	if (!f) {
		perror(path);
		return;
	}
	cl_check_write_summary(r, f);
	fclose(f);
}

int cmd_check(int argc, char **argv)
{
	struct common c = {0};
	struct check_args a = {0};
	const char *format = "text", *color = "auto", *output = NULL;
	int show_known = 0, no_baseline = 0;
	const struct opt opts[] = {
		{ OPT_STR, "format", 'f', &format, "FMT", "text (default), json, sarif, github or junit" },
		{ OPT_STR, "output", 'o', &output, "FILE", "write the report here (default: stdout)" },
		CHECK_OPTS(a),
		{ OPT_STR, "color", 0, &color, "WHEN", "auto (default), always or never" },
		{ OPT_FLAG, "no-baseline", 0, &no_baseline, NULL, "check without a baseline (default: "
		  "[project] baseline, or .cutline-baseline.json beside the config when it exists)" },
		{ OPT_FLAG, "show-known", 0, &show_known, NULL, "also list violations the baseline knows" },
		COMMON_OPTS(c),
		OPT_END_ROW,
	};
	char **pos;
	int npos;
	int rc = parse_options("cutline check [--format FMT] [--baseline FILE | --no-baseline] "
			       "[--files FILE... | "
			       "--since REV]",
			       "Checks the import graph against the services, layers, contracts and "
			       "rules of boundaries.toml.\nExit status: 0 clean, 1 violations at error "
			       "severity, 2 usage or config error, 3 internal error.",
			       opts, argc, argv, &pos, &npos);
	enum cl_check_format fmt = CL_FMT_TEXT;
	if (rc < 0 && parse_format(format, &fmt)) rc = CL_EUSAGE;
	if (rc < 0 && strcmp(color, "auto") && strcmp(color, "always") && strcmp(color, "never")) {
		fprintf(stderr, "cutline: error: --color: auto, always or never, not '%s'\n", color);
		rc = CL_EUSAGE;
	}
	if (rc < 0 && no_baseline && a.baseline) {
		fprintf(stderr, "cutline: error: --baseline and --no-baseline do not go together\n");
		rc = CL_EUSAGE;
	}
	if (rc >= 0) {
		free(pos);
		return rc;
	}
	a.default_baseline = !no_baseline;
	struct cl_config cfg;
	struct cl_store *st = NULL;
	struct cl_check_result r = {0};
	rc = run_check(&c, &a, pos, npos, &cfg, &st, &r);
	free(pos);
	if ((rc == CL_OK || rc == CL_FOUND) && r.dir) {     /* r.dir: a check ran */
		char *text = NULL;             /* -o: written whole, never through a symlink */
		size_t len = 0;
		FILE *out = output ? open_memstream(&text, &len) : stdout;
		if (c.quiet && fmt == CL_FMT_TEXT) drop_non_errors(&r);
		if (cl_check_write(&r, fmt, use_color(color, out), show_known, out))
			rc = CL_EINTERNAL;
		if (fmt == CL_FMT_GITHUB) github_summary(&r);
		if (output) {
			fclose(out);
			int wrc = write_output(output, text, len);
			if (wrc) rc = wrc;
			free(text);
		}
	}
	cl_check_release(&r);
	cl_store_close(st);
	cl_config_release(&cfg);
	return rc;
}
