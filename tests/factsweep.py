#!/usr/bin/env python3
"""factsweep.py — a deterministic generated sweep over the fact writer and the data graph.

    python3 tests/factsweep.py BIN [--seeds N] [--start S] [--keep DIR] [-j N] [--timeout T]
                               [--mem-mb M] [--contracts] [--avoid KIND]... [--verbose]

For each seed S..S+N-1 (default 1..200) it builds a small random project in a temp folder
from a grammar of snippets that stress what `scan` writes and how models and imports
resolve: the same class names in nested scopes (methods, functions, class bodies),
redefinitions of classes, functions and names (also in if/try branches), models of every
family (ndb, db, Cloud ndb, Django, SQLAlchemy) defined twice, classes named like modules,
submodules and their own package, modules that re-export themselves, alias cycles, models
whose base is an alias of itself, bases that lead back to the class, odd `_get_kind`s,
PolyModel chains, shared kinds, functions and methods whose returns lead to one another,
accesses of all of these, syntax errors, empty files, `__init__`-only and namespace
packages, a module beside a package of its name, unicode identifiers (also unnormalised).
The config has one or two roots, or nested ones, python "2" or "3", and sometimes symlinks:
a package under two names, a file link, links out of the roots (sometimes in
follow_links), dangling links, loops, a link named like a module beside it.

Then it runs `scan`; declares services over the modules the scan found (with owns, reads,
layers, contracts, ignores and rules, drawn from a stream of their own so that the tree
stays the same whatever the binary answers); runs `check`, `models`, `graph --data`,
`propose`, `whatif --move` (with services), sometimes `report --format md`, `baseline
write` + `check --baseline`, `graph --format dot|mermaid|json --external`, `explain`; then
edits the tree (lines moved, a class added or rebased, a file removed, renamed, copied or
touched, a link added, the Python version flipped) and runs `scan` and `check` again,
sometimes a second edit with `check --files` and `models`, and `scan --force` (the
incremental paths). Each command has a timeout (20 s) and a memory limit (2048 MB).

A seed fails when a command exits 3 or more, dies of a signal, times out, or prints
'AddressSanitizer', 'LeakSanitizer', 'runtime error' or 'UNIQUE constraint': no input tree
may make cutline exit 3. With --contracts it also fails when check rejects a config cutline
wrote itself: the draft of `propose --emit-toml` (exit 2) or the starter of `init` (any
exit but 0).

Prints "ok seed N" or "FAIL seed N: COMMAND, WHY, THE LINE THAT SAYS MOST" (a few more
lines of the output follow, indented), then a summary line. With --keep DIR, each failing
tree is saved to DIR/seed-N/ (its commands and the failing output in DIR/seed-N.out, and
the tree before the edits in DIR/seed-N.before/ when the failure came after one).

`--avoid dup-model` leaves out a model class defined twice in one scope, `--avoid
alias-cycle` any module-level name whose chain of values leads back to it (`X = X`,
`X = Y; Y = X`, `e = e.key.get()`), `--avoid base-cycle` the snippet of classes whose
bases lead back to them (`class A(B, ndb.Model)`, `class B(A)`): patterns that once
failed, so that the rest of the grammar can still find other things while they are being
fixed. Python 3, stdlib only; the same seed always gives the same tree.
"""
import argparse
import concurrent.futures
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time

MARKERS = ("AddressSanitizer", "runtime error", "UNIQUE constraint", "LeakSanitizer",
           "Assertion `", "stack-overflow")

# --- names -----------------------------------------------------------------------------------
# Small pools, so that the same names meet in different roles: a package, a module, a class
# in a package's __init__, a nested class, an alias, an API module name.
PKG_NAMES = ["a", "b", "app", "core", "models", "ndb", "db", "m", "shop", "caf\u00e9",
             "\u043c\u043e\u0434", "google", "x", "cafe\u0301"]
MOD_NAMES = ["b", "m", "models", "base", "x", "a", "util", "ndb", "db", "kinds",
             "\u00f1", "M", "B", "__main__", "\uff4d"]
CLASS_NAMES = ["M", "B", "User", "Base", "Model", "b", "m", "x", "a", "models", "ndb", "db",
               "Kind", "PolyModel", "Expando", "Meta", "\u041c\u043e\u0434\u0435\u043b\u044c",
               "\uff2d", "\u00d1", "Cls", "Root", "Child", "Leaf", "app", "core"]
FIELD_NAMES = ["name", "points", "owner", "key", "kind", "id", "m", "put", "objects"]


class Ctx:
    """What a file's snippets may refer to."""

    def __init__(self, module, package, is_init, py):
        self.module = module            # dotted name under the first root it is found in
        self.package = package          # its package ('' at top level)
        self.is_init = is_init
        self.py = py
        self.bases = []                 # base expressions bound in this file
        self.apis = []                  # names bound to ndb / db modules
        self.classes = []               # class names defined at module level so far
        self.models = []                # the subset meant as models
        self.funcs = []
        self.aliases = []               # module-level names bound with --avoid alias-cycle


class Gen:
    def __init__(self, seed, avoid):
        self.rng = random.Random(seed)
        self.seed = seed
        self.avoid = "dup-model" in avoid         # no model class twice in one scope
        self.acyclic = "alias-cycle" in avoid     # no module-level name bound to itself
        self.bases_acyclic = "base-cycle" in avoid  # no chain of bases back to a class
        self.fresh = 0
        self.files = {}                 # relative path -> str or bytes
        self.links = []                 # (relative path, link target)
        self.modules = []               # (dotted, relpath) of the files meant to be modules
        self.pkgs = []                  # dotted package names
        self.models = []                # (dotted module, class) of classes meant as models
        self.services = []
        self.pending = []               # modules out of the roots (reached by links)
        self.follow = []                # follow_links entries
        self.named = []                 # (module, name) of the fresh names

    # --- helpers -----------------------------------------------------------------------------
    def c(self, seq):
        return self.rng.choice(seq)

    def p(self, prob):
        return self.rng.random() < prob

    def n(self, lo, hi):
        return self.rng.randint(lo, hi)

    def cname(self, ctx=None):
        r = self.rng.random()
        if ctx is not None and r < 0.25 and ctx.classes:
            return self.c(ctx.classes)
        if ctx is not None and r < 0.35:
            parts = ctx.module.split(".")
            return self.c(parts)        # named like its module or package
        if r < 0.45 and self.modules:
            return self.c(self.modules)[0].split(".")[-1]   # named like some module
        return self.c(CLASS_NAMES)

    def tgt(self, ctx, name, indent=0):
        """The name a module-level assignment binds: as given, or with --avoid alias-cycle a
        fresh one, so that no chain of module-level names can lead back to itself."""
        if not self.acyclic:     # (at any depth: error recovery can lift a line out)
            return name
        self.fresh += 1
        return "A%d" % self.fresh

    def model_ref(self, ctx):
        """An expression that may name a model: local, qualified through an import, unknown."""
        r = self.rng.random()
        if r < 0.45 and ctx.models:
            return self.c(ctx.models)
        if r < 0.7 and self.models:
            mod, cls = self.c(self.models)
            if self.p(0.5):
                return mod + "." + cls
            return cls
        if r < 0.8 and self.modules:
            return self.c(self.modules)[0]            # a module used as a model
        if r < 0.9:
            return self.cname(ctx) + "." + self.cname(ctx)
        return self.cname(ctx)

    # --- the layout ----------------------------------------------------------------------------
    def layout(self):
        g = self
        py = g.c(["2", "3", "2.7", "3.11", "3"])
        kind = g.c(["dot", "dot", "src", "two", "nested", "nested_dot"])
        if kind == "dot":
            roots, bases = ["."], [""]
        elif kind == "src":
            roots, bases = ["src"], ["src/"]
        elif kind == "two":
            roots, bases = ["src", "lib"], ["src/", "lib/"]
        elif kind == "nested":
            roots, bases = ["src", "src/vendor"], ["src/", "src/vendor/"]
        else:
            roots, bases = [".", "third_party"], ["", "third_party/"]
        self.py2 = py.startswith("2")
        self.roots = roots
        npk = g.n(1, 4)
        names = []
        while len(names) < npk:
            nm = g.c(PKG_NAMES)
            if nm not in names:
                names.append(nm)
        for pi, pkg in enumerate(names):
            base = bases[0] if pi == 0 or g.p(0.6) else g.c(bases)
            self.add_package(base, pkg, pkg, depth=0)
            if g.p(0.15):                       # a.py beside a/
                self.add_module(base + pkg + ".py", pkg, "", False)
            if g.p(0.15) and len(bases) > 1:    # the same package in another root
                self.add_package(g.c(bases[1:]), pkg, pkg, depth=1)
        for _ in range(g.n(0, 2)):              # top-level modules
            nm = g.c(MOD_NAMES + ["setup", "main", "appengine_config"])
            self.add_module(bases[0] + nm + ".py", nm, "", False)
        if kind == "nested" and g.p(0.7):       # src/vendor is a package and a root
            self.add_module("src/vendor/__init__.py", "vendor", "vendor", True)
            self.add_module("src/vendor/lib.py", "vendor.lib", "vendor", False)
        for _ in range(g.n(0, 2) if g.p(0.5) else 0):
            self.add_links(bases)
        if g.p(0.05):                           # a name no Python 3 identifier holds
            self.files[(bases[0] + "bad\udcff.py")] = "x = 1\n"
        if g.p(0.05):
            self.files[bases[0] + "my-pkg/mod.py"] = "from google.appengine.ext import ndb\n" \
                "class M(ndb.Model): pass\n"
        return py, roots

    def link(self, link, target):
        """A symlink at link (relative to the top) to target (relative to the top)."""
        if link in self.files or any(l[0] == link for l in self.links) or link == target:
            return False
        rel = os.path.relpath(target, os.path.dirname(link) or ".")
        self.links.append((link, rel))
        return True

    def add_links(self, bases):
        g = self
        dirs = sorted({os.path.dirname(r) for _, r in self.modules if "/" in r})
        base = g.c(bases).rstrip("/")
        where = g.c(dirs + [base]) if dirs else base
        name = g.c(["alias", "b", "m", "models", "x", "lib", "vendor", "core", "ext"] +
                   [d.split(".")[-1] for d, _ in self.modules][:6])
        at = (where + "/" if where and where != "." else "") + name
        k = g.c(["pkg", "pkg", "file", "outside", "outside", "dangling", "root", "loop",
                 "other_root", "over_module"])
        if k == "pkg" and self.pkgs:                # a package under two names
            pkg = g.c(self.pkgs)
            path = self.pkg_path(pkg) or self.dir_of(pkg)
            if path and self.link(at, path):
                alias = self.dotted_of(at)
                for dotted, rel in list(self.modules):
                    if alias and (dotted == pkg or dotted.startswith(pkg + ".")) and \
                            rel.startswith(path + "/"):
                        self.modules.append((alias + dotted[len(pkg):], at + rel[len(path):]))
        elif k == "file" and self.modules:          # a file under another name
            dotted, rel = g.c(self.modules)
            self.link(at + g.c([".py", ".py", "/__init__.py" if False else ".py"]), rel)
        elif k == "outside":                        # out of the roots, maybe followed
            out = g.c(["outside", "../" + os.path.basename("components"), "ext/lib"])
            out = "outside/" + g.c(["components", "lib", name])
            self.files[out + "/__init__.py"] = None
            self.files[out + "/" + g.c(MOD_NAMES) + ".py"] = None
            for rel in [r for r in self.files if r.startswith(out + "/")]:
                if self.files[rel] is None:
                    mod = os.path.basename(rel)[:-3]
                    dotted = self.dotted_of(at) or name
                    self.pending.append((dotted if mod == "__init__" else dotted + "." + mod, rel))
            if self.link(at, out) and g.p(0.6):
                self.follow.append(out)
        elif k == "dangling":
            self.link(at + g.c(["", ".py"]), g.c(["nowhere", "nowhere.py", at]))
        elif k == "root":
            self.link(at, base or ".")
        elif k == "loop" and dirs:
            d = g.c(dirs)
            self.link(d + "/" + g.c(["loop", name]), os.path.dirname(d) or ".")
        elif k == "other_root" and len(bases) > 1:
            self.link(bases[0] + name, bases[1].rstrip("/"))
        elif k == "over_module" and self.modules:   # a link named like a module beside it
            dotted, rel = g.c(self.modules)
            stem = rel[:-3] if not rel.endswith("__init__.py") else os.path.dirname(rel)
            if self.pkgs:
                path = self.pkg_path(g.c(self.pkgs))
                if path:
                    self.link(stem if g.p(0.5) else stem + ".py", path if g.p(0.7) else rel)

    def dotted_of(self, rel):
        """The dotted name of a path under the first root that holds it, or None."""
        for r in sorted(self.roots, key=len, reverse=True):
            pre = "" if r == "." else r + "/"
            if rel.startswith(pre):
                return rel[len(pre):].replace("/", ".") or None
        return None

    def dir_of(self, pkg):
        for dotted, rel in self.modules:
            if dotted.startswith(pkg + ".") and dotted.count(".") == pkg.count(".") + 1:
                return os.path.dirname(rel)
        return None

    def pkg_path(self, pkg):
        for dotted, rel in self.modules:
            if dotted == pkg and rel.endswith("__init__.py"):
                return os.path.dirname(rel)
        return None

    def add_module(self, rel, dotted, package, is_init):
        if rel in self.files:
            return
        self.files[rel] = None
        self.modules.append((dotted, rel))

    def add_package(self, base, dirname, dotted, depth):
        g = self
        init = not g.p(0.12)                    # a namespace package (Python 3) when not
        if init:
            self.add_module(base + dirname + "/__init__.py", dotted, dotted, True)
        else:
            self.files.setdefault(base + dirname + "/.keep", "")
        self.pkgs.append(dotted)
        if g.p(0.15):
            return                              # __init__.py only
        used = set()
        for _ in range(g.n(1, 4)):
            nm = g.c(MOD_NAMES + [dirname, dirname])
            if nm in used or nm == "__init__":
                continue
            used.add(nm)
            self.add_module(base + dirname + "/" + nm + ".py", dotted + "." + nm, dotted, False)
        if depth < 2 and g.p(0.3):
            sub = g.c(MOD_NAMES + [dirname])
            if sub not in used:
                self.add_package(base + dirname + "/", sub, dotted + "." + sub, depth + 1)

    # --- the code ------------------------------------------------------------------------------
    def api_imports(self, ctx):
        g = self
        out = []
        for _ in range(g.n(1, 3)):
            k = g.c(["ndb", "ndb", "ndb_as", "ndb_full", "db", "poly", "dbpoly", "cloud",
                     "django", "sqla", "sqla_orm", "decl", "own", "confuse", "star"])
            if k == "ndb":
                out.append("from google.appengine.ext import ndb")
                ctx.apis.append("ndb")
                ctx.bases += ["ndb.Model", "ndb.Expando", "ndb.model.Model"]
            elif k == "ndb_as":
                out.append("from google.appengine.ext import ndb as _ndb")
                ctx.apis.append("_ndb")
                ctx.bases += ["_ndb.Model"]
            elif k == "ndb_full":
                out.append("import google.appengine.ext.ndb")
                ctx.apis.append("google.appengine.ext.ndb")
                ctx.bases += ["google.appengine.ext.ndb.Model"]
            elif k == "db":
                out.append("from google.appengine.ext import db")
                ctx.apis.append("db")
                ctx.bases += ["db.Model", "db.Expando"]
            elif k == "poly":
                out.append("from google.appengine.ext.ndb import polymodel")
                ctx.bases += ["polymodel.PolyModel"]
            elif k == "dbpoly":
                out.append("from google.appengine.ext.db.polymodel import PolyModel")
                ctx.bases += ["PolyModel"]
            elif k == "cloud":
                out.append("from google.cloud import ndb")
                ctx.apis.append("ndb")
                ctx.bases += ["ndb.Model"]
            elif k == "django":
                out.append("from django.db import models")
                ctx.bases += ["models.Model"]
            elif k == "sqla":
                out.append("from sqlalchemy.ext.declarative import declarative_base")
                out.append(g.c(["Base = declarative_base()", "Base = declarative_base",
                                "Base = Base = declarative_base()"]))
                ctx.bases += ["Base"]
            elif k == "sqla_orm":
                out.append("import sqlalchemy.orm")
                out.append("Base = sqlalchemy.orm.declarative_base()")
                ctx.bases += ["Base"]
            elif k == "decl":
                out.append("from sqlalchemy.orm import DeclarativeBase")
                out.append("class Base(DeclarativeBase): pass")
                ctx.bases += ["Base"]
                ctx.classes.append("Base")
            elif k == "own":                    # the project's own package called ndb / db
                out.append(g.c(["import ndb", "from . import ndb", "from . import db",
                                "import db", "from ndb import Model"]))
                ctx.apis.append(g.c(["ndb", "db"]))
                ctx.bases += ["ndb.Model", "Model"]
            elif k == "confuse":
                out.append(g.c(["from google.appengine.ext import ndb as db",
                                "from google.appengine.ext import db as ndb",
                                "from google.appengine.ext import ndb as models",
                                "import google.appengine.ext.ndb as ndb"] +
                               ([] if self.acyclic else ["ndb = ndb", "ndb = db"])))
                ctx.apis.append(g.c(["ndb", "db"]))
                ctx.bases += ["ndb.Model", "db.Model", "models.Model"]
            else:
                out.append("from google.appengine.ext.ndb import *")
                ctx.bases += ["Model", "Expando"]
        return out

    def base_expr(self, ctx, name):
        g = self
        r = g.rng.random()
        if r < 0.45 and ctx.bases:
            b = g.c(ctx.bases)
        elif r < 0.6 and ctx.models:
            b = g.c(ctx.models)
        elif r < 0.7 and self.models:
            mod, cls = g.c(self.models)
            b = g.c([mod + "." + cls, cls])
        elif r < 0.75:
            b = name                             # its own name: the previous binding
        elif r < 0.8:
            b = g.c(["object", "", "Generic[T]", "metaclass=Meta", "*bases", "f()",
                     "ndb.Model, metaclass=M", "a.b.c.D", "type('X', (), {})",
                     "(ndb.Model)", "ndb .Model", "ndb.\\\n  Model"])
        else:
            b = g.cname(ctx)
        if g.p(0.15):
            b = b + ", " + g.c(ctx.bases + ["object", "Mixin", name]) if b else b
        return b

    def model_body(self, ctx, name, indent, depth):
        g = self
        pad = "    " * (indent + 1)
        out = []
        for _ in range(g.n(0, 4)):
            k = g.c(["field", "field", "kind", "dbkind", "meta", "table", "abstract",
                     "nested", "method", "access", "import", "doc", "redef"])
            if k == "field":
                f = g.c(FIELD_NAMES)
                api = g.c(ctx.apis) if ctx.apis else "ndb"
                out.append(pad + "%s = %s" % (f, g.c([
                    api + ".StringProperty()", api + ".IntegerProperty(default=0)",
                    api + ".KeyProperty(kind=%r)" % g.cname(ctx),
                    api + ".KeyProperty(kind=%s)" % g.model_ref(ctx),
                    api + ".ReferenceProperty(%s)" % g.model_ref(ctx),
                    api + ".StructuredProperty(%s)" % g.model_ref(ctx),
                    "models.ForeignKey(%r)" % g.c(["self", "app.Model", g.cname(ctx), ""]),
                    "models.ForeignKey(%s)" % g.model_ref(ctx),
                    "models.ManyToManyField('self')",
                    "relationship(%r)" % g.cname(ctx), "Column(ForeignKey('t.c'))",
                    "Column(ForeignKey(%r))" % (g.cname(ctx) + "." + g.c(FIELD_NAMES)),
                    "%s()" % g.cname(ctx), "1", "f()()", "None"])))
            elif k == "kind":
                out.append(pad + "@classmethod")
                out.append(pad + "def _get_kind(cls):")
                out.append(pad + "    return " + g.odd_kind(ctx, name))
            elif k == "dbkind":
                out.append(pad + "@classmethod")
                out.append(pad + "def kind(cls):")
                out.append(pad + "    return " + g.odd_kind(ctx, name))
            elif k == "meta":
                out.append(pad + "class Meta:")
                out.append(pad + "    db_table = " + g.odd_kind(ctx, name))
                if g.p(0.4):
                    out.append(pad + "    abstract = " + g.c(["True", "False", "1", "x"]))
            elif k == "table":
                out.append(pad + "__tablename__ = " + g.odd_kind(ctx, name))
            elif k == "abstract":
                out.append(pad + "__abstract__ = " + g.c(["True", "False", "0"]))
            elif k == "nested" and depth < 3:
                out += g.class_def(ctx, indent + 1, depth + 1,
                                   nm=g.c([name, g.cname(ctx), "Meta"]))
            elif k == "method" and depth < 3:
                out += g.func_def(ctx, indent + 1, depth + 1, method=True, cls=name)
            elif k == "access":
                out += g.access(ctx, indent + 1, cls=name)
            elif k == "import":
                out += [pad + l for l in g.proj_import(ctx)]
            elif k == "doc":
                out.append(pad + g.c(['"""doc"""', "'a.b.M'", "x = 'core.models.M'"]))
            elif k == "redef":
                out.append(pad + "%s = %s" % (g.tgt(ctx, g.c([name, "objects", "key"])),
                                              g.c([name, "None", "ndb.Model"])))
        if not out or g.p(0.2):
            out.append(pad + "pass")
        return out

    def odd_kind(self, ctx, name):
        g = self
        return g.c(["'K'", "'Kind'", "%r" % g.cname(ctx), "%r" % name, "''", "'%s'" % name,
                    "'a' 'b'", "u'\u00fc'", "b'K'", "1", "None", "cls.__name__",
                    "'x' + 'y'", "'%s' % cls", "'\\x00'", "'\\n'", "'" + "K" * 300 + "'",
                    "f'{name}'", "'''K'''", "r'K'", "'M'", "'User'", "'a.b'", "'*'",
                    "'SELECT * FROM K'", "\"'\""])

    def class_def(self, ctx, indent, depth, nm=None, model=None):
        g = self
        pad = "    " * indent
        name = nm or g.cname(ctx)
        if model is None:
            model = g.p(0.75)
        base = g.base_expr(ctx, name) if model else g.c(["object", "", "Mixin", name])
        head = "%sclass %s(%s):" % (pad, name, base) if base or g.p(0.5) else \
            "%sclass %s:" % (pad, name)
        out = []
        if g.p(0.05):
            out.append(pad + "@decorator")
        out.append(head)
        out += g.model_body(ctx, name, indent, depth)
        if indent == 0:
            ctx.classes.append(name)
            if model:
                ctx.models.append(name)
                self.models.append((ctx.module, name))
        return out

    def func_def(self, ctx, indent, depth, method=False, cls=None, nm=None):
        g = self
        pad = "    " * indent
        name = nm or g.c(["f", "get", "put", "query", g.cname(ctx), "_get_kind", "helper"])
        args = "self" if method else g.c(["", "m", "cls", "x=None", "*a, **k"])
        out = []
        if method and g.p(0.3):
            out.append(pad + g.c(["@classmethod", "@staticmethod", "@property"]))
        out.append("%sdef %s(%s):" % (pad, name, args))
        body = []
        for _ in range(g.n(0, 3)):
            k = g.c(["class", "class", "access", "return", "import", "def", "assign"])
            if k == "class" and depth < 3:
                body += g.class_def(ctx, indent + 1, depth + 1,
                                    nm=g.c([name, cls or g.cname(ctx), g.cname(ctx)]))
            elif k == "access":
                body += g.access(ctx, indent + 1, cls=cls)
            elif k == "return":
                body.append(pad + "    return " + g.c([
                    g.model_ref(ctx) + "()", g.model_ref(ctx) + ".query()",
                    g.model_ref(ctx) + ".get_by_id(1)", "ndb.Key(%s, 1).get()" % g.model_ref(ctx),
                    g.model_ref(ctx), name + "()", "None", "f()", "self"]))
            elif k == "import":
                body += [pad + "    " + l for l in g.proj_import(ctx)]
            elif k == "def" and depth < 3:
                body += g.func_def(ctx, indent + 1, depth + 1, nm=g.c([name, "inner"]))
            elif k == "assign":
                body.append(pad + "    %s = %s" % (g.tgt(ctx, g.cname(ctx)), g.model_ref(ctx)))
        if not body:
            body.append(pad + "    pass")
        if indent == 0:
            ctx.funcs.append(name)
        return out + body

    def access(self, ctx, indent, cls=None):
        g = self
        pad = "    " * indent
        api = g.c(ctx.apis) if ctx.apis and g.p(0.8) else g.c(["ndb", "db", "x"])
        m = g.model_ref(ctx)
        m2 = g.model_ref(ctx)
        e = g.tgt(ctx, g.c(["e", "u", "user_data", "m", g.cname(ctx).lower()]), indent)
        k = g.c(["put", "query", "get_by_id", "put_multi", "key_get", "key_delete", "entity",
                 "loop", "objects", "session", "gql", "dbput", "self", "cls", "insert",
                 "key_kind", "multi_get", "chained", "delete", "attrs"])
        if k == "put":
            return [pad + "%s(%s).put()" % (m, g.c(["", "name='x'", "id=1", "parent=k"]))]
        if k == "query":
            return [pad + "%s.query(%s)" % (m, g.c(["", "%s.name == 'x'" % m]))]
        if k == "get_by_id":
            return [pad + "%s = %s.%s(1)" % (g.tgt(ctx, "x", indent), m, g.c(["get_by_id", "get_by_id_async", "get",
                                                     "get_by_key_name", "all", "gql"]))]
        if k == "put_multi":
            return [pad + "%s.%s([%s(), %s(), e])" % (api, g.c(["put_multi", "delete_multi",
                                                                 "put", "delete", "get_multi"]),
                                                       m, m2)]
        if k == "key_get":
            return [pad + "%s.Key(%s, 1).get()" % (api, g.c([m, repr(g.cname(ctx)), "''"]))]
        if k == "key_delete":
            return [pad + "%s.Key(%s, 1, %s, 2).delete()" % (api, m, m2)]
        if k == "key_kind":
            return [pad + "%s = %s.Key(%r, 1)" % (g.tgt(ctx, "k", indent), api, g.c([g.cname(ctx), "", "K", "a.b"]))]
        if k == "entity":
            return [pad + "%s = %s()" % (e, m), pad + "%s.%s = 1" % (e, g.c(FIELD_NAMES)),
                    pad + "%s.%s()" % (e, g.c(["put", "put_async", "save", "delete"]))]
        if k == "loop":
            return [pad + "for %s in %s.query():" % (e, m),
                    pad + "    %s.%s = 2" % (e, g.c(FIELD_NAMES)),
                    pad + "    %s.put()" % e]
        if k == "objects":
            return [pad + "%s.objects.%s" % (m, g.c([
                "create(name='x')", "filter(a=1).delete()", "get(id=1)", "all()",
                "filter(x=1).update(y=2)", "bulk_create([])"]))]
        if k == "session":
            return [pad + g.c(["session.add(%s())" % m, "session.query(%s)" % m,
                               "select(%s)" % m, "session.delete(%s)" % e])]
        if k == "gql":
            return [pad + "%s(%r)" % (g.c([api + ".gql", "db.GqlQuery", "ndb.gql"]),
                                      g.c(["SELECT * FROM %s" % g.cname(ctx), "SELECT * FROM",
                                           "SELECT FROM WHERE", "select * from %s" % m,
                                           "SELECT * FROM ''"]))]
        if k == "dbput":
            return [pad + "%s = [%s()]" % (e, m), pad + "%s.put(%s)" % (api, e)]
        if k == "self":
            return [pad + g.c(["self.put()", "self.key.delete()", "self.%s = 1" % g.c(FIELD_NAMES)])]
        if k == "cls":
            return [pad + g.c(["cls.query()", "cls(name=1).put()", "cls.get_by_id(1)"])]
        if k == "insert":
            return [pad + "%s.get_or_insert('k')" % m]
        if k == "multi_get":
            return [pad + "%s.get_multi(keys)" % api]
        if k == "chained":
            return [pad + "%s.get_by_id(1).put()" % m]
        if k == "delete":
            return [pad + "%s.key.delete()" % e]
        return [pad + "%s.%s = 3" % (e, g.c(FIELD_NAMES)), pad + "%s.put()" % e]

    def proj_import(self, ctx):
        """Imports of the project's own modules, re-exports of themselves included."""
        g = self
        mods = [d for d, _ in self.modules] or ["a"]
        t = g.c(mods)
        own = ctx.module
        last = own.split(".")[-1]
        k = g.c(["import", "import_as", "from", "from_name", "star", "self_from", "self_import",
                 "rel", "rel_star", "rel_up", "self_star", "dynamic", "try", "future",
                 "type_checking", "model_from"])
        if k == "import":
            return ["import " + t]
        if k == "import_as":
            return ["import %s as %s" % (t, g.c([t.split(".")[-1], last, g.cname(ctx)]))]
        if k == "from":
            if "." in t:
                p, n = t.rsplit(".", 1)
                return ["from %s import %s" % (p, n)]
            return ["from %s import %s" % (t, g.cname(ctx))]
        if k == "from_name":
            return ["from %s import %s as %s" % (t, g.cname(ctx), g.cname(ctx))]
        if k == "model_from" and self.models:
            mod, cls = g.c(self.models)
            ctx.models.append(cls)
            return [g.c(["from %s import %s" % (mod, cls), "from %s import %s as %s" % (mod, cls, cls),
                         "from %s import %s as %s" % (mod, cls, g.cname(ctx))])]
        if k == "star":
            return ["from %s import *" % t]
        if k == "self_from":
            if "." in own:
                p, n = own.rsplit(".", 1)
                return [g.c(["from %s import %s" % (p, n),
                             "from %s import %s as %s" % (own, g.cname(ctx), g.cname(ctx)),
                             "from %s import %s" % (own, g.c(ctx.classes or ["M"]))])]
            return ["from %s import %s" % (own, g.cname(ctx))]
        if k == "self_import":
            return [g.c(["import %s as %s" % (own, last), "import " + own,
                         "import %s as %s" % (own, g.cname(ctx))])]
        if k == "rel":
            return [g.c(["from . import %s" % last, "from . import %s" % g.cname(ctx),
                         "from .%s import %s" % (last, g.cname(ctx))])]
        if k == "rel_star":
            return [g.c(["from . import *", "from .%s import *" % last, "from .. import *"])]
        if k == "rel_up":
            return ["from %s import %s" % ("." * g.n(2, 6), g.cname(ctx))]
        if k == "self_star":
            return ["from %s import *" % own]
        if k == "dynamic":
            return [g.c(["import importlib", "x = 1"]),
                    g.c(["importlib.import_module(%r)" % t, "__import__(%r)" % t,
                         "__import__(%r, level=%d)" % (last, g.n(-1, 3)),
                         "importlib.import_module('.%s', __package__)" % last,
                         "importlib.import_module('.%s', %r)" % (last, ctx.package or "x")])]
        if k == "try":
            return ["try:", "    from %s import %s" % (t, g.cname(ctx)),
                    "except ImportError:", "    %s = None" % g.cname(ctx)]
        if k == "future":
            return ["from __future__ import absolute_import"]
        return ["if TYPE_CHECKING:", "    import %s" % t]

    def redefinition(self, ctx):
        g = self
        name = g.cname(ctx)
        k = g.c(["if_else", "try", "class_then_name", "func_then_class", "class_then_func",
                 "del", "twice", "twice_other_base", "name_then_class"])
        if self.avoid and k in ("twice", "twice_other_base"):
            k = "if_else"
        if k == "if_else":
            out = ["if %s:" % g.c(["x", "True", "PY2", "sys.version_info[0] == 2"])]
            out += g.class_def(ctx, 1, 1, nm=name, model=True)
            out.append("else:")
            out += g.class_def(ctx, 1, 1, nm=name, model=g.p(0.6))
            ctx.classes.append(name)
            ctx.models.append(name)
            self.models.append((ctx.module, name))
            return out
        if k == "try":
            out = ["try:"] + g.class_def(ctx, 1, 1, nm=name, model=True)
            out += ["except %s:" % g.c(["ImportError", "Exception", ""]).strip()]
            out += g.class_def(ctx, 1, 1, nm=name, model=True)
            ctx.models.append(name)
            return out
        if k == "class_then_name":
            return g.class_def(ctx, 0, 0, nm=name) + ["%s = %s" % (name, g.c(["None", name, "1",
                                                                             g.model_ref(ctx)]))]
        if k == "name_then_class":
            return ["%s = %s" % (name, g.model_ref(ctx))] + g.class_def(ctx, 0, 0, nm=name)
        if k == "func_then_class":
            return g.func_def(ctx, 0, 0, nm=name) + g.class_def(ctx, 0, 0, nm=name)
        if k == "class_then_func":
            return g.class_def(ctx, 0, 0, nm=name) + g.func_def(ctx, 0, 0, nm=name)
        if k == "del":
            return g.class_def(ctx, 0, 0, nm=name) + ["del " + name]
        if k == "twice":
            return g.class_def(ctx, 0, 0, nm=name, model=True) + \
                g.class_def(ctx, 0, 0, nm=name, model=True)
        return g.class_def(ctx, 0, 0, nm=name, model=True) + \
            g.class_def(ctx, 0, 0, nm=name, model=g.p(0.5))

    def aliases(self, ctx):
        g = self
        x, y = g.cname(ctx), g.cname(ctx)
        if self.acyclic:      # fresh names, whose values name only earlier ones: no cycle
            x, y = g.tgt(ctx, x), g.tgt(ctx, y)
            earlier = ctx.aliases + [m + "." + a for m, a in self.named[-5:]]

            def value():
                return g.c([g.model_ref(ctx), g.c(ctx.bases or ["ndb.Model"]),
                            g.cname(ctx) + "()", g.cname(ctx) + "." + g.cname(ctx),
                            g.c(earlier or ["None"]), g.c(earlier or ["M"]) + ".M"])
            k = g.c(["two", "chain", "tuple", "annot", "all"])
            if k == "two":
                out = ["%s = %s" % (x, value()), "%s = %s" % (y, g.c([x, x + ".M", value()]))]
            elif k == "chain":
                out = ["%s = %s = %s" % (x, y, value())]
            elif k == "tuple":
                out = ["%s, %s = %s, %s" % (x, y, value(), value())]
            elif k == "annot":
                out = ["%s: %s = %s" % (x, g.cname(ctx), value())]
            else:
                out = ["__all__ = [%r, %r]" % (x, g.cname(ctx)), "%s = %s" % (x, value())]
            ctx.aliases += [x, y]
            self.named += [(ctx.module, x), (ctx.module, y)]
            return out
        k = g.c(["cycle", "self", "cross", "chain", "tuple", "call", "annot", "base_self",
                 "all", "all_add", "walrus"])
        if k == "cycle":
            return ["%s = %s" % (x, y), "%s = %s" % (y, x)]
        if k == "self":
            return ["%s = %s" % (x, x)]
        if k == "cross":
            t = g.model_ref(ctx)
            return ["%s = %s" % (g.c([x, t.split(".")[-1]]), t)]
        if k == "chain":
            z = g.cname(ctx)
            return ["%s = %s = %s" % (x, y, g.tgt(ctx, z) if self.acyclic else z)]
        if k == "tuple":
            return ["%s, %s = %s, %s" % (x, y, y, x)]
        if k == "call":
            return ["%s = %s()" % (x, g.c([x, y, "declarative_base", "ndb.Model"]))]
        if k == "annot":
            return ["%s: %s = %s" % (x, y, y)]
        if k == "base_self":          # a model whose base is an alias of itself
            x = g.cname(ctx)
            ctx.models.append(x)
            self.models.append((ctx.module, x))
            return ["%s = %s" % (y, x), "class %s(%s):" % (x, y), "    pass"]
        if k == "all":
            names = [g.cname(ctx) for _ in range(g.n(0, 3))] + ctx.classes[:2]
            return ["__all__ = [%s]" % ", ".join(repr(n) for n in names)]
        if k == "all_add":
            return ["__all__ += [%r]" % x]
        return ["if (%s := %s): pass" % (x, y)]

    def polymodel(self, ctx):
        g = self
        root = g.c(["Root", g.cname(ctx)])
        out = ["from google.appengine.ext.ndb import polymodel" if g.p(0.7) else
               "from google.appengine.ext.db import polymodel",
               "class %s(polymodel.PolyModel):" % root]
        if g.p(0.4):
            out += ["    @classmethod", "    def _get_kind(cls):",
                    "        return " + g.odd_kind(ctx, root)]
        else:
            out.append("    pass")
        prev = root
        names = [root]
        for _ in range(g.n(1, 3)):
            nm = g.c(["Child", "Leaf", root, prev, g.cname(ctx)])
            if self.avoid and nm in names:
                continue
            out += ["class %s(%s):" % (nm, g.c([prev, root, prev + ", " + root])), "    pass"]
            names.append(nm)
            prev = nm
        for nm in names:
            ctx.classes.append(nm)
            ctx.models.append(nm)
            self.models.append((ctx.module, nm))
        return out

    def same_kind(self, ctx):
        g = self
        api = g.c(ctx.apis) if ctx.apis else "ndb"
        kind = g.odd_kind(ctx, "K")
        out = []
        used = []
        for _ in range(2):
            nm = g.cname(ctx)
            if self.avoid and nm in used:
                nm = nm + "2"
            used.append(nm)
            out += ["class %s(%s.Model):" % (nm, api), "    @classmethod",
                    "    def _get_kind(cls):", "        return " + kind]
            ctx.classes.append(nm)
            ctx.models.append(nm)
            self.models.append((ctx.module, nm))
        return out

    def returns(self, ctx):
        """Functions and methods whose returns lead to one another (or to themselves), and
        accesses through what they return."""
        g = self
        f1, f2 = g.c(["info_key", "f", "get_it", "load"]), g.c(["key_of", "g", "helper", "load"])
        m = g.model_ref(ctx)
        out = ["def %s(x=None):" % f1,
               "    return %s" % g.c(["%s(x)" % f2, "%s(x)" % f1, "%s.get_by_id(x)" % m,
                                      "ndb.Key(%s, x)" % m, "x or %s(x)" % f1,
                                      "%s(x) if x else %s()" % (f2, m), "[%s(), %s(x)]" % (m, f1)]),
               "def %s(x=None):" % f2,
               "    return %s" % g.c(["%s(x)" % f1, "%s(x).key" % f1, "%s.query()" % m,
                                      "%s(x).get()" % f1, "x"]),
               "def use%d(b):" % g.n(0, 9)]
        # e = e.key.get(): a rebinding through itself (fresh names with --avoid alias-cycle:
        # a broken line above can lift a function's body to module level)
        e2, u2, d2, x2 = (g.tgt(ctx, n) for n in ("e", "u", "d", "xs"))
        out += ["    " + l for l in g.c([
            ["k = %s(b)" % f1, "k.get()", "k.delete()"],
            ["%s(b).put()" % f1, "%s(b).key.delete()" % f2],
            ["e = %s(b)" % f2, "%s = e.key.get()" % e2, "%s.%s = 1" % (e2, g.c(FIELD_NAMES)),
             "%s.put()" % e2],
            ["for cls in [%s, %s, cls]:" % (m, g.model_ref(ctx)), "    cls.query()",
             "    cls(x=1).put()"],
            ["xs = [%s(e) for e in %s(b)]" % (f1, f2), "ndb.put_multi(xs + xs)",
             "ndb.delete_multi(e.key for e in xs)"],
            ["%s = {'a': %s(), 'b': d}" % (d2, m), "%s['a'].put()" % d2, "%s['b'].put()" % d2],
            ["%s = e or %s()" % (e2, m), "%s = %s() if b else e" % (e2, m), "%s.put()" % e2],
            ["%s = u.parent.get()" % u2, "%s.owner.get().put()" % u2, "%s.put()" % u2],
            ["%s = []" % x2, "%s.append(%s)" % (x2, x2), "%s.append(%s())" % (x2, m),
             "ndb.put_multi(%s)" % x2],
            ["super(%s, self).put()" % m, "self.%s().put()" % f1, "cls(name=1).put()"],
            ["[e.put() for e in e]", "(x.key for x in %s.query())" % m]])]
        if g.p(0.5):          # a model whose methods return one another and key properties
            a, b = g.cname(ctx), g.cname(ctx)
            api = g.c(ctx.apis or ["ndb"])
            base = g.c(ctx.bases) if ctx.bases else "ndb.Model"
            out += ["class %s(%s):" % (a, base),
                    "    %s_key = %s.KeyProperty(kind=%r)" % (b.lower(), api, b),
                    "    me = %s.KeyProperty(kind=%s)" % (api, g.c([repr(a), a, "'self'"])),
                    "    def mine(self):", "        return self.mine()",
                    "    def other(self):", "        return self.%s_key.get().other()" % b.lower(),
                    "    def touch(self):", "        self.mine().put()",
                    "        self.me.get().me.get().put()",
                    "        self.other().%s_key.delete()" % b.lower()]
            ctx.classes.append(a)
            ctx.models.append(a)
            self.models.append((ctx.module, a))
        return out

    def broken(self, ctx):
        g = self
        return g.c([["class (", "    pass"], ["def f(:", "  x"], ["x = 'unterminated"],
                    ["  indented = 1"], ["class M(ndb.Model)", "    pass"],
                    ["print 'py2'"], ["exec 'x = 1'"], ["async def f():", "    await x"],
                    ["match x:", "    case 1: pass"], ["class M(ndb.Model):"],
                    ["@", "class X: pass"], ["from import x"], ["from . import"],
                    ["import"], ["class %s(%s" % (g.cname(ctx), g.model_ref(ctx))],
                    ["lambda: (yield)"], ["\t  mixed = 1", "        x = 2"],
                    ["# cutline: ignore[", "import a"], ["# cutline: ignore[foreign-write] r",
                                                         "M().put()"]])

    def file_text(self, dotted, rel):
        g = self
        is_init = rel.endswith("__init__.py")
        package = dotted if is_init else dotted.rpartition(".")[0]
        ctx = Ctx(dotted, package, is_init, g.py2)
        r = g.rng.random()
        if r < 0.08:
            return ""
        if r < 0.1:
            return g.c(["\n", "# comment only\n", "\ufeff", "\x00\x01", "pass"])
        lines = []
        if g.p(0.05):
            lines.append("# -*- coding: utf-8 -*-")
        if g.p(0.1):
            lines.append("from __future__ import absolute_import")
        lines += g.api_imports(ctx)
        for _ in range(g.n(1, 7)):
            k = g.c(["class", "class", "class", "redef", "redef", "alias", "alias", "import",
                     "import", "func", "access", "poly", "kind", "nested_same", "broken",
                     "like_module", "string", "base_cycle", "returns", "returns"])
            if k == "class":
                lines += g.class_def(ctx, 0, 0)
            elif k == "redef":
                lines += g.redefinition(ctx)
            elif k == "alias":
                lines += g.aliases(ctx)
            elif k == "import":
                lines += g.proj_import(ctx)
            elif k == "func":
                lines += g.func_def(ctx, 0, 0)
            elif k == "access":
                lines += g.access(ctx, 0)
            elif k == "poly":
                lines += g.polymodel(ctx)
            elif k == "kind":
                lines += g.same_kind(ctx)
            elif k == "nested_same":
                # the same name at every level: class M: class M(...): def M(): class M
                nm = g.cname(ctx)
                b = g.c(ctx.bases) if ctx.bases else "ndb.Model"
                lines += ["class %s(%s):" % (nm, b),
                          "    class %s(%s):" % (nm, b),
                          "        def %s(self):" % nm,
                          "            class %s(%s):" % (nm, b),
                          "                pass",
                          "            return %s.query()" % nm,
                          "    def %s(self):" % nm,
                          "        class %s(%s): pass" % (nm, b),
                          "        %s(x=1).put()" % nm]
                if not self.avoid and g.p(0.3):
                    lines += ["    class %s(%s): pass" % (nm, b)]
                ctx.classes.append(nm)
                ctx.models.append(nm)
                self.models.append((ctx.module, nm))
            elif k == "returns":
                lines += g.returns(ctx)
            elif k == "base_cycle":
                # bases that lead back to the class: A(B, Model), B(A), also across modules
                if self.bases_acyclic:
                    continue
                a, b = g.cname(ctx), g.cname(ctx)
                base = g.c(ctx.bases) if ctx.bases else "ndb.Model"
                other = [m for m in self.models if m[0] != dotted]
                if other and g.p(0.4):
                    mod, cls = g.c(other)
                    b = mod + "." + cls
                    lines.append("import " + mod)
                fan = g.n(1, 2)
                lines += ["class %s(%s, %s):" % (a, ", ".join([b] * fan), base),
                          "    %s = %s.StringProperty()" % (g.c(FIELD_NAMES), g.c(ctx.apis or ["ndb"]))]
                if "." not in b:
                    lines += ["class %s(%s): pass" % (b, ", ".join([a] * fan))]
                lines += ["def touch(u):", "    u.%s = 1" % g.c(FIELD_NAMES), "    u.put()"]
                ctx.classes.append(a)
                ctx.models.append(a)
                self.models.append((ctx.module, a))
            elif k == "broken":
                lines += g.broken(ctx)
            elif k == "like_module":
                # class b in a/__init__.py holding X, beside module a/b.py defining X
                subs = [d.rsplit(".", 1)[1] for d, _ in self.modules
                        if d.rpartition(".")[0] == (dotted if is_init else package) and "." in d]
                nm = g.c(subs) if subs else dotted.split(".")[-1]
                b = g.c(ctx.bases) if ctx.bases else "ndb.Model"
                inner = g.c(["M", "B", "X", nm, "User"])
                lines += ["class %s(%s):" % (nm, g.c([b, "object"])),
                          "    class %s(%s):" % (inner, b), "        pass"]
                ctx.classes.append(nm)
                self.models.append((ctx.module, nm))
            else:
                lines.append(repr(g.c([d for d, _ in self.modules] or ["a.b"]) + "." +
                                  g.cname(ctx)))
        if g.p(0.1):
            lines.append("# cutline: ignore[%s] %s" % (g.c(["foreign-write", "x", ""]),
                                                        g.c(["reason", ""])))
        eol = "\r\n" if g.p(0.03) else "\n"
        text = eol.join(lines) + (eol if g.p(0.95) else "")
        return text

    # --- the config ------------------------------------------------------------------------------
    def config(self, py, roots):
        g = self
        out = ["[project]", 'name = "sweep"',
               "roots = [%s]" % ", ".join('"%s"' % r for r in roots),
               'python = "%s"' % py]
        if g.p(0.2):
            out.append('third_party = ["google", "django", "sqlalchemy"]')
        if g.p(0.1):
            out.append('tests = ["**/tests/**", "**/x.py"]')
        if g.p(0.1):
            out.append('exclude = ["**/util.py"]')
        if g.p(0.1):
            out.append('python_overrides = { "**/m.py" = "%s" }' % g.c(["2", "3"]))
        if self.follow:
            out.append("follow_links = [%s]" % ", ".join('"%s"' % f for f in self.follow))
        if g.p(0.1):
            out.append("implicit_init = %s" % g.c(["true", "false", '["**"]', '["src/**"]',
                                                   '["*"]']))
        if g.p(0.1) and self.models:
            mod, cls = g.c(self.models)
            out += ["", "[data]", 'model_bases = ["%s.%s"]' % (mod, cls)]
        return "\n".join(out) + "\n"

    def services_toml(self, modules, models):
        """Services over the modules the scan found (so that their patterns match), with
        owns, reads, layers, contracts and ignores; its own random stream, so that the
        tree stays the same whatever the binary answers. Returns (before, after) the
        [project] table: layers must come first."""
        g = Gen.__new__(Gen)
        g.rng = random.Random(self.seed * 7919 + 17)
        tops = []
        for m in modules:
            top = m.split(".")[0]
            if top not in tops:
                tops.append(top)
        self.services = []
        if not tops or not g.p(0.7):
            return "", ""
        g.rng.shuffle(tops)
        k = g.n(1, min(4, len(tops)))
        groups = [[] for _ in range(k)]
        for i, t in enumerate(tops):
            groups[i % k].append(t)
        layers = ["l%d" % i for i in range(g.n(1, 3))] if g.p(0.3) else []
        out = []
        owned = set()
        for i, grp in enumerate(groups):
            name = "s%d" % i
            self.services.append(name)
            pats = ['"%s"' % t if t in modules and g.p(0.2) else '"%s.**"' % t for t in grp]
            out += ["", "[[service]]", 'name = "%s"' % name, "modules = [%s]" % ", ".join(pats)]
            if g.p(0.4):
                deps = [x for x in self.services[:-1] if g.p(0.5)]
                out.append("depends_on = [%s]" % ", ".join('"%s"' % x for x in deps))
            if models and g.p(0.3):
                m = g.c(models)
                if m not in owned:
                    owned.add(m)
                    out.append('owns = ["%s"]' % m)
            if models and g.p(0.2):
                out.append('reads = ["%s"]' % g.c(models + ["*"]))
            if layers:
                out.append('layer = "%s"' % g.c(layers))
            if g.p(0.2):
                inside = [m for m in modules if m.split(".")[0] in grp]
                deeper = [m for m in inside if "." in m]
                out.append(g.c(['public = ["%s"]' % g.c(inside)] +
                               (['private = ["%s"]' % g.c(deeper)] if deeper else [])))
        if len(tops) > 1 and g.p(0.2):
            out += ["", "[[contract]]", 'name = "c"', 'type = "%s"' % g.c(["independence", "acyclic"]),
                    "modules = [%s]" % ", ".join('"%s"' % t for t in tops[:3])]
        if len(tops) > 1 and g.p(0.1):
            out += ["", "[[contract]]", 'name = "f"', 'type = "forbidden"',
                    'source_modules = ["%s.**"]' % tops[0],
                    'forbidden_modules = ["%s.**"]' % tops[1]]
        if g.p(0.1):
            out += ["", "[[ignore]]", 'from = "%s.**"' % tops[0], 'to = "*"', 'reason = "r"']
        if g.p(0.2):
            out += ["", "[rules]", 'late = "%s"' % g.c(["warn", "off", "error"]),
                    'foreign-read = "error"', 'module-cycle = "%s"' % g.c(["warn", "error"])]
        before = "layers = [%s]\n" % ", ".join('"%s"' % l for l in layers) if layers else ""
        self.moves = []
        for _ in range(g.n(1, 2)):
            x = g.c(modules) if g.p(0.6) else g.c(tops) + ".**"
            self.moves += ["--move", "%s=%s" % (x, g.c(self.services))]
        return before, "\n".join(out) + "\n"

    def build(self):
        py, roots = self.layout()
        self.modules += self.pending
        for dotted, rel in list(self.modules):
            if self.files.get(rel) is None:
                self.files[rel] = self.file_text(dotted, rel)
        for rel in self.files:
            if self.files[rel] is None:
                self.files[rel] = ""
        return self.config(py, roots)


# --- running ---------------------------------------------------------------------------------
def write_tree(top, gen, config):
    for r in gen.roots:
        os.makedirs(os.path.join(top, r), exist_ok=True)
    with open(os.path.join(top, "boundaries.toml"), "w", encoding="utf-8") as f:
        f.write(config)
    for rel, text in gen.files.items():
        path = os.path.join(top, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        data = text.encode("utf-8", "surrogateescape") if isinstance(text, str) else text
        bpath = os.fsencode(path)
        with open(bpath, "wb") as f:
            f.write(data)
    for rel, target in gen.links:
        path = os.path.join(top, rel)
        os.makedirs(os.path.dirname(path) or top, exist_ok=True)
        if not os.path.lexists(path):
            os.symlink(target, path)


def mutate(top, gen):
    """An edit the incremental paths must follow: lines moved, a class added or rebased, a
    file gone, renamed, copied or only touched, a new link, the Python version flipped.
    Returns what it did and the path it touched (or None)."""
    g = gen
    paths = [rel for rel, t in gen.files.items()
             if rel.endswith(".py") and isinstance(t, str) and "\udcff" not in rel and
             os.path.isfile(os.path.join(top, rel)) and not os.path.islink(os.path.join(top, rel))]
    if not paths:
        return "nothing", None
    rel = g.c(paths)
    path = os.path.join(top, rel)
    k = g.c(["move", "move", "append", "append", "append", "remove", "rebase", "empty",
             "touch", "rename", "copy", "link", "python", "add"])
    with open(path, "rb") as f:
        data = f.read()
    if k == "move":
        data = b"\n\n# moved\n" + data
    elif k == "append":
        extra = g.c([
            "\nclass M(ndb.Model): pass\n", "\nclass B(ndb.Model):\n    x = ndb.StringProperty()\n",
            "\nM = M\n" if not g.acyclic else "\nA0 = M\n", "\nfrom . import *\n",
            "\nclass M(object): pass\n", "\nM(x=1).put()\nndb.Key(M, 1).get()\n", "\nclass (\n",
            "\ndef f(u):\n    u.name = 1\n    u.put()\n", "\n__all__ = ['M']\n",
            "\nfrom google.appengine.ext import ndb\nclass %s(ndb.Model): pass\n" % g.cname()])
        if g.avoid and "(ndb.Model)" in extra:
            extra = "\nclass Edited(ndb.Model): pass\n"
        data += extra.encode()
    elif k == "remove":
        os.unlink(path)
        return "removed " + rel, rel
    elif k == "rebase":
        for a, b in [(b"ndb.Model", b"object"), (b"(object)", b"(ndb.Model)"),
                     (b"polymodel.PolyModel", b"ndb.Model"), (b"'K'", b"'L'")]:
            if a in data:
                data = data.replace(a, b, 1)
                break
    elif k == "touch":
        st = os.stat(path)
        os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 1000000007))
        return "touched " + rel, rel
    elif k == "rename":
        new = os.path.join(os.path.dirname(rel), g.c(["renamed", "b", "m", "models"]) + ".py")
        if not os.path.lexists(os.path.join(top, new)):
            os.rename(path, os.path.join(top, new))
            return "renamed %s to %s" % (rel, new), new
        return "nothing", None
    elif k == "copy":
        new = os.path.join(os.path.dirname(rel), g.c(["copy", "x", "base"]) + ".py")
        if not os.path.lexists(os.path.join(top, new)):
            shutil.copyfile(path, os.path.join(top, new))
            return "copied %s to %s" % (rel, new), new
        return "nothing", None
    elif k == "link":
        d = os.path.dirname(rel)
        new = os.path.join(d, g.c(["again", "b", "m"]))
        if not os.path.lexists(os.path.join(top, new)):
            os.symlink(g.c([".", ".."]) if d else ".", os.path.join(top, new))
            return "linked %s" % new, None
        return "nothing", None
    elif k == "python":
        cfg = os.path.join(top, "boundaries.toml")
        with open(cfg, encoding="utf-8") as f:
            text = f.read()
        flip = text.replace('python = "2', 'python = "X').replace('python = "3', 'python = "2')
        with open(cfg, "w", encoding="utf-8") as f:
            f.write(flip.replace('python = "X', 'python = "3'))
        return "flipped python", None
    elif k == "add":
        new = os.path.join(os.path.dirname(rel), "added.py")
        with open(os.path.join(top, new), "w", encoding="utf-8") as f:
            f.write("from google.appengine.ext import ndb\nfrom . import *\n"
                    "class Added(ndb.Model):\n    name = ndb.StringProperty()\n"
                    "def f(u):\n    u.name = 1\n    u.put()\n    Added(x=1).put()\n")
        return "added " + new, new
    else:
        data = b""
    with open(path, "wb") as f:
        f.write(data)
    return "%s %s" % (k, rel), rel


def run(bin_, args, cwd, timeout, env, mem_mb=0):
    cmd = [bin_] + args
    if mem_mb:            # a blow-up fails the seed instead of the machine
        cmd = ["sh", "-c", 'ulimit -v %d && exec "$0" "$@"' % (mem_mb * 1024)] + cmd
    t0 = time.monotonic()
    try:
        p = subprocess.run(cmd, cwd=cwd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, timeout=timeout, env=env)
        out = p.stdout.decode("utf-8", "replace")
        err = p.stderr.decode("utf-8", "replace")
        rc = p.returncode
    except subprocess.TimeoutExpired as e:
        out = (e.stdout or b"").decode("utf-8", "replace")
        err = (e.stderr or b"").decode("utf-8", "replace")
        rc = "timeout"
    return rc, out, err, time.monotonic() - t0


def bad(rc, out, err):
    if rc == "timeout":
        return "timeout"
    if rc < 0 or rc >= 3:
        return "exit %d" % rc
    for m in MARKERS:
        if m in out or m in err:
            return "output holds %r" % m
    return None


def headline(lines):
    """The line that says most: a sanitizer's, an error, else the first."""
    for want in [lambda l: any(m in l for m in MARKERS), lambda l: "error:" in l,
                 lambda l: "error" in l.lower() and "warning:" not in l, lambda l: True]:
        hit = [l for l in lines if want(l)]
        if hit:
            return hit[:1]
    return []


def sweep_one(seed, opts):
    try:
        return sweep_seed(seed, opts)
    except Exception as e:          # a bug of the sweep itself still fails the seed
        return "FAIL seed %d: the sweep itself, %s: %s" % (seed, type(e).__name__, e)


def sweep_seed(seed, opts):
    gen = Gen(seed, opts.avoid)
    config = gen.build()
    shm = "/dev/shm" if os.access("/dev/shm", os.W_OK) else None   # no disk for the stores
    top = tempfile.mkdtemp(prefix="factsweep-%d-" % seed, dir=shm)
    env = dict(os.environ)
    env.setdefault("ASAN_OPTIONS", "detect_leaks=1:abort_on_error=0:exitcode=99")
    if opts.mem_mb and "hard_rss_limit_mb" not in env["ASAN_OPTIONS"]:
        env["ASAN_OPTIONS"] += ":hard_rss_limit_mb=%d" % opts.mem_mb
    env.setdefault("UBSAN_OPTIONS", "print_stacktrace=1:halt_on_error=1")
    env.pop("GITHUB_STEP_SUMMARY", None)
    env["NO_COLOR"] = "1"
    env["CUTLINE_NO_COLOR"] = "1"
    log = []
    failure = None
    pristine = None
    try:
        write_tree(top, gen, config)
        cmds = [["scan"], ("services",), ["check"],
                ["models", "--format", gen.c(["table", "json"])],
                ["graph", "--data"], ["propose"], ("whatif",)]
        if gen.p(0.15):
            cmds.append(("report",))
        if gen.p(0.15):
            cmds += [["baseline", "write"], ["check", "--baseline", ".cutline-baseline.json"]]
        if gen.p(0.1):
            cmds.append(["graph", "--format", gen.c(["dot", "mermaid", "json"]), "--external",
                         "--level", gen.c(["module", "package", "package:2"])])
        if gen.p(0.1):
            cmds.append(["explain", gen.c(gen.modules or [("a", "")])[0],
                         gen.c(gen.modules or [("b", "")])[0]])
        if opts.contracts:      # the drafts cutline writes must be configs check accepts
            cmds += [["propose", "--emit-toml", "draft.toml", "--force"],
                     ["check", "--config", "draft.toml", "-q"],
                     ["init", "-o", "init.toml", "--force"],
                     ["check", "--config", "init.toml", "-q"]]
        cmds += [("mutate",), ["scan"], ["check", "--format", gen.c(["text", "json", "sarif",
                                                                     "github", "junit"])]]
        if gen.p(0.5):
            cmds += [("mutate",), ("check-files",), ["models"]]
        if gen.p(0.2):
            cmds += [["scan", "--force"]]
        if opts.keep:
            pristine = tempfile.mkdtemp(prefix="factsweep-before-%d-" % seed, dir=shm)
            shutil.rmtree(pristine)
            shutil.copytree(top, pristine, symlinks=True)
        edited = None
        prev_rc = None
        for args in cmds:
            if args == ("mutate",):
                what, touched = mutate(top, gen)
                edited = touched or edited
                log.append("# edit: %s" % what)
                continue
            if args == ("check-files",):
                args = ["check", "--files", edited or "boundaries.toml"]
            if args == ("services",):     # services over the modules the scan found
                found = []
                for sel in ("modules WHERE file_id IS NOT NULL AND importable", "models"):
                    rc, out, err, dt = run(opts.bin, ["sql", "SELECT name FROM %s ORDER BY name"
                                                      % sel, "--format", "csv",
                                                      "--no-refresh"], top, opts.timeout, env)
                    found.append(out.splitlines()[1:] if rc == 0 else [])
                head, tail = gen.services_toml(*found)
                if tail:
                    with open(os.path.join(top, "boundaries.toml"), "w", encoding="utf-8") as f:
                        f.write(head + config + tail)
                    log.append("# services: %s" % " ".join(gen.services))
                continue
            if args == ("whatif",):
                if not gen.services:
                    continue
                args = ["whatif"] + gen.moves
            if args == ("report",):         # needs services too
                if not gen.services:
                    continue
                args = ["report", "--format", "md", "-o", "report.md"]
            rc, out, err, dt = run(opts.bin, list(args), top, opts.timeout, env,
                                   0 if opts.asan else opts.mem_mb)
            line = "cutline " + " ".join(args)
            log.append("%s  [exit %s, %.2f s]" % (line, rc, dt))
            why = bad(rc, out, err)
            if not why and args[:2] == ["check", "--config"] and rc == 2 and \
                    prev_rc == 0:       # a draft that cutline wrote itself is rejected
                why = "exit 2 on the %s cutline wrote" % args[2]
            if not why and args[:3] == ["check", "--config", "init.toml"] and rc == 1 and \
                    prev_rc == 0:       # init promises a check that passes on day one
                why = "exit 1 on the init.toml cutline wrote"
            prev_rc = rc
            if opts.verbose:
                first = (headline(err.strip().splitlines()) or [""])[0][:160]
                sys.stderr.write("seed %d: %s -> %s %.3f %s\n" % (seed, line, rc, dt, first))
            if why:
                failure = (line, why, rc, out, err)
                break
        if failure and opts.keep:
            dest = os.path.join(opts.keep, "seed-%d" % seed)
            if os.path.exists(dest):
                shutil.rmtree(dest)
            shutil.copytree(top, dest, symlinks=True, ignore=shutil.ignore_patterns(".cutline"))
            if any(l.startswith("# edit") for l in log):      # the tree before the edits too
                if os.path.exists(dest + ".before"):
                    shutil.rmtree(dest + ".before")
                shutil.copytree(pristine, dest + ".before", symlinks=True)
            line, why, rc, out, err = failure
            with open(dest + ".out", "w", encoding="utf-8") as f:
                f.write("\n".join(log) + "\n\n$ %s\n[exit %s]\n--- stdout\n%s\n--- stderr\n%s\n"
                        % (line, rc, out, err))
    finally:
        shutil.rmtree(top, ignore_errors=True)
        if pristine:
            shutil.rmtree(pristine, ignore_errors=True)
    if not failure:
        return "ok seed %d" % seed
    line, why, rc, out, err = failure
    text = (err.strip() or out.strip()).splitlines()
    first = headline(text)
    msg = "FAIL seed %d: %s, %s, %s" % (seed, line, why, first[0] if first else "(no output)")
    rest = [l for l in text if l not in first][:5]
    return "\n".join([msg] + ["    " + l for l in rest])


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("bin")
    ap.add_argument("--seeds", type=int, default=200)
    ap.add_argument("--start", type=int, default=1)
    ap.add_argument("--keep", metavar="DIR")
    ap.add_argument("-j", "--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--timeout", type=float, default=20.0)
    ap.add_argument("--avoid", action="append", default=[], choices=["dup-model", "alias-cycle", "base-cycle"])
    ap.add_argument("--contracts", action="store_true",
                    help="also fail when check rejects the draft of propose --emit-toml "
                         "(exit 2) or the config of init (exit 1 or 2)")
    ap.add_argument("--mem-mb", type=int, default=2048,
                    help="memory limit of each command (ulimit -v, or ASan's hard_rss_limit_mb)")
    ap.add_argument("--verbose", action="store_true")
    opts = ap.parse_args()
    opts.bin = os.path.abspath(opts.bin)
    if not os.access(opts.bin, os.X_OK):
        print("factsweep: no binary %s" % opts.bin, file=sys.stderr)
        return 2
    with open(opts.bin, "rb") as f:     # ASan reserves terabytes: no ulimit -v for it
        opts.asan = b"__asan_init" in f.read()
    if opts.keep:
        opts.keep = os.path.abspath(opts.keep)
        os.makedirs(opts.keep, exist_ok=True)
    t0 = time.monotonic()
    failed = 0
    seeds = range(opts.start, opts.start + opts.seeds)
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, opts.jobs)) as ex:
        for res in ex.map(lambda s: sweep_one(s, opts), seeds):
            failed += res.startswith("FAIL ")
            print(res, flush=True)
    print("factsweep: %d seeds from %d, %d failed, in %.1f s"
          % (opts.seeds, opts.start, failed, time.monotonic() - t0))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
