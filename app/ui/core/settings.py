"""Preferences and window state: each setting declared once (key, type, default), read through typed accessors."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, TypeVar

from PySide6.QtCore import QByteArray, QLocale, QSettings

from app.model.reports.paper import Paper

T = TypeVar("T")


def _text(value: object) -> str:
    return str(value)


def _number(value: object) -> int:
    return int(str(value))


def _flag(value: object) -> bool:
    return value if isinstance(value, bool) else str(value).lower() == "true"  # ini files keep booleans as text


def _bytes(value: object) -> QByteArray:
    if isinstance(value, QByteArray):
        return value
    raise TypeError(value)


@dataclass(frozen=True)
class Setting(Generic[T]):
    key: str
    default: T
    parse: Callable[[object], T]


CODER = Setting("coding/coder", "", _text)  # offered as the coder of a new project
FONT_FAMILY = Setting("viewer/font_family", "", _text)
FONT_SIZE = Setting("viewer/font_size", 12, _number)
HIGHLIGHT = Setting("viewer/highlight", "background", _text)  # "background" or "underline"
SHOW_MARGIN = Setting("viewer/show_margin", True, _flag)
# An installed spaCy pipeline (package name or folder) de-identification may ask; "" for none.
NER_MODEL = Setting("deidentify/ner_model", "", _text)
GEOMETRY = Setting("window/geometry", QByteArray(), _bytes)
STATE = Setting("window/state", QByteArray(), _bytes)
# The folder each kind of file dialog last chose (see app.ui.core.file_dialogs).
PROJECTS_FOLDER = Setting("folders/projects", "", _text)
SOURCES_FOLDER = Setting("folders/sources", "", _text)  # transcripts, attribute sheets, files from other tools
EXPORTS_FOLDER = Setting("folders/exports", "", _text)
RECENT_KEY = "files/recent"
RECENT_LIMIT = 10


class Settings:
    """Typed access over QSettings; tests pass their own QSettings (an ini file in a temporary folder)."""

    def __init__(self, store: QSettings | None = None) -> None:
        self._store = store or QSettings()

    def get(self, setting: Setting[T]) -> T:
        value = self._store.value(setting.key)
        if value is None:
            return setting.default
        try:
            return setting.parse(value)
        except (TypeError, ValueError):
            return setting.default

    def set(self, setting: Setting[T], value: T) -> None:
        self._store.setValue(setting.key, value)

    def recent_files(self) -> list[str]:
        value = self._store.value(RECENT_KEY)
        files = [value] if isinstance(value, str) else list(value) if isinstance(value, list) else []
        return [str(f) for f in files if f]

    def add_recent(self, path: str) -> None:
        files = [path, *(f for f in self.recent_files() if f != path)][:RECENT_LIMIT]
        self._store.setValue(RECENT_KEY, files)

    def sync(self) -> None:
        self._store.sync()


def paper_for_locale() -> Paper:
    """Letter where the user's locale measures in US units (the US, Canada's English, ...); A4 elsewhere."""
    return Paper.LETTER if QLocale().measurementSystem() == QLocale.MeasurementSystem.ImperialUSSystem else Paper.A4
