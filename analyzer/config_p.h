/* config_p.h — what config.c ([project]) and boundaries.c (services, layers, contracts,
 * rules, ignores) share: typed access to the TOML tree with file:line:col errors. */
#ifndef CUTLINE_CONFIG_P_H
#define CUTLINE_CONFIG_P_H

#include "cutline.h"
#include "toml_p.h"

struct cfgctx {
	const char *file;           /* the name errors give */
	struct cl_diags *d;
	size_t errors0;             /* d->errors before the config */
	size_t more;                /* errors past CFG_MAX_ERRORS, counted, not added */
};
/* A config gives its first 100 errors, then says how many more there were: a file of
 * 300,000 unknown tables gave as many lines (and a did-you-mean search each). */
enum { CFG_MAX_ERRORS = 100 };

/* 1 (counting one more error) when the config has given CFG_MAX_ERRORS errors already. */
int cfg_full(struct cfgctx *c);
/* Adds "file:line:col: error: fmt", unless the config is full (cfg_full). */
void cfg_error(struct cfgctx *c, int line, int col, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
/* Adds "file:line:col: error: fmt" with up to two string arguments. */
void cerr(struct cfgctx *c, int line, int col, const char *fmt, const char *a, const char *b);
/* The known word nearest to key (edit distance < 3), or NULL. */
const char *did_you_mean(const char *key, const char *const *known);
/* Reports every key of t that is not in known. Returns the number of unknown keys. */
int check_keys(struct cfgctx *c, const struct tval *t, const char *where,
	       const char *const *known);
/* 0 when v has type t, else an error naming key and both types, and -1. */
int want_type(struct cfgctx *c, const struct tval *v, const char *key, enum tv_type t);
/* A list of strings; *out is owned by the caller (NULL after an error). */
int string_list(struct cfgctx *c, const struct tval *v, const char *key, char ***out,
		size_t *n);
void free_list(char **v, size_t n);

/* Reads every top-level key but [project] into cfg->b (allocated here). */
int boundaries_load(struct cfgctx *c, struct cl_config *cfg, const struct tval *doc);
void boundaries_free(struct cl_boundaries *b);

#endif
