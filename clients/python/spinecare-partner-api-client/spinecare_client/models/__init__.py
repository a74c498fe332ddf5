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
from .assessment_score import AssessmentScore
from .assessment_urgency import AssessmentUrgency
from .assessment_urgency_level import AssessmentUrgencyLevel
from .assessment_urgency_minimum_level_type_0 import AssessmentUrgencyMinimumLevelType0
from .attribution import Attribution
from .attribution_data_item import AttributionDataItem
from .audit_event import AuditEvent
from .audit_event_details import AuditEventDetails
from .care_pathway import CarePathway
from .care_pathway_result import CarePathwayResult
from .care_pathway_result_pathway_step_type_0 import CarePathwayResultPathwayStepType0
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
from .get_fhir_capability_statement_format import GetFhirCapabilityStatementFormat
from .get_fhir_capability_statement_response_200 import GetFhirCapabilityStatementResponse200
from .get_fhir_healthcare_service_format import GetFhirHealthcareServiceFormat
from .get_fhir_healthcare_service_response_200 import GetFhirHealthcareServiceResponse200
from .get_fhir_location_format import GetFhirLocationFormat
from .get_fhir_location_response_200 import GetFhirLocationResponse200
from .get_fhir_organization_format import GetFhirOrganizationFormat
from .get_fhir_organization_response_200 import GetFhirOrganizationResponse200
from .get_fhir_practitioner_format import GetFhirPractitionerFormat
from .get_fhir_practitioner_response_200 import GetFhirPractitionerResponse200
from .get_fhir_practitioner_role_format import GetFhirPractitionerRoleFormat
from .get_fhir_practitioner_role_response_200 import GetFhirPractitionerRoleResponse200
from .get_questionnaire_response_200 import GetQuestionnaireResponse200
from .health import Health
from .import_error import ImportError_
from .import_physicians_mode import ImportPhysiciansMode
from .import_report import ImportReport
from .import_report_mode import ImportReportMode
from .key import Key
from .key_kind import KeyKind
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
from .physician_search_page import PhysicianSearchPage
from .problem import Problem
from .problem_code import ProblemCode
from .problem_errors_item import ProblemErrorsItem
from .provider import Provider
from .provider_detail import ProviderDetail
from .provider_detail_gender_type_0 import ProviderDetailGenderType0
from .provider_gender_type_0 import ProviderGenderType0
from .provider_reference import ProviderReference
from .provider_therapy import ProviderTherapy
from .question_enable_when import QuestionEnableWhen
from .readiness import Readiness
from .readiness_checks import ReadinessChecks
from .referral import Referral
from .related_condition import RelatedCondition
from .search_content_kind import SearchContentKind
from .search_fhir_locations_format import SearchFhirLocationsFormat
from .search_fhir_locations_include_item import SearchFhirLocationsIncludeItem
from .search_fhir_locations_response_200 import SearchFhirLocationsResponse200
from .search_fhir_locations_revinclude_item import SearchFhirLocationsRevincludeItem
from .search_fhir_practitioner_roles_format import SearchFhirPractitionerRolesFormat
from .search_fhir_practitioner_roles_include_item import SearchFhirPractitionerRolesIncludeItem
from .search_fhir_practitioner_roles_response_200 import SearchFhirPractitionerRolesResponse200
from .search_fhir_practitioners_format import SearchFhirPractitionersFormat
from .search_fhir_practitioners_response_200 import SearchFhirPractitionersResponse200
from .search_physicians_unit import SearchPhysiciansUnit
from .search_result import SearchResult
from .search_result_kind import SearchResultKind
from .specialty import Specialty
from .specialty_node import SpecialtyNode
from .specialty_node_level import SpecialtyNodeLevel
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
    "AssessmentScore",
    "AssessmentUrgency",
    "AssessmentUrgencyLevel",
    "AssessmentUrgencyMinimumLevelType0",
    "Attribution",
    "AttributionDataItem",
    "AuditEvent",
    "AuditEventDetails",
    "CarePathway",
    "CarePathwayResult",
    "CarePathwayResultPathwayStepType0",
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
    "GetFhirCapabilityStatementFormat",
    "GetFhirCapabilityStatementResponse200",
    "GetFhirHealthcareServiceFormat",
    "GetFhirHealthcareServiceResponse200",
    "GetFhirLocationFormat",
    "GetFhirLocationResponse200",
    "GetFhirOrganizationFormat",
    "GetFhirOrganizationResponse200",
    "GetFhirPractitionerFormat",
    "GetFhirPractitionerResponse200",
    "GetFhirPractitionerRoleFormat",
    "GetFhirPractitionerRoleResponse200",
    "GetQuestionnaireResponse200",
    "Health",
    "ImportError_",
    "ImportPhysiciansMode",
    "ImportReport",
    "ImportReportMode",
    "Key",
    "KeyKind",
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
    "PhysicianSearchPage",
    "Problem",
    "ProblemCode",
    "ProblemErrorsItem",
    "Provider",
    "ProviderDetail",
    "ProviderDetailGenderType0",
    "ProviderGenderType0",
    "ProviderReference",
    "ProviderTherapy",
    "QuestionEnableWhen",
    "Readiness",
    "ReadinessChecks",
    "Referral",
    "RelatedCondition",
    "SearchContentKind",
    "SearchFhirLocationsFormat",
    "SearchFhirLocationsIncludeItem",
    "SearchFhirLocationsResponse200",
    "SearchFhirLocationsRevincludeItem",
    "SearchFhirPractitionerRolesFormat",
    "SearchFhirPractitionerRolesIncludeItem",
    "SearchFhirPractitionerRolesResponse200",
    "SearchFhirPractitionersFormat",
    "SearchFhirPractitionersResponse200",
    "SearchPhysiciansUnit",
    "SearchResult",
    "SearchResultKind",
    "Specialty",
    "SpecialtyNode",
    "SpecialtyNodeLevel",
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
)
