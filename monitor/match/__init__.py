"""Embed articles and decide which topics they concern: ``embed`` (the model, passages),
``aliases`` (spelling-tolerant names), ``background`` (generic news for z-scores), ``matcher``
(the decision and its evidence), ``stage`` (the store-facing loop), ``evaluate`` (P/R/F1)."""
