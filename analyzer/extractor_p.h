/* extractor_p.h — the per-thread extractor shared by extract.c (imports, definitions,
 * strings) and extract_data.c (data accesses, model classes): its state and the node
 * helpers both use. Nothing outside those two files includes it. */
#ifndef CUTLINE_EXTRACTOR_P_H
#define CUTLINE_EXTRACTOR_P_H

#include "query_p.h"

struct range { uint32_t start, end; uint16_t flags; int32_t def; };
struct word { uint32_t at, len; const struct patset *pats; };
struct cand;

struct extractor {
	struct cl_queries *q;          /* shared; data patterns compile into it on first use */
	uint8_t *container;            /* by symbol, see container_kind */
	uint32_t nsymbols;
	TSSymbol expression_statement;
	int full_walk;                 /* CUTLINE_FULL_WALK=1: no shortcuts (tests/walkcheck.sh) */
	int no_data;                   /* CUTLINE_NO_DATA=1: no data accesses (the benchmark's
					  measure of what they cost) */
	const struct qfam *fam;        /* the family being run */
	TSParser *parser;
	TSQueryCursor *cur;
	regex_t *re; size_t nre;       /* q's regexes, compiled for this thread */
	struct strbuf scratch;
	struct strbuf text;            /* a file's text after normalize(), when it differs */
	struct strbuf shallow;         /* a deep file's text, its deepest brackets blanked */
	VEC(struct range) ranges;
	VEC(uint32_t) skip;            /* strings that are an import_module package argument */
	VEC(uint32_t) import_at;       /* offsets of the word "import" in the file */
	VEC(struct word) words;        /* offsets of the DATA patterns' words */
	VEC(TSNode) path;              /* from a unit down to one word */
	VEC(struct cand) cands;        /* where DATA patterns run in one unit */
	struct smap scopes;            /* a scope's start and end, in hex -> its index in scope_v */
	VEC(struct scope_index *) scope_v;  /* what each scope does with its names (one file) */
	const char *src;
	int no_callers;                /* a parameter is not followed to its callers' arguments */
	uint32_t eval_budget;          /* steps left to tell one entity's model (a bound on the
					  branching of bindings over bindings) */
	VEC(struct word) calls;        /* every `name(` of the file, once a parameter is looked
					  up (extract_data.c); emptied with the scopes */
	int calls_built;
};

/* Captured nodes of one match, by role. */
struct caps { TSNode node[R_LAST + 1]; uint64_t have; uint16_t ctx; uint8_t op; };
#define HAS(c, r) ((c)->have & (1ull << (r)))

pstr facts_add(struct file_facts *f, const char *s, size_t n);
const char *ntext(const struct extractor *x, TSNode n, uint32_t *len);
int text_eq(const char *t, uint32_t len, const char *s);
/* A dotted_name (or identifier) as "a.b.c". */
pstr dotted(struct extractor *x, struct file_facts *f, TSNode n);
/* The value of a plain string literal (no interpolation, no escapes), or 0. */
pstr literal(struct extractor *x, struct file_facts *f, TSNode n);
/* Inline: the scans for DATA's words call these on every byte of every file. */
static inline int ident_start(char c) { return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
static inline int ident_char(char c) { return ident_start(c) || (c >= '0' && c <= '9'); }
/* 1 for a container of statements, 2 for a block, 3 for a class or function, else 0. */
int container_kind(const struct extractor *x, TSNode n);
/* Runs fm's patterns on node, limited to bytes [from, to); matches go to on_match. */
void run_range(struct extractor *x, struct file_facts *f, const struct qfam *fm,
	       TSNode node, uint32_t from, uint32_t to);

/* Steps c, a cursor made on top, to the next node of top's subtree in preorder: into the
 * current node's first child when descend, else to the next sibling of it or of an
 * ancestor. 0 when the walk is done. */
int walk_next(TSTreeCursor *c, int descend, TSNode top);

/* The parent and grandparent of target, a descendant of top, found from top down. */
void parents_below(TSNode top, TSNode target, TSNode *parent, TSNode *grand);

/* extract_data.c */
/* Frees the scopes' name indexes that data_finish built for one file. */
void data_scopes_release(struct extractor *x);
void data_on_match(struct extractor *x, struct file_facts *f, const struct caps *c);
/* A class's fields, kind and abstractness, read from its body. */
void data_class(struct extractor *x, struct file_facts *f, TSNode cls, struct fact_def *d);
/* A function's signature as def.params holds it: "a b= c:int *args **kw ->T". */
pstr def_signature(struct extractor *x, struct file_facts *f, TSNode fn);
/* A module-level name's value when it is a dotted name or a call of one. */
pstr data_value(struct extractor *x, struct file_facts *f, TSNode value);
/* Runs DATA around each of its words in src; then, with the definitions in place (sorted
 * by assign_contexts), data_finish tells each entity's model and each access's scope. */
void data_scan(struct extractor *x, struct file_facts *f, TSNode root, const char *src,
	       size_t len);
void data_finish(struct extractor *x, struct file_facts *f, TSNode root);

#endif
