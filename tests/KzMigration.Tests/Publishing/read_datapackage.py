"""Reads a KzMigration out/ folder as a plain Python user would: only the standard library (json, csv),
only what out/datapackage.json says. Checks the descriptor's shape (Frictionless Data Package v1:
profile, resources with name/path/format/mediatype, tabular resources with a schema), that every
path exists inside the folder, and reads every table: header equal to the schema's field names,
every value empty (missing) or parsing as its field's type. Usage: read_datapackage.py OUT_DIR.
Prints one line per problem and exits 1 if there is any."""
import csv
import json
import math
import os
import re
import sys

out = sys.argv[1]
problems = []
with open(os.path.join(out, "datapackage.json"), encoding="utf-8") as f:
    package = json.load(f)

if package.get("profile") != "data-package":
    problems.append("profile is not data-package")
names = set()
tables = 0
for r in package.get("resources", []):
    for key in ("name", "path", "format", "mediatype"):
        if not isinstance(r.get(key), str) or not r[key]:
            problems.append(f"resource {r.get('name')}: no {key}")
    name, path = r.get("name", ""), r.get("path", "")
    if not re.fullmatch(r"[a-z0-9._/-]+", name) or name in names:
        problems.append(f"resource name {name!r} is not a unique Frictionless name")
    names.add(name)
    if path.startswith("/") or ".." in path.split("/") or not os.path.isfile(os.path.join(out, path)):
        problems.append(f"{name}: path {path!r} is not a file inside the package")
        continue
    if r.get("profile") != "tabular-data-resource":
        continue
    tables += 1
    fields = r["schema"]["fields"]
    missing = r["schema"].get("missingValues", [""])
    # encoding="utf-8", not "utf-8-sig": a BOM would end up in the first column's name.
    with open(os.path.join(out, path), encoding=r.get("encoding", "utf-8"), newline="") as f:
        rows = list(csv.reader(f, delimiter=r["dialect"]["delimiter"]))
    header = rows[0]
    if header != [fd["name"] for fd in fields]:
        problems.append(f"{path}: header {header} != schema {[fd['name'] for fd in fields]}")
        continue
    for n, row in enumerate(rows[1:], start=2):
        if len(row) != len(fields):
            problems.append(f"{path}:{n}: {len(row)} cells, schema has {len(fields)}")
            continue
        for value, fd in zip(row, fields):
            if value in missing:
                continue
            try:
                if fd["type"] == "number":
                    if not math.isfinite(float(value)):
                        raise ValueError("not finite")
                elif fd["type"] == "integer":
                    int(value)
                elif fd["type"] == "boolean":
                    if value not in ("true", "True", "TRUE", "1", "false", "False", "FALSE", "0"):
                        raise ValueError("not a boolean")
            except ValueError:
                problems.append(f"{path}:{n}: {fd['name']}={value!r} is not {fd['type']}")
if tables == 0:
    problems.append("no tabular resource")
for p in problems:
    print(p)
print(f"{tables} tables read, {len(problems)} problems")
sys.exit(1 if problems else 0)
