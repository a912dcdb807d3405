#!/usr/bin/env python3
"""Writes a repolinter ruleset equivalent to the built-in rubric's file and content checks.

Every `files:` detector becomes a file-existence rule over the same globs; every `python:` pattern a
file-contents rule over **/*.py and **/*.ipynb; every `text:` pattern a file-contents rule over its
`paths` (or every file). Repolinter's JavaScript regexes have no inline flags, so a leading (?i)
becomes the "i" flag. Usage: repolinter_rules.py RUBRIC.yaml > repolinter.json (needs PyYAML).
"""
import json
import sys

import yaml


def detectors(node):
    """Every detector mapping under a criterion's detect/appliesWhen, depth first."""
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from detectors(value)
    elif isinstance(node, list):
        for item in node:
            yield from detectors(item)


def content_rule(pattern, globs):
    flags = ""
    if pattern.startswith("(?i)"):
        pattern, flags = pattern[4:], "i"
    options = {"globsAll": globs, "content": pattern, "fail-on-non-existent": False}
    if flags:
        options["flags"] = flags
    return {"level": "warning", "rule": {"type": "file-contents", "options": options}}


def main():
    rubric = yaml.safe_load(open(sys.argv[1], encoding="utf-8"))
    rules = {}
    criteria = (rubric.get("criteria") or []) + (rubric.get("walkthrough") or [])
    for criterion in criteria:
        n = 0
        for d in detectors([criterion.get("detect"), criterion.get("appliesWhen")]):
            if "files" in d and isinstance(d["files"], list):
                rules[f"{criterion['id']}-{n}"] = {"level": "warning", "rule": {"type": "file-existence",
                                                                                 "options": {"globsAny": d["files"]}}}
            elif "python" in d and isinstance(d["python"], str):
                rules[f"{criterion['id']}-{n}"] = content_rule(d["python"], ["**/*.py", "**/*.ipynb"])
            elif "text" in d and isinstance(d["text"], str):
                rules[f"{criterion['id']}-{n}"] = content_rule(d["text"], d.get("paths") or ["**/*"])
            else:
                continue
            n += 1
    json.dump({"$schema": "https://raw.githubusercontent.com/todogroup/repolinter/master/rulesets/schema.json",
               "version": 2, "axioms": {}, "rules": rules}, sys.stdout, indent=1)


if __name__ == "__main__":
    main()
