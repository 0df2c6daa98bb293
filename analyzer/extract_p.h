/* extract_p.h — from one Python file's bytes to its facts: raw imports with their context,
 * definitions, and dotted string literals. The patterns are the tree-sitter queries in
 * queries/NAME.scm (compiled in, or a user's --queries DIR); this layer only interprets them.
 * A struct extractor is per thread; a struct cl_queries is shared read-only. */
#ifndef CUTLINE_EXTRACT_P_H
#define CUTLINE_EXTRACT_P_H

#include <stdint.h>
#include "cutline.h"
#include "util_p.h"

/* Import kinds, as stored in imports.kind. */
enum imp_kind { IMP_IMPORT, IMP_FROM, IMP_FUTURE, IMP_DYNAMIC };
/* The names of enum imp_kind as stored (imports.kind), and back (-1 when unknown). */
const char *imp_kind_name(int kind);
int imp_kind_parse(const char *name);

/* Context flags of an import (imports.ctx, edges.ctx). */
enum {
	CTX_LATE = 1 << 0,            /* inside a function body */
	CTX_CLASS = 1 << 1,           /* inside a class body */
	CTX_TRY = 1 << 2,             /* inside a try body */
	CTX_TRY_IMPORTERROR = 1 << 3, /* ... whose handlers catch ImportError */
	CTX_EXCEPT = 1 << 4,          /* inside an except handler */
	CTX_IF = 1 << 5,              /* inside an if statement */
	CTX_TYPE = 1 << 6,            /* under `if TYPE_CHECKING:` (or MYPY, False) */
};
/* Definition kinds (defs.kind). */
enum def_kind { DEF_CLASS, DEF_FUNCTION, DEF_METHOD, DEF_NAME, DEF_ALL };

/* Strings in facts are offsets into the file's pool (0 = none). */
typedef uint32_t pstr;
struct fact_import {
	uint32_t line, col;            /* the imported name (1-based line, 0-based byte col) */
	uint32_t stmt_line, stmt_col;  /* the statement */
	uint32_t start, end;           /* statement bytes, for ordering and contexts */
	uint8_t kind;
	int16_t level;                 /* dots; -1: __import__ without a level (Python 2's default) */
	uint16_t ctx;
	pstr module, name, alias, package;
};
struct fact_def {
	uint32_t line, col, start, end;
	uint32_t end_line;             /* its last line (1-based) */
	uint8_t kind;
	uint8_t abstract;              /* classes: Meta.abstract, __abstract__ */
	pstr name, parent, bases;
	pstr value;                    /* names: "a.b" or "a.b()" when assigned one of those */
	pstr fields, kindname;         /* classes: class-level assignments of a call ("a b"),
					  the kind a _get_kind/kind/Meta.db_table/__tablename__ gives */
	pstr keys;                     /* classes: "field=M field2='Kind'" of the properties
					  holding keys or references (KeyProperty, ReferenceProperty) */
	pstr members;                  /* classes: "x=a.b y=f()": what their methods first assign
					  to self.x, self.y (a class held in an attribute) */
	pstr props;                    /* classes: "name:ctor:arg:flags:line:annotation" per
					  property (extract_data.c's property()) */
	pstr params;                   /* functions: their signature, "a b= c:int= *args **kw
					  ->T" (extract.c's signature()) */
};
/* Data accesses (see queries/data.scm): what they do, and how they name their model. */
enum acc_op { ACC_READ = 1, ACC_WRITE, ACC_REFERENCE };
enum acc_target {
	AT_NAME,        /* text: a dotted name that must resolve to a model */
	AT_CHAIN,       /* text: a call chain's dotted start (M, M.get_by_id, mod.M.query) */
	AT_KIND,        /* text: a kind, or "app.Model" / "table.column" */
	AT_SELF,        /* the enclosing class (self, cls, 'self') */
	AT_ATTRS,       /* text: the attributes used on an entity ("a b"), hint: its name */
	AT_UNKNOWN,     /* a write of an entity nothing tells the model of */
	AT_INSTANCE, AT_INSTANCES   /* only while extracting: an entity name, a list of them */
};
struct fact_access {
	uint32_t line, col, start, end;  /* the access */
	uint32_t at, at_end;             /* where its model (or entity) is named */
	uint8_t op, target;
	pstr method, text;
	pstr api;                        /* the module the call goes through (ndb, db) */
	pstr attrs, hint;                /* an entity's attributes used ("a b") and its name:
					    what tells its model when text does not */
	pstr func, cls;                  /* the enclosing function and class, qualified */
	uint8_t fallback;                /* a guess that counts only when the others of its
					    place name no model */
	uint8_t caller;                  /* its model is what a call of the function passes
					    (a parameter's): inferred, never exact */
};
struct fact_string { uint32_t line, col, start; pstr text; };
/* `# cutline: ignore[kinds] reason`: kinds 0 means every kind; alone: nothing but blanks
 * before the comment on its line (so it also covers the next line). */
struct fact_suppression { uint32_t line, col; uint8_t alone; pstr kinds, reason; };

struct file_facts {
	struct strbuf pool;            /* NUL-terminated strings; offset 0 is "" */
	VEC(struct fact_import) imports;
	VEC(struct fact_def) defs;
	VEC(struct fact_string) strings;
	VEC(struct fact_suppression) suppressions;
	VEC(struct fact_access) accesses;
	int absolute_import;           /* from __future__ import absolute_import */
	uint32_t parse_errors, err_line, err_col;   /* a NUL byte counts as one error */
	uint32_t nuls, nul_line, nul_col;   /* NUL bytes, read as spaces; where the first is */
	uint32_t deep_line, deep_col;  /* brackets past MAX_BRACKET_DEPTH: where the part
					  deeper than SHALLOW_DEPTH, read as spaces, starts */
	uint32_t lines;
	uint8_t not_parsed;            /* NP_*: why nothing was extracted */
	uint32_t depth;                /* NP_DEEP, deep_line: how deep its brackets go */
};
enum { NP_NONE, NP_DEEP, NP_TIMEOUT };
/* A file nested deeper than MAX_BRACKET_DEPTH is parsed with what is deeper than this read
 * as spaces (CPython itself refuses 200 levels): the imports around it count. */
enum { SHALLOW_DEPTH = 256 };
static inline const char *facts_str(const struct file_facts *f, pstr s)
{
	return s ? f->pool.buf + s : NULL;
}
void facts_release(struct file_facts *f);

struct cl_queries;
/* Loads imports.scm, definitions.scm, strings.scm, data.scm: from dir when it has them,
 * else the compiled-in copies; then the extra files ([data] queries). queries_compile must
 * succeed before the first extractor_new; it is slow, so a scan calls it only when some
 * file must be parsed. Errors name the .scm file, line and column. */
int queries_load(const char *dir, char **extra, size_t nextra, struct cl_queries **out,
		 struct cl_diags *d);
int queries_compile(struct cl_queries *q, struct cl_diags *d);
void queries_free(struct cl_queries *q);
uint64_t queries_hash(const struct cl_queries *q);

struct extractor;
struct extractor *extractor_new(struct cl_queries *q);   /* q must be compiled */
void extractor_free(struct extractor *x);
/* Parses src (len bytes, any encoding, with src[len] == 0) and fills out (which must be
 * zeroed). Text after a NUL byte is parsed but not searched for string references. */
void extract_file(struct extractor *x, const char *src, size_t len, struct file_facts *out);
/* A hash of what the data graph (models.c) reads of a file, positions left out: when it is
 * unchanged, an edit moved lines but changed no model, binding or access. */
uint64_t facts_data_hash(const struct file_facts *f);
/* Parses only, for the benchmark's floor. Returns the number of syntax errors. */
uint32_t parse_only(struct extractor *x, const char *src, size_t len);

/* Embedded data files (queries/NAME.scm, data/NAME.txt), generated by tests/embed.sh. */
const char *embedded_text(const char *name);

#endif
