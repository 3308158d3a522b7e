"""Helpers shared by the NATO–Asia notebooks: one concern a module.

``natoasia.corpus``  corpus folders, cleaned paragraphs, locators
``natoasia.data``    the data package: typed, validated tables
``natoasia.sources`` bibliography and citations
``natoasia.params``  papermill parameter validation
``natoasia.plotting`` house style and source lines
``natoasia.execute`` executing notebooks reproducibly
"""

__version__ = "0.1.0"
