"""The XLSX anchor of `make bench`: openpyxl's write-only mode writing the
same rows as the release, one sheet per table.

Usage: openpyxl_anchor.py RELEASE_DIR OUT.xlsx

Reads the release's CSV files and datapackage.json (untimed), converts each
value to the type its field declares (integer, number, boolean, date;
empty is None), then times only the writing: creating the workbook,
appending every row and saving. Prints {"seconds": S, "rows": N} as JSON.
"""
import csv
import datetime
import json
import os
import sys
import time

from openpyxl import Workbook


def convert(kind):
    if kind == "integer":
        return int
    if kind == "number":
        return float
    if kind == "boolean":
        return lambda v: v == "true"
    if kind == "date":
        return datetime.date.fromisoformat
    return str


def main():
    release, out = sys.argv[1], sys.argv[2]
    with open(os.path.join(release, "datapackage.json"), encoding="utf-8") as f:
        package = json.load(f)
    tables = []
    for res in package["resources"]:
        if res.get("format") != "csv":
            continue
        fields = res["schema"]["fields"]
        conv = [convert(f["type"]) for f in fields]
        rows = []
        with open(os.path.join(release, res["path"]), encoding="utf-8", newline="") as f:
            reader = csv.reader(f)
            header = next(reader)
            for rec in reader:
                rows.append([None if v == "" else c(v) for c, v in zip(conv, rec)])
        tables.append((res["name"], header, rows))

    start = time.perf_counter()
    book = Workbook(write_only=True)
    count = 0
    for name, header, rows in tables:
        sheet = book.create_sheet(name[:31])
        sheet.append(header)
        for row in rows:
            sheet.append(row)
        count += len(rows)
    book.save(out)
    seconds = time.perf_counter() - start
    print(json.dumps({"seconds": seconds, "rows": count}))


main()
