// `--format ndjson`: one line per visit, each the same object as one element of the JSON
// contract's "results", in input order, written as soon as it is checked. An input that gave no
// result is a line {"source", "problem": "bad-input" | "engine-failure", "messages": [...]} in its
// place (a result line never has a "problem" key).
import { resultJson } from '../../output';
import { type Format, problemJson } from './format';

export const ndjsonFormat: Format = {
  locates: false,
  first: '',
  between: '',
  begin: () => '',
  result: (item) => `${JSON.stringify(resultJson(item))}\n`,
  problem: (problem) => `${JSON.stringify(problemJson(problem))}\n`,
  end: () => '',
};
