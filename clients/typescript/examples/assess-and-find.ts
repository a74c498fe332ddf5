// Runs a symptom assessment, then searches physicians with the result's `locator` filters.
//   SPINECARE_BASE_URL=http://127.0.0.1:8000 SPINECARE_API_KEY=sck_... npm run example
// The key needs the scopes `assessment:write` and `locator:read`.
import { createSpinecareClient, type Schemas } from "../src/index.js";

const baseUrl = process.env.SPINECARE_BASE_URL;
const apiKey = process.env.SPINECARE_API_KEY;
if (!baseUrl || !apiKey) {
  console.error("Set SPINECARE_BASE_URL and SPINECARE_API_KEY.");
  process.exit(2);
}
const zip = process.env.SPINECARE_ZIP ?? "10001";

// Leg pain on walking, eased by rest and by bending forward, for 20 weeks. Every red-flag
// question is answered: until then the result is `screening_incomplete`, never advice.
const answers: Schemas["AssessmentAnswers"]["answers"] = {
  age: 68,
  pain_duration_weeks: 20,
  sudden_severe_abdominal_or_back_pain: false,
  bladder_or_bowel_change: false,
  saddle_numbness: false,
  new_sexual_dysfunction: false,
  bilateral_leg_symptoms_new: false,
  leg_weakness: false,
  progressive_leg_weakness: false,
  numbness_or_tingling: false,
  fever_or_chills: false,
  iv_drug_use_or_immunosuppressed: false,
  recent_spinal_procedure_or_infection: false,
  cancer_history: false,
  unexplained_weight_loss: false,
  worse_at_night: false,
  significant_trauma: false,
  osteoporosis_or_long_term_steroids: false,
  pain_intensity: 6,
  pain_locations: ["lower_back", "buttocks", "thigh"],
  leg_pain_side: "both",
  leg_symptoms_walking_eased_by_rest: true,
  relief_sitting_or_bending_forward: true,
  conservative_care_tried: ["physical_therapy", "medication"],
  conservative_care_weeks: 14,
};

function fail(what: string, error: unknown, response: Response): never {
  console.error(`${what} failed: HTTP ${response.status}`, JSON.stringify(error));
  process.exit(1);
}

async function main(): Promise<void> {
  const client = createSpinecareClient({ baseUrl: baseUrl!, apiKey: apiKey! });

  const assessment = await client.POST("/v1/assessments/evaluate", { body: { answers } });
  if (!assessment.data) fail("assessment", assessment.error, assessment.response);
  const { urgency, conditions, locator } = assessment.data;
  console.log(`urgency: ${urgency.level} (${urgency.label})`);
  const leading = conditions.filter((condition) => condition.band === "likely");
  console.log(`likely: ${leading.map((condition) => condition.slug).join(", ") || "none"}`);

  // null when a physician search is not the advice (an emergency, or self-care).
  if (!locator || !("specialty" in locator)) {
    console.log("physicians: no search advised");
    return;
  }
  const search = await client.GET("/v1/physicians", {
    params: { query: { zip, specialty: locator.specialty, therapy: locator.therapy } },
  });
  if (!search.data) fail("physician search", search.error, search.response);
  const { metadata, results } = search.data;
  console.log(`physicians: ${metadata.count} on the first page, within ${metadata.radius} ${metadata.unit} of ${zip}`);
  for (const { distance, provider, location } of results.slice(0, 5)) {
    // A search from a ZIP always measures a distance (only an NPI lookup has none).
    console.log(`  ${(distance ?? 0).toFixed(1)} ${metadata.unit}  ${provider.name}, ${location.city} ${location.state}`);
  }
}

await main();
