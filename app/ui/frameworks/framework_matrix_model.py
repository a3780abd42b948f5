"""The framework matrix as a table model: units (sites or cases) by constructs (or codes), each cell the team's
rating over its shade and the number of excerpts behind it.

The domain reads the whole matrix at once (`framework_matrix`); a rating or summary typed in re-reads only the
ratings and summaries (two queries), never the codings, so rating at keyboard speed stays fast on a large project.
Units can be ordered by an outcome and split high/low by a chosen cut; each construct then carries the
distinguishing aid's label and its reason.
"""

from __future__ import annotations

import textwrap
from dataclasses import replace
from functools import lru_cache
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont

from app.model.cases.computed import sheet
from app.model.core.dto import RatingInfo, RatingUnitInfo
from app.model.core.errors import AxialError
from app.model.frameworks.distinguishing import Cut, CutKind, Explanation, Side, Split, explain, split_units
from app.model.frameworks.framework_matrix import Columns, MatrixColumn, framework_matrix
from app.model.frameworks.framework_service import RaterRatingInfo
from app.model.frameworks.rating_colours import fill
from app.model.frameworks.unit_ranges import row_groups
from app.model.project import Project

Index = QModelIndex | QPersistentModelIndex
UNIT_ROLE = Qt.ItemDataRole.UserRole + 1
COLUMN_ROLE = Qt.ItemDataRole.UserRole + 2
SHOWN = {"missing": "m", "na": "n/a"}
HEADER_WIDTH = 13  # characters on a line of a column's header: names wrap between words, as in the Word matrix
HEADER_LINES = 3
ALL_ROWS = ""  # no group chosen: every row is shown
FLAG_MARK = "⚑"  # a flagged rating ("to discuss", "low confidence")
FLAGGED = "to discuss"  # the flag the f key puts on a cell
_ROLES = frozenset(
    int(role)
    for role in (
        Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole, Qt.ItemDataRole.BackgroundRole,
        Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.TextAlignmentRole, Qt.ItemDataRole.ToolTipRole,
        UNIT_ROLE, COLUMN_ROLE,
    )
)  # fmt: skip
_CENTRED = int(Qt.AlignmentFlag.AlignCenter)


class FrameworkMatrixModel(QAbstractTableModel):
    refused = Signal(str)  # an edit the domain refused, in its words

    def __init__(self, project: Project, framework_id: int) -> None:
        super().__init__()
        self.project, self.framework_id = project, framework_id
        self.kind = Columns.CONSTRUCTS
        self.outcome_id: int | None = None
        self.cut = Cut()
        self.row_filter = ""
        self.column_filter = ""
        self.hide_empty = False
        self.document_ids: frozenset[int] | None = None  # a set of documents the counts keep to (None: all)
        self.matrix = framework_matrix(project, framework_id, self.kind)
        # Rows come in groups (cases, values of Site, ranges of Change); the matrix shows all or one of them, and
        # the outcome's cut is taken among the rows shown, never across kinds of row.
        self.group = ALL_ROWS
        self.groups: dict[int, str] = {}
        self.split: Split | None = None
        self.units: list[RatingUnitInfo] = []
        self.columns: list[MatrixColumn] = []
        self.sides: dict[int, Side] = {}
        self.explanations: dict[int, Explanation] = {}
        # Rating as oneself: keys write the current coder's own rating, shown beside the team's, which stays.
        self.as_rater = False
        self.raters: dict[tuple[int, int], list[RaterRatingInfo]] = {}
        self._arrange()

    # --- what is shown -------------------------------------------------------------------------------------

    def reload(self) -> None:
        """Read the whole matrix again (after codings, codes, mappings, units or attributes changed)."""
        self.beginResetModel()
        self.matrix = framework_matrix(self.project, self.framework_id, self.kind, self.document_ids)
        self._arrange()
        self.endResetModel()

    def set_documents(self, document_ids: frozenset[int] | None) -> None:
        """Count only the codings of these documents (a document set; None: every document)."""
        self.document_ids = document_ids
        self.reload()

    def set_group(self, group: str) -> None:
        """Show one group of rows (ALL_ROWS: every row)."""
        self.beginResetModel()
        self.group = group
        self._arrange()
        self.endResetModel()

    def group_names(self) -> list[str]:
        """The groups the rows fall in, in the order of the rows."""
        return list(dict.fromkeys(self.groups[u.id] for u in self.matrix.rows))

    def reload_ratings(self) -> None:
        """Read only the ratings and summaries again: what typing in the matrix changes."""
        ratings = {(r.unit_id, r.node_id): r for r in self.project.frameworks.ratings()}
        self.matrix = replace(self.matrix, ratings=ratings, summaries=self.project.frameworks.summaries())
        self._read_raters()
        self._explain()
        if self.rowCount() and self.columnCount():
            self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, self.columnCount() - 1))
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.columnCount() - 1)

    def set_as_rater(self, on: bool) -> None:
        """Show and type the current coder's own ratings beside the team's (on), or the team's alone (off)."""
        self.as_rater = on
        self._read_raters()
        if self.rowCount() and self.columnCount():
            self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, self.columnCount() - 1))

    def _read_raters(self) -> None:
        self.raters = {}
        for rating in self.project.frameworks.rater_ratings():
            self.raters.setdefault((rating.unit_id, rating.node_id), []).append(rating)

    def own(self, unit_id: int, column_id: int) -> RaterRatingInfo | None:
        me = self.project.store.coder_id
        return next((r for r in self.raters.get((unit_id, column_id), ()) if r.coder_id == me), None)

    def set_kind(self, kind: Columns) -> None:
        """Constructs or codes as the columns."""
        self.beginResetModel()
        self.kind = kind
        self.matrix = framework_matrix(self.project, self.framework_id, kind, self.document_ids)
        self._arrange()
        self.endResetModel()

    def set_comparison(self, outcome_id: int | None, cut: Cut) -> None:
        """Order the units by an outcome (None: their own order) and split them high and low by the cut."""
        if (outcome_id, cut) == (self.outcome_id, self.cut):
            return  # as it is: nothing to read again (the window sets its controls' first values so)
        self.beginResetModel()
        self.outcome_id, self.cut = outcome_id, cut
        self._arrange()
        self.endResetModel()

    def set_filters(self, rows: str, columns: str, *, hide_empty: bool) -> None:
        """Show the units and columns whose names hold the words; hide columns with nothing in any shown unit."""
        self.beginResetModel()
        self.row_filter, self.column_filter, self.hide_empty = rows, columns, hide_empty
        self._arrange()
        self.endResetModel()

    def endResetModel(self) -> None:  # noqa: N802
        super().endResetModel()
        for orientation, count in (
            (Qt.Orientation.Vertical, self.rowCount()),
            (Qt.Orientation.Horizontal, self.columnCount()),
        ):
            if count:
                self.headerDataChanged.emit(orientation, 0, count - 1)  # the headers size to what they now say

    def _arrange(self) -> None:
        self._read_raters()
        self.groups = row_groups(self.matrix.rows, {a.id: a.name for a in self.project.cases.attributes()})
        units = [u for u in self.matrix.rows if self.group in (ALL_ROWS, self.groups[u.id])]
        compared = self.outcome_id is not None or self.cut.kind is CutKind.VALUE
        self.split = split_units(units, self.outcome_id, self.cut, sheet(self.project)) if compared else None
        self.sides = {s.unit.id: s for s in self.split.sides} if self.split else {}
        if self.split is not None:
            units = [s.unit for s in self.split.sides]
        wanted = self.row_filter.casefold()
        self.units = [u for u in units if wanted in u.label.casefold()]
        looked = self.column_filter.casefold()
        columns = [c for c in self.matrix.columns if looked in f"{c.label} {c.group}".casefold()]
        if self.hide_empty:
            columns = [c for c in columns if any(self._has_anything(u.id, c.id) for u in self.units)]
        self.columns = columns
        self._explain()

    def _has_anything(self, unit_id: int, column_id: int) -> bool:
        m = self.matrix
        return bool(m.count(unit_id, column_id) or m.rating(unit_id, column_id) or m.summary(unit_id, column_id))

    def _explain(self, columns: list[MatrixColumn] | None = None) -> None:
        """The aid's label and reason for the columns given (None: every column, afresh)."""
        if columns is None:
            self.explanations = {}
        if self.split is None or self.matrix.kind is not Columns.CONSTRUCTS:
            return
        for column in self.matrix.columns if columns is None else columns:
            pairs = []
            for side in self.split.sides:
                rating = self.matrix.rating(side.unit.id, column.id)
                pairs.append((side, rating.value if rating else None))
            self.explanations[column.id] = explain(pairs, self.split.rule)

    # --- cells ---------------------------------------------------------------------------------------------

    def cell(self, index: Index) -> tuple[RatingUnitInfo, MatrixColumn]:
        return self.units[index.row()], self.columns[index.column()]

    def rating(self, index: Index) -> RatingInfo | None:
        unit, column = self.cell(index)
        return self.matrix.rating(unit.id, column.id)

    def index_of(self, unit_id: int, column_id: int) -> QModelIndex:
        row = next((i for i, u in enumerate(self.units) if u.id == unit_id), -1)
        column = next((i for i, c in enumerate(self.columns) if c.id == column_id), -1)
        return self.index(row, column) if row >= 0 and column >= 0 else QModelIndex()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.units)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.columns)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return flags | Qt.ItemFlag.ItemIsEditable if self.kind is Columns.CONSTRUCTS else flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # Painting asks each cell for a dozen roles: the ones not shown are answered before anything is looked up.
        if role not in _ROLES or not index.isValid():
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _CENTRED
        if index.row() >= len(self.units) or index.column() >= len(self.columns):
            return None
        unit, column = self.cell(index)
        rating = self.matrix.rating(unit.id, column.id)
        own = self.own(unit.id, column.id) if self.as_rater else None
        if role == Qt.ItemDataRole.DisplayRole:
            count = self.matrix.count(unit.id, column.id)
            shown = SHOWN.get(rating.value, rating.value) if rating else ""
            if self.as_rater:  # mine | the team's
                shown = f"{SHOWN.get(own.value, own.value) if own else '·'} | {shown or '·'}"
            note = "✎" if self.matrix.summary(unit.id, column.id) else ""
            flag = FLAG_MARK if rating and rating.flag else ""
            return "  ".join(part for part in (shown + flag, f"({count})" if count else "", note) if part)
        if role == Qt.ItemDataRole.EditRole:
            if self.as_rater:
                return own.rationale if own else ""
            return rating.rationale if rating else ""
        if role == Qt.ItemDataRole.BackgroundRole:
            shown_rating = own if self.as_rater else rating
            shade = fill(shown_rating.value if shown_rating else None)
            return QBrush(QColor(f"#{shade}")) if shade else None
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(QColor("#000000")) if rating else None
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tip(unit, column, rating)
        if role == UNIT_ROLE:
            return unit.id
        if role == COLUMN_ROLE:
            return column.id
        return None

    def _tip(self, unit: RatingUnitInfo, column: MatrixColumn, rating: RatingInfo | None) -> str:
        count = self.matrix.count(unit.id, column.id)
        lines = [f"{unit.label} · {column.label}", f"{count} excerpt{'' if count == 1 else 's'}"]
        if rating is not None:
            lines.append(f"Rated {rating.value}" + (f": {rating.rationale}" if rating.rationale else ""))
            if rating.flag:
                lines.append(f"{FLAG_MARK} Flagged: {rating.flag}")
        summary = self.matrix.summary(unit.id, column.id)
        if summary:
            lines.append(f"Summary: {summary.splitlines()[0]}")
        raters = self.raters.get((unit.id, column.id), [])
        if raters:
            lines.append("Raters: " + ", ".join(f"{self.project.coder_name(r.coder_id)} {r.value}" for r in raters))
        return "\n".join(lines)

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        """The rationale typed in place (Enter on a cell)."""
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or self.kind is not Columns.CONSTRUCTS:
            return False
        unit, column = self.cell(index)
        if self.as_rater:
            own = self.own(unit.id, column.id)
            if own is None:
                self.refused.emit("Rate the cell first: a rationale explains a rating.")
                return False
            edits = self.project.edits
            return self._do(lambda: edits.rate_as_rater(unit.id, column.id, own.value, str(value)), index)
        rating = self.matrix.rating(unit.id, column.id)
        if rating is not None and rating.rationale == str(value).strip():
            return False
        return self._do(lambda: self.project.edits.set_rationale(unit.id, column.id, str(value)), index)

    def rate(self, index: Index, value: str | None) -> bool:
        """Rate the cell (None takes its rating off)."""
        if not index.isValid() or self.kind is not Columns.CONSTRUCTS:
            return False
        unit, column = self.cell(index)
        edits = self.project.edits
        if self.as_rater:
            if value is None:
                self.refused.emit("Your own rating is replaced by typing another; the team's is cleared in its view.")
                return False
            own = self.own(unit.id, column.id)
            why = own.rationale if own else ""
            return self._do(lambda: edits.rate_as_rater(unit.id, column.id, value, why), index)
        if value is None:
            return self._do(lambda: edits.clear_rating(unit.id, column.id), index)
        return self._do(lambda: edits.set_rating_value(unit.id, column.id, value), index)

    def set_flag(self, index: Index, flag: str | None = None) -> bool:
        """Flag the team's rating of a cell (None: flag it "to discuss", or take off the flag it has)."""
        if not index.isValid() or self.kind is not Columns.CONSTRUCTS:
            return False
        unit, column = self.cell(index)
        rating = self.matrix.rating(unit.id, column.id)
        if flag is None:
            flag = "" if rating is not None and rating.flag else FLAGGED
        if rating is not None and rating.flag == " ".join(flag.split()):
            return False
        return self._do(lambda: self.project.edits.set_flag(unit.id, column.id, flag), index)

    def _do(self, edit: Any, index: Index) -> bool:
        try:
            edit()
        except AxialError as error:
            self.refused.emit(str(error))
            return False
        self.reload_cell(index)
        return True

    def reload_cell(self, index: Index) -> None:
        """Read one cell's rating and summary again, after an edit made here (and its column's label)."""
        unit, column = self.cell(index)
        key = (unit.id, column.id)
        rating = self.project.frameworks.rating(*key)
        ratings = {k: v for k, v in self.matrix.ratings.items() if k != key} | ({key: rating} if rating else {})
        summary = self.project.frameworks.summaries().get(key)
        summaries = {k: v for k, v in self.matrix.summaries.items() if k != key} | ({key: summary} if summary else {})
        self.matrix = replace(self.matrix, ratings=ratings, summaries=summaries)
        if self.as_rater:
            self._read_raters()
        self._explain([column])
        self.dataChanged.emit(index, index)
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, index.column(), index.column())

    # --- headers -------------------------------------------------------------------------------------------

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if orientation == Qt.Orientation.Vertical:
            if section >= len(self.units):
                return None
            unit = self.units[section]
            side = self.sides.get(unit.id)
            if role == Qt.ItemDataRole.DisplayRole:
                outcome = f"  {side.outcome:g}" if side and side.outcome is not None else ""
                mark = {True: "  ▲", False: "  ▼"}.get(side.high, "") if side and side.high is not None else ""
                return f"{unit.label}{outcome}{mark}"
            if role == Qt.ItemDataRole.ToolTipRole and side is not None and side.high is not None:
                return f"{'High' if side.high else 'Low'} unit ({self.split.rule if self.split else ''})"
            return None
        if section >= len(self.columns):
            return None
        column = self.columns[section]
        explanation = self.explanations.get(column.id)
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{_name_lines(column)}\n{f'· {_short(explanation)} ·' if explanation else ''}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return (
                (column.group + "\n" if column.group else "")
                + column.label
                + (f"\n\n{explanation.advisory.value}: {explanation.reason}" if explanation else "")
            )
        if role == Qt.ItemDataRole.FontRole and explanation is not None:
            font = QFont()
            font.setBold(explanation.advisory.name == "STRONG")
            return font
        return None


@lru_cache(maxsize=4096)
def _name_lines(column: MatrixColumn) -> str:
    """A column's id and name wrapped between words, always as many lines so the header keeps its height (the
    views ask for it at every paint and sizing, so it is wrapped once)."""
    node = column.node
    name = node.study_name or node.name if node else column.label
    lines = textwrap.wrap(name, HEADER_WIDTH, break_long_words=False, break_on_hyphens=False)
    padding = [""] * (HEADER_LINES - len(lines))
    return "\n".join([(node.official_id if node else "") or "", *lines[:HEADER_LINES], *padding])


def _short(explanation: Explanation) -> str:
    """The label as a header has room for it."""
    return {"STRONG": "strong", "WEAK": "weak", "MIXED": "mixed", "LITTLE": "too little data"}[
        explanation.advisory.name
    ]
