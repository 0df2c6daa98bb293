/* federate_p.h — what federate.c (loading from the store, what goes where) and
 * federate_sdl.c (types, names, the SDL and JSON text) share. */
#ifndef CUTLINE_FEDERATE_P_H
#define CUTLINE_FEDERATE_P_H

#include "check_p.h"

struct cJSON;

/* One property of a model class, as models.props holds it (extract_data.c's property()):
 * ctor the callee's last name, arg what names its type or target ("@module.Class" when it
 * resolved to a model, 'Kind' a string), flags r/q/n/p, annot the annotation. */
struct fprop { char *name, *ctor, *arg, *flags, *annot; int line; };
struct fmodel { char *parent; VEC(struct fprop) props; };
void fed_props_parse(struct fmodel *m, const char *props);
void fed_model_release(struct fmodel *m);

/* A top-level function or class of the tree (with its __init__'s signature). */
struct fdef {
	int file;                  /* ck_graph file index */
	char *name, *params, *bases;
	int line, end_line, is_class, writes;
	int is_model;              /* a model class: an entity already, no root field */
	char *init_params;
};

struct fed;
struct cl_store;
/* A resolved data access of the tree (not test code): its module, model (dmodels index),
 * place (1-based), op, method, function and the attributes it changes ("a b"). */
struct faccess { int module, model, line, col; char *op, *method, *func, *path, *attrs; };
size_t fed_naccesses(const struct fed *x);
const struct faccess *fed_access(const struct fed *x, size_t i);
const char *fed_module_name(const struct fed *x, int mod);
int fed_module_service(const struct fed *x, int mod);           /* -1: none */
char *fed_type_name(const struct fed *x, int model);            /* its GraphQL type */
char *fed_field_name(const char *python);                      /* a name as GraphQL's */
/* federate_uses.c: the names used through whole-module imports, added as imports of them. */
int fed_module_uses(struct fed *x, struct cl_store *st, struct cl_diags *d);
const struct cl_config *fed_config(const struct fed *x);
int fed_module(const struct fed *x, const char *name);            /* -1: none */
int fed_crosses(const struct fed *x, int src, int dst);           /* across the cut, not tests */
/* Adds an import of name by src when it is a function or class of dst's file; 0 if not. */
int fed_add_use(struct fed *x, int src, int dst, const char *name, const char *path, int line,
		int col);
const char *fed_service(const struct fed *x, int s);
int fed_owner(const struct fed *x, int m);
const struct fmodel *fed_model(const struct fed *x, int m);
const struct dmodel *fed_dmodel(const struct fed *x, int m);
size_t fed_nmodels(const struct fed *x);
int fed_model_of_kind(const struct fed *x, const char *kind);     /* -1: none */
int fed_model_of_class(const struct fed *x, const char *cls);     /* -1: none or two */
int fed_model_of_key(const struct fed *x, const char *key);       /* module.Class */
const char *fed_file_path(const struct fed *x, int file);
char *fed_class_base(const struct fed *x, const char *cls);      /* NULL: none */
const char *fed_def_module(const struct fed *x, const struct fdef *df);   /* module.name's */

/* A place that uses something: an importing module, a reading or writing one. */
struct fcaller { char *module, *func, *method, *path; int line, col; };
struct ffield {
	const struct fdef *def;    /* a def imported across the cut; NULL: foreign writes */
	char *py;                  /* module.name, or for foreign writes the model's name */
	char *module;
	int model;                 /* foreign writes: the model written */
	char *verb;                /* foreign writes: "save", "delete", ... */
	char *name;                /* its GraphQL name, once named */
	int mutation;
	VEC(struct fcaller) callers;
};
struct fskip { char *symbol, *module, *why; VEC(struct fcaller) callers; };
struct fstub { int model; VEC(struct fcaller) callers; };
struct fsub {
	int svc;
	VEC(int) entities;         /* models it owns */
	VEC(struct fstub) stubs;   /* models of others it reads */
	VEC(struct ffield) fields;
	VEC(struct fskip) skipped; /* imports across the cut that are no field, and why */
};
void fsub_init(struct fsub *sg, int svc);
void fsub_release(struct fsub *sg);
/* An import of df (or, when why is given, of something that is no field) by module. */
void fsub_use(struct fed *x, struct fsub *sg, const struct fdef *df, const char *module,
	      const char *symbol, const char *path, int line, int col, const char *why);
void fsub_foreign_write(struct fed *x, struct fsub *sg, int model, const char *module,
			const char *func, const char *method, const char *path, int line, int col);
void fsub_stub(struct fsub *sg, int model, const char *module, const char *path, int line);
/* The ledger's state of Type.field (marking the entry used), or -1 when it has none. */
int fed_ledger(struct fed *x, const char *type, const char *field);
/* Gives every root field of every subgraph a name no other root field has. */
void fsub_name_fields(struct fed *x, struct fsub *subs, size_t n);
char *fsub_sdl(struct fed *x, const struct fsub *sg);       /* NULL: nothing to serve */
/* The fields of entities and root types, by ledger state (python when not named), and the
 * lines of the Python functions and classes behind the root fields, by state. */
struct fcounts { size_t fields, state[3], lines[3]; };
void fsub_counts(struct fed *x, const struct fsub *sg, struct fcounts *c);
struct cJSON *fsub_json(struct fed *x, const struct fsub *sg);

/* The subgraphs of cfg's services, with their root fields named, for check's ledger rule:
 * NULL (diagnostics in d) when the store cannot say. fed_close frees both. */
struct fed *fed_open(const struct cl_config *cfg, struct cl_store *st, struct fsub **subs,
		     struct cl_diags *d);
void fed_close(struct fed *x, struct fsub *subs);

#endif
