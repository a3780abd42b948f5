"""The edits of cases and their attributes: cases made, renamed, merged, deleted; attributes defined, retyped,
computed; values set; speakers made cases. Each is one operation."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from app.model.core.dto import (
    AttributeInfo,
    AttributeType,
    AttributeValueType,
    CaseInfo,
)
from app.model.core.text import plural
from app.model.history.edit_base import EditBase

if TYPE_CHECKING:
    from app.model.cases.speaker_cases import SpeakerCases


class CaseEdits(EditBase):
    def create_case(self, name: str, description: str = "") -> CaseInfo:
        cases = self.project.cases
        return self.run(
            f"Add case “{name.strip()}”", "create_case", lambda: cases.create(name, description), name=name
        )  # fmt: skip

    def rename_case(self, case_id: int, name: str) -> None:
        cases = self.project.cases
        self.run("Rename case", "rename_case", lambda: cases.rename(case_id, name), case_id=case_id, name=name)

    def merge_cases(self, source_ids: Sequence[int], target_id: int) -> None:
        cases = self.project.cases
        self.run(
            "Merge cases", "merge_cases", lambda: cases.merge(source_ids, target_id),
            source_ids=list(source_ids), target_id=target_id,
        )  # fmt: skip

    def delete_case(self, case_id: int) -> None:
        self.run("Delete case", "delete_case", lambda: self.project.cases.delete(case_id), case_id=case_id)

    def define_attribute(
        self, name: str, type: AttributeType, choices: Sequence[str] = (), formula: str = ""
    ) -> AttributeInfo:
        """A new attribute; with a formula, computed from other attributes (checked before anything is kept)."""
        from app.model.cases.computed import set_formula

        def do() -> AttributeInfo:
            attribute = self.project.cases.define_attribute(name, type, choices)
            if formula.strip():
                set_formula(self.project, attribute.id, formula)
            return attribute

        return self.run(
            f"Define attribute “{name.strip()}”", "define_attribute", do,
            name=name, type=type.value, choices=list(choices), formula=formula,
        )  # fmt: skip

    def rename_attribute(self, attribute_id: int, name: str) -> AttributeInfo:
        """A new name, written into every formula that reads the attribute."""
        from app.model.cases.attribute_changes import rename_attribute

        return self.run(
            f"Rename attribute to “{name.strip()}”", "rename_attribute",
            lambda: rename_attribute(self.project, attribute_id, name), attribute_id=attribute_id, name=name,
        )  # fmt: skip

    def delete_attribute(self, attribute_id: int) -> None:
        from app.model.cases.attribute_changes import delete_attribute

        self.run(
            "Delete attribute", "delete_attribute", lambda: delete_attribute(self.project, attribute_id),
            attribute_id=attribute_id,
        )  # fmt: skip

    def retype_attribute(self, attribute_id: int, type: AttributeType, choices: Sequence[str] = ()) -> AttributeInfo:
        from app.model.cases.retype import retype

        return self.run(
            "Change an attribute's type", "retype_attribute", lambda: retype(self.project, attribute_id, type, choices),
            attribute_id=attribute_id, type=type.value, choices=list(choices),
        )  # fmt: skip

    def set_choices(self, attribute_id: int, choices: Sequence[str]) -> AttributeInfo:
        from app.model.cases.retype import set_choices

        return self.run(
            "Edit the choices", "set_choices", lambda: set_choices(self.project, attribute_id, choices),
            attribute_id=attribute_id, choices=list(choices),
        )  # fmt: skip

    def set_formula(self, attribute_id: int, formula: str) -> None:
        from app.model.cases.computed import set_formula

        self.run(
            "Set a formula", "set_formula", lambda: set_formula(self.project, attribute_id, formula),
            attribute_id=attribute_id, formula=formula,
        )  # fmt: skip

    def set_attribute_value(self, case_id: int, attribute_id: int, value: AttributeValueType) -> None:
        cases = self.project.cases
        self.run(
            "Set a value", "set_attribute_value", lambda: cases.set_value(case_id, attribute_id, value),
            case_id=case_id, attribute_id=attribute_id, value=_said(value),
        )  # fmt: skip

    def set_attribute_values(self, values: Sequence[tuple[int, int, AttributeValueType]]) -> int:
        cases = self.project.cases
        return self.run(
            f"Set {plural(len(values), 'value')}", "set_attribute_values", lambda: cases.set_values(values),
            values=[[c, a, _said(v)] for c, a, v in values],
        )  # fmt: skip

    def cases_from_speakers(self, interviewers: str | None = None) -> SpeakerCases:
        from app.model.cases.speaker_cases import INTERVIEWERS, cases_from_speakers

        rule = INTERVIEWERS if interviewers is None else interviewers
        return self.run(
            "Make every speaker a case", "cases_from_speakers", lambda: cases_from_speakers(self.project, rule),
            interviewers=rule,
        )  # fmt: skip


def _said(value: AttributeValueType) -> object:
    """A value as the record keeps it (dates as ISO text)."""
    return value.isoformat() if isinstance(value, date) else value
