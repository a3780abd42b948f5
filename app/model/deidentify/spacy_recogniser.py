"""The spaCy adapter of `Recogniser`: an installed pipeline the user names (a package such as en_core_web_sm, or
a folder a pipeline was saved to). Used only if spaCy can be imported; spaCy never downloads a pipeline on load,
so nothing is fetched. A missing spaCy or pipeline is a clear `ValidationError`, never a crash."""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from app.model.core.errors import ValidationError
from app.model.deidentify.recogniser import Entity

INSTALL = "pip install 'axial[ner]'"


class SpacyRecogniser:
    def __init__(self, pipeline: Any, name: str) -> None:
        self._nlp = pipeline
        self._name = name

    @property
    def name(self) -> str:
        return self._name

    def entities(self, text: str) -> Sequence[Entity]:
        # spaCy refuses a text longer than max_length (a memory guard for its parser); a transcript is read whole.
        self._nlp.max_length = max(self._nlp.max_length, len(text) + 1)
        # Character offsets into the Python string: code points, as Axial stores positions.
        return [Entity(e.start_char, e.end_char, e.label_) for e in self._nlp(text).ents]


def load_spacy(model: str) -> SpacyRecogniser:
    """The pipeline `model` (an installed package's name or a folder), or a `ValidationError` saying what is
    missing."""
    model = model.strip()
    if not model:
        raise ValidationError("Name an installed spaCy pipeline (a package such as en_core_web_sm, or a folder).")
    try:
        spacy = importlib.import_module("spacy")
    except ImportError:
        raise ValidationError(
            f"The named-entity model “{model}” needs spaCy, which is not installed ({INSTALL}); "
            "the names in the pseudonym table are still found without it."
        ) from None
    folder = Path(model).expanduser()
    looks_like_folder = folder.is_absolute() or any(sep in model for sep in ("/", "\\")) or folder.exists()
    if looks_like_folder and not folder.is_dir():
        raise ValidationError(f"The named-entity model {folder} is not a folder holding a saved spaCy pipeline.")
    try:
        pipeline = spacy.load(folder if looks_like_folder else model)
    except (OSError, ValueError, ImportError) as error:
        raise ValidationError(
            f"spaCy could not load the named-entity model “{model}”: install it first (Axial never downloads "
            f"one), or name a folder holding a saved pipeline. ({_first_line(error)})"
        ) from None
    if "ner" not in pipeline.pipe_names and "entity_ruler" not in pipeline.pipe_names:
        raise ValidationError(f"The spaCy pipeline “{model}” finds no named entities (it has no ner component).")
    return SpacyRecogniser(pipeline, folder.name if looks_like_folder else model)


def _first_line(error: BaseException) -> str:
    return str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
