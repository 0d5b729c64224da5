#!/usr/bin/env python3
"""Add or update UI strings in a resource pair (X.resx = zh-TW, X.en.resx = English).

    scripts/i18n.py src/Weimin/Web/Localisation/SharedText key "中文" "English"
    scripts/i18n.py src/Weimin/Web/Localisation/SharedText - < lines.tsv    # key<TAB>zh<TAB>en per line
    scripts/i18n.py --check                                                  # every key in both files

The .resx files are the source of truth; this only edits them, keeping keys sorted.
"""
import sys, glob, os
import xml.etree.ElementTree as ET

HEADER = """<?xml version="1.0" encoding="utf-8"?>
<root>
  <resheader name="resmimetype"><value>text/microsoft-resx</value></resheader>
  <resheader name="version"><value>2.0</value></resheader>
  <resheader name="reader"><value>System.Resources.ResXResourceReader, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>
  <resheader name="writer"><value>System.Resources.ResXResourceWriter, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>
"""

def load(path):
    if not os.path.exists(path):
        return {}
    root = ET.parse(path).getroot()
    return {d.get("name"): (d.findtext("value") or "") for d in root.findall("data")}

def esc(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")

def save(path, entries):
    with open(path, "w", encoding="utf-8") as f:
        f.write(HEADER)
        for k in sorted(entries):
            f.write(f'  <data name="{esc(k)}" xml:space="preserve"><value>{esc(entries[k])}</value></data>\n')
        f.write("</root>\n")

def check():
    bad = 0
    for zh in glob.glob("src/**/*.resx", recursive=True):
        if zh.endswith(".en.resx"):
            continue
        en = zh[:-5] + ".en.resx"
        a, b = set(load(zh)), set(load(en))
        for k in sorted(a - b): print(f"{en}: missing {k}"); bad += 1
        for k in sorted(b - a): print(f"{zh}: missing {k}"); bad += 1
    return bad

def main(argv):
    if argv[1:2] == ["--check"]:
        sys.exit(1 if check() else 0)
    base = argv[1].removesuffix(".resx")
    zh_path, en_path = base + ".resx", base + ".en.resx"
    zh, en = load(zh_path), load(en_path)
    rows = [l.rstrip("\n").split("\t") for l in sys.stdin if l.strip()] if argv[2] == "-" else [argv[2:5]]
    for key, z, e in rows:
        zh[key], en[key] = z, e
    save(zh_path, zh); save(en_path, en)

if __name__ == "__main__":
    main(sys.argv)
