/* toml.c — builds a value tree from the tree-sitter TOML syntax tree (see toml_p.h).
 * It checks what the grammar does not: duplicate keys, redefined tables, escapes, numbers.
 * It must not recurse without bound: nesting deeper than MAX_DEPTH is an error. */
#include "toml_p.h"
#include "util_p.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <tree_sitter/api.h>

const TSLanguage *tree_sitter_toml(void);

enum { MAX_DEPTH = 200 };

struct tctx {
	const char *file, *text;
	struct cl_diags *d;
	int failed;
};

static void terr(struct tctx *c, TSNode n, const char *fmt, const char *arg)
{
	TSPoint p = ts_node_start_point(n);
	cl_diag_add(c->d, CL_ERROR, c->file, (int)p.row + 1, (int)p.column + 1, fmt, arg);
	c->failed = 1;
}

static struct tval *tv_new(enum tv_type t, TSNode n)
{
	struct tval *v = xcalloc(1, sizeof(*v));
	TSPoint p = ts_node_start_point(n);
	v->type = t;
	v->line = (int)p.row + 1;
	v->col = (int)p.column + 1;
	return v;
}

void tval_free(struct tval *v)
{
	if (!v) return;
	free(v->str);
	for (size_t i = 0; i < v->n; i++) {
		free(v->keys[i]);
		tval_free(v->vals[i]);
	}
	free(v->keys);
	if (v->index) smap_release(v->index);
	free(v->index);
	free(v->kline);
	free(v->kcol);
	free(v->vals);
	for (size_t i = 0; i < v->nitems; i++) tval_free(v->items[i]);
	free(v->items);
	free(v);
}

const char *tval_type_name(enum tv_type t)
{
	static const char *names[] = { "table", "array", "string", "integer", "float",
				       "boolean", "date-time" };
	return names[t];
}

struct tval *tval_get(const struct tval *t, const char *key, size_t *idx)
{
	if (!t || t->type != TV_TABLE) return NULL;
	if (t->index) {                /* 64,000 [tables] looked up one by one took 16 s */
		int64_t *k = smap_get(t->index, key);
		if (k && idx) *idx = (size_t)*k;
		return k ? t->vals[*k] : NULL;
	}
	for (size_t i = 0; i < t->n; i++) {
		if (!strcmp(t->keys[i], key)) {
			if (idx) *idx = i;
			return t->vals[i];
		}
	}
	return NULL;
}

static void table_add(struct tval *t, const char *key, TSNode kn, struct tval *v)
{
	if (t->n == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 8;
		t->keys = xrealloc(t->keys, t->cap * sizeof(*t->keys));
		t->kline = xrealloc(t->kline, t->cap * sizeof(int));
		t->kcol = xrealloc(t->kcol, t->cap * sizeof(int));
		t->vals = xrealloc(t->vals, t->cap * sizeof(*t->vals));
	}
	TSPoint p = ts_node_start_point(kn);
	t->keys[t->n] = xstrdup(key);
	t->kline[t->n] = (int)p.row + 1;
	t->kcol[t->n] = (int)p.column + 1;
	t->vals[t->n++] = v;
	if (!t->index && t->n >= 16) {
		t->index = xcalloc(1, sizeof(*t->index));
		for (size_t i = 0; i < t->n; i++)
			if (!smap_get(t->index, t->keys[i])) smap_put(t->index, t->keys[i], (int64_t)i);
	} else if (t->index && !smap_get(t->index, key)) {
		smap_put(t->index, key, (int64_t)(t->n - 1));
	}
}

static void array_add(struct tval *a, struct tval *v)
{
	if (a->nitems == a->icap) {
		a->icap = a->icap ? a->icap * 2 : 8;
		a->items = xrealloc(a->items, a->icap * sizeof(*a->items));
	}
	a->items[a->nitems++] = v;
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9') return c - '0';
	if (c >= 'a' && c <= 'f') return c - 'a' + 10;
	if (c >= 'A' && c <= 'F') return c - 'A' + 10;
	return -1;
}

static void add_utf8(struct strbuf *sb, unsigned long cp)
{
	if (cp < 0x80) sb_addc(sb, (char)cp);
	else if (cp < 0x800) {
		sb_addc(sb, (char)(0xC0 | (cp >> 6)));
		sb_addc(sb, (char)(0x80 | (cp & 0x3F)));
	} else if (cp < 0x10000) {
		sb_addc(sb, (char)(0xE0 | (cp >> 12)));
		sb_addc(sb, (char)(0x80 | ((cp >> 6) & 0x3F)));
		sb_addc(sb, (char)(0x80 | (cp & 0x3F)));
	} else {
		sb_addc(sb, (char)(0xF0 | (cp >> 18)));
		sb_addc(sb, (char)(0x80 | ((cp >> 12) & 0x3F)));
		sb_addc(sb, (char)(0x80 | ((cp >> 6) & 0x3F)));
		sb_addc(sb, (char)(0x80 | (cp & 0x3F)));
	}
}

/* A control character (C0 but tab, DEL, C1) in the n decoded bytes of s: names reach logs
 * and terminals. The length counts, not the NUL: "\u0000" must not end the check early. */
static int has_control(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char b = (unsigned char)s[i];
		if ((b < 0x20 && b != '\t') || b == 0x7f) return 1;
		if (b == 0xC2 && i + 1 < n && (unsigned char)s[i + 1] >= 0x80 &&
		    (unsigned char)s[i + 1] <= 0x9f) return 1;
	}
	return 0;
}

static char *decode_string_n(struct tctx *c, TSNode n, size_t *outlen);

/* Decodes a string or quoted_key node and refuses control characters, raw or escaped. */
static char *decode_string(struct tctx *c, TSNode n, const char *what)
{
	size_t len;
	char *s = decode_string_n(c, n, &len);
	if (has_control(s, len))
		terr(c, n, "a control character in a %s (cutline's values are names, patterns and "
		     "paths)", what);
	return s;
}

/* Decodes a string or quoted_key node: quotes, multi-line forms and escapes; *outlen is
 * its length, which a \u0000 makes more than strlen. */
static char *decode_string_n(struct tctx *c, TSNode n, size_t *outlen)
{
	const char *s = c->text + ts_node_start_byte(n);
	size_t len = ts_node_end_byte(n) - ts_node_start_byte(n);
	char q = s[0];
	size_t open = (len >= 6 && s[1] == q && s[2] == q) ? 3 : 1;
	*outlen = 0;
	if (len < 2 * open) return xstrdup("");
	const char *p = s + open, *end = s + len - open;
	struct strbuf sb = {0};
	if (open == 3) {                       /* a newline right after """ is dropped */
		if (p < end && *p == '\n') p++;
		else if (end - p >= 2 && p[0] == '\r' && p[1] == '\n') p += 2;
	}
	while (p < end) {
		if (q == '\'' || *p != '\\') {
			sb_addc(&sb, *p++);
			continue;
		}
		p++;
		if (p >= end) break;
		char e = *p++;
		switch (e) {
		case 'b': sb_addc(&sb, '\b'); break;
		case 't': sb_addc(&sb, '\t'); break;
		case 'n': sb_addc(&sb, '\n'); break;
		case 'f': sb_addc(&sb, '\f'); break;
		case 'r': sb_addc(&sb, '\r'); break;
		case 'e': sb_addc(&sb, 27); break;
		case '"': sb_addc(&sb, '"'); break;
		case '\\': sb_addc(&sb, '\\'); break;
		case 'u': case 'U': {
			int digits = e == 'u' ? 4 : 8;
			unsigned long cp = 0;
			for (int i = 0; i < digits; i++, p++) {
				int h = p < end ? hexval(*p) : -1;
				if (h < 0) {
					terr(c, n, "bad unicode escape in string%s", "");
					sb_release(&sb);
					return xstrdup("");
				}
				cp = cp * 16 + (unsigned long)h;
			}
			if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
				terr(c, n, "unicode escape out of range%s", "");
				cp = 0xFFFD;
			}
			add_utf8(&sb, cp);
			break;
		}
		default:
			if (open == 3 && (e == '\n' || e == ' ' || e == '\t' || e == '\r')) {
				while (p < end && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r'))
					p++;      /* line-ending backslash: trim */
				break;
			}
			terr(c, n, "unknown escape sequence in string%s", "");
			break;
		}
	}
	*outlen = sb.len;
	return sb_detach(&sb);
}

static char *node_text(struct tctx *c, TSNode n)
{
	return xstrndup(c->text + ts_node_start_byte(n), ts_node_end_byte(n) - ts_node_start_byte(n));
}

/* Collects the parts of a key (bare, quoted or dotted) into keys[] with their nodes. */
struct keypath { char *part[64]; TSNode node[64]; int n; };

static int key_collect(struct tctx *c, TSNode n, struct keypath *kp, int depth)
{
	const char *t = ts_node_type(n);
	if (!strcmp(t, "dotted_key")) {
		if (depth > 64) {
			terr(c, n, "key has too many parts%s", "");
			return -1;
		}
		uint32_t cnt = ts_node_named_child_count(n);
		for (uint32_t i = 0; i < cnt; i++)
			if (key_collect(c, ts_node_named_child(n, i), kp, depth + 1)) return -1;
		return 0;
	}
	if (kp->n >= 64) {
		terr(c, n, "key has too many parts%s", "");
		return -1;
	}
	kp->node[kp->n] = n;
	kp->part[kp->n++] = !strcmp(t, "quoted_key") ? decode_string(c, n, "key") :
								  node_text(c, n);
	return 0;
}

static void key_release(struct keypath *kp)
{
	for (int i = 0; i < kp->n; i++) free(kp->part[i]);
	kp->n = 0;
}

static int64_t parse_int(struct tctx *c, TSNode n, int *ok)
{
	char *s = node_text(c, n), *w = s;
	for (char *r = s; *r; r++) if (*r != '_') *w++ = *r;
	*w = 0;
	int base = 10;
	char *digits = s;
	int neg = 0;
	if (*digits == '+' || *digits == '-') neg = *digits++ == '-';
	if (digits[0] == '0' && digits[1]) {
		base = digits[1] == 'x' ? 16 : digits[1] == 'o' ? 8 : digits[1] == 'b' ? 2 : 10;
		if (base != 10) digits += 2;
	}
	errno = 0;
	char *end;
	long long v = strtoll(digits, &end, base);
	*ok = !errno && *end == 0;
	free(s);
	return neg ? -v : v;
}

static struct tval *value_of(struct tctx *c, TSNode n, int depth);

static struct tval *inline_table(struct tctx *c, TSNode n, int depth);

static struct tval *value_of(struct tctx *c, TSNode n, int depth)
{
	const char *t = ts_node_type(n);
	if (depth > MAX_DEPTH) {
		terr(c, n, "values nested too deeply%s", "");
		return NULL;
	}
	if (!strcmp(t, "string")) {
		struct tval *v = tv_new(TV_STRING, n);
		v->str = decode_string(c, n, "string");
		return v;
	}
	if (!strcmp(t, "integer")) {
		struct tval *v = tv_new(TV_INT, n);
		int ok;
		v->i = parse_int(c, n, &ok);
		if (!ok) terr(c, n, "integer out of range%s", "");
		return v;
	}
	if (!strcmp(t, "float")) {
		struct tval *v = tv_new(TV_FLOAT, n);
		char *s = node_text(c, n), *w = s;
		for (char *r = s; *r; r++) if (*r != '_') *w++ = *r;
		*w = 0;
		v->f = strtod(s, NULL);
		free(s);
		return v;
	}
	if (!strcmp(t, "boolean")) {
		struct tval *v = tv_new(TV_BOOL, n);
		v->i = c->text[ts_node_start_byte(n)] == 't';
		return v;
	}
	if (!strcmp(t, "array")) {
		struct tval *v = tv_new(TV_ARRAY, n);
		uint32_t cnt = ts_node_named_child_count(n);
		for (uint32_t i = 0; i < cnt; i++) {
			TSNode ch = ts_node_named_child(n, i);
			if (!strcmp(ts_node_type(ch), "comment")) continue;
			struct tval *item = value_of(c, ch, depth + 1);
			if (!item) {
				tval_free(v);
				return NULL;
			}
			array_add(v, item);
		}
		return v;
	}
	if (!strcmp(t, "inline_table")) return inline_table(c, n, depth + 1);
	struct tval *v = tv_new(TV_DATETIME, n);
	v->str = node_text(c, n);
	return v;
}

/* Walks or creates the tables named by kp->part[0..upto) below t. */
static struct tval *descend(struct tctx *c, struct tval *t, struct keypath *kp, int upto,
			    int for_header)
{
	for (int i = 0; i < upto; i++) {
		struct tval *next = tval_get(t, kp->part[i], NULL);
		if (!next) {
			next = tv_new(TV_TABLE, kp->node[i]);
			table_add(t, kp->part[i], kp->node[i], next);
		} else if (next->type == TV_ARRAY && next->of_tables && next->nitems) {
			next = next->items[next->nitems - 1];
		} else if (next->type != TV_TABLE || next->closed ||
			   (!for_header && next->header)) {
			terr(c, kp->node[i], "key '%s' is already defined", kp->part[i]);
			return NULL;
		}
		t = next;
	}
	return t;
}

/* Adds one `key = value` pair to table t. */
static int add_pair(struct tctx *c, struct tval *t, TSNode pair, int depth)
{
	uint32_t cnt = ts_node_named_child_count(pair);
	TSNode key = {0}, val = {0};
	int have_key = 0, have_val = 0;
	for (uint32_t i = 0; i < cnt; i++) {
		TSNode ch = ts_node_named_child(pair, i);
		const char *ty = ts_node_type(ch);
		if (!strcmp(ty, "comment")) continue;
		if (!have_key) { key = ch; have_key = 1; }
		else if (!have_val) { val = ch; have_val = 1; }
	}
	if (!have_key || !have_val) {
		terr(c, pair, "malformed key/value pair%s", "");
		return -1;
	}
	struct keypath kp = {0};
	if (key_collect(c, key, &kp, 0)) {
		key_release(&kp);
		return -1;
	}
	int rc = -1;
	struct tval *parent = descend(c, t, &kp, kp.n - 1, 0);
	if (parent) {
		const char *last = kp.part[kp.n - 1];
		if (tval_get(parent, last, NULL)) {
			terr(c, kp.node[kp.n - 1], "duplicate key '%s'", last);
		} else {
			struct tval *v = value_of(c, val, depth);
			if (v) {
				table_add(parent, last, kp.node[kp.n - 1], v);
				rc = 0;
			}
		}
	}
	key_release(&kp);
	return rc;
}

static struct tval *inline_table(struct tctx *c, TSNode n, int depth)
{
	struct tval *v = tv_new(TV_TABLE, n);
	uint32_t cnt = ts_node_named_child_count(n);
	for (uint32_t i = 0; i < cnt; i++) {
		TSNode ch = ts_node_named_child(n, i);
		if (strcmp(ts_node_type(ch), "pair")) continue;
		if (add_pair(c, v, ch, depth)) {
			tval_free(v);
			return NULL;
		}
	}
	v->closed = 1;
	return v;
}

/* A [table] or [[array element]] header: find or make its table, then add its pairs. */
static int add_table(struct tctx *c, struct tval *root, TSNode n, int is_array)
{
	uint32_t cnt = ts_node_named_child_count(n);
	struct keypath kp = {0};
	uint32_t i = 0;
	for (; i < cnt; i++) {
		TSNode ch = ts_node_named_child(n, i);
		const char *ty = ts_node_type(ch);
		if (!strcmp(ty, "bare_key") || !strcmp(ty, "quoted_key") || !strcmp(ty, "dotted_key")) {
			if (key_collect(c, ch, &kp, 0)) goto fail;
			i++;
			break;
		}
	}
	if (!kp.n) {
		terr(c, n, "table header without a key%s", "");
		goto fail;
	}
	struct tval *parent = descend(c, root, &kp, kp.n - 1, 1);
	if (!parent) goto fail;
	const char *last = kp.part[kp.n - 1];
	TSNode lastn = kp.node[kp.n - 1];
	struct tval *t = tval_get(parent, last, NULL);
	if (is_array) {
		if (!t) {
			t = tv_new(TV_ARRAY, lastn);
			t->of_tables = 1;
			table_add(parent, last, lastn, t);
		} else if (t->type != TV_ARRAY || !t->of_tables) {
			terr(c, lastn, "key '%s' is already defined as a non-array", last);
			goto fail;
		}
		struct tval *el = tv_new(TV_TABLE, n);
		el->header = 1;
		array_add(t, el);
		t = el;
	} else if (!t) {
		t = tv_new(TV_TABLE, n);
		t->header = 1;
		table_add(parent, last, lastn, t);
	} else if (t->type != TV_TABLE || t->closed) {
		terr(c, lastn, "key '%s' is already defined and is not a table", last);
		goto fail;
	} else if (t->header) {
		terr(c, lastn, "table '%s' is defined twice", last);
		goto fail;
	} else {
		t->header = 1;
		t->line = (int)ts_node_start_point(n).row + 1;
	}
	for (; i < cnt; i++) {
		TSNode ch = ts_node_named_child(n, i);
		if (!strcmp(ts_node_type(ch), "pair") && add_pair(c, t, ch, 0)) goto fail;
	}
	key_release(&kp);
	return 0;
fail:
	key_release(&kp);
	return -1;
}

/* The first ERROR or MISSING node in document order, without recursion. */
static TSNode first_error(TSNode root)
{
	TSNode n = root;
	for (;;) {
		if (ts_node_is_missing(n) || !strcmp(ts_node_type(n), "ERROR")) return n;
		uint32_t cnt = ts_node_child_count(n);
		TSNode next = n;
		for (uint32_t i = 0; i < cnt; i++) {
			TSNode ch = ts_node_child(n, i);
			if (ts_node_has_error(ch)) {
				next = ch;
				break;
			}
		}
		if (ts_node_eq(next, n)) return n;
		n = next;
	}
}

struct tval *toml_parse(const char *file, const char *text, size_t len, struct cl_diags *d)
{
	struct tctx c = { file, text, d, 0 };
	size_t depth = bracket_depth(text, len, 1);
	if (depth > MAX_BRACKET_DEPTH || len > UINT32_MAX) {
		if (len > UINT32_MAX) cl_diag_add(d, CL_ERROR, file, 1, 1, "%zu bytes: too long", len);
		else cl_diag_add(d, CL_ERROR, file, 1, 1, "brackets nested %zu deep (more than %d)",
				 depth, MAX_BRACKET_DEPTH);
		return NULL;
	}
	TSParser *p = ts_parser_new();
	ts_parser_set_language(p, tree_sitter_toml());
	ts_parser_set_timeout_micros(p, PARSE_TIMEOUT_US);
	TSTree *tree = ts_parser_parse_string(p, NULL, text, (uint32_t)len);
	if (!tree) {
		cl_diag_add(d, CL_ERROR, file, 1, 1, "TOML took more than %d s to parse",
			    PARSE_TIMEOUT_US / 1000000);
		ts_parser_delete(p);
		return NULL;
	}
	TSNode root = ts_tree_root_node(tree);
	struct tval *doc = NULL;
	if (ts_node_has_error(root)) {
		TSNode e = first_error(root);
		TSPoint pt = ts_node_start_point(e);
		char near[32];                         /* the start of the text that did not parse */
		size_t k = 0;
		for (uint32_t b = ts_node_start_byte(e); b < len && k < 24 && text[b] != '\n'; b++)
			near[k++] = text[b] == '\'' ? '"' : text[b];
		near[k] = 0;
		uint32_t at = ts_node_start_byte(e), line = at;
		while (line > 0 && text[line - 1] != '\n') line--;
		int after = !k && at > line;           /* at the end of a line: say what came before */
		for (uint32_t b = at - (at - line > 24 ? 24 : at - line); after && b < at; b++)
			near[k++] = text[b] == '\'' ? '"' : text[b];
		near[k] = 0;
		if (ts_node_is_missing(e))
			cl_diag_add(d, CL_ERROR, file, (int)pt.row + 1, (int)pt.column + 1,
				    "TOML syntax error: missing '%s'", ts_node_type(e));
		else if (after)
			cl_diag_add(d, CL_ERROR, file, (int)pt.row + 1, (int)pt.column + 1,
				    "TOML syntax error after '%s'", near);
		else
			cl_diag_add(d, CL_ERROR, file, (int)pt.row + 1, (int)pt.column + 1,
				    "TOML syntax error near '%s'", near);
		goto out;
	}
	doc = tv_new(TV_TABLE, root);
	uint32_t cnt = ts_node_named_child_count(root);
	for (uint32_t i = 0; i < cnt && !c.failed; i++) {
		TSNode ch = ts_node_named_child(root, i);
		const char *ty = ts_node_type(ch);
		if (!strcmp(ty, "pair")) add_pair(&c, doc, ch, 0);
		else if (!strcmp(ty, "table")) add_table(&c, doc, ch, 0);
		else if (!strcmp(ty, "table_array_element")) add_table(&c, doc, ch, 1);
	}
	if (c.failed) {
		tval_free(doc);
		doc = NULL;
	}
out:
	ts_tree_delete(tree);
	ts_parser_delete(p);
	return doc;
}
