"""The data-quality review (SPEC §9): statistics as group-bys over the validated frames."""

from ycs.quality.findings import QualityCode, QualityFinding
from ycs.quality.review import QualityReview, review
from ycs.quality.scorecard import ScoreLine

__all__ = ["QualityCode", "QualityFinding", "QualityReview", "ScoreLine", "review"]
