"""CloudFormation for diagrams: export a document as a template, import a template back.

`export_template(document, fmt="yaml")` returns the template text (YAML or JSON); it
raises `engine.DiagramError` for an invalid document. `import_template(text)` returns
`(document, warnings)`, each warning `{"path", "code", "message"}` naming what could not
be mapped; it raises `TemplateError` (a `ValueError` with `problems` in the same shape)
for text that is not a template. Mappings per node type live in `services/<service>.py`
(its export and its import together); `services.NODE_MAPPINGS` keys them by type.
"""

from .export import export_template
from .importer import import_template
from .template_text import TemplateError

__all__ = ["TemplateError", "export_template", "import_template"]
