/* whatif.c — `cutline whatif`: the current boundaries.toml with some modules moved, step by
 * step (--move, or a plan file), without editing it. Each state is checked on the same
 * graph; per step the answer is the violations that go, come and change (matched by kind,
 * from and to, as a baseline matches them), and the counts and metrics before and after. */
#include "check_p.h"
#include "metrics_p.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* Each step is a full check: a plan longer than this is a mistake, not a plan. */
enum { PLAN_MAX_STEPS = 200 };

/* --- the plan file --------------------------------------------------------------------------- */

static int is_space(char c) { return c == ' ' || c == '\t' || c == '\r'; }

/* Splits line (NUL-terminated, written into) into words; returns how many, at most max. */
static size_t words(char *line, char **w, size_t max)
{
	size_t n = 0;
	for (char *s = line; *s && n < max;) {
		while (is_space(*s)) s++;
		if (!*s) break;
		w[n++] = s;
		while (*s && !is_space(*s)) s++;
		if (*s) *s++ = 0;
	}
	return n;
}

int cl_whatif_plan_read(const char *path, struct cl_whatif_plan *p, struct cl_diags *d)
{
	memset(p, 0, sizeof(*p));
	p->file = path;
	size_t len;
	if (read_plain_file(path, &p->text, &len)) {
		cl_diag_add(d, CL_ERROR, path, 0, 0, "cannot read the plan: %s", plain_file_error(errno));
		return CL_EUSAGE;
	}
	if (strlen(p->text) != len) {
		cl_diag_add(d, CL_ERROR, path, 0, 0, "not a plan: it holds a NUL byte");
		return CL_EUSAGE;
	}
	VEC(struct cl_whatif_step) steps = {0};
	int rc = CL_OK, line = 0;
	char **w = xmalloc((len / 2 + 2) * sizeof(char *));
	for (char *s = p->text, *next; s && !rc; s = next) {
		line++;
		char *nl = strchr(s, '\n');
		if (nl) *nl = 0;
		next = nl ? nl + 1 : NULL;
		char *hash = strchr(s, '#');
		if (hash) *hash = 0;
		size_t n = words(s, w, len / 2 + 1);
		if (!n) continue;
		if (strcmp(w[0], "move") || n == 1) {
			cl_diag_add(d, CL_ERROR, path, line, (int)(w[0] - s) + 1, "a step is `move "
				    "PATTERN=SERVICE [PATTERN=SERVICE ...]`%s", n == 1 ? "" : ", one a line");
			rc = CL_EUSAGE;
			break;
		}
		if (steps.n == PLAN_MAX_STEPS) {
			cl_diag_add(d, CL_ERROR, path, line, 1, "more than %d steps", PLAN_MAX_STEPS);
			rc = CL_EUSAGE;
			break;
		}
		struct cl_whatif_step st = { xcalloc(n, sizeof(struct cl_move)), 0, line };
		for (size_t i = 1; i < n && !rc; i++) {
			char *eq = strchr(w[i], '=');
			if (!eq || eq == w[i] || !eq[1] || !strcmp(eq + 1, "new:")) {
				cl_diag_add(d, CL_ERROR, path, line, (int)(w[i] - s) + 1, "want PATTERN=SERVICE "
					    "or PATTERN=new:NAME, not '%s'", w[i]);
				rc = CL_EUSAGE;
				break;
			}
			*eq = 0;
			st.moves[st.nmoves++] = (struct cl_move){ w[i], eq + 1, (int)(w[i] - s) + 1 };
		}
		VEC_PUSH(steps, st);
	}
	free(w);
	p->steps = steps.v;
	p->nsteps = steps.n;
	if (!rc && !p->nsteps) {
		cl_diag_add(d, CL_ERROR, path, 0, 0, "the plan has no step (`move PATTERN=SERVICE`)");
		rc = CL_EUSAGE;
	}
	return rc;
}

void cl_whatif_plan_release(struct cl_whatif_plan *p)
{
	for (size_t i = 0; i < p->nsteps; i++) free(p->steps[i].moves);
	free(p->steps);
	free(p->text);
	memset(p, 0, sizeof(*p));
}

/* --- the states ------------------------------------------------------------------------------ */

/* The plan resolved: the declared services then the new ones, every move with new:NAME as
 * NAME, and for each state k (0: as is, k: after step k) how many moves and services it has. */
struct wplan {
	struct cl_service *svc; size_t nsvc;       /* svc[i] borrows its name */
	struct cl_move *mv; size_t nmv;
	size_t *upto, *nsvc_at;                    /* [nsteps + 1] */
};

static void wplan_free(struct wplan *w)
{
	free(w->svc);
	free(w->mv);
	free(w->upto);
	free(w->nsvc_at);
}

static long find_service(const struct wplan *w, const char *name)
{
	for (size_t s = 0; s < w->nsvc; s++)
		if (!strcmp(w->svc[s].name, name)) return (long)s;
	return -1;
}

static void move_diag(struct cl_diags *d, const struct cl_whatif_plan *p,
		      const struct cl_whatif_step *st, const struct cl_move *m, const char *fmt,
		      const char *arg)
{
	char *why = xasprintf(fmt, arg);
	if (st->line) cl_diag_add(d, CL_ERROR, p->file, st->line, m->col, "move %s=%s: %s", m->pattern,
				  m->service, why);
	else cl_diag_add(d, CL_ERROR, NULL, 0, 0, "--move %s=%s: %s", m->pattern, m->service, why);
	free(why);
}

/* Resolves every move's service and moves g's modules step by step, computing the declared
 * services' metrics of each state. Errors name the step. */
static void declared_metrics(const struct ck_graph *g, size_t k, struct part_metrics *m);

static int resolve(const struct cl_boundaries *b, const struct cl_whatif_plan *p,
		   struct ck_graph *g, struct wplan *w, struct part_metrics *m, struct cl_diags *d)
{
	size_t total = 0;
	for (size_t k = 0; k < p->nsteps; k++) total += p->steps[k].nmoves;
	w->svc = xcalloc(b->nservices + total + 1, sizeof(*w->svc));
	if (b->nservices) memcpy(w->svc, b->services, b->nservices * sizeof(*w->svc));
	w->nsvc = b->nservices;
	w->mv = xcalloc(total + 1, sizeof(*w->mv));
	w->upto = xcalloc(p->nsteps + 1, sizeof(size_t));
	w->nsvc_at = xcalloc(p->nsteps + 1, sizeof(size_t));
	w->nsvc_at[0] = w->nsvc;
	declared_metrics(g, w->nsvc, &m[0]);
	int rc = CL_OK;
	for (size_t k = 0; k < p->nsteps; k++) {
		const struct cl_whatif_step *st = &p->steps[k];
		for (size_t i = 0; i < st->nmoves; i++) {
			const struct cl_move *mv = &st->moves[i];
			int make = !strncmp(mv->service, "new:", 4);
			const char *name = make ? mv->service + 4 : mv->service;
			long s = find_service(w, name);
			if (make && !*name) {
				move_diag(d, p, st, mv, "new:%s wants a name", name);
				rc = CL_EUSAGE;
				continue;
			}
			if (make && s >= 0) {
				move_diag(d, p, st, mv, "'%s' is a service already", name);
				rc = CL_EUSAGE;
				continue;
			}
			if (!make && s < 0) {
				move_diag(d, p, st, mv, "no service named '%s' (new:NAME makes one)", name);
				rc = CL_EUSAGE;
				continue;
			}
			if (make) {
				s = (long)w->nsvc++;
				w->svc[s] = (struct cl_service){ .name = (char *)name, .layer_rank = -1 };
			}
			size_t hits = 0;
			for (size_t mi = 0; mi < g->nmods; mi++)
				if (cl_name_match(mv->pattern, g->names[mi])) g->svc[mi] = (int)s, hits++;
			if (!hits) {
				move_diag(d, p, st, mv, "'%s' matches no module", mv->pattern);
				rc = CL_EUSAGE;
			}
			w->mv[w->nmv++] = (struct cl_move){ mv->pattern, name, mv->col };
		}
		w->upto[k + 1] = w->nmv;
		w->nsvc_at[k + 1] = w->nsvc;
		if (!rc) declared_metrics(g, w->nsvc, &m[k + 1]);
	}
	return rc;
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

/* --- comparing two states -------------------------------------------------------------------- */

/* What goes from a to b, what comes, and what changes: a violation of the same identity
 * (kind, from, to) whose place, severity, message or chain differ. Borrows a and b. */
struct diff {
	const struct cl_violation **gone, **came, **was, **now;
	size_t ngone, ncame, nchanged;
};

static void chain_key(struct strbuf *sb, const struct cl_violation *v)
{
	for (size_t i = 0; i < v->nchain; i++) {
		const struct cl_hop *h = &v->chain[i];
		sb_addf(sb, "|%s>%s@%s:%d:%d:%s", h->from ? h->from : "", h->to ? h->to : "",
			h->path ? h->path : "", h->line, h->col, h->context ? h->context : "");
	}
}

static char *exact_key(const struct cl_violation *v)
{
	struct strbuf sb = {0};
	sb_addf(&sb, "%d|%d|%s|%d|%d|%s|%s|%s", v->kind, v->severity, v->path ? v->path : "",
		v->line, v->col, v->from ? v->from : "", v->to ? v->to : "", v->message ? v->message : "");
	chain_key(&sb, v);
	return sb_detach(&sb);
}

/* The baseline's identity; a violation without a from-module has none (only exact). */
static char *identity(const struct cl_violation *v)
{
	if (!v->from) return NULL;
	return xasprintf("%d\n%s\n%s%s", v->kind, v->from, v->to ? "=" : "-", v->to ? v->to : "");
}

/* Pairs a's violations with b's of the same key (key(NULL) never pairs), in order; each
 * pair is marked in ua and ub and reported to pair(). */
static void match(const struct cl_check_result *a, const struct cl_check_result *b,
		  char *(*key)(const struct cl_violation *), char *ua, char *ub, struct diff *x,
		  int changed)
{
	struct smap heads = {0};
	long *next = xmalloc((b->n + 1) * sizeof(long));
	for (size_t j = b->n; j-- > 0;) {
		next[j] = -1;
		char *k = ub[j] ? NULL : key(&b->v[j]);
		if (!k) continue;
		int64_t *h = smap_get(&heads, k);
		if (h) {
			next[j] = (long)*h;
			*h = (int64_t)j;
		} else {
			smap_put(&heads, k, (int64_t)j);
		}
		free(k);
	}
	for (size_t i = 0; i < a->n; i++) {
		char *k = ua[i] ? NULL : key(&a->v[i]);
		int64_t *h = k ? smap_get(&heads, k) : NULL;
		free(k);
		if (!h || *h < 0) continue;
		size_t j = (size_t)*h;
		*h = next[j];
		ua[i] = ub[j] = 1;
		if (changed) {
			x->was[x->nchanged] = &a->v[i];
			x->now[x->nchanged++] = &b->v[j];
		}
	}
	free(next);
	smap_release(&heads);
}

static void diff_states(const struct cl_check_result *a, const struct cl_check_result *b,
			struct diff *x)
{
	memset(x, 0, sizeof(*x));
	char *ua = xcalloc(a->n + 1, 1), *ub = xcalloc(b->n + 1, 1);
	x->gone = xcalloc(a->n + 1, sizeof(*x->gone));
	x->came = xcalloc(b->n + 1, sizeof(*x->came));
	x->was = xcalloc(a->n + 1, sizeof(*x->was));
	x->now = xcalloc(a->n + 1, sizeof(*x->now));
	match(a, b, exact_key, ua, ub, x, 0);
	match(a, b, identity, ua, ub, x, 1);
	for (size_t i = 0; i < a->n; i++) if (!ua[i]) x->gone[x->ngone++] = &a->v[i];
	for (size_t j = 0; j < b->n; j++) if (!ub[j]) x->came[x->ncame++] = &b->v[j];
	free(ua);
	free(ub);
}

static void diff_free(struct diff *x)
{
	free(x->gone);
	free(x->came);
	free(x->was);
	free(x->now);
}

static int same_chain(const struct cl_violation *a, const struct cl_violation *b)
{
	struct strbuf x = {0}, y = {0};
	chain_key(&x, a);
	chain_key(&y, b);
	int same = !strcmp(sb_str(&x), sb_str(&y));
	sb_release(&x);
	sb_release(&y);
	return same;
}

/* --- text ------------------------------------------------------------------------------------ */

static double bad_percent(const struct cl_check_result *r)
{
	return r->cross_edges ? 100.0 * (double)r->bad_edges / (double)r->cross_edges : 0;
}

static void text_violation(struct strbuf *sb, const char *lead, const struct cl_violation *v)
{
	sb_adds(sb, lead);
	sb_add_escaped(sb, v->path ? v->path : "");
	sb_addf(sb, ":%d:%d: %s: ", v->line, v->col, cl_severity_name(v->severity));
	sb_add_escaped(sb, v->message);
	sb_addf(sb, " [%s]\n", cl_kind_name(v->kind));
}

static void text_chain(struct strbuf *sb, const char *lead, const struct cl_violation *v)
{
	for (size_t i = 0; i < v->nchain; i++) {
		const struct cl_hop *h = &v->chain[i];
		sb_adds(sb, lead);
		sb_add_escaped(sb, h->from ? h->from : "?");
		sb_adds(sb, " -> ");
		sb_add_escaped(sb, h->to ? h->to : "?");
		sb_adds(sb, "  (");
		sb_add_escaped(sb, h->path ? h->path : "?");
		sb_addf(sb, ":%d:%d, %s)\n", h->line, h->col, h->context ? h->context : "?");
	}
}

static void text_lists(struct strbuf *sb, const char *in, const struct diff *x)
{
	char *item = xasprintf("%s  ", in), *was = xasprintf("%s  was: ", in),
	     *now = xasprintf("%s  now: ", in), *hop = xasprintf("%s         ", in);
	sb_addf(sb, "%sgone (%zu):\n", in, x->ngone);
	for (size_t i = 0; i < x->ngone; i++) text_violation(sb, item, x->gone[i]);
	sb_addf(sb, "%snew (%zu):\n", in, x->ncame);
	for (size_t i = 0; i < x->ncame; i++) text_violation(sb, item, x->came[i]);
	sb_addf(sb, "%schanged (%zu):\n", in, x->nchanged);
	for (size_t i = 0; i < x->nchanged; i++) {
		int chains = !same_chain(x->was[i], x->now[i]);
		text_violation(sb, was, x->was[i]);
		if (chains) text_chain(sb, hop, x->was[i]);
		text_violation(sb, now, x->now[i]);
		if (chains) text_chain(sb, hop, x->now[i]);
	}
	free(item);
	free(was);
	free(now);
	free(hop);
}

static void text_metric(struct strbuf *sb, const char *name, double a, double b, int percent)
{
	const char *sep = strcmp(name, "Q") ? ", " : "";
	if (percent) sb_addf(sb, "%s%s %.1f%% -> %.1f%% (%+.1f)", sep, name, 100 * a, 100 * b, 100 * (b - a));
	else sb_addf(sb, "%s%s %.3f -> %.3f (%+.3f)", sep, name, a, b, b - a);
}

/* "N violations go, N come, N change; errors a -> b, ...; bad dependency a% -> b%" and the
 * metrics line, each after lead. */
static void text_delta(struct strbuf *sb, const char *lead, const char *mlead, const struct diff *x,
		       const struct cl_check_result *a, const struct cl_check_result *b,
		       const struct part_metrics *ma, const struct part_metrics *mb)
{
	sb_addf(sb, "%s%zu violations go, %zu come, %zu change; errors %zu -> %zu, warnings %zu -> "
		"%zu, infos %zu -> %zu; bad dependency %.1f%% -> %.1f%%\n%s", lead, x->ngone, x->ncame,
		x->nchanged, a->errors, b->errors, a->warnings, b->warnings, a->infos, b->infos,
		bad_percent(a), bad_percent(b), mlead);
	text_metric(sb, "Q", ma->q, mb->q, 0);
	text_metric(sb, "SM", ma->sm, mb->sm, 0);
	text_metric(sb, "IFN", ma->ifn, mb->ifn, 0);
	text_metric(sb, "ICP", ma->icp, mb->icp, 1);
	text_metric(sb, "TurboMQ", ma->turbomq, mb->turbomq, 0);
	sb_addc(sb, '\n');
}

static void text_moves(struct strbuf *sb, const struct cl_whatif_step *st)
{
	for (size_t k = 0; k < st->nmoves; k++) {
		const char *s = st->moves[k].service;
		int make = !strncmp(s, "new:", 4);
		sb_adds(sb, k ? ", " : " ");
		sb_add_escaped(sb, st->moves[k].pattern);
		sb_adds(sb, make ? " to a new service " : " to ");
		sb_add_escaped(sb, make ? s + 4 : s);
	}
}

/* --- JSON ------------------------------------------------------------------------------------ */

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

static void add_str(cJSON *o, const char *key, const char *s)
{
	char *clean = s ? utf8_clean(s) : NULL;
	if (clean) cJSON_AddStringToObject(o, key, clean);
	else cJSON_AddNullToObject(o, key);
	free(clean);
}

static cJSON *json_violation(const struct cl_violation *v)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "kind", cl_kind_name(v->kind));
	cJSON_AddStringToObject(o, "severity", cl_severity_name(v->severity));
	add_str(o, "path", v->path);
	cJSON_AddNumberToObject(o, "line", v->line);
	cJSON_AddNumberToObject(o, "col", v->col);
	if (v->from) add_str(o, "from", v->from);
	if (v->to) add_str(o, "to", v->to);
	if (v->from_service) add_str(o, "from_service", v->from_service);
	if (v->to_service) add_str(o, "to_service", v->to_service);
	add_str(o, "message", v->message);
	if (v->nchain) {
		cJSON *ch = cJSON_AddArrayToObject(o, "chain");
		for (size_t i = 0; i < v->nchain; i++) {
			const struct cl_hop *h = &v->chain[i];
			cJSON *x = cJSON_CreateObject();
			add_str(x, "from", h->from);
			add_str(x, "to", h->to);
			add_str(x, "path", h->path);
			cJSON_AddNumberToObject(x, "line", h->line);
			cJSON_AddNumberToObject(x, "col", h->col);
			add_str(x, "context", h->context);
			cJSON_AddItemToArray(ch, x);
		}
	}
	return o;
}

static cJSON *json_list(const struct cl_violation **v, size_t n)
{
	cJSON *a = cJSON_CreateArray();
	for (size_t i = 0; i < n; i++) cJSON_AddItemToArray(a, json_violation(v[i]));
	return a;
}

/* moves, before, after, gone, new, changed: one step. */
static void json_step(cJSON *o, const struct cl_whatif_step *st, const struct diff *x,
		      const struct cl_check_result *a, const struct cl_check_result *b,
		      const struct part_metrics *ma, const struct part_metrics *mb)
{
	cJSON *moves = cJSON_AddArrayToObject(o, "moves");
	for (size_t k = 0; k < st->nmoves; k++) {
		const char *s = st->moves[k].service;
		int make = !strncmp(s, "new:", 4);
		cJSON *mo = cJSON_CreateObject();
		add_str(mo, "modules", st->moves[k].pattern);
		add_str(mo, "to", make ? s + 4 : s);
		cJSON_AddBoolToObject(mo, "new", make);
		cJSON_AddItemToArray(moves, mo);
	}
	cJSON_AddItemToObject(o, "before", json_side(a, ma));
	cJSON_AddItemToObject(o, "after", json_side(b, mb));
	cJSON_AddItemToObject(o, "gone", json_list(x->gone, x->ngone));
	cJSON_AddItemToObject(o, "new", json_list(x->came, x->ncame));
	cJSON *ch = cJSON_AddArrayToObject(o, "changed");
	for (size_t i = 0; i < x->nchanged; i++) {
		cJSON *pair = cJSON_CreateObject();
		cJSON_AddItemToObject(pair, "before", json_violation(x->was[i]));
		cJSON_AddItemToObject(pair, "after", json_violation(x->now[i]));
		cJSON_AddItemToArray(ch, pair);
	}
}

/* --- the command ----------------------------------------------------------------------------- */

static void write_out(const struct cl_whatif_plan *p, const struct cl_check_result *r,
		      const struct part_metrics *m, int json, FILE *out)
{
	size_t n = p->nsteps;
	cJSON *root = json ? cJSON_CreateObject() : NULL, *steps = NULL;
	struct strbuf sb = {0};
	if (json && p->file) {
		add_str(root, "plan", p->file);
		cJSON_AddItemToObject(root, "before", json_side(&r[0], &m[0]));
		cJSON_AddItemToObject(root, "after", json_side(&r[n], &m[n]));
		steps = cJSON_AddArrayToObject(root, "steps");
	} else if (!json && p->file) {
		sb_adds(&sb, "whatif: plan ");
		sb_add_escaped(&sb, p->file);
		sb_addf(&sb, ", %zu step%s\n", n, n == 1 ? "" : "s");
	}
	for (size_t k = 1; k <= n; k++) {
		const struct cl_whatif_step *st = &p->steps[k - 1];
		struct diff x, all;
		diff_states(&r[k - 1], &r[k], &x);
		if (json && !p->file) {
			json_step(root, st, &x, &r[0], &r[1], &m[0], &m[1]);
		} else if (json) {
			cJSON *o = cJSON_CreateObject();
			cJSON_AddNumberToObject(o, "step", (double)k);
			cJSON_AddNumberToObject(o, "line", st->line);
			json_step(o, st, &x, &r[k - 1], &r[k], &m[k - 1], &m[k]);
			diff_states(&r[0], &r[k], &all);
			cJSON *ss = cJSON_AddObjectToObject(o, "since_start");
			cJSON_AddNumberToObject(ss, "gone", (double)all.ngone);
			cJSON_AddNumberToObject(ss, "new", (double)all.ncame);
			cJSON_AddNumberToObject(ss, "changed", (double)all.nchanged);
			diff_free(&all);
			cJSON_AddItemToArray(steps, o);
		} else if (!p->file) {
			sb_adds(&sb, "whatif:");
			text_moves(&sb, st);
			sb_addc(&sb, '\n');
			text_delta(&sb, "  ", "  metrics of the declared services: ", &x, &r[0], &r[1],
				   &m[0], &m[1]);
			text_lists(&sb, "", &x);
		} else {
			sb_addf(&sb, "step %zu (", k);
			sb_add_escaped(&sb, p->file);
			sb_addf(&sb, ":%d):", st->line);
			text_moves(&sb, st);
			sb_addc(&sb, '\n');
			text_delta(&sb, "  ", "  metrics of the declared services: ", &x, &r[k - 1], &r[k],
				   &m[k - 1], &m[k]);
			if (k > 1) {
				diff_states(&r[0], &r[k], &all);
				text_delta(&sb, "  since the start: ", "  metrics since the start: ", &all,
					   &r[0], &r[k], &m[0], &m[k]);
				diff_free(&all);
			}
			text_lists(&sb, "  ", &x);
		}
		diff_free(&x);
	}
	if (json) {
		char *t = json_print(root);
		fprintf(out, "%s\n", t);
		free(t);
		cJSON_Delete(root);
	} else {
		fputs(sb_str(&sb), out);
	}
	sb_release(&sb);
}

static int whatif_answer(const struct cl_config *cfg, struct cl_store *st, const struct cl_whatif_plan *p,
	      int json, FILE *out, struct cl_diags *d)
{
	if (!cfg->b->nservices) {
		cl_diag_add(d, CL_ERROR, cfg->shown, 0, 0, "whatif needs services: the config "
			    "declares none");
		return CL_EUSAGE;
	}
	size_t n = p->nsteps, done = 0;
	struct cl_check_result *r = xcalloc(n + 1, sizeof(*r));
	struct part_metrics *m = xcalloc(n + 1, sizeof(*m));
	struct wplan w = {0};
	struct ck_graph g;
	int rc = ck_load(cfg, st, 1, &g, d);
	if (!rc) rc = resolve(cfg->b, p, &g, &w, m, d);
	for (size_t k = 0; !rc && k <= n; k++) {
		/* state k: the declared services and those the first k steps make, and their moves */
		struct cl_boundaries bk = *cfg->b;
		bk.services = w.svc;
		bk.nservices = w.nsvc_at[k];
		struct cl_config ck = *cfg;
		ck.b = &bk;
		struct cl_check_opts o = { .moves = w.mv, .nmoves = w.upto[k] };
		rc = cl_check(&ck, st, &o, &r[k], d);
		if (!rc) done = k + 1;
	}
	if (!rc) write_out(p, r, m, json, out);
	for (size_t k = 0; k < done; k++) cl_check_release(&r[k]);
	free(r);
	free(m);
	wplan_free(&w);
	ck_free(&g);
	return rc;
}

/* A damaged store gives no answer: a read that failed turns the result into CL_EINTERNAL. */
int cl_whatif(const struct cl_config *cfg, struct cl_store *st, const struct cl_whatif_plan *p,
	      int json, FILE *out, struct cl_diags *d)
{
	return cl_store_failed(st, whatif_answer(cfg, st, p, json, out, d), d);
}
