/* federate_sdl.c — a subgraph's parts (entities, stubs, root fields), the GraphQL types its
 * Python properties and annotations map to, its names, and its SDL and JSON text. A type
 * that cannot be told from the source is the documented scalar PythonValue, never a guess. */
#include "federate_p.h"

#include <cjson/cJSON.h>
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

enum { MAX_CALLERS_SHOWN = 5 };

/* --- properties ------------------------------------------------------------------------ */
static char *part(char **s)
{
	char *p = *s, *end = strchr(p, ':');
	if (end) *end = 0, *s = end + 1;
	else *s = p + strlen(p);
	return xstrdup(p);
}

void fed_props_parse(struct fmodel *m, const char *props)
{
	char *all = props ? xstrdup(props) : NULL, *save = NULL;
	for (char *e = all ? strtok_r(all, " ", &save) : NULL; e; e = strtok_r(NULL, " ", &save)) {
		struct fprop p;
		p.name = part(&e);
		p.ctor = part(&e);
		p.arg = part(&e);
		p.flags = part(&e);
		char *line = part(&e);
		p.line = atoi(line);
		free(line);
		p.annot = part(&e);
		VEC_PUSH(m->props, p);
	}
	free(all);
}

void fed_model_release(struct fmodel *m)
{
	for (size_t i = 0; i < m->props.n; i++) {
		struct fprop *p = &m->props.v[i];
		free(p->name);
		free(p->ctor);
		free(p->arg);
		free(p->flags);
		free(p->annot);
	}
	VEC_FREE(m->props);
	free(m->parent);
}

/* --- names ------------------------------------------------------------------------------- */
/* s as a GraphQL name: [_A-Za-z][_0-9A-Za-z]*, other bytes as '_'; "__" starts only
 * GraphQL's own names, so a Python dunder gets "py" before it. */
static void add_name(struct strbuf *sb, const char *s)
{
	if (!*s || isdigit((unsigned char)*s)) sb_addc(sb, '_');
	if (s[0] == '_' && s[1] == '_') sb_adds(sb, "py");
	for (; *s; s++) sb_addc(sb, isalnum((unsigned char)*s) || *s == '_' ? *s : '_');
}

/* The type name of a kind; GraphQL's and federation's own names get "Entity" after them. */
static void add_type_name(struct strbuf *sb, const char *kind)
{
	static const char *const taken[] = { "Query", "Mutation", "Subscription", "String", "Int",
		"Float", "Boolean", "ID", "DateTime", "JSON", "Decimal", "PythonValue", "_Any",
		"_Entity", "_Service", "FieldSet", "link__Import", "link__Purpose", NULL };
	size_t at = sb->len;
	add_name(sb, kind);
	for (size_t i = 0; taken[i]; i++)
		if (!strcmp(sb->buf + at, taken[i])) sb_adds(sb, "Entity");
}

/* Is m a table's model (Django, SQLAlchemy)? Its kind is then the table, and its type is
 * named by the class; a datastore model's (ndb, db) by its kind, which other code names. */
static int is_sql(const struct dmodel *dm)
{
	return strstr(dm->base, "django") || strstr(dm->base, "sqlalchemy");
}

static const char *type_word(const struct dmodel *dm)
{
	return is_sql(dm) ? dm->cls : dm->kind;
}

static char *type_name(const struct fed *x, int m)
{
	struct strbuf sb = {0};
	add_type_name(&sb, type_word(fed_dmodel(x, m)));
	return sb_detach(&sb);
}

char *fed_type_name(const struct fed *x, int model) { return type_name(x, model); }

char *fed_field_name(const char *python)
{
	struct strbuf sb = {0};
	add_name(&sb, python);
	return sb_detach(&sb);
}

/* snake_case and dotted.names as lowerCamelCase: get_user_data -> getUserData. */
static char *camel(const char *s)
{
	struct strbuf sb = {0};
	int up = 0;
	while (*s == '_') s++;
	for (; *s; s++) {
		if (*s == '_' || *s == '.' || *s == '-') {
			up = sb.len > 0;
			continue;
		}
		char c = up ? (char)toupper((unsigned char)*s) : sb.len ? *s : (char)tolower((unsigned char)*s);
		sb_addc(&sb, c);
		up = 0;
	}
	struct strbuf out = {0};
	add_name(&out, sb.len ? sb.buf : "field");
	sb_release(&sb);
	return sb_detach(&out);
}

/* --- types --------------------------------------------------------------------------------- */
enum scalar { SC_DATETIME = 1, SC_JSON = 2, SC_DECIMAL = 4, SC_PYTHON = 8 };

struct tmap { const char *name; const char *type; };
/* Property and column classes (ndb, db, Django, SQLAlchemy) and the GraphQL type of their
 * values; "" is a reference, "[]" a list of references, "{}" a structured value. */
static const struct tmap props[] = {
	{ "StringProperty", "String" }, { "TextProperty", "String" }, { "EmailProperty", "String" },
	{ "LinkProperty", "String" }, { "PhoneNumberProperty", "String" },
	{ "PostalAddressProperty", "String" }, { "CategoryProperty", "String" },
	{ "IMProperty", "String" }, { "IntegerProperty", "Int" }, { "RatingProperty", "Int" },
	{ "FloatProperty", "Float" }, { "BooleanProperty", "Boolean" },
	{ "DateTimeProperty", "DateTime" }, { "DateProperty", "DateTime" },
	{ "TimeProperty", "DateTime" }, { "JsonProperty", "JSON" }, { "PickleProperty", "JSON" },
	{ "GenericProperty", "JSON" }, { "KeyProperty", "" }, { "ReferenceProperty", "" },
	{ "SelfReferenceProperty", "" }, { "StructuredProperty", "{}" },
	{ "LocalStructuredProperty", "{}" }, { "StringListProperty", "[String!]" },
	{ "CharField", "String" }, { "TextField", "String" }, { "EmailField", "String" },
	{ "SlugField", "String" }, { "URLField", "String" }, { "UUIDField", "ID" },
	{ "FilePathField", "String" }, { "GenericIPAddressField", "String" },
	{ "IPAddressField", "String" }, { "FileField", "String" }, { "ImageField", "String" },
	{ "IntegerField", "Int" }, { "BigIntegerField", "Int" }, { "SmallIntegerField", "Int" },
	{ "PositiveIntegerField", "Int" }, { "PositiveSmallIntegerField", "Int" },
	{ "PositiveBigIntegerField", "Int" }, { "AutoField", "ID" }, { "BigAutoField", "ID" },
	{ "SmallAutoField", "ID" }, { "FloatField", "Float" }, { "DecimalField", "Decimal" },
	{ "BooleanField", "Boolean" }, { "NullBooleanField", "Boolean" },
	{ "DateTimeField", "DateTime" }, { "DateField", "DateTime" }, { "TimeField", "DateTime" },
	{ "JSONField", "JSON" }, { "HStoreField", "JSON" }, { "ForeignKey", "" },
	{ "OneToOneField", "" }, { "ManyToManyField", "[]" }, { "relationship", "" },
	{ NULL, NULL },
};
/* SQLAlchemy column types (Column(Integer), mapped_column(String(50))) and Python types
 * (annotations, Mapped[int]). */
static const struct tmap types[] = {
	{ "Integer", "Int" }, { "BigInteger", "Int" }, { "SmallInteger", "Int" }, { "INTEGER", "Int" },
	{ "String", "String" }, { "Text", "String" }, { "Unicode", "String" },
	{ "UnicodeText", "String" }, { "VARCHAR", "String" }, { "CHAR", "String" },
	{ "Enum", "String" }, { "Float", "Float" }, { "REAL", "Float" }, { "Numeric", "Decimal" },
	{ "DECIMAL", "Decimal" }, { "Boolean", "Boolean" }, { "DateTime", "DateTime" },
	{ "Date", "DateTime" }, { "Time", "DateTime" }, { "TIMESTAMP", "DateTime" },
	{ "JSON", "JSON" }, { "JSONB", "JSON" }, { "int", "Int" }, { "str", "String" },
	{ "unicode", "String" }, { "float", "Float" }, { "bool", "Boolean" }, { "dict", "JSON" },
	{ "Dict", "JSON" }, { "datetime", "DateTime" }, { "date", "DateTime" },
	{ "datetime.datetime", "DateTime" }, { "datetime.date", "DateTime" },
	{ "None", "Boolean" }, { "typing.Dict", "JSON" }, { "Mapping", "JSON" }, { "Any", "JSON" },
	{ "Decimal", "Decimal" }, { "decimal.Decimal", "Decimal" }, { "uuid.UUID", "ID" },
	{ "UUID", "ID" }, { NULL, NULL },
};

static const char *lookup(const struct tmap *t, const char *name, size_t n)
{
	for (; t->name; t++) if (strlen(t->name) == n && !strncmp(t->name, name, n)) return t->type;
	return NULL;
}

static unsigned scalar_bit(const char *type)
{
	const char *t = type + strspn(type, "[");
	if (!strncmp(t, "DateTime", 8)) return SC_DATETIME;
	if (!strncmp(t, "JSON", 4)) return SC_JSON;
	if (!strncmp(t, "Decimal", 7)) return SC_DECIMAL;
	if (!strncmp(t, "PythonValue", 11)) return SC_PYTHON;
	return 0;
}

/* The model a reference names: "@module.Class", 'Kind' (ndb) or 'app.Model' / 'Model' /
 * 'self' (Django), a class name; -1 when none. */
static int model_named(const struct fed *x, const char *arg, int self)
{
	if (!arg || !*arg) return -1;
	if (arg[0] == '@') return fed_model_of_key(x, arg + 1);
	char *s = xstrdup(arg + (arg[0] == '\''));
	size_t n = strlen(s);
	if (n && s[n - 1] == '\'') s[--n] = 0;
	int m = !strcmp(s, "self") ? self : fed_model_of_kind(x, s);
	const char *dot = strrchr(s, '.');
	if (m < 0) m = fed_model_of_class(x, dot ? dot + 1 : s);
	free(s);
	return m;
}

static int one_of(const char *s, size_t n, const char *const *names)
{
	for (; *names; names++) if (strlen(*names) == n && !strncmp(*names, s, n)) return 1;
	return 0;
}

/* A Python annotation's GraphQL type for a value going out (a model is its entity) or in
 * (an input cannot hold an entity: its id); *nonnull unless Optional; *ref the model named. */
static char *annot_type(const struct fed *x, const char *a, int input, int *nonnull, int *ref,
			int depth)
{
	static const char *const optional[] = { "Optional", "typing.Optional", NULL };
	static const char *const lists[] = { "List", "list", "Sequence", "Set", "set", "Iterable",
					     "typing.List", "Mapped", NULL };
	*nonnull = 1;
	*ref = -1;
	if (!a || !*a || depth > 4) return NULL;
	size_t len = strlen(a);
	if (len > 2 && a[0] == '\'' && a[len - 1] == '\'') {     /* a string: "User" */
		char *bare = xstrndup(a + 1, len - 2);
		char *out = annot_type(x, bare, input, nonnull, ref, depth + 1);
		free(bare);
		return out;
	}
	size_t n = strcspn(a, "["), in = a[n] ? strlen(a + n + 1) : 0;
	const char *whole = lookup(types, a, n);
	if (a[n] && whole && !strcmp(whole, "JSON")) return xstrdup("JSON");     /* Dict[str, T] */
	if (!a[n]) {                                   /* a plain name */
		const char *t = lookup(types, a, n), *dot = strrchr(a, '.');
		int m = t ? -1 : fed_model_of_class(x, dot ? dot + 1 : a);
		if (t) return xstrdup(t);
		if (m < 0) return NULL;
		*ref = m;
		return input ? xstrdup("ID") : type_name(x, m);
	}
	if (!in || a[n + in] != ']') return NULL;
	char *arg = xstrndup(a + n + 1, in - 1), *out = NULL;
	int nn;
	if (one_of(a, n, optional)) {
		out = annot_type(x, arg, input, &nn, ref, depth + 1);
		*nonnull = 0;
	} else if (one_of(a, n, lists) && !strchr(arg, ',')) {
		char *el = annot_type(x, arg, input, &nn, ref, depth + 1);
		if (el && !strncmp(a, "Mapped", n)) out = el, *nonnull = nn;   /* Mapped[T]: T */
		else if (el) out = xasprintf("[%s%s]", el, nn ? "!" : ""), free(el);
	}
	free(arg);
	return out;
}

/* What one property's field is: its GraphQL type (NULL: not a field, a manager or a
 * constant), *ref the model it holds or -1, *value 1 when it is a structured value. */
static char *prop_type(const struct fed *x, int m, const struct fprop *p, int *ref, int *value)
{
	*ref = -1;
	*value = 0;
	const char *t = lookup(props, p->ctor, strlen(p->ctor)), *ty;
	char *base = NULL;
	for (int hop = 0; !t && hop < 4; hop++) {     /* a property class of the project's */
		char *b = fed_class_base(x, base ? base : p->ctor);
		free(base);
		base = b;
		if (!b) break;
		t = lookup(props, b, strlen(b));
	}
	free(base);
	int nn;
	if (!*p->ctor && *p->annot) return annot_type(x, p->annot, 0, &nn, ref, 0);
	if (!strcmp(p->ctor, "Column") || !strcmp(p->ctor, "mapped_column")) {
		ty = *p->arg ? lookup(types, p->arg, strlen(p->arg)) : NULL;
		if (ty) return xstrdup(ty);
		char *a = annot_type(x, p->annot, 0, &nn, ref, 0);
		return a ? a : xstrdup("PythonValue");
	}
	if (!strcmp(p->ctor, "ListProperty")) {
		ty = *p->arg ? lookup(types, p->arg, strlen(p->arg)) : NULL;
		return xasprintf("[%s!]", ty ? ty : "PythonValue");
	}
	if (!t) {
		size_t n = strlen(p->ctor);
		int fieldish = (n > 8 && !strcmp(p->ctor + n - 8, "Property")) ||
			       (n > 5 && !strcmp(p->ctor + n - 5, "Field"));
		return fieldish ? xstrdup("PythonValue") : NULL;
	}
	if (*t && strcmp(t, "{}") && strcmp(t, "[]")) return xstrdup(t);
	int target = !strcmp(p->ctor, "SelfReferenceProperty") ? m : model_named(x, p->arg, m);
	if (target < 0) return xstrdup(!strcmp(t, "{}") ? "JSON" : !strcmp(t, "[]") ? "[ID!]" : "ID");
	*ref = target;
	*value = !strcmp(t, "{}");
	char *name = type_name(x, target);
	char *out = *value ? xasprintf("%sValue", name) : !strcmp(t, "[]") ? xasprintf("[%s!]", name)
		    : xstrdup(name);
	free(name);
	return out;
}

static int has_flag(const struct fprop *p, char f) { return strchr(p->flags, f) != NULL; }

/* Django fields are NOT NULL unless null=True; ndb, db and SQLAlchemy ones may be null unless
 * required=True, nullable=False or primary_key=True. */
static int prop_nonnull(const struct dmodel *dm, const struct fprop *p)
{
	if (strstr(dm->base, "django")) return !has_flag(p, 'n');
	return has_flag(p, 'q') || has_flag(p, 'p');
}

/* --- the parts ----------------------------------------------------------------------------- */
void fsub_init(struct fsub *sg, int svc)
{
	memset(sg, 0, sizeof(*sg));
	sg->svc = svc;
}

static void callers_release(struct fcaller *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].module);
		free(v[i].func);
		free(v[i].method);
		free(v[i].path);
	}
}

void fsub_release(struct fsub *sg)
{
	VEC_FREE(sg->entities);
	for (size_t i = 0; i < sg->stubs.n; i++) {
		callers_release(sg->stubs.v[i].callers.v, sg->stubs.v[i].callers.n);
		VEC_FREE(sg->stubs.v[i].callers);
	}
	VEC_FREE(sg->stubs);
	for (size_t i = 0; i < sg->fields.n; i++) {
		struct ffield *f = &sg->fields.v[i];
		callers_release(f->callers.v, f->callers.n);
		VEC_FREE(f->callers);
		free(f->py);
		free(f->module);
		free(f->verb);
		free(f->name);
	}
	VEC_FREE(sg->fields);
	for (size_t i = 0; i < sg->skipped.n; i++) {
		struct fskip *k = &sg->skipped.v[i];
		callers_release(k->callers.v, k->callers.n);
		VEC_FREE(k->callers);
		free(k->symbol);
		free(k->module);
		free(k->why);
	}
	VEC_FREE(sg->skipped);
}

static struct fcaller caller(const char *module, const char *func, const char *method,
			     const char *path, int line, int col)
{
	struct fcaller c = { xstrdup(module), func ? xstrdup(func) : NULL,
			     method ? xstrdup(method) : NULL, path ? xstrdup(path) : NULL, line, col };
	return c;
}

void fsub_stub(struct fsub *sg, int model, const char *module, const char *path, int line)
{
	size_t i = 0;
	while (i < sg->stubs.n && sg->stubs.v[i].model != model) i++;
	if (i == sg->stubs.n) {
		struct fstub s = { model, {0} };
		VEC_PUSH(sg->stubs, s);
	}
	if (module) VEC_PUSH(sg->stubs.v[i].callers, caller(module, NULL, NULL, path, line, 0));
}

/* The module (dotted) that holds df: the importing edge names it. */
void fsub_use(struct fed *x, struct fsub *sg, const struct fdef *df, const char *module,
	      const char *symbol, const char *path, int line, int col, const char *why)
{
	if (why || !df) {
		size_t i = 0;
		while (i < sg->skipped.n && strcmp(sg->skipped.v[i].symbol, symbol)) i++;
		if (i == sg->skipped.n) {
			struct fskip k = { xstrdup(symbol), NULL, xstrdup(why ? why : "unknown"), {0} };
			VEC_PUSH(sg->skipped, k);
		}
		VEC_PUSH(sg->skipped.v[i].callers, caller(module, NULL, NULL, path, line, col));
		return;
	}
	size_t i = 0;
	while (i < sg->fields.n && sg->fields.v[i].def != df) i++;
	if (i == sg->fields.n) {
		struct ffield f = { df, xasprintf("%s.%s", fed_def_module(x, df), df->name), NULL, -1,
				    NULL, NULL, df->writes, {0} };
		VEC_PUSH(sg->fields, f);
	}
	VEC_PUSH(sg->fields.v[i].callers, caller(module, NULL, NULL, path, line, col));
}

/* What a write does, as a mutation's verb: save (put, save, create...) or delete. */
static const char *verb_of(const char *method)
{
	if (method && strstr(method, "delete")) return "delete";
	return "save";
}

void fsub_foreign_write(struct fed *x, struct fsub *sg, int model, const char *module,
			const char *func, const char *method, const char *path, int line, int col)
{
	const char *verb = verb_of(method);
	size_t i = 0;
	while (i < sg->fields.n && (sg->fields.v[i].def || sg->fields.v[i].model != model ||
				    strcmp(sg->fields.v[i].verb, verb))) i++;
	if (i == sg->fields.n) {
		struct ffield f = { NULL, xstrdup(fed_dmodel(x, model)->name), NULL, model,
				    xstrdup(verb), NULL, 1, {0} };
		VEC_PUSH(sg->fields, f);
	}
	VEC_PUSH(sg->fields.v[i].callers, caller(module, func, method, path, line, col));
}

/* --- names of root fields ------------------------------------------------------------------ */
static char *base_name(struct fed *x, const struct ffield *f)
{
	if (f->def) return camel(f->def->name);
	char *t = type_name(x, f->model);
	char *n = xasprintf("%s%s", f->verb, t);
	free(t);
	return n;
}

static void count_names(struct fsub *subs, size_t n, struct smap *count)
{
	smap_release(count);
	for (size_t s = 0; s < n; s++)
		for (size_t i = 0; i < subs[s].fields.n; i++) {
			int64_t *c = smap_get(count, subs[s].fields.v[i].name);
			if (c) ++*c;
			else smap_put(count, subs[s].fields.v[i].name, 1);
		}
}

/* Names clash across subgraphs (composition refuses two root fields of one name) and
 * within one (two modules' get_user): the service, then the module, then a number makes
 * each unique, in a fixed order. */
void fsub_name_fields(struct fed *x, struct fsub *subs, size_t n)
{
	struct smap count = {0};
	for (size_t s = 0; s < n; s++)
		for (size_t i = 0; i < subs[s].fields.n; i++) subs[s].fields.v[i].name = base_name(x, &subs[s].fields.v[i]);
	for (int round = 0; round < 3; round++) {
		count_names(subs, n, &count);
		for (size_t s = 0; s < n; s++)
			for (size_t i = 0; i < subs[s].fields.n; i++) {
				struct ffield *f = &subs[s].fields.v[i];
				if (*smap_get(&count, f->name) < 2) continue;
				char *base = base_name(x, f), *q;
				const char *mod = f->def ? fed_file_path(x, f->def->file) : "";
				if (round == 0) q = xasprintf("%s_%s", fed_service(x, subs[s].svc), base);
				else if (round == 1) q = xasprintf("%s_%s_%s", fed_service(x, subs[s].svc), mod, base);
				else q = xasprintf("%s_%zu_%zu", base, s, i);
				free(f->name);
				f->name = camel(q);
				free(q);
				free(base);
			}
	}
	smap_release(&count);
}

/* --- SDL ----------------------------------------------------------------------------------- */
struct ivec { int *v; size_t n, cap; };
struct sdl {
	struct fed *x;
	const struct fsub *sg;
	struct strbuf out;
	unsigned scalars;
	struct ivec stubs_needed;  /* models of others that types or fields name */
	struct ivec values;        /* models whose structured value types are needed */
	const char *type;          /* the entity type being written (for the ledger), or NULL */
	int migrate;               /* a field carries @migrate: the subgraph declares it */
	struct fcounts *counts;    /* fsub_counts: the fields by state */
};

/* " @migrate(...)" after a field the ledger records, to end its line; its state (python
 * when the ledger does not name it). A field of an entity or a root type counts. */
static int migrate(struct sdl *s, struct strbuf *line, const char *type, const char *field)
{
	int st = type ? fed_ledger(s->x, type, field) : -1;
	if (s->counts && type) {
		s->counts->fields++;
		s->counts->state[st < 0 ? CL_LEDGER_PYTHON : st]++;
	}
	if (st < 0) return CL_LEDGER_PYTHON;
	sb_addf(line, " @migrate(from: \"python\", state: \"%s\")", cl_ledger_state_name(st));
	s->migrate = 1;
	return st;
}

/* A description string on one line: quotes and backslashes escaped, controls dropped. */
static void desc(struct strbuf *sb, const char *indent, const char *text)
{
	sb_adds(sb, indent);
	sb_addc(sb, '"');
	for (const unsigned char *p = (const unsigned char *)text; *p; p++) {
		if (*p == '"' || *p == '\\') sb_addc(sb, '\\');
		if (*p >= 0x20 && *p != 0x7f) sb_addc(sb, (char)*p);
	}
	sb_adds(sb, "\"\n");
}

static void need_int(struct ivec *v, int m)
{
	for (size_t i = 0; i < v->n; i++) if (v->v[i] == m) return;
	VEC_PUSH(*v, m);
}

static int owned_here(const struct sdl *s, int m)
{
	return fed_owner(s->x, m) == s->sg->svc;
}

/* A type a field uses: its scalar declared, the stub or value type of a model it names. */
static void uses_type(struct sdl *s, const char *type, int ref, int value)
{
	s->scalars |= scalar_bit(type);
	if (ref < 0) return;
	if (value) need_int(&s->values, ref);
	else if (!owned_here(s, ref)) need_int(&s->stubs_needed, ref);
}

static void callers_text(struct strbuf *sb, const struct fcaller *v, size_t n)
{
	for (size_t i = 0; i < n && i < MAX_CALLERS_SHOWN; i++) {
		sb_addf(sb, "%s%s", i ? ", " : "", v[i].module);
		if (v[i].func) sb_addf(sb, ".%s", v[i].func);
		if (v[i].path) sb_addf(sb, " (%s:%d)", v[i].path, v[i].line);
	}
	if (n > MAX_CALLERS_SHOWN) sb_addf(sb, " and %zu more", n - MAX_CALLERS_SHOWN);
}

/* The fields of model m and of the model classes it derives from (its own first), each
 * name once; with id when m is an entity (value: a structured value has none). */
static void model_fields(struct sdl *s, int m, int value, int depth, struct smap *seen)
{
	const struct fmodel *fm = fed_model(s->x, m);
	const struct dmodel *dm = fed_dmodel(s->x, m);
	for (size_t i = 0; i < fm->props.n; i++) {
		const struct fprop *p = &fm->props.v[i];
		int ref, isvalue;
		struct strbuf gn = {0};                  /* its GraphQL name: one field per name */
		add_name(&gn, p->name);
		if (!strcmp(gn.buf, "id") || has_flag(p, 'p') || smap_get(seen, gn.buf)) {
			sb_release(&gn);
			continue;
		}
		char *t = prop_type(s->x, m, p, &ref, &isvalue);
		if (!t) {
			sb_release(&gn);
			continue;
		}
		smap_put(seen, gn.buf, 1);
		uses_type(s, t, ref, isvalue);
		char *d = xasprintf("%s.%s: %s%s%s%s (%s:%d)", dm->name, p->name,
				    p->ctor[0] ? p->ctor : p->annot, p->arg[0] ? "(" : "",
				    p->arg[0] == '@' ? p->arg + 1 : p->arg, p->arg[0] ? ")" : "",
				    dm->path ? dm->path : "?", p->line);
		desc(&s->out, "  ", d);
		free(d);
		struct strbuf line = {0};
		sb_addf(&line, "  %s", gn.buf);
		int list = t[0] == '[';
		if (has_flag(p, 'r') && !list) sb_addf(&line, ": [%s!]!", t);   /* repeated: [] */
		else sb_addf(&line, ": %s%s", t, list || prop_nonnull(dm, p) ? "!" : "");
		migrate(s, &line, value ? NULL : s->type, gn.buf);
		sb_addc(&line, '\n');
		sb_adds(&s->out, line.buf);
		sb_release(&line);
		sb_release(&gn);
		free(t);
	}
	int parent = fm->parent ? fed_model_of_key(s->x, fm->parent) : -1;
	if (parent >= 0 && parent != m && depth < 16) model_fields(s, parent, value, depth + 1, seen);
}

/* An entity type's description, the same in its owner's subgraph and in every stub (the
 * gateway keeps one): the kind, its owner and its model classes. */
static void entity_desc(struct sdl *s, int m0)
{
	struct strbuf d = {0};
	const struct dmodel *dm = fed_dmodel(s->x, m0);
	sb_addf(&d, "%s %s, owned by %s: ", is_sql(dm) ? "Table" : "Datastore kind", dm->kind,
		dm->owner >= 0 ? fed_service(s->x, dm->owner) : "no service");
	for (size_t i = 0, k = 0; i < fed_nmodels(s->x); i++) {
		const struct dmodel *m = fed_dmodel(s->x, (int)i);
		if ((m->owner != dm->owner && !m->abstract) || strcmp(type_word(m), type_word(dm))) continue;
		sb_addf(&d, "%s%s (%s:%d, a%s %s)", k++ ? ", " : "", m->name, m->path ? m->path : "?",
			m->line, m->abstract ? "n abstract" : "", m->base);
	}
	sb_adds(&d, ".");
	sb_adds(&s->out, "\"\"\"\n");
	for (const char *p = d.buf; *p; p++)
		if ((unsigned char)*p >= 0x20 && *p != 0x7f) sb_addc(&s->out, *p);
	sb_adds(&s->out, "\n\"\"\"\n");
	sb_release(&d);
}

/* The id field: the datastore key, or the primary key (named when it is not id). */
static void key_field(struct sdl *s, int m)
{
	const struct dmodel *dm = fed_dmodel(s->x, m);
	const char *pk = NULL;
	for (int k = m, hops = 0; k >= 0 && !pk && hops < 16; hops++) {
		const struct fmodel *fm = fed_model(s->x, k);
		for (size_t i = 0; i < fm->props.n && !pk; i++)
			if (has_flag(&fm->props.v[i], 'p')) pk = fm->props.v[i].name;
		k = fm->parent ? fed_model_of_key(s->x, fm->parent) : -1;
	}
	char *d = !is_sql(dm) ? xstrdup("The entity's key (the datastore key).") : pk && strcmp(pk, "id") ?
		xasprintf("The primary key of table %s, the column %s.", dm->kind, pk) :
		xasprintf("The primary key of table %s.", dm->kind);
	desc(&s->out, "  ", d);
	free(d);
	sb_adds(&s->out, "  id: ID!\n");
}

/* One entity type per kind the service owns: a PolyModel's classes share their root's kind,
 * and their fields meet in it. */
static void entities(struct sdl *s)
{
	const struct fsub *sg = s->sg;
	VEC(int) done = {0};
	for (size_t i = 0; i < sg->entities.n; i++) {
		int m = sg->entities.v[i];
		const char *kind = type_word(fed_dmodel(s->x, m));
		int dup = 0;
		for (size_t k = 0; k < done.n; k++) dup |= !strcmp(type_word(fed_dmodel(s->x, done.v[k])), kind);
		if (dup) continue;
		VEC(int) same = {0};
		for (size_t k = i; k < sg->entities.n; k++)
			if (!strcmp(type_word(fed_dmodel(s->x, sg->entities.v[k])), kind))
				VEC_PUSH(same, sg->entities.v[k]);
		VEC_PUSH(done, m);
		entity_desc(s, m);
		sb_adds(&s->out, "type ");
		size_t at = s->out.len;
		add_type_name(&s->out, kind);
		char *tname = xstrdup(s->out.buf + at);
		s->type = tname;
		sb_adds(&s->out, " @key(fields: \"id\") {\n");
		key_field(s, m);
		struct smap seen = {0};
		for (size_t k = 0; k < same.n; k++) model_fields(s, same.v[k], 0, 0, &seen);
		smap_release(&seen);
		s->type = NULL;
		free(tname);
		sb_adds(&s->out, "}\n\n");
		VEC_FREE(same);
	}
	VEC_FREE(done);
}

/* Structured values (StructuredProperty(Address)): a value type per model, shareable, as
 * every subgraph that holds one defines it alike. */
static void values(struct sdl *s)
{
	for (size_t i = 0; i < s->values.n; i++) {     /* grows while fields name more */
		int m = s->values.v[i];
		const struct dmodel *dm = fed_dmodel(s->x, m);
		char *d = xasprintf("%s as a value stored inside another entity (a structured "
				    "property): the fields of %s (%s:%d).", type_word(dm), dm->name, dm->path ? dm->path : "?",
				    dm->line);
		desc(&s->out, "", d);
		free(d);
		sb_adds(&s->out, "type ");
		add_type_name(&s->out, type_word(dm));
		sb_adds(&s->out, "Value @shareable {\n");
		size_t at = s->out.len;
		struct smap seen = {0};
		model_fields(s, m, 1, 1, &seen);
		smap_release(&seen);
		if (s->out.len == at) {
			desc(&s->out, "  ", "The model declares no properties cutline could read.");
			sb_adds(&s->out, "  value: JSON\n");
			s->scalars |= SC_JSON;
		}
		sb_adds(&s->out, "}\n\n");
	}
}

static const struct fstub *stub_of(const struct fsub *sg, int m)
{
	for (size_t i = 0; i < sg->stubs.n; i++) if (sg->stubs.v[i].model == m) return &sg->stubs.v[i];
	return NULL;
}

static void stubs(struct sdl *s)
{
	for (size_t i = 0; i < s->sg->stubs.n; i++) need_int(&s->stubs_needed, s->sg->stubs.v[i].model);
	VEC(int) kinds = {0};
	for (size_t i = 0; i < s->stubs_needed.n; i++) {
		int m = s->stubs_needed.v[i], dup = 0;
		for (size_t k = 0; k < kinds.n; k++)
			dup |= !strcmp(type_word(fed_dmodel(s->x, kinds.v[k])), type_word(fed_dmodel(s->x, m)));
		if (dup) continue;
		VEC_PUSH(kinds, m);
		const struct dmodel *dm = fed_dmodel(s->x, m);
		const struct fstub *st = stub_of(s->sg, m);
		struct strbuf c = {0};
		if (st && st->callers.n) callers_text(&c, st->callers.v, st->callers.n);
		sb_addf(&s->out, "# A stub: %s %s.\n", st && st->callers.n ? "used here by" :
			"named by a field here", st && st->callers.n ? c.buf : "");
		sb_release(&c);
		entity_desc(s, m);
		sb_adds(&s->out, "type ");
		add_type_name(&s->out, type_word(dm));
		sb_adds(&s->out, " @key(fields: \"id\", resolvable: false) {\n");
		key_field(s, m);
		sb_adds(&s->out, "}\n\n");
	}
	VEC_FREE(kinds);
}

/* A def's arguments from its signature (a class's from __init__, without self). */
static void arguments(struct sdl *s, const struct fdef *df, struct strbuf *line,
		      struct strbuf *notes)
{
	const char *sig = df->is_class ? df->init_params : df->params;
	char *all = sig ? xstrdup(sig) : NULL, *save = NULL;
	int first = 1, any = 0;
	for (char *w = all ? strtok_r(all, " ", &save) : NULL; w; w = strtok_r(NULL, " ", &save)) {
		int self = first && df->is_class;
		first = 0;
		if (self || !strncmp(w, "->", 2) || !strcmp(w, "*") || !strcmp(w, "/")) continue;
		if (w[0] == '*' || !strcmp(w, "()")) {
			sb_addf(notes, " Also takes %.*s, which has no GraphQL form.",
				!strcmp(w, "()") ? 17 : (int)strcspn(w, ":="),
				!strcmp(w, "()") ? "a tuple parameter" : w);
			continue;
		}
		size_t n = strlen(w);
		int dflt = w[n - 1] == '=';
		if (dflt) w[--n] = 0;
		char *colon = strchr(w, ':');
		if (colon) *colon = 0;
		int nn, ref;
		char *t = colon ? annot_type(s->x, colon + 1, 1, &nn, &ref, 0) : NULL;
		if (!t) t = xstrdup("PythonValue"), nn = 1;
		s->scalars |= scalar_bit(t);
		sb_adds(line, any ? ", " : "(");
		any = 1;
		add_name(line, w);
		sb_addf(line, ": %s%s", t, nn && !dflt ? "!" : "");
		free(t);
	}
	if (any) sb_addc(line, ')');
	free(all);
}

static const char *return_annotation(const struct fdef *df)
{
	const char *sig = df->is_class ? NULL : df->params;
	const char *r = sig ? strstr(sig, "->") : NULL;
	return r ? r + 2 : NULL;
}

static void def_field(struct sdl *s, const struct ffield *f)
{
	const struct fdef *df = f->def;
	struct strbuf d = {0}, notes = {0}, line = {0};
	sb_addf(&d, "%s %s (%s:%d), called across the cut by ", df->is_class ? "The class" :
		"The function", f->py, fed_file_path(s->x, df->file), df->line);
	callers_text(&d, f->callers.v, f->callers.n);
	sb_addc(&d, '.');
	if (f->mutation) sb_adds(&d, " It writes a model in its own body: a mutation.");
	sb_adds(&line, "  ");
	add_name(&line, f->name);
	arguments(s, df, &line, &notes);
	int nn, ref;
	char *t = annot_type(s->x, return_annotation(df), 0, &nn, &ref, 0);
	if (!t) t = xstrdup("PythonValue"), nn = 0, ref = -1;
	uses_type(s, t, ref, 0);
	sb_addf(&line, ": %s%s", t, nn ? "!" : "");
	int state = migrate(s, &line, f->mutation ? "Mutation" : "Query", f->name);
	if (s->counts) s->counts->lines[state] += (size_t)(df->end_line >= df->line ? df->end_line - df->line + 1 : 1);
	sb_addc(&line, '\n');
	free(t);
	sb_adds(&d, sb_str(&notes));
	desc(&s->out, "  ", d.buf);
	sb_adds(&s->out, line.buf);
	sb_release(&d);
	sb_release(&notes);
	sb_release(&line);
}

static void write_field(struct sdl *s, const struct ffield *f)
{
	const struct dmodel *dm = fed_dmodel(s->x, f->model);
	struct strbuf d = {0};
	sb_addf(&d, "Writes (%s) of %s that other services make, to be served here by its owner: ",
		f->verb, type_word(dm));
	for (size_t i = 0; i < f->callers.n && i < MAX_CALLERS_SHOWN; i++) {
		const struct fcaller *c = &f->callers.v[i];
		sb_addf(&d, "%s%s%s%s %s (%s:%d)", i ? ", " : "", c->module, c->func ? "." : "",
			c->func ? c->func : "", c->method ? c->method : "", c->path ? c->path : "?", c->line);
	}
	if (f->callers.n > MAX_CALLERS_SHOWN)
		sb_addf(&d, " and %zu more", f->callers.n - MAX_CALLERS_SHOWN);
	sb_addc(&d, '.');
	desc(&s->out, "  ", d.buf);
	sb_release(&d);
	struct strbuf line = {0};
	sb_adds(&line, "  ");
	add_name(&line, f->name);
	char *t = type_name(s->x, f->model);
	if (!strcmp(f->verb, "delete")) sb_adds(&line, "(id: ID!): Boolean!");
	else sb_addf(&line, "(id: ID, input: JSON): %s", t);
	migrate(s, &line, "Mutation", f->name);
	sb_addc(&line, '\n');
	sb_adds(&s->out, line.buf);
	sb_release(&line);
	s->scalars |= SC_JSON * !!strcmp(f->verb, "delete");
	free(t);
}

static void roots(struct sdl *s, int mutation)
{
	size_t at = s->out.len;
	int any = 0;
	for (size_t i = 0; i < s->sg->fields.n; i++) {
		const struct ffield *f = &s->sg->fields.v[i];
		if (f->mutation != mutation) continue;
		if (!any) sb_addf(&s->out, "type %s {\n", mutation ? "Mutation" : "Query");
		any = 1;
		if (f->def) def_field(s, f);
		else write_field(s, f);
	}
	if (any) sb_adds(&s->out, "}\n\n");
	else s->out.len = at;
}

static void scalars(struct sdl *s)
{
	static const struct { unsigned bit; const char *name, *text; } sc[] = {
		{ SC_DATETIME, "DateTime", "A date, a time or both, as ISO 8601 text." },
		{ SC_JSON, "JSON", "Any JSON value: a JSON, pickled or generic property, a dict, or an "
		  "input that is not typed yet." },
		{ SC_DECIMAL, "Decimal", "An exact decimal number, as text." },
		{ SC_PYTHON, "PythonValue", "A value whose type cutline could not tell from the Python "
		  "source (no annotation, an unknown property class): decide it before the port." },
	};
	for (size_t i = 0; i < sizeof(sc) / sizeof(sc[0]); i++) {
		if (!(s->scalars & sc[i].bit)) continue;
		desc(&s->out, "", sc[i].text);
		sb_addf(&s->out, "scalar %s\n\n", sc[i].name);
	}
}

static char *sdl_counted(struct fed *x, const struct fsub *sg, struct fcounts *counts)
{
	if (!sg->entities.n && !sg->fields.n && !sg->stubs.n) return NULL;
	struct sdl s = { x, sg, {0}, 0, {0}, {0}, NULL, 0, counts };
	sb_addf(&s.out, "# The %s subgraph: a draft by `cutline federate` from the Python it would "
		"serve.\n# Review every type and field: each description names its source.\n"
		"extend schema\n  @link(url: \"https://specs.apollo.dev/federation/v2.3\", import: "
		"[\"@key\", \"@shareable\"])\n\n", fed_service(x, sg->svc));
	entities(&s);
	roots(&s, 0);
	roots(&s, 1);
	values(&s);
	stubs(&s);
	scalars(&s);
	if (s.migrate)
		sb_adds(&s.out, "\"Which side serves the field while the service moves out of the Python "
			"monolith (cutline's migration ledger, [federation] in boundaries.toml): python, "
			"side-by-side or migrated.\"\ndirective @migrate(from: String!, state: String!) "
			"on FIELD_DEFINITION\n\n");
	for (size_t i = 0; i < sg->skipped.n; i++) {
		const struct fskip *k = &sg->skipped.v[i];
		struct strbuf c = {0};
		callers_text(&c, k->callers.v, k->callers.n);
		sb_addf(&s.out, "# Not a field: %s, imported by %s: %s.\n", k->symbol, c.buf, k->why);
		sb_release(&c);
	}
	while (s.out.len && s.out.buf[s.out.len - 1] == '\n') s.out.len--;
	sb_addc(&s.out, '\n');
	VEC_FREE(s.stubs_needed);
	VEC_FREE(s.values);
	return sb_detach(&s.out);
}

char *fsub_sdl(struct fed *x, const struct fsub *sg) { return sdl_counted(x, sg, NULL); }

void fsub_counts(struct fed *x, const struct fsub *sg, struct fcounts *c)
{
	memset(c, 0, sizeof(*c));
	free(sdl_counted(x, sg, c));
}

/* --- JSON ---------------------------------------------------------------------------------- */
static cJSON *callers_json(const struct fcaller *v, size_t n)
{
	cJSON *a = cJSON_CreateArray();
	for (size_t i = 0; i < n; i++) {
		cJSON *c = cJSON_CreateObject();
		cJSON_AddStringToObject(c, "module", v[i].module);
		if (v[i].func) cJSON_AddStringToObject(c, "function", v[i].func);
		if (v[i].method) cJSON_AddStringToObject(c, "method", v[i].method);
		if (v[i].path) cJSON_AddStringToObject(c, "path", v[i].path);
		cJSON_AddNumberToObject(c, "line", v[i].line);
		cJSON_AddItemToArray(a, c);
	}
	return a;
}

struct cJSON *fsub_json(struct fed *x, const struct fsub *sg)
{
	cJSON *j = cJSON_CreateObject();
	cJSON_AddStringToObject(j, "service", fed_service(x, sg->svc));
	cJSON *ents = cJSON_AddArrayToObject(j, "entities");
	for (size_t i = 0; i < sg->entities.n; i++) {
		const struct dmodel *dm = fed_dmodel(x, sg->entities.v[i]);
		cJSON *e = cJSON_CreateObject();
		char *t = type_name(x, sg->entities.v[i]);
		cJSON_AddStringToObject(e, "type", t);
		free(t);
		cJSON_AddStringToObject(e, "model", dm->name);
		if (dm->path) cJSON_AddStringToObject(e, "path", dm->path);
		cJSON_AddNumberToObject(e, "line", dm->line);
		cJSON_AddItemToArray(ents, e);
	}
	cJSON *stubs_j = cJSON_AddArrayToObject(j, "stubs");
	for (size_t i = 0; i < sg->stubs.n; i++) {
		cJSON *e = cJSON_CreateObject();
		char *t = type_name(x, sg->stubs.v[i].model);
		cJSON_AddStringToObject(e, "type", t);
		free(t);
		cJSON_AddStringToObject(e, "model", fed_dmodel(x, sg->stubs.v[i].model)->name);
		cJSON_AddItemToObject(e, "read_by", callers_json(sg->stubs.v[i].callers.v, sg->stubs.v[i].callers.n));
		cJSON_AddItemToArray(stubs_j, e);
	}
	cJSON *q = cJSON_AddArrayToObject(j, "queries"), *m = cJSON_AddArrayToObject(j, "mutations");
	for (size_t i = 0; i < sg->fields.n; i++) {
		const struct ffield *f = &sg->fields.v[i];
		cJSON *e = cJSON_CreateObject();
		cJSON_AddStringToObject(e, "field", f->name);
		int st = fed_ledger(x, f->mutation ? "Mutation" : "Query", f->name);
		if (st >= 0) cJSON_AddStringToObject(e, "state", cl_ledger_state_name(st));
		if (f->def) {
			cJSON_AddStringToObject(e, "python", f->py);
			cJSON_AddStringToObject(e, "path", fed_file_path(x, f->def->file));
			cJSON_AddNumberToObject(e, "line", f->def->line);
			cJSON_AddItemToObject(e, "callers", callers_json(f->callers.v, f->callers.n));
		} else {
			cJSON_AddStringToObject(e, "foreign_write", fed_dmodel(x, f->model)->name);
			cJSON_AddStringToObject(e, "verb", f->verb);
			cJSON_AddItemToObject(e, "writers", callers_json(f->callers.v, f->callers.n));
		}
		cJSON_AddItemToArray(f->mutation ? m : q, e);
	}
	cJSON *sk = cJSON_AddArrayToObject(j, "not_fields");
	for (size_t i = 0; i < sg->skipped.n; i++) {
		cJSON *e = cJSON_CreateObject();
		cJSON_AddStringToObject(e, "symbol", sg->skipped.v[i].symbol);
		cJSON_AddStringToObject(e, "why", sg->skipped.v[i].why);
		cJSON_AddItemToObject(e, "imported_by", callers_json(sg->skipped.v[i].callers.v,
								      sg->skipped.v[i].callers.n));
		cJSON_AddItemToArray(sk, e);
	}
	return j;
}
