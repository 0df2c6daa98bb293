/* query.c — loads queries/NAME.scm, splits them into top-level patterns, compiles one
 * TSQuery per pattern family, maps capture names to roles, and parses the predicates
 * (#eq? #not-eq? #match? #not-match? #any-of?) the C runtime hands back.
 * A bad query is reported as FILE.scm:LINE:COL with the runtime's error kind. */
#include "query_p.h"

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <xxhash.h>

const TSLanguage *tree_sitter_python(void);

struct embedded_file { const char *name; const char *text; };
extern const struct embedded_file cutline_embedded[];

static const char *const query_files[QUERY_FILES] = { "imports.scm", "definitions.scm",
							"strings.scm", "data.scm" };

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
	{ "dynamic.package", R_DYN_PACKAGE, 0 }, { "dynamic.builtin", R_DYN_BUILTIN, 0 },
	{ "context.late", R_CONTEXT, CTX_LATE }, { "context.class", R_CONTEXT, CTX_CLASS },
	{ "context.try", R_CONTEXT, CTX_TRY },
	{ "context.try_importerror", R_CONTEXT, CTX_TRY | CTX_TRY_IMPORTERROR },
	{ "context.except", R_CONTEXT, CTX_EXCEPT }, { "context.if", R_CONTEXT, CTX_IF },
	{ "context.type", R_CONTEXT, CTX_TYPE },
	{ "scope.class", R_SCOPE_CLASS, 0 }, { "scope.function", R_SCOPE_FUNCTION, 0 },
	{ "scope.name", R_SCOPE_NAME, 0 }, { "class.bases", R_CLASS_BASES, 0 },
	{ "def.name", R_DEF_NAME, 0 }, { "def.all", R_DEF_ALL, 0 },
	{ "string.ref", R_STRING_REF, 0 }, { "def.value", R_DEF_VALUE, 0 },
	{ "access.read", R_ACCESS, ACC_READ }, { "access.write", R_ACCESS, ACC_WRITE },
	{ "access.reference", R_ACCESS, ACC_REFERENCE },
	{ "data.model", R_D_MODEL, 0 }, { "data.gql", R_D_GQL, 0 },
	{ "data.instance", R_D_INSTANCE, 0 }, { "data.instances", R_D_INSTANCES, 0 },
	{ "data.method", R_D_METHOD, 0 }, { "data.api", R_D_API, 0 },
	{ "data.manager", R_D_MANAGER, 0 },
};

/* The outermost node type of the pattern text t[a, b): "(name ..." or "((name ...) ...)";
 * NULL (any type) for wildcards, alternations and anonymous nodes. */
static int root_type(const char *t, size_t a, size_t b, size_t *name, size_t *len)
{
	while (a < b && (t[a] == '(' || t[a] == ' ' || t[a] == '\t' || t[a] == '\n')) a++;
	size_t e = a;
	while (e < b && (t[e] == '_' || (t[e] >= 'a' && t[e] <= 'z') || (t[e] >= 'A' && t[e] <= 'Z') ||
			 (t[e] >= '0' && t[e] <= '9'))) e++;
	if (e == a || (e == a + 1 && t[a] == '_')) return 0;
	*name = a;
	*len = e - a;
	return 1;
}

/* A family's text is made of pieces of the whole text; seg maps offsets back. */
struct seg { uint32_t fam_off, off, len; };
struct famtext { struct strbuf sb; VEC(struct seg) segs; };

static void locate(const struct cl_queries *q, uint32_t off, struct cl_diags *d,
		   const char *msg, const char *arg)
{
	size_t f = 0;
	for (size_t i = 0; i < q->nparts; i++) if (off >= q->start[i]) f = i;
	int line = 1, col = 1;
	for (uint32_t i = q->start[f]; i < off && q->text[i]; i++) {
		if (q->text[i] == '\n') { line++; col = 1; } else col++;
	}
	char *file = q->dir[f] ? path_join(q->dir[f], q->file[f]) : xasprintf("queries/%s", q->file[f]);
	if (f >= QUERY_FILES) file = (free(file), xstrdup(q->file[f]));
	cl_diag_add(d, CL_ERROR, file, line, col, msg, arg);
	free(file);
}

static uint32_t to_whole(const struct famtext *ft, uint32_t off)
{
	for (size_t i = ft->segs.n; i-- > 0; )
		if (off >= ft->segs.v[i].fam_off) return ft->segs.v[i].off + (off - ft->segs.v[i].fam_off);
	return 0;
}

static int add_part(struct cl_queries *q, struct strbuf *all, const char *file, const char *dir,
		    const char *text)
{
	if (q->nparts == QUERY_PARTS_MAX) return -1;
	q->file[q->nparts] = xstrdup(file);
	q->dir[q->nparts] = dir ? xstrdup(dir) : NULL;
	q->start[q->nparts++] = (uint32_t)all->len;
	sb_adds(all, text);
	sb_addc(all, '\n');
	return 0;
}

/* The built-in files (each replaced by dir's copy when it has one), then the extra files
 * ([data] queries), each added to the families its patterns belong to. */
static int load_sources(const char *dir, char **extra, size_t nextra, struct cl_queries *q,
			struct cl_diags *d)
{
	struct strbuf all = {0};
	struct stat st;
	if (dir && (stat(dir, &st) || !S_ISDIR(st.st_mode))) {
		cl_diag_add(d, CL_ERROR, dir, 0, 0, "--queries: not a folder");
		return -1;
	}
	int rc = 0;
	for (size_t i = 0; i < QUERY_FILES + nextra && !rc; i++) {
		char *text = NULL, *p = NULL;
		size_t len = 0;
		const char *from = NULL;
		if (i >= QUERY_FILES) p = xstrdup(extra[i - QUERY_FILES]);
		else if (dir) p = path_join(dir, query_files[i]);
		if (p && read_plain_file(p, &text, &len) == 0) from = i < QUERY_FILES ? dir : NULL;
		else if (p && (errno != ENOENT || i >= QUERY_FILES)) {
			cl_diag_add(d, CL_ERROR, p, 0, 0, "cannot read query file: %s",
				    plain_file_error(errno));
			rc = -1;
		}
		const char *src = text ? text : i < QUERY_FILES ? embedded_text(query_files[i]) : "";
		if (i == QUERY_FILES - 1 && getenv("CUTLINE_NO_DATA")) src = "";  /* the benchmark's */
		if (!rc && add_part(q, &all, i < QUERY_FILES ? query_files[i] : p, from, src)) {
			cl_diag_add(d, CL_ERROR, p, 0, 0, "too many query files (at most %d)",
				    QUERY_PARTS_MAX - QUERY_FILES);
			rc = -1;
		}
		free(p);
		free(text);
	}
	q->len = all.len;
	q->text = sb_detach(&all);
	return rc;
}

/* Skips a comment or string at i; returns the index after it, or i. */
static size_t skip_lexical(const char *t, size_t n, size_t i)
{
	if (t[i] == ';') {
		while (i < n && t[i] != '\n') i++;
		return i;
	}
	if (t[i] == '"') {
		for (i++; i < n && t[i] != '"'; i++) i += t[i] == '\\';
		return i + 1;
	}
	return i;
}

/* The family of the pattern text t[a, b), from the capture names in it. */
static enum family family_of(const char *t, size_t a, size_t b)
{
	static const struct { const char *cap; enum family f; } tags[] = {
		{ "@dynamic.", F_DYNAMIC }, { "@string.", F_STRING }, { "@access.", F_DATA },
		{ "@def.name", F_NAMES }, { "@def.all", F_NAMES },
	};
	for (size_t i = a; i < b; i++) {
		size_t j = skip_lexical(t, b, i);
		if (j != i) { i = j - 1; continue; }
		if (t[i] != '@') continue;
		for (size_t k = 0; k < sizeof(tags) / sizeof(tags[0]); k++) {
			size_t n = strlen(tags[k].cap);
			if (i + n <= b && !memcmp(t + i, tags[k].cap, n)) return tags[k].f;
		}
	}
	return F_MAIN;
}

/* Does the pattern text t[a, b) hold the capture prefix tag (outside strings, comments)? */
static int mentions(const char *t, size_t a, size_t b, const char *tag)
{
	size_t n = strlen(tag);
	for (size_t i = a; i < b; i++) {
		size_t j = skip_lexical(t, b, i);
		if (j != i) { i = j - 1; continue; }
		if (i + n <= b && !memcmp(t + i, tag, n)) return 1;
	}
	return 0;
}

/* Splits the text into top-level patterns (balanced () or [] groups, with any trailing
 * "@capture" names) and hands each to its family's text. Unbalanced text goes to MAIN,
 * whose compile then reports it. */
static int split(const struct cl_queries *q, struct famtext *ft, struct cl_diags *d)
{
	const char *t = q->text;
	size_t n = q->len, i = 0;
	while (i < n) {
		size_t j = skip_lexical(t, n, i);
		if (j != i || t[i] == ' ' || t[i] == '\t' || t[i] == '\n' || t[i] == '\r') {
			i = j != i ? j : i + 1;
			continue;
		}
		size_t start = i;
		int depth = 0;
		for (; i < n; i++) {
			size_t k = skip_lexical(t, n, i);
			if (k != i) { i = k - 1; continue; }
			if (t[i] == '(' || t[i] == '[') depth++;
			else if ((t[i] == ')' || t[i] == ']') && --depth <= 0) { i++; break; }
		}
		while (i < n && (t[i] == ' ' || t[i] == '\t' || t[i] == '@' || t[i] == '.' ||
				 t[i] == '_' || (t[i] >= 'a' && t[i] <= 'z') || (t[i] >= 'A' && t[i] <= 'Z') ||
				 (t[i] >= '0' && t[i] <= '9') || t[i] == '*' || t[i] == '+' || t[i] == '?'))
			i++;
		if (depth > 0) {                      /* runs to the end: say where it starts */
			locate(q, (uint32_t)start, d, "bad query: %s", "unbalanced parentheses");
			return -1;
		}
		enum family fam = family_of(t, start, i);
		if (fam == F_MAIN && mentions(t, start, i, "@data.")) {
			locate(q, (uint32_t)start, d, "%s", "a data pattern needs @access.read, "
			       "@access.write or @access.reference");
			return -1;
		}
		struct famtext *f = &ft[fam];
		struct seg s = { (uint32_t)f->sb.len, (uint32_t)start, (uint32_t)(i - start) };
		VEC_PUSH(f->segs, s);
		sb_add(&f->sb, t + start, i - start);
		sb_addc(&f->sb, '\n');
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

/* Where "@name" (whole) is written in the family's text, as an offset of the whole text. */
static uint32_t capture_at(const struct famtext *ft, const char *name, size_t len)
{
	const char *t = ft->sb.buf ? ft->sb.buf : "";
	for (const char *p = t; (p = strchr(p, '@')); p++) {
		char after = p[1 + len];
		if (!strncmp(p + 1, name, len) && !(after == '_' || after == '.' || after == '-' ||
		    (after >= 'a' && after <= 'z') || (after >= 'A' && after <= 'Z') ||
		    (after >= '0' && after <= '9')))
			return to_whole(ft, (uint32_t)(p - t));
	}
	return 0;
}

static int map_captures(struct cl_queries *q, struct qfam *fm, const struct famtext *ft,
			struct cl_diags *d)
{
	uint32_t n = ts_query_capture_count(fm->query);
	fm->roles = xcalloc(n + 1, 1);
	fm->flags = xcalloc(n + 1, sizeof(uint16_t));
	int rc = 0;
	for (uint32_t id = 0; id < n; id++) {
		uint32_t len;
		const char *name = ts_query_capture_name_for_id(fm->query, id, &len);
		if (name[0] == '_') continue;
		size_t k = 0, nr = sizeof(role_names) / sizeof(role_names[0]);
		while (k < nr && (strlen(role_names[k].name) != len ||
				  strncmp(role_names[k].name, name, len))) k++;
		if (k == nr) {
			char *cap = xasprintf("@%.*s", (int)len, name);
			locate(q, capture_at(ft, name, len), d,
			       "unknown capture name '%s' (names starting with _ are free)", cap);
			free(cap);
			rc = -1;
			continue;
		}
		fm->roles[id] = role_names[k].role;
		fm->flags[id] = role_names[k].flag;
	}
	return rc;
}

static size_t skip_bracket(const char *re, size_t i);

/* The limits on a #match? regex. glibc's regcomp copies a group once for each count of an
 * interval, and its matcher's states grow with the copies: ^(((a{1,255}){1,255}){1,255}){1,255}$
 * took 11.9 GB in 23 s, a{1,10000} 790 MB, an alternation of 3,000 words 150 MB. At the
 * size allowed (each atom counted as many times as the intervals around it say) a regex
 * takes about 15 MB in each thread. */
enum { REGEX_MAX_LEN = 1024, REGEX_MAX_COUNT = 255, REGEX_MAX_SIZE = 4096,
       REGEX_MAX_TOTAL = 16384 };

/* The size of the extended regex re, its atoms counted with their intervals' upper counts
 * (or the lower count plus one for {m,}; 2 for *, + and ?), saturating past
 * REGEX_MAX_SIZE; or a message saying which limit re passes (the caller frees it). */
static char *regex_size(const char *re, size_t *size)
{
	size_t len = strlen(re);
	if (len > REGEX_MAX_LEN)
		return xasprintf("the regular expression is %zu bytes long, more than %d", len,
				 REGEX_MAX_LEN);
	size_t sum[REGEX_MAX_LEN + 2];             /* the size so far at each open group */
	size_t depth = 0, last = 0;                /* last: the size of the atom before */
	sum[0] = 0;
	for (size_t i = 0; re[i]; ) {
		char c = re[i];
		unsigned long count = 0;
		int repeat = 0;                        /* an interval or * + ?: i is past it */
		if (c == '(') {
			sum[++depth] = 0;
			last = 0;
			i++;
			continue;
		}
		if (c == ')' && depth) {
			last = sum[depth--];
			sum[depth] += last;
			i++;
			continue;
		}
		if (c == '{' && re[i + 1] >= '0' && re[i + 1] <= '9') {
			char *e;
			unsigned long lo = strtoul(re + i + 1, &e, 10), hi = lo;
			if (*e == ',') hi = e[1] >= '0' && e[1] <= '9' ? strtoul(e + 1, &e, 10) : (e++, lo + 1);
			if (lo > REGEX_MAX_COUNT || hi > REGEX_MAX_COUNT)
				return xasprintf("an interval counts to %lu, more than %d",
						 lo > hi ? lo : hi, REGEX_MAX_COUNT);
			count = hi > lo ? hi : lo;           /* {0} too: then the atom is gone */
			const char *close = strchr(e, '}');
			i = close ? (size_t)(close + 1 - re) : len;
			repeat = 1;
		} else if (c == '*' || c == '+' || c == '?') {
			count = 2;
			i++;
			repeat = 1;
		}
		if (repeat) {                          /* the atom before, count times */
			sum[depth] -= last;
			last = last * count > REGEX_MAX_SIZE ? REGEX_MAX_SIZE + 1 : last * count;
			sum[depth] += last;
		} else {
			if (c == '[') {
				size_t e = skip_bracket(re, i);
				i = e ? e : i + 1;
			} else {
				i += c == '\\' && re[i + 1] ? 2 : 1;
			}
			last = c == '|' || c == '^' || c == '$' ? 0 : 1;
			sum[depth] += last;
		}
		if (sum[depth] > REGEX_MAX_SIZE) sum[depth] = REGEX_MAX_SIZE + 1;
	}
	while (depth) {                                /* unclosed: regcomp refuses it */
		sum[depth - 1] += sum[depth];
		depth--;
	}
	*size = sum[0];
	if (*size > REGEX_MAX_SIZE)
		return xasprintf("the regular expression is larger than %d atoms once its intervals "
				 "are counted out", REGEX_MAX_SIZE);
	return NULL;
}

static char *step_string(const TSQuery *q, const TSQueryPredicateStep *s)
{
	uint32_t len;
	const char *v = ts_query_string_value_for_id(q, s->value_id, &len);
	return xstrndup(v, len);
}

/* One predicate: steps[0] is its name, then arguments, up to a Done step. */
static int parse_pred(struct cl_queries *q, const TSQuery *tq, const TSQueryPredicateStep *st,
		      uint32_t n, struct pred *p, char **err)
{
	char *name = step_string(tq, &st[0]);
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
			p->strs[p->nstrs++] = step_string(tq, &st[2]);
		}
	} else if (!strcmp(base, "match?") && n == 3 && st[2].type == TSQueryPredicateStepTypeString) {
		p->op = P_MATCH;
		p->strs = xcalloc(1, sizeof(char *));
		p->strs[p->nstrs++] = step_string(tq, &st[2]);
		size_t size = 0;
		char *why = regex_size(p->strs[0], &size);
		if (why) {
			*err = xasprintf("#%s: %s", name, why);
			free(why);
			goto out;
		}
		regex_t re;
		if (regcomp(&re, p->strs[0], REG_EXTENDED | REG_NOSUB)) {
			*err = xasprintf("#%s: bad regular expression \"%s\"", name, p->strs[0]);
			goto out;
		}
		regfree(&re);
		pthread_mutex_lock(&q->mu);           /* data patterns compile in the workers */
		if (q->regex_size + size > REGEX_MAX_TOTAL) {
			pthread_mutex_unlock(&q->mu);
			*err = xasprintf("#%s: the regular expressions of the queries are larger than "
					 "%d atoms together", name, REGEX_MAX_TOTAL);
			goto out;
		}
		q->regex_size += size;
		p->regex = q->nregex;
		q->regexes = xrealloc(q->regexes, (q->nregex + 1) * sizeof(char *));
		q->regexes[q->nregex++] = xstrdup(p->strs[0]);
		pthread_mutex_unlock(&q->mu);
	} else if (!strcmp(base, "keywords-only?") && n == 2) {
		p->op = P_KEYWORDS_ONLY;          /* an argument_list without positional arguments */
	} else if (!strcmp(base, "any-of?") && n >= 3) {
		p->op = P_ANY_OF;
		p->strs = xcalloc(n, sizeof(char *));
		for (uint32_t i = 2; i < n; i++) p->strs[p->nstrs++] = step_string(tq, &st[i]);
	} else {
		*err = xasprintf("unsupported predicate #%s (or wrong arguments)", name);
		goto out;
	}
	rc = 0;
out:
	if (rc) {
		for (size_t i = 0; i < p->nstrs; i++) free(p->strs[i]);
		free(p->strs);
		p->strs = NULL;
		p->nstrs = 0;
	}
	free(name);
	return rc;
}

/* --- the words DATA patterns run around ---------------------------------------------------- */
static uint64_t word_hash(const char *s, size_t len)
{
	return XXH3_64bits(s, len);
}

static size_t word_slot(const struct wordset *w, const char *s, size_t len)
{
	size_t i = word_hash(s, len) & (w->cap - 1);
	while (w->v[i] && !(strlen(w->v[i]) == len && !memcmp(w->v[i], s, len))) i = (i + 1) & (w->cap - 1);
	return i;
}

const struct patset *wordset_get(const struct wordset *w, const char *s, size_t len)
{
	if (!w->cap || len >= 64 || !(w->first[(unsigned char)s[0]] & (1u << (len >> 3)))) return NULL;
	size_t i = word_slot(w, s, len);
	return w->v[i] ? &w->sets[i] : NULL;
}

static void wordset_add(struct wordset *w, const char *s, size_t len, size_t pattern)
{
	if (!len || len >= 64) return;
	if (2 * (w->n + 1) > w->cap) {
		size_t cap = w->cap ? 2 * w->cap : 64;
		struct wordset big = { xcalloc(cap, sizeof(char *)), xcalloc(cap, sizeof(struct patset)),
				       cap, w->n, {0} };
		memcpy(big.first, w->first, sizeof(big.first));
		for (size_t i = 0; i < w->cap; i++) {
			if (!w->v[i]) continue;
			size_t k = word_slot(&big, w->v[i], strlen(w->v[i]));
			big.v[k] = w->v[i];
			big.sets[k] = w->sets[i];
		}
		free(w->v);
		free(w->sets);
		*w = big;
	}
	size_t i = word_slot(w, s, len);
	if (!w->v[i]) {
		w->v[i] = xstrndup(s, len);
		w->n++;
		w->first[(unsigned char)s[0]] |= (uint8_t)(1u << (len >> 3));
	}
	w->sets[i].bits[pattern / 64] |= 1ull << (pattern % 64);
}

static void wordset_free(struct wordset *w)
{
	for (size_t i = 0; i < w->cap; i++) free(w->v[i]);
	free(w->v);
	free(w->sets);
}

/* The words of data pattern k, read from its text (it is not compiled yet): the strings of
 * its #eq? and #any-of? predicates on @data.method, else on any capture. */
static size_t pattern_words(struct cl_queries *q, size_t k, int method)
{
	const char *t = q->text + q->data[k].off, *end = t + q->data[k].len;
	size_t named = 0;
	for (const char *p = t; p < end; p++) {
		int eq = end - p > 5 && !memcmp(p, "(#eq? ", 6);
		int any = end - p > 9 && !memcmp(p, "(#any-of? ", 10);
		if (!eq && !any) continue;
		p += eq ? 6 : 10;
		while (p < end && (*p == ' ' || *p == '\n' || *p == '\t')) p++;
		int on_method = end - p > 12 && !memcmp(p, "@data.method", 12) &&
				(p[12] == ' ' || p[12] == '\n' || p[12] == '\t');
		for (; p < end && *p != ')'; p++) {
			if (*p != '"') continue;
			const char *e = ++p;
			while (e < end && *e != '"') e += *e == '\\' ? 2 : 1;
			if (!method || on_method) {
				wordset_add(&q->data_words, p, (size_t)(e - p), k);
				named++;
			}
			p = e;
		}
	}
	return named;
}

/* How far below the pattern's root node (depth 0) its deepest capture is, read from its
 * text: a node's '(' goes one level down, a grouping's '(' or an alternation's '[' not, and
 * a capture names the node just before it. -1 when the text is not one plain pattern. */
static int pattern_depth(const char *t, size_t len)
{
	char stack[64];
	int n = 0, depth = 0, deepest = -1;
	for (size_t i = 0; i < len; i++) {
		char c = t[i];
		if (c == ';') {
			while (i < len && t[i] != '\n') i++;
		} else if (c == '"') {
			for (i++; i < len && t[i] != '"'; i++) i += t[i] == '\\';
		} else if (c == '(' || c == '[') {
			size_t j = i + 1;
			while (j < len && strchr(" \t\r\n", t[j])) j++;
			if (c == '(' && j < len && t[j] == '#') {      /* a predicate: no node */
				int open = 1;
				for (i = j; i < len && open; i++) {
					if (t[i] == '"') for (i++; i < len && t[i] != '"'; i++) i += t[i] == '\\';
					else open += (t[i] == '(') - (t[i] == ')');
				}
				i--;
				continue;
			}
			if (n == (int)sizeof(stack)) return -1;
			int node = c == '(' && j < len && !strchr("([\"", t[j]);
			stack[n++] = (char)node;
			depth += node;
		} else if (c == ')' || c == ']') {
			if (!n) return -1;
			depth -= stack[--n];
			if (!n && c == ')' && deepest < 0) deepest = 0;
		} else if (c == '@' && depth > deepest) {
			deepest = depth;
		}
	}
	return n ? -1 : deepest;
}

static const struct qfam *queries_data_diags(struct cl_queries *q, size_t k, struct cl_diags *d);

/* Sets up the DATA patterns from the family's pieces: their words now, their queries on
 * first use (those of a user's files now, to report their errors before the scan). */
static int setup_data(struct cl_queries *q, const struct famtext *ft, struct cl_diags *d)
{
	if (ft->segs.n > DATA_PATTERNS_MAX) {
		locate(q, ft->segs.v[DATA_PATTERNS_MAX].off, d, "too many data patterns (at most %s)", "256");
		return -1;
	}
	q->data = xcalloc(ft->segs.n + 1, sizeof(struct dpat));
	q->ndata = ft->segs.n;
	int rc = 0;
	for (size_t k = 0; k < q->ndata; k++) pthread_mutex_init(&q->data[k].mu, NULL);
	for (size_t k = 0; k < q->ndata; k++) {
		q->data[k].off = ft->segs.v[k].off;
		q->data[k].len = ft->segs.v[k].len;
		q->data[k].depth = pattern_depth(q->text + q->data[k].off, q->data[k].len);
		if (!pattern_words(q, k, 1) && !pattern_words(q, k, 0)) {
			locate(q, q->data[k].off, d, "%s", "a data pattern needs a word to run around: "
			       "add #eq? or #any-of? with the method or class names it looks for");
			rc = -1;
		}
		size_t part = 0;
		for (size_t i = 0; i < q->nparts; i++) if (q->data[k].off >= q->start[i]) part = i;
		if ((part >= QUERY_FILES || q->dir[part]) && !queries_data_diags(q, k, d)) rc = -1;
	}
	return rc;
}

/* Where the predicate at st[i] of the pattern starting at whole offset at is written: its
 * '#', found as the how-many-th predicate of its name in the pattern's text it is; at when
 * it is not found (a comment in between could mislead this; only the position suffers). */
static uint32_t predicate_at(const struct cl_queries *q, uint32_t at, const TSQuery *tq,
			     const TSQueryPredicateStep *st, uint32_t i)
{
	uint32_t len, nth = 0;
	const char *name = ts_query_string_value_for_id(tq, st[i].value_id, &len);
	for (uint32_t k = 0; k < i; k++)      /* the predicates before, of the same name */
		if ((k == 0 || st[k - 1].type == TSQueryPredicateStepTypeDone) &&
		    st[k].type == TSQueryPredicateStepTypeString) {
			uint32_t l;
			const char *n = ts_query_string_value_for_id(tq, st[k].value_id, &l);
			nth += l == len && !memcmp(n, name, len);
		}
	size_t end = q->len;
	for (size_t f = 0; f < q->nparts; f++) if (q->start[f] > at && q->start[f] < end) end = q->start[f];
	for (size_t o = at; o + len < end; o++)
		if (q->text[o] == '#' && !memcmp(q->text + o + 1, name, len) && nth-- == 0) return (uint32_t)o;
	return at;
}

static int load_predicates(struct cl_queries *q, struct qfam *fm, const struct famtext *ft,
			   struct cl_diags *d)
{
	fm->npatterns = ts_query_pattern_count(fm->query);
	fm->preds = xcalloc(fm->npatterns + 1, sizeof(*fm->preds));
	int rc = 0;
	for (uint32_t pat = 0; pat < fm->npatterns; pat++) {
		uint32_t n;
		const TSQueryPredicateStep *st = ts_query_predicates_for_pattern(fm->query, pat, &n);
		for (uint32_t i = 0; i < n; ) {
			uint32_t j = i;
			while (j < n && st[j].type != TSQueryPredicateStepTypeDone) j++;
			struct pred p;
			char *err = NULL;
			if (parse_pred(q, fm->query, st + i, j - i, &p, &err)) {
				uint32_t at = to_whole(ft, ts_query_start_byte_for_pattern(fm->query, pat));
				locate(q, predicate_at(q, at, fm->query, st, i), d, "%s", err);
				free(err);
				rc = -1;
			} else {
				VEC_PUSH(fm->preds[pat], p);
			}
			i = j + 1;
		}
	}
	return rc;
}

/* Can a node of this type sit where statements sit (or be a clause of one)? */
static int statement_type(const char *t)
{
	size_t n = strlen(t);
	return (n > 10 && !strcmp(t + n - 10, "_statement")) || (n > 7 && !strcmp(t + n - 7, "_clause")) ||
	       (n > 11 && !strcmp(t + n - 11, "_definition")) || !strcmp(t, "block");
}

/* Does the pattern text t[a, b) capture only context ranges (and "_" helpers)? */
static int contexts_only(const char *t, size_t a, size_t b)
{
	for (size_t i = a; i < b; i++) {
		size_t j = skip_lexical(t, b, i);
		if (j != i) { i = j - 1; continue; }
		if (t[i] == '@' && i + 1 < b && t[i + 1] != '_' &&
		    (i + 9 > b || memcmp(t + i + 1, "context.", 8))) return 0;
	}
	return 1;
}

/* Marks the outermost node type of each of the family's patterns. */
static void find_roots(const struct cl_queries *q, struct qfam *fm, const struct famtext *ft)
{
	const TSLanguage *lang = tree_sitter_python();
	fm->nsymbols = ts_language_symbol_count(lang);
	fm->root_types = xcalloc(fm->nsymbols + 1, 1);
	fm->statement_roots = 1;
	for (size_t i = 0; i < ft->segs.n; i++) {
		size_t name, len;
		const struct seg *sg = &ft->segs.v[i];
		if (!root_type(q->text, sg->off, sg->off + sg->len, &name, &len)) {
			fm->any_root = 1;
			continue;
		}
		TSSymbol sym = ts_language_symbol_for_name(lang, q->text + name, (uint32_t)len, true);
		if (!sym || sym >= fm->nsymbols) {        /* (ERROR ...) is symbol 65535, no index */
			fm->any_root = 1;
			continue;
		}
		/* bit 1: some pattern starts here; bit 2: one that captures more than contexts */
		fm->root_types[sym] |= 1 | (contexts_only(q->text, sg->off, sg->off + sg->len) ? 0 : 2);
		char *t = xstrndup(q->text + name, len);
		if (!statement_type(t)) fm->statement_roots = 0;
		free(t);
	}
}

/* --- compiling a user's patterns under a time limit ------------------------------------------ */

/* Seconds a family with user patterns may take to compile ($CUTLINE_QUERY_TIMEOUT). */
static double compile_limit(void)
{
	const char *env = getenv("CUTLINE_QUERY_TIMEOUT");
	double v = env ? strtod(env, NULL) : 0;
	return v > 0 ? v : QUERY_COMPILE_SECONDS;
}

/* ts_query_new under the limit; *late is set when it did not end in time, *crashed when it
 * crashed (NULL then). tree-sitter 0.20's analysis of a query can run without end on some
 * patterns (a fuzzed definitions pattern ran 11 minutes), and dereference NULL on others
 * (the ASan fuzz run: a mangled imports file), so a child process compiles them first and
 * is killed when the limit passes; only when it ends well are they compiled here. (A
 * thread left running kept a core busy until the process ended, and what it held showed
 * as leaked.) */
static TSQuery *query_new_bounded(const char *text, uint32_t len, uint32_t *off,
				  TSQueryError *et, int *late, int *crashed)
{
	*late = *crashed = 0;
	pid_t pid = fork();
	if (pid == 0) {                            /* the probe: does the analysis end well? */
		signal(SIGSEGV, SIG_DFL);          /* die of it quietly, sanitizers or not */
		signal(SIGBUS, SIG_DFL);
		signal(SIGFPE, SIG_DFL);
		ts_query_new(tree_sitter_python(), text, len, off, et);
		_exit(0);
	}
	if (pid > 0) {
		double until = now_seconds() + compile_limit();
		int status;
		pid_t r;
		while (((r = waitpid(pid, &status, WNOHANG)) == 0 || (r < 0 && errno == EINTR)) &&
		       now_seconds() < until) {
			struct timespec nap = { 0, 2000000 };   /* 2 ms */
			nanosleep(&nap, NULL);
		}
		if (r == 0 || (r < 0 && errno == EINTR)) {   /* still running at the limit */
			kill(pid, SIGKILL);
			while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {}
			*late = 1;
			return NULL;
		}
		if (r == pid && (!WIFEXITED(status) || WEXITSTATUS(status))) {
			*crashed = WIFSIGNALED(status) ? WTERMSIG(status) : -1;
			return NULL;
		}
	}                                          /* no child (fork failed): compile here */
	return ts_query_new(tree_sitter_python(), text, len, off, et);
}

/* The whole offset of the family's first pattern from a user's file, or -1 when all are
 * built in. */
static int64_t first_user_pattern(const struct cl_queries *q, const struct famtext *ft)
{
	for (size_t i = 0; i < ft->segs.n; i++) {
		size_t f = 0;
		for (size_t k = 0; k < q->nparts; k++) if (ft->segs.v[i].off >= q->start[k]) f = k;
		if (f >= QUERY_FILES || q->dir[f]) return ft->segs.v[i].off;
	}
	return -1;
}

static int compile_family(struct cl_queries *q, struct qfam *fm, const struct famtext *ft,
			  struct cl_diags *d)
{
	find_roots(q, fm, ft);
	uint32_t off = 0;
	TSQueryError et = TSQueryErrorNone;
	const char *text = ft->sb.buf ? ft->sb.buf : "";
	int64_t user = first_user_pattern(q, ft);
	int late = 0, crashed = 0;
	fm->query = user < 0 ? ts_query_new(tree_sitter_python(), text, (uint32_t)ft->sb.len, &off, &et)
		: query_new_bounded(text, (uint32_t)ft->sb.len, &off, &et, &late, &crashed);
	if (crashed) {
		char why[64];
		if (crashed > 0) snprintf(why, sizeof(why), "signal %d, %s", crashed, strsignal(crashed));
		else snprintf(why, sizeof(why), "it failed");
		locate(q, (uint32_t)user, d, "these query patterns crash tree-sitter's query compiler "
		       "(%s): fix or simplify them", why);
		return -1;
	}
	if (late) {
		char secs[32];
		snprintf(secs, sizeof(secs), "%g", compile_limit());
		locate(q, (uint32_t)user, d, "these query patterns took more than %s s to compile "
		       "(tree-sitter's analysis of some patterns never ends): simplify them", secs);
		return -1;
	}
	if (!fm->query) {
		locate(q, to_whole(ft, off), d, "bad query: %s", query_error_name(et));
		return -1;
	}
	return map_captures(q, fm, ft, d) | load_predicates(q, fm, ft, d);
}



/* The index after the bracket expression that starts at re[i] ('['), or 0. */
static size_t skip_bracket(const char *re, size_t i)
{
	size_t j = i + 1;
	if (re[j] == '^') j++;
	if (re[j] == ']') j++;
	for (; re[j] && re[j] != ']'; j++) {
		if (re[j] != '[' || (re[j + 1] != ':' && re[j + 1] != '=' && re[j + 1] != '.')) continue;
		const char *e = strchr(re + j + 2, re[j + 1]);      /* [:alpha:], [=a=], [.a.] */
		if (!e || e[1] != ']') return 0;
		j = (size_t)(e + 1 - re);
	}
	return re[j] == ']' ? j + 1 : 0;
}

/* The longest text that every string matching the extended regex re holds, or NULL. Read
 * cautiously: a group, a bracket expression, '.', an anchor or an escaped letter or digit
 * holds no known text; a character under '*', '?' or an interval may be absent; a '|'
 * outside groups, or anything unexpected, gives up. */
static char *regex_literal(const char *re)
{
	struct strbuf run = {0}, best = {0};
	int ok = 1;
	for (size_t i = 0; re[i] && ok; ) {
		char c = re[i];
		int lit = 0;                      /* the atom is the character c */
		if (c == '\\' && re[i + 1]) {
			c = re[i + 1];
			lit = !((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'));
			i += 2;
		} else if (c == '[') {
			ok = (i = skip_bracket(re, i)) != 0;
		} else if (c == '(') {
			int depth = 1;
			for (i++; re[i] && depth && ok; i++) {
				if (re[i] == '[' && (ok = (i = skip_bracket(re, i)) != 0)) i--;
				else if (re[i] == '\\' && re[i + 1]) i++;
				else if (re[i] == '(') depth++;
				else if (re[i] == ')') depth--;
			}
			ok = ok && !depth;
		} else if (c == '|' || c == ')') {
			ok = 0;
		} else {
			lit = !strchr(".^$*?+{", c);
			i++;
		}
		if (re[i] == '*' || re[i] == '?' || re[i] == '{') {    /* the atom may be absent */
			const char *e = re[i] == '{' ? strchr(re + i, '}') : re + i;
			ok = ok && e;
			i = e ? (size_t)(e + 1 - re) : i;
			lit = 0;
		} else if (re[i] == '+') {            /* once at least, then more of it */
			i++;
			if (lit) sb_addc(&run, c);
			lit = 0;
		}
		if (lit) {
			sb_addc(&run, c);
			continue;
		}
		if (run.len > best.len) {
			sb_reset(&best);
			sb_add(&best, run.buf, run.len);
		}
		sb_reset(&run);
	}
	if (run.len > best.len) {
		sb_reset(&best);
		sb_add(&best, run.buf, run.len);
	}
	sb_release(&run);
	if (!ok || !best.len) {
		sb_release(&best);
		return NULL;
	}
	return sb_detach(&best);
}

/* What every match of a DATA family's one pattern holds in its text: for each predicate
 * that must hold on a capture every match has, the strings #eq? or #any-of? name, or the
 * text #match?'s regex requires. Running the pattern on a unit whose text holds none of
 * one need's strings could only find matches that fail that predicate. */
static void find_needs(struct qfam *fm)
{
	if (fm->npatterns != 1) return;
	for (size_t i = 0; i < fm->preds[0].n; i++) {
		const struct pred *p = &fm->preds[0].v[i];
		TSQuantifier qt = ts_query_capture_quantifier_for_id(fm->query, 0, p->cap);
		if (p->negate || (qt != TSQuantifierOne && qt != TSQuantifierOneOrMore)) continue;
		struct need nd = {0};
		if ((p->op == P_EQ && p->other_cap < 0) || p->op == P_ANY_OF) {
			nd.strs = xcalloc(p->nstrs + 1, sizeof(char *));
			for (size_t k = 0; k < p->nstrs; k++) nd.strs[nd.nstrs++] = xstrdup(p->strs[k]);
		} else if (p->op == P_MATCH) {
			char *lit = regex_literal(p->strs[0]);
			if (!lit) continue;
			nd.strs = xcalloc(2, sizeof(char *));
			nd.strs[nd.nstrs++] = lit;
		} else {
			continue;
		}
		VEC_PUSH(fm->needs, nd);
	}
}

/* Compiles data pattern k (under its mutex): its family, or NULL with diagnostics in d. */
static const struct qfam *compile_data(struct cl_queries *q, size_t k, struct cl_diags *d)
{
	struct dpat *dp = &q->data[k];
	int state = __atomic_load_n(&dp->state, __ATOMIC_ACQUIRE);
	if (!state) {
		struct famtext one = {0};
		struct seg s1 = { 0, dp->off, dp->len };
		VEC_PUSH(one.segs, s1);
		sb_add(&one.sb, q->text + dp->off, dp->len);
		state = compile_family(q, &dp->fam, &one, d) ? -1 : 1;
		if (state > 0) find_needs(&dp->fam);
		sb_release(&one.sb);
		VEC_FREE(one.segs);
		__atomic_store_n(&dp->state, state, __ATOMIC_RELEASE);
	}
	return state > 0 ? &dp->fam : NULL;
}

static const struct qfam *queries_data_diags(struct cl_queries *q, size_t k, struct cl_diags *d)
{
	pthread_mutex_lock(&q->data[k].mu);
	const struct qfam *fm = compile_data(q, k, d);
	pthread_mutex_unlock(&q->data[k].mu);
	return fm;
}

const struct qfam *queries_data(struct cl_queries *q, size_t k)
{
	int state = __atomic_load_n(&q->data[k].state, __ATOMIC_ACQUIRE);
	if (state) return state > 0 ? &q->data[k].fam : NULL;
	struct cl_diags d = {0};                 /* a built-in pattern: it compiles */
	const struct qfam *fm = queries_data_diags(q, k, &d);
	cl_diags_release(&d);
	return fm;
}

size_t queries_regexes(struct cl_queries *q, size_t have, regex_t **re)
{
	pthread_mutex_lock(&q->mu);
	size_t n = q->nregex;
	if (n > have) {
		*re = xrealloc(*re, (n + 1) * sizeof(regex_t));
		for (size_t i = have; i < n; i++)     /* checked when its pattern was compiled */
			regcomp(&(*re)[i], q->regexes[i], REG_EXTENDED | REG_NOSUB);
	}
	pthread_mutex_unlock(&q->mu);
	return n;
}

int queries_compile(struct cl_queries *q, struct cl_diags *d)
{
	if (q->compiled) return q->compiled > 0 ? CL_OK : CL_EUSAGE;
	struct famtext ft[F_COUNT];
	memset(ft, 0, sizeof(ft));
	int rc = split(q, ft, d);
	for (int f = 0; f < F_COUNT; f++) {
		if (!rc && (f == F_DATA ? setup_data(q, &ft[f], d) : compile_family(q, &q->fam[f], &ft[f], d)))
			rc = -1;
		sb_release(&ft[f].sb);
		VEC_FREE(ft[f].segs);
	}
	q->compiled = rc ? -1 : 1;
	return rc ? CL_EUSAGE : CL_OK;
}

int queries_load(const char *dir, char **extra, size_t nextra, struct cl_queries **out,
		 struct cl_diags *d)
{
	struct cl_queries *q = xcalloc(1, sizeof(*q));
	pthread_mutex_init(&q->mu, NULL);
	*out = NULL;
	if (load_sources(dir, extra, nextra, q, d)) {
		queries_free(q);
		return CL_EUSAGE;
	}
	q->hash = XXH3_64bits(q->text, q->len);
	*out = q;
	return CL_OK;
}

uint64_t queries_hash(const struct cl_queries *q) { return q->hash; }

static void family_free(struct qfam *fm)
{
	for (uint32_t pat = 0; pat < fm->npatterns; pat++) {
		for (size_t i = 0; i < fm->preds[pat].n; i++) {
			struct pred *p = &fm->preds[pat].v[i];
			for (size_t s = 0; s < p->nstrs; s++) free(p->strs[s]);
			free(p->strs);
		}
		VEC_FREE(fm->preds[pat]);
	}
	free(fm->preds);
	for (size_t i = 0; i < fm->needs.n; i++) {
		for (size_t s = 0; s < fm->needs.v[i].nstrs; s++) free(fm->needs.v[i].strs[s]);
		free(fm->needs.v[i].strs);
	}
	VEC_FREE(fm->needs);
	free(fm->roles);
	free(fm->flags);
	free(fm->root_types);
	if (fm->query) ts_query_delete(fm->query);
}

void queries_free(struct cl_queries *q)
{
	if (!q) return;
	for (int f = 0; f < F_COUNT; f++) family_free(&q->fam[f]);
	for (size_t k = 0; k < q->ndata; k++) {
		family_free(&q->data[k].fam);
		pthread_mutex_destroy(&q->data[k].mu);
	}
	free(q->data);
	pthread_mutex_destroy(&q->mu);
	for (size_t i = 0; i < q->nregex; i++) free(q->regexes[i]);
	free(q->regexes);
	for (size_t i = 0; i < q->nparts; i++) {
		free(q->file[i]);
		free(q->dir[i]);
	}
	wordset_free(&q->data_words);
	free(q->text);
	free(q);
}
