"""Realistic code books for testing name matching: implementation science, mental-health services, research data.

`codebook(size)` gives categories and code names as researchers write them: hand-written codes (CFIR 2.0
constructs, service-delivery and data-management codes) and, for larger books, "topic aspect" names
("Staffing capacity", "Repository capacity") that share words the way real code books do. `held_out` lists
names of the same kind that are not in the book: new codes a researcher might type.
"""

from __future__ import annotations

import random

from app.model.codes.name_matching import Candidate

HAND_WRITTEN: dict[str, tuple[str, ...]] = {
    "Innovation": (
        "Innovation source", "Evidence base", "Relative advantage", "Adaptability", "Trialability", "Complexity",
        "Design quality", "Innovation cost",
    ),
    "Outer setting": (
        "Critical incidents", "Local attitudes", "Local conditions", "Partnerships and connections",
        "Policies and laws", "Financing", "External pressure",
    ),
    "Inner setting": (
        "Structural characteristics", "Relational connections", "Communications", "Culture", "Tension for change",
        "Compatibility", "Relative priority", "Incentive systems", "Mission alignment", "Available resources",
        "Access to knowledge", "Leadership engagement",
    ),
    "Workload": ("Caseload size", "Paperwork", "Documentation burden", "Scheduling conflicts", "Waitlist length"),
    "Supervision": ("Group supervision", "Supervisor availability", "Clinical consultation", "Supervision"),
    "Staffing": ("Staff turnover", "Workforce shortages", "Clinician burnout", "Hiring delays"),
    "Service delivery": (
        "Peer support", "Crisis response", "Telehealth use", "Medication management", "Family involvement",
        "Care coordination", "Referral pathways", "Trauma-informed care", "Measurement-based care",
        "Session attendance", "Language access",
    ),
    "Clients": ("Stigma", "Housing instability", "Transportation barriers", "Insurance coverage", "Client engagement"),
    "Research data": (
        "Privacy concerns", "Policy awareness", "Repository capacity", "Metadata standards", "Data sharing",
        "Data management plans", "Consent forms", "De-identification", "Storage costs", "File formats",
        "Version control", "Persistent identifiers", "Data citation", "Embargo periods", "Funder mandates",
        "Ethics review", "Access controls", "Long-term preservation", "Data curation",
    ),
}  # fmt: skip

TOPICS = (
    "Staffing", "Funding", "Leadership", "Supervision", "Training", "Repository", "Metadata", "Privacy", "Policy",
    "Caseload", "Telehealth", "Referral", "Housing", "Medication", "Documentation", "Scheduling", "Billing",
    "Outreach", "Consent", "Storage", "Curation", "Licensing", "Infrastructure", "Evaluation", "Coordination",
    "Partnership", "Community", "Governance", "Workflow", "Communication", "Technology", "Recruitment",
    "Retention", "Budget", "Compliance", "Reporting", "Monitoring", "Assessment", "Screening", "Intake",
    "Discharge", "Follow-up", "Transportation", "Interpreter", "Family", "School", "Primary care", "Pharmacy",
    "Peer", "Crisis", "Quality", "Fidelity", "Sustainment", "Adaptation", "Feedback", "Mentoring", "Onboarding",
    "Archiving", "Sharing", "Security",
)  # fmt: skip
ASPECTS = (
    "capacity", "concerns", "awareness", "barriers", "turnover", "costs", "access", "quality", "delays",
    "support", "standards", "workload", "expectations", "gaps", "resistance", "readiness", "priorities",
    "practices", "challenges", "incentives", "requirements", "experiences", "strategies", "outcomes", "tools",
    "guidelines", "roles", "burden", "trust", "equity",
)  # fmt: skip

REPORTED = ("Privacy concerns", "Policy awareness", "Repository capacity")
# New codes a researcher might create, none of them in any book `codebook` makes.
NEW_NAMES = (
    "API access", "Data reuse", "Open science values", "Grant deadlines", "Rural clinics", "Waiting room",
    "Walk-in hours", "Court orders", "Youth voice", "Moral injury", "Cloud platforms", "Naming conventions",
    "Embargo exceptions", "Team huddles", "Harm reduction", "Shared decision making", "Caregiver strain",
    "Language barriers", "Clinic culture", "Citation credit", "Research findings", "Police contact",
    "Word of mouth", "Lived experience", "Safety planning", "Text reminders",
)  # fmt: skip


def codebook(size: int, seed: int = 13) -> tuple[list[Candidate], list[str]]:
    """`size` codes under their categories, and the same kind of names held out of the book."""
    rng = random.Random(seed)
    entries = [(category, name) for category, names in HAND_WRITTEN.items() for name in names]
    combined = [(topic, f"{topic} {aspect}") for topic in TOPICS for aspect in ASPECTS]
    rng.shuffle(combined)
    taken = {name.lower() for _, name in entries}
    combined = [(topic, name) for topic, name in combined if name.lower() not in taken]
    rng.shuffle(entries)
    entries.sort(key=lambda entry: entry[1] not in REPORTED)  # the names of the reported mix-ups, in every book
    chosen = (entries + combined)[:size]
    held_out = [name for _, name in combined[max(0, size - len(entries)) :]]
    return [Candidate(i + 1, name, f"{category} / {name}") for i, (category, name) in enumerate(chosen)], held_out


def slip(name: str, rng: random.Random) -> str | None:
    """The name with one typing slip in one of its long words (or None if no word is long enough)."""
    words = name.split(" ")
    long = [i for i, word in enumerate(words) if len(word) >= 8 and word.isalpha()]
    if not long:
        return None
    i = rng.choice(long)
    word = words[i]
    at = rng.randrange(1, len(word) - 1)
    kind = rng.choice(("drop", "swap", "double", "replace"))
    if kind == "drop":
        word = word[:at] + word[at + 1 :]
    elif kind == "swap":
        word = word[:at] + word[at + 1] + word[at] + word[at + 2 :]
    elif kind == "double":
        word = word[:at] + word[at] + word[at:]
    else:
        word = word[:at] + rng.choice([c for c in "aeioustnrl" if c != word[at]]) + word[at + 1 :]
    words[i] = word
    return " ".join(words)
