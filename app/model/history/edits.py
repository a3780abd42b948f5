"""Every edit a user can make, each one operation in the project's history (one transaction, one undo step).

The desktop and the command line both edit through here, so anything either does can be undone, after reopening
too. An edit refused by the domain raises its `AxialError` and leaves neither a change nor a step behind.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from app.model.core.dto import (
    AttributeInfo,
    AttributeType,
    AttributeValueType,
    CaseInfo,
    CodeInfo,
    CodingInfo,
    FrameworkInfo,
    FrameworkNodeInfo,
    MemoInfo,
    MemoTarget,
    RatingUnitInfo,
    RelationInfo,
    RelationTypeInfo,
)
from app.model.core.errors import ValidationError
from app.model.core.progress import Progress
from app.model.core.text import plural

if TYPE_CHECKING:
    from app.model.cases.attribute_sheet import SheetReport
    from app.model.cases.speaker_cases import SpeakerCases
    from app.model.documents.importing import DocConverter, FilePlan
    from app.model.documents.importing import ImportReport as FilesReport
    from app.model.documents.readers import ReadOptions
    from app.model.exchange.refi_loader import ImportReport
    from app.model.frameworks.crosswalk import Step
    from app.model.frameworks.ratings_exchange import RatingsImport
    from app.model.project import Project

T = TypeVar("T")


class Edits:
    def __init__(self, project: Project) -> None:
        self.project = project
        self.history = project.history

    def run(self, label: str, name: str, do: Callable[[], T], /, **params: object) -> T:
        """Any edit as one operation: `name` and `params` say what it was, for the record."""
        return self.history.run(label, name, params, do)

    @contextmanager
    def together(self, label: str) -> Iterator[None]:
        """Edits made inside become one operation: all or nothing, one step in the history."""
        with self.history.operation(label, "together"):
            yield

    # --- codings -------------------------------------------------------------------------------------------

    def apply_coding(self, document_id: int, code_id: int, start: int, end: int) -> CodingInfo:
        codings = self.project.codings
        return self.run(
            "Apply code", "apply_coding", lambda: codings.apply(document_id, code_id, start, end),
            document_id=document_id, code_id=code_id, start=start, end=end,
        )  # fmt: skip

    def remove_coding(self, coding_id: int) -> None:
        self.run("Remove coding", "remove_coding", lambda: self.project.codings.remove(coding_id), coding_id=coding_id)

    def set_bounds(self, coding_id: int, start: int, end: int) -> None:
        codings = self.project.codings
        self.run(
            "Change coding extent", "set_bounds", lambda: codings.set_bounds(coding_id, start, end),
            coding_id=coding_id, start=start, end=end,
        )  # fmt: skip

    def set_code(self, coding_id: int, code_id: int) -> None:
        codings = self.project.codings
        self.run(
            "Change the code of a coding", "set_code", lambda: codings.set_code(coding_id, code_id),
            coding_id=coding_id, code_id=code_id,
        )  # fmt: skip

    def set_coding_memo(self, coding_id: int, memo: str) -> None:
        codings = self.project.codings
        self.run("Edit coding memo", "set_coding_memo", lambda: codings.set_memo(coding_id, memo), coding_id=coding_id)

    def autocode(self, text: str, do: Callable[[], Sequence[CodingInfo]]) -> int:
        """Many codings added by one call (search hits, speaker turns) as one step; returns how many were added."""
        return len(self.run(text, "autocode", lambda: list(do())))

    # --- codes ---------------------------------------------------------------------------------------------

    def create_code(
        self, name: str, parent_id: int | None = None, *, is_codable: bool = True, allow_similar: bool = False
    ) -> CodeInfo:
        codes = self.project.codes
        return self.run(
            f"Create code “{name.strip()}”", "create_code",
            lambda: codes.create(name, parent_id, is_codable=is_codable, allow_similar=allow_similar),
            name=name, parent_id=parent_id, is_codable=is_codable,
        )  # fmt: skip

    def rename_code(self, code_id: int, name: str) -> None:
        codes = self.project.codes
        self.run(
            f"Rename code to “{name}”", "rename_code", lambda: codes.rename(code_id, name), code_id=code_id, name=name
        )

    def recolour_code(self, code_id: int, colour: str) -> None:
        codes = self.project.codes
        self.run(
            "Change code colour", "recolour_code", lambda: codes.recolour(code_id, colour),
            code_id=code_id, colour=colour,
        )  # fmt: skip

    def edit_code_details(self, code_id: int, definition: str, inclusion: str, exclusion: str, example: str) -> None:
        codes = self.project.codes
        self.run(
            "Edit code definition", "edit_code_details",
            lambda: codes.set_details(
                code_id, definition=definition, inclusion=inclusion, exclusion=exclusion, example=example
            ),
            code_id=code_id,
        )  # fmt: skip

    def move_code(self, code_id: int, parent_id: int | None, position: int | None = None) -> None:
        codes = self.project.codes
        self.run(
            "Move code", "move_code", lambda: codes.move(code_id, parent_id, position),
            code_id=code_id, parent_id=parent_id, position=position,
        )  # fmt: skip

    def delete_code(self, code_id: int) -> None:
        codes = self.project.codes
        name = codes.get(code_id).name
        self.run(f"Delete code “{name}”", "delete_code", lambda: codes.delete(code_id), code_id=code_id)

    def merge_codes(self, source_ids: Sequence[int], target_id: int, *, make_codable: bool = False) -> None:
        codes = self.project.codes
        name = codes.get(target_id).name
        self.run(
            f"Merge {plural(len(source_ids), 'code')} into “{name}”", "merge_codes",
            lambda: codes.merge(source_ids, target_id, make_codable=make_codable),
            source_ids=list(source_ids), target_id=target_id, make_codable=make_codable,
        )  # fmt: skip

    def create_category(self, name: str, code_ids: Sequence[int], *, allow_similar: bool = False) -> int:
        codes = self.project.codes
        category = self.run(
            f"Create category “{name}”", "create_category",
            lambda: codes.create_category(name, code_ids, allow_similar=allow_similar),
            name=name, code_ids=list(code_ids),
        )  # fmt: skip
        return category.id

    def move_codes(self, code_ids: Sequence[int], parent_id: int | None) -> None:
        codes = self.project.codes
        self.run(
            f"Move {plural(len(code_ids), 'code')}", "move_codes", lambda: codes.move_many(code_ids, parent_id),
            code_ids=list(code_ids), parent_id=parent_id,
        )  # fmt: skip

    def split_codings(self, coding_ids: Sequence[int], target_id: int) -> None:
        codes = self.project.codes
        name = codes.get(target_id).name
        self.run(
            f"Move {plural(len(coding_ids), 'coding')} to “{name}”", "split_codings",
            lambda: codes.split(coding_ids, target_id), coding_ids=list(coding_ids), target_id=target_id,
        )  # fmt: skip

    def set_codable(self, code_id: int, codable: bool) -> None:
        codes = self.project.codes
        self.run(
            "Make a code" if codable else "Make a category", "set_codable",
            lambda: codes.set_details(code_id, is_codable=codable), code_id=code_id, codable=codable,
        )  # fmt: skip

    def dismiss_similarity(self, first_id: int, second_id: int) -> None:
        codes = self.project.codes
        self.run(
            "Mark codes as not similar", "dismiss_similarity", lambda: codes.dismiss_similarity(first_id, second_id),
            first_id=first_id, second_id=second_id,
        )  # fmt: skip

    # --- relations -----------------------------------------------------------------------------------------

    def relate(self, source_id: int, target_id: int, type_id: int, memo: str = "") -> RelationInfo:
        relations = self.project.relations
        return self.run(
            "Relate codes", "relate", lambda: relations.create(source_id, target_id, type_id, memo),
            source_id=source_id, target_id=target_id, type_id=type_id,
        )  # fmt: skip

    def unrelate(self, relation_id: int) -> None:
        relations = self.project.relations
        self.run("Delete relation", "unrelate", lambda: relations.delete(relation_id), relation_id=relation_id)

    def place_boxes(self, positions: dict[int, tuple[float, float]]) -> None:
        relations = self.project.relations
        self.run(
            "Move boxes on the diagram", "place_boxes", lambda: relations.set_positions(positions),
            code_ids=sorted(positions),
        )  # fmt: skip

    # --- frameworks ----------------------------------------------------------------------------------------

    def map_codes(self, code_ids: Sequence[int], node_id: int) -> None:
        frameworks = self.project.frameworks
        mapped = {(c, n) for c, n in frameworks.mappings()}
        new = [(c, node_id) for c in code_ids if (c, node_id) not in mapped]
        if new:
            self.run(
                f"Map {plural(len(new), 'code')} to a construct", "map_codes", lambda: frameworks.map_many(new),
                code_ids=[c for c, _ in new], node_id=node_id,
            )  # fmt: skip

    def unmap_code(self, code_id: int, node_id: int) -> None:
        frameworks = self.project.frameworks
        self.run(
            "Unmap code", "unmap_code", lambda: frameworks.unmap_code(code_id, node_id),
            code_id=code_id, node_id=node_id,
        )  # fmt: skip

    def rate(
        self,
        unit_id: int,
        node_id: int,
        value: str,
        rationale: str,
        flag: str = "",
        evidence: Sequence[int] | None = None,
    ) -> None:
        """Rate a construct for a unit; `evidence` (coding ids) replaces the linked excerpts, None keeps them."""
        frameworks = self.project.frameworks

        def do() -> None:
            kept = evidence
            if kept is None:
                current = next((r for r in frameworks.ratings() if (r.unit_id, r.node_id) == (unit_id, node_id)), None)
                kept = current.evidence_coding_ids if current else ()
            frameworks.set_rating(unit_id, node_id, value, rationale, flag=flag, evidence=kept)

        self.run("Rate construct", "rate", do, unit_id=unit_id, node_id=node_id, value=value, flag=flag)

    def adapt_construct(self, node_id: int, *, study_name: str | None = None, hidden: bool | None = None,
                        reverse_rated: bool | None = None) -> None:  # fmt: skip
        """Rename a construct for the study, hide or show it, mark it reverse rated: one step, whatever is given."""
        frameworks = self.project.frameworks
        changes = [
            label
            for label, given in (
                ("Rename construct for the study", study_name is not None),
                ("Hide construct" if hidden else "Show construct", hidden is not None),
                ("Mark construct reverse rated", reverse_rated is not None),
            )
            if given
        ]

        def do() -> None:
            if study_name is not None:
                frameworks.rename_for_study(node_id, study_name)
            if hidden is not None:
                frameworks.set_hidden(node_id, hidden)
            if reverse_rated is not None:
                frameworks.set_reverse_rated(node_id, reverse_rated)

        if changes:
            self.run(
                changes[0] if len(changes) == 1 else "Adapt construct", "adapt_construct", do,
                node_id=node_id, study_name=study_name, hidden=hidden, reverse_rated=reverse_rated,
            )  # fmt: skip

    # --- memos ---------------------------------------------------------------------------------------------

    def add_memo(self, target: MemoTarget, title: str, body: str) -> MemoInfo:
        memos = self.project.memos
        return self.run("Add memo", "add_memo", lambda: memos.add(target, title, body), target=target, title=title)

    def edit_memo(self, memo_id: int, *, title: str | None = None, body: str | None = None) -> None:
        memos = self.project.memos
        self.run("Edit memo", "edit_memo", lambda: memos.update(memo_id, title=title, body=body), memo_id=memo_id)

    # --- documents -----------------------------------------------------------------------------------------

    def import_documents(
        self,
        plans: Sequence[FilePlan],
        progress: Progress | None = None,
        *,
        options: ReadOptions | None = None,
        converter: DocConverter | None = None,
    ) -> FilesReport:
        """Import transcripts as one step (as `Importer.run`, which the import dialog calls after its preview); a
        file that cannot be read is reported and the others carry on."""
        from app.model.documents.importing import Importer

        return Importer(self.project, options, converter).run(plans, progress)

    def delete_documents(self, document_ids: Sequence[int]) -> None:
        ids = list(document_ids)
        documents = self.project.documents
        self.run(
            f"Delete {plural(len(ids), 'document')}", "delete_documents", lambda: documents.delete(ids),
            document_ids=ids,
        )  # fmt: skip

    # --- frameworks, study set-up and exchange -------------------------------------------------------------
    # These build on modules that import the project (and the REFI-QDA ones are slow to load), so each edit
    # imports its module when it is made.

    def use_framework(self, key: str | None) -> FrameworkInfo | None:
        """Make a shipped framework the project's (adding it the first time), or use none (`key` None)."""
        from app.model.frameworks import definitions as frameworks

        if key is None:
            self.run("Use no framework", "use_framework", lambda: self.project.frameworks.set_default(None), key=None)
            return None
        if key not in frameworks.SHIPPED:
            raise ValidationError(f"Axial has no framework called {key!r}.")
        name = frameworks.SHIPPED[key][0]
        return self.run(f"Use {name}", "use_framework", lambda: frameworks.install(self.project, key), key=key)

    def import_framework(self, path: Path, key: str | None = None) -> FrameworkInfo:
        """Add an adapted framework from its JSON file and make it the project's; it is kept under `key`, by
        default "adapted-" and the file's name, so it never collides with the framework it was adapted from."""
        from app.model.frameworks import definitions as frameworks

        def do() -> FrameworkInfo:
            framework = frameworks.read_adapted(self.project, path, key=key or f"adapted-{path.stem}")
            self.project.frameworks.set_default(framework.id)
            return framework

        return self.run(f"Import framework “{path.name}”", "import_framework", do, path=str(path), key=key)

    def add_construct(
        self, framework_id: int, parent_id: int | None, name: str, definition: str = ""
    ) -> FrameworkNodeInfo:
        """A construct (under a domain) or subconstruct (under a construct) that the study adds."""
        frameworks = self.project.frameworks
        return self.run(
            f"Add study construct “{name.strip()}”", "add_construct",
            lambda: frameworks.add_node(framework_id, parent_id, name, definition),
            framework_id=framework_id, parent_id=parent_id, name=name,
        )  # fmt: skip

    def move_to_cfir2(
        self,
        steps: Sequence[Step],
        decisions: Mapping[tuple[int, int], Sequence[int]],
        new_framework_id: int | None,
    ) -> int:
        """Move the mappings from CFIR 2009 to CFIR 2.0 as planned and decided (adding CFIR 2.0 first when
        `new_framework_id` is None); returns how many mappings were made."""
        from app.model.frameworks import crosswalk

        return self.run(
            "Move mappings to CFIR 2.0", "move_to_cfir2",
            lambda: crosswalk.apply(self.project, steps, decisions, new_framework_id),
            codes=sorted({s.code_id for s in steps}), new_framework_id=new_framework_id,
        )  # fmt: skip

    def add_rating_units(self, attribute_id: int | None) -> list[RatingUnitInfo]:
        """Rating units (matrix columns) for each value of an attribute, or for each case (`attribute_id` None);
        the ones that exist are reused."""
        from app.model.frameworks import ratings_matrix

        if attribute_id is None:
            return self.run("Rate each case", "add_rating_units", lambda: ratings_matrix.units_from_cases(self.project))
        return self.run(
            "Rate the values of an attribute", "add_rating_units",
            lambda: ratings_matrix.units_from_attribute(self.project, attribute_id), attribute_id=attribute_id,
        )  # fmt: skip

    def add_relation_type(self, name: str, *, directed: bool, description: str = "") -> RelationTypeInfo:
        relations = self.project.relations
        return self.run(
            f"Add relation type “{name.strip()}”", "add_relation_type",
            lambda: relations.add_type(name, directed=directed, description=description),
            name=name, directed=directed,
        )  # fmt: skip

    def apply_attribute_sheet(self, path: Path, *, create_cases: bool = False) -> SheetReport:
        """Case attributes from a spreadsheet, all of it or (refused) nothing."""
        from app.model.cases.attribute_sheet import apply_sheet

        return self.run(
            f"Apply attribute sheet “{path.name}”", "apply_attribute_sheet",
            lambda: apply_sheet(self.project, path, create_cases=create_cases),
            path=str(path), create_cases=create_cases,
        )  # fmt: skip

    def merge_exchange(self, path: Path, progress: Progress | None = None) -> ImportReport:
        """Merge a REFI-QDA file into the project as one step; the file is read and checked before the project is
        touched."""
        from app.model.exchange.refi_import import merge, read_exchange

        exchange = read_exchange(path)
        return self.run(
            f"Merge “{path.name}”", "merge_exchange", lambda: merge(self.project, exchange, path.name, progress),
            path=str(path),
        )  # fmt: skip

    # --- ratings from a spreadsheet ------------------------------------------------------------------------

    def import_ratings(self, path: Path) -> RatingsImport:
        """Ratings and rationales from a spreadsheet (`frameworks/ratings_exchange.py` says the layout) as one
        step; a file naming unknown units or constructs, or holding anything that is not a rating, changes nothing."""
        from app.model.frameworks.ratings_exchange import import_ratings

        return self.run(
            f"Import ratings “{path.name}”", "import_ratings", lambda: import_ratings(self.project, path),
            path=str(path),
        )  # fmt: skip

    # --- cases and attributes ------------------------------------------------------------------------------

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
