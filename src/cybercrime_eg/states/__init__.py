"""State profiles: the report's States against the reference data, with a source for every fact.

Split by concern, every function pandas in, pandas out (frames passed in, no file paths):

* :mod:`.build`: ``states.csv`` from the participants and the reference tables;
* :mod:`.profiles`: selecting States, spelling out missing facts, profiles for display;
* :mod:`.votes`: Budapest status and regional group by recorded vote, vote changes;
* :mod:`.similarity`: pairwise agreement of States on external facts.

The words (resolutions, missing-value labels, roles, the caveat) are in :mod:`cybercrime_eg.vocab`.
"""

from __future__ import annotations

from .build import build_states_table, unmatched_states
from .names import FORMER_NAMES, current_name, display_name
from .profiles import (
    label_missing,
    missing_facts,
    participant_profiles,
    report_state_facts,
    representative_states,
    select_states,
)
from .similarity import SIMILARITY_ATTRIBUTES, most_similar, similarity_matrix, state_similarity
from .votes import (
    budapest_by_vote,
    crosstab,
    regional_group_by_vote,
    vote_change_counts,
    vote_changes,
    vote_transitions,
)

__all__ = [
    "FORMER_NAMES",
    "SIMILARITY_ATTRIBUTES",
    "current_name",
    "display_name",
    "budapest_by_vote",
    "build_states_table",
    "crosstab",
    "label_missing",
    "missing_facts",
    "most_similar",
    "participant_profiles",
    "regional_group_by_vote",
    "report_state_facts",
    "representative_states",
    "select_states",
    "similarity_matrix",
    "state_similarity",
    "unmatched_states",
    "vote_change_counts",
    "vote_changes",
    "vote_transitions",
]
