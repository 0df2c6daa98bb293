/* query_p.h — the compiled queries shared by extract.c: one TSQuery made of all .scm files,
 * each capture mapped to a role, and the predicates the C runtime leaves to its caller. */
#ifndef CUTLINE_QUERY_P_H
#define CUTLINE_QUERY_P_H

#include <regex.h>
#include <tree_sitter/api.h>
#include "extract_p.h"

enum role {
	R_IGNORE, R_IMPORT_STMT, R_IMPORT_NAME, R_IMPORT_ALIAS,
	R_FROM_STMT, R_FROM_MODULE, R_FROM_NAME, R_FROM_ALIAS, R_FROM_WILDCARD,
	R_FUTURE_STMT, R_FUTURE_NAME, R_FUTURE_ALIAS,
	R_DYN_CALL, R_DYN_NAME, R_DYN_PACKAGE,
	R_CONTEXT,                    /* + flag in role_flag[] */
	R_SCOPE_CLASS, R_SCOPE_FUNCTION, R_SCOPE_NAME, R_CLASS_BASES,
	R_DEF_NAME, R_DEF_ALL, R_STRING_REF,
};

enum pred_op { P_EQ, P_MATCH, P_ANY_OF };
struct pred {
	enum pred_op op;
	int negate;
	uint32_t cap;                 /* capture id tested */
	int other_cap;                /* P_EQ against another capture, else -1 */
	char **strs; size_t nstrs;    /* P_EQ: strs[0]; P_ANY_OF: all; P_MATCH: the regex */
	size_t regex;                 /* P_MATCH: index into the per-thread regex array */
};

struct pred_list { struct pred *v; size_t n, cap; };

struct cl_queries {
	TSQuery *query;
	uint8_t *roles;               /* by capture id */
	uint16_t *flags;              /* by capture id, for R_CONTEXT */
	struct pred_list *preds;      /* by pattern */
	uint32_t npatterns;
	char **regexes; size_t nregex;
	uint64_t hash;
};

#endif
