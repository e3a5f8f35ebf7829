#!/usr/bin/env python3
"""Checks the size limits of docs/ARCHITECTURE.md on the sources (model, sim, live, ui, app):
no .cpp over 450 lines, no function over 80 lines (tables, which are initialisers, are not
functions), no folder with more than 30 .h/.cpp files. Prints each breach; exit 1 if any."""
import os
import re
import sys

MAX_FILE_LINES = 450
MAX_FUNCTION_LINES = 80
MAX_FOLDER_FILES = 30
AREAS = ("model", "sim", "live", "ui", "app")

def strip_code(text):
    """The text with comments, string and char literals blanked (newlines kept)."""
    out = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if text.startswith("//", i):
            j = text.find("\n", i)
            j = n if j < 0 else j
            out.append(" " * (j - i))
            i = j
        elif text.startswith("/*", i):
            j = text.find("*/", i + 2)
            j = n if j < 0 else j + 2
            out.append(re.sub(r"[^\n]", " ", text[i:j]))
            i = j
        elif text.startswith('R"', i):
            m = re.match(r'R"([^(]*)\(', text[i:])
            end = text.find(")" + m.group(1) + '"', i) if m else -1
            j = n if end < 0 else end + len(m.group(1)) + 2
            out.append(re.sub(r"[^\n]", " ", text[i:j]))
            i = j
        elif c == "'" and i > 0 and text[i - 1].isdigit():
            out.append(c)  # a digit separator (100'000), not a character literal
            i += 1
        elif c in "\"'":
            j = i + 1
            while j < n and text[j] != c:
                j += 2 if text[j] == "\\" else 1
            out.append(c + " " * (j - i - 1) + c)
            i = j + 1
        else:
            out.append(c)
            i += 1
    return "".join(out)

SIGNATURE = re.compile(r"\)\s*(const\s*)?(noexcept\s*)?(override\s*)?(final\s*)?(->\s*[\w:<>&*\s]+)?\s*$")
NOT_FUNCTION = re.compile(r"^\s*(if|for|while|switch|catch|do|else|return)\b|=\s*\[|\]\s*\(")

def functions(code):
    """(first line, last line) of each function body up to depth 3 (namespaces, an anonymous
    namespace, a class inside it)."""
    lines = code.split("\n")
    found = []
    depth = 0
    start = None
    header = ""
    for number, line in enumerate(lines, 1):
        for pos, ch in enumerate(line):
            if ch == "{":
                if start is None and depth <= 3:
                    before = (header + " " + line[:pos]).strip()
                    tail = before[-300:]
                    if SIGNATURE.search(tail) and not NOT_FUNCTION.search(before.split(";")[-1]) \
                            and "=" not in before.split(";")[-1].split(")")[-1]:
                        start = (number, depth)
                depth += 1
            elif ch == "}":
                depth -= 1
                if start is not None and depth == start[1]:
                    found.append((start[0], number))
                    start = None
        if start is None:
            stripped = line.strip()
            header = "" if stripped.endswith((";", "}", "{")) or not stripped else header + " " + stripped
    return found

def main(root):
    breaches = []
    for area in AREAS:
        for folder, _, files in os.walk(os.path.join(root, area)):
            sources = [f for f in files if f.endswith((".h", ".cpp"))]
            rel_folder = os.path.relpath(folder, root)
            if len(sources) > MAX_FOLDER_FILES:
                breaches.append(f"{rel_folder}: {len(sources)} .h/.cpp files (limit {MAX_FOLDER_FILES})")
            for f in sources:
                path = os.path.join(folder, f)
                rel = os.path.relpath(path, root)
                text = open(path, encoding="utf-8").read()
                count = text.count("\n")
                if f.endswith(".cpp") and count > MAX_FILE_LINES:
                    breaches.append(f"{rel}: {count} lines (limit {MAX_FILE_LINES})")
                for first, last in functions(strip_code(text)):
                    length = last - first + 1
                    if length > MAX_FUNCTION_LINES:
                        breaches.append(f"{rel}:{first}: function of {length} lines (limit {MAX_FUNCTION_LINES})")
    for b in breaches:
        print(b)
    return 1 if breaches else 0

if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..")))
