#!/usr/bin/env python3
"""Every Markdown rendering in tests/render/expected/ is well-formed as GitHub
shows it: rendered by cmark-gfm (with the table extension), its code fences
are balanced, every <details> is closed, every table row has as many cells
as its header, and the raw JSON block (check and explain reports) parses.
TAP on stdout."""
import glob
import json
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def fences_balanced(md):
    open_len = 0
    for line in md.split("\n"):
        m = re.match(r"^(`{3,})", line)
        if not m:
            continue
        n = len(m.group(1))
        if open_len == 0:
            open_len = n
        elif n >= open_len and line.strip("`") == "":
            open_len = 0
    return open_len == 0


def tables_regular(html):
    for table in re.findall(r"<table>(.*?)</table>", html, re.S):
        head = len(re.findall(r"<th[ >]", table.split("</thead>")[0]))
        for row in re.findall(r"<tr>(.*?)</tr>", table.split("</thead>")[-1], re.S):
            if len(re.findall(r"<td[ >]", row)) != head:
                return False
    return True


def raw_json_ok(md, name):
    if not (name.startswith("check-") or name.startswith("explain-")) or "**Error:**" in md:
        return True  # the small documents, and a report that only carries an error
    m = re.search(r"^```json\n(.*?)^```$", md, re.S | re.M)
    if not m:
        return False
    try:
        json.loads(m.group(1))
    except ValueError:
        return False
    return True


def main():
    files = sorted(glob.glob(os.path.join(HERE, "expected", "*.md")))
    n = 0
    failed = 0
    for path in files:
        name = os.path.basename(path)
        md = open(path, encoding="utf-8").read()
        html = subprocess.run(["cmark-gfm", "--extension", "table", "--unsafe"], input=md.encode(),
                              capture_output=True, check=True).stdout.decode()
        checks = [
            ("code fences balanced", fences_balanced(md)),
            ("<details> closed", html.count("<details>") == html.count("</details>")),
            ("table rows as wide as their header", tables_regular(html)),
            ("raw JSON block parses", raw_json_ok(md, name)),
        ]
        bad = [what for what, ok in checks if not ok]
        n += 1
        if bad:
            failed += 1
            print("not ok %d - %s: %s" % (n, name, ", ".join(bad)))
        else:
            print("ok %d - %s well-formed" % (n, name))
    print("1..%d" % n)
    return 1 if failed or n == 0 else 0


sys.exit(main())
