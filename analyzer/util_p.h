/* util_p.h — the small building blocks every analyzer file uses: a growable byte buffer
 * (sb_*), a growable array (VEC), a string→int hash map (smap_*), and checked allocation.
 * Private to analyzer/ and to the unit tests; cmd/ uses only cutline.h. */
#ifndef CUTLINE_UTIL_P_H
#define CUTLINE_UTIL_P_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* Allocation that never returns NULL: out of memory aborts with a message. */
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
char *xvasprintf(const char *fmt, va_list ap) __attribute__((format(printf, 1, 0)));

/* A growable, always NUL-terminated byte buffer. The buffer owns buf; sb_release frees it,
 * sb_detach hands it to the caller. A zeroed strbuf is a valid empty one. */
struct strbuf { char *buf; size_t len, cap; };
void sb_grow(struct strbuf *sb, size_t extra);
void sb_add(struct strbuf *sb, const void *data, size_t n);
void sb_adds(struct strbuf *sb, const char *s);
void sb_addc(struct strbuf *sb, char c);
void sb_addf(struct strbuf *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void sb_vaddf(struct strbuf *sb, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));
void sb_reset(struct strbuf *sb);
char *sb_detach(struct strbuf *sb);
void sb_release(struct strbuf *sb);
static inline const char *sb_str(const struct strbuf *sb) { return sb->buf ? sb->buf : ""; }

/* A growable array of T: struct { T *v; size_t n, cap; }. VEC_PUSH may move v. */
#define VEC(T) struct { T *v; size_t n, cap; }
#define VEC_GROW(a, extra) do { \
	if ((a).n + (extra) > (a).cap) { \
		size_t nc_ = (a).cap ? (a).cap * 2 : 8; \
		while (nc_ < (a).n + (extra)) nc_ *= 2; \
		(a).v = xrealloc((a).v, nc_ * sizeof(*(a).v)); (a).cap = nc_; \
	} } while (0)
#define VEC_PUSH(a, x) do { VEC_GROW(a, 1); (a).v[(a).n++] = (x); } while (0)
#define VEC_FREE(a) do { free((a).v); (a).v = NULL; (a).n = (a).cap = 0; } while (0)

/* Open-addressing map from NUL-terminated string to int64. Keys are copied and owned. */
struct smap { char **keys; int64_t *vals; size_t n, cap; };
int64_t *smap_get(const struct smap *m, const char *key);      /* NULL when absent */
int smap_put(struct smap *m, const char *key, int64_t val);    /* 1 new, 0 replaced */
void smap_release(struct smap *m);
uint64_t hash_str(const char *s);

/* Whole-file read, as bytes. Returns 0, or -1 with errno set. *out is NUL-terminated. */
int read_file(const char *path, char **out, size_t *len);
/* read_file into sb, which it empties first and whose room it keeps: a scan's worker reads
 * each file into one buffer, since a new block per file made malloc sort its free lists
 * (malloc_consolidate) once a file. Only a regular file is read (else errno ENOTREG_), as
 * fstat sees the open descriptor, opened without blocking (a FIFO swapped in), and only its
 * first max + 1 bytes (a file that grows, a link to /dev/zero): sb->len > max tells.
 * RD_NOFOLLOW: fail with ELOOP when path is (now) a symlink. */
enum { RD_NOFOLLOW = 1 };
int read_file_into(const char *path, struct strbuf *sb, size_t max, int flags);
/* "a/b" from a and b (a may be ""): a plain concatenation, cheaper than xasprintf on the
 * discovery's hot path. */
char *path_cat(const char *a, const char *b);
/* Joins dir and rel unless rel is absolute; result is malloc'd. */
char *path_join(const char *dir, const char *rel);
/* The rest of path after dir and a '/', or NULL when path is not below dir. */
const char *path_inside(const char *dir, const char *path);
/* path relative to the folder base (both absolute, no symlinks to resolve): "" for base
 * itself, "a/b" below it, "../x" beside it; path itself when the two share only "/". */
char *path_relative(const char *base, const char *path);
double now_seconds(void);
int cmp_str(const void *a, const void *b);   /* qsort over char* */
/* The deepest nesting of ( [ { in src, counted over every byte and, when there are more
 * than MAX_BRACKET_DEPTH openers, outside strings and comments (Python or TOML quoting:
 * toml turns off escapes in '...'). Python: the count outside strings, with the brackets
 * of f-strings and of strings left unclosed, which the parser may read as code; TOML: the
 * larger of the two. Never below zero, so closers cannot hide openers. A guard:
 * tree-sitter's runtime (0.20) corrupts its heap on brackets left open some 65,000 deep
 * (tree-sitter#2231); a string is one token to it, however many brackets it holds (a
 * string of 20,001 '(' once left its file unparsed, its imports unseen). */
size_t bracket_depth(const char *src, size_t len, int toml);
/* Python: turns into spaces (newlines kept) every token that bracket_depth reads deeper than
 * keep levels, the strings and comments among them, so that the rest of the file can be
 * parsed. Returns how many bytes it changed; *first is where the first one is (len when
 * none). */
size_t bracket_blank(char *src, size_t len, size_t keep, size_t *first);
enum { MAX_BRACKET_DEPTH = 20000 };   /* CPython itself stops at 200 */
/* A file that takes the parser longer than this is left out (tree-sitter's runtime is
 * quadratic on some inputs, such as 70,000 adjacent string literals): some 30 times what
 * the largest file scanned (10 MB) takes. */
enum { PARSE_TIMEOUT_US = 20 * 1000 * 1000 };
/* The length of the well-formed UTF-8 sequence at s (1 to 4) and its code point, or 0. */
size_t utf8_seq(const unsigned char *s, unsigned *cp);
/* A copy of s with every malformed UTF-8 byte as U+FFFD: JSON and XML readers reject them. */
char *utf8_clean(const char *s);
/* cJSON_Print after every key and string of root is made well-formed UTF-8. */
struct cJSON;
char *json_print(struct cJSON *root);
/* s as a DOT quoted string: quotes and backslashes escaped, a line break as \n, other
 * control characters dropped (a name cannot end a line of the DOT text), malformed UTF-8
 * as U+FFFD (dot refuses the file otherwise). */
void sb_dot_quote(struct strbuf *sb, const char *s);
/* read_file for what the user's config names (configs, baselines, query files): a regular
 * file of at most 64 MB, not on /proc or /sys (a symlink there would put secrets into
 * error messages). Fails with errno ENOTREG_ (then say plain_file_error()) or read's. */
enum { ENOTREG_ = 4242 };
int read_plain_file(const char *path, char **out, size_t *len);
const char *plain_file_error(int err);
/* s with control characters (C0, DEL, C1) and malformed UTF-8 bytes written as \xNN: for
 * text that reaches a terminal or a CI log. */
void sb_add_escaped(struct strbuf *sb, const char *s);
char *escape_controls(const char *s);
/* fprintf for text output in which each %s is a name or path from the store or the tree:
 * those are written escaped, as sb_add_escaped does (only %s, %d, %zu and %% are known). */
void fprint_escaped(FILE *out, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* qsort and bsearch that accept an empty (possibly NULL) array, which the C library's
 * declarations forbid. */
void sort_array(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *));
void *search_array(const void *key, const void *base, size_t n, size_t size,
		   int (*cmp)(const void *, const void *));
/* The first index of base[0..n) (sorted) whose element does not sort before key (cmp(elem,
 * key) < 0: before): where key is, or would go. */
size_t lower_bound_array(const void *key, const void *base, size_t n, size_t size,
			 int (*cmp)(const void *elem, const void *key));
/* cmp for lower_bound_array over elements that start with an int64_t, the key one too. */
int cmp_i64_first(const void *elem, const void *key);
/* The commit HEAD of the git repository around dir (from .git's files), or NULL. */
char *git_head(const char *dir);
/* The top folder of the git repository around dir (the one holding .git), or NULL. */
char *git_top(const char *dir);
/* A TOML basic string: quotes, backslashes and control characters escaped. */
void toml_quote(struct strbuf *sb, const char *s);
/* A TOML array of basic strings. */
void toml_list(struct strbuf *sb, char **v, size_t n);

#endif
