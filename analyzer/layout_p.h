/* layout_p.h — what a file's place in the tree says of it: test code, a migration, a vendored
 * copy of a third-party package. `init` proposes config from it; `propose` keeps such code
 * out of the clustering. Paths are relative to the config's folder, with '/'. */
#ifndef CUTLINE_LAYOUT_P_H
#define CUTLINE_LAYOUT_P_H

#include "config_p.h"

/* The globs of test code init proposes (tests/ folders, test_*.py, conftest.py, ...). */
extern const char *const layout_test_globs[];
/* Is path test code: under the config's tests globs, or init's when the config has none? */
int layout_is_test(const struct cl_config *cfg, const char *path);

enum { LAYOUT_DJANGO = 1, LAYOUT_ALEMBIC = 2 };
/* A migration: LAYOUT_DJANGO (NNNN_name.py in a migrations folder) or LAYOUT_ALEMBIC (in a
 * versions folder beside env.py: has(arg, path) tells whether the tree holds a file); 0. */
int layout_migration(const char *path, int (*has)(void *arg, const char *path), void *arg);

/* Does the folder dir (abs: its path on disk) hold vendored code? "its name says so" for
 * third_party, vendor, ...; the name of pip's record (*.dist-info) it holds, in rec; NULL. */
const char *layout_vendored(const char *dir, size_t n, const char *abs, char *rec, size_t nrec);

#endif
