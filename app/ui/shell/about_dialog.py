"""Help ▸ About: the version, the licence, the frameworks' citations and where the log file is."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from app import version
from app.logs import log_file
from app.model.frameworks import definitions as frameworks


def about_html() -> str:
    citations = "".join(
        f"<li><b>{escape(frameworks.SHIPPED[key][0])}</b>: {escape(frameworks.shipped(key).citation)}</li>"
        for key in frameworks.SHIPPED
    )
    return (
        f"<h2>Axial {escape(version())}</h2>"
        "<p>Offline qualitative coding for implementation research.</p>"
        "<p>Free software under the MIT licence.</p>"
        f"<p>The frameworks Axial ships are described in:</p><ul>{citations}</ul>"
        f"<p>If something goes wrong, the details are in the log file:<br>{escape(str(log_file()))}</p>"
    )


class AboutDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("About Axial")
        self.text = QLabel(about_html())
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.text.setMinimumWidth(520)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(buttons)
