/* glob.c — segment-aware glob matching for exclude and override patterns, and the edit
 * distance behind "did you mean". Backtracks only over `**`; patterns come from config. */
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

static int match_from(const char *p, const char *s, int prefix_ok)
{
	while (*p) {
		const char *pe = strchr(p, '/');
		size_t plen = pe ? (size_t)(pe - p) : strlen(p);
		const char *pnext = pe ? pe + 1 : p + plen;
		if (plen == 2 && p[0] == '*' && p[1] == '*') {
			if (!*pnext) return 1;          /* trailing **: anything below */
			for (const char *t = s;;) {
				if (match_from(pnext, t, prefix_ok)) return 1;
				const char *slash = strchr(t, '/');
				if (!slash) return 0;
				t = slash + 1;
			}
		}
		if (!*s) return 0;
		const char *se = strchr(s, '/');
		size_t slen = se ? (size_t)(se - s) : strlen(s);
		if (!seg_match(p, plen, s, slen)) return 0;
		p = pnext;
		s = se ? se + 1 : s + slen;
	}
	return !*s || prefix_ok;
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
