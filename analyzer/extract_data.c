/* extract_data.c — the data side of one file's facts: what a model class declares (its
 * fields, kind, abstractness), and each read, write or reference of a model. The DATA
 * patterns (queries/data.scm) run on the expressions around the words they name, found by
 * one scan of the text, so no pass walks the whole tree. An entity held in a local name
 * (`e = M.get_by_id(1)` ... `e.put()`) gets its model from that name's bindings in its
 * function; failing those, the attributes changed on it and its name are kept for the
 * resolution after the scan (models.c), which alone knows which names are models. */
#include "extractor_p.h"

#include <ctype.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <xxhash.h>

const TSLanguage *tree_sitter_python(void);

static const TSNode null_node;

/* The grammar's field ids by name, looked up once: ts_node_child_by_field_name searches
 * the language's field names on every call (a third of what the scope walks cost). */
enum { FIELD_SLOTS = 256 };
static struct { const char *name; TSFieldId id; } field_slot[FIELD_SLOTS];
static pthread_once_t tables_once = PTHREAD_ONCE_INIT;
static void init_tables(void);

static unsigned field_hash(const char *name)
{
	size_t n = strlen(name);
	return ((unsigned char)name[0] * 31u + (unsigned char)name[n - 1] * 7u + (unsigned)n) % FIELD_SLOTS;
}

static TSFieldId field_id(const char *name)
{
	pthread_once(&tables_once, init_tables);
	unsigned h = field_hash(name);
	if (field_slot[h].name && !strcmp(field_slot[h].name, name)) return field_slot[h].id;
	return ts_language_field_id_for_name(tree_sitter_python(), name, (uint32_t)strlen(name));
}

static TSNode field(TSNode n, const char *name)
{
	if (ts_node_is_null(n)) return null_node;
	return ts_node_child_by_field_id(n, field_id(name));
}

static int is_type(TSNode n, const char *t)
{
	return !ts_node_is_null(n) && !strcmp(ts_node_type(n), t);
}

static int text_is(const struct extractor *x, TSNode n, const char *s)
{
	uint32_t len;
	const char *t = ntext(x, n, &len);
	return text_eq(t, len, s);
}

/* Appends "a.b.c" for an identifier or a chain of attributes over one (64 parts at most,
 * walked without recursion: a hostile file can nest thousands); 0 for others. */
static int attr_path(const struct extractor *x, TSNode n, struct strbuf *sb)
{
	TSNode parts[64];
	size_t np = 0;
	for (; is_type(n, "attribute"); n = field(n, "object")) {
		if (np == 63) return 0;
		parts[np++] = field(n, "attribute");
		if (ts_node_is_null(parts[np - 1])) return 0;
	}
	if (!is_type(n, "identifier")) return 0;
	parts[np++] = n;
	for (size_t i = np; i-- > 0; ) {
		uint32_t len;
		const char *t = ntext(x, parts[i], &len);
		if (i + 1 < np) sb_addc(sb, '.');
		sb_add(sb, t, len);
	}
	return 1;
}

/* attr_path's text for a chain with calls in it ("self.patchset_key.get().issue_key"), for
 * an attribute over a call: its last names (a key property's) tell the model; 0 for others. */
static pstr chain_path(struct extractor *x, struct file_facts *f, TSNode n)
{
	TSNode parts[64];
	size_t np = 0;
	int calls = 0;
	while (np < 63 && (is_type(n, "attribute") || is_type(n, "call"))) {
		if (is_type(n, "call")) calls++;
		parts[np++] = n;
		n = field(n, is_type(n, "call") ? "function" : "object");
	}
	if (!calls || !is_type(n, "identifier") || !is_type(parts[0], "attribute")) return 0;
	struct strbuf sb = {0};
	uint32_t len;
	const char *t = ntext(x, n, &len);
	sb_add(&sb, t, len);
	for (size_t i = np; i-- > 0; ) {
		if (is_type(parts[i], "call")) {
			sb_adds(&sb, "()");
			continue;
		}
		t = ntext(x, field(parts[i], "attribute"), &len);
		sb_addc(&sb, '.');
		sb_add(&sb, t, len);
	}
	pstr p = facts_add(f, sb.buf, sb.len);
	sb_release(&sb);
	return p;
}

static pstr path_of(struct extractor *x, struct file_facts *f, TSNode n)
{
	struct strbuf sb = {0};
	pstr p = attr_path(x, n, &sb) ? facts_add(f, sb.buf, sb.len) : 0;
	sb_release(&sb);
	return p;
}

/* The assignment of an expression statement, or a null node. */
static TSNode assignment_of(TSNode st)
{
	if (!is_type(st, "expression_statement")) return null_node;
	TSNode a = ts_node_named_child(st, 0);
	return is_type(a, "assignment") ? a : null_node;
}

/* --- classes ------------------------------------------------------------------------------- */
/* A string literal that a function returns (`def _get_kind(cls): return 'Kind'`). */
static pstr returned_literal(struct extractor *x, struct file_facts *f, TSNode fn)
{
	TSNode body = field(fn, "body");
	for (uint32_t i = 0, n = ts_node_named_child_count(body); i < n; i++) {
		TSNode st = ts_node_named_child(body, i);
		if (!is_type(st, "return_statement")) continue;
		pstr p = literal(x, f, ts_node_named_child(st, 0));
		if (p) return p;
	}
	return 0;
}

/* Django's `class Meta:` — db_table and abstract. */
static void meta_class(struct extractor *x, struct file_facts *f, TSNode cls, struct fact_def *d)
{
	TSNode body = field(cls, "body");
	for (uint32_t i = 0, n = ts_node_named_child_count(body); i < n; i++) {
		TSNode a = assignment_of(ts_node_named_child(body, i));
		if (ts_node_is_null(a)) continue;
		TSNode left = field(a, "left"), right = field(a, "right");
		if (!is_type(left, "identifier") || ts_node_is_null(right)) continue;
		pstr k = text_is(x, left, "db_table") ? literal(x, f, right) : 0;
		if (k) d->kindname = k;
		if (text_is(x, left, "abstract") && is_type(right, "true")) d->abstract = 1;
	}
}

/* name = ndb.KeyProperty(kind=M), KeyProperty(M), KeyProperty('name', kind='Kind'),
 * db.ReferenceProperty(M) or (reference_class=M): "name=M" (or "name='Kind'") into keys. */
static void key_property(struct extractor *x, struct file_facts *f, TSNode left, TSNode call,
			 struct strbuf *keys)
{
	TSNode fn = field(call, "function");
	if (is_type(fn, "attribute")) fn = field(fn, "attribute");
	if (!text_is(x, fn, "KeyProperty") && !text_is(x, fn, "ReferenceProperty")) return;
	TSNode args = field(call, "arguments"), target = null_node;
	for (uint32_t i = 0, n = ts_node_named_child_count(args); i < n && ts_node_is_null(target); i++) {
		TSNode a = ts_node_named_child(args, i);
		if (is_type(a, "keyword_argument")) {
			TSNode k = field(a, "name");
			if (text_is(x, k, "kind") || text_is(x, k, "reference_class")) target = field(a, "value");
		} else if (i == 0 && !is_type(a, "string")) {
			target = a;                 /* a string first is the property's own name */
		}
	}
	struct strbuf sb = {0};
	uint32_t len;
	const char *t;
	pstr kind = is_type(target, "string") ? literal(x, f, target) : 0;
	if (kind && !strpbrk(facts_str(f, kind), " ='")) {
		sb_addf(&sb, "'%s'", facts_str(f, kind));
	} else if (kind || !attr_path(x, target, &sb)) {
		sb_release(&sb);
		return;
	}
	if (keys->len) sb_addc(keys, ' ');
	t = ntext(x, left, &len);
	sb_add(keys, t, len);
	sb_addc(keys, '=');
	sb_add(keys, sb.buf, sb.len);
	sb_release(&sb);
}

/* Appends n's text to sb as one word of a property entry: spaces dropped, strings in single
 * quotes, and nothing when it holds a ':' (the entry's separator) or is over 200 bytes. */
static void prop_word(const struct extractor *x, TSNode n, struct strbuf *sb)
{
	uint32_t len;
	const char *t = ntext(x, n, &len);
	if (!t || len > 200 || memchr(t, ':', len)) return;
	for (uint32_t i = 0; i < len; i++)
		if (!isspace((unsigned char)t[i])) sb_addc(sb, t[i] == '"' ? '\'' : t[i]);
}

/* Is ctor (a property's callee) one whose first positional string names its target model
 * (Django's ForeignKey('app.Model'), SQLAlchemy's relationship('Model')) rather than the
 * property's own name (ndb's StringProperty('name'), Column('name', Integer))? */
static int string_target(const char *ctor, uint32_t len)
{
	static const char *const refs[] = { "ForeignKey", "OneToOneField", "ManyToManyField",
					     "relationship", NULL };
	for (size_t i = 0; refs[i]; i++) if (text_eq(ctor, len, refs[i])) return 1;
	return 0;
}

/* The argument that tells a property's type or target: kind=, reference_class=, to= or
 * modelclass=, else the first positional one but a name string; a call stands for its callee
 * (String(50): String). */
static TSNode prop_arg(const struct extractor *x, TSNode args, const char *ctor, uint32_t clen)
{
	TSNode first = null_node;
	for (uint32_t i = 0, n = ts_node_named_child_count(args); i < n; i++) {
		TSNode a = ts_node_named_child(args, i);
		if (is_type(a, "keyword_argument")) {
			TSNode k = field(a, "name");
			if (text_is(x, k, "kind") || text_is(x, k, "reference_class") ||
			    text_is(x, k, "to") || text_is(x, k, "modelclass")) return field(a, "value");
		} else if (ts_node_is_null(first) &&
			   (!is_type(a, "string") || string_target(ctor, clen))) {
			first = a;
		}
	}
	if (is_type(first, "call")) first = field(first, "function");
	return first;
}

/* The flags of a property's keyword arguments set to a literal: r repeated=True, q
 * required=True or nullable=False, n null=True or nullable=True, p primary_key=True. */
static void prop_flags(const struct extractor *x, TSNode args, struct strbuf *sb)
{
	for (uint32_t i = 0, n = ts_node_named_child_count(args); i < n; i++) {
		TSNode a = ts_node_named_child(args, i), k = field(a, "name"), v = field(a, "value");
		if (!is_type(a, "keyword_argument")) continue;
		int t = is_type(v, "true"), fl = is_type(v, "false");
		if (t && text_is(x, k, "repeated")) sb_addc(sb, 'r');
		else if ((t && text_is(x, k, "required")) || (fl && text_is(x, k, "nullable"))) sb_addc(sb, 'q');
		else if (t && (text_is(x, k, "null") || text_is(x, k, "nullable"))) sb_addc(sb, 'n');
		else if (t && text_is(x, k, "primary_key")) sb_addc(sb, 'p');
	}
}

/* A class-level property, column or annotation, `name = ndb.KeyProperty(kind=M,
 * repeated=True)` or `id: Mapped[int] = mapped_column(primary_key=True)`, as one entry of
 * props: "name:ctor:arg:flags:line:annotation" (ctor the callee's last name; empty parts
 * stay empty). */
static void property(struct extractor *x, TSNode a, TSNode left, TSNode right, struct strbuf *props)
{
	struct strbuf sb = {0};
	prop_word(x, left, &sb);
	sb_addc(&sb, ':');
	if (is_type(right, "call")) {
		TSNode fn = field(right, "function"), args = field(right, "arguments");
		if (is_type(fn, "attribute")) fn = field(fn, "attribute");
		uint32_t clen = 0;
		const char *ctor = is_type(fn, "identifier") ? ntext(x, fn, &clen) : NULL;
		if (ctor) sb_add(&sb, ctor, clen);
		sb_addc(&sb, ':');
		if (ctor && is_type(args, "argument_list")) {
			TSNode arg = prop_arg(x, args, ctor, clen);
			if (!ts_node_is_null(arg)) prop_word(x, arg, &sb);
			sb_addc(&sb, ':');
			prop_flags(x, args, &sb);
		} else {
			sb_addc(&sb, ':');
		}
	} else {
		sb_adds(&sb, "::");
	}
	sb_addf(&sb, ":%u:", ts_node_start_point(a).row + 1);
	TSNode type = field(a, "type");
	if (!ts_node_is_null(type)) prop_word(x, type, &sb);
	if (props->len) sb_addc(props, ' ');
	sb_add(props, sb.buf, sb.len);
	sb_release(&sb);
}

static void class_statement(struct extractor *x, struct file_facts *f, TSNode st,
			    struct fact_def *d, struct strbuf *fields, struct strbuf *keys,
			    struct strbuf *props)
{
	if (is_type(st, "decorated_definition")) st = field(st, "definition");
	TSNode name = field(st, "name");
	if (is_type(st, "function_definition") &&
	    (text_is(x, name, "_get_kind") || text_is(x, name, "kind"))) {
		pstr k = returned_literal(x, f, st);
		if (k) d->kindname = k;
		return;
	}
	if (is_type(st, "class_definition") && text_is(x, name, "Meta")) {
		meta_class(x, f, st, d);
		return;
	}
	TSNode a = assignment_of(st);
	TSNode left = field(a, "left"), right = field(a, "right");
	if (ts_node_is_null(a) || !is_type(left, "identifier")) return;
	if (text_is(x, left, "__tablename__")) {
		pstr k = literal(x, f, right);
		if (k) d->kindname = k;
	} else if (text_is(x, left, "__abstract__")) {
		d->abstract = is_type(right, "true");
	} else if (is_type(right, "call") || (ts_node_is_null(right) && !ts_node_is_null(field(a, "type")))) {
		uint32_t len;                       /* a property, a column, a Mapped[...] annotation */
		const char *t = ntext(x, left, &len);
		if (fields->len) sb_addc(fields, ' ');
		sb_add(fields, t, len);
		if (is_type(right, "call")) key_property(x, f, left, right, keys);
		property(x, a, left, right, props);
	}
}

/* self.x = f(...) or self.x = a.b in a method's own statements: "x=f()" or "x=a.b" into
 * members, once per x (a class held in an attribute: self.stats_day_cls.get_or_insert()). */
static void self_members(struct extractor *x, struct file_facts *f, TSNode fn, struct strbuf *members)
{
	if (is_type(fn, "decorated_definition")) fn = field(fn, "definition");
	if (!is_type(fn, "function_definition")) return;
	TSNode body = field(fn, "body");
	for (uint32_t i = 0, n = ts_node_named_child_count(body); i < n; i++) {
		TSNode a = assignment_of(ts_node_named_child(body, i));
		TSNode left = field(a, "left");
		if (!is_type(left, "attribute") || !text_is(x, field(left, "object"), "self")) continue;
		pstr v = data_value(x, f, field(a, "right"));
		if (!v) continue;
		uint32_t len;
		const char *t = ntext(x, field(left, "attribute"), &len);
		struct strbuf key = {0};
		sb_addc(&key, ' ');
		sb_add(&key, t, len);
		sb_addc(&key, '=');
		char *had = members->len ? strstr(members->buf, key.buf) : NULL;
		if (!had) {
			if (!members->len) sb_addc(members, ' ');
			sb_add(members, key.buf + 1, key.len - 1);
			sb_adds(members, facts_str(f, v));
			sb_addc(members, ' ');
		}
		sb_release(&key);
	}
}

/* A class-level `entity_kind = model.AuthGroup` (a dotted name, no call): a member too. */
static void class_member(struct extractor *x, struct file_facts *f, TSNode st, struct strbuf *members)
{
	TSNode a = assignment_of(st), left = field(a, "left"), right = field(a, "right");
	if (!is_type(left, "identifier") || (!is_type(right, "attribute") && !is_type(right, "identifier")))
		return;
	pstr v = data_value(x, f, right);
	uint32_t len;
	const char *t = ntext(x, left, &len);
	if (!v || !strcmp(facts_str(f, v), "None")) return;
	struct strbuf key = {0};
	sb_addf(&key, " %.*s=", (int)len, t);
	if (!members->len || !strstr(members->buf, key.buf)) {
		if (!members->len) sb_addc(members, ' ');
		sb_addf(members, "%.*s=%s ", (int)len, t, facts_str(f, v));
	}
	sb_release(&key);
}

void data_class(struct extractor *x, struct file_facts *f, TSNode cls, struct fact_def *d)
{
	TSNode body = field(cls, "body");
	struct strbuf fields = {0}, keys = {0}, members = {0}, props = {0};
	for (uint32_t i = 0, n = ts_node_named_child_count(body); i < n; i++) {
		class_statement(x, f, ts_node_named_child(body, i), d, &fields, &keys, &props);
		class_member(x, f, ts_node_named_child(body, i), &members);
		self_members(x, f, ts_node_named_child(body, i), &members);
	}
	if (fields.len) d->fields = facts_add(f, fields.buf, fields.len);
	if (keys.len) d->keys = facts_add(f, keys.buf, keys.len);
	if (members.len > 2) d->members = facts_add(f, members.buf + 1, members.len - 2);
	if (props.len) d->props = facts_add(f, props.buf, props.len);
	sb_release(&props);
	sb_release(&fields);
	sb_release(&keys);
	sb_release(&members);
}

/* One parameter as a word of a signature: "a", "a=" (a default), "a:T" (annotated), "*a",
 * "**a", "*" and "/" (separators), "()" (a Python 2 tuple parameter). */
static void parameter(struct extractor *x, TSNode p, struct strbuf *sb)
{
	const char *t = ts_node_type(p);
	TSNode name = p, type = field(p, "type");
	int dflt = !strcmp(t, "default_parameter") || !strcmp(t, "typed_default_parameter");
	if (dflt) name = field(p, "name");
	else if (!strcmp(t, "typed_parameter")) name = ts_node_named_child(p, 0);
	if (is_type(name, "list_splat_pattern") || is_type(name, "dictionary_splat_pattern")) {
		sb_adds(sb, is_type(name, "list_splat_pattern") ? "*" : "**");
		name = ts_node_named_child(name, 0);
	}
	if (!strcmp(t, "keyword_separator") || !strcmp(t, "positional_separator")) {
		sb_adds(sb, t[0] == 'k' ? "*" : "/");
		return;
	}
	if (!is_type(name, "identifier")) {
		sb_adds(sb, "()");
		return;
	}
	prop_word(x, name, sb);
	if (!ts_node_is_null(type)) {
		size_t at = sb->len;
		sb_addc(sb, ':');
		prop_word(x, type, sb);
		if (sb->len == at + 1) sb->len = at, sb->buf[at] = 0;
	}
	if (dflt) sb_addc(sb, '=');
}

pstr def_signature(struct extractor *x, struct file_facts *f, TSNode fn)
{
	TSNode params = field(fn, "parameters"), ret = field(fn, "return_type");
	struct strbuf sb = {0};
	for (uint32_t i = 0, n = ts_node_named_child_count(params); i < n; i++) {
		TSNode p = ts_node_named_child(params, i);
		if (is_type(p, "comment")) continue;
		if (sb.len) sb_addc(&sb, ' ');
		parameter(x, p, &sb);
	}
	if (!ts_node_is_null(ret)) {
		size_t at = sb.len;
		sb_adds(&sb, at ? " ->" : "->");
		prop_word(x, ret, &sb);
		if (sb.len == at + (at ? 3 : 2)) sb.len = at;
	}
	pstr p = sb.len ? facts_add(f, sb.buf, sb.len) : 0;
	sb_release(&sb);
	return p;
}

pstr data_value(struct extractor *x, struct file_facts *f, TSNode v)
{
	struct strbuf sb = {0};
	pstr p = 0;
	if (attr_path(x, v, &sb)) p = facts_add(f, sb.buf, sb.len);
	else if (is_type(v, "call") && (sb_reset(&sb), attr_path(x, field(v, "function"), &sb))) {
		sb_adds(&sb, "()");
		p = facts_add(f, sb.buf, sb.len);
	}
	sb_release(&sb);
	return p;
}

/* --- matches -> accesses ----------------------------------------------------------------- */
/* The kind after FROM in a GQL string ("SELECT * FROM Kind WHERE ..."), or 0. */
static pstr gql_kind(struct extractor *x, struct file_facts *f, TSNode s)
{
	if (is_type(s, "concatenated_string")) s = ts_node_named_child(s, 0);
	pstr lit = literal(x, f, s);
	if (!lit) return 0;
	const char *t = facts_str(f, lit);
	for (const char *p = t; *p; p++) {
		if ((p > t && ident_char(p[-1])) || strncasecmp(p, "from", 4) || ident_char(p[4])) continue;
		const char *k = p + 4;
		if (*k != ' ' && *k != '\t' && *k != '\n') continue;
		while (*k == ' ' || *k == '\t' || *k == '\n') k++;
		size_t n = 0;
		while (ident_char(k[n])) n++;
		return n ? facts_add(f, k, n) : 0;
	}
	return 0;
}

/* Is n followed by a comma (an argument with more after it)? Read from the text: asking the
 * tree for a sibling costs the depth (see struct finder in extract.c). */
static int before_comma(const struct extractor *x, TSNode n)
{
	for (const char *p = x->src + ts_node_end_byte(n); *p; p++) {
		if (*p == '#') p += strcspn(p, "\n");
		else if (*p == ',') return 1;
		else if (!strchr(" \t\r\n\\", *p)) return 0;
		if (!*p) return 0;
	}
	return 0;
}

/* ndb.Key('Parent', 1, 'Child', 2): the entity's kind is the last pair's. top holds the call. */
static TSNode last_key_pair(struct extractor *x, TSNode top, TSNode model)
{
	TSNode args, call, kind = model;
	parents_below(top, model, &args, &call);
	if (!is_type(args, "argument_list")) return model;
	TSTreeCursor c = ts_tree_cursor_new(args);
	int pos = -1;                             /* model is 0 */
	for (int more = ts_tree_cursor_goto_first_child(&c); more; more = ts_tree_cursor_goto_next_sibling(&c)) {
		TSNode s = ts_tree_cursor_current_node(&c);
		if (pos < 0 && ts_node_eq(s, model)) pos = 0;
		if (pos < 0 || !ts_node_is_named(s) || ts_node_is_extra(s) || is_type(s, "keyword_argument"))
			continue;
		if (pos++ % 2 == 0) kind = s;
	}
	ts_tree_cursor_delete(&c);
	if (pos < 4 || pos % 2) return model;
	TSNode fn = field(call, "function");
	if (is_type(fn, "attribute")) fn = field(fn, "attribute");
	return is_type(fn, "identifier") && text_is(x, fn, "Key") ? kind : model;
}

/* M in a chain through Django's manager: M.objects, M.objects.filter(...).exclude(...). */
static TSNode manager_model(struct extractor *x, TSNode n)
{
	for (int depth = 0; depth < 32 && !ts_node_is_null(n); depth++) {
		if (is_type(n, "call")) {
			n = field(n, "function");
		} else if (is_type(n, "attribute")) {
			if (text_is(x, field(n, "attribute"), "objects")) return field(n, "object");
			n = field(n, "object");
		} else {
			break;
		}
	}
	return null_node;
}

void data_on_match(struct extractor *x, struct file_facts *f, const struct caps *c)
{
	TSNode acc = c->node[R_ACCESS];
	struct fact_access a = {0};
	TSPoint p = ts_node_start_point(acc);
	a.line = p.row + 1;
	a.col = p.column;
	a.start = ts_node_start_byte(acc);
	a.end = ts_node_end_byte(acc);
	a.op = c->op;
	TSNode at;
	if (HAS(c, R_D_GQL)) {
		at = c->node[R_D_GQL];
		a.target = AT_KIND;
		if (!(a.text = gql_kind(x, f, at))) return;
	} else if (HAS(c, R_D_MODEL)) {
		at = c->node[R_D_MODEL];
		if (before_comma(x, at)) at = last_key_pair(x, acc, at);
		if (is_type(at, "string")) {
			a.target = AT_KIND;
			if (!(a.text = literal(x, f, at))) return;
			if (!strcmp(facts_str(f, a.text), "self")) a.target = AT_SELF;
		} else if (is_type(at, "call")) {        /* info_key(b).get(): what info_key returns */
			a.target = AT_CHAIN;
			if (!(a.text = path_of(x, f, field(at, "function")))) return;
		} else {
			a.target = AT_NAME;           /* x.get().issue_key.get(): the property's */
			if (!(a.text = path_of(x, f, at)) &&
			    (c->op != ACC_READ || !(a.text = chain_path(x, f, at)))) return;
		}
	} else if (HAS(c, R_D_MANAGER)) {
		at = manager_model(x, c->node[R_D_MANAGER]);
		a.target = AT_NAME;
		if (ts_node_is_null(at) || !(a.text = path_of(x, f, at))) return;
	} else if (HAS(c, R_D_INSTANCE) || HAS(c, R_D_INSTANCES)) {
		int one = HAS(c, R_D_INSTANCE);
		at = c->node[one ? R_D_INSTANCE : R_D_INSTANCES];
		a.target = one ? AT_INSTANCE : AT_INSTANCES;
	} else {
		return;
	}
	a.at = ts_node_start_byte(at);
	a.at_end = ts_node_end_byte(at);
	if (HAS(c, R_D_API) && !(a.api = path_of(x, f, c->node[R_D_API]))) return;
	if (HAS(c, R_D_METHOD)) {
		uint32_t len;
		const char *t = ntext(x, c->node[R_D_METHOD], &len);
		a.method = facts_add(f, t, len);
	}
	VEC_PUSH(f->accesses, a);
}

/* --- finding the expressions to run on ------------------------------------------------------ */
static void find_words(struct extractor *x, const char *src, size_t len)
{
	const struct wordset *ws = &x->q->data_words;
	x->words.n = 0;
	for (size_t i = 0; i < len; i++) {
		if (!ident_start(src[i]) || (i && ident_char(src[i - 1]))) continue;
		size_t j = i + 1;
		while (j < len && ident_char(src[j])) j++;
		size_t k = j;                         /* called, or after a dot */
		while (k < len && (src[k] == ' ' || src[k] == '\t')) k++;
		int shaped = (k < len && src[k] == '(') || (i && src[i - 1] == '.');
		const struct patset *ps = shaped ? wordset_get(ws, src + i, j - i) : NULL;
		if (ps) {
			struct word w = { (uint32_t)i, (uint32_t)(j - i), ps };
			VEC_PUSH(x->words, w);
		}
		i = j;
	}
}

/* Moves the cursor (only ever forward) to the outermost node at pos that holds no
 * statements: the expression or simple statement to run the patterns on. */
static int seek_unit(struct extractor *x, TSTreeCursor *c, uint32_t pos, TSNode *unit)
{
	for (;;) {                                /* right and up until a node holds pos */
		TSNode n = ts_tree_cursor_current_node(c);
		if (ts_node_end_byte(n) > pos) {
			if (ts_node_start_byte(n) > pos) return 0;
			break;
		}
		if (ts_tree_cursor_goto_next_sibling(c)) continue;
		if (!ts_tree_cursor_goto_parent(c)) return 0;
	}
	for (;;) {                                /* down through the statement structure */
		TSNode n = ts_tree_cursor_current_node(c);
		if (!container_kind(x, n)) {
			*unit = n;
			return 1;
		}
		if (ts_tree_cursor_goto_first_child_for_byte(c, pos) < 0) return 0;
		TSNode ch = ts_tree_cursor_current_node(c);    /* 0.20 can give one ending at pos */
		if (ts_node_start_byte(ch) > pos || ts_node_end_byte(ch) <= pos) return 0;
	}
}

/* Can the text [from, to) hold a match of fm? Not when it holds no string of one of fm's
 * needs: each pattern's run, even on a small unit, walks all of it. */
static int may_match(const struct extractor *x, const struct qfam *fm, uint32_t from, uint32_t to)
{
	for (size_t i = 0; i < fm->needs.n; i++) {
		const struct need *nd = &fm->needs.v[i];
		size_t k = 0;
		while (k < nd->nstrs && !memmem(x->src + from, to - from, nd->strs[k], strlen(nd->strs[k]))) k++;
		if (k == nd->nstrs) return 0;
	}
	return 1;
}

/* Runs on unit each pattern named by a word in it, from word *i on (which it advances). */
/* Where pattern k runs for one word: the node its depth above the word (clamped at the
 * unit), which holds every match that word is in. */
struct cand { size_t k; uint32_t start, end; TSNode node; };

static int cmp_cand(const void *pa, const void *pb)
{
	const struct cand *a = pa, *b = pb;
	if (a->k != b->k) return a->k < b->k ? -1 : 1;
	if (a->start != b->start) return a->start < b->start ? -1 : 1;
	return (a->end < b->end) - (a->end > b->end);          /* the larger first */
}

/* The nodes from unit down to the word at w (unit first) in x->path, with c at the last;
 * *top: the topmost of them that spans the word alone. 0 when the word is no identifier
 * there (it is in a string or a comment). The words come in order, so the path of one
 * starts from the last one's: walking down from the unit for each word of a chain
 * thousands of calls deep would be quadratic. */
static int word_path(struct extractor *x, TSTreeCursor *c, TSNode unit, const struct word *w,
		     size_t *top)
{
	if (!x->path.n) {
		ts_tree_cursor_reset(c, unit);
		VEC_PUSH(x->path, unit);
	}
	while (x->path.n > 1 && ts_node_end_byte(x->path.v[x->path.n - 1]) <= w->at) {
		ts_tree_cursor_goto_parent(c);
		x->path.n--;
	}
	while (ts_tree_cursor_goto_first_child_for_byte(c, w->at) >= 0) {
		TSNode n = ts_tree_cursor_current_node(c);
		while (ts_node_end_byte(n) <= w->at && ts_tree_cursor_goto_next_sibling(c))
			n = ts_tree_cursor_current_node(c);   /* 0.20 stops at a child ending there */
		if (ts_node_start_byte(n) > w->at || ts_node_end_byte(n) <= w->at) {
			ts_tree_cursor_goto_parent(c);
			break;
		}
		VEC_PUSH(x->path, n);
	}
	TSNode leaf = x->path.v[x->path.n - 1];
	if (!is_type(leaf, "identifier") || ts_node_start_byte(leaf) != w->at) return 0;
	for (*top = x->path.n - 1; *top > 0; --*top) {
		TSNode up = x->path.v[*top - 1];
		if (ts_node_start_byte(up) != w->at || ts_node_end_byte(up) != w->at + w->len) break;
	}
	return 1;
}

/* Runs the DATA patterns of the words in unit (from word *i on), each pattern on the
 * nodes its words start it at, the outermost of nested ones only: a match is found once,
 * and a statement of thousands of bytes is not walked once per pattern in it. */
static void run_unit(struct extractor *x, struct file_facts *f, TSNode unit, size_t *i)
{
	uint32_t end = ts_node_end_byte(unit);
	TSTreeCursor c = ts_tree_cursor_new(unit);
	x->cands.n = 0;
	x->path.n = 0;
	for (; *i < x->words.n && x->words.v[*i].at < end; ++*i) {
		const struct word *w = &x->words.v[*i];
		size_t top;
		if (!word_path(x, &c, unit, w, &top)) continue;
		for (size_t k = 0; k < x->q->ndata; k++) {
			if (!(w->pats->bits[k / 64] >> (k % 64) & 1)) continue;
			int depth = x->q->data[k].depth;
			size_t up = depth < 0 || (size_t)depth > top ? 0 : top - (size_t)depth;
			TSNode n = x->path.v[up];
			struct cand cd = { k, ts_node_start_byte(n), ts_node_end_byte(n), n };
			VEC_PUSH(x->cands, cd);
		}
	}
	ts_tree_cursor_delete(&c);
	sort_array(x->cands.v, x->cands.n, sizeof(struct cand), cmp_cand);
	for (size_t j = 0, last = SIZE_MAX; j < x->cands.n; j++) {
		const struct cand *cd = &x->cands.v[j];
		if (last != SIZE_MAX && x->cands.v[last].k == cd->k && cd->start < x->cands.v[last].end)
			continue;                     /* inside the one before, which runs */
		last = j;
		const struct qfam *fm = queries_data(x->q, cd->k);
		if (fm && may_match(x, fm, cd->start, cd->end)) run_range(x, f, fm, cd->node, cd->start, cd->end);
	}
}

void data_scan(struct extractor *x, struct file_facts *f, TSNode root, const char *src, size_t len)
{
	if (!x->q->data_words.n || x->no_data) return;
	find_words(x, src, len);
	TSTreeCursor c = ts_tree_cursor_new(root);
	for (size_t i = 0; i < x->words.n; ) {
		TSNode unit;
		if (!seek_unit(x, &c, x->words.v[i].at, &unit)) {
			i++;
			continue;
		}
		size_t before = i;
		run_unit(x, f, unit, &i);
		if (i == before) i++;                  /* a unit that ends before its word: never again */
	}
	ts_tree_cursor_delete(&c);
}

/* --- entities: what model a local name holds ------------------------------------------------- */
enum bind_kind { B_VALUE, B_ELEMENT, B_ELEMENTS, B_ELEMENT_OF, B_OPAQUE };
struct bind { TSNode value; uint32_t at; uint8_t kind; };
/* What a scope does with each of its names: bindings, and attributes changed (" a b "). A
 * scope is walked once for all its names (walking it per name looked up was quadratic: 8,000
 * entities at module level took 7 minutes), on first use, and kept until the file ends. */
enum { MAX_LIST_BINDS = 64 };            /* bindings of one list name that count */
struct name_flow { VEC(struct bind) binds; struct strbuf attrs; };
struct scope_index { struct smap names; VEC(struct name_flow) v; struct strbuf key; };
struct guess { uint8_t target, caller; pstr text; };

/* Where name (len bytes) is in si's entries, or NULL; si->key holds the name after. */
static int64_t *name_at(struct scope_index *si, const char *name, uint32_t len)
{
	sb_reset(&si->key);
	sb_add(&si->key, name, len);
	return smap_get(&si->names, si->key.buf);
}

static struct name_flow *entry(struct extractor *x, struct scope_index *si, TSNode id)
{
	uint32_t len;
	const char *t = ntext(x, id, &len);
	int64_t *at = name_at(si, t, len);
	if (at) return &si->v.v[*at];
	smap_put(&si->names, si->key.buf, (int64_t)si->v.n);
	struct name_flow e = {{0}, {0}};
	sb_addc(&e.attrs, ' ');
	VEC_PUSH(si->v, e);
	return &si->v.v[si->v.n - 1];
}

static void bind(struct name_flow *e, TSNode value, TSNode where, int kind)
{
	struct bind b = { value, ts_node_start_byte(where), (uint8_t)kind };
	VEC_PUSH(e->binds, b);
}

/* What the scope walk does at a node, by symbol (from the grammar's names, once): most
 * nodes are tokens, names and literals, which hold no binding and are not entered. */
enum flow_kind { FK_ENTER, FK_LEAF, FK_IDENTIFIER, FK_STRING, FK_NESTED, FK_FUNCTION,
		 FK_PARAMETERS, FK_ASSIGN, FK_NAMED, FK_AUGMENTED, FK_FOR, FK_ATTRIBUTE,
		 FK_CALL, FK_PATTERN };
static uint8_t *flow_kinds;
static uint32_t flow_nsymbols;

static void init_tables(void)
{
	static const struct { const char *name; uint8_t kind; } named[] = {
		{ "identifier", FK_IDENTIFIER }, { "comment", FK_LEAF }, { "integer", FK_LEAF },
		{ "float", FK_LEAF }, { "true", FK_LEAF }, { "false", FK_LEAF }, { "none", FK_LEAF },
		{ "string", FK_STRING }, { "class_definition", FK_NESTED }, { "lambda", FK_NESTED },
		{ "function_definition", FK_FUNCTION }, { "parameters", FK_PARAMETERS },
		{ "assignment", FK_ASSIGN }, { "named_expression", FK_NAMED },
		{ "augmented_assignment", FK_AUGMENTED }, { "for_statement", FK_FOR },
		{ "for_in_clause", FK_FOR }, { "attribute", FK_ATTRIBUTE }, { "call", FK_CALL },
		{ "pattern_list", FK_PATTERN }, { "tuple_pattern", FK_PATTERN },
	};
	const TSLanguage *lang = tree_sitter_python();
	flow_nsymbols = ts_language_symbol_count(lang);
	flow_kinds = xcalloc(flow_nsymbols, 1);
	for (uint32_t sym = 0; sym < flow_nsymbols; sym++) {
		const char *name = ts_language_symbol_name(lang, (TSSymbol)sym);
		if (ts_language_symbol_type(lang, (TSSymbol)sym) == TSSymbolTypeAnonymous)
			flow_kinds[sym] = FK_LEAF;
		for (size_t i = 0; name && i < sizeof(named) / sizeof(named[0]); i++)
			if (ts_language_symbol_type(lang, (TSSymbol)sym) == TSSymbolTypeRegular &&
			    !strcmp(name, named[i].name)) flow_kinds[sym] = named[i].kind;
	}
	for (uint32_t id = 1, n = ts_language_field_count(lang); id <= n; id++) {
		const char *name = ts_language_field_name_for_id(lang, (TSFieldId)id);
		unsigned h = name ? field_hash(name) : 0;
		if (name && !field_slot[h].name) field_slot[h].name = name, field_slot[h].id = (TSFieldId)id;
	}
}

static int flow_kind(TSNode n)
{
	TSSymbol sym = ts_node_symbol(n);
	return sym < flow_nsymbols ? flow_kinds[sym] : FK_ENTER;
}

/* A node of the walk with its kind: the walk keeps its ancestors so. */
struct walked { TSNode node; int kind; };

/* Is child the first child of parent (an attribute's object, a call's function, an
 * assignment's left side)? Compared by where they start, without a field lookup. */
static int first_child(TSNode child, const struct walked *parent)
{
	return ts_node_start_byte(child) == ts_node_start_byte(parent->node);
}

/* Does up (the parent of attr, an attribute of a name; upup its parent) change that
 * attribute? name.a = v, name.a += v, name.a.append(v): only changed attributes tell an
 * entity's model, a read (form.user) is too weak a sign. */
static int mutates(const struct walked *up, TSNode attr, const struct walked *upup)
{
	if (up->kind == FK_ASSIGN || up->kind == FK_AUGMENTED) return first_child(attr, up);
	if (up->kind == FK_PATTERN) return 1;
	return up->kind == FK_ATTRIBUTE && first_child(attr, up) && upup->kind == FK_CALL &&
	       first_child(up->node, upup);
}

/* name.append(e), name.extend(es): up is the call around the attribute. */
static void added(struct name_flow *e, TSNode n, TSNode up, const char *s, uint32_t len)
{
	TSNode args = field(up, "arguments");
	TSNode last = ts_node_named_child(args, ts_node_named_child_count(args) - 1);
	if (ts_node_is_null(last) || is_type(last, "keyword_argument")) return;
	if (text_eq(s, len, "append") || text_eq(s, len, "add") || text_eq(s, len, "insert"))
		bind(e, last, n, B_ELEMENT);
	else if (text_eq(s, len, "extend"))
		bind(e, last, n, B_ELEMENTS);
}

/* q.fetch_page(n) (and _async): a tuple whose first item is the page's entities. */
static int fetch_page(struct extractor *x, TSNode e)
{
	TSNode fn = field(e, "function");
	return is_type(e, "call") && is_type(fn, "attribute") &&
	       (text_is(x, field(fn, "attribute"), "fetch_page") ||
		text_is(x, field(fn, "attribute"), "fetch_page_async"));
}

/* list(xs), sorted(xs), tuple(xs), set(xs): xs, whose elements they keep; else e itself. */
static TSNode unwrap_copy(struct extractor *x, TSNode e)
{
	static const char *const copies[] = { "list", "sorted", "tuple", "set", "reversed", NULL };
	TSNode fn = field(e, "function"), args = field(e, "arguments");
	if (!is_type(e, "call") || !is_type(fn, "identifier") || !is_type(args, "argument_list") ||
	    ts_node_named_child_count(args) != 1) return e;
	for (size_t i = 0; copies[i]; i++)
		if (text_is(x, fn, copies[i])) {
			TSNode a = ts_node_named_child(args, 0);
			return is_type(a, "keyword_argument") ? e : a;
		}
	return e;
}

/* The function's parameters: names bound by the caller (their model is not known here). */
static void parameters(struct extractor *x, struct scope_index *si, TSNode params)
{
	for (uint32_t i = 0, n = ts_node_named_child_count(params); i < n; i++) {
		TSNode p = ts_node_named_child(params, i), id = p;
		if (!is_type(id, "identifier")) id = field(p, "name");
		if (!is_type(id, "identifier")) id = ts_node_named_child(p, 0);
		if (is_type(id, "identifier")) bind(entry(x, si, id), null_node, p, B_OPAQUE);
	}
}

/* name.attr (n), seen by the walk at name (obj): an attribute changed on name, or an
 * element added to it. Most attributes are reads (self.x, models.CharField): no entry. */
static void attribute(struct extractor *x, struct scope_index *si, TSNode obj,
		      const struct walked *n, const struct walked *up, const struct walked *upup)
{
	int mut = mutates(up, n->node, upup), call = up->kind == FK_CALL;
	if (!mut && !call) return;
	uint32_t len;
	const char *s = ntext(x, field(n->node, "attribute"), &len);
	if (!mut && !text_eq(s, len, "append") && !text_eq(s, len, "add") &&
	    !text_eq(s, len, "insert") && !text_eq(s, len, "extend")) return;
	struct name_flow *e = entry(x, si, obj);
	if (mut) {
		sb_add(&e->attrs, s, len);
		sb_addc(&e->attrs, ' ');
	}
	if (call) added(e, n->node, up->node, s, len);
}

/* One node of the scope's walk (up: its parent, up[-1] and up[-2] the ones above): a
 * binding of a name, or an attribute it changes. */
static void visit(struct extractor *x, struct scope_index *si, TSNode n, int kind,
		  const struct walked *up)
{
	if (kind == FK_PARAMETERS && up->kind == FK_FUNCTION) {
		parameters(x, si, n);
	} else if (kind == FK_ASSIGN || kind == FK_NAMED) {
		TSNode left = field(n, kind == FK_ASSIGN ? "left" : "name");
		TSNode right = field(n, "value");
		if (ts_node_is_null(right)) right = field(n, "right");
		if (is_type(left, "identifier")) bind(entry(x, si, left), right, n, B_VALUE);
		else if (is_type(left, "subscript") && is_type(field(left, "value"), "identifier"))
			bind(entry(x, si, field(left, "value")), right, n, B_ELEMENT);   /* d[k] = e */
		else if (is_type(left, "pattern_list") || is_type(left, "tuple_pattern"))
			for (uint32_t i = 0, k = ts_node_named_child_count(left); i < k; i++) {
				TSNode c = ts_node_named_child(left, i);
				int page = i == 0 && fetch_page(x, right);   /* items, cursor, more = */
				if (is_type(c, "identifier"))
					bind(entry(x, si, c), page ? right : null_node, n, page ? B_VALUE : B_OPAQUE);
			}
	} else if (kind == FK_AUGMENTED) {
		TSNode left = field(n, "left");
		if (is_type(left, "identifier")) bind(entry(x, si, left), field(n, "right"), n, B_ELEMENTS);
	} else if (kind == FK_FOR) {
		TSNode left = field(n, "left");
		if (is_type(left, "identifier")) bind(entry(x, si, left), field(n, "right"), n, B_ELEMENT_OF);
	} else if (kind == FK_IDENTIFIER && up[0].kind == FK_ATTRIBUTE && first_child(n, &up[0])) {
		attribute(x, si, n, &up[0], &up[-1], &up[-2]);
	}
}

/* Is the walk to enter n? Not nested functions, classes or lambdas (their own names), nor
 * tokens, names and literals, nor strings but f-strings (f"{(e := M())}"). */
static int enters(const struct extractor *x, TSNode n, int kind)
{
	if (kind == FK_STRING) {
		for (uint32_t i = ts_node_start_byte(n); ident_start(x->src[i]); i++)
			if (x->src[i] == 'f' || x->src[i] == 'F') return 1;
		return 0;
	}
	return kind != FK_LEAF && kind != FK_IDENTIFIER && kind != FK_NESTED && kind != FK_FUNCTION;
}

/* Walks scope's subtree, keeping the ancestors on a stack: ts_node_parent would start at
 * the root each time. */
static void walk_scope(struct extractor *x, struct scope_index *si, TSNode scope)
{
	pthread_once(&tables_once, init_tables);
	VEC(struct walked) up = {0};
	struct walked top[3] = { { null_node, FK_ENTER }, { null_node, FK_ENTER },
				 { scope, flow_kind(scope) } };
	for (int i = 0; i < 3; i++) VEC_PUSH(up, top[i]);
	TSTreeCursor c = ts_tree_cursor_new(scope);
	for (int descend = ts_tree_cursor_goto_first_child(&c); descend; ) {
		TSNode n = ts_tree_cursor_current_node(&c);
		int kind = flow_kind(n);
		visit(x, si, n, kind, &up.v[up.n - 1]);
		if (enters(x, n, kind) && ts_tree_cursor_goto_first_child(&c)) {
			struct walked w = { n, kind };
			VEC_PUSH(up, w);
			continue;
		}
		while (!ts_tree_cursor_goto_next_sibling(&c)) {
			if (!ts_tree_cursor_goto_parent(&c) || ts_node_eq(ts_tree_cursor_current_node(&c), scope)) {
				descend = 0;
				break;
			}
			up.n--;
		}
	}
	ts_tree_cursor_delete(&c);
	VEC_FREE(up);
}

static struct scope_index *scope_index(struct extractor *x, TSNode scope)
{
	char key[17];                             /* start and end, in hex: snprintf cost more */
	uint64_t v = (uint64_t)ts_node_start_byte(scope) << 32 | ts_node_end_byte(scope);
	for (int i = 15; i >= 0; i--, v >>= 4) key[i] = "0123456789abcdef"[v & 15];
	key[16] = 0;
	int64_t *at = smap_get(&x->scopes, key);
	if (at) return x->scope_v.v[*at];
	struct scope_index *si = xcalloc(1, sizeof(*si));
	walk_scope(x, si, scope);
	smap_put(&x->scopes, key, (int64_t)x->scope_v.n);
	VEC_PUSH(x->scope_v, si);
	return si;
}

void data_scopes_release(struct extractor *x)
{
	for (size_t i = 0; i < x->scope_v.n; i++) {
		struct scope_index *si = x->scope_v.v[i];
		for (size_t k = 0; k < si->v.n; k++) {
			VEC_FREE(si->v.v[k].binds);
			sb_release(&si->v.v[k].attrs);
		}
		VEC_FREE(si->v);
		smap_release(&si->names);
		sb_release(&si->key);
		free(si);
	}
	x->scope_v.n = 0;
	smap_release(&x->scopes);
	VEC_FREE(x->calls);
	x->calls_built = 0;
}

/* What scope does with name (len bytes): its entry in the scope's index, which owns it. */
static const struct name_flow *flow_of(struct extractor *x, TSNode scope, const char *name,
				       uint32_t len)
{
	static const struct name_flow none;
	struct scope_index *si = scope_index(x, scope);
	int64_t *at = name_at(si, name, len);
	return at ? &si->v.v[*at] : &none;
}

static int eval_expr(struct extractor *x, struct file_facts *f, TSNode scope, TSNode e,
		     uint32_t pos, int depth, struct guess *g);
static TSNode scope_at(const struct file_facts *f, TSNode root, uint32_t pos, uint32_t below,
		       int *def);

/* The scope a name of scope (len bytes) is bound in: scope when it binds the name anywhere
 * (then the name is its local, as in Python), else the nearest function around it that does
 * (a closure's free name: `root_key = ...; def fetch(): root_key.get()`); scope itself when
 * no function does (a module-level name: the resolution's). */
static TSNode binding_scope(struct extractor *x, const struct file_facts *f, TSNode scope,
			    const char *t, uint32_t len)
{
	TSNode s = scope;
	for (int hop = 0; hop < 8; hop++) {
		if (flow_of(x, s, t, len)->binds.n) return s;
		int def;
		TSNode up = scope_at(f, ts_tree_root_node(s.tree), ts_node_start_byte(s),
				     ts_node_start_byte(s), &def);
		if (def < 0 || ts_node_eq(up, s)) break;
		s = up;
	}
	return scope;
}

/* The binding of the name in force at pos: the last before it, else the first after
 * (a loop), 0 when there is none. */
static const struct bind *binding_at(const struct name_flow *fl, uint32_t pos)
{
	const struct bind *best = NULL;
	for (size_t i = 0; i < fl->binds.n; i++) {
		const struct bind *b = &fl->binds.v[i];
		if (b->kind == B_ELEMENT || b->kind == B_ELEMENTS) continue;
		if (b->at < pos && (!best || best->at > pos || b->at > best->at)) best = b;
		else if (b->at >= pos && !best) best = b;
	}
	return best;
}

/* --- parameters: what the calls of their function in the file pass ------------------------- */
/* Every `name(` of the file (the name's offset and length), found by one scan of the text
 * on the first parameter looked up. */
static void index_calls(struct extractor *x, TSNode root)
{
	if (x->calls_built) return;
	x->calls_built = 1;
	const char *src = x->src;
	size_t len = ts_node_end_byte(root);
	for (size_t i = 0; i < len; i++) {
		if (!ident_start(src[i]) || (i && ident_char(src[i - 1]))) continue;
		size_t j = i + 1;
		while (j < len && ident_char(src[j])) j++;
		size_t k = j;
		while (k < len && (src[k] == ' ' || src[k] == '\t')) k++;
		if (k < len && src[k] == '(') {
			struct word w = { (uint32_t)i, (uint32_t)(j - i), NULL };
			VEC_PUSH(x->calls, w);
		}
		i = j;
	}
}

/* A parameter: the function whose parameter a binding is, the parameter's position, and for
 * a method its class's extent (calls of it are self.m(...) and cls.m(...) there, which
 * pass self, unless it is a staticmethod). */
struct param { TSNode fn; int index, method, static_method; uint32_t cls_start, cls_end; };

static int param_of(struct extractor *x, const struct file_facts *f, TSNode scope,
		    const struct bind *b, const char *t, uint32_t len, struct param *pm)
{
	TSNode fn = is_type(scope, "decorated_definition") ? field(scope, "definition") : scope;
	TSNode params = field(fn, "parameters");
	if (!b || b->kind != B_OPAQUE || !is_type(fn, "function_definition") ||
	    b->at < ts_node_start_byte(params) || b->at >= ts_node_end_byte(params)) return 0;
	pm->fn = fn;
	pm->index = -1;
	for (uint32_t i = 0, n = ts_node_named_child_count(params); i < n && pm->index < 0; i++) {
		TSNode p = ts_node_named_child(params, i), id = p;
		if (!is_type(id, "identifier")) id = field(p, "name");
		if (is_type(p, "list_splat_pattern") || is_type(p, "dictionary_splat_pattern")) return 0;
		if (is_type(id, "identifier")) {
			uint32_t il;
			const char *it = ntext(x, id, &il);
			if (il == len && !memcmp(it, t, len)) pm->index = (int)i;
		}
	}
	pm->method = pm->static_method = 0;
	for (size_t i = f->defs.n; i-- > 0; ) {     /* a method: its class's extent */
		const struct fact_def *d = &f->defs.v[i];
		if (d->start > ts_node_start_byte(fn) || d->end < ts_node_end_byte(fn)) continue;
		if (d->kind == DEF_CLASS) {
			pm->method = 1;
			pm->cls_start = d->start;
			pm->cls_end = d->end;
			break;
		}
		if ((d->kind == DEF_FUNCTION || d->kind == DEF_METHOD) && d->start < ts_node_start_byte(fn))
			break;                      /* a function inside a function */
	}
	if (pm->method && is_type(scope, "decorated_definition")) {
		uint32_t dl;
		const char *dt = ntext(x, scope, &dl);
		TSNode def = field(scope, "definition");
		uint32_t head = ts_node_start_byte(def) - ts_node_start_byte(scope);
		pm->static_method = memmem(dt, head < dl ? head : dl, "staticmethod", 12) != NULL;
	}
	return pm->index >= 0 && !(pm->method && !pm->static_method && pm->index == 0);
}

/* The argument a call passes for the parameter (named t), or a null node. */
static TSNode argument_for(struct extractor *x, TSNode call, int index, const char *t, uint32_t len)
{
	TSNode args = field(call, "arguments");
	if (!is_type(args, "argument_list")) return null_node;
	int k = 0;
	for (uint32_t i = 0, n = ts_node_named_child_count(args); i < n; i++) {
		TSNode a = ts_node_named_child(args, i);
		if (is_type(a, "keyword_argument")) {
			uint32_t nl;
			const char *nt = ntext(x, field(a, "name"), &nl);
			if (nl == len && !memcmp(nt, t, len)) return field(a, "value");
		} else if (is_type(a, "list_splat") || is_type(a, "dictionary_splat")) {
			return null_node;
		} else if (k++ == index) {
			return a;
		}
	}
	return null_node;
}

/* The next call of pm's function from call word *i on (fn(...); a method's self.m(...) or
 * cls.m(...) in its class): the argument it passes for the parameter, and where. */
static int next_call(struct extractor *x, TSNode root, const struct param *pm, size_t *i,
		     const char *t, uint32_t len, TSNode *arg, uint32_t *at)
{
	uint32_t nl;
	const char *name = ntext(x, field(pm->fn, "name"), &nl);
	for (; *i < x->calls.n; ++*i) {
		const struct word *w = &x->calls.v[*i];
		if (w->len != nl || memcmp(x->src + w->at, name, nl)) continue;
		TSNode id = ts_node_descendant_for_byte_range(root, w->at, w->at + w->len);
		if (!is_type(id, "identifier")) continue;
		TSNode up = ts_node_parent(id), call = up;
		int shift = 0;
		if (pm->method) {
			if (w->at < pm->cls_start || w->at >= pm->cls_end || !is_type(up, "attribute") ||
			    !ts_node_eq(field(up, "attribute"), id) ||
			    (!text_is(x, field(up, "object"), "self") && !text_is(x, field(up, "object"), "cls")))
				continue;
			call = ts_node_parent(up);
			shift = !pm->static_method;
		} else if (!is_type(up, "call")) {
			continue;
		}
		if (!is_type(call, "call") || !ts_node_eq(field(call, "function"), pm->method ? up : id)) continue;
		*arg = argument_for(x, call, pm->index - shift, t, len);
		*at = w->at;
		++*i;
		if (!ts_node_is_null(*arg)) return 1;
	}
	return 0;
}

/* The model of the entity that name holds at pos. */
static int eval_name(struct extractor *x, struct file_facts *f, TSNode scope, TSNode name,
		     uint32_t pos, int depth, struct guess *g)
{
	uint32_t len;
	const char *t = ntext(x, name, &len);
	if (depth <= 4) scope = binding_scope(x, f, scope, t, len);
	const struct bind *b = depth > 4 ? NULL : binding_at(flow_of(x, scope, t, len), pos);
	if ((text_eq(t, len, "self") || text_eq(t, len, "cls")) &&
	    (!b || (b->kind != B_VALUE && b->kind != B_ELEMENT_OF))) {
		g->target = AT_SELF;              /* not `for cls in [A, B]`: the class's own */
		return 1;
	}
	if (depth > 4) return 0;
	if (b && (b->kind == B_VALUE || b->kind == B_ELEMENT_OF) &&
	    eval_expr(x, f, scope, b->value, b->at, depth + 1, g))
		return 1;
	struct param pm;
	if (!x->no_callers && param_of(x, f, scope, b, t, len, &pm)) {   /* what the file's calls pass */
		TSNode root = ts_tree_root_node(scope.tree), arg;
		uint32_t at;
		index_calls(x, root);
		for (size_t i = 0; x->eval_budget && next_call(x, root, &pm, &i, t, len, &arg, &at); ) {
			int def;
			if (eval_expr(x, f, scope_at(f, root, at, UINT32_MAX, &def), arg, at, depth + 1, g)) {
				g->caller = 1;
				return 1;
			}
		}
	}
	/* the binding in force tells nothing (msg = draft): another branch's may
	 * (msg = models.Message(...) in the if) */
	const struct name_flow *fl = flow_of(x, scope, t, len);
	for (size_t i = 0; i < fl->binds.n && i < MAX_LIST_BINDS; i++) {
		const struct bind *o = &fl->binds.v[i];
		if (o != b && o->kind == B_VALUE && eval_expr(x, f, scope, o->value, o->at, depth + 1, g))
			return 1;
	}
	return 0;
}

/* ndb.get_multi(keys), get_multi_async(keys): the entities of the keys, of their models. */
static int get_multi(struct extractor *x, TSNode call)
{
	TSNode fn = field(call, "function");
	if (is_type(fn, "attribute")) fn = field(fn, "attribute");
	return is_type(fn, "identifier") && (text_is(x, fn, "get_multi") || text_is(x, fn, "get_multi_async"));
}

/* k.parent(), entity.parent() (ndb's key, db's entity): the parent's key or entity, of a
 * model the child's does not tell. */
static int parent_call(struct extractor *x, TSNode call)
{
	TSNode fn = field(call, "function");
	return is_type(fn, "attribute") && text_is(x, field(fn, "attribute"), "parent") &&
	       ts_node_named_child_count(field(call, "arguments")) == 0;
}

/* The model of the entity (or of the entities, for a query or a list) e gives:
 * M(...), M.get_by_id(...), M.query(...).get(), ndb.Key(M, ...).get(), name. */
enum { EVAL_STEPS = 4096 };             /* per entity, key or list looked into */

static int eval_expr(struct extractor *x, struct file_facts *f, TSNode scope, TSNode e,
		     uint32_t pos, int depth, struct guess *g)
{
	if (!x->eval_budget) return 0;
	x->eval_budget--;
	while (is_type(e, "parenthesized_expression") || is_type(e, "await") || is_type(e, "yield"))
		e = ts_node_named_child(e, 0);
	if (depth > 8) return 0;
	if (is_type(e, "identifier")) return eval_name(x, f, scope, e, pos, depth, g);
	if (is_type(e, "boolean_operator"))             /* M.get_by_id(k) or M(id=k) */
		return eval_expr(x, f, scope, field(e, "left"), pos, depth + 1, g) ||
		       eval_expr(x, f, scope, field(e, "right"), pos, depth + 1, g);
	if (is_type(e, "conditional_expression"))       /* a if c else b */
		return eval_expr(x, f, scope, ts_node_named_child(e, 0), pos, depth + 1, g) ||
		       eval_expr(x, f, scope, ts_node_named_child(e, 2), pos, depth + 1, g);
	if (is_type(e, "attribute") && text_is(x, field(e, "attribute"), "key"))
		return eval_expr(x, f, scope, field(e, "object"), pos, depth + 1, g);   /* e.key */
	TSNode call = null_node;                  /* the innermost call of the chain */
	for (TSNode n = e; !ts_node_is_null(n); ) {
		if (is_type(n, "call")) {
			if (parent_call(x, n)) return 0;    /* k.parent(): another model's key */
			call = n;
			n = field(n, "function");
		} else if (is_type(n, "attribute")) {
			n = field(n, "object");
		} else if (is_type(n, "subscript")) {
			n = field(n, "value");
		} else {
			break;
		}
	}
	if (ts_node_is_null(call) || get_multi(x, call)) return 0;   /* entities of its keys */
	TSNode callee = field(call, "function");
	struct strbuf sb = {0};
	int ok = attr_path(x, callee, &sb);
	if (ok && (sb.len == 3 || (sb.len > 3 && sb.buf[sb.len - 4] == '.')) &&
	    !strcmp(sb.buf + sb.len - 3, "Key")) {        /* ndb.Key(M or 'Kind', ...) */
		TSNode m = ts_node_named_child(field(call, "arguments"), 0);
		if (!ts_node_is_null(m) && before_comma(x, m)) m = last_key_pair(x, call, m);
		sb_reset(&sb);
		if (is_type(m, "string") && (g->text = literal(x, f, m))) g->target = AT_KIND;
		else if (attr_path(x, m, &sb)) g->target = AT_NAME, g->text = facts_add(f, sb.buf, sb.len);
		else ok = 0;
	} else if (ok && (!strcmp(sb.buf, "cls") || !strncmp(sb.buf, "cls.", 4))) {
		g->target = AT_SELF;                  /* cls(...), cls.get_or_insert(...), cls.New() */
	} else if (ok && !strncmp(sb.buf, "self.", 5)) {
		g->target = AT_CHAIN;                 /* self.fetch_base(): what the method returns */
		g->text = facts_add(f, sb.buf, sb.len);
	} else if (ok) {
		TSNode root = callee;                 /* a local name's method: q.get(), key.get() */
		while (is_type(root, "attribute")) root = field(root, "object");
		if (root.id == callee.id || !eval_name(x, f, scope, root, pos, depth, g)) {
			g->target = AT_CHAIN;           /* resolution tells M from M.method */
			g->text = facts_add(f, sb.buf, sb.len);
		}
	}
	sb_release(&sb);
	return ok;
}

/* The innermost function (or the module) around pos, and the one around that. */
static TSNode scope_at(const struct file_facts *f, TSNode root, uint32_t pos, uint32_t below,
		       int *def)
{
	for (size_t i = f->defs.n; i-- > 0; ) {
		const struct fact_def *d = &f->defs.v[i];
		if (d->start > pos || d->end <= pos || d->start >= below) continue;
		if (d->kind != DEF_FUNCTION && d->kind != DEF_METHOD) continue;
		*def = (int)i;
		return ts_node_descendant_for_byte_range(root, d->start, d->end);
	}
	*def = -1;
	return root;
}

static void add_guessed(struct file_facts *f, const struct fact_access *a, const struct guess *g)
{
	struct fact_access b = *a;
	b.target = g->target;
	b.text = g->text;
	b.caller |= g->caller;
	VEC_PUSH(f->accesses, b);
}

/* The attributes the scope changes on name, as "a b" (matched against the models' fields
 * after the scan), for when its bindings do not tell its model. */
static pstr attrs_of(struct extractor *x, struct file_facts *f, TSNode scope, TSNode name)
{
	uint32_t len;
	const char *t = ntext(x, name, &len);
	const struct strbuf *attrs = &flow_of(x, scope, t, len)->attrs;
	return attrs->len > 1 ? facts_add(f, attrs->buf + 1, attrs->len - 2) : 0;
}

/* An entity name at a write: its model from its bindings, in its function, then in the
 * functions around it, then at module level. */
static int each_of_loop(struct extractor *x, struct file_facts *f, TSNode root,
			const struct fact_access *a, TSNode scope, TSNode e, uint32_t pos, int depth);
static void fallbacks(struct file_facts *f, size_t from);

static void resolve_entity(struct extractor *x, struct file_facts *f, const struct fact_access *a,
			   TSNode scope, TSNode e, uint32_t pos, int depth);

/* A parameter's entities (or keys) from each call of its function in the file: a guess per
 * argument a call passes; how many guesses, 0 when name is no parameter there. */
static size_t param_entities(struct extractor *x, struct file_facts *f, TSNode root,
			     const struct fact_access *a, TSNode scope, TSNode name)
{
	uint32_t len;
	const char *t = ntext(x, name, &len);
	scope = binding_scope(x, f, scope, t, len);
	struct param pm;
	if (!param_of(x, f, scope, binding_at(flow_of(x, scope, t, len), a->at), t, len, &pm)) return 0;
	index_calls(x, root);
	size_t before = f->accesses.n;
	TSNode arg;
	uint32_t at;
	for (size_t i = 0; x->eval_budget && next_call(x, root, &pm, &i, t, len, &arg, &at); ) {
		int def;
		resolve_entity(x, f, a, scope_at(f, root, at, UINT32_MAX, &def), arg, at, 1);
	}
	for (size_t i = before; i < f->accesses.n; i++) f->accesses.v[i].caller = 1;
	return f->accesses.n - before;
}

static void resolve_instance(struct extractor *x, struct file_facts *f, TSNode root, size_t k)
{
	x->eval_budget = EVAL_STEPS;
	struct fact_access a = f->accesses.v[k];
	TSNode name = ts_node_descendant_for_byte_range(root, a.at, a.at_end);
	struct guess g = {0};
	uint32_t below = UINT32_MAX;
	int def, found = 0;
	TSNode scope = scope_at(f, root, a.at, below, &def), first = scope;
	if (is_type(name, "attribute")) {         /* request.issue: known by its name only */
		uint32_t len;
		const char *t = ntext(x, field(name, "attribute"), &len);
		a.hint = facts_add(f, t, len);
		a.attrs = 0;
		f->accesses.v[k] = a;
		g = (struct guess){ .target = AT_ATTRS, .text = 0 };
		add_guessed(f, &a, &g);
		return;
	}
	if (is_type(name, "identifier") && each_of_loop(x, f, root, &a, scope, name, a.at, 0)) {
		uint32_t len;                         /* for obj in tbd: obj.put() */
		const char *t = ntext(x, name, &len);
		a.hint = facts_add(f, t, len);
		a.attrs = attrs_of(x, f, first, name);
		f->accesses.v[k] = a;
		size_t from = f->accesses.n;          /* what the loop does to obj, if tbd tells nothing */
		g = (struct guess){ .target = AT_ATTRS, .text = 0 };
		add_guessed(f, &a, &g);
		fallbacks(f, from);
		return;
	}
	if (is_type(name, "identifier") && param_entities(x, f, root, &a, scope, name)) {
		uint32_t len;                         /* def store(entry): entry.put(), and
							 store(ContentEntry(...)) in the file */
		const char *t = ntext(x, name, &len);
		a.hint = facts_add(f, t, len);
		a.attrs = attrs_of(x, f, first, name);
		f->accesses.v[k] = a;
		g = (struct guess){ .target = AT_ATTRS, .text = 0 };    /* its name and attributes, if they do not */
		add_guessed(f, &a, &g);
		fallbacks(f, f->accesses.n - 1);
		return;
	}
	while (!found) {
		found = eval_name(x, f, scope, name, a.at, 0, &g);
		if (found || def < 0) break;
		below = f->defs.v[def].start;
		scope = scope_at(f, root, a.at, below, &def);
	}
	uint32_t len;
	const char *t = ntext(x, name, &len);
	a.hint = facts_add(f, t, len);
	a.attrs = attrs_of(x, f, first, name);
	if (!found) g = (struct guess){ .target = AT_ATTRS, .text = 0 };
	f->accesses.v[k] = a;
	add_guessed(f, &a, &g);
}

static void resolve_elements(struct extractor *x, struct file_facts *f, TSNode root,
			     const struct fact_access *a, TSNode scope, TSNode e, uint32_t pos, int depth);

static int is_list(TSNode e)
{
	static const char *const kinds[] = { "list", "tuple", "set", "list_comprehension",
					     "generator_expression", "set_comprehension" };
	for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++) if (is_type(e, kinds[i])) return 1;
	return 0;
}

/* Is name bound to a list in scope (xs = [...], xs.append(e), xs += es)? */
static int is_list_name(struct extractor *x, TSNode scope, TSNode name)
{
	uint32_t len;
	const char *s = ntext(x, name, &len);
	const struct name_flow *fl = flow_of(x, scope, s, len);
	for (size_t i = 0; i < fl->binds.n; i++)
		if (fl->binds.v[i].kind == B_ELEMENT || fl->binds.v[i].kind == B_ELEMENTS ||
		    (fl->binds.v[i].kind == B_VALUE && is_list(fl->binds.v[i].value))) return 1;
	return 0;
}

/* The name a chain starts from (e in e.key, cls in cls.query(...)), or a null node (also
 * when the chain goes through a parent()). */
static TSNode chain_root(struct extractor *x, TSNode e)
{
	for (;;) {
		if (is_type(e, "call") && parent_call(x, e)) return null_node;   /* another model's */
		if (is_type(e, "call")) e = field(e, "function");
		else if (is_type(e, "attribute")) e = field(e, "object");
		else if (is_type(e, "parenthesized_expression")) e = ts_node_named_child(e, 0);
		else return is_type(e, "identifier") ? e : null_node;
	}
}

static int both_branches(struct extractor *x, struct file_facts *f, const struct fact_access *a,
			 TSNode scope, TSNode e, uint32_t pos, int depth);

/* e (an entity, e.key, cls.query(...)) whose chain starts from a loop variable: the models
 * are those of what the loop runs over (`for cls in [Patch, Comment]`, `for p in patches`). */
static int each_of_loop(struct extractor *x, struct file_facts *f, TSNode root,
			const struct fact_access *a, TSNode scope, TSNode e, uint32_t pos, int depth)
{
	TSNode r = chain_root(x, e);
	if (ts_node_is_null(r) || depth > 8) return 0;
	uint32_t len;
	const char *t = ntext(x, r, &len);
	const struct bind *b = binding_at(flow_of(x, scope, t, len), pos);
	if (!b || b->kind != B_ELEMENT_OF) return 0;
	TSNode over = b->value;
	if (is_type(over, "identifier") && !is_list_name(x, scope, over))   /* a parameter: what */
		return both_branches(x, f, a, scope, over, pos, depth);  /* the loop changes on e tells more */
	resolve_elements(x, f, root, a, scope, over, pos, depth + 1);
	return 1;
}

/* Marks the guesses appended since `from` as fallbacks of their place. */
static void fallbacks(struct file_facts *f, size_t from)
{
	for (size_t i = from; i < f->accesses.n; i++) f->accesses.v[i].fallback = 1;
}

static void resolve_name_entity(struct extractor *x, struct file_facts *f,
				const struct fact_access *a, TSNode scope, TSNode e, uint32_t pos, int depth);

/* e (batch, cls.query(...)) comes, a few bindings back, from `cls = A if c else B`: the
 * two branches into out; 0 when it does not. */
static int either_class(struct extractor *x, TSNode scope, TSNode e, uint32_t pos, TSNode out[2])
{
	for (int hop = 0; hop < 3; hop++) {
		TSNode r = chain_root(x, e);
		if (ts_node_is_null(r)) return 0;
		uint32_t len;
		const char *t = ntext(x, r, &len);
		const struct bind *b = binding_at(flow_of(x, scope, t, len), pos);
		if (!b || b->kind != B_VALUE || ts_node_is_null(b->value)) return 0;
		TSNode v = b->value;
		while (is_type(v, "parenthesized_expression")) v = ts_node_named_child(v, 0);
		if (is_type(v, "conditional_expression")) {
			out[0] = ts_node_named_child(v, 0);
			out[1] = ts_node_named_child(v, 2);
			return 1;
		}
		e = v;
		pos = b->at;
	}
	return 0;
}

/* The entities of both branches of either_class: each a class (its path) or an entity. */
static int both_branches(struct extractor *x, struct file_facts *f, const struct fact_access *a,
			 TSNode scope, TSNode e, uint32_t pos, int depth)
{
	TSNode br[2];
	if (depth > 8 || !either_class(x, scope, e, pos, br)) return 0;
	for (int i = 0; i < 2; i++) {
		struct guess g = {0};
		pstr p = path_of(x, f, br[i]);
		if (p) g = (struct guess){ .target = AT_NAME, .text = p };
		if (p || eval_expr(x, f, scope, br[i], pos, depth + 1, &g)) add_guessed(f, a, &g);
	}
	return 1;
}

/* One entity (or key) of a list: its model, else its attributes and name. */
static void resolve_entity(struct extractor *x, struct file_facts *f, const struct fact_access *a,
			   TSNode scope, TSNode e, uint32_t pos, int depth)
{
	struct guess g = {0};
	if (both_branches(x, f, a, scope, e, pos, depth)) return;
	if (each_of_loop(x, f, null_node, a, scope, e, pos, depth)) {
		size_t from = f->accesses.n;      /* what the code does to e, if the loop's list
						     names no model */
		if (is_type(e, "identifier")) resolve_name_entity(x, f, a, scope, e, pos, depth);
		fallbacks(f, from);
		return;
	}
	if (is_type(e, "attribute") && !text_is(x, field(e, "attribute"), "key") &&
	    !eval_expr(x, f, scope, e, pos, depth, &g)) {
		struct fact_access b = *a;            /* patchset.patches: known by its name */
		uint32_t len;
		const char *t = ntext(x, field(e, "attribute"), &len);
		b.hint = facts_add(f, t, len);
		b.attrs = 0;
		g = (struct guess){ .target = AT_ATTRS, .text = 0 };
		add_guessed(f, &b, &g);
		return;
	}
	if (!is_type(e, "identifier")) {
		if (eval_expr(x, f, scope, e, pos, depth, &g)) add_guessed(f, a, &g);
		return;
	}
	resolve_name_entity(x, f, a, scope, e, pos, depth);
}

/* A loop variable's name that says nothing of its model (p, e, obj, entity, item). */
static int generic_name(const char *s, uint32_t n)
{
	static const char *const words[] = { "obj", "entity", "ent", "item", "value", "elem", NULL };
	if (n <= 2) return 1;
	for (size_t i = 0; words[i]; i++) if (text_eq(s, n, words[i])) return 1;
	return 0;
}

/* An entity in a name: its bindings, else what the code changes on it and its name. */
static void resolve_name_entity(struct extractor *x, struct file_facts *f,
				const struct fact_access *a, TSNode scope, TSNode e, uint32_t pos, int depth)
{
	struct guess g = {0};
	struct fact_access b = *a;
	uint32_t elen;
	const char *et = ntext(x, e, &elen);
	scope = binding_scope(x, f, scope, et, elen);
	const struct name_flow *fl = flow_of(x, scope, et, elen);
	if (!fl->binds.n) {                       /* no local: a model class, or a module name */
		b.hint = facts_add(f, et, elen);
		g = (struct guess){ .target = AT_NAME, .text = b.hint };
		add_guessed(f, &b, &g);
		return;
	}
	b.hint = facts_add(f, et, elen);          /* should its value not tell (a helper's) */
	if (!eval_name(x, f, scope, e, pos, depth, &g)) {
		b.attrs = attrs_of(x, f, scope, e);
		g = (struct guess){ .target = AT_ATTRS, .text = 0 };
		const struct bind *lb = binding_at(fl, pos);        /* for p in patches: */
		if (lb && lb->kind == B_ELEMENT_OF && is_type(lb->value, "identifier") && generic_name(et, elen)) {
			uint32_t ol;                  /* the list's name says more than p */
			const char *ot = ntext(x, lb->value, &ol);
			b.hint = facts_add(f, ot, ol);
		}
	}
	add_guessed(f, &b, &g);
}


/* A name holding a list: what was put in it (xs = [a, b]; xs.append(c); xs += ds). */
static int resolve_list_name(struct extractor *x, struct file_facts *f, TSNode root,
			     const struct fact_access *a, TSNode scope, TSNode e, int depth)
{
	uint32_t len;
	const char *s = ntext(x, e, &len);
	const struct name_flow *fl = flow_of(x, scope, s, len);
	int list = is_list_name(x, scope, e);
	/* every access through the name reads all its bindings: a name bound thousands of
	 * times in one function made that quadratic (3,000: 48 s); real lists have a few */
	for (size_t i = 0; i < fl->binds.n && i < MAX_LIST_BINDS && list; i++) {
		const struct bind *b = &fl->binds.v[i];
		if (b->kind == B_ELEMENTS || b->kind == B_VALUE)
			resolve_elements(x, f, root, a, scope, b->value, b->at, depth + 1);
		else if (b->kind == B_ELEMENT)
			resolve_entity(x, f, a, scope, b->value, b->at, depth + 1);
	}
	return list;
}

/* The one for clause of a comprehension, or a null node. */
static TSNode for_clause(TSNode e)
{
	TSNode found = null_node;
	for (uint32_t i = 0, n = ts_node_named_child_count(e); i < n; i++) {
		TSNode c = ts_node_named_child(e, i);
		if (!is_type(c, "for_in_clause")) continue;
		if (!ts_node_is_null(found)) return null_node;
		found = c;
	}
	return found;
}

/* 1 when the comprehension's body (a dict's: its value) is its variable, or its key (e, e.key, e.key()): its
 * entities are then those it runs over. */
static int comprehension_of_var(struct extractor *x, TSNode e, TSNode body)
{
	TSNode fc = for_clause(e), var = field(fc, "left");
	if (!is_type(var, "identifier")) return 0;
	if (is_type(body, "call") && ts_node_named_child_count(field(body, "arguments")) == 0)
		body = field(body, "function");                  /* e.key() (db) */
	if (is_type(body, "attribute") && text_is(x, field(body, "attribute"), "key"))
		body = field(body, "object");
	uint32_t a, b;
	const char *s = ntext(x, var, &a), *t = is_type(body, "identifier") ? ntext(x, body, &b) : NULL;
	return t && a == b && !memcmp(s, t, a);
}

/* What a comprehension gives each time: its body, a dict's value. */
static TSNode comprehension_body(TSNode e)
{
	TSNode body = field(e, "body");
	return is_type(e, "dictionary_comprehension") ? field(body, "value") : body;
}

/* A name bound to a dict (d = {k: e for e in q}, d = {'a': e}): the entities of its values. */
static void dict_names(struct extractor *x, struct file_facts *f, TSNode root,
		       const struct fact_access *a, TSNode scope, TSNode name, int depth)
{
	uint32_t len;
	const char *s = ntext(x, name, &len);
	const struct name_flow *fl = flow_of(x, scope, s, len);
	for (size_t i = 0; i < fl->binds.n && i < MAX_LIST_BINDS; i++) {
		const struct bind *b = &fl->binds.v[i];
		if (b->kind == B_VALUE && (is_type(b->value, "dictionary") ||
					   is_type(b->value, "dictionary_comprehension")))
			resolve_elements(x, f, root, a, scope, b->value, b->at, depth + 1);
	}
}

/* A list of entities (put_multi(xs), get_multi(keys)): one access per model found. */
static void resolve_elements(struct extractor *x, struct file_facts *f, TSNode root,
			     const struct fact_access *a, TSNode scope, TSNode e, uint32_t pos, int depth)
{
	while (is_type(e, "parenthesized_expression")) e = ts_node_named_child(e, 0);
	if (depth > 8 || !x->eval_budget) return;
	x->eval_budget--;
	TSNode inner = unwrap_copy(x, e);
	if (!ts_node_eq(inner, e)) {
		resolve_elements(x, f, root, a, scope, inner, pos, depth + 1);
		return;
	}
	TSNode fn = field(e, "function"), obj = field(fn, "object");
	if (is_type(e, "list") || is_type(e, "tuple") || is_type(e, "set")) {
		for (uint32_t i = 0, n = ts_node_named_child_count(e); i < n; i++)
			resolve_entity(x, f, a, scope, ts_node_named_child(e, i), pos, depth + 1);
	} else if (is_type(e, "binary_operator")) {            /* puts + [change] */
		resolve_elements(x, f, root, a, scope, field(e, "left"), pos, depth + 1);
		resolve_elements(x, f, root, a, scope, field(e, "right"), pos, depth + 1);
	} else if (is_type(e, "call") && is_type(obj, "identifier") &&
		   (text_is(x, field(fn, "attribute"), "values") ||
		    text_is(x, field(fn, "attribute"), "itervalues"))) {
		if (!resolve_list_name(x, f, root, a, scope, obj, depth))   /* by_id.values() */
			dict_names(x, f, root, a, scope, obj, depth);
	} else if (is_type(e, "call") && get_multi(x, e)) {     /* get_multi(keys): keys' models */
		TSNode arg = field(e, "arguments");
		if (is_type(arg, "argument_list")) arg = ts_node_named_child(arg, 0);
		if (!is_type(arg, "keyword_argument") && !ts_node_is_null(arg))
			resolve_elements(x, f, root, a, scope, arg, pos, depth + 1);
	} else if (is_type(e, "dictionary")) {                  /* their values */
		for (uint32_t i = 0, n = ts_node_named_child_count(e); i < n; i++) {
			TSNode pair = ts_node_named_child(e, i);
			if (is_type(pair, "pair"))
				resolve_entity(x, f, a, scope, field(pair, "value"), pos, depth + 1);
		}
	} else if ((is_list(e) || is_type(e, "dictionary_comprehension")) &&
		   comprehension_of_var(x, e, comprehension_body(e))) {   /* e.key for e in tbd */
		resolve_elements(x, f, root, a, scope, field(for_clause(e), "right"), pos, depth + 1);
		size_t from = f->accesses.n;
		resolve_entity(x, f, a, scope, comprehension_body(e), pos, depth + 1);
		fallbacks(f, from);
	} else if (is_list(e) || is_type(e, "dictionary_comprehension")) {
		resolve_entity(x, f, a, scope, comprehension_body(e), pos, depth + 1);
	} else if (!is_type(e, "identifier") || !resolve_list_name(x, f, root, a, scope, e, depth)) {
		resolve_entity(x, f, a, scope, e, pos, depth);   /* a query's results, or one entity */
	}
}

static void resolve_list(struct extractor *x, struct file_facts *f, TSNode root, size_t k)
{
	x->eval_budget = EVAL_STEPS;
	struct fact_access a = f->accesses.v[k];
	TSNode e = ts_node_descendant_for_byte_range(root, a.at, a.at_end);
	int def;
	TSNode scope = scope_at(f, root, a.at, UINT32_MAX, &def);
	size_t before = f->accesses.n;
	resolve_elements(x, f, root, &a, scope, e, a.at, 0);
	if (f->accesses.n == before && a.op == ACC_WRITE) {
		struct guess g = { .target = AT_UNKNOWN };
		add_guessed(f, &a, &g);
	}
}

/* --- after the definitions: scopes, entities, one access per place ---------------------------- */
static int strength(int op)
{
	return op == ACC_WRITE ? 3 : op == ACC_READ ? 2 : 1;
}

static int cmp_access(const void *pa, const void *pb)
{
	const struct fact_access *a = pa, *b = pb;
	if (a->at != b->at) return a->at < b->at ? -1 : 1;
	if (strength(a->op) != strength(b->op)) return strength(b->op) - strength(a->op);
	return (a->start > b->start) - (a->start < b->start);
}

static int cmp_start(const void *pa, const void *pb)
{
	const struct fact_access *a = pa, *b = pb;
	return (a->start > b->start) - (a->start < b->start);
}

/* The qualified names of the function and class around each access. */
static void set_scopes(struct file_facts *f)
{
	struct strbuf sb = {0};
	for (size_t k = 0; k < f->accesses.n; k++) {
		struct fact_access *a = &f->accesses.v[k];
		int fn = -1, cls = -1;
		for (size_t i = f->defs.n; i-- > 0 && (fn < 0 || cls < 0); ) {
			const struct fact_def *d = &f->defs.v[i];
			if (d->start > a->start || d->end <= a->start) continue;
			if (d->kind == DEF_CLASS && cls < 0) cls = (int)i;
			else if ((d->kind == DEF_FUNCTION || d->kind == DEF_METHOD) && fn < 0 && cls < 0) fn = (int)i;
		}
		const struct fact_def *d[2] = { fn >= 0 ? &f->defs.v[fn] : NULL, cls >= 0 ? &f->defs.v[cls] : NULL };
		pstr *out[2] = { &a->func, &a->cls };
		for (int j = 0; j < 2; j++) {
			if (!d[j]) continue;
			sb_reset(&sb);
			if (d[j]->parent) sb_addf(&sb, "%s.", facts_str(f, d[j]->parent));
			sb_adds(&sb, facts_str(f, d[j]->name));
			*out[j] = facts_add(f, sb.buf, sb.len);
		}
	}
	sb_release(&sb);
}

/* Does src[a, b) call a capitalised name (M(...), ndb.Key(...))? A function that does may
 * build an entity or a key without any data access of its own. */
static int calls_class(const char *src, uint32_t a, uint32_t b)
{
	for (uint32_t i = a; i < b; i++) {
		if (src[i] < 'A' || src[i] > 'Z' || (i > a && ident_char(src[i - 1]))) continue;
		uint32_t j = i + 1;
		while (j < b && ident_char(src[j])) j++;
		if (j < b && src[j] == '(') return 1;
		i = j;
	}
	return 0;
}

/* `return C` where C is a class the function defines (a class factory): "func.C", the
 * class's key below the module; else 0. */
static pstr local_class_returned(struct extractor *x, struct file_facts *f, size_t fn, TSNode e)
{
	if (!is_type(e, "identifier")) return 0;
	const struct fact_def *d = &f->defs.v[fn];
	struct strbuf q = {0};
	if (d->parent) sb_addf(&q, "%s.", facts_str(f, d->parent));
	sb_adds(&q, facts_str(f, d->name));
	uint32_t len;
	const char *t = ntext(x, e, &len);
	pstr out = 0;
	for (size_t k = fn + 1; k < f->defs.n && f->defs.v[k].start < d->end && !out; k++) {
		const struct fact_def *c = &f->defs.v[k];
		if (c->kind == DEF_CLASS && c->parent && !strcmp(facts_str(f, c->parent), q.buf) &&
		    text_eq(t, len, facts_str(f, c->name))) {
			sb_addc(&q, '.');
			sb_add(&q, t, len);
			out = facts_add(f, q.buf, q.len);
		}
	}
	sb_release(&q);
	return out;
}

/* A list name a function returns (patches = []; patches.append(models.Patch(...)); return
 * patches): the model of the first of its elements that tells one, for the callers' writes
 * of the list. */
static int eval_list_name(struct extractor *x, struct file_facts *f, TSNode scope, TSNode e,
			  struct guess *g)
{
	if (!is_type(e, "identifier") || !is_list_name(x, scope, e)) return 0;
	uint32_t len;
	const char *t = ntext(x, e, &len);
	const struct name_flow *fl = flow_of(x, scope, t, len);
	for (size_t i = 0; i < fl->binds.n && i < MAX_LIST_BINDS; i++) {
		const struct bind *b = &fl->binds.v[i];
		TSNode v = b->value;
		if (b->kind == B_VALUE && (is_type(v, "list") || is_type(v, "tuple"))) {
			for (uint32_t k = 0, n = ts_node_named_child_count(v); k < n; k++)
				if (eval_expr(x, f, scope, ts_node_named_child(v, k), b->at, 2, g)) return 1;
		} else if ((b->kind == B_ELEMENT || b->kind == B_ELEMENTS) &&
			   eval_expr(x, f, scope, v, b->at, 2, g)) {
			return 1;
		}
	}
	return 0;
}

/* What a function or method returns when it is an entity, a query or a key: the first
 * telling `return` (def value: a chain, a name, or "kind:K" for ndb.Key('K', ...)), so that
 * `s = for_user_key(k); s.put()` and `info_key(b).get()` elsewhere can be followed. Only
 * functions holding a data access, calling a class or named for a key are looked at. */
static void function_returns(struct extractor *x, struct file_facts *f, TSNode root)
{
	size_t k = 0;
	x->no_callers = 1;                 /* what one caller passes is no fact of the function */
	for (size_t i = 0; i < f->defs.n; i++) {
		const struct fact_def *d = &f->defs.v[i];
		if (d->kind != DEF_FUNCTION && d->kind != DEF_METHOD) continue;
		while (k < f->accesses.n && f->accesses.v[k].start < d->start) k++;
		int has_access = k < f->accesses.n && f->accesses.v[k].start < d->end;
		const char *name = facts_str(f, d->name);
		int keyish = name && (strstr(name, "key") || strstr(name, "Key"));
		if (!has_access && !keyish && !calls_class(x->src, d->start, d->end)) continue;
		TSNode fn = ts_node_descendant_for_byte_range(root, d->start, d->end);
		TSNode body = field(fn, "body");
		TSTreeCursor c = ts_tree_cursor_new(body);
		for (int more = ts_tree_cursor_goto_first_child(&c); more; ) {
			TSNode n = ts_tree_cursor_current_node(&c);
			struct guess g = {0};
			x->eval_budget = EVAL_STEPS;
			if (is_type(n, "return_statement") && ts_node_named_child_count(n) &&
			    (eval_expr(x, f, fn, ts_node_named_child(n, 0), ts_node_start_byte(n), 1, &g) ||
			     eval_list_name(x, f, fn, ts_node_named_child(n, 0), &g)) &&
			    (g.target == AT_CHAIN || g.target == AT_NAME || g.target == AT_KIND)) {
				if (g.target == AT_KIND) {
					char *kv = xasprintf("kind:%s", facts_str(f, g.text));
					g.text = facts_add(f, kv, strlen(kv));
					free(kv);
				}
				f->defs.v[i].value = g.text;
				break;
			}
			if (is_type(n, "return_statement") && !f->defs.v[i].value &&
			    (f->defs.v[i].value = local_class_returned(x, f, i, ts_node_named_child(n, 0))))
				break;
			more = walk_next(&c, container_kind(x, n) && container_kind(x, n) != 3, body);
		}
		ts_tree_cursor_delete(&c);
	}
	x->no_callers = 0;
}

/* Does the access's call have a positional argument? A key's get() and get_async() take
 * keyword options only. */
static int positional_args(TSNode root, const struct fact_access *a)
{
	TSNode call = ts_node_descendant_for_byte_range(root, a->start, a->end);   /* the access */
	TSNode args = is_type(call, "call") ? field(call, "arguments") : null_node;
	if (!is_type(args, "argument_list")) return 0;
	for (uint32_t i = 0, n = ts_node_named_child_count(args); i < n; i++)
		if (!is_type(ts_node_named_child(args, i), "keyword_argument")) return 1;
	return 0;
}

/* k.get() where k is a local name (a key bound in the function, or a parameter): its model
 * from its bindings, else from its name; a name the function does not bind stays a name for
 * the resolution (a model class, a module-level alias). */
static void resolve_local(struct extractor *x, struct file_facts *f, TSNode root, size_t k)
{
	x->eval_budget = EVAL_STEPS;
	struct fact_access *a = &f->accesses.v[k];
	const char *t = facts_str(f, a->text);
	if (!t || strchr(t, '.') || !strcmp(t, "self") || !strcmp(t, "super")) return;
	int def;
	TSNode scope = scope_at(f, root, a->at, UINT32_MAX, &def);
	if (def < 0 || positional_args(root, a)) return;   /* d.get('k'): a dict, not a key */
	const char *m = facts_str(f, a->method);
	if (m && !strcmp(m, "objects") && !(t[0] >= 'A' && t[0] <= 'Z'))
		return;                           /* Django's M = apps.get_model(...), not xs.objects */
	uint32_t len = (uint32_t)strlen(t);
	scope = binding_scope(x, f, scope, t, len);         /* a closure's: the outer function's */
	if (!flow_of(x, scope, t, len)->binds.n) return;
	TSNode name = ts_node_descendant_for_byte_range(root, a->at, a->at_end);
	struct guess g = {0};
	const struct bind *b = binding_at(flow_of(x, scope, t, len), a->at);
	if (b && b->kind == B_ELEMENT_OF && (is_type(b->value, "list") || is_type(b->value, "tuple"))) {
		struct fact_access one = *a;      /* for cls in [A, B]: cls.query() reads A and B */
		a->target = AT_INSTANCES;         /* dropped once its guesses are in */
		resolve_elements(x, f, root, &one, scope, b->value, a->at, 1);
		return;
	}
	TSNode br[2];
	if (is_type(name, "identifier") && either_class(x, scope, name, a->at, br)) {
		struct fact_access one = *a;      /* cls = A if day else B: cls.query() reads both */
		a->target = AT_INSTANCES;
		both_branches(x, f, &one, scope, name, a->at, 0);
		return;
	}
	struct fact_access one = *a;
	if (is_type(name, "identifier") && param_entities(x, f, root, &one, scope, name)) {
		f->accesses.v[k].target = AT_INSTANCES;   /* def run(bot_key): the keys run(...) gets */
		one.hint = one.text;
		one.attrs = attrs_of(x, f, scope, name);
		g = (struct guess){ .target = AT_ATTRS, .text = 0 };        /* its name, if they do not tell */
		add_guessed(f, &one, &g);
		fallbacks(f, f->accesses.n - 1);
		return;
	}
	a = &f->accesses.v[k];
	if (is_type(name, "identifier") && eval_name(x, f, scope, name, a->at, 0, &g)) {
		a->hint = a->text;                /* request_key: the name, should its value not tell */
		a->target = g.target;
		a->text = g.text;
		a->caller = g.caller;
		return;
	}
	a->hint = a->text;
	a->attrs = is_type(name, "identifier") ? attrs_of(x, f, scope, name) : 0;
	a->target = AT_ATTRS;
	a->text = 0;
}

void data_finish(struct extractor *x, struct file_facts *f, TSNode root)
{
	size_t n = f->accesses.n;
	for (size_t k = 0; k < n; k++) {       /* entities get their guesses appended */
		uint8_t t = f->accesses.v[k].target;
		if (t == AT_INSTANCE) resolve_instance(x, f, root, k);
		else if (t == AT_INSTANCES) resolve_list(x, f, root, k);
		else if (t == AT_NAME && f->accesses.v[k].op != ACC_REFERENCE) resolve_local(x, f, root, k);
	}
	size_t out = 0;
	for (size_t k = 0; k < f->accesses.n; k++) {
		struct fact_access *a = &f->accesses.v[k];
		if (a->target == AT_INSTANCE || a->target == AT_INSTANCES) continue;
		const char *t = facts_str(f, a->text);
		if (a->target == AT_NAME && t && (!strcmp(t, "self") || !strcmp(t, "cls") ||
						  !strcmp(t, "super") || !strcmp(t, "self.key")))
			a->target = AT_SELF;          /* super(M, self).put(), self.key.get(): its own */
		f->accesses.v[out++] = *a;
	}
	f->accesses.n = out;
	sort_array(f->accesses.v, f->accesses.n, sizeof(struct fact_access), cmp_access);
	out = 0;                               /* one op per place: the strongest */
	for (size_t k = 0; k < f->accesses.n; k++) {
		struct fact_access *a = &f->accesses.v[k];
		if (out && f->accesses.v[out - 1].at == a->at &&
		    strength(f->accesses.v[out - 1].op) > strength(a->op)) continue;
		f->accesses.v[out++] = *a;
	}
	f->accesses.n = out;
	set_scopes(f);
	sort_array(f->accesses.v, f->accesses.n, sizeof(struct fact_access), cmp_start);
	function_returns(x, f, root);
	data_scopes_release(x);
}

/* --- what the data graph reads of a file ---------------------------------------------------- */
static void hash_pstr(XXH3_state_t *h, const struct file_facts *f, pstr p)
{
	const char *t = facts_str(f, p);
	XXH3_64bits_update(h, t ? t : "", t ? strlen(t) + 1 : 1);
}

uint64_t facts_data_hash(const struct file_facts *f)
{
	XXH3_state_t *h = XXH3_createState();
	XXH3_64bits_reset(h);
	for (size_t i = 0; i < f->imports.n; i++) {
		const struct fact_import *im = &f->imports.v[i];
		int16_t head[2] = { im->kind, im->level };
		XXH3_64bits_update(h, head, sizeof(head));
		hash_pstr(h, f, im->module);
		hash_pstr(h, f, im->name);
		hash_pstr(h, f, im->alias);
		hash_pstr(h, f, im->package);
	}
	for (size_t i = 0; i < f->defs.n; i++) {
		const struct fact_def *d = &f->defs.v[i];
		uint8_t head[2] = { d->kind, d->abstract };
		XXH3_64bits_update(h, head, sizeof(head));
		pstr parts[] = { d->name, d->parent, d->bases, d->value, d->fields, d->kindname, d->keys,
				 d->members, d->props };
		for (size_t k = 0; k < sizeof(parts) / sizeof(parts[0]); k++) hash_pstr(h, f, parts[k]);
	}
	for (size_t i = 0; i < f->accesses.n; i++) {
		const struct fact_access *a = &f->accesses.v[i];
		uint8_t head[4] = { a->op, a->target, a->fallback, a->caller };
		XXH3_64bits_update(h, head, sizeof(head));
		pstr parts[] = { a->method, a->text, a->api, a->attrs, a->hint, a->func, a->cls };
		for (size_t k = 0; k < sizeof(parts) / sizeof(parts[0]); k++) hash_pstr(h, f, parts[k]);
	}
	uint64_t v = XXH3_64bits_digest(h);
	XXH3_freeState(h);
	return v | 1;                        /* never 0: 0 is a file without facts */
}
