/* util.c — buffers, arrays, a string map and file helpers shared by the analyzer.
 * Nothing here knows about Python, SQLite or tree-sitter. */
#include "cutline.h"
#include "util_p.h"

#include <cjson/cJSON.h>

#include <errno.h>
#include <linux/magic.h>
#include <sys/statfs.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static void oom(void)
{
	fputs("cutline: out of memory\n", stderr);
	abort();
}

void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p) oom();
	return p;
}

void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);
	if (!p) oom();
	return p;
}

void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p) oom();
	return p;
}

char *xstrdup(const char *s) { return xstrndup(s, strlen(s)); }

char *xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = 0;
	return p;
}

char *xasprintf(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *s = xvasprintf(fmt, ap);
	va_end(ap);
	return s;
}

char *xvasprintf(const char *fmt, va_list ap)
{
	struct strbuf sb = {0};
	sb_vaddf(&sb, fmt, ap);
	return sb_detach(&sb);
}

void sb_grow(struct strbuf *sb, size_t extra)
{
	if (sb->len + extra + 1 <= sb->cap) return;
	size_t nc = sb->cap ? sb->cap * 2 : 64;
	while (nc < sb->len + extra + 1) nc *= 2;
	sb->buf = xrealloc(sb->buf, nc);
	sb->cap = nc;
	sb->buf[sb->len] = 0;
}

void sb_add(struct strbuf *sb, const void *data, size_t n)
{
	sb_grow(sb, n);
	if (n) memcpy(sb->buf + sb->len, data, n);    /* data may be NULL when n is 0 */
	sb->len += n;
	sb->buf[sb->len] = 0;
}

void sb_adds(struct strbuf *sb, const char *s) { sb_add(sb, s, strlen(s)); }
void sb_addc(struct strbuf *sb, char c) { sb_add(sb, &c, 1); }

void sb_addf(struct strbuf *sb, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	sb_vaddf(sb, fmt, ap);
	va_end(ap);
}

void sb_vaddf(struct strbuf *sb, const char *fmt, va_list ap)
{
	va_list again;
	va_copy(again, ap);                      /* measured once, written once */
	int n = vsnprintf(NULL, 0, fmt, again);
	va_end(again);
	if (n < 0) return;
	sb_grow(sb, (size_t)n);
	vsnprintf(sb->buf + sb->len, (size_t)n + 1, fmt, ap);
	sb->len += (size_t)n;
}

void sb_reset(struct strbuf *sb)
{
	sb->len = 0;
	if (sb->buf) sb->buf[0] = 0;
}

char *sb_detach(struct strbuf *sb)
{
	char *p = sb->buf ? sb->buf : xstrdup("");
	sb->buf = NULL;
	sb->len = sb->cap = 0;
	return p;
}

void sb_release(struct strbuf *sb)
{
	free(sb->buf);
	sb->buf = NULL;
	sb->len = sb->cap = 0;
}

uint64_t hash_str(const char *s)
{
	uint64_t h = 1469598103934665603ULL;   /* FNV-1a */
	for (; *s; s++) h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return h;
}

static size_t smap_slot(char **keys, size_t cap, const char *key)
{
	size_t i = (size_t)hash_str(key) & (cap - 1);
	while (keys[i] && strcmp(keys[i], key)) i = (i + 1) & (cap - 1);
	return i;
}

int64_t *smap_get(const struct smap *m, const char *key)
{
	if (!m->cap) return NULL;
	size_t i = smap_slot(m->keys, m->cap, key);
	return m->keys[i] ? &m->vals[i] : NULL;
}

static void smap_rehash(struct smap *m)
{
	size_t nc = m->cap ? m->cap * 2 : 64;
	char **keys = xcalloc(nc, sizeof(*keys));
	int64_t *vals = xcalloc(nc, sizeof(*vals));
	for (size_t i = 0; i < m->cap; i++) {
		if (!m->keys[i]) continue;
		size_t j = smap_slot(keys, nc, m->keys[i]);
		keys[j] = m->keys[i];
		vals[j] = m->vals[i];
	}
	free(m->keys);
	free(m->vals);
	m->keys = keys;
	m->vals = vals;
	m->cap = nc;
}

int smap_put(struct smap *m, const char *key, int64_t val)
{
	if ((m->n + 1) * 2 > m->cap) smap_rehash(m);
	size_t i = smap_slot(m->keys, m->cap, key);
	if (m->keys[i]) {
		m->vals[i] = val;
		return 0;
	}
	m->keys[i] = xstrdup(key);
	m->vals[i] = val;
	m->n++;
	return 1;
}

void smap_release(struct smap *m)
{
	for (size_t i = 0; i < m->cap; i++) free(m->keys[i]);
	free(m->keys);
	free(m->vals);
	memset(m, 0, sizeof(*m));
}

/* Reads fd (a regular file of size bytes when opened) to EOF or to max + 1 bytes. */
static int read_fd_capped(int fd, off_t size, struct strbuf *sb, size_t max)
{
	/* the size is known: no slack (a scan reads thousands of small files) */
	if (size > 0) sb_grow(sb, (size_t)size < max ? (size_t)size + 1 : max + 1);
	while (sb->len <= max) {
		if (sb->len + 1 >= sb->cap) sb_grow(sb, 65536);
		size_t room = sb->cap - sb->len - 1;
		if (room > max + 1 - sb->len) room = max + 1 - sb->len;
		ssize_t r = read(fd, sb->buf + sb->len, room);
		if (r < 0 && errno == EINTR) continue;
		if (r < 0) return -1;
		if (r == 0) break;
		sb->len += (size_t)r;
	}
	sb->buf[sb->len] = 0;
	return 0;
}

int read_file_into(const char *path, struct strbuf *sb, size_t max, int flags)
{
	sb_reset(sb);
	/* O_NONBLOCK: a FIFO put where a file was must not block the open */
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK |
		      (flags & RD_NOFOLLOW ? O_NOFOLLOW : 0));
	if (fd < 0) return -1;
	struct stat st;
	int rc = -1, e = ENOTREG_;
	if (fstat(fd, &st)) {
		e = errno;
	} else if (S_ISREG(st.st_mode)) {
		rc = read_fd_capped(fd, st.st_size, sb, max);
		e = errno;
	}
	close(fd);
	if (rc) sb_reset(sb);
	errno = e;
	return rc;
}

/* read_file of at most max bytes: a larger file (or one grown since its stat) is ENOTREG_. */
static int read_file_max(const char *path, size_t max, char **out, size_t *len)
{
	struct strbuf sb = {0};
	if (read_file_into(path, &sb, max, 0) || sb.len > max) {
		int e = sb.len > max ? ENOTREG_ : errno;
		sb_release(&sb);
		errno = e;
		return -1;
	}
	*len = sb.len;
	*out = sb_detach(&sb);
	return 0;
}

int read_file(const char *path, char **out, size_t *len)
{
	return read_file_max(path, SIZE_MAX - 1, out, len);
}

int read_plain_file(const char *path, char **out, size_t *len)
{
	struct stat st;
	struct statfs fs;
	if (stat(path, &st)) return -1;
	if (S_ISDIR(st.st_mode)) {
		errno = EISDIR;
		return -1;
	}
	if (!S_ISREG(st.st_mode) || st.st_size > (64 << 20) ||
	    (!statfs(path, &fs) && (fs.f_type == PROC_SUPER_MAGIC || fs.f_type == SYSFS_MAGIC))) {
		errno = ENOTREG_;
		return -1;
	}
	return read_file_max(path, 64 << 20, out, len);
}

const char *plain_file_error(int err)
{
	return err == ENOTREG_ ? "not a regular file of at most 64 MB (a device, a pipe, /proc "
				 "or /sys)" : strerror(err);
}

char *path_cat(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	char *p = xmalloc(la + lb + 2);
	memcpy(p, a, la);
	size_t n = la;
	if (la) p[n++] = '/';
	memcpy(p + n, b, lb + 1);
	return p;
}

char *path_join(const char *dir, const char *rel)
{
	if (rel[0] == '/' || !dir || !*dir) return xstrdup(rel);
	if (!strcmp(rel, ".")) return xstrdup(dir);
	size_t n = strlen(dir);
	while (n > 1 && dir[n - 1] == '/') n--;
	while (rel[0] == '.' && rel[1] == '/') rel += 2;
	return xasprintf("%.*s/%s", (int)n, dir, rel);
}

/* All of data to fd; -1 with errno (ENOSPC for a write that stops short without one). */
static int write_all(int fd, const char *data, size_t len)
{
	while (len) {
		ssize_t w = write(fd, data, len);
		if (w < 0 && errno == EINTR) continue;
		if (w <= 0) {
			if (!w) errno = ENOSPC;
			return -1;
		}
		data += w;
		len -= (size_t)w;
	}
	return 0;
}

/* A device or FIFO named as the output (/dev/full, a pipe): written where it is, since a
 * rename would replace the device node itself. */
static int write_special(const char *path, const char *data, size_t len)
{
	int fd = open(path, O_WRONLY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0) return -1;
	int rc = write_all(fd, data, len), e = errno;
	if (close(fd) && !rc) {
		rc = -1;
		e = errno;
	}
	errno = e;
	return rc;
}

int cl_write_atomic(const char *path, const char *data, size_t len)
{
	struct stat st;
	if (!lstat(path, &st) && (S_ISCHR(st.st_mode) || S_ISFIFO(st.st_mode)))
		return write_special(path, data, len);
	char *tmp = xasprintf("%s.tmp%ld", path, (long)getpid());
	int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
	/* fsync: a full disk may only say so there, and a crash must not leave it half-written */
	int ok = fd >= 0 && !write_all(fd, data, len) && !fsync(fd);
	if (fd >= 0 && close(fd)) ok = 0;
	if (ok && rename(tmp, path)) ok = 0;
	if (!ok && fd >= 0) {
		int e = errno;
		unlink(tmp);
		errno = e;
	}
	free(tmp);
	return ok ? 0 : -1;
}

const char *path_inside(const char *dir, const char *path)
{
	size_t n = strlen(dir);
	return !strncmp(path, dir, n) && path[n] == '/' ? path + n + 1 : NULL;
}

char *path_relative(const char *base, const char *path)
{
	size_t common = 0;                      /* bytes of the shared leading folders */
	for (size_t i = 1;; i++) {
		int end_p = path[i] == '/' || !path[i], end_b = base[i] == '/' || !base[i];
		if (end_p && end_b && !strncmp(path, base, i)) common = i;
		if (!path[i] || !base[i] || path[i] != base[i]) break;
	}
	if (!path[common] && !base[common]) return xstrdup("");
	if (common <= 1) return xstrdup(path);
	struct strbuf sb = {0};
	for (const char *p = base + common; *p; p++)
		if (*p == '/') sb_adds(&sb, sb.len ? "/.." : "..");
	const char *rest = path + common + (path[common] == '/');
	if (*rest) sb_addf(&sb, "%s%s", sb.len ? "/" : "", rest);
	return sb_detach(&sb);
}

double now_seconds(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Skips the string that starts at s[i] (a quote), returning the index after it; *closed
 * says whether its closing quote was found. */
static size_t skip_string(const char *s, size_t i, size_t n, int escapes, int *closed)
{
	char q = s[i];
	int triple = i + 2 < n && s[i + 1] == q && s[i + 2] == q;
	*closed = 0;
	for (i += triple ? 3 : 1; i < n; i++) {
		if (s[i] == '\\' && escapes) { i++; continue; }
		if (s[i] == '\n' && !triple) return i;
		if (s[i] != q) continue;
		*closed = 1;
		if (!triple) return i + 1;
		if (i + 2 < n && s[i + 1] == q && s[i + 2] == q) return i + 3;
		*closed = 0;
	}
	return n;
}

static void bracket_step(char c, size_t *depth, size_t *max)
{
	if (c == '(' || c == '[' || c == '{') {
		if (++*depth > *max) *max = *depth;
	} else if (c == ')' || c == ']' || c == '}') {
		*depth -= *depth > 0;
	}
}

size_t bracket_depth(const char *s, size_t n, int toml)
{
	size_t raw = 0, max = 0, opened = 0;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (c == '(' || c == '[' || c == '{') opened++;
		bracket_step(c, &raw, &max);
	}
	if (opened <= MAX_BRACKET_DEPTH) return max;   /* no count can pass the limit */
	size_t code = 0, cmax = 0;
	for (size_t i = 0; i < n;) {
		char c = s[i];
		if (c == '#') {
			while (i < n && s[i] != '\n') i++;
			continue;
		}
		if (c != '"' && c != '\'') {
			bracket_step(c, &code, &cmax);
			i++;
			continue;
		}
		int closed;
		size_t e = skip_string(s, i, n, !toml || c == '"', &closed);
		/* what the parser may read as code: an f-string's (its replacement fields, with
		 * the letters before the quote read loosely) and an unclosed string's brackets */
		int fstr = (i > 0 && (s[i - 1] == 'f' || s[i - 1] == 'F')) ||
			   (i > 1 && (s[i - 2] == 'f' || s[i - 2] == 'F'));
		if (!toml && (fstr || !closed))
			for (size_t k = i; k < e; k++) bracket_step(s[k], &code, &cmax);
		i = e;
	}
	return toml && max > cmax ? max : cmax;
}

size_t bracket_blank(char *s, size_t n, size_t keep, size_t *first)
{
	size_t code = 0, blanked = 0;
	*first = n;
	for (size_t i = 0; i < n;) {
		char c = s[i];
		size_t e = i + 1;                     /* the token: a comment, a string, a byte */
		int closed = 1, fstr = 0;
		if (c == '#') {
			while (e < n && s[e] != '\n') e++;
		} else if (c == '"' || c == '\'') {
			e = skip_string(s, i, n, 1, &closed);
			fstr = (i > 0 && (s[i - 1] == 'f' || s[i - 1] == 'F')) ||
			       (i > 1 && (s[i - 2] == 'f' || s[i - 2] == 'F'));
		}
		if (c == '#' || ((c == '"' || c == '\'') && closed && !fstr)) {
			if (code > keep) {                /* a whole token, deep inside */
				for (size_t k = i; k < e; k++) if (s[k] != '\n') s[k] = ' ';
				if (*first == n) *first = i;
				blanked += e - i;
			}
			i = e;
			continue;
		}
		for (size_t k = i; k < e; k++) {      /* byte by byte, as bracket_depth counts */
			char b = s[k];
			if (b == '(' || b == '[' || b == '{') code++;
			int deep = code > keep;
			if (b == ')' || b == ']' || b == '}') code -= code > 0;
			if (deep && b != '\n') {
				s[k] = ' ';
				if (*first == n) *first = k;
				blanked++;
			}
		}
		i = e;
	}
	return blanked;
}

char *cl_which(const char *name)
{
	const char *path = getenv("PATH");
	if (!path) path = "/usr/local/bin:/usr/bin:/bin";
	while (*path) {
		const char *end = strchr(path, ':');
		size_t n = end ? (size_t)(end - path) : strlen(path);
		if (n && path[0] == '/') {
			char *p = xasprintf("%.*s/%s", (int)n, path, name);
			if (!access(p, X_OK)) return p;
			free(p);
		}
		path += n + (end != NULL);
	}
	return NULL;
}

void sb_dot_quote(struct strbuf *sb, const char *s)
{
	sb_addc(sb, '"');
	unsigned cp;
	for (const unsigned char *p = (const unsigned char *)s; *p; ) {
		size_t n = utf8_seq(p, &cp);
		if (!n) {                             /* dot refuses malformed UTF-8: U+FFFD */
			sb_adds(sb, "\xef\xbf\xbd");
			p++;
			continue;
		}
		if (cp == '"' || cp == '\\') sb_addc(sb, '\\');
		if (cp == '\n') sb_adds(sb, "\\n");
		else if (cp >= 0x20 && cp != 0x7f && (cp < 0x80 || cp > 0x9f)) sb_add(sb, p, n);
		p += n;
	}
	sb_addc(sb, '"');
}

void sb_add_escaped(struct strbuf *sb, const char *s)
{
	unsigned cp;
	for (const unsigned char *p = (const unsigned char *)s; *p;) {
		size_t n = utf8_seq(p, &cp);
		if (n && cp >= 0x20 && cp != 0x7f && (cp < 0x80 || cp > 0x9f)) {
			sb_add(sb, p, n);
			p += n;
			continue;
		}
		for (size_t k = 0; k < (n ? n : 1); k++) sb_addf(sb, "\\x%02x", *p++);
	}
}

char *escape_controls(const char *s)
{
	struct strbuf sb = {0};
	sb_add_escaped(&sb, s);
	return sb.buf ? sb.buf : xstrdup("");
}

size_t utf8_seq(const unsigned char *s, unsigned *cp)
{
	size_t n;
	unsigned c, min;
	if (s[0] < 0x80) { *cp = s[0]; return 1; }
	if ((s[0] & 0xE0) == 0xC0) { n = 2; c = s[0] & 0x1F; min = 0x80; }
	else if ((s[0] & 0xF0) == 0xE0) { n = 3; c = s[0] & 0x0F; min = 0x800; }
	else if ((s[0] & 0xF8) == 0xF0) { n = 4; c = s[0] & 0x07; min = 0x10000; }
	else return 0;
	for (size_t i = 1; i < n; i++) {
		if ((s[i] & 0xC0) != 0x80) return 0;     /* also stops at the terminating NUL */
		c = c << 6 | (s[i] & 0x3F);
	}
	if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) return 0;
	*cp = c;
	return n;
}

char *utf8_clean(const char *s)
{
	struct strbuf sb = {0};
	unsigned cp;
	for (const unsigned char *p = (const unsigned char *)s; *p;) {
		size_t n = utf8_seq(p, &cp);
		if (n) sb_add(&sb, p, n); else sb_adds(&sb, "\xEF\xBF\xBD");
		p += n ? n : 1;
	}
	return sb.buf ? sb.buf : xstrdup("");
}

static void json_clean(cJSON *j)
{
	for (; j; j = j->next) {
		if (j->string) {
			char *c = utf8_clean(j->string);
			if (strcmp(c, j->string) && !(j->type & cJSON_StringIsConst)) {
				cJSON_free(j->string);
				j->string = c;
			} else {
				free(c);
			}
		}
		if (cJSON_IsString(j) && j->valuestring && !(j->type & cJSON_IsReference)) {
			char *c = utf8_clean(j->valuestring);
			if (strcmp(c, j->valuestring)) {
				cJSON_free(j->valuestring);
				j->valuestring = c;
			} else {
				free(c);
			}
		}
		json_clean(j->child);
	}
}

char *json_print(cJSON *root)
{
	json_clean(root);
	return cJSON_Print(root);
}

void sort_array(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *))
{
	if (n > 1) qsort(base, n, size, cmp);
}

void *search_array(const void *key, const void *base, size_t n, size_t size,
		   int (*cmp)(const void *, const void *))
{
	return n ? bsearch(key, base, n, size, cmp) : NULL;
}

size_t lower_bound_array(const void *key, const void *base, size_t n, size_t size,
			 int (*cmp)(const void *elem, const void *key))
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (cmp((const char *)base + mid * size, key) < 0) lo = mid + 1;
		else hi = mid;
	}
	return lo;
}

int cmp_i64_first(const void *elem, const void *key)
{
	int64_t a = *(const int64_t *)elem, b = *(const int64_t *)key;
	return (a > b) - (a < b);
}

void toml_quote(struct strbuf *sb, const char *s)
{
	sb_addc(sb, '"');
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p == '"' || *p == '\\') sb_addf(sb, "\\%c", *p);
		else if (*p < 0x20 || *p == 0x7f) sb_addf(sb, "\\u%04x", *p);
		else sb_addc(sb, (char)*p);
	}
	sb_addc(sb, '"');
}

void toml_list(struct strbuf *sb, char **v, size_t n)
{
	sb_adds(sb, "[");
	for (size_t i = 0; i < n; i++) {
		if (i) sb_adds(sb, ", ");
		toml_quote(sb, v[i]);
	}
	sb_adds(sb, "]");
}

/* Reads path when it is a regular file of at most max bytes: the repository is the
 * analyzed one, and its .git may point anywhere (/dev/zero, a FIFO). */
static int read_regular(const char *path, size_t max, char **text, size_t *len)
{
	struct stat st;
	if (stat(path, &st) || !S_ISREG(st.st_mode) || (size_t)st.st_size > max) return -1;
	return read_file_max(path, max, text, len);
}

/* The git folder of the repository around dir (its .git folder, or where a .git file
 * points: a linked worktree, a submodule), and in *top the folder that holds .git; NULL
 * when dir is in no repository. */
static char *git_dir_of(const char *dir, char **top)
{
	char *d = xstrdup(dir);
	for (;;) {
		char *g = path_join(d, ".git"), *found = NULL;
		struct stat st;
		char *text = NULL;
		size_t len;
		if (stat(g, &st) == 0 && S_ISDIR(st.st_mode)) {
			found = xstrdup(g);
		} else if (!read_regular(g, 4096, &text, &len) && !strncmp(text, "gitdir: ", 8)) {
			text[strcspn(text, "\r\n")] = 0;
			found = text[8] == '/' ? xstrdup(text + 8) : path_join(d, text + 8);
		}
		free(text);
		free(g);
		if (found) {
			if (top) *top = d;
			else free(d);
			return found;
		}
		char *slash = strrchr(d, '/');
		if (!slash || slash == d) break;
		*slash = 0;
	}
	free(d);
	return NULL;
}

char *git_top(const char *dir)
{
	char *top = NULL, *g = git_dir_of(dir, &top);
	free(g);
	return top;
}

/* Where refs and packed-refs live: a linked worktree's git folder names the repository's
 * own in its commondir file (HEAD stays the worktree's). */
static char *git_common_dir(const char *g)
{
	char *p = path_join(g, "commondir"), *text = NULL, *common = NULL;
	size_t len;
	if (!read_regular(p, 4096, &text, &len)) {
		text[strcspn(text, "\r\n")] = 0;
		if (*text) common = text[0] == '/' ? xstrdup(text) : path_join(g, text);
	}
	free(text);
	free(p);
	return common ? common : xstrdup(g);
}

static int is_sha(const char *s)
{
	size_t n = strspn(s, "0123456789abcdef");
	return (n == 40 || n == 64) && !s[n];
}

/* A ref name from HEAD: under refs/, without a way out of the git folder. */
static int plain_ref(const char *r)
{
	return !strncmp(r, "refs/", 5) && !strstr(r, "..") && !strchr(r, '\\');
}

/* The sha a ref names, from its loose file in g, else from g's packed-refs; NULL if none. */
static char *read_ref(const char *g, const char *name)
{
	char *refp = path_join(g, name), *ref = NULL, *head = NULL;
	size_t len;
	if (!read_regular(refp, 4096, &ref, &len)) {
		ref[strcspn(ref, "\r\n")] = 0;
		if (is_sha(ref)) head = xstrdup(ref);
	} else {
		char *packed = path_join(g, "packed-refs"), *pk = NULL;
		if (!read_regular(packed, 64 << 20, &pk, &len)) {
			for (char *line = strtok(pk, "\n"); line && !head; line = strtok(NULL, "\n")) {
				char *sp = strchr(line, ' ');
				if (sp && !strcmp(sp + 1, name) && is_sha(line)) head = xstrndup(line, (size_t)(sp - line));
			}
		}
		free(pk);
		free(packed);
	}
	free(ref);
	free(refp);
	return head;
}

char *git_head(const char *dir)
{
	char *g = git_dir_of(dir, NULL), *head = NULL, *text = NULL;
	size_t len;
	if (!g) return NULL;
	char *p = path_join(g, "HEAD");
	if (!read_regular(p, 4096, &text, &len)) {
		text[strcspn(text, "\r\n")] = 0;
		if (!strncmp(text, "ref: ", 5) && plain_ref(text + 5)) {
			head = read_ref(g, text + 5);
			if (!head) {                    /* a linked worktree: the refs are shared */
				char *common = git_common_dir(g);
				if (strcmp(common, g)) head = read_ref(common, text + 5);
				free(common);
			}
		} else if (is_sha(text)) {
			head = xstrdup(text);
		}
	}
	free(text);
	free(p);
	free(g);
	return head;
}

void fprint_escaped(FILE *out, const char *fmt, ...)
{
	struct strbuf sb = {0};
	va_list ap;
	va_start(ap, fmt);
	for (const char *p = fmt; *p; p++) {
		if (*p != '%') {
			sb_addc(&sb, *p);
			continue;
		}
		char spec[16] = "%";
		size_t n = 1;
		while (p[n] && strchr("-+ #0123456789.lz", p[n]) && n < sizeof(spec) - 2) n++;
		memcpy(spec, p, n + 1);
		spec[n + 1] = 0;
		char conv = p[n], len = n > 1 ? p[n - 1] : 0;
		if (conv == 's') {                    /* the width of a name is its escaped form's */
			struct strbuf e = {0};
			const char *v = va_arg(ap, const char *);
			sb_add_escaped(&e, v ? v : "(null)");
			spec[n] = 's';
			sb_addf(&sb, spec, sb_str(&e));
			sb_release(&e);
		} else if (conv == 'f') {
			sb_addf(&sb, spec, va_arg(ap, double));
		} else if (conv == 'd' || conv == 'u') {
			if (len == 'z') sb_addf(&sb, spec, va_arg(ap, size_t));
			else if (len == 'l') sb_addf(&sb, spec, va_arg(ap, long));
			else sb_addf(&sb, spec, va_arg(ap, int));
		} else {
			sb_addc(&sb, '%');
			n = conv == '%' ? 1 : 0;
		}
		p += n;
	}
	va_end(ap);
	fputs(sb_str(&sb), out);
	sb_release(&sb);
}
