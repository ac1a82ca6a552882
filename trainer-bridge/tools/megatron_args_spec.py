#!/usr/bin/env python3
"""Dumps the command-line options of Megatron-LM's pretrain_gpt.py, read from Megatron's own argparse parser.

    megatron_args_spec.py MEGATRON_DIR [COMMIT] > trainer-bridge/src/test/resources/megatron/pretrain_gpt-options.json

Needs torch (CPU is enough) and triton importable, and a Megatron-LM checkout. The output lists, per option, its
flags, argparse action, nargs, value type and choices: facts of the interface, which MegatronArgumentsTest uses to
check every argument `winnow train --launcher megatron` writes (CI has no Megatron checkout to import).
"""
import argparse
import json
import subprocess
import sys
import typing

if not hasattr(typing, "override"):  # Megatron uses typing.override (Python 3.12); a no-op is enough to build the parser
    typing.override = lambda f: f


def main():
    megatron_dir = sys.argv[1]
    sys.path.insert(0, megatron_dir)
    from megatron.training.arguments import add_megatron_arguments  # noqa: E402

    parser = add_megatron_arguments(argparse.ArgumentParser(allow_abbrev=False))
    options = []
    for a in parser._actions:
        if not a.option_strings or isinstance(a, argparse._HelpAction):
            continue
        t = a.type
        type_name = None if t is None else getattr(t, "__name__", str(t))
        options.append({
            "flags": sorted(a.option_strings),
            "dest": a.dest,
            "action": type(a).__name__.strip("_").replace("Action", "").lower() or "store",
            "nargs": a.nargs if a.nargs is None or isinstance(a.nargs, str) else int(a.nargs),
            "type": type_name,
            "choices": None if a.choices is None else [str(c.name if hasattr(c, "name") else c) for c in a.choices],
        })
    options.sort(key=lambda o: o["flags"][0])
    commit = sys.argv[2] if len(sys.argv) > 2 else subprocess.run(
        ["git", "-C", megatron_dir, "rev-parse", "HEAD"], capture_output=True, text=True).stdout.strip()
    head = {"source": "NVIDIA/Megatron-LM megatron/training/arguments.py add_megatron_arguments", "commit": commit or None}
    lines = ",\n".join("  " + json.dumps(o, sort_keys=True) for o in options)
    sys.stdout.write(json.dumps(head)[:-1] + ',\n "options": [\n' + lines + "\n ]}\n")


if __name__ == "__main__":
    main()
