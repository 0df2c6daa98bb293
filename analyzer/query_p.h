/* query_p.h — the compiled queries shared by extract.c. The .scm files are split into
 * their top-level patterns; each pattern belongs to a family by its captures, and each
 * family is compiled as its own TSQuery because families run over different parts of a
 * tree (see extract.c). Each family maps its capture ids to roles and keeps the predicates
 * the C runtime leaves to its caller. Compiling is slow (tens of ms), so it happens only
 * when a file must be parsed. */
#ifndef CUTLINE_QUERY_P_H
#define CUTLINE_QUERY_P_H

#include <pthread.h>
#include <regex.h>
#include <tree_sitter/api.h>
#include "extract_p.h"

enum role {
	R_IGNORE, R_IMPORT_STMT, R_IMPORT_NAME, R_IMPORT_ALIAS,
	R_FROM_STMT, R_FROM_MODULE, R_FROM_NAME, R_FROM_ALIAS, R_FROM_WILDCARD,
	R_FUTURE_STMT, R_FUTURE_NAME, R_FUTURE_ALIAS,
	R_DYN_CALL, R_DYN_NAME, R_DYN_PACKAGE, R_DYN_BUILTIN,
	R_CONTEXT,                    /* + flag in role_flag[] */
	R_SCOPE_CLASS, R_SCOPE_FUNCTION, R_SCOPE_NAME, R_CLASS_BASES,
	R_DEF_NAME, R_DEF_ALL, R_STRING_REF, R_DEF_VALUE,
	R_ACCESS,                     /* + op in flags[] */
	R_D_MODEL, R_D_GQL, R_D_INSTANCE, R_D_INSTANCES, R_D_METHOD, R_D_API,
	R_D_MANAGER, R_LAST = R_D_MANAGER
};

enum pred_op { P_EQ, P_MATCH, P_ANY_OF, P_KEYWORDS_ONLY };
struct pred {
	enum pred_op op;
	int negate;
	uint32_t cap;                 /* capture id tested */
	int other_cap;                /* P_EQ against another capture, else -1 */
	char **strs; size_t nstrs;    /* P_EQ: strs[0]; P_ANY_OF: all; P_MATCH: the regex */
	size_t regex;                 /* P_MATCH: index into the per-thread regex array */
};

struct pred_list { struct pred *v; size_t n, cap; };

/* Strings one of which the text of every match holds (see find_needs in query.c). */
struct need { char **strs; size_t nstrs; };
struct need_list { struct need *v; size_t n, cap; };

/* MAIN: import statements, their contexts, classes, functions (on each statement or
 * clause they start at, or the whole tree when a pattern starts elsewhere); NAMES:
 * module-level assignments, also inside module-level if/try/with/for/while (def.name,
 * def.all); DYNAMIC: the calls around the words __import__ and import_module; STRING: the
 * strings found by a scan of the text for quoted dotted names; DATA: data accesses, on the
 * expressions around each occurrence of a word its predicates name (extract_data.c). */
enum family { F_MAIN, F_NAMES, F_DYNAMIC, F_STRING, F_DATA, F_COUNT };

struct qfam {
	TSQuery *query;
	uint8_t *root_types;          /* by TSSymbol: 1 when some pattern starts at this type, 3
					 when one of those captures more than context ranges */
	uint32_t nsymbols;            /* entries in root_types (ERROR's symbol is beyond) */
	int any_root;                 /* a pattern starts with a wildcard or alternation */
	int statement_roots;          /* every pattern starts at a statement or clause */
	uint8_t *roles;               /* by capture id */
	uint16_t *flags;              /* by capture id, for R_CONTEXT */
	struct pred_list *preds;      /* by pattern */
	uint32_t npatterns;
	struct need_list needs;       /* DATA: a unit whose text misses one need runs not */
};

/* The words DATA patterns run around (see data_words in query.c), in an open-addressing
 * table: a scan of each file's text looks up every identifier, and gets the set of
 * patterns that name it. */
enum { DATA_PATTERNS_MAX = 256 };
struct patset { uint64_t bits[DATA_PATTERNS_MAX / 64]; };
struct wordset { char **v; struct patset *sets; size_t cap, n; uint8_t first[256]; };
const struct patset *wordset_get(const struct wordset *w, const char *s, size_t len);

/* One DATA pattern. Each is its own query, compiled the first time one of its words is
 * met (a small scan needs few of them; compiling all would dominate it). The built-in ones
 * are known good; a user's are compiled up front so that errors come before the scan. */
struct dpat {
	uint32_t off, len;            /* its text in cl_queries.text */
	struct qfam fam;
	int depth;                    /* how far below its root its deepest capture is (-1: not
					 known): a match holding a word starts that far above it */
	int state;                    /* 0 not compiled, 1 compiled, -1 failed (atomic) */
	pthread_mutex_t mu;           /* held while it compiles: threads compile different
					 patterns at once, never one twice */
};

enum { QUERY_FILES = 4, QUERY_PARTS_MAX = 64 };
enum { QUERY_COMPILE_SECONDS = 5 };   /* a family with user patterns, at most ($CUTLINE_QUERY_TIMEOUT) */
struct cl_queries {
	char *text;                   /* all .scm files, concatenated */
	size_t len;
	size_t nparts;                /* the built-in files, then [data] queries */
	char *file[QUERY_PARTS_MAX], *dir[QUERY_PARTS_MAX];  /* where each part came from */
	uint32_t start[QUERY_PARTS_MAX];
	struct wordset data_words;
	struct qfam fam[F_COUNT];         /* fam[F_DATA] stays empty: see data */
	struct dpat *data; size_t ndata;
	pthread_mutex_t mu;               /* the regexes, which data compiles add to */
	char **regexes; size_t nregex;   /* every #match? regex, compiled per thread */
	size_t regex_size;                /* their sizes together (regex_size in query.c) */
	uint64_t hash;
	int compiled;
};

/* Data pattern k, compiled when it is not yet (thread-safe): its family, or NULL. */
const struct qfam *queries_data(struct cl_queries *q, size_t k);
/* The regexes of predicates, which data compiles add to: regex i (under q->mu). */
size_t queries_regexes(struct cl_queries *q, size_t have, regex_t **re);

#endif
