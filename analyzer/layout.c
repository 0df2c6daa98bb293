/* layout.c — what a file's place in the tree says of it (layout_p.h): the conventions of
 * Python trees for tests, migrations and vendored copies of libraries, by path alone (and,
 * for pip's records, a look into the folder). */
#include "layout_p.h"
#include "glob_p.h"
#include "util_p.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const layout_test_globs[] = { "**/tests/**", "**/test/**", "**/test_*.py",
	"**/*_test.py", "**/*_tests.py", "**/conftest.py", NULL };

/* Folder names that hold copies of third-party code. */
static const char *const vendor_names[] = { "third_party", "thirdparty", "third-party", "vendor",
	"vendored", "_vendor", "site-packages", "externals", NULL };

int layout_is_test(const struct cl_config *cfg, const char *path)
{
	if (cfg->ntests) return cl_config_is_test(cfg, path);
	for (size_t i = 0; layout_test_globs[i]; i++)
		if (glob_match(layout_test_globs[i], path)) return 1;
	return 0;
}

int layout_migration(const char *path, int (*has)(void *arg, const char *path), void *arg)
{
	const char *base = strrchr(path, '/');
	if (!base || base - path < 8) return 0;
	const char *dir = base;                   /* the folder's own name */
	while (dir > path && dir[-1] != '/') dir--;
	size_t dn = (size_t)(base - dir);
	if (dn == 10 && !memcmp(dir, "migrations", 10) && base[1] >= '0' && base[1] <= '9' &&
	    strchr(base, '_'))
		return LAYOUT_DJANGO;
	if (dn != 8 || memcmp(dir, "versions", 8)) return 0;
	char *env = xasprintf("%.*senv.py", (int)(dir - path), path);
	int alembic = has(arg, env);
	free(env);
	return alembic ? LAYOUT_ALEMBIC : 0;
}

const char *layout_vendored(const char *dir, size_t n, const char *abs, char *rec, size_t nrec)
{
	for (size_t i = 0; vendor_names[i]; i++)
		if (strlen(vendor_names[i]) == n && !memcmp(dir, vendor_names[i], n)) return "its name says so";
	DIR *dh = opendir(abs);
	struct dirent *e;
	const char *found = NULL;
	while (dh && !found && (e = readdir(dh))) {
		size_t len = strlen(e->d_name);
		if ((len > 10 && !strcmp(e->d_name + len - 10, ".dist-info")) ||
		    (len > 9 && !strcmp(e->d_name + len - 9, ".egg-info"))) {
			snprintf(rec, nrec, "%s", e->d_name);
			found = rec;
		}
	}
	if (dh) closedir(dh);
	return found;
}
