"""`briefing …`: thin commands over the service layer."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

import click

from briefing.commands.options import echo_json, parse_date
from briefing.evaluation.news_data import SPLITS as NEWS_SPLITS

# Feature commands live in their own modules and add themselves to the group.
_COMMAND_MODULES = ("briefing.commands.brief", "briefing.commands.actors")


class Friendly(click.ClickException):
    """An error a user can act on: printed as one line, no traceback."""


def _settings(ctx: click.Context):
    return ctx.obj["settings"]


def _service(ctx: click.Context):
    if "service" not in ctx.obj:
        from briefing.wiring import build_service

        try:
            ctx.obj["service"] = build_service(_settings(ctx))
        except Exception as exc:
            raise Friendly(str(exc)) from exc
    return ctx.obj["service"]


def filters_from(since, until, source, language):
    from briefing.models import Filters

    return Filters(since=parse_date(since, "--since"), until=parse_date(until, "--until"), sources=list(source or ()), languages=list(language or ()))


def filter_options(f):
    for option in reversed([
        click.option("--since", help="Only articles published on or after this date (YYYY-MM-DD)."),
        click.option("--until", help="Only articles published on or before this date (YYYY-MM-DD)."),
        click.option("--source", multiple=True, help="Only this source (repeatable)."),
        click.option("--language", "--lang", "language", multiple=True, help="Only this language code, e.g. fr (repeatable)."),
    ]):
        f = option(f)
    return f


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--data-dir", type=click.Path(file_okay=False, path_type=Path), envvar="BRIEFING_DATA_DIR",
              help="Where the store lives (default: ./data, or BRIEFING_DATA_DIR).")
@click.version_option(package_name="briefing")
@click.pass_context
def cli(ctx: click.Context, data_dir: Path | None) -> None:
    """Chat with the news: ingest articles, ask questions, get cited answers."""
    from briefing.settings import Settings

    ctx.ensure_object(dict)
    try:
        settings = Settings(**({"data_dir": data_dir} if data_dir else {}))
    except Exception as exc:
        raise Friendly(f"Invalid settings: {exc}") from exc
    ctx.obj["settings"] = settings


@cli.command()
@click.argument("sources", nargs=-1, required=True)
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@click.pass_context
def ingest(ctx, sources, as_json):
    """Load articles from files, folders, JSONL, HTML, RSS/Atom feeds or URLs."""
    from briefing.progress import cli_progress

    from briefing.embeddings import EmbedderUnavailable

    svc = _service(ctx)
    try:
        with cli_progress("ingest", enabled=not as_json, unit="article") as progress:
            report = svc.ingest(list(sources), progress=progress,
                                waiting=lambda m: click.echo(m[:1].upper() + m[1:], err=True))
    except EmbedderUnavailable as exc:
        raise Friendly(f"Ingest stopped (what was reported stored before stays stored): {exc}. Reinstall with `make install`, or set BRIEFING_EMBEDDER "
                       "to another embedder and re-ingest into a new BRIEFING_DATA_DIR.") from exc
    if as_json:
        echo_json(report.model_dump(mode="json"))
        return
    for item in report.items:
        # an added or replaced item carries a reason only when it was cut to the size limit
        if item.status in ("skipped", "duplicate") or (item.status in ("added", "replaced") and item.reason):
            click.echo(f"  {item.status}: {item.origin}{' — ' + item.title if item.title else ''}: {item.reason}", err=True)
    s = report.summary()
    line = ", ".join(f"{v} {k}" for k, v in s.items() if v) or "nothing to do"
    click.echo(f"{line} in {report.seconds:.1f}s.")
    if s["unchanged"] and not (s["added"] or s["replaced"]):
        click.echo("Everything was already stored: nothing changed.")


@cli.command()
@click.argument("question")
@filter_options
@click.option("--ignore-dates", is_flag=True, help="Do not read a period from the question's wording.")
@click.option("--json", "as_json", is_flag=True, help="Print the answer and its citations as JSON.")
@click.pass_context
def ask(ctx, question, since, until, source, language, ignore_dates, as_json):
    """Ask a question; the answer cites the passages it rests on."""
    from briefing.models import Answer

    svc = _service(ctx)
    filters = filters_from(since, until, source, language)
    answer = None
    streamed = ""
    try:
        for part in svc.ask_stream(question, (), filters, read_dates=not ignore_dates):
            if isinstance(part, Answer):
                answer = part
            elif not as_json:
                streamed += part
                click.echo(part, nl=False)
    except ValueError as exc:
        raise Friendly(str(exc)) from exc
    if as_json:
        echo_json(answer.to_json_dict())
        return
    if streamed and answer.answer.strip() != streamed.strip():
        click.echo("")  # what streamed was checked sentence by sentence; the final answer follows it
    if answer.notice and answer.answered_by != "none":
        click.echo(answer.notice, err=True)  # one line: why the model's text is not what is shown
    if answer.answer.strip() != streamed.strip():
        click.echo(answer.answer, nl=False)
    click.echo("")
    for c in answer.citations:
        mark = "" if c.verified else " (unverified)"
        click.echo(f"[{c.n}] {c.title} — {c.source}, {c.published}{mark}{' — ' + c.url if c.url else ''}")
    click.echo(_understood(answer), err=True)


def _understood(answer) -> str:
    """What the answer was built on: the kind of question and the period read from it."""
    line = f"kind: {answer.kind or 'other'}"
    if answer.scope is not None:
        s = answer.scope
        used = "" if s.applied else " (not applied: --since/--until win)"
        line += f" · scope: {s.label} from “{s.wording}”{used} (--ignore-dates to ask without it)"
    return line


@cli.command()
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
def sources(ctx, as_json):
    """What is stored: sources, counts, date range."""
    info = _service(ctx).sources()
    if as_json:
        echo_json(info)
        return
    click.echo(f"{info['articles']} articles, {info['chunks']} chunks, {info['first']} … {info['last']} "
               f"(embedder {info['embedder']}, answers: {info['model']})")
    for s in info["sources"]:
        click.echo(f"  {s['source']}: {s['articles']} articles, {s['first']} … {s['last']}")
    if info["languages"]:
        click.echo("  languages: " + ", ".join(f"{k} {v}" for k, v in info["languages"].items()))


@cli.command()
@click.option("--source", help="Remove every article of this source.")
@click.option("--article", "article_id", help="Remove one article by id.")
@click.pass_context
def forget(ctx, source, article_id):
    """Remove a source or an article, with its chunks."""
    try:
        n = _service(ctx).forget(source=source, article_id=article_id)
    except ValueError as exc:
        raise Friendly(str(exc)) from exc
    if not n:
        raise Friendly(f"Nothing matched {'source ' + repr(source) if source else 'article ' + repr(article_id)}: "
                       "see `briefing sources` for what is stored.")
    click.echo(f"Removed {n} article{'s' if n != 1 else ''}.")


@cli.group("eval")
def eval_group():
    """Measure retrieval and answers on data sets with gold answers."""


@eval_group.command("qa")
@click.option("--passages", type=click.Path(exists=True, dir_okay=False, path_type=Path), required=True)
@click.option("--questions", type=click.Path(exists=True, dir_okay=False, path_type=Path), required=True)
@click.option("--question-lang", help="Language of the questions (XQuAD: en, de, es).")
@click.option("--passage-lang", help="Only passages (and gold answers) of this language.")
@click.option("--unanswerable", type=float, default=0.0, show_default=True,
              help="Share of questions whose gold passage is left out of the store.")
@click.option("--limit", type=int, help="Only the first N questions.")
@click.option("--skip", type=int, default=0, help="Leave out the first N questions (e.g. those a model was fitted on).")
@click.option("--seed", type=int, default=13, show_default=True)
@click.option("--features", type=click.Path(dir_okay=False, path_type=Path), help="Write per-question support features (JSONL).")
@click.option("--model", "with_model", is_flag=True,
              help="Answer with the configured chat model (BRIEFING_OPENAI_BASE_URL …) and report its citations.")
@click.option("--partial", "partial", type=click.Path(dir_okay=False, path_type=Path),
              help="Rewrite the figures so far to this JSON file after every question (a cut run keeps them).")
@click.option("--answers", "answers", type=click.Path(dir_okay=False, path_type=Path),
              help="Write each question's answer (and, with --model, the model's text and its claims) as JSONL.")
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
def eval_qa(ctx, passages, questions, question_lang, passage_lang, unanswerable, limit, skip, seed, features, with_model,
            partial, answers, as_json):
    """Retrieval (R@k, MRR) and answer figures (answered, gold contained, citation precision, abstention)."""
    from briefing.evaluation.qa import run_qa_eval

    try:
        result = run_qa_eval(passages, questions, question_lang=question_lang, passage_lang=passage_lang,
                             unanswerable=unanswerable, limit=limit, skip=skip, seed=seed, settings=_settings(ctx),
                             features_path=features, model=with_model, partial_path=partial, answers_path=answers)
    except ValueError as exc:
        raise Friendly(str(exc)) from exc
    _print_figures(result, as_json)


def _print_figures(result: dict, as_json: bool) -> None:
    if as_json:
        echo_json(result)
    else:
        for k, v in result.items():
            click.echo(f"{k}: {v}")


@eval_group.command("news")
@click.option("--questions", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="News question set (JSONL; default: the packaged development set).")
@click.option("--split", type=click.Choice([*NEWS_SPLITS, "all"]),
              default="all", show_default=True,
              help="Which part of the set: tune (fitted on), check (held out), fresh (held out, "
                   "on articles the others do not use), blind (from the articles alone, never run while tuning), "
                   "sealed (written after blind was measured, never run while tuning), dev2 (from the articles "
                   "alone, then fitted on), hold (written with dev2, measured once, then looked at), hold2 (written "
                   "after that, measured once, never looked at), dev3 (written after hold2 was measured, then "
                   "fitted on), hold3 (written with dev3, measured once, never looked at), dev4 and hold4 (written "
                   "after that, the one fitted on, the other measured once), dev5 to hold7, dev6 with hold8, dev7, dev8, dev9 "
                   "with hold9 (the same way, later) or all.")
@click.option("--corpus", type=click.Path(file_okay=False, path_type=Path), default=Path("../shared/data/corpus"),
              show_default=True, help="Folder of the articles the questions are about.")
@click.option("--store", "store_dir", type=click.Path(file_okay=False, path_type=Path),
              help="Keep the store here and reuse it on the next run (default: a temporary one).")
@click.option("--details", is_flag=True, help="Add each question's answer and citations to the output.")
@click.option("--features", type=click.Path(dir_okay=False, path_type=Path),
              help="Write per-question support features (JSONL) for `briefing eval calibrate`.")
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
def eval_news(ctx, questions, split, corpus, store_dir, details, features, as_json):
    """Answers to news questions: correct, answered, unanswerable abstained, cross-lingual, per kind."""
    from briefing.evaluation.news import run_news_eval
    from briefing.evaluation.news_data import DEV_SET

    try:
        result = run_news_eval(questions or DEV_SET, split=split, corpus=corpus, store_dir=store_dir,
                               settings=_settings(ctx), progress=not as_json, details=details,
                               features_path=features)
    except ValueError as exc:
        raise Friendly(str(exc)) from exc
    _print_figures(result, as_json)


@eval_group.command("calibrate")
@click.argument("features", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), help="Where to write the model (default: the packaged one).")
@click.option("--abstain-target", type=float, default=0.85, show_default=True,
              help="Share of unanswerable questions to abstain on, on the fitting half.")
def eval_calibrate(features, out, abstain_target):
    """Fit the answer support check on `eval qa --features` files; prints held-out figures."""
    from briefing.answer.support import MODEL_PATH
    from briefing.evaluation.calibrate import calibrate

    try:
        echo_json(calibrate(list(features), out or MODEL_PATH, abstain_target=abstain_target))
    except ValueError as exc:
        raise Friendly(str(exc)) from exc


def _register_features() -> None:
    for name in _COMMAND_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name and name.startswith(exc.name):  # the feature is not installed
                continue
            raise
        module.register(cli)


_register_features()


def main() -> None:
    try:
        cli.main(prog_name="briefing", standalone_mode=True)
    except KeyboardInterrupt:
        click.echo("Interrupted.", err=True)
        sys.exit(130)


if __name__ == "__main__":
    main()
