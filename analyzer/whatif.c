/* whatif.c — `cutline whatif --move MODULE=SERVICE ...`: the current boundaries.toml with
 * some modules moved, without editing it. Both checks run on the same graph; the answer is
 * the violations that go and come, and the counts and metrics before and after. */
#include "check_p.h"
#include "metrics_p.h"

#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>

static char *key_of(const struct cl_violation *v)
{
	return xasprintf("%d|%s|%d|%d|%s|%s|%s", v->kind, v->path ? v->path : "", v->line, v->col,
			 v->from ? v->from : "", v->to ? v->to : "", v->message ? v->message : "");
}

/* The violations of a that b does not have. */
static size_t only_in(const struct cl_check_result *a, const struct cl_check_result *b,
		      const struct cl_violation ***out)
{
	struct smap in_b = {0};
	for (size_t i = 0; i < b->n; i++) {
		char *k = key_of(&b->v[i]);
		smap_put(&in_b, k, 1);
		free(k);
	}
	*out = xcalloc(a->n + 1, sizeof(**out));
	size_t n = 0;
	for (size_t i = 0; i < a->n; i++) {
		char *k = key_of(&a->v[i]);
		if (!smap_get(&in_b, k)) (*out)[n++] = &a->v[i];
		free(k);
	}
	smap_release(&in_b);
	return n;
}

/* The declared services' partition metrics over the modules they claim (imports weighted
 * as propose weighs them by default). */
static void declared_metrics(const struct ck_graph *g, size_t k, struct part_metrics *m)
{
	int *vert = xmalloc((g->nmods + 1) * sizeof(int)), *memb = xmalloc((g->nmods + 1) * sizeof(int));
	size_t n = 0;
	for (size_t i = 0; i < g->nmods; i++) {
		vert[i] = g->svc[i] >= 0 && g->mod_file[i] >= 0 ? (int)n : -1;
		if (vert[i] >= 0) memb[n++] = g->svc[i];
	}
	VEC(struct wedge) e = {0};
	for (size_t i = 0; i < g->edges.n; i++) {
		const struct ck_edge *ce = &g->edges.v[i];
		double w = ce->cat == CL_CAT_TOP || ce->cat == CL_CAT_TRY || ce->cat == CL_CAT_IF ? 1
			 : ce->cat == CL_CAT_LATE || ce->cat == CL_CAT_DYNAMIC ? 0.5
			 : ce->cat == CL_CAT_TYPE ? 0.25 : 0;
		if (w > 0 && vert[ce->src] >= 0 && vert[ce->dst] >= 0) {
			struct wedge x = { vert[ce->src], vert[ce->dst], w };
			VEC_PUSH(e, x);
		}
	}
	metrics_compute(n, e.v, e.n, memb, k, m);
	VEC_FREE(e);
	free(vert);
	free(memb);
}

static double bad_percent(const struct cl_check_result *r)
{
	return r->cross_edges ? 100.0 * (double)r->bad_edges / (double)r->cross_edges : 0;
}

static void text_list(const char *title, const struct cl_violation **v, size_t n, FILE *out)
{
	fprintf(out, "%s (%zu):\n", title, n);
	for (size_t i = 0; i < n; i++)
		fprintf(out, "  %s:%d:%d: %s: %s [%s]\n", v[i]->path ? v[i]->path : "", v[i]->line,
			v[i]->col, cl_severity_name(v[i]->severity), v[i]->message, cl_kind_name(v[i]->kind));
}

static void text_metric(FILE *out, const char *name, double a, double b, int percent)
{
	const char *sep = strcmp(name, "Q") ? ", " : "";
	if (percent) fprintf(out, "%s%s %.1f%% -> %.1f%% (%+.1f)", sep, name, 100 * a, 100 * b, 100 * (b - a));
	else fprintf(out, "%s%s %.3f -> %.3f (%+.3f)", sep, name, a, b, b - a);
}

static cJSON *json_side(const struct cl_check_result *r, const struct part_metrics *m)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddNumberToObject(o, "errors", (double)r->errors);
	cJSON_AddNumberToObject(o, "warnings", (double)r->warnings);
	cJSON_AddNumberToObject(o, "infos", (double)r->infos);
	cJSON_AddNumberToObject(o, "bad_dependency_percent", bad_percent(r));
	cJSON_AddNumberToObject(o, "modularity", m->q);
	cJSON_AddNumberToObject(o, "structural_modularity", m->sm);
	cJSON_AddNumberToObject(o, "interface_number", m->ifn);
	cJSON_AddNumberToObject(o, "non_extreme_distribution", m->ned);
	cJSON_AddNumberToObject(o, "cut_weight_share", m->icp);
	cJSON_AddNumberToObject(o, "turbomq", m->turbomq);
	return o;
}

static cJSON *json_list(const struct cl_violation **v, size_t n)
{
	cJSON *a = cJSON_CreateArray();
	for (size_t i = 0; i < n; i++) {
		cJSON *o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "kind", cl_kind_name(v[i]->kind));
		cJSON_AddStringToObject(o, "severity", cl_severity_name(v[i]->severity));
		if (v[i]->path) cJSON_AddStringToObject(o, "path", v[i]->path);
		else cJSON_AddNullToObject(o, "path");
		cJSON_AddNumberToObject(o, "line", v[i]->line);
		cJSON_AddNumberToObject(o, "col", v[i]->col);
		if (v[i]->from) cJSON_AddStringToObject(o, "from", v[i]->from);
		if (v[i]->to) cJSON_AddStringToObject(o, "to", v[i]->to);
		cJSON_AddStringToObject(o, "message", v[i]->message);
		cJSON_AddItemToArray(a, o);
	}
	return a;
}

int cl_whatif(const struct cl_config *cfg, struct cl_store *st, const struct cl_move *mv,
	      size_t nmv, int json, FILE *out, struct cl_diags *d)
{
	if (!cfg->b->nservices) {
		cl_diag_add(d, CL_ERROR, cfg->shown, 0, 0, "whatif needs services: the config "
			    "declares none");
		return CL_EUSAGE;
	}
	struct cl_check_result r0, r1;
	struct cl_check_opts o0 = { .baseline = NULL }, o1 = { .moves = mv, .nmoves = nmv };
	int rc = cl_check(cfg, st, &o0, &r0, d);
	if (!rc) rc = cl_check(cfg, st, &o1, &r1, d);
	else memset(&r1, 0, sizeof(r1));
	struct ck_graph g;
	struct part_metrics m0 = {0}, m1 = {0};
	if (!rc) rc = ck_load(cfg, st, 1, &g, d);
	else memset(&g, 0, sizeof(g));
	if (!rc) {
		declared_metrics(&g, cfg->b->nservices, &m0);
		rc = ck_move(&g, cfg->b, mv, nmv, d);
		declared_metrics(&g, cfg->b->nservices, &m1);
	}
	if (!rc) {
		const struct cl_violation **gone, **came;
		size_t ngone = only_in(&r0, &r1, &gone), ncame = only_in(&r1, &r0, &came);
		if (json) {
			cJSON *root = cJSON_CreateObject(), *moves = cJSON_AddArrayToObject(root, "moves");
			for (size_t k = 0; k < nmv; k++) {
				cJSON *mo = cJSON_CreateObject();
				cJSON_AddStringToObject(mo, "modules", mv[k].pattern);
				cJSON_AddStringToObject(mo, "to", mv[k].service);
				cJSON_AddItemToArray(moves, mo);
			}
			cJSON_AddItemToObject(root, "before", json_side(&r0, &m0));
			cJSON_AddItemToObject(root, "after", json_side(&r1, &m1));
			cJSON_AddItemToObject(root, "gone", json_list(gone, ngone));
			cJSON_AddItemToObject(root, "new", json_list(came, ncame));
			char *t = json_print(root);
			fprintf(out, "%s\n", t);
			free(t);
			cJSON_Delete(root);
		} else {
			fprintf(out, "whatif:");
			for (size_t k = 0; k < nmv; k++)
				fprintf(out, "%s %s to %s", k ? "," : "", mv[k].pattern, mv[k].service);
			fprintf(out, "\n  %zu violations go, %zu come; errors %zu -> %zu, warnings %zu -> %zu, "
				"infos %zu -> %zu; bad dependency %.1f%% -> %.1f%%\n  metrics of the declared "
				"services: ", ngone, ncame, r0.errors, r1.errors, r0.warnings, r1.warnings,
				r0.infos, r1.infos, bad_percent(&r0), bad_percent(&r1));
			text_metric(out, "Q", m0.q, m1.q, 0);
			text_metric(out, "SM", m0.sm, m1.sm, 0);
			text_metric(out, "IFN", m0.ifn, m1.ifn, 0);
			text_metric(out, "ICP", m0.icp, m1.icp, 1);
			text_metric(out, "TurboMQ", m0.turbomq, m1.turbomq, 0);
			fputc('\n', out);
			text_list("gone", gone, ngone, out);
			text_list("new", came, ncame, out);
		}
		free(gone);
		free(came);
	}
	ck_free(&g);
	cl_check_release(&r0);
	cl_check_release(&r1);
	return rc;
}
