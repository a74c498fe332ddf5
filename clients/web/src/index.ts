// One script tag defines both elements:
//   <script src="https://api.example.org/static/web/spinecare-elements.js" defer></script>
//   <spinecare-symptom-check api-key="sck_…" lang="es"></spinecare-symptom-check>
import { FindSpecialist } from "./find-specialist.js";
import { SymptomCheck } from "./symptom-check.js";

export { FindSpecialist, SymptomCheck };

if (!customElements.get("spinecare-find-specialist")) {
  customElements.define("spinecare-find-specialist", FindSpecialist);
}
if (!customElements.get("spinecare-symptom-check")) {
  customElements.define("spinecare-symptom-check", SymptomCheck);
}
