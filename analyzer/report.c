/* report.c — `cutline report`: the planning report for the current boundaries.toml, as one
 * self-contained HTML file (inline SVG, no network, every string escaped) or Markdown:
 * the services with their size, models, fan-in / fan-out, violations and bad-dependency
 * share; the service dependency-structure matrix; the cross-service data access; the
 * cycles with their chains; the most entangling modules; the port inventory; with a
 * migration ledger, how far each service's fields have moved; and the trend of the
 * violations over past checks (the history table). */
#include "check_p.h"
#include "federate_p.h"
#include "inventory_p.h"
#include "metrics_p.h"
#include "store_p.h"

#include <signal.h>
#include <spawn.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

struct svc_row {
	const char *name;
	size_t modules, files, models, fan_in, fan_out, errors, warnings;
	long lines;
	size_t cross, bad;          /* cross-service module pairs from it; those in violation */
	size_t writes, unknown_writes;   /* its writes; those of no known model */
};

struct rep {
	const struct cl_config *cfg;
	const struct cl_report_opts *o;
	struct ck_graph g;
	struct dmodels dm;
	struct cl_check_result r;
	size_t ns;
	struct svc_row *rows;
	size_t *dsm;                /* imports from service i to j: dsm[i * ns + j] */
	size_t dsm_max;             /* the most in one cell, at least 1 */
	size_t *dw, *dr;            /* writes, reads by service i of models service j owns */
	size_t *order;              /* the services in the matrices' order (by dependency) */
	size_t *pos;                /* a service's place in order */
	int *comp;                  /* its strongly connected component (a cycle when > 1) */
	size_t writes, unknown_writes;
	int html;
	const char *idp;            /* prefix of the sections' ids */
	FILE *out;
	struct inv_service *inv;    /* the port inventory, by service */
};
/* --- text out, escaped for the format ----------------------------------------------------- */
static void put(const struct rep *x, const char *text)
{
	if (!text) return;
	char *clean = escape_controls(text);      /* ESC, BEL, newlines, bad UTF-8: as check */
	for (const char *s = clean; *s; s++) {
		if (x->html && *s == '<') fputs("&lt;", x->out);
		else if (x->html && *s == '>') fputs("&gt;", x->out);
		else if (x->html && *s == '&') fputs("&amp;", x->out);
		else if (x->html && *s == '"') fputs("&quot;", x->out);
		else if (x->html && *s == '\'') fputs("&#39;", x->out);
		else if (!x->html && (*s == '|' || *s == '\\' || *s == '`' || *s == '*' || *s == '_' ||
				      *s == '<' || *s == '[' || *s == ']')) fprintf(x->out, "\\%c", *s);
		else fputc(*s, x->out);
	}
	free(clean);
}

/* What a section says when it has nothing to show. */
static void none(const struct rep *x) { fputs(x->html ? "<p>None.</p>\n" : "None.\n\n", x->out); }

/* A section's title; in HTML with an id (the proposal's start "p-"), to link to. */
static void heading(const struct rep *x, const char *id, const char *title)
{
	if (x->html) {
		fprintf(x->out, "<h2 id=\"%s%s\">", x->idp ? x->idp : "", id);
		put(x, title);
		fputs("</h2>\n", x->out);
	} else {
		fputs("## ", x->out);
		put(x, title);
		fputs("\n\n", x->out);
	}
}

/* A table: cells of a row are written with cell(); rows end with row_end(). */
static void table_start(const struct rep *x, const char *const *head, size_t n)
{
	fputs(x->html ? "<table>\n<tr>" : "|", x->out);
	for (size_t i = 0; i < n; i++) {
		fputs(x->html ? "<th>" : " ", x->out);
		put(x, head[i]);
		fputs(x->html ? "</th>" : " |", x->out);
	}
	fputs(x->html ? "</tr>\n" : "\n|", x->out);
	for (size_t i = 0; i < n && !x->html; i++) fputs("---|", x->out);
	if (!x->html) fputc('\n', x->out);
}

static void row_start(const struct rep *x) { fputs(x->html ? "<tr>" : "|", x->out); }
static void row_end(const struct rep *x) { fputs(x->html ? "</tr>\n" : "\n", x->out); }
static void table_end(const struct rep *x) { fputs(x->html ? "</table>\n" : "\n", x->out); }

static void cell(const struct rep *x, const char *s)
{
	fputs(x->html ? "<td>" : " ", x->out);
	put(x, s);
	fputs(x->html ? "</td>" : " |", x->out);
}

static void cellf(const struct rep *x, const char *fmt, double v)
{
	char buf[64];
	snprintf(buf, sizeof(buf), fmt, v);
	cell(x, buf);
}

/* --- gathering ------------------------------------------------------------------------------ */
static void gather_data(struct rep *x, struct cl_store *st)
{
	x->dw = xcalloc(x->ns * x->ns + 1, sizeof(size_t));
	x->dr = xcalloc(x->ns * x->ns + 1, sizeof(size_t));
	sqlite3_stmt *q = store_prepare(st, "SELECT model_id, module, op, count(*) FROM data_access "
		"WHERE op <> 'reference' GROUP BY 1, 2, 3", NULL);
	while (store_row(st, q)) {
		int m = ck_module(&x->g, (const char *)sqlite3_column_text(q, 1));
		int s = m >= 0 ? x->g.svc[m] : -1;
		int write = !strcmp((const char *)sqlite3_column_text(q, 2), "write");
		size_t n = (size_t)sqlite3_column_int64(q, 3);
		int known = sqlite3_column_type(q, 0) != SQLITE_NULL;
		if (write) {
			x->writes += n;
			if (!known) x->unknown_writes += n;
			if (s >= 0) x->rows[s].writes += n, x->rows[s].unknown_writes += known ? 0 : n;
		}
		int64_t mi = known ? dmodels_find(&x->dm, sqlite3_column_int64(q, 0)) : -1;
		int owner = mi >= 0 ? x->dm.v[mi].owner : -1;
		if (s < 0 || owner < 0 || s == owner) continue;
		(write ? x->dw : x->dr)[(size_t)s * x->ns + (size_t)owner] += n;
	}
	sqlite3_finalize(q);
}

static void gather(struct rep *x, struct cl_store *st)
{
	x->ns = x->cfg->b->nservices;
	x->rows = xcalloc(x->ns + 1, sizeof(struct svc_row));
	x->dsm = xcalloc(x->ns * x->ns + 1, sizeof(size_t));
	for (size_t s = 0; s < x->ns; s++) x->rows[s].name = x->cfg->b->services[s].name;
	for (size_t m = 0; m < x->g.nmods; m++) {
		int s = x->g.svc[m];
		if (s < 0) continue;
		x->rows[s].modules++;
		x->rows[s].files += x->g.mod_file[m] >= 0;
	}
	sqlite3_stmt *q = store_prepare(st, "SELECT m.name, f.lines FROM modules m JOIN files f ON "
					"f.id = m.file_id", NULL);
	while (store_row(st, q)) {
		int m = ck_module(&x->g, (const char *)sqlite3_column_text(q, 0));
		if (m >= 0 && x->g.svc[m] >= 0) x->rows[x->g.svc[m]].lines += sqlite3_column_int64(q, 1);
	}
	sqlite3_finalize(q);
	for (size_t i = 0; i < x->dm.n; i++)
		if (x->dm.v[i].owner >= 0) x->rows[x->dm.v[i].owner].models++;
	struct smap pairs = {0};
	for (size_t i = 0; i < x->g.edges.n; i++) {
		const struct ck_edge *e = &x->g.edges.v[i];
		int a = x->g.svc[e->src], b = x->g.svc[e->dst];
		if (a < 0 || b < 0 || a == b || e->cap == CL_SEV_OFF) continue;
		x->dsm[(size_t)a * x->ns + (size_t)b]++;
		char key[48];
		snprintf(key, sizeof(key), "%d %d", e->src, e->dst);
		if (smap_put(&pairs, key, 1)) x->rows[a].cross++;
	}
	smap_release(&pairs);
	x->dsm_max = 1;
	for (size_t a = 0; a < x->ns; a++)
		for (size_t b = 0; b < x->ns; b++) {
			size_t v = x->dsm[a * x->ns + b];
			if (v) x->rows[a].fan_out++, x->rows[b].fan_in++;
			if (v > x->dsm_max) x->dsm_max = v;
		}
	struct smap bad = {0};
	for (size_t i = 0; i < x->r.n; i++) {
		const struct cl_violation *v = &x->r.v[i];
		size_t s = 0;
		while (v->from_service && s < x->ns && strcmp(x->rows[s].name, v->from_service)) s++;
		if (!v->from_service || s == x->ns) continue;
		if (v->severity == CL_ERROR) x->rows[s].errors++;
		else if (v->severity == CL_WARNING) x->rows[s].warnings++;
		if (v->from && v->to && v->kind <= CL_K_INDEPENDENCE) {    /* import rules */
			char *key = xasprintf("%s %s", v->from, v->to);
			if (smap_put(&bad, key, 1)) x->rows[s].bad++;
			free(key);
		}
	}
	smap_release(&bad);
	gather_data(x, st);
}

/* --- sections ------------------------------------------------------------------------------ */
static void services_table(const struct rep *x)
{
	static const char *const head[] = { "service", "modules", "files", "lines", "models owned",
		"fan-in", "fan-out", "errors", "warnings", "bad dependency" };
	heading(x, "services", "Services");
	table_start(x, head, 10);
	for (size_t s = 0; s < x->ns; s++) {
		const struct svc_row *r = &x->rows[s];
		row_start(x);
		cell(x, r->name);
		cellf(x, "%.0f", (double)r->modules);
		cellf(x, "%.0f", (double)r->files);
		cellf(x, "%.0f", (double)r->lines);
		cellf(x, "%.0f", (double)r->models);
		cellf(x, "%.0f", (double)r->fan_in);
		cellf(x, "%.0f", (double)r->fan_out);
		cellf(x, "%.0f", (double)r->errors);
		cellf(x, "%.0f", (double)r->warnings);
		cellf(x, "%.1f%%", r->cross ? 100.0 * (double)r->bad / (double)r->cross : 0);
		row_end(x);
	}
	table_end(x);
}

/* --- the matrices' order ------------------------------------------------------------------- */
/* Orders the services by dependency (metrics_dependency_order over the import matrix). A
 * mark above the matrix's diagonal is then an import of a later service: inside a cycle. */
static void order_services(struct rep *x)
{
	size_t n = x->ns;
	x->order = xcalloc(n + 1, sizeof(size_t));
	x->pos = xcalloc(n + 1, sizeof(size_t));
	x->comp = xcalloc(n + 1, sizeof(int));
	const char **names = xcalloc(n + 1, sizeof(char *));
	double *dsm = xcalloc(n * n + 1, sizeof(double));
	for (size_t s = 0; s < n; s++) names[s] = x->rows[s].name;
	for (size_t k = 0; k < n * n; k++) dsm[k] = (double)x->dsm[k];
	metrics_dependency_order(n, dsm, names, x->order, x->comp);
	for (size_t i = 0; i < n; i++) x->pos[x->order[i]] = i;
	free(names);
	free(dsm);
}

static size_t comp_size(const struct rep *x, size_t s)
{
	size_t k = 0;
	for (size_t t = 0; t < x->ns; t++) k += x->comp[t] == x->comp[s];
	return k;
}

/* --- matrices ------------------------------------------------------------------------------ */
/* A cell of a matrix: its count (0: empty), colour, and the words of its tooltip. */
struct mcell { size_t v; const char *fill; char text[48]; char *title; };
typedef void (*mcell_fn)(const struct rep *x, size_t row, size_t col, struct mcell *c);

/* A heat map of rows x cols (service indexes), labelled "name N" on the left and by number
 * on top, sized to the page: cells shrink with the count, numbers in them only while they
 * fit (at most maxcw wide); every filled cell has its tooltip. diag & 1 greys the row = col
 * cells, diag & 2 frames the cycles (rows and cols the same services). */
static void svg_matrix(const struct rep *x, const char *cls, const char *label,
		       const size_t *rows, size_t nr, const size_t *cols, size_t nc, int diag,
		       size_t maxcw, mcell_fn fn)
{
	size_t longest = 4, n = nr > nc ? nr : nc;
	for (size_t i = 0; i < nr; i++) {
		size_t l = strlen(x->rows[rows[i]].name) + 5;
		if (l > longest) longest = l;
	}
	/* cells cw wide, ch high: as wide as the page allows, never lower than a label */
	if (longest > 40) longest = 40;
	size_t cw = n ? (1100 - longest * 6) / n : 28;
	if (cw > maxcw) cw = maxcw;
	if (cw < 6) cw = 6;
	size_t ch = cw < 12 ? 12 : cw > 28 ? 28 : cw;
	size_t fs = ch >= 12 ? 11 : ch - 1, cfs = cw >= 12 ? 11 : cw;   /* label fonts */
	size_t lw = longest * fs * 6 / 10 + 8, th = 3 * cfs * 7 / 10 + 10;
	size_t w = lw + nc * cw + 2, h = th + nr * ch + 2;
	fprintf(x->out, "<svg class=\"%s\" xmlns=\"http://www.w3.org/2000/svg\" width=\"%zu\" "
		"height=\"%zu\" viewBox=\"0 0 %zu %zu\" role=\"img\" aria-label=\"%s\" "
		"font-size=\"%zu\">\n", cls, w, h, w, h, label, fs);
	fprintf(x->out, "<rect x=\"%zu\" y=\"%zu\" width=\"%zu\" height=\"%zu\" fill=\"#fff\" "
		"stroke=\"#bbb\"/>\n<path stroke=\"#e4e4e4\" d=\"", lw, th, nc * cw, nr * ch);
	for (size_t i = 1; i < nr; i++) fprintf(x->out, "M%zu %zuh%zu", lw, th + i * ch, nc * cw);
	for (size_t j = 1; j < nc; j++) fprintf(x->out, "M%zu %zuv%zu", lw + j * cw, th, nr * ch);
	fputs("\"/>\n", x->out);
	for (size_t i = 0; i < nr; i++) {
		fprintf(x->out, "<text class=\"row\" x=\"%zu\" y=\"%zu\" text-anchor=\"end\">", lw - 4,
			th + i * ch + ch / 2 + fs * 35 / 100);
		put(x, x->rows[rows[i]].name);
		fprintf(x->out, " %zu</text>\n", x->pos[rows[i]] + 1);
	}
	for (size_t j = 0; j < nc; j++) {
		size_t cx = lw + j * cw + cw / 2 + cfs * 35 / 100;
		fprintf(x->out, "<text x=\"%zu\" y=\"%zu\" font-size=\"%zu\" transform=\"rotate(-90 "
			"%zu %zu)\">%zu</text>\n", cx, th - 4, cfs, cx, th - 4, x->pos[cols[j]] + 1);
	}
	for (size_t i = 0; i < nr; i++)
		for (size_t j = 0; j < nc; j++) {
			struct mcell c = {0};
			if (diag && rows[i] == cols[j]) {
				fprintf(x->out, "<rect x=\"%zu\" y=\"%zu\" width=\"%zu\" height=\"%zu\" "
					"fill=\"#999\" fill-opacity=\"0.35\"/>\n", lw + j * cw, th + i * ch,
					cw, ch);
				continue;
			}
			fn(x, rows[i], cols[j], &c);
			if (!c.v) {
				free(c.title);
				continue;
			}
			fprintf(x->out, "<rect x=\"%zu\" y=\"%zu\" width=\"%zu\" height=\"%zu\" "
				"fill=\"%s\"><title>", lw + j * cw, th + i * ch, cw, ch, c.fill);
			put(x, c.title);
			fputs("</title></rect>\n", x->out);
			if (cw >= 16 && *c.text && strlen(c.text) * (fs - 1) * 6 / 10 + 2 <= cw)
				fprintf(x->out, "<text x=\"%zu\" y=\"%zu\" text-anchor=\"middle\" "
					"font-size=\"%zu\" pointer-events=\"none\">%s</text>\n",
					lw + j * cw + cw / 2, th + i * ch + ch / 2 + 4, fs - 1, c.text);
			free(c.title);
		}
	if (diag & 2)                          /* the cycles: their blocks on the diagonal */
		for (size_t i = 0; i < nr; i++) {
			size_t k = comp_size(x, rows[i]);
			if (k < 2 || (i && x->comp[rows[i - 1]] == x->comp[rows[i]])) continue;
			fprintf(x->out, "<rect class=\"cycle\" x=\"%zu\" y=\"%zu\" width=\"%zu\" "
				"height=\"%zu\" fill=\"none\" stroke=\"#1f4e79\" stroke-width=\"2\"/>\n",
				lw + i * cw, th + i * ch, k * cw, k * ch);
		}
	fputs("</svg>\n", x->out);
}

/* A Markdown matrix: rows by name and number, columns by number (the same numbers). */
static void md_matrix(const struct rep *x, const size_t *rows, size_t nr, const size_t *cols,
		      size_t nc, int diag, mcell_fn fn)
{
	fputs("| # service |", x->out);
	for (size_t j = 0; j < nc; j++) fprintf(x->out, " %zu |", x->pos[cols[j]] + 1);
	fputs("\n|---|", x->out);
	for (size_t j = 0; j < nc; j++) fputs("---|", x->out);
	fputc('\n', x->out);
	for (size_t i = 0; i < nr; i++) {
		fprintf(x->out, "| %zu ", x->pos[rows[i]] + 1);
		put(x, x->rows[rows[i]].name);
		fputs(" |", x->out);
		for (size_t j = 0; j < nc; j++) {
			struct mcell c = {0};
			if (diag && rows[i] == cols[j]) {
				fputs(" · |", x->out);
				continue;
			}
			fn(x, rows[i], cols[j], &c);
			fprintf(x->out, " %s |", c.v ? c.text : "");
			free(c.title);
		}
		fputc('\n', x->out);
	}	fputc('\n', x->out);
}

static void dsm_cell(const struct rep *x, size_t a, size_t b, struct mcell *c)
{
	c->v = x->dsm[a * x->ns + b];
	if (!c->v) return;
	size_t max = x->dsm_max;
	static const char *const shade[] = { "#f5b7b1", "#ec7063", "#cb4335", "#922b21" };
	size_t k = 0;
	for (size_t t = c->v * 4; t > max && k < 3; t /= 2) k++;
	c->fill = x->pos[a] < x->pos[b] ? "#5b2c6f" : shade[k];    /* against the order: a cycle */
	snprintf(c->text, sizeof(c->text), "%zu", c->v);
	c->title = xasprintf("%s imports %s: %zu import%s%s", x->rows[a].name, x->rows[b].name,
			     c->v, c->v == 1 ? "" : "s", x->pos[a] < x->pos[b] ? " (in a cycle)" : "");
}

/* The dependency-structure matrix: imports from the row's service to the column's, the
 * services ordered by dependency. */
static void dsm(const struct rep *x)
{
	heading(x, "dsm", "Dependency-structure matrix (imports from row to column)");
	size_t cyc = 0, ncomp = 0;
	for (size_t s = 0; s < x->ns; s++) {
		size_t k = comp_size(x, s);
		if (k > 1) cyc++;
		if (k > 1 && (!x->pos[s] || x->comp[x->order[x->pos[s] - 1]] != x->comp[s])) ncomp++;
	}
	char *cycles = ncomp ? xasprintf("%zu of the services are in %zu cycle%s%s", cyc, ncomp,
					 ncomp == 1 ? "" : "s", x->html ? ", framed" : "")
			     : xstrdup("no service is in one");
	char *note = xasprintf("Services ordered by dependency: each comes after the services it "
		"imports, so the marks sit below the diagonal; a mark above it is an import inside a "
		"cycle (%s). Columns are numbered as the rows.", cycles);
	free(cycles);
	fputs(x->html ? "<p class=\"note\">" : "", x->out);
	put(x, note);
	fputs(x->html ? "</p>\n" : "\n\n", x->out);
	free(note);
	if (x->html) {
		fputs("<div class=\"wide\">", x->out);
		svg_matrix(x, "dsm", "dependency-structure matrix", x->order, x->ns, x->order, x->ns, 3, 28,
			   dsm_cell);
		fputs("</div>\n", x->out);
	} else {
		md_matrix(x, x->order, x->ns, x->order, x->ns, 1, dsm_cell);
	}
}

/* --- the service graph --------------------------------------------------------------------- */
enum { DOT_OK, DOT_MISSING, DOT_TIMEOUT, DOT_FAILED };

/* Graphviz's dot, run from an argv (never a shell) on temporary files, killed after timeout
 * seconds: *svg is its SVG when DOT_OK; *status the exit status when DOT_FAILED. */
static int run_dot(const char *dot, double timeout, char **svg, int *status)
{
	char in[] = "/tmp/cutline-dot-XXXXXX", out[] = "/tmp/cutline-svg-XXXXXX";
	int fi = mkstemp(in), fo = mkstemp(out), rc = DOT_FAILED;
	size_t len = strlen(dot);
	*svg = NULL;
	*status = -1;
	char *prog = cl_which("dot");           /* not from a relative PATH entry */
	if (!prog) rc = DOT_MISSING;
	if (prog && fi >= 0 && fo >= 0 && write(fi, dot, len) == (ssize_t)len) {
		char *argv[] = { prog, "-Tsvg", in, "-o", out, NULL };
		pid_t pid;
		int st = 0;
		if (posix_spawn(&pid, prog, NULL, NULL, argv, environ)) {
			rc = DOT_MISSING;
		} else {
			double end = now_seconds() + timeout;
			pid_t w;
			while ((w = waitpid(pid, &st, WNOHANG)) == 0 && now_seconds() < end) {
				struct timespec ts = { 0, 20 * 1000 * 1000 };
				nanosleep(&ts, NULL);
			}
			if (w == 0) {
				kill(pid, SIGKILL);
				waitpid(pid, &st, 0);
				rc = DOT_TIMEOUT;
			} else if (w == pid && WIFEXITED(st) && !WEXITSTATUS(st)) {
				size_t n;
				char *text = NULL;
				if (!read_file(out, &text, &n)) *svg = text, rc = DOT_OK;
				else free(text);
			} else if (w == pid) {
				*status = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
			}
		}
	}
	free(prog);
	if (fi >= 0) close(fi), unlink(in);
	if (fo >= 0) close(fo), unlink(out);
	return rc;
}

struct gedge { size_t a, b, v; };

static int cmp_gedge(const void *pa, const void *pb)
{
	const struct gedge *a = pa, *b = pb;
	if (a->v != b->v) return a->v > b->v ? -1 : 1;
	if (a->a != b->a) return a->a < b->a ? -1 : 1;
	return a->b < b->b ? -1 : a->b > b->b;
}

/* The service graph in DOT: the heaviest max edges (edge widths by the imports behind them)
 * and the services they join; *left the edges and *alone the services left out. */
static char *service_dot(const struct rep *x, size_t max, size_t *left, size_t *alone)
{
	VEC(struct gedge) e = {0};
	for (size_t a = 0; a < x->ns; a++)
		for (size_t b = 0; b < x->ns; b++)
			if (a != b && x->dsm[a * x->ns + b])
				VEC_PUSH(e, ((struct gedge){ a, b, x->dsm[a * x->ns + b] }));
	sort_array(e.v, e.n, sizeof(*e.v), cmp_gedge);
	size_t keep = e.n < max ? e.n : max;
	*left = e.n - keep;
	char *shown = xcalloc(x->ns + 1, 1);
	for (size_t i = 0; i < keep; i++) shown[e.v[i].a] = shown[e.v[i].b] = 1;
	struct strbuf sb = {0};
	sb_adds(&sb, "digraph services {\n  rankdir=LR;\n  ranksep=0.4;\n  nodesep=0.15;\n"
		"  node [shape=box, fontname=\"Helvetica\", fontsize=11, height=0.3];\n"
		"  edge [fontname=\"Helvetica\", fontsize=9, arrowsize=0.6];\n");
	*alone = 0;
	for (size_t i = 0; i < x->ns; i++) {
		size_t s = x->order[i];
		if (!shown[s] && *left) {         /* drawn whole, every service shows */
			++*alone;
			continue;
		}
		sb_adds(&sb, "  ");
		sb_dot_quote(&sb, x->rows[s].name);
		if (comp_size(x, s) > 1) sb_adds(&sb, " [color=\"#1f4e79\", penwidth=2]");
		sb_adds(&sb, ";\n");
	}
	for (size_t i = 0; i < keep; i++) {
		int w = 1;
		for (size_t t = e.v[i].v; t > 1; t /= 2) w++;
		sb_adds(&sb, "  ");
		sb_dot_quote(&sb, x->rows[e.v[i].a].name);
		sb_adds(&sb, " -> ");
		sb_dot_quote(&sb, x->rows[e.v[i].b].name);
		sb_addf(&sb, " [penwidth=%d, label=\"%zu\"%s];\n", w > 6 ? 6 : w, e.v[i].v,
			x->pos[e.v[i].a] < x->pos[e.v[i].b] ? ", color=\"#5b2c6f\"" : "");
	}
	sb_adds(&sb, "}\n");
	free(shown);
	VEC_FREE(e);
	return sb_detach(&sb);
}

static void say(const struct rep *x, const char *text)
{
	fputs(x->html ? "<p class=\"note\">" : "", x->out);
	put(x, text);
	fputs(x->html ? "</p>\n" : "\n\n", x->out);
}

static void service_graph(const struct rep *x)
{
	heading(x, "graph", "Service graph (edge width: imports behind it)");
	size_t left, alone, max = x->o->max_edges ? x->o->max_edges : 60;
	char *dot = service_dot(x, max, &left, &alone);
	if (left) {
		char *note = xasprintf("The %zu heaviest of %zu service dependencies are drawn: %zu "
			"lighter one%s left out (the matrix above has them all; --max-edges N draws "
			"more)%s.", max, max + left, left, left == 1 ? " is" : "s are", "");
		if (alone) {
			char *more = xasprintf("%.*s; %zu service%s with no drawn dependency %s not shown.",
					       (int)strlen(note) - 1, note, alone, alone == 1 ? "" : "s",
					       alone == 1 ? "is" : "are");
			free(note);
			note = more;
		}
		say(x, note);
		free(note);
	}
	if (!x->html) {
		fprintf(x->out, "```dot\n%s```\n\n", dot);
		free(dot);
		return;
	}
	double timeout = x->o->dot_timeout > 0 ? x->o->dot_timeout : 10;
	char *svg = NULL, *why = NULL;
	int status, rc = run_dot(dot, timeout, &svg, &status);
	const char *start = svg ? strstr(svg, "<svg") : NULL;
	if (rc == DOT_OK && start) {
		fputs("<div class=\"graph\">", x->out);
		fputs(start, x->out);                     /* dot's own output: names are escaped */
		fputs("</div>\n", x->out);
	} else {
		if (rc == DOT_MISSING) why = xasprintf("Graphviz (dot) is not installed: the graph "
			"in DOT follows.");
		else if (rc == DOT_TIMEOUT) why = xasprintf("Graphviz (dot) did not lay the graph out "
			"within %g s and was stopped (--dot-timeout SECONDS, or CUTLINE_DOT_TIMEOUT, "
			"gives it longer; --max-edges N draws fewer edges): the graph in DOT follows.",
			timeout);
		else why = xasprintf("Graphviz (dot) failed (exit status %d): the graph in DOT "
			"follows.", status);
		say(x, why);
		fputs("<pre>", x->out);
		put(x, dot);
		fputs("</pre>\n", x->out);
	}
	free(why);
	free(svg);
	free(dot);
}

/* --- data ---------------------------------------------------------------------------------- */
static void data_cell(const struct rep *x, size_t a, size_t b, struct mcell *c)
{
	size_t w = x->dw[a * x->ns + b], r = x->dr[a * x->ns + b];
	c->v = w + r;
	if (!c->v) return;
	c->fill = w ? (w >= 10 ? "#922b21" : "#e74c3c") : (r >= 10 ? "#1f618d" : "#85c1e9");
	if (w && r) snprintf(c->text, sizeof(c->text), "%zuw %zur", w, r);
	else if (w) snprintf(c->text, sizeof(c->text), "%zuw", w);
	else snprintf(c->text, sizeof(c->text), "%zur", r);
	c->title = xasprintf("%s accesses models of %s: %zu write%s, %zu read%s", x->rows[a].name,
			     x->rows[b].name, w, w == 1 ? "" : "s", r, r == 1 ? "" : "s");
}

/* Reads and writes across services, a service x service matrix (the accessing service's row,
 * the owner's column), over the services that take part; and the writes of no known model. */
static void data_access(const struct rep *x)
{
	heading(x, "data", "Cross-service data access");
	size_t *rows = xcalloc(x->ns + 1, sizeof(size_t)), *cols = xcalloc(x->ns + 1, sizeof(size_t));
	size_t nr = 0, nc = 0, w = 0, r = 0;
	for (size_t i = 0; i < x->ns; i++) {
		size_t s = x->order[i], out = 0, in = 0;
		for (size_t t = 0; t < x->ns; t++) {
			out += x->dw[s * x->ns + t] + x->dr[s * x->ns + t];
			in += x->dw[t * x->ns + s] + x->dr[t * x->ns + s];
			w += x->dw[s * x->ns + t];
			r += x->dr[s * x->ns + t];
		}
		if (out) rows[nr++] = s;
		if (in) cols[nc++] = s;
	}
	char *share = !x->writes ? xstrdup("No write of a model was found.") : xasprintf("Writes of an unknown model: %zu of %zu writes (%.1f%%) name no "
		"model cutline could tell; they are in no cell%s (cutline models lists them).",
		x->unknown_writes, x->writes, x->writes ? 100.0 * (double)x->unknown_writes /
		(double)x->writes : 0.0, nr ? " below" : "");
	if (!nr) {
		say(x, "None.");
		say(x, share);
	} else {
		char *note = xasprintf("%zu writes and %zu reads of a model another service owns, by "
			"%zu services of the models of %zu: row the service that accesses, column the "
			"owner (w writes, r reads; numbered as in the dependency matrix).", w, r, nr, nc);
		say(x, note);
		say(x, share);
		free(note);
		if (x->html) {
			fputs("<div class=\"wide\">", x->out);
			svg_matrix(x, "data", "cross-service data access", rows, nr, cols, nc, 0, 44,
				   data_cell);
			fputs("</div>\n", x->out);
		} else {
			md_matrix(x, rows, nr, cols, nc, 0, data_cell);
		}
	}
	free(share);
	free(rows);
	free(cols);
}

static void cycles(const struct rep *x)
{
	heading(x, "cycles", "Cycles");
	size_t n = 0;
	for (size_t i = 0; i < x->r.n; i++) {
		const struct cl_violation *v = &x->r.v[i];
		if (v->kind != CL_K_SERVICE_CYCLE && v->kind != CL_K_MODULE_CYCLE && v->kind != CL_K_ACYCLIC)
			continue;
		n++;
		fputs(x->html ? "<div class=\"cycle\"><p>" : "- ", x->out);
		put(x, v->message);
		fputs(x->html ? "</p><ol>" : "\n", x->out);
		for (size_t h = 0; h < v->nchain; h++) {
			const struct cl_hop *hp = &v->chain[h];
			char *line = xasprintf("%s -> %s (%s:%d:%d, %s)", hp->from, hp->to,
					       hp->path ? hp->path : "?", hp->line, hp->col, hp->context);
			fputs(x->html ? "<li>" : "  - ", x->out);
			put(x, line);
			fputs(x->html ? "</li>" : "\n", x->out);
			free(line);
		}
		fputs(x->html ? "</ol></div>\n" : "\n", x->out);
	}
	if (!n) none(x);
}

struct tangle { const char *name; size_t in, out; };

static int cmp_tangle(const void *pa, const void *pb)
{
	const struct tangle *a = pa, *b = pb;
	if (a->in + a->out != b->in + b->out) return a->in + a->out > b->in + b->out ? -1 : 1;
	return strcmp(a->name, b->name);
}

/* The modules with the most imports across services, either way. */
static void entangling(const struct rep *x)
{
	static const char *const head[] = { "module", "service", "imports out", "imports in" };
	heading(x, "entangling", "Most entangling modules (imports across services)");
	struct tangle *t = xcalloc(x->g.nmods + 1, sizeof(*t));
	for (size_t m = 0; m < x->g.nmods; m++) t[m].name = x->g.names[m];
	int *svc_of = x->g.svc;
	for (size_t i = 0; i < x->g.edges.n; i++) {
		const struct ck_edge *e = &x->g.edges.v[i];
		if (svc_of[e->src] < 0 || svc_of[e->dst] < 0 || svc_of[e->src] == svc_of[e->dst] ||
		    e->cap == CL_SEV_OFF) continue;
		t[e->src].out++;
		t[e->dst].in++;
	}
	sort_array(t, x->g.nmods, sizeof(*t), cmp_tangle);
	if (!x->g.nmods || !(t[0].in + t[0].out)) {
		none(x);
		free(t);
		return;
	}
	table_start(x, head, 4);
	for (size_t i = 0; i < x->g.nmods && i < 15 && t[i].in + t[i].out; i++) {
		int m = ck_module(&x->g, t[i].name);
		row_start(x);
		cell(x, t[i].name);
		cell(x, m >= 0 && x->g.svc[m] >= 0 ? x->rows[x->g.svc[m]].name : "");
		cellf(x, "%.0f", (double)t[i].out);
		cellf(x, "%.0f", (double)t[i].in);
		row_end(x);
	}
	table_end(x);
	free(t);
}

struct point { int64_t t; char head[13]; double e, w, ke, kw, bad; };

/* Errors and warnings of this config's past full checks, oldest first: all of them, and
 * those a baseline did not know (what failed the check). */
static void trend(const struct rep *x, struct cl_store *st)
{
	heading(x, "trend", "Trend of violations (past full checks)");
	sqlite3_stmt *q = store_prepare(st, "SELECT time, head, errors, warnings, "
		"coalesce(known_errors, 0), coalesce(known_warnings, 0), bad_dependency FROM history "
		"WHERE source = 'check' AND config = ? ORDER BY time, id", NULL);
	char *key = history_config_key(st, x->cfg);
	if (q) sqlite3_bind_text(q, 1, key, -1, SQLITE_STATIC);
	VEC(struct point) p = {0};
	int baseline = 0;
	while (store_row(st, q)) {
		VEC_GROW(p, 1);
		struct point *pt = &p.v[p.n++];
		pt->t = sqlite3_column_int64(q, 0);
		const char *h = (const char *)sqlite3_column_text(q, 1);
		snprintf(pt->head, sizeof(pt->head), "%s", h ? h : "");
		pt->e = sqlite3_column_double(q, 2);
		pt->w = sqlite3_column_double(q, 3);
		pt->ke = sqlite3_column_double(q, 4);
		pt->kw = sqlite3_column_double(q, 5);
		pt->bad = sqlite3_column_double(q, 6);
		if (pt->ke > 0 || pt->kw > 0) baseline = 1;
	}
	sqlite3_finalize(q);
	char *which = xasprintf("Checks of %s (the store's other configs have their own trend)%s.",
		*key ? key : "no config", baseline && x->html ? "; solid lines count every violation, "
		"dashed ones only those the baseline did not know" : "");
	free(key);
	if (!p.n) {
		fputs(x->html ? "<p>No full check recorded yet.</p>\n" : "No full check recorded yet.\n\n", x->out);
		free(which);
		VEC_FREE(p);
		return;
	}
	say(x, which);
	free(which);
	if (x->html) {
		double max = 1;
		for (size_t i = 0; i < p.n; i++) {
			if (p.v[i].e + p.v[i].ke > max) max = p.v[i].e + p.v[i].ke;
			if (p.v[i].w + p.v[i].kw > max) max = p.v[i].w + p.v[i].kw;
		}
		size_t w = 600, h = 200;
		fprintf(x->out, "<svg class=\"trend\" xmlns=\"http://www.w3.org/2000/svg\" width=\"%zu\" "
			"height=\"%zu\" viewBox=\"0 0 %zu %zu\" role=\"img\" aria-label=\"trend of "
			"violations\">\n<rect width=\"%zu\" height=\"%zu\" fill=\"#fafafa\" stroke=\"#ccc\"/>\n",
			w, h + 20, w, h + 20, w, h);
		static const char *const colour[2] = { "#c0392b", "#e67e22" };
		for (int k = 0; k < 4; k++) {          /* errors, warnings; all, then new ones */
			if (k >= 2 && !baseline) break;
			fprintf(x->out, "<polyline class=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"2\"%s "
				"points=\"", k < 2 ? "all" : "new", colour[k % 2],
				k >= 2 ? " stroke-dasharray=\"5 4\"" : "");
			for (size_t i = 0; i < p.n; i++) {
				const struct point *pt = &p.v[i];
				double v = k == 0 ? pt->e + pt->ke : k == 1 ? pt->w + pt->kw : k == 2 ? pt->e : pt->w;
				double px = p.n > 1 ? 10 + (double)(w - 20) * (double)i / (double)(p.n - 1) : (double)w / 2;
				fprintf(x->out, "%.1f,%.1f ", px, (double)h - 10 - (double)(h - 20) * v / max);
			}
			fputs("\"/>\n", x->out);
			for (size_t i = 0; i < p.n && k < 2; i++) {     /* a dot per check: one shows */
				const struct point *pt = &p.v[i];
				double v = k == 0 ? pt->e + pt->ke : pt->w + pt->kw;
				double px = p.n > 1 ? 10 + (double)(w - 20) * (double)i / (double)(p.n - 1) : (double)w / 2;
				fprintf(x->out, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"/>\n", px,
					(double)h - 10 - (double)(h - 20) * v / max, colour[k]);
			}
		}
		fprintf(x->out, "<text x=\"10\" y=\"%zu\" font-size=\"11\" fill=\"#c0392b\">errors</text>"
			"<text x=\"60\" y=\"%zu\" font-size=\"11\" fill=\"#e67e22\">warnings</text>%s"
			"<text x=\"%zu\" y=\"%zu\" font-size=\"11\" text-anchor=\"end\">max %.0f</text>\n"
			"</svg>\n", h + 15, h + 15, baseline ? "<text x=\"130\" y=\"215\" font-size=\"11\" "
			"fill=\"#666\">dashed: not in the baseline</text>" : "", w - 10, h + 15, max);
	}
	static const char *const head[] = { "time (UTC)", "commit", "errors",
		"of which in the baseline", "warnings", "of which in the baseline", "bad dependency" };
	table_start(x, head, 7);
	for (size_t i = 0; i < p.n; i++) {
		char when[32];
		time_t t = (time_t)p.v[i].t;
		struct tm tm;
		strftime(when, sizeof(when), "%Y-%m-%d %H:%M", gmtime_r(&t, &tm));
		row_start(x);
		cell(x, when);
		cell(x, p.v[i].head);
		cellf(x, "%.0f", p.v[i].e + p.v[i].ke);
		cellf(x, "%.0f", p.v[i].ke);
		cellf(x, "%.0f", p.v[i].w + p.v[i].kw);
		cellf(x, "%.0f", p.v[i].kw);
		cellf(x, "%.1f%%", p.v[i].bad);
		row_end(x);
	}
	table_end(x);
	VEC_FREE(p);
}

/* --- the whole report ---------------------------------------------------------------------- */
/* --- the proposal -------------------------------------------------------------------------- */
/* An extraction order, least entangled first (metrics_extraction_order over the traffic
 * of the matrices, ties in the matrices' order, as `federate --format json` orders them);
 * weight[i] is that of the i-th. */
static void extraction_order(const struct rep *x, size_t *seq, size_t *weight)
{
	double *w = xcalloc(x->ns * x->ns + 1, sizeof(double)), *wt = xcalloc(x->ns + 1, sizeof(double));
	for (size_t s = 0; s < x->ns; s++)
		for (size_t t = 0; t < x->ns; t++)
			if (t != s) w[s * x->ns + t] = (double)(x->dsm[s * x->ns + t] + x->dw[s * x->ns + t] +
								x->dr[s * x->ns + t]);
	metrics_extraction_order(x->ns, w, x->order, seq, wt);
	for (size_t k = 0; k < x->ns; k++) weight[k] = (size_t)(wt[k] + 0.5);
	free(w);
	free(wt);
}

/* Writes "a, b, c and N more" of up to max names. */
static void list_some(const struct rep *x, char **names, size_t n, size_t max)
{
	for (size_t i = 0; i < n && i < max; i++) {
		if (i) fputs(", ", x->out);
		fputs(x->html ? "<code>" : "", x->out);
		put(x, names[i]);
		fputs(x->html ? "</code>" : "", x->out);
	}
	if (n > max) fprintf(x->out, " and %zu more", n - max);
	if (!n) fputs("none", x->out);
}

static void para_start(const struct rep *x, const char *label)
{
	fputs(x->html ? "<p><b>" : "", x->out);
	put(x, label);
	fputs(x->html ? "</b> " : " ", x->out);
}

static void para_end(const struct rep *x) { fputs(x->html ? "</p>\n" : "\n\n", x->out); }

struct api { char *key; size_t svc, n; char *users; };    /* key: "name"; users: services */
struct api_vec { struct api *v; size_t n, cap; };

static int cmp_api(const void *pa, const void *pb)
{
	const struct api *a = pa, *b = pb;
	if (a->svc != b->svc) return a->svc < b->svc ? -1 : 1;
	if (a->n != b->n) return a->n > b->n ? -1 : 1;
	return strcmp(a->key, b->key);
}

/* The names other services import from each service: module, or module.name. */
static void load_api(const struct rep *x, struct cl_store *st, struct api_vec *api)
{
	struct smap at = {0};
	sqlite3_stmt *q = store_prepare(st, "SELECT s.name, d.name, e.symbol FROM edges e JOIN "
		"modules s ON s.id = e.src JOIN modules d ON d.id = e.dst WHERE e.kind IN ('import', "
		"'dynamic')", NULL);
	while (store_row(st, q)) {
		int a = ck_module(&x->g, (const char *)sqlite3_column_text(q, 0));
		int b = ck_module(&x->g, (const char *)sqlite3_column_text(q, 1));
		if (a < 0 || b < 0 || x->g.svc[a] < 0 || x->g.svc[b] < 0 || x->g.svc[a] == x->g.svc[b])
			continue;
		const char *sym = (const char *)sqlite3_column_text(q, 2);
		char *key = sym ? xasprintf("%s.%s", x->g.names[b], sym) : xstrdup(x->g.names[b]);
		int64_t *i = smap_get(&at, key);
		if (!i) {
			smap_put(&at, key, (int64_t)api->n);
			VEC_PUSH(*api, ((struct api){ key, (size_t)x->g.svc[b], 0,
						      xcalloc(x->ns + 1, 1) }));
			i = smap_get(&at, key);
		} else {
			free(key);
		}
		api->v[*i].n++;
		api->v[*i].users[x->g.svc[a]] = 1;
	}
	sqlite3_finalize(q);
	smap_release(&at);
	sort_array(api->v, api->n, sizeof(*api->v), cmp_api);
}

static void api_table(const struct rep *x, const struct api *v, size_t n)
{
	static const char *const head[] = { "name", "imported by", "imports" };
	para_start(x, "API of its cut");
	char *s = xasprintf("(%zu name%s other services import from it):", n, n == 1 ? "" : "s");
	put(x, s);
	free(s);
	if (!n) fputs(x->html ? " none." : " none.", x->out);
	para_end(x);
	if (!n) return;
	table_start(x, head, 3);
	for (size_t i = 0; i < n && i < 20; i++) {
		struct strbuf users = {0};
		for (size_t t = 0; t < x->ns; t++)
			if (v[i].users[t]) sb_addf(&users, "%s%s", users.len ? ", " : "", x->rows[t].name);
		row_start(x);
		cell(x, v[i].key);
		cell(x, users.buf ? users.buf : "");
		cellf(x, "%.0f", (double)v[i].n);
		row_end(x);
		sb_release(&users);
	}
	table_end(x);
	if (n > 20) {
		char *more = xasprintf("... and %zu more names.", n - 20);
		say(x, more);
		free(more);
	}
}

/* Each proposed service, least entangled first: its modules, models, the API of its cut,
 * the data it shares and the imports that break cycles across it. */
static void proposed_services(const struct rep *x, struct cl_store *st)
{
	static const char *const head[] = { "#", "service", "modules", "lines", "models",
		"traffic to the rest" };
	heading(x, "proposed", "Proposed services, in extraction order");
	say(x, "Least entangled first: again and again, the service with the least traffic "
	       "(imports and data accesses, either way) to and from the services still left.");
	size_t *seq = xcalloc(x->ns + 1, sizeof(size_t)), *weight = xcalloc(x->ns + 1, sizeof(size_t));
	extraction_order(x, seq, weight);
	table_start(x, head, 6);
	for (size_t k = 0; k < x->ns; k++) {
		const struct svc_row *r = &x->rows[seq[k]];
		row_start(x);
		cellf(x, "%.0f", (double)(k + 1));
		cell(x, r->name);
		cellf(x, "%.0f", (double)r->modules);
		cellf(x, "%.0f", (double)r->lines);
		cellf(x, "%.0f", (double)r->models);
		cellf(x, "%.0f", (double)weight[k]);
		row_end(x);
	}
	table_end(x);
	struct api_vec api = {0};
	load_api(x, st, &api);
	size_t ai = 0;
	VEC(char *) names = {0};
	for (size_t k = 0; k < x->ns; k++) {
		size_t s = seq[k];
		const struct cl_service *sv = &x->cfg->b->services[s];
		char *title = xasprintf("%zu. %s", k + 1, sv->name);
		if (x->html) {
			fputs("<h3>", x->out);
			put(x, title);
			fputs("</h3>\n", x->out);
		} else {
			fputs("### ", x->out);
			put(x, title);
			fputs("\n\n", x->out);
		}
		free(title);
		char *label = xasprintf("Modules (%zu, %ld lines):", x->rows[s].modules, x->rows[s].lines);
		para_start(x, label);
		free(label);
		names.n = 0;
		for (size_t i = 0; i < sv->modules.n; i++) VEC_PUSH(names, sv->modules.v[i].text);
		list_some(x, names.v, names.n, 30);
		para_end(x);
		names.n = 0;
		for (size_t i = 0; i < x->dm.n; i++) if (x->dm.v[i].owner == (int)s) VEC_PUSH(names, x->dm.v[i].name);
		para_start(x, "Models it owns:");
		list_some(x, names.v, names.n, 30);
		para_end(x);
		for (ai = 0; ai < api.n && api.v[ai].svc != s; ai++) {}
		size_t an = 0;
		while (ai + an < api.n && api.v[ai + an].svc == s) an++;
		api_table(x, api.v + ai, an);
		/* shared data: its models others access, others' models it accesses */
		struct strbuf in = {0}, outb = {0};
		for (size_t t = 0; t < x->ns; t++) {
			size_t n = x->ns, w = x->dw[t * n + s], r = x->dr[t * n + s];
			if (w || r) sb_addf(&in, "%s%s (%zu w, %zu r)", in.len ? ", " : "", x->rows[t].name, w, r);
			w = x->dw[s * n + t], r = x->dr[s * n + t];
			if (w || r) sb_addf(&outb, "%s%s (%zu w, %zu r)", outb.len ? ", " : "", x->rows[t].name, w, r);
		}
		para_start(x, "Shared data: its models accessed by");
		put(x, in.len ? in.buf : "no other service");
		put(x, "; it accesses the models of ");
		put(x, outb.len ? outb.buf : "no other service");
		put(x, ".");
		para_end(x);
		sb_release(&in);
		sb_release(&outb);
		/* cycle breaks: late imports across it, and the service cycles it is in */
		size_t nl = 0;
		para_start(x, "Cycle breaks:");
		for (size_t i = 0; i < x->g.edges.n; i++) {
			const struct ck_edge *e = &x->g.edges.v[i];
			int a = x->g.svc[e->src], b = x->g.svc[e->dst];
			if (e->cat != CL_CAT_LATE || a < 0 || b < 0 || a == b || (a != (int)s && b != (int)s))
				continue;
			if (nl++ < 8) {
				char *line = xasprintf("%s%s -> %s (%s:%d)", nl > 1 ? "; " : "",
						       x->g.names[e->src], x->g.names[e->dst],
						       e->file >= 0 ? x->g.files[e->file].path : "?", e->line);
				put(x, line);
				free(line);
			}
		}
		if (nl > 8) fprintf(x->out, " and %zu more", nl - 8);
		char *lw = xasprintf("%s%zu late import%s across it (each a call to another service "
				     "after the split).", nl ? ": " : "", nl, nl == 1 ? "" : "s");
		put(x, nl ? lw : "no late import across it.");
		free(lw);
		size_t nc = 0;
		for (size_t i = 0; i < x->r.n; i++) {
			const struct cl_violation *v = &x->r.v[i];
			if (v->kind != CL_K_SERVICE_CYCLE || !v->from_service || strcmp(v->from_service, sv->name))
				continue;
			put(x, nc++ ? "; " : " Service cycles: ");
			put(x, v->message);
		}
		if (comp_size(x, s) > 1 && !nc) put(x, " It is in an import cycle of services (the matrix frames it).");
		para_end(x);
	}
	VEC_FREE(names);
	for (size_t i = 0; i < api.n; i++) free(api.v[i].key), free(api.v[i].users);
	VEC_FREE(api);
	free(seq);
	free(weight);
}

/* Current vs proposal: where each current service's modules go. */
static void moves(const struct rep *x, const struct rep *cur)
{
	static const char *const head[] = { "current service", "modules", "goes to",
		"modules that go elsewhere" };
	heading(x, "moves", "Current vs proposal: what moves where");
	size_t nc = cur->ns + 1, np = x->ns + 1;     /* the last of each: no service */
	size_t *n = xcalloc(nc * np + 1, sizeof(size_t)), moved = 0;
	for (size_t m = 0; m < x->g.nmods && m < cur->g.nmods; m++) {
		int c = cur->g.svc[m], p = x->g.svc[m];
		n[(c < 0 ? cur->ns : (size_t)c) * np + (p < 0 ? x->ns : (size_t)p)]++;
	}
	size_t *major = xcalloc(nc + 1, sizeof(size_t));
	for (size_t c = 0; c < nc; c++)
		for (size_t p = 0; p < np; p++)
			if (n[c * np + p] > n[c * np + major[c]]) major[c] = p;
	for (size_t c = 0; c < nc; c++)
		for (size_t p = 0; p < np; p++) if (p != major[c]) moved += n[c * np + p];
	size_t split = 0, joined = 0;
	for (size_t c = 0; c < nc; c++) {
		size_t k = 0;
		for (size_t p = 0; p < np; p++) k += n[c * np + p] > 0;
		split += k > 1;
	}
	for (size_t p = 0; p < x->ns; p++) {
		size_t k = 0;
		for (size_t c = 0; c < cur->ns; c++) k += n[c * np + p] > 0;
		joined += k > 1;
	}
	char *note = xasprintf("%zu of %zu current services are split, %zu of %zu proposed services "
		"join two or more current ones; %zu of %zu modules leave the proposed service most of "
		"their current service goes to.", split, cur->ns, joined, x->ns, moved, x->g.nmods);
	say(x, note);
	free(note);
	table_start(x, head, 4);
	for (size_t c = 0; c < nc; c++) {
		size_t total = 0;
		for (size_t p = 0; p < np; p++) total += n[c * np + p];
		if (!total) continue;
		struct strbuf to = {0}, away = {0};
		for (size_t p = 0; p < np; p++) {
			if (!n[c * np + p]) continue;
			const char *pn = p < x->ns ? x->rows[p].name : "(no service)";
			if (n[c * np + p] == total) sb_addf(&to, "%s (all)", pn);
			else sb_addf(&to, "%s%s (%zu)", to.len ? ", " : "", pn, n[c * np + p]);
		}
		size_t listed = 0, more = 0;
		for (size_t m = 0; m < x->g.nmods && m < cur->g.nmods; m++) {
			int cm = cur->g.svc[m], pm = x->g.svc[m];
			size_t cc = cm < 0 ? cur->ns : (size_t)cm, pp = pm < 0 ? x->ns : (size_t)pm;
			if (cc != c || pp == major[c]) continue;
			if (listed++ < 8) sb_addf(&away, "%s%s -> %s", away.len ? ", " : "", x->g.names[m],
						  pp < x->ns ? x->rows[pp].name : "(no service)");
			else more++;
		}
		if (more) sb_addf(&away, " and %zu more", more);
		row_start(x);
		cell(x, c < cur->ns ? cur->rows[c].name : "(no service)");
		cellf(x, "%.0f", (double)total);
		cell(x, to.buf ? to.buf : "");
		cell(x, away.buf ? away.buf : "");
		row_end(x);
		sb_release(&to);
		sb_release(&away);
	}
	table_end(x);
	free(major);
	free(n);
}

static const char style[] =
	"body{font-family:Helvetica,Arial,sans-serif;margin:2em;color:#222;max-width:1200px}"
	"table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:3px 8px;"
	"text-align:left}th{background:#f0f0f0}.note{color:#666}"
	"pre{background:#f6f6f6;padding:1em;white-space:pre-wrap;overflow-wrap:anywhere}"
	"td{overflow-wrap:anywhere}.cycle{margin:0.5em 0}"
	"svg{margin:1em 0;max-width:100%;height:auto}h3{margin-top:1.5em}";

static void rep_free(struct rep *x)
{
	free(x->rows);
	free(x->dsm);
	free(x->dw);
	free(x->dr);
	free(x->order);
	free(x->pos);
	free(x->comp);
	dmodels_free(&x->dm);
	inventory_free(x->inv, x->ns);
	ck_free(&x->g);
	cl_check_release(&x->r);
}

/* Checks cfg over the store and gathers what its part of the report shows. */
static int rep_load(struct rep *x, const struct cl_config *cfg, struct cl_store *st,
		    const struct cl_report_opts *o, FILE *out, struct cl_diags *d)
{
	memset(x, 0, sizeof(*x));
	x->cfg = cfg;
	x->o = o;
	x->html = o->html;
	x->out = out;
	if (!cfg->b->nservices) {
		cl_diag_add(d, CL_ERROR, cfg->shown, 0, 0, "report needs services: the config declares none");
		return CL_EUSAGE;
	}
	struct cl_check_opts co = { .baseline = NULL };
	int rc = cl_check(cfg, st, &co, &x->r, d);
	if (!rc) rc = ck_load(cfg, st, 1, &x->g, d);
	if (!rc) rc = dmodels_load(&x->dm, &x->g, cfg->b, st, d);
	if (!rc) {
		gather(x, st);
		order_services(x);
	}
	if (!rc) rc = inventory_load(&x->g, x->ns, st, &x->inv, d);
	return rc;
}

/* --- the port inventory and the migration ------------------------------------------------- */
static void inventory_cells(const struct rep *x, const struct inv_service *v)
{
	struct strbuf sb = {0};
	for (size_t i = 0; i < v->ntp && i < 5; i++)
		sb_addf(&sb, "%s%s %zu", i ? ", " : "", v->tp[i].name, v->tp[i].count);
	if (v->ntp > 5) sb_addf(&sb, " and %zu more", v->ntp - 5);
	cell(x, v->ntp ? sb.buf : "none");
	sb_reset(&sb);
	for (int k = 0; k < PY2_COUNT; k++)
		if (v->py2[k]) sb_addf(&sb, "%s%s %zu (first %s:%d)", sb.len ? "; " : "",
				       inventory_py2_name(k), v->py2[k], v->first[k].path, v->first[k].line);
	cell(x, sb.len ? sb.buf : "none");
	sb_release(&sb);
}

/* Per service, in extraction order: what a port must carry over. */
static void port_inventory(const struct rep *x)
{
	static const char *const head[] = { "service", "files", "lines", "functions", "classes",
		"methods", "third-party imports", "Python 2 only" };
	heading(x, "inventory", "Port inventory, in extraction order");
	fputs(x->html ? "<p>" : "", x->out);
	put(x, "What a port of each service must carry over (test code left out): its size, "
	    "the third-party packages it imports (imports of each), and the Python-2-only "
	    "constructs its code holds.");
	fputs(x->html ? "</p>\n" : "\n\n", x->out);
	size_t *seq = xcalloc(x->ns + 1, sizeof(size_t)), *weight = xcalloc(x->ns + 1, sizeof(size_t));
	extraction_order(x, seq, weight);
	table_start(x, head, 8);
	for (size_t k = 0; k < x->ns; k++) {
		const struct inv_service *v = &x->inv[seq[k]];
		row_start(x);
		cell(x, x->rows[seq[k]].name);
		cellf(x, "%.0f", (double)v->files);
		cellf(x, "%.0f", (double)v->lines);
		cellf(x, "%.0f", (double)v->functions);
		cellf(x, "%.0f", (double)v->classes);
		cellf(x, "%.0f", (double)v->methods);
		inventory_cells(x, v);
		row_end(x);
	}
	table_end(x);
	free(seq);
	free(weight);
}

/* With a ledger: per service, its drafted fields by state, and the Python lines behind the
 * root fields (those behind migrated ones can go once no caller is left). */
static void migration(const struct rep *x, struct cl_store *st)
{
	static const char *const head[] = { "service", "fields", "migrated", "side by side",
		"python", "Python lines behind migrated fields", "Python lines behind the others" };
	if (!x->cfg->nledger) return;
	struct cl_diags d = {0};
	struct fsub *subs;
	struct fed *f = fed_open(x->cfg, st, &subs, &d);
	cl_diags_release(&d);
	if (!f) return;
	heading(x, "migration", "Migration (the ledger)");
	table_start(x, head, 7);
	for (size_t k = 0; k < x->ns; k++) {
		size_t s = x->order[k];
		struct fcounts c;
		fsub_counts(f, &subs[s], &c);
		row_start(x);
		cell(x, x->rows[s].name);
		cellf(x, "%.0f", (double)c.fields);
		cellf(x, "%.0f", (double)c.state[CL_LEDGER_MIGRATED]);
		cellf(x, "%.0f", (double)c.state[CL_LEDGER_SIDE_BY_SIDE]);
		cellf(x, "%.0f", (double)c.state[CL_LEDGER_PYTHON]);
		cellf(x, "%.0f", (double)c.lines[CL_LEDGER_MIGRATED]);
		cellf(x, "%.0f", (double)(c.lines[CL_LEDGER_PYTHON] + c.lines[CL_LEDGER_SIDE_BY_SIDE]));
		row_end(x);
	}
	table_end(x);
	fed_close(f, subs);
}

/* One configuration's part of the report: its summary and sections; the trend for the
 * current config, the proposed services and the moves for a proposal (cur: the current). */
static void part(const struct rep *x, const struct rep *cur, struct cl_store *st, const char *title)
{
	FILE *out = x->out;
	fputs(x->html ? "<h1>" : "# ", out);
	put(x, title);
	fputs(x->html ? "</h1>\n" : "\n", out);
	char *summary = xasprintf("%zu services, %zu modules, %zu models; %zu error%s, %zu "
		"warning%s; bad dependency %.1f%% (%zu of %zu cross-service %s).",
		x->ns, x->g.nmods, x->dm.n, x->r.errors, x->r.errors == 1 ? "" : "s", x->r.warnings,
		x->r.warnings == 1 ? "" : "s", x->r.cross_edges ? 100.0 *
		(double)x->r.bad_edges / (double)x->r.cross_edges : 0, x->r.bad_edges, x->r.cross_edges,
		x->r.cross_edges == 1 ? "dependency" : "dependencies");
	fputs(x->html ? "<p>" : "\n", out);
	put(x, summary);
	fputs(x->html ? "</p>\n" : "\n\n", out);
	free(summary);
	services_table(x);
	if (cur) proposed_services(x, st);
	if (cur) moves(x, cur);
	dsm(x);
	service_graph(x);
	data_access(x);
	cycles(x);
	entangling(x);
	port_inventory(x);
	if (!cur) migration(x, st);
	if (!cur) trend(x, st);
}

static int report_answer(const struct cl_config *cfg, struct cl_store *st, const struct cl_report_opts *o,
	      FILE *out, struct cl_diags *d)
{
	struct rep x, p;
	memset(&p, 0, sizeof(p));
	const char *name = cfg->name ? cfg->name : "the monolith";
	int rc = rep_load(&x, cfg, st, o, out, d);
	if (!rc && o->proposal) rc = rep_load(&p, o->proposal, st, o, out, d);
	if (!rc) {
		if (o->html) {
			fputs("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
			      "<meta name=\"viewport\" content=\"width=device-width\">\n<title>", out);
			put(&x, name);
			fprintf(out, " — cutline report</title>\n<style>%s</style></head><body>\n", style);
		}
		char *title = xasprintf("%s — service boundaries", name);
		part(&x, NULL, st, title);
		free(title);
		if (o->proposal) {
			title = xasprintf("Proposal: %s", o->proposal->shown ? o->proposal->shown :
					  "the proposal");
			p.idp = "p-";
			part(&p, &x, st, title);
			free(title);
		}
		if (o->html) fputs("</body></html>\n", out);
	}
	if (o->proposal) rep_free(&p);
	rep_free(&x);
	return rc;
}

/* A damaged store gives no answer: a read that failed turns the result into CL_EINTERNAL. */
int cl_report(const struct cl_config *cfg, struct cl_store *st, const struct cl_report_opts *o,
	      FILE *out, struct cl_diags *d)
{
	return cl_store_failed(st, report_answer(cfg, st, o, out, d), d);
}
