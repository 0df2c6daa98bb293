/* query.c — loads queries/NAME.scm into one TSQuery, maps capture names to roles, and parses
 * the predicates (#eq? #not-eq? #match? #not-match? #any-of?) the C runtime hands back.
 * A bad query is reported as FILE.scm:LINE:COL with the runtime's error kind. */
#include "query_p.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <xxhash.h>

const TSLanguage *tree_sitter_python(void);

struct embedded_file { const char *name; const char *text; };
extern const struct embedded_file cutline_embedded[];

static const char *const query_files[] = { "imports.scm", "definitions.scm", "strings.scm" };
enum { NFILES = 3 };

const char *embedded_text(const char *name)
{
	for (const struct embedded_file *e = cutline_embedded; e->name; e++)
		if (!strcmp(e->name, name)) return e->text;
	return NULL;
}

static const struct { const char *name; uint8_t role; uint16_t flag; } role_names[] = {
	{ "import.statement", R_IMPORT_STMT, 0 }, { "import.name", R_IMPORT_NAME, 0 },
	{ "import.alias", R_IMPORT_ALIAS, 0 },
	{ "from.statement", R_FROM_STMT, 0 }, { "from.module", R_FROM_MODULE, 0 },
	{ "from.name", R_FROM_NAME, 0 }, { "from.alias", R_FROM_ALIAS, 0 },
	{ "from.wildcard", R_FROM_WILDCARD, 0 },
	{ "future.statement", R_FUTURE_STMT, 0 }, { "future.name", R_FUTURE_NAME, 0 },
	{ "future.alias", R_FUTURE_ALIAS, 0 },
	{ "dynamic.call", R_DYN_CALL, 0 }, { "dynamic.name", R_DYN_NAME, 0 },
	{ "dynamic.package", R_DYN_PACKAGE, 0 },
	{ "context.late", R_CONTEXT, CTX_LATE }, { "context.class", R_CONTEXT, CTX_CLASS },
	{ "context.try", R_CONTEXT, CTX_TRY },
	{ "context.try_importerror", R_CONTEXT, CTX_TRY | CTX_TRY_IMPORTERROR },
	{ "context.except", R_CONTEXT, CTX_EXCEPT }, { "context.if", R_CONTEXT, CTX_IF },
	{ "context.type", R_CONTEXT, CTX_TYPE },
	{ "scope.class", R_SCOPE_CLASS, 0 }, { "scope.function", R_SCOPE_FUNCTION, 0 },
	{ "scope.name", R_SCOPE_NAME, 0 }, { "class.bases", R_CLASS_BASES, 0 },
	{ "def.name", R_DEF_NAME, 0 }, { "def.all", R_DEF_ALL, 0 },
	{ "string.ref", R_STRING_REF, 0 },
};

/* Where offset off of the concatenated text falls: which file, line and column. */
struct srcmap { const char *name[NFILES]; uint32_t start[NFILES]; const char *dir[NFILES]; };

static void locate(const struct srcmap *m, const char *text, uint32_t off, struct cl_diags *d,
		   const char *msg, const char *arg)
{
	int f = 0;
	for (int i = 0; i < NFILES; i++) if (off >= m->start[i]) f = i;
	int line = 1, col = 1;
	for (uint32_t i = m->start[f]; i < off && text[i]; i++) {
		if (text[i] == '\n') { line++; col = 1; } else col++;
	}
	char *file = m->dir[f] ? path_join(m->dir[f], m->name[f]) : xasprintf("queries/%s", m->name[f]);
	cl_diag_add(d, CL_ERROR, file, line, col, msg, arg);
	free(file);
}

static int load_sources(const char *dir, struct strbuf *all, struct srcmap *m,
			struct cl_diags *d)
{
	for (int i = 0; i < NFILES; i++) {
		m->name[i] = query_files[i];
		m->start[i] = (uint32_t)all->len;
		m->dir[i] = NULL;
		char *text = NULL;
		size_t len = 0;
		if (dir) {
			char *p = path_join(dir, query_files[i]);
			if (read_file(p, &text, &len) == 0) m->dir[i] = dir;
			else if (errno != ENOENT) {
				cl_diag_add(d, CL_ERROR, p, 0, 0, "cannot read query file: %s",
					    strerror(errno));
				free(p);
				return -1;
			}
			free(p);
		}
		sb_adds(all, text ? text : embedded_text(query_files[i]));
		sb_addc(all, '\n');
		free(text);
	}
	return 0;
}

static const char *query_error_name(TSQueryError e)
{
	switch (e) {
	case TSQueryErrorSyntax: return "syntax error";
	case TSQueryErrorNodeType: return "unknown node type";
	case TSQueryErrorField: return "unknown field";
	case TSQueryErrorCapture: return "unknown capture";
	case TSQueryErrorStructure: return "impossible pattern structure";
	default: return "error";
	}
}

static int map_captures(struct cl_queries *q, const char *text, const struct srcmap *m,
			struct cl_diags *d)
{
	uint32_t n = ts_query_capture_count(q->query);
	q->roles = xcalloc(n + 1, 1);
	q->flags = xcalloc(n + 1, sizeof(uint16_t));
	int rc = 0;
	for (uint32_t id = 0; id < n; id++) {
		uint32_t len;
		const char *name = ts_query_capture_name_for_id(q->query, id, &len);
		if (name[0] == '_') continue;
		size_t k = 0, nr = sizeof(role_names) / sizeof(role_names[0]);
		while (k < nr && (strlen(role_names[k].name) != len ||
				  strncmp(role_names[k].name, name, len))) k++;
		if (k == nr) {
			char *cap = xasprintf("@%.*s", (int)len, name);
			const char *at = strstr(text, cap);
			locate(m, text, at ? (uint32_t)(at - text) : 0, d,
			       "unknown capture name '%s' (names starting with _ are free)", cap);
			free(cap);
			rc = -1;
			continue;
		}
		q->roles[id] = role_names[k].role;
		q->flags[id] = role_names[k].flag;
	}
	return rc;
}

static char *step_string(const TSQuery *q, const TSQueryPredicateStep *s)
{
	uint32_t len;
	const char *v = ts_query_string_value_for_id(q, s->value_id, &len);
	return xstrndup(v, len);
}

/* One predicate: steps[0] is its name, then arguments, up to a Done step. */
static int parse_pred(struct cl_queries *q, uint32_t pat, const TSQueryPredicateStep *st,
		      uint32_t n, struct pred *p, char **err)
{
	char *name = step_string(q->query, &st[0]);
	memset(p, 0, sizeof(*p));
	p->other_cap = -1;
	p->negate = !strncmp(name, "not-", 4);
	const char *base = name + (p->negate ? 4 : 0);
	int rc = -1;
	if (n < 2 || st[1].type != TSQueryPredicateStepTypeCapture) {
		*err = xasprintf("#%s needs a capture as its first argument", name);
		goto out;
	}
	p->cap = st[1].value_id;
	if (!strcmp(base, "eq?") && n == 3) {
		p->op = P_EQ;
		if (st[2].type == TSQueryPredicateStepTypeCapture) p->other_cap = (int)st[2].value_id;
		else {
			p->strs = xcalloc(1, sizeof(char *));
			p->strs[p->nstrs++] = step_string(q->query, &st[2]);
		}
	} else if (!strcmp(base, "match?") && n == 3 && st[2].type == TSQueryPredicateStepTypeString) {
		p->op = P_MATCH;
		p->strs = xcalloc(1, sizeof(char *));
		p->strs[p->nstrs++] = step_string(q->query, &st[2]);
		regex_t re;
		if (regcomp(&re, p->strs[0], REG_EXTENDED | REG_NOSUB)) {
			*err = xasprintf("#%s: bad regular expression \"%s\"", name, p->strs[0]);
			goto out;
		}
		regfree(&re);
		p->regex = q->nregex;
		q->regexes = xrealloc(q->regexes, (q->nregex + 1) * sizeof(char *));
		q->regexes[q->nregex++] = xstrdup(p->strs[0]);
	} else if (!strcmp(base, "any-of?") && n >= 3) {
		p->op = P_ANY_OF;
		p->strs = xcalloc(n, sizeof(char *));
		for (uint32_t i = 2; i < n; i++) p->strs[p->nstrs++] = step_string(q->query, &st[i]);
	} else {
		*err = xasprintf("unsupported predicate #%s (or wrong arguments)", name);
		goto out;
	}
	rc = 0;
out:
	(void)pat;
	free(name);
	return rc;
}

static int load_predicates(struct cl_queries *q, const char *text, const struct srcmap *m,
			   struct cl_diags *d)
{
	q->npatterns = ts_query_pattern_count(q->query);
	q->preds = xcalloc(q->npatterns + 1, sizeof(*q->preds));
	int rc = 0;
	for (uint32_t pat = 0; pat < q->npatterns; pat++) {
		uint32_t n;
		const TSQueryPredicateStep *st = ts_query_predicates_for_pattern(q->query, pat, &n);
		for (uint32_t i = 0; i < n; ) {
			uint32_t j = i;
			while (j < n && st[j].type != TSQueryPredicateStepTypeDone) j++;
			struct pred p;
			char *err = NULL;
			if (parse_pred(q, pat, st + i, j - i, &p, &err)) {
				locate(m, text, ts_query_start_byte_for_pattern(q->query, pat), d, "%s", err);
				free(err);
				rc = -1;
			} else {
				VEC_PUSH(q->preds[pat], p);
			}
			i = j + 1;
		}
	}
	return rc;
}

int queries_load(const char *dir, struct cl_queries **out, struct cl_diags *d)
{
	struct strbuf all = {0};
	struct srcmap m;
	*out = NULL;
	if (load_sources(dir, &all, &m, d)) {
		sb_release(&all);
		return CL_EUSAGE;
	}
	struct cl_queries *q = xcalloc(1, sizeof(*q));
	uint32_t off;
	TSQueryError et;
	q->query = ts_query_new(tree_sitter_python(), all.buf, (uint32_t)all.len, &off, &et);
	if (!q->query) {
		locate(&m, all.buf, off, d, "bad query: %s", query_error_name(et));
		sb_release(&all);
		free(q);
		return CL_EUSAGE;
	}
	q->hash = XXH3_64bits(all.buf, all.len);
	int rc = map_captures(q, all.buf, &m, d) | load_predicates(q, all.buf, &m, d);
	sb_release(&all);
	if (rc) {
		queries_free(q);
		return CL_EUSAGE;
	}
	*out = q;
	return CL_OK;
}

uint64_t queries_hash(const struct cl_queries *q) { return q->hash; }

void queries_free(struct cl_queries *q)
{
	if (!q) return;
	for (uint32_t pat = 0; pat < q->npatterns; pat++) {
		for (size_t i = 0; i < q->preds[pat].n; i++) {
			struct pred *p = &q->preds[pat].v[i];
			for (size_t s = 0; s < p->nstrs; s++) free(p->strs[s]);
			free(p->strs);
		}
		VEC_FREE(q->preds[pat]);
	}
	free(q->preds);
	for (size_t i = 0; i < q->nregex; i++) free(q->regexes[i]);
	free(q->regexes);
	free(q->roles);
	free(q->flags);
	if (q->query) ts_query_delete(q->query);
	free(q);
}
