"""`python -m briefing.testing.llama_server ARGS`: llama.cpp's OpenAI-protocol server, made safe on AMX CPUs.

llama.cpp repacks weights into "extra buffer types" (AMX and CPU-specific layouts) by default; on
this project's machines (Xeon with AMX, wheel built with GGML_NATIVE=OFF) that path crashes with a
segmentation fault on the first prompt of more than one token. Loading weights in their plain
layout costs little for small models and never crashes, so every model this module serves is
loaded that way. Arguments are those of `python -m llama_cpp.server`.
"""

from __future__ import annotations


def _plain_weight_layout() -> None:
    import llama_cpp
    import llama_cpp.llama as llama_module

    default = llama_cpp.llama_model_default_params

    def params():
        p = default()
        p.use_extra_bufts = False
        return p

    llama_module.llama_cpp.llama_model_default_params = params


def main() -> None:
    _plain_weight_layout()
    from llama_cpp.server.__main__ import main as serve

    serve()


if __name__ == "__main__":
    main()
