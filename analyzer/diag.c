/* diag.c — the diagnostics list the library fills instead of printing. File names and
 * messages quote the analyzed tree (names, strings), so control characters are written as
 * \xNN: a name cannot start a line of its own (a GitHub workflow command) or move the
 * terminal's cursor. */
#include "cutline.h"
#include "util_p.h"

#include <stdarg.h>
#include <stdlib.h>

void cl_diag_add(struct cl_diags *d, enum cl_severity sev, const char *file, int line, int col,
		 const char *fmt, ...)
{
	VEC_GROW(*d, 1);
	struct cl_diag *g = &d->v[d->n++];
	g->severity = sev;
	g->file = file ? escape_controls(file) : NULL;
	g->line = line;
	g->col = col;
	va_list ap;
	va_start(ap, fmt);
	char *raw = xvasprintf(fmt, ap);
	va_end(ap);
	g->message = escape_controls(raw);
	free(raw);
	if (sev == CL_ERROR) d->errors++;
}

void cl_diags_print(const struct cl_diags *d, FILE *out, size_t limit)
{
	static const char *sev[] = { "note", "warning", "error" };
	size_t shown = 0;
	for (size_t i = 0; i < d->n; i++) {
		const struct cl_diag *g = &d->v[i];
		if (limit && shown == limit && g->severity != CL_ERROR) continue;
		if (g->severity != CL_ERROR) shown++;
		if (g->file && g->line)
			fprintf(out, "%s:%d:%d: %s: %s\n", g->file, g->line, g->col ? g->col : 1,
				sev[g->severity], g->message);
		else if (g->file)
			fprintf(out, "%s: %s: %s\n", g->file, sev[g->severity], g->message);
		else
			fprintf(out, "cutline: %s: %s\n", sev[g->severity], g->message);
	}
	if (limit && shown == limit) {
		size_t hidden = 0;
		for (size_t i = 0; i < d->n; i++) hidden += d->v[i].severity != CL_ERROR;
		if (hidden > limit)
			fprintf(out, "cutline: note: %zu more warnings not shown\n", hidden - limit);
	}
}

void cl_diags_release(struct cl_diags *d)
{
	for (size_t i = 0; i < d->n; i++) {
		free(d->v[i].file);
		free(d->v[i].message);
	}
	VEC_FREE(*d);
	d->errors = 0;
}
