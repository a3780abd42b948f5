"""Pasting a block of cells (copied from Excel or another sheet: tab-separated, one line per row) into the
classification sheet, from the cell chosen down and to the right, as the rows are shown (sorted and filtered).

Every value is checked before anything is written, so a block with one value that does not fit changes nothing and
says which cell it is."""

from __future__ import annotations

from PySide6.QtCore import QSortFilterProxyModel

from app.model.cases.case_service import convert
from app.model.core.dto import AttributeValueType
from app.model.core.errors import ValidationError
from app.ui.cases.sheet_model import CaseSheetModel


def cells(text: str) -> list[list[str]]:
    """The block's rows of cells (Excel ends a block with a line break; Windows writes \\r\\n)."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    while lines and not lines[-1]:
        lines.pop()
    return [line.split("\t") for line in lines]


def pasted_values(
    text: str, view: QSortFilterProxyModel, sheet: CaseSheetModel, row: int, column: int
) -> list[tuple[int, int, AttributeValueType]]:
    """The (case id, attribute id, value) the block sets when pasted with its top left at the view's (row, column);
    `ValidationError` says why it cannot be pasted (nothing is written then)."""
    block = cells(text)
    if not block:
        raise ValidationError("There is nothing to paste.")
    width = max(len(line) for line in block)
    if row + len(block) > view.rowCount():
        raise ValidationError(
            f"The block has {len(block)} rows but only {view.rowCount() - row} cases are shown from here down."
        )
    if column + width > view.columnCount():
        raise ValidationError(
            f"The block has {width} columns but only {view.columnCount() - column} columns are shown from here across."
        )
    values: list[tuple[int, int, AttributeValueType]] = []
    for down, line in enumerate(block):
        source_row = view.mapToSource(view.index(row + down, 0)).row()
        case = sheet.case(source_row)
        for across, cell in enumerate(line):
            attribute = sheet.attribute(column + across)
            if attribute is None:
                raise ValidationError("Only attribute values can be pasted: the block reaches the name or counts.")
            if sheet.is_computed(column + across):
                raise ValidationError(f"{attribute.name!r} is computed from its formula: nothing can be pasted in it.")
            value = cell.strip()
            if value:
                try:
                    convert(attribute, value)
                except ValidationError as error:
                    raise ValidationError(f"{case.name}, {attribute.name}: {error} Nothing was pasted.") from None
            values.append((case.id, attribute.id, value or None))
    return values
