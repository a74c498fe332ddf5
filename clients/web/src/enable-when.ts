// The questionnaire's enable_when, evaluated as the server does (service/assessment/expressions.py):
// all clauses must hold; a clause about an unanswered question never holds (except `exists`);
// on a multiple-choice question `=` means "includes" and `!=` "does not include".
import type { Answers, Question } from "./api.js";

type Clause = Question["enable_when"][number];

function holds(clause: Clause, answers: Answers, types: Map<string, string>): boolean {
  const answer = answers[clause.question];
  const present = answer !== undefined && answer !== null;
  if (clause.operator === "exists") return present === clause.answer;
  if (!present) return false;
  if (types.get(clause.question) === "multi" && Array.isArray(answer)) {
    const includes = answer.includes(String(clause.answer));
    if (clause.operator === "=") return includes;
    if (clause.operator === "!=") return !includes;
    return false;
  }
  const expected = clause.answer as unknown;
  switch (clause.operator) {
    case "=": return answer === expected;
    case "!=": return answer !== expected;
    case ">": return (answer as number) > (expected as number);
    case "<": return (answer as number) < (expected as number);
    case ">=": return (answer as number) >= (expected as number);
    case "<=": return (answer as number) <= (expected as number);
    default: return false;
  }
}

export function isEnabled(question: Question, answers: Answers, types: Map<string, string>): boolean {
  return question.enable_when.every((clause) => holds(clause, answers, types));
}
