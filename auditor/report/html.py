"""The editor's HTML reports, under their former module name: the document page is
`auditor.report.page`, the batch overview `auditor.report.index`."""

from auditor.report.index import CHART_VERDICTS, ROWS_PER_FILE, _chart, _topic_counts, write_index
from auditor.report.page import _blocks, _highlights, _Item, _tone, render_document_html

__all__ = ["CHART_VERDICTS", "ROWS_PER_FILE", "_Item", "_blocks", "_chart", "_highlights", "_tone",
           "_topic_counts", "render_document_html", "write_index"]
