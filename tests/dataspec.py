#!/usr/bin/env python3
"""dataspec.py — checks cutline's data graph against the annotated fixtures in testdata/data
(format: testdata/data/README.md). Every annotated model and access must be found, and
everything found must be annotated. Prints one "ok"/"FAIL" line per check, with the
differences, for tests/run.sh.

usage: dataspec.py CUTLINE [FIXTURE_DIR]"""
import json
import os
import re
import subprocess
import sys
import tempfile

CLASS = re.compile(r'^\s*class\s+([A-Za-z_][A-Za-z0-9_]*)')
DEF = re.compile(r'^(\s*)(?:async\s+)?(?:class|def)\s+([A-Za-z_][A-Za-z0-9_]*)')
MODEL = re.compile(r'#\s*model\s+(\S+)(\s+abstract)?\s*$')
DATA = re.compile(r'#\s*data:\s*(.*)$')


def module_of(rel):
    mod = rel[:-3].replace('/', '.')
    return mod[:-9] if mod.endswith('.__init__') else mod


def expected(top):
    models, accesses = set(), set()
    for dirpath, _, files in os.walk(top):
        for name in sorted(files):
            if not name.endswith('.py'):
                continue
            path = os.path.join(dirpath, name)
            rel = os.path.relpath(path, top)
            with open(path, encoding='utf-8') as f:
                scopes = []                  # (indent, name) of the classes and defs around
                for no, line in enumerate(f, 1):
                    head = DEF.match(line)
                    if head:
                        indent = len(head.group(1))
                        while scopes and scopes[-1][0] >= indent:
                            scopes.pop()
                    m = CLASS.match(line)
                    mm = MODEL.search(line)
                    if m and mm:             # a nested class is named by what is around it
                        outer = ''.join(n + '.' for _, n in scopes)
                        models.add((module_of(rel) + '.' + outer + m.group(1), mm.group(1),
                                    bool(mm.group(2))))
                    if head:
                        scopes.append((indent, head.group(2)))
                    d = DATA.search(line)
                    if not d:
                        continue
                    for entry in d.group(1).split(' ; '):
                        words = entry.split()
                        inferred = words[-1] == 'inferred'
                        op, target = words[0], words[1]
                        accesses.add((rel, no, op, target, inferred))
    return models, accesses


def sql(cutline, db, cwd, query):
    out = subprocess.run([cutline, 'sql', '--db', db, '--format', 'json', query], cwd=cwd,
                         capture_output=True, text=True, check=True).stdout
    return json.loads(out)


def found(cutline, top):
    with tempfile.TemporaryDirectory() as tmp:
        db = os.path.join(tmp, 'graph.db')
        scan = subprocess.run([cutline, 'scan', '--db', db, '--no-progress'], cwd=top,
                              capture_output=True, text=True)
        if scan.returncode != 0:
            print('FAIL scan: ' + scan.stderr.strip())
            sys.exit(1)
        models = {(r['name'], r['kind'], bool(r['abstract']))
                  for r in sql(cutline, db, top, 'SELECT name, kind, abstract FROM models')}
        rows = sql(cutline, db, top, 'SELECT path, line, op, model, kind, confidence '
                   'FROM data_access')
    accesses = set()
    for r in rows:
        if r['model']:
            target = r['model']
        elif r['confidence'] == 'unknown':
            target = '?'
        else:
            target = 'kind:' + r['kind']
        accesses.add((r['path'], r['line'], r['op'], target, r['confidence'] == 'inferred'))
    return models, accesses


def report(title, want, got):
    missing, extra = sorted(want - got), sorted(got - want)
    if not missing and not extra:
        print('ok   %s (%d)' % (title, len(want)))
        return
    print('FAIL %s: %d missing, %d not expected' % (title, len(missing), len(extra)))
    for x in missing:
        print('     missing:      %s' % (x,))
    for x in extra:
        print('     not expected: %s' % (x,))


def main():
    cutline = os.path.abspath(sys.argv[1])
    top = os.path.abspath(sys.argv[2] if len(sys.argv) > 2 else 'testdata/data')
    want_models, want_acc = expected(top)
    got_models, got_acc = found(cutline, top)
    report('models of the data fixtures', want_models, got_models)
    report('accesses of the data fixtures', want_acc, got_acc)


if __name__ == '__main__':
    main()
