"""The ``natoasia`` command: one subcommand a concern, each a thin wrapper over the package."""

from __future__ import annotations

import argparse
import sys


def _execute(args: argparse.Namespace) -> int:
    from natoasia.execute import execute_many

    execute_many(args.notebooks, jobs=args.jobs)
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="natoasia", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    run = sub.add_parser("execute", help="execute notebooks from their .py sources into .ipynb")
    run.add_argument("notebooks", nargs="+", help="notebooks/NN_name.py files")
    run.add_argument("--jobs", type=int, default=1, help="notebooks executed at once")
    run.set_defaults(handler=_execute)

    # Further subcommands register here, each in its own block: add_corpus_commands(sub) ...
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.handler(args)
    except (ValueError, FileNotFoundError) as exc:  # our errors name the file and the fix
        print(f"natoasia: error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
