"""A bar that narrows a view to a set of documents, to cases (one of them, or those with an attribute value) and to
a range of a number or date attribute (`Change ≥ 5`); it gives the domain's `Scope`, so the excerpts panel and
search mean what analyses and exports mean."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QWidget

from app.model.analysis.matrices import attribute_values
from app.model.analysis.scope import Range, Scope, parse_range
from app.model.core.dto import AttributeType
from app.model.core.errors import ValidationError
from app.model.project import Project
from app.ui.core.combos import refill

_ORDERED = (AttributeType.NUMBER, AttributeType.DATE)


class RangeChoice(QWidget):
    """A number or date attribute and the range its values must fall in, typed: ≥ 5, < 10, 5..9."""

    changed = Signal()

    def __init__(self, project: Project) -> None:
        super().__init__()
        self.project = project
        self.attribute = QComboBox()
        self.attribute.setToolTip("Only cases whose number or date falls in a range")
        self.attribute.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.text = QLineEdit()
        self.text.setPlaceholderText("≥ 5, < 10, 5..9")
        self.text.setToolTip("A range: >= 5 (or ≥ 5), > 5, <= 5, < 5, or 5..9 with both ends; dates as 2024-06-01")
        self.text.setClearButtonEnabled(True)
        self.text.setMinimumWidth(self.text.fontMetrics().horizontalAdvance("≥ 5, < 10, 5..9") + 36)
        self.text.setMaximumWidth(160)
        self.attribute.currentIndexChanged.connect(self._attribute_changed)
        self.text.editingFinished.connect(self._typed)
        self._last = ""
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.attribute)
        layout.addWidget(self.text)

    def fill(self) -> None:
        ordered = [(a.name, a.id) for a in self.project.cases.attributes() if a.type in _ORDERED]
        refill(self.attribute, [("any number or date", None), *ordered])
        self.setVisible(bool(ordered))
        self.text.setEnabled(self.attribute.currentData() is not None)

    def condition(self) -> tuple[int, Range] | None:
        """The chosen attribute and range; None when none is chosen. `ValidationError` says what is wrong with
        a range typed badly."""
        attribute_id, typed = self.attribute.currentData(), self.text.text().strip()
        if attribute_id is None or not typed:
            return None
        attribute = next(a for a in self.project.cases.attributes() if a.id == attribute_id)
        return attribute_id, parse_range(typed, attribute.type is AttributeType.DATE)

    def _attribute_changed(self) -> None:
        self.text.setEnabled(self.attribute.currentData() is not None)
        if self.text.text().strip():
            self.changed.emit()

    def _typed(self) -> None:
        if self.text.text() != self._last:  # Return and leaving the field both finish editing: tell once
            self._last = self.text.text()
            self.changed.emit()


class ScopeBar(QWidget):
    """Set, cases and range choices in a row; `scope()` reads them. Its owner calls `fill` when the choices are
    first needed (not when a project opens) and when the project's cases or sets change."""

    changed = Signal()

    def __init__(self, project: Project) -> None:
        super().__init__()
        self.project = project
        self.sets = QComboBox()
        self.sets.setToolTip("Only the documents of a set")
        self.cases = QComboBox()
        self.cases.setToolTip("Only what these cases said (a case, or every case with an attribute value)")
        self.range = RangeChoice(project)
        self.sets.currentIndexChanged.connect(lambda _: self.changed.emit())
        self.cases.currentIndexChanged.connect(lambda _: self.changed.emit())
        self.range.changed.connect(self.changed)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.sets, 1)
        layout.addWidget(QLabel("Cases"))
        layout.addWidget(self.cases, 1)
        layout.addWidget(self.range)

    def fill(self) -> None:
        """The sets, cases and values to choose from, as the project has them now (choices kept where they still
        exist)."""
        sets = [(f"in {g.name}", g.id) for g in self.project.groups.all() if g.kind == "documents"]
        refill(self.sets, [("in every document", None), *sets])
        self.sets.setVisible(bool(sets))
        values = [(a, v) for a, present in attribute_values(self.project) for v in present]
        cases = [(f"case {c.name}", ("case", c.id)) for c in self.project.cases.all()]
        refill(self.cases, [("any case", None), *((f"{a.name}: {v}", ("value", (a.id, v))) for a, v in values), *cases])
        self.range.fill()

    def scope(self, base: Scope | None = None) -> Scope:
        """The base scope narrowed by the choices; `ValidationError` for a range typed badly."""
        scope = base or Scope()
        group = self.sets.currentData()
        if group is not None:
            scope = replace(scope, set_ids=frozenset({int(group)}))
        chosen = self.cases.currentData()
        if chosen is not None:  # ("case", id) or ("value", (attribute id, value))
            kind, picked = chosen
            if kind == "case":
                scope = replace(scope, case_ids=frozenset({int(picked)}))
            else:
                values = ((int(picked[0]), frozenset({str(picked[1])})),)
                scope = replace(scope, attribute_values=scope.attribute_values + values)
        condition = self.range.condition()
        if condition is not None:
            scope = replace(scope, attribute_ranges=(*scope.attribute_ranges, condition))
        return scope

    def describe(self) -> str:
        """The choices in words ("in Site A, Role: supervisor, Change ≥ 5"), empty when nothing narrows."""
        parts = [c.currentText() for c in (self.sets, self.cases) if c.currentData() is not None]
        try:
            condition = self.range.condition()
        except ValidationError:
            condition = None
        if condition is not None:
            parts.append(f"{self.range.attribute.currentText()} {condition[1].label}")
        return ", ".join(parts)
