"""`briefing brief …` and `briefing eval stories …`: thin glue over briefing.briefs."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

import click

from briefing.commands.options import parse_date


def _period(service, date, since, until, sources) -> tuple[dt.date, dt.date]:
    if date and (since or until):
        raise click.UsageError("Give either --date or --since/--until, not both.")
    if date:
        return date, date
    if since or until:
        since = since or until
        until = until or since
        return since, until
    from briefing.briefs.source import BriefSource

    days = BriefSource(service).days_with_news(sources)
    if not days:
        raise click.ClickException("The store holds no articles yet: ingest some with `briefing ingest PATH`.")
    return days[-1], days[-1]  # the latest day with news


def _writer(settings, mode: str | None, embedder=None):
    """The LLM story writer when the settings (or --mode llm) ask for a model, else None."""
    wanted = mode or ("extractive" if settings.generation_mode() == "extractive" else "llm")
    if wanted == "extractive":
        return None
    from briefing.briefs.llm_writer import LLMStoryWriter
    from briefing.llm import ChatModelError, build_chat_model

    try:
        chat = build_chat_model(settings)
    except ChatModelError as exc:
        raise click.ClickException(str(exc)) from exc
    if chat is None:
        raise click.ClickException("--mode llm needs a chat model: set OPENAI_API_KEY or BRIEFING_OPENAI_BASE_URL "
                                   "(or BRIEFING_LLM=fake to try it), or use --mode extractive.")
    from briefing.citations import embedding_similarity

    # paraphrases and translations of a passage are recognised by the embedder, not by words alone
    return LLMStoryWriter(chat, similarity=embedding_similarity(embedder) if embedder is not None else None)


def _print_estimate(writer):
    def on_plan(drafts, source, repeated):
        e = writer.estimate(drafts, source, repeated)
        cost = f", at most ${e['cost_usd_max']:.4f}" if e["cost_usd_max"] is not None else " (no price known for this model)"
        click.echo(f"LLM run with {e['model']}: {len(drafts)} stories, {e['calls']} calls, about "
                   f"{e['input_tokens']:,} input and at most {e['output_tokens_max']:,} output tokens{cost}.", err=True)
    return on_plan


def _write_out(briefing, out: Path) -> None:
    from briefing.briefs.export import to_html, to_markdown

    text = to_html(briefing) if out.suffix.lower() in (".html", ".htm") else to_markdown(briefing)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise click.ClickException(f"Could not write {out}: {exc.strerror or exc}") from exc


def _run(ctx, service, writer, request, *, as_json: bool, out: Path | None, quiet: bool = False):
    from briefing.briefs.builder import build_briefing
    from briefing.progress import cli_progress

    try:
        with cli_progress("briefing", enabled=not as_json and not quiet) as progress:
            briefing = build_briefing(service, request, writer=writer, progress=progress,
                                      on_plan=_print_estimate(writer) if writer is not None else None)
    except ValueError as exc:
        raise click.ClickException(str(exc)) from exc
    except Exception as exc:
        from briefing.llm import ChatModelError

        if isinstance(exc, ChatModelError):
            raise click.ClickException(str(exc)) from exc
        raise
    if out:
        _write_out(briefing, out)
    if as_json:
        click.echo(json.dumps(briefing.to_json_dict(), ensure_ascii=False, indent=2))
    elif out:
        click.echo(f"Wrote {out} ({len(briefing.stories)} stories, {len(briefing.all_citations())} citations).")
    elif not quiet:
        from briefing.briefs.export import to_markdown

        click.echo(to_markdown(briefing))
    return briefing


def register(group: click.Group) -> None:
    @group.command("brief")
    @click.option("--date", "date_", help="The day to brief (YYYY-MM-DD). Default: the latest day with news.")
    @click.option("--since", help="First day of a longer period (YYYY-MM-DD).")
    @click.option("--until", help="Last day of a longer period (YYYY-MM-DD).")
    @click.option("--lang", "--language", "language", help="Language of the briefing, e.g. en or fr. Default: the period's most common.")
    @click.option("--source", multiple=True, help="Only articles from this source (repeatable).")
    @click.option("--actor", multiple=True, help="Only stories that mention this actor (repeatable).")
    @click.option("--max-stories", default=8, show_default=True, type=click.IntRange(1, 50))
    @click.option("--mode", type=click.Choice(["extractive", "llm"]), help="Default: llm when a model is configured.")
    @click.option("--daily", metavar="HH:MM", help="Stay in the foreground and brief the previous day every day at HH:MM (Ctrl-C stops).")
    @click.option("--json", "as_json", is_flag=True, help="Print the briefing as JSON.")
    @click.option("--out", type=click.Path(dir_okay=False, path_type=Path), help="Write Markdown (.md) or HTML (.html) here.")
    @click.pass_context
    def brief(ctx, date_, since, until, language, source, actor, max_stories, mode, daily, as_json, out):
        """The day's stories, grouped, summarized and cited; stored for continuity in DATA_DIR/briefings."""
        from briefing.briefs.builder import BriefRequest
        from briefing.wiring import build_service

        settings = ctx.obj["settings"]
        date, since_d, until_d = parse_date(date_, "--date"), parse_date(since, "--since"), parse_date(until, "--until")
        try:
            service = ctx.obj.get("service") or build_service(settings)
        except Exception as exc:
            raise click.ClickException(str(exc)) from exc
        writer = _writer(settings, mode, service.embedder)

        def request(a: dt.date, b: dt.date) -> BriefRequest:
            try:
                return BriefRequest(since=a, until=b, language=language, sources=list(source), actors=list(actor),
                                    max_stories=max_stories)
            except ValueError as exc:
                raise click.ClickException(str(exc)) from exc

        if daily:
            _daily(ctx, service, writer, daily, request, settings)
            return
        a, b = _period(service, date, since_d, until_d, list(source))
        _run(ctx, service, writer, request(a, b), as_json=as_json, out=out)

    eval_group = group.commands.get("eval")
    if isinstance(eval_group, click.Group):
        eval_group.add_command(eval_stories)


def _daily(ctx, service, writer, at_text, request, settings):
    from briefing.briefs.schedule import parse_hhmm, run_daily

    try:
        at = parse_hhmm(at_text)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--daily") from exc
    folder = settings.data_dir / "briefings"

    def job(day: dt.date) -> None:
        b = _run(ctx, service, writer, request(day, day), as_json=False, out=None, quiet=True)
        from briefing.briefs.export import to_markdown

        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{b.id}.md").write_text(to_markdown(b), encoding="utf-8")
        click.echo(f"{dt.datetime.now():%Y-%m-%d %H:%M} briefed {day}: {len(b.stories)} stories → {folder / (b.id + '.md')}")

    try:
        run_daily(job, at, on_wait=lambda t: click.echo(f"Next briefing at {t:%Y-%m-%d %H:%M} (Ctrl-C to stop).", err=True))
    except KeyboardInterrupt:
        click.echo("Stopped the daily briefing.", err=True)


@click.command("stories")
@click.option("--articles", required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="JSONL with title (the gold story), text and published, e.g. ../shared/data/corpus/wcep_2025-06-14_18.jsonl")
@click.option("--embedder", "embedder_spec", help="Embedder to group with (default: the settings', e.g. e5-small).")
@click.option("--threshold", type=float, help="Grouping threshold (default: the built-in one).")
@click.option("--sweep/--no-sweep", default=True, show_default=True, help="Also report ARI across thresholds.")
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
def eval_stories(ctx, articles, embedder_spec, threshold, sweep, as_json):
    """Story grouping against gold topics: purity, inverse purity, adjusted Rand index."""
    from dataclasses import replace

    from briefing.briefs.clustering import GroupingParams
    from briefing.briefs.eval_stories import evaluate_grouping, load_items
    from briefing.embeddings import EmbedderUnavailable, build_embedder

    settings = ctx.obj["settings"]
    try:
        items = load_items(articles)
        embedder = build_embedder(embedder_spec or settings.embedder, api_key=settings.resolved_api_key(),
                                  base_url=settings.embedding_base_url or settings.resolved_base_url())
    except (ValueError, EmbedderUnavailable) as exc:
        raise click.ClickException(str(exc)) from exc
    params = GroupingParams() if threshold is None else replace(GroupingParams(), threshold=threshold)
    grid = [round(params.threshold + d, 3) for d in (-0.15, -0.1, -0.05, 0.0, 0.05, 0.1, 0.15)] if sweep else None
    result = evaluate_grouping(items, embedder, params=params, sweep=grid)
    if as_json:
        click.echo(json.dumps(result, ensure_ascii=False, indent=2))
        return
    click.echo(f"{result['items']} items, embedder {result['embedder']}, threshold {params.threshold}")
    for gold in ("raw_gold", "normalised_gold"):
        s = result[gold]
        click.echo(f"{gold:16} purity {s['purity']:.3f}  inverse purity {s['inverse_purity']:.3f}  "
                   f"ARI {s['ari']:.3f}  groups {int(s['groups'])} (gold {int(s['gold_groups'])})")
    click.echo(f"ceiling: the normalised gold itself scores ARI {result['ceiling_raw_ari']:.3f} against the raw gold")
    for row in result.get("sensitivity", []):
        click.echo(f"  threshold {row['threshold']:.2f}: ARI raw {row['ari_raw']:.3f}, normalised "
                   f"{row['ari_normalised']:.3f}, {row['groups']} groups")
    sys.stdout.flush()
