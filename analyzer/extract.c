/* extract.c — runs the compiled queries over one parsed file and turns matches into facts
 * (extract_p.h). Walking every node is what a query costs most (a byte-range limit does
 * not make the 0.20 runtime skip subtrees), so no family walks the whole tree: one walk
 * over the statement structure runs MAIN on each statement or clause a pattern starts at
 * and NAMES on module-level assignments; DYNAMIC and STRING run on the nodes that a scan
 * of the source text points to. Contexts come back as ranges; one sweep over them, sorted,
 * gives each import its flags and each definition its parent without ts_node_parent
 * (linear in depth). CUTLINE_FULL_WALK=1 turns the shortcuts off, for tests/walkcheck.sh. */
#include "extractor_p.h"

#include <stdlib.h>
#include <string.h>

const TSLanguage *tree_sitter_python(void);

static void init_containers(struct extractor *x);

struct extractor *extractor_new(struct cl_queries *q)
{
	struct extractor *x = xcalloc(1, sizeof(*x));
	x->q = q;
	x->parser = ts_parser_new();
	ts_parser_set_language(x->parser, tree_sitter_python());
	ts_parser_set_timeout_micros(x->parser, PARSE_TIMEOUT_US);
	x->cur = ts_query_cursor_new();
	/* a deep chain (x.put().put()...) holds a pattern under way at every level: without a cap
	 * the query's work is quadratic in its depth (10,000 levels: 7.5 s); 256 is far above
	 * what real code needs (tests/hostile.sh, the corpus's facts unchanged) */
	ts_query_cursor_set_match_limit(x->cur, 256);
	x->full_walk = getenv("CUTLINE_FULL_WALK") != NULL;
	x->no_data = getenv("CUTLINE_NO_DATA") != NULL;
	init_containers(x);
	x->nre = queries_regexes(q, 0, &x->re);
	return x;
}

void extractor_free(struct extractor *x)
{
	if (!x) return;
	data_scopes_release(x);
	VEC_FREE(x->scope_v);
	for (size_t i = 0; i < x->nre; i++) regfree(&x->re[i]);
	free(x->re);
	ts_query_cursor_delete(x->cur);
	free(x->container);
	ts_parser_delete(x->parser);
	sb_release(&x->scratch);
	sb_release(&x->text);
	sb_release(&x->shallow);
	VEC_FREE(x->ranges);
	VEC_FREE(x->skip);
	VEC_FREE(x->import_at);
	VEC_FREE(x->words);
	VEC_FREE(x->path);
	VEC_FREE(x->cands);
	free(x);
}

static const char *const imp_kinds[] = { "import", "from", "future", "dynamic" };

const char *imp_kind_name(int kind) { return imp_kinds[kind]; }

int imp_kind_parse(const char *name)
{
	for (int k = 0; k < 4; k++) if (!strcmp(imp_kinds[k], name)) return k;
	return -1;
}

void facts_release(struct file_facts *f)
{
	sb_release(&f->pool);
	VEC_FREE(f->imports);
	VEC_FREE(f->defs);
	VEC_FREE(f->strings);
	VEC_FREE(f->suppressions);
	VEC_FREE(f->accesses);
}

/* s may point into the pool itself (a part of a string already there): growing the pool
 * moves it, so it is copied by offset. */
pstr facts_add(struct file_facts *f, const char *s, size_t n)
{
	if (!f->pool.len) sb_addc(&f->pool, 0);     /* offset 0 stays "none" */
	pstr off = (pstr)f->pool.len;
	const char *buf = f->pool.buf;
	if (s >= buf && s < buf + f->pool.len) {
		size_t at = (size_t)(s - buf);
		sb_grow(&f->pool, n + 1);
		s = f->pool.buf + at;
	}
	sb_add(&f->pool, s, n);
	sb_addc(&f->pool, 0);
	/* no fact needs a control character, and names reach terminals and CI logs:
	 * whitespace becomes a space, the rest '?' */
	for (char *p = f->pool.buf + off; p < f->pool.buf + off + n; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			*p = *p == '\n' || *p == '\t' || *p == '\r' || *p == '\f' ? ' ' : '?';
	return off;
}

/* --- node text helpers --------------------------------------------------------------------- */
const char *ntext(const struct extractor *x, TSNode n, uint32_t *len)
{
	*len = ts_node_end_byte(n) - ts_node_start_byte(n);
	return x->src + ts_node_start_byte(n);
}

/* A dotted_name as "a.b.c", whatever whitespace or line continuations sit between parts. */
pstr dotted(struct extractor *x, struct file_facts *f, TSNode n)
{
	if (ts_node_is_null(n)) return 0;
	struct strbuf *sb = &x->scratch;
	sb_reset(sb);
	uint32_t cnt = ts_node_named_child_count(n), len;
	if (!strcmp(ts_node_type(n), "identifier") || !cnt) {
		const char *t = ntext(x, n, &len);
		return facts_add(f, t, len);
	}
	for (uint32_t i = 0; i < cnt; i++) {
		TSNode ch = ts_node_named_child(n, i);
		if (strcmp(ts_node_type(ch), "identifier")) continue;
		if (sb->len) sb_addc(sb, '.');
		const char *t = ntext(x, ch, &len);
		sb_add(sb, t, len);
	}
	return facts_add(f, sb->buf, sb->len);
}

/* The value of a plain string literal (no interpolation, no escapes), or 0. */
pstr literal(struct extractor *x, struct file_facts *f, TSNode n)
{
	if (ts_node_is_null(n) || strcmp(ts_node_type(n), "string")) return 0;
	uint32_t cnt = ts_node_named_child_count(n);
	if (cnt < 2) return 0;
	TSNode a = ts_node_named_child(n, 0), b = ts_node_named_child(n, cnt - 1);
	for (uint32_t i = 1; i + 1 < cnt; i++)
		if (strcmp(ts_node_type(ts_node_named_child(n, i)), "string_content")) return 0;
	uint32_t s = ts_node_end_byte(a), e = ts_node_start_byte(b);
	if (e < s || memchr(x->src + s, '\\', e - s)) return 0;
	return facts_add(f, x->src + s, e - s);
}

/* --- predicates ------------------------------------------------------------------------------ */
int text_eq(const char *t, uint32_t len, const char *s)
{
	return strlen(s) == len && !memcmp(t, s, len);
}

static int pred_holds(struct extractor *x, const struct pred *p, const TSQueryMatch *m)
{
	for (uint16_t i = 0; i < m->capture_count; i++) {
		if (m->captures[i].index != p->cap) continue;
		uint32_t len;
		const char *t = ntext(x, m->captures[i].node, &len);
		int ok = 0;
		if (p->op == P_EQ && p->other_cap >= 0) {
			for (uint16_t j = 0; j < m->capture_count; j++) {
				if (m->captures[j].index != (uint32_t)p->other_cap) continue;
				uint32_t l2;
				const char *t2 = ntext(x, m->captures[j].node, &l2);
				ok = len == l2 && !memcmp(t, t2, len);
			}
		} else if (p->op == P_EQ) {
			ok = text_eq(t, len, p->strs[0]);
		} else if (p->op == P_KEYWORDS_ONLY) {
			TSNode n = m->captures[i].node;
			ok = 1;
			for (uint32_t k = 0, cnt = ts_node_named_child_count(n); k < cnt && ok; k++) {
				TSNode a = ts_node_named_child(n, k);
				ok = ts_node_is_extra(a) || !strcmp(ts_node_type(a), "keyword_argument");
			}
		} else if (p->op == P_ANY_OF) {
			for (size_t k = 0; k < p->nstrs && !ok; k++) ok = text_eq(t, len, p->strs[k]);
		} else {
			sb_reset(&x->scratch);
			sb_add(&x->scratch, t, len);
			if (p->regex >= x->nre) x->nre = queries_regexes(x->q, x->nre, &x->re);
			ok = regexec(&x->re[p->regex], x->scratch.buf, 0, NULL, 0) == 0;
		}
		if (ok == p->negate) return 0;
	}
	return 1;
}

/* --- one match -> facts ---------------------------------------------------------------------- */
static void collect(const struct qfam *q, const TSQueryMatch *m, struct caps *c)
{
	c->have = 0;
	c->ctx = 0;
	c->op = 0;
	for (uint16_t i = 0; i < m->capture_count; i++) {
		uint8_t r = q->roles[m->captures[i].index];
		if (r == R_IGNORE) continue;
		if (r == R_CONTEXT) c->ctx |= q->flags[m->captures[i].index];
		if (r == R_ACCESS) c->op = (uint8_t)q->flags[m->captures[i].index];
		if (!(c->have & (1ull << r))) c->node[r] = m->captures[i].node;
		c->have |= 1ull << r;
	}
}

static struct fact_import *new_import(struct file_facts *f, TSNode stmt, TSNode name, int kind)
{
	VEC_GROW(f->imports, 1);
	struct fact_import *im = &f->imports.v[f->imports.n++];
	memset(im, 0, sizeof(*im));
	TSPoint sp = ts_node_start_point(stmt), np = ts_node_start_point(name);
	im->stmt_line = sp.row + 1;
	im->stmt_col = sp.column;
	im->line = np.row + 1;
	im->col = np.column;
	im->start = ts_node_start_byte(stmt);
	im->end = ts_node_end_byte(stmt);
	im->kind = (uint8_t)kind;
	return im;
}

/* `from` module: a dotted_name, or a relative_import of dots and an optional name. */
static void from_module(struct extractor *x, struct file_facts *f, TSNode n,
			struct fact_import *im)
{
	if (strcmp(ts_node_type(n), "relative_import")) {
		im->module = dotted(x, f, n);
		return;
	}
	uint32_t cnt = ts_node_named_child_count(n);
	for (uint32_t i = 0; i < cnt; i++) {
		TSNode ch = ts_node_named_child(n, i);
		if (!strcmp(ts_node_type(ch), "import_prefix")) {
			uint32_t len;
			const char *t = ntext(x, ch, &len);
			size_t dots = im->level;
			for (uint32_t k = 0; k < len; k++) dots += t[k] == '.';
			im->level = dots > 255 ? 255 : (int16_t)dots;   /* beyond any package anyway */
		} else if (!strcmp(ts_node_type(ch), "dotted_name")) {
			im->module = dotted(x, f, ch);
		}
	}
}

/* The level argument of an __import__ call (5th positional, or level=) when it is a
 * small integer literal; -1 when there is none (Python 2's default: the sibling first). */
static int16_t builtin_level(struct extractor *x, TSNode args)
{
	uint32_t cnt = ts_node_named_child_count(args), pos = 0, len;
	for (uint32_t i = 0; i < cnt; i++) {
		TSNode a = ts_node_named_child(args, i);
		if (ts_node_is_extra(a)) continue;
		TSNode v = a;
		if (!strcmp(ts_node_type(a), "keyword_argument")) {
			const char *k = ntext(x, ts_node_child_by_field_name(a, "name", 4), &len);
			if (!text_eq(k, len, "level")) continue;
			v = ts_node_child_by_field_name(a, "value", 5);
		} else if (pos++ != 4) {
			continue;
		}
		if (ts_node_is_null(v) || strcmp(ts_node_type(v), "integer")) return -1;
		const char *t = ntext(x, v, &len);
		return len == 1 && t[0] >= '0' && t[0] <= '9' ? (int16_t)(t[0] - '0') : -1;
	}
	return -1;
}

static void on_dynamic(struct extractor *x, struct file_facts *f, struct caps *c)
{
	uint32_t at = ts_node_start_byte(c->node[R_DYN_CALL]);
	for (size_t i = f->imports.n; i-- > 0 && f->imports.v[i].kind == IMP_DYNAMIC; )
		if (f->imports.v[i].start == at) return;     /* found from another word in it */
	pstr name = literal(x, f, c->node[R_DYN_NAME]);
	if (!name) return;
	struct fact_import *im = new_import(f, c->node[R_DYN_CALL], c->node[R_DYN_NAME], IMP_DYNAMIC);
	im->name = name;
	if (HAS(c, R_DYN_BUILTIN)) {            /* __import__(name, globals, locals, fromlist, level) */
		im->module = facts_add(f, "__import__", 10);
		im->level = builtin_level(x, ts_node_child_by_field_name(c->node[R_DYN_CALL], "arguments", 9));
		return;
	}
	im->module = facts_add(f, "import_module", 13);
	const char *s = facts_str(f, name);
	size_t dots = 0;
	while (s[dots] == '.') dots++;
	im->level = dots > 255 ? 255 : (int16_t)dots;          /* beyond any package anyway */
	if (HAS(c, R_DYN_PACKAGE)) {
		TSNode p = c->node[R_DYN_PACKAGE];
		if (!strcmp(ts_node_type(p), "keyword_argument"))   /* package=... */
			p = ts_node_child_by_field_name(p, "value", 5);
		uint32_t len = 0;
		const char *t = ts_node_is_null(p) ? "" : ntext(x, p, &len);
		if (ts_node_is_null(p)) im->package = 0;
		else if (!strcmp(ts_node_type(p), "identifier"))   /* only these name a package */
			im->package = text_eq(t, len, "__package__") || text_eq(t, len, "__name__")
				    ? facts_add(f, t, len) : 0;
		else {
			im->package = literal(x, f, p);
			VEC_PUSH(x->skip, ts_node_start_byte(p));
		}
	}
}

/* The bases of a class as written: its arguments joined by ", ", each with whitespace
 * and line continuations folded, comments left out. */
static pstr bases(struct extractor *x, struct file_facts *f, TSNode args)
{
	struct strbuf *sb = &x->scratch;
	sb_reset(sb);
	uint32_t cnt = ts_node_named_child_count(args);
	for (uint32_t k = 0; k < cnt; k++) {
		TSNode a = ts_node_named_child(args, k);
		if (ts_node_is_extra(a)) continue;           /* comments, line continuations */
		if (sb->len) sb_adds(sb, ", ");
		uint32_t len;
		const char *b = ntext(x, a, &len);
		for (uint32_t i = 0; i < len; i++) {
			char ch = b[i];
			if (ch == '\\' && i + 1 < len && (b[i + 1] == '\n' || b[i + 1] == '\r')) continue;
			if (ch == '\n' || ch == '\r' || ch == '\t' || ch == ' ') {
				if (sb->len && sb->buf[sb->len - 1] != ' ') sb_addc(sb, ' ');
				continue;
			}
			sb_addc(sb, ch);
		}
		while (sb->len && sb->buf[sb->len - 1] == ' ') sb->buf[--sb->len] = 0;
	}
	return facts_add(f, sb->buf, sb->len);
}

static void on_def(struct extractor *x, struct file_facts *f, struct caps *c, int kind,
		   TSNode node)
{
	VEC_GROW(f->defs, 1);
	struct fact_def *d = &f->defs.v[f->defs.n++];
	memset(d, 0, sizeof(*d));
	TSPoint p = ts_node_start_point(node);
	d->line = p.row + 1;
	d->col = p.column;
	d->end_line = ts_node_end_point(node).row + 1;
	d->start = ts_node_start_byte(node);
	d->end = ts_node_end_byte(node);
	d->kind = (uint8_t)kind;
	uint32_t len;
	if (kind == DEF_ALL) {
		d->name = literal(x, f, node);
		if (!d->name) f->defs.n--;
		return;
	}
	const char *t = ntext(x, kind == DEF_NAME ? node : c->node[R_SCOPE_NAME], &len);
	d->name = facts_add(f, t, len);
	if (kind == DEF_CLASS && HAS(c, R_CLASS_BASES)) {
		d->bases = bases(x, f, c->node[R_CLASS_BASES]);
		data_class(x, f, node, d);
	}
	if (kind == DEF_NAME && HAS(c, R_DEF_VALUE)) d->value = data_value(x, f, c->node[R_DEF_VALUE]);
	if (kind == DEF_FUNCTION) d->params = def_signature(x, f, node);
}

static void on_match(struct extractor *x, struct file_facts *f, const TSQueryMatch *m)
{
	struct caps c;
	collect(x->fam, m, &c);
	if (c.op) {
		data_on_match(x, f, &c);
	} else if (HAS(&c, R_IMPORT_STMT) && HAS(&c, R_IMPORT_NAME)) {
		struct fact_import *im = new_import(f, c.node[R_IMPORT_STMT], c.node[R_IMPORT_NAME],
						    IMP_IMPORT);
		im->name = dotted(x, f, c.node[R_IMPORT_NAME]);
		if (HAS(&c, R_IMPORT_ALIAS)) im->alias = dotted(x, f, c.node[R_IMPORT_ALIAS]);
	} else if (HAS(&c, R_FROM_STMT) && HAS(&c, R_FROM_MODULE)) {
		TSNode nn = HAS(&c, R_FROM_NAME) ? c.node[R_FROM_NAME]
			  : HAS(&c, R_FROM_WILDCARD) ? c.node[R_FROM_WILDCARD] : c.node[R_FROM_STMT];
		struct fact_import *im = new_import(f, c.node[R_FROM_STMT], nn, IMP_FROM);
		from_module(x, f, c.node[R_FROM_MODULE], im);
		im->name = HAS(&c, R_FROM_NAME) ? dotted(x, f, nn) : facts_add(f, "*", 1);
		if (HAS(&c, R_FROM_ALIAS)) im->alias = dotted(x, f, c.node[R_FROM_ALIAS]);
	} else if (HAS(&c, R_FUTURE_STMT) && HAS(&c, R_FUTURE_NAME)) {
		struct fact_import *im = new_import(f, c.node[R_FUTURE_STMT], c.node[R_FUTURE_NAME],
						    IMP_FUTURE);
		im->module = facts_add(f, "__future__", 10);
		im->name = dotted(x, f, c.node[R_FUTURE_NAME]);
		if (HAS(&c, R_FUTURE_ALIAS)) im->alias = dotted(x, f, c.node[R_FUTURE_ALIAS]);
		if (!strcmp(facts_str(f, im->name), "absolute_import")) f->absolute_import = 1;
	} else if (HAS(&c, R_DYN_CALL) && HAS(&c, R_DYN_NAME)) {
		on_dynamic(x, f, &c);
	} else if (c.ctx) {
		for (uint16_t i = 0; i < m->capture_count; i++) {
			uint32_t id = m->captures[i].index;
			if (x->fam->roles[id] != R_CONTEXT) continue;
			TSNode n = m->captures[i].node;
			struct range r = { ts_node_start_byte(n), ts_node_end_byte(n), x->fam->flags[id], -1 };
			VEC_PUSH(x->ranges, r);
		}
	} else if (HAS(&c, R_SCOPE_CLASS) && HAS(&c, R_SCOPE_NAME)) {
		on_def(x, f, &c, DEF_CLASS, c.node[R_SCOPE_CLASS]);
	} else if (HAS(&c, R_SCOPE_FUNCTION) && HAS(&c, R_SCOPE_NAME)) {
		on_def(x, f, &c, DEF_FUNCTION, c.node[R_SCOPE_FUNCTION]);
	} else if (HAS(&c, R_DEF_NAME)) {
		on_def(x, f, &c, DEF_NAME, c.node[R_DEF_NAME]);
	} else if (HAS(&c, R_DEF_ALL)) {
		for (uint16_t i = 0; i < m->capture_count; i++)
			if (x->fam->roles[m->captures[i].index] == R_DEF_ALL)
				on_def(x, f, &c, DEF_ALL, m->captures[i].node);
	} else if (HAS(&c, R_STRING_REF)) {
		uint32_t at = ts_node_start_byte(c.node[R_STRING_REF]);
		if (f->strings.n && f->strings.v[f->strings.n - 1].start == at) return;
		pstr v = literal(x, f, c.node[R_STRING_REF]);
		if (!v) return;
		TSPoint p = ts_node_start_point(c.node[R_STRING_REF]);
		struct fact_string s = { p.row + 1, p.column, ts_node_start_byte(c.node[R_STRING_REF]), v };
		VEC_PUSH(f->strings, s);
	}
}

/* --- contexts and parents: one sweep ----------------------------------------------------------- */
static int cmp_range(const void *a, const void *b)
{
	const struct range *x = a, *y = b;
	if (x->start != y->start) return x->start < y->start ? -1 : 1;
	if (x->end != y->end) return x->end > y->end ? -1 : 1;
	return (x->def > y->def) - (x->def < y->def);
}

static int cmp_def(const void *a, const void *b)
{
	const struct fact_def *x = a, *y = b;
	if (x->start != y->start) return x->start < y->start ? -1 : 1;
	return (x->kind > y->kind) - (x->kind < y->kind);
}

static int cmp_import(const void *a, const void *b)
{
	const struct fact_import *x = a, *y = b;
	if (x->start != y->start) return x->start < y->start ? -1 : 1;
	if (x->line != y->line) return x->line < y->line ? -1 : 1;
	return (x->col > y->col) - (x->col < y->col);
}

struct sweep {
	const struct range *r; size_t n, next;
	size_t *stack; uint16_t *flags; int32_t *scope; size_t depth;
};

/* Opens every range starting at or before pos and closes those that ended. */
static void sweep_to(struct sweep *s, uint32_t pos)
{
	for (;;) {
		while (s->depth && s->r[s->stack[s->depth - 1]].end <= pos) s->depth--;
		if (s->next >= s->n || s->r[s->next].start > pos) break;
		const struct range *r = &s->r[s->next];
		while (s->depth && s->r[s->stack[s->depth - 1]].end <= r->start) s->depth--;
		uint16_t up = s->depth ? s->flags[s->depth - 1] : 0;
		int32_t sc = s->depth ? s->scope[s->depth - 1] : -1;
		s->stack[s->depth] = s->next;
		s->flags[s->depth] = up | r->flags;
		s->scope[s->depth] = r->def >= 0 ? r->def : sc;
		s->depth++;
		s->next++;
	}
}

static void assign_contexts(struct extractor *x, struct file_facts *f)
{
	sort_array(f->defs.v, f->defs.n, sizeof(struct fact_def), cmp_def);
	for (size_t i = 0; i < f->defs.n; i++) {
		const struct fact_def *d = &f->defs.v[i];
		if (d->kind != DEF_CLASS && d->kind != DEF_FUNCTION) continue;
		struct range r = { d->start, d->end, 0, (int32_t)i };
		VEC_PUSH(x->ranges, r);
	}
	sort_array(x->ranges.v, x->ranges.n, sizeof(struct range), cmp_range);
	sort_array(f->imports.v, f->imports.n, sizeof(struct fact_import), cmp_import);
	size_t n = x->ranges.n + 1;
	struct sweep s = { x->ranges.v, x->ranges.n, 0, xmalloc(n * sizeof(size_t)),
			   xmalloc(n * sizeof(uint16_t)), xmalloc(n * sizeof(int32_t)), 0 };
	for (size_t i = 0; i < f->imports.n; i++) {
		sweep_to(&s, f->imports.v[i].start);
		f->imports.v[i].ctx = s.depth ? s.flags[s.depth - 1] : 0;
	}
	/* defs are sorted by position, so a parent's qualified name is ready before its children */
	s.next = s.depth = 0;
	char **qual = xcalloc(f->defs.n + 1, sizeof(char *));
	for (size_t i = 0; i < f->defs.n; i++) {
		struct fact_def *d = &f->defs.v[i];
		if (d->kind == DEF_NAME || d->kind == DEF_ALL) continue;
		sweep_to(&s, d->start);
		size_t k = s.depth;
		while (k && s.scope[k - 1] == (int32_t)i) k--;   /* skip its own range */
		int32_t parent = k ? s.scope[k - 1] : -1;
		const char *name = facts_str(f, d->name);
		if (parent >= 0 && qual[parent]) {
			qual[i] = xasprintf("%s.%s", qual[parent], name);   /* before pool_add moves name */
			d->parent = facts_add(f, qual[parent], strlen(qual[parent]));
			if (d->kind == DEF_FUNCTION && f->defs.v[parent].kind == DEF_CLASS)
				d->kind = DEF_METHOD;
		} else {
			qual[i] = xstrdup(name);
		}
	}
	for (size_t i = 0; i < f->defs.n; i++) free(qual[i]);
	free(qual);
	free(s.stack);
	free(s.flags);
	free(s.scope);
}

/* --- errors ----------------------------------------------------------------------------------- */
/* Python 2's `exec compile(s, '<s>', 'exec') in d` or `exec a.b in g, l`: the grammar takes
 * only a string or a name after `exec`, so such a statement holds an error node. It is a
 * valid exec statement when its text with `exec` made a call, `exec(...)`, parses as an
 * expression without error; then its errors are not the file's. (A statement whose text
 * runs to a comment, or garbage after exec, still counts.) */
static int exec_statement(struct extractor *x, TSNode stmt, const char *src)
{
	const char *type = ts_node_type(stmt);
	if (strcmp(type, "expression_statement") && strcmp(type, "exec_statement")) return 0;
	uint32_t a = ts_node_start_byte(stmt), b = ts_node_end_byte(stmt);
	if (b - a < 6 || memcmp(src + a, "exec", 4) || (src[a + 4] != ' ' && src[a + 4] != '\t'))
		return 0;
	struct strbuf *sb = &x->scratch;
	sb_reset(sb);
	sb_adds(sb, "exec(");
	sb_add(sb, src + a + 4, b - a - 4);
	sb_adds(sb, "\n)\n");
	TSTree *t = ts_parser_parse_string(x->parser, NULL, sb->buf, (uint32_t)sb->len);
	if (!t) {
		ts_parser_reset(x->parser);
		return 0;
	}
	TSNode r = ts_tree_root_node(t);
	int ok = !ts_node_has_error(r) && ts_node_named_child_count(r) == 1;
	ts_tree_delete(t);
	return ok;
}

static void count_errors(struct extractor *x, TSNode root, const char *src, struct file_facts *f)
{
	if (!ts_node_has_error(root)) return;
	TSTreeCursor c = ts_tree_cursor_new(root);
	for (;;) {
		TSNode n = ts_tree_cursor_current_node(&c);
		int is_err = ts_node_is_missing(n) || ts_node_symbol(n) == (TSSymbol)-1 ||
			     !strcmp(ts_node_type(n), "ERROR");
		if (!is_err && ts_node_has_error(n) && exec_statement(x, n, src)) {
			if (!walk_next(&c, 0, root)) break;   /* a valid exec: not an error */
			continue;
		}
		if (is_err) {
			if (!f->parse_errors++) {
				TSPoint p = ts_node_start_point(n);
				f->err_line = p.row + 1;
				f->err_col = p.column;
			}
		}
		/* descend only into subtrees that hold an error; never into an error itself */
		if (!walk_next(&c, !is_err && ts_node_has_error(n), root)) break;
	}
	ts_tree_cursor_delete(&c);
}

static void skip_bom(const char **src, size_t *len)
{
	if (*len >= 3 && !memcmp(*src, "\xEF\xBB\xBF", 3)) {
		*src += 3;
		*len -= 3;
	}
}




/* Runs one family of patterns over the subtree at node. */
static void run(struct extractor *x, struct file_facts *f, enum family fam, TSNode node)
{
	run_range(x, f, &x->q->fam[fam], node, 0, UINT32_MAX);
}


/* --- walking and finding nodes ------------------------------------------------------------ */
int walk_next(TSTreeCursor *c, int descend, TSNode top)
{
	if (descend && ts_tree_cursor_goto_first_child(c)) return 1;
	while (!ts_tree_cursor_goto_next_sibling(c))
		if (!ts_tree_cursor_goto_parent(c) || ts_node_eq(ts_tree_cursor_current_node(c), top))
			return 0;
	return 1;
}

/* Finding nodes without starting at the root each time: tree-sitter 0.20's
 * ts_node_descendant_for_byte_range, ts_node_parent and ts_node_next_named_sibling all walk
 * down from the root, so in a deep nest each costs the depth, and one per hit is quadratic.
 * A finder keeps a cursor where the last hit was: hits in increasing order, nested in one
 * another, cost their depth once. */
struct finder { TSTreeCursor c; };
static void finder_start(struct finder *fd, TSNode root) { fd->c = ts_tree_cursor_new(root); }
static void finder_end(struct finder *fd) { ts_tree_cursor_delete(&fd->c); }

static int holds(TSNode n, uint32_t a, uint32_t b)
{
	return ts_node_start_byte(n) <= a && ts_node_end_byte(n) >= b;
}

/* Moves c to the child of its node that holds [a, b); 0 (c unmoved) when none does. Not
 * ts_tree_cursor_goto_first_child_for_byte, which in 0.20.7 missed most strings after a
 * file's first when the cursor had climbed back up to reach them. */
static int child_holding(TSTreeCursor *c, uint32_t a, uint32_t b)
{
	if (!ts_tree_cursor_goto_first_child(c)) return 0;
	do {
		TSNode n = ts_tree_cursor_current_node(c);
		if (holds(n, a, b)) return 1;
		if (ts_node_start_byte(n) > a) break;
	} while (ts_tree_cursor_goto_next_sibling(c));
	ts_tree_cursor_goto_parent(c);
	return 0;
}

/* The smallest node holding bytes [a, b), as ts_node_descendant_for_byte_range. */
static TSNode finder_find(struct finder *fd, uint32_t a, uint32_t b)
{
	TSNode n = ts_tree_cursor_current_node(&fd->c);
	while (!holds(n, a, b) && ts_tree_cursor_goto_parent(&fd->c))
		n = ts_tree_cursor_current_node(&fd->c);
	while (child_holding(&fd->c, a, b)) n = ts_tree_cursor_current_node(&fd->c);
	return n;
}

/* The parent of the node last found (and moves there), or a null node at the root. */
static TSNode finder_up(struct finder *fd)
{
	static const TSNode none;
	return ts_tree_cursor_goto_parent(&fd->c) ? ts_tree_cursor_current_node(&fd->c) : none;
}

void parents_below(TSNode top, TSNode target, TSNode *parent, TSNode *grand)
{
	static const TSNode none;
	*parent = *grand = none;
	uint32_t a = ts_node_start_byte(target), b = ts_node_end_byte(target);
	TSTreeCursor c = ts_tree_cursor_new(top);
	TSNode n = top;
	while (!ts_node_eq(n, target) && child_holding(&c, a, b)) {
		*grand = *parent;
		*parent = n;
		n = ts_tree_cursor_current_node(&c);
	}
	if (!ts_node_eq(n, target)) *parent = *grand = none;
	ts_tree_cursor_delete(&c);
}

/* A call inside a lambda runs only when the lambda is called: its range counts as late. Up
 * from the call (the finder stands on it) within its statement, then down inside it. */
static void mark_lambdas(struct extractor *x, struct finder *fd, TSNode call)
{
	for (int up = 0; up < 64; up++) {
		TSNode n = finder_up(fd);
		if (ts_node_is_null(n) || container_kind(x, n)) break;
		const char *t = ts_node_type(n);
		size_t len = strlen(t);
		if (len > 10 && !strcmp(t + len - 10, "_statement")) break;
		if (!strcmp(t, "lambda")) {
			struct range r = { ts_node_start_byte(n), ts_node_end_byte(n), CTX_LATE, -1 };
			VEC_PUSH(x->ranges, r);
			break;
		}
	}
	uint32_t a = ts_node_start_byte(call), b = ts_node_end_byte(call);
	if (!memmem(x->src + a, b - a, "lambda", 6)) return;
	TSTreeCursor c = ts_tree_cursor_new(call);      /* nested calls the run found too */
	do {
		TSNode n = ts_tree_cursor_current_node(&c);
		if (!strcmp(ts_node_type(n), "lambda")) {
			struct range r = { ts_node_start_byte(n), ts_node_end_byte(n), CTX_LATE, -1 };
			VEC_PUSH(x->ranges, r);
		}
	} while (walk_next(&c, 1, call));
	ts_tree_cursor_delete(&c);
}

/* DYNAMIC patterns: on the call around each occurrence of word (a few levels up from the
 * identifier). A run covers the calls nested in it, so their words are passed over. */
static void run_words(struct extractor *x, struct file_facts *f, TSNode root, const char *src,
		      size_t len, const char *word)
{
	size_t wl = strlen(word), shift = word[0] == '_' ? 2 : 0;   /* where "import" sits */
	struct finder fd;
	finder_start(&fd, root);
	uint32_t covered = 0;
	for (size_t k = 0; k < x->import_at.n; k++) {      /* every hit holds the word "import" */
		if (x->import_at.v[k] < shift) continue;
		uint32_t at = x->import_at.v[k] - (uint32_t)shift;
		if (at < covered || at + wl > len || memcmp(src + at, word, wl)) continue;
		TSNode n = finder_find(&fd, at, at + (uint32_t)wl);
		for (int up = 0; up < 3 && !ts_node_is_null(n); up++) {
			if (!strcmp(ts_node_type(n), "call")) {
				size_t before = f->imports.n;
				run(x, f, F_DYNAMIC, n);
				covered = ts_node_end_byte(n);
				if (f->imports.n > before) mark_lambdas(x, &fd, n);
				break;
			}
			n = finder_up(&fd);
		}
	}
	finder_end(&fd);
}

/* STRING patterns: on the node at each quoted dotted name ('a.b', "a.b.C") in the text. */
static void run_strings(struct extractor *x, struct file_facts *f, TSNode root, const char *s,
			size_t len)
{
	struct finder fd;
	finder_start(&fd, root);
	for (size_t i = 0; i + 4 < len; i++) {
		const char *at = strpbrk(s + i, "'\"");     /* the text has no NUL: binaries are skipped */
		if (!at || (size_t)(at - s) + 4 >= len) break;
		i = (size_t)(at - s);
		char q = s[i];
		size_t j = i + 1;
		int parts = 0;
		while (j < len && ident_start(s[j])) {
			while (j < len && ident_char(s[j])) j++;
			parts++;
			if (j + 1 < len && s[j] == '.' && ident_start(s[j + 1])) j++;
			else break;
		}
		if (parts >= 2 && j < len && s[j] == q) {
			TSNode n = finder_find(&fd, (uint32_t)i, (uint32_t)j + 1);
			size_t k = 0;
			while (k < x->skip.n && x->skip.v[k] != ts_node_start_byte(n)) k++;
			if (k == x->skip.n && !strcmp(ts_node_type(n), "string")) run(x, f, F_STRING, n);
			i = j;
		}
	}
	finder_end(&fd);
}

static int blank(char c) { return c == ' ' || c == '\t' || c == '\r'; }

/* After "ignore": "[kinds]" (kept as written), then the reason, less any separator. */
static void parse_suppression(struct file_facts *f, const char *q, const char *eol,
			      struct fact_suppression *sp)
{
	if (q < eol && *q == '[') {
		const char *close = memchr(q, ']', (size_t)(eol - q));
		if (!close) close = eol;
		sp->kinds = facts_add(f, q + 1, (size_t)(close - q - 1));
		q = close < eol ? close + 1 : eol;
	}
	for (;;) {
		while (q < eol && (blank(*q) || *q == '-' || *q == ':')) q++;
		if (eol - q >= 3 && !memcmp(q, "\xe2\x80\x94", 3)) q += 3;     /* an em dash */
		else break;
	}
	while (eol > q && blank(eol[-1])) eol--;
	if (eol > q) sp->reason = facts_add(f, q, (size_t)(eol - q));
}

/* Inline suppressions: found by a text search (they are rare), confirmed as comments by
 * the tree so that strings mentioning them do not count. */
static void find_suppressions(struct file_facts *f, TSNode root, const char *s, size_t len)
{
	static const char tag[] = "cutline:";
	const size_t tl = sizeof(tag) - 1;
	for (const char *p = s; (p = memmem(p, len - (size_t)(p - s), tag, tl)); p += tl) {
		const char *h = p;
		while (h > s && (h[-1] == ' ' || h[-1] == '\t')) h--;
		if (h == s || h[-1] != '#') continue;
		h--;
		TSNode n = ts_node_descendant_for_byte_range(root, (uint32_t)(h - s),
							     (uint32_t)(h - s) + 1);
		if (strcmp(ts_node_type(n), "comment")) continue;
		const char *q = p + tl, *eol = memchr(q, '\n', len - (size_t)(q - s));
		if (!eol) eol = s + len;
		while (q < eol && blank(*q)) q++;
		if (eol - q < 6 || memcmp(q, "ignore", 6) || (q + 6 < eol && q[6] != '[' &&
		    !blank(q[6]))) continue;
		struct fact_suppression sp = { ts_node_start_point(n).row + 1,
					       ts_node_start_point(n).column, 1, 0, 0 };
		for (const char *c = s + ts_node_start_byte(n); c > s && c[-1] != '\n'; c--)
			if (!blank(c[-1])) sp.alone = 0;          /* before the comment, not the tag */
		parse_suppression(f, q + 6, eol, &sp);
		VEC_PUSH(f->suppressions, sp);
	}
}

/* Nodes that hold statements: the walk below enters only these ("block" marks where a
 * container's own part ends). Kept as a table by symbol: this runs on every statement. */
static void init_containers(struct extractor *x)
{
	static const char *const names[] = { "module", "block", "if_statement", "elif_clause",
		"else_clause", "for_statement", "while_statement", "try_statement", "except_clause",
		"except_group_clause", "finally_clause", "with_statement", "match_statement",
		"case_clause", "class_definition", "function_definition", "decorated_definition" };
	const TSLanguage *lang = tree_sitter_python();
	x->nsymbols = ts_language_symbol_count(lang);
	x->container = xcalloc(x->nsymbols + 1, 1);
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		TSSymbol sym = ts_language_symbol_for_name(lang, names[i], (uint32_t)strlen(names[i]), true);
		x->container[sym] = i == 1 ? 2 : i >= 14 ? 3 : 1;
	}
	x->expression_statement = ts_language_symbol_for_name(lang, "expression_statement", 20, true);
}

/* 1 for a container, 2 for a block, 3 for a class or function (definition), 0 otherwise;
 * statements inside a syntax error are still statements, so ERROR counts as a container. */
int container_kind(const struct extractor *x, TSNode n)
{
	TSSymbol sym = ts_node_symbol(n);
	if (sym == (TSSymbol)-1) return 1;
	return sym < x->nsymbols ? x->container[sym] : 0;
}

/* Where the targets of an assignment statement end: at its value, after any chain of
 * targets (a = b = value). NAMES patterns start no match in the value, so a module-level
 * table of thousands of entries is not walked (a pattern under way still descends). */
static uint32_t targets_end(TSNode stmt)
{
	TSNode a = ts_node_named_child(stmt, 0);
	if (ts_node_is_null(a)) return ts_node_end_byte(stmt);
	for (;;) {
		TSNode right = ts_node_child_by_field_name(a, "right", 5);
		if (ts_node_is_null(right)) return ts_node_end_byte(stmt);
		if (strcmp(ts_node_type(right), "assignment")) return ts_node_start_byte(right);
		a = right;
	}
}

/* Runs fm's patterns on node, limited to bytes [from, to). */
void run_range(struct extractor *x, struct file_facts *f, const struct qfam *fm,
	       TSNode node, uint32_t from, uint32_t to)
{
	x->fam = fm;
	ts_query_cursor_set_byte_range(x->cur, from, to);
	ts_query_cursor_exec(x->cur, fm->query, node);
	TSQueryMatch m;
	while (ts_query_cursor_next_match(x->cur, &m)) {
		const struct pred_list *ps = &fm->preds[m.pattern_index];
		size_t i = 0;
		while (i < ps->n && pred_holds(x, &ps->v[i], &m)) i++;
		if (i == ps->n) on_match(x, f, &m);
	}
	ts_query_cursor_set_byte_range(x->cur, 0, UINT32_MAX);
}

static int cmp_u32(const void *elem, const void *key)
{
	uint32_t a = *(const uint32_t *)elem, b = *(const uint32_t *)key;
	return (a > b) - (a < b);
}

/* Is there an occurrence of the word "import" in bytes [a, b)? Every import statement and
 * dynamic import holds one. */
static int import_inside(const struct extractor *x, uint32_t a, uint32_t b)
{
	size_t lo = lower_bound_array(&a, x->import_at.v, x->import_at.n, sizeof(uint32_t), cmp_u32);
	return lo < x->import_at.n && x->import_at.v[lo] < b;
}

static void find_import_words(struct extractor *x, const char *src, size_t len)
{
	x->import_at.n = 0;
	for (const char *p = src; (p = memmem(p, len - (size_t)(p - src), "import", 6)); p += 6)
		VEC_PUSH(x->import_at, (uint32_t)(p - src));
}

/* Can MAIN run on the statement structure? Only if every pattern starts at a statement
 * or clause (as the built-in ones do); otherwise it walks the whole tree. */
static int main_on_statements(const struct extractor *x)
{
	const struct qfam *fm = &x->q->fam[F_MAIN];
	return !fm->any_root && fm->statement_roots && !x->full_walk;
}

/* One walk over the statement structure, never into expressions:
 * - with with_main, MAIN patterns on each node of a type they start with, limited to its
 *   own part (a class's header, not its body: the body's statements come in turn);
 * - NAMES patterns on each expression statement that runs at module level (also inside
 *   module-level if/try/with/for/while, never inside a class or function). */
static void walk_statements(struct extractor *x, struct file_facts *f, TSNode root, int with_main)
{
	const struct qfam *fm = &x->q->fam[F_MAIN];
	VEC(uint8_t) scope = {0};                  /* per depth: a class or function body */
	int scopes = 0;                            /* how many of those we are in */
	TSTreeCursor c = ts_tree_cursor_new(root);
	for (;;) {
		TSNode n = ts_tree_cursor_current_node(&c);
		int container = container_kind(x, n);
		TSSymbol sym = ts_node_symbol(n);
		uint8_t roots = with_main && sym < fm->nsymbols ? fm->root_types[sym] : 0;
		/* a context matters only around an import: skip an if or try without one */
		if (roots && (roots & 2 || import_inside(x, ts_node_start_byte(n), ts_node_end_byte(n))))
			run_range(x, f, fm, n, ts_node_start_byte(n),
				  container ? ts_node_start_byte(n) + 1 : ts_node_end_byte(n));
		/* A container's patterns run with the range of its first byte only: the cursor
		 * still visits its children for the patterns under way (a class's name, bases
		 * and body, a try's handlers) but descends only where one needs it, and the
		 * statements in its body are visited in turn by this walk. */
		if (!scopes && sym == x->expression_statement)
			run_range(x, f, &x->q->fam[F_NAMES], n, ts_node_start_byte(n),
				  x->full_walk ? UINT32_MAX : targets_end(n));
		if (container && ts_tree_cursor_goto_first_child(&c)) {
			uint8_t def = container == 3;
			VEC_PUSH(scope, def);
			scopes += def;
			continue;
		}
		while (!ts_tree_cursor_goto_next_sibling(&c)) {
			if (!ts_tree_cursor_goto_parent(&c)) {
				ts_tree_cursor_delete(&c);
				VEC_FREE(scope);
				return;
			}
			scopes -= scope.v[--scope.n];
		}
	}
}

/* Python reads a file through its coding cookie and universal newlines; tree-sitter reads
 * UTF-8 and "\n". So a Latin-1 file is made UTF-8 (as CPython's ast sees it) and a lone
 * "\r" becomes "\n" (same length, positions kept). Returns src, or the copy in x->text. */
static int latin1_cookie(const char *src, size_t len)
{
	const char *end = src + len;
	for (int line = 0; line < 2 && src < end; line++) {
		const char *eol = memchr(src, '\n', (size_t)(end - src));
		if (!eol) eol = end;
		const char *c = src;
		while (c < eol && (*c == ' ' || *c == '\t' || *c == '\f')) c++;
		if (c < eol && *c == '#') {
			const char *k = memmem(c, (size_t)(eol - c), "coding", 6);
			if (k && k + 6 < eol && (k[6] == ':' || k[6] == '=')) {
				const char *v = k + 7;
				while (v < eol && (*v == ' ' || *v == '\t')) v++;
				char name[32];
				size_t n = 0;
				while (v < eol && n + 1 < sizeof(name) &&
				       (ident_char(*v) || *v == '-' || *v == '.'))
					name[n++] = (char)(*v == '_' ? '-' : (*v >= 'A' && *v <= 'Z' ? *v + 32 : *v)), v++;
				name[n] = 0;
				static const char *const l1[] = { "latin-1", "latin1", "iso-8859-1", "iso8859-1",
					"l1", "iso-latin-1", "cp1252", "windows-1252", "iso-8859-15", "latin-9" };
				for (size_t i = 0; i < sizeof(l1) / sizeof(l1[0]); i++)
					if (!strcmp(name, l1[i]) || (!strncmp(name, l1[i], strlen(l1[i])) &&
								     name[strlen(l1[i])] == '-')) return 1;
				return 0;
			}
		}
		src = eol + 1;
	}
	return 0;
}

/* The text as the parser reads it: lone CRs as newlines, Latin-1 (by its coding cookie) as
 * UTF-8, NUL bytes as spaces (counted in f). A NUL once left the file unparsed, so that one
 * NUL in a comment hid the file's imports; Python refuses such a file, so it counts as a
 * syntax error too. */
static const char *normalize(struct extractor *x, const char *src, size_t *len,
			     struct file_facts *f)
{
	int lone_cr = 0, latin1 = latin1_cookie(src, *len);
	for (const char *p = src; !lone_cr && (p = memchr(p, '\r', *len - (size_t)(p - src))); p++)
		lone_cr = p + 1 == src + *len || p[1] != '\n';
	int nul = memchr(src, 0, *len) != NULL;
	if (!lone_cr && !latin1 && !nul) return src;
	struct strbuf *sb = &x->text;
	sb_reset(sb);
	for (size_t i = 0; i < *len; i++) {
		unsigned char ch = (unsigned char)src[i];
		if (ch == '\r' && (i + 1 == *len || src[i + 1] != '\n')) ch = '\n';
		if (!ch) {
			if (!f->nuls++) {
				uint32_t line = 1, col = 0;
				for (size_t k = 0; k < sb->len; k++)
					if (sb->buf[k] == '\n') line++, col = 0;
					else col++;
				f->nul_line = line;
				f->nul_col = col;
			}
			ch = ' ';
		}
		if (latin1 && ch >= 0x80) {
			sb_addc(sb, (char)(0xC0 | (ch >> 6)));
			sb_addc(sb, (char)(0x80 | (ch & 0x3F)));
		} else {
			sb_addc(sb, (char)ch);
		}
	}
	*len = sb->len;
	return sb->buf;
}

void extract_file(struct extractor *x, const char *src, size_t len, struct file_facts *f)
{
	skip_bom(&src, &len);
	src = normalize(x, src, &len, f);
	x->src = src;
	x->ranges.n = 0;
	x->skip.n = 0;
	f->lines = 0;
	for (const char *p = src; (p = memchr(p, '\n', len - (size_t)(p - src))); p++) f->lines++;
	if (len && src[len - 1] != '\n') f->lines++;
	size_t depth = bracket_depth(src, len, 0), first = len;
	if (depth > MAX_BRACKET_DEPTH) {            /* parse the rest: its imports count */
		f->depth = (uint32_t)depth;
		sb_reset(&x->shallow);
		sb_add(&x->shallow, src, len);
		bracket_blank(x->shallow.buf, len, SHALLOW_DEPTH, &first);
		if (bracket_depth(x->shallow.buf, len, 0) > MAX_BRACKET_DEPTH) {
			f->not_parsed = NP_DEEP;
			return;
		}
		src = x->src = x->shallow.buf;
		for (size_t k = 0; k < first; k++)
			if (src[k] == '\n') f->deep_line++, f->deep_col = 0;
			else f->deep_col++;
		f->deep_line++;
	}
	TSTree *tree = ts_parser_parse_string(x->parser, NULL, src, (uint32_t)len);
	if (!tree) {                       /* out of time: the next parse starts afresh */
		ts_parser_reset(x->parser);
		f->not_parsed = NP_TIMEOUT;
		return;
	}
	TSNode root = ts_tree_root_node(tree);
	count_errors(x, root, src, f);
	if (f->nuls && (!f->parse_errors++ || f->nul_line < f->err_line ||
			(f->nul_line == f->err_line && f->nul_col < f->err_col))) {
		f->err_line = f->nul_line;
		f->err_col = f->nul_col;
	}
	if (f->deep_line && (!f->parse_errors++ || f->deep_line < f->err_line ||
			     (f->deep_line == f->err_line && f->deep_col < f->err_col))) {
		f->err_line = f->deep_line;
		f->err_col = f->deep_col;
	}
	int on_statements = main_on_statements(x);
	find_import_words(x, src, len);
	if (!on_statements) run(x, f, F_MAIN, root);
	walk_statements(x, f, root, on_statements);
	run_words(x, f, root, src, len, "__import__");
	run_words(x, f, root, src, len, "import_module");
	run_strings(x, f, root, src, len);
	find_suppressions(f, root, src, len);
	data_scan(x, f, root, src, len);
	assign_contexts(x, f);
	data_finish(x, f, root);
	ts_tree_delete(tree);
}

uint32_t parse_only(struct extractor *x, const char *src, size_t len)
{
	struct file_facts f = {0};
	skip_bom(&src, &len);
	if (bracket_depth(src, len, 0) > MAX_BRACKET_DEPTH) return 1;
	TSTree *tree = ts_parser_parse_string(x->parser, NULL, src, (uint32_t)len);
	if (!tree) {
		ts_parser_reset(x->parser);
		return 1;
	}
	count_errors(x, ts_tree_root_node(tree), src, &f);
	ts_tree_delete(tree);
	return f.parse_errors;
}
