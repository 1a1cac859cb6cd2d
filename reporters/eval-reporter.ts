// The eval reporter as a module path, for `--reporter=./reporters/eval-reporter.ts`: see src/node/report/eval-reporter.ts.
export { EvalReporter as default } from '../src/node/report/eval-reporter.ts';
