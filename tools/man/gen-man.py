#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Make the section-8 man pages of the jailhouse tool from its --help texts.

    python3 tools/man/gen-man.py build/tools/jailhouse-host tools/man/

jailhouse(8) is `jailhouse --help`, jailhouse-GROUP(8) is `jailhouse GROUP
--help` (tools/help.c). The texts keep to one form, which this turns into
man sections: "Usage:"/"   or:" lines (SYNOPSIS), paragraphs
(DESCRIPTION), "Heading:" lines (a section each), two-space items with
their text indented by eight (.TP). tests/unit/tools/man-check.sh fails
when the committed pages are not what this makes of the tool today.
"""
import os
import re
import subprocess
import sys

PAGES = [
    ("jailhouse", [], "manage the jailhouse partitioning hypervisor"),
    ("jailhouse-enable", ["enable"],
     "start (enable) or stop (disable) the jailhouse hypervisor"),
    ("jailhouse-cell", ["cell"],
     "create, load, boot, list, stop and destroy jailhouse cells"),
    ("jailhouse-console", ["console"],
     "print the jailhouse hypervisor console"),
    ("jailhouse-config", ["config"], "validate jailhouse configuration files"),
]
MANUAL = "System Manager's Manual"


def esc(text):
    text = text.replace("\\", "\\e")
    if text.startswith(".") or text.startswith("'"):
        text = "\\&" + text
    return text


def words(text):
    """Synopsis or item term: literal words bold, PLACEHOLDERS italic."""
    out = []
    for tok in re.split(r"(\s+|[][{}|]|\.\.\.)", text):
        if not tok:
            continue
        if re.fullmatch(r"[A-Z][A-Z0-9_]*", tok):
            out.append("\\fI%s\\fR" % tok)
        elif re.fullmatch(r"-{1,2}[a-z][a-z-]*|[a-z][a-z0-9-]*", tok):
            out.append("\\fB%s\\fR" % tok.replace("-", "\\-"))
        else:
            out.append(esc(tok))
    return "".join(out)


def synopsis(lines):
    entries = []
    for line in lines:
        m = re.match(r"(Usage:|   or:) (.*)", line)
        if m:
            entries.append(m.group(2).strip())
        elif entries and line.strip():
            entries[-1] += " " + line.strip()
    out = [".SH SYNOPSIS"]
    for n, e in enumerate(entries):
        if n:
            out.append(".br")
        out.append(words(e))
    return out


def heading(line):
    return ".SH " + ('"%s"' % line[:-1].upper()
                     if " " in line[:-1] else line[:-1].upper())


def page(name, text, summary, version, others):
    lines = text.rstrip("\n").split("\n")
    n = 0
    while n < len(lines) and lines[n].strip():
        n += 1
    out = ['.TH %s 8 "" "jailhouse %s" "%s"' % (name.upper(), version,
                                                 MANUAL),
           ".nh", ".ad l", ".SH NAME", "%s \\- %s" % (name, summary)]
    out += synopsis(lines[:n])
    out.append(".SH DESCRIPTION")
    para = []
    body = False

    def flush():
        if para:
            out.append(esc(" ".join(para)))
            para.clear()

    for line in lines[n:]:
        if not line.strip():
            flush()
            body = False
        elif re.fullmatch(r"[A-Z][^ ].*:", line):
            flush()
            out.append(heading(line))
            body = False
        elif line.startswith("        "):
            para.append(line.strip())
        elif line.startswith("  ") and not line.startswith("   "):
            flush()
            out.append(".TP")
            out.append(words(line.strip()))
            body = True
        else:
            if not para and not body and out[-1] != ".SH DESCRIPTION":
                out.append(".PP")
            para.append(line.strip())
    flush()
    out.append(".SH SEE ALSO")
    out.append(",\n".join("\\fB%s\\fR(8)" % o for o in others))
    return "\n".join(out) + "\n"


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: gen-man.py JAILHOUSE_BINARY OUTDIR")
    tool, outdir = sys.argv[1:]
    top = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
    with open(os.path.join(top, "VERSION")) as f:
        version = f.read().strip()
    names = [p[0] for p in PAGES]
    for name, args, summary in PAGES:
        text = subprocess.run([tool] + args + ["--help"], check=True,
                              capture_output=True, text=True).stdout
        others = [o for o in names if o != name]
        with open(os.path.join(outdir, name + ".8"), "w") as f:
            f.write(page(name, text, summary, version, others))


if __name__ == "__main__":
    main()
