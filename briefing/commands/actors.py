"""`briefing actors`, `briefing actor NAME`, `briefing eval ner`: thin glue over briefing.actors."""

from __future__ import annotations


import click

from briefing.commands.options import echo_json, parse_date


def _index(ctx: click.Context):
    from briefing.actors.hook import ActorIndex, actor_index_for

    obj = ctx.find_root().obj or {}
    if "service" in obj:
        return actor_index_for(obj["service"])
    # reading actors needs neither the embedder nor Chroma: open the actor store alone
    return ActorIndex(obj["settings"])


_EMPTY = ("No actors stored yet. Ingest articles with `briefing ingest …`; if articles were ingested "
          "before actor extraction was enabled, run `briefing actors --rebuild`.")


@click.command("actors")
@click.option("--since", help="Only mentions in articles published on or after this date (YYYY-MM-DD).")
@click.option("--until", help="Only mentions in articles published on or before this date (YYYY-MM-DD).")
@click.option("--type", "type_", type=click.Choice(["person", "org", "place"]), help="Only this kind of actor.")
@click.option("--limit", default=30, show_default=True, help="How many actors to list.")
@click.option("--rebuild", is_flag=True, help="Re-extract actors from every stored article first.")
@click.option("--json", "as_json", is_flag=True, help="Print the ranking as JSON.")
@click.pass_context
def actors_cmd(ctx, since, until, type_, limit, rebuild, as_json):
    """Who is in the news: actors ranked by mentions and distinct articles, with trend."""
    if rebuild:
        _rebuild(ctx)
    index = _index(ctx)
    ranking = index.rank(since=parse_date(since, "--since"), until=parse_date(until, "--until"), type=type_, limit=limit)
    if as_json:
        echo_json([r.model_dump(mode="json") for r in ranking])
        return
    if not ranking:
        raise click.ClickException(_EMPTY if not index.store.count_articles() else "No actor matches these filters.")
    arrows = {"up": "↑", "down": "↓", "new": "new", "steady": "→"}
    for r in ranking:
        role = f" — {r.actor.role}" if r.actor.role else ""
        click.echo(f"{r.mentions:5d} mentions {r.articles:4d} articles {arrows[r.trend]:>4}  "
                   f"{r.actor.name} ({r.actor.type}){role}")


@click.command("actor")
@click.argument("name")
@click.option("--json", "as_json", is_flag=True, help="Print the profile as JSON.")
@click.pass_context
def actor_cmd(ctx, name, as_json):
    """One actor: aliases, role, articles, co-actors, what they said and whom they met, cited."""
    from briefing.actors.hook import ActorNotFound

    index = _index(ctx)
    try:
        profile = index.profile(name)
    except ActorNotFound as exc:
        raise click.ClickException(str(exc) if index.store.count_articles() else _EMPTY) from exc
    if as_json:
        echo_json(profile.to_json_dict())
        return
    click.echo(f"{profile.name} ({profile.type}){' — ' + profile.role if profile.role else ''}")
    click.echo(f"aliases: {', '.join(profile.aliases)}")
    click.echo(f"{profile.mentions} mentions in {len(profile.articles)} articles")
    if profile.co_actors:
        click.echo("with: " + ", ".join(f"{c.name} ({c.articles})" for c in profile.co_actors[:10]))
    click.echo("")
    click.echo(profile.summary)
    click.echo("")
    for c in profile.citations:
        click.echo(f"[{c.n}] {c.title} — {c.source}, {c.published}{' — ' + c.url if c.url else ''}")
        click.echo(f"    “{' '.join(c.quote.split())}”")


@click.command("ner")
@click.option("--data", "data", required=True, type=click.Path(dir_okay=False),
              help="JSONL of {id, lang, text, entities[{start, end, type}]}, e.g. ../shared/data/eval/ner_europeana_fr/dev.jsonl")
@click.option("--limit", type=int, help="Only the first N items.")
@click.option("--json", "as_json", is_flag=True)
def ner_cmd(data, limit, as_json):
    """NER precision, recall, F1 per type (PER, LOC, ORG): raw pipeline vs the actors' output."""
    from pathlib import Path

    from briefing.actors.eval_ner import EvalDataError, format_table, run_ner_eval

    try:
        result = run_ner_eval(Path(data), limit=limit)
    except EvalDataError as exc:
        raise click.ClickException(str(exc)) from exc
    if as_json:
        echo_json(result)
    else:
        click.echo(format_table(result))


def _rebuild(ctx: click.Context) -> None:
    from briefing.actors.hook import actor_index_for
    from briefing.chunking import chunk_article
    from briefing.wiring import build_service

    obj = ctx.find_root().obj
    service = obj.get("service") or build_service(obj["settings"])
    obj["service"] = service
    index = actor_index_for(service)
    articles = service.articles()
    with click.progressbar(articles, label="actors", file=click.get_text_stream("stderr")) as bar:
        for article in bar:
            # the chunker is deterministic, so these are the stored chunks and their ids
            chunks = chunk_article(article, max_tokens=service.settings.chunk_tokens,
                                   overlap_tokens=service.settings.chunk_overlap_tokens)
            index.on_removed(article.id)
            index.on_added(article, chunks)


def register(group: click.Group) -> None:
    group.add_command(actors_cmd)
    group.add_command(actor_cmd)
    eval_group = group.commands.get("eval")
    if isinstance(eval_group, click.Group):
        eval_group.add_command(ner_cmd)


ner_command = ner_cmd
