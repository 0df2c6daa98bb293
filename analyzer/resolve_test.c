/* resolve_test.c — the import resolution rules, module by module, without files:
 * Python 2 implicit relative imports, absolute_import, relative levels, submodule vs
 * symbol, parent edges, dynamic imports, string references, external classes. */
#include "extract_p.h"
#include "resolve_p.h"
#include "testing_p.h"

#include <stdlib.h>

static const char *const tree[] = {   /* name, then P for a package */
	"app", "P", "app.models", "", "app.views", "", "app.collections", "",
	"app.sub", "P", "app.sub.deep", "", "app.sub.json", "", "lib", "P", "lib.util", "",
	"top", "", NULL,
};

static struct strbuf got;
static void collect(void *arg, const struct edge *e)
{
	(void)arg;
	if (got.len) sb_addc(&got, ' ');
	sb_addf(&got, "%s:%s:%s", edge_kind_name(e->kind), target_kind_name(e->target_kind), e->target);
	if (e->symbol) sb_addf(&got, "#%s", e->symbol);
	if (e->category != CL_CAT_TOP) sb_addf(&got, "@%s", cl_category_name(e->category));
}

static struct resolver *make(int strict)
{
	static char *tp[] = { "google" };
	struct cl_config cfg = {0};
	cfg.third_party = tp;
	cfg.nthird_party = 1;
	cfg.strict_third_party = strict;
	struct resolver *r = resolver_new(&cfg);
	for (int i = 0; tree[i]; i += 2)
		resolver_add_module(r, tree[i], i / 2 + 1, tree[i + 1][0] == 'P', 1, 1);
	return r;
}

/* Resolves one import in module src and returns the edges as text. */
static const char *res(struct resolver *r, const char *src, int py, int absimp, int kind,
		       int level, const char *module, const char *name, const char *package, int ctx)
{
	sb_reset(&got);
	int pkg = 0;
	for (int i = 0; tree[i]; i += 2)
		if (!strcmp(tree[i], src)) pkg = tree[i + 1][0] == 'P';
	struct src_module s = { src, 99, pkg, py, absimp };
	struct raw_import im = { kind, level, ctx, module, name, package };
	resolve_import(r, &s, &im, collect, NULL);
	return sb_str(&got);
}

static void test_import_statement(void)
{
	struct resolver *r = make(0);
	CHECK_STR(res(r, "top", 3, 0, IMP_IMPORT, 0, NULL, "app.sub.deep", NULL, 0),
		  "import:internal:app.sub.deep parent:internal:app@parent "
		  "parent:internal:app.sub@parent");
	/* the importer's own packages are not parent edges: they ran before it */
	CHECK_STR(res(r, "app.sub.json", 3, 0, IMP_IMPORT, 0, NULL, "app.sub.deep", NULL, 0),
		  "import:internal:app.sub.deep");
	CHECK_STR(res(r, "top", 3, 0, IMP_IMPORT, 0, NULL, "app.nothing", NULL, 0),
		  "import:unresolved:app.nothing parent:internal:app@parent");
	CHECK_STR(res(r, "top", 3, 0, IMP_IMPORT, 0, NULL, "os.path", NULL, 0), "import:stdlib:os.path");
	CHECK_STR(res(r, "top", 2, 0, IMP_IMPORT, 0, NULL, "ConfigParser", NULL, 0),
		  "import:stdlib:ConfigParser");
	CHECK_STR(res(r, "top", 3, 0, IMP_IMPORT, 0, NULL, "ConfigParser", NULL, 0),
		  "import:third_party:ConfigParser");
	resolver_free(r);
}

static void test_python2_implicit_relative(void)
{
	struct resolver *r = make(0);
	/* app/views.py: `import collections` is app.collections in Python 2 ... */
	CHECK_STR(res(r, "app.views", 2, 0, IMP_IMPORT, 0, NULL, "collections", NULL, 0),
		  "import:internal:app.collections");
	/* ... unless absolute_import, and never in Python 3 */
	CHECK_STR(res(r, "app.views", 2, 1, IMP_IMPORT, 0, NULL, "collections", NULL, 0),
		  "import:stdlib:collections");
	CHECK_STR(res(r, "app.views", 3, 0, IMP_IMPORT, 0, NULL, "collections", NULL, 0),
		  "import:stdlib:collections");
	/* from-imports too; a package's own __init__ looks inside itself */
	CHECK_STR(res(r, "app.sub.deep", 2, 0, IMP_FROM, 0, "json", "loads", NULL, 0),
		  "import:internal:app.sub.json#loads");
	CHECK_STR(res(r, "app", 2, 0, IMP_FROM, 0, "models", "User", NULL, 0),
		  "import:internal:app.models#User");
	CHECK_STR(res(r, "app.views", 2, 0, IMP_IMPORT, 0, NULL, "json", NULL, 0),
		  "import:stdlib:json");
	resolver_free(r);
}

static void test_from_import(void)
{
	struct resolver *r = make(0);
	CHECK_STR(res(r, "top", 3, 0, IMP_FROM, 0, "app", "models", NULL, 0),
		  "import:internal:app.models parent:internal:app@parent");
	CHECK_STR(res(r, "top", 3, 0, IMP_FROM, 0, "app.models", "User", NULL, CTX_LATE),
		  "import:internal:app.models#User@late parent:internal:app@parent");
	CHECK_STR(res(r, "top", 3, 0, IMP_FROM, 0, "app", "*", NULL, 0), "import:internal:app#*");
	CHECK_STR(res(r, "top", 3, 0, IMP_FROM, 0, "google.appengine.ext", "ndb", NULL, CTX_TRY),
		  "import:third_party:google.appengine.ext#ndb@try");
	resolver_free(r);
}

static void test_relative(void)
{
	struct resolver *r = make(0);
	CHECK_STR(res(r, "app.sub.deep", 3, 0, IMP_FROM, 1, NULL, "json", NULL, 0),
		  "import:internal:app.sub.json");
	CHECK_STR(res(r, "app.sub.deep", 3, 0, IMP_FROM, 2, "models", "User", NULL, 0),
		  "import:internal:app.models#User");
	CHECK_STR(res(r, "app.sub", 3, 0, IMP_FROM, 1, NULL, "deep", NULL, 0),
		  "import:internal:app.sub.deep");
	CHECK_STR(res(r, "app.sub.deep", 3, 0, IMP_FROM, 3, NULL, "x", NULL, 0),
		  "import:unresolved:...#x");
	CHECK_STR(res(r, "top", 3, 0, IMP_FROM, 1, NULL, "x", NULL, 0), "import:unresolved:.#x");
	resolver_free(r);
}

static void test_dynamic_and_types(void)
{
	struct resolver *r = make(0);
	CHECK_STR(res(r, "top", 3, 0, IMP_DYNAMIC, 0, NULL, "app.views", NULL, 0),
		  "dynamic:internal:app.views@dynamic parent:internal:app@parent");
	CHECK_STR(res(r, "top", 3, 0, IMP_DYNAMIC, 1, NULL, ".deep", "app.sub", 0),
		  "dynamic:internal:app.sub.deep@dynamic parent:internal:app@parent "
		  "parent:internal:app.sub@parent");
	CHECK_STR(res(r, "app.sub.json", 3, 0, IMP_DYNAMIC, 1, NULL, ".deep", "__package__", 0),
		  "dynamic:internal:app.sub.deep@dynamic");
	CHECK_STR(res(r, "top", 3, 0, IMP_DYNAMIC, 1, NULL, ".deep", NULL, 0),
		  "dynamic:unresolved:.deep@dynamic");
	CHECK_STR(res(r, "top", 3, 0, IMP_IMPORT, 0, NULL, "app", NULL, CTX_IF | CTX_TYPE),
		  "import:internal:app@type");
	CHECK_STR(res(r, "top", 3, 0, IMP_IMPORT, 0, NULL, "app", NULL, CTX_LATE | CTX_TRY),
		  "import:internal:app@late");
	CHECK_STR(res(r, "top", 3, 0, IMP_IMPORT, 0, NULL, "app", NULL, CTX_EXCEPT | CTX_IF),
		  "import:internal:app@try");
	CHECK_STR(res(r, "top", 3, 0, IMP_FUTURE, 0, "__future__", "absolute_import", NULL, 0), "");
	/* __import__: no level (-1) tries the sibling first in Python 2, level=0 never does */
	CHECK_STR(res(r, "app.views", 2, 1, IMP_DYNAMIC, -1, "__import__", "collections", NULL, 0),
		  "dynamic:internal:app.collections@dynamic");
	CHECK_STR(res(r, "app.views", 2, 0, IMP_DYNAMIC, 0, "__import__", "collections", NULL, 0),
		  "dynamic:stdlib:collections@dynamic");
	CHECK_STR(res(r, "app.sub.deep", 3, 0, IMP_DYNAMIC, 2, "__import__", "models", NULL, 0),
		  "dynamic:internal:app.models@dynamic");
	resolver_free(r);
}

static void test_strict_third_party(void)
{
	struct resolver *r = make(1);
	CHECK_STR(res(r, "top", 3, 0, IMP_IMPORT, 0, NULL, "requests", NULL, 0),
		  "import:unresolved:requests");
	CHECK_STR(res(r, "top", 3, 0, IMP_IMPORT, 0, NULL, "google.protobuf", NULL, 0),
		  "import:third_party:google.protobuf");
	resolver_free(r);
}

static const char *str(struct resolver *r, const char *src, const char *text)
{
	sb_reset(&got);
	struct src_module s = { src, 99, 0, 3, 0 };
	resolve_string(r, &s, text, collect, NULL);
	return sb_str(&got);
}

static void test_strings(void)
{
	struct resolver *r = make(0);
	CHECK_STR(str(r, "top", "app.views"), "string:internal:app.views@string");
	CHECK_STR(str(r, "top", "app.views.VideoPage"), "string:internal:app.views#VideoPage@string");
	CHECK_STR(str(r, "top", "app.views.a.b"), "");
	CHECK_STR(str(r, "top", "os.path"), "");
	/* a file name is no module.attribute; a module named like an extension still counts */
	CHECK_STR(str(r, "top", "app.json"), "");
	CHECK_STR(str(r, "top", "app.views.log"), "");
	CHECK_STR(str(r, "top", "top.py"), "");
	CHECK_STR(str(r, "app.views", "app.sub.json"), "string:internal:app.sub.json@string");
	CHECK_STR(str(r, "top", "app.views.Json"), "string:internal:app.views#Json@string");
	CHECK_STR(str(r, "top", "app.views.json_utils"),
		  "string:internal:app.views#json_utils@string");
	resolver_free(r);
	sb_release(&got);
}

int main(void)
{
	RUN(test_import_statement);
	RUN(test_python2_implicit_relative);
	RUN(test_from_import);
	RUN(test_relative);
	RUN(test_dynamic_and_types);
	RUN(test_strict_third_party);
	RUN(test_strings);
	return testing_done();
}
