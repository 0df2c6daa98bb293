#!/usr/bin/env python3
# Differential test: compares cutline's import listing (--tool) with the one
# CPython's ast produced (--oracle, from ast_imports.py). Same TSV format:
# PATH LINE COL KIND LEVEL MODULE NAMES, plus "#skip PATH REASON" lines.
import argparse
import collections
import sys


def load(path):
    """-> (Counter of 7-field tuples, {skipped path: reason})."""
    rows, skipped = collections.Counter(), {}
    with open(path, encoding='utf-8', errors='surrogateescape', newline='\n') as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip('\r\n')
            if line.startswith('#skip\t'):
                _, p, reason = (line.split('\t', 2) + [''])[:3]
                skipped[p] = reason
            elif line and not line.startswith('#'):
                fields = tuple(line.split('\t'))
                if len(fields) != 7:
                    sys.exit('%s:%d: expected 7 tab-separated fields: %r' % (path, n, line))
                rows[fields] += 1
    return rows, skipped


def pair(missing, extra, width):
    """Pop (missing, extra) pairs that agree on the first `width` fields."""
    pending = collections.defaultdict(collections.deque)
    for i, e in enumerate(extra):
        pending[e[:width]].append(i)
    pairs, left, used = [], [], set()
    for m in missing:
        if pending[m[:width]]:
            i = pending[m[:width]].popleft()
            used.add(i)
            pairs.append((m, extra[i]))
        else:
            left.append(m)
    missing[:] = left
    extra[:] = [e for i, e in enumerate(extra) if i not in used]
    return pairs


def order(row):
    num = lambda s: (0, int(s), '') if s.lstrip('-').isdigit() else (1, 0, s)
    return (row[0], num(row[1]), num(row[2])) + row[3:]


def explain(missing, extra, tool_skipped, limit=50):
    missing = sorted(missing.elements(), key=order)
    extra = sorted(extra.elements(), key=order)
    same_pos = pair(missing, extra, 3)
    cats = collections.OrderedDict()
    cats['same PATH+LINE+COL, different NAMES'] = [
        p for p in same_pos if p[0][3:6] == p[1][3:6]]
    cats['same PATH+LINE+COL, different KIND/LEVEL/MODULE'] = [
        p for p in same_pos if p[0][3:6] != p[1][3:6]]
    cats['same PATH+LINE, different COL'] = pair(missing, extra, 2)
    cats['missing from tool: file skipped by tool'] = [
        (m, None) for m in missing if m[0] in tool_skipped]
    cats['missing from tool entirely'] = [(m, None) for m in missing if m[0] not in tool_skipped]
    cats['extra in tool entirely'] = [(None, e) for e in extra]
    for name, items in cats.items():
        if not items:
            continue
        print('== %s: %d' % (name, len(items)))
        last = None
        for oracle, tool in items[:limit]:
            if oracle and oracle[0] in tool_skipped and oracle[0] != last:
                last = oracle[0]
                print('  %s: tool skipped it: %s' % (last, tool_skipped[last]))
            if oracle:
                print('  oracle: ' + '\t'.join(oracle))
            if tool:
                print('  tool:   ' + '\t'.join(tool))
        if len(items) > limit:
            print('  ... %d more' % (len(items) - limit))


def main():
    ap = argparse.ArgumentParser(description='Compare cutline imports with CPython ast.')
    ap.add_argument('--oracle', required=True, help='ast_imports.py output')
    ap.add_argument('--tool', required=True, help='cutline output, same format')
    ap.add_argument('--min', type=float, default=99.9, help='required agreement %%')
    ap.add_argument('--explain', action='store_true', help='show disagreements')
    args = ap.parse_args()
    if hasattr(sys.stdout, 'reconfigure'):  # 3.7+; paths need not be UTF-8
        sys.stdout.reconfigure(errors='surrogateescape')

    oracle, oracle_skipped = load(args.oracle)
    tool, tool_skipped = load(args.tool)
    for rows in (oracle, tool):  # files CPython could not parse are out of scope
        for key in [k for k in rows if k[0] in oracle_skipped]:
            del rows[key]
    n_oracle, n_tool = sum(oracle.values()), sum(tool.values())
    matched = sum((oracle & tool).values())
    missing, extra = oracle - tool, tool - oracle
    agreement = 100.0 * matched / max(n_oracle, n_tool) if max(n_oracle, n_tool) else 100.0

    if args.explain:
        explain(missing, extra, tool_skipped)
    print('oracle statements:    %d' % n_oracle)
    print('tool statements:      %d' % n_tool)
    print('matched:              %d' % matched)
    print('missing from tool:    %d' % sum(missing.values()))
    print('extra in tool:        %d' % sum(extra.values()))
    print('oracle skipped files: %d (ignored on both sides)' % len(oracle_skipped))
    print('tool skipped files:   %d' % len(tool_skipped))
    print('agreement: %.3f%% (%d statements)' % (agreement, n_oracle))
    return 0 if round(agreement, 3) >= args.min else 1


if __name__ == '__main__':
    sys.exit(main())
