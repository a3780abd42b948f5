"""Applying accepted candidates to an open project as one undoable operation: each document's text through the
position map (codings, paragraphs, turns and the search index follow), its speaker labels, the names of documents,
cases and codes, the memos, and every other value of the study (case descriptions, attribute values…), all
replaced with the project's one pseudonym table so the project stays consistent. A candidate the named-entity
model proposed joins the table first, so its original is replaced everywhere else too."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from app.model.core.errors import ConflictError
from app.model.deidentify.candidates import MODEL, Candidate
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
    other_values: int  # case descriptions, attribute values, code definitions…

    @property
    def replacements(self) -> int:
        return sum(n for _, n in self.per_document)


# Replaced by the operation's own edits (through the position map or a rename): not passed through a second time.
DONE = {("document", "text"), ("document", "name"), ("case", "name"), ("speaker", "label"), ("memo", "title")}
DONE |= {("memo", "body"), ("coding", "memo"), ("document_source", "filename"), ("code", "name"), ("code", "name_key")}


def apply_deidentification(project: Project, matcher: Matcher, accepted: Sequence[Candidate]) -> DeidentifyReport:
    """Replace the accepted candidates in the texts, and through the project's pseudonym table every speaker label,
    name, memo and other value of the study, as one operation undone in one step. `matcher` says whether patterns
    are replaced too."""
    by_document: dict[int, list[Candidate]] = {}
    for c in accepted:
        by_document.setdefault(c.document_id, []).append(c)
    params = {"replacements": len(accepted), "documents": len(by_document)}
    return project.history.run(
        "De-identify", "deidentify", params, lambda: _apply(project, matcher.patterns, by_document, accepted)
    )


def _apply(
    project: Project, patterns: bool, by_document: dict[int, list[Candidate]], accepted: Sequence[Candidate]
) -> DeidentifyReport:
    from_model = [(c.original, c.pseudonym, c.kind) for c in accepted if c.how == MODEL]
    if from_model:
        project.pseudonyms.add_many(from_model)
    matcher = Matcher(project.pseudonyms.table(), patterns=patterns)
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
    other = project.pseudonyms.replace_elsewhere(matcher.replace, DONE)
    names = {d.id: d.name for d in project.documents.all()}
    return DeidentifyReport(
        per_document=tuple((names[i], len(cs)) for i, cs in by_document.items()),
        per_original=tuple(Counter(c.original for c in accepted).most_common()),
        speaker_labels=labels,
        documents_renamed=documents,
        cases_renamed=cases,
        codes_renamed=codes,
        memos=memos,
        other_values=other,
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
