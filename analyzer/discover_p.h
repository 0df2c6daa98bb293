/* discover_p.h — the files and module names a scan covers: every .py under the configured
 * roots minus excludes, symlinks followed as Python follows them (each loop walked once),
 * Python 2 packages (__init__.py, or every folder with implicit_init) or Python 3 namespace
 * packages. A file is one module, under its first importable name; its other names (nested
 * roots, symlinks) are aliases. */
#ifndef CUTLINE_DISCOVER_P_H
#define CUTLINE_DISCOVER_P_H

#include <stdint.h>
#include <sys/types.h>
#include "cutline.h"
#include "util_p.h"

struct disc_file {
	char *abspath;            /* as walked (through symlinks), for reading */
	int link;                 /* abspath itself is a symlink (else read with O_NOFOLLOW) */
	char *relpath;            /* relative to the config's folder, or absolute outside it */
	int python;               /* 2 or 3 */
	int64_t size, mtime_ns;
	dev_t dev;
	ino_t ino;
};
struct disc_module {
	char *name;               /* dotted */
	int64_t file;             /* index into files, -1 for a namespace package */
	int is_package, importable;
	int root;                 /* index into cfg->roots */
	int first_path;           /* named from the file's first path found */
};
/* Another name of a module or package (a second way to reach the same file or folder), or
 * (target NULL) the name of a symlink that leads out of the roots and was not walked. */
struct disc_alias {
	char *name;               /* dotted */
	char *target;             /* the module it stands for (and its prefix for children) */
	char *link;               /* the symlink's path relative to the config's folder, or NULL */
};
struct discovery {
	VEC(struct disc_file) files;
	VEC(struct disc_module) modules;    /* sorted by name */
	VEC(struct disc_alias) aliases;     /* sorted by name */
};

/* Called for each new file as the walk finds it (before module names are known), with its
 * index in out->files; the struct is only valid during the call. */
typedef void (*disc_file_fn)(void *arg, size_t index, const struct disc_file *f);
/* Fills out; problems with single paths are warnings, a missing root is an error.
 * on_file may be NULL. */
int discover(const struct cl_config *cfg, struct discovery *out, struct cl_diags *d,
	     disc_file_fn on_file, void *arg);
void discovery_release(struct discovery *disc);
/* The name the discovery gives the file at path (as the store keeps it), or NULL when it
 * is under no root. Symlinks in path are resolved: a link inside a root is named as its
 * target. */
char *discover_relpath(const struct cl_config *cfg, const char *path);

#endif
