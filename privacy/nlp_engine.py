"""Presidio's NLP engine on spaCy's blank multilingual tokenizer: no model file, nothing downloaded.

No spaCy model can be installed where Erta runs, and Erta's recognizers need only tokens: Presidio uses them
to find the words around a match and raise its score when a context word ("telefon", "JShShIR") is there.
A blank pipeline has no lemmatizer, and Erta's context enhancer (context_enhancer.py) reads folded
characters around a match rather than lemmas, so the artifacts carry the tokens and nothing derived
from them: listing every token's offset and lemma cost more than all the recognizers together.
"""

from __future__ import annotations

from typing import Any, Final

import spacy
from presidio_analyzer.nlp_engine import NlpArtifacts, SpacyNlpEngine

LANGUAGE: Final = "xx"  # spaCy's code for "multilingual": notes mix Uzbek, Russian and English


class BlankTokenizerNlpEngine(SpacyNlpEngine):
    def __init__(self) -> None:
        super().__init__(models=[{"lang_code": LANGUAGE, "model_name": "blank:xx"}])

    def load(self) -> None:
        self.nlp = {LANGUAGE: spacy.blank(LANGUAGE)}  # type: ignore[assignment]

    def _doc_to_nlp_artifact(self, doc: Any, language: str) -> NlpArtifacts:
        return NlpArtifacts(
            entities=[],
            tokens=doc,
            tokens_indices=[],
            lemmas=[],
            nlp_engine=self,
            language=language,
            scores=[],
        )
