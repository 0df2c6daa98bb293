/* glob_p.h — path globs as boundaries.toml writes them: `*` and `?` within one path
 * segment, `**` any number of segments, `[abc]` classes. Paths use '/' separators. */
#ifndef CUTLINE_GLOB_P_H
#define CUTLINE_GLOB_P_H

#include <stddef.h>

/* 1 when path matches pattern, or when a leading directory of path does: the patterns
 * "vendor" and "vendor" + "/" + "**" both exclude everything below vendor/. */
int glob_match(const char *pattern, const char *path);
/* 1 when the whole of path matches pattern (no leading-directory rule). */
int glob_match_exact(const char *pattern, const char *path);
/* 1 when the first n bytes of s hold no wildcard. */
int glob_literal(const char *s, size_t n);
/* Edit distance, for "did you mean" hints. */
int edit_distance(const char *a, const char *b);

#endif
