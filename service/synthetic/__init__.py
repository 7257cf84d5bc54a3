"""Synthetic district generator: the engine behind `erta generate`.

Writes a realistic Uzbek school district as the canonical CSV bundle, with hidden causes (ability,
engagement, disengagement, family events, illness, weak teachers) that the observed records only reflect
with noise and lag.
"""

from service.synthetic.generator import GenerationSummary, generate_bundle

__all__ = ["GenerationSummary", "generate_bundle"]
