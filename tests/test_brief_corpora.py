"""Every citation of every briefing of the demo corpora resolves to a stored passage holding its quote."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from briefing.briefs.archive import BriefingArchive
from briefing.briefs.builder import BriefRequest, build_briefing
from briefing.briefs.verify import citation_problems

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "corpus"
WCEP = CORPUS / "wcep_2025-06-14_18.jsonl"
GV = CORPUS / "globalvoices_fr.jsonl"
MT = CORPUS / "moscowtimes_fr_2025-02-26.txt"

pytestmark = pytest.mark.skipif(not (WCEP.exists() and GV.exists()), reason=f"shared data not found at {CORPUS}")


def _service(folder: Path, paths: list[Path]):
    from briefing.settings import Settings
    from briefing.wiring import build_service

    svc = build_service(Settings(data_dir=folder, embedder="fake", llm="extractive", allow_network=False,
                                 _env_file=None))
    report = svc.ingest([str(p) for p in paths])
    assert report.count("added") > 0
    return svc


def _gv_week(tmp: Path) -> Path:
    """The Global Voices items of the week ending on its busiest day, 2011-08-22."""
    out = tmp / "gv_week.jsonl"
    lines = [line for line in GV.read_text(encoding="utf-8").splitlines()
             if line.strip() and "2011-08-16" <= json.loads(line)["published"] <= "2011-08-22"]
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return out


def _all_days(svc, archive, days) -> list:
    briefings = [build_briefing(svc, BriefRequest(since=d, until=d), archive=archive) for d in days]
    return briefings


def test_every_citation_of_the_demo_briefings_resolves(tmp_path):
    svc = _service(tmp_path / "data", [WCEP, _gv_week(tmp_path), MT])
    archive = BriefingArchive(tmp_path / "briefings")
    days = sorted({a.published for a in svc.articles()})
    briefings = _all_days(svc, archive, days)
    briefings.append(build_briefing(svc, BriefRequest(since=dt.date(2025, 6, 14), until=dt.date(2025, 6, 18)),
                                    archive=archive))
    briefings.append(build_briefing(svc, BriefRequest(since=dt.date(2011, 8, 16), until=dt.date(2011, 8, 22)),
                                    archive=archive))
    cited = 0
    for b in briefings:
        assert citation_problems(b, svc.store.get_passages) == [], b.id
        cited += len(b.all_citations())
        assert all(s.citations or s.status == "developing" for s in b.stories), b.id
    assert cited >= 40
    # consecutive WCEP days continue the Iran–Israel and Gaza stories
    assert any(s.status == "developing" for b in briefings if b.since == dt.date(2025, 6, 15) for s in b.stories)


@pytest.mark.slow
def test_every_day_of_the_whole_global_voices_corpus(tmp_path):
    svc = _service(tmp_path / "data", [GV])
    archive = BriefingArchive(tmp_path / "briefings")
    days = sorted({a.published for a in svc.articles()})
    for b in _all_days(svc, archive, days):
        assert citation_problems(b, svc.store.get_passages) == [], b.id


@pytest.mark.slow
def test_one_event_in_two_languages_is_one_story_with_the_real_embedder(tmp_path):
    """The Moscow Times' French article and an English wire on the Istanbul embassy talks group
    together; unrelated English news of the same day does not join them."""
    from briefing.models import Article
    from briefing.settings import Settings
    from briefing.wiring import build_service

    if not MT.exists():
        pytest.skip(f"reference article not found at {MT}")
    svc = build_service(Settings(data_dir=tmp_path / "data", embedder="e5-small", llm="extractive",
                                 allow_network=False, _env_file=None))
    assert svc.ingest([str(MT)]).count("added") == 1
    (fr,) = svc.articles()
    day = fr.published
    english = [
        ("Russian and US diplomats to meet in Istanbul, Lavrov says",
         "Russian and American diplomats will meet in Istanbul on Thursday to discuss embassy staffing, Russian "
         "foreign minister Sergei Lavrov said on Wednesday during a visit to Qatar. Lavrov and US secretary of "
         "state Marco Rubio met in Riyadh last week and agreed to start negotiations on ending the war in Ukraine."),
        ("Heavy snow closes Alpine passes",
         "Heavy snowfall closed several Alpine passes in Switzerland and Austria on Wednesday, stranding hundreds "
         "of drivers. Avalanche warnings were raised to the highest level in the Swiss canton of Valais."),
        ("Central bank holds interest rates",
         "The European Central Bank kept its main interest rate unchanged on Wednesday, saying inflation in the "
         "euro area was slowing but wages were still rising quickly."),
        ("Football club sacks its coach",
         "The Italian football club sacked its head coach on Wednesday after a run of six defeats, the club said "
         "in a statement, naming the youth team coach as interim manager."),
    ]
    svc.ingest_articles([Article(id=f"en{i}", title=t, text=x, published=day, source=f"Wire {i}", language="en")
                         for i, (t, x) in enumerate(english)])
    b = build_briefing(svc, BriefRequest(since=day, until=day, language="en"), save=False)
    story = next(s for s in b.stories if fr.id in s.article_ids)
    assert set(story.article_ids) == {fr.id, "en0"}
    assert story.sources == 2 and set(story.languages) == {"en", "fr"}
    assert b.stories[0].id == story.id
    assert citation_problems(b, svc.store.get_passages) == []
