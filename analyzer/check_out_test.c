/* check_out_test.c — the check output formats on a made-up result: JSON and SARIF parsed
 * back, JUnit checked for well-formedness, GitHub commands and text line by line. */
#include "cutline.h"
#include "testing_p.h"
#include "util_p.h"

#include <cjson/cJSON.h>
#include <stdlib.h>

#define HOSTILE "Say \"hi\" <b> & 50% off, a:b | `x`\nsecond line \xC3\xBC"

static struct cl_hop cycle[] = {
	{ "a.x", "a.y", "a/x.py", 1, 1, "top" },
	{ "a.y", "a.x", "a/y.py", 2, 1, "top" },
};

/* Seven violations: two that differ only by line, a warning, a known one, a cycle with a
 * chain, a hostile message at a hostile path with no line, and one with no path at all. */
static struct cl_violation sample_v[] = {
	{ CL_K_UNDECLARED, CL_ERROR, "billing/api.py", 3, 1, "billing.api", "users.models",
	  "billing", "users", "billing.api imports users.models undeclared", NULL, 0, 0, NULL },
	{ CL_K_UNDECLARED, CL_ERROR, "billing/api.py", 7, 5, "billing.api", "users.models",
	  "billing", "users", "billing.api imports users.models undeclared", NULL, 0, 0, NULL },
	{ CL_K_PRIVATE, CL_WARNING, "orders/views.py", 12, 0, "orders.views", "users.internal",
	  "orders", "users", "users.internal is private", NULL, 0, 0, NULL },
	{ CL_K_LAYER, CL_ERROR, "orders/views.py", 20, 2, "orders.views", "web.app",
	  "orders", "web", "a known layer violation", NULL, 0, 1, NULL },
	{ CL_K_MODULE_CYCLE, CL_ERROR, "a/x.py", 1, 1, "a.x", "a.y", NULL, NULL,
	  "a.x and a.y import each other", cycle, 2, 0, NULL },
	{ CL_K_UNUSED_DEPENDENCY, CL_NOTE, "odd dir/a,b:c.py", 0, 0, NULL, NULL, NULL, NULL,
	  HOSTILE, NULL, 0, 0, "the owners say: ask \033[31m#billing" },
	{ CL_K_STALE_BASELINE, CL_ERROR, NULL, 0, 0, "x", "y", NULL, NULL,
	  "a baseline entry matches nothing", NULL, 0, 0, NULL },
};

static struct cl_check_result sample(void)
{
	struct cl_check_result r = { sample_v, sizeof(sample_v) / sizeof(sample_v[0]),
		4, 1, 1, 1, 2, 3, 1, 12, 3, 10, "/tmp/my repo", NULL, "ci/baseline.json" };
	return r;
}

static char *render(const struct cl_check_result *r, enum cl_check_format f, int color,
		    int show_known)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *m = open_memstream(&buf, &len);
	CHECK_INT(cl_check_write(r, f, color, show_known, m), CL_OK);
	fclose(m);
	return buf;
}

static size_t count(const char *hay, const char *needle)
{
	size_t n = 0;
	for (const char *p = strstr(hay, needle); p; p = strstr(p + 1, needle)) n++;
	return n;
}

/* want with FIX_UNDECLARED, FIX_PRIVATE, FIX_CYCLE and FIX_STALE replaced by those kinds'
 * default instructions (malloc'd). */
static char *fixes_in(const char *want)
{
	static const struct { const char *tag; int kind; } tags[] = {
		{ "FIX_UNDECLARED", CL_K_UNDECLARED }, { "FIX_PRIVATE", CL_K_PRIVATE },
		{ "FIX_CYCLE", CL_K_MODULE_CYCLE }, { "FIX_STALE", CL_K_STALE_BASELINE } };
	struct strbuf sb = {0};
	for (const char *p = want; *p;) {
		size_t i = 0, n = sizeof(tags) / sizeof(tags[0]);
		while (i < n && strncmp(p, tags[i].tag, strlen(tags[i].tag))) i++;
		if (i < n) {
			sb_adds(&sb, cl_kind_fix(tags[i].kind));
			p += strlen(tags[i].tag);
		} else {
			sb_addc(&sb, *p++);
		}
	}
	return sb_detach(&sb);
}

/* --- text --------------------------------------------------------------------------------- */

static void test_text(void)
{
	struct cl_check_result r = sample();
	char *out = render(&r, CL_FMT_TEXT, 0, 0);
	char *want = fixes_in(
		"billing/api.py:3:1: error: billing.api imports users.models undeclared "
		"[undeclared-dependency]\n"
		"    fix: FIX_UNDECLARED\n"                 /* once per kind: not under the next */
		"billing/api.py:7:5: error: billing.api imports users.models undeclared "
		"[undeclared-dependency]\n"
		"orders/views.py:12: warning: users.internal is private [private-import]\n"
		"    fix: FIX_PRIVATE\n"
		"a/x.py:1:1: error: a.x and a.y import each other [module-cycle]\n"
		"    a.x -> a.y  (a/x.py:1:1, top)\n"
		"    a.y -> a.x  (a/y.py:2:1, top)\n"
		"    fix: FIX_CYCLE\n"
		/* a control character cannot split a line or drive the terminal */
		"odd dir/a,b:c.py: info: Say \"hi\" <b> & 50% off, a:b | `x`\\x0asecond line "
		"\xC3\xBC [unused-dependency]\n"
		"    fix: the owners say: ask \\x1b[31m#billing\n"   /* the config's, escaped */
		"cutline: error: a baseline entry matches nothing [stale-baseline]\n"
		"    fix: FIX_STALE\n"
		"check: 4 errors, 1 warning, 1 info in 12 modules of 3 services; bad dependency "
		"33.3% (1 of 3 cross-service dependencies); 2 suppressed; baseline ci/baseline.json: "
		"1 known violation not shown\n");
	CHECK_STR(out, want);
	free(want);
	free(out);
}

static void test_text_known(void)
{
	struct cl_check_result r = sample();
	char *out = render(&r, CL_FMT_TEXT, 0, 1);
	CHECK(strstr(out, "orders/views.py:20:2: error: a known layer violation (known) "
		      "[layer-violation]\n"));
	CHECK_INT(count(out, "\n"), 16);           /* six of them say what to do */
	free(out);
}

static void test_text_color(void)
{
	struct cl_check_result r = sample();
	char *out = render(&r, CL_FMT_TEXT, 1, 0);
	CHECK(strstr(out, "\033[1mbilling/api.py:3:1:\033[0m \033[1;31merror:\033[0m billing"));
	CHECK(strstr(out, "\033[1;35mwarning:\033[0m"));
	CHECK(strstr(out, "\033[1;36minfo:\033[0m"));
	CHECK(strstr(out, " \033[2m[module-cycle]\033[0m\n"));
	CHECK(strstr(out, "\n    a.x -> a.y  (a/x.py:1:1, top)\n"));
	free(out);
}

static void test_summary_words(void)
{
	struct cl_check_result one = { NULL, 0, 1, 1, 1, 0, 0, 1, 1, 1, 1, 1, NULL, NULL, NULL };
	char *out = render(&one, CL_FMT_TEXT, 0, 0);
	CHECK_STR(out, "check: 1 error, 1 warning, 1 info in 1 module of 1 service; bad "
		  "dependency 100.0% (1 of 1 cross-service dependency)\n");
	free(out);
	struct cl_check_result none = { NULL, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 2, NULL, NULL, NULL };
	out = render(&none, CL_FMT_TEXT, 0, 0);
	CHECK_STR(out, "check: no violations in 2 modules of 0 services\n");
	free(out);
	struct cl_check_result third = { NULL, 0, 0, 0, 0, 0, 0, 3, 2, 5, 2, 5, NULL, NULL, NULL };
	out = render(&third, CL_FMT_TEXT, 0, 0);
	CHECK(strstr(out, "; bad dependency 66.7% (2 of 3 cross-service dependencies)\n"));
	free(out);
}

/* --- json ----------------------------------------------------------------------------------- */

static const char *jget_str(const cJSON *o, const char *key)
{
	return cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(o, key));
}

static double jget_num(const cJSON *o, const char *key)
{
	const cJSON *n = cJSON_GetObjectItemCaseSensitive(o, key);
	return cJSON_IsNumber(n) ? n->valuedouble : -1;
}

/* Every value of "key" in the text is a bare integer (no '.', no exponent) or null. */
static int ints_only(const char *txt, const char *key)
{
	char pat[64];
	snprintf(pat, sizeof(pat), "\"%s\":", key);
	int seen = 0;
	for (const char *p = strstr(txt, pat); p; p = strstr(p + 1, pat)) {
		p += strlen(pat);
		while (*p == ' ' || *p == '\t') p++;
		size_t n = strncmp(p, "null", 4) ? strspn(p, "0123456789") : 4;
		if (!n || !strchr(",\n}", p[n])) return 0;
		seen = 1;
	}
	return seen;
}

static void test_json(void)
{
	struct cl_check_result r = sample();
	char *out = render(&r, CL_FMT_JSON, 0, 0);
	cJSON *root = cJSON_Parse(out);
	CHECK(root);
	CHECK(ints_only(out, "line") && ints_only(out, "errors") && ints_only(out, "col"));
	CHECK_INT(jget_num(root, "version"), 1);
	CHECK_STR(jget_str(cJSON_GetObjectItem(root, "tool"), "name"), "cutline");
	const cJSON *s = cJSON_GetObjectItem(root, "summary");
	CHECK_INT(jget_num(s, "errors"), 4);
	CHECK_INT(jget_num(s, "known"), 1);
	CHECK_STR(jget_str(s, "baseline"), "ci/baseline.json");
	CHECK_INT(jget_num(s, "cross_service_dependencies"), 3);
	CHECK(jget_num(s, "bad_dependency_percent") == 33.3);
	const cJSON *vs = cJSON_GetObjectItem(root, "violations");
	CHECK_INT(cJSON_GetArraySize(vs), 7);
	const cJSON *known = cJSON_GetArrayItem(vs, 3), *cyc = cJSON_GetArrayItem(vs, 4);
	CHECK(cJSON_IsTrue(cJSON_GetObjectItem(known, "known")));
	CHECK(cJSON_IsFalse(cJSON_GetObjectItem(cJSON_GetArrayItem(vs, 0), "known")));
	CHECK_STR(jget_str(known, "kind"), "layer-violation");
	CHECK_STR(jget_str(known, "instructions"), cl_kind_fix(CL_K_LAYER));   /* the default */
	CHECK_STR(jget_str(cJSON_GetArrayItem(vs, 5), "instructions"),         /* the config's */
		  "the owners say: ask \033[31m#billing");
	CHECK_STR(jget_str(cJSON_GetArrayItem(vs, 5), "severity"), "info");
	/* no position: null, not 0 (lines and columns are 1-based) */
	CHECK(cJSON_IsNull(cJSON_GetObjectItem(cJSON_GetArrayItem(vs, 5), "line")));
	CHECK(cJSON_IsNull(cJSON_GetObjectItem(cJSON_GetArrayItem(vs, 2), "col")));
	CHECK_INT(jget_num(cJSON_GetArrayItem(vs, 2), "line"), 12);
	CHECK_STR(jget_str(cJSON_GetArrayItem(vs, 5), "message"), HOSTILE);
	CHECK(cJSON_IsNull(cJSON_GetObjectItem(cJSON_GetArrayItem(vs, 5), "from")));
	CHECK(cJSON_IsNull(cJSON_GetObjectItem(cJSON_GetArrayItem(vs, 6), "path")));
	CHECK_INT(cJSON_GetArraySize(cJSON_GetObjectItem(cJSON_GetArrayItem(vs, 0), "chain")), 0);
	const cJSON *chain = cJSON_GetObjectItem(cyc, "chain");
	CHECK_INT(cJSON_GetArraySize(chain), 2);
	CHECK_STR(jget_str(cJSON_GetArrayItem(chain, 1), "path"), "a/y.py");
	CHECK_INT(jget_num(cJSON_GetArrayItem(chain, 1), "line"), 2);
	CHECK_STR(jget_str(cJSON_GetArrayItem(chain, 1), "context"), "top");
	cJSON_Delete(root);
	free(out);
}

static void test_json_bad_utf8(void)
{
	struct cl_violation v = { CL_K_PARSE_ERROR, CL_WARNING, "bad\xFF.py", 1, 1, NULL, NULL,
		NULL, NULL, "cut \xE2\x82", NULL, 0, 0, NULL };
	struct cl_check_result r = { &v, 1, 0, 1, 0, 0, 0, 0, 0, 1, 1, 1, NULL, NULL, NULL };
	char *out = render(&r, CL_FMT_JSON, 0, 0);
	cJSON *root = cJSON_Parse(out);
	const cJSON *j = cJSON_GetArrayItem(cJSON_GetObjectItem(root, "violations"), 0);
	CHECK_STR(jget_str(j, "path"), "bad\xEF\xBF\xBD.py");
	CHECK_STR(jget_str(j, "message"), "cut \xEF\xBF\xBD\xEF\xBF\xBD");
	cJSON_Delete(root);
	free(out);
}

/* Text and GitHub commands reach terminals and CI logs: no raw ESC, C1 control (U+009B is
 * a CSI on some terminals) or stray byte there. */
static void test_controls_escaped(void)
{
	struct cl_violation v = { CL_K_PARSE_ERROR, CL_WARNING, "a\033[2Jb.py", 1, 1, NULL, NULL,
		NULL, NULL, "red \033[31m csi \xC2\x9B" "2J stray \x9B", NULL, 0, 0, NULL };
	struct cl_check_result r = { &v, 1, 0, 1, 0, 0, 0, 0, 0, 1, 1, 1, NULL, NULL, NULL };
	char *text = render(&r, CL_FMT_TEXT, 0, 0), *gh = render(&r, CL_FMT_GITHUB, 0, 0);
	CHECK(strstr(text, "a\\x1b[2Jb.py:1:1: warning: red \\x1b[31m csi \\xc2\\x9b2J stray \\x9b"));
	CHECK(!strchr(text, '\033') && !strchr(gh, '\033'));
	CHECK(strstr(gh, "::red \\x1b[31m csi "));
	free(text);
	free(gh);
}

/* --- sarif ---------------------------------------------------------------------------------- */

static const cJSON *sarif_uri(const cJSON *res)
{
	const cJSON *loc = cJSON_GetArrayItem(cJSON_GetObjectItem(res, "locations"), 0);
	const cJSON *phys = cJSON_GetObjectItem(loc, "physicalLocation");
	return cJSON_GetObjectItem(phys, "artifactLocation");
}

static const char *fingerprint(const cJSON *res)
{
	return jget_str(cJSON_GetObjectItem(res, "partialFingerprints"), "cutline/v1");
}

static void check_sarif_result(const cJSON *res, const cJSON *rules)
{
	const char *id = jget_str(res, "ruleId");
	const cJSON *rule = cJSON_GetArrayItem(rules, (int)jget_num(res, "ruleIndex"));
	CHECK(id && rule);
	CHECK_STR(jget_str(rule, "id"), id);
	const char *fp = fingerprint(res);
	CHECK(fp && strlen(fp) == 16 && strspn(fp, "0123456789abcdef") == 16);
	const cJSON *art = sarif_uri(res);
	if (!art) return;
	const char *uri = jget_str(art, "uri");
	CHECK(uri && uri[0] != '/' && !strchr(uri, ' '));
	CHECK_STR(jget_str(art, "uriBaseId"), "SRCROOT");
}

static void test_sarif(void)
{
	struct cl_check_result r = sample();
	char *out = render(&r, CL_FMT_SARIF, 0, 0);
	cJSON *root = cJSON_Parse(out);
	CHECK(root);
	CHECK_STR(jget_str(root, "$schema"), "https://json.schemastore.org/sarif-2.1.0.json");
	CHECK_STR(jget_str(root, "version"), "2.1.0");
	CHECK_INT(cJSON_GetArraySize(cJSON_GetObjectItem(root, "runs")), 1);
	const cJSON *run = cJSON_GetArrayItem(cJSON_GetObjectItem(root, "runs"), 0);
	const cJSON *driver = cJSON_GetObjectItem(cJSON_GetObjectItem(run, "tool"), "driver");
	CHECK_STR(jget_str(driver, "name"), "cutline");
	const cJSON *rules = cJSON_GetObjectItem(driver, "rules");
	CHECK_INT(cJSON_GetArraySize(rules), CL_K_COUNT);
	for (int k = 0; k < CL_K_COUNT; k++)
		CHECK_STR(jget_str(cJSON_GetArrayItem(rules, k), "id"), cl_kind_name(k));
	CHECK_STR(jget_str(cJSON_GetArrayItem(rules, 0), "name"), "UndeclaredDependency");
	CHECK_STR(jget_str(cJSON_GetObjectItem(cJSON_GetArrayItem(rules, 7), "fullDescription"),
			   "text"), cl_kind_help(CL_K_MODULE_CYCLE));
	/* help: what to do, as text (no Markdown quotes) and as Markdown */
	const cJSON *help = cJSON_GetObjectItem(cJSON_GetArrayItem(rules, CL_K_STALE_BASELINE), "help");
	CHECK_STR(jget_str(help, "text"), "Run cutline baseline prune, so that the fixed violation "
		  "cannot come back unnoticed.");
	CHECK_STR(jget_str(help, "markdown"), "**What to do** about `stale-baseline`: Run `cutline "
		  "baseline prune`, so that the fixed violation cannot come back unnoticed.");
	const cJSON *base = cJSON_GetObjectItem(cJSON_GetObjectItem(run, "originalUriBaseIds"),
						"SRCROOT");
	CHECK_STR(jget_str(base, "uri"), "file:///tmp/my%20repo/");

	const cJSON *res = cJSON_GetObjectItem(run, "results");
	static const char *const levels[] = { "error", "error", "warning", "error", "note",
		"error" };
	CHECK_INT(cJSON_GetArraySize(res), 6);
	for (int i = 0; i < cJSON_GetArraySize(res) && i < 6; i++) {
		check_sarif_result(cJSON_GetArrayItem(res, i), rules);
		CHECK_STR(jget_str(cJSON_GetArrayItem(res, i), "level"), levels[i]);
	}
	CHECK(!strstr(out, "a known layer violation"));
	cJSON_Delete(root);
	free(out);
}

static void test_sarif_details(void)
{
	struct cl_check_result r = sample();
	char *out = render(&r, CL_FMT_SARIF, 0, 0);
	cJSON *root = cJSON_Parse(out);
	const cJSON *run = cJSON_GetArrayItem(cJSON_GetObjectItem(root, "runs"), 0);
	const cJSON *res = cJSON_GetObjectItem(run, "results");
	const cJSON *r0 = cJSON_GetArrayItem(res, 0), *r1 = cJSON_GetArrayItem(res, 1);
	CHECK(fingerprint(r0) && fingerprint(r1));
	CHECK_STR(fingerprint(r0), fingerprint(r1));
	CHECK(strcmp(fingerprint(r0), fingerprint(cJSON_GetArrayItem(res, 2))) != 0);
	const cJSON *reg = cJSON_GetObjectItem(cJSON_GetObjectItem(cJSON_GetArrayItem(
		cJSON_GetObjectItem(cJSON_GetArrayItem(res, 2), "locations"), 0),
		"physicalLocation"), "region");
	CHECK_INT(jget_num(reg, "startLine"), 12);
	CHECK(!cJSON_GetObjectItem(reg, "startColumn"));
	/* the config's instructions: in the message and the properties; the rule has the default */
	CHECK_STR(jget_str(cJSON_GetObjectItem(cJSON_GetArrayItem(res, 4), "message"), "text"),
		  HOSTILE ". What to do: the owners say: ask \033[31m#billing");
	CHECK_STR(jget_str(cJSON_GetObjectItem(cJSON_GetArrayItem(res, 4), "properties"),
			   "instructions"), "the owners say: ask \033[31m#billing");
	CHECK(!cJSON_GetObjectItem(cJSON_GetObjectItem(cJSON_GetArrayItem(res, 0), "properties"),
				   "instructions"));
	CHECK_STR(jget_str(sarif_uri(cJSON_GetArrayItem(res, 4)), "uri"), "odd%20dir/a%2Cb%3Ac.py");
	CHECK(!cJSON_GetObjectItem(cJSON_GetObjectItem(cJSON_GetArrayItem(cJSON_GetObjectItem(
		cJSON_GetArrayItem(res, 4), "locations"), 0), "physicalLocation"), "region"));
	CHECK(!cJSON_GetObjectItem(cJSON_GetArrayItem(res, 5), "locations"));
	const cJSON *rel = cJSON_GetObjectItem(cJSON_GetArrayItem(res, 3), "relatedLocations");
	CHECK_INT(cJSON_GetArraySize(rel), 2);
	CHECK_STR(jget_str(cJSON_GetObjectItem(cJSON_GetArrayItem(rel, 1), "message"), "text"),
		  "a.y -> a.x (top)");
	CHECK_STR(jget_str(cJSON_GetObjectItem(r0, "properties"), "to_service"), "users");
	cJSON_Delete(root);
	free(out);
}

/* --- junit ---------------------------------------------------------------------------------- */

/* Whether the text at p is one of the references the writer produces. */
static int entity_at(const char *p)
{
	static const char *const ents[] = { "&amp;", "&lt;", "&gt;", "&quot;", "&apos;",
		"&#9;", "&#10;", "&#13;" };
	for (size_t i = 0; i < sizeof(ents) / sizeof(ents[0]); i++)
		if (!strncmp(p, ents[i], strlen(ents[i]))) return 1;
	return 0;
}

/* Skips a tag's attributes up to '>' or "/>", checking quoted values. NULL when malformed. */
static const char *skip_attrs(const char *p)
{
	while (*p && *p != '>' && strncmp(p, "/>", 2)) {
		if (*p == '<' || *p == '\'') return NULL;
		if (*p != '"') { p++; continue; }
		for (p++; *p != '"'; p++)
			if (!*p || *p == '<' || *p == '\n' || (*p == '&' && !entity_at(p)))
				return NULL;
		p++;
	}
	return *p ? p : NULL;
}

static int same_name(const char *open, const char *name, size_t n)
{
	return !strncmp(open, name, n) && strchr(" />", open[n]);
}

/* A small well-formedness check: tags nest and close by name, text and attribute values
 * hold no raw '<' or stray '&', no control characters, one root element. */
static int xml_ok(const char *s)
{
	const char *stack[16];
	int depth = 0, roots = 0;
	const char *p = strstr(s, "?>");
	if (strncmp(s, "<?xml ", 6) || !p) return 0;
	for (p += 2; *p; p++) {
		if ((unsigned char)*p < 0x20 && !strchr("\t\n\r", *p)) return 0;
		if (*p == '&' && !entity_at(p)) return 0;
		if (*p != '<') continue;
		int closing = p[1] == '/';
		const char *name = p + 1 + closing;
		size_t n = strcspn(name, " />");
		if (!n) return 0;
		if (closing) {
			if (!depth || !same_name(stack[--depth], name, n)) return 0;
			p = name + n;
			if (*p != '>') return 0;
			continue;
		}
		if (!depth) roots++;
		p = skip_attrs(name + n);
		if (!p) return 0;
		if (*p == '/') p++;
		else if (depth < 16) stack[depth++] = name;
		else return 0;
	}
	return depth == 0 && roots == 1;
}

static void test_junit(void)
{
	struct cl_check_result r = sample();
	char *out = render(&r, CL_FMT_JUNIT, 0, 0);
	CHECK(xml_ok(out));
	CHECK(strstr(out, "<testsuites name=\"cutline\" tests=\"6\" failures=\"4\">"));
	CHECK(strstr(out, "<testsuite name=\"cutline check\" tests=\"6\" failures=\"4\""));
	CHECK_INT(count(out, "<testcase "), 6);
	CHECK_INT(count(out, "<failure "), 4);
	CHECK_INT(count(out, "<system-out>"), 2);
	CHECK(strstr(out, "name=\"billing/api.py:3:1 billing.api -&gt; users.models\""));
	CHECK(strstr(out, "<system-out>Say &quot;hi&quot; &lt;b&gt; &amp; 50% off, a:b | `x`\n"
		      "second line \xC3\xBC\nWhat to do: the owners say: ask \xEF\xBF\xBD[31m#billing"
		      "</system-out>"));
	CHECK(!strstr(out, "\"hi\"") && !strstr(out, "<b>") && !strstr(out, " & "));
	CHECK(strstr(out, "    a.x -&gt; a.y  (a/x.py:1:1, top)\n    a.y -&gt; a.x"));
	CHECK(!strstr(out, "known layer"));
	free(out);
}

/* An error puts the hostile text in attributes too: the failure message and the name. */
static void test_junit_attrs(void)
{
	struct cl_violation v = { CL_K_FORBIDDEN, CL_ERROR, "a'b.py", 2, 3, "x<y", "z&\"w",
		NULL, NULL, HOSTILE, NULL, 0, 0, NULL };
	struct cl_check_result r = { &v, 1, 1, 0, 0, 0, 0, 0, 0, 1, 1, 1, NULL, NULL, NULL };
	char *out = render(&r, CL_FMT_JUNIT, 0, 0);
	CHECK(xml_ok(out));
	CHECK(strstr(out, "<testcase classname=\"forbidden-import\" name=\"a&apos;b.py:2:3 "
		      "x&lt;y -&gt; z&amp;&quot;w\">"));
	CHECK(strstr(out, "<failure type=\"forbidden-import\" message=\"Say &quot;hi&quot; "
		      "&lt;b&gt; &amp; 50% off, a:b | `x`&#10;second line \xC3\xBC\">"
		      "Say &quot;hi"));
	CHECK(!strstr(out, "\"hi\"") && !strstr(out, "<b>") && !strstr(out, "x<y"));
	free(out);
}

static void test_junit_edges(void)
{
	struct cl_check_result none = { NULL, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, NULL, NULL, NULL };
	char *out = render(&none, CL_FMT_JUNIT, 0, 0);
	CHECK(xml_ok(out));
	CHECK(strstr(out, "<testsuites name=\"cutline\" tests=\"1\" failures=\"0\">"));
	CHECK(strstr(out, "<testcase classname=\"cutline\" name=\"check\"/>"));
	free(out);
	struct cl_violation v = { CL_K_PARSE_ERROR, CL_ERROR, "a.py", 1, 1, NULL, NULL, NULL,
		NULL, "bell\x07here \xFF", NULL, 0, 0, NULL };
	struct cl_check_result bad = { &v, 1, 1, 0, 0, 0, 0, 0, 0, 1, 1, 1, NULL, NULL, NULL };
	out = render(&bad, CL_FMT_JUNIT, 0, 0);
	CHECK(xml_ok(out));
	CHECK(!strchr(out, '\x07') && !strchr(out, '\xFF'));
	CHECK(strstr(out, ">bell\xEF\xBF\xBDhere \xEF\xBF\xBD\nWhat to do: Fix the syntax error"));
	free(out);
}

/* The checker itself must reject what it is there to catch. */
static void test_xml_ok(void)
{
	const char *head = "<?xml version=\"1.0\"?>\n";
	char buf[256];
	snprintf(buf, sizeof(buf), "%s<a><b x=\"1\"/></a>", head);
	CHECK(xml_ok(buf));
	snprintf(buf, sizeof(buf), "%s<a><b></a></b>", head);
	CHECK(!xml_ok(buf));
	snprintf(buf, sizeof(buf), "%s<a x=\"<\"></a>", head);
	CHECK(!xml_ok(buf));
	snprintf(buf, sizeof(buf), "%s<a>&</a>", head);
	CHECK(!xml_ok(buf));
	snprintf(buf, sizeof(buf), "%s<a></a><a></a>", head);
	CHECK(!xml_ok(buf));
}

/* --- github --------------------------------------------------------------------------------- */

static void test_github(void)
{
	struct cl_check_result r = sample();
	char *out = render(&r, CL_FMT_GITHUB, 0, 0);
	size_t lines = 0;
	for (char *line = out, *nl; *line; line = nl + 1, lines++) {
		nl = strchr(line, '\n');
		CHECK(nl);
		if (!nl) break;
		if (!nl[1]) { CHECK(!strncmp(line, "check: 4 errors, 1 warning", 26)); continue; }
		CHECK(!strncmp(line, "::error ", 8) || !strncmp(line, "::warning ", 10)
		      || !strncmp(line, "::notice ", 9));
	}
	CHECK_INT(lines, 7);
	CHECK(strstr(out, "::error file=billing/api.py,line=3,col=1,title=cutline "
		      "undeclared-dependency::billing.api imports users.models undeclared"
		      "%0AWhat to do: Declare the dependency"));
	CHECK(strstr(out, "::warning file=orders/views.py,line=12,title=cutline private-import::"));
	CHECK(strstr(out, "\n::notice file=odd dir/a%2Cb%3Ac.py,title=cutline unused-dependency::"
		      "Say \"hi\" <b> & 50%25 off, a:b | `x`%0Asecond line \xC3\xBC"
		      "%0AWhat to do: the owners say: ask \\x1b[31m#billing\n"));
	CHECK(strstr(out, "::a.x and a.y import each other%0Aa.x -> a.y  (a/x.py:1:1, top)"
		      "%0Aa.y -> a.x  (a/y.py:2:1, top)%0AWhat to do: Break one hop"));
	CHECK(strstr(out, "\n::error title=cutline stale-baseline::a baseline entry"));
	CHECK(!strstr(out, "known layer"));
	free(out);
}

/* --- the markdown step summary ----------------------------------------------------------- */

static char *summary(const struct cl_check_result *r)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *m = open_memstream(&buf, &len);
	cl_check_write_summary(r, m);
	fclose(m);
	return buf;
}

/* Table rows: lines starting "| `", each with exactly five unescaped pipes. */
static size_t table_rows(const char *md)
{
	size_t rows = 0;
	for (const char *p = strstr(md, "\n| `"); p; p = strstr(p + 1, "\n| `")) {
		size_t pipes = 0;
		for (const char *q = p + 1; *q && *q != '\n'; q++)
			pipes += *q == '|' && q[-1] != '\\';
		if (pipes != 5) return 0;
		rows++;
	}
	return rows;
}

static void test_markdown(void)
{
	struct cl_check_result r = sample();
	char *md = summary(&r);
	CHECK(!strncmp(md, "## cutline check\n", 17));
	CHECK(strstr(md, "4 errors, 1 warning, 1 info in 12 modules of 3 services"));
	CHECK(strstr(md, "\n| kind | severity | where | message |\n|---|---|---|---|\n"));
	CHECK_INT(table_rows(md), 6);
	CHECK(strstr(md, "| `unused-dependency` | info | odd dir/a,b:c.py | Say \"hi\" &lt;b&gt; "
		     "&amp; 50% off, a:b \\| \\`x\\` second line \xC3\xBC |\n"));
	CHECK(strstr(md, "| `stale-baseline` | error | - | a baseline entry matches nothing |"));
	CHECK(!strstr(md, "known layer"));
	free(md);
}

static void test_markdown_cap(void)
{
	struct cl_violation *v = calloc(205, sizeof(*v));
	for (int i = 0; i < 205; i++)
		v[i] = (struct cl_violation){ CL_K_UNASSIGNED, CL_WARNING, "m.py", i + 1, 1, "m",
			NULL, NULL, NULL, "unassigned", NULL, 0, 0, NULL };
	struct cl_check_result r = { v, 205, 0, 205, 0, 0, 0, 0, 0, 1, 1, 1, NULL, NULL, NULL };
	char *md = summary(&r);
	CHECK_INT(table_rows(md), 200);
	CHECK(strstr(md, "And 5 more"));
	free(md);
	free(v);
}

/* --- failures ------------------------------------------------------------------------------- */

static void test_write_error(void)
{
	struct cl_check_result r = sample();
	FILE *ro = fopen("/dev/null", "r");
	CHECK(ro);
	if (ro) {
		CHECK_INT(cl_check_write(&r, CL_FMT_TEXT, 0, 0, ro), CL_EINTERNAL);
		fclose(ro);
	}
	FILE *full = fopen("/dev/full", "w");
	if (full) {
		CHECK_INT(cl_check_write(&r, CL_FMT_SARIF, 0, 0, full), CL_EINTERNAL);
		fclose(full);
	}
	struct cl_violation bad = sample_v[0];
	bad.kind = CL_K_COUNT;
	struct cl_check_result br = { &bad, 1, 1, 0, 0, 0, 0, 0, 0, 1, 1, 1, NULL, NULL, NULL };
	FILE *null = fopen("/dev/null", "w");
	CHECK_INT(cl_check_write(&br, CL_FMT_JSON, 0, 0, null), CL_EINTERNAL);
	fclose(null);
}

int main(void)
{
	RUN(test_text);
	RUN(test_text_known);
	RUN(test_text_color);
	RUN(test_summary_words);
	RUN(test_json);
	RUN(test_json_bad_utf8);
	RUN(test_controls_escaped);
	RUN(test_sarif);
	RUN(test_sarif_details);
	RUN(test_xml_ok);
	RUN(test_junit);
	RUN(test_junit_attrs);
	RUN(test_junit_edges);
	RUN(test_github);
	RUN(test_markdown);
	RUN(test_markdown_cap);
	RUN(test_write_error);
	return testing_done();
}
