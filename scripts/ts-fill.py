#!/usr/bin/env python3
"""Fills unfinished entries of a Qt .ts file from a tab-separated list on stdin.

Each input line: context<TAB>source<TAB>translation. For plural (numerus) messages, separate the
forms with " || " (Korean has one form, English two). Escapes: \\n and \\t. Entries not in the
list stay unfinished, so the translations test keeps failing until someone translates them.
Run scripts/update-translations.sh afterwards to bring the file back to lupdate's formatting.

    scripts/ts-fill.py translations/helpdesk_ko.ts < new-strings.tsv
"""
import sys
import xml.etree.ElementTree as ET


def unescape(s):
    return s.replace("\\n", "\n").replace("\\t", "\t")


def main():
    path = sys.argv[1]
    table = {}
    for line in sys.stdin.read().splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) != 3:
            sys.exit(f"bad line (need 3 tab-separated fields): {line!r}")
        table[(parts[0], unescape(parts[1]))] = unescape(parts[2])
    tree = ET.parse(path)
    filled = missing = 0
    for ctx in tree.getroot().iter("context"):
        name = ctx.findtext("name")
        for msg in ctx.iter("message"):
            tr = msg.find("translation")
            if tr is None or tr.get("type") != "unfinished":
                continue
            key = (name, msg.findtext("source"))
            if key not in table:
                missing += 1
                print(f"missing: {name}\t{key[1]!r}", file=sys.stderr)
                continue
            value = table[key]
            if msg.get("numerus") == "yes":
                forms = value.split(" || ")
                for child in list(tr):
                    tr.remove(child)
                for f in forms:
                    ET.SubElement(tr, "numerusform").text = f
            else:
                tr.text = value
            del tr.attrib["type"]
            filled += 1
    with open(path, "wb") as f:
        f.write(b'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n')
        tree.write(f, encoding="utf-8", xml_declaration=False)
    print(f"{path}: filled {filled}, still missing {missing}", file=sys.stderr)


if __name__ == "__main__":
    main()
