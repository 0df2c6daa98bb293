/* check_out.c — writes a check result as text, JSON, SARIF 2.1.0, GitHub workflow commands or
 * JUnit XML, and the Markdown step summary. It only formats: which violations exist, their
 * order, whether they are known and the counts all come from check.c. */
#include "cutline.h"
#include "util_p.h"

#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>

#define SUMMARY_ROWS 200

static const char *str(const char *s) { return s ? s : ""; }

static int valid(const struct cl_check_result *r)
{
	for (size_t i = 0; i < r->n; i++) {
		const struct cl_violation *v = &r->v[i];
		if (v->kind < 0 || v->kind >= CL_K_COUNT) return 0;
		if (v->severity < CL_NOTE || v->severity > CL_ERROR) return 0;
	}
	return 1;
}

/* Drops "." parts and folds "a/.." in an absolute path, in place (no symlink is read:
 * the path is a name for the report). */
static void fold_dots(char *p)
{
	char *out = p;
	for (char *s = p; *s;) {
		while (*s == '/') s++;
		size_t n = strcspn(s, "/");
		if (n == 2 && s[0] == '.' && s[1] == '.') {
			while (out > p && *--out != '/') ;
		} else if (n && !(n == 1 && s[0] == '.')) {
			*out++ = '/';
			memmove(out, s, n);
			out += n;
		}
		s += n;
	}
	if (out == p) *out++ = '/';
	*out = 0;
}

/* A path as CI tools want it (JSON, SARIF, GitHub, JUnit): relative to the repository's
 * top folder, as pull requests and code scanning name files (services/app/src/x.py when
 * the config is in services/app); absolute when outside it; as it is with no repository.
 * The text is in sb. */
static const char *ci_path(const struct cl_check_result *r, const char *path, struct strbuf *sb)
{
	if (!path || path[0] == '/' || !r->top || !r->dir) return path;
	char *full = path_join(r->dir, path);
	fold_dots(full);
	const char *rel = !strcmp(r->top, "/") ? full + 1 : path_inside(r->top, full);
	sb_reset(sb);
	sb_adds(sb, rel ? rel : full);
	free(full);
	return sb->buf;
}

/* --- UTF-8: JSON and XML readers reject malformed text, so bad bytes become U+FFFD --------- */

static const char replacement[] = "\xEF\xBF\xBD";

/* A JSON string, or null for NULL. */
static cJSON *jstr(const char *s)
{
	if (!s) return cJSON_CreateNull();
	char *clean = utf8_clean(s);
	cJSON *j = cJSON_CreateString(clean);
	free(clean);
	return j;
}

/* Counts go in as raw text: cJSON would print a count past INT_MAX as a float. */
static void jint(cJSON *o, const char *key, long long n)
{
	char buf[32];
	snprintf(buf, sizeof(buf), "%lld", n);
	cJSON_AddRawToObject(o, key, buf);
}

/* A line or column: 0 means the place has none (a file that could not be read). */
static void jpos(cJSON *o, const char *key, long long n)
{
	if (n > 0) jint(o, key, n);
	else cJSON_AddNullToObject(o, key);
}

static int jprint(cJSON *root, FILE *out)
{
	char *txt = json_print(root);
	cJSON_Delete(root);
	if (!txt) return CL_EINTERNAL;
	fputs(txt, out);
	fputc('\n', out);
	free(txt);
	return CL_OK;
}

/* --- pieces shared by the formats ------------------------------------------------------- */

static void add_count(struct strbuf *sb, size_t n, const char *one, const char *many)
{
	sb_addf(sb, "%zu %s", n, n == 1 ? one : many);
}

/* "path", "path:line" or "path:line:col", as far as they are known. */
static void add_loc(struct strbuf *sb, const char *path, int line, int col)
{
	sb_add_escaped(sb, path);
	if (line > 0) sb_addf(sb, ":%d", line);
	if (line > 0 && col > 0) sb_addf(sb, ":%d", col);
}

/* "a -> b  (a.py:3:1, late)": one hop of a chain; its path for CI when r is given. */
static void add_hop(struct strbuf *sb, const struct cl_hop *h, const struct cl_check_result *r)
{
	sb_add_escaped(sb, h->from ? h->from : "?");
	sb_adds(sb, " -> ");
	sb_add_escaped(sb, h->to ? h->to : "?");
	if (!h->path && !h->context) return;
	sb_adds(sb, "  (");
	struct strbuf p = {0};
	if (h->path) add_loc(sb, r ? ci_path(r, h->path, &p) : h->path, h->line, h->col);
	sb_release(&p);
	if (h->path && h->context) sb_adds(sb, ", ");
	sb_add_escaped(sb, str(h->context));
	sb_addc(sb, ')');
}

/* The bad-dependency share in tenths of a percent, rounded half up. */
static size_t bad_tenths(const struct cl_check_result *r)
{
	if (!r->cross_edges) return 0;
	return (r->bad_edges * 1000 + r->cross_edges / 2) / r->cross_edges;
}

/* "2 errors, 0 warnings, 1 info in 12 modules of 3 services; bad dependency ...; baseline
 * .cutline-baseline.json: 4 known violations not shown". */
static void add_counts(struct strbuf *sb, const struct cl_check_result *r, int show_known)
{
	if (r->errors + r->warnings + r->infos == 0) {
		sb_adds(sb, "no violations");
	} else {
		add_count(sb, r->errors, "error", "errors");
		sb_adds(sb, ", ");
		add_count(sb, r->warnings, "warning", "warnings");
		sb_adds(sb, ", ");
		add_count(sb, r->infos, "info", "infos");
	}
	sb_adds(sb, " in ");
	add_count(sb, r->modules, "module", "modules");
	sb_adds(sb, " of ");
	add_count(sb, r->services, "service", "services");
	if (r->cross_edges) {
		size_t t = bad_tenths(r);
		sb_addf(sb, "; bad dependency %zu.%zu%% (%zu of ", t / 10, t % 10, r->bad_edges);
		add_count(sb, r->cross_edges, "cross-service dependency",
			  "cross-service dependencies");
		sb_addc(sb, ')');
	}
	if (r->suppressed) sb_addf(sb, "; %zu suppressed", r->suppressed);
	if (r->baseline) {
		sb_addf(sb, "; baseline %s: ", r->baseline);
		add_count(sb, r->known, "known violation", "known violations");
		if (r->known) sb_adds(sb, show_known ? " shown" : " not shown");
	}
}

static void write_summary_line(const struct cl_check_result *r, int show_known, FILE *out)
{
	struct strbuf sb = {0};
	sb_adds(&sb, "check: ");
	add_counts(&sb, r, show_known);
	sb_addc(&sb, '\n');
	fputs(sb.buf, out);
	sb_release(&sb);
}

/* --- text: gcc-style lines ---------------------------------------------------------------- */

static void text_one(struct strbuf *sb, const struct cl_violation *v, int color)
{
	static const char *const sev_color[] = { "\033[1;36m", "\033[1;35m", "\033[1;31m" };
	const char *reset = color ? "\033[0m" : "";
	sb_adds(sb, color ? "\033[1m" : "");
	if (v->path) add_loc(sb, v->path, v->line, v->col); else sb_adds(sb, "cutline");
	sb_addf(sb, ":%s %s%s:%s ", reset, color ? sev_color[v->severity] : "",
		cl_severity_name(v->severity), reset);
	sb_add_escaped(sb, str(v->message));
	if (v->known) sb_adds(sb, " (known)");
	sb_addf(sb, " %s[%s]%s\n", color ? "\033[2m" : "", cl_kind_name(v->kind), reset);
	for (size_t i = 0; i < v->nchain; i++) {
		sb_adds(sb, "    ");
		add_hop(sb, &v->chain[i], NULL);
		sb_addc(sb, '\n');
	}
}

/* What to do about v: the config's instructions for it, else its kind's. */
static const char *instructions_of(const struct cl_violation *v)
{
	return v->instructions ? v->instructions : cl_kind_fix(v->kind);
}

/* "    fix: ...", under the first violation of each kind with those instructions. */
static void text_fix(struct strbuf *sb, const struct cl_violation *v, struct smap *said,
		     int color)
{
	struct strbuf key = {0};
	sb_addf(&key, "%d\037%s", v->kind, instructions_of(v));
	if (smap_put(said, key.buf, 1)) {
		sb_addf(sb, "    %sfix:%s ", color ? "\033[1;32m" : "", color ? "\033[0m" : "");
		sb_add_escaped(sb, instructions_of(v));
		sb_addc(sb, '\n');
	}
	sb_release(&key);
}

static int write_text(const struct cl_check_result *r, int color, int show_known, FILE *out)
{
	struct strbuf sb = {0};
	struct smap said = {0};
	for (size_t i = 0; i < r->n; i++) {
		if (r->v[i].known && !show_known) continue;
		sb_reset(&sb);
		text_one(&sb, &r->v[i], color);
		text_fix(&sb, &r->v[i], &said, color);
		fwrite(sb.buf, 1, sb.len, out);
	}
	smap_release(&said);
	sb_release(&sb);
	write_summary_line(r, show_known, out);
	return CL_OK;
}

/* --- json: every violation, known ones flagged ---------------------------------------------- */

static cJSON *json_summary(const struct cl_check_result *r)
{
	cJSON *s = cJSON_CreateObject();
	jint(s, "errors", (long long)r->errors);
	jint(s, "warnings", (long long)r->warnings);
	jint(s, "infos", (long long)r->infos);
	jint(s, "known", (long long)r->known);
	cJSON_AddItemToObject(s, "baseline", jstr(r->baseline));
	jint(s, "suppressed", (long long)r->suppressed);
	jint(s, "modules", (long long)r->modules);
	jint(s, "services", (long long)r->services);
	jint(s, "files", (long long)r->files);
	jint(s, "cross_service_dependencies", (long long)r->cross_edges);
	jint(s, "bad_dependencies", (long long)r->bad_edges);
	cJSON_AddNumberToObject(s, "bad_dependency_percent", (double)bad_tenths(r) / 10.0);
	return s;
}

static cJSON *json_hop(const struct cl_check_result *r, const struct cl_hop *h)
{
	cJSON *o = cJSON_CreateObject();
	struct strbuf sb = {0};
	cJSON_AddItemToObject(o, "from", jstr(h->from));
	cJSON_AddItemToObject(o, "to", jstr(h->to));
	cJSON_AddItemToObject(o, "path", jstr(ci_path(r, h->path, &sb)));
	sb_release(&sb);
	jpos(o, "line", h->line);
	jpos(o, "col", h->col);
	cJSON_AddItemToObject(o, "context", jstr(h->context));
	return o;
}

static cJSON *json_violation(const struct cl_check_result *r, const struct cl_violation *v)
{
	cJSON *o = cJSON_CreateObject();
	struct strbuf sb = {0};
	cJSON_AddStringToObject(o, "kind", cl_kind_name(v->kind));
	cJSON_AddStringToObject(o, "severity", cl_severity_name(v->severity));
	cJSON_AddItemToObject(o, "path", jstr(ci_path(r, v->path, &sb)));
	sb_release(&sb);
	jpos(o, "line", v->line);
	jpos(o, "col", v->col);
	cJSON_AddItemToObject(o, "from", jstr(v->from));
	cJSON_AddItemToObject(o, "to", jstr(v->to));
	cJSON_AddItemToObject(o, "from_service", jstr(v->from_service));
	cJSON_AddItemToObject(o, "to_service", jstr(v->to_service));
	cJSON_AddItemToObject(o, "message", jstr(v->message));
	cJSON_AddItemToObject(o, "instructions", jstr(instructions_of(v)));
	cJSON_AddBoolToObject(o, "known", v->known != 0);
	cJSON *chain = cJSON_AddArrayToObject(o, "chain");
	for (size_t i = 0; i < v->nchain; i++) cJSON_AddItemToArray(chain, json_hop(r, &v->chain[i]));
	return o;
}

static int write_json(const struct cl_check_result *r, FILE *out)
{
	cJSON *root = cJSON_CreateObject();
	jint(root, "version", 1);
	cJSON *tool = cJSON_AddObjectToObject(root, "tool");
	cJSON_AddStringToObject(tool, "name", "cutline");
	cJSON_AddStringToObject(tool, "version", CUTLINE_VERSION);
	cJSON_AddItemToObject(root, "summary", json_summary(r));
	cJSON *vs = cJSON_AddArrayToObject(root, "violations");
	for (size_t i = 0; i < r->n; i++) cJSON_AddItemToArray(vs, json_violation(r, &r->v[i]));
	return jprint(root, out);
}

/* --- sarif: new violations as results, every kind as a rule --------------------------------- */

/* Percent-encodes all but unreserved characters and '/', byte by byte (RFC 3986). */
static void add_uri(struct strbuf *sb, const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9')
		    || strchr("-._~/", *p))
			sb_addc(sb, (char)*p);
		else
			sb_addf(sb, "%%%02X", *p);
	}
}

/* "undeclared-dependency" -> "UndeclaredDependency" */
static char *camel(const char *id)
{
	struct strbuf sb = {0};
	for (int up = 1; *id; id++) {
		if (*id == '-') { up = 1; continue; }
		sb_addc(&sb, up && *id >= 'a' && *id <= 'z' ? (char)(*id - 'a' + 'A') : *id);
		up = 0;
	}
	return sb_detach(&sb);
}

/* The help text up to the end of its first sentence. */
static char *first_sentence(const char *help)
{
	const char *end = strstr(help, ". ");
	return end ? xstrndup(help, (size_t)(end - help + 1)) : xstrdup(help);
}

static void add_text(cJSON *o, const char *key, const char *text)
{
	cJSON *t = cJSON_AddObjectToObject(o, key);
	cJSON_AddItemToObject(t, "text", jstr(text));
}

static cJSON *sarif_rule(int kind)
{
	cJSON *o = cJSON_CreateObject();
	const char *id = cl_kind_name(kind), *help = cl_kind_help(kind), *fix = cl_kind_fix(kind);
	char *name = camel(id), *shrt = first_sentence(help), *plain = xstrdup(fix);
	char *md = xasprintf("**What to do** about `%s`: %s", id, fix);
	char *w = plain;                          /* the text form without Markdown's quotes */
	for (const char *p = fix; *p; p++) if (*p != '`') *w++ = *p;
	*w = 0;
	cJSON_AddStringToObject(o, "id", id);
	cJSON_AddStringToObject(o, "name", name);
	add_text(o, "shortDescription", shrt);
	add_text(o, "fullDescription", help);
	add_text(o, "help", plain);
	cJSON_AddStringToObject(cJSON_GetObjectItem(o, "help"), "markdown", md);
	free(plain);
	free(name);
	free(shrt);
	free(md);
	return o;
}

/* A relative path is resolved against SRCROOT; an absolute one stands alone. */
static cJSON *sarif_phys(const struct cl_check_result *r, const char *file, int line, int col)
{
	struct strbuf sb = {0};
	const char *path = ci_path(r, file, &sb);
	cJSON *o = cJSON_CreateObject();
	cJSON *art = cJSON_AddObjectToObject(o, "artifactLocation");
	struct strbuf uri = {0};
	if (path[0] == '/') sb_adds(&uri, "file://");
	add_uri(&uri, path);
	cJSON_AddStringToObject(art, "uri", uri.buf);
	if (path[0] != '/') cJSON_AddStringToObject(art, "uriBaseId", "SRCROOT");
	sb_release(&uri);
	sb_release(&sb);
	if (line > 0) {
		cJSON *reg = cJSON_AddObjectToObject(o, "region");
		jint(reg, "startLine", line);
		if (col > 0) jint(reg, "startColumn", col);
	}
	return o;
}

static cJSON *sarif_related(const struct cl_check_result *r, const struct cl_hop *h, int id)
{
	cJSON *o = cJSON_CreateObject();
	struct strbuf sb = {0};
	jint(o, "id", id);
	if (h->path)
		cJSON_AddItemToObject(o, "physicalLocation", sarif_phys(r, h->path, h->line, h->col));
	sb_addf(&sb, "%s -> %s", h->from ? h->from : "?", h->to ? h->to : "?");
	if (h->context) sb_addf(&sb, " (%s)", h->context);
	add_text(o, "message", sb.buf);
	sb_release(&sb);
	return o;
}

/* FNV-1a kept here rather than util's hash_str: fingerprints must never change between
 * versions, or every alert would reopen. */
static uint64_t fnv1a(uint64_t h, const char *s)
{
	for (const unsigned char *p = (const unsigned char *)str(s); *p; p++)
		h = (h ^ *p) * 0x100000001b3ULL;
	return h;
}

/* Lines are left out so that an alert survives edits that move its import. */
static void add_fingerprint(cJSON *o, const struct cl_violation *v)
{
	uint64_t h = 0xcbf29ce484222325ULL;
	h = fnv1a(h, cl_kind_name(v->kind));
	h = fnv1a(h, "\n");
	h = fnv1a(h, v->from);
	h = fnv1a(h, "\n");
	h = fnv1a(h, v->to);
	h = fnv1a(h, "\n");
	h = fnv1a(h, v->path);
	char hex[17];
	snprintf(hex, sizeof(hex), "%016llx", (unsigned long long)h);
	cJSON *fp = cJSON_AddObjectToObject(o, "partialFingerprints");
	cJSON_AddStringToObject(fp, "cutline/v1", hex);
}

static void add_properties(cJSON *o, const struct cl_violation *v)
{
	if (!v->from && !v->to && !v->from_service && !v->to_service && !v->instructions) return;
	cJSON *p = cJSON_AddObjectToObject(o, "properties");
	if (v->instructions) cJSON_AddItemToObject(p, "instructions", jstr(v->instructions));
	if (v->from) cJSON_AddItemToObject(p, "from", jstr(v->from));
	if (v->to) cJSON_AddItemToObject(p, "to", jstr(v->to));
	if (v->from_service) cJSON_AddItemToObject(p, "from_service", jstr(v->from_service));
	if (v->to_service) cJSON_AddItemToObject(p, "to_service", jstr(v->to_service));
}

static cJSON *sarif_result(const struct cl_check_result *r, const struct cl_violation *v)
{
	static const char *const level[] = { "note", "warning", "error" };
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "ruleId", cl_kind_name(v->kind));
	jint(o, "ruleIndex", v->kind);
	cJSON_AddStringToObject(o, "level", level[v->severity]);
	if (v->instructions) {                    /* the config's: the rule's help is the default */
		struct strbuf m = {0};
		sb_addf(&m, "%s. What to do: %s", str(v->message), v->instructions);
		add_text(o, "message", m.buf);
		sb_release(&m);
	} else {
		add_text(o, "message", str(v->message));
	}
	if (v->path) {
		cJSON *loc = cJSON_CreateObject();
		cJSON *phys = sarif_phys(r, v->path, v->line, v->col);
		cJSON_AddItemToObject(loc, "physicalLocation", phys);
		cJSON_AddItemToArray(cJSON_AddArrayToObject(o, "locations"), loc);
	}
	if (v->nchain) {
		cJSON *rel = cJSON_AddArrayToObject(o, "relatedLocations");
		for (size_t i = 0; i < v->nchain; i++)
			cJSON_AddItemToArray(rel, sarif_related(r, &v->chain[i], (int)i));
	}
	add_fingerprint(o, v);
	add_properties(o, v);
	return o;
}

static cJSON *sarif_driver(void)
{
	cJSON *d = cJSON_CreateObject();
	cJSON_AddStringToObject(d, "name", "cutline");
	cJSON_AddStringToObject(d, "version", CUTLINE_VERSION);
	cJSON_AddStringToObject(d, "informationUri", "https://github.com/cutline/cutline");
	cJSON *rules = cJSON_AddArrayToObject(d, "rules");
	for (int k = 0; k < CL_K_COUNT; k++) cJSON_AddItemToArray(rules, sarif_rule(k));
	return d;
}

static void add_srcroot(cJSON *run, const char *dir)
{
	struct strbuf uri = {0};
	sb_adds(&uri, "file://");
	add_uri(&uri, dir);
	if (!uri.len || uri.buf[uri.len - 1] != '/') sb_addc(&uri, '/');
	cJSON *base = cJSON_AddObjectToObject(run, "originalUriBaseIds");
	cJSON_AddStringToObject(cJSON_AddObjectToObject(base, "SRCROOT"), "uri", uri.buf);
	sb_release(&uri);
}

static int write_sarif(const struct cl_check_result *r, FILE *out)
{
	cJSON *root = cJSON_CreateObject();
	cJSON_AddStringToObject(root, "$schema", "https://json.schemastore.org/sarif-2.1.0.json");
	cJSON_AddStringToObject(root, "version", "2.1.0");
	cJSON *run = cJSON_CreateObject();
	cJSON_AddItemToArray(cJSON_AddArrayToObject(root, "runs"), run);
	cJSON_AddItemToObject(cJSON_AddObjectToObject(run, "tool"), "driver", sarif_driver());
	if (r->top || r->dir) add_srcroot(run, r->top ? r->top : r->dir);
	cJSON *results = cJSON_AddArrayToObject(run, "results");
	for (size_t i = 0; i < r->n; i++)
		if (!r->v[i].known) cJSON_AddItemToArray(results, sarif_result(r, &r->v[i]));
	return jprint(root, out);
}

/* --- github: workflow commands, one line each ---------------------------------------------- */

/* c as is, or as \xNN when it is a control character. */
static void add_plain(struct strbuf *sb, char c)
{
	if ((unsigned char)c < 0x20 || c == 0x7f) sb_addf(sb, "\\x%02x", (unsigned char)c);
	else sb_addc(sb, c);
}

/* The escapes of @actions/core: data escapes % CR LF, property values also : and ,. */
static void gh_escape(struct strbuf *sb, const char *s, int property)
{
	for (; *s; s++) {
		switch (*s) {
		case '%': sb_adds(sb, "%25"); break;
		case '\r': sb_adds(sb, "%0D"); break;
		case '\n': sb_adds(sb, "%0A"); break;
		case ':': sb_adds(sb, property ? "%3A" : ":"); break;
		case ',': sb_adds(sb, property ? "%2C" : ","); break;
		default: add_plain(sb, *s);   /* an escape sequence would drive the log's colours */
		}
	}
}

static void github_one(const struct cl_check_result *r, struct strbuf *sb,
		       const struct cl_violation *v)
{
	static const char *const level[] = { "notice", "warning", "error" };
	sb_addf(sb, "::%s ", level[v->severity]);
	if (v->path) {
		struct strbuf p = {0};
		sb_adds(sb, "file=");
		gh_escape(sb, ci_path(r, v->path, &p), 1);
		sb_release(&p);
		if (v->line > 0) sb_addf(sb, ",line=%d", v->line);
		if (v->line > 0 && v->col > 0) sb_addf(sb, ",col=%d", v->col);
		sb_addc(sb, ',');
	}
	sb_adds(sb, "title=cutline ");
	gh_escape(sb, cl_kind_name(v->kind), 1);
	sb_adds(sb, "::");
	gh_escape(sb, str(v->message), 0);
	struct strbuf hop = {0};
	for (size_t i = 0; i < v->nchain; i++) {
		sb_reset(&hop);
		add_hop(&hop, &v->chain[i], r);
		sb_adds(sb, "%0A");
		gh_escape(sb, hop.buf, 0);
	}
	sb_release(&hop);
	sb_adds(sb, "%0AWhat to do: ");
	gh_escape(sb, instructions_of(v), 0);
	sb_addc(sb, '\n');
}

static int write_github(const struct cl_check_result *r, FILE *out)
{
	struct strbuf sb = {0};
	for (size_t i = 0; i < r->n; i++) {
		if (r->v[i].known) continue;
		sb_reset(&sb);
		github_one(r, &sb, &r->v[i]);
		fwrite(sb.buf, 1, sb.len, out);
	}
	sb_release(&sb);
	write_summary_line(r, 0, out);
	return CL_OK;
}

/* --- junit: one testcase per new violation; only errors fail ------------------------------- */

/* Escapes markup and drops what XML 1.0 cannot hold (other control characters, malformed
 * UTF-8, U+FFFE/U+FFFF) for U+FFFD. In attributes, whitespace is kept as references because
 * parsers would fold it into spaces. */
static void xml_escape(struct strbuf *sb, const char *s, int attr)
{
	unsigned cp;
	for (const unsigned char *p = (const unsigned char *)s; *p;) {
		size_t n = utf8_seq(p, &cp);
		p += n ? n : 1;
		if (!n || cp == 0xFFFE || cp == 0xFFFF) { sb_adds(sb, replacement); continue; }
		switch (cp) {
		case '&': sb_adds(sb, "&amp;"); break;
		case '<': sb_adds(sb, "&lt;"); break;
		case '>': sb_adds(sb, "&gt;"); break;
		case '"': sb_adds(sb, "&quot;"); break;
		case '\'': sb_adds(sb, "&apos;"); break;
		case '\r': sb_adds(sb, "&#13;"); break;
		case '\n': sb_adds(sb, attr ? "&#10;" : "\n"); break;
		case '\t': sb_adds(sb, attr ? "&#9;" : "\t"); break;
		default:
			if (cp < 0x20) sb_adds(sb, replacement);
			else sb_add(sb, p - n, n);
		}
	}
}

/* "a.py:3:1 a.x -> b.y", from what is known; the kind when nothing is. */
static void junit_name(const struct cl_check_result *r, struct strbuf *sb,
		       const struct cl_violation *v)
{
	struct strbuf name = {0}, p = {0};
	if (v->path) add_loc(&name, ci_path(r, v->path, &p), v->line, v->col);
	sb_release(&p);
	if (v->from) sb_addf(&name, "%s%s", name.len ? " " : "", v->from);
	if (v->from && v->to) sb_addf(&name, " -> %s", v->to);
	xml_escape(sb, name.len ? name.buf : cl_kind_name(v->kind), 1);
	sb_release(&name);
}

static void junit_one(const struct cl_check_result *r, struct strbuf *sb,
		      const struct cl_violation *v)
{
	const char *kind = cl_kind_name(v->kind);
	struct strbuf body = {0};
	sb_addf(sb, "    <testcase classname=\"%s\" name=\"", kind);
	junit_name(r, sb, v);
	sb_adds(sb, "\">\n");
	sb_adds(&body, str(v->message));
	for (size_t i = 0; i < v->nchain; i++) {
		sb_adds(&body, "\n    ");
		add_hop(&body, &v->chain[i], r);
	}
	sb_adds(&body, "\nWhat to do: ");
	sb_adds(&body, instructions_of(v));
	if (v->severity == CL_ERROR) {
		sb_addf(sb, "      <failure type=\"%s\" message=\"", kind);
		xml_escape(sb, str(v->message), 1);
		sb_adds(sb, "\">");
		xml_escape(sb, body.buf, 0);
		sb_adds(sb, "</failure>\n");
	} else {
		sb_adds(sb, "      <system-out>");
		xml_escape(sb, body.buf, 0);
		sb_adds(sb, "</system-out>\n");
	}
	sb_adds(sb, "    </testcase>\n");
	sb_release(&body);
}

static int write_junit(const struct cl_check_result *r, FILE *out)
{
	size_t tests = 0, failures = 0;
	for (size_t i = 0; i < r->n; i++) {
		if (r->v[i].known) continue;
		tests++;
		failures += r->v[i].severity == CL_ERROR;
	}
	fprintf(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		"<testsuites name=\"cutline\" tests=\"%zu\" failures=\"%zu\">\n"
		"  <testsuite name=\"cutline check\" tests=\"%zu\" failures=\"%zu\" errors=\"0\" "
		"skipped=\"0\">\n", tests ? tests : 1, failures, tests ? tests : 1, failures);
	if (!tests) fputs("    <testcase classname=\"cutline\" name=\"check\"/>\n", out);
	struct strbuf sb = {0};
	for (size_t i = 0; i < r->n; i++) {
		if (r->v[i].known) continue;
		sb_reset(&sb);
		junit_one(r, &sb, &r->v[i]);
		fwrite(sb.buf, 1, sb.len, out);
	}
	sb_release(&sb);
	fputs("  </testsuite>\n</testsuites>\n", out);
	return CL_OK;
}

/* --- the entry points ------------------------------------------------------------------------ */

int cl_check_write(const struct cl_check_result *r, enum cl_check_format f, int color,
		   int show_known, FILE *out)
{
	int rc;
	if (!valid(r)) return CL_EINTERNAL;
	switch (f) {
	case CL_FMT_TEXT: rc = write_text(r, color, show_known, out); break;
	case CL_FMT_JSON: rc = write_json(r, out); break;
	case CL_FMT_SARIF: rc = write_sarif(r, out); break;
	case CL_FMT_GITHUB: rc = write_github(r, out); break;
	case CL_FMT_JUNIT: rc = write_junit(r, out); break;
	default: return CL_EINTERNAL;
	}
	/* A full disk shows only when the buffer is flushed. */
	if (fflush(out) || ferror(out)) return CL_EINTERNAL;
	return rc;
}

/* Markdown table cells: inline markup is escaped with '\', HTML with entities, and line
 * breaks become spaces so that a row stays one line. */
static void md_escape(struct strbuf *sb, const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '<': sb_adds(sb, "&lt;"); break;
		case '>': sb_adds(sb, "&gt;"); break;
		case '&': sb_adds(sb, "&amp;"); break;
		case '\n': case '\r': sb_addc(sb, ' '); break;
		case '|': case '\\': case '`': case '*': case '_': case '[': case ']':
			sb_addc(sb, '\\');
			sb_addc(sb, *s);
			break;
		default: add_plain(sb, *s);   /* no raw control character in the summary page */
		}
	}
}

static void md_row(struct strbuf *sb, const struct cl_violation *v)
{
	struct strbuf where = {0};
	if (v->path) add_loc(&where, v->path, v->line, v->col);
	sb_addf(sb, "| `%s` | %s | ", cl_kind_name(v->kind), cl_severity_name(v->severity));
	md_escape(sb, where.len ? where.buf : "-");
	sb_adds(sb, " | ");
	md_escape(sb, str(v->message));
	sb_adds(sb, " |\n");
	sb_release(&where);
}

void cl_check_write_summary(const struct cl_check_result *r, FILE *out)
{
	static const char table_head[] = "\n| kind | severity | where | message |\n"
		"|---|---|---|---|\n";
	struct strbuf sb = {0};
	size_t rows = 0, more = 0;
	if (!valid(r)) return;
	sb_adds(&sb, "## cutline check\n\n**check:** ");
	add_counts(&sb, r, 0);
	sb_adds(&sb, ".\n");
	for (size_t i = 0; i < r->n; i++) {
		if (r->v[i].known) continue;
		if (rows == SUMMARY_ROWS) { more++; continue; }
		if (!rows++) sb_adds(&sb, table_head);
		md_row(&sb, &r->v[i]);
	}
	if (more) sb_addf(&sb, "\nAnd %zu more, not listed here.\n", more);
	fputs(sb.buf, out);
	sb_release(&sb);
}
