"""The edits that set a study up or bring work in: frameworks and their adaptation, study constructs, relation
types, rating units, attribute sheets, REFI-QDA merges, ratings from a spreadsheet. Each is one operation."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from app.model.core.dto import (
    FrameworkInfo,
    FrameworkNodeInfo,
    RatingUnitInfo,
    RelationTypeInfo,
)
from app.model.core.errors import ValidationError
from app.model.core.progress import Progress
from app.model.history.edit_base import EditBase

if TYPE_CHECKING:
    from app.model.cases.attribute_sheet import SheetReport
    from app.model.exchange.refi_loader import ImportReport
    from app.model.frameworks.crosswalk import Step
    from app.model.frameworks.ratings_exchange import RatingsImport


class SetUpEdits(EditBase):
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
