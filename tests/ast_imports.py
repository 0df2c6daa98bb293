#!/usr/bin/env python
# Oracle for cutline's differential test: lists every import statement that
# CPython's own `ast` finds in the *.py files under each ROOT, one
# tab-separated line each (see difftest.py). Runs on Python 2.7 and 3.6+.
import ast
import os
import sys
import warnings

PY3 = sys.version_info[0] >= 3


def enc(s):
    """Any text (str/unicode/bytes) -> bytes, for byte-exact output."""
    if isinstance(s, bytes):
        return s
    return s.encode('utf-8', 'surrogateescape' if PY3 else 'replace')


def one_line(s):
    return b' '.join(enc(s).replace(b'\t', b' ').split(b'\n')).replace(b'\r', b' ')


def files_under(root):
    """(relative path, full path) of every *.py file under root, as bytes."""
    if os.path.isfile(root):
        return [(os.path.basename(root), root)]
    out = []
    for dirpath, _, filenames in os.walk(root):  # never follows dir symlinks
        for name in filenames:
            if name.endswith(b'.py'):
                full = os.path.join(dirpath, name)
                rel = os.path.relpath(full, root).replace(enc(os.sep), b'/')
                out.append((rel, full))
    return out


def imports(tree):
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            kind, level, module = b'import', 0, b''
        elif isinstance(node, ast.ImportFrom):
            kind, level, module = b'from', node.level or 0, enc(node.module or '')
        else:
            continue
        names = b','.join(enc(a.name) + (b':' + enc(a.asname) if a.asname else b'')
                          for a in node.names)
        yield (node.lineno, node.col_offset,
               b'\t'.join([kind, enc(str(level)), module, names]))


def describe(e):
    try:
        if isinstance(e, SyntaxError) and e.lineno:
            return '%s: %s (line %s)' % (type(e).__name__, e.msg, e.lineno)
        if isinstance(e, SyntaxError):
            return '%s: %s' % (type(e).__name__, e.msg)
        return '%s: %s' % (type(e).__name__, e)
    except Exception:  # py2: unprintable unicode message
        return type(e).__name__


def main(roots):
    warnings.simplefilter('ignore')  # e.g. SyntaxWarning for bad escapes on 3.12+
    out = getattr(sys.stdout, 'buffer', sys.stdout)
    entries = []
    for root in roots:
        root = os.fsencode(root) if PY3 else root
        if not os.path.exists(root):
            sys.exit('ast_imports.py: no such file or directory: %r' % root)
        entries.extend(files_under(root))
    for rel, full in sorted(entries):
        try:
            with open(full, 'rb') as f:
                source = f.read()
            name = full.decode('utf-8', 'replace') if PY3 else full
            tree = compile(source, name, 'exec', ast.PyCF_ONLY_AST,
                           True)  # dont_inherit: no __future__ flags leak in
        except Exception as e:  # SyntaxError, ValueError/TypeError (NUL bytes), IOError, ...
            out.write(b'#skip\t' + rel + b'\t' + one_line(describe(e)) + b'\n')
            continue
        for line, col, rest in sorted(imports(tree)):
            out.write(b'\t'.join([rel, enc(str(line)), enc(str(col)), rest]) + b'\n')
    out.flush()


if __name__ == '__main__':
    if len(sys.argv) < 2:
        sys.stderr.write('usage: ast_imports.py ROOT [ROOT...]\n')
        sys.exit(2)
    main(sys.argv[1:])
