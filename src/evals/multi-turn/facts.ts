// Multi-turn answers are checked with the shared exact-fact rules.
export { containsFact, showFact, type Fact } from '../../scorers/text/contains-fact.ts';
