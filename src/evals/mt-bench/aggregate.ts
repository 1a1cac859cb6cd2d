// Per-turn and per-category MT-Bench means, as FastChat's show_result (ratings of -1 dropped, but counted here).

/** One judged (question, turn). */
export interface MtBenchRating {
  questionId: number;
  category: string;
  turn: 1 | 2;
  /** null = the judgment had no parseable rating. */
  rating: number | null;
}

/** Mean of the parsed ratings of a group. */
export interface MtBenchGroupScore {
  /** null when no rating in the group parsed. */
  mean: number | null;
  /** Parsed ratings that entered the mean. */
  n: number;
  /** Judgments without a rating (FastChat's -1). */
  unparseable: number;
}

/** MT-Bench score overall, per turn and per category. */
export interface MtBenchAggregate {
  overall: MtBenchGroupScore;
  byTurn: Record<'1' | '2', MtBenchGroupScore>;
  byCategory: Record<string, MtBenchGroupScore>;
}

// Mean and counts of a list of ratings.
function summarize(ratings: readonly MtBenchRating[]): MtBenchGroupScore {
  const parsed = ratings.flatMap((r) => (r.rating === null ? [] : [r.rating]));
  return {
    mean: parsed.length ? parsed.reduce((a, b) => a + b, 0) / parsed.length : null,
    n: parsed.length,
    unparseable: ratings.length - parsed.length,
  };
}

/**
 * Aggregate ratings: the overall score is the mean over every parsed (question, turn) rating, as FastChat's
 * show_result computes it (not the mean of per-question means when a turn is missing).
 */
export function aggregateMtBenchRatings(ratings: readonly MtBenchRating[]): MtBenchAggregate {
  const categories = [...new Set(ratings.map((r) => r.category))].sort();
  return {
    overall: summarize(ratings),
    byTurn: { '1': summarize(ratings.filter((r) => r.turn === 1)), '2': summarize(ratings.filter((r) => r.turn === 2)) },
    byCategory: Object.fromEntries(categories.map((c) => [c, summarize(ratings.filter((r) => r.category === c))])),
  };
}
