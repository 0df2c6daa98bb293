/* config.c — boundaries.toml: finding it, reading [project] through toml.c, and checking
 * every key and type, each error as boundaries.toml:LINE:COL with a "did you mean" hint.
 * Relative paths in the file are taken from the file's own directory. */
#include "config_p.h"
#include "glob_p.h"
#include "toml_p.h"
#include "util_p.h"

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *const top_keys[] = { "project", "layers", "service", "contract", "rules",
	"ignore", "data", "propose", "federation", NULL };
static const char *const propose_keys[] = { "keep", "apart", NULL };
static const char *const federation_keys[] = { "fields", "ledger", NULL };
static const char *const ledger_states[] = { "python", "side-by-side", "migrated", NULL };
static const char *const data_keys[] = { "model_bases", "queries", NULL };
static const char *const project_keys[] = { "name", "roots", "exclude", "python", "db",
	"third_party", "tests", "python_overrides", "follow_links", "implicit_init", "baseline", NULL };

int cl_config_find(const char *start_dir, char **out)
{
	char *dir = realpath(start_dir, NULL);
	*out = NULL;
	if (!dir) return -1;
	for (;;) {
		char *cand = path_join(dir, "boundaries.toml");
		struct stat st;
		if (stat(cand, &st) == 0 && S_ISREG(st.st_mode)) {
			*out = cand;
			break;
		}
		free(cand);
		char *slash = strrchr(dir, '/');
		if (!slash || slash == dir) break;
		*slash = 0;
	}
	free(dir);
	return *out ? 0 : -1;
}

int cfg_full(struct cfgctx *c)
{
	if (c->d->errors - c->errors0 < CFG_MAX_ERRORS) return 0;
	c->more++;
	return 1;
}

void cfg_error(struct cfgctx *c, int line, int col, const char *fmt, ...)
{
	if (cfg_full(c)) return;
	va_list ap;
	va_start(ap, fmt);
	char *msg = xvasprintf(fmt, ap);
	va_end(ap);
	cl_diag_add(c->d, CL_ERROR, c->file, line, col, "%s", msg);
	free(msg);
}

void cerr(struct cfgctx *c, int line, int col, const char *fmt, const char *a,
	  const char *b)
{
	if (!cfg_full(c)) cl_diag_add(c->d, CL_ERROR, c->file, line, col, fmt, a, b);
}

const char *did_you_mean(const char *key, const char *const *known)
{
	const char *best = NULL;
	int bestd = 3;
	for (size_t i = 0; known[i]; i++) {
		int dd = edit_distance(key, known[i]);
		if (dd < bestd) {
			bestd = dd;
			best = known[i];
		}
	}
	return best;
}

int check_keys(struct cfgctx *c, const struct tval *t, const char *where,
	       const char *const *known)
{
	int bad = 0;
	for (size_t i = 0; i < t->n; i++) {
		size_t k = 0;
		while (known[k] && strcmp(known[k], t->keys[i])) k++;
		if (known[k]) continue;
		bad++;
		if (cfg_full(c)) continue;
		const char *hint = did_you_mean(t->keys[i], known);
		struct strbuf sb = {0};
		sb_addf(&sb, "unknown key '%s' in %s", t->keys[i], where);
		if (hint) sb_addf(&sb, " (did you mean '%s'?)", hint);
		cl_diag_add(c->d, CL_ERROR, c->file, t->kline[i], t->kcol[i], "%s", sb.buf);
		sb_release(&sb);
	}
	return bad;
}

int want_type(struct cfgctx *c, const struct tval *v, const char *key, enum tv_type t)
{
	if (v->type == t) return 0;
	struct strbuf sb = {0};
	sb_addf(&sb, "'%s' must be a%s %s, not a%s %s", key,
		t == TV_ARRAY || t == TV_INT ? "n" : "", tval_type_name(t),
		v->type == TV_ARRAY || v->type == TV_INT ? "n" : "", tval_type_name(v->type));
	cfg_error(c, v->line, v->col, "%s", sb.buf);
	sb_release(&sb);
	return -1;
}

void free_list(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++) free(v[i]);
	free(v);
}

int string_list(struct cfgctx *c, const struct tval *v, const char *key, char ***out,
		size_t *n)
{
	*out = NULL;
	*n = 0;
	if (want_type(c, v, key, TV_ARRAY)) return -1;
	for (size_t i = 0; i < v->nitems; i++) {
		if (v->items[i]->type != TV_STRING) {
			cerr(c, v->items[i]->line, v->items[i]->col,
			     "'%s' must list strings, not %s", key, tval_type_name(v->items[i]->type));
			return -1;
		}
	}
	*out = xcalloc(v->nitems + 1, sizeof(char *));
	for (size_t i = 0; i < v->nitems; i++) (*out)[(*n)++] = xstrdup(v->items[i]->str);
	return 0;
}

static int python_version(struct cfgctx *c, const struct tval *v, const char *key)
{
	if (v->type == TV_INT && (v->i == 2 || v->i == 3)) return (int)v->i;
	if (v->type == TV_STRING && (!strcmp(v->str, "2") || !strncmp(v->str, "2.", 2))) return 2;
	if (v->type == TV_STRING && (!strcmp(v->str, "3") || !strncmp(v->str, "3.", 2))) return 3;
	cerr(c, v->line, v->col, "'%s' must be \"2\" or \"3\"%s", key, "");
	return -1;
}

static int load_overrides(struct cfgctx *c, struct cl_config *cfg, const struct tval *v)
{
	if (want_type(c, v, "python_overrides", TV_TABLE)) return -1;
	cfg->overrides = xcalloc(v->n + 1, sizeof(*cfg->overrides));
	for (size_t i = 0; i < v->n; i++) {
		int py = python_version(c, v->vals[i], v->keys[i]);
		if (py < 0) return -1;
		cfg->overrides[cfg->noverrides].glob = xstrdup(v->keys[i]);
		cfg->overrides[cfg->noverrides++].python = py;
	}
	return 0;
}

/* follow_links: link targets (files or folders) relative to the config; each must exist. */
/* The store is a file cutline creates or replaces: a device named there (/dev/zero,
 * /dev/full) once gave "disk I/O error" or "the disk is full". */
static int load_db(struct cfgctx *c, struct cl_config *cfg, const struct tval *v)
{
	if (want_type(c, v, "db", TV_STRING)) return -1;
	char *p = path_join(cfg->dir, v->str);
	struct stat st;
	if (!stat(p, &st) && !S_ISREG(st.st_mode)) {
		cfg_error(c, v->line, v->col, "'db' is not a regular file "
			    "(%s): the store is a file cutline creates", v->str);
		free(p);
		return -1;
	}
	free(cfg->db);
	cfg->db = p;
	return 0;
}

/* The baseline file, relative to the config: a file name, not a folder or a device. It
 * need not exist yet (`cutline baseline write` writes it); check says so when it does not. */
static int load_baseline(struct cfgctx *c, struct cl_config *cfg, const struct tval *v)
{
	if (want_type(c, v, "baseline", TV_STRING)) return -1;
	if (!*v->str || v->str[strlen(v->str) - 1] == '/') {
		cerr(c, v->line, v->col, "'baseline' must name a file (like \"%s\")%s",
		     ".cutline-baseline.json", "");
		return -1;
	}
	char *p = path_join(cfg->dir, v->str);
	struct stat st;
	if (!stat(p, &st) && !S_ISREG(st.st_mode)) {
		cl_diag_add(c->d, CL_ERROR, c->file, v->line, v->col, "'baseline' is not a regular "
			    "file (%s)", v->str);
		free(p);
		return -1;
	}
	free(cfg->baseline);
	cfg->baseline = p;
	cfg->baseline_line = v->line;
	cfg->baseline_col = v->col;
	return 0;
}

static int load_follow_links(struct cfgctx *c, struct cl_config *cfg, const struct tval *v)
{
	char **list;
	size_t n;
	if (string_list(c, v, "follow_links", &list, &n)) return -1;
	int rc = 0;
	free_list(cfg->follow_links, cfg->nfollow_links);
	cfg->follow_links = xcalloc(n + 1, sizeof(char *));
	cfg->nfollow_links = 0;
	for (size_t i = 0; i < n; i++) {
		char *abs = path_join(cfg->dir, list[i]);
		char *real = realpath(abs, NULL);
		if (!real) {
			cerr(c, v->items[i]->line, v->items[i]->col, "follow_links: '%s': %s", list[i],
			     strerror(errno));
			rc = -1;
		} else {
			cfg->follow_links[cfg->nfollow_links++] = real;
		}
		free(abs);
	}
	free_list(list, n);
	return rc;
}

static int load_project(struct cfgctx *c, struct cl_config *cfg, const struct tval *p)
{
	if (want_type(c, p, "project", TV_TABLE) || check_keys(c, p, "[project]", project_keys))
		return -1;
	int rc = 0;
	for (size_t i = 0; i < p->n; i++) {
		const char *k = p->keys[i];
		const struct tval *v = p->vals[i];
		if (!strcmp(k, "name")) {
			if (want_type(c, v, k, TV_STRING)) rc = -1;
			else cfg->name = xstrdup(v->str);
		} else if (!strcmp(k, "roots")) {
			char **roots;
			size_t n;
			if (string_list(c, v, k, &roots, &n)) { rc = -1; continue; }
			if (!n || n > 64) {
				cerr(c, v->line, v->col, "'roots' must name 1 to 64 folders%s%s", "", "");
				rc = -1;
			}
			for (size_t r = 0; r < cfg->nroots; r++) free(cfg->roots[r]);
			free(cfg->roots);
			cfg->roots = xcalloc(n + 1, sizeof(char *));
			for (size_t r = 0; r < n; r++) {
				cfg->roots[r] = path_join(cfg->dir, roots[r]);
				free(roots[r]);
			}
			cfg->nroots = n;
			free(roots);
		} else if (!strcmp(k, "exclude")) {
			free_list(cfg->exclude, cfg->nexclude);
			if (string_list(c, v, k, &cfg->exclude, &cfg->nexclude)) rc = -1;
		} else if (!strcmp(k, "tests")) {
			free_list(cfg->tests, cfg->ntests);
			if (string_list(c, v, k, &cfg->tests, &cfg->ntests)) rc = -1;
		} else if (!strcmp(k, "third_party")) {
			free_list(cfg->third_party, cfg->nthird_party);
			if (string_list(c, v, k, &cfg->third_party, &cfg->nthird_party)) rc = -1;
			cfg->strict_third_party = 1;
		} else if (!strcmp(k, "python")) {
			int py = python_version(c, v, k);
			if (py < 0) rc = -1;
			else cfg->python = py;
		} else if (!strcmp(k, "db")) {
			if (load_db(c, cfg, v)) rc = -1;
		} else if (!strcmp(k, "baseline")) {
			if (load_baseline(c, cfg, v)) rc = -1;
		} else if (!strcmp(k, "python_overrides")) {
			if (load_overrides(c, cfg, v)) rc = -1;
		} else if (!strcmp(k, "follow_links")) {
			if (load_follow_links(c, cfg, v)) rc = -1;
		} else if (!strcmp(k, "implicit_init")) {
			if (v->type == TV_BOOL) cfg->implicit_init = v->i != 0;
			else if (v->type != TV_ARRAY) {
				cerr(c, v->line, v->col, "'implicit_init' must be true, false or a list "
				     "of folder globs%s%s", "", "");
				rc = -1;
			} else if (string_list(c, v, k, &cfg->implicit_init_globs,
					       &cfg->nimplicit_init_globs)) rc = -1;
		}
	}
	return rc;
}

static int name_char(char ch)
{
	return ch == '_' || (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
	       (ch >= '0' && ch <= '9') || (unsigned char)ch >= 0x80;
}

/* [data]: more model bases (dotted names), more query files (relative to the config). */
/* A base class as module.Class: dotted identifiers, two parts at least. */
static int dotted_class(const char *b)
{
	int parts = 0;
	for (const char *p = b; ; p++) {
		if (!name_char(*p) || (*p >= '0' && *p <= '9')) return 0;   /* a part's start */
		while (name_char(*p)) p++;
		parts++;
		if (!*p) return parts >= 2;
		if (*p != '.') return 0;
	}
}

static int load_data(struct cfgctx *c, struct cl_config *cfg, const struct tval *t)
{
	if (want_type(c, t, "data", TV_TABLE)) return -1;
	int rc = check_keys(c, t, "[data]", data_keys) ? -1 : 0;
	const struct tval *v = tval_get(t, "model_bases", NULL);
	if (v && string_list(c, v, "model_bases", &cfg->model_bases, &cfg->nmodel_bases)) rc = -1;
	for (size_t i = 0; i < cfg->nmodel_bases; i++) {
		if (dotted_class(cfg->model_bases[i])) continue;
		cerr(c, v->items[i]->line, v->items[i]->col, "model_bases: '%s' is not a class's "
		     "dotted name (module.Class, like \"myapp.db.BaseModel\")%s", cfg->model_bases[i], "");
		rc = -1;
	}
	v = tval_get(t, "queries", NULL);
	char **q = NULL;
	size_t n = 0;
	if (v && string_list(c, v, "queries", &q, &n)) rc = -1;
	if (n > 32) {
		cerr(c, v->line, v->col, "queries: at most 32 files%s%s", "", "");
		rc = -1;
	}
	cfg->data_queries = xcalloc(n + 1, sizeof(char *));
	for (size_t i = 0; i < n; i++) {
		cfg->data_queries[i] = path_join(cfg->dir, q[i]);
		free(q[i]);
	}
	cfg->ndata_queries = n;
	free(q);
	return rc;
}

/* [propose] keep / apart: constraints "A,B" (two module patterns or more, by commas). */
static int load_propose(struct cfgctx *c, struct cl_config *cfg, const struct tval *t)
{
	if (want_type(c, t, "propose", TV_TABLE)) return -1;
	int rc = check_keys(c, t, "[propose]", propose_keys) ? -1 : 0;
	const char *keys[2] = { "keep", "apart" };
	char ***lists[2] = { &cfg->keep, &cfg->apart };
	size_t *counts[2] = { &cfg->nkeep, &cfg->napart };
	for (int k = 0; k < 2; k++) {
		const struct tval *v = tval_get(t, keys[k], NULL);
		if (!v || string_list(c, v, keys[k], lists[k], counts[k])) {
			rc = v ? -1 : rc;
			continue;
		}
		for (size_t i = 0; i < *counts[k]; i++) {
			const char *s = (*lists[k])[i];
			if (strchr(s, ',') && s[0] != ',' && s[strlen(s) - 1] != ',' && !strstr(s, ",,")) continue;
			cerr(c, v->items[i]->line, v->items[i]->col, "%s: '%s' wants two module patterns or "
			     "more, by commas (\"a.**,b.**\")", keys[k], s);
			rc = -1;
		}
	}
	return rc;
}

const char *cl_ledger_state_name(int state) { return ledger_states[state]; }

/* "Type.field": two GraphQL names. */
static int coordinate(const char *s)
{
	int parts = 0;
	for (const char *p = s; ; p++) {
		if (!(*p == '_' || (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z'))) return 0;
		while (*p == '_' || (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		       (*p >= '0' && *p <= '9')) p++;
		parts++;
		if (!*p) return parts == 2;
		if (*p != '.' || parts == 2) return 0;
	}
}

/* The entries of a table of fields ("Query.findUser" = "migrated"), written in file. */
static int ledger_fields(struct cfgctx *c, struct cl_config *cfg, const struct tval *t,
			 const char *file)
{
	if (want_type(c, t, "fields", TV_TABLE)) return -1;
	int rc = 0;
	for (size_t k = 0; k < t->n; k++) {
		const struct tval *v = t->vals[k];
		int st = -1;
		for (int i = 0; v->type == TV_STRING && ledger_states[i]; i++)
			if (!strcmp(v->str, ledger_states[i])) st = i;
		if (!coordinate(t->keys[k])) {
			cerr(c, t->kline[k], t->kcol[k], "federation: '%s' is not a field's coordinate "
			     "(Type.field, like \"Query.findUser\" or \"UserData.points\")%s", t->keys[k], "");
			rc = -1;
			continue;
		}
		if (st < 0) {
			cerr(c, v->line, v->col, "federation: %s: the state is \"python\", \"side-by-side\" "
			     "or \"migrated\"%s", t->keys[k], "");
			rc = -1;
			continue;
		}
		for (size_t i = 0; i < cfg->nledger; i++)
			if (!strcmp(cfg->ledger[i].field, t->keys[k])) {
				cerr(c, t->kline[k], t->kcol[k], "federation: %s is in the ledger twice%s",
				     t->keys[k], "");
				rc = -1;
				st = -1;
			}
		if (st < 0) continue;
		cfg->ledger = xrealloc(cfg->ledger, (cfg->nledger + 1) * sizeof(*cfg->ledger));
		struct cl_ledger_entry e = { xstrdup(t->keys[k]), st, xstrdup(file), t->kline[k], t->kcol[k] };
		cfg->ledger[cfg->nledger++] = e;
	}
	return rc;
}

/* [federation]: the migration ledger, as `fields` here or in the file `ledger` names (a
 * TOML file of "Type.field" = "state" lines). */
static int load_federation(struct cfgctx *c, struct cl_config *cfg, const struct tval *t)
{
	if (want_type(c, t, "federation", TV_TABLE)) return -1;
	int rc = check_keys(c, t, "[federation]", federation_keys) ? -1 : 0;
	const struct tval *f = tval_get(t, "fields", NULL);
	if (f && ledger_fields(c, cfg, f, c->file)) rc = -1;
	const struct tval *l = tval_get(t, "ledger", NULL);
	if (!l) return rc;
	if (want_type(c, l, "ledger", TV_STRING)) return -1;
	char *path = path_join(cfg->dir, l->str), *text = NULL;
	size_t len;
	if (read_plain_file(path, &text, &len)) {
		cerr(c, l->line, l->col, "ledger: cannot read %s: %s", l->str, plain_file_error(errno));
		free(path);
		return -1;
	}
	struct tval *doc = toml_parse(l->str, text, len, c->d);
	free(text);
	if (!doc) rc = -1;
	struct cfgctx lc = { l->str, c->d, c->errors0, 0 };
	if (doc && ledger_fields(&lc, cfg, doc, l->str)) rc = -1;
	c->more += lc.more;
	tval_free(doc);
	free(path);
	return rc;
}

static void set_defaults(struct cl_config *cfg, const char *dir)
{
	memset(cfg, 0, sizeof(*cfg));
	cfg->dir = xstrdup(dir);
	cfg->python = 3;
	cfg->roots = xcalloc(2, sizeof(char *));
	cfg->roots[0] = xstrdup(dir);
	cfg->nroots = 1;
	cfg->db = path_join(dir, ".cutline/graph.db");
}

int cl_config_load(const char *path, struct cl_config *cfg, struct cl_diags *d)
{
	char cwd[PATH_MAX];
	if (!path) {
		if (!getcwd(cwd, sizeof(cwd))) {
			cl_diag_add(d, CL_ERROR, NULL, 0, 0, "cannot read the current directory: %s",
				    strerror(errno));
			return CL_EINTERNAL;
		}
		set_defaults(cfg, cwd);
		return boundaries_load(NULL, cfg, NULL) ? CL_EUSAGE : CL_OK;
	}
	char *abs = realpath(path, NULL);
	char *text = NULL;
	size_t len;
	if (!abs || read_plain_file(abs, &text, &len)) {
		cl_diag_add(d, CL_ERROR, path, 0, 0, "cannot read config: %s",
			    plain_file_error(errno));
		free(abs);
		memset(cfg, 0, sizeof(*cfg));
		return CL_EUSAGE;
	}
	char *dir = xstrdup(abs);
	*strrchr(dir, '/') = 0;
	set_defaults(cfg, *dir ? dir : "/");
	free(dir);
	cfg->path = abs;
	cfg->shown = xstrdup(path);
	struct cfgctx c = { path, d, d->errors, 0 };
	struct tval *doc = toml_parse(path, text, len, d);
	free(text);
	if (!doc) return CL_EUSAGE;
	int rc = check_keys(&c, doc, "boundaries.toml", top_keys) ? -1 : 0;
	const struct tval *proj = tval_get(doc, "project", NULL);
	if (proj && load_project(&c, cfg, proj)) rc = -1;
	const struct tval *data = tval_get(doc, "data", NULL);
	if (data && load_data(&c, cfg, data)) rc = -1;
	const struct tval *prop = tval_get(doc, "propose", NULL);
	if (prop && load_propose(&c, cfg, prop)) rc = -1;
	const struct tval *fed = tval_get(doc, "federation", NULL);
	if (fed && load_federation(&c, cfg, fed)) rc = -1;
	if (boundaries_load(&c, cfg, doc)) rc = -1;
	tval_free(doc);
	if (c.more)
		cl_diag_add(d, CL_NOTE, path, 0, 0, "%zu more error%s not shown (the first %d are)",
			    c.more, c.more == 1 ? "" : "s", CFG_MAX_ERRORS);
	return rc ? CL_EUSAGE : CL_OK;
}

int cl_config_is_test(const struct cl_config *cfg, const char *relpath)
{
	for (size_t i = 0; i < cfg->ntests; i++)
		if (glob_match(cfg->tests[i], relpath)) return 1;
	return 0;
}

int cl_config_python_for(const struct cl_config *cfg, const char *relpath)
{
	int py = cfg->python;
	for (size_t i = 0; i < cfg->noverrides; i++)
		if (glob_match(cfg->overrides[i].glob, relpath)) py = cfg->overrides[i].python;
	return py;
}

void cl_config_release(struct cl_config *cfg)
{
	free(cfg->path);
	free(cfg->shown);
	free(cfg->dir);
	free(cfg->name);
	for (size_t i = 0; i < cfg->nroots; i++) free(cfg->roots[i]);
	free(cfg->roots);
	free_list(cfg->exclude, cfg->nexclude);
	for (size_t i = 0; i < cfg->noverrides; i++) free(cfg->overrides[i].glob);
	free(cfg->overrides);
	free(cfg->db);
	free(cfg->baseline);
	free_list(cfg->third_party, cfg->nthird_party);
	free_list(cfg->tests, cfg->ntests);
	free_list(cfg->follow_links, cfg->nfollow_links);
	free_list(cfg->implicit_init_globs, cfg->nimplicit_init_globs);
	free_list(cfg->model_bases, cfg->nmodel_bases);
	free_list(cfg->keep, cfg->nkeep);
	free_list(cfg->apart, cfg->napart);
	free_list(cfg->data_queries, cfg->ndata_queries);
	for (size_t i = 0; i < cfg->nledger; i++) {
		free(cfg->ledger[i].field);
		free(cfg->ledger[i].file);
	}
	free(cfg->ledger);
	if (cfg->b) boundaries_free(cfg->b);
	free(cfg->b);
	memset(cfg, 0, sizeof(*cfg));
}
