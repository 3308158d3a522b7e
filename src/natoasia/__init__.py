"""Helpers shared by the NATO–Asia notebooks: one concern a module.

Foundation
    ``natoasia.data``      the data package: tables typed and validated by their schema
    ``natoasia.tablecheck`` proving a table valid quickly (frictionless reports the errors)
    ``natoasia.sources``   bibliography, author–year citations, checking corpus locators
    ``natoasia.params``    papermill parameter validation, one clear message per mistake
    ``natoasia.plotting``  house style: titles, units, source lines, Okabe–Ito palette
    ``natoasia.fonts``     PNG text laid out from fonts in memory (same images, faster)
    ``natoasia.prose``     counts, lists and dates as English for glued sentences
    ``natoasia.events``    the sourced timeline: selection, periods, coverage, conflicts
Corpus pipeline
    ``natoasia.corpus``    corpus folders, cleaned paragraphs, ``doc_id:¶N`` locators
    ``natoasia.text``      lexicons and non-consumptive features (mentions, framing terms)
    ``natoasia.features``  writing, loading and checking the committed feature tables
Themes
    ``natoasia.logistics`` and ``natoasia.geo``      notebook 01: routes, closures, maps
    ``natoasia.partners`` and ``natoasia.spending``  notebook 02: partners, SIPRI ranks
    ``natoasia.china``                               notebook 03: contacts and framing
Running the collection
    ``natoasia.execute``   executing notebooks from their ``.py`` into stable ``.ipynb``
    ``natoasia.runner``    ``natoasia run`` / ``list``: papermill with validation first
    ``natoasia.student``   student versions without solutions
    ``natoasia.cli``       the ``natoasia`` command
"""

__version__ = "0.1.0"
