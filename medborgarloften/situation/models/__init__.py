"""The lägesbild: observations from trained reporters (EST-style) and, later, surveys,
statistics, police events and dialogues.

One module per topic; import from this package."""

from .dialogues import (
    BaselineValue,
    CauseAnalysis,
    Dialogue,
    DialogueFinding,
    DialogueKind,
)
from .observations import (
    ApiCall,
    ImportBatch,
    Observation,
    ObservationCategory,
    ObservationCount,
    ObservationQuerySet,
    PoliceEvent,
    PoliceEventCount,
)
from .statistics import (
    ALL_AGES,
    CrimeStatistic,
    Gender,
    KeyFigure,
    SurveyIndicator,
    SurveyResult,
)
from .surveys import (
    AlertReason,
    QuestionKind,
    Survey,
    SurveyAlert,
    SurveyAnswer,
    SurveyKind,
    SurveyQuestion,
    SurveyResponse,
    WalkPoint,
    WalkStatus,
)

__all__ = [
    "ALL_AGES",
    "AlertReason",
    "ApiCall",
    "BaselineValue",
    "CauseAnalysis",
    "CrimeStatistic",
    "Dialogue",
    "DialogueFinding",
    "DialogueKind",
    "Gender",
    "ImportBatch",
    "KeyFigure",
    "Observation",
    "ObservationCategory",
    "ObservationCount",
    "ObservationQuerySet",
    "PoliceEvent",
    "PoliceEventCount",
    "QuestionKind",
    "Survey",
    "SurveyAlert",
    "SurveyAnswer",
    "SurveyIndicator",
    "SurveyKind",
    "SurveyQuestion",
    "SurveyResponse",
    "SurveyResult",
    "WalkPoint",
    "WalkStatus",
]
