"""The one place parts are built from settings. The CLI and the web app both call build_service."""

from __future__ import annotations

from briefing.settings import Settings


def build_service(settings: Settings | None = None, **overrides):
    """A ready BriefingService. `overrides` replace parts (store=, embedder=, answerer=, fetcher=, hooks=)."""
    from briefing.embeddings import build_embedder
    from briefing.retrieval.retriever import Retriever
    from briefing.service import BriefingService
    from briefing.store.chroma_store import ChromaStore

    settings = settings or Settings()
    embedder = overrides.pop("embedder", None) or build_embedder(
        settings.embedder, api_key=settings.resolved_api_key(),
        base_url=settings.embedding_base_url or settings.resolved_base_url())
    store = overrides.pop("store", None)
    if store is None:
        if not settings.chroma_url:
            settings.data_dir.mkdir(parents=True, exist_ok=True)
        store = ChromaStore.open(path=settings.chroma_dir, url=settings.chroma_url, name=settings.collection,
                                 embedder_name=embedder.name, dim=embedder.dim, headers=chroma_headers(settings))
    answerer = overrides.pop("answerer", None) or _build_answerer(settings, embedder)
    rewriter = overrides.pop("rewriter", None) or _build_rewriter(settings, answerer)
    hooks = overrides.pop("hooks") if "hooks" in overrides else _default_hooks(settings)
    service = BriefingService(settings, store=store, embedder=embedder, retriever=None, answerer=answerer,
                              rewriter=rewriter, fetcher=overrides.pop("fetcher", None),
                              hooks=hooks)
    service.retriever = Retriever(store, embedder, service.lexical)
    if overrides:
        raise TypeError(f"Unknown parts for build_service: {', '.join(sorted(overrides))}")
    _recover_on_open(service)
    return service


def chroma_headers(settings: Settings) -> dict[str, str]:
    """The token header for the authenticating proxy in front of a shared Chroma server."""
    token = settings.chroma_token.get_secret_value() if settings.chroma_token is not None else ""
    if not token:
        return {}
    header = settings.chroma_token_header.strip() or "Authorization"
    return {header: f"Bearer {token}" if header.lower() == "authorization" else token}


def build_web_service(settings: Settings | None = None, **overrides):
    """The service the web app uses: its URL and feed fetches may not reach internal addresses
    (loopback, private, link-local, cloud metadata) unless the settings allow them."""
    settings = settings or Settings()
    overrides.setdefault("fetcher", web_fetcher(settings))
    return build_service(settings, **overrides)


def web_fetcher(settings: Settings, *, resolver=None):
    from briefing.ingest.address_policy import AddressPolicy
    from briefing.ingest.fetching import HttpFetcher

    return HttpFetcher(settings, policy=AddressPolicy.from_settings(settings), resolver=resolver)


def _recover_on_open(service) -> None:
    """A writer killed mid-article leaves a journal entry: undo that article now, so questions are
    answered from a consistent store. When another ingest holds the store, it does this itself."""
    store = service.store
    if not store.journal.abandoned():
        return
    if store.writer_lock is not None and store.writer_lock.busy():
        return
    with service.writing():
        pass


def _default_hooks(settings: Settings) -> list:
    """Actor extraction follows every ingest and deletion; spaCy loads only when first needed."""
    from briefing.actors.hook import ActorIndex

    return [ActorIndex(settings)]


def _build_answerer(settings: Settings, embedder):
    mode = settings.generation_mode()
    if mode == "extractive":
        from briefing.answer.extractive_answerer import ExtractiveAnswerer

        return ExtractiveAnswerer(embed_sentences=embedder.embed_passages, embedder_name=embedder.name)
    from briefing.answer.llm_service import LLMServiceAnswerer

    return LLMServiceAnswerer.from_settings(settings, embedder=embedder)


def _build_rewriter(settings: Settings, answerer):
    from briefing.answer.rewrite import rewrite_followup

    chat_model = getattr(answerer, "chat_model", None)
    return lambda question, history: rewrite_followup(question, history, chat_model=chat_model)
