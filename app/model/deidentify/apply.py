"""Applying accepted candidates to an open project as one undoable operation: each document's text through the
position map (codings, paragraphs, turns and the search index follow), its speaker labels, and the names of
documents and cases and the memos, all replaced with the same table so the project stays consistent."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from app.model.core.errors import ConflictError
from app.model.deidentify.candidates import Candidate
from app.model.deidentify.matcher import Matcher
from app.model.revisions.position_map import TextEdit
from app.model.revisions.revision_service import Revision, RevisionService

if TYPE_CHECKING:
    from app.model.project import Project


@dataclass(frozen=True)
class DeidentifyReport:
    per_document: tuple[tuple[str, int], ...]  # (document name after, replacements in its text)
    per_original: tuple[tuple[str, int], ...]  # (original, replacements across the texts)
    speaker_labels: int
    documents_renamed: int
    cases_renamed: int
    codes_renamed: int
    memos: int  # memos and coding memos

    @property
    def replacements(self) -> int:
        return sum(n for _, n in self.per_document)


def apply_deidentification(project: Project, matcher: Matcher, accepted: Sequence[Candidate]) -> DeidentifyReport:
    """Replace the accepted candidates (and, through `matcher`, every speaker label, document and case name and
    memo) as one operation, undone in one step."""
    by_document: dict[int, list[Candidate]] = {}
    for c in accepted:
        by_document.setdefault(c.document_id, []).append(c)
    params = {"replacements": len(accepted), "documents": len(by_document)}
    return project.history.run(
        "De-identify", "deidentify", params, lambda: _apply(project, matcher, by_document, accepted)
    )


def _apply(
    project: Project, matcher: Matcher, by_document: dict[int, list[Candidate]], accepted: Sequence[Candidate]
) -> DeidentifyReport:
    revisions = RevisionService(project.store)
    labels = 0
    speakers = project.documents.speakers()
    for document in project.documents.all():
        candidates = by_document.get(document.id, [])
        own = [s for s in speakers if s.document_id == document.id]
        new_labels = {s.id: new for s in own if (new := matcher.replace(s.label)) != s.label}
        after = [new_labels.get(s.id, s.label) for s in own]
        if len(set(after)) < len(after):
            twice = next(label for label in after if after.count(label) > 1)
            raise ConflictError(
                f"Two speakers of “{document.name}” would both be labelled “{twice}”: give their names different "
                "pseudonyms."
            )
        if not candidates and not new_labels:
            continue
        edits = tuple(TextEdit(c.start, c.end, c.pseudonym) for c in sorted(candidates, key=lambda c: c.start))
        revisions.revise(
            document.id, Revision(edits, "de-identified", speaker_labels=new_labels, keep_previous_text=False)
        )
        labels += len(new_labels)
    documents = _rename(((d.id, d.name) for d in project.documents.all()), matcher, project.edits.rename_document)
    cases = _rename(project.cases.names().items(), matcher, project.edits.rename_case)
    codes = _rename(((n.code.id, n.code.name) for n in project.codes.tree()), matcher, project.edits.rename_code)
    memos = 0
    for document in project.documents.all():
        for coding in project.codings.for_document(document.id):
            if (replaced := matcher.replace(coding.memo)) != coding.memo:
                project.edits.set_coding_memo(coding.id, replaced)
                memos += 1
    for memo in project.memos.all():
        title, body = matcher.replace(memo.title), matcher.replace(memo.body)
        if (title, body) != (memo.title, memo.body):
            project.edits.edit_memo(memo.id, title=title, body=body)
            memos += 1
    names = {d.id: d.name for d in project.documents.all()}
    return DeidentifyReport(
        per_document=tuple((names[i], len(cs)) for i, cs in by_document.items()),
        per_original=tuple(Counter(c.original for c in accepted).most_common()),
        speaker_labels=labels,
        documents_renamed=documents,
        cases_renamed=cases,
        codes_renamed=codes,
        memos=memos,
    )


def _rename(named: Iterable[tuple[int, str]], matcher: Matcher, rename: Callable[[int, str], None]) -> int:
    """Rename each one whose name holds an original; a name two would share gets a number ("[Person 1] (2)")."""
    rows = list(named)
    taken = {name.casefold() for _, name in rows}
    renamed = 0
    for row_id, name in rows:
        new = matcher.replace(name)
        if new == name:
            continue
        unique, n = new, 1
        while unique.casefold() in taken:
            n += 1
            unique = f"{new} ({n})"
        taken.add(unique.casefold())
        rename(row_id, unique)
        renamed += 1
    return renamed
