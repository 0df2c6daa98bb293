/* federate.c — `cutline federate`: draft Apollo Federation 2 subgraphs, one per service,
 * written to a folder (SERVICE.graphql) or printed. */
#include "cli.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* SERVICE.graphql: a service's name as a file name (bytes other than letters, digits, '-',
 * '_' and a '.' that does not start it as '_'). */
static char *file_name(const char *dir, const char *service)
{
	size_t n = strlen(service);
	char *name = malloc(n + 9);
	if (!name) abort();
	for (size_t i = 0; i < n; i++) {
		char c = service[i];
		int ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
			 c == '-' || c == '_' || (c == '.' && i);
		name[i] = ok ? c : '_';
	}
	memcpy(name + n, ".graphql", 9);
	char *path = malloc(strlen(dir) + n + 10);
	if (!path) abort();
	sprintf(path, "%s/%s", dir, name);
	free(name);
	return path;
}

static int write_all(const struct cl_federation *f, const char *dir, int json, int quiet)
{
	if (mkdir(dir, 0777) && errno != EEXIST) {
		fprintf(stderr, "cutline: error: cannot create %s: %s\n", dir, strerror(errno));
		return CL_EUSAGE;
	}
	if (json) {
		char *path = malloc(strlen(dir) + 20);
		if (!path) abort();
		sprintf(path, "%s/federation.json", dir);
		int rc = write_output(path, f->json, strlen(f->json));
		if (!rc && !quiet) printf("wrote %s\n", path);
		free(path);
		return rc;
	}
	for (size_t i = 0; i < f->n; i++) {
		char *path = file_name(dir, f->v[i].service);
		int rc = write_output(path, f->v[i].sdl, strlen(f->v[i].sdl));
		if (!rc && !quiet) printf("wrote %s\n", path);
		free(path);
		if (rc) return rc;
	}
	return 0;
}

int cmd_federate(int argc, char **argv)
{
	struct common c = {0};
	const char *format = "sdl", *output = NULL, *proposal = NULL;
	const struct opt opts[] = {
		{ OPT_STR, "proposal", 0, &proposal, "FILE", "the services of a proposal (a draft "
		  "boundaries.toml from `cutline propose --emit-toml`) instead of the config's" },
		{ OPT_STR, "output", 'o', &output, "DIR", "write DIR/SERVICE.graphql per service "
		  "(json: DIR/federation.json); default: standard output" },
		{ OPT_STR, "format", 'f', &format, "FMT", "sdl (default) or json" },
		COMMON_OPTS(c),
		OPT_END_ROW,
	};
	char **pos;
	int npos;
	int rc = parse_options("cutline federate [--proposal FILE] [-o DIR] [--format sdl|json]",
			       "Drafts one Apollo Federation 2 subgraph per service: the models it "
			       "owns as entities\n(@key(fields: \"id\"), fields from their "
			       "properties), stubs of the models of others it reads,\nthe functions "
			       "and classes other services import from it as Query fields (Mutation\n"
			       "when they write a model), and each foreign write of its models as a "
			       "Mutation. Each type\nand field cites its Python source. A type the "
			       "source does not tell is the scalar\nPythonValue: the draft is for a "
			       "team to review, not to serve as it is.", opts, argc, argv, &pos, &npos);
	free(pos);
	if (rc >= 0) return rc;
	if (npos) {
		fprintf(stderr, "cutline: error: federate takes no arguments\n");
		return CL_EUSAGE;
	}
	if (strcmp(format, "sdl") && strcmp(format, "json")) {
		fprintf(stderr, "cutline: error: --format: sdl or json, not '%s'\n", format);
		return CL_EUSAGE;
	}
	struct cl_config cfg, prop;
	struct cl_store *st = NULL;
	rc = open_graph_proposal(&c, proposal, &cfg, &prop, &st);
	if (!rc) {
		struct cl_diags d = {0};
		int json = !strcmp(format, "json");
		struct cl_federate_opts o = { proposal ? &prop : NULL, json };
		struct cl_federation f;
		rc = cl_federate(&cfg, st, &o, &f, &d);
		print_diags(&d, c.quiet);
		if (!rc && output) {
			rc = write_all(&f, output, json, c.quiet);
		} else if (!rc && json) {
			fputs(f.json, stdout);
			fputc('\n', stdout);
		} else if (!rc) {
			for (size_t i = 0; i < f.n; i++)
				printf("%s# --- subgraph %s\n%s", i ? "\n" : "", f.v[i].service, f.v[i].sdl);
		}
		cl_federation_release(&f);
	}
	cl_store_close(st);
	cl_config_release(&cfg);
	if (proposal) cl_config_release(&prop);
	return rc;
}
