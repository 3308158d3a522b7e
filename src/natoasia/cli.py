"""The ``natoasia`` command: one subcommand a concern, each a thin wrapper over the package."""

from __future__ import annotations

import argparse
import sys
import textwrap
from pathlib import Path


def _execute(args: argparse.Namespace) -> int:
    from natoasia.execute import execute_many

    execute_many(args.notebooks, jobs=args.jobs)
    return 0


def _corpus_features(args: argparse.Namespace) -> int:
    from natoasia.corpus import resolve_corpus_dir
    from natoasia.features import check_features, write_features

    corpus = resolve_corpus_dir(args.corpus)  # --corpus, else $NATOASIA_CORPUS
    try:
        if args.check:
            differences = check_features(corpus, args.out)
            for line in differences:
                print(line)
            if differences:
                print(f"natoasia: features in {args.out or 'data/'} differ from those the corpus "
                      f"{corpus} produces; regenerate with 'natoasia corpus features --corpus "
                      f"{corpus} --out DIR'", file=sys.stderr)
                return 1
            print(f"features match the corpus {corpus}")
            return 0
        if args.out is None:
            raise ValueError("--out DIR is required when writing features (use --check to compare)")
        for path in write_features(corpus, args.out).values():
            print(f"wrote {path}")
        return 0
    except OSError as exc:  # a folder that cannot be written: one line naming it
        if args.out is not None and exc.filename in (None, str(Path(args.out))):
            raise ValueError(f"--out {args.out}: cannot write the feature tables there "
                             f"({exc.strerror or exc}); give a folder you can write (it is "
                             "created if missing)") from None
        raise ValueError(f"{exc.filename}: {exc.strerror or exc}") from None


def add_corpus_commands(sub: argparse._SubParsersAction) -> None:
    """``natoasia corpus features``: derived, non-consumptive features of a corpus folder."""
    corpus = sub.add_parser("corpus",
                            help="features of a corpus folder (text files + documents.csv)")
    corpus_sub = corpus.add_subparsers(dest="corpus_command", required=True)
    features = corpus_sub.add_parser(
        "features",
        help="write (or --check) paragraph index, entity mentions, framing counts, co-occurrence",
    )
    features.add_argument("--corpus", default=None,
                          help="corpus folder (default: $NATOASIA_CORPUS)")
    features.add_argument("--out", default=None,
                          help="folder for the feature CSVs (with --check: the folder to compare, "
                               "default the repository's data/)")
    features.add_argument("--check", action="store_true",
                          help="compare regenerated features with those in --out; "
                               "exit 1 if they differ")
    features.set_defaults(handler=_corpus_features)


def _mode_values(pairs: list[str] | None, option: str) -> dict[str, float]:
    """``["air=10", "rail=0.4"]`` -> ``{"air": 10.0, "rail": 0.4}``; a bad pair names itself."""
    values = {}
    for pair in pairs or []:
        mode, sep, number = pair.partition("=")
        try:
            if not sep:
                raise ValueError
            values[mode.strip()] = float(number)
        except ValueError:
            raise ValueError(f"{option} {pair!r}: expected MODE=NUMBER, e.g. {option} air=10") \
                from None
    return values


def _sweep_logistics(args: argparse.Namespace) -> int:
    from pathlib import Path

    from natoasia import logistics
    from natoasia.params import validate_central_asia_logistics

    settings = validate_central_asia_logistics(
        origin=args.origin, destination=args.destination, closed_countries=[],
        closed_nodes=args.closed_node or [],
        mode_costs=_mode_values(args.mode_cost, "--mode-cost"),
        circuity=_mode_values(args.circuity, "--circuity"), scenarios=False)
    graph = logistics.build_graph(logistics.load_network(), settings["mode_costs"],
                                  settings["circuity"])
    sweep = logistics.closure_sweep(graph, settings["origin"], settings["destination"],
                                    max_closed=args.max_closed,
                                    closed_nodes=settings["closed_nodes"])
    out = Path(args.out)
    try:
        sweep.round({"cost": 4, "cost_index": 6, "cost_increase_pct": 4, "length_km": 3}).to_csv(
            out, index=False, lineterminator="\n")
    except OSError as exc:
        raise ValueError(f"{out}: {exc.strerror or exc}") from None
    print(f"wrote {out} ({len(sweep)} scenarios: baseline and closures of up to "
          f"{args.max_closed} countries; costs in {logistics.COST_UNIT})")
    return 0


def add_sweep_commands(sub: argparse._SubParsersAction) -> None:
    """``natoasia sweep logistics``: every single and pairwise country closure, as CSV."""
    sweep = sub.add_parser("sweep", help="scenario sweeps of the notebooks' models")
    sweep_sub = sweep.add_subparsers(dest="sweep_command", required=True)
    logistics = sweep_sub.add_parser(
        "logistics",
        help="closure sweep of the supply network into Afghanistan (notebook 01)",
        description="Close every country on the route network, then every pair, and write the "
                    "cheapest route left in each scenario. Costs are relative (road tonne-km = "
                    "1) under the assumptions in data/logistics_assumptions.csv.")
    logistics.add_argument("--origin", default="western_europe", help="origin node_id")
    logistics.add_argument("--destination", default="Afghanistan",
                           help="'Afghanistan' (any point of entry) or a node_id")
    logistics.add_argument("--mode-cost", action="append", metavar="MODE=COST",
                           help="relative cost per tonne-km of a mode (repeatable), e.g. air=10")
    logistics.add_argument("--circuity", action="append", metavar="MODE=FACTOR",
                           help="circuity factor (>= 1) of a mode (repeatable), e.g. road=1.4")
    logistics.add_argument("--closed-node", action="append", metavar="NODE",
                           help="node closed in every scenario (repeatable), e.g. termez")
    logistics.add_argument("--max-closed", type=int, default=2, choices=(1, 2, 3),
                           help="largest number of countries closed at once (default 2)")
    logistics.add_argument("--out", required=True, help="CSV file to write")
    logistics.set_defaults(handler=_sweep_logistics)


def _run(args: argparse.Namespace) -> int:
    from natoasia import runner

    given = runner.read_parameter_file(args.file) if args.file else {}
    names = [name for name, _value in args.parameter or []]
    twice = sorted({name for name in names if names.count(name) > 1})
    if twice:
        raise ValueError(f"parameter {twice[0]!r} is given twice with -p; give each once")
    given.update({name: runner.parse_value(value, name) for name, value in args.parameter or []})
    try:
        target = runner.run(args.notebook, given, Path(args.out) if args.out else None,
                            student=args.student)
    except runner.RunError as exc:  # the kernel's error, in one line; nothing left in --out
        print(f"natoasia: error: {exc}", file=sys.stderr)
        return 1
    print(f"executed {args.notebook} -> {target}")
    return 0


def _list(args: argparse.Namespace) -> int:
    from natoasia import runner
    from natoasia.params import accepted_values

    for spec in runner.notebooks():
        print(spec.name)
        accepted = accepted_values(spec.name)
        for name, value in spec.defaults.items():
            print(f"    {name} = {value!r}")
            lines = [spec.notes.get(name)]
            if name in accepted:  # the validator's own list, not a comment that could drift
                lines.append(f"Accepted: {', '.join(map(str, accepted[name]))}.")
            for line in filter(None, lines):
                print(textwrap.fill(line, 92, initial_indent=" " * 8, subsequent_indent=" " * 8))
    return 0


def _student(args: argparse.Namespace) -> int:
    from natoasia.student import write_student_versions

    for path in write_student_versions():
        print(f"wrote {path.relative_to(Path.cwd()) if path.is_relative_to(Path.cwd()) else path}")
    return 0


def add_collection_commands(sub: argparse._SubParsersAction) -> None:
    """``natoasia run``, ``natoasia list``, ``natoasia student``: the collection as a whole."""
    run = sub.add_parser("run", help="rerun a notebook with parameters (papermill), "
                                     "checked before the kernel starts",
                         epilog="Exit status: 0 when every cell ran, 2 for bad input (checked "
                                "before the kernel starts), 1 when a cell fails; a failed run "
                                "leaves nothing in --out.")
    run.add_argument("notebook", help="name (00_overview), number (00) or path")
    run.add_argument("-p", "--parameter", nargs=2, action="append", metavar=("NAME", "VALUE"),
                     help="a parameter; VALUE is read as YAML: 1990, '[china]', text "
                          "(overrides -f)")
    run.add_argument("-f", "--file", help="YAML file of parameters, 'name: value' lines "
                                          "(each name once)")
    run.add_argument("--out", help="folder for the executed copy (default: a natoasia-runs "
                                   "folder in the system temporary directory)")
    run.add_argument("--student", action="store_true",
                     help="run the student version: the exercise solutions taken out, as in "
                          "student/ (for reruns set as exercises)")
    run.set_defaults(handler=_run)
    listing = sub.add_parser("list", help="notebooks, their parameters and defaults, and what "
                                          "each parameter accepts")
    listing.set_defaults(handler=_list)
    student = sub.add_parser("student", help="write student/ versions without solutions")
    student.set_defaults(handler=_student)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="natoasia", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    run = sub.add_parser("execute", help="execute notebooks from their .py sources into .ipynb")
    run.add_argument("notebooks", nargs="+", help="notebooks/NN_name.py files")
    run.add_argument("--jobs", type=int, default=1, help="notebooks executed at once")
    run.set_defaults(handler=_execute)

    add_corpus_commands(sub)
    add_sweep_commands(sub)
    add_collection_commands(sub)
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
