import type { DatasetFilePin } from '../../shared/datasets/pins.ts';
import type { BfclCategory } from './categories.ts';

// Pinned BFCL v4 files (values from shared/datasets/bfcl/MANIFEST.md; never dataset contents).
// Questions are `bfcl/<category>`, possible answers `bfcl/<category>/answers`.

// The manifest's snapshot of ShishirPatil/gorilla; the data folder is unchanged since f7cf735 (2025-12-16).
const GORILLA = {
  repository: 'ShishirPatil/gorilla',
  commit: '6ea57973c7a6097fd7c5915698c54c17c5b1b6c8',
  license: 'Apache-2.0',
  // PUBLIC_URL_TEMPLATE, spelled out: importing it would make datasets/pins.ts and this module a cycle.
  urlTemplate: 'https://raw.githubusercontent.com/{repository}/{commit}/{path}',
} as const;
const DATA_DIR = 'berkeley-function-call-leaderboard/bfcl_eval/data';

// Build the pin of one file from its manifest row.
function pinFile<Id extends string>(id: Id, file: string, sha256: string, bytes: number, records: number) {
  return { ...GORILLA, id, path: `${DATA_DIR}/${file}`, localPath: `bfcl/${file}`, sha256, bytes, records } as const;
}

/** Every pinned BFCL file, keyed by pin id. */
export const BFCL_DATASET_PINS = {
  'bfcl/simple_python': pinFile(
    'bfcl/simple_python',
    'BFCL_v4_simple_python.json',
    '82dd63ba502eb2520c6b5d1d9a5c4b590e03ff261565175561f6228a367d1991',
    283274,
    400,
  ),
  'bfcl/simple_java': pinFile(
    'bfcl/simple_java',
    'BFCL_v4_simple_java.json',
    '13d2303a125b08754f0e41995b9273b5005fa8ed8ebfaa24ef53b4d83c4b5c6e',
    86619,
    100,
  ),
  'bfcl/simple_javascript': pinFile(
    'bfcl/simple_javascript',
    'BFCL_v4_simple_javascript.json',
    '329e67fedf79a6243d93dbda4b388d12bd2d31f1f2163d92cb6ef676d1764f44',
    47063,
    50,
  ),
  'bfcl/multiple': pinFile(
    'bfcl/multiple',
    'BFCL_v4_multiple.json',
    'aef168155ebd74b7ac2401198b201343bc7d16d7a3d7e0d4e6d8ee82c6969b2a',
    316583,
    200,
  ),
  'bfcl/parallel': pinFile(
    'bfcl/parallel',
    'BFCL_v4_parallel.json',
    '19f51a82eff42e5d62541aa500115a056eb78f437c2ba1f10415fd7c8e5dda84',
    171896,
    200,
  ),
  'bfcl/parallel_multiple': pinFile(
    'bfcl/parallel_multiple',
    'BFCL_v4_parallel_multiple.json',
    '8863ea8433239f55c5f016154cf0830853c89f693c6ea270396a2fa121960579',
    347080,
    200,
  ),
  'bfcl/irrelevance': pinFile(
    'bfcl/irrelevance',
    'BFCL_v4_irrelevance.json',
    '2b6ed4c2e992cdcf5f1678a701851f944bef7550ee026ed1ddb89efed5be01a6',
    159940,
    240,
  ),
  'bfcl/live_simple': pinFile(
    'bfcl/live_simple',
    'BFCL_v4_live_simple.json',
    '1af2ac87dca47556db7b7e37e51e28b459a38b594e3c7b3c792b4903598ca0c4',
    260140,
    258,
  ),
  'bfcl/live_multiple': pinFile(
    'bfcl/live_multiple',
    'BFCL_v4_live_multiple.json',
    'fd8ccfad4d911420d0e3341dbe2fff77d1d341da934248b9bb2bda24ab3a10c8',
    3891277,
    1053,
  ),
  'bfcl/live_parallel': pinFile(
    'bfcl/live_parallel',
    'BFCL_v4_live_parallel.json',
    '6c26e9fdc3350cf596e6d1ea9c179cbff834761bccf562f4141ed29a839ca421',
    15649,
    16,
  ),
  'bfcl/live_parallel_multiple': pinFile(
    'bfcl/live_parallel_multiple',
    'BFCL_v4_live_parallel_multiple.json',
    '21d4b9319c1faac431e22757b367ea28917fe467364c3a4b17f16ec06d4f6e79',
    82332,
    24,
  ),
  'bfcl/live_irrelevance': pinFile(
    'bfcl/live_irrelevance',
    'BFCL_v4_live_irrelevance.json',
    '6559fda2beaceb609a2cd2e504c65b4a56cb448e1ef88fddfd199e163d163349',
    2209534,
    884,
  ),
  'bfcl/live_relevance': pinFile(
    'bfcl/live_relevance',
    'BFCL_v4_live_relevance.json',
    'e03f9e241657a137cba48a89ee12f47bf3fcb7e4f6274263e9c699a0c974203a',
    47327,
    16,
  ),
  'bfcl/simple_python/answers': pinFile(
    'bfcl/simple_python/answers',
    'possible_answer/BFCL_v4_simple_python.json',
    '90cd5bc653690ee8e459b5b3f3fc9458606f7f3fcbf795bb51b7dc581f8c86dc',
    63627,
    400,
  ),
  'bfcl/simple_java/answers': pinFile(
    'bfcl/simple_java/answers',
    'possible_answer/BFCL_v4_simple_java.json',
    '78f25616084044fa05bbfcee68e03f6ececb222bdd5cb3b7783a675fb3366e35',
    16407,
    100,
  ),
  'bfcl/simple_javascript/answers': pinFile(
    'bfcl/simple_javascript/answers',
    'possible_answer/BFCL_v4_simple_javascript.json',
    'e2f9f2e51d88e0c8056ffbf1a3dd3d02eb032532d2b5d98c9cc9003385bdd56b',
    7881,
    50,
  ),
  'bfcl/multiple/answers': pinFile(
    'bfcl/multiple/answers',
    'possible_answer/BFCL_v4_multiple.json',
    '244e00ce9395df948bcafc7bee64e8f9c87ef70887587d83cae45b13699f3047',
    32254,
    200,
  ),
  'bfcl/parallel/answers': pinFile(
    'bfcl/parallel/answers',
    'possible_answer/BFCL_v4_parallel.json',
    '8a6aa19c1adddc6a5a2f7e40f9dbf30cc7e95815e7b830c90589ab318229e0f0',
    66005,
    200,
  ),
  'bfcl/parallel_multiple/answers': pinFile(
    'bfcl/parallel_multiple/answers',
    'possible_answer/BFCL_v4_parallel_multiple.json',
    '5ebf24f458c1f16300c05505d83d6f0a1b68b79be273a033febd0d4f840507e3',
    74602,
    200,
  ),
  'bfcl/live_simple/answers': pinFile(
    'bfcl/live_simple/answers',
    'possible_answer/BFCL_v4_live_simple.json',
    'fec9cfa9744a936f9126981e85a2023da1e63e273eafebc81923a1162fad70ce',
    46972,
    258,
  ),
  'bfcl/live_multiple/answers': pinFile(
    'bfcl/live_multiple/answers',
    'possible_answer/BFCL_v4_live_multiple.json',
    '97e90d59c5bd76c55a2920ce93e5566e9046307d3f558578f085f9d3a56c3084',
    199668,
    1053,
  ),
  'bfcl/live_parallel/answers': pinFile(
    'bfcl/live_parallel/answers',
    'possible_answer/BFCL_v4_live_parallel.json',
    '8a9f189ff0e832ebbbbdade1fd95a7dbcc67406e9177df3f0aad76f59ab00350',
    4972,
    16,
  ),
  'bfcl/live_parallel_multiple/answers': pinFile(
    'bfcl/live_parallel_multiple/answers',
    'possible_answer/BFCL_v4_live_parallel_multiple.json',
    'f5b5f360556c5feb51db46fb9f56ee4b304f4b45b161599bbb14161c98a2873f',
    7420,
    24,
  ),
} as const satisfies Record<string, DatasetFilePin>;

/** Id of a pinned BFCL file. */
export type BfclPinId = keyof typeof BFCL_DATASET_PINS;

/** Pin id of a category's question file. */
export function questionPinId(category: BfclCategory): BfclPinId {
  return `bfcl/${category}`;
}

/** Pin id of a category's possible-answer file; null for irrelevance and relevance, which have none. */
export function answerPinId(category: BfclCategory): BfclPinId | null {
  const id = `bfcl/${category}/answers`;
  return Object.hasOwn(BFCL_DATASET_PINS, id) ? (id as BfclPinId) : null;
}

/** Number of questions in a category (BFCL counts a category it did not run with this size, at 0%). */
export function categorySize(category: BfclCategory): number {
  return BFCL_DATASET_PINS[questionPinId(category)].records;
}
