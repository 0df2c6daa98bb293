#!/usr/bin/env python3
"""gen_services.py — a synthetic monolith of N declared services, for the report at scale
(tests/report_browser.sh, and screenshots by hand). Each service is a package with an ndb
model, an api and a logic module; services import a few lower ones (and, one in seven, a
higher one: cycles), write some of their models (foreign writes), and put() things of no
known model (unknown writes). The same N and seed give the same tree.

usage: gen_services.py N DIR [--seed S]
"""
import os
import random
import sys


def main():
    args = sys.argv[1:]
    seed = 1
    if "--seed" in args:
        i = args.index("--seed")
        seed = int(args[i + 1])
        del args[i:i + 2]
    if len(args) != 2:
        sys.exit(__doc__.strip().splitlines()[-1])
    n, top = int(args[0]), args[1]
    rnd = random.Random(seed)
    names = ["svc%03d" % i for i in range(n)]
    deps = {}
    for i, s in enumerate(names):
        lower = list(range(i))
        k = min(len(lower), rnd.randint(1, 4))
        d = set(rnd.sample(lower, k)) if k else set()
        if i % 7 == 6 and i + 1 < n:
            d.add(rnd.randint(i + 1, n - 1))          # an upward import: a cycle
        deps[s] = sorted(d)
    os.makedirs(top, exist_ok=True)
    for i, s in enumerate(names):
        pkg = os.path.join(top, "app", s)
        os.makedirs(pkg, exist_ok=True)
        open(os.path.join(pkg, "__init__.py"), "w").close()
        cls = "Thing%03d" % i
        with open(os.path.join(pkg, "models.py"), "w") as f:
            f.write("from google.appengine.ext import ndb\n\n\n"
                    "class %s(ndb.Model):\n    name = ndb.StringProperty()\n" % cls)
        with open(os.path.join(pkg, "api.py"), "w") as f:
            f.write("from app.%s.models import %s\n\n\n" % (s, cls))
            f.write("def get_%s(key):\n    return %s.get_by_id(key)\n\n\n" % (s, cls))
            f.write("class Client%03d(object):\n    pass\n" % i)
        with open(os.path.join(pkg, "logic.py"), "w") as f:
            theirs = []                                  # models of others it touches
            for j in deps[s]:
                f.write("from app.%s import api as api%03d\n" % (names[j], j))
                if rnd.random() < 0.3:
                    f.write("from app.%s.models import Thing%03d\n" % (names[j], j))
                    theirs.append(j)
            f.write("from app.%s.models import %s\n\n\n" % (s, cls))
            f.write("def run(key, blob):\n")
            for j in deps[s]:
                f.write("    api%03d.get_%s(key)\n" % (j, names[j]))
            f.write("    %s(name=key).put()\n" % cls)
            for j in theirs:
                if rnd.random() < 0.5:
                    f.write("    Thing%03d(name=key).put()\n" % j)
                f.write("    Thing%03d.query().fetch(10)\n" % j)
            if i % 3 == 0:
                f.write("    blob.put()\n")
            f.write("    return key\n")
    with open(os.path.join(top, "boundaries.toml"), "w") as f:
        f.write('[project]\nname = "synthetic-%d"\nroots = ["."]\npython = "2"\n'
                'third_party = ["google"]\n\n' % n)
        for i, s in enumerate(names):
            declared = [names[j] for j in deps[s] if j < i]     # the cycles' edges undeclared
            f.write('[[service]]\nname = "%s"\nmodules = ["app.%s.**"]\ndepends_on = [%s]\n\n'
                    % (s, s, ", ".join('"%s"' % d for d in declared)))
    open(os.path.join(top, "app", "__init__.py"), "w").close()


if __name__ == "__main__":
    main()
