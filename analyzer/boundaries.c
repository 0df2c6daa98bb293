/* boundaries.c — the boundary half of boundaries.toml: `layers`, [[service]], [[contract]],
 * [rules] and [[ignore]], read through toml.c and checked key by key (types, unknown keys
 * with a hint, duplicate names, services and layers that do not exist). Checks that need
 * the module list (a pattern that matches nothing, overlapping services) live in check.c.
 * Also the tables of violation kinds, edge contexts and severities. */
#include "config_p.h"
#include "glob_p.h"
#include "util_p.h"

#include <stdlib.h>
#include <string.h>

static const struct { const char *id; int sev; const char *help; } kinds[CL_K_COUNT] = {
	{ "undeclared-dependency", CL_ERROR, "A module imports a module of another service that "
	  "its service does not list in depends_on. Add the service to depends_on if the "
	  "dependency is intended, or remove the import." },
	{ "private-import", CL_ERROR, "A module imports a module that another service keeps "
	  "private (not in its public list, or in its private list). Import the service's public "
	  "API instead, or make the module public." },
	{ "layer-violation", CL_ERROR, "A module of a lower layer imports a module of a higher "
	  "layer (layers are listed high to low). Invert the dependency or move the code." },
	{ "forbidden-import", CL_ERROR, "An import that a forbidden contract rules out: a source "
	  "module imports a forbidden module." },
	{ "independence-violation", CL_ERROR, "Two members of an independence contract import "
	  "one another; they must stay independent." },
	{ "acyclic-violation", CL_ERROR, "The members of an acyclic contract import one another "
	  "in a cycle. The chain shows each hop; break one of them." },
	{ "service-cycle", CL_ERROR, "Services depend on one another in a cycle, so none can be "
	  "deployed alone. The chain shows each hop with the import behind it." },
	{ "module-cycle", CL_ERROR, "Modules import one another at import time (module level) in "
	  "a cycle; the import order decides whether it works. The chain shows each hop." },
	{ "unassigned-module", CL_WARNING, "A module that no service's modules pattern matches. "
	  "Add it to a service." },
	{ "unused-ignore", CL_WARNING, "An [[ignore]] entry or an inline `# cutline: ignore` "
	  "comment that matched no violation. Remove it." },
	{ "unused-dependency", CL_NOTE, "A service lists a service in depends_on that none of "
	  "its modules imports." },
	{ "parse-error", CL_WARNING, "A file has syntax errors (or could not be read); its "
	  "imports may be incomplete." },
	{ "stale-baseline", CL_ERROR, "A baseline entry that no current violation matches: it "
	  "was fixed. Run `cutline baseline prune` so that it cannot come back unnoticed." },
	{ "missing-reason", CL_ERROR, "An inline `# cutline: ignore[...]` comment without a "
	  "reason, while reasons are required." },
	{ "foreign-write", CL_ERROR, "Code writes a datastore model that another service owns. "
	  "One writer per piece of data: call the owning service's API instead, or move the "
	  "model (owns = [...]) to the service that writes it." },
	{ "foreign-read", CL_WARNING, "Code reads a datastore model that another service owns, "
	  "and its service does not list the model in reads = [...]. Declare the read, or ask "
	  "the owner's API." },
	{ "shared-model", CL_WARNING, "A datastore model is written by two or more services: "
	  "it has no single writer yet. The foreign-write violations show where." },
	{ "unowned-model", CL_WARNING, "A datastore model that no service owns: its module is "
	  "in no service and no owns = [...] names it." },
	{ "migrated-call", CL_ERROR, "Python code still reaches, across the cut, a field that "
	  "the migration ledger ([federation] in boundaries.toml) marks migrated: the service "
	  "that owns it now serves it through its GraphQL subgraph." },
};

/* What to do about each kind, in the order of kinds: printed under a violation, SARIF's
 * help; a service, contract or [[ignore]] replaces it with its own instructions. */
static const char *const fixes[CL_K_COUNT] = {
	/* undeclared-dependency */ "Declare the dependency (the service in depends_on, a reviewed change to boundaries.toml) if it is meant; otherwise remove the import, or reach the code through a service this one may depend on.",
	/* private-import */ "Import the service's public API instead (the modules its public list names), or ask its owners to make this module public.",
	/* layer-violation */ "Invert the dependency (pass what the lower layer needs in, as an argument or a callback) or move the code to a layer that may use it.",
	/* forbidden-import */ "Remove the import: the contract rules it out. Move the code that needs it, or change the contract in a reviewed change.",
	/* independence-violation */ "Remove the import between the two members; move what both need to a module that both may use.",
	/* acyclic-violation */ "Break one hop of the chain: move the code one side needs, or invert one import.",
	/* service-cycle */ "Break one hop of the chain (remove or invert one cross-service import), so that the services can be deployed one after another.",
	/* module-cycle */ "Break one hop of the chain: import inside the function that needs it, or move the shared code to a third module.",
	/* unassigned-module */ "Add the module to a service's modules patterns, or exclude it in [project].",
	/* unused-ignore */ "Remove the entry or the comment: what it excused is gone.",
	/* unused-dependency */ "Remove the service from depends_on, so that a new dependency takes a deliberate change.",
	/* parse-error */ "Fix the syntax error (python = \"2\" for Python 2 code): until then imports after it may be missing from the gate.",
	/* stale-baseline */ "Run `cutline baseline prune`, so that the fixed violation cannot come back unnoticed.",
	/* missing-reason */ "Say why after the comment: `# cutline: ignore[kind] reason`.",
	/* foreign-write */ "Call the owning service's API instead of writing its model, or move the model (owns = [...]) to the service that writes it.",
	/* foreign-read */ "Declare the read (reads = [...] in this service), or ask the owning service's API.",
	/* shared-model */ "Give the model one writer: the foreign-write violations show where the others write it.",
	/* unowned-model */ "Give the model an owner: put its module in a service, or name it in a service's owns = [...].",
	/* migrated-call */ "Call the field through the gateway (the service's subgraph) instead of the Python, or set the field back to side-by-side in the ledger while callers remain.",
};

static const char *const contexts[CL_CTX_COUNT] = { "late", "type-checking", "dynamic",
	"string", "parent", "tests" };
static const int context_default[CL_CTX_COUNT] = { CL_ERROR, CL_WARNING, CL_ERROR, CL_WARNING,
	CL_SEV_OFF, CL_WARNING };

const char *cl_kind_name(int kind) { return kinds[kind].id; }
const char *cl_kind_help(int kind) { return kinds[kind].help; }
const char *cl_kind_fix(int kind) { return fixes[kind]; }
const char *cl_context_key(int ctx) { return contexts[ctx]; }

int cl_kind_parse(const char *id)
{
	for (int i = 0; i < CL_K_COUNT; i++) if (!strcmp(kinds[i].id, id)) return i;
	return -1;
}

const char *cl_severity_name(int sev)
{
	switch (sev) {
	case CL_NOTE: return "info";
	case CL_WARNING: return "warning";
	case CL_ERROR: return "error";
	default: return "off";
	}
}

/* The dotted-name matcher: glob.c's segment matcher with '.' as the separator, after fast
 * paths for the usual shapes (`a.b`, `a.b.*`, `a.b.**`): check runs it per module and
 * pattern, tens of thousands of times. */
int cl_name_match(const char *pattern, const char *name)
{
	size_t lp = strlen(pattern);
	if (lp > 3 && !strcmp(pattern + lp - 3, ".**") && glob_literal(pattern, lp - 3))
		return !strncmp(name, pattern, lp - 3) && (!name[lp - 3] || name[lp - 3] == '.');
	if (lp > 2 && !strcmp(pattern + lp - 2, ".*") && glob_literal(pattern, lp - 2))
		return !strncmp(name, pattern, lp - 2) && name[lp - 2] == '.' && name[lp - 1] &&
		       !strchr(name + lp - 1, '.');
	if (glob_literal(pattern, lp)) return !strcmp(pattern, name);
	char p[1024], n[1024];
	size_t ln = strlen(name);
	if (lp >= sizeof(p) || ln >= sizeof(n)) return 0;
	for (size_t i = 0; i <= lp; i++) p[i] = pattern[i] == '.' ? '/' : pattern[i];
	for (size_t i = 0; i <= ln; i++) n[i] = name[i] == '.' ? '/' : name[i];
	return glob_match_exact(p, n);
}

/* --- reading ------------------------------------------------------------------------------ */

static const char *const service_keys[] = { "name", "modules", "depends_on", "public",
	"private", "layer", "owner", "owns", "reads", "instructions", NULL };
static const char *const contract_keys[] = { "name", "type", "source_modules",
	"forbidden_modules", "modules", "instructions", NULL };
static const char *const ignore_keys[] = { "from", "to", "kind", "reason", "instructions", NULL };
static const char *const extra_rule_keys[] = { "require-reason", NULL };

static int pats(struct cfgctx *c, const struct tval *v, const char *key, struct cl_pats *out)
{
	if (want_type(c, v, key, TV_ARRAY)) return -1;
	for (size_t i = 0; i < v->nitems; i++) {
		const struct tval *it = v->items[i];
		if (it->type != TV_STRING) {
			cerr(c, it->line, it->col, "'%s' must list strings, not %s", key,
			     tval_type_name(it->type));
			return -1;
		}
		if (!*it->str) {
			cerr(c, it->line, it->col, "'%s' lists an empty name%s", key, "");
			return -1;
		}
	}
	out->v = xcalloc(v->nitems + 1, sizeof(*out->v));
	for (size_t i = 0; i < v->nitems; i++) {
		struct cl_pat p = { xstrdup(v->items[i]->str), v->items[i]->line, v->items[i]->col };
		out->v[out->n++] = p;
	}
	out->given = 1;
	out->line = v->line;
	out->col = v->col;
	return 0;
}

static void pats_free(struct cl_pats *p)
{
	for (size_t i = 0; i < p->n; i++) free(p->v[i].text);
	free(p->v);
}

static int str_key(struct cfgctx *c, const struct tval *v, const char *key, char **out)
{
	if (want_type(c, v, key, TV_STRING)) return -1;
	free(*out);
	*out = xstrdup(v->str);
	return 0;
}

/* The elements of an array of tables ([[key]]); NULL after an error. */
static const struct tval *table_array(struct cfgctx *c, const struct tval *doc, const char *key)
{
	size_t i;
	const struct tval *v = tval_get(doc, key, &i);
	if (!v) return NULL;
	if (v->type != TV_ARRAY || (v->nitems && v->items[0]->type != TV_TABLE)) {
		cerr(c, doc->kline[i], doc->kcol[i], "'%s' must be written as [[%s]] tables", key, key);
		return NULL;
	}
	return v;
}

static int need(struct cfgctx *c, const struct tval *t, const char *key, const char *what)
{
	if (tval_get(t, key, NULL)) return 0;
	cerr(c, t->line, t->col, "%s needs '%s'", what, key);
	return -1;
}

static int need_hint(struct cfgctx *c, const struct tval *t, const char *key, const char *what,
		     const char *hint)
{
	if (tval_get(t, key, NULL)) return 0;
	struct strbuf sb = {0};
	sb_addf(&sb, "%s needs '%s' (%s)", what, key, hint);
	cfg_error(c, t->line, t->col, "%s", sb.buf);
	sb_release(&sb);
	return -1;
}

/* instructions = "...": what to do about a violation, in place of its kind's default. */
static int instructions_key(struct cfgctx *c, const struct tval *v, char **out)
{
	if (str_key(c, v, "instructions", out)) return -1;
	if (**out) return 0;
	cerr(c, v->line, v->col, "'instructions' must not be empty%s%s", "", "");
	return -1;
}

static int load_service(struct cfgctx *c, struct cl_service *s, const struct tval *t)
{
	s->line = t->line;
	s->col = t->col;
	s->layer_rank = -1;
	int rc = check_keys(c, t, "[[service]]", service_keys) ? -1 : 0;
	if (need(c, t, "name", "[[service]]") || need(c, t, "modules", "[[service]]")) rc = -1;
	for (size_t i = 0; i < t->n; i++) {
		const char *k = t->keys[i];
		const struct tval *v = t->vals[i];
		int r = 0;
		if (!strcmp(k, "name")) {
			r = str_key(c, v, k, &s->name);
			if (!r) { s->line = v->line; s->col = v->col; }
			if (!r && !*s->name) {
				cerr(c, v->line, v->col, "a service's name must not be empty%s%s", "", "");
				r = -1;
			}
		} else if (!strcmp(k, "modules")) r = pats(c, v, k, &s->modules);
		else if (!strcmp(k, "depends_on")) r = pats(c, v, k, &s->depends_on);
		else if (!strcmp(k, "public")) r = pats(c, v, k, &s->public_);
		else if (!strcmp(k, "private")) r = pats(c, v, k, &s->private_);
		else if (!strcmp(k, "owner")) r = str_key(c, v, k, &s->owner);
		else if (!strcmp(k, "instructions")) r = instructions_key(c, v, &s->instructions);
		else if (!strcmp(k, "owns")) r = pats(c, v, k, &s->owns);
		else if (!strcmp(k, "reads")) r = pats(c, v, k, &s->reads);
		else if (!strcmp(k, "layer")) {
			r = str_key(c, v, k, &s->layer);
			s->layer_line = v->line;
			s->layer_col = v->col;
		}
		if (r) rc = -1;
	}
	return rc;
}

/* msg (malloc'd, consumed), then " (did you mean 'x'?)" when word is near one of known. */
static void hint_error(struct cfgctx *c, int line, int col, char *msg, const char *word,
		       const char *const *known)
{
	if (cfg_full(c)) {
		free(msg);
		return;
	}
	const char *hint = did_you_mean(word, known);
	if (hint) cl_diag_add(c->d, CL_ERROR, c->file, line, col, "%s (did you mean '%s'?)", msg, hint);
	else cl_diag_add(c->d, CL_ERROR, c->file, line, col, "%s", msg);
	free(msg);
}

static int contract_type(struct cfgctx *c, const struct tval *v, struct cl_contract *k)
{
	static const char *const types[] = { "forbidden", "independence", "acyclic", NULL };
	if (want_type(c, v, "type", TV_STRING)) return -1;
	for (int i = 0; types[i]; i++)
		if (!strcmp(types[i], v->str)) { k->type = (enum cl_contract_type)i; return 0; }
	hint_error(c, v->line, v->col, xasprintf("contract type '%s' is not forbidden, "
		   "independence or acyclic", v->str), v->str, types);
	return -1;
}

static int load_contract(struct cfgctx *c, struct cl_contract *k, const struct tval *t)
{
	k->line = t->line;
	k->col = t->col;
	int rc = check_keys(c, t, "[[contract]]", contract_keys) ? -1 : 0;
	if (need(c, t, "name", "[[contract]]") || need(c, t, "type", "[[contract]]")) return -1;
	for (size_t i = 0; i < t->n; i++) {
		const char *key = t->keys[i];
		const struct tval *v = t->vals[i];
		int r = 0;
		if (!strcmp(key, "name")) r = str_key(c, v, key, &k->name);
		else if (!strcmp(key, "type")) r = contract_type(c, v, k);
		else if (!strcmp(key, "source_modules")) r = pats(c, v, key, &k->source);
		else if (!strcmp(key, "forbidden_modules")) r = pats(c, v, key, &k->forbidden);
		else if (!strcmp(key, "modules")) r = pats(c, v, key, &k->modules);
		else if (!strcmp(key, "instructions")) r = instructions_key(c, v, &k->instructions);
		if (r) rc = -1;
	}
	if (rc) return rc;
	if (k->type == CL_FORBIDDEN) {
		if (need(c, t, "source_modules", "a forbidden contract") ||
		    need(c, t, "forbidden_modules", "a forbidden contract")) return -1;
		if (k->modules.given) {
			cerr(c, k->modules.line, k->modules.col, "a forbidden contract takes "
			     "source_modules and forbidden_modules, not 'modules'%s%s", "", "");
			return -1;
		}
	} else {
		if (need(c, t, "modules", k->type == CL_ACYCLIC ? "an acyclic contract" :
			 "an independence contract")) return -1;
		const struct cl_pats *bad = k->source.given ? &k->source :
					    k->forbidden.given ? &k->forbidden : NULL;
		if (bad) {
			cerr(c, bad->line, bad->col, "source_modules and forbidden_modules belong to "
			     "forbidden contracts; this one lists 'modules'%s%s", "", "");
			return -1;
		}
	}
	return 0;
}

static int pat_key(struct cfgctx *c, const struct tval *v, const char *key, struct cl_pat *p)
{
	if (want_type(c, v, key, TV_STRING)) return -1;
	free(p->text);
	p->text = xstrdup(v->str);
	p->line = v->line;
	p->col = v->col;
	return 0;
}

static int kind_value(struct cfgctx *c, const struct tval *v, int *kind)
{
	if (want_type(c, v, "kind", TV_STRING)) return -1;
	*kind = cl_kind_parse(v->str);
	if (*kind >= 0) return 0;
	const char *ids[CL_K_COUNT + 1];
	for (int i = 0; i < CL_K_COUNT; i++) ids[i] = kinds[i].id;
	ids[CL_K_COUNT] = NULL;
	hint_error(c, v->line, v->col, xasprintf("unknown violation kind '%s'", v->str), v->str, ids);
	return -1;
}

static int load_ignore(struct cfgctx *c, struct cl_ignore *g, const struct tval *t)
{
	g->line = t->line;
	g->col = t->col;
	g->kind = -1;
	int rc = check_keys(c, t, "[[ignore]]", ignore_keys) ? -1 : 0;
	if (need(c, t, "from", "[[ignore]]") || need(c, t, "to", "[[ignore]]") ||
	    need_hint(c, t, "reason", "[[ignore]]", "say why the exception is fine")) return -1;
	for (size_t i = 0; i < t->n; i++) {
		const char *k = t->keys[i];
		const struct tval *v = t->vals[i];
		int r = 0;
		if (!strcmp(k, "from")) r = pat_key(c, v, k, &g->from);
		else if (!strcmp(k, "to")) r = pat_key(c, v, k, &g->to);
		else if (!strcmp(k, "kind")) r = kind_value(c, v, &g->kind);
		else if (!strcmp(k, "instructions")) r = instructions_key(c, v, &g->instructions);
		else if (!strcmp(k, "reason")) {
			r = str_key(c, v, k, &g->reason);
			if (!r && !*g->reason) {
				cerr(c, v->line, v->col, "'reason' must not be empty%s%s", "", "");
				r = -1;
			}
		}
		if (r) rc = -1;
	}
	return rc;
}

static int severity_value(struct cfgctx *c, const struct tval *v, const char *key)
{
	static const char *const names[] = { "error", "warn", "info", "off", NULL };
	static const int sev[] = { CL_ERROR, CL_WARNING, CL_NOTE, CL_SEV_OFF };
	if (want_type(c, v, key, TV_STRING)) return -2;
	for (int i = 0; names[i]; i++) if (!strcmp(names[i], v->str)) return sev[i];
	cerr(c, v->line, v->col, "'%s' must be \"error\", \"warn\", \"info\" or \"off\", not '%s'",
	     key, v->str);
	return -2;
}

static int load_rules(struct cfgctx *c, struct cl_boundaries *b, const struct tval *t)
{
	const char *known[CL_K_COUNT + CL_CTX_COUNT + 2];
	size_t n = 0;
	for (int i = 0; i < CL_K_COUNT; i++) known[n++] = kinds[i].id;
	for (int i = 0; i < CL_CTX_COUNT; i++) known[n++] = contexts[i];
	for (int i = 0; extra_rule_keys[i]; i++) known[n++] = extra_rule_keys[i];
	known[n] = NULL;
	if (want_type(c, t, "rules", TV_TABLE)) return -1;
	int rc = check_keys(c, t, "[rules]", known) ? -1 : 0;
	for (size_t i = 0; i < t->n; i++) {
		const char *k = t->keys[i];
		const struct tval *v = t->vals[i];
		if (!strcmp(k, "require-reason")) {
			if (want_type(c, v, k, TV_BOOL)) rc = -1;
			else b->require_reason = (int)v->i;
			continue;
		}
		int kind = cl_kind_parse(k), ctx = -1;
		for (int j = 0; j < CL_CTX_COUNT; j++) if (!strcmp(contexts[j], k)) ctx = j;
		if (kind < 0 && ctx < 0) continue;            /* reported by check_keys */
		int sev = severity_value(c, v, k);
		if (sev == -2) rc = -1;
		else if (kind >= 0) b->kind_sev[kind] = sev;
		else b->ctx_sev[ctx] = sev;
	}
	return rc;
}

/* --- cross-references ------------------------------------------------------------------- */

static void unknown_name(struct cfgctx *c, const struct cl_pat *p, const char *what,
			 const char *const *known)
{
	hint_error(c, p->line, p->col, xasprintf("no %s named '%s'", what, p->text), p->text, known);
}

/* Names are looked up in hash maps: 10,000 services of 50 depends_on each, compared by
 * strcmp with every service, took 37 s. */
static int check_names(struct cfgctx *c, struct cl_boundaries *b)
{
	int rc = 0;
	struct smap sidx = {0}, lidx = {0}, cidx = {0};    /* name -> first index */
	const char **snames = xcalloc(b->nservices + 1, sizeof(char *));
	for (size_t i = 0; i < b->nservices; i++) {
		struct cl_service *s = &b->services[i];
		snames[i] = s->name ? s->name : "";
		if (!s->name) continue;
		int64_t *dup = smap_get(&sidx, s->name);
		if (dup) {
			char where[32];
			snprintf(where, sizeof(where), "%d", b->services[*dup].line);
			cerr(c, s->line, s->col, "duplicate service name '%s' (first at line %s)",
			     s->name, where);
			rc = -1;
		} else {
			smap_put(&sidx, s->name, (int64_t)i);
		}
	}
	for (size_t i = 0; i < b->nservices; i++) {
		struct cl_service *s = &b->services[i];
		for (size_t j = 0; j < s->depends_on.n; j++) {
			struct cl_pat *p = &s->depends_on.v[j];
			if (!smap_get(&sidx, p->text)) {
				unknown_name(c, p, "service", snames);
				rc = -1;
			} else if (s->name && !strcmp(p->text, s->name)) {
				cerr(c, p->line, p->col, "service '%s' lists itself in depends_on%s",
				     s->name, "");
				rc = -1;
			}
		}
		if (s->public_.given && s->private_.given) {
			cerr(c, s->private_.line, s->private_.col, "service '%s' gives both 'public' and "
			     "'private'; use one%s", s->name ? s->name : "", "");
			rc = -1;
		}
	}
	free(snames);
	const char **lnames = xcalloc(b->layers.n + 1, sizeof(char *));
	for (size_t i = 0; i < b->layers.n; i++) {
		lnames[i] = b->layers.v[i].text;
		if (smap_get(&lidx, lnames[i])) {
			cerr(c, b->layers.v[i].line, b->layers.v[i].col,
			     "layer '%s' is listed twice%s", lnames[i], "");
			rc = -1;
		}
		smap_put(&lidx, lnames[i], (int64_t)i);        /* the last, as before: its rank */
	}
	for (size_t i = 0; i < b->nservices; i++) {
		struct cl_service *s = &b->services[i];
		if (!s->layer) continue;
		int64_t *rank = smap_get(&lidx, s->layer);
		if (rank) s->layer_rank = (int)*rank;
		if (s->layer_rank < 0) {
			struct cl_pat p = { s->layer, s->layer_line, s->layer_col };
			unknown_name(c, &p, b->layers.n ? "layer in 'layers'" :
				     "layer ('layers' is not set)", lnames);
			rc = -1;
		}
	}
	free(lnames);
	for (size_t i = 0; i < b->ncontracts; i++) {
		const char *name = b->contracts[i].name;
		if (!name) continue;
		int64_t *dup = smap_get(&cidx, name);
		if (dup) {
			char where[32];
			snprintf(where, sizeof(where), "%d", b->contracts[*dup].line);
			cerr(c, b->contracts[i].line, b->contracts[i].col,
			     "duplicate contract name '%s' (first at line %s)", name, where);
			rc = -1;
		} else {
			smap_put(&cidx, name, (int64_t)i);
		}
	}
	smap_release(&sidx);
	smap_release(&lidx);
	smap_release(&cidx);
	return rc;
}

static void set_default_rules(struct cl_boundaries *b)
{
	for (int i = 0; i < CL_K_COUNT; i++) b->kind_sev[i] = kinds[i].sev;
	for (int i = 0; i < CL_CTX_COUNT; i++) b->ctx_sev[i] = context_default[i];
}

int boundaries_load(struct cfgctx *c, struct cl_config *cfg, const struct tval *doc)
{
	struct cl_boundaries *b = cfg->b = xcalloc(1, sizeof(*b));
	set_default_rules(b);
	if (!doc) return 0;
	int rc = 0;
	const struct tval *v = tval_get(doc, "layers", NULL);
	if (v && pats(c, v, "layers", &b->layers)) rc = -1;
	if ((v = tval_get(doc, "rules", NULL)) && load_rules(c, b, v)) rc = -1;
	const struct tval *a;
	size_t i;
	if ((a = table_array(c, doc, "service"))) {
		b->services = xcalloc(a->nitems + 1, sizeof(*b->services));
		for (i = 0; i < a->nitems; i++, b->nservices++)
			if (load_service(c, &b->services[i], a->items[i])) rc = -1;
	} else if (tval_get(doc, "service", NULL)) rc = -1;
	if ((a = table_array(c, doc, "contract"))) {
		b->contracts = xcalloc(a->nitems + 1, sizeof(*b->contracts));
		for (i = 0; i < a->nitems; i++, b->ncontracts++)
			if (load_contract(c, &b->contracts[i], a->items[i])) rc = -1;
	} else if (tval_get(doc, "contract", NULL)) rc = -1;
	if ((a = table_array(c, doc, "ignore"))) {
		b->ignores = xcalloc(a->nitems + 1, sizeof(*b->ignores));
		for (i = 0; i < a->nitems; i++, b->nignores++)
			if (load_ignore(c, &b->ignores[i], a->items[i])) rc = -1;
	} else if (tval_get(doc, "ignore", NULL)) rc = -1;
	if (!rc && check_names(c, b)) rc = -1;
	return rc;
}

void boundaries_free(struct cl_boundaries *b)
{
	for (size_t i = 0; i < b->nservices; i++) {
		struct cl_service *s = &b->services[i];
		free(s->name);
		pats_free(&s->modules);
		pats_free(&s->depends_on);
		pats_free(&s->public_);
		pats_free(&s->private_);
		pats_free(&s->owns);
		pats_free(&s->reads);
		free(s->layer);
		free(s->owner);
		free(s->instructions);
	}
	free(b->services);
	pats_free(&b->layers);
	for (size_t i = 0; i < b->ncontracts; i++) {
		free(b->contracts[i].name);
		pats_free(&b->contracts[i].source);
		pats_free(&b->contracts[i].forbidden);
		pats_free(&b->contracts[i].modules);
		free(b->contracts[i].instructions);
	}
	free(b->contracts);
	for (size_t i = 0; i < b->nignores; i++) {
		free(b->ignores[i].from.text);
		free(b->ignores[i].to.text);
		free(b->ignores[i].reason);
		free(b->ignores[i].instructions);
	}
	free(b->ignores);
}

/* --- writing [rules] back --------------------------------------------------------------- */
static const char *rule_value(int sev)
{
	return sev == CL_ERROR ? "error" : sev == CL_WARNING ? "warn" : sev == CL_NOTE ? "info" : "off";
}

char *cl_rules_toml(const struct cl_boundaries *b)
{
	struct strbuf sb = {0};
	for (int i = 0; i < CL_K_COUNT; i++)
		if (b->kind_sev[i] != kinds[i].sev) sb_addf(&sb, "%s = \"%s\"\n", kinds[i].id, rule_value(b->kind_sev[i]));
	for (int i = 0; i < CL_CTX_COUNT; i++)
		if (b->ctx_sev[i] != context_default[i])
			sb_addf(&sb, "%s = \"%s\"\n", contexts[i], rule_value(b->ctx_sev[i]));
	if (b->require_reason) sb_adds(&sb, "require-reason = true\n");
	return sb.len ? sb_detach(&sb) : NULL;
}
