"""TimeML in and out: read TempEval-3 documents, strip their annotation, write system files.

`read` turns a document into its creation date, its plain text (with a map back to the raw text)
and its TIMEX3; `write` strips gold annotation and splices our TIMEX3 tags into the raw text so
that everything else stays byte-identical, as TempEval-3 requires of a system file; `tag` runs our
tagger over a folder of documents (`timeline tag --timeml`).
"""

from timeline.timeml.read import (
    TimemlDocument,
    Timex,
    decode_timeml,
    read_timeml,
    read_timeml_file,
    unescape,
)
from timeline.timeml.tag import TaggedDocument, TaggedFolder, tag_timeml, tag_timeml_dir, timeml_inputs
from timeline.timeml.write import (
    Skipped,
    SystemFile,
    escape_attribute,
    remove_timex_tags,
    strip_annotations,
    write_system_file,
)

__all__ = [
    "Skipped",
    "TaggedDocument",
    "TaggedFolder",
    "SystemFile",
    "Timex",
    "TimemlDocument",
    "decode_timeml",
    "escape_attribute",
    "read_timeml",
    "read_timeml_file",
    "remove_timex_tags",
    "strip_annotations",
    "tag_timeml",
    "tag_timeml_dir",
    "timeml_inputs",
    "unescape",
    "write_system_file",
]
