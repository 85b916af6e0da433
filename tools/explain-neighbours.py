#!/usr/bin/env python3
"""Neighbours of the real explain corpus: each case's text changed in a way
that must not change the answer, and the answers compared.

    python3 tools/explain-neighbours.py [--bin build/ollama-doctor]
        [--corpus tests/explain/real/tune.txt] [--only crlf,fence,...]

For every transform it prints how many answers changed, how many were right
(the case's expect-first) and are now wrong, and the cases that turned
wrong. Not a test (the corpus runs twice per transform: minutes); a
measurement of how far the signatures generalise. explain runs offline,
in an empty network namespace (unshare -rn), as the test runners do.
"""
import argparse
import json
import os
import re
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor


def cases(path):
    """(title, expect-first, text) of every block of a corpus file."""
    out, meta, title, text = [], {}, '', None
    with open(path, encoding='utf-8', errors='surrogateescape') as f:
        for line in f:
            if line.rstrip('\n') == '%%':
                if text is not None:
                    out.append((title, meta.get('expect-first', ''), text))
                meta, title, text = {}, '', None
            elif text is not None:
                text += line
            elif line.rstrip() == 'text:':
                text = ''
            elif line.startswith('#'):
                title = title or line[1:].strip()
            else:
                k, _, v = line.partition(':')
                meta.setdefault(k.strip(), v.strip())
    return out


def each_row(t, fn):
    return ''.join(fn(l) if l.strip() else l for l in t.splitlines(True))


TRANSFORMS = {
    'crlf': lambda t: t.replace('\r\n', '\n').replace('\n', '\r\n'),
    'lan': lambda t: re.sub(r'\b192\.168\.(\d{1,3})\.(\d{1,3})\b',
                            lambda m: '10.%d.%s.%s' % (int(m.group(1)) % 200 + 20, m.group(1), m.group(2)), t),
    'port': lambda t: re.sub(r'(?<![\d.])11434(?!\d)', '11435', t),
    'model': lambda t: re.sub(r'\bllama3(\.[0-9])?(?=[:"\' ])', 'qwen2.5', t),
    'indent': lambda t: each_row(t, lambda l: '    ' + l),
    'fence': lambda t: '```\n' + each_row(t, lambda l: '    ' + l) + '```\n',
    'times': lambda t: each_row(t, lambda l: '[2025-03-04 10:11:12] ' + l),
    'prose': lambda t: 'エラーが出ました。どうすればいいですか？\n\n' + t + '\n请帮忙看看，谢谢。\n',
}


def first_id(binary, text):
    argv = ['unshare', '-rn', binary, 'explain', '--json', '-']
    r = subprocess.run(argv, input=text.encode('utf-8', 'surrogateescape'), capture_output=True, timeout=60)
    try:
        findings = [f for f in json.loads(r.stdout)['findings'] if f['severity'] != 'info']
    except (ValueError, KeyError):
        return '?'
    return findings[0]['id'] if findings else 'none'


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--bin', default='build/ollama-doctor')
    ap.add_argument('--corpus', default='tests/explain/real/tune.txt')
    ap.add_argument('--only', default=','.join(TRANSFORMS))
    ap.add_argument('--jobs', type=int, default=os.cpu_count() or 2)
    a = ap.parse_args()
    cs = cases(a.corpus)
    with ThreadPoolExecutor(a.jobs) as pool:
        base = list(pool.map(lambda c: first_id(a.bin, c[2]), cs))
        for name in a.only.split(','):
            fn = TRANSFORMS[name]
            todo = [i for i, c in enumerate(cs) if fn(c[2]) != c[2]]
            got = dict(zip(todo, pool.map(lambda i: first_id(a.bin, fn(cs[i][2])), todo)))
            changed = [i for i in todo if got[i] != base[i]]
            lost = [i for i in changed if base[i] == cs[i][1]]
            print('%s: %d of %d texts changed, %d answers changed, %d right -> wrong'
                  % (name, len(todo), len(cs), len(changed), len(lost)))
            for i in lost:
                print('    %s (%s -> %s)' % (cs[i][0], base[i], got[i]))
            sys.stdout.flush()


if __name__ == '__main__':
    main()
