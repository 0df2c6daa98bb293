/* glob.c — segment-aware glob matching for exclude and override patterns, and the edit
 * distance behind "did you mean". `**` matches any number of segments; a memo keeps that
 * polynomial (patterns come from the analyzed repo's config). */
#include "glob_p.h"

#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>

/* Matches one segment of pattern (up to '/' or end) against one segment of path. */
static int seg_match(const char *p, size_t plen, const char *s, size_t slen)
{
	char pat[1024], str[1024];
	if (plen >= sizeof(pat) || slen >= sizeof(str)) return 0;
	memcpy(pat, p, plen);
	pat[plen] = 0;
	memcpy(str, s, slen);
	str[slen] = 0;
	return fnmatch(pat, str, 0) == 0;
}

/* Both sides as segments, and a memo of (pattern segment, path segment) results: `**`
 * tries every place, so a pattern with several of them would otherwise backtrack
 * exponentially on a deep path. */
enum { MAX_SEGS = 512 };
struct gm {
	const char *ps[MAX_SEGS], *ss[MAX_SEGS];
	size_t pl[MAX_SEGS], sl[MAX_SEGS], np, ns;
	int prefix_ok;
	unsigned char *memo;           /* 0 unknown, 1 no, 2 yes */
};

static int split(const char *s, const char **seg, size_t *len, size_t *n)
{
	for (*n = 0; *s; (*n)++) {
		if (*n == MAX_SEGS) return -1;
		const char *e = strchr(s, '/');
		seg[*n] = s;
		len[*n] = e ? (size_t)(e - s) : strlen(s);
		s = e ? e + 1 : s + len[*n];
	}
	return 0;
}

static int is_globstar(const struct gm *g, size_t i)
{
	return g->pl[i] == 2 && g->ps[i][0] == '*' && g->ps[i][1] == '*';
}

static int gm_at(struct gm *g, size_t i, size_t j)
{
	unsigned char *m = &g->memo[i * (g->ns + 1) + j];
	if (*m) return *m - 1;
	int r = 0;
	if (i == g->np) {
		r = j == g->ns || g->prefix_ok;
	} else if (is_globstar(g, i)) {
		if (i + 1 == g->np) r = 1;              /* trailing **: anything below */
		for (size_t k = j; !r; k++) {
			r = gm_at(g, i + 1, k);
			if (k + 1 >= g->ns) break;
		}
	} else {
		r = j < g->ns && seg_match(g->ps[i], g->pl[i], g->ss[j], g->sl[j]) &&
		    gm_at(g, i + 1, j + 1);
	}
	*m = (unsigned char)(r + 1);
	return r;
}

static int match_from(const char *p, const char *s, int prefix_ok)
{
	struct gm *g = malloc(sizeof(*g));
	if (!g) return 0;
	g->prefix_ok = prefix_ok;
	int r = 0;
	if (!split(p, g->ps, g->pl, &g->np) && !split(s, g->ss, g->sl, &g->ns)) {
		size_t cells = (g->np + 1) * (g->ns + 1);
		g->memo = calloc(cells, 1);
		if (g->memo) r = gm_at(g, 0, 0);
		free(g->memo);
	}
	free(g);
	return r;
}

int glob_match(const char *pattern, const char *path)
{
	while (pattern[0] == '.' && pattern[1] == '/') pattern += 2;
	while (path[0] == '.' && path[1] == '/') path += 2;
	return match_from(pattern, path, 1);
}

int glob_match_exact(const char *pattern, const char *path)
{
	return match_from(pattern, path, 0);
}

int glob_literal(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] == '*' || s[i] == '?' || s[i] == '[') return 0;
	return 1;
}

int edit_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	if (la > 64 || lb > 64) return 99;
	int row[65];
	for (size_t j = 0; j <= lb; j++) row[j] = (int)j;
	for (size_t i = 1; i <= la; i++) {
		int prev = row[0];
		row[0] = (int)i;
		for (size_t j = 1; j <= lb; j++) {
			int cur = row[j];
			int sub = prev + (a[i - 1] != b[j - 1]);
			int del = row[j] + 1, ins = row[j - 1] + 1;
			row[j] = sub < del ? (sub < ins ? sub : ins) : (del < ins ? del : ins);
			prev = cur;
		}
	}
	return row[lb];
}
