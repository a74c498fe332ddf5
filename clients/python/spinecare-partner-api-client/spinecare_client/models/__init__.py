"""Contains all the data models used in inputs/outputs"""

from .answer_option import AnswerOption
from .answer_warning import AnswerWarning
from .answer_warning_code import AnswerWarningCode
from .assessment import Assessment
from .assessment_answer_map import AssessmentAnswerMap
from .assessment_answers import AssessmentAnswers
from .assessment_answers_answers import AssessmentAnswersAnswers
from .assessment_question import AssessmentQuestion
from .assessment_question_type import AssessmentQuestionType
from .assessment_questionnaire import AssessmentQuestionnaire
from .assessment_result import AssessmentResult
from .assessment_result_disclaimer_code import AssessmentResultDisclaimerCode
from .assessment_result_locator_type_1_type_0 import AssessmentResultLocatorType1Type0
from .assessment_result_out_of_scope_type_0_type_0 import AssessmentResultOutOfScopeType0Type0
from .assessment_score import AssessmentScore
from .assessment_urgency import AssessmentUrgency
from .assessment_urgency_level import AssessmentUrgencyLevel
from .assessment_urgency_minimum_level_type_1 import AssessmentUrgencyMinimumLevelType1
from .assessment_urgency_minimum_level_type_2_type_1 import AssessmentUrgencyMinimumLevelType2Type1
from .assessment_urgency_minimum_level_type_3_type_1 import AssessmentUrgencyMinimumLevelType3Type1
from .attribution import Attribution
from .attribution_data_item import AttributionDataItem
from .audit_event import AuditEvent
from .audit_event_details import AuditEventDetails
from .care_pathway import CarePathway
from .care_pathway_result import CarePathwayResult
from .care_pathway_result_step import CarePathwayResultStep
from .care_step import CareStep
from .change import Change
from .change_change import ChangeChange
from .change_kind import ChangeKind
from .changes_page import ChangesPage
from .citation import Citation
from .code import Code
from .condition import Condition
from .condition_evidence import ConditionEvidence
from .condition_evidence_answers import ConditionEvidenceAnswers
from .condition_result import ConditionResult
from .condition_result_band import ConditionResultBand
from .condition_sections import ConditionSections
from .condition_summary import ConditionSummary
from .condition_treatment import ConditionTreatment
from .confirmation import Confirmation
from .deactivation import Deactivation
from .get_questionnaire_response_200 import GetQuestionnaireResponse200
from .health import Health
from .import_error import ImportError_
from .import_physicians_mode import ImportPhysiciansMode
from .import_report import ImportReport
from .import_report_mode import ImportReportMode
from .key import Key
from .list_treatments_family import ListTreatmentsFamily
from .location import Location
from .location_geo_precision import LocationGeoPrecision
from .locator_filter import LocatorFilter
from .missing_answer import MissingAnswer
from .nearest_match import NearestMatch
from .origin import Origin
from .origin_method import OriginMethod
from .origin_precision import OriginPrecision
from .out_of_scope import OutOfScope
from .pagination_metadata import PaginationMetadata
from .partner import Partner
from .physician_result import PhysicianResult
from .physician_search_metadata import PhysicianSearchMetadata
from .physician_search_metadata_origin_type_1_type_0 import PhysicianSearchMetadataOriginType1Type0
from .physician_search_metadata_zero_result_hint_type_1_type_0 import PhysicianSearchMetadataZeroResultHintType1Type0
from .physician_search_page import PhysicianSearchPage
from .problem import Problem
from .problem_errors_item import ProblemErrorsItem
from .provider import Provider
from .provider_detail import ProviderDetail
from .provider_detail_gender_type_1 import ProviderDetailGenderType1
from .provider_detail_gender_type_2_type_1 import ProviderDetailGenderType2Type1
from .provider_detail_gender_type_3_type_1 import ProviderDetailGenderType3Type1
from .provider_gender_type_1 import ProviderGenderType1
from .provider_gender_type_2_type_1 import ProviderGenderType2Type1
from .provider_gender_type_3_type_1 import ProviderGenderType3Type1
from .provider_reference import ProviderReference
from .provider_therapy import ProviderTherapy
from .question_enable_when import QuestionEnableWhen
from .readiness import Readiness
from .readiness_checks import ReadinessChecks
from .referral import Referral
from .related_condition import RelatedCondition
from .search_content_kind import SearchContentKind
from .search_physicians_unit import SearchPhysiciansUnit
from .search_result import SearchResult
from .search_result_kind import SearchResultKind
from .specialty import Specialty
from .symptom import Symptom
from .treatment import Treatment
from .treatment_family import TreatmentFamily
from .treatment_kind import TreatmentKind
from .treatment_option import TreatmentOption
from .treatment_sections import TreatmentSections
from .treatment_summary import TreatmentSummary
from .treatment_summary_family import TreatmentSummaryFamily
from .treatment_summary_kind import TreatmentSummaryKind
from .urgency_trigger import UrgencyTrigger
from .urgency_trigger_answers import UrgencyTriggerAnswers
from .urgency_trigger_urgency import UrgencyTriggerUrgency
from .urgent_sign import UrgentSign
from .urgent_sign_level import UrgentSignLevel
from .usage import Usage
from .usage_row import UsageRow
from .zero_result_hint import ZeroResultHint
from .zero_result_hint_nearest_type_1_type_0 import ZeroResultHintNearestType1Type0

__all__ = (
    "AnswerOption",
    "AnswerWarning",
    "AnswerWarningCode",
    "Assessment",
    "AssessmentAnswerMap",
    "AssessmentAnswers",
    "AssessmentAnswersAnswers",
    "AssessmentQuestion",
    "AssessmentQuestionnaire",
    "AssessmentQuestionType",
    "AssessmentResult",
    "AssessmentResultDisclaimerCode",
    "AssessmentResultLocatorType1Type0",
    "AssessmentResultOutOfScopeType0Type0",
    "AssessmentScore",
    "AssessmentUrgency",
    "AssessmentUrgencyLevel",
    "AssessmentUrgencyMinimumLevelType1",
    "AssessmentUrgencyMinimumLevelType2Type1",
    "AssessmentUrgencyMinimumLevelType3Type1",
    "Attribution",
    "AttributionDataItem",
    "AuditEvent",
    "AuditEventDetails",
    "CarePathway",
    "CarePathwayResult",
    "CarePathwayResultStep",
    "CareStep",
    "Change",
    "ChangeChange",
    "ChangeKind",
    "ChangesPage",
    "Citation",
    "Code",
    "Condition",
    "ConditionEvidence",
    "ConditionEvidenceAnswers",
    "ConditionResult",
    "ConditionResultBand",
    "ConditionSections",
    "ConditionSummary",
    "ConditionTreatment",
    "Confirmation",
    "Deactivation",
    "GetQuestionnaireResponse200",
    "Health",
    "ImportError_",
    "ImportPhysiciansMode",
    "ImportReport",
    "ImportReportMode",
    "Key",
    "ListTreatmentsFamily",
    "Location",
    "LocationGeoPrecision",
    "LocatorFilter",
    "MissingAnswer",
    "NearestMatch",
    "Origin",
    "OriginMethod",
    "OriginPrecision",
    "OutOfScope",
    "PaginationMetadata",
    "Partner",
    "PhysicianResult",
    "PhysicianSearchMetadata",
    "PhysicianSearchMetadataOriginType1Type0",
    "PhysicianSearchMetadataZeroResultHintType1Type0",
    "PhysicianSearchPage",
    "Problem",
    "ProblemErrorsItem",
    "Provider",
    "ProviderDetail",
    "ProviderDetailGenderType1",
    "ProviderDetailGenderType2Type1",
    "ProviderDetailGenderType3Type1",
    "ProviderGenderType1",
    "ProviderGenderType2Type1",
    "ProviderGenderType3Type1",
    "ProviderReference",
    "ProviderTherapy",
    "QuestionEnableWhen",
    "Readiness",
    "ReadinessChecks",
    "Referral",
    "RelatedCondition",
    "SearchContentKind",
    "SearchPhysiciansUnit",
    "SearchResult",
    "SearchResultKind",
    "Specialty",
    "Symptom",
    "Treatment",
    "TreatmentFamily",
    "TreatmentKind",
    "TreatmentOption",
    "TreatmentSections",
    "TreatmentSummary",
    "TreatmentSummaryFamily",
    "TreatmentSummaryKind",
    "UrgencyTrigger",
    "UrgencyTriggerAnswers",
    "UrgencyTriggerUrgency",
    "UrgentSign",
    "UrgentSignLevel",
    "Usage",
    "UsageRow",
    "ZeroResultHint",
    "ZeroResultHintNearestType1Type0",
)
