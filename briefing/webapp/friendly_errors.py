"""Exceptions turned into messages a reader can act on (pure: no streamlit, no provider imports)."""

from __future__ import annotations

from briefing.redaction import redact


def _kind(exc: BaseException) -> str:
    names = {cls.__name__ for cls in type(exc).__mro__}
    module = type(exc).__module__ or ""
    text = str(exc).lower()
    if names & {"AuthenticationError", "PermissionDeniedError"}:
        return "auth"
    if "RateLimitError" in names:
        return "rate"
    if names & {"APIConnectionError", "APITimeoutError"} or (module.startswith("openai") and "connect" in text):
        return "model-unreachable"
    if module.startswith(("openai", "langchain")):
        return "model"
    if module.startswith("chromadb") or "chroma" in text:
        if any(w in text for w in ("connect", "refused", "unreachable", "timed out", "timeout")):
            return "store-unreachable"
        return "store"
    if names & {"ConnectionError", "ConnectError", "ConnectTimeout", "TimeoutError"}:
        return "unreachable"
    if "EmbedderUnavailable" in names:
        return "embedder"
    if names & {"ValueError", "FileNotFoundError", "NotADirectoryError"}:
        return "input"
    return "unknown"


def friendly_message(exc: BaseException, *, doing: str = "") -> str:
    """One or two sentences: what went wrong and what to do. `doing` says what was attempted."""
    detail = redact(" ".join(str(exc).split()))[:400]
    prefix = f"Could not {doing}: " if doing else ""
    kind = _kind(exc)
    if kind == "auth":
        return prefix + "the model service refused the API key. Check OPENAI_API_KEY (or BRIEFING_OPENAI_API_KEY), or unset it to answer offline in extractive mode."
    if kind == "rate":
        return prefix + "the model service is rate-limiting requests. Wait a moment and ask again."
    if kind == "model-unreachable":
        return prefix + "the model service could not be reached. Check BRIEFING_OPENAI_BASE_URL / your network, or set BRIEFING_LLM=extractive to answer offline."
    if kind == "model":
        return prefix + f"the model service returned an error ({detail}). Try again, or set BRIEFING_LLM=extractive to answer offline."
    if kind == "store-unreachable":
        return prefix + f"the article store could not be reached ({detail}). Start the Chroma server named in BRIEFING_CHROMA_URL, or unset it to use the embedded store."
    if kind == "store":
        return prefix + f"the article store reported an error ({detail}). Check BRIEFING_DATA_DIR and BRIEFING_EMBEDDER."
    if kind == "unreachable":
        return prefix + f"a network service could not be reached ({detail})."
    if kind in ("embedder", "input"):
        return prefix + detail
    return prefix + f"an unexpected error occurred ({type(exc).__name__}: {detail}). The server log has the details."
