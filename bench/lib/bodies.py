"""Writes the request bodies of the bench into the work folder: body-1024.json and body-10240.json (one record
padded to that many UTF-8 bytes), batch-100.json (an array of 100 one-KiB records) and answer.json (the
backend's fixed 1 KiB answer). Vietnamese text on purpose: the hub must carry it byte for byte."""
import json
import sys


def record(size, request_id="BENCH-1"):
    doc = {"SoDinhDanh": "077190001234", "HoVaTen": "Nguyễn Thị Mai", "MaYeuCau": request_id, "GhiChu": ""}
    doc["GhiChu"] = "x" * max(0, size - len(json.dumps(doc, ensure_ascii=False).encode()))
    return json.dumps(doc, ensure_ascii=False)


def write(path, text):
    with open(path, "w", encoding="utf-8") as out:
        out.write(text)


work = sys.argv[1]
for size in (1024, 10240):
    write(f"{work}/body-{size}.json", record(size))
write(f"{work}/batch-100.json", "[" + ",".join(record(1024, f"BENCH-{i}") for i in range(100)) + "]")
write(f"{work}/answer.json", record(1024, "ANSWER"))
