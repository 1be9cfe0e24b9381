"""Training and evaluation of the verdict model: orchestration above ``Analyzer``."""
