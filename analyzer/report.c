/* report.c — `cutline report`: the planning report for the current boundaries.toml, as one
 * self-contained HTML file (inline SVG, no network, every string escaped) or Markdown:
 * the services with their size, models, fan-in / fan-out, violations and bad-dependency
 * share; the service dependency-structure matrix; the cross-service data access; the
 * cycles with their chains; the most entangling modules; and the trend of the violations
 * over past checks (the history table). */
#include "check_p.h"
#include "store_p.h"

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
};

struct rep {
	const struct cl_config *cfg;
	struct ck_graph g;
	struct dmodels dm;
	struct cl_check_result r;
	size_t ns;
	struct svc_row *rows;
	size_t *dsm;                /* imports from service i to j: dsm[i * ns + j] */
	int html;
	FILE *out;
};

/* --- text out, escaped for the format ----------------------------------------------------- */
static void put(const struct rep *x, const char *s)
{
	for (; s && *s; s++) {
		if (x->html && *s == '<') fputs("&lt;", x->out);
		else if (x->html && *s == '>') fputs("&gt;", x->out);
		else if (x->html && *s == '&') fputs("&amp;", x->out);
		else if (x->html && *s == '"') fputs("&quot;", x->out);
		else if (x->html && *s == '\'') fputs("&#39;", x->out);
		else if (!x->html && (*s == '|' || *s == '\\' || *s == '`' || *s == '*' || *s == '_' ||
				      *s == '<' || *s == '[' || *s == ']')) fprintf(x->out, "\\%c", *s);
		else if (!x->html && (*s == '\n' || *s == '\r')) fputc(' ', x->out);
		else fputc(*s, x->out);
	}
}

/* What a section says when it has nothing to show. */
static void none(const struct rep *x) { fputs(x->html ? "<p>None.</p>\n" : "None.\n", x->out); }

static void heading(const struct rep *x, const char *title)
{
	if (x->html) {
		fputs("<h2>", x->out);
		put(x, title);
		fputs("</h2>\n", x->out);
	} else {
		fputs("\n## ", x->out);
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
static void table_end(const struct rep *x) { if (x->html) fputs("</table>\n", x->out); }

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
	while (q && sqlite3_step(q) == SQLITE_ROW) {
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
	for (size_t a = 0; a < x->ns; a++)
		for (size_t b = 0; b < x->ns; b++)
			if (x->dsm[a * x->ns + b]) x->rows[a].fan_out++, x->rows[b].fan_in++;
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
}

/* --- sections ------------------------------------------------------------------------------ */
static void services_table(const struct rep *x)
{
	static const char *const head[] = { "service", "modules", "files", "lines", "models owned",
		"fan-in", "fan-out", "errors", "warnings", "bad dependency" };
	heading(x, "Services");
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

/* The dependency-structure matrix: imports from the row's service to the column's. */
static void dsm(const struct rep *x)
{
	heading(x, "Dependency-structure matrix (imports from row to column)");
	size_t max = 1;
	for (size_t i = 0; i < x->ns * x->ns; i++) if (x->dsm[i] > max) max = x->dsm[i];
	if (!x->html) {
		fputs("| from / to |", x->out);
		for (size_t s = 0; s < x->ns; s++) { fputc(' ', x->out); put(x, x->rows[s].name); fputs(" |", x->out); }
		fputs("\n|---|", x->out);
		for (size_t s = 0; s < x->ns; s++) fputs("---|", x->out);
		fputc('\n', x->out);
		for (size_t a = 0; a < x->ns; a++) {
			fputs("| ", x->out);
			put(x, x->rows[a].name);
			fputs(" |", x->out);
			for (size_t b = 0; b < x->ns; b++) {
				if (a == b) fputs(" · |", x->out);
				else if (x->dsm[a * x->ns + b]) fprintf(x->out, " %zu |", x->dsm[a * x->ns + b]);
				else fputs("  |", x->out);
			}
			fputc('\n', x->out);
		}
		return;
	}
	size_t cw = 28, lw = 160, n = x->ns;
	fprintf(x->out, "<svg class=\"dsm\" xmlns=\"http://www.w3.org/2000/svg\" width=\"%zu\" "
		"height=\"%zu\" role=\"img\" aria-label=\"dependency-structure matrix\">\n",
		lw + n * cw + 10, lw + n * cw + 10);
	for (size_t s = 0; s < n; s++) {
		fprintf(x->out, "<text x=\"%zu\" y=\"%zu\" text-anchor=\"end\" font-size=\"11\">",
			lw - 6, lw + s * cw + cw / 2 + 4);
		put(x, x->rows[s].name);
		fprintf(x->out, "</text>\n<text transform=\"translate(%zu,%zu) rotate(-60)\" "
			"font-size=\"11\">", lw + s * cw + cw / 2, lw - 6);
		put(x, x->rows[s].name);
		fputs("</text>\n", x->out);
	}
	for (size_t a = 0; a < n; a++) {
		for (size_t b = 0; b < n; b++) {
			size_t v = x->dsm[a * n + b];
			double t = v ? 0.15 + 0.85 * (double)v / (double)max : 0;
			fprintf(x->out, "<rect x=\"%zu\" y=\"%zu\" width=\"%zu\" height=\"%zu\" "
				"fill=\"%s\" fill-opacity=\"%.2f\" stroke=\"#ccc\"><title>",
				lw + b * cw, lw + a * cw, cw, cw, a == b ? "#888" : "#c0392b",
				a == b ? 0.3 : t);
			put(x, x->rows[a].name);
			fputs(" -> ", x->out);
			put(x, x->rows[b].name);
			fprintf(x->out, ": %zu</title></rect>\n", v);
			if (v && a != b)
				fprintf(x->out, "<text x=\"%zu\" y=\"%zu\" text-anchor=\"middle\" "
					"font-size=\"10\">%zu</text>\n", lw + b * cw + cw / 2, lw + a * cw + cw / 2 + 4, v);
		}
	}
	fputs("</svg>\n", x->out);
}

/* Graphviz's dot, run from an argv (never a shell) on temporary files: the SVG, or NULL
 * when dot is not installed or fails. */
static char *run_dot(const char *dot)
{
	char in[] = "/tmp/cutline-dot-XXXXXX", out[] = "/tmp/cutline-svg-XXXXXX";
	int fi = mkstemp(in), fo = mkstemp(out);
	char *svg = NULL;
	size_t len = strlen(dot);
	if (fi >= 0 && fo >= 0 && write(fi, dot, len) == (ssize_t)len) {
		char *prog = cl_which("dot");           /* not from a relative PATH entry */
		char *argv[] = { prog, "-Tsvg", in, "-o", out, NULL };
		pid_t pid;
		int status;
		if (prog && !posix_spawn(&pid, prog, NULL, NULL, argv, environ) &&
		    waitpid(pid, &status, 0) == pid && WIFEXITED(status) && !WEXITSTATUS(status)) {
			size_t n;
			char *text = NULL;
			if (!read_file(out, &text, &n)) svg = text;
			else free(text);
		}
		free(prog);
	}
	if (fi >= 0) close(fi), unlink(in);
	if (fo >= 0) close(fo), unlink(out);
	return svg;
}

/* The service graph in DOT: edge widths by the imports behind them. */
static char *service_dot(const struct rep *x)
{
	struct strbuf sb = {0};
	sb_adds(&sb, "digraph services {\n  rankdir=LR;\n  node [shape=box, fontname=\"Helvetica\"];\n");
	for (size_t s = 0; s < x->ns; s++) {
		sb_adds(&sb, "  ");
		sb_dot_quote(&sb, x->rows[s].name);
		sb_adds(&sb, ";\n");
	}
	for (size_t a = 0; a < x->ns; a++) {
		for (size_t b = 0; b < x->ns; b++) {
			size_t v = x->dsm[a * x->ns + b];
			if (!v || a == b) continue;
			int w = 1;
			for (size_t t = v; t > 1; t /= 2) w++;
			sb_adds(&sb, "  ");
			sb_dot_quote(&sb, x->rows[a].name);
			sb_adds(&sb, " -> ");
			sb_dot_quote(&sb, x->rows[b].name);
			sb_addf(&sb, " [penwidth=%d, label=\"%zu\"];\n", w, v);
		}
	}
	sb_adds(&sb, "}\n");
	return sb_detach(&sb);
}

static void service_graph(const struct rep *x)
{
	heading(x, "Service graph (edge width: imports behind it)");
	char *dot = service_dot(x);
	if (!x->html) {
		fprintf(x->out, "```dot\n%s```\n", dot);
		free(dot);
		return;
	}
	char *svg = run_dot(dot);
	if (svg) {
		const char *start = strstr(svg, "<svg");
		fputs(start ? start : svg, x->out);       /* dot's own output: names are escaped */
	} else {
		fputs("<p class=\"note\">Graphviz (<code>dot</code>) is not installed: the graph in "
		      "DOT follows.</p>\n<pre>", x->out);
		put(x, dot);
		fputs("</pre>\n", x->out);
	}
	free(svg);
	free(dot);
}

/* Reads and writes across services: the data the split has to move behind APIs. */
static void data_access(const struct rep *x, struct cl_store *st)
{
	static const char *const head[] = { "model", "owner", "service", "op", "accesses" };
	heading(x, "Cross-service data access");
	sqlite3_stmt *q = store_prepare(st, "SELECT model_id, module, op, count(*) FROM data_access "
		"WHERE model_id IS NOT NULL AND op <> 'reference' GROUP BY 1, 2, 3", NULL);
	size_t n = 0;
	struct smap seen = {0};
	VEC(char *) rows = {0};
	while (q && sqlite3_step(q) == SQLITE_ROW) {
		int64_t mi = dmodels_find(&x->dm, sqlite3_column_int64(q, 0));
		int m = ck_module(&x->g, (const char *)sqlite3_column_text(q, 1));
		if (mi < 0 || m < 0) continue;
		int s = x->g.svc[m], owner = x->dm.v[mi].owner;
		if (s < 0 || owner < 0 || s == owner) continue;
		char *key = xasprintf("%s\t%s\t%s\t%s", x->dm.v[mi].name, x->rows[owner].name,
				      x->rows[s].name, (const char *)sqlite3_column_text(q, 2));
		int64_t *c = smap_get(&seen, key);
		if (!c) VEC_PUSH(rows, xstrdup(key));
		smap_put(&seen, key, (c ? *c : 0) + sqlite3_column_int64(q, 3));
		free(key);
	}
	sqlite3_finalize(q);
	sort_array(rows.v, rows.n, sizeof(char *), cmp_str);
	if (!rows.n) none(x);
	else table_start(x, head, 5);
	for (size_t i = 0; i < rows.n; i++, n++) {
		char *f[4], *t = rows.v[i];
		for (int k = 0; k < 4; k++) { f[k] = t; t = strchr(t, '\t'); if (t) *t++ = 0; }
		char *key = xasprintf("%s\t%s\t%s\t%s", f[0], f[1], f[2], f[3]);
		row_start(x);
		for (int k = 0; k < 4; k++) cell(x, f[k]);
		cellf(x, "%.0f", (double)*smap_get(&seen, key));
		row_end(x);
		free(key);
		free(rows.v[i]);
	}
	if (rows.n) table_end(x);
	VEC_FREE(rows);
	smap_release(&seen);
}

static void cycles(const struct rep *x)
{
	heading(x, "Cycles");
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
		fputs(x->html ? "</ol></div>\n" : "", x->out);
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
	heading(x, "Most entangling modules (imports across services)");
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

struct point { int64_t t; char head[13]; double e, w, bad; };

/* Errors and warnings of past full checks, oldest first. */
static void trend(const struct rep *x, struct cl_store *st)
{
	heading(x, "Trend of violations (past full checks)");
	sqlite3_stmt *q = store_prepare(st, "SELECT time, head, errors, warnings, bad_dependency "
		"FROM history WHERE source = 'check' ORDER BY time, id", NULL);
	VEC(struct point) p = {0};
	while (q && sqlite3_step(q) == SQLITE_ROW) {
		VEC_GROW(p, 1);
		p.v[p.n].t = sqlite3_column_int64(q, 0);
		const char *h = (const char *)sqlite3_column_text(q, 1);
		snprintf(p.v[p.n].head, sizeof(p.v[p.n].head), "%s", h ? h : "");
		p.v[p.n].e = sqlite3_column_double(q, 2);
		p.v[p.n].w = sqlite3_column_double(q, 3);
		p.v[p.n].bad = sqlite3_column_double(q, 4);
		p.n++;
	}
	sqlite3_finalize(q);
	if (!p.n) {
		fputs(x->html ? "<p>No full check recorded yet.</p>\n" : "No full check recorded yet.\n", x->out);
		VEC_FREE(p);
		return;
	}
	if (x->html) {
		double max = 1;
		for (size_t i = 0; i < p.n; i++) {
			if (p.v[i].e > max) max = p.v[i].e;
			if (p.v[i].w > max) max = p.v[i].w;
		}
		size_t w = 600, h = 200;
		fprintf(x->out, "<svg class=\"trend\" xmlns=\"http://www.w3.org/2000/svg\" width=\"%zu\" "
			"height=\"%zu\" role=\"img\" aria-label=\"trend of violations\">\n"
			"<rect width=\"%zu\" height=\"%zu\" fill=\"#fafafa\" stroke=\"#ccc\"/>\n", w, h + 20, w, h);
		const char *colour[2] = { "#c0392b", "#e67e22" };
		for (int k = 0; k < 2; k++) {
			fprintf(x->out, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\" points=\"", colour[k]);
			for (size_t i = 0; i < p.n; i++) {
				double v = k ? p.v[i].w : p.v[i].e;
				double px = p.n > 1 ? 10 + (double)(w - 20) * (double)i / (double)(p.n - 1) : (double)w / 2;
				fprintf(x->out, "%.1f,%.1f ", px, (double)h - 10 - (double)(h - 20) * v / max);
			}
			fputs("\"/>\n", x->out);
		}
		fprintf(x->out, "<text x=\"10\" y=\"%zu\" font-size=\"11\" fill=\"#c0392b\">errors</text>"
			"<text x=\"60\" y=\"%zu\" font-size=\"11\" fill=\"#e67e22\">warnings</text>"
			"<text x=\"%zu\" y=\"%zu\" font-size=\"11\" text-anchor=\"end\">max %.0f</text>\n"
			"</svg>\n", h + 15, h + 15, w - 10, h + 15, max);
	}
	static const char *const head[] = { "time (UTC)", "commit", "errors", "warnings", "bad dependency" };
	table_start(x, head, 5);
	for (size_t i = 0; i < p.n; i++) {
		char when[32];
		time_t t = (time_t)p.v[i].t;
		struct tm tm;
		strftime(when, sizeof(when), "%Y-%m-%d %H:%M", gmtime_r(&t, &tm));
		row_start(x);
		cell(x, when);
		cell(x, p.v[i].head);
		cellf(x, "%.0f", p.v[i].e);
		cellf(x, "%.0f", p.v[i].w);
		cellf(x, "%.1f%%", p.v[i].bad);
		row_end(x);
	}
	table_end(x);
	VEC_FREE(p);
}

/* --- the whole report ---------------------------------------------------------------------- */
static const char style[] =
	"body{font-family:Helvetica,Arial,sans-serif;margin:2em;color:#222}"
	"table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:3px 8px;"
	"text-align:left}th{background:#f0f0f0}.note{color:#666}pre{background:#f6f6f6;padding:1em}"
	".cycle{margin:0.5em 0}svg{margin:1em 0;max-width:100%}";

/* One configuration's part of the report: its summary and sections (the trend is the
 * current config's only). */
static int part(const struct cl_config *cfg, struct cl_store *st, int html, FILE *out,
		const char *title, int with_trend, struct cl_diags *d)
{
	struct rep x = { .cfg = cfg, .html = html, .out = out };
	if (!cfg->b->nservices) {
		cl_diag_add(d, CL_ERROR, cfg->shown, 0, 0, "report needs services: the config declares none");
		return CL_EUSAGE;
	}
	struct cl_check_opts o = { .baseline = NULL };
	int rc = cl_check(cfg, st, &o, &x.r, d);
	if (!rc) rc = ck_load(cfg, st, 1, &x.g, d);
	if (!rc) rc = dmodels_load(&x.dm, &x.g, cfg->b, st, d);
	if (!rc) {
		gather(&x, st);
		if (title) {
			fputs(html ? "<h1>" : with_trend ? "# " : "\n# ", out);   /* the first part, or not */
			put(&x, title);
			fputs(html ? "</h1>\n" : "\n", out);
		}
		char *summary = xasprintf("%zu services, %zu modules, %zu models; %zu errors, %zu "
			"warnings; bad dependency %.1f%% (%zu of %zu cross-service %s).",
			x.ns, x.g.nmods, x.dm.n, x.r.errors, x.r.warnings, x.r.cross_edges ? 100.0 *
			(double)x.r.bad_edges / (double)x.r.cross_edges : 0, x.r.bad_edges, x.r.cross_edges,
			x.r.cross_edges == 1 ? "dependency" : "dependencies");
		fputs(html ? "<p>" : "\n", out);
		put(&x, summary);
		fputs(html ? "</p>\n" : "\n", out);
		free(summary);
		services_table(&x);
		dsm(&x);
		service_graph(&x);
		data_access(&x, st);
		cycles(&x);
		entangling(&x);
		if (with_trend) trend(&x, st);
	}
	free(x.rows);
	free(x.dsm);
	dmodels_free(&x.dm);
	ck_free(&x.g);
	cl_check_release(&x.r);
	return rc;
}

int cl_report(const struct cl_config *cfg, const struct cl_config *proposal, struct cl_store *st,
	      int html, FILE *out, struct cl_diags *d)
{
	struct rep x = { .cfg = cfg, .html = html, .out = out };
	const char *name = cfg->name ? cfg->name : "the monolith";
	char *title = xasprintf("%s — service boundaries", name);
	if (html) {
		fputs("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>", out);
		put(&x, name);
		fprintf(out, " — cutline report</title>\n<style>%s</style></head><body>\n", style);
	}
	int rc = part(cfg, st, html, out, title, 1, d);
	free(title);
	if (!rc && proposal) {
		title = xasprintf("Proposal: %s", proposal->shown ? proposal->shown : "the proposal");
		rc = part(proposal, st, html, out, title, 0, d);
		free(title);
	}
	if (html) fputs("</body></html>\n", out);
	return rc;
}
