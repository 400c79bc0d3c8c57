"""Forms of the import review screen: the upload, and the editable extracted record.

``upload`` asks for a file or URL; ``fields`` holds the record's fields and rows;
``editor.ReviewEditor`` bundles them for the review view.
"""

from .editor import ReviewEditor, SummaryError
from .fields import CommitmentForm, ReviewForm, SignatoryForm, split_names, target_of
from .initial import review_initial
from .upload import BulkUploadForm, UploadForm

__all__ = [
    "CommitmentForm",
    "ReviewEditor",
    "ReviewForm",
    "SignatoryForm",
    "SummaryError",
    "BulkUploadForm",
    "UploadForm",
    "review_initial",
    "split_names",
    "target_of",
]
