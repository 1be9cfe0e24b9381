"""The analyst service: REST API, web UI and the store behind them (``service`` extra).

Modules: ``settings`` (what ``hoaxlens serve`` configures), ``models`` and ``migrations``
(the schema), ``store`` (every query), ``analysis`` (the ``Analyzer`` plus the store),
``jobs`` (the batch worker), ``api`` and ``ui`` (the routes), ``app`` (``create_app``),
``labels`` (analysts' labels as training data).
"""
