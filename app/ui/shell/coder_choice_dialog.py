"""“Who is coding?”: the project's coders (colour, initials, name) and “Someone new…”, asked on opening a project
with several coders and by File ▸ Switch Coder…."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.model.core.dto import CoderInfo

_ID = Qt.ItemDataRole.UserRole + 1
NEW = -1  # the row "Someone new…"


def coder_icon(colour: str) -> QIcon:
    chip = QPixmap(14, 14)
    chip.fill(QColor(colour))
    return QIcon(chip)


class CoderChoiceDialog(QDialog):
    """Choose one of `coders`, or type a new name (when `allow_new`); `chosen()` is a coder's id or a new name."""

    def __init__(
        self,
        project_name: str,
        coders: Sequence[CoderInfo],
        selected: int | None,
        *,
        allow_new: bool = True,
        suggested_name: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Who is coding?")
        heading = QLabel(
            f"Who is coding in <b>{_escaped(project_name)}</b>? Your codings are recorded under this name."
        )
        heading.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self._ok: QPushButton = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.list = QListWidget()
        for coder in coders:
            blind = "   (codes blind)" if coder.blind else ""
            item = QListWidgetItem(coder_icon(coder.colour), f"{coder.initials:<4}  {coder.name}{blind}")
            item.setData(_ID, coder.id)
            self.list.addItem(item)
            if coder.id == selected:
                self.list.setCurrentItem(item)
        self.new_name = QLineEdit(suggested_name)
        self.new_name.setPlaceholderText("Your name, recorded with every coding")
        if allow_new:
            item = QListWidgetItem("Someone new…")
            item.setData(_ID, NEW)
            self.list.addItem(item)
        if self.list.currentItem() is None:
            self.list.setCurrentRow(0)
        self.list.currentItemChanged.connect(lambda *_: self._update())
        self.list.itemDoubleClicked.connect(lambda _: self.accept() if self._ok.isEnabled() else None)
        self.new_name.textChanged.connect(lambda _: self._update())
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.list)
        layout.addWidget(self.new_name)
        layout.addWidget(self.buttons)
        self.list.setMinimumHeight(120)
        self.resize(440, 240)
        self._update()

    def _is_new(self) -> bool:
        item = self.list.currentItem()
        return item is not None and bool(item.data(_ID) == NEW)

    def _update(self) -> None:
        new = self._is_new()
        self.new_name.setVisible(new)
        if new:
            self.new_name.setFocus()
        self._ok.setEnabled(self.list.currentItem() is not None and (not new or bool(self.new_name.text().strip())))

    def chosen(self) -> int | str | None:
        item = self.list.currentItem()
        if item is None:
            return None
        if item.data(_ID) == NEW:
            return " ".join(self.new_name.text().split()) or None
        return int(item.data(_ID))


def _escaped(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
